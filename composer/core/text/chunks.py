"""Cutting a post into short pieces that are scanned (and cached) one by one.

No entity X links (URL, hashtag, mention, cashtag) and no emoji sequence contains
whitespace, and every pattern looks at most one character before a match (the
"preceding character" rule) and starts its look-ahead at the character after it. So a
text can be cut at whitespace, each piece scanned with the whitespace character on either
side of it, and the matches shifted back: the result is the same as scanning the whole
text. Pieces end at a line break or at a space after a sentence or clause mark, so a
keystroke in a 2,000-character paragraph rescans one sentence, not the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

# A cut is a line break, or a space after punctuation that ends a sentence or a clause.
_CUT = re.compile(r"\n|(?<=[.!?;:,]) ")
# Finer: every space, tab and line break (words()).
_WORD_CUT = re.compile(r"[ \t\n]")

T = TypeVar("T")


@lru_cache(maxsize=16)
def pieces(text: str) -> tuple[tuple[int, str, int, int], ...]:
    """``(offset, piece, body_start, body_end)`` for each piece of *text*.

    *piece* is ``text[offset:...]``: the body with the cut character before and after it
    (where there is one); ``piece[body_start:body_end]`` is the body itself. Cached: the
    URL, hashtag, mention and emoji scans of one keystroke cut the same text."""
    return _cut_at(text, _CUT)


def words(text: str) -> tuple[tuple[int, str, int, int], ...]:
    """Like ``pieces``, cut at every space, tab and line break: a scan that has a cheap
    way for ASCII text can take it word by word where the piece is not all ASCII."""
    return _cut_at(text, _WORD_CUT)


def _cut_at(text: str, cuts: re.Pattern[str]) -> tuple[tuple[int, str, int, int], ...]:
    found = []
    start = 0
    for cut in [m.start() for m in cuts.finditer(text)] + [len(text)]:
        lo = start - 1 if start else 0
        hi = min(cut + 1, len(text))
        found.append((lo, text[lo:hi], start - lo, cut - lo))
        start = cut + 1
    return tuple(found)


def scan_by_piece(
    text: str,
    scan: Callable[[str], tuple[T, ...]],
    start_of: Callable[[T], int],
    shift: Callable[[T, int], T],
    cut_by: Callable[[str], tuple[tuple[int, str, int, int], ...]] = pieces,
) -> list[T]:
    """*scan* applied piece by piece (or word by word: *cut_by* ``words``), each found
    item's offsets made absolute.

    *scan* should be cached (``functools.lru_cache``): then a keystroke rescans only the
    piece it changed. Items are kept by the piece whose body they start in."""
    cut = cut_by(text)
    if len(cut) == 1:
        return list(scan(text))
    found: list[T] = []
    for offset, piece, body_start, body_end in cut:
        found += [shift(item, offset) for item in scan(piece) if body_start <= start_of(item) < body_end]
    return found
