"""Every injected fault exists both before and after the platform acted (issue 10): the
fake does the work or not, and the client sees the same failure either way."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
import requests
from requests_oauthlib import OAuth1

from composer.sandbox import Fault, Sandbox
from composer.sandbox import wordpress as fake_wp
from composer.sandbox import x as fake_x
from composer.sandbox.server import FakeServer

SLOW = 0.4  # the fake's delay; the raw client below gives up after 0.1 s
# Only the slow fault is meant to time out: every other answer gets a read timeout a busy
# machine can't reach (0.1 s for all made a 503 look like a timeout under parallel load).
ANSWER_WITHIN = 10.0
FAULTS = {
    "reset": ("drop-before", "drop-after", {}),
    "429": ("status", "status-after", {"status": 429}),
    "500": ("status", "status-after", {"status": 500}),
    "503": ("status", "status-after", {"status": 503}),
    "slow": ("slow-before", "slow-after", {"seconds": SLOW}),
}


def _x(sandbox: Sandbox, read: float) -> tuple[FakeServer, str, Callable[[], object], Callable[[], int]]:
    auth = OAuth1(fake_x.CONSUMER_KEY, fake_x.CONSUMER_SECRET, fake_x.ACCESS_TOKEN, fake_x.ACCESS_SECRET)
    url = f"{sandbox.x.base_url}/2/tweets"
    return (
        sandbox.x,
        r"^/2/tweets$",
        lambda: requests.post(url, json={"text": "halo"}, auth=auth, timeout=(2, read)),
        lambda: len(sandbox.x.tweets),
    )


def _graph(sandbox: Sandbox, read: float) -> tuple[FakeServer, str, Callable[[], object], Callable[[], int]]:
    token = sandbox.graph.page_token("1090000001")
    url = f"{sandbox.graph.base_url}/v26.0/1090000001/feed"
    return (
        sandbox.graph,
        r"/feed$",
        lambda: requests.post(url, data={"message": "halo", "access_token": token}, timeout=(2, read)),
        lambda: len(sandbox.graph.pages["1090000001"].posts),
    )


def _wordpress(
    sandbox: Sandbox, read: float
) -> tuple[FakeServer, str, Callable[[], object], Callable[[], int]]:
    url = f"{sandbox.wordpress.base_url}/wp-json/wp/v2/posts"
    return (
        sandbox.wordpress,
        r"/wp/v2/posts$",
        lambda: requests.post(
            url,
            json={"title": "t", "status": "publish"},
            auth=(fake_wp.USERNAME, fake_wp.APP_PASSWORD),
            timeout=(2, read),
        ),
        lambda: len(sandbox.wordpress.posts),
    )


def _google(sandbox: Sandbox, read: float) -> tuple[FakeServer, str, Callable[[], object], Callable[[], int]]:
    access, _refresh = sandbox.google.issue()
    headers = {"Authorization": f"Bearer {access}", "X-Upload-Content-Length": "4"}
    start = requests.post(
        f"{sandbox.google.base_url}/upload/youtube/v3/videos",
        params={"uploadType": "resumable", "part": "snippet,status"},
        json={"snippet": {"title": "t"}, "status": {"privacyStatus": "private"}},
        headers=headers,
        timeout=5,
    )
    uri = start.headers["Location"]
    return (
        sandbox.google,
        r"^/upload/session/",
        lambda: requests.put(
            uri,
            data=b"abcd",
            headers={"Authorization": f"Bearer {access}", "Content-Range": "bytes 0-3/4"},
            timeout=(2, read),
        ),
        lambda: len(sandbox.google.videos),
    )


def _request_handlers() -> set[threading.Thread]:
    """The sandbox's threads serving a connection (one per connection)."""
    return {t for t in threading.enumerate() if t.name.endswith("(process_request_thread)")}


def _join(handler: threading.Thread) -> None:
    """Wait for a handler thread, which `threading.enumerate()` lists from the moment `start()`
    is called: one not yet running cannot be joined (RuntimeError), so wait until it runs."""
    for _ in range(10_000):
        try:
            handler.join(10)
            return
        except RuntimeError:
            time.sleep(0.001)
    raise AssertionError(f"{handler.name} never started")


SERVERS = {"x": _x, "graph": _graph, "wordpress": _wordpress, "google": _google}


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("platform", sorted(SERVERS))
def test_each_fault_before_and_after_the_platform_acted(
    sandbox: Sandbox, platform: str, fault: str, when: str
) -> None:
    server, pattern, send, count = SERVERS[platform](sandbox, 0.1 if fault == "slow" else ANSWER_WITHIN)
    before_kind, after_kind, extra = FAULTS[fault]
    server.inject(Fault(pattern, before_kind if when == "before" else after_kind, **extra))  # type: ignore[arg-type]
    handlers = _request_handlers()
    try:
        answer = send()
    except requests.exceptions.RequestException:
        answer = None  # reset or timed out: the client cannot tell what happened
    if fault in ("reset", "slow"):
        assert answer is None
    else:
        assert isinstance(answer, requests.Response) and answer.status_code == FAULTS[fault][2]["status"]
    if fault == "slow":
        for handler in _request_handlers() - handlers:
            _join(handler)  # the fake finishes what it was doing (it sleeps SLOW first)
    assert count() == (1 if when == "after" else 0)
