"""The metrics service asks each platform as little as its documents allow: YouTube's
access token is reused between runs while it is valid, and an account is read at most
every half hour, so what comes due close together shares one request."""

from __future__ import annotations

from tests.insights.conftest import START, Env

MINUTE, HOUR = 60.0, 3600.0
TOKEN = r"/token$"
VIDEOS = r"/youtube/v3/videos$"


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
