"""The metrics service asks each platform as little as its documents allow: YouTube's
access token is reused between runs while it is valid."""

from __future__ import annotations

from tests.insights.conftest import START, Env

MINUTE, HOUR = 60.0, 3600.0
TOKEN = r"/token$"


def test_youtube_reuses_its_access_token_between_runs_and_renews_it_when_refused(env: Env) -> None:
    google = env.sandbox.google
    for n in range(4):
        env.published("youtube", START + n * 20 * MINUTE)
    before = google.requests_to(TOKEN, "POST")
    for n in range(3):  # three runs, 20 minutes apart, each with one +1 h snapshot due
        assert env.run(START + HOUR + n * 20 * MINUTE + MINUTE) == 1
    assert google.requests_to(TOKEN, "POST") - before == 1  # was one per run

    google.expire_access_tokens()  # refused before its time (revoked, or the hour ran out)
    assert env.run(START + HOUR + 60 * MINUTE + MINUTE) == 1  # taken all the same
    assert google.requests_to(TOKEN, "POST") - before == 2
    assert not env.service.needs_reconnect(env.account("youtube").id)

    env.published("youtube", START + 2 * HOUR)
    assert env.run(START + 3 * HOUR + 2 * MINUTE) == 1  # 61 minutes later: a new token
    assert google.requests_to(TOKEN, "POST") - before == 3
