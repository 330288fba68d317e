"""`siar check` for scripts: human, JSON and JSON-lines output."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from composer import cli


def run(args: list[str], stdin: str = "", monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str]:
    if monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    code = cli.main(["--lang", "en", *args], out=out)
    return code, out.getvalue()


def test_check_every_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(["check"], "Halo #Imigrasi imigrasi.go.id", monkeypatch)
    assert code == 0
    assert "X: 38/280 weighted — OK" in out
    assert "a link costs the office more" in out


def test_check_json_one_platform(tmp_path: Path) -> None:
    caption = tmp_path / "caption.txt"
    caption.write_text("é" * 2600, encoding="utf-8")
    code, out = run(["check", "--platform", "youtube", "--json", str(caption)])
    result = json.loads(out)
    assert code == 1
    assert (result["platform"], result["length"], result["limit"], result["valid"]) == (
        "youtube",
        5200,
        5000,
        False,
    )
    assert result["findings"][0]["code"] == "youtube.description_too_long"


def test_check_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "\n".join(json.dumps(t) for t in ["Halo", "x" * 300, "🇮🇩" * 141]) + "\n"
    code, out = run(["check", "--jsonl", "--platform", "x"], lines, monkeypatch)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["line"], r["length"], r["valid"]) for r in rows] == [
        (1, 4, True),
        (2, 300, False),
        (3, 282, False),
    ]
    assert {"platform", "length", "limit", "valid", "findings"} <= set(rows[0])


def test_check_jsonl_every_platform_and_a_bad_line(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(["check", "--jsonl"], '"ok"\nnot json\n', monkeypatch)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r.get("platform") for r in rows[:5]] == ["facebook", "instagram", "x", "youtube", "wordpress"]
    assert "error" in rows[5] and rows[5]["line"] == 2
    assert code == 2


def test_caption_check_ignores_missing_media(monkeypatch: pytest.MonkeyPatch) -> None:
    _code, out = run(["check", "--platform", "instagram", "--json"], "Halo", monkeypatch)
    assert json.loads(out)["valid"] is True


def test_missing_file_is_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(["check", "/nope/missing.txt"])
    assert code == 2
    assert "File not found: /nope/missing.txt" in capsys.readouterr().err


def test_messages_in_indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("x" * 300))
    out = io.StringIO()
    cli.main(["--lang", "id", "check", "--platform", "x"], out=out)
    assert "AKAN DITOLAK" in out.getvalue() and "platform akan menolaknya" in out.getvalue()


def test_python_dash_m_composer_is_siar() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "composer", "--lang", "en", "check", "--platform", "x", "-"],
        input="Halo",
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0 and "X: 4/280" in done.stdout


def test_templates_are_listed() -> None:
    code, out = run(["templates"])
    assert code == 0
    assert out.count("\n") >= 10 and "langkah-paspor" in out and "kanal-pengaduan" in out


def test_render_every_size_and_check(tmp_path: Path) -> None:
    code, out = run(["render", "template:jam-layanan", "--all-sizes", "-o", str(tmp_path / "out"), "--check"])
    assert code == 0, out
    from PIL import Image

    files = sorted((tmp_path / "out").iterdir())
    assert len(files) == 7
    with Image.open(tmp_path / "out" / "instagram-portrait.jpg") as image:
        assert image.size == (1080, 1350) and image.format == "JPEG"


def test_render_one_size_to_png(tmp_path: Path) -> None:
    target = tmp_path / "kecil.png"
    code, _out = run(["render", "template:libur", "--size", "600x400", "-o", str(target)])
    from PIL import Image

    assert code == 0
    with Image.open(target) as image:
        assert (image.size, image.format) == ((600, 400), "PNG")


def test_render_check_fails_on_a_cut_off_text(tmp_path: Path) -> None:
    from composer.design import io as design_io
    from composer.design.model import Box, Design, Layer

    layer = Layer("t", "text", "Panjang", Box("top-left", 0, 0, 1, 0.05), props={"text": "kata " * 300})
    path = tmp_path / "desain.json"
    design_io.save(Design("d", "Uji", (layer,)), path)
    code, out = run(["render", str(path), "--check"])
    assert code == 1
    assert "does not fit in its box" in out


def test_render_reports_a_broken_design(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "rusak.json"
    bad.write_text("{oops")
    code, _out = run(["render", str(bad)])
    assert code == 2
    assert "cannot be read" in capsys.readouterr().err


def test_render_unknown_size(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out = run(["render", "template:libur", "--size", "huge"])
    assert code == 2
    assert "Unknown size" in capsys.readouterr().err
