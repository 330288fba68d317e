"""What IT accepted to hand over in the connection profile (TikTok's client secret,
PLATFORMS.md §13): into the keyring on import, back from it when a button needs it.

The keyring entry is named after the platform and its client key, so a profile for
another TikTok app never picks up this one's secret. The workspace's copy of the
profile (``ConnectionProfile.to_json``) never holds the value."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from composer.accounts.profile import ConnectionProfile
    from composer.accounts.secrets import SecretStore

# platform → (the field naming the app, the secret fields the profile may carry)
_APART = {"tiktok": ("client_key", ("client_secret",))}


def _owner(platform: str, app: str) -> str:
    return f"profile-{platform}-{app}"


def keep(store: SecretStore, profile: ConnectionProfile, *, this_run_only: bool = False) -> None:
    """Put the profile's accepted secrets into the keyring (memory for this run only when
    the keyring cannot be used, ``store.problem`` then says why, or *this_run_only*: the
    sandbox's well-known demo values)."""
    for platform, values in profile.secrets.items():
        app_field, _fields = _APART[platform]
        owner = _owner(platform, str(profile.get(platform).get(app_field, "")))
        for name, value in values.items():
            if this_run_only:
                store.remember_for_session(owner, name, value)
            else:
                store.set(owner, name, value)


def attach(store: SecretStore, profile: ConnectionProfile) -> ConnectionProfile:
    """*profile* with the secrets the keyring holds for it (for its buttons)."""
    found: dict[str, dict[str, str]] = {}
    for platform, (app_field, fields) in _APART.items():
        app = str(profile.get(platform).get(app_field, ""))
        if not app:
            continue
        values = {
            name: profile.secret(platform, name) or store.get(_owner(platform, app), name) or ""
            for name in fields
        }
        values = {name: value for name, value in values.items() if value}
        if values:
            found[platform] = values
    return dataclasses.replace(profile, secrets=found)
