"""The platform registry: every platform has one entry with all its parts, and the names
the officer sees come from it."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from composer import i18n, platforms
from composer.core import platforms as rules
from composer.publish.base import Client
from composer.sandbox import Sandbox


def test_every_platform_with_rules_has_one_entry_with_every_part() -> None:
    assert set(platforms.ids()) == set(rules.BY_ID)
    assert len(platforms.PLATFORMS) == len(set(platforms.ids()))
    fakes = {f.name for f in dataclasses.fields(Sandbox)}
    for entry in platforms.PLATFORMS:
        client: Client = entry.client()
        for step in ("steps", "published", "cleanup"):
            assert callable(getattr(client, step)), (entry.id, step)
        connector = entry.connector()
        assert len(inspect.signature(connector.check).parameters) == 4, entry.id
        assert entry.sandbox in fakes, entry.id
        assert entry.card.accent.startswith("#"), entry.id


def test_the_website_is_called_the_same_everywhere(siar_home: object) -> None:
    assert platforms.display_name("wordpress") == "Website"
    i18n.set_language("id")
    try:
        assert platforms.display_name("wordpress") == "Situs web"
        assert platforms.display_name("x") == "X"
    finally:
        i18n.set_language("en")
    assert platforms.display_name("mastodon") == "mastodon"  # an unknown id as it is


def test_the_cli_offers_the_registered_platforms(capsys: pytest.CaptureFixture[str]) -> None:
    from composer.cli import main

    with pytest.raises(SystemExit):
        main(["accounts", "add", "--help"])
    help_text = capsys.readouterr().out
    for entry in platforms.PLATFORMS:
        assert entry.id in help_text
    assert "youtube: Client Secret" in help_text and "x-oauth1: API Key Secret" in help_text
