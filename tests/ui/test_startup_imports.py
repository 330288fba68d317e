"""What the first paint of the main window costs: none of the features that wait behind a
menu, a tab or a dialog is loaded before it (issue 17, start-up). Checked by behaviour, in
a fresh interpreter, at the moment the window reports its first paint; no timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

# Loaded on first use only: the snippets palette and dialog, the preferences dialog, the calendar, plan import, report, insights, inbox dialog and
# its service and the comments store (the inbox count comes after the paint), design editor and renderer, sandbox servers, publishing clients, and the
# libraries behind them (network, keyring, images, video).
DEFERRED = (
    "composer.plan.calendar",
    "composer.plan.importer",
    "composer.plan.messages",
    "composer.report",
    "composer.insights",
    "composer.ui.calendar_view",
    "composer.ui.inbox_dialog",
    "composer.ui.snippet_dialogs",
    "composer.ui.preferences",
    "composer.ui.report_dialog",
    "composer.ui.plan_import",
    "composer.ui.design_editor",
    "composer.ui.edited_lines",  # made with the first key
    "composer.design.render",
    "composer.publish.inbox",
    "composer.publish.preflight",  # the checks before posting: loaded when the officer posts
    "composer.session.posting",
    "composer.store.comments",
    # The outbox's jobs and the accounts' model: the first job or account loads them (a
    # workspace with no job waiting or paused has nothing to hold at start-up).
    "composer.store.outbox",
    "composer.store.job_state",
    "composer.accounts.model",
    "composer.sandbox",
    "requests",
    "keyring",
    "PIL",
    "av",
    "openpyxl",
    "fpdf",
    "uuid",  # new ids are made on first use (composer/core/ids.py)
    "hashlib",  # media is hashed when imported (composer/store/media.py)
    "html",  # its entity table: the preview cards escape with composer/ui/previews/rich_text.py
    "platformdirs",  # asked only without SIAR_HOME (set here, as by the demo and a portable install)
    "locale",  # the CLI's system language only; no option parser (its gettext look-ups) without options
    "pkgutil",  # the platforms are named, not discovered (composer/core/platforms/__init__.py)
    "regex",  # only a hashtag in a non-ASCII word needs it (composer/core/text/twitter_text.py)
    "encodings.utf_16_le",  # X's count of UTF-16 units needs no codec (composer/core/text/twitter_text.py)
)

# The app's own start-up probe reports the first paint; the snapshot of sys.modules is
# taken right there, before the app quits and closes its session.
CHILD = """
import gc, json, linecache, re, sys, threading
from composer.core.text import twitter_text
from composer.ui import startup_probe

python_compile, python_parse, parsed = re.compile, re._parser.parse, []
def parse(pattern, *args, **kwargs):
    if threading.current_thread() is threading.main_thread():
        parsed.append(pattern)
    return python_parse(pattern, *args, **kwargs)
re._parser.parse = parse

def snapshot():
    print("loaded", json.dumps(sorted(sys.modules)), flush=True)
    print("every-tld-link-patterns", twitter_text._full_patterns.cache_info().currsize, flush=True)
    print("collector on at the paint", gc.isenabled(), flush=True)
    print("patterns parsed", json.dumps(parsed), flush=True)
    read = sorted(name for name in linecache.cache if "composer" in name)
    print("sources read", json.dumps(read), flush=True)
    widgets = vars(sys.modules["PySide6.QtWidgets"])
    print("widget classes built", json.dumps(sorted(k for k, v in widgets.items() if isinstance(v, type))), flush=True)
    from PySide6.QtCore import QCoreApplication
    QCoreApplication.processEvents()  # the app's own first-paint calls, queued after this one
    print("re.compile is Python's once painted", re.compile is python_compile, flush=True)
    print("start-up frozen once painted", gc.isenabled() and gc.get_freeze_count() > 10_000, flush=True)
    return 0.0

startup_probe.peak_rss_mb = snapshot
from composer import app
app.main([])
print("collector on after", gc.isenabled(), flush=True)
"""


def _first_paint(home: Path) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIAR_HOME": str(home), "SIAR_STARTUP_PROBE": "1"}
    # A returning officer's workspace, prepared as benchmarks/startup.py prepares it (in a
    # process of its own: its sibling module is called report, as a test package is).
    prepare = f"import os, sys; sys.path.insert(0, {str(BENCHMARKS)!r}); import startup; startup.prepare_demo(dict(os.environ))"
    subprocess.run([sys.executable, "-c", prepare], env=env, check=True, capture_output=True, timeout=240)
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120)
    assert "loaded " in done.stdout, done.stderr
    return done.stdout.splitlines()


def test_first_paint_loads_none_of_the_deferred_features(tmp_path: Path) -> None:
    lines = _first_paint(tmp_path)
    loaded = set(
        json.loads(next(line for line in lines if line.startswith("loaded ")).removeprefix("loaded "))
    )
    assert "composer.ui.main_window" in loaded  # the snapshot is really of the painted window
    early = sorted(m for m in loaded if any(m == d or m.startswith(d + ".") for d in DEFERRED))
    assert early == []
    # The first previews (the demo draft has links) match them without compiling the
    # patterns of every top-level domain: those are built after the paint.
    assert "every-tld-link-patterns 0" in lines
    # Start-up runs without the cyclic collector (it only makes long-lived objects); the
    # painted window has it back.
    assert "collector on at the paint False" in lines
    assert "collector on after True" in lines
    # Regular expressions come compiled from the last start (prepare_demo's last one kept
    # them): none is parsed on the way to the paint, and re.compile() is Python's own
    # again once the window is painted.
    assert "patterns parsed []" in lines
    assert "re.compile is Python's once painted True" in lines
    # The collector is back on with start-up's objects frozen: its first passes do not
    # walk the whole start-up heap among the first keys typed.
    assert "start-up frozen once painted True" in lines
    # PySide6 reads the source of each module imported after it (for its __feature__
    # switch) unless told not to: the ~150 modules of the window are loaded, not read
    # (this snapshot's own imports above and the module that tells it may be read).
    read = json.loads(
        next(line for line in lines if line.startswith("sources read ")).removeprefix("sources read ")
    )
    window_sources = [
        path
        for path in read
        if Path(path).parent.name in ("ui", "window", "previews", "session", "store", "core")
    ]
    assert [Path(path).name for path in window_sources] == ["feature_scan.py"]
    # PySide6 builds a Qt class (and every enum in it) the first time Python touches it.
    # The first paint touches no dialog class and no QStyle (a dozen large enums), and
    # never hands Python a widget made in C++ that PySide6 would type by building every
    # QWidget/QObject class it knows (a scroll area's viewport, its scroll bars).
    built = set(
        json.loads(
            next(line for line in lines if line.startswith("widget classes built ")).removeprefix(
                "widget classes built "
            )
        )
    )
    assert "QMainWindow" in built
    not_for_the_paint = {"QStyle", "QDialog", "QMessageBox", "QFileDialog", "QInputDialog", "QTextEdit"}
    only_by_walking_every_class = {"QWizard", "QMdiArea", "QCalendarWidget", "QColorDialog", "QLCDNumber"}
    assert sorted(built & (not_for_the_paint | only_by_walking_every_class)) == []
