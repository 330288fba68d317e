"""Filling ``{placeholders}`` in a design's text from its fields and the brand kit, for
the renderer, the export and the bounds check (which measures the filled text)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FILLED_TEXT_LIMIT = 20_000  # characters; bounds.check refuses designs past MAX_TEXT


def fill_placeholders(text: str, values: Mapping[str, Any], limit: int = FILLED_TEXT_LIMIT) -> str:
    """Replace {key} with the value of that field or brand item; unknown keys stay.
    Two passes, so a field may itself mention {phone} or {website}. The result never
    exceeds *limit* characters: fields that mention each other cannot blow it up."""
    out = text[:limit]
    for _ in range(2):
        if "{" not in out:
            break
        for key, value in values.items():
            token = "{" + key + "}"
            if not isinstance(value, str | int | float) or token not in out:
                continue
            filled = str(value)
            if len(out) + out.count(token) * (len(filled) - len(token)) > limit:
                # Only the first *limit* characters are built: the result is exactly
                # *limit* long, which tells bounds.check that it overflowed.
                pieces, size = [], 0
                for index, part in enumerate(out.split(token)):
                    pieces += [filled, part] if index else [part]
                    size += len(part) + (len(filled) if index else 0)
                    if size >= limit:
                        break
                return "".join(pieces)[:limit]
            out = out.replace(token, filled)
    return out
