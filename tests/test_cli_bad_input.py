"""Every bad input and workspace state from issue 12 (items 13-16): the CLI answers with
exit code 2 and one line in the UI language, never a Python traceback."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from composer import cli

ROOT = Path(__file__).resolve().parents[1]
Setup = Callable[[Path, pytest.MonkeyPatch], list[str]]


def _photo(folder: Path, name: str = "ok.jpg") -> Path:
    path = folder / name
    Image.new("RGB", (80, 60), (200, 30, 30)).save(path)
    return path


def _caption(folder: Path) -> Path:
    path = folder / "caption.txt"
    path.write_text("Layanan paspor buka Sabtu", encoding="utf-8")
    return path


def _damaged_workspace() -> None:
    from composer import paths
    from composer.store.workspace import Workspace

    Workspace().close()  # a real workspace (and its first backup)…
    db_path = paths.data_dir() / "siar.db"
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    db_path.write_bytes(b"overwritten by a crash " * 200)  # …then damaged


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """What SQLite raises in a read-only folder (injected: root writes through chmod)."""
    from composer.store import db as dbmod

    def refuse(*_args: object, **_kwargs: object) -> sqlite3.Connection:
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorcode = sqlite3.SQLITE_READONLY  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(dbmod.sqlite3, "connect", refuse)


def _disk_fills_on_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fsync

    def full(fd: int) -> None:
        if os.fstat(fd).st_size > 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", full)


def damaged(command: list[str]) -> Setup:
    def setup(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
        _damaged_workspace()
        return [a.replace("CAPTION", str(_caption(tmp))) for a in command]

    return setup


def read_only(command: list[str]) -> Setup:
    def setup(tmp: Path, mp: pytest.MonkeyPatch) -> list[str]:
        caption = _caption(tmp)
        _read_only(mp)
        return [a.replace("CAPTION", str(caption)) for a in command]

    return setup


def full_disk(tmp: Path, mp: pytest.MonkeyPatch) -> list[str]:
    args = ["draft", "create", "--text-file", str(_caption(tmp)), "--image", str(_photo(tmp))]
    _disk_fills_on_copy(mp)
    return args


def all_sizes_into_a_file(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
    existing = tmp / "out.png"
    existing.write_bytes(b"x")
    return ["render", "template:langkah-paspor", "--all-sizes", "-o", str(existing)]


def gif_output(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
    return ["render", "template:langkah-paspor", "-o", str(tmp / "x.gif")]


def folder_output(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
    return ["render", "template:langkah-paspor", "-o", str(tmp)]


def missing_folder_output(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
    return ["render", "template:langkah-paspor", "-o", str(tmp / "nowhere" / "x.png")]


def good_then_bad_image(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
    bad = tmp / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return [
        "draft",
        "create",
        "--text-file",
        str(_caption(tmp)),
        "--image",
        str(_photo(tmp)),
        "--image",
        str(bad),
    ]


def too_many_pixels(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
    big = tmp / "huge.png"
    Image.new("1", (15000, 15000)).save(big)
    return ["draft", "create", "--text-file", str(_caption(tmp)), "--image", str(big)]


def fake_video(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
    fake = tmp / "clip.mp4"
    fake.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    return ["draft", "create", "--text-file", str(_caption(tmp)), "--image", str(fake)]


def folder_as_image(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
    return ["draft", "create", "--text-file", str(_caption(tmp)), "--image", str(tmp)]


def latin1_caption(tmp: Path, _mp: pytest.MonkeyPatch) -> list[str]:
    path = tmp / "latin1.txt"
    path.write_bytes("Kantor Imigrasi — café".encode("latin-1", "replace"))
    return ["check", str(path)]


CASES: dict[str, Setup] = {
    "damaged: history": damaged(["history"]),
    "damaged: outbox list": damaged(["outbox", "list"]),
    "damaged: accounts list": damaged(["accounts", "list", "--json"]),
    "damaged: draft create": damaged(["draft", "create", "--text-file", "CAPTION"]),
    "damaged: post": damaged(["post", "abc", "--all"]),
    "read-only: history": read_only(["history"]),
    "read-only: draft create": read_only(["draft", "create", "--text-file", "CAPTION"]),
    "full disk: photo import": full_disk,
    "render --all-sizes -o FILE": all_sizes_into_a_file,
    "render -o x.gif": gif_output,
    "render -o FOLDER": folder_output,
    "render -o MISSING/x.png": missing_folder_output,
    "--image ok --image bad": good_then_bad_image,
    "--image 225 MP": too_many_pixels,
    "--image fake .mp4": fake_video,
    "--image FOLDER": folder_as_image,
    "caption not UTF-8": latin1_caption,
}


def _run(args: list[str], lang: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    out = io.StringIO()
    code = cli.main(["--lang", lang, *args], out=out)
    captured = capsys.readouterr()
    return code, out.getvalue() + captured.out, captured.err


@pytest.mark.parametrize("case", CASES)
def test_one_line_and_exit_2(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = CASES[case](tmp_path, monkeypatch)
    lines = {}
    for lang in ("en", "id"):
        code, out, err = _run(args, lang, capsys)
        assert "Traceback" not in out + err
        assert code == 2, f"{lang}: exit {code}, stderr {err!r}"
        assert len(err.strip().splitlines()) == 1, err
        lines[lang] = err.strip()
    assert lines["en"] != lines["id"], "the message is not translated"


def test_bad_images_leave_no_stray_media(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from composer.store.workspace import Workspace

    args = good_then_bad_image(tmp_path, pytest.MonkeyPatch())
    assert _run(args, "en", capsys)[0] == 2
    workspace = Workspace()
    assert workspace.db.execute("SELECT count(*) FROM media").fetchone()[0] == 0
    assert [p for p in workspace.media.root.rglob("*") if p.is_file()] == []
    assert workspace.drafts.list() == []
    workspace.close()


def test_a_caption_with_a_byte_order_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from composer.store.workspace import Workspace

    caption = tmp_path / "notepad.txt"
    caption.write_bytes("\ufeffHalo".encode())
    code, out, _err = _run(["check", "--platform", "x", str(caption)], "en", capsys)
    assert code == 0 and "X: 4/280" in out
    code, out, _err = _run(["draft", "create", "--text-file", str(caption)], "en", capsys)
    workspace = Workspace()
    assert workspace.drafts.load(out.strip()).text == "Halo"
    workspace.close()


def test_the_bytes_follow_the_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A custom size renders as PNG, but a .jpg name gets JPEG bytes (and .gif is refused
    above rather than given JPEG bytes)."""
    target = tmp_path / "poster.jpg"
    code, _out, _err = _run(
        ["render", "template:langkah-paspor", "--size", "300x200", "-o", str(target)], "en", capsys
    )
    assert code == 0
    with Image.open(target) as image:
        assert image.format == "JPEG"
    assert _run(["render", "template:langkah-paspor", "-o", str(tmp_path / "x.gif")], "en", capsys)[0] == 2
    assert not (tmp_path / "x.gif").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_as_image_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    caption = _caption(tmp_path)
    env = {**os.environ, "SIAR_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "composer",
            "--lang",
            "en",
            "draft",
            "create",
            "--text-file",
            str(caption),
            "--image",
            str(fifo),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert done.returncode == 2 and "is not a file" in done.stderr and "Traceback" not in done.stderr


def test_a_log_that_cannot_open_never_stops_siar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`siar check` needs no workspace: a read-only log folder must not stop it."""
    import logging

    from composer import __main__ as entry
    from composer import paths

    def read_only() -> Path:
        raise PermissionError(errno.EROFS, "Read-only file system", str(tmp_path / "logs"))

    for handler in [h for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)]:
        logging.getLogger().removeHandler(handler)
        handler.close()
    monkeypatch.setattr(paths, "log_dir", read_only)
    monkeypatch.setattr(
        sys, "argv", ["siar", "--lang", "en", "check", "--platform", "x", str(_caption(tmp_path))]
    )
    assert entry.main() == 0
    assert "X: 25/280" in capsys.readouterr().out


def test_render_works_on_a_damaged_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _damaged_workspace()
    target = tmp_path / "poster.jpg"
    code, _out, err = _run(["render", "template:langkah-paspor", "-o", str(target)], "en", capsys)
    assert code == 0 and target.is_file() and "damaged" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX resource limits")
@pytest.mark.parametrize("limit", [0, 150_000])
def test_a_really_full_disk(tmp_path: Path, limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The OS's own refusal (RLIMIT_FSIZE makes every write past *limit* bytes fail, as a
    full disk does), in a real `siar` process: one line, exit 2, nothing stored."""
    import resource
    import signal

    from composer.store.workspace import Workspace

    home = tmp_path / "home"
    env = {**os.environ, "SIAR_HOME": str(home)}
    photo = tmp_path / "big.jpg"
    Image.effect_noise((600, 600), 60).convert("RGB").save(photo, quality=95)  # ~300 KB
    caption = _caption(tmp_path)

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, do not kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    args = ["draft", "create", "--text-file", str(caption), "--image", str(photo)]
    done = subprocess.run(
        [sys.executable, "-m", "composer", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        preexec_fn=limited,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "disk" in done.stderr
    monkeypatch.setenv("SIAR_HOME", str(home))
    workspace = Workspace()
    assert workspace.drafts.list() == [] and [p for p in workspace.media.root.rglob("*") if p.is_file()] == []
    workspace.close()


def test_ctrl_c_ends_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_templates", interrupted)
    code, out, err = _run(["templates"], "en", capsys)
    assert code == 130 and "Traceback" not in out + err


@pytest.mark.parametrize("argv", [["reprt"], ["--lang", "en", "reprt", "--month", "2026-11"]])
def test_a_mistyped_command_is_answered_by_the_command_line(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A word the command line doesn't know must not open the window's own parser, which
    knows no commands and would answer "unrecognized arguments"."""
    from composer import __main__ as entry

    monkeypatch.setattr(sys, "argv", ["siar", *argv])
    with pytest.raises(SystemExit) as ended:
        entry.main()
    err = capsys.readouterr().err
    assert ended.value.code == 2 and "reprt" in err and "report" in err  # the commands are listed
    assert "unrecognized arguments" not in err and "--self-test" not in err


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notjson.json", b"{"),
        ("binary.json", b"\xff\xfe{}"),
        ("list.json", b"[1, 2, 3]"),
        ("nokind.json", b'{"schema_version": 1, "layers": [{"box": {"w": 0.2, "h": 0.2}}]}'),
        (
            "banana.json",
            b'{"schema_version": 1, "layers": [{"kind": "banana", "box": {"w": 0.2, "h": 0.2}}]}',
        ),
        ("template:nope", None),
        ("missing.json", None),
    ],
)
def test_a_broken_design_is_explained_in_indonesian_not_in_python(
    name: str, content: bytes | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reason a design can't be read is part of the one line, in the UI language:
    never "JSON, line 1", "not UTF-8 text" or "KeyError: 'kind'"."""
    source = name if name.startswith("template:") else str(tmp_path / name)
    if content is not None:
        (tmp_path / name).write_bytes(content)
    code, _out, err = _run(["render", source, "-o", str(tmp_path / "out.png")], "id", capsys)
    line = err.strip()
    assert code == 2 and "\n" not in line and line.startswith("Berkas desain ini tidak dapat dibaca: ")
    english = ("JSON, line", "not UTF-8", "not a JSON", "Error", "no template", "No such file", "unknown")
    assert not any(word in line for word in english), line
