"""What a design may ask the renderer to draw: every number finite and within bounds.

A design file is data from anywhere (a pack from another office, a hand-edited JSON), so
before one is used ``check`` refuses what would make a render slow or huge: a font size
of 1e9, a box a million canvases wide, NaN, a 10,000-character QR code, a chart value
"x", a list field that is a number, placeholders that expand into each other. Each
refusal is a ``DesignLimitError`` whose code is a composer.i18n message.

The renderer itself also reads numbers through ``number`` (clamped, never NaN) and clips
every layer to the canvas, so a design built in memory cannot blow up a render either.
Sizes are fractions of the canvas width, as in composer.design.model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from composer.design.box_limits import BOX_OFFSET, BOX_SIZE, clamp
from composer.design.layout import place
from composer.design.model import Box, Design, Field, Layer
from composer.design.placeholders import fill_placeholders

__all__ = ["BOX_OFFSET", "BOX_SIZE", "DesignLimitError", "check", "clamp", "is_number", "number"]

MAX_LAYERS = 400
MAX_DEPTH = 8  # groups inside groups
MAX_TEXT = 5000  # characters in one text layer or field, after placeholders are filled
MAX_QR_BYTES = 1000  # beyond this the modules get too small to scan from a phone screen
MAX_ITEMS = 60  # list items, table rows, chart bars
MAX_COLUMNS = 12  # table columns
MAX_CELL = 500  # characters in one list item, table cell or chart label
ROTATION = 360.0
# The whole design's drawing work, so that no file makes a render take seconds: all the
# text it draws (text layers, list items, table cells, chart labels), the canvases its
# layers' visible parts add up to, and QR codes (each one is encoded).
MAX_TOTAL_TEXT = 20_000
MAX_CANVASES = 20.0  # about 1 s of drawing on a 2-core laptop at 1080×1920
ROTATED_WEIGHT = 4.0  # a turned layer costs its turned bounding box, then the turn itself
MAX_QR = 8

# Numeric props: (lowest, highest). The templates use sizes ≤ 0.11, strokes 0.004,
# radii 0.04: the bounds leave room for bold designs and none for absurd ones.
PROP_BOUNDS: dict[str, tuple[float, float]] = {
    "size": (0.001, 0.5),
    "min_size": (0.001, 0.5),
    "stroke_width": (0.0, 0.1),
    "radius": (0.0, 1.0),
    "padding": (0.0, 0.5),
    "line_height": (0.5, 4.0),
    "columns_wide": (1, 6),
}
GRADIENT_ANGLE = 360.0


@dataclass
class DesignLimitError(ValueError):
    code: str  # a composer.i18n message code
    params: dict[str, str | int | float] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}"


def is_number(value: Any) -> bool:
    """A finite int or float (not a bool); an int too large for a float is not one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) if isinstance(value, float) else abs(value) <= 1e300


def number(props: Mapping[str, Any], key: str, default: float) -> float:
    """props[key] as a finite number within PROP_BOUNDS; *default* when it is not a number."""
    value = props.get(key, default)
    if not is_number(value):
        value = default
    low, high = PROP_BOUNDS.get(key, (-math.inf, math.inf))
    return float(min(max(value, low), high))


def check(design: Design, values: Mapping[str, Any] | None = None) -> None:
    """Refuse a design that cannot be drawn within bounds (raises DesignLimitError)."""
    layers = list(design.walk())
    if len(layers) > MAX_LAYERS:
        raise DesignLimitError("design.too_many_layers", {"limit": MAX_LAYERS})
    _check_depth(design.layers, 0)
    for item in design.fields:
        _check_field(item)
    filled = {**design.field_values(), **(values or {})}
    characters = 0
    for layer in layers:
        name = layer.name or layer.kind
        for box in (layer.box, layer.wide):
            if box is not None:
                _check_box(name, box)
        _in_range(name, "rotation", layer.rotation, -ROTATION, ROTATION)
        _in_range(name, "opacity", layer.opacity, 0.0, 1.0)
        _check_props(name, layer)
        for key in ("text", "data"):
            text = layer.props.get(key)
            if isinstance(text, str):
                result = fill_placeholders(text, filled, limit=MAX_TEXT + 1)
                if layer.kind == "qr" and key == "data" and len(result.encode()) > MAX_QR_BYTES:
                    raise DesignLimitError(
                        "design.qr_too_long",
                        {"layer": name, "length": len(result.encode()), "limit": MAX_QR_BYTES},
                    )
                if len(result) > MAX_TEXT:
                    raise DesignLimitError("design.text_too_long", {"layer": name, "limit": MAX_TEXT})
                characters += len(result) if layer.kind == "text" else 0
        characters += _check_data(name, layer, filled)
    if characters > MAX_TOTAL_TEXT:
        raise DesignLimitError("design.too_much_text", {"length": characters, "limit": MAX_TOTAL_TEXT})
    if sum(layer.kind == "qr" for layer in layers) > MAX_QR:
        raise DesignLimitError("design.too_many_qr", {"limit": MAX_QR})
    _check_area(design)


def _check_area(design: Design) -> None:
    """The layers' parts on the canvas add up to at most MAX_CANVASES canvases, on a
    portrait and on a landscape canvas (their boxes differ)."""
    for width, height in ((1000, 1250), (1600, 900)):
        area = 0.0
        for item in place(design, width, height):
            if item.layer.kind == "group" and not item.layer.prop("fill"):
                continue
            rect = item.rect
            w = min(rect.x + rect.w, width) - max(rect.x, 0)
            h = min(rect.y + rect.h, height) - max(rect.y, 0)
            area += max(w, 0) * max(h, 0) * (ROTATED_WEIGHT if item.layer.rotation else 1.0)
        if area > MAX_CANVASES * width * height:
            raise DesignLimitError("design.too_much_area", {"limit": round(MAX_CANVASES)})


def _in_range(name: str, key: str, value: Any, low: float, high: float) -> None:
    if not is_number(value) or not low <= value <= high:
        shown = value if isinstance(value, int | float) and not isinstance(value, bool) else repr(value)
        raise DesignLimitError(
            "design.number_out_of_bounds",
            {"layer": name, "property": key, "value": str(shown)[:40], "low": low, "high": high},
        )


def _check_depth(layers: tuple[Layer, ...], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise DesignLimitError("design.too_deep", {"limit": MAX_DEPTH})
    for layer in layers:
        if layer.children:
            _check_depth(layer.children, depth + 1)


def _check_box(name: str, box: Box) -> None:
    _in_range(name, "x", box.x, -BOX_OFFSET, BOX_OFFSET)
    _in_range(name, "y", box.y, -BOX_OFFSET, BOX_OFFSET)
    _in_range(name, "w", box.w, 0.0, BOX_SIZE)
    _in_range(name, "h", box.h, 0.0, BOX_SIZE)


def _check_props(name: str, layer: Layer) -> None:
    props = layer.props
    _check_finite(name, "props", props, 0)
    for key, (low, high) in PROP_BOUNDS.items():
        if key in props:
            _in_range(name, key, props[key], low, high)
    gradient = props.get("gradient")
    if gradient is not None:
        if not isinstance(gradient, Mapping):
            raise DesignLimitError("design.wrong_type", {"layer": name, "property": "gradient"})
        if "angle" in gradient:
            _in_range(name, "gradient.angle", gradient["angle"], -GRADIENT_ANGLE, GRADIENT_ANGLE)
    focal = props.get("focal")
    if focal is not None:
        if not isinstance(focal, list | tuple) or len(focal) != 2:
            raise DesignLimitError("design.wrong_type", {"layer": name, "property": "focal"})
        for value in focal:
            _in_range(name, "focal", value, 0.0, 1.0)
    for key in ("text", "data", "source", "color", "fill", "stroke", "icon", "shape", "font"):
        if key == "data" and layer.kind != "qr":
            continue  # a chart's data is rows, checked with the other row fields
        value = props.get(key)
        if value is not None and not isinstance(value, str):
            raise DesignLimitError("design.wrong_type", {"layer": name, "property": key})


def _check_finite(name: str, key: str, value: Any, depth: int) -> None:
    """No NaN or infinity anywhere in the props, and no absurd nesting."""
    if depth > 6:
        raise DesignLimitError("design.too_deep", {"limit": MAX_DEPTH})
    if isinstance(value, float) and not math.isfinite(value):
        raise DesignLimitError(
            "design.number_out_of_bounds",
            {"layer": name, "property": key, "value": str(value), "low": "-", "high": "-"},
        )
    if isinstance(value, Mapping):
        for k, v in value.items():
            _check_finite(name, str(k), v, depth + 1)
    elif isinstance(value, list | tuple):
        for v in value:
            _check_finite(name, key, v, depth + 1)


def _check_data(name: str, layer: Layer, values: Mapping[str, Any]) -> int:
    """The rows a list, table or chart layer will draw have the shape that kind needs;
    returns how many characters they draw."""
    if layer.kind not in ("list", "table", "chart"):
        return 0
    source = {"list": "items", "table": "rows", "chart": "data"}[layer.kind]
    key = layer.props.get("field")
    data = values.get(str(key)) if key is not None else layer.props.get(source)
    if data is None:
        return 0
    _check_rows(layer.kind, name, str(key or source), data)
    rows = [row if isinstance(row, list) else [row] for row in data]
    return sum(len(str(cell)) for row in rows for cell in row)


def _check_field(item: Field) -> None:
    if item.kind in ("list", "table", "chart") and item.value is not None:
        _check_rows(item.kind, item.label or item.key, item.key, item.value)
    elif isinstance(item.value, str) and len(item.value) > MAX_TEXT:
        raise DesignLimitError("design.text_too_long", {"layer": item.label or item.key, "limit": MAX_TEXT})
    elif isinstance(item.value, float) and not math.isfinite(item.value):
        raise DesignLimitError(
            "design.number_out_of_bounds",
            {
                "layer": item.label or item.key,
                "property": item.key,
                "value": str(item.value),
                "low": "-",
                "high": "-",
            },
        )


def _check_rows(kind: str, name: str, key: str, data: Any) -> None:
    code = f"design.field_not_{kind}"
    if not isinstance(data, list):
        raise DesignLimitError(code, {"layer": name, "field": key})
    if len(data) > MAX_ITEMS:
        raise DesignLimitError("design.too_many_items", {"layer": name, "limit": MAX_ITEMS})
    for row in data:
        if kind == "list":
            cells = [row]
        elif isinstance(row, list) and (kind == "table" or len(row) == 2):
            cells = row
        else:
            raise DesignLimitError(code, {"layer": name, "field": key})
        if len(cells) > MAX_COLUMNS:
            raise DesignLimitError("design.too_many_items", {"layer": name, "limit": MAX_COLUMNS})
        for index, cell in enumerate(cells):
            if kind == "chart" and index == 1:
                if not is_number(cell) or abs(cell) > 1e15:
                    raise DesignLimitError(code, {"layer": name, "field": key})
            elif not (isinstance(cell, str) and len(cell) <= MAX_CELL) and not is_number(cell):
                raise DesignLimitError(code, {"layer": name, "field": key})
