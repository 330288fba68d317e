"""The Graph API's batch endpoint on the Graph fake: ``POST /vNN/`` with ``batch=[{"method":
"GET","relative_url":"…"}, …]`` [developers.facebook.com/docs/graph-api/batch-requests].

What the fake enforces, from that page's "Limitations": at most 50 calls a batch (more is
refused as a whole), and each call inside counts on its own toward the rate limits — so
each is logged (``requests_to``) and counted by the metric routes as if it came alone.
The answer is one ``{"code", "headers", "body"}`` per call, in order, ``body`` a JSON
string, and ``headers`` unless ``include_headers=false``. The batch's access token (header or
``access_token``) is used by every call.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from composer.sandbox.graph import VERSION, graph_error
from composer.sandbox.server import Request, Response, bearer

if TYPE_CHECKING:
    from composer.sandbox.graph import GraphServer

MAX_CALLS = 50  # "Batch requests are limited to 50 requests per batch"


def handle(graph: GraphServer, request: Request) -> Response:
    try:
        calls = json.loads(request.params().get("batch", ""))
    except ValueError:
        calls = None
    if not isinstance(calls, list) or not calls or not all(isinstance(c, dict) for c in calls):
        return graph_error(400, "(#100) The parameter batch is required and must be a JSON array", 100)
    if len(calls) > MAX_CALLS:
        return graph_error(
            400, f"(#100) Too many requests in batch message. Maximum batch size is {MAX_CALLS}", 100
        )
    token = bearer(request)
    headers = request.params().get("include_headers", "true") != "false"
    return Response(200, [_call(graph, call, token, headers) for call in calls])


def _call(graph: GraphServer, call: dict[str, Any], token: str, headers: bool) -> dict[str, Any]:
    method = str(call.get("method") or "GET").upper()
    parts = urlsplit("/" + str(call.get("relative_url") or "").lstrip("/"))
    path = parts.path if parts.path.startswith("/v") else f"/{VERSION}{parts.path}"
    inner = Request(
        method=method,
        path=path,
        query={k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()},
        headers={"authorization": f"Bearer {token}", "content-type": "application/x-www-form-urlencoded"},
        body=str(call.get("body") or "").encode(),
    )
    graph.log.append((method, path))
    response = graph._handle(inner)
    answer: dict[str, Any] = {"code": response.status, "body": response.encoded().decode()}
    if headers:  # "include_headers=false" leaves them out
        answer["headers"] = [{"name": name, "value": value} for name, value in response.headers.items()]
    return answer
