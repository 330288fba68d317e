"""Screenshots of Siar's own profile import and sign-in buttons for docs/it and the guide
(issue 14): a 1366×768 offscreen screen, the real dialogs driven as an officer would,
against the sandbox. Dialogs are drawn over the main window with a plain title bar
(the offscreen platform has no window manager to draw one).

python tools/screenshot_sign_in.py [--lang id|en] [-o DIR]

Writes profil-impor.png, akun-tombol.png, masuk-tiktok.png, masuk-wordpress.png and
akun-peringatan.png into DIR (default: docs/panduan/img for id, docs/it/img/en for en).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZE = (1366, 768)


def _memory_keyring() -> None:
    """Never the real keyring: the tests' throwaway one for this run."""
    import keyring

    from tests.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())


def settle(until: Callable[[], bool] = lambda: False, seconds: float = 10.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if until():
            break
        time.sleep(0.02)
    for _ in range(20):
        QApplication.processEvents()


def compose(window: object, dialogs: list[object], out: pathlib.Path) -> None:
    """The main window with *dialogs* on top (centred, each over the last), as one image."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPainter
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    image = window.grab().toImage()
    painter = QPainter(image)
    bar = 30
    for dialog in dialogs:
        assert isinstance(dialog, QWidget)
        shot = dialog.grab()
        x = (SIZE[0] - shot.width()) // 2
        y = max(bar + 8, (SIZE[1] - shot.height() - bar) // 2 + bar)
        frame = QRect(x - 1, y - bar - 1, shot.width() + 2, shot.height() + bar + 2)
        for spread in range(8, 0, -1):  # a soft shadow
            painter.fillRect(frame.adjusted(-spread, -spread + 4, spread, spread + 4), QColor(0, 0, 0, 10))
        painter.fillRect(frame, QColor("#8c8c8c"))
        painter.fillRect(QRect(x, y - bar, shot.width(), bar), QColor("#e4e4e4"))
        font = QFont(dialog.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#202020"))
        painter.drawText(
            QRect(x + 12, y - bar, shot.width() - 24, bar),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            dialog.windowTitle(),
        )
        painter.drawPixmap(x, y, shot)
    painter.end()
    image.save(str(out))
    print(f"wrote {out}")


def browser_thread(click: Callable[[str], object]) -> Callable[[str], None]:
    return lambda url: threading.Thread(target=click, args=(url,), daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="id")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    out = pathlib.Path(args.output or ROOT / ("docs/panduan/img" if args.lang == "id" else "docs/it/img/en"))
    out.mkdir(parents=True, exist_ok=True)
    screen = pathlib.Path(tempfile.mkdtemp(prefix="siar-screen-")) / "screen.json"
    screen.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1]}]})
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    home = tempfile.mkdtemp(prefix="siar-shot-")
    os.environ["SIAR_HOME"] = home
    _memory_keyring()

    import requests
    from PySide6.QtWidgets import QApplication, QMessageBox

    from composer import i18n
    from composer.demo import seed
    from composer.sandbox import wordpress_authorize
    from composer.session import Session
    from composer.ui import sign_in_dialog
    from composer.ui.accounts_dialog import AccountsDialog
    from composer.ui.fonts import load_bundled_fonts
    from composer.ui.main_window import MainWindow
    from composer.ui.qt_translations import install_qt_catalogue
    from composer.ui.theme import apply_theme

    app = QApplication([])
    load_bundled_fonts()
    session = Session()
    seed(session.workspace)
    prefs = session.workspace.settings.load()
    prefs.language, prefs.first_run_done = args.lang, "1"
    i18n.set_language(args.lang)
    install_qt_catalogue()
    apply_theme(app, "light")
    session.start_sandbox()  # the fake platforms only; the officer connects below
    sandbox = session.sandbox
    assert sandbox is not None
    for account in session.accounts():  # start from an empty list, as a new office does
        session.remove_account(account)
    window = MainWindow(session, prefs)
    window.resize(*SIZE)
    window.move(0, 0)
    window.show()
    settle(lambda: not window.tasks.busy)

    # 1. File › Accounts › Import profile…: the file from IT, then Siar's answer.
    profile = json.loads(sandbox.profile_json())
    profile["name"] = "Ditjen Imigrasi — Humas"
    path = pathlib.Path(home) / "siar-profile.json"
    path.write_text(json.dumps(profile))
    accounts = AccountsDialog(session, window.tasks, window)
    accounts.show()
    said: list[tuple[str, str]] = []
    QMessageBox.information = lambda _p, title, text, *a, **k: said.append((title, text))  # type: ignore[assignment,method-assign]
    accounts.import_profile_from(path)  # what the button does with the file the officer picked
    message = QMessageBox(QMessageBox.Icon.Information, said[0][0], said[0][1], parent=accounts)
    message.show()
    settle()
    compose(window, [accounts, message], out / "profil-impor.png")
    message.close()

    # 2. The buttons, with accounts connected through them.
    sandbox.graph.device_interval = 0
    sandbox.wordpress.loopback_redirects = False  # an office site before WordPress 7.0

    def facebook(url: str) -> None:
        from urllib.parse import parse_qs, urlsplit

        code = parse_qs(urlsplit(url).query)["user_code"][0]
        requests.post(
            f"{sandbox.graph.base_url}/device", data={"user_code": code, "decision": "approve"}, timeout=5
        )

    landed: list[str] = []

    def wordpress(url: str) -> None:
        if "siar_state" not in url:
            requests.get(url, timeout=5)  # this site refuses the loopback return
        else:
            landed.append(wordpress_authorize.browser_click(url))

    def follow(url: str) -> None:
        requests.get(url, timeout=10)

    shots: dict[str, object] = {}
    for platform, click in (("facebook", facebook), ("x", follow), ("youtube", follow), ("tiktok", follow)):
        sign_in_dialog.open_browser = browser_thread(click)
        accounts.sign_in(platform)
        dialog = accounts.sign_in_dialog
        assert dialog is not None
        if platform == "facebook":
            settle(dialog.pages_box.isVisible)
            dialog.pages_button.click()
        settle(lambda d=dialog: "✓" in d.status.text(), 20)
        shots[platform] = dialog
        if platform != "tiktok":
            dialog.accept()
    compose(window, [accounts, shots["tiktok"]], out / "masuk-tiktok.png")
    shots["tiktok"].accept()  # type: ignore[attr-defined]

    sign_in_dialog.open_browser = browser_thread(wordpress)
    accounts.sign_in("wordpress")
    dialog = accounts.sign_in_dialog
    assert dialog is not None
    dialog.site.setText(sandbox.wordpress.base_url)
    dialog.site_button.click()
    settle(dialog.wp_manual_button.isVisible)
    dialog.wp_manual_button.click()
    settle(lambda: bool(landed))
    compose(window, [accounts, dialog], out / "masuk-wordpress.png")  # the one field, empty
    dialog.wp_address.setText(landed[0])
    dialog.wp_check.click()
    settle(lambda: "✓" in dialog.status.text(), 20)
    dialog.accept()
    settle()
    compose(window, [accounts], out / "akun-tombol.png")
    accounts.close()

    # 3. A week before a token's end: the status bar's warning, its date and "Reconnect".
    from composer.accounts.model import Health

    youtube = next(a for a in session.accounts() if a.platform == "youtube")
    session.registry.update(youtube.with_health(Health.from_expiry(time.time() + 5 * 86400)))
    window.account_health.show_health()
    settle()
    compose(window, [], out / "akun-peringatan.png")

    window.close()
    session.close()
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
