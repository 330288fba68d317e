"""One-button sign-in (issue 14): the office's connection profile and the requests its
buttons make. The profile is kept in the workspace settings; without one, Siar uses the
profile bundled into the installer (``packaging/siar.spec``), if any."""

from __future__ import annotations

import dataclasses
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from composer import platforms
from composer.accounts.profile import FILE_NAME, ConnectionProfile, ProfileError, parse, read

if TYPE_CHECKING:
    import requests

    from composer.accounts.facebook_device import DeviceCode
    from composer.session.connect import Connected, ConnectRequest
    from composer.store.settings import SettingsStore

PROFILE_KEY = "connection_profile"
BUTTON_PLATFORMS = tuple(entry.id for entry in platforms.sign_in_buttons())
CONNECTED_WITH = "connected_with"


def bundled_profile_path() -> Path:
    from composer.paths import assets_dir

    return assets_dir() / "profile" / FILE_NAME


def load_profile(settings: SettingsStore) -> ConnectionProfile | None:
    """The imported profile, else the bundled one, else None."""
    stored = settings.get(PROFILE_KEY)
    if stored:
        try:
            return parse(stored)
        except ProfileError:
            pass  # saved by an older Siar with other rules: fall back to the bundled one
    bundled = bundled_profile_path()
    if bundled.is_file():
        try:
            return read(bundled)
        except ProfileError:
            return None
    return None


def import_profile(settings: SettingsStore, path: Path) -> ConnectionProfile:
    """Validate *path* and keep it; ProfileError (nothing saved) when it is wrong."""
    profile = read(path)
    settings.put(PROFILE_KEY, profile.to_json())
    return profile


def button_request(
    profile: ConnectionProfile,
    platform: str,
    *,
    open_browser: Callable[[str], object] = webbrowser.open,
    on_code: Callable[[DeviceCode], object] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    site: str = "",
) -> ConnectRequest:
    """What a platform's button asks the session to connect, from *profile* (the
    fields come from the platform's connector, ``Connector.button``)."""
    from composer.session.connect import ConnectRequest

    entry = platforms.get(platform)
    fields_for = entry.connector().button
    if fields_for is None:
        raise ValueError(f"no button for {platform!r}")
    values = profile.get(platform)
    common = {
        "name": "",
        "api_base": site if entry.connection.asks_site else str(values.get("api_base", "")),
        "open_browser": open_browser,
        "pictures": True,
        "cancelled": cancelled,
        "on_code": on_code,
    }
    return ConnectRequest(platform, **{**common, **fields_for(values, profile)})


def named(results: list[Connected]) -> list[Connected]:
    """Accounts from a button get the name they have on the platform (the officer typed none)."""
    out = []
    for result in results:
        # Reconnecting it later takes the same button (one click), not the manual form.
        account = dataclasses.replace(
            result.account, settings={**result.account.settings, CONNECTED_WITH: "profile"}
        )
        if not account.name:
            label = platforms.display_name(account.platform)
            account = dataclasses.replace(account, name=f"{account.display_name or account.handle} — {label}")
        out.append(dataclasses.replace(result, account=account))
    return out


def wordpress_address_page(
    profile: ConnectionProfile | None, site: str, http: requests.Session
) -> tuple[str, str]:
    """(where the officer approves Siar, its state) when the site refuses Siar's return
    addresses: the browser then lands on the site's profile page, whose address the
    officer copies into one field (:func:`wordpress_from_address`)."""
    from composer.accounts import wordpress_authorize
    from composer.session.connect import WORDPRESS_APP_UUID

    values = profile.get("wordpress") if profile is not None else {}
    return wordpress_authorize.address_page(
        http, site, str(values.get("app_name") or "Siar"), str(values.get("app_id") or WORDPRESS_APP_UUID)
    )


def wordpress_from_address(site: str, pasted: str, state: str) -> ConnectRequest:
    """The connection for the pasted address; ApiError when it is not this sign-in's."""
    from composer.accounts import wordpress_authorize
    from composer.session.connect import ConnectRequest

    login, password = wordpress_authorize.from_address(pasted, site, state)
    return ConnectRequest("wordpress", "", api_base=site, username=login, secrets=(password,), pictures=True)


def facebook_browser_start(request: ConnectRequest) -> tuple[str, str]:
    """§14.3: the address of Facebook's login dialog for *request* and its ``state``."""
    from composer.accounts import facebook, facebook_browser
    from composer.session.connect import resolve_base

    version = request.graph_version or facebook.GRAPH_VERSION
    return facebook_browser.dialog_url(resolve_base(request), version, request.ident)
