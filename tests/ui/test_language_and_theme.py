"""The window speaks Bahasa Indonesia when asked; the theme follows the choice."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from composer import i18n
from composer.session import Preferences, Session, Workspace
from composer.ui.main_window import MainWindow
from composer.ui.preferences import PreferencesDialog
from composer.ui.theme import apply_theme


def test_window_in_indonesian(qtbot: QtBot, workspace: Workspace) -> None:
    i18n.set_language("id")
    session = Session(workspace)
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.show()  # previews are drawn for cards on screen only
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Berkas", "&Sunting", "Ban&tuan"]
    window.editor.text_edit.setPlainText("x" * 300)
    qtbot.waitUntil(lambda: "300/280 karakter" in window.previews.card("x").counter_label.text())
    assert "platform akan menolaknya" in window.previews.card("x").findings_label.plain_text()
    window.close()
    session.close()


def test_preferences_dialog_returns_the_choice(qtbot: QtBot) -> None:
    dialog = PreferencesDialog(Preferences(language="auto", theme="system", last_draft="d1"))
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("id"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.office.setText("Kantor Imigrasi Kelas II")
    chosen = dialog.values(Preferences(last_draft="d1"))
    assert (chosen.language, chosen.theme, chosen.office_name, chosen.last_draft) == (
        "id",
        "dark",
        "Kantor Imigrasi Kelas II",
        "d1",
    )


def test_dark_and_light_themes(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "dark")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    apply_theme(app, "light")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
