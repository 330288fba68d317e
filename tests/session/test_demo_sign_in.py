"""``make run``: the demo connects its accounts through the one-button flows (issue 14)."""

from __future__ import annotations

import pytest

from composer.sandbox import graph
from composer.session import Session
from tests.memory_keyring import MemoryKeyring


def test_the_demo_connects_its_accounts_through_the_buttons(
    session: Session, memory_keyring: MemoryKeyring
) -> None:
    accounts = session.start_sandbox(through_buttons=True)
    assert session.sandbox is not None
    assert sorted(a.platform for a in accounts) == [
        "facebook",
        "instagram",
        "tiktok",
        "wordpress",
        "x",
        "youtube",
    ]
    assert session.sandbox.tiktok.grants  # TikTok through its button, with the profile's secret
    assert {a.name for a in accounts} >= {"Kanim Contoh — Facebook", "Situs Kanim Contoh"}
    by_platform = {a.platform: a for a in accounts}
    assert by_platform["x"].auth == "oauth2" and by_platform["x"].settings["connected_with"] == "profile"
    assert session.sandbox.graph.device_grants  # Facebook went through device login
    assert session.sandbox.wordpress.app_passwords  # WordPress through Authorize Application
    assert memory_keyring.values == {}  # sandbox tokens stay in memory for the run
    profile = session.connection_profile()
    assert profile is not None and profile.get("facebook")["app_id"] == graph.APP_ID
    checked = session.check_accounts()
    assert all(a.health.state == "ok" for a in checked), [(a.name, a.health) for a in checked]


@pytest.mark.usefixtures("memory_keyring")
def test_the_plain_sandbox_leaves_the_offices_profile_alone(session: Session) -> None:
    session.start_sandbox()
    assert session.connection_profile() is None


@pytest.mark.usefixtures("memory_keyring")
def test_the_demo_history_and_metrics_work_on_the_accounts_the_buttons_connected(session: Session) -> None:
    import time

    from composer.demo import seed, seed_history

    seed(session.workspace)
    session.start_sandbox(through_buttons=True)
    assert session.sandbox is not None
    assert seed_history(session.workspace, session.registry, session.sandbox, time.time()) > 0
    assert {e.platform for e in session.history()} >= {"facebook", "x", "youtube", "wordpress"}
