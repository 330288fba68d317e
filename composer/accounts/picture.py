"""The account's profile picture: a best-effort download with hard limits.

The address comes from the platform's answer, so it is not trusted: every hop (the
first request and each redirect, followed by hand, at most a few) must pass the same
https-or-loopback check as an API base, and the body is streamed and dropped the moment
it passes the cap, so a huge or endless answer never sits in memory.
"""

from __future__ import annotations

from urllib.parse import urljoin

import requests

from composer.accounts.http import InsecureAddressError, check_api_base

MAX_PICTURE_BYTES = 2_000_000
MAX_REDIRECTS = 3
_TIMEOUT = (5, 10)


def fetch_picture(session: requests.Session, url: str, limit: int = MAX_PICTURE_BYTES) -> bytes:
    """The picture's bytes, or b"" when there is none, it is too big or anything fails."""
    for _hop in range(MAX_REDIRECTS + 1):
        if not url:
            return b""
        try:
            check_api_base(url)
            with session.get(url, timeout=_TIMEOUT, stream=True, allow_redirects=False) as answer:
                if answer.is_redirect:
                    url = urljoin(url, answer.headers.get("Location", ""))
                    continue
                if not answer.ok or int(answer.headers.get("Content-Length") or 0) > limit:
                    return b""
                data = bytearray()
                for chunk in answer.iter_content(64 * 1024):
                    data += chunk
                    if len(data) > limit:
                        return b""
                return bytes(data)
        except (requests.RequestException, InsecureAddressError, ValueError):
            return b""
    return b""
