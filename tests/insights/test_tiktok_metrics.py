"""TikTok counts from the Display API's video/query (scope video.list): a public video is
measured; an inbox upload (no video id) and a private post are not, and cost no request
they cannot answer; a token without video.list is one "Reconnect to allow statistics"."""

from __future__ import annotations

import uuid

from composer.sandbox import metrics as fake_metrics
from composer.store.outbox import HistoryEntry
from tests.insights.conftest import START, Env

DAY = 86400.0
QUERY = r"/v2/video/query/$"


def _snapshots(env: Env, history_id: str) -> dict[str, dict[str, int]]:
    return {
        s.mark: dict(s.metrics) for s in env.workspace.metrics.for_entries([history_id]).get(history_id, [])
    }


def test_a_public_tiktok_video_gets_its_counts(env: Env) -> None:
    entry = env.published("tiktok", START)
    assert env.run(START + DAY + 60) == 1
    day = _snapshots(env, entry.id)["24h"]
    expected = fake_metrics.counts(entry.platform_id, DAY + 60)
    assert day["views"] == expected["views"] > 0
    assert (day["likes"], day["comments"], day["shares"]) == (
        expected["likes"], expected["comments"], expected["shares"],
    )  # fmt: skip
    assert day["interactions"] == day["likes"] + day["comments"] + day["shares"]
    assert "reach" not in day and "saved" not in day  # not in the Display API: left out, not 0
    assert env.sandbox.tiktok.requests_to(QUERY) == 1


def test_inbox_uploads_and_private_posts_have_no_figures(env: Env) -> None:
    account = env.account("tiktok")
    inbox = HistoryEntry(
        uuid.uuid4().hex, uuid.uuid4().hex, account.id, account.name, "tiktok", "Video layanan",
        platform_id="v_inbox_file~v2-1.7400000000000012345", published_at=START,
    )  # fmt: skip
    env.workspace.outbox.record(inbox)
    assert env.run(START + DAY + 60) == 0
    assert env.sandbox.tiktok.requests_to(QUERY) == 0  # no id to ask about: no request

    private = env.published("tiktok", START + 2 * DAY)
    upload = next(u for u in env.sandbox.tiktok.posts if u.post_id == private.platform_id)
    upload.post_info["privacy_level"] = "SELF_ONLY"  # all an unaudited app may publish
    assert env.run(START + 3 * DAY + 60) == 0
    assert env.sandbox.tiktok.requests_to(QUERY) == 1
    assert _snapshots(env, private.id) == {} and _snapshots(env, inbox.id) == {}
    assert not env.service.needs_reconnect(account.id)


def test_a_token_without_video_list_is_one_reconnect_state(env: Env) -> None:
    for grant in env.sandbox.tiktok.grants.values():  # connected before Siar asked for it
        grant.scopes = grant.scopes - {"video.list"}
    entries = [env.published("tiktok", START), env.published("tiktok", START + 60)]
    assert env.run(START + DAY + 120) == 0
    account = env.account("tiktok")
    assert "video.list" in env.service.needs_reconnect(account.id)
    assert env.run(START + 7 * DAY + 120) == 0
    assert env.sandbox.tiktok.requests_to(QUERY) == 1  # asked once, then not again
    assert all(_snapshots(env, e.id) == {} for e in entries)
