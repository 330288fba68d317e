"""Kill Siar mid-typing (SIGKILL, no chance to clean up) and find the draft intact.

DESIGN.md: nothing typed is lost; drafts autosave within 2 s and survive a kill at any
moment. Each trial kills the typing process at a different moment and checks that what
was typed more than 2 s before the kill is on disk, and that the saved text is exactly
a prefix of what was typed (never torn, never garbled).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from composer.store.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parent))
from typing_child import TEXT

SAVE_PROMISE = 2.0


@pytest.mark.parametrize("kill_after", [3.0, 3.7, 4.6])
def test_draft_survives_a_kill(kill_after: float, siar_home: Path) -> None:
    env = dict(os.environ, SIAR_HOME=str(siar_home), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH", "")])
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("typing_child.py"))],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    draft_id = child.stdout.readline().split()[1]
    typed_at: list[tuple[float, int]] = []
    started = time.monotonic()
    while time.monotonic() - started < kill_after:
        line = child.stdout.readline()
        if not line:
            break
        typed_at.append((time.monotonic(), int(line.split()[1])))
    killed_at = time.monotonic()
    child.kill()
    child.wait()
    safe = max((count for moment, count in typed_at if moment <= killed_at - SAVE_PROMISE), default=0)
    assert safe > 10, "the child typed too little to make the test meaningful"

    saved = Workspace().drafts.load(draft_id).text
    assert TEXT.startswith(saved)
    assert len(saved) >= safe
