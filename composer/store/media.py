"""The media folder: imported files stored by the SHA-256 of their bytes, plus thumbnails.

Import is where bad input is stopped: a file that is not an image or video Siar can read,
a truncated or corrupt image, a decompression bomb, a video FFmpeg cannot decode or no
platform takes (composer.store.video) or a huge file is refused with a
``MediaError`` that the UI turns into a sentence. Phone photos are handled: HEIC/HEIF via
pillow-heif, EXIF orientation honoured (width and height are as displayed), and big JPEGs
are decoded at reduced scale for thumbnails so a 50-megapixel photo stays quick.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

# Pillow is imported where images are opened (on worker threads), not at start-up.
from composer import paths
from composer.core.post import MediaItem, now_iso

if TYPE_CHECKING:
    from PIL import Image

    from composer.store.video import VideoInfo

log = logging.getLogger(__name__)
MAX_IMAGE_BYTES = 100 * 1024 * 1024
MAX_VIDEO_BYTES = 4 * 1024 * 1024 * 1024
# 200-MP phone cameras exist (Samsung, Xiaomi); a photo above this is refused from its
# header, before anything is decoded. Pillow's own bomb guard is moved to the same limit.
MAX_PIXELS = 200_000_000
THUMB_PX = 1080

_IMAGE_MIME = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "BMP": "image/bmp",
    "TIFF": "image/tiff",
    "HEIF": "image/heic",
    "MPO": "image/jpeg",
}
_EXTENSION = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/bmp": ".bmp",
    "image/tiff": ".tif",
    "image/heic": ".heic",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "video/webm": ".webm",
}

_heif_registered = False


def register_heif() -> None:
    """Pillow set up for phone photos: the HEIC/HEIF opener, and its decompression-bomb
    guard at Siar's stated limit (its default, 89.5 MP, would refuse real photos)."""
    global _heif_registered
    if not _heif_registered:
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        try:
            from pillow_heif import register_heif_opener

            register_heif_opener()
        except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
            pass
        _heif_registered = True


@dataclass
class MediaError(Exception):
    """A file that cannot be attached; ``code`` and ``params`` are for the UI message."""

    code: str
    params: dict[str, str | int | float] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}"


# ISO-BMFF brands of still images (HEIC/HEIF/AVIF share the "ftyp" box with MP4/MOV).
_IMAGE_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"}


def _video_mime(head: bytes) -> str | None:
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] not in _IMAGE_BRANDS:
        return "video/quicktime" if head[8:10] == b"qt" else "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    return None


_VIDEO_MIME = {"mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm"}


def _probe_video(source: Path) -> VideoInfo:
    """The magic bytes only say "video"; FFmpeg says whether it really is one."""
    from composer.store import video

    try:
        return video.probe(source)
    except video.VideoRefused as refused:
        raise MediaError(refused.code, {"name": source.name, **refused.params}) from refused


def _too_many_pixels(name: str, pixels: int) -> MediaError:
    params: dict[str, str | int | float] = {"name": name, "limit": MAX_PIXELS // 10**6}
    if pixels:
        return MediaError("media.too_many_pixels_count", {**params, "pixels": round(pixels / 1e6)})
    return MediaError("media.too_many_pixels", params)


class MediaStore:
    def __init__(self, root: Path, thumbs: Path, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self.root = root
        self.thumbs = thumbs
        self._db = db
        self._lock = lock
        paths.private_dir(root)
        paths.private_dir(thumbs)

    # --- import --------------------------------------------------------------------
    def import_file(self, source: Path) -> MediaItem:
        """Check *source* and copy it into the store; returns its ``MediaItem``."""
        return self._store(source, *self.check_file(source))

    def check_file(self, source: Path) -> tuple[str, str, int, int, int]:
        """(mime, kind, width, height, size) of a file Siar can attach, or ``MediaError``.
        Nothing is stored: callers attaching several files check them all first."""
        name = source.name
        try:
            facts = source.stat()
            # A pipe, device or folder would block or fail the read below.
            if not stat.S_ISREG(facts.st_mode):
                raise MediaError("media.not_a_file", {"name": name})
            size = facts.st_size
            with source.open("rb") as fh:
                head = fh.read(64)
        except OSError as exc:
            raise MediaError("media.unreadable", {"name": name}) from exc
        if size == 0:
            raise MediaError("media.unreadable", {"name": name})
        if _video_mime(head):
            if size > MAX_VIDEO_BYTES:
                raise MediaError("media.too_large", {"name": name, "limit": MAX_VIDEO_BYTES // 2**20})
            info = _probe_video(source)
            return _VIDEO_MIME[info.container], "video", info.width, info.height, size
        if size > MAX_IMAGE_BYTES:
            raise MediaError("media.too_large", {"name": name, "limit": MAX_IMAGE_BYTES // 2**20})
        width, height, mime = self._inspect_image(source)
        return mime, "image", width, height, size

    def discard(self, ids: list[str]) -> None:
        """Forget media imported for something that was then not saved (a later file was
        refused, the disk filled): rows and files that nothing refers to go."""
        try:
            self._discard(ids)
        except (OSError, sqlite3.Error) as exc:  # the disk is full: what failed stays, harmless
            log.warning("could not discard unsaved media: %s", exc)

    def _discard(self, ids: list[str]) -> None:
        with self._lock:
            for media_id in ids:
                pattern = f"%{media_id}%"
                used = any(
                    self._db.execute(
                        f"SELECT 1 FROM {table} WHERE {column} LIKE ? LIMIT 1", (pattern,)
                    ).fetchone()
                    for table, column in (
                        ("drafts", "data"),
                        ("designs", "data"),
                        ("jobs", "data"),
                        ("history", "media"),
                    )
                )
                if used:
                    continue
                row = self._db.execute("SELECT stored_as FROM media WHERE id = ?", (media_id,)).fetchone()
                with self._db:
                    self._db.execute("DELETE FROM media WHERE id = ?", (media_id,))
                if row:
                    (self.root / row[0]).unlink(missing_ok=True)

    def import_bytes(self, data: bytes, filename: str) -> MediaItem:
        """Import pasted image data (clipboard) by way of a temporary file."""
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / filename
            path.write_bytes(data)
            return self.import_file(path)

    def _inspect_image(self, source: Path) -> tuple[int, int, str]:
        from PIL import Image, UnidentifiedImageError

        register_heif()
        name = source.name
        try:
            with warnings.catch_warnings():
                # Our own check below gives the real numbers; Pillow's warning would not.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(source) as probe:
                    fmt = probe.format or ""
                    width, height = probe.size
                    if width * height > MAX_PIXELS:
                        raise _too_many_pixels(name, width * height)
                    probe.verify()
                # verify() does not decode everything; a reduced decode catches truncation
                # (JPEG decodes at 1/8 scale: a 200-MP photo costs ~10 MB, not 600).
                with Image.open(source) as im:
                    orientation = im.getexif().get(0x0112, 1)
                    im.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))
                    im.load()
        except MediaError:
            raise
        except Image.DecompressionBombError as exc:  # more than twice the limit
            found = re.search(r"\((\d+) pixels\)", str(exc))
            raise _too_many_pixels(name, int(found.group(1)) if found else 0) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
            raise MediaError("media.unreadable", {"name": name}) from exc
        mime = _IMAGE_MIME.get(fmt)
        if mime is None:
            raise MediaError("media.unsupported", {"name": name})
        if orientation in (5, 6, 7, 8):  # rotated 90°: the displayed image is transposed
            width, height = height, width
        return width, height, mime

    def _store(self, source: Path, mime: str, kind: str, width: int, height: int, size: int) -> MediaItem:
        try:
            return self._copy_in(source, mime, kind, width, height, size)
        except (OSError, sqlite3.Error) as exc:
            from composer.store.problems import FULL, classify

            problem = classify(exc, self.root)
            if problem is not None and problem.code == FULL:
                raise MediaError("media.disk_full", {"name": source.name}) from exc
            raise

    def _copy_in(self, source: Path, mime: str, kind: str, width: int, height: int, size: int) -> MediaItem:
        import hashlib  # loaded when media is first hashed, not at start-up

        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".import-")
        created = False
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            media_id = digest.hexdigest()
            stored = self._relative(media_id, mime)
            target = self.root / stored
            paths.private_dir(target.parent)
            if target.exists():
                os.unlink(tmp_name)
            else:
                os.replace(tmp_name, target)
                created = True
            item = MediaItem(media_id, kind, source.name, mime, width, height, size)
            with self._lock, self._db:
                self._db.execute(
                    """INSERT OR IGNORE INTO media (id, kind, filename, mime, width, height, size, stored_as, created_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (media_id, kind, source.name, mime, width, height, size, stored, now_iso()),
                )
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            if created:  # no row points at it: a file without a row is a stray
                target.unlink(missing_ok=True)
            raise
        return item

    @staticmethod
    def _relative(media_id: str, mime: str) -> str:
        return f"{media_id[:2]}/{media_id}{_EXTENSION.get(mime, '')}"

    # --- access ----------------------------------------------------------------------
    def path_for_id(self, media_id: str) -> Path | None:
        """Where a stored file is, by its id (for designs that reference "media:<id>")."""
        register_heif()  # the design's image loader opens it next: HEIC, up to MAX_PIXELS
        with self._lock:
            row = self._db.execute("SELECT stored_as FROM media WHERE id = ?", (media_id,)).fetchone()
        return self.root / row[0] if row else None

    def item_for_id(self, media_id: str) -> MediaItem | None:
        """The stored file's facts by its id (the history keeps only the id and name)."""
        with self._lock:
            row = self._db.execute(
                "SELECT id, kind, filename, mime, width, height, size FROM media WHERE id = ?", (media_id,)
            ).fetchone()
        return MediaItem(*row) if row else None

    def path(self, item: MediaItem) -> Path:
        return self.root / self._relative(item.id, item.mime)

    def thumbnail(self, item: MediaItem, max_px: int = THUMB_PX) -> Path | None:
        """A display-oriented thumbnail no larger than *max_px* (made once, then cached)."""
        if item.kind != "image":
            return None
        target = self.thumbs / f"{item.id}_{max_px}.png"
        if target.exists():
            return target
        from PIL import Image, ImageOps

        register_heif()
        try:
            with Image.open(self.path(item)) as im:
                im.draft("RGB", (max_px, max_px))
                im.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
                oriented = ImageOps.exif_transpose(im)
                if oriented.mode not in ("RGB", "RGBA"):
                    oriented = oriented.convert("RGBA" if "A" in oriented.getbands() else "RGB")
                fd, tmp_name = tempfile.mkstemp(dir=self.thumbs, suffix=".png")
                with os.fdopen(fd, "wb") as out:
                    out.write(unfiltered_png(oriented))
                os.replace(tmp_name, target)
        except (OSError, ValueError):
            return None
        return target

    def copy_to(self, item: MediaItem, folder: Path) -> Path:
        target = folder / item.filename
        shutil.copyfile(self.path(item), target)
        return target


def unfiltered_png(image: Image.Image) -> bytes:
    """*image* (RGB or RGBA) as a PNG whose rows are stored unfiltered (filter type 0).

    Pillow filters each row (mostly Paeth and Up), which the window then undoes for every
    thumbnail it draws: a third of Qt's decoding time, on the way to the first paint
    (issue 17). Unfiltered, a 720 px photo decodes ~35 % faster for ~25 % more bytes;
    the pixels, and the colour profile kept beside them, are the same."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    if image.mode == "RGB" and isinstance(image.info.get("transparency"), tuple):
        image = image.convert("RGBA")  # its transparent colour (Pillow's tRNS) as alpha: drawn the same
    width, height = image.size
    channels = 4 if image.mode == "RGBA" else 3
    pixels = image.tobytes()
    stride = width * channels
    rows = b"".join(b"\0" + pixels[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if channels == 4 else 2, 0, 0, 0)
    parts = [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header)]
    profile = image.info.get("icc_profile")
    if profile:  # as Pillow writes it: a name, compression method 0, the zlib-compressed profile
        parts.append(chunk(b"iCCP", b"ICC Profile\0\0" + zlib.compress(profile)))
    parts += [chunk(b"IDAT", zlib.compress(rows, 1)), chunk(b"IEND", b"")]
    return b"".join(parts)
