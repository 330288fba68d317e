"""Screenshots for the guide's planning page, offscreen at 1366×768 (the office laptop).

    python tools/screenshot_plan.py [--lang id] [--view import|calendar|week] [-o PATH]

The import dialog is shown over the main window with the shipped example plan, two of its
rows broken on purpose (a date that does not exist, a platform Siar does not know), so
the picture shows the per-row report the officer sees. The calendar shows the same example
imported, a few posts held by the outbox, one scheduled on YouTube, two published, and a
weekly target for Instagram.
"""

from __future__ import annotations

import argparse
import csv
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def broken_example(folder: pathlib.Path) -> pathlib.Path:
    source = ROOT / "composer" / "assets" / "plan" / "contoh-rencana-desember-2026.csv"
    with open(source, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[3][1] = "31/11/2026"  # November has 30 days
    rows[5][3] = "instagram, threads"  # Siar does not post to Threads
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
    parser.add_argument("--view", choices=["import", "calendar", "week"], default="import")
    parser.add_argument("-o", "--output", default="")
    args = parser.parse_args()
    from tools.shot_start import start

    # Without Qt's own catalogue, as this tool drew its pictures before shot_start.
    started = start(args.lang, qt_catalogue=False)
    app, session, prefs, home = started.app, started.session, started.prefs, started.home
    workspace = session.workspace

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter

    from composer.ui.main_window import MainWindow
    from composer.ui.plan_import import PlanImportDialog

    window = MainWindow(session, prefs)
    runner = window.tasks
    window.resize(1366, 768)
    window.show()
    if args.view != "import":
        calendar_shot(app, window, workspace, args)
        window.close()
        session.close()
        return
    args.output = args.output or str(ROOT / "docs" / "panduan" / "img" / "impor-rencana.png")
    folder = home / "rencana"
    folder.mkdir()
    dialog = PlanImportDialog(broken_example(folder), session, runner, window)
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
    session.close()


def calendar_shot(app: object, window: object, workspace: object, args: argparse.Namespace) -> None:
    from datetime import date, datetime

    from composer.plan import calendar
    from composer.plan.importer import apply, read_plan
    from composer.store.outbox import HistoryEntry

    example = ROOT / "composer" / "assets" / "plan" / "contoh-rencana-desember-2026.xlsx"
    apply(read_plan(example, workspace), workspace)  # type: ignore[arg-type]
    keys = workspace.drafts.plan_keys()  # type: ignore[attr-defined]
    outbox = workspace.outbox  # type: ignore[attr-defined]
    held = datetime(2026, 12, 3, 10, 0).timestamp()
    outbox.add(keys["des-02"][0], "acc-ig", "instagram", {"text": "x"}, scheduled_at=held)
    outbox.add(keys["des-02"][0], "acc-fb", "facebook", {"text": "x"}, scheduled_at=held)
    video = datetime(2026, 12, 11, 19, 0).timestamp()
    outbox.add(keys["des-04"][0], "acc-yt", "youtube", {"publish_at": video, "title": "Waspada calo"})
    for day, platform in ((1, "facebook"), (1, "instagram")):
        outbox.record(
            HistoryEntry(
                f"h{day}{platform}",
                keys["des-01"][0],
                f"acc-{platform}",
                "Kanim",
                platform,
                "Statistik layanan November 2026",
                title="Statistik layanan November 2026",
                published_at=datetime(2026, 12, day, 9, 2).timestamp(),
            )
        )
    calendar.set_target(workspace, "instagram", 3)  # type: ignore[arg-type]
    calendar.set_target(workspace, "x", 2)  # type: ignore[arg-type]
    window.drafts_panel.reload()  # type: ignore[attr-defined]  # the imported month, listed
    window.calendar.show()  # type: ignore[attr-defined]
    panel = window.calendar.build()  # type: ignore[attr-defined]
    panel.show_month(2026, 12)
    if args.view == "week":
        panel.anchor = date(2026, 12, 14)
        panel.week_button.setChecked(True)
    panel.grid.select(date(2026, 12, 15), 1)
    app.processEvents()  # type: ignore[attr-defined]
    shot = window.grab()  # type: ignore[attr-defined]
    name = "kalender-minggu.png" if args.view == "week" else "kalender.png"
    output = args.output or str(ROOT / "docs" / "panduan" / "img" / name)
    shot.save(output)
    print(f"wrote {output} ({shot.width()}×{shot.height()})")


if __name__ == "__main__":
    main()
