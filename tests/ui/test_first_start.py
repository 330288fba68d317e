"""The first start is in Bahasa Indonesia whatever the system locale, and the welcome
dialog asks (also under `make run`'s demo) (issue 12.5)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from composer import app, i18n
from composer.ui.first_run import FirstRunDialog
from composer.ui.main_window import MainWindow


@pytest.fixture
def english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")


def start(args: list[str]) -> dict[str, object]:
    """Run the app's real start-up; look at what is on screen once it is idle; quit."""
    seen: dict[str, object] = {}

    def look() -> None:
        tops = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        windows = [w for w in tops if isinstance(w, MainWindow)]
        welcome = [w for w in tops if isinstance(w, FirstRunDialog)]
        seen["menus"] = [a.text() for a in windows[0].menuBar().actions()] if windows else []
        seen["welcome"] = welcome[0].language.currentText() if welcome else None
        for widget in tops:
            widget.close()
        QApplication.quit()

    QTimer.singleShot(200, look)
    assert app.main(args) == 0
    return seen


def test_make_run_demo_starts_in_indonesian_and_welcomes(qtbot: QtBot, english_system: None) -> None:
    seen = start(["--demo"])  # what `make run` runs
    assert seen["menus"] == ["&Berkas", "&Sunting", "Ban&tuan"]
    assert seen["welcome"] == "Bahasa Indonesia"


def test_english_only_when_chosen(qtbot: QtBot, english_system: None) -> None:
    from composer.store.workspace import Workspace

    workspace = Workspace()
    prefs = workspace.settings.load()
    prefs.language, prefs.first_run_done = "en", "1"
    workspace.settings.save(prefs)
    workspace.close()
    seen = start([])
    assert seen["menus"] == ["&File", "&Edit", "&Help"] and seen["welcome"] is None
    assert i18n.ui_language("auto") == "id" and i18n.ui_language("en") == "en"
