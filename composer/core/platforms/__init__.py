"""The platforms Siar knows, discovered from the modules of this package.

Each module defines ``RULES`` (a ``Platform``); adding a platform means adding a module
here (and its client in publish/), nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil

from composer.core.platforms.base import Platform


def _discover() -> tuple[Platform, ...]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rules = getattr(module, "RULES", None)
        if isinstance(rules, Platform):
            found.append(rules)
    return tuple(sorted(found, key=lambda p: p.order))


PLATFORMS: tuple[Platform, ...] = _discover()
BY_ID: dict[str, Platform] = {p.id: p for p in PLATFORMS}


def get(platform_id: str) -> Platform:
    try:
        return BY_ID[platform_id]
    except KeyError:
        raise KeyError(f"unknown platform {platform_id!r}; known: {', '.join(BY_ID)}") from None
