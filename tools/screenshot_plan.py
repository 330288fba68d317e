"""Screenshots for the guide's planning page, offscreen at 1366×768 (the office laptop).

    python tools/screenshot_plan.py [--lang id] [-o docs/panduan/img/impor-rencana.png]

The import dialog is shown over the main window with the shipped example plan, two of its
rows broken on purpose (a date that does not exist, a platform Siar does not know), so
the picture shows the per-row report the officer sees.
"""

from __future__ import annotations

import argparse
import csv
import os
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def broken_example(folder: pathlib.Path) -> pathlib.Path:
    source = ROOT / "composer" / "assets" / "plan" / "contoh-rencana-desember-2026.csv"
    with open(source, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[3][1] = "31/11/2026"  # November has 30 days
    rows[5][3] = "instagram, tiktok"
    path = folder / "rencana-desember.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    # the example's images are relative to its folder
    (folder.parent / "demo").mkdir(exist_ok=True)
    for image in (ROOT / "composer" / "assets" / "demo").glob("*.jpg"):
        (folder.parent / "demo" / image.name).write_bytes(image.read_bytes())
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="id")
    parser.add_argument(
        "-o", "--output", default=str(ROOT / "docs" / "panduan" / "img" / "impor-rencana.png")
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = pathlib.Path(tempfile.mkdtemp(prefix="siar-shot-"))
    os.environ["SIAR_HOME"] = str(home)

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    from composer import i18n
    from composer.store.workspace import Workspace
    from composer.ui.fonts import load_bundled_fonts
    from composer.ui.main_window import MainWindow
    from composer.ui.plan_import import PlanImportDialog
    from composer.ui.tasks import TaskRunner
    from composer.ui.theme import apply_theme

    app = QApplication([])
    load_bundled_fonts()
    i18n.set_language(args.lang)
    apply_theme(app, "light")
    workspace = Workspace()
    prefs = workspace.settings.load()
    prefs.language, prefs.first_run_done = args.lang, "1"
    workspace.settings.save(prefs)
    runner = TaskRunner()
    window = MainWindow(workspace, runner, prefs)
    window.resize(1366, 768)
    window.show()
    folder = home / "rencana"
    folder.mkdir()
    dialog = PlanImportDialog(broken_example(folder), workspace, runner, window)
    dialog.show()
    while dialog.report is None:
        app.processEvents()
        runner.wait(50)
    app.processEvents()
    dialog.resize(1100, 560)
    app.processEvents()
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(QPoint((1366 - dialog.width()) // 2, (768 - dialog.height()) // 2), dialog.grab())
    painter.end()
    shot.save(args.output)
    print(f"wrote {args.output} ({shot.width()}×{shot.height()})")
    dialog.close()
    window.close()
    runner.wait()
    workspace.close()


if __name__ == "__main__":
    main()
