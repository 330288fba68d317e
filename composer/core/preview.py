"""Previews of a whole post: every enabled platform at once, cached per content."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from composer.core.media_plan import plan_findings
from composer.core.platforms import PLATFORMS
from composer.core.platforms.base import Platform, Preview
from composer.core.post import PlatformContent, Post


@lru_cache(maxsize=256)
def _preview(platform: Platform, content: PlatformContent) -> Preview:
    # Content snapshots are immutable, so a keystroke recomputes only the platforms
    # whose input changed (an override elsewhere leaves the others cached).
    preview = platform.preview(content)
    # What happens to each attachment (converted, or refused and why) is said for every
    # platform in one place, so no platform can drop one silently.
    extra = plan_findings(content, platform.media_plan(content))
    return replace(preview, findings=preview.findings + tuple(extra)) if extra else preview


def is_enabled(post: Post, platform: Platform) -> bool:
    """The officer's choice for this post, else the platform's default for such content."""
    chosen = post.variants[platform.id].enabled if platform.id in post.variants else None
    return platform.wants(post.content_for(platform.id)) if chosen is None else chosen


def enabled_platforms(post: Post) -> tuple[Platform, ...]:
    return tuple(p for p in PLATFORMS if is_enabled(post, p))


def preview_for(post: Post, platform: Platform) -> Preview:
    return _preview(platform, post.content_for(platform.id))


def previews(post: Post, *, include_disabled: bool = False) -> dict[str, Preview]:
    return {p.id: preview_for(post, p) for p in PLATFORMS if include_disabled or is_enabled(post, p)}
