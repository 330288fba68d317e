"""Export: a design rendered at a platform's size and encoded within its limits.

JPEG for every feed (Instagram accepts nothing else), quality lowered step by step until
the file fits the platform's byte limit; an sRGB profile is embedded; no other metadata
(no location, no camera data) is written. Alt text is drafted from the template's text
fields for the officer to confirm.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageCms

from composer.core.platforms.base import ImageSpec
from composer.design.model import Design
from composer.design.render import Renderer, fill_placeholders

JPEG_QUALITIES = (90, 85, 80, 75, 70, 64, 58)


@dataclass(frozen=True)
class ExportedImage:
    spec: ImageSpec
    data: bytes
    mime: str
    alt: str

    @property
    def filename(self) -> str:
        return f"{self.spec.name}.{'jpg' if self.mime == 'image/jpeg' else 'png'}"


@cache
def srgb_profile() -> bytes:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return bytes(profile.tobytes())


def encode(image: Image.Image, spec: ImageSpec) -> tuple[bytes, str]:
    """Encode *image* for *spec*: JPEG (largest quality that fits) or PNG."""
    icc = srgb_profile()
    if spec.format == "PNG":
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=False, icc_profile=icc)
        return buffer.getvalue(), "image/png"
    rgb = image.convert("RGB")
    data = b""
    for quality in JPEG_QUALITIES:
        buffer = io.BytesIO()
        rgb.save(buffer, "JPEG", quality=quality, subsampling="4:2:0", icc_profile=icc)
        data = buffer.getvalue()
        if len(data) <= spec.max_bytes:
            break
    return data, "image/jpeg"


def alt_text(design: Design, office: str = "") -> str:
    """A first draft of alt text from the design's text fields (title first)."""
    parts: list[str] = []
    values = design.field_values()
    for item in design.fields:
        value = item.value
        if item.kind in ("text", "multiline") and isinstance(value, str) and value.strip():
            parts.append(fill_placeholders(value.strip(), {"office": office, **values}))
        elif item.kind == "list" and isinstance(value, list):
            parts.append("; ".join(str(v) for v in value))
        elif item.kind in ("table", "chart") and isinstance(value, list):
            parts.append("; ".join(" ".join(str(c) for c in row) for row in value if isinstance(row, list)))
    prefix = f"Infografik {office}: " if office else "Infografik: "
    return (prefix + ". ".join(parts))[:1000]


def export(design: Design, specs: list[ImageSpec], renderer: Renderer) -> list[ExportedImage]:
    draft = alt_text(design, renderer.brand.office_name)
    out = []
    for spec in specs:
        rendered = renderer.render(design, spec.width, spec.height)
        data, mime = encode(rendered.image, spec)
        out.append(ExportedImage(spec, data, mime, draft))
    return out
