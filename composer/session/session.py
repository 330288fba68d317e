"""The application session: the one owner of the workspace, the accounts, the outbox,
every background job and the clock. The window and the command line call its use cases;
neither carries out a workflow against the store by itself.

Threads: use cases that touch the network (sign-in, checks, sending, rendering) are
plain functions the caller runs off its own thread through :attr:`Session.executor` (the
window through ``ui/tasks.py``), or directly (the CLI, which blocks anyway).

Lifecycle: :meth:`close` runs the close hooks (the window stops its timers and drops
every callback not yet delivered), stops the executor (nothing new starts, running jobs
are asked to stop and get a bounded wait), stops the sandbox, and only then closes the
database.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from composer.core.post import MediaItem, Post
from composer.session.clock import Clock, SystemClock
from composer.session.executor import THREAD_PREFIX, Executor, cancelled
from composer.session.planning import Planning
from composer.store.accounts import DuplicateAccountName
from composer.store.workspace import Workspace

# Annotations only: the outbox's, the accounts' and the stores' types load with their first
# use, not for the first paint (issue 17, start-up).
if TYPE_CHECKING:
    from concurrent.futures import Future

    import requests

    from composer.accounts.facebook import PageChoice
    from composer.accounts.model import Account, Health
    from composer.accounts.profile import ConnectionProfile
    from composer.accounts.registry import AccountRegistry
    from composer.design.brand import BrandKit
    from composer.design.model import Design
    from composer.insights.service import MetricsService, RunResult
    from composer.publish.outbox import Outbox
    from composer.sandbox import Sandbox
    from composer.session import connect as connecting
    from composer.session import posting
    from composer.store.drafts import DraftStore, DraftSummary
    from composer.store.job_state import Action
    from composer.store.media import MediaStore
    from composer.store.outbox import HistoryEntry, Job
    from composer.store.problems import WorkspaceError
    from composer.store.settings import Preferences

log = logging.getLogger(__name__)
CLOSE_WAIT_SECONDS = 5.0  # at exit, running uploads get this long to reach a safe point
_open: set[Session] = set()  # held until closed: an unclosed session is a bug to find, not to collect


def open_sessions() -> list[Session]:
    """Sessions not closed yet (the test suite fails a test that leaves one open)."""
    return [s for s in list(_open) if not s.closed]


class Session(Planning):
    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        clock: Clock | None = None,
        sandbox: Sandbox | None = None,
        workers: int = 6,
        session_factory: Callable[[], requests.Session] | None = None,
    ) -> None:
        self.clock: Clock = clock or SystemClock()
        self.workspace = workspace if workspace is not None else Workspace(clock=self.clock.now)
        self.sandbox = sandbox
        self.executor = Executor(workers)
        # One thread, first in first out, for writes that must land in the order they were
        # made (the draft's autosave): never queued behind uploads on the pool above.
        self.writer = Executor(1, f"{THREAD_PREFIX}-writer")
        # One thread for decoding and scaling pictures: thumbnails and preview tiles never
        # wait behind uploads (six of them hold the whole pool), and since that work holds
        # the interpreter lock much of the time, more threads would only fight over it.
        self.images = Executor(1, f"{THREAD_PREFIX}-images")
        # One thread for bringing files into the workspace (attach, paste, a design's
        # picture): an attached photo never waits for an upload to finish, and files are
        # added in the order they were given.
        self.imports = Executor(1, f"{THREAD_PREFIX}-imports")
        self.lanes = {
            "pool": self.executor,
            "writer": self.writer,
            "images": self.images,
            "imports": self.imports,
        }
        self.job_listeners: list[Callable[[Job], None]] = []
        self._session_factory = session_factory
        self._registry: AccountRegistry | None = None
        self._outbox: Outbox | None = None
        self._metrics: MetricsService | None = None
        self._metrics_running = threading.Lock()  # one metrics run at a time (budgets are counted)
        self._close_hooks: list[Callable[[], None]] = []
        self._lock = threading.Lock()
        self.closed = False
        _open.add(self)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- what it owns ----------------------------------------------------------------------------
    def http(self) -> requests.Session:
        if self._session_factory is not None:
            return self._session_factory()
        from composer.accounts.http import new_session

        return new_session()

    @property
    def registry(self) -> AccountRegistry:
        """The accounts (the keyring is opened on first use, not at start-up)."""
        with self._lock:
            if self._registry is None:
                from composer import platforms
                from composer.accounts.registry import AccountRegistry
                from composer.accounts.secrets import SecretStore

                self._registry = AccountRegistry(
                    self.workspace.accounts, SecretStore(), connectors=platforms.connectors()
                )
            return self._registry

    @property
    def outbox(self) -> Outbox:
        registry = self.registry
        with self._lock:
            if self._outbox is None:
                from composer.publish.outbox import Outbox

                self._outbox = Outbox(
                    self.workspace,
                    registry,
                    on_change=self._job_changed,
                    clock=self.clock.now,
                    sleep=self.clock.sleep,
                    map_groups=self._map_groups,
                )
            return self._outbox

    @property
    def metrics(self) -> MetricsService:
        """Metric snapshots at +1 h, +24 h and +7 d of every published post, within each
        platform's daily budget (``siar metrics`` and the window's background runs)."""
        registry = self.registry
        with self._lock:
            if self._metrics is None:
                from composer.insights.service import MetricsService

                self._metrics = MetricsService(self.workspace, registry, session_factory=self.http)
            return self._metrics

    def take_metrics(self) -> RunResult | None:
        """Take the snapshots due now, on the session's clock (call it off the GUI thread:
        it asks the platforms). Late ones, after the laptop was off, are taken now and say
        so. None when the session is closed or another run is under way (it takes them)."""
        if self.closed or not self._metrics_running.acquire(blocking=False):
            return None
        try:
            return self.metrics.run_due(self.clock.now())
        finally:
            self._metrics_running.release()

    def _job_changed(self, job: Job) -> None:
        """Called from worker threads; listeners must hand over to their own. They get a
        snapshot: the worker goes on changing its own copy meanwhile."""
        if self.closed:
            return
        snapshot = copy.deepcopy(job)
        for listener in list(self.job_listeners):
            listener(snapshot)

    def _map_groups(
        self, fn: Callable[[list[Job]], list[Job]], groups: list[list[Job]]
    ) -> Iterable[list[Job]]:
        """The outbox's accounts in parallel on the session's own pool (one of them on the
        calling worker of that pool); between two jobs of one account a closing session
        stops the run (the rest stays queued)."""

        def one_by_one(jobs: list[Job]) -> list[Job]:
            done: list[Job] = []
            for job in jobs:
                if cancelled():
                    break
                done.extend(fn([job]))
            return done

        # A worker of this pool running the outbox (run_due) takes one account itself
        # instead of waiting idle: it held a worker while the sixth account of six waited
        # for a free one. Another thread (the CLI's) hands every account to the pool,
        # where closing the session can stop them.
        inline = groups[:1] if self.executor.on_worker() else []
        futures = [self.executor.submit(one_by_one, group) for group in groups[len(inline) :]]
        done = [one_by_one(group) for group in inline]
        return [*done, *(future.result() for future in futures)]

    # --- lifecycle -------------------------------------------------------------------------------
    def on_close(self, hook: Callable[[], None]) -> Callable[[], None]:
        """Run *hook* first thing in :meth:`close`; returns a function that unregisters it."""
        self._close_hooks.append(hook)
        return lambda: self._close_hooks.remove(hook) if hook in self._close_hooks else None

    def close(self, timeout: float = CLOSE_WAIT_SECONDS) -> bool:
        """Stop everything, then close the database. True when every job finished in time."""
        if self.closed:
            return True
        self.closed = True
        for hook in list(reversed(self._close_hooks)):
            try:
                hook()
            except Exception:
                log.exception("a close hook failed")
        self._close_hooks.clear()
        self.job_listeners.clear()
        finished = all([lane.close(timeout) for lane in self.lanes.values()])  # (each one closed)
        if not finished:
            log.warning("background work still running at close; its results are dropped")
        if self.sandbox is not None:
            self.sandbox.stop()
        self.workspace.close()
        _open.discard(self)
        return finished

    def problem(self, exc: BaseException) -> WorkspaceError | None:
        """What *exc* says about the workspace itself (damaged, read-only, full…), if anything."""
        from composer.store.problems import classify

        return classify(exc, self.workspace.db_path)

    def submit(self, fn: Callable[..., object], *args: object) -> Future[object]:
        return self.executor.submit(fn, *args)

    # --- drafts ----------------------------------------------------------------------------------
    @property
    def drafts(self) -> DraftStore:
        """The drafts, for reading a list page by page (the window's drafts list)."""
        return self.workspace.drafts

    def list_drafts(
        self, limit: int | None = None, after: tuple[str, str] | None = None, search: str = ""
    ) -> list[DraftSummary]:
        """Newest first: every draft, or a page of *limit* after the row whose ``key`` is
        *after* (keyset paging in SQL: a page costs the same at any workspace size)."""
        if limit is None and after is None and not search:
            return self.workspace.drafts.list()
        return self.workspace.drafts.page(limit or 1_000_000, after, search)

    def draft_summary(self, draft_id: str) -> DraftSummary | None:
        """The list row of one draft; None if there is none or it is in the bin."""
        return self.workspace.drafts.summary(draft_id)

    def open_draft(self, draft_id: str) -> Post:
        """DamagedDraftError when it cannot be read back, KeyError when there is none."""
        return self.workspace.drafts.load(draft_id)

    def find_draft(self, prefix: str) -> Post | None:
        """The one draft whose id starts with *prefix* (the CLI's short ids)."""
        matches = [d for d in self.workspace.drafts.list() if d.id.startswith(prefix)]
        return self.open_draft(matches[0].id) if len(matches) == 1 else None

    def save_draft(self, post: Post) -> None:
        self.workspace.drafts.save(post)

    def new_draft(self) -> Post:
        post = Post()
        self.workspace.drafts.save(post)
        return post

    def delete_draft(self, draft_id: str) -> None:
        self.workspace.drafts.delete(draft_id)

    def create_draft(self, title: str, text: str, images: list[tuple[Path, str]], kip: str = "") -> Post:
        """A draft with photos and their alt texts (``siar draft create``). MediaError for a
        photo Siar cannot take: every file is checked before any is stored, and a failure
        while copying (a full disk) leaves no stray media and no draft."""
        media = self.workspace.media
        for path, _alt in images:
            media.check_file(path)
        post = Post(title=title, text=text, kip=kip)
        imported: list[str] = []
        try:
            for path, alt in images:
                item = media.import_file(path)
                imported.append(item.id)
                post.media.append(dataclasses.replace(item, alt=alt))
            self.workspace.drafts.save(post)
        except BaseException:
            media.discard(imported)
            raise
        return post

    # --- settings --------------------------------------------------------------------------------
    def preferences(self) -> Preferences:
        return self.workspace.settings.load()

    def save_preferences(self, prefs: Preferences) -> None:
        self.workspace.settings.save(prefs)

    def brand(self) -> BrandKit:
        return self.workspace.settings.load_brand()

    def save_brand(self, brand: BrandKit) -> None:
        self.workspace.settings.save_brand(brand)

    # --- media and designs -----------------------------------------------------------------------
    def import_files(self, files: list[Path]) -> list[MediaItem | BaseException]:
        """Import photos and videos in order (off the GUI thread); each refusal is returned
        in its place (MediaError, OSError) so the others still come in."""
        from composer.store.media import MediaError

        results: list[MediaItem | BaseException] = []
        for path in files:
            try:
                results.append(self.workspace.media.import_file(path))
            except (MediaError, OSError) as exc:
                results.append(exc)
        return results

    def import_bytes(self, data: bytes, filename: str) -> MediaItem:
        return self.workspace.media.import_bytes(data, filename)

    def import_file(self, path: Path) -> MediaItem:
        """MediaError when Siar cannot take the file."""
        return self.workspace.media.import_file(path)

    def fit_video(self, post: Post, platform: str, media_id: str) -> Post:
        """ "Potong/konversi": a copy of the video *media_id* trimmed or transcoded to fit
        *platform* (off the GUI thread; stops when the job is cancelled). Works on a copy of
        *post*, saves it and returns it; FitRefused says why not."""
        from composer.session.video_fit import fit_video

        changed = copy.deepcopy(post)
        fit_video(self.workspace.media, changed, platform, media_id, cancelled=cancelled)
        self.save_draft(changed)
        return changed

    @property
    def media(self) -> MediaStore:
        """The media library, for reading (thumbnails, file paths to show)."""
        return self.workspace.media

    def export_design_to_post(
        self, design: Design, alt: str, brand: BrandKit | None = None
    ) -> dict[str, MediaItem]:
        """Render *design* once in every platform's size (a platform switched on later has
        its own too), import each image and return it per platform id, with *alt* as its
        description (rendering: off the GUI thread)."""
        from composer.design.assets import ImageLoader
        from composer.design.export import export_per_platform
        from composer.design.render import Renderer

        renderer = Renderer(brand or self.brand(), ImageLoader(self.workspace.media.path_for_id))
        results: dict[str, MediaItem] = {}
        for platform_id, image in export_per_platform(design, renderer).items():
            item = self.workspace.media.import_bytes(image.data, image.filename)
            results[platform_id] = MediaItem(**{**item.to_dict(), "alt": alt.strip()[:1000]})
        return results

    def load_design(self, post_id: str) -> Design | None:
        """The post's infographic, None if it has none; DesignFileError when damaged."""
        return self.workspace.designs.load(post_id)

    def save_design(self, post_id: str, design: Design) -> None:
        self.workspace.designs.save(post_id, design)

    # --- posting ---------------------------------------------------------------------------------
    def plan_post(
        self,
        post: Post,
        accounts: list[Account] | None = None,
        at: float | None = None,
        *,
        again: bool = False,
    ) -> posting.PostPlan:
        """The preflight for each chosen account (default: every account whose platform the
        post goes to and that it was not sent to yet), and what can be sent now or at *at*
        (Unix time). Accounts it was already published to get it again only with *again*."""
        from composer.publish.preflight import default_accounts
        from composer.session import posting  # the checks behind it load on the first plan, not at start-up

        everyone = self.registry.list()
        already = frozenset(self.sent_jobs(post.id))
        if accounts is None:
            accounts = [a for a in default_accounts(post, everyone) if again or a.id not in already]
        return posting.plan(
            post, accounts, everyone, at, self.clock.now(), already, again, self.workspace.media
        )

    def sent_jobs(self, post_id: str) -> dict[str, Job]:
        """Per account id, the finished job that published this post there."""
        return {j.account_id: j for j in self.workspace.outbox.for_post(post_id) if j.state == "done"}

    def post(self, plan: posting.PostPlan, first_comments: dict[str, str] | None = None) -> list[Job]:
        """Queue the plan's sendable accounts in the outbox (one job each); the outbox sends.
        *first_comments* (account id → text): the comment each account adds once its post
        is visible."""
        if plan.too_soon:
            raise ValueError("the schedule time is not in the future")
        return self.outbox.enqueue(
            plan.post, plan.sendable, plan.send_at, again=plan.again, first_comments=first_comments
        )

    def send_due(self) -> list[Job]:
        """Send what is due now and wait (call it off the GUI thread). Returns [] at once
        while another run is under way: that run sends it."""
        return self.outbox.run_due()

    def run_due(self) -> Future[list[Job]] | None:
        """Send what is due, in the background. None when the session is closed."""
        if self.closed:
            return None
        return self.executor.submit(self.send_due)

    def run_until_settled(self) -> list[Job]:
        """Send and wait until nothing is queued or due soon (``siar post --wait``)."""
        return self.outbox.run_until_settled()

    # --- scheduled posts: new time, cancel, missed while closed (issue 13 item 4) -------------------
    def reschedule(self, job_id: str, at: float) -> Job | None:
        """Move a scheduled post to *at* (Unix time): the outbox's hold, or on the platform
        that holds it (the change job returned goes out with the outbox: run ``send_due``).
        ScheduleRefused (``code``: why) when it cannot move."""
        from composer.publish import schedule_change

        change = schedule_change.reschedule(self.workspace.outbox, job_id, at, self.clock.now())
        self._changed(job_id, change)
        return change

    def cancel_scheduled(self, job_id: str) -> Job | None:
        """Cancel a scheduled post, on the platform too if it holds it (ScheduleRefused
        when it is already published or being sent)."""
        from composer.publish import schedule_change

        change = schedule_change.cancel(self.workspace.outbox, job_id, self.clock.now())
        self._changed(job_id, change)
        return change

    def schedule_of(self, job: Job) -> tuple[float, bool] | None:
        """(time, held by the platform) when *job*'s scheduled time can still be changed
        or cancelled; None otherwise."""
        from composer.publish import schedule_change

        return schedule_change.changeable(job, self.clock.now())

    def hold_missed(self) -> list[Job]:
        """At start-up, before the outbox runs: posts Siar held for a time that passed while
        it was closed, paused until the officer decides (send late, new time, cancel).
        A workspace that cannot be written now (a full disk) starts without the question:
        the outbox cannot send anything from it either."""
        import sqlite3

        try:
            return self.workspace.hold_missed(self.clock.now())
        except sqlite3.Error:
            log.exception("could not look for posts missed while Siar was closed")
            return []

    def send_missed(self, job_id: str) -> bool:
        """Send a missed post late, now (run ``send_due``)."""
        sent = self.workspace.outbox.send_missed(job_id)
        self._changed(job_id, None)
        return sent

    def _changed(self, job_id: str, change: Job | None) -> None:
        for job in (self.job(job_id), change):
            if job is not None:
                self._job_changed(job)

    # --- the outbox ------------------------------------------------------------------------------
    def jobs(self, states: tuple[str, ...] = ()) -> list[Job]:
        return self.workspace.outbox.list(states)

    def job(self, job_id: str) -> Job | None:
        return self.workspace.outbox.get(job_id)

    def find_job(self, prefix: str) -> Job | None:
        matches = [j for j in self.workspace.outbox.list() if j.id.startswith(prefix)]
        return matches[0] if len(matches) == 1 else None

    def allowed_actions(self, job: Job) -> frozenset[Action]:
        """What the officer may do to *job* now (the window and the CLI offer only these)."""
        from composer.publish.outbox import allowed_actions

        return allowed_actions(job)

    def act(self, job_id: str, action: Action | str, permalink: str = "") -> bool:
        """Do *action* to a job; False when its state does not allow it (any more).
        MARK_POSTED takes the address the officer found."""
        from composer.store.job_state import Action

        action = Action(action)
        if action is Action.MARK_POSTED:
            return self.outbox.mark_posted(job_id, permalink)
        return self.outbox.act(job_id, action)

    @property
    def paused(self) -> bool:
        return self.outbox.paused

    def set_paused(self, paused: bool) -> None:
        self.outbox.set_paused(paused)

    def progress(self, job_id: str) -> float | None:
        return self.outbox.progress.get(job_id)

    def history(self, query: str = "") -> list[HistoryEntry]:
        return self.workspace.outbox.history(query)

    def set_permalink(self, entry_id: str, permalink: str) -> None:
        self.workspace.outbox.set_permalink(entry_id, permalink)

    # --- accounts --------------------------------------------------------------------------------
    def accounts(self, *, effective: bool = False) -> list[Account]:
        """Every account; *effective*: with "secret missing" where the keyring no longer
        has its secret (nothing is asked of the platform)."""
        registry = self.registry
        accounts = registry.list()
        return [registry.effective(a) for a in accounts] if effective else accounts

    def account(self, key: str) -> Account | None:
        """By id or by name."""
        return self.registry.get(key)

    def check_accounts(self, accounts: list[Account] | None = None) -> list[Account]:
        """Ask each platform whether its account still works (network)."""
        registry = self.registry
        if accounts is None:
            return registry.check_all()
        http = self.http()
        return [registry.check(a, http) for a in accounts]

    def remove_account(self, account: Account) -> None:
        self.registry.remove(account)

    def add_account(self, account: Account, secrets: dict[str, str], health: Health) -> Account:
        """DuplicateAccountName when the name is taken."""
        return self.registry.add(account, secrets, health)

    @property
    def secrets_persist(self) -> bool:
        """Whether secrets outlive this process (a working keyring)."""
        return self.registry.secret_store.persistent

    @property
    def secret_problem(self) -> str:
        """Why the keyring cannot be used ("" when it can)."""
        return str(self.registry.secret_store.problem or "")

    def connect_account(
        self, request: connecting.ConnectRequest
    ) -> list[connecting.Connected] | connecting.FacebookPages:
        """Sign in with the platform (network). Facebook answers with its Pages first:
        finish with :meth:`connect_facebook_page`."""
        from composer.session.connect import connect

        return connect(request, self.http())

    # --- one-button sign-in (issue 14) -------------------------------------------------------
    def connection_profile(self) -> ConnectionProfile | None:
        """The office's connection profile: imported, else bundled, else None (with the
        secrets IT accepted to hand over, from the keyring)."""
        from composer.session import profile_secrets
        from composer.session.sign_in import load_profile

        profile = load_profile(self.workspace.settings)
        return None if profile is None else profile_secrets.attach(self.registry.secret_store, profile)

    def import_profile(self, path: Path) -> ConnectionProfile:
        """Validate and keep the profile in *path*; ProfileError (nothing saved) if wrong.
        A secret IT accepted to hand over (TikTok's) goes to the keyring, not the workspace."""
        from composer.session import profile_secrets
        from composer.session.sign_in import import_profile

        profile = import_profile(self.workspace.settings, path)  # the copy kept has no secret
        profile_secrets.keep(self.registry.secret_store, profile)
        return profile

    def connect_facebook_pasted(
        self, request: connecting.ConnectRequest, pasted: str, state: str
    ) -> connecting.FacebookPages:
        """Facebook's browser flow (§14.3): the Pages of the address the officer pasted."""
        from composer.session.connect import facebook_from_pasted

        return facebook_from_pasted(request, pasted, state, self.http())

    def connect_facebook_page(
        self,
        found: connecting.FacebookPages,
        page: PageChoice,
        name: str,
        instagram_name: str | None,
        image_host: str | None = None,
    ) -> list[connecting.Connected]:
        from composer.accounts.facebook import IMAGE_HOST_PAGE
        from composer.session.connect import facebook_page_accounts

        return facebook_page_accounts(
            found, page, name, instagram_name, self.http(), image_host or IMAGE_HOST_PAGE
        )

    def save_connected(
        self, results: list[connecting.Connected], replace: Account | None = None
    ) -> list[DuplicateAccountName]:
        """Save what a connection found. Reconnecting (*replace*) keeps the account's id
        and name; an account already connected (same platform, id and server) is renewed
        rather than added twice. Returns the names that were already taken."""
        registry = self.registry
        refused: list[DuplicateAccountName] = []
        for result in results:
            try:
                if replace is not None and result.account.platform == replace.platform:
                    registry.replace(replace, result.account, result.secrets, result.health)
                    self.metrics.reconnected(replace.id)
                    continue
                existing = next(
                    (
                        a
                        for a in registry.list()
                        if a.platform == result.account.platform
                        and a.external_id == result.account.external_id
                        and a.api_base == result.account.api_base
                    ),
                    None,
                )
                if existing is not None:
                    registry.replace(existing, result.account, result.secrets, result.health)
                    self.metrics.reconnected(existing.id)  # statistics asked again, afresh
                else:
                    registry.add(result.account, result.secrets, result.health)
            except DuplicateAccountName as exc:
                refused.append(exc)
        return refused

    def start_sandbox(self, *, through_buttons: bool = False) -> list[Account]:
        """Practice accounts on this computer: the fake servers and five Sandbox accounts.
        *through_buttons* (``siar --demo``): connected by the one-button flows, with the
        sandbox's connection profile imported (never in an office's real workspace)."""
        from composer.demo import connect_sandbox
        from composer.sandbox import Sandbox

        if self.sandbox is None:
            self.sandbox = Sandbox.start()
        if through_buttons:
            from composer.session import demo_sign_in

            return demo_sign_in.start(self, self.sandbox)
        return connect_sandbox(self.registry, self.sandbox)
