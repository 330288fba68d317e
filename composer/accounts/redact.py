"""Keep secrets out of logs and messages: every secret Siar handles is registered here,
and a logging filter replaces it (and anything that looks like a token parameter) with
``•••`` before a record is written."""

from __future__ import annotations

import logging
import re
import threading

_known: set[str] = set()
_lock = threading.Lock()
MASK = "•••"
# Query/form parameters that carry credentials on the platforms we talk to.
_PARAMS = re.compile(
    r"((?:access_token|client_secret|fb_exchange_token|input_token|refresh_token|code_verifier|code|oauth_signature|oauth_token)=)[^&\s\"']+",
    re.IGNORECASE,
)
_AUTH = re.compile(
    r"((?:Authorization|authorization)['\"]?\s*[:=]\s*['\"]?(?:Bearer|Basic|OAuth)\s)[^'\"\r\n]+"
)


def register(*values: str | None) -> None:
    """Remember secrets so that no log line or message ever shows them."""
    with _lock:
        _known.update(v for v in values if v and len(v) >= 6)


def redact(text: str) -> str:
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    text = _PARAMS.sub(lambda m: m.group(1) + MASK, text)
    return _AUTH.sub(lambda m: m.group(1) + MASK, text)


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
