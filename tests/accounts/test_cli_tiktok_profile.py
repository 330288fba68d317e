"""``siar accounts add tiktok --browser`` with the profile's accepted client secret, and
what ``profile import`` says when no keyring can keep that secret (issue 14)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import requests

from composer.sandbox import Sandbox
from composer.sandbox import tiktok as fake_tiktok
from tests.accounts.test_cli_accounts import run
from tests.memory_keyring import MemoryKeyring


def test_tiktok_connects_from_the_command_line_with_the_profile(
    sandbox: Sandbox,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    path = tmp_path / "siar-profile.json"
    path.write_text(sandbox.profile_json())
    code, text = run(monkeypatch, "profile", "import", str(path))
    assert code == 0 and "TikTok" in text and "WARNING" not in capsys.readouterr().err

    def browser(url: str) -> None:  # the officer allows Siar on TikTok's page
        threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 10}, daemon=True).start()

    monkeypatch.setattr("composer.cli_accounts.webbrowser.open", browser)
    code, text = run(monkeypatch, "add", "tiktok", "--browser")
    assert code == 0, capsys.readouterr().err
    assert "/v2/auth/authorize/" in text and "Imigrasi Contoh (Sandbox)" in text
    code, text = run(monkeypatch, "profile", "show")
    assert code == 0 and fake_tiktok.CLIENT_KEY in text and fake_tiktok.CLIENT_SECRET not in text


def test_importing_the_secret_without_a_keyring_says_the_button_will_not_last(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "siar-profile.json"
    path.write_text(sandbox.profile_json())
    code, _text = run(monkeypatch, "profile", "import", str(path))  # the default: no keyring backend
    err = capsys.readouterr().err
    assert code == 0 and "WARNING" in err and "TikTok" in err and fake_tiktok.CLIENT_SECRET not in err
