"""Where design images come from: bundled assets, the media store, the brand logo.

``ImageLoader`` resolves a source string to a decoded Pillow image and keeps recently used
ones decoded, so re-rendering never decodes a photo twice.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageOps

from composer.paths import assets_dir

MediaPath = Callable[[str], Path | None]
MAX_DECODED = 24
MAX_SIDE = 2400  # sources are downscaled to this once: no canvas needs more


class ImageLoader:
    def __init__(self, media_path: MediaPath | None = None) -> None:
        self._media_path = media_path
        self._decoded: OrderedDict[str, Image.Image] = OrderedDict()
        self._mips: dict[tuple[int, str], Image.Image] = {}

    def __call__(self, source: str) -> Image.Image | None:
        found = self._decoded.get(source)
        if found is not None:
            self._decoded.move_to_end(source)
            return found
        path = self._resolve(source)
        if path is None or not path.is_file():
            return None
        try:
            with Image.open(path) as opened:
                opened.draft("RGB", (MAX_SIDE, MAX_SIDE))
                # Upright, and RGB unless it has transparency, once here: resizing RGBA
                # costs a premultiply pass over the whole source on every render.
                upright = ImageOps.exif_transpose(opened)
                has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
                image = upright.convert("RGBA" if has_alpha else "RGB")
        except (OSError, ValueError):
            return None
        if max(image.size) > MAX_SIDE:
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS, reducing_gap=2.0)
        self._decoded[source] = image
        if len(self._decoded) > MAX_DECODED:
            self._decoded.popitem(last=False)
        return image

    def scaled(self, picture: Image.Image, width: int, height: int) -> Image.Image:
        """*picture*, or a cached halved copy of it that is still at least twice as large
        as width×height: resizing from there is quick and loses nothing visible."""
        level = picture
        while level.width >= 4 * width and level.height >= 4 * height and min(level.size) >= 64:
            key = (id(level), "half")
            smaller = self._mips.get(key)
            if smaller is None:
                smaller = level.reduce(2)
                self._mips[key] = smaller
                if len(self._mips) > 4 * MAX_DECODED:
                    self._mips.clear()
            level = smaller
        return level

    def _resolve(self, source: str) -> Path | None:
        if source.startswith("asset:"):
            root = (assets_dir()).resolve()
            path = (root / source[6:]).resolve()
            return path if path.is_relative_to(root) else None  # no escaping the assets folder
        if source.startswith("media:") and self._media_path is not None:
            return self._media_path(source[6:])
        return None
