"""A main window on a fresh workspace, for pytest-qt tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from composer.store.workspace import Workspace
from composer.ui.main_window import MainWindow
from composer.ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    runner = TaskRunner()
    win = MainWindow(workspace, runner, workspace.settings.load())
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.show()
    yield win
    win.close()  # before the workspace closes: closing saves the draft
    win.net.wait()
    runner.wait()
    qtbot.wait(10)
    assert not runner.busy, "a background task was still running when the test ended"
