"""The platforms Siar knows: one module of this package each.

Each module defines ``RULES`` (a ``Platform``); adding a platform means adding a module
here and naming it below (and its client in publish/). They are named, not discovered
with pkgutil, because that import and the directory scan cost ~2.5 ms of every start-up
(issue 17); tests/test_architecture.py checks that every module here is named.
"""

from __future__ import annotations

from composer.core.platforms import facebook, instagram, tiktok, wordpress, x, youtube
from composer.core.platforms.base import Platform

PLATFORMS: tuple[Platform, ...] = tuple(
    sorted((m.RULES for m in (facebook, instagram, tiktok, wordpress, x, youtube)), key=lambda p: p.order)
)
BY_ID: dict[str, Platform] = {p.id: p for p in PLATFORMS}


def get(platform_id: str) -> Platform:
    try:
        return BY_ID[platform_id]
    except KeyError:
        raise KeyError(f"unknown platform {platform_id!r}; known: {', '.join(BY_ID)}") from None
