"""X (Twitter) posts: the weighted count, checks and the timeline preview.

Sources (see shared/PLATFORMS.md §1):
- counting: twitter-text v3 rules, 280 weighted characters [docs.x.com
  fundamentals/counting-characters; twitter-text config/v3.json], implemented in
  ``composer.core.text.twitter_text``.
- one post carries up to 4 photos, or 1 GIF, or 1 video [x-api/media/quickstart/
  best-practices]; images ≤ 5 MB (Siar recompresses larger ones).
- pay-per-use pricing since 6 Feb 2026: $0.015 per post, $0.200 if it contains a URL
  [x-api/getting-started/pricing, 16 Apr 2026].
- at most one cashtag per post (changelog, Feb 2026).
- timeline crops: one image ≈ 16:9; two side by side; three as one tall + two; four in
  a 2×2 grid [3RD, PLATFORMS.md §1.7].
"""

from __future__ import annotations

from composer.core.findings import Finding, error, warning
from composer.core.media_plan import REFUSED, MediaFate
from composer.core.platforms.base import (
    N_,
    Counter,
    ImageSpec,
    PhotoRules,
    Platform,
    Preview,
    ProfileFields,
    Rect,
    Span,
    VideoRules,
    alt_text_findings,
    entity_spans,
    images,
    tiles_for,
)
from composer.core.post import PlatformContent
from composer.core.text import twitter_text

MAX_PHOTOS = 4
MAX_CASHTAGS = 1
PRICE_POST = "0.015"
PRICE_POST_WITH_URL = "0.200"
BOX_ASPECT = 16 / 9
_HIGHLIGHT = frozenset({"hashtag", "mention", "url", "cashtag"})

_GRIDS = {
    1: [Rect(0, 0, 1, 1)],
    2: [Rect(0, 0, 0.5, 1), Rect(0.5, 0, 0.5, 1)],
    3: [Rect(0, 0, 0.5, 1), Rect(0.5, 0, 0.5, 0.5), Rect(0.5, 0.5, 0.5, 0.5)],
    4: [Rect(0, 0, 0.5, 0.5), Rect(0.5, 0, 0.5, 0.5), Rect(0, 0.5, 0.5, 0.5), Rect(0.5, 0.5, 0.5, 0.5)],
}


class X(Platform):
    id = "x"
    name = "X"
    order = 30
    icon = "\uf099"
    # X's OAuth 2.0 public client id (Native App, §14.5).
    profile = ProfileFields(
        {"client_id": "token", "redirect_port": "port", "api_base": "base"}, ("client_id",)
    )
    # Images ≤ 5 MB [x-api/media/introduction]; 16:9 fills the timeline card.
    image_specs = (
        ImageSpec("x", "X 16:9 (1600×900)", 1600, 900, "JPEG", 5 * 1024 * 1024, N_("X post 16:9")),
    )
    # ≤5 MB JPG/PNG/GIF/WEBP, 4 per post [x-api/media/introduction.mdx].
    photo = PhotoRules(5 * 1024 * 1024, max_long_edge=4096, max_photos=MAX_PHOTOS)
    # One video per post, through the chunked upload (PLATFORMS.md §1.3, §10.4).
    video_slots = 1
    # ≤ 512 MB, 0.5–140 s, aspect 1:3–3:1, MP4/MOV with H.264 (best-practices: "H264
    # High Profile"; HEVC is not listed) [x-api/media/quickstart/best-practices, §10.4].
    video = VideoRules(
        512 * 1024 * 1024,
        max_seconds=140,
        min_seconds=0.5,
        min_aspect=1 / 3,
        max_aspect=3.0,
        containers=frozenset({"mp4", "mov"}),
        codecs=frozenset({"h264"}),
    )

    def media_plan(self, content: PlatformContent) -> tuple[MediaFate, ...]:
        """ "4 photos, or 1 GIF, or 1 video" per post (§1.3): with photos, the photos go and
        the video is left out (named, so the officer can post it on its own)."""
        plan = super().media_plan(content)
        if not images(content):
            return plan
        return tuple(
            MediaFate(f.index, REFUSED, "x.video_not_with_photos")
            if content.media[f.index].kind == "video"
            else f
            for f in plan
        )

    def preview(self, content: PlatformContent) -> Preview:
        text = content.text
        parsed = twitter_text.parse_tweet(text)
        findings: list[Finding] = []
        photos = images(content)
        if not text.strip() and not content.media:
            findings.append(error("post.empty"))
        if parsed.weighted_length > twitter_text.MAX_WEIGHTED_LENGTH:
            findings.append(
                error("text.too_long", length=parsed.weighted_length, limit=twitter_text.MAX_WEIGHTED_LENGTH)
            )
        elif not parsed.valid and text:
            findings.append(error("x.invalid_characters"))
        if len(photos) > MAX_PHOTOS:
            findings.append(error("x.too_many_photos", "media", count=len(photos), limit=MAX_PHOTOS))
        # A video with photos, or a second video: the media plan leaves it out and names it.
        if len(twitter_text.extract_cashtags(text)) > MAX_CASHTAGS:
            findings.append(error("x.too_many_cashtags", limit=MAX_CASHTAGS))
        if twitter_text.extract_urls(text):
            findings.append(warning("x.link_costs_more", price=PRICE_POST_WITH_URL, base=PRICE_POST))
        findings += alt_text_findings(content)

        spans = list(entity_spans(text, _HIGHLIGHT))
        if parsed.weighted_length > twitter_text.MAX_WEIGHTED_LENGTH:
            start = twitter_text.utf16_to_code_point_index(text, parsed.valid_range_end + 1)
            spans.append(Span(start, len(text), "overflow"))
        shown = photos[:MAX_PHOTOS]
        tiles = tiles_for(content.media, shown, _GRIDS[len(shown)], BOX_ASPECT) if shown else ()
        return Preview(
            platform=self.id,
            text=text,
            fold_at=None,
            spans=tuple(spans),
            counters=(Counter(parsed.weighted_length, twitter_text.MAX_WEIGHTED_LENGTH, "weighted"),),
            findings=tuple(findings),
            media_aspect=BOX_ASPECT,
            tiles=tiles,
        )


RULES = X()
