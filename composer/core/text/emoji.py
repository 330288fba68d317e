"""Emoji sequences as X counts them: each one weighs like a single wide character.

X's counter (twitter-text 3, config v3 ``emojiParsingEnabled``) finds emoji with Twitter's
twemoji parser and counts every match as one character of the default weight. This module
reproduces that parser's grammar with Unicode properties instead of a generated list:

- ZWJ sequences, tag sequences (subdivision flags), keycaps and regional-indicator flags;
- an emoji base followed by a skin-tone modifier;
- an ``Emoji_Presentation`` character, unless followed by U+FE0E (text style);
- a text-default pictograph followed by U+FE0F;
- a *legacy* text-default emoji (one that was already emoji in Emoji 1.0, such as ❤ or
  ☺) even without U+FE0F, except ©, ® and ™, which twemoji >= 2.5 treats as text;
- a stray U+FE0F on its own.

Where the twemoji tests are explicit (❤ and ☺ bare are emoji; ©, ®, ™, ♟ bare are not;
a lone U+FE0F is an entity) this agrees with them.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from composer.core.text.chunks import scan_by_piece
from composer.core.text.emoji_legacy import LEGACY_TEXT_DEFAULT


def _legacy_text_default() -> str:
    """Characters twemoji counts as emoji even without U+FE0F, as a regex class body."""
    return "".join(regex.escape(c) for c in LEGACY_TEXT_DEFAULT)


_ELEMENT = r"(?:\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?|\p{Regional_Indicator}{2})"
_EMOJI = regex.compile(
    "|".join(
        (
            rf"{_ELEMENT}(?:\u200D{_ELEMENT})+",
            r"\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F",
            r"[#*0-9]\uFE0F?\u20E3",
            r"\p{Regional_Indicator}{2}",
            r"\p{Emoji_Modifier_Base}\p{Emoji_Modifier}",
            r"\p{Extended_Pictographic}\uFE0F",
            r"\p{Emoji_Presentation}(?!\uFE0E)\uFE0F?",
            rf"[{_legacy_text_default()}](?!\uFE0E)",
            r"\uFE0F",
        )
    ),
    regex.V0,
)


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` code-point offsets of every emoji in *text*."""
    # Piece by piece (no emoji sequence contains whitespace), each piece cached: a
    # keystroke rescans only the sentence it changed.
    return scan_by_piece(
        text, _spans_in_line, lambda span: span[0], lambda span, shift: (span[0] + shift, span[1] + shift)
    )


@lru_cache(maxsize=1024)
def _spans_in_line(text: str) -> tuple[tuple[int, int], ...]:
    if text.isascii():
        return ()  # every emoji has a non-ASCII character (a keycap ends in U+20E3)
    return tuple(m.span() for m in _EMOJI.finditer(text))
