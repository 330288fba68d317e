"""The welcome dialog, the user guide viewer, and the packaged app's self-test."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from composer.paths import assets_dir
from composer.ui.first_run import NEXT_SANDBOX, FirstRunDialog
from composer.ui.guide import GuideDialog
from composer.ui.main_window import MainWindow


def test_first_run_fills_the_brand_kit_and_can_start_the_sandbox(qtbot: QtBot, window: MainWindow) -> None:
    window.show_first_run()
    dialog = window._open_dialog
    assert isinstance(dialog, FirstRunDialog) and not dialog.isModal()  # writing is never blocked
    dialog.office.setText("Kantor Imigrasi Kelas I Uji")
    assert dialog.set_logo(assets_dir() / "icons" / "siar-256.png")
    assert dialog.choice() == NEXT_SANDBOX
    dialog.language.setCurrentIndex(dialog.language.findData("en"))  # the language the test runs in
    dialog.finish()
    brand = window.session.workspace.settings.load_brand()
    assert brand.office_name == "Kantor Imigrasi Kelas I Uji" and brand.logo.startswith("media:")
    prefs = window.session.workspace.settings.load()
    assert prefs.first_run_done == "1" and prefs.office_name == "Kantor Imigrasi Kelas I Uji"
    assert window.session.sandbox is not None
    platforms = {a.platform for a in window.session.accounts() if a.sandbox}
    assert platforms == {"facebook", "instagram", "x", "youtube", "wordpress", "tiktok"}


def test_a_bad_logo_is_refused_plainly(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = FirstRunDialog(window.session, window)
    qtbot.addWidget(dialog)
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not a picture")
    assert not dialog.set_logo(bad)
    assert "logo.png" in dialog.logo_error.text() and not dialog.logo_error.isHidden()


def test_skipping_is_remembered(qtbot: QtBot, window: MainWindow) -> None:
    dialog = FirstRunDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.skip()
    assert window.session.workspace.settings.load().first_run_done == "1"


def test_the_guide_opens_with_its_contents_and_pictures(qtbot: QtBot) -> None:
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "Panduan Siar" in text and "Menghubungkan akun" in text
    assert "img/utama.png" in dialog.browser.toHtml()
    dialog.open_page("akun.md")
    assert "Application Password" in dialog.browser.toPlainText()


def test_self_test_renders_a_template_and_exits_cleanly(qtbot: QtBot, tmp_path: Path) -> None:
    from composer import app

    assert app.main(["--self-test", str(tmp_path)]) == 0
    with Image.open(tmp_path / "template.png") as image:
        assert image.size == (1080, 1350)
    assert (tmp_path / "window.png").stat().st_size > 10_000
