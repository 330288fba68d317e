"""HTTP for account checks and publishing: TLS always verified, plain http only on a
loopback address, errors that say what happened without the URL (which may carry a
token) and that tell "never sent" from "may have arrived"."""

from __future__ import annotations

import ipaddress
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NameResolutionError, NewConnectionError

from composer import __version__
from composer.accounts.redact import redact

TIMEOUT = (10, 60)  # connect, read (seconds)
USER_AGENT = f"Siar/{__version__} (+https://github.com/siar-composer)"


class InsecureAddressError(ValueError):
    """An ``api_base`` that would send credentials in the clear."""

    code = "accounts.insecure_base"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_api_base(url: str) -> str:
    """The normalised base URL; https required except on 127.0.0.1/::1/localhost."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureAddressError(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InsecureAddressError(url)
    return url


@dataclass
class ApiError(Exception):
    """A platform said no, or we could not reach it.

    kind — what Siar does about it:
      ``auth`` reconnect the account · ``permission`` grant a permission · ``invalid`` the
      post must change · ``duplicate`` the platform already has this post · ``rate_limit``
      / ``server`` / ``unreachable`` retry later (``unreachable``: nothing was sent) ·
      ``uncertain`` the request may have arrived: ask the platform before retrying ·
      ``quota`` a daily cap · ``billing`` the platform wants payment · ``keyring`` a
      secret is missing.
    code — the message in composer.i18n; params fill it.
    """

    kind: str
    code: str
    status: int = 0
    detail: str = ""
    retry_after: float | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.detail = redact(_strip_html(self.detail))[:500]
        super().__init__(f"{self.kind}: {self.code} ({self.status}) {self.detail}")

    def describe(self) -> str:
        """The message for the officer, in the UI language."""
        from composer.i18n import describe_code

        when = self.params.get("reset") or 0
        at = retry_time(float(when)) if when else ""
        return describe_code(
            self.code, {**self.params, "detail": self.detail or str(self.status), "time": at}
        )

    @property
    def retryable(self) -> bool:
        return self.kind in ("rate_limit", "server", "unreachable")


def retry_time(when: float, now: float | None = None) -> str:
    """The local time of a retry; with its date when that is not today (a retry a day
    away must not read as "today at 15:14")."""
    now = time.time() if now is None else now
    moment = time.localtime(when)
    if time.strftime("%Y-%m-%d", moment) == time.strftime("%Y-%m-%d", time.localtime(now)):
        return time.strftime("%H:%M", moment)
    return time.strftime("%Y-%m-%d %H:%M", moment)


def _strip_html(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def new_session() -> requests.Session:
    session = requests.Session()
    session.verify = True  # never turned off
    session.headers["User-Agent"] = USER_AGENT
    return session


class SandboxSession(requests.Session):
    """One kept-alive session for a batch of runs against the sandbox on this machine (the
    demo's seeding makes some 700 requests): the services close the session they are given
    after each account, so each run would connect again (a new server thread each time) and
    read the proxy settings for every request, none of which apply to 127.0.0.1."""

    def __init__(self) -> None:
        super().__init__()
        self.headers["User-Agent"] = USER_AGENT
        self.trust_env = False

    def close(self) -> None:
        """Kept open for the next run; ``end()`` closes it."""

    def end(self) -> None:
        super().close()


def request(session: requests.Session, method: str, url: str, **kwargs: Any) -> requests.Response:
    """``session.request`` with our timeout, turning transport errors into ``ApiError``."""
    check_api_base(url)
    kwargs.setdefault("timeout", TIMEOUT)
    kwargs.setdefault("allow_redirects", False)
    try:
        return session.request(method, url, **kwargs)
    except requests.exceptions.ConnectTimeout as exc:
        raise ApiError("unreachable", "api.unreachable", detail=type(exc).__name__) from None
    except requests.exceptions.ConnectionError as exc:
        if _never_sent(exc):
            raise ApiError("unreachable", "api.unreachable", detail=type(exc).__name__) from None
        raise ApiError("uncertain", "api.uncertain", detail=type(exc).__name__) from None
    except requests.exceptions.Timeout as exc:
        raise ApiError("uncertain", "api.uncertain", detail=type(exc).__name__) from None
    except requests.exceptions.RequestException as exc:
        raise ApiError("uncertain", "api.uncertain", detail=type(exc).__name__) from None


def _never_sent(exc: BaseException) -> bool:
    """True when the connection was never established (so the request never left)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, NewConnectionError | NameResolutionError | ConnectionRefusedError):
            return True
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            current = reason
            continue
        args = [a for a in getattr(current, "args", ()) if isinstance(a, BaseException)]
        current = args[0] if args else (current.__cause__ or current.__context__)
    return False


def json_of(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
