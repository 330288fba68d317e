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
