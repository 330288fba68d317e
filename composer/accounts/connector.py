"""What the account registry needs from a platform's account module: the platform's
address, a health check, (for platforms that sign requests) the requests auth, and the
sign-in that connects an account (``session/connect.py`` calls it).

Each platform's entry in ``composer.platforms`` gives one ``Connector``; the registry
never asks which platform an account is on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import requests

from composer.accounts.model import Account, Health

if TYPE_CHECKING:
    from composer.accounts.connect_request import ConnectFlow
    from composer.accounts.profile import ConnectionProfile

SaveSecrets = Callable[[dict[str, str]], None]
"""Stores rotated secrets (X's refresh tokens) for the account being checked or used."""
HealthCheck = Callable[[requests.Session, Account, dict[str, str], SaveSecrets], Health]
AuthFor = Callable[[requests.Session, Account, dict[str, str], SaveSecrets], requests.auth.AuthBase | None]


def no_auth(
    _session: requests.Session, _account: Account, _secrets: dict[str, str], _save: SaveSecrets
) -> requests.auth.AuthBase | None:
    """For platforms whose client puts the token in each request itself."""
    return None


def without_saver(check: Callable[[requests.Session, Account, dict[str, str]], Health]) -> HealthCheck:
    """A check whose platform never rotates secrets, as a ``HealthCheck``."""

    def checked(
        session: requests.Session, account: Account, secrets: dict[str, str], _save: SaveSecrets
    ) -> Health:
        return check(session, account, secrets)

    return checked


@dataclass(frozen=True)
class Connector:
    api_base: str  # the real platform's address; "" when the officer types it (a website)
    check: HealthCheck
    auth: AuthFor = no_auth
    posting_note: Callable[[Account], str] | None = None
    """How this account's posts reach the platform, when the officer must know (TikTok:
    straight to the profile, or to the inbox to finish in the app); in the UI language."""
    connect: ConnectFlow | None = None
    """The platform's sign-in; None when it is connected through another (Instagram)."""
    button: Callable[[dict[str, Any], ConnectionProfile], dict[str, Any]] | None = None
    """The one-button sign-in: the ``ConnectRequest`` fields it takes from the connection
    profile's values for the platform (and the profile itself, for what it keeps apart);
    None when the profile gives it no button."""
