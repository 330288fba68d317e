"""``siar://`` links: how a website hands an answer back to a running Siar (issue 14).

WordPress's Authorize Application page redirects to its ``success_url`` with
``site_url``, ``user_login`` and ``password`` (PLATFORMS.md §14.4). Before WordPress 7.0
it refuses a plain-http loopback address, but a custom scheme passes its check (only
``http``, ``javascript`` and ``data`` are singled out), so the installer registers
``siar://`` with the system (Windows registry, Linux ``x-scheme-handler/siar``). The
browser then starts ``siar siar://wordpress/authorized?…``; that process hands the link
to the running Siar over a local socket (composer/ui/app_link_server.py), which calls
:func:`deliver`. This module holds the waiting sign-ins and checks every link strictly:
the scheme, the host and path, the query's fields, the ``state`` of a sign-in that is
waiting, and the site it came from. Nothing here knows Qt.

The password travels in the link, so it is registered with the redactor before anything
else looks at it, and a refused link is never echoed back in a message.
"""

from __future__ import annotations

import hmac
import os
import secrets
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

from composer.accounts.http import ApiError
from composer.accounts.redact import register

SCHEME = "siar"
WORDPRESS = ("wordpress", "/authorized")
"""(host, path) of the WordPress return link: ``siar://wordpress/authorized?state=…``."""
MAX_LENGTH = 4096
_WORDPRESS_FIELDS = {"state", "site_url", "user_login", "password", "error", "success"}

# Problem codes (messages in composer.i18n); "" means the link completed a sign-in.
BAD_LINK = "links.bad"
NOT_WAITING = "links.not_waiting"
WRONG_SITE = "links.wrong_site"


@dataclass
class Waiter:
    """One sign-in waiting for its link."""

    site: str
    state: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    answer: dict[str, str] = field(default_factory=dict)
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        host, path = WORDPRESS
        return f"{SCHEME}://{host}{path}?{urlencode({'state': self.state})}"

    def wait(self, timeout: float = 600.0, cancelled: Callable[[], bool] = lambda: False) -> dict[str, str]:
        """The link's fields once it arrives (ApiError for a timeout, a cancel, a refusal)."""
        try:
            waited = 0.0
            while not self.done.wait(0.2):
                waited += 0.2
                if cancelled():
                    raise ApiError("auth", "accounts.signin_cancelled")
                if waited >= timeout:
                    raise ApiError("auth", "accounts.consent_timeout")
            if self.answer.get("error") or self.answer.get("success") == "false":
                raise ApiError("auth", "accounts.consent_denied", detail=self.answer.get("error", ""))
            return self.answer
        finally:
            with _lock:
                _waiting.pop(self.state, None)


_lock = threading.Lock()
_waiting: dict[str, Waiter] = {}
_receiving = threading.Event()


def expect(site: str) -> Waiter:
    """A sign-in for *site* starts waiting for its link."""
    waiter = Waiter(site)
    with _lock:
        _waiting[waiter.state] = waiter
    return waiter


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def deliver(link: str) -> str:
    """Hand *link* to the sign-in waiting for it; "" when it did, else the problem code."""
    if len(link) > MAX_LENGTH:
        return BAD_LINK
    parts = urlsplit(link.strip())
    if parts.scheme.lower() != SCHEME or (parts.netloc.lower(), parts.path) != WORDPRESS or parts.fragment:
        return BAD_LINK
    try:
        pairs = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return BAD_LINK
    fields = dict(pairs)
    register(fields.get("password", ""))
    if len(fields) != len(pairs) or not set(fields) <= _WORDPRESS_FIELDS:
        return BAD_LINK  # a field twice, or one WordPress never sends
    state = fields.get("state", "")
    with _lock:
        waiter = (
            next((w for s, w in _waiting.items() if hmac.compare_digest(s, state)), None) if state else None
        )
    if waiter is None:
        return NOT_WAITING
    refused = fields.get("error") or fields.get("success") == "false"
    if not refused:
        if _origin(fields.get("site_url", "")) != _origin(waiter.site):
            return WRONG_SITE
        if not fields.get("user_login") or not fields.get("password"):
            return BAD_LINK
    waiter.answer = fields
    waiter.done.set()
    return ""


def set_receiving(on: bool) -> None:
    """The window's local server is (not) listening for links."""
    if on:
        _receiving.set()
    else:
        _receiving.clear()


def handler_registered() -> bool:
    """Whether the system starts Siar for ``siar://`` (the installer registered it)."""
    if os.environ.get("SIAR_NO_APP_LINKS"):
        return False
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\Classes\siar\shell\open\command"):
                return True
        except OSError:
            return False
    xdg_mime = shutil.which("xdg-mime")
    if sys.platform.startswith("linux") and xdg_mime:
        try:
            found = subprocess.run(
                [xdg_mime, "query", "default", f"x-scheme-handler/{SCHEME}"],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return False
        return found.stdout.strip().endswith(".desktop")
    return False


def available() -> bool:
    """``siar://`` can bring an answer back to this process right now."""
    return _receiving.is_set() and handler_registered()
