"""Keep secrets out of logs and messages: every secret Siar handles is registered here,
and a logging filter replaces it (and anything shaped like a credential) with ``•••``
before a record is written.

The shapes are masked whether or not the secret was registered (a token the platform
just sent back is not registered yet when its response is logged): query and form
parameters, also URL-encoded (``access_token%3D…``); JSON and Python-repr fields
(``"access_token": "…"``); ``Authorization`` headers in any case, with OAuth 1.0a's
quoted parameters (``oauth_signature="…"``).
"""

from __future__ import annotations

import logging
import re
import threading
from functools import cache
from urllib.parse import quote

_known: set[str] = set()
# Each secret as written and URL-encoded, computed once when it is registered: a log record
# used to quote every secret again, and the set only grows (each refreshed access token
# joins it), so a long-running Siar spent longer on every record. Longest first (sorted
# again, only after a registration, by the next record), so a secret containing another
# is masked whole.
_shapes: set[str] = set()
_ordered: list[str] | None = []
_lock = threading.Lock()
MASK = "•••"
# Query/form parameters that carry credentials on the platforms we talk to.
_PARAM_NAMES = (
    "access_token|refresh_token|id_token|client_secret|fb_exchange_token|input_token|code_verifier|code"
    "|oauth_signature|oauth_token_secret|oauth_token|oauth_verifier|password|app_secret"
    "|upload_token"  # TikTok's upload URL carries one (PLATFORMS.md §13)
)


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The credential shapes, compiled with the first record or message that is redacted
    (start-up logs nothing: ~2.5 ms off the way to the first paint, issue 17)."""
    # name=value or name%3Dvalue; the value ends at &, its encoded form %26, a space or a quote.
    params = re.compile(
        rf"(?:(?<![A-Za-z0-9_])|(?<=%26))((?:{_PARAM_NAMES})(?:=|%3D))(?:(?!%26)[^&\s\"'<>])+",
        re.IGNORECASE,
    )
    # JSON or a Python dict's repr: "access_token": "…" / 'refresh_token': '…'. Not "code":
    # error bodies carry numeric codes worth keeping.
    fields = re.compile(
        r"""((["'])(?:access_token|refresh_token|id_token|client_secret|app_secret|oauth_token|oauth_token_secret"""
        r"""|access_secret|api_secret|token|secret|password|page_token|code_verifier)\2\s*:\s*)(["'])(?:\\.|(?!\3).)*\3""",
        re.IGNORECASE,
    )
    auth = re.compile(
        r"(authorization['\"]?\s*[:=]\s*['\"]?(?:bearer|basic|oauth)\s)(?!oauth_)[^'\"\r\n]+",
        re.IGNORECASE,
    )
    bearer = re.compile(r"(\bbearer\s+)[A-Za-z0-9._~+/=-]{6,}", re.IGNORECASE)
    # OAuth 1.0a header parameters are quoted (masked one by one, so the header stays
    # readable): oauth_token="…", oauth_signature="…".
    oauth1 = re.compile(r'((?<![A-Za-z0-9_])oauth_[a-z_]+=")[^"]*(")', re.IGNORECASE)
    return params, fields, auth, bearer, oauth1


def register(*values: str | None) -> None:
    """Remember secrets so that no log line or message ever shows them."""
    global _ordered
    with _lock:
        for value in values:
            if value and len(value) >= 6 and value not in _known:
                _known.add(value)
                _shapes.update((value, quote(value, safe="")))
                _ordered = None


def redact(text: str) -> str:
    global _ordered
    with _lock:
        if _ordered is None:
            _ordered = sorted(_shapes, key=len, reverse=True)
        shapes = _ordered
    for shape in shapes:
        if shape in text:
            text = text.replace(shape, MASK)
    params, fields, auth, bearer, oauth1 = _patterns()
    text = oauth1.sub(lambda m: m.group(1) + MASK + m.group(2), text)
    text = fields.sub(lambda m: m.group(1) + m.group(3) + MASK + m.group(3), text)
    text = params.sub(lambda m: m.group(1) + MASK, text)
    text = auth.sub(lambda m: m.group(1) + MASK, text)
    return bearer.sub(lambda m: m.group(1) + MASK, text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info:
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Add the filter to every handler of *logger* (the root logger by default)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
    # These log request lines, signing parameters and headers at DEBUG: keep them quiet
    # whatever level the app runs at.
    for name in ("urllib3", "oauthlib", "requests_oauthlib"):
        logging.getLogger(name).setLevel(logging.WARNING)
