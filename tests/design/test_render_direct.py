"""Text-like layers painted straight onto the frame (composer.design.recipe) give exactly
the pixels their RGBA tiles pasted: every template at every size, the benchmark card,
overflowing text (clipped at its box), overlapping lines, a transparent frame, a drag."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from composer.design import recipe as recipemod
from composer.design.assets import ImageLoader
from composer.design.brand import BrandKit
from composer.design.commands import SetBox, apply
from composer.design.model import Box, Design, Layer
from composer.design.render import Renderer, clear_caches
from composer.design.sizes import SIZES
from composer.design.templates import TEMPLATES

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "render.py"
GRADIENT = Layer(
    "bg", "shape", "Latar", Box(), props={"gradient": {"from": "#12355B", "to": "#1F7A8C", "angle": 90}}
)


def _card() -> Design:
    spec = importlib.util.spec_from_file_location("_bench_render", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    card: Design = module.card_design()
    return card


def _render(design: Design, width: int, height: int) -> Image.Image:
    clear_caches()
    return Renderer(BrandKit(), ImageLoader()).render(design, width, height).image


def _through_tiles(monkeypatch: pytest.MonkeyPatch, design: Design, width: int, height: int) -> Image.Image:
    """The old path: every recipe drawn into its RGBA tile, cut to ink and bands, pasted."""
    with monkeypatch.context() as patched:
        patched.setattr(recipemod.Recipe, "paint", lambda *_args: False)
        return _render(design, width, height)


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What each Recipe.paint returned (True: drawn straight onto the frame)."""
    results: list[bool] = []
    real = recipemod.Recipe.paint

    def recording(self: recipemod.Recipe, *args: object) -> bool:
        results.append(real(self, *args))  # type: ignore[arg-type]
        return results[-1]

    monkeypatch.setattr(recipemod.Recipe, "paint", recording)
    return results


def _same(a: Image.Image, b: Image.Image) -> bool:
    return a.mode == b.mode and ImageChops.difference(a, b).getbbox() is None


@pytest.mark.parametrize("template", [*TEMPLATES, "card"], ids=lambda t: getattr(t, "id", t))
def test_painting_text_onto_the_frame_gives_the_tiles_pixels(
    template: object, monkeypatch: pytest.MonkeyPatch, painted: list[bool]
) -> None:
    design = _card() if template == "card" else template.build()  # type: ignore[attr-defined]
    for spec in SIZES:
        direct = _render(design, spec.width, spec.height)
        assert _same(direct, _through_tiles(monkeypatch, design, spec.width, spec.height)), spec.id
    assert painted and all(painted)  # every text-like layer was painted, none fell back


def _text(text: str, box: Box, **props: object) -> Layer:
    return Layer("t", "text", "Teks", box, props={"text": text, "color": "#FFFFFF", **props})


def test_text_overflowing_its_box_is_cut_at_the_box_as_its_tile_cut_it(
    monkeypatch: pytest.MonkeyPatch, painted: list[bool]
) -> None:
    """A one-line box far shorter than its glyphs (ellipsis keeps the size), and a word
    wider than its box at the smallest size: the ink past the box is not drawn."""
    layers = (
        GRADIENT,
        _text("Paspor gjy", Box("top-left", 0.1, 0.2, 0.8, 0.03), size=0.12, overflow="ellipsis"),
        dataclasses.replace(
            _text("Wawancara", Box("top-left", 0.3, 0.6, 0.1, 0.2), size=0.1, min_size=0.1, align="center"),
            id="w",
        ),
    )
    design = Design("d", "Luap", layers, background="#ffffff")
    direct = _render(design, 400, 500)
    assert painted == [True, True]
    assert _same(direct, _through_tiles(monkeypatch, design, 400, 500))
    gradient_only = _render(Design("g", "Latar", (GRADIENT,), background="#ffffff"), 400, 500)
    changed = ImageChops.difference(direct, gradient_only)
    # Nothing outside the two boxes changed: above, below and beside them is the gradient.
    assert changed.crop((0, 0, 400, 100)).getbbox() is None
    assert changed.crop((0, 115, 400, 300)).getbbox() is None
    assert changed.crop((0, 300, 120, 500)).getbbox() is None
    assert changed.crop((160, 300, 400, 500)).getbbox() is None
    assert changed.getbbox() is not None


def test_lines_whose_glyphs_overlap_are_pasted_through_their_tile(
    monkeypatch: pytest.MonkeyPatch, painted: list[bool]
) -> None:
    """Pillow's blend onto a half-covered RGBA pixel is not "over": overlapping runs
    painted one after the other onto the frame would differ from the tile (by up to 60
    levels where descenders meet the next line's capitals), so such a recipe is pasted."""
    tight = _text("Jagoan yang\nJujur gigih\nPaspor", Box("top-left", 0.1, 0.1, 0.8, 0.8), size=0.12)
    tight = dataclasses.replace(tight, props={**tight.props, "line_height": 0.6})
    design = Design("d", "Rapat", (GRADIENT, tight), background="#ffffff")
    direct = _render(design, 400, 500)
    assert painted == [False]
    assert _same(direct, _through_tiles(monkeypatch, design, 400, 500))


def test_translucent_text_and_emoji_are_drawn_as_tiles() -> None:
    renderer = Renderer(BrandKit(), ImageLoader())
    layers = (
        GRADIENT,
        _text("Halo 🙂", Box("top-left", 0.1, 0.1, 0.8, 0.2), size=0.08),
        dataclasses.replace(_text("Samar", Box("top-left", 0.1, 0.5, 0.8, 0.2), color="#FFFFFF80"), id="s"),
    )
    renderer.render(Design("d", "Uji", layers, background="#ffffff"), 400, 500)
    texts = [tile for tile in renderer._tiles.values() if tile.text is not None]
    assert len(texts) == 2 and all(tile.recipe is None for tile in texts)


def test_a_transparent_frame_places_the_text_where_an_opaque_one_does() -> None:
    title = _text("Halo dunia", Box("top-left", 0.2, 0.3, 0.6, 0.3), size=0.1, color="#123456")
    clear = _render(Design("d", "Stiker", (title,), background="#00000000"), 400, 500)
    white = _render(Design("d", "Stiker", (title,), background="#ffffff"), 400, 500)
    assert clear.mode == "RGBA" and white.mode == "RGB"
    ink = ImageChops.difference(white, Image.new("RGB", white.size, "#ffffff")).getbbox()
    assert ink is not None and clear.getchannel("A").getbbox() == ink
    # Where the text is solid, both show its colour.
    solid = [(x, y) for x in range(ink[0], ink[2]) for y in range(ink[1], ink[3])]
    opaque = [xy for xy in solid if clear.getpixel(xy)[3] == 255]  # type: ignore[index]
    assert opaque and all(white.getpixel(xy) == (0x12, 0x34, 0x56) for xy in opaque)


def test_a_drag_after_a_painted_render_matches_a_fresh_render() -> None:
    """The first frame paints every recipe; the drag recomposes only the rectangles the
    moved layer covered, drawing the tiles it needs there (the list's, the footer's)."""
    design = _card()
    clear_caches()
    warm = Renderer(BrandKit(), ImageLoader())
    warm.render(design, 1080, 1350)
    for step, layer_id in enumerate(("footer", "title", "steps"), start=1):
        layer = next(layer for layer in design.layers if layer.id == layer_id)
        box = dataclasses.replace(layer.box, y=layer.box.y + 0.1 * step * (-1 if layer_id == "footer" else 1))
        design, _inverse = apply(design, SetBox(layer.id, "tall", box))
        incremental = warm.render(design, 1080, 1350).image
        fresh = Renderer(BrandKit(), ImageLoader()).render(design, 1080, 1350).image
        assert _same(incremental, fresh), layer_id


@pytest.mark.parametrize("template", [*TEMPLATES, "card"], ids=lambda t: getattr(t, "id", t))
def test_a_painted_recipes_tile_drawn_from_its_masks_is_the_tile_drawn_from_its_calls(
    template: object,
) -> None:
    """After a paint, the tile a drag asks for is drawn from the glyph masks already
    rendered; drawn again (from the calls, as before the recipes) it is the same image."""
    design = _card() if template == "card" else template.build()  # type: ignore[attr-defined]
    clear_caches()
    renderer = Renderer(BrandKit(), ImageLoader())
    renderer.render(design, 1080, 1350)
    recipes = [tile.recipe for tile in renderer._tiles.values() if tile.recipe is not None]
    assert recipes and all(recipe._painted is not None for recipe in recipes)
    for recipe in recipes:
        from_masks = recipe.materialise()
        assert recipe._painted is None  # the masks are let go once the tile has its pixels
        assert from_masks.tobytes() == recipe.materialise().tobytes()


def _table(box: Box, rows: int, stripe: str) -> Layer:
    cells = [["Layanan", "Tarif"], *[[f"Paspor {i}", f"Rp{i}00.000"] for i in range(1, rows)]]
    return Layer("tb", "table", "Tabel", box, props={"rows": cells, "stripe": stripe})


@pytest.mark.parametrize("seed", range(12))
def test_tables_at_any_place_and_height_paint_the_tiles_pixels(
    seed: int, monkeypatch: pytest.MonkeyPatch, painted: list[bool]
) -> None:
    """A table's header is a rounded rectangle that Pillow rounds half to even: at an odd
    place with a row height ending in .5, rounded at frame coordinates it came out a row
    taller than on its tile. Random places and heights, opaque stripes (painted), at a
    size whose pixels are not a multiple of anything."""
    import random

    rng = random.Random(seed)
    box = Box(
        "top-left", rng.uniform(0, 0.3), rng.uniform(0, 0.5), rng.uniform(0.4, 0.7), rng.uniform(0.05, 0.4)
    )
    stripe = rng.choice(["#E8EEF4", "#FFFFFF"])  # opaque: the table is painted
    # An even count of rows: the last row is not striped (a striped last row reaches the
    # box's edge, and such a table is drawn as a tile, which cuts it).
    design = Design("d", "Tarif", (_table(box, rng.choice([2, 4]), stripe),), background="#ffffff")
    width, height = rng.choice([(400, 500), (401, 503), (1080, 1350), (333, 517)])
    direct = _render(design, width, height)
    assert painted == [True]
    assert _same(direct, _through_tiles(monkeypatch, design, width, height))


def test_a_table_painted_whole_then_recomposed_in_part_is_one_picture() -> None:
    """A shape dragged across the table and back: the rectangles recomposed from the
    table's tile meet the rest of the painted table without a seam."""
    table = _table(Box("top-left", 0.1, 0.302, 0.8, 0.101), 2, "#E8EEF4")
    dot = Layer("dot", "shape", "Titik", Box("top-left", 0.0, 0.0, 0.05, 0.04), props={"fill": "#ff0000"})
    design = Design("d", "Tarif", (table, dot), background="#ffffff")
    clear_caches()
    warm = Renderer(BrandKit(), ImageLoader())
    warm.render(design, 400, 500)
    across, _ = apply(design, SetBox("dot", "tall", Box("top-left", 0.3, 0.34, 0.05, 0.04)))
    back, _ = apply(across, SetBox("dot", "tall", Box("top-left", 0.0, 0.0, 0.05, 0.04)))
    warm.render(across, 400, 500)
    incremental = warm.render(back, 400, 500).image
    assert _same(incremental, Renderer(BrandKit(), ImageLoader()).render(back, 400, 500).image)


def test_text_on_a_large_custom_canvas_is_not_held_as_rgba_tiles() -> None:
    """Painted onto the frame, a text layer holds its glyph masks, not an RGBA tile of
    its box: four full-canvas text boxes at 4096×4096 render (their tiles would be 256 MB,
    past the 240 MB a frame's tiles may hold)."""
    layers = tuple(
        Layer(f"t{i}", "text", "Teks", Box(), props={"text": f"Baris {i}", "valign": v, "color": "#123456"})
        for i, v in enumerate(("top", "middle", "bottom", "top"))
    )
    image = _render(Design("d", "Besar", layers, background="#ffffff"), 4096, 4096)
    assert image.size == (4096, 4096) and image.getbbox() is not None


def test_on_a_pillow_whose_glyph_drawing_differs_every_recipe_goes_through_its_tile(
    monkeypatch: pytest.MonkeyPatch, painted: list[bool]
) -> None:
    design = _card()
    expected = _through_tiles(monkeypatch, design, 540, 675)
    painted.clear()
    assert recipemod.direct_drawing_matches()  # this Pillow: painted straight on
    monkeypatch.setattr(recipemod, "direct_drawing_matches", lambda: False)
    got = _render(design, 540, 675)
    assert painted and not any(painted)
    assert _same(got, expected)


def test_the_glyph_drawing_check_fails_when_a_fill_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    recipemod.direct_drawing_matches.cache_clear()
    try:
        monkeypatch.setattr(recipemod, "_bitmap", lambda *_args: None)  # draws nothing
        assert not recipemod.direct_drawing_matches()
    finally:
        recipemod.direct_drawing_matches.cache_clear()


def test_a_second_full_frame_paints_from_the_glyph_masks_of_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another background recomposes the whole frame: the text is painted from the masks
    the first frame rendered, not rendered again by FreeType."""
    design = _card()
    clear_caches()
    warm = Renderer(BrandKit(), ImageLoader())
    warm.render(design, 540, 675)
    rendered: list[object] = []
    real = recipemod.Recipe._masks
    monkeypatch.setattr(recipemod.Recipe, "_masks", lambda self: rendered.append(self) or real(self))
    grey = dataclasses.replace(design, background="#EEEEEE")
    again = warm.render(grey, 540, 675).image
    assert rendered == []
    assert _same(again, Renderer(BrandKit(), ImageLoader()).render(grey, 540, 675).image)
