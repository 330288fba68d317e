"""The office website (WordPress): the post as a site card (title, excerpt, featured image).

Sources (see shared/PLATFORMS.md §5):
- core has no practical length limit; a title is needed for a sensible post and slug.
- the automatic excerpt is the first 55 words followed by " […]" (``wp_trim_excerpt``,
  ``excerpt_length`` 55, ``excerpt_more`` " [&hellip;]" in wp-includes/formatting.php).
- the featured image usually becomes ``og:image`` and is shown about 1.91:1 in cards.
"""

from __future__ import annotations

import re

from composer.core.findings import Finding, error, warning
from composer.core.media_plan import POSTED, REFUSED, MediaFate
from composer.core.platforms.base import (
    N_,
    Counter,
    ImageSpec,
    PhotoRules,
    Platform,
    Preview,
    ProfileFields,
    Tile,
    alt_text_findings,
    images,
    single_tile,
)
from composer.core.post import PlatformContent

EXCERPT_WORDS = 55
CARD_ASPECT = 1.91


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    # maxsplit: the first words only, not the whole post, on every keystroke
    parts = re.split(r"\s+", text.strip(), maxsplit=words)
    if len(parts) <= words:
        return " ".join(p for p in parts if p)
    return " ".join(parts[:words]) + " […]"


class WordPress(Platform):
    id = "wordpress"
    name = N_("Website")  # not "WordPress": the officer thinks of the office's website
    order = 50
    profile = ProfileFields({"app_name": "text", "app_id": "uuid"})  # the Authorize Application page (§14.4)
    has_title = True
    # Featured image; themes and og:image cards crop around 16:9 … 1.91:1. No core limit,
    # but hosts often cap uploads at 2 MB (PHP upload_max_filesize default).
    image_specs = (
        ImageSpec(
            "website",
            "Website featured image (1200×675)",
            1200,
            675,
            "JPEG",
            2 * 1024 * 1024,
            N_("Website featured image"),
        ),
    )
    # Core has no size limit of its own; hosts cap uploads (often 2–8 MB) and WordPress
    # scales anything over 2560 px [wp-core big_image_size_threshold]. One featured image.
    photo = PhotoRules(2 * 1024 * 1024, max_long_edge=2560, max_photos=10)
    video_slots = 1  # in the media library, embedded in the post (PLATFORMS.md §10.5)

    def media_plan(self, content: PlatformContent) -> tuple[MediaFate, ...]:
        """The client sends one photo, the featured image, and one video, embedded in the
        post as a Video block (PLATFORMS.md §10.5)."""
        plan = []
        featured = clip = False
        for index, item in enumerate(content.media):
            if item.kind == "video":
                plan.append(
                    MediaFate(index, REFUSED, "media.one_video", 1) if clip else MediaFate(index, POSTED)
                )
                clip = True
            elif not featured:
                featured = True
                plan.append(MediaFate(index, POSTED))
            else:
                plan.append(MediaFate(index, REFUSED, "wordpress.extra_photo"))
        return tuple(plan)

    def preview(self, content: PlatformContent) -> Preview:
        title = content.title.strip()
        findings: list[Finding] = []
        if not title:
            findings.append(error("post.title_missing", "title"))
        if not content.text.strip():
            findings.append(error("post.empty"))
        pictures = images(content)
        tiles: tuple[Tile, ...] = ()
        if pictures:
            first = pictures[0]
            tiles = single_tile(content.media, first, CARD_ASPECT)
        else:
            findings.append(warning("wordpress.no_featured_image", "media"))
        findings += alt_text_findings(content)
        summary = excerpt(content.text)
        return Preview(
            platform=self.id,
            text=summary,
            fold_at=None,
            spans=(),
            counters=(Counter(len(content.text), None, "characters"),),
            findings=tuple(findings),
            media_aspect=CARD_ASPECT,
            tiles=tiles,
            title=title,
            fields=(("tags", ", ".join(content.tags)),) if content.tags else (),
        )


RULES = WordPress()
