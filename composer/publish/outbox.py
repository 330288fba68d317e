"""The outbox: never lose a post, never post twice.

One job per (post, account). Accounts run in parallel, the steps of one account in
order. Before a step's request goes out, the job records that the step is in flight;
after it, the step's outcome. A job found with a step in flight (the answer was lost,
or Siar was killed) asks the platform through the step's ``reconcile`` before anything
is sent again. Retryable failures back off with jitter and honour the platform's
rate-limit hints; the rest become a plain message and the action to take.
"""

from __future__ import annotations

import logging
import os
import random
import sys
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from composer import platforms
from composer.accounts.http import ApiError, new_session, retry_time
from composer.accounts.model import Account, Health
from composer.accounts.registry import AccountRegistry
from composer.core.post import Post
from composer.publish import comment_jobs, schedule_change
from composer.publish.base import Client, Ctx, NeedsCheck, Result, Step
from composer.store import job_state
from composer.store.job_state import TRANSITIONS, Action, JobState, allowed_from
from composer.store.outbox import (
    CANCELLED,
    DONE,
    FAILED,
    NEEDS_CHECK,
    QUEUED,
    RUNNING,
    WAITING,
    HistoryEntry,
    Job,
    LostClaim,
    NewJob,
)
from composer.store.workspace import Workspace

log = logging.getLogger(__name__)

PAUSED_KEY = "outbox.paused"
BASE_DELAY = 20.0
MAX_DELAY = 3600.0
OFFLINE_DELAY = 30.0  # while offline, look for the connection this often
# Errors after which a visible step is looked for on the platform before any retry.
RECONCILE_AFTER = frozenset({"duplicate", "uncertain", "rate_limit", "server", "quota"})
GroupMap = Callable[[Callable[[list[Job]], list[Job]], list[list[Job]]], Iterable[list[Job]]]
"""Runs one function over the accounts' job groups in parallel (the session's executor)."""


def backoff(attempts: int, retry_after: float | None, kind: str, rng: random.Random) -> float:
    """Seconds to wait: the platform's hint if it gave one, else exponential with jitter."""
    if retry_after:
        return float(retry_after) + rng.uniform(0, 3)
    if kind == "unreachable":
        return OFFLINE_DELAY * rng.uniform(0.5, 1.0)
    delay: float = min(MAX_DELAY, BASE_DELAY * 2.0 ** max(0, attempts - 1))
    return delay * rng.uniform(0.75, 1.25)


class StepFailed(Exception):
    """A step's own request failed (as opposed to asking the platform whether it happened)."""

    def __init__(self, error: ApiError) -> None:
        super().__init__(str(error))
        self.error = error

    @property
    def not_sent(self) -> bool:
        """No connection was made: the platform surely did nothing. A 429 or 5xx proves
        nothing (it may come after the platform acted, PLATFORMS.md §7; issue 10 item 6)."""
        return self.error.kind == "unreachable"


def allowed_actions(job: Job) -> frozenset[Action]:
    """What the officer may do to *job* now (the window and the CLI show only these)."""
    return job_state.allowed_actions(job.state)


def error_text(job: Job) -> str:
    """Why *job* is not posted (yet), in the UI language; "" when nothing went wrong."""
    if not job.error_code:
        return ""
    from composer.i18n import describe_code

    when = retry_time(job.next_at) if job.next_at else ""  # with its date unless today
    params = {**job.data.get("error_params", {}), "detail": job.error_detail, "time": when}
    return describe_code(job.error_code, params)


def _thread_map(fn: Callable[[list[Job]], list[Job]], groups: list[list[Job]]) -> Iterable[list[Job]]:
    """Without a session (tests, tools): a pool of its own for this one run."""
    if not groups:
        return []
    with ThreadPoolExecutor(max_workers=min(8, len(groups)), thread_name_prefix="outbox") as pool:
        return list(pool.map(fn, groups))


def owner_alive(owner: str, me: str) -> bool:
    """Whether the process named in a job's owner ("pid:token") is still running."""
    pid_text = owner.split(":", 1)[0]
    if owner == me or not pid_text.isdigit():
        return True
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # another Outbox in this process: trust its heartbeat
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(
            0x100000 | 0x1000, False, pid
        )  # SYNCHRONIZE | QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            return bool(kernel32.WaitForSingleObject(handle, 0) == 0x102)  # WAIT_TIMEOUT: still running
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0: existence check only (POSIX)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Outbox:
    def __init__(
        self,
        workspace: Workspace,
        registry: AccountRegistry,
        session_factory: Callable[[], requests.Session] = new_session,
        on_change: Callable[[Job], None] | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        map_groups: GroupMap | None = None,
    ) -> None:
        self.workspace = workspace
        self.store = workspace.outbox
        self.registry = registry
        self.session_factory = session_factory
        self.on_change = on_change or (lambda _job: None)
        self.clock = clock
        self.sleep = sleep
        self.owner = f"{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.progress: dict[str, float] = {}
        self._rng = random.Random()
        self.map_groups = map_groups or _thread_map
        self._running = threading.Lock()  # one run_due at a time per outbox

    # --- queueing ------------------------------------------------------------------------------
    def enqueue(
        self,
        post: Post,
        accounts: list[Account],
        send_at: float | None = None,
        *,
        again: bool = False,
        first_comments: dict[str, str] | None = None,
    ) -> list[Job]:
        """A job per account, with the post prepared for each platform. An account that
        already has a job for this post keeps it: one click twice is still one post.
        With *again* (the officer chose "post again as a new post"), an account the post was
        already published to gets a new job; one still on its way keeps it.

        With *send_at* (Unix time) the post is scheduled. Platforms that schedule natively
        (``native_schedule`` in their entry: YouTube's ``publishAt``) get it uploaded now
        and published by the platform at that time, even if this laptop is off then; for
        the others the outbox holds the job until then (Siar must be running, or ``siar
        outbox run``).

        *first_comments* (account id → text) adds the first comment as its own step after
        the post is visible. Such a post is held by the outbox rather than scheduled
        natively: the comment can only follow a post that is already public."""
        existing = {
            j.account_id: j
            for j in self.store.for_post(post.id)
            if j.state != CANCELLED and not (again and j.state == DONE)
        }
        kept: dict[str, Job] = {}
        new: list[NewJob] = []
        for account in accounts:
            old = existing.get(account.id)
            if old is not None and not self._replaceable(old):
                kept[account.id] = old
                continue
            from composer.publish import prepare  # Pillow: loaded when a post is queued, not to run jobs

            payload = prepare.payload(post, account.platform, self.workspace.media)
            comment = (first_comments or {}).get(account.id, "").strip()
            if comment:
                payload["first_comment"] = comment
            native = platforms.get(account.platform).native_schedule and not comment
            if send_at is not None and native:
                payload["publish_at"] = send_at
            new.append(
                NewJob(
                    post.id,
                    account.id,
                    account.platform,
                    payload,
                    scheduled_at=send_at if not native else None,
                    # refused as it was: the fixed draft goes instead
                    replacing=old.id if old is not None else None,
                )
            )
        # Every account's job in one transaction: a crash queues the post everywhere or nowhere.
        added = {job.account_id: job for job in self.store.add_all(new)}
        for job in added.values():
            self.on_change(job)
        jobs = [kept.get(account.id) or added[account.id] for account in accounts]
        return jobs

    @staticmethod
    def _replaceable(job: Job) -> bool:
        """A job that failed before anything visible was created (the platform refused the
        content, or the account needed reconnecting): sending the draft again starts afresh."""
        visible = ("post", "publish", "upload", "kit")
        if job.state != FAILED or job.data.get("inflight"):
            return False
        # A client may know better (TikTok: processing failed after the upload, so nothing shows).
        nothing_posted = getattr(platforms.get(job.platform).client(), "nothing_posted", None)
        if nothing_posted is not None:
            return bool(nothing_posted(job))
        return not any(name in job.steps for name in visible)

    @property
    def paused(self) -> bool:
        return self.workspace.settings.get(PAUSED_KEY) == "1"

    def set_paused(self, paused: bool) -> None:
        self.workspace.settings.put(PAUSED_KEY, "1" if paused else "0")

    # --- the officer's controls (allowed as job_state.TRANSITIONS says) ---------------------------
    def act(self, job_id: str, action: Action) -> bool:
        """Carry out *action* on a job; False when its state does not allow it. For
        MARK_POSTED use ``mark_posted`` (it needs the address)."""
        if action is Action.POST_ANYWAY:
            return self.post_anyway(job_id)
        if action is Action.MARK_POSTED:
            raise ValueError("mark_posted needs the address")
        sources, target = TRANSITIONS[action]
        return self._set(job_id, target, sources)

    def pause(self, job_id: str) -> bool:
        return self.act(job_id, Action.PAUSE)

    def resume(self, job_id: str) -> bool:
        return self.act(job_id, Action.RESUME)

    def retry(self, job_id: str) -> bool:
        """Try again now. A step in flight is still checked with the platform first."""
        return self.act(job_id, Action.RETRY)

    def post_anyway(self, job_id: str) -> bool:
        """For "needs checking": the officer looked and it is not there — send again."""
        job = self.store.get(job_id)
        if job is None or job.state not in allowed_from(Action.POST_ANYWAY):
            return False
        job.data["inflight"] = None
        job.state, job.owner, job.heartbeat, job.next_at = QUEUED, "", 0.0, 0.0
        self.store.save(job)
        self.on_change(job)
        return True

    def mark_posted(self, job_id: str, permalink: str) -> bool:
        """For "needs checking": the officer found it on the platform."""
        job = self.store.get(job_id)
        if job is None or job.state not in allowed_from(Action.MARK_POSTED):
            return False
        account = self.registry.get(job.account_id)
        job.state, job.owner = DONE, ""
        job.data["permalink"] = permalink.strip()
        self.store.finish(job, self._entry(job, account, "", permalink.strip(), via="manual"))
        self.on_change(job)
        return True

    def cancel(self, job_id: str) -> bool:
        return self.act(job_id, Action.CANCEL)

    def _set(self, job_id: str, state: JobState, only_from: frozenset[JobState]) -> bool:
        changed = self.store.set_state(job_id, state, only_from=only_from)
        job = self.store.get(job_id)
        if changed and job is not None:
            self.on_change(job)
        return changed

    # --- running -------------------------------------------------------------------------------
    def run_due(self) -> list[Job]:
        """Run every job that is due: accounts in parallel, one account's jobs in order.
        A call while another run is under way returns [] at once: that run sends them."""
        if not self._running.acquire(blocking=False):
            return []
        try:
            if self.paused:
                return []
            by_account: dict[str, list[Job]] = defaultdict(list)
            due = self.store.due(self.clock())
            # A job left "running" by a process that has since died (killed, crashed, power
            # cut) is picked up at once rather than after the heartbeat goes stale.
            due += [
                j
                for j in self.store.list((RUNNING,))
                if j.id not in {d.id for d in due} and not owner_alive(j.owner, self.owner)
            ]
            for job in sorted(due, key=lambda j: j.created_at):
                by_account[job.account_id].append(job)
            finished: list[Job] = []
            for results in self.map_groups(
                lambda jobs: [self.run_job(j) for j in jobs], list(by_account.values())
            ):
                finished.extend(results)
            return finished
        finally:
            self._running.release()

    def run_until_settled(self, timeout: float = 120.0, patience: float = 15.0) -> list[Job]:
        """Run due jobs until none is queued or due within *patience* seconds (the CLI's
        ``--wait``, tests). Both are seconds of the outbox's clock."""
        deadline = self.clock() + timeout
        while self.clock() < deadline:
            self.run_due()
            pending = self.store.list((QUEUED, WAITING, RUNNING))
            if not pending or self.paused:
                break
            soonest = min((j.next_at for j in pending if j.state == WAITING), default=self.clock())
            if soonest - self.clock() > patience and not any(j.state in (QUEUED, RUNNING) for j in pending):
                break  # the rest waits longer than a caller wants to block
            self.sleep(max(0.05, min(1.0, soonest - self.clock())))
        return self.store.list()

    def run_job(self, job: Job) -> Job:
        claimed = self.store.claim(job, self.owner, self.clock())
        if claimed is None:
            return self.store.get(job.id) or job
        job = claimed
        self.on_change(job)
        try:
            return self._run(job)
        except LostClaim:
            return self.store.get(job.id) or job

    def _run(self, job: Job) -> Job:
        account = self.registry.get(job.account_id)
        if account is None:
            return self._stop(job, FAILED, ApiError("invalid", "api.account_gone"))
        try:
            secrets = self.registry.secrets(account) if account.auth != "manual" else {}
        except ApiError as error:
            return self._stop(job, FAILED, error)
        session = self.session_factory()
        ctx = Ctx(
            session=session,
            account=account,
            secrets=secrets,
            auth=self.registry.auth(session, account, secrets),
            job=job,
            media_bytes=self._media_bytes,
            progress=lambda fraction: self._progress(job, fraction),
            helper_account=self._helper,
            sleep=self.sleep,
            media_path=self._media_path,
            checkpoint=lambda step, value: self._checkpoint(job, step, value),
        )
        client: Client = (
            comment_jobs
            if comment_jobs.is_comment_job(job)
            else schedule_change
            if schedule_change.is_schedule_job(job)
            else platforms.client_for(job.platform, manual=account.auth == "manual")
        )
        current: Step | None = None
        try:
            for step in client.steps(ctx):
                current = step
                if step.name in job.steps:
                    continue
                if job.data.get("inflight") == step.name and step.reconcile is not None:
                    found = step.reconcile(ctx)
                    if found is not None:
                        self._complete(job, step.name, found)
                        continue
                job.data["inflight"] = step.name  # on disk before the request leaves
                # When this step first went out: "did it post?" looks only at posts made
                # since then (issue 10 item 7). Wall time: it is compared with the
                # platform's timestamps, not used for scheduling.
                job.data.setdefault("inflight_at", time.time())
                self._save(job)
                result = self._attempt(ctx, step)
                self._complete(job, step.name, result)
            current = None
            published = client.published(ctx)
            if comment_jobs.is_comment_job(job):
                return self._finish_comment(job, published.platform_id)
            if schedule_change.is_schedule_job(job):
                return self._finish_change(job)
            entry = self._entry(
                job,
                account,
                published.platform_id,
                published.permalink,
                via="kit" if account.auth == "manual" else "api",
            )
            job.data.update(
                {"platform_id": published.platform_id, "permalink": published.permalink, "inflight": None}
            )
            job.state, job.error_kind, job.error_code, job.error_detail = DONE, "", "", ""
            job.owner, job.heartbeat = "", 0.0
            self.progress.pop(job.id, None)
            self.store.finish(job, entry, owner=self.owner)  # done and in the history: both or neither
            self.on_change(job)
            return job
        except NeedsCheck as unsure:
            return self._stop(
                job, NEEDS_CHECK, ApiError("uncertain", "api.needs_check", detail=unsure.detail)
            )
        except (StepFailed, ApiError) as failure:
            return self._failed(job, account, current, failure)
        except (KeyError, ValueError, TypeError) as exc:
            log.exception("unexpected answer while publishing %s", job.id)
            return self._stop(job, WAITING, ApiError("server", "api.unexpected", detail=type(exc).__name__))

    def _finish_comment(self, job: Job, reply_id: str) -> Job:
        # A reply or hide (issue 15): the job and the comment's status together, no history.
        job.data.update({"platform_id": reply_id, "inflight": None})
        job.state, job.error_kind, job.error_code, job.error_detail = DONE, "", "", ""
        job.owner, job.heartbeat = "", 0.0
        self.progress.pop(job.id, None)
        self.workspace.comments.finish_action(self.store, job, self.owner, self.clock())
        self.on_change(job)
        return job

    def _finish_change(self, job: Job) -> Job:
        # A new time or a cancellation the platform has taken: the post's own job already
        # carries it (schedule_change.py), and nothing new goes into the history.
        job.data["inflight"] = None
        job.state, job.error_kind, job.error_code, job.error_detail = DONE, "", "", ""
        job.owner, job.heartbeat = "", 0.0
        self.store.save(job, owner=self.owner)
        self.on_change(job)
        return job

    def _failed(
        self, job: Job, account: Account, current: Step | None, failure: StepFailed | ApiError
    ) -> Job:
        from_run = isinstance(failure, StepFailed)  # the step's own request, not asking the platform
        error = failure.error if isinstance(failure, StepFailed) else failure
        if error.kind == "auth":
            self.registry.update(
                account.with_health(Health("revoked", self.clock(), account.health.expires_at, error.code))
            )
        if error.retryable or error.kind in ("uncertain", "quota"):
            # A request that surely did not arrive (no connection was made) leaves
            # nothing to check; anything else, a 429 too, keeps the step "in flight".
            if current is not None and isinstance(failure, StepFailed) and failure.not_sent:
                job.data["inflight"] = None
            return self._stop(job, WAITING, error)
        if error.kind in ("invalid", "auth", "permission", "billing") and from_run:
            job.data["inflight"] = None  # the step's own request was refused: nothing was created
        stopped = self._stop(job, FAILED, error)
        if schedule_change.is_schedule_job(job) and error.code == schedule_change.ALREADY_PUBLISHED:
            self.store.undo_schedule_change(job)  # the post is live at its old time: say so
        return stopped

    def _attempt(self, ctx: Ctx, step: Step) -> Result:
        """Run *step*; resolve "duplicate" and "uncertain" answers by asking the platform."""
        try:
            return step.run(ctx)
        except ApiError as error:
            # --- issue 10 item 6: reconcile after any answer that does not prove non-execution.
            # Only a connection never made proves the request did not arrive. A 429 or 5xx
            # may come after the platform acted (PLATFORMS.md §7); validation and auth
            # refusals are documented to come before any effect.
            if step.reconcile is None or error.kind not in RECONCILE_AFTER:
                raise StepFailed(error) from error
            found = step.reconcile(ctx)
            if found is not None:
                return found
            if error.kind == "duplicate":
                raise NeedsCheck(error.detail or "duplicate") from None
            raise StepFailed(error) from error  # not there (yet): later, checking first

    def _checkpoint(self, job: Job, step: str, value: Result) -> None:
        """How far *step* got, on disk before its next request (an upload resumes there)."""
        job.data.setdefault("partial", {})[step] = value
        self._save(job)

    def _complete(self, job: Job, step: str, result: Result) -> None:
        job.data.setdefault("steps", {})[step] = result
        (job.data.get("partial") or {}).pop(step, None)
        job.data["inflight"] = None
        job.data.pop("inflight_at", None)
        self._save(job)

    def _save(self, job: Job) -> None:
        if job.state == RUNNING:
            job.heartbeat = self.clock()
        self.store.save(job, owner=self.owner)
        self.on_change(job)

    def _stop(self, job: Job, state: JobState, error: ApiError) -> Job:
        job.state = state
        job.error_kind, job.error_code, job.error_detail = error.kind, error.code, error.detail
        job.data["error_params"] = {k: v for k, v in error.params.items() if isinstance(v, str | int | float)}
        if state == WAITING:
            job.attempts += 1
            job.next_at = self.clock() + backoff(job.attempts, error.retry_after, error.kind, self._rng)
            if error.params.get("reset"):
                job.data["error_params"]["reset"] = float(error.params["reset"])
        job.owner, job.heartbeat = "", 0.0
        self.progress.pop(job.id, None)
        log.info("job %s (%s) %s: %s", job.id[:8], job.platform, state, error.code)
        self.store.save(job, owner=self.owner)  # LostClaim if the officer cancelled meanwhile
        self.on_change(job)
        return job

    def _entry(
        self, job: Job, account: Account | None, platform_id: str, permalink: str, via: str
    ) -> HistoryEntry:
        payload = job.payload
        return HistoryEntry(
            id=uuid.uuid4().hex,
            job_id=job.id,
            post_id=job.post_id,
            account_id=job.account_id,
            account_name=account.name if account else "",
            platform=job.platform,
            text=str(payload.get("text", "")),
            title=str(payload.get("title", "")),
            media=[{"id": p["id"], "filename": p["filename"]} for p in payload.get("photos", [])],
            platform_id=platform_id,
            permalink=permalink,
            published_at=self.clock(),
            via=via,
        )

    def _media_bytes(self, media_id: str) -> bytes:
        return self._media_path(media_id).read_bytes()

    def _media_path(self, media_id: str) -> Path:
        path = self.workspace.media.path_for_id(media_id)
        if path is None:
            raise ApiError("invalid", "api.media_missing")
        return path

    def _helper(self, platform: str) -> tuple[Account, dict[str, str]] | None:
        account = next(
            (a for a in self.registry.list() if a.platform == platform and a.auth != "manual"), None
        )
        return (account, self.registry.secrets(account)) if account is not None else None

    def _progress(self, job: Job, fraction: float) -> None:
        self.progress[job.id] = max(0.0, min(1.0, fraction))
        self.on_change(job)
