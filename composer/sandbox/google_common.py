"""What the Google fake and its comments share: the API's error shape."""

from __future__ import annotations

from composer.sandbox.server import Response


def google_error(status: int, message: str, reason: str, domain: str = "youtube.video") -> Response:
    return Response(
        status,
        {
            "error": {
                "code": status,
                "message": message,
                "errors": [{"message": message, "domain": domain, "reason": reason}],
            }
        },
    )
