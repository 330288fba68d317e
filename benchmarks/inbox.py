"""The inbox with 20,000 comments: open ≤ 300 ms, filter ≤ 50 ms (issue 15).

    python benchmarks/inbox.py [--comments 20000] [--runs 7]

Fills a workspace with 150 posts' history and N comments (Indonesian questions,
complaints and thanks over three months; a third answered), then measures, in the same
run as a workspace of 50 comments:

- open: File › Inbox… until the dialog is shown and painted with its first page;
- filter: "pertanyaan belum dijawab" toggled on and off, until the table is repainted.

Each is a median of *runs*; the ratio is against the small workspace.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from report import Row, emit, median_ms

sys.path[0] = str(Path(__file__).resolve().parents[1])  # the checkout, once report is imported
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PLATFORMS = ("facebook", "instagram", "youtube", "wordpress")


def fill(home: Path, comments: int, seed: int = 15) -> None:
    from composer.sandbox.comments import CITIZENS, REMARKS
    from composer.store.comments import ANSWERED, NEW, Comment, classify
    from composer.store.outbox import HistoryEntry
    from composer.store.workspace import Workspace

    os.environ["SIAR_HOME"] = str(home)
    rng = random.Random(seed)
    workspace = Workspace()
    now = time.time()
    entries = []
    for n in range(150):
        entry = HistoryEntry(
            id=uuid.uuid4().hex,
            post_id=uuid.uuid4().hex,
            account_id="acc",
            account_name="Kanim Contoh",
            platform=PLATFORMS[n % 4],
            text=f"Pengumuman layanan paspor nomor {n}",
            title=f"Layanan paspor #{n}",
            platform_id=str(10_000 + n),
            published_at=now - rng.uniform(0, 90 * 86400),
        )
        workspace.outbox.record(entry)
        entries.append(entry)
    with workspace.lock:
        workspace.db.execute("BEGIN")
    store = workspace.comments
    for n in range(comments):
        entry = rng.choice(entries)
        created = entry.published_at + rng.uniform(60, 5 * 86400)
        text = rng.choice(REMARKS)[1]
        answered = rng.random() < 0.33
        row = Comment(
            id=uuid.uuid4().hex,
            history_id=entry.id,
            account_id="acc",
            platform=entry.platform,
            remote_id=str(n),
            text=text,
            created_at=created,
            author=rng.choice(CITIZENS)[0],
            kind=classify(text),
            status=ANSWERED if answered else NEW,
            answered_at=created + rng.uniform(600, 2 * 86400) if answered else None,
        )
        store.add(row)
    with workspace.lock:
        workspace.db.execute("COMMIT")
    workspace.close()


def measure(home: Path, runs: int) -> tuple[list[float], list[float]]:
    from PySide6.QtWidgets import QApplication

    from composer.session import Session
    from composer.ui.main_window import MainWindow

    os.environ["SIAR_HOME"] = str(home)
    app = QApplication.instance() or QApplication([])
    session = Session()
    window = MainWindow(session, session.preferences())
    window.resize(1366, 768)
    window.show()
    window.inbox.timer.stop()
    app.processEvents()
    opened, filtered = [], []
    for _ in range(runs):
        start = time.perf_counter()
        window.inbox.show()
        dialog = window.inbox.dialog
        assert dialog is not None
        dialog.repaint()
        app.processEvents()
        opened.append(time.perf_counter() - start)
        for _toggle in range(2):
            start = time.perf_counter()
            dialog.filter.toggle()
            dialog.table.viewport().repaint()
            filtered.append(time.perf_counter() - start)
        dialog.close()
        window.inbox.dialog = None
        dialog.deleteLater()
        app.processEvents()
    window.close()
    session.close()
    return opened, filtered


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as big_dir, tempfile.TemporaryDirectory() as small_dir:
        fill(Path(big_dir), args.comments)
        fill(Path(small_dir), 50)
        big_open, big_filter = measure(Path(big_dir), args.runs)
        small_open, small_filter = measure(Path(small_dir), args.runs)
    rows = []
    for what, big, small, target in (
        ("open the inbox", big_open, small_open, 300.0),
        ("filter: unanswered questions", big_filter, small_filter, 50.0),
    ):
        ms, base = median_ms(big), median_ms(small)
        rows.append(
            Row(
                f"{what}, {args.comments:,} comments",
                f"median {ms:.1f} ms",
                ratio=ms / base if base else None,
                versus="50 comments",
                target=f"≤ {target:.0f} ms",
                met=ms <= target,
            )
        )
    emit(rows)


if __name__ == "__main__":
    main()
