"""The design document: immutable layers placed by anchors and relative boxes.

One design serves every canvas size. A layer's ``box`` places it on tall and square
canvases; ``wide`` (optional) places it on landscape ones. Boxes are fractions of the
canvas, measured from one of nine anchors, so a footer anchored at the bottom stays at
the bottom of a 9:16 story and of a 4:5 post alike; text is re-fitted, never stretched.

Layer kinds and their ``props``:

- text:  text (with {field} and {office} placeholders), font ("heading"|"body"),
         weight, size (fraction of the canvas width), color, align, valign,
         line_height, overflow ("shrink"|"ellipsis"), uppercase, min_size
- shape: shape ("rect"|"rounded"|"ellipse"|"line"), fill, stroke, stroke_width, radius,
         gradient ({"from", "to", "angle"})
- image: source ("field:<key>", "brand:logo", "media:<sha256>" or "asset:<path>"),
         fit ("cover"|"contain"), focal ([x, y]), radius, circle
- icon:  icon (a name from composer.design.icons), color
- table: field (rows; the first is the header), color, header_fill, header_color, size
- list:  field (items), numbered, color, marker_fill, marker_color, size, columns_wide
- chart: field ([label, value] rows), color, label_color, size
- qr:    data (text with placeholders), color, background
- group: children (layers placed inside the group's box)

Colours are "#rrggbb[aa]" or brand tokens such as "$primary" (see brand.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

SCHEMA_VERSION = 1
ANCHORS = {
    "top-left": (0.0, 0.0),
    "top": (0.5, 0.0),
    "top-right": (1.0, 0.0),
    "left": (0.0, 0.5),
    "center": (0.5, 0.5),
    "right": (1.0, 0.5),
    "bottom-left": (0.0, 1.0),
    "bottom": (0.5, 1.0),
    "bottom-right": (1.0, 1.0),
}
KINDS = ("text", "shape", "image", "icon", "table", "list", "chart", "qr", "group")
WIDE_ASPECT = 1.15  # canvases wider than this (w/h) use the layers' ``wide`` boxes


def family(width: int, height: int) -> str:
    """ "wide" for landscape canvases, "tall" for portrait and square ones."""
    return "wide" if width / height > WIDE_ASPECT else "tall"


@dataclass(frozen=True)
class Box:
    anchor: str = "top-left"
    x: float = 0.0  # offset of the layer's anchor point from the canvas's, in canvas widths
    y: float = 0.0  # ... in canvas heights
    w: float = 1.0  # width, in canvas widths
    h: float = 1.0  # height, in canvas heights

    def to_dict(self) -> dict[str, Any]:
        return {"anchor": self.anchor, "x": self.x, "y": self.y, "w": self.w, "h": self.h}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Box:
        anchor = str(data.get("anchor", "top-left"))
        if anchor not in ANCHORS:
            raise ValueError(f"unknown anchor {anchor!r}")
        return cls(
            anchor, float(data.get("x", 0)), float(data.get("y", 0)), float(data["w"]), float(data["h"])
        )


@dataclass(frozen=True)
class Layer:
    id: str
    kind: str
    name: str = ""
    box: Box = field(default_factory=Box)
    wide: Box | None = None
    rotation: float = 0.0
    opacity: float = 1.0
    visible: bool = True
    locked: bool = False
    props: Mapping[str, Any] = field(default_factory=dict, hash=False)
    children: tuple[Layer, ...] = ()

    def box_for(self, fam: str) -> Box:
        return self.wide if fam == "wide" and self.wide is not None else self.box

    def prop(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "box": self.box.to_dict(),
            "props": dict(self.props),
        }
        if self.wide is not None:
            data["wide"] = self.wide.to_dict()
        if self.rotation:
            data["rotation"] = self.rotation
        if self.opacity != 1.0:
            data["opacity"] = self.opacity
        if not self.visible:
            data["visible"] = False
        if self.locked:
            data["locked"] = True
        if self.children:
            data["children"] = [c.to_dict() for c in self.children]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Layer:
        kind = str(data["kind"])
        if kind not in KINDS:
            raise ValueError(f"unknown layer kind {kind!r}")
        wide = data.get("wide")
        return cls(
            id=str(data.get("id") or new_id()),
            kind=kind,
            name=str(data.get("name", "")),
            box=Box.from_dict(data["box"]),
            wide=Box.from_dict(wide) if wide else None,
            rotation=float(data.get("rotation", 0.0)),
            opacity=min(max(float(data.get("opacity", 1.0)), 0.0), 1.0),
            visible=bool(data.get("visible", True)),
            locked=bool(data.get("locked", False)),
            props=dict(data.get("props", {})),
            children=tuple(cls.from_dict(c) for c in data.get("children", [])),
        )


@dataclass(frozen=True)
class Field:
    """A piece of the template's content, edited in a form: text, list, table, photo…"""

    key: str
    label: str
    kind: str  # text, multiline, list, table, chart, image, url
    value: Any

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "kind": self.kind, "value": self.value}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Field:
        return cls(
            str(data["key"]),
            str(data.get("label", data["key"])),
            str(data.get("kind", "text")),
            data.get("value"),
        )


@dataclass(frozen=True)
class Design:
    id: str
    name: str
    layers: tuple[Layer, ...]
    background: str = "$background"
    fields: tuple[Field, ...] = ()
    template: str = ""
    schema_version: int = SCHEMA_VERSION

    def field_values(self) -> dict[str, Any]:
        return {f.key: f.value for f in self.fields}

    def walk(self) -> Iterator[Layer]:
        """Every layer, groups before their children, in paint order."""

        def visit(layers: tuple[Layer, ...]) -> Iterator[Layer]:
            for layer in layers:
                yield layer
                yield from visit(layer.children)

        yield from visit(self.layers)

    def find(self, layer_id: str) -> Layer | None:
        return next((layer for layer in self.walk() if layer.id == layer_id), None)

    def replace_layer(self, layer_id: str, new: Layer | None) -> Design:
        """A copy with *layer_id* replaced by *new* (or removed when None), at any depth."""

        def swap(layers: tuple[Layer, ...]) -> tuple[Layer, ...]:
            out: list[Layer] = []
            for layer in layers:
                if layer.id == layer_id:
                    if new is not None:
                        out.append(new)
                    continue
                out.append(replace(layer, children=swap(layer.children)) if layer.children else layer)
            return tuple(out)

        return replace(self, layers=swap(self.layers))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "name": self.name,
            "template": self.template,
            "background": self.background,
            "fields": [f.to_dict() for f in self.fields],
            "layers": [layer.to_dict() for layer in self.layers],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Design:
        return cls(
            id=str(data.get("id") or new_id()),
            name=str(data.get("name", "")),
            template=str(data.get("template", "")),
            background=str(data.get("background", "$background")),
            fields=tuple(Field.from_dict(f) for f in data.get("fields", [])),
            layers=tuple(Layer.from_dict(layer) for layer in data["layers"]),
            schema_version=SCHEMA_VERSION,
        )


def new_id() -> str:
    return uuid.uuid4().hex[:12]
