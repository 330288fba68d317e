"""The installers register ``siar://`` (issue 14): what ``make package-check`` runs,
here too so every test run keeps it true."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import check_packaging


@pytest.mark.skipif(sys.platform == "win32", reason="runs the Linux install step with sh")
def test_the_linux_install_step_and_the_windows_installer_register_siar_links(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert check_packaging.main() == 0, capsys.readouterr().out


def test_the_windows_registry_check_notices_a_missing_command(tmp_path: Path) -> None:
    iss = tmp_path / "siar.iss"
    text = (check_packaging.ROOT / "packaging" / "windows" / "siar.iss").read_text(encoding="utf-8")
    iss.write_text("\n".join(line for line in text.splitlines() if "shell\\open\\command" not in line))
    assert len(check_packaging.registry_problems(iss)) == 1
