"""The one renderer: a design at any canvas size, as a Pillow image (RGB when opaque).

Each layer is drawn into its own tile that does not know where it sits (mkdocs-material's
social cards do the same), cached by a digest of what it looks like. A tile is the
layer's own box, never a full-canvas buffer; a box larger than the canvas is drawn only
where it lies on the canvas (one 20 canvases wide costs no more than the canvas). A
frame is the bottom tile when it is opaque and covers the canvas (else the background),
with the other tiles pasted (opaque) or alpha-composited at their offsets; when only some
layers moved or changed since the last frame, only the rectangles they covered and now
cover are recomposed, so dragging a layer costs a few milliseconds. Gradients are cached
by their inputs across renderers; numbers are read through composer.design.bounds.

Text-like layers (text, list, table, chart, icon; not turned, not faded) record their
drawing calls instead (composer.design.recipe). A full compose onto an RGB frame (the
first frame, every export) paints them straight onto the frame, clipped to the layer's
visible box: no RGBA buffer, ink crop or masked paste. Their tile, cut to its ink and
bands, is drawn from the recipe only when pixels are asked for (a drag's partial
recompose, a transparent frame) and then kept. Both give exactly the same pixels; a
recipe where they would not (translucent colours such as a table's default stripes,
colour emoji, lines such as a chart's axis, a shape past the box's edge, overlapping
lines) is drawn as a tile, as is every recipe on a Pillow whose glyph drawing the
recipes do not reproduce (recipe.direct_drawing_matches).

The editor's canvas shows this renderer's output and the export saves it: what the
officer sees is what is published.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from PIL import Image, ImageChops

from composer.design import text as textmod
from composer.design.bounds import ROTATION, DesignLimitError, clamp, is_number, number
from composer.design.brand import BrandKit
from composer.design.fonts import icon_font, measure
from composer.design.icons import ICONS
from composer.design.layout import Placed, Rect, place
from composer.design.model import Design, Layer
from composer.design.placeholders import fill_placeholders as fill_placeholders  # re-exported
from composer.design.recipe import Recipe, RecordingDraw
from composer.design.recipe import ShiftedDraw as _Draw

ImageSource = Callable[[str], "Image.Image | None"]
TILE_CACHE_LIMIT = 400
TILE_CACHE_BYTES = 96 * 1024 * 1024  # tiles kept for re-renders, at most
GRADIENT_CACHE_BYTES = 32 * 1024 * 1024
# The tiles one frame may hold on a canvas larger than every platform size (a custom
# --size up to 4096×4096 makes each tile up to 8× larger): a design too heavy for it is
# refused instead of taking gigabytes. At the platform sizes composer.design.bounds keeps
# loaded designs below it, and the editor's canvas is never refused.
FRAME_TILE_BYTES = 240 * 1024 * 1024
PLATFORM_PIXELS = 1080 * 1920  # the largest platform size (Instagram story)
CLIP_ABOVE = 1.0  # layers whose box exceeds this many canvases are clipped to the canvas
MAX_GLYPH_PX = 4096  # an icon larger than the largest canvas side shows nothing more
# Layers drawn by a recipe (composer.design.recipe): text and shapes, no pictures.
RECORDED = frozenset({"text", "list", "table", "chart", "icon"})
BAND_ROWS = 48  # tiles at least 4 bands tall are pasted band by band (see _inked_bands)
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
    _image: Image.Image | None  # None until a recipe's pixels are asked for
    text: TextInfo | None  # relative to the layer's whole box
    missing: bool
    opaque: bool = False  # every pixel fully opaque: pasted, not blended
    offset: tuple[int, int] = (0, 0)  # where the image sits, from the layer box's corner
    # When set, ``image`` is one row or column of a gradient, repeated to this size only
    # where the frame needs it: a full-canvas gradient is written once, into the frame.
    stretch: tuple[int, int] | None = None
    # A tall transparent tile's inked bands (image, offset in the tile), pasted instead of
    # the whole tile onto an RGB frame: the gaps between lines and list rows are skipped.
    bands: tuple[tuple[Image.Image, tuple[int, int]], ...] = ()
    # A text-like layer's drawing calls (composer.design.recipe), painted straight onto
    # an RGB frame. Its image is drawn only when asked for (a partial recompose, an RGBA
    # frame), cropped to its ink, which sits at ``inner`` in the tile.
    recipe: Recipe | None = None
    inner: tuple[int, int] = (0, 0)

    @property
    def image(self) -> Image.Image:
        if self._image is None:
            assert self.recipe is not None, "a tile without pixels has a recipe"
            self._image, self.inner, self.bands = _trimmed(self.recipe.materialise())
        return self._image

    @image.setter
    def image(self, value: Image.Image) -> None:
        self._image = value

    @property
    def size(self) -> tuple[int, int]:
        """The tile's extent (a recipe's: its whole visible box, drawn or not)."""
        if self.recipe is not None:
            return self.recipe.size
        return self.stretch or self.image.size

    def pixels(self) -> Image.Image:
        if self.stretch is not None:
            self.image = self.image.resize(self.stretch, Image.Resampling.NEAREST)
            self.stretch = None
        return self.image

    def part(self, box: tuple[int, int, int, int], mode: str = "") -> Image.Image:
        """A new image of *box* (left, top, right, bottom) of the tile, in *mode* if given."""
        if self.stretch is None:
            cut = self.image.crop(box)
            return cut.convert(mode) if mode and cut.mode != mode else cut
        strip_w, strip_h = self.image.size
        source = (
            0 if strip_w == 1 else box[0],
            0 if strip_h == 1 else box[1],
            1 if strip_w == 1 else box[2],
            1 if strip_h == 1 else box[3],
        )
        strip = self.image.convert(mode) if mode and self.image.mode != mode else self.image
        return strip.resize((box[2] - box[0], box[3] - box[1]), Image.Resampling.NEAREST, box=source)


@dataclass
class _Surface:
    """The visible part (dx, dy, size) of a layer's whole w×h box. Its transparent image
    is made on first use: a plain gradient or colour rectangle never draws on it, and a
    full-canvas RGBA buffer costs a 5.8 MB fill at 1080×1350 for nothing."""

    size: tuple[int, int]
    w: int
    h: int
    dx: int = 0
    dy: int = 0
    _image: Image.Image | None = None
    recipe: Recipe | None = None  # set: text-like drawing is recorded, not drawn

    @property
    def image(self) -> Image.Image:
        if self._image is None:
            self._image = Image.new("RGBA", self.size, (0, 0, 0, 0))
        return self._image

    @property
    def whole(self) -> bool:
        return (self.dx, self.dy) == (0, 0) and self.size == (self.w, self.h)

    def tile(self, text: TextInfo | None) -> _Tile:
        """What was drawn (or recorded) on the surface, as a tile."""
        if self.recipe is not None:
            return _Tile(None, text, False, recipe=self.recipe)
        return _Tile(self.image, text, False)

    def draw(self) -> _Draw | RecordingDraw:
        if self.recipe is not None:
            return RecordingDraw(self.recipe)
        return _Draw(self.image, self.dx, self.dy)

    def text(
        self,
        layout: textmod.TextLayout,
        *,
        family: str,
        weight: str,
        color: tuple[int, int, int, int],
        align: str,
        valign: str,
        box: tuple[float, float, float, float],
    ) -> None:
        """*layout* in *box* (x, y, w, h in box pixels), drawn or recorded."""
        args: dict[str, Any] = {"family": family, "weight": weight, "color": color, "align": align}
        if self.recipe is not None:
            self.recipe.lines(layout, valign=valign, box=self.box(box), **args)
        else:
            textmod.draw(self.image, layout, valign=valign, box=self.box(box), **args)

    def box(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (box[0] - self.dx, box[1] - self.dy, box[2], box[3])

    def blit(
        self,
        picture: Image.Image,
        source: tuple[float, float, float, float],
        dest: tuple[int, int, int, int],
        *,
        blend: bool,
    ) -> None:
        """*picture*'s source box scaled into dest (x, y, w, h, in box pixels), only the
        part that is visible: a huge box never scales the picture to its whole size."""
        x, y, w, h = dest
        left, top = max(x, self.dx), max(y, self.dy)
        right, bottom = min(x + w, self.dx + self.image.width), min(y + h, self.dy + self.image.height)
        if right <= left or bottom <= top or w <= 0 or h <= 0:
            return
        sx, sy = (source[2] - source[0]) / w, (source[3] - source[1]) / h
        box = (  # held inside the picture: float error must not step past its edges
            min(max(source[0] + (left - x) * sx, 0.0), picture.width),
            min(max(source[1] + (top - y) * sy, 0.0), picture.height),
            min(max(source[0] + (right - x) * sx, 0.0), picture.width),
            min(max(source[1] + (bottom - y) * sy, 0.0), picture.height),
        )
        part = picture.resize(
            (right - left, bottom - top), Image.Resampling.LANCZOS, box=box, reducing_gap=2.0
        ).convert("RGBA")
        if blend:
            self.image.alpha_composite(part, (left - self.dx, top - self.dy))
        else:
            self.image.paste(part, (left - self.dx, top - self.dy))


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


class Renderer:
    def __init__(self, brand: BrandKit, images: ImageSource) -> None:
        self.brand = brand
        self._images = images
        self._tiles: OrderedDict[str, _Tile] = OrderedDict()
        self._tile_bytes = 0
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
        held = 0
        opaque_frame = _rgba(design.background, self.brand, "#ffffff")[3] == 255
        for item in placed:
            x, y, w, h = _pixels(item.rect)
            digest, tile = self._tile(item.layer, (x, y, w, h), (width, height), short, values)
            if tile is None:
                continue
            if tile.text is not None:
                ink = tile.text.ink
                texts[item.layer.id] = TextInfo(
                    tile.text.px, tile.text.truncated, Rect(x + ink.x, y + ink.y, ink.w, ink.h)
                )
            if tile.missing:
                missing.append(item.layer.id)
            tw, th = tile.size
            if tw * th == 0:
                continue  # nothing of it on the canvas
            held += _held(tile, opaque_frame)
            if held > FRAME_TILE_BYTES and width * height > PLATFORM_PIXELS:
                raise DesignLimitError("design.too_heavy_for_size", {"width": width, "height": height})
            ox, oy = x + tile.offset[0], y + tile.offset[1]
            entries.append((digest, (ox, oy, tw, th)))
            tiles.append((tile, (ox, oy, tw, th), item.layer))
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
            color = _rgba(spec, self.brand, "#ffffff")
            # An opaque background gives an RGB frame (see _compose_region).
            found = Image.new("RGB" if color[3] == 255 else "RGBA", (width, height), color)
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
        def base() -> Image.Image:  # only when no opaque tile covers what is recomposed
            return self._background(background, width, height)

        last = self._last
        dirty: list[tuple[int, int, int, int]] | None = None
        if last is not None and last[0] == key and len(last[1]) == len(entries):
            dirty = [
                self._inked(e)
                for old, new in zip(last[1], entries, strict=True)
                if old != new
                for e in (old, new)
            ]
        elif last is not None and last[0] == key:
            old_set, new_set = set(last[1]), set(entries)
            dirty = [self._inked(e) for e in old_set ^ new_set]
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
        frame = self._compose_region(base, tiles, (0, 0, width, height), direct=True)
        self._last = (key, entries, frame)
        return frame

    def _inked(self, entry: tuple[str, tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
        """Where an entry's pixels can be: its rectangle, or once a recipe's tile is drawn,
        only its ink (a dragged title recomposes its lines, not its whole box)."""
        tile = self._tiles.get(entry[0])
        if tile is None or tile.recipe is None or tile._image is None:
            return entry[1]
        x, y, _w, _h = entry[1]
        return (x + tile.inner[0], y + tile.inner[1], *tile._image.size)

    @staticmethod
    def _compose_region(
        base: Callable[[], Image.Image],
        tiles: list[tuple[_Tile, tuple[int, int, int, int], Layer]],
        region: tuple[int, int, int, int],
        *,
        direct: bool = False,
    ) -> Image.Image:
        """The frame's *region*. With *direct* (a full compose) a recipe not yet drawn is
        painted onto an RGB frame; a partial one pastes its tile, drawn once and kept."""
        rx, ry, rw, rh = region
        # An opaque bottom tile that covers the region (a full-canvas gradient) is the
        # starting picture: the background under it would be painted over anyway.
        start, origin, under = 0, (0, 0), None
        for index, (tile, (x, y, w, h), _layer) in enumerate(tiles):
            if tile.opaque and x <= rx and y <= ry and x + w >= rx + rw and y + h >= ry + rh:
                start, under, origin = index + 1, tile, (x, y)
        left, top = rx - origin[0], ry - origin[1]
        box = (left, top, left + rw, top + rh)
        # Over an opaque start the frame is RGB: a tile's alpha is then only a paste mask
        # (one pass, where alpha_composite copies, blends and pastes back), and the
        # encoders take the frame as it is.
        out = under.part(box, "RGB") if under is not None else base().crop(box)
        for tile, rect, _layer in tiles[start:]:
            _onto(out, tile, rect, region, direct=direct)
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
        self,
        layer: Layer,
        rect: tuple[int, int, int, int],
        canvas: tuple[int, int],
        short: int,
        values: Mapping[str, Any],
    ) -> tuple[str, _Tile | None]:
        if layer.kind == "group" and not layer.prop("fill"):
            return "", None
        _x, _y, w, h = rect
        rotation = clamp(layer.rotation, -ROTATION, ROTATION)
        opacity = clamp(layer.opacity, 0.0, 1.0, 1.0)
        # A layer larger than the canvas is drawn only where it can show; a smaller one is
        # drawn whole, so dragging it across the canvas edge reuses one cached tile.
        clipped = w * h > CLIP_ABOVE * canvas[0] * canvas[1]
        dx, dy, cw, ch = _visible(rect, canvas, rotation) if clipped else (0, 0, w, h)
        resolved = self._resolved_props(layer, values)
        digest = hashlib.sha1(
            json.dumps(
                [
                    layer.kind,
                    resolved,
                    w,
                    h,
                    (dx, dy, cw, ch),
                    rect[:2] if clipped and rotation else None,  # its turned crop depends on where
                    short,
                    rotation,
                    opacity,
                    self.brand.to_dict(),
                ],
                sort_keys=True,
                default=str,
            ).encode()
        ).hexdigest()
        cached = self._tiles.get(digest)
        if cached is not None:
            self._tiles.move_to_end(digest)
            return digest, cached
        surface = _Surface((cw, ch), w, h, dx, dy)
        if layer.kind in RECORDED and not rotation and opacity >= 1.0:
            surface.recipe = Recipe((cw, ch), dx, dy)
        tile = self._draw(layer.kind, resolved, surface, short)
        tile.offset = (dx, dy)
        if tile.recipe is not None and not tile.recipe.direct:
            tile.image, tile.recipe = tile.recipe.materialise(), None  # drawn as a tile
        if opacity < 1.0 and cw and ch:
            faded = tile.pixels().copy()  # the image may be a shared, cached gradient
            faded.putalpha(faded.getchannel("A").point(lambda a: round(a * opacity)))
            tile.image, tile.opaque = faded, False
        if rotation and cw and ch:
            rotated = tile.pixels().rotate(-rotation, Image.Resampling.BICUBIC, expand=True)
            # The visible part's centre, turned about the box's centre, is the new centre.
            turn = math.radians(rotation)
            u, v = dx + cw / 2 - w / 2, dy + ch / 2 - h / 2
            px = w / 2 + u * math.cos(turn) - v * math.sin(turn)
            py = h / 2 + u * math.sin(turn) + v * math.cos(turn)
            offset = (math.floor(px - rotated.width / 2), math.floor(py - rotated.height / 2))
            if surface.whole:
                offset = ((w - rotated.width) // 2, (h - rotated.height) // 2)
            # A large layer's turned corners that fall off the canvas are not kept.
            left, top = max(0, -(rect[0] + offset[0])), max(0, -(rect[1] + offset[1]))
            right = min(rotated.width, canvas[0] - rect[0] - offset[0])
            bottom = min(rotated.height, canvas[1] - rect[1] - offset[1])
            if clipped and (left, top, right, bottom) != (0, 0, *rotated.size):
                rotated = rotated.crop((left, top, max(left, right), max(top, bottom)))
                offset = (offset[0] + left, offset[1] + top)
            tile = _Tile(rotated, tile.text, tile.missing, False, offset)
        elif layer.kind == "image" and cw and ch:
            tile.opaque = tile.image.getchannel("A").getextrema()[0] == 255
        if not tile.opaque and tile.stretch is None and tile.recipe is None and cw and ch:
            tile.image, inner, tile.bands = _trimmed(tile.image)
            tile.offset = (tile.offset[0] + inner[0], tile.offset[1] + inner[1])
        self._tiles[digest] = tile
        self._tile_bytes += _bytes(tile)
        while self._tiles and (len(self._tiles) > TILE_CACHE_LIMIT or self._tile_bytes > TILE_CACHE_BYTES):
            _key, dropped = self._tiles.popitem(last=False)
            self._tile_bytes -= _bytes(dropped)
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

    def _draw(self, kind: str, props: dict[str, Any], surface: _Surface, short: int) -> _Tile:
        drawer = getattr(self, f"_draw_{kind}")
        result = drawer(surface, props, short)
        if isinstance(result, _Tile):
            return result
        return surface.tile(None)

    # --- layer kinds -------------------------------------------------------------------
    def _fill_image(
        self, props: dict[str, Any], surface: _Surface
    ) -> tuple[Image.Image | tuple[int, int, int, int] | None, bool]:
        """The fill (a gradient of the visible part, or a colour) and whether it is opaque."""
        gradient = props.get("gradient")
        if isinstance(gradient, dict):
            start, end = (
                _rgba(str(gradient.get("from", "$primary")), self.brand),
                _rgba(str(gradient.get("to", "$secondary")), self.brand),
            )
            angle = number(gradient, "angle", 90.0)
            region = (surface.dx, surface.dy, *surface.size)
            return _gradient(start, end, angle, surface.w, surface.h, region)
        fill = props.get("fill")
        color = _rgba(str(fill), self.brand) if fill else None
        return color, color is not None and color[3] == 255

    def _draw_shape(self, surface: _Surface, props: dict[str, Any], short: int) -> _Tile:
        w, h = surface.w, surface.h
        shape = str(props.get("shape", "rect"))
        stroke = props.get("stroke")
        stroke_w = max(1, round(number(props, "stroke_width", 0.004) * short)) if stroke else 0
        if shape == "line":
            surface.draw().line(
                [(0, h / 2), (w, h / 2)],
                fill=_rgba(str(stroke or props.get("fill", "$text")), self.brand),
                width=max(stroke_w, max(1, min(h, MAX_GLYPH_PX))),
            )
            return _Tile(surface.image, None, False)
        radius = round(number(props, "radius", 0.02) * short) if shape == "rounded" else 0
        fill, opaque = self._fill_image(props, surface)
        if shape != "ellipse" and not radius and not stroke:
            # A plain rectangle is its fill: no mask, no blending, and the compositor
            # pastes it when it is opaque. (A cached gradient is shared, never drawn on.)
            if isinstance(fill, Image.Image):
                stretch = surface.size if fill.size != surface.size else None
                return _Tile(fill, None, False, opaque, stretch=stretch)
            # A colour rectangle is one fill of a new buffer (not a clear, then a paste).
            return _Tile(Image.new("RGBA", surface.size, fill or (0, 0, 0, 0)), None, False, opaque)
        image = surface.image
        mask = Image.new("L", image.size, 0)
        mdraw = _Draw(mask, surface.dx, surface.dy)
        if shape == "ellipse" and props.get("circle"):
            side = min(w, h)
            mdraw.ellipse([(w - side) / 2, (h - side) / 2, (w + side) / 2 - 1, (h + side) / 2 - 1], fill=255)
        elif shape == "ellipse":
            mdraw.ellipse([0, 0, w - 1, h - 1], fill=255)
        elif radius:
            mdraw.rounded_rectangle([0, 0, w - 1, h - 1], radius=radius, fill=255)
        else:
            mdraw.rectangle([0, 0, w, h], fill=255)
        if isinstance(fill, Image.Image):
            if fill.size != image.size:
                fill = fill.resize(image.size, Image.Resampling.NEAREST)
            image.paste(fill, (0, 0), mask)
        elif fill is not None:
            image.paste(fill, (0, 0, image.width, image.height), mask)
        if stroke:
            sdraw = surface.draw()
            color = _rgba(str(stroke), self.brand)
            box = [stroke_w / 2, stroke_w / 2, w - 1 - stroke_w / 2, h - 1 - stroke_w / 2]
            if shape == "ellipse":
                sdraw.ellipse(box, outline=color, width=stroke_w)
            elif radius:
                sdraw.rounded_rectangle(box, radius=radius, outline=color, width=stroke_w)
            else:
                sdraw.rectangle(box, outline=color, width=stroke_w)
        return _Tile(image, None, False)

    def _draw_group(self, surface: _Surface, props: dict[str, Any], short: int) -> _Tile:
        return self._draw_shape(surface, {**props, "shape": props.get("shape", "rounded")}, short)

    def _text_style(self, props: dict[str, Any], short: int) -> tuple[str, str, int, int]:
        family = self.brand.font_family(str(props.get("font", "body")))
        weight = str(props.get("weight", "regular"))
        px = max(4, round(number(props, "size", 0.04) * short))
        min_px = max(4, min(px, round(number(props, "min_size", MIN_TEXT_FRACTION) * short)))
        return family, weight, px, min_px

    def _draw_text(self, surface: _Surface, props: dict[str, Any], short: int) -> _Tile:
        w, h = surface.w, surface.h
        content = str(props.get("text", ""))
        if props.get("uppercase"):
            content = content.upper()
        family, weight, px, min_px = self._text_style(props, short)
        pad = round(number(props, "padding", 0) * short)
        if props.get("fill"):
            radius = round(number(props, "radius", 0.012) * short)
            surface.draw().rounded_rectangle(
                [0, 0, w - 1, h - 1], radius=radius, fill=_rgba(str(props["fill"]), self.brand)
            )
        inner_w, inner_h = max(w - 2 * pad, 1), max(h - 2 * pad, 1)
        layout = textmod.fit(
            content,
            family=family,
            weight=weight,
            px=px,
            min_px=min_px,
            line_height=number(props, "line_height", 1.2),
            overflow=str(props.get("overflow", "shrink")),
            max_width=inner_w,
            max_height=inner_h,
        )
        align, valign = str(props.get("align", "left")), str(props.get("valign", "top"))
        if surface.size[0] and surface.size[1]:
            surface.text(
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
        return surface.tile(
            TextInfo(layout.px, layout.truncated, Rect(ink_x, ink_y, layout.width, layout.height))
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

    def _draw_image(self, surface: _Surface, props: dict[str, Any], short: int) -> _Tile:
        w, h = surface.w, surface.h
        image = surface.image
        picture = self._load(str(props.get("source", "")))
        missing = picture is None
        focal = props.get("focal", [0.5, 0.5])
        contain = props.get("fit", "cover") == "contain"
        circle = bool(props.get("circle"))
        if picture is None:
            image.paste((208, 215, 222, 255), (0, 0, image.width, image.height))
            font = icon_font(min(MAX_GLYPH_PX, max(8, round(min(w, h) * 0.3))))
            surface.draw().text(
                (w / 2, h / 2), ICONS["camera"], font=font, fill=(140, 149, 159, 255), anchor="mm"
            )
        elif contain:
            picture = self._scaled(picture, w, h)
            scale = min(w / picture.width, h / picture.height)
            size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
            dest = ((w - size[0]) // 2, (h - size[1]) // 2, *size)
            surface.blit(picture, (0, 0, picture.width, picture.height), dest, blend=True)
        elif not circle:
            picture = self._scaled(picture, w, h)
            surface.blit(picture, _cover_box(picture, w, h, focal), (0, 0, w, h), blend=False)
        mask = None
        if circle:  # a circle of the box's shorter side, centred
            side = min(w, h)
            left, top = (w - side) / 2, (h - side) / 2
            if picture is not None and not contain:
                square = self._scaled(picture, side, side)
                dest = (round(left), round(top), side, side)
                surface.blit(square, _cover_box(square, side, side, focal), dest, blend=False)
            mask = Image.new("L", image.size, 0)
            _Draw(mask, surface.dx, surface.dy).ellipse(
                [left, top, left + side - 1, top + side - 1], fill=255
            )
        elif props.get("radius"):
            mask = Image.new("L", image.size, 0)
            _Draw(mask, surface.dx, surface.dy).rounded_rectangle(
                [0, 0, w - 1, h - 1], radius=round(number(props, "radius", 0.0) * short), fill=255
            )
        if mask is not None:
            image.putalpha(ImageChops.multiply(image.getchannel("A"), mask))
        return _Tile(image, None, missing)

    def _draw_icon(self, surface: _Surface, props: dict[str, Any], short: int) -> None:
        w, h = surface.w, surface.h
        glyph = ICONS.get(str(props.get("icon", "info")), ICONS["info"])
        font = icon_font(min(MAX_GLYPH_PX, max(4, round(min(w, h) * 0.86))))
        surface.draw().text(
            (w / 2, h / 2),
            glyph,
            font=font,
            fill=_rgba(str(props.get("color", "$primary")), self.brand),
            anchor="mm",
        )

    def _draw_qr(self, surface: _Surface, props: dict[str, Any], short: int) -> None:
        w, h = surface.w, surface.h
        try:
            matrix = _qr_matrix(str(props.get("data", "")) or " ")
        except ValueError:  # segno's DataOverflowError: more than a QR code holds
            return
        quiet = 2
        modules = len(matrix) + 2 * quiet
        side = min(w, h)
        cell = side / modules
        x0, y0 = (w - side) / 2, (h - side) / 2
        drawer = surface.draw()
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
        surface: _Surface,
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
        surface.text(
            layout,
            family=family,
            weight=weight,
            color=_rgba(color, self.brand),
            align=align,
            valign="middle",
            box=box,
        )

    def _draw_table(self, surface: _Surface, props: dict[str, Any], short: int) -> None:
        w, h = surface.w, surface.h
        rows = [
            [str(c) for c in row]
            for row in _rows(props.get("value") or props.get("rows"))
            if isinstance(row, list)
        ]
        if not rows:
            return
        columns = max(len(r) for r in rows)
        rows = [r + [""] * (columns - len(r)) for r in rows]
        family = self.brand.font_family(str(props.get("font", "body")))
        row_h = h / len(rows)
        px = max(6, min(round(number(props, "size", 0.03) * short), round(row_h * 0.42)))
        # Column widths follow their longest cell, within sensible bounds.
        widths = [max(measure(family, "bold", px, r[c]) for r in rows) + px for c in range(columns)]
        total = sum(widths) or 1
        widths = [w * x / total for x in widths]
        drawer = surface.draw()
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
                    surface,
                    cell,
                    (left + pad, top, widths[c] - 2 * pad, row_h),
                    props,
                    px=px,
                    weight="bold" if header or c == 0 else "regular",
                    color=color,
                    align=align,
                )
                left += widths[c]

    def _draw_list(self, surface: _Surface, props: dict[str, Any], short: int) -> None:
        w, h = surface.w, surface.h
        items = [str(i) for i in _rows(props.get("value") or props.get("items"))]
        if not items:
            return
        columns = round(number(props, "columns_wide", 2)) if w / max(h, 1) > 1.8 and len(items) > 2 else 1
        rows = math.ceil(len(items) / columns)
        gap = 0.02 * short
        cell_w = (w - gap * (columns - 1)) / columns
        cell_h = (h - gap * (rows - 1)) / rows
        marker = min(cell_h * 0.8, round(number(props, "size", 0.035) * short * 1.9))
        px = max(6, round(number(props, "size", 0.035) * short))
        drawer = surface.draw()
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
            surface.text(
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
            surface.text(
                body,
                family=family,
                weight=str(props.get("weight", "semibold")),
                color=_rgba(str(props.get("color", "$text")), self.brand),
                align="left",
                valign="middle",
                box=(text_x, y, cell_w - (text_x - x), cell_h),
            )

    def _draw_chart(self, surface: _Surface, props: dict[str, Any], short: int) -> None:
        w, h = surface.w, surface.h
        data = [
            (str(r[0]), float(r[1]))
            for r in _rows(props.get("value") or props.get("data"))
            if isinstance(r, list | tuple) and len(r) >= 2 and is_number(r[1]) and abs(r[1]) <= 1e15
        ]
        if not data:
            return
        px = max(6, round(number(props, "size", 0.026) * short))
        label_h, value_h = px * 2.6, px * 1.5
        top, bottom = value_h, h - label_h
        peak = max(max(v for _l, v in data), 0.0) or 1.0  # a bar below zero is drawn flat
        slot = w / len(data)
        bar_w = slot * 0.62
        drawer = surface.draw()
        color = _rgba(str(props.get("color", "$secondary")), self.brand)
        text_color = str(props.get("label_color", "$text"))
        family = self.brand.font_family("body")
        for index, (label, value) in enumerate(data):
            x = index * slot + (slot - bar_w) / 2
            bar_top = bottom - (bottom - top) * (max(value, 0.0) / peak)
            drawer.rounded_rectangle(
                [x, bar_top, x + bar_w, bottom], radius=max(1, round(bar_w * 0.12)), fill=color
            )
            shown = f"{value:,.0f}".replace(",", ".")
            self._cell_text(
                surface,
                shown,
                (index * slot, bar_top - value_h, slot, value_h),
                {"font": "body"},
                px=px,
                weight="bold",
                color=text_color,
                align="center",
            )
            self._cell_text(
                surface,
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


def _onto(
    out: Image.Image,
    tile: _Tile,
    rect: tuple[int, int, int, int],
    region: tuple[int, int, int, int],
    *,
    direct: bool,
) -> None:
    """*tile*, at *rect* on the canvas, onto *out*, the frame's *region*."""
    cut = _overlap(rect, region)
    if cut is None:
        return
    rx, ry = region[:2]
    if tile.recipe is not None:
        x, y = rect[:2]
        clip = (cut[0] - rx, cut[1] - ry, cut[2] - rx, cut[3] - ry)
        painted = direct and out.mode == "RGB" and tile._image is None
        if painted and tile.recipe.paint(out, (x - rx, y - ry), clip):
            return
        image = tile.image  # drawn now if it was not: where its ink sits is then known
        rect = (x + tile.inner[0], y + tile.inner[1], *image.size)
        cut = _overlap(rect, region)
        if cut is None:
            return
    x, y, w, h = rect
    left, top, right, bottom = cut
    source = (left - x, top - y, right - x, bottom - y)
    whole = source == (0, 0, w, h)
    if tile.opaque:
        out.paste(tile.pixels() if whole else tile.part(source), (left - rx, top - ry))
    elif out.mode == "RGB" and whole and tile.bands:
        # A paste under alpha 0 leaves the frame as it is: only inked bands count.
        for band, (bx, by) in tile.bands:
            out.paste(band, (left - rx + bx, top - ry + by), band)
    elif out.mode == "RGB":
        part = tile.pixels() if whole else tile.part(source)
        out.paste(part, (left - rx, top - ry), part)
    else:  # a source box instead of crop(): no copy of the tile
        out.alpha_composite(tile.pixels(), (left - rx, top - ry), source)


def _overlap(
    rect: tuple[int, int, int, int], region: tuple[int, int, int, int]
) -> tuple[int, int, int, int] | None:
    """The part (left, top, right, bottom) of *rect* inside *region* (both x, y, w, h)."""
    x, y, w, h = rect
    rx, ry, rw, rh = region
    left, top = max(x, rx), max(y, ry)
    right, bottom = min(x + w, rx + rw), min(y + h, ry + rh)
    return None if right <= left or bottom <= top else (left, top, right, bottom)


def _pixels(rect: Rect) -> tuple[int, int, int, int]:
    """Integer pixels (x, y, w, h) of a placed rectangle; absurd values are held to a
    range that still places the layer wholly off or over the canvas."""
    far = 1e7
    safe = Rect(
        *(clamp(v, -far, far) for v in (rect.x, rect.y)), *(clamp(v, 0, far) for v in (rect.w, rect.h))
    )
    return safe.rounded()


def _visible(
    rect: tuple[int, int, int, int], canvas: tuple[int, int], rotation: float
) -> tuple[int, int, int, int]:
    """The part (dx, dy, w, h) of a layer's box that can show on the canvas, in box pixels."""
    x, y, w, h = rect
    width, height = canvas
    if not rotation:
        left, top = max(0, -x), max(0, -y)
        right, bottom = min(w, width - x), min(h, height - y)
        return left, top, max(0, right - left), max(0, bottom - top)
    # The canvas's corners, turned back about the box's centre, bound what can show.
    turn = math.radians(rotation)
    cos, sin = math.cos(turn), math.sin(turn)
    cx, cy = x + w / 2, y + h / 2
    us, vs = [], []
    for px, py in ((0, 0), (width, 0), (0, height), (width, height)):
        u, v = px - cx, py - cy
        us.append(w / 2 + u * cos + v * sin)
        vs.append(h / 2 - u * sin + v * cos)
    left, top = max(0, math.floor(min(us))), max(0, math.floor(min(vs)))
    right, bottom = min(w, math.ceil(max(us))), min(h, math.ceil(max(vs)))
    return left, top, max(0, right - left), max(0, bottom - top)


def _held(tile: _Tile, opaque_frame: bool) -> int:
    """Memory a tile holds for one frame. A recipe not drawn yet, painted onto an RGB
    frame, holds its glyph masks (one byte a pixel, within its box); onto a transparent
    frame it is drawn as its RGBA tile first."""
    if tile.recipe is not None and tile._image is None:
        width, height = tile.size
        return width * height * (1 if opaque_frame else 4)
    return _bytes(tile.image)


def _bytes(item: Image.Image | _Tile) -> int:
    """Memory an image takes (a tile: as much as it may take once stretched; a recipe's:
    its whole box as one RGBA tile, which its masks or its drawn ink stay within)."""
    width, height = item.size
    if isinstance(item, _Tile) and item.recipe is not None:
        return width * height * 4
    bands = sum(band.width * band.height for band, _offset in item.bands) if isinstance(item, _Tile) else 0
    return (width * height + bands) * 4


def _trimmed(
    image: Image.Image,
) -> tuple[Image.Image, tuple[int, int], tuple[tuple[Image.Image, tuple[int, int]], ...]]:
    """A transparent tile cut to its ink (text boxes are mostly empty, and every
    transparent pixel kept would be blended into each frame for nothing): the ink, where
    it sits in the tile, and its bands when it is tall."""
    ink = image.getbbox()
    if ink is None:
        return Image.new("RGBA", (0, 0)), (0, 0), ()
    if ink != (0, 0, *image.size):
        image = image.crop(ink)
    return image, ink[:2], _inked_bands(image) if image.height >= BAND_ROWS * 4 else ()


def _inked_bands(image: Image.Image) -> tuple[tuple[Image.Image, tuple[int, int]], ...]:
    """*image* cut into BAND_ROWS-high bands, each cropped to its ink; empty bands left out.
    A list's six rows or a title's lines then paste about half of their box."""
    bands = []
    for top in range(0, image.height, BAND_ROWS):
        band = image.crop((0, top, image.width, min(image.height, top + BAND_ROWS)))
        ink = band.getbbox()
        if ink is None:
            continue
        if ink != (0, 0, *band.size):
            band = band.crop(ink)
        bands.append((band, (ink[0], top + ink[1])))
    return tuple(bands)


def clear_caches() -> None:
    """Forget every cached font, width, raster and QR code (benchmarks measure cold renders)."""
    from composer.design import fonts

    for cached in (
        fonts.text_font,
        fonts.icon_font,
        fonts._emoji_font,
        fonts.measure,
        fonts.emoji_advance,
        fonts.emoji_image,
        _qr_matrix,
        _mask_base,
        textmod.fit,
    ):
        cached.cache_clear()
    with _GRADIENTS_LOCK:
        _GRADIENTS.clear()


@lru_cache(maxsize=64)
def _qr_matrix(data: str) -> tuple[tuple[int, ...], ...]:
    """The QR symbol's modules (segno, error correction M); encoding is the slow part."""
    import segno

    return tuple(tuple(row) for row in segno.make(data, error="m", micro=False).matrix)


def _cover_box(picture: Image.Image, w: int, h: int, focal: Any) -> tuple[float, float, float, float]:
    """The box of *picture* that, scaled to w×h, covers it, cropped around the focal point."""
    fx, fy = 0.5, 0.5
    if isinstance(focal, list | tuple) and len(focal) == 2 and all(is_number(v) for v in focal):
        fx, fy = (clamp(float(v), 0.0, 1.0, 0.5) for v in focal)
    scale = max(w / picture.width, h / picture.height)
    crop_w, crop_h = w / scale, h / scale
    left = min(max(fx * picture.width - crop_w / 2, 0), picture.width - crop_w)
    top = min(max(fy * picture.height - crop_h / 2, 0), picture.height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def _rows(value: Any) -> list[Any]:
    """A list field's rows; anything else (a number, a string) draws nothing."""
    return value[: 4 * 60] if isinstance(value, list) else []


def _fill_nested(value: Any, values: Mapping[str, Any]) -> Any:
    """Placeholders filled inside the strings of a list or table field."""
    if isinstance(value, str):
        return fill_placeholders(value, values)
    if isinstance(value, list):
        return [_fill_nested(v, values) for v in value]
    return value


@lru_cache(maxsize=32)
def _mask_base(angle: float) -> Image.Image:
    """A small L ramp along *angle* degrees (0 = left→right, 90 = top→bottom)."""
    base = Image.linear_gradient("L").rotate(90 - angle, Image.Resampling.BICUBIC, expand=True)
    side = base.width
    inner = round(side / math.sqrt(2))
    return base.crop(((side - inner) // 2, (side - inner) // 2, (side + inner) // 2, (side + inner) // 2))


_GRADIENTS: OrderedDict[tuple[Any, ...], tuple[Image.Image, bool]] = OrderedDict()
_GRADIENTS_LOCK = threading.Lock()  # the canvas renders on a worker thread, exports elsewhere


def _gradient(
    start: tuple[int, int, int, int],
    end: tuple[int, int, int, int],
    angle: float,
    w: int,
    h: int,
    region: tuple[int, int, int, int],
) -> tuple[Image.Image, bool]:
    """The visible region (dx, dy, cw, ch) of a w×h gradient, and whether it is opaque.
    Cached by its inputs (the canvas and every export size share them). A gradient along
    an axis is one row or column (repeat it to cw×ch): no full-size mask or blend."""
    key = (start, end, angle, w, h, region)
    with _GRADIENTS_LOCK:
        found = _GRADIENTS.get(key)
        if found is not None:
            _GRADIENTS.move_to_end(key)
            return found
    dx, dy, cw, ch = region
    opaque = start[3] == 255 and end[3] == 255
    if not cw or not ch:
        return Image.new("RGBA", (cw, ch)), opaque
    base = _mask_base(angle)
    sx, sy = base.width / w, base.height / h
    turn = angle % 180
    if turn == 90:
        size, box = (1, ch), (0.0, dy * sy, float(base.width), (dy + ch) * sy)
    elif turn == 0:
        size, box = (cw, 1), (dx * sx, 0.0, (dx + cw) * sx, float(base.height))
    else:
        size, box = (cw, ch), (dx * sx, dy * sy, (dx + cw) * sx, (dy + ch) * sy)
    mask = base.resize(size, Image.Resampling.BILINEAR, box=box)
    strip = Image.composite(Image.new("RGBA", size, end), Image.new("RGBA", size, start), mask)
    with _GRADIENTS_LOCK:
        _GRADIENTS[key] = (strip, opaque)
        while sum(_bytes(i) for i, _o in _GRADIENTS.values()) > GRADIENT_CACHE_BYTES and len(_GRADIENTS) > 1:
            _GRADIENTS.popitem(last=False)
    return strip, opaque


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
