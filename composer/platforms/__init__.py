"""The platforms Siar posts to: one entry each, and the only table of them.

An entry ties together what a platform is made of, each part in its own module:

- the rules (``core/platforms/<id>.py``): id, the name the officer sees, previews, limits
- the client (``publish/<id>.py``): the steps that publish a post (a ``publish.base.Client``)
- the connector (``accounts/<id>.py``): address, health check, request signing
- the fake (``sandbox/``): the server in ``Sandbox.servers()`` that speaks its API
- the metrics fetcher (``insights/<id>.py``) and its daily request budget
- the comments the inbox reads (``publish/<id>_comments.py``) and their daily budget
- how the officer connects it (``platforms/<id>.py``): the Accounts window's form, the
  sign-in button, the command line's options, the demo account

The window, the command line and the outbox take ids, names and choices from here.
Clients and connectors are imported on first use, so listing the platforms (the editor
does it at start-up) costs no network code.

This package sits above ``publish`` and ``accounts``: the outbox reads it directly; the
account registry, one layer down, is handed ``connectors()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from composer.core.platforms import facebook as facebook_rules
from composer.core.platforms import instagram as instagram_rules
from composer.core.platforms import tiktok as tiktok_rules
from composer.core.platforms import wordpress as wordpress_rules
from composer.core.platforms import x as x_rules
from composer.core.platforms import youtube as youtube_rules
from composer.core.platforms.base import Platform
from composer.i18n import N_, _
from composer.platforms import facebook as facebook_connection
from composer.platforms import instagram as instagram_connection
from composer.platforms import tiktok as tiktok_connection
from composer.platforms import wordpress as wordpress_connection
from composer.platforms import x as x_connection
from composer.platforms import youtube as youtube_connection
from composer.platforms.card_style import CardStyle
from composer.platforms.connection import Connection

if TYPE_CHECKING:  # the modules behind these load requests; they are imported on first use
    from composer.accounts.connector import Connector
    from composer.accounts.model import Account
    from composer.insights.base import Fetcher
    from composer.publish.base import Client
    from composer.publish.comment_api import CommentApi


@dataclass(frozen=True)
class PlatformEntry:
    """One platform's parts (see the module's docstring)."""

    rules: Platform
    client: Callable[[], Client]
    connector: Callable[[], Connector]
    sandbox: str  # the key of its fake in Sandbox.servers()
    card: CardStyle  # how its preview card looks
    connection: Connection  # how the officer connects an account
    native_schedule: bool = False  # the platform publishes at a set time itself (Siar needn't run)
    secret_prompts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``siar accounts add``: the secrets read from standard input, in order, per way of
    signing in ("" when there is one)."""
    metrics: Callable[[], Fetcher] | None = None  # None: the platform gives no post metrics
    metrics_budget: int = 0
    """Requests per day the metrics may spend (the platform's documented limit, or a share
    of it where posting and comments draw on the same quota)."""
    comments: Callable[[], CommentApi] | None = None
    """Reading and answering its comments in the inbox; None: the officer answers in the
    platform's own app."""
    comments_budget: int = 0
    """Inbox polls per day (PLATFORMS.md §12.3), shared with posting and metrics."""
    first_comment: bool = False
    """The Page, account or channel itself can comment under its post through the API
    (§12.2): the Post-to-all dialog offers a first comment (``publish/first_comment.py``)."""

    @property
    def id(self) -> str:
        return self.rules.id

    @property
    def name(self) -> str:
        """What the officer sees, in the UI language."""
        return _(self.rules.name)


# --- each platform's parts, imported when first needed ---------------------------------------
def _facebook_client() -> Client:
    from composer.publish import facebook

    return facebook


def _facebook_connector() -> Connector:
    from composer.accounts import facebook, facebook_connect
    from composer.accounts.connector import Connector, without_saver

    return Connector(
        facebook.GRAPH_BASE,
        without_saver(facebook.check),
        connect=facebook_connect.connect_request,
        button=facebook_connect.button_fields,
    )


def _instagram_connector() -> Connector:
    """Facebook's, without a sign-in of its own: it comes with its Facebook Page."""
    from composer.accounts import facebook
    from composer.accounts.connector import Connector, without_saver

    return Connector(facebook.GRAPH_BASE, without_saver(facebook.check))


def _instagram_client() -> Client:
    from composer.publish import instagram

    return instagram


def _x_client() -> Client:
    from composer.publish import x

    return x


def _x_connector() -> Connector:
    from composer.accounts import x
    from composer.accounts.connector import Connector

    return Connector(x.API_BASE, x.check, x.auth_for, connect=x.connect_request, button=x.button_fields)


def _youtube_client() -> Client:
    from composer.publish import youtube

    return youtube


def _youtube_connector() -> Connector:
    from composer.accounts import youtube
    from composer.accounts.connector import Connector, without_saver

    return Connector(
        youtube.API_BASE,
        without_saver(youtube.check),
        connect=youtube.connect_request,
        button=youtube.button_fields,
    )


def _wordpress_client() -> Client:
    from composer.publish import wordpress

    return wordpress


def _wordpress_connector() -> Connector:
    from composer.accounts import wordpress, wordpress_authorize
    from composer.accounts.connector import Connector, without_saver

    # "": the officer types the site's address.
    return Connector(
        "",
        without_saver(wordpress.check),
        connect=wordpress_authorize.connect_request,
        button=wordpress_authorize.button_fields,
    )


def _facebook_metrics() -> Fetcher:
    from composer.insights import facebook

    return facebook


def _instagram_metrics() -> Fetcher:
    from composer.insights import instagram

    return instagram


def _x_metrics() -> Fetcher:
    from composer.insights import x

    return x


def _youtube_metrics() -> Fetcher:
    from composer.insights import youtube

    return youtube


def _wordpress_metrics() -> Fetcher:
    from composer.insights import wordpress

    return wordpress


def _tiktok_metrics() -> Fetcher:
    from composer.insights import tiktok

    return tiktok


def _tiktok_client() -> Client:
    from composer.publish import tiktok

    return tiktok


def _tiktok_connector() -> Connector:
    from composer.accounts import tiktok
    from composer.accounts.connector import Connector

    return Connector(
        tiktok.API_BASE,
        tiktok.check,
        tiktok.auth_for,
        tiktok.describe_mode,
        connect=tiktok.connect_request,
        button=tiktok.button_fields,
    )


def _facebook_comments() -> CommentApi:
    from composer.publish import graph_comments

    return graph_comments.FACEBOOK


def _instagram_comments() -> CommentApi:
    from composer.publish import graph_comments

    return graph_comments.INSTAGRAM


def _youtube_comments() -> CommentApi:
    from composer.publish import youtube_comments

    return youtube_comments


def _wordpress_comments() -> CommentApi:
    from composer.publish import wordpress_comments

    return wordpress_comments


def kit_client() -> Client:
    """For an account without API access (``auth == "manual"``) on any platform."""
    from composer.publish import kit

    return kit


# --- the table ------------------------------------------------------------------------------
PLATFORMS: tuple[PlatformEntry, ...] = (
    PlatformEntry(
        facebook_rules.RULES,
        _facebook_client,
        _facebook_connector,
        "graph",
        CardStyle("#1877F2", "#1877F2", False, N_("See more"), N_("Just now · Public")),
        facebook_connection.CONNECTION,
        native_schedule=True,  # published=false + scheduled_publish_time (PLATFORMS.md §11)
        secret_prompts=(("", ("App Secret", "short-lived user token")),),
        metrics=_facebook_metrics,
        metrics_budget=4800,  # BUC: 4800 × engaged users per hour (§2.4); one hour's floor a day
        comments=_facebook_comments,
        comments_budget=2400,  # half of Meta's ~4,800 calls a day per user (§2.4)
        first_comment=True,
    ),
    # Connected through its Facebook Page: the same Graph API, token and health check.
    PlatformEntry(
        instagram_rules.RULES,
        _instagram_client,
        _instagram_connector,
        "graph",
        CardStyle("#E1306C", "#00376B", True, N_("more"), N_("Original audio"), handle_first=True),
        instagram_connection.CONNECTION,
        metrics=_instagram_metrics,
        metrics_budget=4800,  # BUC type instagram: 4800 × impressions per 24 h (§3.3), floor
        comments=_instagram_comments,
        comments_budget=2400,  # half of Meta's ~4,800 calls a day per user (§2.4)
        first_comment=True,  # where the link goes: links in its captions cannot be clicked
    ),
    PlatformEntry(
        x_rules.RULES,
        _x_client,
        _x_connector,
        "x",
        CardStyle("#0F1419", "#1D9BF0", False, "", N_("now"), rounded_media=True, handle_in_meta=True),
        x_connection.CONNECTION,
        secret_prompts=(
            ("oauth1", ("API Key Secret", "Access Token", "Access Token Secret")),
            ("oauth2", ("Client Secret (an empty line for a public client)",)),
        ),
        metrics=_x_metrics,
        metrics_budget=48,  # paid reads (§12.1): ≤ 48 × 100 posts ≈ $4.80 a day at most
    ),
    PlatformEntry(
        youtube_rules.RULES,
        _youtube_client,
        _youtube_connector,
        "google",
        CardStyle("#FF0000", "#065FD4", True, N_("...more"), N_("0 views · just now")),
        youtube_connection.CONNECTION,
        native_schedule=True,  # publishAt (shared/PLATFORMS.md §4.4)
        secret_prompts=(("", ("Client Secret",)),),
        metrics=_youtube_metrics,
        metrics_budget=1000,  # 1 unit each from the 10,000 shared with uploads and comments (§4.5)
        comments=_youtube_comments,
        comments_budget=2500,  # a quarter of the 10,000 units: commentThreads.list costs 1 (§12.2)
        first_comment=True,  # commentThreads.insert, 50 units (needs youtube.force-ssl)
    ),
    PlatformEntry(
        wordpress_rules.RULES,
        _wordpress_client,
        _wordpress_connector,
        "wordpress",
        CardStyle("#21759B", "#21759B", True, "", N_("Office website")),
        wordpress_connection.CONNECTION,
        native_schedule=True,  # status=future + date_gmt (shared/PLATFORMS.md §11)
        secret_prompts=(("", ("Application Password",)),),
        metrics=_wordpress_metrics,
        metrics_budget=2000,  # core has no limit; hosts' firewalls do (§5.3): stay modest
        comments=_wordpress_comments,
        comments_budget=3000,  # the office's own server: a gentle rate
    ),
    PlatformEntry(
        tiktok_rules.RULES,
        _tiktok_client,
        _tiktok_connector,
        "tiktok",
        # Black with TikTok's cyan for tags; the video fills a 9:16 card, caption below. In
        # the calendar a dark teal (X's and TikTok's brand colours are both near-black), near
        # its logo's cyan and dark enough for white text on a published chip.
        CardStyle("#000000", "#00A3B8", True, N_("more"), N_("Original sound"), calendar="#00796B"),
        tiktok_connection.CONNECTION,
        # No native scheduling in the Content Posting API (§13): the outbox holds the post.
        secret_prompts=(
            ("", ("Client Secret",)),
            ("token", ("Client Secret", "Refresh Token")),
        ),
        metrics=_tiktok_metrics,
        # video/query takes 20 ids a call; TikTok's per-minute limit is far above what a
        # day of snapshots asks (a few calls), so a modest daily cap is enough.
        metrics_budget=500,
    ),
)
BY_ID: dict[str, PlatformEntry] = {p.id: p for p in sorted(PLATFORMS, key=lambda p: p.rules.order)}


def get(platform_id: str) -> PlatformEntry:
    try:
        return BY_ID[platform_id]
    except KeyError:
        raise KeyError(f"unknown platform {platform_id!r}; known: {', '.join(BY_ID)}") from None


def ids() -> list[str]:
    """Every platform id, in the order the previews show them (for choices)."""
    return list(BY_ID)


def display_name(platform_id: str) -> str:
    """The platform's name in the UI language; an unknown id as it is."""
    entry = BY_ID.get(platform_id)
    return entry.name if entry is not None else platform_id


def client_for(platform_id: str, manual: bool = False) -> Client:
    return kit_client() if manual else get(platform_id).client()


def posting_note(account: Account) -> str:
    """How *account* posts, when its platform has more than one way ("" otherwise)."""
    entry = BY_ID.get(account.platform)
    if entry is None or account.auth == "manual":
        return ""
    note = entry.connector().posting_note
    return note(account) if note is not None else ""


def sign_in_buttons() -> list[PlatformEntry]:
    """The platforms the connection profile gives a one-button sign-in, in preview order."""
    return [entry for entry in BY_ID.values() if entry.connection.button]


def connectors() -> dict[str, Connector]:
    """For ``AccountRegistry(..., connectors=...)``."""
    return {p.id: p.connector() for p in PLATFORMS}
