"""Grab the main window on the demo workspace to docs/screenshot.png (runs offscreen).

python tools/screenshot.py [--draft N] [--lang id|en] [--theme light|dark] [-o PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draft", default="M-Paspor", help="a word of the demo draft's title, or its index")
    parser.add_argument("--lang", default="id")
    parser.add_argument("--theme", default="light")
    # The officer's laptop: 1366×768 is what every screenshot in docs/ shows.
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--design", help="show the infographic tab with this template")
    parser.add_argument("--design-size", default="instagram-portrait")
    parser.add_argument("--select", default="Judul", help="name of the layer to select in the design")
    parser.add_argument("--send", action="store_true", help="with --dialog post: press Send and wait")
    parser.add_argument("--prepost", action="store_true", help="publish the open draft to the sandbox first")
    parser.add_argument(
        "--dialog",
        choices=["accounts", "connect", "outbox", "history", "post", "inbox"],
        help="grab this dialog instead",
    )
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="siar-shot-")
    if "QT_QPA_PLATFORM" not in os.environ:
        # Offscreen, on a screen of the laptop's size: dialogs fit themselves to the
        # screen's work area, and the offscreen plugin's default screen is only 800×600.
        width, height = (int(v) for v in args.size.split("x"))
        screen = pathlib.Path(home) / "screen.json"
        laptop = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
        screen.write_text(
            json.dumps({"screens": [{**laptop, "logicalDpi": 96, "physicalDpi": 96, "dpr": 1}]})
        )
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    os.environ["SIAR_HOME"] = home

    from PySide6.QtWidgets import QApplication

    from composer import i18n
    from composer.demo import seed
    from composer.session import Session
    from composer.ui.fonts import load_bundled_fonts
    from composer.ui.main_window import MainWindow
    from composer.ui.theme import apply_theme

    app = QApplication([])
    load_bundled_fonts()
    session = Session()
    workspace = session.workspace
    seed(workspace)
    prefs = workspace.settings.load()
    prefs.language, prefs.theme = args.lang, args.theme
    drafts = workspace.drafts.list()
    chosen_draft = [d for d in drafts if args.draft in d.title] or [
        drafts[int(args.draft) if args.draft.isdigit() else 0]
    ]
    prefs.last_draft = chosen_draft[0].id
    i18n.set_language(args.lang)
    from composer.ui.qt_translations import install_qt_catalogue

    install_qt_catalogue()
    apply_theme(app, args.theme)
    session.start_sandbox()
    window = MainWindow(session, prefs)
    runner = window.tasks
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    if args.design:
        from composer.design.sizes import BY_NAME

        window.modes.setCurrentIndex(1)
        window.design_editor.start_from(args.design)
        window.design_editor.size_combo.setCurrentIndex(list(BY_NAME).index(args.design_size))
        chosen = [lay.id for lay in window.design_editor.document.design.layers if lay.name == args.select]
        window.design_editor.canvas.select(chosen[:1])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        app.processEvents()
        if not runner.busy:
            break
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
    target = window
    if args.prepost:
        assert window.post is not None
        session.post(session.plan_post(window.post))
        session.outbox.run_due()
    if args.dialog:
        target = open_dialog(args.dialog, window, app)
        if args.send:
            target.send(confirm=False)  # type: ignore[attr-defined]
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.02)
                jobs = target.jobs.values()  # type: ignore[attr-defined]
                if (
                    jobs
                    and all(j.state in ("done", "failed", "needs_check") for j in jobs)
                    and not window.tasks.busy
                ):
                    break
            for _ in range(20):
                app.processEvents()
    target.grab().save(args.output)
    print(f"wrote {args.output}")
    window.close()
    session.close()
    shutil.rmtree(home, ignore_errors=True)


def open_dialog(name: str, window: object, app: object) -> object:
    """Build one of the app's dialogs (not modal) and let it settle."""
    from PySide6.QtWidgets import QApplication

    from composer.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    dialog: object
    if name in ("accounts", "connect"):
        from composer.ui.accounts_dialog import AccountsDialog
        from composer.ui.connect_dialog import ConnectDialog

        dialog = AccountsDialog(window.session, window.tasks, window)
        if name == "connect":
            dialog = ConnectDialog(window.session, window.tasks, window, platform="facebook")
    elif name == "inbox":
        dialog = _inbox(window)
    else:
        dialog = window.open_panel(name)  # outbox, history, post: provided by the window
    dialog.show()  # type: ignore[attr-defined]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if not window.tasks.busy:
            break
        time.sleep(0.02)
    for _ in range(10):
        QApplication.processEvents()
    return dialog


def _inbox(window: object) -> object:
    """Kotak masuk after three days of citizens on the posts --prepost published."""
    from composer.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    sandbox = window.session.sandbox
    assert sandbox is not None, "--dialog inbox needs --prepost"
    # The sandbox's posts went out three days ago: their citizens have all come by now.
    ago = 3 * 86400
    for page in sandbox.graph.pages.values():
        for post in page.posts:
            post["created_time"] = time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(time.time() - ago))
    for ig in sandbox.graph.igs.values():
        for media in ig.media:
            media["_published"] = float(media["_published"]) - ago
    for video in sandbox.google.videos:
        video["publishedAt"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - ago))
    for post in sandbox.wordpress.posts:
        post["date_gmt"] = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() - ago))
    service = window.inbox.service
    service.run_due()
    rows = window.session.workspace.comments.page(0, 50)
    for comment in rows[2:4]:
        service.reply(comment.id, "Terima kasih, layanan buka Senin–Jumat pukul 08.00–16.00.")
    thanks = [c for c in rows if c.platform == "facebook" and c.kind == "other"][:1]
    for comment in thanks:  # a thank-you the office likes (Facebook's API allows it)
        service.like(comment.id)
    window.session.outbox.run_due()
    window.inbox.show()
    window.inbox.show_badge()
    return window.inbox.dialog


if __name__ == "__main__":
    main()
