"""The metrics service asks each platform as little as its documents allow: YouTube's
access token is reused between runs while it is valid, an account is read at most every
half hour, so what comes due close together shares one request, and Facebook's and
Instagram's reads travel in Graph batches of up to 50 calls."""

from __future__ import annotations

import json
import re

import pytest
import requests

from composer.sandbox import metrics as fake_metrics
from tests.insights.conftest import START, Env

MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
TOKEN = r"/token$"
VIDEOS = r"/youtube/v3/videos$"
COMMENTS = r"/wp/v2/comments$"
BATCH = re.compile(r"/v\d+\.\d+/?")


def test_youtube_reuses_its_access_token_between_runs_and_renews_it_when_refused(env: Env) -> None:
    google = env.sandbox.google
    for minutes in (0, 31, 62, 112):
        env.published("youtube", START + minutes * MINUTE)
    before = google.requests_to(TOKEN, "POST")
    assert env.run(START + HOUR + 1 * MINUTE) == 1
    assert google.requests_to(TOKEN, "POST") - before == 1

    google.expire_access_tokens()  # refused before its time (revoked, or the hour ran out)
    assert env.run(START + HOUR + 32 * MINUTE) == 1  # taken all the same, with a new token
    assert google.requests_to(TOKEN, "POST") - before == 2
    assert not env.service.needs_reconnect(env.account("youtube").id)

    assert env.run(START + HOUR + 63 * MINUTE) == 1  # 31 minutes later: the same token
    assert google.requests_to(TOKEN, "POST") - before == 2  # was one per run

    assert env.run(START + HOUR + 113 * MINUTE) == 1  # 50 minutes later: a new one
    assert google.requests_to(TOKEN, "POST") - before == 3


def test_an_account_is_read_at_most_every_half_hour_and_what_came_due_shares_the_next_read(
    env: Env,
) -> None:
    google = env.sandbox.google
    entries = [env.published("youtube", START + minutes * MINUTE) for minutes in (0, 15, 30)]
    before = google.requests_to(VIDEOS, "GET")
    assert env.run(START + HOUR + 1 * MINUTE) == 1
    result = env.service.run_due(START + HOUR + 16 * MINUTE)  # 15 minutes after the read
    assert (result.taken, result.waiting) == (0, 1)
    assert env.run(START + HOUR + 31 * MINUTE) == 2  # both in one videos.list
    assert google.requests_to(VIDEOS, "GET") - before == 2  # was one per run: 3
    snaps = env.workspace.metrics.for_entries(e.id for e in entries)
    assert [s.mark for s in snaps[entries[1].id]] == ["1h"] and not snaps[entries[1].id][0].late
    # Asked for by the officer: at once, whenever the last read was.
    assert env.service.snapshot_now([entries[0].id], START + HOUR + 32 * MINUTE).taken == 1


def _batches(env: Env) -> list[str]:
    return [path for method, path in env.sandbox.graph.log if method == "POST" and BATCH.fullmatch(path)]


def test_facebook_reads_120_posts_in_batches_of_at_most_50_calls(env: Env) -> None:
    graph = env.sandbox.graph
    entries = [env.published("facebook", START + n) for n in range(120)]
    served, batches = fake_metrics.requests_served(graph), len(_batches(env))
    assert env.run(START + HOUR + 3 * MINUTE) == 120
    # 120 count reads + the first post's insights, then the other 119 insights: 121 + 119
    # calls in batches of 50 (was 240 requests).
    assert len(_batches(env)) - batches == 6
    assert fake_metrics.requests_served(graph) - served == 240  # Meta counts each call
    snaps = env.workspace.metrics.for_entries(e.id for e in entries)
    assert all({"views", "reach", "clicks", "likes"} <= set(s[0].metrics) for s in snaps.values())

    more = [env.published("facebook", START + 2 * HOUR + n) for n in range(30)]
    assert env.run(START + 3 * HOUR + MINUTE) == 30
    assert len(_batches(env)) - batches == 6 + 2  # insights known to work: 60 calls at once
    assert all(env.workspace.metrics.for_entries([e.id])[e.id] for e in more)


def test_the_graph_fake_refuses_a_batch_of_more_than_50_calls_and_counts_each_call(env: Env) -> None:
    account = env.account("facebook")
    token = env.registry.secrets(account)["page_token"]
    post = env.published("facebook", START)
    http = requests.Session()
    http.trust_env = False

    def send(calls: int) -> requests.Response:
        batch = [{"method": "GET", "relative_url": f"{post.platform_id}?fields=shares"}] * calls
        return http.post(
            f"{env.sandbox.graph.base_url}/v26.0/",
            data={"batch": json.dumps(batch)},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )

    served = fake_metrics.requests_served(env.sandbox.graph)
    refused = send(51)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == 100
    assert fake_metrics.requests_served(env.sandbox.graph) == served  # nothing was read
    answered = send(50)
    assert answered.status_code == 200 and len(answered.json()) == 50
    assert all(
        item["code"] == 200 and json.loads(item["body"])["id"] == post.platform_id for item in answered.json()
    )
    assert fake_metrics.requests_served(env.sandbox.graph) - served == 50
    http.close()


def test_youtube_asks_for_60_videos_in_two_calls_and_the_fake_refuses_more_than_50_ids(env: Env) -> None:
    google = env.sandbox.google
    for n in range(60):
        env.published("youtube", START + n)
    before = google.requests_to(VIDEOS, "GET")
    assert env.run(START + HOUR + 2 * MINUTE) == 60
    assert google.requests_to(VIDEOS, "GET") - before == 2
    http = requests.Session()
    http.trust_env = False
    refused = http.get(
        f"{google.base_url}/youtube/v3/videos",
        params={"part": "statistics", "id": ",".join(f"v{n}" for n in range(51))},
        headers={"Authorization": f"Bearer {google.issue()[0]}"},
        timeout=10,
    )
    http.close()
    assert refused.status_code == 400


def test_youtube_analytics_is_not_asked_about_a_video_less_than_a_day_old(env: Env) -> None:
    entry = env.published("youtube", START)
    assert env.run(START + HOUR + MINUTE) == 1
    assert fake_metrics.analytics_requests(env.sandbox.google) == 0  # was 1, always answered with no row
    assert not env.service.needs_reconnect(env.account("youtube").id)
    assert env.run(START + 24 * HOUR + MINUTE) == 1
    assert fake_metrics.analytics_requests(env.sandbox.google) == 1
    assert [s.mark for s in env.workspace.metrics.for_entries([entry.id])[entry.id]] == ["1h", "24h"]


def test_x_does_not_read_its_timeline_for_posts_older_than_the_page_reaches(env: Env) -> None:
    x = env.sandbox.x
    for n in range(120):  # one a minute: the page of the newest 100 starts at the 21st
        env.published("x", START + n * MINUTE)
    timeline, lookup = r"/2/users/\d+/tweets$", r"/2/tweets$"
    assert env.run(START + 3 * HOUR) == 120
    assert (x.requests_to(timeline), x.requests_to(lookup)) == (1, 1)  # the first 20 by lookup
    billed = fake_metrics.billed_usd(x)
    assert env.run(START + 24 * HOUR + 10 * MINUTE) == 11  # the first 11: all older than the page
    assert (x.requests_to(timeline), x.requests_to(lookup)) == (1, 2)  # was (2, 2): 100 billed for nothing
    assert fake_metrics.billed_usd(x) - billed == pytest.approx(11 * fake_metrics.X_LOOKUP_USD)
    assert env.run(START + 26 * HOUR) == 109  # the rest, on the page again
    assert x.requests_to(timeline) == 2


def test_when_only_day_old_figures_are_due_an_account_is_read_at_most_every_50_minutes(env: Env) -> None:
    first, second = env.published("youtube", START), env.published("youtube", START + 35 * MINUTE)
    assert env.run(START + 2 * HOUR) == 2  # both +1 h marks, in one read
    assert env.run(START + 24 * HOUR + MINUTE) == 1  # the first's +24 h
    result = env.service.run_due(START + 24 * HOUR + 36 * MINUTE)  # the second's, 35 min after a read
    assert (result.taken, result.waiting) == (0, 1)  # was taken at once
    assert env.run(START + 24 * HOUR + 51 * MINUTE) == 1
    day = [s for s in env.workspace.metrics.for_entries([second.id])[second.id] if s.mark == "24h"]
    assert len(day) == 1 and not day[0].late
    assert [s.mark for s in env.workspace.metrics.for_entries([first.id])[first.id]] == ["1h", "24h"]


def test_wordpress_counts_several_posts_from_one_listing_and_never_asks_more_than_once_a_post(
    env: Env,
) -> None:
    wp = env.sandbox.wordpress
    few = [env.published("wordpress", START + n) for n in range(3)]
    before = wp.requests_to(COMMENTS)
    assert env.run(START + 2 * HOUR) == 3  # a few comments each: one page holds them all
    assert wp.requests_to(COMMENTS) - before == 1  # was 3
    for entry in few:
        [snap] = env.workspace.metrics.for_entries([entry.id])[entry.id]
        expected = fake_metrics.counts(entry.platform_id, 2 * HOUR - (entry.published_at - START))
        assert snap.metrics["comments"] == expected["comments"]
    # A week on, about 40-80 comments a post: the listing holds the first ones whole, the
    # others are asked alone, and no more requests than posts are made.
    before = wp.requests_to(COMMENTS)
    assert env.run(START + 7 * DAY + HOUR) == 3
    assert wp.requests_to(COMMENTS) - before <= 3
    for entry in few:
        week = [s for s in env.workspace.metrics.for_entries([entry.id])[entry.id] if s.mark == "7d"]
        expected = fake_metrics.counts(entry.platform_id, 7 * DAY + HOUR - (entry.published_at - START))
        assert week[0].metrics["comments"] == expected["comments"] > 0


def test_an_on_demand_snapshot_moves_no_scheduled_one_later(env: Env) -> None:
    first, second = env.published("youtube", START), env.published("youtube", START + MINUTE)
    assert env.run(START + 2 * HOUR) == 2  # both +1 h marks
    assert env.run(START + DAY) == 1  # the first's +24 h: the scheduled read
    assert env.run(START + DAY + 5 * MINUTE) == 0  # the second's waits for the pace
    assert env.service.snapshot_now([first.id], START + DAY + 49 * MINUTE).taken == 1  # the officer asks
    assert env.run(START + DAY + 50 * MINUTE) == 1  # still the next scheduled read: not 50 min more
    day = [s for s in env.workspace.metrics.for_entries([second.id])[second.id] if s.mark == "24h"]
    assert len(day) == 1 and not day[0].late


def test_a_clock_set_back_does_not_hold_the_snapshots_until_it_catches_up(env: Env) -> None:
    env.published("youtube", START)
    env.service.run_due(START + 2 * DAY)  # a clock a day ahead: the +24 h read then
    env.clock.advance_to(START + 2 * DAY)
    second = env.published("youtube", START + 2 * HOUR)
    result = env.service.run_due(START + 3 * HOUR + 5 * MINUTE)  # the clock put right
    assert result.taken == 1 and [
        s.mark for s in env.workspace.metrics.for_entries([second.id])[second.id]
    ] == ["1h"]


def test_a_snapshot_never_waits_for_the_pace_until_it_would_count_as_late(env: Env) -> None:
    env.service.read_every = env.service.read_every_settled = 3 * HOUR  # a pace longer than an hour
    env.published("youtube", START)
    second = env.published("youtube", START + 10 * MINUTE)
    assert env.run(START + HOUR) == 1  # the first's +1 h
    waited = [env.run(START + HOUR + minutes * MINUTE) for minutes in range(5, 60, 5)]
    assert sum(waited) == 1 and waited.index(1) < 10  # read within 40 minutes of its mark
    snaps = env.workspace.metrics.for_entries([second.id])[second.id]
    assert [s.mark for s in snaps] == ["1h"] and not snaps[0].late
