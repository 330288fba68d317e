"""A 1366×768 laptop screen in Bahasa Indonesia: everything that matters is in sight (issue 12.6, 12.8)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from composer import i18n
from composer.demo import connect_sandbox, seed
from composer.sandbox import Sandbox
from composer.session import Session, Workspace
from composer.ui.accounts_dialog import AccountsDialog
from composer.ui.draft_delegate import title_lines
from composer.ui.drafts_model import TITLE_ROLE
from composer.ui.main_window import MainWindow
from composer.ui.qt_translations import install_qt_catalogue
from tests.memory_keyring import MemoryKeyring
from tests.ui.test_menu_paths import menu_action, open_design


def on_screen(widget: QWidget, window: MainWindow) -> bool:
    """Shown, and wholly inside the window's visible area."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.fixture
def laptop(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    """The Indonesian window on the demo workspace, on a 1366×768 screen (the height a
    taskbar leaves)."""
    seed(workspace)
    i18n.set_language("id")
    install_qt_catalogue()
    session = Session(workspace)
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    session.close()
    i18n.set_language("en")
    install_qt_catalogue()


def test_pasang_ke_posting_stays_in_sight(qtbot: QtBot, laptop: MainWindow) -> None:
    editor = open_design(qtbot, laptop)
    buttons = [b for b in editor.findChildren(QAbstractButton) if b.text() == "Pasang ke posting"]
    assert [b for b in buttons if on_screen(b, laptop)], "the primary action is hidden"
    overflow = editor.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or not overflow.isVisible(), "the toolbar hides actions in ››"
    # A long step name never widens the toolbar: the label stays "Urungkan".
    editor.canvas.select([editor.document.design.layers[0].id])
    editor.canvas.nudge(5, 0)
    assert editor.undo_action.text() == "Urungkan" and "Pindahkan" in editor.undo_action.toolTip()


def test_the_window_fits_a_1366x768_screen(tmp_path: Path) -> None:
    """The real start-up path on a 1366×768 screen: the window is no bigger than the screen."""
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]})
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    done = subprocess.run(
        [sys.executable, "-m", "composer", "--self-test", str(tmp_path / "out")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with Image.open(tmp_path / "out" / "window.png") as shot:
        assert shot.width <= 1366 and shot.height <= 768, shot.size


def wholly_visible_cards(window: MainWindow) -> list[str]:
    panel = window.previews
    viewport = panel.viewport().rect()
    shown = []
    for platform_id, card in panel.cards.items():
        top_left = card.mapTo(panel.viewport(), QPoint(0, 0))
        showing = card.isVisible() and card.body.isVisible()  # a switched-off platform shows no preview
        if showing and viewport.contains(QRect(top_left, card.size())):
            shown.append(platform_id)
    return shown


def test_three_previews_in_sight_for_every_demo_draft(qtbot: QtBot, laptop: MainWindow) -> None:
    drafts = laptop.session.workspace.drafts.list()
    assert len(drafts) >= 4
    for draft in drafts:
        laptop.open_draft(draft.id)
        laptop.previews.verticalScrollBar().setValue(0)
        qtbot.waitUntil(lambda: laptop.previews.card("facebook").preview is not None)
        qtbot.wait(20)  # layouts settle
        shown = wholly_visible_cards(laptop)
        assert len(shown) >= 3, (draft.title, shown)
        for platform_id in shown:  # the header's counter fits beside the platform's name
            counter = laptop.previews.card(platform_id).counter_label
            assert counter.geometry().right() < counter.parentWidget().width() - 4, platform_id


def test_platform_tabs_never_scroll(qtbot: QtBot, laptop: MainWindow) -> None:
    editor = laptop.editor
    for platform in ("facebook", "x"):  # two platforms get their own text: two " ✎" marks
        editor.select_target(platform)
        qtbot.keyClicks(editor.text_edit, "khusus")
    bar = editor.targets
    assert bar.tabText(3).endswith("✎")
    scroll_arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
    assert scroll_arrows == []
    for index in range(bar.count()):
        assert bar.rect().contains(bar.tabRect(index)), bar.tabText(index)
        assert bar.tabRect(index).width() >= bar.tabSizeHint(index).width(), f"{bar.tabText(index)} is cut"


def test_draft_titles_are_not_cut(qtbot: QtBot, laptop: MainWindow) -> None:
    view, model = laptop.drafts_panel.list, laptop.drafts_panel.model
    assert not view.horizontalScrollBar().isVisible()
    font = view.font()
    width = view.viewport().width() - 12
    assert model.rowCount() >= 4
    for row in range(model.rowCount()):
        title = model.index(row).data(TITLE_ROLE)
        lines = title_lines(title, font, width)
        assert " ".join(lines) == title, lines  # whole, on at most two lines
        assert view.visualRect(model.index(row)).right() <= view.viewport().width()


def test_the_accounts_table_fits_its_dialog(
    qtbot: QtBot, laptop: MainWindow, sandbox: Sandbox, memory_keyring: MemoryKeyring
) -> None:
    connect_sandbox(laptop.session.registry, sandbox)
    measured: dict[str, object] = {}

    def measure() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AccountsDialog):
            QTimer.singleShot(20, measure)
            return
        tree = dialog.tree
        header = tree.header()
        measured["fits"] = header.length() <= tree.viewport().width()
        last = header.count() - 1
        text = str(tree.headerItem().text(last))
        measured["last"] = (text, header.sectionSize(last) >= header.fontMetrics().horizontalAdvance(text))
        measured["on_screen"] = laptop.screen().availableGeometry().width() >= dialog.width()
        dialog.accept()

    QTimer.singleShot(0, measure)
    menu_action(laptop, 0, "Akun").trigger()
    assert measured["fits"], "the table is wider than its dialog"
    assert measured["last"] == ("Yang perlu dilakukan", True)
