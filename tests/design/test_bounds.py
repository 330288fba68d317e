"""Hostile designs and packs (issue 12, items 12 and 12a): a clear refusal, never a
traceback, and no render that grows with a number in the file.

Memory is checked by behaviour: validation refuses, and every tile the renderer keeps
is clipped to the canvas."""

from __future__ import annotations

import contextlib
import io as stdio
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import ImageChops

from composer import cli
from composer.design import io
from composer.design.assets import ImageLoader
from composer.design.bounds import BOX_OFFSET, BOX_SIZE, MAX_TEXT
from composer.design.brand import BrandKit
from composer.design.layout import Rect, box_from_rect
from composer.design.model import Box, Design, Field, Layer
from composer.design.render import Renderer, fill_placeholders


def _design(*layers: dict[str, Any], fields: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"schema_version": 1, "layers": list(layers), "fields": fields or []}


def _layer(kind: str, box: dict[str, Any] | None = None, **props: Any) -> dict[str, Any]:
    return {"kind": kind, "box": box or {"w": 0.5, "h": 0.5}, "props": props}


def _nested_groups(depth: int) -> dict[str, Any]:
    layer = _layer("shape", fill="#f00")
    for _ in range(depth):
        layer = {**_layer("group"), "children": [layer]}
    return _design(layer)


BLOW_UP = [
    {"key": "a", "kind": "text", "value": "{b}" * 200},
    {"key": "b", "kind": "text", "value": "{c}" * 200},
    {"key": "c", "kind": "text", "value": "x" * 200},
]

# (case, the file's text, the refusal's message code)
HOSTILE: list[tuple[str, str, str]] = [
    (
        "font size 1e9",
        json.dumps(_design(_layer("text", text="Halo", size=1e9))),
        "design.number_out_of_bounds",
    ),
    (
        "box 1e9",
        json.dumps(_design(_layer("shape", {"w": 1e9, "h": 0.5}, fill="#f00"))),
        "design.number_out_of_bounds",
    ),
    (
        "stroke 1e9",
        json.dumps(_design(_layer("shape", stroke="#000", stroke_width=1e9))),
        "design.number_out_of_bounds",
    ),
    (
        "issue's tiny shape w=h=20",
        json.dumps(_design(_layer("shape", {"w": 20, "h": 20}, fill="#f00"))),
        "design.number_out_of_bounds",
    ),
    (
        "NaN",
        '{"schema_version":1,"layers":[{"kind":"shape","box":{"x":NaN,"w":1,"h":1}}]}',
        "design.number_out_of_bounds",
    ),
    (
        "Infinity rotation",
        '{"schema_version":1,"layers":[{"kind":"shape","box":{"w":1,"h":1},"rotation":Infinity}]}',
        "design.number_out_of_bounds",
    ),
    (
        "1e999 in props",
        '{"schema_version":1,"layers":[{"kind":"text","box":{"w":1,"h":1},"props":{"line_height":1e999}}]}',
        "design.number_out_of_bounds",
    ),
    (
        "an integer of 400 digits",
        '{"schema_version":1,"layers":[{"kind":"text","box":{"w":1,"h":1},"props":{"size":1'
        + "0" * 400
        + "}}]}",
        "design.number_out_of_bounds",
    ),
    (
        "a box of 400 digits",
        '{"schema_version":1,"layers":[{"kind":"shape","box":{"w":1' + "0" * 400 + ',"h":1}}]}',
        "design.broken",
    ),
    (
        "an integer of 5,000 digits",
        '{"schema_version":1,"layers":[{"kind":"text","box":{"w":1,"h":1},"props":{"size":1'
        + "0" * 5000
        + "}}]}",
        "design.broken",
    ),
    (
        "size as text",
        json.dumps(_design(_layer("text", text="x", size="besar"))),
        "design.number_out_of_bounds",
    ),
    ("10,000-character QR", json.dumps(_design(_layer("qr", data="x" * 10_000))), "design.qr_too_long"),
    ("chart value x", json.dumps(_design(_layer("chart", data=[["Paspor", "x"]]))), "design.field_not_chart"),
    (
        "list field set to a number",
        json.dumps(_design(_layer("list", field="l"), fields=[{"key": "l", "kind": "list", "value": 5}])),
        "design.field_not_list",
    ),
    ("table rows not rows", json.dumps(_design(_layer("table", rows="abc"))), "design.field_not_table"),
    (
        "placeholder blow-up",
        json.dumps(_design(_layer("text", text="{a}"), fields=BLOW_UP)),
        "design.text_too_long",
    ),
    ("JSON nested 100k deep", "[" * 100_000 + "]" * 100_000, "design.too_deep"),
    ("groups nested 50 deep", json.dumps(_nested_groups(50)), "design.too_deep"),
    (
        "a thousand list items",
        json.dumps(_design(_layer("list", items=["x"] * 1000))),
        "design.too_many_items",
    ),
    (
        "30,000 characters of table cells",
        json.dumps(_design(_layer("table", rows=[["x" * 50] * 10] * 60))),
        "design.too_much_text",
    ),
    (
        "nine QR codes",
        json.dumps(_design(*[_layer("qr", data=str(i)) for i in range(9)])),
        "design.too_many_qr",
    ),
    (
        "forty full-canvas layers",
        json.dumps(_design(*[_layer("shape", {"w": 1, "h": 1}, fill="#f00") for _ in range(40)])),
        "design.too_much_area",
    ),
    (
        "six turned full-canvas layers",
        json.dumps(
            _design(*[{**_layer("shape", {"w": 1, "h": 1}, fill="#f00"), "rotation": 10} for _ in range(6)])
        ),
        "design.too_much_area",
    ),
]


@pytest.mark.parametrize(("case", "text", "code"), HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_design_file_is_refused(case: str, text: str, code: str) -> None:
    with pytest.raises(io.DesignFileError) as refused:
        io.loads(text)
    assert refused.value.code == code, case


@pytest.mark.parametrize(("case", "text", "code"), HOSTILE, ids=[c[0] for c in HOSTILE])
def test_render_command_refuses_hostile_design_with_exit_2(
    case: str, text: str, code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "jahat.json"
    path.write_text(text, encoding="utf-8")
    result = cli.main(
        ["--lang", "en", "render", str(path), "-o", str(tmp_path / "out.png")], out=stdio.StringIO()
    )
    err = capsys.readouterr().err
    assert result == 2, case
    assert "This design" in err and "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "out.png").exists()


def test_templates_and_saved_designs_stay_within_bounds(tmp_path: Path) -> None:
    from composer.design.templates import TEMPLATES

    for template in TEMPLATES:
        design = template.build()
        assert io.loads(io.dumps(design)).layers == design.layers


def test_a_drag_far_off_the_canvas_still_saves_a_design_that_loads() -> None:
    box = box_from_rect(Rect(-90_000, 50_000, 1e7, 20), "top-left", Rect(0, 0, 1080, 1350))
    assert (box.x, box.y, box.w) == (-BOX_OFFSET, BOX_OFFSET, BOX_SIZE)
    layer = Layer("s", "shape", "Kotak", box, props={"fill": "#f00"})
    assert io.loads(io.dumps(Design("d", "Uji", (layer,)))).layers[0].box == box


# --- the renderer itself: clipped tiles, bounded numbers -------------------------------------


def _renderer() -> Renderer:
    return Renderer(BrandKit(), ImageLoader())


def test_every_tile_is_clipped_to_the_canvas() -> None:
    layers = (
        Layer("big", "shape", "Besar", Box("center", 0, 0, 3, 3), props={"gradient": {"angle": 30}}),
        Layer("t", "text", "Teks", Box("top-left", -1, -1, 3, 3), props={"text": "Halo " * 40, "size": 0.2}),
        Layer("r", "shape", "Putar", Box("center", 0, 0, 3, 3), rotation=30, props={"fill": "#0f0"}),
    )
    renderer = _renderer()
    renderer.render(Design("d", "Uji", layers), 200, 160)
    sizes = [tile.image.size for tile in renderer._tiles.values()]
    assert len(sizes) == 3
    # Not the 600×480 boxes (nor the rotated one's turned 750×720): the canvas at most.
    assert all(w <= 200 and h <= 160 for w, h in sizes), sizes


@pytest.mark.parametrize(
    "layer",
    [
        Layer(
            "a",
            "text",
            "Teks",
            Box(),
            props={"text": "Halo 🙂 dunia dan semua", "size": 0.12, "fill": "#ff0"},
        ),
        Layer(
            "a", "shape", "Gradien", Box(), props={"gradient": {"from": "#f00", "to": "#00f", "angle": 35}}
        ),
        Layer("a", "shape", "Elips", Box(), props={"shape": "ellipse", "fill": "#0a0", "stroke": "#000"}),
        Layer("a", "list", "Daftar", Box(), props={"items": ["Satu", "Dua", "Tiga"], "size": 0.08}),
        Layer("a", "image", "Foto", Box(), props={"source": "asset:demo/ruang-pelayanan.jpg", "radius": 0.1}),
        Layer("a", "qr", "QR", Box(), props={"data": "https://imigrasi.go.id"}),
        Layer("a", "table", "Tabel", Box(), props={"rows": [["A", "B"], ["1", "2"]]}),
    ],
    ids=lambda layer: layer.name,
)
def test_a_layer_cut_by_the_canvas_edge_shows_the_same_pixels(
    layer: Layer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half off the left edge (clipped tile) vs wholly inside (whole tile). Layers up to
    the canvas's size are drawn whole (a drag reuses the tile): clip them all here."""
    from dataclasses import replace

    from composer.design import render

    monkeypatch.setattr(render, "CLIP_ABOVE", 0.0)

    inside = replace(layer, box=Box("top-left", 0.25, 0.1, 0.5, 0.8))
    cut = replace(layer, box=Box("top-left", -0.25, 0.1, 0.5, 0.8))
    whole = _renderer().render(Design("d", "Uji", (inside,), background="#ffffff"), 400, 200).image
    renderer = _renderer()
    clipped = renderer.render(Design("d", "Uji", (cut,), background="#ffffff"), 400, 200).image
    assert all(tile.image.width <= 100 for tile in renderer._tiles.values())  # only the visible half
    # The right half of the layer: x 200–300 when inside, 0–100 when cut.
    diff = ImageChops.difference(whole.crop((200, 0, 300, 200)), clipped.crop((0, 0, 100, 200)))
    assert max(high for _low, high in diff.getextrema()) <= 2


def test_bad_numbers_built_in_memory_render_without_error() -> None:
    """Designs made in code or by an older editor skip io's check: the renderer reads
    every number through bounds (clamped, never NaN) and skips rows of the wrong shape."""
    layers = (
        Layer("t", "text", "Teks", Box(), rotation=float("nan"), props={"text": "x", "size": "besar"}),
        Layer("c", "chart", "Grafik", Box(), props={"data": [["a", "x"], ["b", 3]], "size": float("inf")}),
        Layer("n", "chart", "Turun", Box(), props={"data": [["a", -5], ["b", -1]]}),
        Layer("l", "list", "Daftar", Box(), props={"field": "angka"}),
        Layer("q", "qr", "QR", Box(), props={"data": "x" * 10_000}),
        Layer("s", "shape", "Garis", Box(), props={"stroke": "#000", "stroke_width": 1e9, "radius": -5}),
    )
    design = Design("d", "Uji", layers, fields=(Field("angka", "Angka", "list", 5),))
    image = _renderer().render(design, 300, 300).image
    assert image.size == (300, 300)


def test_placeholders_that_expand_into_each_other_stay_bounded() -> None:
    values = {item["key"]: item["value"] for item in BLOW_UP}
    filled = fill_placeholders("{a}", values)
    assert len(filled) <= 20_000
    assert len(fill_placeholders("{a}", values, limit=MAX_TEXT + 1)) == MAX_TEXT + 1


# --- template packs -----------------------------------------------------------------------


def _lie_about_size(path: Path, member: str, claimed: int) -> None:
    """Rewrite the uncompressed size a zip's headers claim for *member*."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + offset : start + offset + 4] = claimed.to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))


def test_pack_that_lies_about_its_sizes_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "bohong.zip"
    with zipfile.ZipFile(pack, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("desain.json", json.dumps(_design(_layer("text", text="x" * 2000))))
    _lie_about_size(pack, "desain.json", 100)
    with pytest.raises(io.DesignFileError) as refused:
        io.read_pack(pack)
    assert refused.value.code == "design.broken"


def test_pack_entries_are_read_in_bounded_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never one read of "everything": the real bytes are counted as they come."""
    pack = tmp_path / "besar.zip"
    with zipfile.ZipFile(pack, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("foto.png", b"\1" * 50_000)
    reads: list[int] = []
    real_read = zipfile.ZipExtFile.read

    def counting(self: zipfile.ZipExtFile, n: int | None = -1) -> bytes:
        reads.append(-1 if n is None else n)
        return real_read(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    monkeypatch.setattr(io, "PACK_CHUNK", 4096)
    assert io.read_pack(pack).images["foto.png"] == b"\1" * 50_000
    assert reads and all(0 < n <= 4096 for n in reads), reads


def test_pack_with_bzip2_entries_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "bz.zip"
    with zipfile.ZipFile(pack, "w", compression=zipfile.ZIP_BZIP2) as zf:
        zf.writestr("nol.png", b"\0" * 1000)
    with pytest.raises(io.DesignFileError) as refused:
        io.read_pack(pack)
    assert refused.value.code == "design.broken"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("desain".encode("utf-16"), "design.broken"),
        (b"[" * 100_000 + b"]" * 100_000, "design.too_deep"),
        (json.dumps(_design(_layer("text", text="x", size=1e9))).encode(), "design.number_out_of_bounds"),
    ],
    ids=["not UTF-8", "nested 100k deep", "font size 1e9"],
)
def test_pack_with_a_bad_design_is_refused(tmp_path: Path, content: bytes, code: str) -> None:
    pack = tmp_path / "rusak.zip"
    with zipfile.ZipFile(pack, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("desain.json", content)
    with pytest.raises(io.DesignFileError) as refused:
        io.read_pack(pack)
    assert refused.value.code == code


_ODD: list[Any] = [
    None,
    True,
    -1,
    0,
    1e9,
    1e308,
    "x",
    "",
    [],
    {},
    [1, 2],
    {"a": 1},
    10**30,
    [["a", "x"]],
    -0.5,
    3.5,
]


def _mutated(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        out = {k: _mutated(v, rng) if rng.random() < 0.5 else v for k, v in value.items()}
        if out and rng.random() < 0.3:
            out[rng.choice(list(out))] = rng.choice(_ODD)
        if rng.random() < 0.1:
            out[
                rng.choice(["size", "radius", "stroke_width", "angle", "focal", "rotation", "columns_wide"])
            ] = rng.choice(_ODD)
        return out
    if isinstance(value, list):
        out_list = [_mutated(v, rng) if rng.random() < 0.5 else v for v in value]
        if out_list and rng.random() < 0.1:
            out_list[rng.randrange(len(out_list))] = rng.choice(_ODD)
        return out_list
    return value


def test_mangled_templates_are_refused_or_rendered_never_a_crash() -> None:
    """Every template with random values swapped in (None, "x", 1e308, lists, negative
    chart values…): a DesignFileError, or a design that renders."""
    from composer.design.templates import TEMPLATES

    rng = random.Random(12)
    renderer = _renderer()
    for _ in range(250):
        text = json.dumps(_mutated(rng.choice(TEMPLATES).build().to_dict(), rng))
        try:
            design = io.loads(text)
        except io.DesignFileError:
            continue
        renderer.render(design, 540, rng.choice([675, 300]))


def test_damaged_packs_are_refused_never_a_crash(tmp_path: Path) -> None:
    """A good pack with random bytes changed or cut off: zlib errors, unknown zip
    versions, bad CRCs… all end in a DesignFileError."""
    from composer.design.templates import build

    buffer = stdio.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.json", io.dumps(build("langkah-paspor")))
        zf.writestr("gambar/x.png", bytes(range(256)) * 8)
        zf.writestr("b.json", io.dumps(build("tarif-pnbp")))
    good = buffer.getvalue()
    rng = random.Random(7)
    pack = tmp_path / "rusak.zip"
    for _ in range(600):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        pack.write_bytes(bytes(data[: rng.randrange(len(data))] if rng.random() < 0.2 else data))
        with contextlib.suppress(io.DesignFileError):
            io.read_pack(pack)


def test_a_design_too_heavy_for_a_large_custom_size_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Within bounds at the platform sizes, five full-canvas rounded panels would hold
    five 64 MB tiles at 4096×4096: the CLI refuses that size, every template still fits."""
    panel = _layer("shape", {"w": 1, "h": 1}, shape="rounded", fill="#ff000080")
    path = tmp_path / "berat.json"
    path.write_text(json.dumps(_design(*[panel] * 5)), encoding="utf-8")
    out = tmp_path / "besar.png"
    result = cli.main(
        ["--lang", "en", "render", str(path), "--size", "4096x4096", "-o", str(out)], out=stdio.StringIO()
    )
    assert result == 2 and "choose a smaller size" in capsys.readouterr().err and not out.exists()
    assert (
        cli.main(
            ["--lang", "en", "render", str(path), "--size", "1080x1920", "-o", str(out)], out=stdio.StringIO()
        )
        == 0
    )
    code = cli.main(
        ["--lang", "en", "render", "template:foto-kegiatan", "--size", "4096x4096", "-o", str(out)],
        out=stdio.StringIO(),
    )
    assert code == 0


def test_a_large_turned_layer_moved_renders_as_a_fresh_render() -> None:
    """A clipped, turned tile depends on where the layer is: moving it never reuses a
    tile cut for another place."""
    warm = _renderer()
    for step in range(40):  # one pixel at a time: the visible part often stays the same
        layer = Layer(
            "r",
            "shape",
            "Putar",
            Box("left", 0.45 - step / 300, 0.1, 1.2, 1.0),
            rotation=20,
            props={"fill": "#0a0"},
        )
        design = Design("d", "Uji", (layer,), background="#ffffff")
        incremental = warm.render(design, 300, 200).image
        fresh = _renderer().render(design, 300, 200).image
        assert ImageChops.difference(incremental, fresh).getbbox() is None, step
