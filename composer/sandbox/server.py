"""A small HTTP server on 127.0.0.1 that platform fakes build on: routes, state, faults.

Each fake (``graph``, ``x``, ``google``, ``wordpress``) registers routes as
``(method, regex) → handler``; a handler gets a :class:`Request` and returns a
:class:`Response`. Faults are queued per route pattern and consumed in order, so a test
(or the officer trying the sandbox) can say "the next POST /2/tweets: answer 429" or
"…: do the work, then drop the connection without answering" — the uncertain case the
outbox must resolve by asking the platform.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    match: re.Match[str] | None = None
    _parts: dict[str, bytes] | None = field(default=None, init=False, repr=False, compare=False)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def form(self) -> dict[str, str]:
        """URL-encoded body fields, or the text fields of a multipart body."""
        content_type = self.header("content-type")
        if content_type.startswith("multipart/form-data"):
            return {k: v.decode("utf-8", "replace") for k, v in self.multipart().items() if len(v) < 100_000}
        return {
            k: v[-1]
            for k, v in parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True).items()
        }

    def multipart(self) -> dict[str, bytes]:
        """The parts of a multipart body by name, read once per request and each part's
        data copied once: a video chunk of several MB is asked for by the form fields and
        by the handler, and splitting the body each time (with a copy per split, partition
        and trim) made the fakes, not the client, the slow side of the upload benchmark."""
        if self._parts is not None:
            return self._parts
        boundary = b"--" + self.header("content-type").split("boundary=", 1)[-1].strip('"').encode()
        body = self.body
        parts: dict[str, bytes] = {}
        at = body.find(boundary)
        while at >= 0:
            start = at + len(boundary)
            end = body.find(boundary, start)
            head_end = body.find(b"\r\n\r\n", start, len(body) if end < 0 else end)
            if head_end >= 0:
                name = re.search(rb'name="([^"]+)"', body[start:head_end])
                data_end = len(body) if end < 0 else end
                if body[data_end - 2 : data_end] == b"\r\n":
                    data_end -= 2
                if name:
                    parts[name.group(1).decode()] = body[head_end + 4 : data_end]
            at = end
        self._parts = parts
        return parts

    def params(self) -> dict[str, str]:
        """Query, form and JSON object fields together (the Graph API takes all three)."""
        merged = dict(self.query)
        if self.header("content-type").startswith("application/json"):
            data = self.json()
            if isinstance(data, dict):
                merged.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()})
        else:
            merged.update(self.form())
        return merged


@dataclass
class Response:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None

    def encoded(self) -> bytes:
        if self.raw is not None:
            return self.raw
        return b"" if self.body is None else json.dumps(self.body).encode()


@dataclass
class Fault:
    """One injected misbehaviour for the next request whose path matches *pattern*.

    kind: ``status`` (answer *status* with *body* and *headers*), ``drop-before`` (close
    the connection before doing anything), ``drop-after`` (do the work, then close
    without answering), ``latency`` (sleep *seconds*, then behave normally).
    The "after the platform acted" variants of issue 10's fault matrix:
    ``status-after`` (do the work, then answer *status* as if it had not — a 429 or 5xx
    gives no proof that nothing happened, PLATFORMS.md §7), ``slow-before`` (sleep
    *seconds*, then close without doing anything: a reply slower than the client's
    timeout from a platform that never acted) and ``slow-after`` (do the work, sleep
    *seconds*, then answer). *skip* lets that many matching requests through first.
    """

    pattern: str
    kind: str
    status: int = 500
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    method: str = ""
    times: int = 1
    skip: int = 0


Handler = Callable[[Request], Response]


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client went away (a test killed it): nothing to report
        super().handle_error(request, client_address)


class FakeServer:
    """Threaded HTTP server with routes and a fault queue; subclasses add routes."""

    name = "fake"

    def __init__(self, port: int = 0, latency: float = 0.0) -> None:
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self.faults: list[Fault] = []
        self.latency = latency
        self.lock = threading.RLock()
        self.log: list[tuple[str, str]] = []  # (method, path) of every request, for tests
        # Called with (request, "received") before and (request, "handled") after the work,
        # before the answer is sent: the crash test kills the client at exact points.
        self.hook: Callable[[Request, str], None] | None = None
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Buffered answers: the head and the body leave in one write when
            # handle_one_request() flushes (unbuffered, end_headers() sends the head alone:
            # a second system call and packet for every answer).
            wbufsize = io.DEFAULT_BUFFER_SIZE
            # Headers and body leave in two writes; with Nagle on, the body waits for the
            # client's delayed ACK (~40 ms a request on Linux), which made polling tests slow.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _serve(self) -> None:
                outer._dispatch(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None
        self.route(
            "GET",
            r"/avatar/(?P<id>\w+)\.png",
            lambda _request: Response(200, raw=avatar_png(), headers={"Content-Type": "image/png"}),
        )

    # --- lifecycle -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        self._thread = threading.Thread(
            target=lambda: self._httpd.serve_forever(poll_interval=0.05),
            name=f"sandbox-{self.name}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            # shutdown() returns once serve_forever sees the request, which it does only
            # when its select wakes: up to poll_interval a server, 0.15 s a sandbox, paid by
            # every test that starts one. A connection wakes the select at once (a loop that
            # wakes before the request accepts it as a request that ends at once).
            host, port = self._httpd.server_address[:2]
            stopping = threading.Thread(target=self._httpd.shutdown, name=f"sandbox-{self.name}-stop")
            stopping.start()
            while stopping.is_alive():
                with contextlib.suppress(OSError):
                    socket.create_connection((str(host), int(port)), timeout=1).close()
                stopping.join(0.01)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- routes and faults -----------------------------------------------------------------
    def route(self, method: str, pattern: str, handler: Handler) -> None:
        self.routes.append((method, re.compile(pattern + r"\Z"), handler))

    def inject(self, fault: Fault) -> None:
        with self.lock:
            self.faults.append(fault)

    def requests_to(self, pattern: str, method: str = "") -> int:
        regex = re.compile(pattern)
        return sum(1 for m, p in self.log if regex.search(p) and (not method or m == method))

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if (not fault.method or fault.method == method) and re.search(fault.pattern, path):
                    if fault.skip > 0:
                        fault.skip -= 1
                        return None
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    # --- dispatch --------------------------------------------------------------------------
    def _dispatch(self, http: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(http.path)
        length = int(http.headers.get("Content-Length") or 0)
        body = http.rfile.read(length) if length else b""
        request = Request(
            method=http.command,
            path=parts.path,
            query={k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()},
            headers={k.lower(): v for k, v in http.headers.items()},
            body=body,
        )
        with self.lock:
            self.log.append((request.method, request.path))
        if self.latency:
            time.sleep(self.latency)
        if self.hook is not None:
            self.hook(request, "received")
        fault = self._take_fault(request.method, request.path)
        if fault is not None and fault.kind == "latency":
            time.sleep(fault.seconds)
            fault = None
        if fault is not None and fault.kind == "slow-before":
            time.sleep(fault.seconds)
        if fault is not None and fault.kind in ("drop-before", "slow-before"):
            self._drop(http)
            return
        if fault is not None and fault.kind == "status":
            self._send(http, Response(fault.status, fault.body, dict(fault.headers)))
            return
        response = self._handle(request)
        if self.hook is not None:
            self.hook(request, "handled")
        if fault is not None and fault.kind == "drop-after":
            self._drop(http)
            return
        if fault is not None and fault.kind == "status-after":
            response = Response(fault.status, fault.body, dict(fault.headers))
        if fault is not None and fault.kind == "slow-after":
            time.sleep(fault.seconds)
        self._send(http, response)

    def _handle(self, request: Request) -> Response:
        for method, pattern, handler in self.routes:
            match = pattern.match(request.path)
            if match and method == request.method:
                request.match = match
                try:
                    with self.lock:
                        return handler(request)
                except Exception as exc:  # noqa: BLE001 - a bug in a fake must not hang the client
                    return Response(500, {"error": {"message": f"sandbox error: {exc}"}})
        return self.not_found(request)

    def not_found(self, request: Request) -> Response:
        return Response(404, {"error": {"message": f"Unknown path {request.method} {request.path}"}})

    @staticmethod
    def _send(http: BaseHTTPRequestHandler, response: Response) -> None:
        data = response.encoded()
        http.send_response(response.status)
        headers = {"Content-Type": "application/json; charset=utf-8", **response.headers}
        for name, value in headers.items():
            http.send_header(name, value)
        http.send_header("Content-Length", str(len(data)))
        http.end_headers()
        if http.command != "HEAD":
            http.wfile.write(data)

    @staticmethod
    def _drop(http: BaseHTTPRequestHandler) -> None:
        http.close_connection = True
        with contextlib.suppress(OSError):
            http.connection.shutdown(socket.SHUT_RDWR)


def bearer(request: Request) -> str:
    """The token of ``Authorization: Bearer …``, or an ``access_token`` parameter."""
    auth = request.header("authorization")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.params().get("access_token", "")


_counter = iter(range(10**6, 10**12))
_counter_lock = threading.Lock()


def next_id() -> int:
    with _counter_lock:
        return next(_counter)


def avatar_png(colour: str = "#1B4F72") -> bytes:
    """A small round profile picture for sandbox accounts."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (96, 96), "white")
    ImageDraw.Draw(image).ellipse((4, 4, 92, 92), fill=colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def pkce_matches(code: dict[str, str] | None, form: dict[str, str]) -> bool:
    """A token request's code, S256 verifier and redirect URI against the issued code."""
    import base64
    import hashlib

    if code is None:
        return False
    digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return code["challenge"] == challenge and code["redirect_uri"] == form.get("redirect_uri")
