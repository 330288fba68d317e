"""Composition root of the desktop app: paths, language, theme, workspace, main window."""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from composer import APP_ID, paths
from composer.startup_phases import mark

LINKS_AFTER_MS = 300


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    if not argv:
        # The usual start (the launcher, the menu): nothing to parse. Building the parser
        # looks up its help texts' translations on disk, ~4 ms (issue 17, start-up).
        return argparse.Namespace(demo=False, home=None, self_test=None, link=None)
    return _parser().parse_args(list(argv))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="siar")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo workspace")
    parser.add_argument("--home", help="keep the workspace in this folder (same as SIAR_HOME)")
    parser.add_argument(
        "--self-test",
        metavar="DIR",
        help="open the window on a throwaway demo workspace, render a template, save both to DIR, exit",
    )
    # A siar:// link the browser hands over (installer's handler): to the running Siar if any.
    parser.add_argument("link", nargs="?", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] = ()) -> int:
    # Start-up makes long-lived objects (modules, classes, Qt's enums, the window), so the
    # cyclic collector would walk the growing heap some 80 times for next to nothing (about
    # 500 objects of garbage, ~10 ms): it is switched on once the window is painted, with
    # what start-up made frozen (settle() below).
    gc.disable()
    try:
        with contextlib.ExitStack() as start_up:
            return _run(argv, start_up)
    finally:
        gc.unfreeze()  # a caller that goes on (a test) gets its objects collectable again
        gc.enable()


def _run(argv: Sequence[str], start_up: contextlib.ExitStack) -> int:
    mark("Python, composer.app")
    args = _parse(argv)
    if args.self_test:
        import tempfile

        os.environ["SIAR_HOME"] = tempfile.mkdtemp(prefix="siar-selftest-")
        args.demo = True
    if args.home:
        os.environ["SIAR_HOME"] = str(Path(args.home).expanduser().resolve())
    from composer import logs

    logs.setup(logging.INFO)

    from composer import code_cache

    try:
        cache: Path | None = paths.cache_dir()
    except OSError:
        cache = None  # a read-only or full disk: what is compiled once is compiled every time
    # Until the first paint (or the end of main()): PySide6's, the standard library's and
    # Siar's regular expressions come compiled from the last start.
    regex_cache_done = start_up.enter_context(
        code_cache.regex_patterns(cache and cache / "regex-patterns.marshal")
    )
    with code_cache.pyside_support(cache and cache / "pyside-support.marshal"):
        from PySide6.QtWidgets import QApplication

    from composer.ui.feature_scan import skip_source_scan

    skip_source_scan()  # before the ~150 modules below: PySide6 would read each one's source
    from composer.ui.theme import apply_theme, new_application

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else new_application(sys.argv[0])
    app.setApplicationName("Siar")
    app.setOrganizationName("Siar")
    app.setDesktopFileName(APP_ID)
    mark("logging, PySide6, QApplication")
    if args.link:
        # Before the window's modules: the browser's hand-over is done in a fraction of a start.
        from composer.ui.app_link_client import forward

        if forward(args.link):
            regex_cache_done(keep=False)  # this start's few patterns are not a start's
            return 0  # the running Siar finishes the sign-in; no second window
    from PySide6.QtCore import QSize, QTimer
    from PySide6.QtGui import QIcon

    with code_cache.dataclass_methods(cache and cache / "dataclass-methods.marshal"):
        from composer import i18n
        from composer.session import Preferences, Session
        from composer.ui.fonts import load_bundled_fonts
        from composer.ui.main_window import MainWindow
        from composer.ui.qt_translations import install_qt_catalogue
        from composer.ui.workspace_problem import open_workspace

    mark("window modules imported")
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        # With its size given, a file is read when that size is drawn, not now.
        icon.addFile(str(paths.assets_dir() / "icons" / f"siar-{size}.png"), QSize(size, size))
    app.setWindowIcon(icon)
    load_bundled_fonts()
    workspace = open_workspace()  # a damaged, read-only or full one: a dialog says what to do
    if workspace is None:
        return 1
    session = Session(workspace)
    mark("icon, fonts, workspace opened")
    if args.demo:
        from composer.demo import seed, seed_history, seed_inbox

        seed(workspace)
        session.start_sandbox(through_buttons=True)  # the demo's browser makes the clicks
        assert session.sandbox is not None
        seed_history(workspace, session.registry, session.sandbox, time.time())  # the report's month
        seed_inbox(workspace, session.registry, session.sandbox, time.time())  # its comments
    # Before any outbox run: posts held for a time that passed while Siar was closed wait
    # for the officer's word (send late, new time, cancel), issue 13 item 4.
    missed = session.hold_missed()
    prefs = session.preferences()
    mark("missed posts, preferences")
    state: dict[str, MainWindow] = {}

    def build(current: Preferences | None = None) -> None:
        """Show a main window in the current language; rebuilt when preferences change."""
        nonlocal prefs
        if current is not None:
            prefs = current
        i18n.set_language(i18n.ui_language(prefs.language))
        install_qt_catalogue()  # Qt's own buttons and file dialog in that language too
        apply_theme(app, prefs.theme)
        old = state.get("window")
        geometry = None
        if old is not None:
            old.save_now()  # the new window reads the draft back from the workspace
            geometry = old.saveGeometry()
        window = MainWindow(session, prefs)
        mark("main window built")
        window.sig_preferences_changed.connect(build)
        if geometry is not None:
            window.restoreGeometry(geometry)
        window.show()
        mark("window shown")
        state["window"] = window
        if old is not None:
            old.close()
            old.deleteLater()
            gc.unfreeze()  # the old window's cycles, frozen with start-up, can be collected

    build()
    links: list[object] = []

    def listen_for_links() -> None:
        from composer.ui.app_link_server import listen

        links.append(server := listen(lambda: state.get("window"), app))
        if args.link:
            server.handle(args.link)  # Siar was not running: no sign-in waits for it, it says so

    # Start-up does not wait for QtNetwork (nor requests, behind the link checks): listening
    # starts shortly after the first paint, or after 10 s for a window never painted. A
    # timer object, not singleShot(), so that it is stopped on every way out and nothing
    # keeps the window alive after main() returns.
    from composer.ui.startup_probe import FirstPaint

    links_timer = QTimer(singleShot=True, interval=10_000)
    links_timer.timeout.connect(listen_for_links)
    links_timer.start()
    links_after_paint = FirstPaint(state["window"], lambda: links_timer.start(LINKS_AFTER_MS))

    def stop_links() -> None:
        links_timer.stop()
        links_timer.timeout.disconnect(listen_for_links)
        for server in links:
            server.close()  # type: ignore[attr-defined]
            server.setParent(None)  # type: ignore[attr-defined]  # freed with its connections
        links.clear()

    def settle() -> None:
        if not gc.isenabled():
            # Start-up's objects kept out of every later collection (gc.freeze): switched on
            # with them, the collector's first passes walked them all, 7-9 ms and 6-7 ms
            # pauses among the first keys typed; with them frozen, 2 ms at most.
            gc.freeze()
            gc.enable()
        regex_cache_done()  # re.compile() is Python's again; the patterns used are kept for next time

    collector = FirstPaint(state["window"], settle)
    QTimer.singleShot(10_000, settle)  # also for a window started minimised, never painted
    if args.self_test:
        stop_links()
        return _self_test(app, state["window"], Path(args.self_test), session)
    if os.environ.get("SIAR_STARTUP_PROBE"):
        # benchmarks/startup.py and scale.py: report once the window has been painted.
        from composer.ui.startup_probe import report_first_paint

        report_first_paint(app, state["window"])
    elif prefs.first_run_done != "1":
        # The demo too: `make run` is how a new user first meets Siar, and the welcome is
        # where the language is chosen. Once answered or skipped it stays away (README).
        state["window"].show_first_run()
    if missed and not os.environ.get("SIAR_STARTUP_PROBE"):
        state["window"].posting.show_missed(missed)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app, prefs.theme))
    code = app.exec()
    stop_links()
    del collector, links_after_paint
    # Timers stopped, running uploads given a bounded wait, callbacks dropped, and only
    # then the database closed: no worker writes to a closed workspace on quit.
    session.close()
    return int(code)


def _self_test(app: object, window: object, out: Path, session: object) -> int:
    """Prove a build works end to end: window up, a template rendered with the bundled
    fonts, both written as PNG; exit 0 only if the render has real content."""
    import time

    from PySide6.QtWidgets import QApplication

    from composer.design.assets import ImageLoader
    from composer.design.render import Renderer
    from composer.design.templates import build as build_template

    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
        if not window.tasks.busy:  # type: ignore[attr-defined]
            break
    window.grab().save(str(out / "window.png"))  # type: ignore[attr-defined]
    renderer = Renderer(session.brand(), ImageLoader(session.media.path_for_id))  # type: ignore[attr-defined]
    image = renderer.render(build_template("langkah-paspor"), 1080, 1350).image
    image.save(out / "template.png")
    colours = image.convert("RGB").getcolors(1_000_000) or []
    window.close()  # type: ignore[attr-defined]
    session.close()  # type: ignore[attr-defined]
    from composer import platforms
    from composer.core.platforms import PLATFORMS

    # text, shapes and the logo (not a blank canvas), and every registered platform's rules
    # found by discovery (a frozen build that lost a module would miss one)
    ok = len(colours) > 50 and [p.id for p in PLATFORMS] == platforms.ids()
    print(f"self-test {'ok' if ok else 'FAILED'}: {out / 'template.png'} ({len(colours)} colours)")  # noqa: T201
    return 0 if ok else 1
