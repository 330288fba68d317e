"""Legibility checks of a rendered design, per canvas size.

- text cut off: the text did not fit even at its smallest size and was ended with "…",
  or its box reaches outside the canvas;
- text too small: after shrinking, a line would be under about 9 px on a phone that shows
  the image 390 px wide (so 25 px on a 1080-wide canvas, 37 px on a 1600-wide one);
- overlap: two text layers, or text and a table/list/chart/QR, cover the same area; or an
  icon lies on text, or a shape or image is drawn over it (a shape *under* text is its
  background and fine).
"""

from __future__ import annotations

from composer.core.findings import Finding, error, warning
from composer.design.layout import Rect
from composer.design.render import Rendered

PHONE_WIDTH_PX = 390  # how wide a phone shows a feed image, in device-independent pixels
READABLE_PX = 9.0  # smallest comfortable text on that phone
UNREADABLE_PX = 6.0
_CONTENT_KINDS = {"text", "table", "list", "chart", "qr"}
_COVER_KINDS = {"icon", "shape", "image"}
COVERED = 0.3


def check(rendered: Rendered, width: int, height: int) -> list[Finding]:
    findings: list[Finding] = []
    scale = PHONE_WIDTH_PX / width
    canvas = Rect(0, 0, width, height)
    by_id = {p.layer.id: p for p in rendered.placed}
    for layer_id, info in rendered.texts.items():
        name = by_id[layer_id].layer.name or layer_id
        if info.truncated:
            findings.append(error("design.text_cut", "design", layer=name))
        on_phone = info.px * scale
        if on_phone < UNREADABLE_PX:
            findings.append(error("design.text_tiny", "design", layer=name, px=info.px))
        elif on_phone < READABLE_PX:
            findings.append(warning("design.text_small", "design", layer=name, px=info.px))
        rect = by_id[layer_id].rect
        outside = rect.w * rect.h - rect.intersection_area(canvas)
        if outside > 0.02 * rect.w * rect.h:
            findings.append(error("design.text_outside", "design", layer=name))
    content = [p for p in rendered.placed if p.layer.kind in _CONTENT_KINDS]
    for index, first in enumerate(content):
        for second in content[index + 1 :]:
            if first.layer.kind != "text" and second.layer.kind != "text":
                continue
            a = _ink(first.layer.id, first.rect, rendered)
            b = _ink(second.layer.id, second.rect, rendered)
            if a.intersection_area(b) > 0.04 * min(a.w * a.h, b.w * b.h):
                findings.append(
                    warning("design.overlap", "design", first=first.layer.name, second=second.layer.name)
                )
    findings += _covered_text(rendered)
    for layer_id in rendered.missing_images:
        findings.append(error("design.image_missing", "design", layer=by_id[layer_id].layer.name or layer_id))
    return findings


def _ink(layer_id: str, rect: Rect, rendered: Rendered) -> Rect:
    info = rendered.texts.get(layer_id)
    return info.ink if info is not None else rect


def _covered_text(rendered: Rendered) -> list[Finding]:
    """Text hidden under an icon, or under a shape or image painted after it."""
    findings = []
    placed = rendered.placed
    for text_index, text in enumerate(placed):
        if text.layer.kind != "text":
            continue
        ink = _ink(text.layer.id, text.rect, rendered)
        for cover_index, cover in enumerate(placed):
            kind = cover.layer.kind
            if kind not in _COVER_KINDS or (kind != "icon" and cover_index < text_index):
                continue
            # A third of the smaller one: an icon's box has room around its glyph, and text's
            # ink box the line's ascent, so a mark set just above a quote is no collision.
            if cover.rect.intersection_area(ink) > COVERED * min(ink.w * ink.h, cover.rect.w * cover.rect.h):
                findings.append(
                    warning("design.overlap", "design", first=text.layer.name, second=cover.layer.name)
                )
    return findings
