"""The one renderer: a design at any canvas size, as a Pillow RGBA image.

Each layer is drawn into its own tile that does not know where it sits (mkdocs-material's
social cards do the same), cached by a digest of what it looks like. A frame is the
background with the tiles composited at their offsets; when only some layers moved or
changed since the last frame, only the rectangles they covered and now cover are
recomposed, so dragging a layer costs a few milliseconds.

The editor's canvas shows this renderer's output and the export saves it: what the
officer sees is what is published.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from PIL import Image, ImageChops, ImageDraw

from composer.design import text as textmod
from composer.design.brand import BrandKit
from composer.design.fonts import icon_font, measure
from composer.design.icons import ICONS
from composer.design.layout import Placed, Rect, place
from composer.design.model import Design, Layer

ImageSource = Callable[[str], "Image.Image | None"]
TILE_CACHE_LIMIT = 400
MIN_TEXT_FRACTION = 0.023  # default smallest shrink size: ≈ 9 px on a 390-px-wide phone


@dataclass(frozen=True)
class TextInfo:
    """What happened to a text layer: the size used, whether it was cut, where ink is."""

    px: int
    truncated: bool
    ink: Rect  # the lines' extent, in canvas pixels


@dataclass
class Rendered:
    image: Image.Image
    placed: list[Placed]
    texts: dict[str, TextInfo] = field(default_factory=dict)
    missing_images: list[str] = field(default_factory=list)  # layer ids whose image was not found


@dataclass
class _Tile:
    image: Image.Image
    text: TextInfo | None  # relative to the tile
    missing: bool
    opaque: bool = False  # every pixel fully opaque: pasted, not blended


def _rgba(value: str, brand: BrandKit, default: str = "#000000") -> tuple[int, int, int, int]:
    value = brand.color(value or default)
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    try:
        r, g, b = int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
        a = int(value[6:8], 16) if len(value) >= 8 else 255
    except ValueError:
        return (255, 0, 255, 255)
    return (r, g, b, a)


def fill_placeholders(text: str, values: Mapping[str, Any]) -> str:
    """Replace {key} with the value of that field or brand item; unknown keys stay.
    Two passes, so a field may itself mention {phone} or {website}."""
    out = text
    for _ in range(2):
        if "{" not in out:
            break
        for key, value in values.items():
            if isinstance(value, str | int | float) and "{" + key + "}" in out:
                out = out.replace("{" + key + "}", str(value))
    return out


class Renderer:
    def __init__(self, brand: BrandKit, images: ImageSource) -> None:
        self.brand = brand
        self._images = images
        self._tiles: OrderedDict[str, _Tile] = OrderedDict()
        self._backgrounds: dict[tuple[str, int, int], Image.Image] = {}
        self._last: (
            tuple[tuple[Any, ...], list[tuple[str, tuple[int, int, int, int]]], Image.Image] | None
        ) = None

    # --- public --------------------------------------------------------------------
    def render(self, design: Design, width: int, height: int) -> Rendered:
        values = self._values(design)
        placed = place(design, width, height)
        # Sizes (text, strokes, radii) are fractions of the canvas width: feeds show an image
        # across the phone's width, so that is what decides how big text looks.
        short = width
        entries: list[tuple[str, tuple[int, int, int, int]]] = []
        texts: dict[str, TextInfo] = {}
        missing: list[str] = []
        tiles: list[tuple[_Tile, tuple[int, int, int, int], Layer]] = []
        for item in placed:
            x, y, w, h = item.rect.rounded()
            digest, tile = self._tile(item.layer, w, h, short, values)
            if tile is None:
                continue
            ox, oy = x, y
            if item.layer.rotation:
                ox = x + (w - tile.image.width) // 2
                oy = y + (h - tile.image.height) // 2
            entries.append((digest, (ox, oy, tile.image.width, tile.image.height)))
            tiles.append((tile, (ox, oy, tile.image.width, tile.image.height), item.layer))
            if tile.text is not None:
                ink = tile.text.ink
                texts[item.layer.id] = TextInfo(
                    tile.text.px, tile.text.truncated, Rect(x + ink.x, y + ink.y, ink.w, ink.h)
                )
            if tile.missing:
                missing.append(item.layer.id)
        key = (width, height, design.background, self.brand.color(design.background))
        frame = self._compose(key, entries, tiles, width, height, design.background)
        return Rendered(frame, placed, texts, missing)

    # --- composition -------------------------------------------------------------------
    def _background(self, spec: str, width: int, height: int) -> Image.Image:
        cache_key = (
            self.brand.color(spec) + "|" + json.dumps(dict(self.brand.colors), sort_keys=True),
            width,
            height,
        )
        found = self._backgrounds.get(cache_key)
        if found is None:
            found = Image.new("RGBA", (width, height), _rgba(spec, self.brand, "#ffffff"))
            if len(self._backgrounds) > 16:
                self._backgrounds.clear()
            self._backgrounds[cache_key] = found
        return found

    def _compose(
        self,
        key: tuple[Any, ...],
        entries: list[tuple[str, tuple[int, int, int, int]]],
        tiles: list[tuple[_Tile, tuple[int, int, int, int], Layer]],
        width: int,
        height: int,
        background: str,
    ) -> Image.Image:
        base = self._background(background, width, height)
        last = self._last
        dirty: list[tuple[int, int, int, int]] | None = None
        if last is not None and last[0] == key and len(last[1]) == len(entries):
            dirty = [
                r for old, new in zip(last[1], entries, strict=True) if old != new for r in (old[1], new[1])
            ]
        elif last is not None and last[0] == key:
            old_set, new_set = set(last[1]), set(entries)
            dirty = [e[1] for e in old_set ^ new_set]
            if [e for e in last[1] if e in new_set] != [e for e in entries if e in old_set]:
                dirty = None  # the stacking order changed: recompose everything
        if dirty is not None and last is not None:
            area = sum(w * h for _x, _y, w, h in dirty)
            if area < width * height * 0.6:
                frame = last[2].copy()
                for region in _merge(dirty, width, height):
                    frame.paste(self._compose_region(base, tiles, region), region[:2])
                self._last = (key, entries, frame)
                return frame
        frame = self._compose_region(base, tiles, (0, 0, width, height))
        self._last = (key, entries, frame)
        return frame

    @staticmethod
    def _compose_region(
        base: Image.Image,
        tiles: list[tuple[_Tile, tuple[int, int, int, int], Layer]],
        region: tuple[int, int, int, int],
    ) -> Image.Image:
        rx, ry, rw, rh = region
        out = base.crop((rx, ry, rx + rw, ry + rh))
        for tile, (x, y, w, h), _layer in tiles:
            left, top = max(x, rx), max(y, ry)
            right, bottom = min(x + w, rx + rw), min(y + h, ry + rh)
            if right <= left or bottom <= top:
                continue
            source = (left - x, top - y, right - x, bottom - y)
            whole = source == (0, 0, w, h)
            if tile.opaque:
                out.paste(tile.image if whole else tile.image.crop(source), (left - rx, top - ry))
            else:  # a source box instead of crop(): no copy of the tile
                out.alpha_composite(tile.image, (left - rx, top - ry), source)
        return out

    # --- tiles -------------------------------------------------------------------------
    def _values(self, design: Design) -> dict[str, Any]:
        brand = self.brand
        return {
            "office": brand.office_name,
            "tagline": brand.tagline,
            "website": brand.website,
            "phone": brand.phone,
            **design.field_values(),
        }

    def _tile(
        self, layer: Layer, w: int, h: int, short: int, values: Mapping[str, Any]
    ) -> tuple[str, _Tile | None]:
        if layer.kind == "group" and not layer.prop("fill"):
            return "", None
        resolved = self._resolved_props(layer, values)
        digest = hashlib.sha1(
            json.dumps(
                [layer.kind, resolved, w, h, short, layer.rotation, layer.opacity, self.brand.to_dict()],
                sort_keys=True,
                default=str,
            ).encode()
        ).hexdigest()
        cached = self._tiles.get(digest)
        if cached is not None:
            self._tiles.move_to_end(digest)
            return digest, cached
        tile = self._draw(layer.kind, resolved, w, h, short)
        if layer.opacity < 1.0:
            alpha = tile.image.getchannel("A").point(lambda a: round(a * layer.opacity))
            tile.image.putalpha(alpha)
        if layer.rotation:
            tile = _Tile(
                tile.image.rotate(-layer.rotation, Image.Resampling.BICUBIC, expand=True),
                tile.text,
                tile.missing,
            )
        tile.opaque = tile.image.getchannel("A").getextrema()[0] == 255
        self._tiles[digest] = tile
        if len(self._tiles) > TILE_CACHE_LIMIT:
            self._tiles.popitem(last=False)
        return digest, tile

    def _resolved_props(self, layer: Layer, values: Mapping[str, Any]) -> dict[str, Any]:
        props = dict(layer.props)
        for key in ("text", "data"):
            if isinstance(props.get(key), str):
                props[key] = fill_placeholders(props[key], values)
        if "field" in props:
            props["value"] = _fill_nested(values.get(str(props["field"])), values)
        source = props.get("source")
        if isinstance(source, str) and source.startswith("field:"):
            props["source"] = str(values.get(source[6:]) or "")
        return props

    def _draw(self, kind: str, props: dict[str, Any], w: int, h: int, short: int) -> _Tile:
        image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        drawer = getattr(self, f"_draw_{kind}")
        result = drawer(image, props, short)
        if isinstance(result, _Tile):
            return result
        return _Tile(image, None, False)

    # --- layer kinds -------------------------------------------------------------------
    def _fill_image(
        self, props: dict[str, Any], w: int, h: int
    ) -> Image.Image | tuple[int, int, int, int] | None:
        gradient = props.get("gradient")
        if isinstance(gradient, dict):
            start, end = (
                _rgba(str(gradient.get("from", "$primary")), self.brand),
                _rgba(str(gradient.get("to", "$secondary")), self.brand),
            )
            mask = _linear_mask(w, h, float(gradient.get("angle", 90)))
            return Image.composite(Image.new("RGBA", (w, h), end), Image.new("RGBA", (w, h), start), mask)
        fill = props.get("fill")
        return _rgba(str(fill), self.brand) if fill else None

    def _draw_shape(self, image: Image.Image, props: dict[str, Any], short: int) -> None:
        w, h = image.size
        shape = str(props.get("shape", "rect"))
        stroke = props.get("stroke")
        stroke_w = max(1, round(float(props.get("stroke_width", 0.004)) * short)) if stroke else 0
        if shape == "line":
            ImageDraw.Draw(image).line(
                [(0, h / 2), (w, h / 2)],
                fill=_rgba(str(stroke or props.get("fill", "$text")), self.brand),
                width=max(stroke_w, max(1, h)),
            )
            return
        mask = Image.new("L", (w, h), 0)
        mdraw = ImageDraw.Draw(mask)
        radius = round(float(props.get("radius", 0.02)) * short) if shape == "rounded" else 0
        if shape == "ellipse" and props.get("circle"):
            side = min(w, h)
            mdraw.ellipse([(w - side) / 2, (h - side) / 2, (w + side) / 2 - 1, (h + side) / 2 - 1], fill=255)
        elif shape == "ellipse":
            mdraw.ellipse([0, 0, w - 1, h - 1], fill=255)
        elif radius:
            mdraw.rounded_rectangle([0, 0, w - 1, h - 1], radius=radius, fill=255)
        else:
            mdraw.rectangle([0, 0, w, h], fill=255)
        fill = self._fill_image(props, w, h)
        if isinstance(fill, Image.Image):
            image.paste(fill, (0, 0), mask)
        elif fill is not None:
            image.paste(Image.new("RGBA", (w, h), fill), (0, 0), mask)
        if stroke:
            sdraw = ImageDraw.Draw(image)
            color = _rgba(str(stroke), self.brand)
            box = [stroke_w / 2, stroke_w / 2, w - 1 - stroke_w / 2, h - 1 - stroke_w / 2]
            if shape == "ellipse":
                sdraw.ellipse(box, outline=color, width=stroke_w)
            elif radius:
                sdraw.rounded_rectangle(box, radius=radius, outline=color, width=stroke_w)
            else:
                sdraw.rectangle(box, outline=color, width=stroke_w)

    def _draw_group(self, image: Image.Image, props: dict[str, Any], short: int) -> None:
        self._draw_shape(image, {**props, "shape": props.get("shape", "rounded")}, short)

    def _text_style(self, props: dict[str, Any], short: int) -> tuple[str, str, int, int]:
        family = self.brand.font_family(str(props.get("font", "body")))
        weight = str(props.get("weight", "regular"))
        px = max(4, round(float(props.get("size", 0.04)) * short))
        min_px = max(4, min(px, round(float(props.get("min_size", MIN_TEXT_FRACTION)) * short)))
        return family, weight, px, min_px

    def _draw_text(self, image: Image.Image, props: dict[str, Any], short: int) -> _Tile:
        w, h = image.size
        content = str(props.get("text", ""))
        if props.get("uppercase"):
            content = content.upper()
        family, weight, px, min_px = self._text_style(props, short)
        pad = round(float(props.get("padding", 0)) * short)
        if props.get("fill"):
            radius = round(float(props.get("radius", 0.012)) * short)
            ImageDraw.Draw(image).rounded_rectangle(
                [0, 0, w - 1, h - 1], radius=radius, fill=_rgba(str(props["fill"]), self.brand)
            )
        inner_w, inner_h = max(w - 2 * pad, 1), max(h - 2 * pad, 1)
        layout = textmod.fit(
            content,
            family=family,
            weight=weight,
            px=px,
            min_px=min_px,
            line_height=float(props.get("line_height", 1.2)),
            overflow=str(props.get("overflow", "shrink")),
            max_width=inner_w,
            max_height=inner_h,
        )
        align, valign = str(props.get("align", "left")), str(props.get("valign", "top"))
        textmod.draw(
            image,
            layout,
            family=family,
            weight=weight,
            color=_rgba(str(props.get("color", "$text")), self.brand),
            align=align,
            valign=valign,
            box=(pad, pad, inner_w, inner_h),
        )
        ink_x = pad + {"center": (inner_w - layout.width) / 2, "right": inner_w - layout.width}.get(
            align, 0.0
        )
        ink_y = pad + {"middle": (inner_h - layout.height) / 2, "bottom": inner_h - layout.height}.get(
            valign, 0.0
        )
        return _Tile(
            image,
            TextInfo(layout.px, layout.truncated, Rect(ink_x, ink_y, layout.width, layout.height)),
            False,
        )

    def _load(self, source: str) -> Image.Image | None:
        if not source:
            return None
        if source == "brand:logo":
            source = self.brand.logo or "asset:templates/sample-logo.png"
        try:
            return self._images(source)
        except (OSError, ValueError):
            return None

    def _scaled(self, picture: Image.Image, w: int, h: int) -> Image.Image:
        scaled = getattr(self._images, "scaled", None)
        return scaled(picture, w, h) if scaled is not None else picture

    def _draw_image(self, image: Image.Image, props: dict[str, Any], short: int) -> _Tile:
        w, h = image.size
        picture = self._load(str(props.get("source", "")))
        missing = picture is None
        if picture is None:
            image.paste(Image.new("RGBA", (w, h), (208, 215, 222, 255)))
            glyph = ICONS["camera"]
            font = icon_font(max(8, round(min(w, h) * 0.3)))
            ImageDraw.Draw(image).text(
                (w / 2, h / 2), glyph, font=font, fill=(140, 149, 159, 255), anchor="mm"
            )
        elif props.get("fit", "cover") == "contain":
            picture = self._scaled(picture, w, h)
            scale = min(w / picture.width, h / picture.height)
            size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
            fitted = picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0).convert("RGBA")
            image.alpha_composite(fitted, ((w - fitted.width) // 2, (h - fitted.height) // 2))
        else:
            image.paste(_cover(self._scaled(picture, w, h), w, h, props.get("focal", [0.5, 0.5])))
        mask = None
        if props.get("circle"):  # a circle of the box's shorter side, centred
            side = min(w, h)
            left, top = (w - side) / 2, (h - side) / 2
            if picture is not None and props.get("fit", "cover") != "contain":
                image.paste((0, 0, 0, 0), (0, 0, w, h))
                square = _cover(self._scaled(picture, side, side), side, side, props.get("focal", [0.5, 0.5]))
                image.paste(square, (round(left), round(top)))
            mask = Image.new("L", (w, h), 0)
            ImageDraw.Draw(mask).ellipse([left, top, left + side - 1, top + side - 1], fill=255)
        elif props.get("radius"):
            mask = Image.new("L", (w, h), 0)
            ImageDraw.Draw(mask).rounded_rectangle(
                [0, 0, w - 1, h - 1], radius=round(float(props["radius"]) * short), fill=255
            )
        if mask is not None:
            image.putalpha(ImageChops.multiply(image.getchannel("A"), mask))
        return _Tile(image, None, missing)

    def _draw_icon(self, image: Image.Image, props: dict[str, Any], short: int) -> None:
        w, h = image.size
        glyph = ICONS.get(str(props.get("icon", "info")), ICONS["info"])
        font = icon_font(max(4, round(min(w, h) * 0.86)))
        ImageDraw.Draw(image).text(
            (w / 2, h / 2),
            glyph,
            font=font,
            fill=_rgba(str(props.get("color", "$primary")), self.brand),
            anchor="mm",
        )

    def _draw_qr(self, image: Image.Image, props: dict[str, Any], short: int) -> None:
        w, h = image.size
        matrix = _qr_matrix(str(props.get("data", "")) or " ")
        quiet = 2
        modules = len(matrix) + 2 * quiet
        side = min(w, h)
        cell = side / modules
        x0, y0 = (w - side) / 2, (h - side) / 2
        drawer = ImageDraw.Draw(image)
        drawer.rectangle(
            [x0, y0, x0 + side, y0 + side], fill=_rgba(str(props.get("background", "#ffffff")), self.brand)
        )
        color = _rgba(str(props.get("color", "#000000")), self.brand)
        for r, row in enumerate(matrix):
            for c, bit in enumerate(row):
                if bit:
                    left, top = x0 + (c + quiet) * cell, y0 + (r + quiet) * cell
                    drawer.rectangle(
                        [left, top, math.ceil(left + cell) - 1, math.ceil(top + cell) - 1], fill=color
                    )

    def _cell_text(
        self,
        image: Image.Image,
        text: str,
        box: tuple[float, float, float, float],
        props: dict[str, Any],
        *,
        px: int,
        weight: str,
        color: str,
        align: str,
    ) -> None:
        family = self.brand.font_family(str(props.get("font", "body")))
        layout = textmod.fit(
            text,
            family=family,
            weight=weight,
            px=px,
            min_px=max(4, int(px * 0.55)),
            line_height=1.15,
            overflow="shrink",
            max_width=box[2],
            max_height=box[3],
        )
        textmod.draw(
            image,
            layout,
            family=family,
            weight=weight,
            color=_rgba(color, self.brand),
            align=align,
            valign="middle",
            box=box,
        )

    def _draw_table(self, image: Image.Image, props: dict[str, Any], short: int) -> None:
        w, h = image.size
        rows = [
            [str(c) for c in row]
            for row in (props.get("value") or props.get("rows") or [])
            if isinstance(row, list)
        ]
        if not rows:
            return
        columns = max(len(r) for r in rows)
        rows = [r + [""] * (columns - len(r)) for r in rows]
        family = self.brand.font_family(str(props.get("font", "body")))
        row_h = h / len(rows)
        px = max(6, min(round(float(props.get("size", 0.03)) * short), round(row_h * 0.42)))
        # Column widths follow their longest cell, within sensible bounds.
        widths = [max(measure(family, "bold", px, r[c]) for r in rows) + px for c in range(columns)]
        total = sum(widths) or 1
        widths = [w * x / total for x in widths]
        drawer = ImageDraw.Draw(image)
        radius = round(0.012 * short)
        drawer.rounded_rectangle(
            [0, 0, w - 1, h - 1], radius=radius, fill=_rgba(str(props.get("fill", "$surface")), self.brand)
        )
        pad = px * 0.5
        for r, row in enumerate(rows):
            top = r * row_h
            header = r == 0 and props.get("header", True)
            if header:
                drawer.rounded_rectangle(
                    [0, 0, w - 1, row_h],
                    radius=radius,
                    fill=_rgba(str(props.get("header_fill", "$primary")), self.brand),
                )
                drawer.rectangle(
                    [0, row_h / 2, w - 1, row_h],
                    fill=_rgba(str(props.get("header_fill", "$primary")), self.brand),
                )
            elif r % 2 == 0:
                drawer.rectangle(
                    [0, top, w - 1, top + row_h],
                    fill=_rgba(str(props.get("stripe", "#00000010")), self.brand),
                )
            left = 0.0
            for c, cell in enumerate(row):
                color = (
                    str(props.get("header_color", "$on_primary"))
                    if header
                    else str(props.get("color", "$text"))
                )
                align = "left" if c == 0 else "right"
                self._cell_text(
                    image,
                    cell,
                    (left + pad, top, widths[c] - 2 * pad, row_h),
                    props,
                    px=px,
                    weight="bold" if header or c == 0 else "regular",
                    color=color,
                    align=align,
                )
                left += widths[c]

    def _draw_list(self, image: Image.Image, props: dict[str, Any], short: int) -> None:
        w, h = image.size
        items = [str(i) for i in (props.get("value") or props.get("items") or [])]
        if not items:
            return
        columns = int(props.get("columns_wide", 2)) if w / max(h, 1) > 1.8 and len(items) > 2 else 1
        rows = math.ceil(len(items) / columns)
        gap = 0.02 * short
        cell_w = (w - gap * (columns - 1)) / columns
        cell_h = (h - gap * (rows - 1)) / rows
        marker = min(cell_h * 0.8, round(float(props.get("size", 0.035)) * short * 1.9))
        px = max(6, round(float(props.get("size", 0.035)) * short))
        drawer = ImageDraw.Draw(image)
        family = self.brand.font_family(str(props.get("font", "body")))
        numbered = bool(props.get("numbered", True))
        for index, item in enumerate(items):
            col, row = index // rows, index % rows
            x, y = col * (cell_w + gap), row * (cell_h + gap)
            cy = y + cell_h / 2
            drawer.ellipse(
                [x, cy - marker / 2, x + marker, cy + marker / 2],
                fill=_rgba(str(props.get("marker_fill", "$accent")), self.brand),
            )
            label = str(index + 1) if numbered else "✓"
            font_family = family if numbered else "inter"
            layout = textmod.fit(
                label,
                family=font_family,
                weight="black",
                px=round(marker * 0.5),
                min_px=4,
                line_height=1.0,
                overflow="shrink",
                max_width=marker,
                max_height=marker,
            )
            textmod.draw(
                image,
                layout,
                family=font_family,
                weight="black",
                color=_rgba(str(props.get("marker_color", "$primary")), self.brand),
                align="center",
                valign="middle",
                box=(x, cy - marker / 2, marker, marker),
            )
            text_x = x + marker + marker * 0.35
            body = textmod.fit(
                item,
                family=family,
                weight=str(props.get("weight", "semibold")),
                px=px,
                min_px=max(4, int(px * 0.6)),
                line_height=1.15,
                overflow="shrink",
                max_width=cell_w - (text_x - x),
                max_height=cell_h,
            )
            textmod.draw(
                image,
                body,
                family=family,
                weight=str(props.get("weight", "semibold")),
                color=_rgba(str(props.get("color", "$text")), self.brand),
                align="left",
                valign="middle",
                box=(text_x, y, cell_w - (text_x - x), cell_h),
            )

    def _draw_chart(self, image: Image.Image, props: dict[str, Any], short: int) -> None:
        w, h = image.size
        data = [
            (str(r[0]), float(r[1]))
            for r in (props.get("value") or props.get("data") or [])
            if isinstance(r, list | tuple) and len(r) >= 2
        ]
        if not data:
            return
        px = max(6, round(float(props.get("size", 0.026)) * short))
        label_h, value_h = px * 2.6, px * 1.5
        top, bottom = value_h, h - label_h
        peak = max(v for _l, v in data) or 1.0
        slot = w / len(data)
        bar_w = slot * 0.62
        drawer = ImageDraw.Draw(image)
        color = _rgba(str(props.get("color", "$secondary")), self.brand)
        text_color = str(props.get("label_color", "$text"))
        family = self.brand.font_family("body")
        for index, (label, value) in enumerate(data):
            x = index * slot + (slot - bar_w) / 2
            bar_top = bottom - (bottom - top) * (value / peak)
            drawer.rounded_rectangle(
                [x, bar_top, x + bar_w, bottom], radius=max(1, round(bar_w * 0.12)), fill=color
            )
            shown = f"{value:,.0f}".replace(",", ".")
            self._cell_text(
                image,
                shown,
                (index * slot, bar_top - value_h, slot, value_h),
                {"font": "body"},
                px=px,
                weight="bold",
                color=text_color,
                align="center",
            )
            self._cell_text(
                image,
                label,
                (index * slot, bottom, slot, label_h),
                {"font": "body"},
                px=px,
                weight="regular",
                color=text_color,
                align="center",
            )
        drawer.line(
            [(0, bottom), (w, bottom)], fill=_rgba("$muted", self.brand), width=max(1, round(short * 0.002))
        )
        del family


@lru_cache(maxsize=64)
def _qr_matrix(data: str) -> tuple[tuple[int, ...], ...]:
    """The QR symbol's modules (segno, error correction M); encoding is the slow part."""
    import segno

    return tuple(tuple(row) for row in segno.make(data, error="m", micro=False).matrix)


def _cover(picture: Image.Image, w: int, h: int, focal: Any) -> Image.Image:
    """*picture* scaled to cover w×h, cropped around the focal point (fractions)."""
    fx, fy = (float(v) for v in focal) if isinstance(focal, list | tuple) else (0.5, 0.5)
    scale = max(w / picture.width, h / picture.height)
    crop_w, crop_h = w / scale, h / scale
    left = min(max(fx * picture.width - crop_w / 2, 0), picture.width - crop_w)
    top = min(max(fy * picture.height - crop_h / 2, 0), picture.height - crop_h)
    box = (left, top, left + crop_w, top + crop_h)
    return picture.resize((w, h), Image.Resampling.LANCZOS, box=box, reducing_gap=2.0)


def _fill_nested(value: Any, values: Mapping[str, Any]) -> Any:
    """Placeholders filled inside the strings of a list or table field."""
    if isinstance(value, str):
        return fill_placeholders(value, values)
    if isinstance(value, list):
        return [_fill_nested(v, values) for v in value]
    return value


def _linear_mask(w: int, h: int, angle: float) -> Image.Image:
    """An L gradient from 0 to 255 along *angle* degrees (0 = left→right, 90 = top→bottom)."""
    base = Image.linear_gradient("L").rotate(90 - angle, Image.Resampling.BICUBIC, expand=True)
    side = base.width
    inner = round(side / math.sqrt(2))
    base = base.crop(((side - inner) // 2, (side - inner) // 2, (side + inner) // 2, (side + inner) // 2))
    return base.resize((max(w, 1), max(h, 1)), Image.Resampling.BILINEAR)


def _merge(
    rects: list[tuple[int, int, int, int]], width: int, height: int
) -> list[tuple[int, int, int, int]]:
    """Clip dirty rectangles to the canvas and merge overlapping ones."""
    boxes = []
    for x, y, w, h in rects:
        left, top, right, bottom = max(x, 0), max(y, 0), min(x + w, width), min(y + h, height)
        if right > left and bottom > top:
            boxes.append([left, top, right, bottom])
    merged: list[list[int]] = []
    for box in sorted(boxes):
        for other in merged:
            if box[0] <= other[2] and other[0] <= box[2] and box[1] <= other[3] and other[1] <= box[3]:
                other[0], other[1] = min(other[0], box[0]), min(other[1], box[1])
                other[2], other[3] = max(other[2], box[2]), max(other[3], box[3])
                break
        else:
            merged.append(box)
    return [(b[0], b[1], b[2] - b[0], b[3] - b[1]) for b in merged]
