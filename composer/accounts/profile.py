"""The connection profile (*profil koneksi*, ``siar-profile.json``): what the office's IT
registered once per platform, so an officer connects an account with one button.

It carries only what a desktop app may carry, by each platform's own rules
(shared/PLATFORMS.md §14): Meta App ID and **client token** (meant to be embedded,
§14.2), the Graph API version, X's OAuth 2.0 **public** client id (Native App, §14.5),
Google's **Desktop app** client id and its secret, which Google itself says is not
confidential for installed apps (§14.6), the WordPress app name/id (§14.4), TikTok's
client key (§13) and optional API bases (for a test server). Anything that looks like an
App Secret, a confidential client secret or a password is refused: the profile is a file
IT mails around and Siar keeps it in the workspace settings.

One exception, by IT's explicit choice: TikTok's token exchange needs the client secret
even for a desktop app (§13), so ``"tiktok"`` may carry ``client_secret`` when the same
section says ``"accept_secret_in_profile": true``. It is kept apart
(:attr:`ConnectionProfile.secrets`): on import it goes to the keyring
(composer.session.profile_secrets), and :meth:`ConnectionProfile.to_json` — the copy
Siar writes to the workspace or into the installer — never contains it.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from composer.accounts.http import InsecureAddressError, check_api_base
from composer.core.platforms import PLATFORMS

FILE_NAME = "siar-profile.json"
FORMAT_VERSION = 1
MAX_BYTES = 64 * 1024
FACEBOOK_FLOWS = ("device", "browser", "manual")
"""device: Facebook Login for Devices (§14.2); browser: the manual login flow (§14.3: the
officer signs in in the browser and pastes the final address), for apps where device
login does not grant the Page permissions; manual: the pasted-token form only."""

_SECRETISH = re.compile(r"secret|passw|pwd|private|app_?key_?secret", re.IGNORECASE)
# Each platform's rules say what the profile may carry for it (``Platform.profile``).
_PROFILES = {rules.id: rules.profile for rules in PLATFORMS if rules.profile is not None}
# Named like secrets, but the platform says they are not confidential (Google's, §14.6).
_ALLOWED_SECRETISH = {(platform, key) for platform, p in _PROFILES.items() for key in p.public_secrets}
_FIELDS: dict[str, dict[str, str]] = {platform: p.fields for platform, p in _PROFILES.items()}
# TikTok's secret only with IT's explicit acceptance, and never written back (see above).
TIKTOK_ACCEPT = "accept_secret_in_profile"
_KEPT_APART = {("tiktok", "client_secret")}
_ALLOWED_SECRETISH |= {*_KEPT_APART, ("tiktok", TIKTOK_ACCEPT)}


class ProfileError(ValueError):
    """The profile cannot be used; ``code`` names the message in composer.i18n."""

    def __init__(self, code: str, **params: str) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code} {params}")

    def describe(self) -> str:
        from composer.i18n import describe_code

        return describe_code(self.code, dict(self.params))


@dataclass(frozen=True)
class ConnectionProfile:
    name: str = ""
    platforms: dict[str, dict[str, Any]] = field(default_factory=dict)
    secrets: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)
    """platform → field → value: what IT accepted to hand over (TikTok's client secret),
    in memory only; filled from the file on import, or from the keyring afterwards."""

    def get(self, platform: str) -> dict[str, Any]:
        return dict(self.platforms.get(platform, {}))

    def has(self, platform: str) -> bool:
        return platform in self.platforms

    def secret(self, platform: str, name: str) -> str:
        return self.secrets.get(platform, {}).get(name, "")

    def offers(self, platform: str) -> bool:
        """Whether *platform* gets a sign-in button (Facebook: not with ``login: manual``;
        TikTok: only with its client secret at hand, since its token exchange needs it)."""
        at_hand = all(self.secret(platform, f) for (p, f) in _KEPT_APART if p == platform)
        return self.has(platform) and self.get(platform).get("login", "device") != "manual" and at_hand

    @property
    def facebook_flow(self) -> str:
        return str(self.get("facebook").get("login", "device"))

    def to_json(self) -> str:
        """The profile as Siar keeps it: never with :attr:`secrets`."""
        return json.dumps(
            {"siar_profile": FORMAT_VERSION, "name": self.name, **self.platforms},
            ensure_ascii=False,
            indent=2,
            sort_keys=True,
        )


def parse(text: str) -> ConnectionProfile:
    """A validated profile; ProfileError with a message the officer (or IT) can act on."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ProfileError("profile.not_json", line=str(getattr(exc, "lineno", "?"))) from None
    if not isinstance(data, dict) or data.get("siar_profile") != FORMAT_VERSION:
        raise ProfileError("profile.not_profile", version=str(FORMAT_VERSION))
    name = data.get("name", "")
    if not isinstance(name, str) or len(name) > 120:
        raise ProfileError("profile.bad_value", field="name")
    platforms: dict[str, dict[str, Any]] = {}
    secrets: dict[str, dict[str, str]] = {}
    for key, value in data.items():
        if key in ("siar_profile", "name"):
            continue
        if _SECRETISH.search(key):
            raise ProfileError("profile.secret", field=key)
        if key not in _FIELDS:
            raise ProfileError("profile.unknown", field=key)
        if not isinstance(value, dict):
            raise ProfileError("profile.bad_value", field=key)
        platforms[key] = _platform(key, value)
        apart = {f: str(platforms[key].pop(f)) for (p, f) in _KEPT_APART if p == key and f in platforms[key]}
        if apart:
            secrets[key] = apart
    if not platforms:
        raise ProfileError("profile.empty")
    return ConnectionProfile(name, platforms, secrets)


def _platform(platform: str, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        where = f"{platform}.{key}"
        if _SECRETISH.search(key) and (platform, key) not in _ALLOWED_SECRETISH:
            raise ProfileError("profile.secret", field=where)
        kind = _FIELDS[platform].get(key)
        if kind is None:
            raise ProfileError("profile.unknown", field=where)
        out[key] = _value(kind, value, where)
    rules = _PROFILES[platform]
    required = rules.required
    if out.get("login", "device") == "device":
        required = (*required, *rules.device_required)
    for key in required:
        if key not in out:
            raise ProfileError("profile.missing", field=f"{platform}.{key}")
    for apart in (f for (p, f) in _KEPT_APART if p == platform and f in out):
        if out.get(TIKTOK_ACCEPT) is not True:
            # §13: the secret ships with Siar only if IT says so, in so many words.
            raise ProfileError(
                "profile.secret_not_accepted", field=f"{platform}.{apart}", accept=TIKTOK_ACCEPT
            )
    return out


def _value(kind: str, value: Any, where: str) -> Any:
    if kind == "bool":
        if not isinstance(value, bool):
            raise ProfileError("profile.bad_value", field=where)
        return value
    if kind == "port":
        if isinstance(value, bool) or not isinstance(value, int) or not 1024 <= value <= 65535:
            raise ProfileError("profile.bad_value", field=where)
        return value
    if not isinstance(value, str) or not value.strip() or len(value) > 500:
        raise ProfileError("profile.bad_value", field=where)
    value = value.strip()
    checks: dict[str, Callable[[str], bool]] = {
        "digits": str.isdigit,
        "token": lambda v: re.fullmatch(r"[A-Za-z0-9._~|:-]+", v) is not None,
        "version": lambda v: re.fullmatch(r"v\d{1,3}\.\d", v) is not None,
        "fb_flow": lambda v: v in FACEBOOK_FLOWS,
        "text": lambda v: len(v) <= 60,
        "uuid": _is_uuid,
        "base": lambda v: True,
    }
    ok = checks[kind](value)
    if not ok:
        raise ProfileError("profile.bad_value", field=where)
    if kind == "base":
        try:
            value = check_api_base(value)
        except InsecureAddressError:
            raise ProfileError("profile.insecure_base", field=where) from None
    return value


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def read(path: Path) -> ConnectionProfile:
    """The profile in *path*; ProfileError for a file that is missing, too big or wrong."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        raise ProfileError("profile.unreadable", path=str(path)) from None
    if len(raw) > MAX_BYTES:
        raise ProfileError("profile.too_big")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError("profile.not_json", line="1") from None
    return parse(text)


def bundle_for_build(source: Path, build_dir: Path) -> Path:
    """For ``packaging/siar.spec``: check *source* and write the profile the installer
    carries (``profile/siar-profile.json`` under *build_dir*, added as an asset).
    ProfileError stops the build rather than ship a profile Siar would refuse. TikTok's
    client secret is left out like any file Siar writes: the installer is copied around
    more than the profile, so each computer takes the secret by importing the profile."""
    profile = read(source)
    target = build_dir / "profile" / FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(profile.to_json(), encoding="utf-8")
    return target
