"""`siar accounts …` against the sandbox, secrets on standard input only."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

import pytest

from composer import cli
from composer.sandbox import Sandbox, graph
from composer.sandbox import wordpress as fake_wp
from composer.sandbox import x as fake_x
from tests.memory_keyring import MemoryKeyring


def run(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    code = cli.main(["--lang", "en", "accounts", *args], out=out)
    return code, out.getvalue()


@pytest.mark.usefixtures("memory_keyring")
def test_add_list_check_remove(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run(
        monkeypatch,
        "add", "wordpress", "--name", "Situs", "--api-base", sandbox.wordpress.base_url, "--username", fake_wp.USERNAME, "--secret-stdin",
        stdin=fake_wp.APP_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0 and "Connected “Situs”" in text and "working" in text
    code, text = run(
        monkeypatch,
        "add", "facebook", "--name", "FB", "--api-base", sandbox.graph.base_url, "--app-id", graph.APP_ID,
        "--page", "1090000001", "--instagram-name", "IG", "--secret-stdin",
        stdin=f"{graph.APP_SECRET}\n{graph.SHORT_USER_TOKEN}\n",
    )  # fmt: skip
    assert code == 0 and "Connected “FB”" in text and "Connected “IG”" in text and "@kanim.contoh" in text
    code, text = run(
        monkeypatch,
        "add", "x", "--name", "X", "--api-base", sandbox.x.base_url, "--api-key", fake_x.CONSUMER_KEY, "--secret-stdin",
        stdin=f"{fake_x.CONSUMER_SECRET}\n{fake_x.ACCESS_TOKEN}\n{fake_x.ACCESS_SECRET}\n",
    )  # fmt: skip
    assert code == 0 and "@kanimcontoh" in text
    code, text = run(monkeypatch, "list", "--json")
    rows = json.loads(text)
    assert {r["name"] for r in rows} == {"Situs", "FB", "IG", "X"}
    assert all(r["state"] == "ok" for r in rows)
    assert graph.APP_SECRET not in text and fake_x.ACCESS_SECRET not in text
    code, text = run(monkeypatch, "check")
    assert code == 0 and text.count("working") == 4
    code, text = run(monkeypatch, "remove", "X")
    assert code == 0
    assert {r["name"] for r in json.loads(run(monkeypatch, "list", "--json")[1])} == {"Situs", "FB", "IG"}


@pytest.mark.usefixtures("memory_keyring")
def test_clear_messages_for_bad_input(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _text = run(
        monkeypatch,
        "add", "wordpress", "--name", "Situs", "--api-base", "http://imigrasi.example", "--username", "u", "--secret-stdin",
        stdin="pw\n",
    )  # fmt: skip
    assert code == 2 and "not secure" in capsys.readouterr().err
    code, _text = run(
        monkeypatch,
        "add", "wordpress", "--name", "Situs", "--api-base", sandbox.wordpress.base_url, "--username", fake_wp.USERNAME, "--secret-stdin",
        stdin="wrong password\n",
    )  # fmt: skip
    assert code == 1 and "Application Password is wrong" in capsys.readouterr().err
    code, _text = run(monkeypatch, "check", "nobody")
    assert code == 2 and "No account named" in capsys.readouterr().err


def test_secrets_are_never_options() -> None:
    parser = cli.build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(
            ["accounts", "add", "wordpress", "--name", "n", "--password", "x", "--secret-stdin"]
        )
    assert (
        cli.main(["--lang", "en", "accounts", "add", "wordpress", "--name", "n"]) == 2
    )  # no silent empty secrets


def test_without_keyring_the_cli_says_so(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _text = run(
        monkeypatch,
        "add", "wordpress", "--name", "Situs", "--api-base", sandbox.wordpress.base_url, "--username", fake_wp.USERNAME, "--secret-stdin",
        stdin=fake_wp.APP_PASSWORD + "\n",
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "will NOT work after this command ends" in err and "no password store" in err
    # The next run agrees with itself: the list says what a check finds.
    code, text = run(monkeypatch, "list", "--json")
    assert [r["state"] for r in json.loads(text)] == ["no_secret"]
    code, text = run(monkeypatch, "check")
    assert code == 1 and "secret missing" in text


@pytest.mark.usefixtures("memory_keyring")
def test_list_says_secret_missing_when_the_keyring_lost_it(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    code, _text = run(
        monkeypatch,
        "add", "wordpress", "--name", "Situs", "--api-base", sandbox.wordpress.base_url, "--username", fake_wp.USERNAME, "--secret-stdin",
        stdin=fake_wp.APP_PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0
    memory_keyring.values.clear()
    code, text = run(monkeypatch, "list", "--json")
    assert [r["state"] for r in json.loads(text)] == ["no_secret"]
    code, text = run(monkeypatch, "list")
    assert "secret missing" in text


@pytest.mark.usefixtures("memory_keyring")
def test_a_posting_kit_account(monkeypatch: pytest.MonkeyPatch) -> None:
    code, text = run(monkeypatch, "add", "instagram", "--name", "IG unit", "--kit")
    assert code == 0 and "posting kit" in text
    code, text = run(monkeypatch, "check", "IG unit")
    assert code == 0 and "working" in text


@pytest.mark.usefixtures("memory_keyring")
def test_profile_import_and_facebook_device_from_the_command_line(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from composer.sandbox import graph_device

    bad = tmp_path / "bad.json"
    bad.write_text('{"siar_profile":1,"facebook":{"app_id":"1","client_token":"t","app_secret":"s"}}')
    code, _text = run(monkeypatch, "profile", "import", str(bad))
    assert code == 2 and "facebook.app_secret" in capsys.readouterr().err
    code, _text = run(monkeypatch, "add", "facebook", "--device", "--no-browser")
    assert code == 2 and "Import" in capsys.readouterr().err  # no profile yet: says where to get one
    good = tmp_path / "siar-profile.json"
    good.write_text(sandbox.profile_json())
    code, text = run(monkeypatch, "profile", "import", str(good))
    assert code == 0 and "Sandbox" in text
    sandbox.graph.device_interval = 1

    def officer() -> None:  # enters the code shown at facebook.com/device
        while not sandbox.graph.device_grants:
            time.sleep(0.05)
        time.sleep(1.2)  # Siar has been told "pending" at least once
        graph_device.approve(sandbox.graph, next(iter(sandbox.graph.device_grants.values())).user_code)

    threading.Thread(target=officer, daemon=True).start()
    code, text = run(
        monkeypatch,
        "add",
        "facebook",
        "--device",
        "--page",
        "1090000001",
        "--instagram-name",
        "",
        "--no-browser",
    )
    grant = next(iter(sandbox.graph.device_grants.values()))
    assert code == 0, capsys.readouterr().err
    assert f"enter the code: {grant.user_code}" in text and "/device" in text
    assert "Connected “Kantor Imigrasi Contoh (Sandbox) — Facebook”" in text and "@kanim.contoh" in text
    rows = json.loads(run(monkeypatch, "list", "--json")[1])
    assert sorted(r["platform"] for r in rows) == ["facebook", "instagram"]
    code, text = run(monkeypatch, "profile", "show")
    assert code == 0 and graph.APP_SECRET not in text and graph.APP_ID in text


@pytest.mark.usefixtures("memory_keyring")
def test_x_and_wordpress_with_the_profile_from_the_command_line(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import requests

    from composer.sandbox import wordpress_authorize

    good = tmp_path / "siar-profile.json"
    good.write_text(sandbox.profile_json())
    assert run(monkeypatch, "profile", "import", str(good))[0] == 0

    def browser(url: str) -> None:  # the officer's click in the browser
        click = wordpress_authorize.browser_click if "authorize-application" in url else requests.get
        threading.Thread(target=click, args=(url,), daemon=True).start()

    monkeypatch.setattr("composer.cli_accounts.webbrowser.open", browser)
    code, text = run(monkeypatch, "add", "x", "--browser", "--name", "X kantor")
    assert code == 0, capsys.readouterr().err
    assert "Connected “X kantor”" in text and "/i/oauth2/authorize" in text
    code, text = run(monkeypatch, "add", "wordpress", "--browser")
    assert code == 2 and "--api-base" in capsys.readouterr().err
    code, text = run(monkeypatch, "add", "wordpress", "--browser", "--api-base", sandbox.wordpress.base_url)
    assert code == 0, capsys.readouterr().err
    assert "Humas Kanim (Sandbox)" in text and sandbox.wordpress.users["humas"] not in text
    code, _text = run(monkeypatch, "add", "youtube", "--device")
    assert code == 2 and "--device is for Facebook" in capsys.readouterr().err
