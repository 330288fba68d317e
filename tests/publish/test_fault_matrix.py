"""Issue 10's fault matrix: for every platform, each of {connection reset, 429, 500, 503,
a reply slower than the timeout} × {before the platform acted, after it acted} on the
step that makes the post visible. Expected: exactly one post, and the job "posted" with
that post's address — never two posts, never "failed" while the post exists."""

from __future__ import annotations

from typing import Any

import pytest

from composer.accounts import http
from composer.sandbox import Fault
from composer.sandbox.server import FakeServer
from composer.store.outbox import DONE
from tests.publish.conftest import Env
from tests.publish.test_faults import settle

READ_TIMEOUT = 0.5  # the clients' read timeout in this test (10/60 s in real use)
SLOW = 1.2  # how long the fake takes to answer a "slow" request

# The visible step's request: (path pattern, method, matching requests to let through
# first). YouTube's upload step asks the session where it stands before sending bytes.
VISIBLE = {
    "facebook": (r"/feed$", "POST", 0),
    "instagram": (r"/media_publish$", "POST", 0),
    "x": (r"^/2/tweets$", "POST", 0),
    "wordpress": (r"/wp/v2/posts$", "POST", 0),
    "youtube": (r"^/upload/session/", "PUT", 1),
}


def error_body(platform: str, status: int) -> dict[str, Any]:
    """Each platform's own error envelope for *status* (PLATFORMS.md §1.5, §2.5, §4.6, §5.3)."""
    if platform in ("facebook", "instagram"):
        code = {429: 4, 500: 1, 503: 2}[status]
        return {
            "error": {"message": "Please retry", "type": "OAuthException", "code": code, "fbtrace_id": "A"}
        }
    if platform == "x":
        return {"title": "Error", "detail": f"HTTP {status}", "type": "about:blank", "status": status}
    if platform == "youtube":
        reason = "rateLimitExceeded" if status == 429 else "backendError"
        return {
            "error": {
                "code": status,
                "message": "Backend Error",
                "errors": [{"domain": "global", "reason": reason}],
            }
        }
    return {"code": "http_error", "message": f"HTTP {status}", "data": {"status": status}}


def fault(platform: str, kind: str, when: str) -> Fault:
    pattern, method, skip = VISIBLE[platform]
    common: dict[str, Any] = {"method": method, "skip": skip}
    if kind == "reset":
        return Fault(pattern, f"drop-{when}", **common)
    if kind == "slow":
        return Fault(pattern, f"slow-{when}", seconds=SLOW, **common)
    status = int(kind)
    return Fault(
        pattern,
        "status" if when == "before" else "status-after",
        status=status,
        body=error_body(platform, status),
        **common,
    )


def server_for(env: Env, platform: str) -> FakeServer:
    if platform in ("facebook", "instagram"):
        return env.sandbox.graph
    return {"x": env.sandbox.x, "wordpress": env.sandbox.wordpress, "youtube": env.sandbox.google}[platform]


def posts_on(env: Env, platform: str) -> int:
    return {
        "facebook": lambda: len(env.sandbox.graph.pages["1090000001"].posts),
        "instagram": lambda: sum(len(ig.media) for ig in env.sandbox.graph.igs.values()),
        "x": lambda: len(env.sandbox.x.tweets),
        "wordpress": lambda: len(env.sandbox.wordpress.posts),
        "youtube": lambda: len(env.sandbox.google.videos),
    }[platform]()


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("kind", ["reset", "429", "500", "503", "slow"])
@pytest.mark.parametrize("platform", sorted(VISIBLE))
def test_one_post_whatever_fails_on_the_visible_step(
    env: Env, monkeypatch: pytest.MonkeyPatch, platform: str, kind: str, when: str
) -> None:
    monkeypatch.setattr(http, "TIMEOUT", (5, READ_TIMEOUT))
    server_for(env, platform).inject(fault(platform, kind, when))
    env.outbox.enqueue(env.post(photos=1, video=platform == "youtube"), [env.account(platform)])
    settle(env)
    [job] = env.workspace.outbox.list()
    assert posts_on(env, platform) == 1, (job.state, job.error_code)
    assert job.state == DONE, (job.state, job.error_code, job.error_detail)
    [entry] = env.workspace.outbox.history()
    assert entry.platform_id == job.data["platform_id"] and entry.permalink
