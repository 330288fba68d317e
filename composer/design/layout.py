"""Reflow: where every layer of a design lands on a canvas of any size.

The math of a ``Box``: the canvas anchor point (e.g. bottom-centre) plus the offset gives
the layer's own anchor point; the layer's size is a fraction of the canvas. The inverse
(``box_from_rect``) turns a dragged rectangle back into a box with the same anchor, so an
edit made on one size carries over to the other sizes of the same family.
"""

from __future__ import annotations

from dataclasses import dataclass

from composer.design.box_limits import BOX_OFFSET, BOX_SIZE, clamp
from composer.design.model import ANCHORS, Box, Design, Layer, family


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def intersects(self, other: Rect) -> bool:
        return (
            self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom
        )

    def intersection_area(self, other: Rect) -> float:
        w = min(self.right, other.right) - max(self.x, other.x)
        h = min(self.bottom, other.bottom) - max(self.y, other.y)
        return max(w, 0) * max(h, 0)

    def rounded(self) -> tuple[int, int, int, int]:
        """Integer pixels (x, y, w, h), at least 1×1."""
        x, y = round(self.x), round(self.y)
        return x, y, max(1, round(self.right) - x), max(1, round(self.bottom) - y)


@dataclass(frozen=True)
class Placed:
    layer: Layer
    rect: Rect  # in canvas pixels
    depth: int  # 0 for top-level layers
    top_id: str  # the top-level layer it belongs to (itself, or its group)


def rect_for(box: Box, container: Rect) -> Rect:
    ax, ay = ANCHORS[box.anchor]
    w, h = box.w * container.w, box.h * container.h
    point_x = container.x + ax * container.w + box.x * container.w
    point_y = container.y + ay * container.h + box.y * container.h
    return Rect(point_x - ax * w, point_y - ay * h, w, h)


def box_from_rect(rect: Rect, anchor: str, container: Rect) -> Box:
    """Kept within composer.design.bounds, so a drag far off the canvas still saves a
    design that loads again."""
    ax, ay = ANCHORS[anchor]
    point_x, point_y = rect.x + ax * rect.w, rect.y + ay * rect.h
    return Box(
        anchor,
        round(clamp((point_x - container.x - ax * container.w) / container.w, -BOX_OFFSET, BOX_OFFSET), 5),
        round(clamp((point_y - container.y - ay * container.h) / container.h, -BOX_OFFSET, BOX_OFFSET), 5),
        round(clamp(rect.w / container.w, 0.0, BOX_SIZE), 5),
        round(clamp(rect.h / container.h, 0.0, BOX_SIZE), 5),
    )


def place(design: Design, width: int, height: int) -> list[Placed]:
    """Every visible layer's rectangle on a width×height canvas, in paint order."""
    fam = family(width, height)
    canvas = Rect(0, 0, width, height)
    placed: list[Placed] = []

    def visit(layers: tuple[Layer, ...], container: Rect, depth: int, top: str | None) -> None:
        for layer in layers:
            if not layer.visible:
                continue
            rect = rect_for(layer.box_for(fam), container)
            top_id = top or layer.id
            placed.append(Placed(layer, rect, depth, top_id))
            if layer.children:
                visit(layer.children, rect, depth + 1, top_id)

    visit(design.layers, canvas, 0, None)
    return placed


def container_of(design: Design, layer_id: str, width: int, height: int) -> Rect:
    """The rectangle a layer's box is relative to: the canvas, or its group's box."""
    canvas = Rect(0, 0, width, height)
    for item in place(design, width, height):
        if any(child.id == layer_id for child in item.layer.children):
            return item.rect
    return canvas
