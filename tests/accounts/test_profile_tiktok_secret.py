"""TikTok's client secret in the connection profile (issue 14, PLATFORMS.md §13): only
when IT writes ``"accept_secret_in_profile": true``; on import it goes to the keyring and
never into a file Siar writes (the workspace's copy, the installer's copy, the log)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from composer.accounts.profile import ProfileError, bundle_for_build, parse
from composer.sandbox import Sandbox
from composer.sandbox import tiktok as fake_tiktok
from composer.session import Session, Workspace
from tests.memory_keyring import MemoryKeyring

SECRET = "tt-client-secret-0f9e8d7c"


def _tiktok(**values: object) -> str:
    return json.dumps({"siar_profile": 1, "tiktok": {"client_key": "awx1", **values}})


def test_the_secret_needs_its_explicit_acceptance() -> None:
    with pytest.raises(ProfileError) as caught:
        parse(_tiktok(client_secret=SECRET))
    assert caught.value.code == "profile.secret_not_accepted"
    assert "tiktok.client_secret" in caught.value.describe()
    assert '"accept_secret_in_profile": true' in caught.value.describe()
    for accept in ("true", 1, False):  # literally true, nothing that merely looks like it
        with pytest.raises(ProfileError):
            parse(_tiktok(client_secret=SECRET, accept_secret_in_profile=accept))
    # other platforms' secrets stay refused even with the word
    with pytest.raises(ProfileError) as x_secret:
        parse('{"siar_profile":1,"x":{"client_id":"c","client_secret":"s","accept_secret_in_profile":true}}')
    assert x_secret.value.code == "profile.secret"


def test_an_accepted_secret_is_held_apart_and_never_written_back(tmp_path: Path) -> None:
    profile = parse(_tiktok(client_secret=SECRET, accept_secret_in_profile=True))
    assert profile.secret("tiktok", "client_secret") == SECRET
    assert "client_secret" not in profile.get("tiktok") and profile.offers("tiktok")
    assert SECRET not in profile.to_json() and SECRET not in repr(profile)
    kept = parse(profile.to_json())  # what the workspace holds: the acceptance, not the value
    assert kept.get("tiktok") == {"client_key": "awx1", "accept_secret_in_profile": True}
    assert not kept.offers("tiktok")  # no button without the secret at hand
    source = tmp_path / "siar-profile.json"
    source.write_text(_tiktok(client_secret=SECRET, accept_secret_in_profile=True))
    bundled = bundle_for_build(source, tmp_path / "build")
    assert SECRET not in bundled.read_text()  # the installer never carries it


def test_import_puts_the_secret_in_the_keyring_only(
    workspace: Workspace,
    sandbox: Sandbox,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "siar-profile.json"
    path.write_text(sandbox.profile_json())
    with Session(workspace) as session:
        profile = session.import_profile(path)
        assert profile.offers("tiktok")
    assert ("Siar", f"profile-tiktok-{fake_tiktok.CLIENT_KEY}/client_secret") in memory_keyring.values
    assert fake_tiktok.CLIENT_SECRET in memory_keyring.values.values()
    workspace.close()
    files = [f for f in Path(os.environ["SIAR_HOME"]).rglob("*") if f.is_file()]
    seen = "\n".join(f.read_bytes().decode("latin-1") for f in files)
    assert "accept_secret_in_profile" in seen  # the workspace was written and read here
    assert fake_tiktok.CLIENT_SECRET not in seen and fake_tiktok.CLIENT_SECRET not in caplog.text
    # the next start finds it again in the keyring, so the button is there without IT
    again = Workspace()
    try:
        with Session(again) as later:
            restored = later.connection_profile()
            assert restored is not None
            assert restored.secret("tiktok", "client_secret") == fake_tiktok.CLIENT_SECRET
            memory_keyring.values.clear()  # the keyring lost it (another computer, a reset)
            lost = later.connection_profile()
            assert lost is not None and lost.has("tiktok") and not lost.offers("tiktok")
    finally:
        again.close()
