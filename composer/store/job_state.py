"""An outbox job's state, what the officer may do in each state, and what each is called.

This is the one table: the outbox enforces it, and the window and the CLI ask
``allowed_actions`` rather than repeating it. The values are the strings stored in the
``jobs.state`` column, so they never change.
"""

from __future__ import annotations

from enum import StrEnum

from composer.i18n import N_


class JobState(StrEnum):
    QUEUED = "queued"  # ready to run
    RUNNING = "running"  # claimed by a process (owner, heartbeat)
    WAITING = "waiting"  # a retryable failure (or a schedule): runs again at next_at
    NEEDS_CHECK = "needs_check"  # may or may not have posted; the platform could not tell
    FAILED = "failed"  # the platform refused: the officer must act
    PAUSED = "paused"
    CANCELLED = "cancelled"
    DONE = "done"

    @property
    def label(self) -> str:
        """The state for the officer (an i18n msgid: pass it through ``_()``)."""
        return _LABELS[self]

    @property
    def short_label(self) -> str:
        """One or two words, for a progress bar (an i18n msgid)."""
        return _SHORT_LABELS.get(self, _LABELS[self])


class Action(StrEnum):
    """What the officer can do to a job."""

    PAUSE = "pause"
    RESUME = "resume"
    RETRY = "retry"  # try again now; a step in flight is still checked with the platform first
    CANCEL = "cancel"
    MARK_POSTED = "mark_posted"  # "needs checking": the officer found it on the platform
    POST_ANYWAY = "post_anyway"  # "needs checking": the officer looked and it is not there


S = JobState

# action: (the states it is allowed from, the state it leads to)
TRANSITIONS: dict[Action, tuple[frozenset[JobState], JobState]] = {
    Action.PAUSE: (frozenset({S.QUEUED, S.WAITING, S.RUNNING}), S.PAUSED),
    Action.RESUME: (frozenset({S.PAUSED}), S.QUEUED),
    Action.RETRY: (frozenset({S.FAILED, S.WAITING, S.NEEDS_CHECK, S.PAUSED}), S.QUEUED),
    Action.CANCEL: (
        frozenset({S.QUEUED, S.WAITING, S.PAUSED, S.FAILED, S.NEEDS_CHECK, S.RUNNING}),
        S.CANCELLED,
    ),
    Action.MARK_POSTED: (frozenset({S.NEEDS_CHECK, S.FAILED}), S.DONE),
    Action.POST_ANYWAY: (frozenset({S.NEEDS_CHECK}), S.QUEUED),
}
ACTIVE = (S.QUEUED, S.RUNNING, S.WAITING)  # the outbox still has work to do
FINAL = (S.CANCELLED, S.DONE)  # nothing more will happen

_LABELS = {
    S.QUEUED: N_("Queued"),
    S.RUNNING: N_("Sending…"),
    S.WAITING: N_("Waiting to retry"),
    S.NEEDS_CHECK: N_("Needs checking"),
    S.FAILED: N_("Not posted"),
    S.PAUSED: N_("Paused"),
    S.CANCELLED: N_("Cancelled"),
    S.DONE: N_("Posted"),
}
_SHORT_LABELS = {S.WAITING: N_("Waiting"), S.NEEDS_CHECK: N_("Check")}


def allowed_from(action: Action) -> frozenset[JobState]:
    return TRANSITIONS[action][0]


def allowed_actions(state: str) -> frozenset[Action]:
    """The actions the officer may take on a job in *state*."""
    return frozenset(action for action, (sources, _target) in TRANSITIONS.items() if state in sources)
