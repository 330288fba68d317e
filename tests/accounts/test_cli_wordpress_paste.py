"""``siar accounts add wordpress --browser --paste-address``: a site before WordPress 7.0
refuses Siar's loopback, so the officer approves, and pastes the address of the profile
page the site opens (user name and password in it) as one line (PLATFORMS.md §14.4)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from composer import cli
from composer.sandbox import Sandbox, wordpress_authorize
from tests.accounts.test_cli_accounts import run
from tests.memory_keyring import MemoryKeyring


def test_one_pasted_line_connects_a_site_that_refuses_the_loopback(
    sandbox: Sandbox,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    sandbox.wordpress.loopback_redirects = False
    path = tmp_path / "siar-profile.json"
    path.write_text(sandbox.profile_json())
    assert run(monkeypatch, "profile", "import", str(path))[0] == 0
    landed: list[str] = []
    monkeypatch.setattr(
        "composer.cli_accounts.webbrowser.open",
        lambda url: landed.append(wordpress_authorize.browser_click(url)),
    )
    base = sandbox.wordpress.base_url
    # the address of another sign-in: refused with the plain message, nothing saved
    code, _text = run(
        monkeypatch, "add", "wordpress", "--browser", "--paste-address", "--api-base", base,
        stdin=f"{base}/wp-admin/profile.php?siar_state=old&site_url={base}&user_login=humas&password=x\n",
    )  # fmt: skip
    assert code != 0 and "Copy the whole address" in capsys.readouterr().err
    assert run(monkeypatch, "list", "--json")[1].strip() == "[]"

    class Pasted:  # what the officer pastes: the address the browser landed on
        def readline(self) -> str:
            return landed[-1] + "\n"

    monkeypatch.setattr("sys.stdin", Pasted())
    out = io.StringIO()
    code = cli.main(
        ["--lang", "en", "accounts", "add", "wordpress", "--browser", "--paste-address", "--api-base", base],
        out=out,
    )
    assert code == 0, capsys.readouterr().err
    assert "profile page" in out.getvalue() and "Humas Kanim (Sandbox)" in out.getvalue()
    assert landed[-1].startswith(f"{base}/wp-admin/profile.php?")
