"""The renderer: tiles, the dirty-rectangle path, images, legibility and export."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from composer.core.platforms.base import ImageSpec
from composer.design import legibility
from composer.design.assets import ImageLoader
from composer.design.brand import BrandKit
from composer.design.commands import SetBox, apply
from composer.design.export import alt_text, encode, export
from composer.design.layout import Rect
from composer.design.model import Box, Design, Layer
from composer.design.render import Renderer
from composer.design.templates import build


def renderer() -> Renderer:
    return Renderer(BrandKit(), ImageLoader())


def test_a_moved_layer_renders_the_same_as_a_fresh_render() -> None:
    design = build("langkah-paspor")
    warm = renderer()
    warm.render(design, 1080, 1350)
    title = next(layer for layer in design.layers if layer.name == "Judul")
    moved, _inverse = apply(
        design, SetBox(title.id, "tall", dataclasses.replace(title.box, x=title.box.x + 0.05))
    )
    incremental = warm.render(moved, 1080, 1350).image
    fresh = renderer().render(moved, 1080, 1350).image
    assert ImageChops.difference(incremental, fresh).getbbox() is None


def test_brand_colours_restyle_the_design() -> None:
    design = build("waspada-calo")
    navy = renderer().render(design, 400, 500).image.getpixel((5, 250))
    red_brand = BrandKit(colors={**BrandKit().colors, "primary": "#AA0000"})
    red = Renderer(red_brand, ImageLoader()).render(design, 400, 500).image.getpixel((5, 250))
    assert navy[:3] == (0x12, 0x35, 0x5B)
    assert red[:3] == (0xAA, 0x00, 0x00)


def test_missing_image_draws_a_placeholder_and_is_reported() -> None:
    layer = Layer(
        "p", "image", name="Foto", box=Box("top-left", 0, 0, 1, 1), props={"source": "media:" + "0" * 64}
    )
    rendered = renderer().render(Design("d", "t", (layer,)), 200, 200)
    assert rendered.missing_images == ["p"]
    assert [f.code for f in legibility.check(rendered, 200, 200)] == ["design.image_missing"]


def test_assets_cannot_escape_the_assets_folder() -> None:
    assert ImageLoader()("asset:../../../../etc/passwd") is None
    assert ImageLoader()("asset:templates/sample-logo.png") is not None


def test_media_images_come_from_the_store(tmp_path: Path) -> None:
    photo = tmp_path / "p.png"
    Image.new("RGB", (40, 40), (0, 200, 0)).save(photo)
    loader = ImageLoader(lambda media_id: photo if media_id == "abc" else None)
    layer = Layer("p", "image", box=Box("top-left", 0, 0, 1, 1), props={"source": "media:abc"})
    image = Renderer(BrandKit(), loader).render(Design("d", "t", (layer,)), 50, 50).image
    assert image.getpixel((25, 25))[:3] == (0, 200, 0)


def test_legibility_finds_tiny_cut_and_overlapping_text() -> None:
    long = "kata " * 200
    layers = (
        Layer(
            "a", "text", name="Panjang", box=Box("top-left", 0, 0, 1, 0.1), props={"text": long, "size": 0.05}
        ),
        Layer(
            "b",
            "text",
            name="Kecil",
            box=Box("top-left", 0, 0.5, 1, 0.2),
            props={"text": "kecil", "size": 0.008, "min_size": 0.008},
        ),
        Layer(
            "c",
            "text",
            name="Tumpang",
            box=Box("top-left", 0, 0.5, 1, 0.2),
            props={"text": "tindih", "size": 0.05},
        ),
    )
    rendered = renderer().render(Design("d", "t", layers), 1080, 1350)
    codes = {f.code for f in legibility.check(rendered, 1080, 1350)}
    assert {"design.text_cut", "design.text_tiny", "design.overlap"} <= codes


def test_text_outside_the_canvas_is_an_error() -> None:
    layer = Layer("a", "text", name="Lepas", box=Box("top-left", 0.8, 0, 0.5, 0.2), props={"text": "halo"})
    rendered = renderer().render(Design("d", "t", (layer,)), 500, 500)
    assert "design.text_outside" in {f.code for f in legibility.check(rendered, 500, 500)}
    assert rendered.texts["a"].ink.x >= 400 and isinstance(rendered.texts["a"].ink, Rect)


def test_export_fits_each_platform_limit_as_jpeg_with_srgb() -> None:
    design = build("foto-kegiatan")
    tight = ImageSpec("tiny", "tiny", 1080, 1350, "JPEG", 90 * 1024)
    (exported,) = export(design, [tight], renderer())
    assert exported.mime == "image/jpeg" and len(exported.data) <= 90 * 1024
    with Image.open(io.BytesIO(exported.data)) as image:
        assert image.size == (1080, 1350)
        assert image.info.get("icc_profile")
        assert not image.getexif()  # no location or camera metadata


def test_png_export_and_alt_text_draft() -> None:
    design = build("jam-layanan")
    data, mime = encode(renderer().render(design, 200, 200).image, ImageSpec("p", "p", 200, 200, "PNG"))
    assert mime == "image/png" and data.startswith(b"\x89PNG")
    draft = alt_text(design, "Kantor Imigrasi Contoh")
    assert draft.startswith("Infografik Kantor Imigrasi Contoh: Jam Layanan")
    assert "Senin–Kamis 08.00–16.00" in draft


@pytest.mark.parametrize("size", [(1080, 1350), (1600, 900), (333, 333)])
def test_qr_code_modules_match_the_symbol(size: tuple[int, int]) -> None:
    segno = pytest.importorskip("segno")
    data = "https://www.imigrasi.go.id/"
    layer = Layer("q", "qr", box=Box("top-left", 0, 0, 1, 1), props={"data": data})
    image = renderer().render(Design("d", "t", (layer,)), *size).image.convert("L")
    matrix = [list(row) for row in segno.make(data, error="m", micro=False).matrix]
    side = min(size)
    cell = side / (len(matrix) + 4)  # two modules of quiet zone each side
    x0, y0 = (size[0] - side) / 2 + 2 * cell, (size[1] - side) / 2 + 2 * cell
    read = [
        [
            image.getpixel((int(x0 + (c + 0.5) * cell), int(y0 + (r + 0.5) * cell))) < 128
            for c in range(len(matrix))
        ]
        for r in range(len(matrix))
    ]
    assert read == [[bool(bit) for bit in row] for row in matrix]


@pytest.mark.parametrize("size", ["16x16", "16x400", "400x16", "97x131"])
def test_every_template_renders_at_the_smallest_custom_sizes(size: str) -> None:
    """A custom --size down to 16 px a side: boxes a pixel or less (a QR module, a list
    marker, a table's header) show nothing instead of Pillow's "x1 must be greater than
    or equal to x0", and a 0 px marker digit is not divided by."""
    from composer.design.sizes import parse_size
    from composer.design.templates import TEMPLATES

    spec = parse_size(size)
    for template in TEMPLATES:
        image = renderer().render(template.build(), spec.width, spec.height).image
        assert image.size == (spec.width, spec.height), template.id
