"""An account Siar posts as, and its health."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from composer.core.ids import new_id

# Health states, as the Accounts panel shows them.
OK = "ok"
EXPIRING = "expiring"
EXPIRED = "expired"
REVOKED = "revoked"
PERMISSION = "permission"
UNCHECKED = "unchecked"
UNREACHABLE = "unreachable"  # could not ask the platform (offline): state unknown
NO_SECRET = "no_secret"  # the keyring lost it, or it was kept for a run that ended
STATES = (OK, EXPIRING, EXPIRED, REVOKED, PERMISSION, UNCHECKED, UNREACHABLE, NO_SECRET)
WARN_DAYS = 7  # tell the officer this many days before a token expires


@dataclass(frozen=True)
class Health:
    state: str = UNCHECKED
    checked_at: float = 0.0
    expires_at: float = 0.0  # 0: does not expire (or unknown)
    detail: str = ""  # an i18n code for what is wrong, if anything

    @classmethod
    def from_expiry(cls, expires_at: float, now: float | None = None, detail: str = "") -> Health:
        now = time.time() if now is None else now
        if expires_at and expires_at <= now:
            return cls(EXPIRED, now, expires_at, detail or "accounts.expired")
        if expires_at and expires_at - now < WARN_DAYS * 86400:
            return cls(EXPIRING, now, expires_at, detail)
        return cls(OK, now, expires_at, detail)

    def days_left(self, now: float | None = None) -> int | None:
        if not self.expires_at:
            return None
        now = time.time() if now is None else now
        return max(0, int((self.expires_at - now) // 86400))

    @property
    def usable(self) -> bool:
        return self.state in (OK, EXPIRING, UNCHECKED, UNREACHABLE)


@dataclass(frozen=True)
class Account:
    platform: str  # a platform id: composer.platforms lists them
    name: str  # the officer's label, unique: "Kanim Contoh — Facebook"
    api_base: str
    auth: str  # "page_token", "oauth1", "oauth2", "google", "app_password", "manual"
    id: str = field(default_factory=new_id)
    display_name: str = ""  # what the platform calls it
    handle: str = ""  # @username, page id, channel id or site host
    external_id: str = ""  # the platform's id used in API paths
    picture_url: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    secret_fields: tuple[str, ...] = ()
    health: Health = Health()
    sandbox: bool = False

    def with_health(self, health: Health) -> Account:
        return replace(self, health=health)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["secret_fields"] = list(self.secret_fields)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Account:
        values = dict(data)
        values["secret_fields"] = tuple(values.get("secret_fields", ()))
        values["health"] = Health(**dict(values.get("health") or {}))
        values["settings"] = dict(values.get("settings") or {})
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in values.items() if k in known})
