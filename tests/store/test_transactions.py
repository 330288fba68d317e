"""Writes of several rows are one transaction: a crash or an error in the middle leaves
the old rows or the new ones, never a mix."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from composer.store.db import transaction
from composer.store.settings import Preferences
from composer.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
OLD = Preferences(
    language="id", theme="light", last_draft="lama", office_name="Kanim Lama", first_run_done=""
)
NEW = Preferences(
    language="en", theme="dark", last_draft="baru", office_name="Kanim Baru", first_run_done="1"
)

# Saves NEW, and stops (for the parent to kill it) as the third row's write starts: two
# rows are written by then. The trace callback runs as each statement begins.
CHILD = textwrap.dedent(
    """
    import sys, threading
    from composer.store.settings import Preferences
    from composer.store.workspace import Workspace

    workspace = Workspace()
    writes = 0

    def trace(statement):
        global writes
        if statement.startswith("INSERT INTO settings"):
            writes += 1
            if writes == 3:
                print("inside", flush=True)
                threading.Event().wait()  # until SIGKILL

    workspace.db.set_trace_callback(trace)
    workspace.settings.save(Preferences(**{new}))
    print("finished", flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_kill_inside_the_preferences_save_keeps_the_old_set_whole(siar_home: Path) -> None:
    workspace = Workspace()
    workspace.settings.save(OLD)
    workspace.close()
    env = {**os.environ, "SIAR_HOME": str(siar_home), "PYTHONPATH": str(ROOT)}
    code = CHILD.format(new=repr(dataclasses.asdict(NEW)))
    child = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert line == "inside", child.stderr.read() if child.stderr else ""

    workspace = Workspace()
    try:
        assert workspace.settings.load() == OLD  # not two new values and three old ones
    finally:
        workspace.close()


def test_an_error_inside_a_transaction_rolls_every_row_back() -> None:
    workspace = Workspace()
    try:
        workspace.settings.save(OLD)

        def half_then_fail() -> None:
            with transaction(workspace.db, workspace.lock) as db:
                db.execute("UPDATE settings SET value = 'en' WHERE key = 'language'")
                db.execute("UPDATE settings SET value = 'dark' WHERE key = 'theme'")
                raise RuntimeError("power cut")

        with pytest.raises(RuntimeError):
            half_then_fail()
        assert workspace.settings.load() == OLD
        assert not workspace.db.in_transaction
        workspace.settings.save(NEW)  # the connection is usable again
        assert workspace.settings.load() == NEW
    finally:
        workspace.close()


def test_a_post_is_queued_for_every_account_or_for_none() -> None:
    from composer.store.outbox import NewJob

    workspace = Workspace()
    try:
        first = workspace.outbox.add("post-1", "facebook-account", "facebook", {"text": "lama"})
        good = NewJob("post-2", "x-account", "x", {"text": "Halo"})
        replacing = NewJob("post-2", "facebook-account", "facebook", {"text": "baru"}, replacing=first.id)
        broken = NewJob("post-2", "wp-account", "wordpress", {"text": object()})  # cannot be stored
        with pytest.raises(TypeError):
            workspace.outbox.add_all([good, replacing, broken])
        assert [(j.post_id, j.state) for j in workspace.outbox.list()] == [("post-1", "queued")]
        added = workspace.outbox.add_all([good, replacing])
        assert {j.account_id for j in added} == {"x-account", "facebook-account"}
        assert workspace.outbox.get(first.id).state == "cancelled"  # type: ignore[union-attr]
    finally:
        workspace.close()
