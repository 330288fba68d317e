"""Instagram professional-account posts: limits, checks and the feed preview.

Sources (see shared/PLATFORMS.md §3):
- caption ≤ 2,200 characters, ≤ 30 hashtags, ≤ 20 @mentions [developers.facebook.com
  instagram-platform ig-user/media reference, errors 2207010 / 2207040]; counted in code
  points (the unit is undocumented ❓).
- the app now limits posts to 5 hashtags (rolling out since late 2025) [3RD]; we warn
  above 5 and block above 30.
- feed images: JPEG only (Siar converts), aspect 4:5 to 1.91:1 (error 2207009), width
  320–1440 px, ≤ 8 MB [content-publishing "Limitations"]; carousels 2–10 items, all
  cropped like the first.
- caption fold: about the first 125 characters, then "… more" [3RD, PLATFORMS.md §3.7].
- a post needs at least one image or video; links in captions are not clickable.
"""

from __future__ import annotations

from composer.core.findings import Finding, error, info, warning
from composer.core.media_plan import CONVERTED, REFUSED, MediaFate
from composer.core.platforms.base import (
    N_,
    Counter,
    ImageSpec,
    PhotoRules,
    Platform,
    Preview,
    Tile,
    VideoRules,
    alt_text_findings,
    entity_spans,
    fold_point,
    has_link,
    hashtags,
    images,
    mentions,
    single_tile,
)
from composer.core.post import PlatformContent

MAX_CAPTION = 2_200
MAX_HASHTAGS = 30
APP_HASHTAGS = 5
MAX_MENTIONS = 20
MAX_CAROUSEL = 10
MIN_ASPECT = 4 / 5
MAX_ASPECT = 1.91
MIN_WIDTH = 320
MAX_BYTES = 8 * 1024 * 1024
FOLD_CHARS = 125
FOLD_LINES = 2
_HIGHLIGHT = frozenset({"hashtag", "mention"})  # links in captions are plain text


class Instagram(Platform):
    id = "instagram"
    name = "Instagram"
    order = 20
    icon = "\uf16d"
    # A post needs a photo or a video ("instagram.no_media"); a video alone goes as a Reel.
    video_slots = 1
    # Reels: MP4/MOV, H.264/HEVC, 3 s – 15 min; 300 MB enforced (300 MB vs 1 GB ❓) [§3.3, §10.3].
    video = VideoRules(
        300 * 1024 * 1024,
        max_seconds=15 * 60,
        min_seconds=3,
        containers=frozenset({"mp4", "mov"}),
        codecs=frozenset({"h264", "hevc"}),
    )

    def media_plan(self, content: PlatformContent) -> tuple[MediaFate, ...]:
        """One video alone goes as a Reel; with photos it is a carousel item in its place
        (``media_type=VIDEO``, §10.3). A carousel holds at most 10 items in all: the
        ones after the tenth are left out, named."""
        plan = super().media_plan(content)
        has_photos = bool(images(content))
        out = []
        sent = 0
        for fate in plan:
            if fate.sent:
                sent += 1
                if sent > MAX_CAROUSEL:
                    out.append(MediaFate(fate.index, REFUSED, "media.over_photo_limit", MAX_CAROUSEL))
                    continue
            if content.media[fate.index].kind == "video" and fate.sent and not has_photos:
                out.append(MediaFate(fate.index, CONVERTED, "instagram.video_as_reel"))
            else:
                out.append(fate)
        return tuple(out)

    # JPEG only, ≤ 8 MB, 4:5 … 1.91:1, 1080 px wide is the feed's own width [content publishing].
    image_specs = (
        ImageSpec(
            "instagram-portrait",
            "Instagram 4:5 (1080×1350)",
            1080,
            1350,
            "JPEG",
            MAX_BYTES,
            N_("Instagram portrait 4:5"),
        ),
        ImageSpec(
            "instagram-square",
            "Instagram 1:1 (1080×1080)",
            1080,
            1080,
            "JPEG",
            MAX_BYTES,
            N_("Instagram square 1:1"),
        ),
        ImageSpec(
            "instagram-story",
            "Story 9:16 (1080×1920)",
            1080,
            1920,
            "JPEG",
            MAX_BYTES,
            N_("Instagram story 9:16"),
        ),
    )
    # "JPEG is the only image format supported", ≤8 MB, 4:5…1.91:1, 320–1440 px wide, sRGB
    # [instagram-platform/content-publishing, Limitations]. Feed posts only (no 9:16).
    photo = PhotoRules(
        MAX_BYTES,
        max_long_edge=1440,
        min_aspect=MIN_ASPECT,
        max_aspect=MAX_ASPECT,
        jpeg_only=True,
        max_photos=MAX_CAROUSEL,
    )

    def preview(self, content: PlatformContent) -> Preview:
        text = content.text
        length = len(text)
        tags = hashtags(text)
        names = mentions(text)
        findings: list[Finding] = []
        media = content.media
        if not media:
            findings.append(error("instagram.no_media", "media"))
        if len(media) > MAX_CAROUSEL:
            findings.append(error("instagram.too_many_media", "media", count=len(media), limit=MAX_CAROUSEL))
        if length > MAX_CAPTION:
            findings.append(error("text.too_long", length=length, limit=MAX_CAPTION))
        if len(tags) > MAX_HASHTAGS:
            findings.append(error("instagram.too_many_hashtags", count=len(tags), limit=MAX_HASHTAGS))
        elif len(tags) > APP_HASHTAGS:
            findings.append(warning("instagram.hashtags_over_app_limit", count=len(tags), limit=APP_HASHTAGS))
        if len(names) > MAX_MENTIONS:
            findings.append(error("instagram.too_many_mentions", count=len(names), limit=MAX_MENTIONS))
        if has_link(text):
            findings.append(warning("instagram.links_not_clickable"))

        tiles: tuple[Tile, ...] = ()
        aspect = 1.0
        fields: list[tuple[str, str]] = []
        if media:
            first = media[0]
            aspect = min(max(first.aspect, MIN_ASPECT), MAX_ASPECT)
            if first.kind == "image" and abs(aspect - first.aspect) > 0.01:
                findings.append(
                    warning(
                        "instagram.cropped",
                        "media",
                        ratio=f"{first.width}×{first.height}",
                        aspect=round(aspect, 2),
                    )
                )
            if first.kind == "image" and 0 < first.width < MIN_WIDTH:
                findings.append(warning("instagram.too_narrow", "media", width=first.width, limit=MIN_WIDTH))
            if any(m.kind == "image" and m.mime != "image/jpeg" for m in media):
                findings.append(info("instagram.converted_to_jpeg", "media"))
            tiles = single_tile(media, first, aspect)
            if len(media) > 1:
                fields.append(("carousel", str(len(media))))
        findings += alt_text_findings(content)
        return Preview(
            platform=self.id,
            text=text,
            fold_at=fold_point(text, max_chars=FOLD_CHARS, max_lines=FOLD_LINES),
            spans=tuple(entity_spans(text, _HIGHLIGHT)),
            counters=(
                Counter(length, MAX_CAPTION, "characters"),
                Counter(len(tags), MAX_HASHTAGS, "hashtags"),
                Counter(len(names), MAX_MENTIONS, "mentions"),
            ),
            findings=tuple(findings),
            media_aspect=aspect,
            tiles=tiles,
            fields=tuple(fields),
        )


RULES = Instagram()
