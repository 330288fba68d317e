"""The first start is in Bahasa Indonesia whatever the system locale, and the welcome
dialog asks (also under `make run`'s demo) (issue 12.5).

The app's real start-up runs in a child process: it runs (and quits) its own event loop,
which must not touch the test session's application."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from composer import i18n

DRIVER = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from composer import app
from composer.ui.first_run import FirstRunDialog
from composer.ui.main_window import MainWindow

seen = {}

def look():
    tops = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    windows = [w for w in tops if isinstance(w, MainWindow)]
    welcome = [w for w in tops if isinstance(w, FirstRunDialog)]
    seen["menus"] = [a.text() for a in windows[0].menuBar().actions()] if windows else []
    seen["welcome"] = welcome[0].language.currentText() if welcome else None
    for widget in tops:
        widget.close()
    QApplication.quit()

QApplication([])
QTimer.singleShot(300, look)
code = app.main(sys.argv[1:])
print(json.dumps({"code": code, **seen}))
"""


def start(home: Path, args: list[str]) -> dict[str, object]:
    """Start Siar as `siar ARGS` would on an English (LANG=C) system; what is on screen."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update({"LANG": "C", "SIAR_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"})
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_make_run_demo_starts_in_indonesian_and_welcomes(tmp_path: Path) -> None:
    seen = start(tmp_path / "demo", ["--demo"])  # what `make run` runs
    assert seen["menus"] == ["&Berkas", "&Sunting", "Ban&tuan"]
    assert seen["welcome"] == "Bahasa Indonesia"


def test_english_only_when_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from composer.store.workspace import Workspace

    monkeypatch.setenv("SIAR_HOME", str(tmp_path / "english"))
    workspace = Workspace()
    prefs = workspace.settings.load()
    prefs.language, prefs.first_run_done = "en", "1"
    workspace.settings.save(prefs)
    workspace.close()
    seen = start(tmp_path / "english", [])
    assert seen["menus"] == ["&File", "&Edit", "&Help"] and seen["welcome"] is None
    assert i18n.ui_language("auto") == "id" and i18n.ui_language("en") == "en"
