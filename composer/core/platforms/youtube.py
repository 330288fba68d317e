"""YouTube videos: title, description and tags rules, and the watch-page preview.

Sources (see shared/PLATFORMS.md §4):
- ``snippet.title`` ≤ 100 characters, no ``<`` or ``>``; ``snippet.description`` ≤ 5,000
  UTF-8 *bytes*, no ``<`` or ``>``; ``snippet.tags`` ≤ 500 characters in total, commas
  between tags count and a tag with a space counts two more for its quotes
  [developers.google.com/youtube/v3/docs/videos].
- custom thumbnails: 16:9, ≥ 640 px wide, keep ≤ 2 MB [docs/thumbnails/set; discovery doc].
- the title is cut at about 70 characters in search and suggestions; the description
  shows about its first 150 characters (3 lines) above "…more" [3RD, PLATFORMS.md §4.8].
"""

from __future__ import annotations

from composer.core.findings import Finding, error, info
from composer.core.media_plan import CONVERTED, REFUSED, MediaFate
from composer.core.platforms.base import (
    N_,
    Counter,
    ImageSpec,
    PhotoRules,
    Platform,
    Preview,
    ProfileFields,
    Tile,
    VideoRules,
    entity_spans,
    fold_point,
    images,
    single_tile,
    videos,
)
from composer.core.post import PlatformContent

MAX_TITLE = 100
LIST_TITLE = 70
MAX_DESCRIPTION_BYTES = 5_000
MAX_TAGS = 500
FOLD_CHARS = 150
FOLD_LINES = 3
MIN_THUMB_WIDTH = 640
_FORBIDDEN = ("<", ">")
_HIGHLIGHT = frozenset({"hashtag", "url"})


def tags_length(tags: tuple[str, ...]) -> int:
    """Length of ``snippet.tags`` as YouTube counts it (commas, +2 for quoted tags)."""
    tags = tuple(t.strip() for t in tags if t.strip())
    total = sum(len(t) + (2 if " " in t else 0) for t in tags)
    return total + max(len(tags) - 1, 0)


class YouTube(Platform):
    id = "youtube"
    name = "YouTube"
    order = 40
    icon = "\uf167"
    # Google's Desktop-app client id and its secret, not confidential by Google's rules (§14.6).
    # testing: the Google app's consent screen is still in "Testing", so Google ends each
    # sign-in after 7 days (§14.6) and Siar warns with the date (issue 14 item 4).
    profile = ProfileFields(
        {"client_id": "token", "client_secret": "token", "testing": "bool", "api_base": "base"},
        ("client_id", "client_secret"),
        public_secrets=("client_secret",),
    )
    supports_alt_text = False
    has_title = True
    required_media = ("video", "api.yt_needs_video")
    # Custom thumbnail: 16:9, 1280×720 recommended, keep ≤ 2 MB [thumbnails.set; discovery doc].
    image_specs = (
        ImageSpec(
            "youtube-thumbnail",
            "YouTube thumbnail (1280×720)",
            1280,
            720,
            "JPEG",
            2 * 1024 * 1024,
            N_("YouTube thumbnail"),
        ),
    )
    # The custom thumbnail: keep ≤2 MB (discovery maxSize), 16:9 [PLATFORMS.md §4.3].
    photo = PhotoRules(2 * 1024 * 1024, max_long_edge=1280, max_photos=1)

    video_slots = 1
    # 256 GB or 12 hours, whichever is less; MP4, MOV, WebM and the codecs Siar imports
    # [support.google.com/youtube/answer/71673, answer/4603579].
    video = VideoRules(256 * 1024**3, max_seconds=12 * 3600)

    def media_plan(self, content: PlatformContent) -> tuple[MediaFate, ...]:
        """One video; the first photo becomes its custom thumbnail, other photos stay behind."""
        plan = []
        thumb = False
        for fate in super().media_plan(content):
            if content.media[fate.index].kind == "video":
                plan.append(fate)
            elif not thumb:
                thumb = True
                plan.append(MediaFate(fate.index, CONVERTED, "youtube.photo_as_thumbnail"))
            else:
                plan.append(MediaFate(fate.index, REFUSED, "youtube.extra_photo"))
        return tuple(plan)

    def wants(self, content: PlatformContent) -> bool:
        return bool(videos(content))

    def preview(self, content: PlatformContent) -> Preview:
        title, description = content.title.strip(), content.text
        description_bytes = len(description.encode("utf-8"))
        tag_length = tags_length(content.tags)
        findings: list[Finding] = []
        if not videos(content):
            findings.append(error("youtube.no_video", "media"))
        if not title:
            findings.append(error("post.title_missing", "title"))
        elif len(title) > MAX_TITLE:
            findings.append(error("youtube.title_too_long", "title", length=len(title), limit=MAX_TITLE))
        elif len(title) > LIST_TITLE:
            findings.append(info("youtube.title_cut_in_lists", "title", limit=LIST_TITLE))
        if any(c in title or c in description for c in _FORBIDDEN):
            findings.append(error("youtube.angle_brackets"))
        if description_bytes > MAX_DESCRIPTION_BYTES:
            findings.append(
                error("youtube.description_too_long", length=description_bytes, limit=MAX_DESCRIPTION_BYTES)
            )
        if tag_length > MAX_TAGS:
            findings.append(error("youtube.tags_too_long", "tags", length=tag_length, limit=MAX_TAGS))

        tiles: tuple[Tile, ...] = ()
        pictures = images(content)
        if pictures:
            thumb = pictures[0]
            tiles = single_tile(content.media, thumb, 16 / 9)
            if thumb.width < MIN_THUMB_WIDTH:
                findings.append(
                    info("youtube.thumbnail_small", "media", width=thumb.width, limit=MIN_THUMB_WIDTH)
                )
        fields = (("tags", ", ".join(t.strip() for t in content.tags if t.strip())),) if content.tags else ()
        return Preview(
            platform=self.id,
            text=description,
            fold_at=fold_point(description, max_chars=FOLD_CHARS, max_lines=FOLD_LINES),
            spans=tuple(entity_spans(description, _HIGHLIGHT)),
            counters=(
                Counter(description_bytes, MAX_DESCRIPTION_BYTES, "bytes"),
                Counter(len(title), MAX_TITLE, "characters", "title"),
                Counter(tag_length, MAX_TAGS, "characters", "tags"),
            ),
            findings=tuple(findings),
            media_aspect=16 / 9,
            tiles=tiles,
            title=title,
            fields=fields,
        )


RULES = YouTube()
