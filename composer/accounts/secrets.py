"""Secrets go to the OS keyring and nowhere else.

Where no keyring backend exists (a bare Linux without Secret Service) or the keyring
fails (locked, refused), a secret is kept in memory for this run only and
:attr:`SecretStore.problem` says why — never a file fallback. Keyring entries are
named ``service="Siar"``, ``username="<account id>/<field>"``; the workspace stores only
the account id and the field names.
"""

from __future__ import annotations

import logging
import threading

import keyring
import keyring.errors

from composer.accounts.redact import register

log = logging.getLogger(__name__)
SERVICE = "Siar"

# Problem codes (messages in composer.i18n): why secrets are only kept for this run.
NO_BACKEND = "secrets.no_keyring"
BACKEND_FAILED = "secrets.keyring_failed"


def _key(account_id: str, name: str) -> str:
    return f"{account_id}/{name}"


class SecretStore:
    def __init__(self) -> None:
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        self.problem = ""
        backend = keyring.get_keyring()
        # keyring's "fail" and "null" backends (no usable store) have priority ≤ 0.
        self._usable = float(getattr(backend, "priority", 0)) > 0
        if not self._usable:
            self.problem = NO_BACKEND
            log.warning("no keyring backend (%s): secrets are kept for this run only", type(backend).__name__)

    @property
    def persistent(self) -> bool:
        return self._usable and not self.problem

    def set(self, account_id: str, name: str, value: str) -> None:
        key = _key(account_id, name)
        register(value)
        with self._lock:
            self._memory[key] = value
        if not self._usable:
            return
        try:
            keyring.set_password(SERVICE, key, value)
        except keyring.errors.KeyringError as exc:
            # The exception text is the backend's; it never contains the secret, but we
            # log only its type to be sure.
            log.warning("keyring refused to store a secret (%s); kept for this run only", type(exc).__name__)
            self.problem = BACKEND_FAILED
            return
        with self._lock:
            self._memory.pop(key, None)  # the keyring has it; no second copy in memory

    def get(self, account_id: str, name: str) -> str | None:
        key = _key(account_id, name)
        with self._lock:
            if key in self._memory:
                return self._memory[key]
        if not self._usable:
            return None
        try:
            value = keyring.get_password(SERVICE, key)
        except keyring.errors.KeyringError as exc:
            log.warning("keyring could not be read (%s)", type(exc).__name__)
            self.problem = BACKEND_FAILED
            return None
        register(value)
        return value

    def delete(self, account_id: str, name: str) -> None:
        key = _key(account_id, name)
        with self._lock:
            self._memory.pop(key, None)
        if not self._usable:
            return
        try:
            keyring.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            pass  # it was not there
        except keyring.errors.KeyringError as exc:
            log.warning("keyring could not delete a secret (%s)", type(exc).__name__)
            self.problem = BACKEND_FAILED

    def remember_for_session(self, account_id: str, name: str, value: str) -> None:
        """Keep a value in memory only (the sandbox's well-known demo tokens)."""
        register(value)
        with self._lock:
            self._memory[_key(account_id, name)] = value
