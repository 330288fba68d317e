"""Reflow math, the document model and its JSON form."""

from __future__ import annotations

import pytest

from composer.design.layout import Rect, box_from_rect, place, rect_for
from composer.design.model import ANCHORS, Box, Design, Layer, family
from composer.design.templates import TEMPLATES, build


def test_family() -> None:
    assert family(1080, 1350) == "tall"
    assert family(1080, 1080) == "tall"
    assert family(1080, 1920) == "tall"
    assert family(1200, 630) == "wide"
    assert family(1600, 900) == "wide"


@pytest.mark.parametrize("anchor", list(ANCHORS))
def test_box_and_rect_are_inverse(anchor: str) -> None:
    canvas = Rect(0, 0, 1080, 1350)
    box = Box(anchor, 0.05, -0.03, 0.4, 0.2)
    rect = rect_for(box, canvas)
    again = box_from_rect(rect, anchor, canvas)
    assert (
        again == pytest.approx(box)
        if False
        else (again.anchor, round(again.x, 4), round(again.y, 4))
        == (
            anchor,
            0.05,
            -0.03,
        )
    )
    assert (round(again.w, 4), round(again.h, 4)) == (0.4, 0.2)


def test_bottom_anchored_footer_stays_at_the_bottom_of_every_size() -> None:
    footer = Layer("f", "shape", box=Box("bottom", 0, -0.02, 1, 0.05))
    design = Design("d", "t", (footer,))
    for width, height in [(1080, 1350), (1080, 1920), (1080, 1080)]:
        rect = place(design, width, height)[0].rect
        assert rect.bottom == pytest.approx(height * 0.98)
        assert rect.w == width


def test_wide_box_is_used_on_landscape_canvases() -> None:
    layer = Layer("t", "text", box=Box("top-left", 0, 0, 1, 0.1), wide=Box("left", 0.05, 0, 0.4, 0.5))
    design = Design("d", "t", (layer,))
    assert place(design, 1080, 1350)[0].rect.w == 1080
    wide = place(design, 1600, 900)[0].rect
    assert (wide.x, wide.w, wide.y) == (80, 640, 225)


def test_group_children_are_placed_inside_the_group() -> None:
    child = Layer("c", "shape", box=Box("bottom-right", 0, 0, 0.5, 0.5))
    group = Layer("g", "group", box=Box("top-left", 0.5, 0.5, 0.5, 0.5), children=(child,))
    placed = {p.layer.id: p for p in place(Design("d", "t", (group,)), 1000, 1000)}
    assert placed["c"].rect == Rect(750, 750, 250, 250)
    assert placed["c"].top_id == "g"


def test_hidden_layers_are_not_placed() -> None:
    design = Design("d", "t", (Layer("a", "shape", visible=False), Layer("b", "shape")))
    assert [p.layer.id for p in place(design, 100, 100)] == ["b"]


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.id for t in TEMPLATES])
def test_templates_round_trip_through_json(template: object) -> None:
    from composer.design import io

    design = build(template.id)  # type: ignore[attr-defined]
    assert io.loads(io.dumps(design)) == design
    assert design.fields, "every template has data fields"
    assert all(layer.box.anchor in ANCHORS for layer in design.walk())


def test_ten_templates_with_the_kinds_the_office_needs() -> None:
    ids = {t.id for t in TEMPLATES}
    assert len(ids) >= 10
    kinds = {layer.kind for t in TEMPLATES for layer in t.build().walk()}
    assert {"text", "shape", "image", "icon", "table", "list", "chart", "qr"} <= kinds
