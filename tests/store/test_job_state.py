"""The one table of job states and actions: the outbox does exactly what
``allowed_actions`` promises the window and the CLI, and the stored strings never change."""

from __future__ import annotations

import pytest

from composer import platforms
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.publish.outbox import Outbox, allowed_actions
from composer.store.job_state import TRANSITIONS, Action, JobState
from composer.store.workspace import Workspace


def test_stored_values_are_the_old_strings() -> None:
    assert [s.value for s in JobState] == [
        "queued",
        "running",
        "waiting",
        "needs_check",
        "failed",
        "paused",
        "cancelled",
        "done",
    ]


@pytest.mark.parametrize("state", list(JobState))
def test_the_outbox_allows_exactly_the_actions_offered(state: JobState) -> None:
    workspace = Workspace()
    registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
    outbox = Outbox(workspace, registry)
    try:
        for action in Action:
            job = workspace.outbox.add("post", "account", "x", {"text": "t"})
            job.state = state
            workspace.outbox.save(job)
            offered = action in allowed_actions(job)
            if action is Action.MARK_POSTED:
                done = outbox.mark_posted(job.id, "https://x.com/kanim/status/1")
            else:
                done = outbox.act(job.id, action)
            assert done == offered, (state, action)
            after = workspace.outbox.get(job.id)
            assert after is not None
            assert after.state == (TRANSITIONS[action][1] if offered else state), (state, action)
            assert isinstance(after.state, JobState)
    finally:
        workspace.close()
