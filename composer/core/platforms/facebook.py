"""Facebook Page posts: limits, checks and the feed preview.

Sources (see shared/PLATFORMS.md §2):
- text limit 63,206 characters: widely cited, not in the Graph API reference [3RD; Postiz
  ``maxLength()``]; we count code points.
- photos: JPEG, BMP, PNG, GIF, TIFF up to 4 MB [developers.facebook.com/docs/graph-api/
  reference/page/photos]; Siar recompresses larger ones when it prepares the post.
- multi-photo posts: no documented maximum; keep it at 10 (PLATFORMS.md §2.3 ❓).
- "See more" fold: about 477 characters on desktop, or 5 lines [3RD, PLATFORMS.md §2.7].
- grid layouts for 2, 3, 4 and 5+ photos: as observed in the feed [3RD].
"""

from __future__ import annotations

from composer.core.findings import Finding, error
from composer.core.media_plan import CONVERTED, REFUSED, MediaFate
from composer.core.platforms.base import (
    N_,
    Counter,
    ImageSpec,
    PhotoRules,
    Platform,
    Preview,
    ProfileFields,
    Rect,
    Tile,
    VideoRules,
    alt_text_findings,
    entity_spans,
    fold_point,
    images,
    single_tile,
    tiles_for,
)
from composer.core.post import MediaItem, PlatformContent

MAX_TEXT = 63_206
MAX_PHOTOS = 10
PHOTO_MAX_BYTES = 4 * 1024 * 1024
FOLD_CHARS = 477
FOLD_LINES = 5
_HIGHLIGHT = frozenset({"hashtag", "url"})  # an @name typed through the API is plain text

# Reels (PLATFORMS.md §10.2): 9:16, 3–90 s. A 9:16 clip of that length goes as a Reel
# through /video_reels; any other video stays a normal /videos post.
REEL_ASPECT = 9 / 16
REEL_SECONDS = (3.0, 90.0)


def is_reel(width: int, height: int, seconds: float | None = None) -> bool:
    """Whether a video of this picture (and, when known, length) goes as a Reel."""
    if not width or not height or abs(width / height - REEL_ASPECT) > 0.01:
        return False
    return seconds is None or REEL_SECONDS[0] <= seconds <= REEL_SECONDS[1]


def _reel_shaped(item: MediaItem) -> bool:
    return item.kind == "video" and is_reel(item.width, item.height)


_THIRD = 1 / 3
_TWO_THIRDS = 2 / 3


def _layout(count: int) -> tuple[float, list[Rect]]:
    """Box aspect and cells of Facebook's photo grid for *count* photos (count >= 2)."""
    if count == 2:
        return 2.0, [Rect(0, 0, 0.5, 1), Rect(0.5, 0, 0.5, 1)]
    if count == 3:
        return 1.0, [
            Rect(0, 0, 1, _TWO_THIRDS),
            Rect(0, _TWO_THIRDS, 0.5, _THIRD),
            Rect(0.5, _TWO_THIRDS, 0.5, _THIRD),
        ]
    if count == 4:
        bottom = [Rect(i * _THIRD, _TWO_THIRDS, _THIRD, _THIRD) for i in range(3)]
        return 1.0, [Rect(0, 0, 1, _TWO_THIRDS), *bottom]
    top = [Rect(0, 0, 0.5, 0.5), Rect(0.5, 0, 0.5, 0.5)]
    return 1.0, top + [Rect(i * _THIRD, 0.5, _THIRD, 0.5) for i in range(3)]


class Facebook(Platform):
    id = "facebook"
    name = "Facebook"
    order = 10
    icon = "\uf09a"
    # Meta App ID and client token (meant to be embedded, §14.2), the Graph version, the login flow.
    profile = ProfileFields(
        {
            "app_id": "digits",
            "client_token": "token",
            "graph_version": "version",
            "login": "fb_flow",
            "api_base": "base",
        },
        required=("app_id",),
        device_required=("client_token",),
    )
    # Link/landscape share size 1200×630 (1.91:1); photos ≤ 4 MB [page/photos reference].
    image_specs = (
        ImageSpec("facebook", "Facebook 1200×630", 1200, 630, "JPEG", PHOTO_MAX_BYTES, N_("Facebook post")),
    )
    # JPEG/PNG ≤4 MB (Siar sends JPEG); location metadata stripped [graph-api/reference/page/photos].
    photo = PhotoRules(PHOTO_MAX_BYTES, max_long_edge=2048, max_photos=MAX_PHOTOS)
    # A video post through the chunked /videos upload (PLATFORMS.md §10.1). Aspect 9:16 …
    # 16:9; formats without webm; 1.75 GB / 45 min, the stricter of the two copies (❓).
    video_slots = 1
    video = VideoRules(
        1792 * 1024 * 1024,
        max_seconds=45 * 60,
        min_aspect=9 / 16,
        max_aspect=16 / 9,
        containers=frozenset({"mp4", "mov"}),
    )

    def media_plan(self, content: PlatformContent) -> tuple[MediaFate, ...]:
        """Photos and a video do not mix in one post (``attached_media`` takes photos):
        with photos, the photos go and the video is left out, named. A 9:16 video alone
        becomes a Reel."""
        plan = super().media_plan(content)
        if not images(content):
            return tuple(
                MediaFate(f.index, CONVERTED, "facebook.video_as_reel")
                if f.sent and _reel_shaped(content.media[f.index])
                else f
                for f in plan
            )
        return tuple(
            MediaFate(f.index, REFUSED, "facebook.video_not_with_photos")
            if content.media[f.index].kind == "video"
            else f
            for f in plan
        )

    def preview(self, content: PlatformContent) -> Preview:
        text = content.text
        length = len(text)
        findings: list[Finding] = []
        photos = images(content)
        if not text.strip() and not content.media:
            findings.append(error("post.empty"))
        if length > MAX_TEXT:
            findings.append(error("text.too_long", length=length, limit=MAX_TEXT))
        # More than MAX_PHOTOS: each photo left out is named by the media plan (core.media_plan).
        findings += alt_text_findings(content)

        tiles: tuple[Tile, ...] = ()
        aspect = 16 / 9
        if len(photos) == 1:
            aspect = min(max(photos[0].aspect, 0.8), 1.91)
            tiles = single_tile(content.media, photos[0], aspect)
        elif photos:
            aspect, cells = _layout(len(photos))
            tiles = tiles_for(content.media, photos, cells, aspect)
            if len(photos) > 5:
                last = tiles[-1]
                tiles = (*tiles[:-1], Tile(last.media_index, last.cell, last.crop, f"+{len(photos) - 5}"))
        return Preview(
            platform=self.id,
            text=text,
            fold_at=fold_point(text, max_chars=FOLD_CHARS, max_lines=FOLD_LINES),
            spans=tuple(entity_spans(text, _HIGHLIGHT)),
            counters=(Counter(length, MAX_TEXT, "characters"),),
            findings=tuple(findings),
            media_aspect=aspect,
            tiles=tiles,
        )


RULES = Facebook()
