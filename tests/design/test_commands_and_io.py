"""Design edits with inverses, and design files and template packs."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from composer.design import io
from composer.design.commands import (
    AddLayer,
    Batch,
    MoveInStack,
    RemoveLayer,
    SetAttrs,
    SetBackground,
    SetBox,
    SetField,
    SetProps,
    apply,
    merge,
)
from composer.design.model import SCHEMA_VERSION, Box, Layer
from composer.design.templates import build


@pytest.fixture
def design():  # type: ignore[no-untyped-def]
    return build("langkah-paspor")


def commands_for(design):  # type: ignore[no-untyped-def]
    first, second = design.layers[0], design.layers[1]
    return [
        SetBox(first.id, "tall", Box("center", 0, 0, 0.3, 0.3)),
        SetBox(first.id, "wide", Box("left", 0, 0, 0.2, 0.2)),
        SetBox(first.id, "wide", None),
        SetProps(second.id, (("fit", "cover"), ("radius", 0.02))),
        SetAttrs(first.id, (("locked", True), ("opacity", 0.5))),
        AddLayer(Layer("new", "text", props={"text": "baru"}), 2),
        RemoveLayer(second.id),
        MoveInStack(first.id, 4),
        SetField("judul", "Judul baru"),
        SetBackground("#000000"),
        Batch((SetAttrs(first.id, (("visible", False),)), SetField("subjudul", "x"))),
    ]


@pytest.mark.parametrize("index", range(11))
def test_every_command_has_an_exact_inverse(design, index: int) -> None:  # type: ignore[no-untyped-def]
    command = commands_for(design)[index]
    changed, inverse = apply(design, command)
    assert changed != design
    restored, again = apply(changed, inverse)
    assert restored == design
    assert apply(restored, again)[0] == changed  # and the inverse of the inverse redoes it


def test_moves_of_one_layer_merge_into_one_undo_step(design) -> None:  # type: ignore[no-untyped-def]
    layer = design.layers[0]
    a = SetBox(layer.id, "tall", Box("top-left", 0.1, 0, 0.2, 0.2))
    b = SetBox(layer.id, "tall", Box("top-left", 0.2, 0, 0.2, 0.2))
    assert merge(a, b) == b
    assert merge(a, SetBox(layer.id, "wide", b.box)) is None


def test_broken_and_too_new_files(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.json"
    broken.write_text("{ not json")
    with pytest.raises(io.DesignFileError) as caught:
        io.load(broken)
    assert caught.value.code == "design.broken"
    newer = tmp_path / "baru.json"
    newer.write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1, "layers": []}))
    with pytest.raises(io.DesignFileError, match=r"design\.too_new"):
        io.load(newer)
    wrong = tmp_path / "salah.json"
    wrong.write_text(
        json.dumps({"schema_version": 1, "layers": [{"kind": "hologram", "box": {"w": 1, "h": 1}}]})
    )
    with pytest.raises(io.DesignFileError, match=r"design\.broken"):
        io.load(wrong)


def test_save_is_atomic_and_round_trips(design, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "desain.json"
    io.save(design, path)
    assert io.load(path) == design
    assert [p.name for p in tmp_path.iterdir()] == ["desain.json"]


def test_template_pack_is_read(design, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "paket.zip"
    with zipfile.ZipFile(pack, "w") as zf:
        zf.writestr("templates/satu.json", io.dumps(design))
        zf.writestr("images/logo.png", b"\x89PNG fake")
    read = io.read_pack(pack)
    assert [d.name for d in read.designs] == [design.name]
    assert list(read.images) == ["images/logo.png"]


@pytest.mark.parametrize(
    "name", ["../luar.json", "/etc/passwd", "a/../../b.png", "C:/windows/x.png", "..\\x.json"]
)
def test_template_pack_with_paths_outside_itself_is_refused(tmp_path: Path, name: str) -> None:
    pack = tmp_path / "jahat.zip"
    with zipfile.ZipFile(pack, "w") as zf:
        zf.writestr("baik.json", "{}")
        zf.writestr(name, "x")
    with pytest.raises(io.DesignFileError) as caught:
        io.read_pack(pack)
    assert caught.value.code == "design.pack_unsafe"
    assert list(tmp_path.iterdir()) == [pack]  # nothing was extracted anywhere


def test_oversized_pack_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(io, "PACK_MAX_BYTES", 1000)
    pack = tmp_path / "besar.zip"
    with zipfile.ZipFile(pack, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("nol.json", "0" * 5000)  # compresses to almost nothing
    with pytest.raises(io.DesignFileError, match=r"design\.pack_too_big"):
        io.read_pack(pack)


def test_not_a_zip(tmp_path: Path) -> None:
    fake = tmp_path / "bukan.zip"
    fake.write_text("hello")
    with pytest.raises(io.DesignFileError, match=r"design\.broken"):
        io.read_pack(fake)
