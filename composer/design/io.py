"""Design files: versioned JSON with migrations, and template packs (zip).

A broken or too-new file raises ``DesignFileError`` with a message code; nothing is
written. Saving goes through a temporary file and an atomic rename, so a crash never
leaves half a design on disk. A template pack is a zip of design JSON files plus the
images they use ("pack:<name>" sources); any entry whose path leaves the pack, or a pack
that would unpack to something huge, is refused before anything is read out of it.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from composer.design.model import SCHEMA_VERSION, Design

MAX_FILE_BYTES = 5 * 1024 * 1024
PACK_MAX_ENTRIES = 200
PACK_MAX_BYTES = 60 * 1024 * 1024
PACK_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}


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
        raise DesignFileError("design.broken", {"detail": "not a JSON object"})
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        raise DesignFileError("design.broken", {"detail": "no schema_version"})
    if version > SCHEMA_VERSION:
        raise DesignFileError("design.too_new", {"version": version})
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    try:
        return Design.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise DesignFileError("design.broken", {"detail": f"{type(exc).__name__}: {exc}"}) from exc


def loads(text: str) -> Design:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DesignFileError("design.broken", {"detail": f"JSON, line {exc.lineno}"}) from exc
    return from_data(data)


def dumps(design: Design) -> str:
    return json.dumps(design.to_dict(), ensure_ascii=False, indent=1)


def load(path: Path) -> Design:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DesignFileError("design.broken", {"detail": "file too large"})
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DesignFileError("design.broken", {"detail": "not UTF-8 text"}) from exc
    except OSError as exc:
        raise DesignFileError("design.broken", {"detail": exc.strerror or str(exc)}) from exc
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


def read_pack(path: Path) -> Pack:
    """Read a template pack; refuses unsafe or oversized packs before extracting anything."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DesignFileError("design.broken", {"detail": "not a zip file"}) from exc
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > PACK_MAX_ENTRIES or sum(m.file_size for m in members) > PACK_MAX_BYTES:
            raise DesignFileError("design.pack_too_big")
        for member in members:
            _safe_member(member.filename)
        designs, images = [], {}
        for member in members:
            name = _safe_member(member.filename)
            suffix = name.suffix.lower()
            if suffix == ".json":
                designs.append(loads(archive.read(member).decode("utf-8", errors="strict")))
            elif suffix in PACK_IMAGE_SUFFIXES:
                images[name.as_posix()] = archive.read(member)
    return Pack(designs, images)
