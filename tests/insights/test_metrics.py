"""Metric snapshots at +1 h, +24 h and +7 d from every platform's fake, late after the
laptop was off, one state for a missing permission, and the daily budgets."""

from __future__ import annotations

import dataclasses

import pytest

from composer import platforms
from composer.sandbox import metrics as fake_metrics
from composer.store.metrics import at_mark
from tests.insights.conftest import START, Env

HOUR = 3600.0
DAY = 86400.0
PLATFORMS = ("facebook", "instagram", "x", "youtube", "wordpress")


def test_snapshots_at_each_mark_grow_on_every_platform(env: Env) -> None:
    entries = {p: env.published(p, START) for p in PLATFORMS}
    assert env.run(START + 0.5 * HOUR) == 0  # nothing is due before +1 h
    assert env.run(START + HOUR + 60) == 5
    assert env.run(START + 2 * HOUR) == 0  # taken once per mark
    assert env.run(START + DAY + 60) == 5
    assert env.run(START + 7 * DAY + 60) == 5
    snaps = env.workspace.metrics.for_entries(e.id for e in entries.values())
    for platform, entry in entries.items():
        marks = [s.mark for s in snaps[entry.id]]
        assert marks == ["1h", "24h", "7d"], platform
        early, day, week = (at_mark(snaps[entry.id], m) for m in ("1h", "24h", "7d"))
        assert early and day and week
        key = "comments" if platform == "wordpress" else "views"
        assert early.metrics[key] <= day.metrics[key] < week.metrics[key], platform
        assert day.metrics["interactions"] > 0, platform
        assert not day.late
    fb = at_mark(snaps[entries["facebook"].id], "24h")
    assert fb and set(fb.metrics) >= {"likes", "comments", "shares", "clicks", "views", "reach"}
    ig = at_mark(snaps[entries["instagram"].id], "24h")
    assert ig and set(ig.metrics) >= {
        "views",
        "reach",
        "likes",
        "comments",
        "shares",
        "saved",
        "interactions",
    }


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_late_snapshot_after_the_laptop_was_off_says_when_it_was_taken(env: Env, platform: str) -> None:
    entry = env.published(platform, START)
    assert env.run(START + 30 * HOUR) == 1  # off from before +1 h until after +24 h
    [snap] = env.workspace.metrics.for_entries([entry.id])[entry.id]
    assert snap.mark == "24h" and snap.due_at == START + DAY and snap.taken_at == START + 30 * HOUR
    assert snap.late and snap.metrics["interactions"] > 0


def test_missing_insights_permission_is_one_state_per_account_and_counts_still_come(env: Env) -> None:
    ig = env.account("instagram")
    fake_metrics.deny(env.sandbox.graph, ig.external_id)
    entries = [env.published("instagram", START + i * 60) for i in range(3)]
    asked = env.sandbox.graph.requests_to(r"/insights$")
    assert env.run(START + 2 * HOUR) == 3
    assert env.sandbox.graph.requests_to(r"/insights$") - asked == 1  # refused once, not per post
    assert env.service.needs_reconnect(ig.id)
    snaps = env.workspace.metrics.for_entries(e.id for e in entries)
    assert all(s[0].metrics["likes"] > 0 for s in snaps.values())
    env.published("instagram", START + 2 * HOUR)
    asked = env.sandbox.graph.requests_to(r"/insights$")
    assert env.run(START + 4 * HOUR) == 1
    assert env.sandbox.graph.requests_to(r"/insights$") == asked  # not asked again until reconnected


def test_an_account_that_cannot_read_statistics_is_skipped_until_reconnected(env: Env) -> None:
    youtube = env.account("youtube")
    fake_metrics.deny(env.sandbox.google, youtube.external_id)
    env.published("youtube", START)
    assert env.run(START + 2 * HOUR) == 0
    assert env.service.needs_reconnect(youtube.id)
    asked = env.sandbox.google.requests_to(r"/youtube/v3/videos$")
    env.run(START + 3 * HOUR)
    assert env.sandbox.google.requests_to(r"/youtube/v3/videos$") == asked
    fake_metrics.allow(env.sandbox.google, youtube.external_id)
    env.service.reconnected(youtube.id)
    assert env.run(START + 4 * HOUR) == 1


def test_the_daily_budget_holds_and_the_rest_waits_for_tomorrow(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = dataclasses.replace(platforms.BY_ID["wordpress"], metrics_budget=4)
    monkeypatch.setitem(platforms.BY_ID, "wordpress", entry)
    for i in range(6):
        env.published("wordpress", START + i)
    before = env.sandbox.wordpress.requests_to(r"/comments$")
    result = env.service.run_due(START + 2 * HOUR)
    assert (result.taken, result.waiting) == (4, 2)
    # The four in one listing (insights/wordpress.py); the budget is charged the most they could take.
    assert env.sandbox.wordpress.requests_to(r"/comments$") - before == 1
    assert env.service.spent("wordpress", START + 2 * HOUR) == 4
    assert env.service.run_due(START + 3 * HOUR).taken == 0  # same UTC day: spent
    # START is 08:26 UTC: 16 h later is the next UTC day, and the two that waited are taken, late.
    assert env.service.run_due(START + 16 * HOUR).taken == 2
    late = [
        s
        for snaps in env.workspace.metrics.for_entries(e.id for e in env.workspace.outbox.history()).values()
        for s in snaps
        if s.late
    ]
    assert len(late) == 2 and {s.mark for s in late} == {"1h"}


def test_metrics_after_a_real_publish_through_the_outbox(env: Env) -> None:
    """The history entry the outbox writes is what the service snapshots (wire formats agree)."""
    from composer.core.post import Post
    from composer.publish.outbox import Outbox

    env.sandbox.graph.container_polls_needed = 0
    outbox = Outbox(env.workspace, env.registry, clock=env.clock, sleep=env.clock.sleep)
    post = Post(title="Uji", text="Pelayanan paspor tetap buka saat libur #ImigrasiMelayani")
    env.workspace.drafts.save(post)
    accounts = [env.account(p) for p in ("facebook", "x", "wordpress")]
    outbox.enqueue(post, accounts)
    outbox.run_until_settled()
    published = env.clock()
    history = env.workspace.outbox.history()
    assert len(history) == 3
    fake_clock = env.clock
    fake_clock.advance_to(published + DAY + 60)
    assert env.service.run_due(fake_clock()).taken == 3


def test_siar_metrics_shows_budgets_cost_and_the_reconnect_state(env: Env) -> None:
    import io

    from composer import cli

    fake_metrics.deny(env.sandbox.google, env.account("youtube").external_id)
    env.published("youtube", START)
    env.run(START + 2 * HOUR)
    out = io.StringIO()
    assert cli.main(["metrics"], out) == 0
    text = out.getvalue()
    assert "YouTube: 1 of 1000 requests today" not in text  # the budget is per UTC day of *now*
    assert "of 1000 requests today" in text and "of 48 requests today" in text
    assert "$0.10 per 100 posts" in text
    assert f"{env.account('youtube').name}: Reconnect to allow statistics" in text
    assert env.account("facebook").name not in text


def test_on_demand_snapshot_is_taken_now_and_does_not_replace_the_marks(env: Env) -> None:
    entry = env.published("x", START)
    env.run(START + HOUR + 60)
    env.clock.advance_to(START + 5 * HOUR)  # the sandbox's clock too
    result = env.service.snapshot_now([entry.id], env.clock())
    assert result.taken == 1
    snaps = env.workspace.metrics.for_entries([entry.id])[entry.id]
    assert [s.mark for s in snaps] == ["1h", "now"]
    assert snaps[1].taken_at == START + 5 * HOUR and snaps[1].metrics["views"] > snaps[0].metrics["views"]
    assert env.run(START + DAY + 60) == 1  # the +24 h mark is still taken


def test_x_statistics_can_be_turned_off_and_no_read_is_billed(env: Env) -> None:
    import io

    from composer import cli

    assert cli.main(["metrics", "--off", "x"], io.StringIO()) == 0
    env.published("x", START)
    env.published("wordpress", START)
    assert env.run(START + 2 * HOUR) == 1  # WordPress only
    assert fake_metrics.billed_usd(env.sandbox.x) == 0
    out = io.StringIO()
    assert cli.main(["metrics", "--on", "x"], out) == 0 and "X: statistics off" not in out.getvalue()
    assert env.run(START + 3 * HOUR) == 1
    assert fake_metrics.billed_usd(env.sandbox.x) > 0
    assert cli.main(["metrics", "--off", "tiktokk"], io.StringIO()) == 2


def test_an_answer_not_as_documented_waits_instead_of_stopping_the_run(env: Env) -> None:
    from composer.sandbox import Fault

    entries = [env.published("youtube", START), env.published("wordpress", START)]
    env.sandbox.google.inject(
        Fault(r"/youtube/v3/videos$", "status", 200, body={"items": [{"statistics": {}}]})
    )
    result = env.service.run_due(START + 2 * HOUR)
    assert (result.taken, result.waiting) == (1, 1)  # WordPress still measured
    assert env.service.run_due(START + 3 * HOUR).taken == 1  # YouTube on the next run
    assert all(env.workspace.metrics.for_entries(e.id for e in entries).values())
