"""Keystroke → all previews updated, for a 2,000-character post with 4 images.

    QT_QPA_PLATFORM=offscreen python benchmarks/preview_latency.py [--keys 300]

Types into the real editor of a real main window (offscreen) and times each key from the
key event to the moment every preview card shows the new text. Prints p50/p95/max, and
the share spent in the platform rules alone. Budget (DESIGN.md): p95 ≤ 8 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SENTENCE = (
    "Layanan paspor elektronik dibuka Senin–Jumat pukul 08.00–16.00 WIB 🇮🇩. Daftar lewat M-Paspor "
    "dan cek imigrasi.go.id/paspor untuk syarat lengkap. #ImigrasiMelayani @ditjenimigrasi "
)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument(
        "--baseline", action="store_true", help="time the editor alone (previews switched off) for comparison"
    )
    args = parser.parse_args()
    os.environ["SIAR_HOME"] = tempfile.mkdtemp(prefix="siar-bench-")

    from PIL import Image
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from composer.core import preview as core_preview
    from composer.core.post import Post
    from composer.store.workspace import Workspace
    from composer.ui.fonts import load_bundled_fonts
    from composer.ui.main_window import MainWindow
    from composer.ui.tasks import TaskRunner

    app = QApplication([])
    load_bundled_fonts()
    workspace = Workspace()
    text = (SENTENCE * 20)[:2000]
    post = Post(title="Jadwal layanan paspor", text=text, tags=["paspor", "imigrasi"])
    folder = Path(tempfile.mkdtemp())
    for i, size in enumerate([(4000, 3000), (3024, 4032), (1080, 1080), (2400, 600)]):
        path = folder / f"foto{i}.jpg"
        Image.new("RGB", size, (30 * i, 90, 160)).save(path, quality=80)
        item = workspace.media.import_file(path)
        post.media.append(item)
    workspace.drafts.save(post)
    prefs = workspace.settings.load()
    prefs.last_draft = post.id
    runner = TaskRunner(app)
    if args.baseline:
        MainWindow.refresh_previews = lambda self: None  # type: ignore[method-assign]
    window = MainWindow(workspace, runner, prefs)
    window.resize(1600, 1000)
    window.show()
    deadline = time.monotonic() + 20
    while (runner.busy or window._refresh.isActive()) and time.monotonic() < deadline:
        app.processEvents()
    editor = window.editor.text_edit
    cursor = editor.textCursor()
    cursor.setPosition(1000)
    editor.setTextCursor(cursor)

    total: list[float] = []
    rules: list[float] = []
    original = core_preview._preview.__wrapped__  # time the rules without the cache hit path

    def timed_rules(platform, content):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = original(platform, content)
        rules[-1] += time.perf_counter() - start
        return result

    core_preview._preview.cache_clear()
    patched = core_preview.lru_cache(maxsize=256)(timed_rules)
    core_preview._preview = patched  # type: ignore[assignment]
    letters = "abcdefghij klmnopqrstuvwxyz "
    for i in range(args.keys):
        rules.append(0.0)
        char = letters[i % len(letters)]
        start = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        while window._refresh.isActive():
            app.processEvents()
        total.append(time.perf_counter() - start)
        if not args.baseline:
            assert window.previews.card("x").preview.text == window.post.text_for("x")  # type: ignore[union-attr]
    window.save_now()
    ms = [t * 1000 for t in total[10:]]
    rules_ms = [t * 1000 for t in rules[10:]]
    print(f"preview latency over {len(ms)} keystrokes, {len(text)}-character post, {len(post.media)} images")
    print(
        f"  keystroke → all previews: p50 {percentile(ms, 50):.2f} ms  p95 {percentile(ms, 95):.2f} ms  "
        f"max {max(ms):.2f} ms  (budget p95 ≤ 8 ms)"
    )
    print(
        f"  platform rules alone:     p50 {percentile(rules_ms, 50):.2f} ms  p95 {percentile(rules_ms, 95):.2f} ms  "
        f"mean {statistics.mean(rules_ms):.2f} ms"
    )
    workspace.close()


if __name__ == "__main__":
    main()
