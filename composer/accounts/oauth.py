"""OAuth 2.0 for installed apps: PKCE (RFC 7636, S256) and a one-shot loopback receiver.

The receiver listens on 127.0.0.1 only (never 0.0.0.0), answers exactly one redirect
carrying ``code`` and ``state``, checks ``state`` before anything else (requests
without it are ignored, so a stray ``error=`` cannot cancel a sign-in) and shows the
officer a page that says they can go back to Siar. Google lets the port be any free one; X checks the
redirect URI exactly, so X uses a fixed registered port (PLATFORMS.md §1.2, §4.1).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from composer.accounts.http import ApiError

_DONE_PAGE = """<!doctype html><meta charset="utf-8"><title>Siar</title>
<body style="font-family:sans-serif;max-width:36em;margin:4em auto;text-align:center">
<h1>{title}</h1><p>{body}</p></body>"""


@dataclass(frozen=True)
class Pkce:
    verifier: str
    challenge: str

    @classmethod
    def new(cls) -> Pkce:
        verifier = secrets.token_urlsafe(64)[:96]
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        return cls(verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii"))


class LoopbackReceiver:
    """Waits for the browser to come back to ``http://127.0.0.1:PORT/callback``."""

    def __init__(self, port: int = 0, path: str = "/callback", answer: str = "code") -> None:
        """*answer*: the query field that carries the result (WordPress: ``password``)."""
        self.state = secrets.token_urlsafe(24)
        self.path = path
        self._result: dict[str, str] = {}
        self._done = threading.Event()
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # the URL carries the code
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != outer.path:
                    self.send_error(404)
                    return
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                # state first: a request without our state (a stray tab, another site
                # probing the port) is answered and ignored, even when it says error=.
                ours = secrets.compare_digest(query.get("state", "").encode(), outer.state.encode())
                ok = ours and answer in query
                page = _DONE_PAGE.format(
                    title="Siar ✓" if ok else "Siar ✗",
                    body="Selesai. Silakan kembali ke Siar. / Done — you can go back to Siar."
                    if ok
                    else "Permintaan ini tidak dikenal. Coba lagi dari Siar. / Unknown request — try again from Siar.",
                )
                data = page.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                if ours and ("error" in query or ok):
                    outer._result = query
                    outer._done.set()

        try:
            self._server = HTTPServer(("127.0.0.1", port), _Handler)
        except OSError as exc:
            raise ApiError(
                "unreachable", "accounts.port_busy", params={"port": port}, detail=type(exc).__name__
            ) from None
        self._thread = threading.Thread(
            target=lambda: self._server.serve_forever(poll_interval=0.05), name="oauth-loopback", daemon=True
        )
        self._thread.start()

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.path}"

    def wait(self, timeout: float = 300.0) -> str:
        """The authorization code, once the browser brings it back."""
        return self.wait_query(timeout)["code"]

    def wait_query(
        self, timeout: float = 300.0, cancelled: Callable[[], bool] = lambda: False
    ) -> dict[str, str]:
        """Every field the browser brought back (ApiError for a timeout, a refusal, a cancel)."""
        try:
            waited = 0.0
            while not self._done.wait(0.2):
                waited += 0.2
                if cancelled():
                    raise ApiError("auth", "accounts.signin_cancelled")
                if waited >= timeout:
                    raise ApiError("auth", "accounts.consent_timeout")
            if "error" in self._result:
                raise ApiError("auth", "accounts.consent_denied", detail=self._result.get("error", ""))
            return self._result
        finally:
            self.close()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass(frozen=True)
class Grant:
    """What the browser brought back: the code, and what the token request must repeat."""

    code: str
    redirect_uri: str
    verifier: str

    def token_form(self) -> dict[str, str]:
        return {
            "grant_type": "authorization_code",
            "code": self.code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": self.verifier,
        }


def authorize(
    authorize_url: str,
    client_id: str,
    scope: str,
    open_browser: Callable[[str], object],
    *,
    port: int = 0,
    timeout: float = 300.0,
    extra: dict[str, str] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Grant:
    """Open the consent page in the browser and wait for it to come back to 127.0.0.1."""
    pkce = Pkce.new()
    receiver = LoopbackReceiver(port)
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": receiver.redirect_uri,
        "scope": scope,
        "state": receiver.state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
        **(extra or {}),
    }
    open_browser(f"{authorize_url}?{urlencode(query)}")
    code = receiver.wait_query(timeout, cancelled)["code"]
    return Grant(code, receiver.redirect_uri, pkce.verifier)
