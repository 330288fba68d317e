"""The demo's accounts on these fakes (``make run``): each platform's account as the
fields of an ``Account`` (the sandbox imports no client code), the comment book the
demo's inbox reads, and who "the office" is on each fake.

Each fake knows its own platform; ``composer.demo`` only iterates what is here and takes
the accounts' names from the platform registry.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from composer.sandbox import graph as fake_graph
from composer.sandbox import tiktok as fake_tiktok
from composer.sandbox import wordpress as fake_wp
from composer.sandbox import x as fake_x

if TYPE_CHECKING:
    from composer.sandbox import Sandbox
    from composer.sandbox.comments import CommentBook

DEMO_PAGE = "1090000001"


@dataclass(frozen=True)
class DemoAccount:
    platform: str
    base_url: str
    auth: str
    fields: dict[str, Any]  # the Account's display_name, handle, external_id, settings
    secrets: dict[str, str]


def demo_accounts(sandbox: Sandbox, graph_version: str) -> list[DemoAccount]:
    """The sandbox's credentials are well-known test values."""
    page_token = sandbox.graph.page_token(DEMO_PAGE)
    ig_id = sandbox.graph.pages[DEMO_PAGE].ig_id
    _access, refresh = sandbox.google.issue()
    tiktok_grant = sandbox.tiktok.issue()
    return [
        DemoAccount("facebook", sandbox.graph.base_url, "page_token",
                    {"display_name": sandbox.graph.pages[DEMO_PAGE].name, "handle": DEMO_PAGE, "external_id": DEMO_PAGE,
                     "settings": {"app_id": fake_graph.APP_ID, "graph_version": graph_version}},
                    {"page_token": page_token}),
        DemoAccount("instagram", sandbox.graph.base_url, "page_token",
                    {"display_name": sandbox.graph.igs[ig_id].name, "handle": f"@{sandbox.graph.igs[ig_id].username}",
                     "external_id": ig_id,
                     "settings": {"page_id": DEMO_PAGE, "graph_version": graph_version, "image_host": "facebook_page"}},  # accounts.facebook.IMAGE_HOST_PAGE
                    {"page_token": page_token}),
        DemoAccount("x", sandbox.x.base_url, "oauth1",
                    {"display_name": sandbox.x.user["name"], "handle": f"@{sandbox.x.user['username']}",
                     "external_id": sandbox.x.user["id"], "settings": {"api_key": fake_x.CONSUMER_KEY}},
                    {"api_secret": fake_x.CONSUMER_SECRET, "access_token": fake_x.ACCESS_TOKEN,
                     "access_secret": fake_x.ACCESS_SECRET}),
        DemoAccount("youtube", sandbox.google.base_url, "google",
                    {"display_name": sandbox.google.channel["title"], "handle": sandbox.google.channel["id"],
                     "external_id": sandbox.google.channel["id"],
                     "settings": {"client_id": "000000000000-sandbox.apps.googleusercontent.com", "testing": False,
                                  "connected_at": time.time()}},
                    {"client_secret": "GOCSPX-sandbox-not-secret", "refresh_token": refresh}),
        DemoAccount("wordpress", sandbox.wordpress.base_url, "app_password",
                    {"display_name": "Humas Kanim (Sandbox)", "handle": sandbox.wordpress.base_url.removeprefix("http://"),
                     "external_id": "1", "settings": {"username": fake_wp.USERNAME}},
                    {"app_password": fake_wp.APP_PASSWORD}),
        # An unaudited app, as a new one is (PLATFORMS.md §13): uploads to the inbox.
        DemoAccount("tiktok", sandbox.tiktok.base_url, "oauth2",
                    {"display_name": str(sandbox.tiktok.creator["creator_nickname"]),
                     "handle": f"@{sandbox.tiktok.creator['creator_username']}", "external_id": fake_tiktok.OPEN_ID,
                     "settings": {"client_key": fake_tiktok.CLIENT_KEY, "mode": "inbox", "privacy": "", "audited": False,
                                  "photo_host": "wordpress"}},
                    {"client_secret": fake_tiktok.CLIENT_SECRET, "access_token": tiktok_grant.access,
                     "refresh_token": tiktok_grant.refresh, "access_expires_at": str(tiktok_grant.expires_at),
                     "refresh_expires_at": str(tiktok_grant.refresh_expires_at)}),
    ]  # fmt: skip


def comment_books(sandbox: Sandbox) -> dict[str, CommentBook]:
    """Platform → the fake's comments on its posts (the platforms whose comments Siar reads)."""
    return {
        "facebook": sandbox.graph.page_comments,
        "instagram": sandbox.graph.ig_comments,
        "youtube": sandbox.google.video_comments,
        "wordpress": sandbox.wordpress.post_comments,
    }


def office_on(platform: str, external_id: str, name: str, handle: str) -> tuple[str, str]:
    """Who "the office" is on the fake (author id, author name): what the inbox recognises
    as our own reply. YouTube's channel id is "UC" + the author id the fake keeps."""
    if platform == "instagram":
        return external_id, handle.lstrip("@")
    if platform == "youtube":
        return external_id[2:], name
    return external_id, name
