"""The application session, between the window/CLI and the services below them.

The window (composer/ui) and the command line (composer/cli*.py) import this package and
domain types, never composer.store: the import-linter contracts in pyproject.toml say so.
The store's domain types and errors they show are re-exported here for that reason."""

from typing import TYPE_CHECKING, Any

from composer.session.executor import Cancelled, Executor
from composer.session.session import Session, open_sessions
from composer.store.accounts import DuplicateAccountName
from composer.store.db import NewerWorkspaceError
from composer.store.drafts import DamagedDraftError, DraftStore, DraftSummary
from composer.store.job_state import Action, JobState
from composer.store.media import MediaError, MediaStore
from composer.store.outbox import HistoryEntry, Job
from composer.store.settings import Preferences
from composer.store.workspace import Workspace

if TYPE_CHECKING:
    from composer.publish.schedule_change import ScheduleRefused
    from composer.session.connect import Connected, ConnectRequest, FacebookPages
    from composer.session.posting import PostPlan


def __getattr__(name: str) -> Any:
    # Connecting needs the HTTP stack: loaded when an account is connected, not at start-up.
    if name in ("Connected", "ConnectRequest", "FacebookPages"):
        from composer.session import connect

        return getattr(connect, name)
    if name == "ScheduleRefused":  # the platform clients behind it load when a time is changed
        from composer.publish import schedule_change

        return schedule_change.ScheduleRefused
    if name == "PostPlan":  # the preflight and every platform's checks: loaded when a post is planned
        from composer.session.posting import PostPlan

        return PostPlan
    raise AttributeError(name)


__all__ = [
    "Action",
    "Cancelled",
    "ConnectRequest",
    "Connected",
    "DamagedDraftError",
    "DraftStore",
    "DraftSummary",
    "DuplicateAccountName",
    "Executor",
    "FacebookPages",
    "HistoryEntry",
    "Job",
    "JobState",
    "MediaError",
    "MediaStore",
    "NewerWorkspaceError",
    "PostPlan",
    "Preferences",
    "ScheduleRefused",
    "Session",
    "Workspace",
    "open_sessions",
]
