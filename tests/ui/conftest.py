"""A main window on a fresh workspace, for pytest-qt tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from composer.session import Session, Workspace
from composer.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    session = Session(workspace)
    win = MainWindow(session, session.preferences())
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.show()
    yield win
    win.close()  # before the workspace closes: closing saves the draft
    session.close()  # what the app does at exit; the lifecycle fixture checks nothing is left
