"""10,000 drafts and 20,000 history entries against 3 drafts, measured in the same run.

    python benchmarks/scale.py [--drafts 10000] [--history 20000] [--runs 7]

Builds two workspaces with the same generator (Indonesian posts of 200-2,000 characters
spread over three years; history entries with accounts, platforms and addresses), then:

- start-up: cold start of ``python -m composer`` to the first painted window (the probe
  of benchmarks/startup.py), both workspaces interleaved;
- open a draft: a click on a row of the drafts list, until the window has repainted;
- drafts search: one keystroke in the search box, until the list is updated and painted
  (typing a word letter by letter, then deleting it);
- history search with no match: ``OutboxStore.history`` as the History tab calls it.

Each is printed as a median with its ratio to the small workspace. Targets (issue 17):
start ≤ 1.2×, open ≤ 50 ms, keystroke ≤ 16 ms, history no match ≤ 20 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from report import Row, emit, median_ms, p95_ms
from startup import environment, siar_command, time_to_paint

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_VOCABULARY = (
    "layanan paspor imigrasi kantor libur natal antrean daring permohonan warga negara asing izin tinggal "
    "kunjungan wisata pelayanan publik informasi jadwal buka tutup sabtu minggu syarat dokumen kartu "
    "keluarga akta kelahiran biaya pengumuman petugas loket pemohon wawancara foto sidik jari visa "
    "perpanjangan elektronik pengaduan sosialisasi pengawasan orang deportasi bandara pelabuhan lintas "
    "batas kegiatan rapat koordinasi kerja sama sekolah mahasiswa umroh haji pekerja migran Indonesia"
)
WORDS = _VOCABULARY.split()
PLATFORMS = ("facebook", "instagram", "x", "youtube", "wordpress")
ACCOUNTS = ("Kanim Denpasar", "Kanim Singaraja", "Imigrasi Bali", "Kanim Ngurah Rai")
TYPED = "layanan"  # one word typed into the drafts search, letter by letter
NO_MATCH = "qzxwv"


def _text(rng: random.Random, low: int, high: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < rng.randint(low, high):
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def build(home: Path, drafts: int, history: int, seed: int = 17) -> Path:
    """A workspace under *home* (SIAR_HOME layout) with *drafts* drafts and *history* entries."""
    from composer.core.post import Post
    from composer.store.workspace import Workspace

    rng = random.Random(seed)
    workspace = Workspace(data=home / "data", cache=home / "cache")
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rows = []
    for _n in range(drafts):
        stamp = (start + timedelta(seconds=rng.randint(0, 3 * 365 * 86400))).isoformat(timespec="seconds")
        post = Post(
            title=_text(rng, 20, 60)[:60], text=_text(rng, 200, 2000), created_at=stamp, updated_at=stamp
        )
        rows.append(
            (post.id, post.display_title(), json.dumps(post.to_dict(), ensure_ascii=False), stamp, stamp)
        )
    entries = []
    for n in range(history):
        platform = rng.choice(PLATFORMS)
        entries.append(
            (
                uuid.uuid4().hex,
                rows[n % len(rows)][0] if rows else uuid.uuid4().hex,
                "acc-" + platform,
                rng.choice(ACCOUNTS),
                platform,
                _text(rng, 100, 1200),
                f"https://{platform}.example/posts/{rng.randint(10**9, 10**10)}",
                start.timestamp() + rng.randint(0, 3 * 365 * 86400),
            )
        )
    db = workspace.db
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)", rows
    )
    db.executemany(
        "INSERT INTO history (id, post_id, account_id, account_name, platform, text, permalink, published_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        entries,
    )
    db.execute("COMMIT")
    prefs = workspace.settings.load()
    prefs.first_run_done = "1"
    prefs.language = "id"
    # A returning officer opens the draft they worked on last: the newest.
    prefs.last_draft = max(rows, key=lambda r: (r[4], r[0]))[0] if rows else ""
    workspace.settings.save(prefs)
    workspace.close()
    return home


class Painted:
    """Times an action until *target* has been painted with its result."""

    def __init__(self, target: object) -> None:
        from PySide6.QtCore import QEvent, QObject

        outer = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    outer.count += 1
                return False

        self.count = 0
        self.target = target
        self._filter = Filter()
        target.installEventFilter(self._filter)  # type: ignore[attr-defined]

    def time(self, action: Callable[[], None]) -> float:
        """Seconds from *action* until the target repainted. If nothing made it repaint
        once every pending event (and zero timer) has run, it is repainted then, so the
        figure always includes one paint of what the officer looks at."""
        from PySide6.QtWidgets import QApplication

        before = self.count
        started = time.perf_counter()
        action()
        for _pass in range(3):
            QApplication.processEvents()
            if self.count > before:
                break
        else:
            self.target.repaint()  # type: ignore[attr-defined]
        return time.perf_counter() - started


def in_process(home: Path, opens: int) -> dict[str, list[float]]:
    """Open drafts by clicking, type into the drafts search, search history: seconds each."""
    os.environ["SIAR_HOME"] = str(home)
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from composer import i18n
    from composer.session import Session
    from composer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    i18n.set_language("id")
    session = Session()
    workspace = session.workspace
    window = MainWindow(session, session.preferences())
    window.resize(1480, 900)
    window.show()
    for _n in range(5):
        app.processEvents()
    view = window.drafts_panel.list
    editor_painted = Painted(window.editor.text_edit.viewport())
    list_painted = Painted(view.viewport())

    def click(row: int) -> Callable[[], None]:
        def press() -> None:
            centre = view.visualRect(view.model().index(row, 0)).center()
            QTest.mouseClick(
                view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
            )

        return press

    results: dict[str, list[float]] = {"open": [], "key": [], "history": []}
    rows = min(3, view.model().rowCount())
    for n in range(opens):
        results["open"].append(editor_painted.time(click(n % rows)))
    window.drafts_panel.search.setFocus()
    for _round in range(3):
        for letter in TYPED:
            results["key"].append(
                list_painted.time(lambda k=letter: QTest.keyClick(window.drafts_panel.search, k))
            )
        for _letter in TYPED:
            results["key"].append(
                list_painted.time(lambda: QTest.keyClick(window.drafts_panel.search, Qt.Key.Key_Backspace))
            )
    for _n in range(20):
        started = time.perf_counter()
        found = workspace.outbox.history(NO_MATCH)
        results["history"].append(time.perf_counter() - started)
        assert not found
    QTest.mouseMove(view.viewport(), QPoint(1, 1))
    window.close()
    session.close()
    app.processEvents()
    return results


def _ms(seconds: list[float], percentile: int = 50) -> str:
    value = {50: median_ms, 95: p95_ms}.get(percentile, lambda v: max(v) * 1000)(seconds)
    return f"{value:.2f} ms" if value < 1 else f"{value:.1f} ms"


def measure(drafts: int, history: int, runs: int, opens: int) -> list[Row]:
    root = Path(tempfile.mkdtemp(prefix="siar-scale-"))
    started = time.perf_counter()
    big = build(root / "big", drafts, history)
    small = build(root / "small", 3, 6)
    print(f"built {drafts:,} drafts and {history:,} history entries in {time.perf_counter() - started:.1f} s")
    # Start-up: separate processes, interleaved, both caches warm first.
    envs = {
        name: {**environment(str(home)), "SIAR_HOME": str(home), "SIAR_STARTUP_PROBE": "1"}
        for name, home in (("big", big), ("small", small))
    }
    starts: dict[str, list[float]] = {"big": [], "small": []}
    for name in ("big", "small") if runs else ():
        time_to_paint(siar_command(), envs[name])
    for _run in range(runs):
        for name in ("small", "big"):
            starts[name].append(time_to_paint(siar_command(), envs[name]).seconds)
    small_run = in_process(small, opens)
    big_run = in_process(big, opens)

    def row(what: str, key: str, target_ms: float | None, ratio_target: float | None = None) -> Row:
        big_values = starts["big"] if key == "start" else big_run[key]
        small_values = starts["small"] if key == "start" else small_run[key]
        ratio = median_ms(big_values) / median_ms(small_values)
        measured = (
            f"median {_ms(big_values)}, p95 {_ms(big_values, 95)}, max {_ms(big_values, 100)} "
            f"(3 drafts: median {_ms(small_values)})"
        )
        if ratio_target is not None:
            return Row(what, measured, ratio, "3 drafts", f"≤ {ratio_target}×", ratio <= ratio_target)
        assert target_ms is not None
        return Row(
            what, measured, ratio, "3 drafts", f"≤ {target_ms:.0f} ms", median_ms(big_values) <= target_ms
        )

    label = f"{drafts:,} drafts"
    start = (
        [row(f"{label}: cold start to a painted window ({runs} runs)", "start", None, 1.2)] if runs else []
    )
    return [
        *start,
        row(f"{label}: open a draft (click → painted, {opens} opens)", "open", 50),
        row(f"{label}: drafts search, one keystroke → list painted", "key", 16),
        row(f"{label}, {history:,} history: history search with no match", "history", 20),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--history", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--opens", type=int, default=20)
    args = parser.parse_args()
    print(f"scale: {args.drafts:,} drafts / {args.history:,} history entries against 3 drafts, same run")
    emit(measure(args.drafts, args.history, args.runs, args.opens))


if __name__ == "__main__":
    main()
