"""How the renderer spends its work (issue 17): checked by behaviour, never by timing.

Each layer is drawn into its own (visible, inked) box, never into a full-canvas buffer;
a full-canvas gradient is one column written once, into the frame; gradients and text
layouts are cached by their inputs; PNG is written with a fast setting."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from PIL import Image, ImageChops

from composer.core.platforms.base import ImageSpec
from composer.design import recipe
from composer.design import text as textmod
from composer.design.assets import ImageLoader
from composer.design.brand import BrandKit
from composer.design.export import encode
from composer.design.model import Box, Design, Layer
from composer.design.render import Renderer, clear_caches
from composer.design.sizes import SIZES

GRADIENT = Layer(
    "bg", "shape", "Latar", Box(), props={"gradient": {"from": "#12355B", "to": "#1F7A8C", "angle": 90}}
)
TITLE = Layer(
    "t",
    "text",
    "Judul",
    Box("top-left", 0.1, 0.1, 0.8, 0.5),
    props={"text": "Halo", "size": 0.08, "color": "#fff"},
)
CARD = Design("d", "Kartu", (GRADIENT, TITLE), background="#ffffff")


def _renderer() -> Renderer:
    return Renderer(BrandKit(), ImageLoader())


def test_an_opaque_full_canvas_layer_replaces_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    renderer = _renderer()

    def no_background(*_args: object) -> Image.Image:
        raise AssertionError("a full-canvas background buffer was made under an opaque layer")

    monkeypatch.setattr(renderer, "_background", no_background)
    image = renderer.render(CARD, 540, 675).image
    assert image.getpixel((0, 0))[:3] != (255, 255, 255)  # the gradient, not the background


def test_no_tile_is_a_full_canvas_buffer() -> None:
    renderer = _renderer()
    renderer.render(CARD, 540, 675)
    gradient, text = renderer._tiles.values()
    # The gradient is one column; the text was painted onto the frame and holds no pixels …
    assert gradient.image.size == (1, 675)
    assert text.recipe is not None and text._image is None
    # … and drawn as a tile (for a drag) it holds only its ink, not its 432×337 box.
    assert text.image.width < 432 and text.image.height < 337


def test_no_rgba_buffer_is_made_for_text_on_a_full_rgb_compose(monkeypatch: pytest.MonkeyPatch) -> None:
    """The title, list and footer are painted straight onto the frame: the only RGBA
    image made is the gradient's one column (and the card is the same picture)."""
    steps = Layer(
        "steps",
        "list",
        "Langkah",
        Box("top-left", 0.07, 0.5, 0.86, 0.4),
        props={"items": ["Satu", "Dua", "Tiga"], "numbered": True, "size": 0.036, "color": "#fff"},
    )
    design = Design("d", "Kartu", (GRADIENT, TITLE, steps), background="#ffffff")
    made: list[tuple[str, tuple[int, int]]] = []
    real_new = Image.new

    def recording_new(mode: str, size: tuple[int, int], color: object = 0) -> Image.Image:
        made.append((mode, tuple(size)))  # type: ignore[arg-type]
        return real_new(mode, size, color)  # type: ignore[arg-type]

    clear_caches()
    monkeypatch.setattr(Image, "new", recording_new)
    image = _renderer().render(design, 540, 675).image
    monkeypatch.undo()
    assert [size for mode, size in made if mode == "RGBA"] == [(1, 675), (1, 675)]  # from, to
    clear_caches()
    monkeypatch.setattr(recipe.Recipe, "paint", lambda *_args: False)  # through RGBA tiles
    through_tiles = _renderer().render(design, 540, 675).image
    assert ImageChops.difference(image, through_tiles).getbbox() is None


def test_gradients_are_cached_by_their_inputs_across_renderers() -> None:
    clear_caches()
    first, second = _renderer(), _renderer()
    first.render(CARD, 540, 675)
    second.render(CARD, 540, 675)
    strips = [next(t.image for t in r._tiles.values() if t.image.width == 1) for r in (first, second)]
    assert strips[0] is strips[1]
    # … and a render from the caches is the same picture as a cold one.
    clear_caches()
    cold = _renderer().render(CARD, 540, 675).image
    assert ImageChops.difference(cold, second.render(CARD, 540, 675).image).getbbox() is None


def test_text_layouts_are_cached_by_their_inputs() -> None:
    clear_caches()
    args = {
        "family": "inter",
        "weight": "bold",
        "px": 40,
        "min_px": 10,
        "line_height": 1.2,
        "overflow": "shrink",
        "max_width": 300.0,
        "max_height": 200.0,
    }
    assert textmod.fit("Cara membuat paspor", **args) is textmod.fit("Cara membuat paspor", **args)


def test_a_paragraph_that_fits_is_measured_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = textmod.line_width

    def counting(text: str, family: str, weight: str, px: int) -> float:
        calls.append(text)
        return real(text, family, weight, px)

    monkeypatch.setattr(textmod, "line_width", counting)
    lines, _broke = textmod._wrap("Unduh M-Paspor dan buat akun", "inter", "semibold", 39, 900)
    assert lines == ["Unduh M-Paspor dan buat akun"] and len(calls) == 1


@pytest.mark.parametrize("seed", range(5))
def test_one_measurement_for_a_fitting_paragraph_wraps_as_word_by_word(seed: int) -> None:
    rng = random.Random(seed)
    words = ["paspor", "M-Paspor", "imigrasi", "Rp350.000", "dan", "🙂", "WNI", "jadwal", "  ", "x"]
    for _ in range(40):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 9)))
        width = rng.uniform(40, 900)
        fast, broke = textmod._wrap(text, "inter", "regular", 30, width)
        slow, slow_broke = _wrap_word_by_word(text, width)
        assert (fast, broke) == (slow, slow_broke), (text, width)


def _wrap_word_by_word(text: str, max_width: float) -> tuple[list[str], bool]:
    """The greedy wrap without the whole-paragraph shortcut."""
    lines: list[str] = []
    broke = False
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = word if not current else f"{current} {word}"
            if textmod.line_width(candidate, "inter", "regular", 30) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            if textmod.line_width(word, "inter", "regular", 30) > max_width:
                broke = True
                current = ""
                for ch in word:
                    if current and textmod.line_width(current + ch, "inter", "regular", 30) > max_width:
                        lines.append(current)
                        current = ch
                    else:
                        current += ch
        lines.append(current)
    return lines, broke


def test_png_is_written_fast_and_platform_presets_are_jpeg() -> None:
    frame = _renderer().render(CARD, 540, 675).image
    data, mime = encode(frame, ImageSpec("p", "p", 540, 675, "PNG"))
    with Image.open(io.BytesIO(data)) as decoded:
        # An opaque frame is written as RGB (a quarter fewer bytes to compress).
        assert (mime, decoded.mode, decoded.size) == ("image/png", "RGB", (540, 675))
        assert ImageChops.difference(decoded.convert("RGB"), frame.convert("RGB")).getbbox() is None
    assert {spec.format for spec in SIZES} == {"JPEG"}


def test_frames_are_rgb_over_an_opaque_start_and_keep_alpha_otherwise() -> None:
    """Over an opaque start the frame is RGB (tiles pasted through their alpha, nothing
    to convert before JPEG); a transparent background keeps its alpha."""
    assert _renderer().render(CARD, 200, 250).image.mode == "RGB"
    clear = Design("c", "Stiker", (TITLE,), background="#00000000")
    image = _renderer().render(clear, 200, 250).image
    assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


def _fit_by_binary_search(text: str, **args: Any) -> textmod.TextLayout:
    """fit() as it was: a binary search over every size, one full layout per try."""
    family, weight, line_height, max_width = (
        args["family"],
        args["weight"],
        args["line_height"],
        args["max_width"],
    )

    def fits(layout: textmod.TextLayout) -> bool:
        return layout.height <= args["max_height"] + 0.5 and not layout.broke_words

    layout = textmod._layout(text, family, weight, args["px"], line_height, max_width)
    if fits(layout):
        return layout
    low, high, best = args["min_px"], args["px"] - 1, None
    while low <= high:
        mid = (low + high) // 2
        candidate = textmod._layout(text, family, weight, mid, line_height, max_width)
        if fits(candidate):
            best, low = candidate, mid + 1
        else:
            high = mid - 1
    if best is not None:
        return best
    layout = textmod._layout(text, family, weight, args["min_px"], line_height, max_width)
    if layout.height <= args["max_height"] + 0.5:
        return layout
    return textmod._ellipsize(layout, family, weight, max_width, args["max_height"])


def test_shrinking_from_an_estimate_picks_the_size_the_binary_search_picks() -> None:
    rng = random.Random(3)
    words = [
        "Cara",
        "Membuat",
        "Paspor",
        "Elektronik",
        "layanan",
        "imigrasi",
        "WNI",
        "Rp350.000",
        "🙂",
        "08.00–16.00",
        "M-Paspor",
    ]
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 25)))
        args = {
            "family": rng.choice(["inter", "lato"]),
            "weight": rng.choice(["regular", "bold", "black"]),
            "px": rng.randint(10, 120),
            "min_px": rng.randint(4, 12),
            "line_height": rng.choice([1.0, 1.15, 1.2]),
            "max_width": rng.uniform(60, 1100),
            "max_height": rng.uniform(20, 600),
        }
        assert textmod.fit.__wrapped__(text, overflow="shrink", **args) == _fit_by_binary_search(text, **args)


def test_a_shrinking_title_takes_a_few_layouts_not_a_binary_search(monkeypatch: pytest.MonkeyPatch) -> None:
    layouts: list[int] = []
    real = textmod._layout

    def counting(text: str, family: str, weight: str, px: int, line_height: float, max_width: float) -> Any:
        layouts.append(px)
        return real(text, family, weight, px, line_height, max_width)

    monkeypatch.setattr(textmod, "_layout", counting)
    title = "Cara Membuat Paspor Elektronik di Kantor Imigrasi"
    textmod.fit.__wrapped__(
        title,
        family="inter",
        weight="bold",
        px=120,
        min_px=8,
        line_height=1.1,
        overflow="shrink",
        max_width=1032.0,
        max_height=113.0,
    )
    assert len(layouts) <= 3, layouts  # the first try, the estimate, the size above it


def test_the_tile_budget_never_applies_at_a_platform_size() -> None:
    from composer.design.render import PLATFORM_PIXELS

    assert max(spec.width * spec.height for spec in SIZES) <= PLATFORM_PIXELS


def test_a_plain_rectangle_makes_no_transparent_canvas_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A gradient or colour rectangle is its fill: no cleared RGBA buffer of its box is
    made only to be thrown away (at 1080×1350 that was a 5.8 MB fill per cold render)."""
    flat = Layer("flat", "shape", "Blok", Box("top-left", 0, 0.5, 1, 0.5), props={"fill": "#123456"})
    design = Design("d", "Kartu", (GRADIENT, flat), background="#ffffff")
    made: list[tuple[str, tuple[int, int], object]] = []
    real_new = Image.new

    def recording_new(mode: str, size: tuple[int, int], color: object = 0) -> Image.Image:
        made.append((mode, tuple(size), color))
        return real_new(mode, size, color)  # type: ignore[arg-type]

    clear_caches()
    monkeypatch.setattr(Image, "new", recording_new)
    image = _renderer().render(design, 540, 675).image
    monkeypatch.undo()
    assert not [
        m for m in made if m[0] == "RGBA" and m[1] in ((540, 675), (540, 338)) and m[2] == (0, 0, 0, 0)
    ]
    # … and the picture is the gradient above the colour block.
    assert image.getpixel((0, 675 - 1))[:3] == (0x12, 0x34, 0x56)
    assert image.getpixel((0, 0))[:3] not in ((255, 255, 255), (0x12, 0x34, 0x56))


@pytest.mark.parametrize("line", ["", "Cara 1 #2 *3", "Halo 👋 dunia", "1\ufe0f\u20e3 dan ©", "é à"])
def test_ascii_lines_skip_the_emoji_scan_with_the_same_runs(line: str) -> None:
    from composer.core.text.emoji import emoji_spans

    expected: list[tuple[str, bool]] = []
    pos = 0
    for start, end in emoji_spans(line):
        expected += [(line[pos:start], False)] if start > pos else []
        expected.append((line[start:end], True))
        pos = end
    expected += [(line[pos:], False)] if pos < len(line) else []
    assert textmod._runs(line) == expected


def test_a_tall_list_is_pasted_by_its_inked_bands_with_the_same_pixels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from composer.design import render as render_mod

    steps = Layer(
        "steps",
        "list",
        "Langkah",
        Box("top-left", 0.07, 0.26, 0.86, 0.6),
        props={"items": ["Satu", "Dua", "Tiga", "Empat"], "numbered": True, "size": 0.036, "color": "#fff"},
    )
    design = Design("d", "Kartu", (GRADIENT, steps), background="#ffffff")
    # Bands are how a drawn tile is pasted (a partial recompose, a drawn recipe's tile):
    # keep the full compose from painting the list straight onto the frame.
    monkeypatch.setattr(render_mod.Recipe, "paint", lambda *_args: False)
    clear_caches()
    renderer = _renderer()
    banded = renderer.render(design, 540, 675).image
    tile = next(t for t in renderer._tiles.values() if t.image.height > 100 and t.image.width > 1)
    assert tile.bands  # the rows' gaps are not pasted …
    inked = sum(band.width * band.height for band, _offset in tile.bands)
    assert inked < tile.image.width * tile.image.height * 0.8
    for band, (x, y) in tile.bands:  # … and every band is the tile's own pixels there
        assert band.tobytes() == tile.image.crop((x, y, x + band.width, y + band.height)).tobytes()
    # Pasting the whole tile instead gives the same frame, pixel for pixel.
    clear_caches()
    whole = _renderer()
    original = render_mod._inked_bands
    try:
        render_mod._inked_bands = lambda _image: ()  # type: ignore[assignment]
        unbanded = whole.render(design, 540, 675).image
    finally:
        render_mod._inked_bands = original
    assert not any(t.bands for t in whole._tiles.values())
    assert ImageChops.difference(banded, unbanded).getbbox() is None
