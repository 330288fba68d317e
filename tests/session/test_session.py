"""The session without a window: its lifecycle, its one pool, and the use cases the
window and the CLI share."""

from __future__ import annotations

import threading
import time

import pytest

from composer.core.post import Post
from composer.demo import connect_sandbox
from composer.sandbox import Sandbox
from composer.session import Session, Workspace, open_sessions
from composer.session.executor import Cancelled, cancelled
from composer.store.outbox import Job
from tests.memory_keyring import MemoryKeyring


class FakeClock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.t = now

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds


def test_close_lets_running_work_finish_before_the_database_closes() -> None:
    session = Session()
    started = threading.Event()

    def upload() -> str:
        started.set()
        while not cancelled():  # a long job that stops at its next safe point
            time.sleep(0.005)
        session.workspace.settings.put("last.step", "saved")  # still allowed: the db is open
        return "stopped"

    future = session.submit(upload)
    assert started.wait(5)
    assert session.close(timeout=5)
    assert future.result() == "stopped"
    with Session(Workspace()) as again:
        assert again.workspace.settings.get("last.step") == "saved"


def test_close_drops_work_that_has_not_started() -> None:
    session = Session(workers=1)
    release = threading.Event()
    first = session.submit(release.wait, 5)
    second = session.submit(lambda: "never")
    closer = threading.Thread(target=session.close)
    closer.start()
    while not session.executor.closed:
        time.sleep(0.001)
    release.set()
    closer.join(5)
    assert first.result() is True
    assert second.cancelled()
    with pytest.raises(RuntimeError):
        session.submit(lambda: None)
    assert session not in open_sessions()


def test_work_asks_whether_to_stop() -> None:
    with Session() as session:
        future = session.submit(cancelled)
        assert future.result() is False
    assert session.closed
    from composer.session.executor import check_cancelled

    with Session() as other:
        other.executor._token.cancel()  # what close() does first
        with pytest.raises(Cancelled):
            other.submit(check_cancelled).result()


def test_a_second_run_due_while_one_runs_is_a_no_op(sandbox: Sandbox, memory_keyring: MemoryKeyring) -> None:
    with Session() as session:
        connect_sandbox(session.registry, sandbox)
        x = next(a for a in session.accounts() if a.platform == "x")
        post = Post(text="Layanan paspor buka Sabtu #ImigrasiMelayani")
        session.save_draft(post)
        [job] = session.post(session.plan_post(post, [x]))
        inside, release = threading.Event(), threading.Event()
        real_run_job = session.outbox.run_job

        def slow_run_job(j: Job) -> Job:
            inside.set()
            release.wait(5)
            return real_run_job(j)

        session.outbox.run_job = slow_run_job  # type: ignore[method-assign]
        first = session.run_due()
        assert first is not None and inside.wait(5)
        second = session.run_due()
        assert second is not None and second.result(timeout=5) == []  # at once: nothing sent twice
        release.set()
        assert [j.id for j in first.result(timeout=10)] == [job.id]
        assert session.job(job.id).state == "done"  # type: ignore[union-attr]
        assert len(sandbox.x.tweets) == 1


def test_the_outbox_runs_on_the_session_pool(sandbox: Sandbox, memory_keyring: MemoryKeyring) -> None:
    with Session() as session:
        connect_sandbox(session.registry, sandbox)
        post = Post(text="Layanan paspor buka Sabtu #ImigrasiMelayani")
        session.save_draft(post)
        accounts = [a for a in session.accounts() if a.platform in ("x", "facebook")]
        session.post(session.plan_post(post, accounts))
        threads: set[str] = set()
        real_run_job = session.outbox.run_job

        def spy(j: Job) -> Job:
            threads.add(threading.current_thread().name)
            return real_run_job(j)

        session.outbox.run_job = spy  # type: ignore[method-assign]
        session.outbox.run_due()  # as the CLI runs it, on its main thread
        assert threads and all(name.startswith("siar-worker") for name in threads)


def test_every_account_starts_at_once_when_the_pool_has_a_worker_each(
    sandbox: Sandbox, memory_keyring: MemoryKeyring
) -> None:
    """The outbox's own worker takes an account itself: it does not hold a worker idle
    while an account waits for one (six accounts, six workers, as in the app)."""
    with Session(workers=2) as session:
        connect_sandbox(session.registry, sandbox)
        post = Post(text="Layanan paspor buka Sabtu #ImigrasiMelayani")
        session.save_draft(post)
        accounts = [a for a in session.accounts() if a.platform in ("x", "facebook")]
        session.post(session.plan_post(post, accounts))
        together = threading.Barrier(2, timeout=5)
        waited: list[str] = []
        real_run_job = session.outbox.run_job

        def both_at_once(j: Job) -> Job:
            try:
                together.wait()
            except threading.BrokenBarrierError:
                waited.append(j.platform)  # one account waited for the other to finish
            return real_run_job(j)

        session.outbox.run_job = both_at_once  # type: ignore[method-assign]
        running = session.run_due()
        assert running is not None
        assert {j.state for j in running.result(timeout=30)} == {"done"}
        assert waited == []


def test_plan_post_says_what_can_be_sent_and_when(sandbox: Sandbox, memory_keyring: MemoryKeyring) -> None:
    clock = FakeClock()
    with Session(clock=clock) as session:
        connect_sandbox(session.registry, sandbox)
        post = Post(text="Layanan paspor buka Sabtu #ImigrasiMelayani")  # no photo, no video
        plan = session.plan_post(post)
        by_platform = {a.id: a.platform for a in plan.chosen}
        blocked = {by_platform[a] for a in plan.blocked}
        assert "instagram" in blocked  # Instagram needs an image
        assert {a.platform for a in plan.sendable} >= {"facebook", "x"}
        assert plan.can_send and not plan.too_soon
        soon = session.plan_post(post, at=clock.now() + 30)
        assert soon.too_soon and not soon.can_send
        with pytest.raises(ValueError, match="future"):
            session.post(soon)
        later = session.plan_post(post, at=clock.now() + 3600)
        assert later.can_send


def test_allowed_actions_follow_the_job_state(sandbox: Sandbox, memory_keyring: MemoryKeyring) -> None:
    with Session() as session:
        connect_sandbox(session.registry, sandbox)
        x = next(a for a in session.accounts() if a.platform == "x")
        post = Post(text="Layanan paspor buka Sabtu #ImigrasiMelayani")
        session.set_paused(True)
        [job] = session.post(session.plan_post(post, [x]))
        assert session.allowed_actions(job) == {"pause", "cancel"}
        assert session.act(job.id, "pause")
        paused = session.job(job.id)
        assert paused is not None and session.allowed_actions(paused) == {"resume", "retry", "cancel"}
        assert not session.act(job.id, "post_anyway")  # not allowed from "paused"


def test_drafts_are_listed_a_page_at_a_time(session: Session) -> None:
    made = []
    for n in range(5):
        post = session.new_draft()
        post.title = f"Draf {n}"
        session.save_draft(post)
        made.append(post.id)
    everything = [d.id for d in session.list_drafts()]
    assert sorted(everything) == sorted(made)
    pages = session.list_drafts(2)
    while len(pages) % 2 == 0 and pages:
        more = session.list_drafts(2, after=pages[-1].key)
        if not more:
            break
        pages += more
    assert [d.id for d in pages] == everything
    assert session.find_draft(made[0][:12]) is not None and session.find_draft("") is None


def test_reconnecting_an_account_asks_for_its_statistics_afresh(
    session: Session, sandbox: Sandbox, memory_keyring: MemoryKeyring
) -> None:
    from composer.accounts.connect_request import Connected

    connect_sandbox(session.registry, sandbox)
    account = next(a for a in session.registry.list() if a.platform == "youtube")
    session.metrics.set_reconnect(account.id, "no statistics permission")
    renewed = Connected(account, session.registry.secrets(account), account.health)
    assert session.save_connected([renewed], replace=account) == []  # the Reconnect button
    assert session.metrics.needs_reconnect(account.id) == ""  # the statistics are asked again
    session.metrics.set_reconnect(account.id, "no statistics permission")
    assert session.save_connected([renewed]) == []  # connected again from the Add button
    assert session.metrics.needs_reconnect(account.id) == ""
