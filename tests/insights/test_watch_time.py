"""YouTube watch time from YouTube Analytics: asked only when the account granted
``yt-analytics.readonly``; otherwise one "Reconnect to allow statistics" and the counts
still come (issue 15 item 1, PLATFORMS.md §12.1)."""

from __future__ import annotations

import io

from composer import cli
from composer.sandbox import metrics as fake_metrics
from tests.insights.conftest import START, Env

HOUR, DAY = 3600.0, 86400.0


def _snapshots(env: Env, history_id: str) -> dict[str, dict[str, int]]:
    return {s.mark: dict(s.metrics) for s in env.workspace.metrics.for_entries([history_id])[history_id]}


def test_watch_time_arrives_with_the_seven_day_snapshot(env: Env) -> None:
    entry = env.published("youtube", START)
    assert env.run(START + DAY + 60) == 1
    assert env.run(START + 7 * DAY + 60) == 1
    snaps = _snapshots(env, entry.id)
    assert "watch_minutes" not in snaps["24h"]  # Analytics lags: not there yet, and not a 0
    assert snaps["7d"]["watch_minutes"] == snaps["7d"]["views"] * 7 // 10  # the fake's figure
    assert snaps["7d"]["interactions"] == snaps["7d"]["likes"] + snaps["7d"]["comments"]  # not counted in
    assert fake_metrics.analytics_requests(env.sandbox.google) == 2  # one report per batch of videos
    assert not env.service.needs_reconnect(env.account("youtube").id)


def test_without_the_analytics_scope_one_reconnect_line_and_the_counts_still_come(env: Env) -> None:
    fake_metrics.deny_analytics(env.sandbox.google)  # the officer unticked it on Google's screen
    entries = [env.published("youtube", START), env.published("youtube", START + HOUR)]
    assert env.run(START + DAY + 2 * HOUR) == 2
    assert env.run(START + 7 * DAY + 2 * HOUR) == 2
    for entry in entries:
        snaps = _snapshots(env, entry.id)
        assert snaps["7d"]["views"] > 0 and "watch_minutes" not in snaps["7d"]
    assert fake_metrics.analytics_requests(env.sandbox.google) == 0  # never asked without the scope
    youtube = env.account("youtube")
    assert "yt-analytics.readonly" in env.service.needs_reconnect(youtube.id)
    out = io.StringIO()
    assert cli.main(["metrics"], out) == 0
    assert out.getvalue().count(f"{youtube.name}: Reconnect to allow statistics") == 1


def test_an_analytics_api_that_refuses_marks_the_account_once(env: Env) -> None:
    from composer.sandbox.server import Fault

    entry = env.published("youtube", START)
    env.sandbox.google.faults.append(
        Fault(
            r"/v2/reports$",
            "status",
            403,
            body={"error": {"code": 403, "message": "YouTube Analytics API has not been used in project",
                            "errors": [{"reason": "accessNotConfigured", "domain": "usageLimits"}]}},
            times=1,
        )
    )  # fmt: skip
    assert env.run(START + 7 * DAY + 60) == 1
    assert "watch_minutes" not in _snapshots(env, entry.id)["7d"]
    assert "yt-analytics.readonly" in env.service.needs_reconnect(env.account("youtube").id)
    later = env.published("youtube", START + 2 * DAY)
    assert env.run(START + 9 * DAY + 60) == 1  # the +7 d of the second
    assert "watch_minutes" not in _snapshots(env, later.id)["7d"]
    assert env.sandbox.google.requests_to(r"/v2/reports$") == 1  # not asked again
