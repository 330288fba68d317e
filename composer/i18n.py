"""UI language: gettext-style catalogues (``assets/i18n/<lang>.po``) and finding messages.

English is the source language; Bahasa Indonesia comes from ``id.po`` plus every file in
``id/`` (one file per area, so parallel work on different areas never edits the same
file). The .po files are read directly (a small parser below) so there is no compile step to forget;
what the parser made of them is kept in the cache folder and used again only while the
files, the parser and Python are unchanged. Used by the CLI and the UI alike; no Qt here.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

from composer import code_cache, paths
from composer.core.findings import Finding
from composer.paths import assets_dir

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
_current = "en"


def N_(message: str) -> str:
    """Mark a string for translation without translating it now."""
    return message


def catalogue_files(language: str) -> list[Path]:
    """The .po files of one language: ``<lang>.po`` then ``<lang>/*.po`` in name order."""
    root = assets_dir() / "i18n"
    main = root / f"{language}.po"
    return [*([main] if main.exists() else []), *sorted((root / language).glob("*.po"))]


@cache
def _catalogue(language: str) -> dict[str, str]:
    """The language's messages, parsed from its .po files, or read back from the copy the
    last start parsed (``<cache>/i18n-<lang>.marshal``: parsing all of them took ~5 ms on
    the way to the first paint, issue 17). That copy is used only if it was made from the
    very same .po contents by the very same parser and Python, so it is never stale."""
    key = (_parser_key(), [(path.name, path.read_bytes()) for path in catalogue_files(language)])
    cached = _read_cache(language, key)
    if cached is not None:
        return cached
    entries: dict[str, str] = {}
    for _name, data in key[1]:
        entries.update(parse_po(data.decode("utf-8")))
    _write_cache(language, key, entries)
    return entries


def _code_key(code: CodeType) -> tuple[Any, ...]:
    """What a function does (its bytecode, names and constants, nested functions too)."""
    consts = tuple(_code_key(c) if isinstance(c, CodeType) else c for c in code.co_consts)
    return (code.co_code, code.co_names, consts)


def _parser_key() -> tuple[Any, ...]:
    # A parser that reads .po files differently, or another Python (marshal's format),
    # makes every cached catalogue stale.
    return (sys.hexversion, marshal.version, _code_key(parse_po.__code__), _code_key(_po_string.__code__))


def _cache_path(language: str) -> Path:
    return paths.cache_dir() / f"i18n-{language}.marshal"


def _read_cache(language: str, key: tuple[Any, ...]) -> dict[str, str] | None:
    try:
        stored = code_cache.read_kept(_cache_path(language))
    except OSError:
        return None  # no cache folder (a read-only disk): parsed again
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key and isinstance(stored[1], dict):
        return stored[1]
    return None


def _write_cache(language: str, key: tuple[Any, ...], entries: dict[str, str]) -> None:
    try:
        target = _cache_path(language)
    except OSError:
        return  # no cache folder (a read-only disk): the next start parses again
    code_cache.keep(target, (key, entries))


def _po_string(quoted: str) -> str:
    """The text of one quoted .po string. Most have no escape and no inner quote: those are
    sliced out, which is what literal_eval would return, without parsing Python (the
    catalogue is read on the way to the first paint); the rest go to literal_eval."""
    inner = quoted[1:-1]
    if len(quoted) >= 2 and quoted[0] == quoted[-1] == '"' and "\\" not in inner and '"' not in inner:
        return inner
    import ast

    return str(ast.literal_eval(quoted))


def parse_po(text: str) -> dict[str, str]:
    """msgid → msgstr for every translated, non-fuzzy entry of a .po file."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    target: list[str] | None = None
    fuzzy = False

    def flush() -> None:
        if msgid is not None and msgstr is not None and not fuzzy:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value:
                entries[key] = value

    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            flush()
            msgid = msgstr = target = None
            fuzzy = False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            msgid, target = [], None
            msgid.append(_po_string(line[6:]))
            target = msgid
        elif line.startswith("msgstr "):
            msgstr = [_po_string(line[7:])]
            target = msgstr
        elif line.startswith('"') and target is not None:
            target.append(_po_string(line))
    return entries


def system_language() -> str:
    """'id' when the system locale is Indonesian, else 'en'."""
    import locale  # the command line's question only: the window never asks it

    candidates = [os.environ.get(v, "") for v in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG")]
    with contextlib.suppress(ValueError):
        candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        value = value.lower()
        if re.match(r"^(id|in)([_\-.:]|$)", value) or value.startswith("indonesian"):
            return "id"
        if value and value not in ("c", "posix"):
            return "en"
    return "en"


def ui_language(choice: str) -> str:
    """The desktop app's language for a stored choice: Bahasa Indonesia unless the officer
    picked English. Siar is made for an Indonesian office, so an English or ``LANG=C``
    system does not switch it ("auto", stored by older versions, means Indonesian too).
    The CLI follows the terminal's locale instead (``system_language``)."""
    return "en" if choice == "en" else "id"


def set_language(language: str) -> None:
    global _current
    _current = language if language in LANGUAGES else "en"


def current_language() -> str:
    return _current


def _(message: str) -> str:
    if _current == "en":
        return message
    return _catalogue(_current).get(message, message)


def translate(message: str, language: str) -> str:
    """*message* in *language*, whatever the UI language is (the monthly report is always
    in Bahasa Indonesia)."""
    if language == "en":
        return message
    return _catalogue(language).get(message, message)


FINDING_MESSAGES: dict[str, str] = {
    "post.empty": N_("The post is empty: write some text or attach media."),
    "post.title_missing": N_("Add a title: this platform needs one."),
    "text.too_long": N_(
        "The text is {length} of {limit}: the platform will refuse it. "
        "Shorten it or write a version for this platform."
    ),
    "media.alt_missing": N_(
        "Image {index} ({name}) has no alt text: describe it for people who cannot see it."
    ),
    "facebook.many_photos": N_("{count} photos: keep a Facebook post to {limit} photos."),
    "instagram.no_media": N_("Instagram needs at least one photo or video."),
    "instagram.too_many_media": N_("{count} items: an Instagram carousel takes at most {limit}."),
    "instagram.too_many_hashtags": N_("{count} hashtags: Instagram refuses more than {limit}."),
    "instagram.hashtags_over_app_limit": N_(
        "{count} hashtags: the Instagram app now allows only {limit}; the rest may be ignored."
    ),
    "instagram.too_many_mentions": N_("{count} @mentions: Instagram refuses more than {limit}."),
    "instagram.links_not_clickable": N_(
        "Links in Instagram captions cannot be clicked: write “link in bio” or put the address on the image."
    ),
    "instagram.cropped": N_(
        "The first image ({ratio}) is outside 4:5 … 1.91:1: the feed crops it to {aspect}:1."
    ),
    "instagram.too_narrow": N_("The first image is {width} px wide; Instagram needs at least {limit} px."),
    "instagram.converted_to_jpeg": N_("Instagram takes only JPEG: Siar converts the images when it posts."),
    "x.invalid_characters": N_("The text contains characters X does not accept (U+FFFE, U+FEFF or U+FFFF)."),
    "x.too_many_photos": N_("{count} photos: an X post takes at most {limit}."),
    "x.video_alone": N_("On X a video must be the only media in the post."),
    "x.too_many_cashtags": N_("X allows at most {limit} $cashtag per post."),
    # In plain words: the officer need not know X's API prices (the account's plan has them).
    "x.link_costs_more": N_(
        "This post has a link: through X's API, a post with a link costs the office more."
    ),
    "youtube.no_video": N_("YouTube needs a video: attach one or switch YouTube off for this post."),
    "youtube.title_too_long": N_("The title has {length} characters; YouTube allows {limit}."),
    "youtube.title_cut_in_lists": N_("Titles longer than {limit} characters are cut in search results."),
    "youtube.angle_brackets": N_("YouTube does not accept < or > in the title or description."),
    "youtube.description_too_long": N_(
        "The description is {length} bytes; YouTube allows {limit} (accented letters and emoji take several)."
    ),
    "youtube.tags_too_long": N_("The tags take {length} characters; YouTube allows {limit} in total."),
    "youtube.thumbnail_small": N_(
        "The thumbnail is {width} px wide; YouTube recommends at least {limit} px."
    ),
    "wordpress.no_featured_image": N_("No featured image: the website card will show no picture."),
    # What happens to each attachment (composer.core.media_plan): converted or not posted.
    "media.video_not_sent": N_(
        "Attachment {index} ({name}) is a video, which Siar cannot post here yet: it is left out of this post."
    ),
    "media.one_video": N_(
        "Attachment {index} ({name}) is left out: this platform takes {limit} video per post."
    ),
    "media.over_photo_limit": N_(
        "Attachment {index} ({name}) is left out: this platform takes at most {limit} photos per post."
    ),
    "wordpress.extra_photo": N_(
        "Attachment {index} ({name}) is left out: the website post takes only its first photo, as the featured image."
    ),
    "x.video_not_with_photos": N_(
        "Attachment {index} ({name}) is left out: on X a video must be alone in a post, and the photos go."
    ),
    "video.container": N_(
        "Video {index} ({name}) is a {container} file, which this platform does not take: save it as MP4."
    ),
    "video.codec": N_(
        "Video {index} ({name}) is encoded as {codec}, which this platform does not take: export it as H.264."
    ),
    "video.duration": N_(
        "Video {index} ({name}) lasts {seconds} s; this platform takes {low}–{high} s: trim it."
    ),
    "video.size": N_("Video {index} ({name}) is {mb} MB; this platform takes at most {limit} MB."),
    "video.aspect": N_(
        "Video {index} ({name}) has an aspect ratio of {aspect}:1, which this platform refuses."
    ),
    "video.fit_nothing": N_("This video already fits: there is nothing to trim or convert."),
    "video.fit_failed": N_("Siar could not trim or convert {name}. The details are in the log."),
    "facebook.video_not_with_photos": N_(
        "Attachment {index} ({name}) is left out: a Facebook post takes photos or one video, and the photos go."
    ),
    "facebook.video_as_reel": N_(
        "Attachment {index} ({name}) is 9:16: it goes to Facebook as a Reel (if it lasts 3–90 s; otherwise as a normal video)."
    ),
    "instagram.video_as_reel": N_("Attachment {index} ({name}) goes to Instagram as a Reel."),
    "youtube.photo_as_thumbnail": N_("Attachment {index} ({name}) becomes the video's thumbnail."),
    "youtube.extra_photo": N_(
        "Attachment {index} ({name}) is left out: YouTube takes one photo, as the thumbnail."
    ),
    "tiktok.video_not_with_photos": N_(
        "Attachment {index} ({name}) is left out: a TikTok post is one video or photos, and the video goes."
    ),
    "tiktok.no_media": N_("TikTok needs a video or photos: it does not take text alone."),
    "tiktok.video_bars": N_(
        "TikTok shows videos full-screen 9:16: this wider video gets bars above and below."
    ),
    "tiktok.photo_post": N_(
        "The {count} photo(s) go as a TikTok photo post, fetched from the office website (the account's photo host)."
    ),
    "tiktok.converted_to_jpeg": N_(
        "TikTok takes only JPEG or WebP photos: Siar converts them when it posts."
    ),
    # Design legibility (composer.design.legibility) and design files (composer.design.io).
    "design.text_cut": N_("“{layer}” does not fit in its box and is cut off with “…”."),
    "design.text_tiny": N_("“{layer}” shrinks to {px} px: unreadable on a phone at this size."),
    "design.text_small": N_("“{layer}” shrinks to {px} px: hard to read on a phone at this size."),
    "design.text_outside": N_("“{layer}” reaches outside the image."),
    "design.overlap": N_("“{first}” and “{second}” overlap."),
    "design.image_missing": N_("The image of “{layer}” is missing: a grey placeholder is shown."),
    "design.broken": N_("This design file cannot be read: {detail}"),
    "design.too_new": N_("This design was made with a newer Siar (format {version}). Please update Siar."),
    "design.pack_unsafe": N_("The template pack contains a path outside itself and was refused: {path}"),
    "design.pack_too_big": N_("The template pack is too big or has too many files."),
    # Design bounds (composer.design.bounds): what a design may ask the renderer to draw.
    "design.number_out_of_bounds": N_(
        "This design was refused: {property} of “{layer}” is {value}; it must be a number from {low} to {high}."
    ),
    "design.wrong_type": N_("This design was refused: {property} of “{layer}” has the wrong kind of value."),
    "design.text_too_long": N_(
        "This design was refused: the text of “{layer}” would be longer than {limit} characters once its fields are filled in."
    ),
    "design.qr_too_long": N_(
        "This design was refused: the QR code of “{layer}” would hold {length} bytes; at most {limit} can be scanned reliably."
    ),
    "design.field_not_list": N_(
        "This design was refused: “{layer}” needs a list of texts in the field “{field}”."
    ),
    "design.field_not_table": N_(
        "This design was refused: “{layer}” needs a table (rows of cells) in the field “{field}”."
    ),
    "design.field_not_chart": N_(
        "This design was refused: “{layer}” needs chart rows (a label and a number each) in the field “{field}”."
    ),
    "design.too_many_items": N_(
        "This design was refused: “{layer}” has more than {limit} rows, columns or items."
    ),
    "design.too_many_layers": N_("This design was refused: it has more than {limit} layers."),
    "design.too_deep": N_("This design was refused: it is nested too deeply (more than {limit} levels)."),
    "design.too_much_text": N_(
        "This design was refused: it would draw {length} characters of text; at most {limit} fit on one image."
    ),
    "design.too_many_qr": N_("This design was refused: it has more than {limit} QR codes."),
    "design.too_heavy_for_size": N_(
        "This design has too many large layers to draw at {width}×{height}: choose a smaller size."
    ),
    "design.too_much_area": N_(
        "This design was refused: its layers together cover more than {limit} times the image."
    ),
    # Refusals when attaching a file (composer.store.media.MediaError codes).
    "media.unreadable": N_("“{name}” is not a photo or video Siar can read (damaged or of another type)."),
    "media.unsupported": N_(
        "“{name}” is of an unsupported type. Use JPEG, PNG, WebP, HEIC, GIF, MP4 or MOV."
    ),
    "media.too_large": N_("“{name}” is larger than {limit} MB."),
    "media.too_many_pixels": N_("“{name}” has too many pixels to open safely (more than {limit} million)."),
    "media.not_a_file": N_("“{name}” is not a file (a folder, a device or a pipe)."),
    "media.video_no_picture": N_("“{name}” has no picture (sound only, or empty). Attach a video."),
    "media.video_codec": N_(
        "“{name}” is coded as {codec}, which no platform takes. Save it as MP4 (H.264) and attach it again."
    ),
    "media.video_too_big": N_(
        "“{name}” is {width}×{height} pixels; no platform takes videos wider or taller than 8192 pixels."
    ),
    "media.video_too_long": N_("“{name}” lasts {hours} hours; no platform takes videos over 12 hours."),
    "media.too_many_pixels_count": N_(
        "“{name}” has {pixels} million pixels; Siar takes photos up to {limit} million. Save a smaller copy and attach that."
    ),
    # The workspace as a whole (composer.store.problems): one line for the CLI.
    "workspace.damaged_backup": N_(
        "The workspace database {path} is damaged. Start Siar to restore the automatic backup of {date} "
        "(or copy {backup} over it)."
    ),
    "workspace.damaged_no_backup": N_(
        "The workspace database {path} is damaged and there is no automatic backup yet. "
        "Start Siar to set it aside and begin with an empty workspace."
    ),
    "workspace.read_only": N_(
        "Siar cannot write in {folder}: the folder or disk is read-only. Make it writable, or choose another folder with --home."
    ),
    "workspace.full": N_(
        "The disk holding {folder} is full. Free some space and try again; nothing was saved half-way."
    ),
    "workspace.busy": N_(
        "Another Siar is using the workspace in {folder}. Close it, or wait a moment, and try again."
    ),
    "workspace.newer": N_("This workspace was saved by a newer Siar. Please update Siar."),
    "workspace.io_error": N_(
        "Siar could not read or write its workspace in {folder} (a disk error). Check the disk and try again; nothing was saved half-way."
    ),
    "media.disk_full": N_("There is no room on the disk for “{name}”. Free some space and attach it again."),
    # Secrets and accounts (composer.accounts).
    "secrets.no_keyring": N_(
        "This computer has no password store (keyring). Siar keeps your tokens only until it closes; "
        "you will have to connect the accounts again next time. Nothing is written to a file."
    ),
    "secrets.keyring_failed": N_(
        "The password store (keyring) refused Siar's request — it may be locked. Siar keeps your tokens "
        "only until it closes. Unlock the keyring and connect again to keep them."
    ),
    "accounts.insecure_base": N_(
        "This address is not secure. Use an https:// address (plain http:// is allowed only for this computer, 127.0.0.1)."
    ),
    "accounts.duplicate_name": N_("An account named “{name}” already exists. Choose another name."),
    "accounts.secret_missing": N_(
        "The password store no longer has the token of “{name}”. Reconnect this account."
    ),
    "accounts.expired": N_("The token has expired. Reconnect this account."),
    "accounts.fb_app_wrong": N_(
        "The App ID or App Secret is wrong. Copy both again from the app's Settings › Basic page."
    ),
    "accounts.fb_short_lived": N_(
        "This Page token came from a short-lived user token and will expire. Reconnect with the App Secret so Siar can get a token that does not expire."
    ),
    "accounts.fb_no_pages": N_("This Facebook user manages no Page that Siar can post to."),
    "accounts.x_client_wrong": N_(
        "X refused the Client ID or Client Secret. Copy them again from the app's Keys and tokens page."
    ),
    "accounts.yt_no_channel": N_("This Google account has no YouTube channel."),
    "accounts.yt_no_refresh": N_(
        "Google did not give Siar a lasting permission. Remove Siar at myaccount.google.com › Security › Third-party access, then connect again."
    ),
    "accounts.yt_testing": N_(
        "Your Google app is in “Testing”: Google ends this permission 7 days after you connect. Publish the app (Google Cloud › OAuth consent screen › Publish app) to keep it."
    ),
    "accounts.wp_wrong_password": N_(
        "The username or Application Password is wrong. Create a new Application Password in Users › Profile."
    ),
    "accounts.wp_header_stripped": N_(
        "The website did not receive the login. Its server removes the Authorization header; ask the site administrator to allow it."
    ),
    "accounts.wp_disabled": N_("Application Passwords are turned off on this website (they need https)."),
    "accounts.wp_capabilities": N_(
        "This WordPress user may not publish posts or upload files. Ask for the Author or Editor role."
    ),
    "accounts.port_busy": N_(
        "Port {port} on this computer is in use by another program. Close it and try again."
    ),
    "accounts.consent_timeout": N_(
        "No answer came back from the browser. Try again and finish the steps in the browser."
    ),
    "accounts.consent_denied": N_("Permission was not given in the browser."),
    # h14: the connection profile and the one-button sign-ins (issue 14).
    "profile.not_json": N_("The connection profile is not valid JSON (near line {line})."),
    "profile.not_profile": N_(
        'This file is not a Siar connection profile (it needs "siar_profile": {version}).'
    ),
    "profile.secret": N_(
        "The connection profile contains “{field}”, which looks like a secret (an App Secret or a password). "
        "A profile may hold only IDs that are safe to share. Ask IT to remove it."
    ),
    "profile.unknown": N_("The connection profile has a field Siar does not know: “{field}”."),
    "profile.missing": N_("The connection profile lacks “{field}”."),
    "profile.bad_value": N_("The value of “{field}” in the connection profile is not valid."),
    "profile.insecure_base": N_("The address in “{field}” is not secure (it must start with https://)."),
    "profile.empty": N_("The connection profile names no platform."),
    "profile.too_big": N_("This file is too big to be a connection profile."),
    "profile.unreadable": N_("Siar cannot read the file {path}."),
    # r14: TikTok's client secret only with IT's explicit acceptance (PLATFORMS.md §13).
    "profile.secret_not_accepted": N_(
        "The connection profile contains “{field}”. TikTok needs it, but a profile may carry it only when IT "
        'also writes "{accept}": true in the same section. Siar then keeps it in the keyring, never in a file.'
    ),
    "profile.none": N_(
        "No connection profile yet. Import the one from IT (File › Accounts › Import profile) or use Advanced settings."
    ),
    "accounts.signin_cancelled": N_("Sign-in was cancelled. Nothing was changed."),
    "accounts.fb_paste_address": N_(
        "That is not the address Facebook showed after this sign-in. Copy the whole address of the page that says “Success” and paste it again."
    ),
    "accounts.signin_denied": N_("You declined the permission on the platform's page. Nothing was changed."),
    "accounts.device_expired": N_(
        "The code expired before it was entered. Press the button again for a new code."
    ),
    "accounts.wp_no_authorize": N_(
        "This website does not offer “Authorize Application” (it needs WordPress 5.6 or newer and https)."
    ),
    "accounts.wp_app_password_disabled": N_("Application Passwords are turned off on this website."),
    # r14: siar:// links handed to the running Siar (composer/accounts/app_links.py).
    "links.bad": N_("Siar was opened with a link that is not one of its sign-in links. Nothing was changed."),
    "links.not_waiting": N_(
        "Siar was opened with a sign-in link, but no sign-in is waiting for it (it may be old, or Siar was "
        "restarted). Start again from File › Accounts. Nothing was changed."
    ),
    "links.wrong_site": N_(
        "The sign-in link came from another website than the one being connected. Nothing was changed."
    ),
    # r14: the one field of the copy-the-address fallback (PLATFORMS.md §14.4).
    "accounts.wp_paste_address": N_(
        "That is not the address the website showed after you approved Siar. Copy the whole address from the "
        "browser's address bar (it contains “user_login” and “password”) and paste it again."
    ),
    # Changing a scheduled post's time (composer/publish/schedule_change.py, issue 13 item 4).
    "schedule.in_the_past": N_("Choose a time at least a minute from now."),
    "schedule.outside_window": N_(
        "{platform} schedules a post {low} minutes to {high} days ahead: choose a time in that window."
    ),
    "schedule.gone": N_("This post is no longer in the outbox (it was cancelled)."),
    "schedule.not_scheduled": N_("This post has no scheduled time to change."),
    "schedule.started": N_("The outbox is sending this post right now; try again when it is done."),
    "schedule.published": N_("This post is already published; its time can no longer change."),
    "schedule.not_movable_here": N_(
        "{platform} offers no way to move this post's time from another app: cancel it here and schedule it again, or change it on {platform}."
    ),
    "schedule.by_hand": N_(
        "This post was put on the platform by hand from the posting kit: change or cancel its time there."
    ),
    "api.schedule_gone": N_("The scheduled post is no longer on the platform (it was deleted there)."),
    "api.schedule_already_published": N_(
        "The platform has already published this post, so its time could not be changed."
    ),
    "api.schedule_unsupported": N_("This platform cannot change a scheduled time from Siar."),
    # What a platform answered (composer.accounts.http.ApiError codes).
    "api.unreachable": N_("No connection to the platform. Siar will try again when you are online."),
    "api.uncertain": N_(
        "The connection broke before the platform answered. Siar will check whether the post arrived before trying again."
    ),
    "api.auth_invalid": N_("The platform no longer accepts this account's token. Reconnect this account."),
    "api.auth_expired": N_("This account's token has expired. Reconnect this account."),
    "api.auth_revoked": N_(
        "Access was removed (password changed or permission revoked). Reconnect this account."
    ),
    "api.permission": N_(
        "This account is missing a permission to post. Reconnect it and allow every permission asked for."
    ),
    "api.page_blocked": N_(
        "Facebook is holding posts from this Page (identity check or policy). Open the Page on facebook.com and follow its instructions."
    ),
    "api.rate_limited": N_("The platform asks Siar to slow down. Siar will retry automatically."),
    "api.x_rate_limited": N_("X's posting limit is reached. Siar will retry at {time}."),
    "api.x_billing": N_("X wants payment for API use (credits used up). Top up in the X developer console."),
    "api.ig_daily_limit": N_(
        "Instagram's daily limit of published posts is reached. Siar will retry tomorrow."
    ),
    "api.duplicate": N_("The platform already has a post with this text."),
    "api.server": N_("The platform had a temporary problem. Siar will retry automatically."),
    "api.ig_not_ready": N_("Instagram is still processing the image. Siar will wait and try again."),
    "api.ig_fetch_failed": N_(
        "Instagram could not fetch the image from its host. Check the account's image host."
    ),
    "api.ig_aspect": N_(
        "The image is too narrow or too wide for Instagram; crop it to between 4:5 and 1.91:1."
    ),
    "api.ig_format": N_("Instagram accepts only JPEG images."),
    "api.ig_too_large": N_("The image is larger than Instagram's 8 MB."),
    "api.ig_carousel": N_("Instagram refused the carousel (2–10 items, no captions on items)."),
    "api.fb_photo_too_large": N_("Facebook wants photos under 4 MB as JPG or PNG."),
    "api.caption_too_long": N_("The text is too long for this platform."),
    "api.too_many_tags": N_("Too many hashtags or mentions for this platform."),
    "api.yt_quota": N_(
        "YouTube's daily upload quota is used up. It resets at midnight Pacific time; Siar will retry at {time}."
    ),
    "api.yt_upload_limit": N_(
        "YouTube's daily upload limit for this channel is reached. Siar will retry at {time}."
    ),
    "api.yt_rate_limited": N_(
        "YouTube asks Siar to slow down (too many requests at once, not the daily quota). Siar will retry at {time}."
    ),
    "api.wp_too_big": N_("The file is larger than the website accepts."),
    "api.not_found": N_("The platform no longer has this item."),
    "api.rejected": N_("The platform refused the post: {detail}"),
    "api.needs_check": N_(
        "Siar cannot tell whether this was posted. Look on the platform: if it is there, paste its address; if not, post it again."
    ),
    "api.account_gone": N_("This account was removed from Siar."),
    "api.media_missing": N_("A photo of this post is missing from the workspace. Attach it again."),
    "api.unexpected": N_("The platform answered in a way Siar did not expect. Siar will try again later."),
    "api.ig_needs_image": N_("Instagram needs at least one photo."),
    "api.ig_no_host": N_(
        "Instagram takes its images from the office website, but no website account is connected."
    ),
    "api.ig_container_error": N_("Instagram could not process the image. Try another photo."),
    "api.ig_container_expired": N_("Instagram's prepared post expired (after 24 hours). Post it again."),
    "api.yt_needs_video": N_("YouTube needs a video: attach one to this post."),
    "api.tiktok_needs_media": N_("TikTok needs a video or photos: attach one to this post."),
    "api.tiktok_no_photo_host": N_(
        "TikTok fetches photos only from a verified website, and this TikTok account has the office website "
        "as photo host switched off (or no website account is connected). Attach a video, or set the photo host."
    ),
    "api.tiktok_inbox": N_(
        "“{name}” uploads to the TikTok inbox: the video arrives as a draft with no caption, and someone "
        "finishes the post in the TikTok app, pasting the caption from Siar's history."
    ),
    "api.tiktok_daily_cap": N_(
        "TikTok's posting limit for this account or app is reached. Siar will retry later."
    ),
    "api.tiktok_banned": N_(
        "TikTok does not let this account post at the moment. Open the TikTok app to see why."
    ),
    "api.tiktok_unaudited_public": N_(
        "TikTok refuses public posts from an app it has not audited: such an app may only post privately "
        "(“Only me”) from a private account. Use “upload to inbox” for this account, or have IT get the app audited."
    ),
    "api.tiktok_privacy": N_(
        "TikTok no longer offers this account's chosen privacy. Reconnect the account and choose again."
    ),
    "api.tiktok_url_unverified": N_(
        "TikTok refused the photo addresses: the office website's domain is not verified in the TikTok developer portal."
    ),
    "api.tiktok_file_refused": N_("TikTok refused the video file (format, size or length)."),
    "api.tiktok_upload_expired": N_("TikTok's upload address expired. Siar will start the upload again."),
    "api.tiktok_chunk_refused": N_(
        "TikTok refused a piece of the video. Siar will continue from where TikTok got to."
    ),
    "api.tiktok_processing": N_(
        "TikTok is still processing the video. Siar will check again in a few minutes."
    ),
    "api.tiktok_failed": N_(
        "TikTok could not publish the video ({detail}); nothing was posted. Send the draft again, or with another file."
    ),
    "accounts.tiktok_client_wrong": N_(
        "TikTok refused the Client Key or Client Secret. Copy them again from the app's page on developers.tiktok.com."
    ),
    "accounts.tiktok_mode": N_("Choose how this TikTok account posts: upload to inbox, or direct post."),
    "accounts.tiktok_privacy_choice": N_(
        "Choose who may see this account's TikTok posts. This account offers: {options}."
    ),
    "api.x_media_failed": N_("X could not process the image: {detail}"),
    "api.x_media_processing": N_("X is still processing the media. Siar will try again."),
    "api.wp_not_a_video": N_("The website stored the video as {detail}, not as a video."),
    "api.fb_video_failed": N_("Facebook could not process the video: {detail}"),
    "api.fb_video_processing": N_("Facebook is still processing the video. Siar will check again."),
    "api.yt_comment_scope": N_(
        "The video is on YouTube, but Siar may not comment on this channel yet: connect the channel again, then retry."
    ),
    "api.fb_reel_upload_failed": N_("Facebook did not take the Reel's video upload: {detail}"),
    "api.ig_upload_failed": N_("Instagram did not take the video upload: {detail}"),
    "api.fb_schedule_window": N_(
        "Facebook schedules a post 10 minutes to 30 days ahead: choose a time in that window."
    ),
    "api.x_video_failed": N_("X could not process the video: {detail}"),
}


# Words the UI translates from data (counter units and labels, severities, field names).
DATA_WORDS = (
    N_("characters"),
    N_("weighted"),
    N_("bytes"),
    N_("hashtags"),
    N_("mentions"),
    N_("words"),
    N_("title"),
    N_("tags"),
    N_("error"),
    N_("warning"),
    N_("info"),
)


def format_number(value: float) -> str:
    """A decimal number as the UI language writes it: 0,8 in Bahasa Indonesia, 0.8 in English."""
    text = f"{value:g}"
    return text.replace(".", ",") if _current == "id" else text


def describe_code(code: str, params: dict[str, str | int | float]) -> str:
    """The message for *code* with *params*, in the current UI language (decimal numbers
    written the language's way, like the ones in the sentence around them)."""
    template = FINDING_MESSAGES.get(code)
    if template is None:
        return code
    shown = {k: format_number(v) if isinstance(v, float) else v for k, v in params.items()}
    detail = shown.get("detail")
    if isinstance(detail, str):  # a detail is a message of its own, with the other params
        try:
            shown["detail"] = _(detail).format(**shown)
        except (KeyError, IndexError, ValueError):
            shown["detail"] = _(detail)
    try:
        return _(template).format(**shown)
    except (KeyError, IndexError, ValueError):
        return _(template)


def describe(finding: Finding) -> str:
    """The finding as a sentence in the current UI language."""
    return describe_code(finding.code, finding.params)
