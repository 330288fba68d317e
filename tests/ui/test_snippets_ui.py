"""Snippets, hashtag sets and signatures in the editor, through the keys a person uses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from composer.plan.snippets import Library
from composer.session import Session, Workspace
from composer.ui.main_window import MainWindow
from composer.ui.snippet_dialogs import SnippetPalette, SnippetsDialog


def counter(window: MainWindow, platform: str) -> str:
    return window.previews.card(platform).counter_label.text()


@pytest.fixture
def library(workspace: Workspace) -> Library:
    library = Library(workspace.settings)
    library.add_snippet("Jam layanan", "Senin–Jumat 08.00–16.00")
    library.add_snippet("Pengaduan", "WhatsApp 0812-0000-0000")
    library.add_hashtag_set("Kampanye", "#ImigrasiMelayani #StopCalo")
    return library


@pytest.fixture
def signed(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    """A window opened after the office saved an Instagram signature."""
    Library(workspace.settings).set_signature("instagram", "— Kanim Contoh")
    session = Session(workspace)
    win = MainWindow(session, session.preferences())
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    session.close()


def _palette(window: MainWindow) -> SnippetPalette:
    palette = window.snippets.palette
    assert isinstance(palette, SnippetPalette) and palette.isVisible()
    return palette


def test_ctrl_space_inserts_the_chosen_snippet(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    editor = window.editor.text_edit
    editor.setFocus()
    qtbot.keyClicks(editor, "Jam buka: ")
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    palette = _palette(window)
    assert palette.list.count() == 3
    qtbot.keyClicks(palette.filter, "jam")
    assert palette.list.count() == 1
    qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Jam buka: Senin–Jumat 08.00–16.00"
    qtbot.waitUntil(lambda: window.post is not None and window.post.text == editor.toPlainText())


def test_slash_at_the_start_of_a_word_opens_the_palette(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    editor = window.editor.text_edit
    editor.setFocus()
    qtbot.keyClicks(editor, "Info ")
    qtbot.keyClick(editor, Qt.Key.Key_Slash)
    palette = _palette(window)
    # the arrows move through the list from the filter; sets come after the snippets
    qtbot.keyClick(palette.filter, Qt.Key.Key_Down)
    assert palette.list.currentItem().text().startswith("Pengaduan")
    qtbot.keyClick(palette.filter, Qt.Key.Key_Down)
    qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Info #ImigrasiMelayani #StopCalo"


def test_a_slash_inside_a_word_or_a_closed_palette_types_a_slash(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    editor = window.editor.text_edit
    editor.setFocus()
    qtbot.keyClicks(editor, "24/7")
    assert editor.toPlainText() == "24/7" and window.snippets.palette is None
    qtbot.keyClicks(editor, " ")
    qtbot.keyClick(editor, Qt.Key.Key_Slash)
    qtbot.keyClick(_palette(window).filter, Qt.Key.Key_Escape)
    assert editor.toPlainText() == "24/7 /"


def test_the_signature_is_counted_in_the_previews_and_can_be_switched_off(
    qtbot: QtBot, signed: MainWindow
) -> None:
    window = signed
    qtbot.keyClicks(window.editor.text_edit, "Halo")
    signature = len("\n\n— Kanim Contoh")
    qtbot.waitUntil(lambda: counter(window, "instagram").startswith(f"{4 + signature}/2.200"))
    assert counter(window, "facebook").startswith("4/")  # no Facebook signature saved
    box = window.snippets.signature_box
    assert box.isEnabled() and box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))  # on the box
    qtbot.waitUntil(lambda: counter(window, "instagram").startswith("4/2.200"))
    window.save_now()
    assert window.post is not None
    assert window.session.workspace.drafts.load(window.post.id).signature is False


def test_snippets_are_managed_from_the_edit_menu(qtbot: QtBot, window: MainWindow) -> None:
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Snippets and hashtag sets…"]
    action.trigger()
    dialog = window.findChild(SnippetsDialog)
    assert dialog is not None and dialog.isVisible()
    page = dialog.hashtag_page
    page.name.setText("Natal")
    page.text.setPlainText("#SelamatNatal, #ImigrasiMelayani")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert Library(window.session.workspace.settings).hashtag_sets() == {
        "Natal": ["#SelamatNatal", "#ImigrasiMelayani"]
    }
    dialog.signature_edits["x"].setPlainText("^Humas")
    dialog._save_signatures()
    assert Library(window.session.workspace.settings).signatures() == {"x": "^Humas"}


def test_the_palette_suggests_hashtags_the_office_used_before(qtbot: QtBot, window: MainWindow) -> None:
    from composer.store.outbox import HistoryEntry

    texts = [
        "Buka Sabtu #Paspor #ImigrasiMelayani",
        "Antre online #paspor",
        "Libur #ImigrasiMelayani #Paspor",
    ]
    for n, text in enumerate(texts):
        window.session.workspace.outbox.record(
            HistoryEntry(f"h{n}", "p", "a", "Kanim", "x", text, published_at=n + 1.0)
        )
    Library(window.session.workspace.settings).add_hashtag_set("Kampanye", "#ImigrasiMelayani")
    editor = window.editor.text_edit
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    palette = _palette(window)
    rows = [palette.list.item(i).text() for i in range(palette.list.count())]
    # the set first; then #Paspor (3 posts, as last written); #ImigrasiMelayani is in the set
    assert [r.split(" — ")[0] for r in rows] == ["Kampanye", "#Paspor"]
    assert rows[1].endswith("[Used before: 3×]")
    qtbot.keyClicks(palette.filter, "pas")
    qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    assert editor.toPlainText() == "#Paspor "


def test_the_palette_puts_the_best_performing_hashtag_first(qtbot: QtBot, window: MainWindow) -> None:
    from composer.store.metrics import Snapshot
    from composer.store.outbox import HistoryEntry

    # #Paspor is the most used, but the one #StopCalo post got far more interactions in 24 h
    posts = [("#Paspor", 12), ("#Paspor #StopCalo", 150), ("#Paspor", 9)]
    for n, (text, interactions) in enumerate(posts):
        at = 1_700_000_000.0 + n * 86400
        window.session.workspace.outbox.record(
            HistoryEntry(f"h{n}", "p", "a", "Kanim", "x", text, published_at=at)
        )
        window.session.workspace.metrics.add(
            Snapshot(f"h{n}", "24h", at + 86400, at + 86400, {"interactions": interactions})
        )
    editor = window.editor.text_edit
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    palette = _palette(window)
    rows = [palette.list.item(i).text() for i in range(palette.list.count())]
    assert [r.split(" — ")[0] for r in rows] == ["#StopCalo", "#Paspor"]
    assert rows[0].endswith("[Used before: 1×, 150 interactions per post in 24 h]")
    qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    assert editor.toPlainText() == "#StopCalo "
