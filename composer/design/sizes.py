"""Canvas sizes a design can take: every platform's image specs, plus custom WxH."""

from __future__ import annotations

import re

from composer.core.platforms import PLATFORMS
from composer.core.platforms.base import ImageSpec

SIZES: tuple[ImageSpec, ...] = tuple(spec for platform in PLATFORMS for spec in platform.image_specs)
BY_NAME: dict[str, ImageSpec] = {spec.name: spec for spec in SIZES}
# The size a platform's post carries an infographic in: the first of its specs (its feed's;
# Instagram's square and story presets are canvases to design on: "a 9:16 image cannot be a
# feed post", PLATFORMS.md §3, and Siar makes feed posts). An infographic attached to a draft is
# rendered in every platform's size, not only the platforms switched on, so a platform
# switched on later already has its own.
PLATFORM_SIZES: dict[str, ImageSpec] = {p.id: p.image_specs[0] for p in PLATFORMS if p.image_specs}
MAX_SIDE = 4096


def parse_size(value: str) -> ImageSpec:
    """A preset name ("instagram-portrait") or "WIDTHxHEIGHT" (e.g. "1080x1350")."""
    if value in BY_NAME:
        return BY_NAME[value]
    match = re.fullmatch(r"(\d{2,5})[x×](\d{2,5})", value.strip())
    if not match:
        raise ValueError(value)
    width, height = int(match.group(1)), int(match.group(2))
    if not (16 <= width <= MAX_SIDE and 16 <= height <= MAX_SIDE):
        raise ValueError(value)
    return ImageSpec(f"{width}x{height}", f"{width}×{height}", width, height, "PNG", 20 * 1024 * 1024)
