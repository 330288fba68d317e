"""Design files: versioned JSON with migrations, and template packs (zip).

A broken or too-new file raises ``DesignFileError`` with a message code; nothing is
written. Saving goes through a temporary file and an atomic rename, so a crash never
leaves half a design on disk. A template pack is a zip of design JSON files plus the
images they use ("pack:<name>" sources); any entry whose path leaves the pack, or a pack
that would unpack to something huge, is refused before anything is read out of it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from composer.design import bounds
from composer.design.model import SCHEMA_VERSION, Design
from composer.i18n import N_

MAX_FILE_BYTES = 5 * 1024 * 1024
PACK_MAX_ENTRIES = 200
PACK_MAX_BYTES = 60 * 1024 * 1024
PACK_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
PACK_CHUNK = 256 * 1024


@dataclass
class DesignFileError(Exception):
    code: str  # a composer.i18n message code
    params: dict[str, str | int | float] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}"


# Migrations from schema N to N+1, applied in order to the raw dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def from_data(data: Any) -> Design:
    if not isinstance(data, dict):
        raise DesignFileError("design.broken", {"detail": N_("it is not a design (no JSON object)")})
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        raise DesignFileError("design.broken", {"detail": N_("it has no schema_version")})
    if version > SCHEMA_VERSION:
        raise DesignFileError("design.too_new", {"version": version})
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    try:
        design = Design.from_dict(data)
    except RecursionError as exc:
        raise DesignFileError("design.too_deep", {"limit": bounds.MAX_DEPTH}) from exc
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        logging.getLogger(__name__).info("design refused: %s: %s", type(exc).__name__, exc)
        raise DesignFileError(
            "design.broken", {"detail": N_("its contents do not fit Siar's design format")}
        ) from exc
    try:
        bounds.check(design)
    except bounds.DesignLimitError as exc:
        raise DesignFileError(exc.code, exc.params) from exc
    return design


def loads(text: str) -> Design:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DesignFileError(
            "design.broken", {"detail": N_("it is not valid JSON (line {line})"), "line": exc.lineno}
        ) from exc
    except RecursionError as exc:  # e.g. 100,000 nested brackets
        raise DesignFileError("design.too_deep", {"limit": bounds.MAX_DEPTH}) from exc
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise DesignFileError("design.broken", {"detail": N_("it has a number that is too long")}) from exc
    return from_data(data)


def dumps(design: Design) -> str:
    return json.dumps(design.to_dict(), ensure_ascii=False, indent=1)


def load(path: Path) -> Design:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DesignFileError("design.broken", {"detail": N_("the file is too large")})
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DesignFileError("design.broken", {"detail": N_("it is not UTF-8 text")}) from exc
    except FileNotFoundError as exc:
        raise DesignFileError("design.broken", {"detail": N_("the file does not exist")}) from exc
    except IsADirectoryError as exc:
        raise DesignFileError("design.broken", {"detail": N_("it is a folder, not a file")}) from exc
    except PermissionError as exc:
        raise DesignFileError("design.broken", {"detail": N_("Siar is not allowed to read it")}) from exc
    except OSError as exc:
        raise DesignFileError("design.broken", {"detail": N_("the disk could not read it")}) from exc
    return loads(text)


def save(design: Design, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(dumps(design))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@dataclass
class Pack:
    designs: list[Design]
    images: dict[str, bytes]  # pack-relative name → bytes


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise DesignFileError("design.pack_unsafe", {"path": name})
    return path


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> bytes:
    """The member's bytes, reading at most *budget* of them whatever its header claims:
    the sizes in a zip are the writer's word, so the real decompressed size is counted."""
    chunks, total = [], 0
    with archive.open(member) as stream:
        while chunk := stream.read(min(PACK_CHUNK, budget - total + 1)):
            total += len(chunk)
            if total > budget:
                raise DesignFileError("design.pack_too_big")
            chunks.append(chunk)
    return b"".join(chunks)


def read_pack(path: Path) -> Pack:
    """Read a template pack; refuses unsafe or oversized packs before extracting anything,
    and stops reading as soon as the real decompressed bytes pass the limits."""
    try:
        archive = zipfile.ZipFile(path)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise DesignFileError(
            "design.broken", {"detail": N_("it is not a template pack (zip file)")}
        ) from exc
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > PACK_MAX_ENTRIES or sum(m.file_size for m in members) > PACK_MAX_BYTES:
            raise DesignFileError("design.pack_too_big")
        for member in members:
            _safe_member(member.filename)
            # bzip2 and LZMA entries decompress a whole block at once whatever the reader
            # asks for (a few KB can become gigabytes); stored and deflate read in chunks.
            if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise DesignFileError(
                    "design.broken",
                    {
                        "detail": N_("{name} is compressed in a way Siar does not read"),
                        "name": member.filename,
                    },
                )
        designs, images = [], {}
        left = PACK_MAX_BYTES
        for member in members:
            name = _safe_member(member.filename)
            suffix = name.suffix.lower()
            if suffix not in PACK_IMAGE_SUFFIXES and suffix != ".json":
                continue
            limit = min(left, MAX_FILE_BYTES) if suffix == ".json" else left
            try:
                data = _read_member(archive, member, limit)
            except (
                zipfile.BadZipFile,
                zipfile.LargeZipFile,
                zlib.error,
                OSError,
                EOFError,
                ValueError,
                NotImplementedError,
                RuntimeError,
            ) as exc:
                # A damaged entry or deflate stream, a bad CRC, a zip version or feature
                # zipfile does not read, an encrypted entry…
                raise DesignFileError(
                    "design.broken", {"detail": N_("{name} is damaged"), "name": member.filename}
                ) from exc
            left -= len(data)
            if suffix == ".json":
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise DesignFileError(
                        "design.broken", {"detail": N_("{name} is not UTF-8 text"), "name": member.filename}
                    ) from exc
                designs.append(loads(text))
            else:
                images[name.as_posix()] = data
    return Pack(designs, images)
