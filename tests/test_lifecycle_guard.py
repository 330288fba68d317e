"""The autouse guard in tests/conftest.py (``_nothing_left_running``) fails a test that
leaves a session open, a session with a pending task or a worker thread alive, and lets
a test that closes what it opened pass: run on small test files with the real conftest."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

CONFTEST = Path(__file__).with_name("conftest.py")

LEAKS = """
import threading
import time

from composer.session import Session
from composer.session.executor import THREAD_PREFIX, cancelled


def test_leaves_a_session_open():
    Session()


def test_leaves_a_task_pending():
    def until_cancelled():
        while not cancelled():  # the guard's close() cancels it
            time.sleep(0.01)

    Session().executor.submit(until_cancelled)


def test_closes_what_it_opens():
    with Session() as session:
        session.executor.submit(lambda: None).result()


# Last: a thread cannot be stopped from outside, so it would fail the tests after it too.
def test_leaves_a_worker_thread(release):
    threading.Thread(target=release.wait, name=THREAD_PREFIX + "-left", daemon=True).start()
"""


class _Release:
    """Gives the inner tests the event that ends the thread they leave behind."""

    def __init__(self) -> None:
        self.event = threading.Event()

    @pytest.fixture
    def release(self) -> threading.Event:
        return self.event


def test_the_guard_fails_each_leak_and_passes_a_clean_test(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_leaks=LEAKS)
    plugin = _Release()
    try:
        result = pytester.runpytest_inprocess("-p", "no:randomly", "-p", "no:xdist", plugins=[plugin])
    finally:
        plugin.event.set()
        for thread in threading.enumerate():
            if thread.name == "siar-worker-left":
                thread.join(10)  # else this test's own guard finds it
    result.assert_outcomes(passed=4, errors=3)  # the three leaks fail at teardown
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_leaves_a_session_open*",
            "1 session(s) left open (0 with pending tasks)",
            "*ERROR at teardown of test_leaves_a_task_pending*",
            "1 session(s) left open (1 with pending tasks)",
            "*ERROR at teardown of test_leaves_a_worker_thread*",
            "worker threads still alive: siar-worker-left",
        ]
    )
    result.stdout.no_fnmatch_line("*test_closes_what_it_opens*")
