"""``siar accounts list|add|check|remove``: accounts without the window.

Secrets are read from standard input only (``--secret-stdin``, one per line in the
order each platform's help states) — never from the command line, where they would
land in the shell history and the process list.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
import webbrowser
from typing import TYPE_CHECKING, Any, TextIO

from composer import platforms
from composer.i18n import N_, _, describe_code

if TYPE_CHECKING:
    from collections.abc import Callable

    from composer.accounts.profile import ConnectionProfile
    from composer.session import ConnectRequest, Session


def _secret_order() -> dict[str, tuple[str, ...]]:
    """``platform`` (or ``platform-way`` where there are several ways to sign in): the
    secrets read from standard input, in order."""
    return {
        f"{entry.id}-{way}" if way else entry.id: names
        for entry in platforms.PLATFORMS
        for way, names in entry.secret_prompts
    }


def add_parsers(sub: Any) -> None:
    accounts = sub.add_parser("accounts", help=_("connect, check and remove accounts"))
    actions = accounts.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help=_("list the accounts and their state"))
    listing.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    listing.set_defaults(func=cmd_list)
    check = actions.add_parser("check", help=_("ask each platform whether the account still works"))
    check.add_argument("name", nargs="?", help=_("one account (default: all)"))
    check.set_defaults(func=cmd_check)
    remove = actions.add_parser("remove", help=_("remove an account and its secrets"))
    remove.add_argument("name")
    remove.set_defaults(func=cmd_remove)
    profile = actions.add_parser("profile", help=_("the office's connection profile (from IT)"))
    profile_actions = profile.add_subparsers(dest="profile_action", required=True)
    importing = profile_actions.add_parser("import", help=_("check and keep a siar-profile.json file"))
    importing.add_argument("file")
    importing.set_defaults(func=cmd_profile_import)
    showing = profile_actions.add_parser("show", help=_("show the profile in use (it holds no secrets)"))
    showing.set_defaults(func=cmd_profile_show)
    add = actions.add_parser(
        "add",
        help=_("connect an account"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=_("Secrets are read from standard input, one per line, in this order:")
        + "\n"
        + "\n".join(f"  {key}: {', '.join(names)}" for key, names in _secret_order().items()),
    )
    add.add_argument("platform", choices=platforms.ids())
    add.add_argument(
        "--name", help=_("your name for this account (unique; required unless --device/--browser)")
    )
    add.add_argument("--api-base", help=_("the platform's address (a test server, or the WordPress site)"))
    add.add_argument(
        "--secret-stdin",
        action="store_true",
        help=_("read the secrets from standard input (required unless --kit)"),
    )
    add.add_argument(
        "--kit", action="store_true", help=_("no API access: Siar prepares a posting kit to post by hand")
    )
    add.add_argument(
        "--device",
        action="store_true",
        help=_("Facebook: sign in with a code at facebook.com/device (needs the connection profile)"),
    )
    add.add_argument(
        "--browser",
        action="store_true",
        help=_("X, YouTube, WordPress, TikTok: sign in in the browser with the connection profile"),
    )
    add.add_argument(
        "--paste-address",
        action="store_true",
        help=_(
            "WordPress --browser, for a site that refuses to return to Siar: paste the address of the "
            "profile page the site opens after you approve (one line on standard input)"
        ),
    )
    add.add_argument("--app-id", help=_("Facebook: the app's App ID"))
    add.add_argument("--page", help=_("Facebook: the Page id or name (when you manage several)"))
    add.add_argument(
        "--instagram-name", help=_("Facebook: also add the linked Instagram account under this name")
    )
    add.add_argument(
        "--image-host",
        choices=["facebook_page", "wordpress"],
        default="facebook_page",
        help=_("Instagram: where images are hosted"),
    )
    add.add_argument("--auth", choices=["oauth1", "oauth2"], default="oauth1", help=_("X: how to sign in"))
    add.add_argument("--api-key", help=_("X OAuth 1.0a: the API Key"))
    add.add_argument("--client-id", help=_("X OAuth 2.0 / YouTube: the Client ID"))
    add.add_argument(
        "--port", type=int, default=0, help=_("X OAuth 2.0 / TikTok: the registered callback port")
    )
    add.add_argument(
        "--testing", action="store_true", help=_("YouTube: the Google app is still in Testing (7-day tokens)")
    )
    add.add_argument("--username", help=_("WordPress: the user name"))
    add.add_argument("--client-key", help=_("TikTok: the app's Client Key"))
    add.add_argument(
        "--mode",
        choices=["inbox", "direct"],
        default="inbox",
        help=_(
            "TikTok: inbox (the video lands in the TikTok app's inbox and someone finishes the post there) "
            "or direct (posted straight to the profile; public posts need an app TikTok has audited)"
        ),
    )
    add.add_argument(
        "--privacy",
        choices=["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"],
        default="",
        help=_("TikTok direct: who may see the posts (one of the options the account offers)"),
    )
    add.add_argument(
        "--audited", action="store_true", help=_("TikTok direct: the app has passed TikTok's audit")
    )
    add.add_argument(
        "--photo-host",
        choices=["wordpress", "none"],
        default="wordpress",
        help=_("TikTok: where TikTok fetches photo posts from (its domain verified with TikTok)"),
    )
    add.add_argument(
        "--token",
        action="store_true",
        help=_("TikTok: paste a refresh token instead of signing in with the browser"),
    )
    add.add_argument(
        "--no-browser",
        action="store_true",
        help=_("print the consent address instead of opening the browser"),
    )
    add.set_defaults(func=cmd_add)


def _session() -> Session:
    from composer.session import Session

    return Session()


def _state(account: Any) -> str:
    from composer.accounts.model import EXPIRING

    health = account.health
    label = _(STATE_LABELS.get(health.state, health.state))
    if health.state == EXPIRING and health.days_left() is not None:
        label = _("expires in {days} days").format(days=health.days_left())
    return label


STATE_LABELS = {
    "ok": N_("working"),
    "expiring": N_("expires soon"),
    "expired": N_("expired"),
    "revoked": N_("revoked"),
    "permission": N_("missing permission"),
    "unchecked": N_("not checked yet"),
    "unreachable": N_("could not check (offline?)"),
    "no_secret": N_("secret missing"),
}


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    with _session() as session:
        accounts = session.accounts(effective=True)
        if args.json:
            rows = [
                {
                    "name": a.name,
                    "platform": a.platform,
                    "display_name": a.display_name,
                    "handle": a.handle,
                    "api_base": a.api_base,
                    "state": a.health.state,
                    "checked_at": a.health.checked_at,
                    "expires_at": a.health.expires_at,
                    "sandbox": a.sandbox,
                }
                for a in accounts
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2), file=out)
            return 0
        if not accounts:
            print(
                _("No accounts yet. Add one with: siar accounts add PLATFORM --name NAME --secret-stdin"),
                file=out,
            )
        for a in accounts:
            checked = (
                time.strftime("%Y-%m-%d %H:%M", time.localtime(a.health.checked_at))
                if a.health.checked_at
                else "—"
            )
            print(f"{a.name}\t{a.platform}\t{a.display_name} {a.handle}\t{_state(a)}\t{checked}", file=out)
        return 0


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    with _session() as session:
        one = session.account(args.name) if args.name else None
        if args.name and one is None:
            print(_("No account named “{name}”.").format(name=args.name), file=sys.stderr)
            return 2
        worst = 0
        for checked in session.check_accounts([one] if one is not None else None):
            detail = (
                describe_code(checked.health.detail, {"name": checked.name}) if checked.health.detail else ""
            )
            print(f"{checked.name}\t{_state(checked)}\t{detail}", file=out)
            if not checked.health.usable:
                worst = 1
        return worst


def cmd_remove(args: argparse.Namespace, out: TextIO) -> int:
    with _session() as session:
        account = session.account(args.name)
        if account is None:
            print(_("No account named “{name}”.").format(name=args.name), file=sys.stderr)
            return 2
        session.remove_account(account)
        print(_("Removed “{name}” and its secrets.").format(name=account.name), file=out)
        return 0


def _secrets(count: int) -> list[str]:
    lines = [line.rstrip("\r\n") for line in sys.stdin.readlines()]
    if len(lines) < count:
        lines += [""] * (count - len(lines))
    return lines[:count]


def _require(value: str | None, option: str) -> str:
    if not value:
        raise SystemExit(_("This platform needs {option}.").format(option=option))
    return value


def _request(args: argparse.Namespace, out: TextIO) -> ConnectRequest:
    """What ``accounts add`` asks the session to connect; SystemExit for a missing option."""
    from composer.session import ConnectRequest

    def browser(url: str) -> None:
        print(_("Open this address in your browser to give Siar permission:"), file=out)
        print(url, file=out)
        out.flush()
        if not args.no_browser:
            webbrowser.open(url)

    common = {"name": args.name, "api_base": args.api_base or "", "sandbox": False, "open_browser": browser}
    if args.kit:
        return ConnectRequest(args.platform, kit=True, **common)
    entry = platforms.get(args.platform)
    connection, ways = entry.connection, dict(entry.secret_prompts)
    # The way of signing in picks the form and the secrets read (the registry's prompts).
    form = connection.oauth2_form if connection.oauth2_form and args.auth == "oauth2" else connection.form
    way = "token" if args.token and connection.token_way else args.auth if args.auth in ways else ""
    option = form.ident_option
    ident = _require(getattr(args, option.removeprefix("--").replace("-", "_")), option) if option else ""
    if connection.asks_site:
        _require(args.api_base, "--api-base (the site address)")
    return ConnectRequest(
        args.platform,
        ident=ident,
        username=_require(args.username, "--username") if form.username else "",
        secrets=tuple(_secrets(len(ways.get(way, ())))),
        oauth2=args.auth == "oauth2",
        testing=args.testing,
        port=args.port,
        mode=args.mode,
        privacy=args.privacy,
        audited=args.audited,
        photo_host="" if args.photo_host == "none" else args.photo_host,
        **common,
    )


def cmd_add(args: argparse.Namespace, out: TextIO) -> int:
    from composer.accounts.http import ApiError, InsecureAddressError
    from composer.accounts.model import NO_SECRET, Health
    from composer.session import DuplicateAccountName, FacebookPages

    if args.device or args.browser:
        return _add_with_profile(args, out)
    if not args.name:
        print(_("This platform needs {option}.").format(option="--name"), file=sys.stderr)
        return 2
    if not args.kit and not args.secret_stdin:
        print(
            _("Add --secret-stdin and type the secrets on standard input (never on the command line)."),
            file=sys.stderr,
        )
        return 2
    through = platforms.get(args.platform).connection.through
    if through and not args.kit:
        print(_(through), file=sys.stderr)  # Instagram comes with its Facebook Page
        return 2
    with _session() as session:
        try:
            found = session.connect_account(_request(args, out))
            if isinstance(found, FacebookPages):
                pages = found.pages
                if args.page:
                    pages = [p for p in pages if args.page in (p.id, p.name)]
                if not pages:
                    print(describe_code("accounts.fb_no_pages", {}), file=sys.stderr)
                    return 1
                if len(pages) > 1:
                    print(_("You manage several Pages; choose one with --page:"), file=sys.stderr)
                    for page in pages:
                        print(f"  {page.id}\t{page.name}", file=sys.stderr)
                    return 2
                results = session.connect_facebook_page(
                    found, pages[0], args.name, args.instagram_name, args.image_host
                )
                if args.instagram_name and len(results) < 2:
                    print(_("This Page has no linked Instagram professional account."), file=sys.stderr)
            else:
                results = found
            lost = not session.secrets_persist and any(r.secrets for r in results)
            for result in results:
                health = result.health
                if lost and result.secrets:
                    # This process ends now and its memory with it: say so in the state too, so
                    # `accounts list` in the next run agrees with `accounts check`.
                    health = Health(NO_SECRET, time.time(), health.expires_at, session.secret_problem)
                saved = session.add_account(result.account, result.secrets, health)
                print(
                    _("Connected “{name}”: {who} {handle} — {state}").format(
                        name=saved.name, who=saved.display_name, handle=saved.handle, state=_state(saved)
                    ),
                    file=out,
                )
                if note := platforms.posting_note(saved):  # TikTok: inbox or straight to the profile
                    print(note, file=out)
                if health.detail:
                    print(describe_code(health.detail, {"name": saved.name}), file=out)
            if lost:
                print(
                    _(
                        "WARNING: no password store (keyring) could keep the secrets, so this account "
                        "will NOT work after this command ends. Set up a keyring and add it again."
                    ),
                    file=sys.stderr,
                )
                print(describe_code(session.secret_problem, {}), file=sys.stderr)
                return 1
            return 0
        except (InsecureAddressError, DuplicateAccountName, ApiError) as exc:
            return _refused(exc)


def _refused(exc: Exception) -> int:
    """Say why a connection was refused; the exit code (2: the officer's input, 1: the platform)."""
    from composer.accounts.http import ApiError, InsecureAddressError

    if isinstance(exc, InsecureAddressError):
        print(describe_code("accounts.insecure_base", {}), file=sys.stderr)
        return 2
    if isinstance(exc, ApiError):
        print(exc.describe(), file=sys.stderr)
        return 1
    print(describe_code("accounts.duplicate_name", {"name": str(exc)}), file=sys.stderr)
    return 2


def cmd_profile_import(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from composer.accounts.profile import ProfileError

    with _session() as session:
        try:
            profile = session.import_profile(Path(args.file))
        except ProfileError as exc:
            print(exc.describe(), file=sys.stderr)
            return 2
        print(
            _("Imported the connection profile “{name}” for: {platforms}").format(
                name=profile.name, platforms=", ".join(platforms.display_name(p) for p in profile.platforms)
            ),
            file=out,
        )
        if profile.secrets and not session.secrets_persist:
            print(
                _(
                    "WARNING: no password store (keyring) could keep TikTok's client secret from the profile, "
                    "so the TikTok button will not work after this command ends. Set up a keyring and import "
                    "the profile again."
                ),
                file=sys.stderr,
            )
        return 0


def cmd_profile_show(args: argparse.Namespace, out: TextIO) -> int:
    with _session() as session:
        profile = session.connection_profile()
        if profile is None:
            print(describe_code("profile.none", {}), file=sys.stderr)
            return 1
        print(profile.to_json(), file=out)
        return 0


def _wordpress_pasted(
    session: Session, profile: ConnectionProfile, site: str, browser: Callable[[str], None], out: TextIO
) -> ConnectRequest:
    """A site that refuses Siar's return address (before WordPress 7.0): approve, then
    paste the address of the profile page the site opens, one line on standard input."""
    from composer.session.sign_in import wordpress_address_page, wordpress_from_address

    url, state = wordpress_address_page(profile, site, session.http())
    browser(url)
    print(
        _("After you approve, the website opens your profile page. Paste its whole address here:"),
        file=out,
    )
    out.flush()
    return wordpress_from_address(site, sys.stdin.readline(), state)


def _add_with_profile(args: argparse.Namespace, out: TextIO) -> int:
    """``accounts add facebook --device`` and ``add x|youtube|wordpress|tiktok --browser``: the
    same sign-in as the window's buttons. Prints the code or the address and waits."""
    from composer.accounts.http import ApiError, InsecureAddressError
    from composer.session import DuplicateAccountName, FacebookPages
    from composer.session.sign_in import button_request, named

    connection = platforms.get(args.platform).connection
    if not connection.button or (args.device and not connection.device_login):
        buttons = platforms.sign_in_buttons()
        print(
            _("--device is for {device}; --browser for {browser}.").format(
                device=", ".join(e.name for e in buttons if e.connection.device_login),
                browser=", ".join(e.name for e in buttons if not e.connection.device_login),
            ),
            file=sys.stderr,
        )
        return 2
    if connection.asks_site and not args.api_base:
        print(
            _("This platform needs {option}.").format(option="--api-base (the site address)"), file=sys.stderr
        )
        return 2

    def show_code(device: Any) -> None:
        print(
            _("Open {address} and enter the code: {code}").format(
                address=device.verification_uri, code=device.user_code
            ),
            file=out,
        )
        print(_("Waiting for you to allow Siar…"), file=out)
        out.flush()

    def browser(url: str) -> None:
        if not connection.device_login:  # with a device code, the code is what to show
            print(_("Open this address in your browser to give Siar permission:"), file=out)
            print(url, file=out)
            out.flush()
        if not args.no_browser:
            webbrowser.open(url)

    with _session() as session:
        profile = session.connection_profile()
        if profile is None or not profile.offers(args.platform):
            print(describe_code("profile.none", {}), file=sys.stderr)
            return 2
        request = button_request(
            profile, args.platform, open_browser=browser, on_code=show_code, site=args.api_base or ""
        )
        try:
            if connection.asks_site and args.paste_address:  # the WordPress fallback
                request = _wordpress_pasted(session, profile, args.api_base, browser, out)
            found = session.connect_account(request)
            if isinstance(found, FacebookPages):
                pages = [p for p in found.pages if not args.page or args.page in (p.id, p.name)]
                if not pages:
                    print(describe_code("accounts.fb_no_pages", {}), file=sys.stderr)
                    return 1
                results = []
                for page in pages:
                    results += session.connect_facebook_page(
                        found, page, "", "" if args.instagram_name is not None else None, args.image_host
                    )
            else:
                results = found
            results = named(results)
            if args.name and len(results) == 1:
                results = [
                    dataclasses.replace(
                        results[0], account=dataclasses.replace(results[0].account, name=args.name)
                    )
                ]
            for exc in session.save_connected(results):
                print(describe_code("accounts.duplicate_name", {"name": str(exc)}), file=sys.stderr)
            for result in results:
                print(
                    _("Connected “{name}”: {who} {handle}").format(
                        name=result.account.name,
                        who=result.account.display_name,
                        handle=result.account.handle,
                    ),
                    file=out,
                )
            return 0
        except (InsecureAddressError, DuplicateAccountName, ApiError) as exc:
            return _refused(exc)
