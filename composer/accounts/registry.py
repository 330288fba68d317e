"""The accounts Siar knows: public data in the workspace, secrets in the keyring, health."""

from __future__ import annotations

import builtins
import dataclasses
import logging
import time
from collections.abc import Callable, Mapping

import requests

from composer.accounts.connector import Connector
from composer.accounts.http import ApiError, new_session
from composer.accounts.model import EXPIRED, NO_SECRET, PERMISSION, REVOKED, UNREACHABLE, Account, Health
from composer.accounts.secrets import SecretStore
from composer.store.accounts import AccountRows, DuplicateAccountName

log = logging.getLogger(__name__)


class AccountRegistry:
    def __init__(
        self,
        rows: AccountRows,
        secrets: SecretStore,
        session_factory: Callable[[], requests.Session] = new_session,
        *,
        connectors: Mapping[str, Connector],
        clock: Callable[[], float] = time.time,
    ) -> None:
        """*connectors*: each platform's, by platform id (``composer.platforms.connectors()``;
        passed in because the platform table sits above this layer)."""
        self.rows = rows
        self.secret_store = secrets
        self.session_factory = session_factory
        self.connectors = connectors
        self.clock = clock

    # --- the list ------------------------------------------------------------------------------
    def list(self) -> list[Account]:
        return [Account.from_dict(data) for data in self.rows.all()]

    def get(self, key: str) -> Account | None:
        """By id or by name."""
        return next((a for a in self.list() if key in (a.id, a.name)), None)

    def add(self, account: Account, secrets: dict[str, str], health: Health | None = None) -> Account:
        if any(a.name == account.name and a.id != account.id for a in self.list()):
            raise DuplicateAccountName(account.name)
        account = dataclasses.replace(account, secret_fields=tuple(secrets), health=health or account.health)
        for field, value in secrets.items():  # the keyring first: a row never points at nothing
            self.secret_store.set(account.id, field, value)
        try:
            self.rows.save(account.to_dict())
        except Exception:
            for field in secrets:
                self.secret_store.delete(account.id, field)
            raise
        log.info("account added: %s (%s)", account.name, account.platform)
        return account

    def replace(self, old: Account, new: Account, secrets: dict[str, str], health: Health) -> Account:
        """Reconnect: the same id and name, new credentials."""
        new = dataclasses.replace(new, id=old.id, name=old.name, settings={**old.settings, **new.settings})
        stale = set(old.secret_fields) - set(secrets)
        added = self.add(new, secrets, health)
        for field in stale:
            self.secret_store.delete(old.id, field)
        return added

    def update(self, account: Account) -> None:
        self.rows.save(account.to_dict())

    def remove(self, account: Account) -> None:
        for field in account.secret_fields:
            self.secret_store.delete(account.id, field)
        self.rows.delete(account.id)
        log.info("account removed: %s", account.name)

    # --- secrets -------------------------------------------------------------------------------
    def secrets(self, account: Account) -> dict[str, str]:
        values = {}
        for field in account.secret_fields:
            value = self.secret_store.get(account.id, field)
            if value is None:
                raise ApiError("keyring", "accounts.secret_missing", params={"name": account.name})
            values[field] = value
        return values

    def effective(self, account: Account) -> Account:
        """*account* with the state it really has now: whatever the last check said, an
        account whose secret the store no longer has (no keyring, so it lasted one run;
        or the keyring lost it) is "secret missing". Nothing is asked of the platform."""
        if account.health.state == NO_SECRET or not account.secret_fields:
            return account
        if all(self.secret_store.get(account.id, f) is not None for f in account.secret_fields):
            return account
        health = account.health
        return account.with_health(
            Health(NO_SECRET, health.checked_at, health.expires_at, "accounts.secret_missing")
        )

    def saver(self, account: Account) -> Callable[[dict[str, str]], None]:
        """Stores rotated tokens (X's refresh tokens) for *account*."""

        def save(values: dict[str, str]) -> None:
            for field, value in values.items():
                self.secret_store.set(account.id, field, value)
            if set(values) != set(account.secret_fields):
                self.rows.save(dataclasses.replace(account, secret_fields=tuple(values)).to_dict())

        return save

    def auth(
        self, session: requests.Session, account: Account, secrets: dict[str, str] | None = None
    ) -> requests.auth.AuthBase | None:
        """requests auth for clients that take it (X); None for token-in-request platforms.
        *secrets*: the account's, when the caller has just read them."""
        connector = self.connectors.get(account.platform)
        if account.auth == "manual" or connector is None:
            return None
        secrets = self.secrets(account) if secrets is None else secrets
        return connector.auth(session, account, secrets, self.saver(account))

    # --- health --------------------------------------------------------------------------------
    def check(self, account: Account, session: requests.Session | None = None) -> Account:
        """Ask the platform whether the account still works; the answer is saved."""
        session = session or self.session_factory()
        previous = account.health
        try:
            secrets = self.secrets(account)
            health = self._check(session, account, secrets)
        except ApiError as error:
            health = _health_of(error, previous, self.clock())
        checked = account.with_health(health)
        self.update(checked)
        return checked

    def _check(self, session: requests.Session, account: Account, secrets: dict[str, str]) -> Health:
        connector = self.connectors.get(account.platform)
        if account.auth == "manual" or connector is None:
            # A posting kit needs nothing from the platform.
            return Health.from_expiry(0, now=self.clock())
        return connector.check(session, account, secrets, self.saver(account))

    def check_all(self) -> builtins.list[Account]:
        session = self.session_factory()
        return [self.check(a, session) for a in self.list()]


def _health_of(error: ApiError, previous: Health, now: float) -> Health:
    if error.kind == "keyring":
        return Health(NO_SECRET, now, previous.expires_at, error.code)
    if error.kind == "auth":
        state = EXPIRED if error.code == "api.auth_expired" else REVOKED
        return Health(state, now, previous.expires_at, error.code)
    if error.kind == "permission":
        return Health(PERMISSION, now, previous.expires_at, error.code)
    # Offline, a platform hiccup: we do not know more than before.
    return Health(UNREACHABLE, now, previous.expires_at, error.code)
