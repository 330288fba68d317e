"""What the Graph fake and its parts (device login, browser login, comments) share: the
sandbox app's id, the token lifetimes and the Graph error shape (PLATFORMS.md §2.6)."""

from __future__ import annotations

import secrets
from typing import Any

from composer.sandbox.server import Response

APP_ID = "100200300400"
LONG_LIVED_SECONDS = 5_183_944  # what the real exchange answers (about 60 days)
SHORT_LIVED_SECONDS = 3_600


def graph_error(
    status: int, message: str, code: int, subcode: int | None = None, kind: str = "OAuthException"
) -> Response:
    error: dict[str, Any] = {
        "message": message,
        "type": kind,
        "code": code,
        "fbtrace_id": secrets.token_urlsafe(8),
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return Response(status, {"error": error})
