"""Tokens in the shapes they really travel in: redaction, the loopback sign-in's state,
and the profile-picture download's limits."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from composer.accounts.http import ApiError
from composer.accounts.oauth import LoopbackReceiver
from composer.accounts.redact import MASK, redact

SECRET = "s3cretVALUE42xyz"  # never registered: the shapes alone must hide it


@pytest.mark.parametrize(
    "text",
    [
        f'{{"access_token": "{SECRET}", "token_type": "bearer"}}',
        f"{{'refresh_token': '{SECRET}'}}",
        f"oauth_token=abc&oauth_token_secret={SECRET}&user_id=1",
        f"authorization: bearer {SECRET}",
        f"AUTHORIZATION: Basic {SECRET}",
        f'Authorization: OAuth oauth_consumer_key="ck", oauth_token="{SECRET}", oauth_signature="{SECRET}%3D"',
        f"next=https%3A%2F%2Fx%2Fcb%3Fa%3D1%26access_token%3D{SECRET}%26b%3D2",
        f"GET /me?fields=id&access_token={SECRET}",
        f"{{'Authorization': 'Bearer {SECRET}', 'Accept': 'application/json'}}",
    ],
)
def test_credential_shapes_are_masked_unregistered(text: str) -> None:
    cleaned = redact(text)
    assert SECRET not in cleaned and MASK in cleaned


def test_redaction_keeps_what_is_not_a_secret() -> None:
    body = '{"error": {"code": 190, "message": "Invalid OAuth access token"}}'
    assert redact(body) == body
    header = 'Authorization: OAuth oauth_consumer_key="ck", oauth_token="tok"'
    assert redact(header) == f'Authorization: OAuth oauth_consumer_key="{MASK}", oauth_token="{MASK}"'


def test_a_registered_secret_is_masked_url_encoded_too() -> None:
    from composer.accounts import redact as redact_module

    redact_module.register("abc/def+ghi=jkl")
    assert "abc%2Fdef%2Bghi%3Djkl" not in redact("x?p=abc%2Fdef%2Bghi%3Djkl")
    error = ApiError("auth", "api.auth_invalid", 400, f'{{"access_token": "{SECRET}"}}')
    assert SECRET not in error.describe() and SECRET not in str(error)


def test_a_log_record_does_not_encode_every_registered_secret_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every refreshed access token is registered, so a long-running Siar knows thousands:
    each is URL-encoded once, when registered, not again for every record logged."""
    from composer.accounts import redact as redact_module

    encoded: list[str] = []
    real_quote = redact_module.quote
    monkeypatch.setattr(redact_module, "quote", lambda v, safe="": encoded.append(v) or real_quote(v, safe))
    # The 500 registered here leave with the test (the module's sets are put back after it).
    for name in ("_known", "_shapes"):
        monkeypatch.setattr(redact_module, name, set(getattr(redact_module, name)))
    monkeypatch.setattr(redact_module, "_ordered", None)
    run = uuid.uuid4().hex  # secrets no earlier test registered
    tokens = [f"{run}-{n:04d}/{'x' * (n % 7)}" for n in range(500)]
    redact_module.register(*tokens)
    for n in range(100):
        assert redact(f"refreshed {tokens[n]} and {tokens[n + 400]}") == f"refreshed {MASK} and {MASK}"
    assert len(encoded) == len(tokens)
    redact_module.register(tokens[0])  # already known: nothing to encode
    assert redact(real_quote(tokens[-1], safe="")) == MASK and len(encoded) == len(tokens)


def _get(url: str) -> int:
    return requests.get(url, timeout=5).status_code


def test_a_stray_error_callback_does_not_cancel_the_sign_in() -> None:
    receiver = LoopbackReceiver()
    base = receiver.redirect_uri
    _get(f"{base}?error=access_denied")  # no state at all
    _get(f"{base}?error=access_denied&state=wrong")
    _get(f"{base}?code=forged&state=wrong")
    result: dict[str, Any] = {}
    waiter = threading.Thread(target=lambda: result.update(code=receiver.wait(timeout=10)))
    waiter.start()
    _get(f"{base}?code=the-real-code&state={receiver.state}")
    waiter.join(10)
    assert result == {"code": "the-real-code"}


def test_an_error_with_the_right_state_cancels() -> None:
    receiver = LoopbackReceiver()
    _get(f"{receiver.redirect_uri}?error=access_denied&state={receiver.state}")
    with pytest.raises(ApiError) as caught:
        receiver.wait(timeout=10)
    assert caught.value.code == "accounts.consent_denied"


class _PictureServer:
    """127.0.0.1 server: /big sends 20 MB, /away redirects off to a plain-http address."""

    def __init__(self) -> None:
        self.sent = 0
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                outer.requests.append(self.path)
                if self.path == "/away":
                    self.send_response(302)
                    self.send_header("Location", "http://10.255.255.1/pic.jpg")
                    self.end_headers()
                    return
                if self.path == "/hop":
                    self.send_response(302)
                    self.send_header("Location", "/small")
                    self.end_headers()
                    return
                if self.path == "/small":
                    body = b"\xff\xd8" + b"x" * 1000
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.send_response(200)  # /big: no Content-Length, the body just goes on
                self.end_headers()
                chunk = b"x" * 65536
                try:
                    for _ in range(320):
                        self.wfile.write(chunk)
                        outer.sent += len(chunk)
                except OSError:
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def pictures() -> Iterator[_PictureServer]:
    server = _PictureServer()
    yield server
    server.close()


def test_profile_picture_is_streamed_with_a_cap(pictures: _PictureServer) -> None:
    from composer.session.connect import picture_of as _picture

    assert _picture(requests.Session(), f"{pictures.url}/big") == b""
    # The download stopped near the cap instead of reading all 20 MB first.
    assert pictures.sent < 12 * 2**20


def test_profile_picture_redirects_are_checked_hop_by_hop(pictures: _PictureServer) -> None:
    from composer.session.connect import picture_of as _picture

    assert _picture(requests.Session(), f"{pictures.url}/away") == b""  # plain http off this computer
    assert len(_picture(requests.Session(), f"{pictures.url}/hop")) == 1002
    assert pictures.requests == ["/away", "/hop", "/small"]
