"""Grab the main window on the demo workspace to docs/screenshot.png (runs offscreen).

python tools/screenshot.py [--draft N] [--lang id|en] [--theme light|dark] [-o PATH]
"""

from __future__ import annotations

import argparse
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
    parser.add_argument("--draft", type=int, default=2, help="index of the demo draft to show")
    parser.add_argument("--lang", default="id")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--design", help="show the infographic tab with this template")
    parser.add_argument("--design-size", default="instagram-portrait")
    parser.add_argument("--select", default="Judul", help="name of the layer to select in the design")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="siar-shot-")
    os.environ["SIAR_HOME"] = home

    from PySide6.QtWidgets import QApplication

    from composer import i18n
    from composer.demo import seed
    from composer.store.workspace import Workspace
    from composer.ui.fonts import load_bundled_fonts
    from composer.ui.main_window import MainWindow
    from composer.ui.tasks import TaskRunner
    from composer.ui.theme import apply_theme

    app = QApplication([])
    load_bundled_fonts()
    workspace = Workspace()
    seed(workspace)
    prefs = workspace.settings.load()
    prefs.language, prefs.theme = args.lang, args.theme
    prefs.last_draft = workspace.drafts.list()[args.draft].id
    i18n.set_language(args.lang)
    apply_theme(app, args.theme)
    runner = TaskRunner(app)
    window = MainWindow(workspace, runner, prefs)
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
    window.grab().save(args.output)
    print(f"wrote {args.output}")
    window.close()
    workspace.close()
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
