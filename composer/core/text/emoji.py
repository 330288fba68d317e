"""Emoji sequences as X counts them: each one weighs like a single wide character.

X's counter (twitter-text 3, config v3 ``emojiParsingEnabled``) finds emoji with Twitter's
twemoji parser and counts every match as one character of the default weight. This module
reproduces that parser's grammar with Unicode's emoji properties (Extended_Pictographic
and others, as ``re`` classes in ``emoji_properties``) instead of a list of sequences:

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

import re
from functools import cache, lru_cache

from composer.core.text.chunks import scan_by_piece
from composer.core.text.emoji_legacy import LEGACY_TEXT_DEFAULT
from composer.core.text.emoji_properties import (
    EMOJI_MODIFIER,
    EMOJI_MODIFIER_BASE,
    EMOJI_PRESENTATION,
    EXTENDED_PICTOGRAPHIC,
    REGIONAL_INDICATOR,
)

# The Unicode properties as ``re`` classes (generated from the `regex` module's tables,
# which tests/core compare them with): ``\p{...}`` would need `regex`, ~12 ms to import
# at start-up, where the first previews already need this pattern.
_PICTOGRAPHIC = f"[{EXTENDED_PICTOGRAPHIC}]"
_MODIFIER = f"[{EMOJI_MODIFIER}]"
_REGIONAL = f"[{REGIONAL_INDICATOR}]"
_ELEMENT = f"(?:{_PICTOGRAPHIC}(?:{_MODIFIER}|\ufe0f)?|{_REGIONAL}{{2}})"


@cache
def emoji_grammar() -> re.Pattern[str]:
    """The whole grammar (~2 ms to compile, so only for a text that needs it: below)."""
    return re.compile(
        "|".join(
            (
                rf"{_ELEMENT}(?:\u200D{_ELEMENT})+",
                r"\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F",
                r"[#*0-9]\uFE0F?\u20E3",
                f"{_REGIONAL}{{2}}",
                f"[{EMOJI_MODIFIER_BASE}]{_MODIFIER}",
                rf"{_PICTOGRAPHIC}\uFE0F",
                rf"[{EMOJI_PRESENTATION}](?!\uFE0E)\uFE0F?",
                rf"[{LEGACY_TEXT_DEFAULT}](?!\uFE0E)",  # all non-ASCII: none is special in a class
                r"\uFE0F",
            )
        )
    )


# Every alternative above but the two single-character ones needs one of these: a ZWJ, a
# variation selector, the keycap mark, a skin tone, a regional indicator or a tag. In a
# text without any, the emoji are exactly its Emoji_Presentation and legacy text-default
# characters, one character each; most posts' emoji are like that (📢, 🎄).
_SEQUENCE_PART = re.compile(
    f"[\u200d\u20e3\ufe0e\ufe0f{EMOJI_MODIFIER}{REGIONAL_INDICATOR}\U000e0020-\U000e007f]"
)


@cache
def _single_emoji() -> frozenset[str]:
    """The Emoji_Presentation and legacy text-default characters."""
    chars = set(LEGACY_TEXT_DEFAULT)
    body = EMOJI_PRESENTATION  # characters and first-last runs ("-" is no member: all non-ASCII)
    index = 0
    while index < len(body):
        if body[index + 1 : index + 2] == "-":
            chars.update(map(chr, range(ord(body[index]), ord(body[index + 2]) + 1)))
            index += 3
        else:
            chars.add(body[index])
            index += 1
    return frozenset(chars)


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
    if _SEQUENCE_PART.search(text) is None:
        single = _single_emoji()
        return tuple((index, index + 1) for index, ch in enumerate(text) if ch in single)
    return tuple(m.span() for m in emoji_grammar().finditer(text))
