"""Text in a box: wrapping, shrink-to-fit or ellipsis, colour emoji, drawing with Pillow.

``fit`` chooses the font size and the lines; ``draw`` paints them. Both are pure functions
of their inputs (plus the bundled fonts), so the renderer can cache the result.
"""

from __future__ import annotations

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
    keep = max(1, int(max_height // layout.line_px))
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
    x0, y0, w, h = box
    font = text_font(family, weight, layout.px)
    ascent, descent = font.getmetrics()
    drawer = ImageDraw.Draw(image)
    top = y0 + {"middle": (h - layout.height) / 2, "bottom": h - layout.height}.get(valign, 0.0)
    for index, line in enumerate(layout.lines):
        width = line_width(line, family, weight, layout.px)
        x = x0 + {"center": (w - width) / 2, "right": w - width}.get(align, 0.0)
        baseline = top + index * layout.line_px + (layout.line_px + ascent - descent) / 2
        for run, is_emoji in _runs(line):
            if is_emoji:
                glyph = emoji_image(run, layout.px)
                gx, gy = round(x), round(baseline - glyph.height * 0.85)
                # A box that starts above or left of the tile (clipped to the canvas) cuts
                # the glyph rather than moving it.
                if gx + glyph.width > 0 and gy + glyph.height > 0:
                    image.alpha_composite(glyph, (max(0, gx), max(0, gy)), (max(0, -gx), max(0, -gy)))
                x += emoji_advance(run) * layout.px / EMOJI_STRIKE
            else:
                drawer.text((x, baseline), run, font=font, fill=color, anchor="ls")
                x += measure(family, weight, layout.px, run)
