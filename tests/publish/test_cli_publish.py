"""siar draft create / post / outbox / history against the sandbox."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from composer import cli
from composer.paths import assets_dir
from tests.publish.conftest import Env


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(["--lang", "en", *args], out=out), out.getvalue()


def test_draft_post_wait_history(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "post.txt"
    text.write_text("Pelayanan paspor hari Sabtu 08.00–12.00 #ImigrasiMelayani\n", encoding="utf-8")
    image = assets_dir() / "demo" / "ruang-pelayanan.jpg"
    code, draft_id = run(
        "draft",
        "create",
        "--text-file",
        str(text),
        "--title",
        "Sabtu",
        "--image",
        str(image),
        "--alt",
        "Ruang pelayanan",
    )
    assert code == 0
    draft = env.workspace.drafts.load(draft_id.strip())
    assert draft.media[0].alt == "Ruang pelayanan"
    code, output = run(
        "post", draft_id.strip()[:8], "--accounts", "Kanim Contoh — X,Situs Kanim Contoh", "--wait"
    )
    assert code == 0, output + capsys.readouterr().err
    assert output.count("posted") == 2 and "https://x.com/kanimcontoh/status/" in output
    code, output = run("history", "--json")
    entries = json.loads(output)
    assert {e["platform"] for e in entries} == {"x", "wordpress"}
    code, output = run("history", "--search", "Sabtu")
    assert code == 0 and len(output.strip().splitlines()) == 2


def test_preflight_blocks_and_warns(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    post = env.post(text="a" * 300, photos=0)
    code, output = run("post", post.id, "--accounts", "Kanim Contoh — X")
    assert code == 1 and "⛔" in output
    assert "Nothing can be sent" in capsys.readouterr().err
    assert not env.workspace.outbox.list()
    code, output = run("post", post.id, "--accounts", "Kanim Contoh — Instagram")
    assert code == 1 and "Instagram needs at least one photo" in output


def test_outbox_controls(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    post = env.post(photos=0)
    code, _out = run("post", post.id, "--accounts", "Kanim Contoh — X", "--yes")
    assert code == 0
    code, output = run("outbox", "list", "--json")
    [job] = json.loads(output)
    assert job["state"] == "queued"
    assert run("outbox", "pause")[0] == 0
    code, output = run("outbox", "list")
    assert "paused" in output
    assert run("outbox", "run")[0] == 1 and not env.sandbox.x.tweets
    assert run("outbox", "resume")[0] == 0
    code, output = run("outbox", "run")
    assert code == 0 and "posted" in output and len(env.sandbox.x.tweets) == 1
    assert run("outbox", "cancel", job["id"][:8])[0] == 1  # done: nothing to cancel


def test_post_at_a_time(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    post = env.post(photos=0)
    assert run("post", post.id, "--accounts", "Kanim Contoh — X", "--at", "2020-01-01 08:00")[0] == 2
    assert "future" in capsys.readouterr().err
    assert run("post", post.id, "--accounts", "Kanim Contoh — X", "--at", "besok pagi")[0] == 2
    code, _output = run("post", post.id, "--accounts", "Kanim Contoh — X", "--at", "2099-12-24 08:00")
    assert code == 0
    [job] = env.workspace.outbox.list()
    assert job.state == "waiting" and job.data["scheduled_at"] > 4e9
    assert run("outbox", "run")[0] == 1 and not env.sandbox.x.tweets
