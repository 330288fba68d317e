"""What a text-like layer draws, kept instead of its pixels until pixels are needed.

A text, list, table, chart or icon layer records its drawing calls here (shapes, text
lines, glyphs) in its box's coordinates. On a full compose onto an RGB frame (the cold
render, every export) the renderer paints the recipe straight onto the frame at the
layer's place, clipped to its visible box, as its tile would have clipped it: no RGBA
buffer, no ink crop, no masked paste. A partial recompose (a drag) or a transparent frame
asks for ``materialise()``: the same calls drawn into the layer's own RGBA tile, exactly
as they always were (after a paint, from the glyph masks it rendered: ImageDraw.text's
own last step, so the same pixels without FreeType rendering them twice).

The two give the same pixels only under conditions ``Recipe.add`` checks when recording
(and ``paint`` checks for overlapping glyphs): every colour opaque, no colour emoji
(alpha-composited, which an RGB frame cannot), only rectangles and ellipses (no lines:
a chart's axis), shapes inside the visible box (Pillow has no clip rectangle). An opaque pixel in the tile is pasted as it is and text drawn over it
blends the same way on either; ink over a transparent pixel is pasted through its own
alpha, which is the glyph's coverage, as drawing the glyph on the frame blends it. Two
runs of text whose glyphs overlap do not compose the same (Pillow's blend onto a
half-covered RGBA pixel is not "over"): such a recipe is painted through its tile.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from composer.design import text as textmod
from composer.design.fonts import text_font

Color = tuple[int, int, int, int]
SHAPES = ("rectangle", "rounded_rectangle", "ellipse")


def shifted(xy: Any, dx: int, dy: int) -> list[float]:
    """Box coordinates (flat, or (x, y) points) as a flat list in the surface's, which
    starts (dx, dy) into the box."""
    flat = [v for point in xy for v in point] if isinstance(xy[0], tuple) else list(xy)
    out = []
    for i, v in enumerate(flat):
        shift = dx if i % 2 == 0 else dy
        # Pillow truncates coordinates toward zero: a point moved below zero is floored
        # first, so a clipped shape's edge falls on the same pixels as the whole shape's.
        out.append(v - shift if v - shift >= 0 else math.floor(v) - shift)
    return out


class ShiftedDraw:
    """ImageDraw on a surface's visible part, taking coordinates in the whole box."""

    def __init__(self, image: Image.Image, dx: int, dy: int) -> None:
        self._draw = ImageDraw.Draw(image)
        self._dx, self._dy = dx, dy

    def _xy(self, xy: Any) -> list[float]:
        return shifted(xy, self._dx, self._dy)

    def _box(self, xy: Any) -> list[float] | None:
        """A shape's corners, or None for one whose far corner lies before its near one
        (a box a few pixels small on a tiny canvas): it shows nothing, where Pillow raises."""
        flat = self._xy(xy)
        return None if flat[2] < flat[0] or flat[3] < flat[1] else flat

    def rectangle(self, xy: Any, **kwargs: Any) -> None:
        if (box := self._box(xy)) is not None:
            self._draw.rectangle(box, **kwargs)

    def rounded_rectangle(self, xy: Any, **kwargs: Any) -> None:
        if (box := self._box(xy)) is not None:
            self._draw.rounded_rectangle(box, **kwargs)

    def ellipse(self, xy: Any, **kwargs: Any) -> None:
        if (box := self._box(xy)) is not None:
            self._draw.ellipse(box, **kwargs)

    def line(self, xy: Any, **kwargs: Any) -> None:
        flat = self._xy(xy)
        self._draw.line(list(zip(flat[0::2], flat[1::2], strict=True)), **kwargs)

    def text(self, xy: tuple[float, float], text: str, **kwargs: Any) -> None:
        self._draw.text((xy[0] - self._dx, xy[1] - self._dy), text, **kwargs)


@dataclass(frozen=True)
class _Shape:
    method: str  # a ShiftedDraw method
    xy: Any  # in box coordinates
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class _Lines:
    """textmod.draw's call: a laid-out text in *box* (in tile coordinates)."""

    layout: textmod.TextLayout
    family: str
    weight: str
    color: Color
    align: str
    valign: str
    box: tuple[float, float, float, float]
    runs: tuple[tuple[float, float, str, bool], ...]  # textmod.placed_runs of the above


@dataclass(frozen=True)
class _Glyph:
    """ShiftedDraw.text's call: one line of *font* at xy (box coordinates)."""

    font: ImageFont.FreeTypeFont
    text: str
    xy: tuple[float, float]
    fill: Color
    anchor: str


_Op = _Shape | _Lines | _Glyph


@dataclass
class Recipe:
    size: tuple[int, int]  # the visible part of the box that the tile covers
    dx: int = 0
    dy: int = 0
    ops: list[_Op] = field(default_factory=list)
    direct: bool = True  # painting onto an RGB frame gives the tile's pixels
    overlapping: bool = False  # found by paint(): two glyph runs overlap
    # The glyph masks paint() rendered, kept until the tile is drawn: a drag that first
    # reaches this layer then draws its tile without FreeType rendering it all again.
    _painted: list[tuple[_Op, tuple[int, int, int, int] | None, Any]] | None = None

    # --- recording -----------------------------------------------------------------------
    def shape(self, method: str, xy: Any, **kwargs: Any) -> None:
        colors = [kwargs.get("fill"), kwargs.get("outline")]
        flat = shifted(xy, self.dx, self.dy)
        xs, ys = flat[0::2], flat[1::2]
        # Pillow does not clip to a rectangle: a shape that could reach past the tile's
        # edge is drawn into the tile, which cuts it.
        inside = min(xs) >= 0 and min(ys) >= 0 and max(xs) <= self.size[0] - 1 and max(ys) <= self.size[1] - 1
        if method not in SHAPES or not all(_opaque(c) for c in colors if c is not None) or not inside:
            self.direct = False
        elif method == "rounded_rectangle":
            # Pillow rounds its corners half to even: rounded at frame coordinates, an
            # edge at .5 could land a row off the tile's. Rounded here, as on the tile, the
            # frame gets the same whole pixels moved by a whole offset. (Rectangles and
            # ellipses truncate, which a whole offset does not change for points >= 0.)
            xy = [round(v) + (self.dx if i % 2 == 0 else self.dy) for i, v in enumerate(flat)]
        self.ops.append(_Shape(method, xy, kwargs))

    def lines(
        self,
        layout: textmod.TextLayout,
        *,
        family: str,
        weight: str,
        color: Color,
        align: str,
        valign: str,
        box: tuple[float, float, float, float],
    ) -> None:
        runs = textmod.placed_runs(layout, family=family, weight=weight, align=align, valign=valign, box=box)
        self.ops.append(_Lines(layout, family, weight, color, align, valign, box, tuple(runs)))
        if not _opaque(color) or any(is_emoji for *_place, is_emoji in runs):
            self.direct = False

    def glyph(self, xy: tuple[float, float], text: str, *, font: Any, fill: Color, anchor: str) -> None:
        self.ops.append(_Glyph(font, text, xy, fill, anchor))
        if not _opaque(fill) or not isinstance(font, ImageFont.FreeTypeFont):
            self.direct = False

    # --- drawing -------------------------------------------------------------------------
    def materialise(self) -> Image.Image:
        """The tile: every call drawn into a transparent image of the visible part."""
        if self._painted is not None:
            return self._from_masks(self._painted)
        image = Image.new("RGBA", self.size, (0, 0, 0, 0))
        drawer = ShiftedDraw(image, self.dx, self.dy)
        for op in self.ops:
            if isinstance(op, _Shape):
                getattr(drawer, op.method)(op.xy, **op.kwargs)
            elif isinstance(op, _Lines):
                textmod.draw(
                    image,
                    op.layout,
                    family=op.family,
                    weight=op.weight,
                    color=op.color,
                    align=op.align,
                    valign=op.valign,
                    box=op.box,
                )
            else:
                drawer.text(op.xy, op.text, font=op.font, fill=op.fill, anchor=op.anchor)
        return image

    def paint(self, frame: Image.Image, origin: tuple[int, int], clip: tuple[int, int, int, int]) -> bool:
        """Draw onto the RGB *frame* with the tile's corner at *origin*, inside *clip*
        (left, top, right, bottom, frame pixels). False, with nothing drawn, when two
        glyph runs overlap (then the tile's pixels are pasted instead)."""
        if not self.direct or self.overlapping or not direct_drawing_matches():
            return False
        if self._painted is None:  # a later full frame (another background) reuses them
            self._painted = list(self._masks())
        masks = self._painted
        if _any_overlap([rect for _op, rect, _mask in masks if rect is not None]):
            self.overlapping = True
            return False
        draw = ImageDraw.Draw(frame)
        shifted = ShiftedDraw(frame, self.dx - origin[0], self.dy - origin[1])
        ox, oy = origin
        for op, rect, mask in masks:
            if isinstance(op, _Shape):
                getattr(shifted, op.method)(op.xy, **op.kwargs)
            elif rect is not None and mask is not None:
                fill = op.fill if isinstance(op, _Glyph) else op.color
                _bitmap(draw, mask, (rect[0] + ox, rect[1] + oy), fill, clip)
        return True

    def _from_masks(self, masks: list[tuple[_Op, tuple[int, int, int, int] | None, Any]]) -> Image.Image:
        """The tile drawn from the masks paint() rendered: ImageDraw.text's own last step
        (a fill through each mask, cut at the image's edge), so the same pixels."""
        image = Image.new("RGBA", self.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        shifted = ShiftedDraw(image, self.dx, self.dy)
        for op, rect, mask in masks:
            if isinstance(op, _Shape):
                getattr(shifted, op.method)(op.xy, **op.kwargs)
            elif rect is not None and mask is not None:
                fill = op.fill if isinstance(op, _Glyph) else op.color
                _bitmap(draw, mask, rect[:2], fill, (0, 0, *self.size))
        self._painted = None  # the tile keeps the pixels now
        return image

    def _masks(self) -> Iterator[tuple[_Op, tuple[int, int, int, int] | None, Any]]:
        """Each op with its glyph mask and the mask's rectangle in tile pixels, rendered as
        ImageDraw.text renders them (so the pixels are the tile's)."""
        for op in self.ops:
            if isinstance(op, _Shape):
                yield op, None, None
            elif isinstance(op, _Glyph):
                yield (op, *_mask(op.font, op.text, (op.xy[0] - self.dx, op.xy[1] - self.dy), op.anchor))
            else:
                font = text_font(op.family, op.weight, op.layout.px)
                for x, baseline, run, _emoji in op.runs:
                    yield (op, *_mask(font, run, (x, baseline), "ls"))


class RecordingDraw:
    """ShiftedDraw's calls, recorded into a recipe instead of drawn."""

    def __init__(self, recipe: Recipe) -> None:
        self._recipe = recipe

    def rectangle(self, xy: Any, **kwargs: Any) -> None:
        self._recipe.shape("rectangle", xy, **kwargs)

    def rounded_rectangle(self, xy: Any, **kwargs: Any) -> None:
        self._recipe.shape("rounded_rectangle", xy, **kwargs)

    def ellipse(self, xy: Any, **kwargs: Any) -> None:
        self._recipe.shape("ellipse", xy, **kwargs)

    def line(self, xy: Any, **kwargs: Any) -> None:
        self._recipe.shape("line", xy, **kwargs)

    def text(self, xy: tuple[float, float], text: str, *, font: Any, fill: Color, anchor: str) -> None:
        self._recipe.glyph(xy, text, font=font, fill=fill, anchor=anchor)


@lru_cache(maxsize=1)
def direct_drawing_matches() -> bool:
    """Whether a glyph mask filled onto an RGB image through ``_bitmap`` gives the pixels
    ImageDraw.text gives, on this Pillow (``_bitmap`` repeats ImageDraw.text's last,
    private step). Checked once per process; when not, every recipe goes through its tile."""
    font = text_font("inter", "bold", 23)
    expected = Image.new("RGB", (64, 40), (18, 53, 91))
    ImageDraw.Draw(expected).text((3.4, 29.6), "Ág", font=font, fill=(250, 180, 40, 255), anchor="ls")
    got = Image.new("RGB", (64, 40), (18, 53, 91))
    try:
        rect, mask = _mask(font, "Ág", (3.4, 29.6), "ls")
        if rect is None:
            return False
        _bitmap(ImageDraw.Draw(got), mask, rect[:2], (250, 180, 40, 255), (0, 0, 64, 40))
    except (AttributeError, TypeError, ValueError):
        return False
    return got.tobytes() == expected.tobytes()


def _opaque(color: Any) -> bool:
    return isinstance(color, tuple) and len(color) == 4 and color[3] == 255


def _mask(
    font: ImageFont.FreeTypeFont, text: str, xy: tuple[float, float], anchor: str
) -> tuple[tuple[int, int, int, int] | None, Any]:
    """ImageDraw.text's glyph mask for one line at xy, and where its corner falls."""
    x, y = xy
    mask, offset = font.getmask2(text, "L", anchor=anchor, start=(math.modf(x)[0], math.modf(y)[0]))
    left, top = int(x) + offset[0], int(y) + offset[1]
    width, height = mask.size
    if not width or not height:
        return None, None
    return (left, top, left + width, top + height), mask


def _bitmap(
    draw: ImageDraw.ImageDraw,
    mask: Any,
    corner: tuple[int, int],
    fill: Color,
    clip: tuple[int, int, int, int],
) -> None:
    """ImageDraw.text's last step (a fill through the glyph mask), cut to *clip*."""
    left, top = corner
    right, bottom = left + mask.size[0], top + mask.size[1]
    cut = (max(left, clip[0]), max(top, clip[1]), min(right, clip[2]), min(bottom, clip[3]))
    if cut[2] <= cut[0] or cut[3] <= cut[1]:
        return
    if cut != (left, top, right, bottom):
        mask = mask.crop((cut[0] - left, cut[1] - top, cut[2] - left, cut[3] - top))
    # ImageDraw.text ends with these two calls; Pillow has no public call taking a mask
    # it rendered itself, and going through ImageDraw.text would not clip.
    draw.draw.draw_bitmap(cut[:2], mask, draw._getink(fill)[0])


def _any_overlap(rects: list[tuple[int, int, int, int]]) -> bool:
    """Whether any two rectangles (left, top, right, bottom) share a pixel."""
    active: list[tuple[int, int, int, int]] = []
    for rect in sorted(rects, key=lambda r: r[1]):
        active = [r for r in active if r[3] > rect[1]]
        if any(r[0] < rect[2] and rect[0] < r[2] for r in active):
            return True
        active.append(rect)
    return False
