"""TikTok posts through the Content Posting API: what goes, the limits, the preview.

Sources (see shared/PLATFORMS.md §13):
- a post is one video, or a photo post (carousel) of up to 35 images; never text alone
  [OFFICIAL content-posting-api-reference-direct-post, …-photo-post].
- video caption (``post_info.title``) ≤ 2,200 UTF-16 code units [3RD, §13]; photo
  posts: ``title`` ≤ 90 and ``description`` ≤ 4,000 UTF-16 units [OFFICIAL photo-post].
- photos: JPEG or WebP only (Siar converts), ≤ 20 MB, about 1080p [3RD post-pulse,
  fairpost]; they reach TikTok only by URL pull (``PULL_FROM_URL``) from a verified
  domain — so the office website hosts them (the account's photo host, §13 ❓).
- video: MP4/WebM/MOV, ≤ 4 GB, ≤ 10 minutes through the API; the creator's own
  maximum (``max_video_post_duration_sec``) may be lower [3RD fairpost quoting TikTok].
- the feed is full-screen 9:16; a wider video or photo shows whole, with bars above and
  below (letterboxed, not cropped).
- the app shows the caption over the video cut after about two lines; no documented
  figure, so the fold is an approximation ❓.
"""

from __future__ import annotations

from composer.core.findings import Finding, error, info
from composer.core.media_plan import REFUSED, MediaFate
from composer.core.platforms.base import (
    Counter,
    ImageSpec,
    PhotoRules,
    Platform,
    Preview,
    ProfileFields,
    Rect,
    Tile,
    VideoRules,
    entity_spans,
    fold_point,
    hashtags,
    images,
    tiles_for,
    videos,
)
from composer.core.post import MediaItem, PlatformContent

MAX_CAPTION = 2_200  # UTF-16 units, video posts
MAX_PHOTO_TITLE = 90  # UTF-16 units, photo posts
MAX_PHOTO_DESCRIPTION = 4_000
MAX_PHOTOS = 35
MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_VIDEO_BYTES = 4 * 1024 * 1024 * 1024
FEED_ASPECT = 9 / 16
FOLD_CHARS = 80
FOLD_LINES = 2
_HIGHLIGHT = frozenset({"hashtag", "mention"})


def fitted(media: tuple[MediaItem, ...], item: MediaItem) -> tuple[Tile, ...]:
    """*item* whole in the 9:16 screen, with bars where it is wider or taller: TikTok
    letterboxes rather than crops."""
    if item.aspect > FEED_ASPECT:  # wider: bars above and below
        height = FEED_ASPECT / item.aspect
        cell = Rect(0, (1 - height) / 2, 1, height)
    else:  # taller: bars at the sides
        width = item.aspect / FEED_ASPECT
        cell = Rect((1 - width) / 2, 0, width, 1)
    return tiles_for(media, (item,), [cell], FEED_ASPECT)


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, as TikTok counts (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


class TikTok(Platform):
    id = "tiktok"
    name = "TikTok"
    order = 60
    # §13; the client secret only with "accept_secret_in_profile": true (accounts/profile.py
    # keeps it apart: keyring only), since TikTok's token exchange needs it.
    profile = ProfileFields(
        {
            "client_key": "token",
            "client_secret": "token",
            "accept_secret_in_profile": "bool",
            "api_base": "base",
        },
        ("client_key",),
    )
    supports_alt_text = False  # the Content Posting API has no alt text field
    # Full-screen 9:16 is what the feed shows; a photo post is fetched as JPEG/WebP.
    image_specs = (
        ImageSpec("tiktok-portrait", "TikTok 9:16 (1080×1920)", 1080, 1920, "JPEG", MAX_PHOTO_BYTES),
    )
    # JPEG/WebP only, ≤ 20 MB, ≤ 1080p (long edge 1920) [3RD, §13 "Photos"].
    photo = PhotoRules(MAX_PHOTO_BYTES, max_long_edge=1920, jpeg_only=True, max_photos=MAX_PHOTOS)

    video_slots = 1
    # MP4/WebM/MOV, H.264/H.265/VP8/VP9, ≤ 4 GB, ≤ 10 min through the API [3RD fairpost, §13].
    video = VideoRules(MAX_VIDEO_BYTES, max_seconds=600, codecs=frozenset({"h264", "hevc", "vp8", "vp9"}))

    def media_plan(self, content: PlatformContent) -> tuple[MediaFate, ...]:
        """A TikTok post is one video, or up to 35 photos: with a video, the photos stay behind."""
        if not videos(content):
            return super().media_plan(content)
        plan = []
        for fate in super().media_plan(content):
            if content.media[fate.index].kind == "video":
                plan.append(fate)
            else:
                plan.append(MediaFate(fate.index, REFUSED, "tiktok.video_not_with_photos"))
        return tuple(plan)

    def wants(self, content: PlatformContent) -> bool:
        # Photos need the office website as their host (an account setting), a video does not.
        return bool(videos(content))

    def preview(self, content: PlatformContent) -> Preview:
        text = content.text
        clips, pictures = videos(content), images(content)
        findings: list[Finding] = []
        fields: list[tuple[str, str]] = []
        if not clips and not pictures:
            findings.append(error("tiktok.no_media", "media"))
        if clips:
            # What is left out (other videos, the photos) is said per attachment by the
            # media plan (core.media_plan), in every preview.
            clip = clips[0]
            if clip.width and clip.height and clip.width / clip.height > FEED_ASPECT + 0.01:
                findings.append(info("tiktok.video_bars", "media"))
            length = utf16_length(text)
            if length > MAX_CAPTION:
                findings.append(error("text.too_long", length=length, limit=MAX_CAPTION))
            counters = (
                Counter(length, MAX_CAPTION, "characters"),
                Counter(len(hashtags(text)), None, "hashtags"),
            )
            tiles: tuple[Tile, ...] = fitted(content.media, clip)
        else:
            title = (content.title.strip() or text.strip().split("\n", 1)[0])[:MAX_PHOTO_TITLE]
            length = utf16_length(text)
            if length > MAX_PHOTO_DESCRIPTION:
                findings.append(error("text.too_long", length=length, limit=MAX_PHOTO_DESCRIPTION))
            if pictures:
                findings.append(info("tiktok.photo_post", "media", count=min(len(pictures), MAX_PHOTOS)))
                fields.append(("carousel", str(min(len(pictures), MAX_PHOTOS))))
            if any(p.mime not in ("image/jpeg", "image/webp") for p in pictures):
                findings.append(info("tiktok.converted_to_jpeg", "media"))
            counters = (
                Counter(length, MAX_PHOTO_DESCRIPTION, "characters"),
                Counter(utf16_length(title), MAX_PHOTO_TITLE, "characters", "title"),
            )
            tiles = fitted(content.media, pictures[0]) if pictures else ()
        return Preview(
            platform=self.id,
            text=text,
            fold_at=fold_point(text, max_chars=FOLD_CHARS, max_lines=FOLD_LINES),
            spans=tuple(entity_spans(text, _HIGHLIGHT)),
            counters=counters,
            findings=tuple(findings),
            media_aspect=FEED_ASPECT,
            tiles=tiles,
            fields=tuple(fields),
        )


RULES = TikTok()
