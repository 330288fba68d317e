"""Text in a box: wrapping, shrink-to-fit or ellipsis, colour emoji, drawing with Pillow.

``fit`` chooses the font size and the lines; ``draw`` paints them. Both are pure functions
of their inputs (plus the bundled fonts), so the renderer can cache the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from composer.core.text.emoji import emoji_spans
from composer.design.fonts import EMOJI_STRIKE, emoji_advance, emoji_image, measure, text_font

ELLIPSIS = "…"


@dataclass(frozen=True)
class TextLayout:
    lines: tuple[str, ...]
    px: int  # the font size actually used
    line_px: float
    truncated: bool  # text did not fit and was cut with an ellipsis
    width: float  # of the widest line
    height: float
    broke_words: bool = False  # a word was split between lines because it was too long


def _runs(text: str) -> list[tuple[str, bool]]:
    """Split *text* into (run, is_emoji) pieces."""
    if text.isascii():  # every emoji has a non-ASCII character: no scan (most lines)
        return [(text, False)] if text else []
    runs: list[tuple[str, bool]] = []
    pos = 0
    for start, end in emoji_spans(text):
        if start > pos:
            runs.append((text[pos:start], False))
        runs.append((text[start:end], True))
        pos = end
    if pos < len(text):
        runs.append((text[pos:], False))
    return runs


def line_width(text: str, family: str, weight: str, px: int) -> float:
    width = 0.0
    for run, is_emoji in _runs(text):
        width += emoji_advance(run) * px / EMOJI_STRIKE if is_emoji else measure(family, weight, px, run)
    return width


def _wrap(text: str, family: str, weight: str, px: int, max_width: float) -> tuple[list[str], bool]:
    lines: list[str] = []
    broke = False
    for paragraph in text.split("\n"):
        if (
            paragraph
            and not paragraph.startswith(" ")
            and "  " not in paragraph
            and line_width(paragraph, family, weight, px) <= max_width
        ):
            # The whole paragraph fits: one measurement instead of one per word (the
            # word-by-word pass below would build this same line).
            lines.append(paragraph)
            continue
        words = paragraph.split(" ")
        current = ""
        for word in words:
            candidate = word if not current else f"{current} {word}"
            if line_width(candidate, family, weight, px) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            if line_width(word, family, weight, px) > max_width:
                # A word longer than the line is broken between characters.
                broke = True
                current = ""
                for ch in word:
                    if current and line_width(current + ch, family, weight, px) > max_width:
                        lines.append(current)
                        current = ch
                    else:
                        current += ch
        lines.append(current)
    return lines, broke


def _layout(text: str, family: str, weight: str, px: int, line_height: float, max_width: float) -> TextLayout:
    lines, broke = _wrap(text, family, weight, px, max_width)
    line_px = px * line_height
    widest = max((line_width(line, family, weight, px) for line in lines), default=0.0)
    return TextLayout(tuple(lines), px, line_px, False, widest, line_px * len(lines), broke)


def _ellipsize(
    layout: TextLayout, family: str, weight: str, max_width: float, max_height: float
) -> TextLayout:
    keep = max(1, int(max_height // layout.line_px)) if layout.line_px > 0 else 1  # (a 0 px marker)
    lines = list(layout.lines[:keep])
    last = lines[-1].rstrip()
    while last and line_width(last + ELLIPSIS, family, weight, layout.px) > max_width:
        last = last[:-1].rstrip()
    lines[-1] = last + ELLIPSIS
    return TextLayout(
        tuple(lines), layout.px, layout.line_px, True, layout.width, layout.line_px * len(lines)
    )


@lru_cache(maxsize=2048)  # a pure function of its inputs: re-renders and previews reuse it
def fit(
    text: str,
    *,
    family: str,
    weight: str,
    px: int,
    min_px: int,
    line_height: float,
    overflow: str,
    max_width: float,
    max_height: float,
) -> TextLayout:
    """Lay *text* out in a max_width×max_height box.

    overflow "shrink": the largest size between min_px and px that fits (binary search)
    without splitting a word, then an ellipsis if even min_px does not; "ellipsis": keep
    px and cut with "…"."""

    def fits(candidate: TextLayout) -> bool:
        return candidate.height <= max_height + 0.5 and (not candidate.broke_words or overflow != "shrink")

    layout = _layout(text, family, weight, px, line_height, max_width)
    if fits(layout):
        return layout
    if overflow == "shrink" and min_px < px:
        found = _near_estimate(text, family, weight, px, min_px, line_height, max_width, max_height, fits)
        if found is not None:
            return found
        low, high, best = min_px, px - 1, None
        while low <= high:
            mid = (low + high) // 2
            candidate = _layout(text, family, weight, mid, line_height, max_width)
            if fits(candidate):
                best, low = candidate, mid + 1
            else:
                high = mid - 1
        if best is not None:
            return best
        layout = _layout(text, family, weight, min_px, line_height, max_width)
        if layout.height <= max_height + 0.5:
            return layout  # a long word split at the smallest size beats cutting text
    return _ellipsize(layout, family, weight, max_width, max_height)


def _estimated_px(
    text: str,
    family: str,
    weight: str,
    px: int,
    min_px: int,
    line_height: float,
    max_width: float,
    max_height: float,
) -> int | None:
    """The largest size in [min_px, px) at which *text* would fit if every width scaled
    with the size: one measurement per word instead of a layout per tried size."""
    paragraphs = [paragraph.split(" ") for paragraph in text.split("\n")]
    widths = {word: line_width(word, family, weight, px) for words in paragraphs for word in words}
    space = line_width(" ", family, weight, px)

    def lines_at(size: int) -> int | None:
        scale, count = size / px, 0
        for words in paragraphs:
            count, current = count + 1, -1.0
            for word in words:
                width = widths[word] * scale
                if width > max_width:
                    return None  # a word would be split
                if current < 0:
                    current = width
                elif current + (space + widths[word]) * scale <= max_width:
                    current += space * scale + width
                else:
                    count, current = count + 1, width
        return count

    low, high, best = min_px, px - 1, None
    while low <= high:
        mid = (low + high) // 2
        count = lines_at(mid)
        if count is not None and count * mid * line_height <= max_height + 0.5:
            best, low = mid, mid + 1
        else:
            high = mid - 1
    return best


def _near_estimate(
    text: str,
    family: str,
    weight: str,
    px: int,
    min_px: int,
    line_height: float,
    max_width: float,
    max_height: float,
    fits: Callable[[TextLayout], bool],
) -> TextLayout | None:
    """The largest fitting size, found by checking real layouts next to the estimate: a
    size that fits next to one that does not is the answer the binary search gives.
    None when the estimate is more than a few sizes off (the caller searches then)."""
    guess = _estimated_px(text, family, weight, px, min_px, line_height, max_width, max_height)
    if guess is None:
        return None

    def at(size: int) -> TextLayout:
        return _layout(text, family, weight, size, line_height, max_width)

    candidate = at(guess)
    if fits(candidate):
        for _ in range(3):
            if guess + 1 >= px:
                return candidate  # px itself was found not to fit
            above = at(guess + 1)
            if not fits(above):
                return candidate
            guess, candidate = guess + 1, above
        return None
    for _ in range(3):
        guess -= 1
        if guess < min_px:
            return None
        candidate = at(guess)
        if fits(candidate):
            return candidate
    return None


def placed_runs(
    layout: TextLayout,
    *,
    family: str,
    weight: str,
    align: str,
    valign: str,
    box: tuple[float, float, float, float],
) -> list[tuple[float, float, str, bool]]:
    """Where ``draw`` paints each run of *layout* in *box* (x, y, w, h): (x, baseline,
    run, is_emoji), the text's left end on its baseline."""
    x0, y0, w, h = box
    ascent, descent = text_font(family, weight, layout.px).getmetrics()
    top = y0 + {"middle": (h - layout.height) / 2, "bottom": h - layout.height}.get(valign, 0.0)
    placed = []
    for index, line in enumerate(layout.lines):
        # A left-aligned line needs no width to be placed.
        width = line_width(line, family, weight, layout.px) if align in ("center", "right") else 0.0
        x = x0 + {"center": (w - width) / 2, "right": w - width}.get(align, 0.0)
        baseline = top + index * layout.line_px + (layout.line_px + ascent - descent) / 2
        runs = _runs(line)
        for number, (run, is_emoji) in enumerate(runs):
            placed.append((x, baseline, run, is_emoji))
            if number + 1 < len(runs):  # the last run's advance places nothing
                advance = emoji_advance(run) * layout.px / EMOJI_STRIKE if is_emoji else None
                x += advance if advance is not None else measure(family, weight, layout.px, run)
    return placed


def draw(
    image: Image.Image,
    layout: TextLayout,
    *,
    family: str,
    weight: str,
    color: tuple[int, int, int, int],
    align: str,
    valign: str,
    box: tuple[float, float, float, float],
) -> None:
    """Paint *layout* into *box* (x, y, w, h) of *image*."""
    font = text_font(family, weight, layout.px)
    drawer = ImageDraw.Draw(image)
    for x, baseline, run, is_emoji in placed_runs(
        layout, family=family, weight=weight, align=align, valign=valign, box=box
    ):
        if is_emoji:
            glyph = emoji_image(run, layout.px)
            gx, gy = round(x), round(baseline - glyph.height * 0.85)
            # A box that starts above or left of the tile (clipped to the canvas) cuts
            # the glyph rather than moving it.
            if gx + glyph.width > 0 and gy + glyph.height > 0:
                image.alpha_composite(glyph, (max(0, gx), max(0, gy)), (max(0, -gx), max(0, -gy)))
        else:
            drawer.text((x, baseline), run, font=font, fill=color, anchor="ls")
