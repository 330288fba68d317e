"""Platform knowledge lives in each platform's own modules, reached through the registry
(issue 11): the window, the CLI, the session, the inbox and the demo look platforms up
instead of naming them."""

from __future__ import annotations

from pathlib import Path

import pytest

import composer
from composer import platforms
from composer.core import platforms as rules

ROOT = Path(composer.__file__).parent


def _naming(platform_id: str) -> list[str]:
    """Modules outside the sandbox (the fakes are per platform) that name *platform_id*."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("sandbox/"):
            continue
        if f'"{platform_id}"' in path.read_text(encoding="utf-8"):
            found.append(relative)
    return found


def test_only_youtubes_own_modules_and_the_registry_name_youtube() -> None:
    own = [m for m in _naming("youtube") if "youtube" not in Path(m).stem and m != "platforms/__init__.py"]
    assert own == []


def test_every_entry_declares_how_it_is_connected_and_what_its_inbox_reads() -> None:
    for entry in platforms.PLATFORMS:
        connection, connector = entry.connection, entry.connector()
        # Connected on its own (a form in the Accounts window and a sign-in), or through another.
        assert bool(connection.menu) != bool(connection.through), entry.id
        assert (connector.connect is None) == bool(connection.through), entry.id
        if connection.through:  # reconnecting it takes the sign-in of the platform it comes with
            assert platforms.get(connection.via).connector().connect is not None, entry.id
        assert bool(connection.button) == (connector.button is not None), entry.id
        assert connection.demo_name, entry.id
        if entry.comments is not None:
            assert entry.comments_budget > 0, entry.id
            api = entry.comments()
            for call in ("fetch", "reply", "find_reply", "hide"):
                assert callable(getattr(api, call)), (entry.id, call)
        else:
            assert entry.comments_budget == 0, entry.id


@pytest.mark.parametrize("platform", ["facebook", "x", "youtube", "wordpress"])
def test_a_sign_in_button_builds_its_request_from_the_profile(platform: str) -> None:
    from composer.accounts.profile import parse
    from composer.sandbox import Sandbox
    from composer.session.sign_in import BUTTON_PLATFORMS, button_request

    assert platform in BUTTON_PLATFORMS
    with Sandbox.start() as sandbox:
        profile = parse(sandbox.profile_json())
        request = button_request(profile, platform, site=sandbox.wordpress.base_url)
    values = profile.get(platform)
    assert request.platform == platform and request.pictures and request.name == ""
    if platforms.get(platform).connection.asks_site:
        assert request.api_base == sandbox.wordpress.base_url and request.authorize
    else:
        assert request.ident == str(values.get("app_id") or values.get("client_id"))
    assert request.device == platforms.get(platform).connection.device_login


def test_the_profile_accepts_what_each_platforms_rules_allow() -> None:
    from composer.accounts.profile import ProfileError, parse

    profiled = [r for r in rules.PLATFORMS if r.profile is not None]
    assert {r.id for r in profiled} == {"facebook", "x", "youtube", "wordpress", "tiktok"}
    # Google's Desktop-app secret is allowed (its rules say so); the same name elsewhere is not.
    parse('{"siar_profile": 1, "youtube": {"client_id": "a.apps", "client_secret": "GOCSPX-1"}}')
    with pytest.raises(ProfileError) as refused:
        parse('{"siar_profile": 1, "x": {"client_id": "abc", "client_secret": "s"}}')
    assert refused.value.code == "profile.secret"


def test_logos_and_size_names_come_from_the_rules() -> None:
    from composer.design.icons import ICONS
    from composer.ui.design_editor.names import icon_name, size_name

    for platform in rules.PLATFORMS:
        if platform.icon:
            assert ICONS[platform.id] == platform.icon
            assert icon_name(platform.id) == platforms.display_name(platform.id)
        for spec in platform.image_specs:
            assert size_name(spec).endswith(f"({spec.width}×{spec.height})")
