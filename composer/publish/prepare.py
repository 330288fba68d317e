"""The post as each platform will receive it: final text, and photos converted to fit.

Photos are turned upright (EXIF orientation), converted to sRGB, cropped into the
platform's aspect range, scaled to its longest edge, and re-encoded as JPEG within its
byte limit with no EXIF at all (so no location leaves the laptop). A photo that already
fits (a JPEG from the designer, with no EXIF) is sent byte for byte. Prepared files go
into the media store, so a job refers to them by id and survives a restart.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageCms, ImageOps

from composer.core.media_plan import sent_indexes
from composer.core.platforms import BY_ID
from composer.core.platforms.base import PhotoRules
from composer.core.post import MediaItem, Post
from composer.core.text.twitter_text import extract_urls
from composer.design.export import srgb_profile
from composer.store.media import MediaStore, register_heif

QUALITIES = (90, 86, 82, 78, 74, 70, 64, 58)


class PrepareError(ValueError):
    """A photo that cannot be made to fit (unreadable, or hopelessly large)."""

    code = "media.unreadable"

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.params = {"name": name}


@dataclass(frozen=True)
class Prepared:
    data: bytes
    mime: str
    width: int
    height: int
    converted: bool


def _fits(image: Image.Image, data: bytes, rules: PhotoRules) -> bool:
    aspect = image.width / image.height
    return (
        image.format == "JPEG"
        and not image.getexif()
        and len(data) <= rules.max_bytes
        and max(image.size) <= rules.max_long_edge
        and (not rules.min_aspect or aspect >= rules.min_aspect - 1e-3)
        and (not rules.max_aspect or aspect <= rules.max_aspect + 1e-3)
        and image.mode in ("RGB", "L")
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    rgb = image.convert("RGB") if image.mode != "RGB" else image
    if not icc:
        return rgb
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        converted = ImageCms.profileToProfile(rgb, source, srgb, outputMode="RGB")
        return converted if converted is not None else rgb
    except (ImageCms.PyCMSError, OSError):
        return rgb


def _crop_to(image: Image.Image, rules: PhotoRules) -> Image.Image:
    aspect = image.width / image.height
    if rules.min_aspect and aspect < rules.min_aspect:  # too tall: trim top and bottom
        height = round(image.width / rules.min_aspect)
        top = (image.height - height) // 2
        return image.crop((0, top, image.width, top + height))
    if rules.max_aspect and aspect > rules.max_aspect:  # too wide: trim the sides
        width = round(image.height * rules.max_aspect)
        left = (image.width - width) // 2
        return image.crop((left, 0, left + width, image.height))
    return image


def prepare_photo(data: bytes, rules: PhotoRules, name: str = "photo") -> Prepared:
    register_heif()
    try:
        image = Image.open(io.BytesIO(data))
        fits = _fits(image, data, rules)  # header facts, before draft() shrinks the size
        if not fits:  # a big JPEG decodes at reduced scale, still ≥ the size it is cut to
            image.draft(image.mode, (rules.max_long_edge, rules.max_long_edge))
        image.load()
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PrepareError(name) from exc
    if fits:
        return Prepared(data, "image/jpeg", image.width, image.height, False)
    upright = ImageOps.exif_transpose(image) or image
    upright.info["icc_profile"] = image.info.get("icc_profile")
    photo = _crop_to(_to_srgb(upright), rules)
    if max(photo.size) > rules.max_long_edge:
        photo.thumbnail((rules.max_long_edge, rules.max_long_edge), Image.Resampling.LANCZOS)
    icc = srgb_profile()
    for _attempt in range(6):
        for quality in QUALITIES:
            out = io.BytesIO()
            photo.save(out, "JPEG", quality=quality, subsampling="4:2:0", optimize=True, icc_profile=icc)
            if out.tell() <= rules.max_bytes:
                return Prepared(out.getvalue(), "image/jpeg", photo.width, photo.height, True)
        photo = photo.resize(
            (max(1, int(photo.width * 0.8)), max(1, int(photo.height * 0.8))), Image.Resampling.LANCZOS
        )
    raise PrepareError(name)


def slug(text: str, post_id: str) -> str:
    """A URL slug that is the same every time for this post (WordPress idempotency)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")
    return f"{words or 'siar'}-{post_id[:6]}"


def first_url(text: str) -> str:
    urls = extract_urls(text)
    if not urls:
        return ""
    url = urls[0].value
    return url if url.startswith(("http://", "https://")) else f"https://{url}"


def payload(post: Post, platform_id: str, media: MediaStore) -> dict[str, Any]:
    """Everything a job for *platform_id* needs, with its photos prepared and stored."""
    platform = BY_ID[platform_id]
    rules = platform.photo
    content = post.content_for(platform_id)
    photos: list[dict[str, Any]] = []
    video: dict[str, Any] | None = None
    # Exactly the attachments the preview said are sent; preflight named the others.
    for index in sent_indexes(platform.media_plan(content)):
        item = content.media[index]
        if item.kind == "video":
            # "at": how many photos come before it (its place in an Instagram carousel)
            video = video or {**item.to_dict(), "at": len(photos)}
        else:
            photos.append(_prepared(item, rules, media))
    text = content.text
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    title = post.title.strip() or first_line[:90]
    return {
        "text": text,
        "title": title,
        "tags": list(content.tags),
        "slug": slug(title, post.id),
        "link": first_url(text),
        "photos": photos,
        "video": video,
    }


def _prepared(item: MediaItem, rules: PhotoRules, media: MediaStore) -> dict[str, Any]:
    source = media.path_for_id(item.id)
    if source is None:
        raise PrepareError(item.filename)
    result = prepare_photo(source.read_bytes(), rules, item.filename)
    stored = (
        media.import_bytes(result.data, re.sub(r"\.\w+$", "", item.filename) + ".jpg")
        if result.converted
        else item
    )
    return {
        "id": stored.id,
        "mime": result.mime,
        "width": result.width,
        "height": result.height,
        "alt": item.alt,
        "filename": re.sub(r"\.\w+$", "", item.filename) + ".jpg",
        "source": item.id,  # the attachment it was prepared from (what the preview showed)
    }
