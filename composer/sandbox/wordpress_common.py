"""What the WordPress fake and its parts (authorize page, comments) share: the sandbox
user and the REST API's error shape."""

from __future__ import annotations

from composer.sandbox.server import Response

USERNAME = "humas"


def wp_error(status: int, code: str, message: str) -> Response:
    return Response(status, {"code": code, "message": message, "data": {"status": status}})
