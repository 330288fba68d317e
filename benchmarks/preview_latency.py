"""Keystroke → every visible preview card laid out AND painted, against the editor alone.

    QT_QPA_PLATFORM=offscreen python benchmarks/preview_latency.py [--keys 300] [--json]
        [--window 1366x768]

Types into the real editor of a real main window (offscreen) holding a 2,000-character
post with 4 images and every platform on (YouTube and TikTok switched on by hand): a
letter, then Delete, at the middle of the text, so the post stays at 2,000 characters and
no text repeats. The window is 2400×1500, where all six cards are fully on screen (in
columns of cards); the script checks that they are.

Each key is timed from the key event until everything it changed is painted: an event
filter counts paint events per card and for the editor, and the clock stops when the
editor and every card whose content changed (its ``revision`` moved on) have painted
since, no zero-delay timer is pending (the window's keystroke coalescing), the previews
have no work in flight, and one more pass of the event loop paints nothing (a card that
grew paints again after its layout request). Untimed, after each key, the script checks
what was DRAWN: each card's pixels in the window's backing store must equal a fresh
rendering of it, no card may change on screen without the clock having waited for it, and
none may paint again later (which would mean the clock stopped early).

The same run alternates blocks of keys with the previews on and off (editor alone), so
both see the same machine load; the ratio of the two travels between machines, and the
GUI thread's CPU time per key tells the code's cost from waiting for a core on a busy
machine. ``latency_figures()`` returns the figures as a dict for benchmarks/run_all.py
(or run this script with ``--json``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SENTENCE = (
    "Layanan paspor elektronik dibuka Senin–Jumat pukul 08.00–16.00 WIB 🇮🇩. Daftar lewat M-Paspor "
    "dan cek imigrasi.go.id/paspor untuk syarat lengkap. #ImigrasiMelayani @ditjenimigrasi "
)
FRAME_MS = 1000 / 60
# Wide enough for five 312 px card columns beside the drafts list and the editor, tall
# enough for the tallest card (the website card shows the whole 2,000 characters).
WINDOW_SIZE = (2400, 1500)
BLOCK = 20  # keys per block; blocks alternate previews on / editor alone
TIMEOUT_S = 2.0


def _no_previews(_post: object) -> None:
    """Stands in for PreviewsPanel.show_post while the editor is timed alone."""


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@dataclass
class Figures:
    window: tuple[int, int]
    keys: int
    text_chars: int
    images: int
    on_screen: list[str]
    fully_on_screen: list[str]
    previews_ms: list[float] = field(default_factory=list)
    editor_ms: list[float] = field(default_factory=list)
    # CPU time of the GUI thread per key: what the code costs, whatever else the machine runs.
    previews_cpu_ms: list[float] = field(default_factory=list)
    editor_cpu_ms: list[float] = field(default_factory=list)
    timeouts: int = 0
    late_paints: int = 0
    pixel_mismatches: int = 0
    editor_mismatches: int = 0  # keys after which the editor's drawn text differs from a fresh one
    unwaited_changes: int = 0
    changed_cards: int = 0  # (card, key) pairs whose content changed, fully on screen
    changed_on_screen: int = 0  # ... of which the drawn pixels changed too
    load_before: float = 0.0
    load_after: float = 0.0
    # Keys over one frame, and what else ran on the GUI thread during them.
    slow_keys: list[tuple[bool, float, int, int]] = field(default_factory=list)  # previews on, ms, saves, gc

    def summary(self) -> dict[str, Any]:
        p, e = self.previews_ms, self.editor_ms
        return {
            "window": f"{self.window[0]}×{self.window[1]}",
            "cards_on_screen": len(self.on_screen),
            "keys": len(p),
            "previews_p50_ms": percentile(p, 50),
            "previews_p95_ms": percentile(p, 95),
            "previews_max_ms": max(p),
            "previews_over_frame_pct": 100 * sum(t > FRAME_MS for t in p) / len(p),
            "editor_p50_ms": percentile(e, 50),
            "editor_p95_ms": percentile(e, 95),
            "editor_max_ms": max(e),
            "previews_cpu_p50_ms": percentile(self.previews_cpu_ms, 50),
            "previews_cpu_p95_ms": percentile(self.previews_cpu_ms, 95),
            "editor_cpu_p50_ms": percentile(self.editor_cpu_ms, 50),
            "editor_cpu_p95_ms": percentile(self.editor_cpu_ms, 95),
            "ratio_p50": percentile(p, 50) / percentile(e, 50),
            "ratio_p95": percentile(p, 95) / percentile(e, 95),
            "timeouts": self.timeouts,
            "late_paints": self.late_paints,
            "pixel_mismatches": self.pixel_mismatches,
            "editor_mismatches": self.editor_mismatches,
            "unwaited_changes": self.unwaited_changes,
            "changed_cards": self.changed_cards,
            "changed_on_screen": self.changed_on_screen,
            "load_avg_1min": (self.load_before, self.load_after),
            "slow_keys": len(self.slow_keys),
            "slow_keys_with_autosave": sum(saves > 0 for _on, _ms, saves, _gc in self.slow_keys),
            "slow_keys_with_full_gc": sum(gc > 0 for _on, _ms, _saves, gc in self.slow_keys),
        }


def measure(
    keys: int = 300,
    window_size: tuple[int, int] = WINDOW_SIZE,
    check_pixels: bool = True,
    require_all: bool = True,
) -> Figures:
    """Run the benchmark in this process (it creates the QApplication) and return its figures."""
    os.environ["SIAR_HOME"] = tempfile.mkdtemp(prefix="siar-bench-")

    from PIL import Image
    from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
    from PySide6.QtGui import QImage, QKeyEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from composer.core.platforms import PLATFORMS
    from composer.core.post import Post
    from composer.core.preview import preview_for
    from composer.session import Session, Workspace
    from composer.ui.fonts import load_bundled_fonts
    from composer.ui.main_window import MainWindow
    from composer.ui.previews.panel import PreviewsPanel

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    # A steady caret: a blink between a key's paint and the pixel checks would read as the
    # editor drawing wrongly (the blink's own repaint is one caret, twice a second).
    app.setCursorFlashTime(0)
    load_bundled_fonts()
    workspace = Workspace()
    text = (SENTENCE * 20)[:2000]
    post = Post(title="Jadwal layanan paspor", text=text, tags=["paspor", "imigrasi"])
    folder = Path(tempfile.mkdtemp())
    for i, size in enumerate([(4000, 3000), (3024, 4032), (1080, 1080), (2400, 600)]):
        path = folder / f"foto{i}.jpg"
        Image.new("RGB", size, (30 * i, 90, 160)).save(path, quality=80)
        post.media.append(workspace.media.import_file(path))
    # YouTube and TikTok are off by default for a post without video: every card is measured.
    for platform_id in ("youtube", "tiktok"):
        post.variant(platform_id).enabled = True
    workspace.drafts.save(post)
    prefs = workspace.settings.load()
    prefs.last_draft = post.id
    session = Session(workspace)
    window = MainWindow(session, prefs)
    runner = window.tasks
    window.resize(*window_size)
    window.show()
    panel = window.findChild(PreviewsPanel)
    assert panel is not None
    cards = dict(panel.cards)
    editor = window.editor.text_edit
    timers = [t for t in window.findChildren(QTimer) if t.interval() == 0]

    def idle() -> bool:
        busy = getattr(panel, "busy", None)
        return not any(t.isActive() for t in timers) and not (busy is not None and busy())

    # Let the thumbnails load and the start-up timers fire (the first account check, 4 s
    # in, imports the network stack on the GUI thread) before the first key: this measures
    # steady typing.
    startup = [t for t in window.findChildren(QTimer) if t.isSingleShot() and t.isActive()]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (
        runner.busy
        or not idle()
        or any(window.thumbnails.get(m) is None for m in post.media)
        or any(t.isActive() for t in startup)
    ):
        app.processEvents()
        time.sleep(0.005)
    for _ in range(20):
        app.processEvents()

    on_screen = []  # at least partly: checked for what is drawn
    waited = []  # fully: the clock waits for them to paint what changed (a change in the
    # hidden part of a partly shown card paints nothing, rightly)
    for pid, card in cards.items():
        visible = card.visibleRegion().boundingRect()
        if card.isVisible() and not visible.isEmpty():
            on_screen.append(pid)
            if visible == card.rect():
                waited.append(pid)
        if require_all and (not card.isVisible() or visible != card.rect()):
            raise SystemExit(
                f"the {pid} card is not fully on screen at {window_size[0]}×{window_size[1]} "
                f"(visible {visible.width()}×{visible.height()} of {card.width()}×{card.height()})"
            )

    class PaintCounter(QObject):
        """Counts paint events per card (any widget inside it) and for the editor, and
        remembers which revision of its content each card last painted."""

        def __init__(self) -> None:
            super().__init__()
            self.counts: dict[str, int] = dict.fromkeys([*cards, "editor"], 0)
            self.painted_revision: dict[str, int] = {pid: revision(pid) for pid in cards}
            self.owner: dict[QObject, str] = {}

        def watch(self, name: str, widget: QWidget) -> None:
            for w in [widget, *widget.findChildren(QWidget)]:
                if w not in self.owner:
                    self.owner[w] = name
                    w.installEventFilter(self)

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                name = self.owner.get(obj)
                if name is not None:
                    self.counts[name] += 1
                    if name in cards:
                        self.painted_revision[name] = revision(name)
            return False

    def revision(pid: str) -> int:
        # What the card draws changed when its revision moved on; a card without one
        # (older code) is taken to change on every key.
        return int(getattr(cards[pid], "revision", -1))

    counter = PaintCounter()
    for pid, card in cards.items():
        counter.watch(pid, card)
    counter.watch("editor", editor)

    def shown_rect(widget: QWidget, inset: int) -> QRect:
        # The part on screen, inside a card's rounded corners (which show the parent's
        # background in the window and the window colour in a grab).
        return widget.visibleRegion().boundingRect().adjusted(inset, inset, -inset, -inset)

    def backing_store(widget: QWidget, inset: int = 10) -> QImage:
        rect = shown_rect(widget, inset)
        top_left = widget.mapTo(window, rect.topLeft())
        return (
            window.screen()
            .grabWindow(window.winId(), top_left.x(), top_left.y(), rect.width(), rect.height())
            .toImage()
            .convertToFormat(QImage.Format.Format_RGB32)
        )

    def fresh(widget: QWidget, inset: int = 10) -> QImage:
        return widget.grab(shown_rect(widget, inset)).toImage().convertToFormat(QImage.Format.Format_RGB32)

    def painted(before: dict[str, int], revisions: dict[str, int], previews_on: bool) -> bool:
        if counter.counts["editor"] == before["editor"]:
            return False
        if not previews_on:
            return True
        for pid in waited:
            rev = revision(pid)
            if rev < 0:  # no revision: every card must paint
                if counter.counts[pid] == before[pid]:
                    return False
            elif rev != revisions[pid] and counter.painted_revision[pid] != rev:
                return False
        return True

    cursor = editor.textCursor()
    cursor.setPosition(1000)
    editor.setTextCursor(cursor)
    original_show_post = panel.show_post
    # What else may hold up a key on the GUI thread: the draft's autosave (a database
    # write) and Python's full garbage collection. Counted, not excluded.
    events = {"saves": 0, "gc": 0}
    drafts = workspace.drafts
    save = drafts.save

    def counted_save(*args: Any, **kwargs: Any) -> Any:
        events["saves"] += 1
        return save(*args, **kwargs)

    drafts.save = counted_save  # type: ignore[method-assign]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info.get("generation") == 2:
            events["gc"] += 1

    gc.callbacks.append(on_gc)
    figures = Figures(window_size, keys, len(text), len(post.media), on_screen, waited)
    figures.load_before = os.getloadavg()[0]
    previous = {pid: backing_store(card) for pid, card in cards.items()}
    letters = "abcdefghij klmnopqrstuvwxyz "
    warmup = 2 * BLOCK  # one block of each mode, not recorded
    blocks = max(1, round(keys / BLOCK))
    for i in range(warmup + 2 * blocks * BLOCK):
        previews_on = (i // BLOCK) % 2 == 0
        panel.show_post = original_show_post if previews_on else _no_previews  # type: ignore[method-assign,assignment]
        before = dict(counter.counts)
        saves_before, gc_before = events["saves"], events["gc"]
        revisions = {pid: revision(pid) for pid in cards}
        # A letter, then Delete (the character after it): the post stays at 2,000
        # characters all run long, and no text repeats (no cache hit for a repeated key).
        key, char = (Qt.Key.Key_Delete, "\x7f") if i % 2 else (0, letters[(i // 2) % len(letters)])
        start, cpu_start = time.perf_counter(), time.thread_time()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
        timed_out = False
        while True:
            app.processEvents()
            if painted(before, revisions, previews_on) and idle():
                # A posted layout request (a card that grew) paints again in the next
                # pass: stop only after a pass in which nothing painted.
                counts = dict(counter.counts)
                app.processEvents()
                if counter.counts == counts and idle():
                    break
            if time.perf_counter() - start > TIMEOUT_S:
                timed_out = True
                break
        elapsed_ms = (time.perf_counter() - start) * 1000
        cpu_ms = (time.thread_time() - cpu_start) * 1000
        if elapsed_ms > FRAME_MS and i >= warmup:
            figures.slow_keys.append(
                (previews_on, elapsed_ms, events["saves"] - saves_before, events["gc"] - gc_before)
            )
        # --- untimed checks -------------------------------------------------------------
        settled = dict(counter.counts)
        for _ in range(3):
            app.processEvents()
        figures.late_paints += sum(counter.counts[w] != settled[w] for w in settled)
        if previews_on:
            figures.timeouts += timed_out
            for platform in PLATFORMS:
                if platform.id not in on_screen:
                    continue  # off screen: updated when scrolled into view (tests/ui)
                shown = cards[platform.id].preview
                assert window.post is not None
                if shown != preview_for(window.post, platform):
                    raise SystemExit(f"the {platform.id} card shows stale data after key {i}")
            if check_pixels:
                for pid, card in cards.items():
                    if pid not in on_screen:
                        continue
                    drawn = backing_store(card)
                    if drawn != fresh(card):
                        figures.pixel_mismatches += 1
                    if drawn != previous[pid] and 0 <= revision(pid) == revisions[pid]:
                        figures.unwaited_changes += 1
                    if pid in waited and revision(pid) != revisions[pid]:
                        figures.changed_cards += 1
                        figures.changed_on_screen += drawn != previous[pid]
                    previous[pid] = drawn
        elif check_pixels:
            previous = {pid: backing_store(card) for pid, card in cards.items()}
        if check_pixels:
            # The editor repaints only the lines a key changed: what is on screen must
            # still be the whole text, as a fresh paint draws it.
            # (All of it: the caret may stand at its left edge.)
            viewport = editor.viewport()
            figures.editor_mismatches += backing_store(viewport, 0) != fresh(viewport, 0)
        if i >= warmup:
            (figures.previews_ms if previews_on else figures.editor_ms).append(elapsed_ms)
            (figures.previews_cpu_ms if previews_on else figures.editor_cpu_ms).append(cpu_ms)
    # Bring every card up to date before saving (the last block may have been editor-only).
    panel.show_post = original_show_post  # type: ignore[method-assign]
    figures.load_after = os.getloadavg()[0]
    gc.callbacks.remove(on_gc)
    drafts.save = save  # type: ignore[method-assign]
    window.save_now()
    window.close()
    session.close()
    return figures


def latency_figures(keys: int = 300) -> dict[str, Any]:
    """The figures of a default run (all five cards on screen), for benchmarks/run_all.py."""
    return measure(keys).summary()


def report(figures: Figures) -> str:
    s = figures.summary()
    shown = s["cards_on_screen"]
    from composer.core.platforms import PLATFORMS

    total = len(PLATFORMS)
    cards = (
        f"all {total}"
        if len(figures.fully_on_screen) == total
        else f"{shown} of {total} ({', '.join(figures.on_screen)}; fully: {', '.join(figures.fully_on_screen)})"
    )
    lines = [
        f"preview latency, {figures.text_chars}-character post, {figures.images} images, "
        f"{cards} on screen in a {s['window']} window, {s['keys']} keys per mode "
        f"(same run, alternating blocks of {BLOCK})",
        f"  keystroke → painted, {cards} previews: p50 {s['previews_p50_ms']:.2f} ms  "
        f"p95 {s['previews_p95_ms']:.2f} ms  max {s['previews_max_ms']:.2f} ms  "
        f"over one frame {s['previews_over_frame_pct']:.1f} %  (target p95 ≤ 8 ms, no key over 16.7 ms)",
        f"  editor alone (previews off), painted: p50 {s['editor_p50_ms']:.2f} ms  "
        f"p95 {s['editor_p95_ms']:.2f} ms  max {s['editor_max_ms']:.2f} ms",
        f"  ratio to the editor alone: p50 {s['ratio_p50']:.2f}×  p95 {s['ratio_p95']:.2f}×",
        f"  GUI-thread CPU per key: previews p50 {s['previews_cpu_p50_ms']:.2f} ms  p95 {s['previews_cpu_p95_ms']:.2f} ms; "
        f"editor alone p50 {s['editor_cpu_p50_ms']:.2f} ms  p95 {s['editor_cpu_p95_ms']:.2f} ms "
        "(wall time above this is waiting for a core)",
        f"  checks: {s['timeouts']} timeouts, {s['late_paints']} late paints, "
        f"{s['pixel_mismatches']} cards whose drawn pixels differ from a fresh rendering, "
        f"{s['editor_mismatches']} keys after which the editor's differ, "
        f"{s['unwaited_changes']} cards redrawn without the clock waiting for them; "
        f"{s['changed_on_screen']} of {s['changed_cards']} card updates changed the drawn pixels",
        f"  keys over one frame: {s['slow_keys']} (both modes), {s['slow_keys_with_autosave']} of them with the "
        f"autosave's database write, {s['slow_keys_with_full_gc']} with a full garbage collection; the rest is "
        "the machine (other processes on its 2 cores)",
        "  slowest keys: "
        + (
            ", ".join(
                f"{ms:.1f} ms ({'previews' if on else 'editor alone'}"
                + (", autosave" if saves else "")
                + (", full GC" if collections else "")
                + ")"
                for on, ms, saves, collections in sorted(figures.slow_keys, key=lambda k: -k[1])[:5]
            )
            or "none over a frame"
        ),
        f"  load average (1 min) before/after: {s['load_avg_1min'][0]:.2f}/{s['load_avg_1min'][1]:.2f} "
        f"on {os.cpu_count()} cores",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=300, help="keys per mode (previews on, editor alone)")
    parser.add_argument("--no-pixels", action="store_true", help="skip the drawn-pixels check (faster)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument(
        "--window",
        default="",
        help="window size WxH (e.g. 1366x768); cards off screen there are not waited for (they update "
        "when scrolled into view). Default: 2400x1500, where all five must be fully on screen",
    )
    args = parser.parse_args()
    size = tuple(int(n) for n in args.window.lower().split("x")) if args.window else WINDOW_SIZE
    figures = measure(
        args.keys, (size[0], size[1]), check_pixels=not args.no_pixels, require_all=not args.window
    )
    print(json.dumps(figures.summary()) if args.json else report(figures))
    s = figures.summary()
    if (
        s["timeouts"]
        or s["late_paints"]
        or s["pixel_mismatches"]
        or s["editor_mismatches"]
        or s["unwaited_changes"]
    ):
        sys.exit(1)


if __name__ == "__main__":
    main()
