"""The application session, between the window/CLI and the services below them.

The window (composer/ui) and the command line (composer/cli*.py) import this package and
domain types, never composer.store: the import-linter contracts in pyproject.toml say so.
The store's domain types and errors they show are re-exported here for that reason.

Each name loads its module on first use: the window's first paint needs the session,
its drafts and preferences, not the outbox's jobs, the connection flows or the posting
checks (issue 17, start-up)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from composer.publish.schedule_change import ScheduleRefused
    from composer.session.connect import Connected, ConnectRequest, FacebookPages
    from composer.session.executor import Cancelled, Executor
    from composer.session.posting import PostPlan
    from composer.session.session import Session, open_sessions
    from composer.store.accounts import DuplicateAccountName
    from composer.store.db import NewerWorkspaceError
    from composer.store.drafts import DamagedDraftError, DraftStore, DraftSummary
    from composer.store.job_state import Action, JobState
    from composer.store.media import MediaError, MediaStore
    from composer.store.outbox import HistoryEntry, Job
    from composer.store.settings import Preferences
    from composer.store.workspace import Workspace

_HOMES = {
    "Action": "composer.store.job_state",
    "Cancelled": "composer.session.executor",
    "ConnectRequest": "composer.session.connect",  # the HTTP stack: when an account is connected
    "Connected": "composer.session.connect",
    "DamagedDraftError": "composer.store.drafts",
    "DraftStore": "composer.store.drafts",
    "DraftSummary": "composer.store.drafts",
    "DuplicateAccountName": "composer.store.accounts",
    "Executor": "composer.session.executor",
    "FacebookPages": "composer.session.connect",
    "HistoryEntry": "composer.store.outbox",
    "Job": "composer.store.outbox",
    "JobState": "composer.store.job_state",
    "MediaError": "composer.store.media",
    "MediaStore": "composer.store.media",
    "NewerWorkspaceError": "composer.store.db",
    "PostPlan": "composer.session.posting",  # the preflight and every platform's checks
    "Preferences": "composer.store.settings",
    "ScheduleRefused": "composer.publish.schedule_change",  # the platform clients behind it
    "Session": "composer.session.session",
    "Workspace": "composer.store.workspace",
    "open_sessions": "composer.session.session",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(name)
    value = getattr(import_module(home), name)
    globals()[name] = value  # the next lookup is a plain one
    return value


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
