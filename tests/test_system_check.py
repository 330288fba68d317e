"""`make run` names the missing Linux system libraries and the command that installs them."""

from __future__ import annotations

import pathlib
import sys
import tomllib

import pytest

from composer import system_check

ROOT = pathlib.Path(__file__).resolve().parents[1]
LDD_MISSING = """\
\tlibQt6XcbQpa.so.6 => /x/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def test_missing_libraries_become_install_commands() -> None:
    missing = system_check.missing_libraries(LDD_MISSING)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    debian, fedora = system_check.install_commands(missing)
    assert debian.endswith("sudo apt install libxcb-icccm4 libxcb-keysyms1")
    assert fedora.endswith("sudo dnf install xcb-util-wm xcb-util-keysyms")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check runs on Linux only")
def test_the_check_prints_the_command_instead_of_starting_qt(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_ldd = tmp_path / "ldd"
    fake_ldd.write_text("#!/bin/sh\nprintf '%s' '" + LDD_MISSING + "'\n")
    fake_ldd.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert system_check.main() == 1
    err = capsys.readouterr().err
    assert "libxcb-icccm.so.4" in err and "sudo apt install libxcb-icccm4 libxcb-keysyms1" in err
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # tests and screenshots need no display
    assert system_check.main() == 0


def test_make_run_checks_before_starting_siar() -> None:
    recipe = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index("composer.system_check") < recipe.index("/siar --demo")


def test_readme_lists_every_package_and_the_license_is_spdx() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for package in [*system_check.DEBIAN_ALL, *system_check.FEDORA_ALL]:
        assert package in readme, package
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "GPL-3.0-or-later"  # a string: no setuptools deprecation warning
