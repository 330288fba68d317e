"""TikTok's connection (see ``connection.py``): Login Kit in the browser, or a pasted
refresh token; inbox or direct posting (PLATFORMS.md §13)."""

from __future__ import annotations

from composer.i18n import N_
from composer.platforms.connection import Connection, Form

CONNECTION = Connection(
    menu=N_("TikTok"),
    steps=N_(
        "<ol><li>In <b>developers.tiktok.com › Manage apps</b> open the office's app, add <b>Login Kit</b> "
        "(platform <i>Desktop</i>, redirect URI <code>http://127.0.0.1:*/callback/</code>) and the "
        "<b>Content Posting API</b>, and copy the <b>Client Key</b> and <b>Client Secret</b>.</li>"
        "<li>Until TikTok has <b>audited</b> the app it may only post privately from a private account: "
        "choose <b>Upload to inbox</b> — the video arrives in the TikTok app's inbox and you finish the "
        "post there.</li>"
        "<li>Press <b>Sign in with the browser</b> and allow Siar. (Or paste a refresh token below instead.)</li></ol>"
    ),
    form=Form(
        ident=N_("Client Key"),
        secrets=(N_("Client Secret"), N_("Refresh token (only without the browser)"), ""),
        browser=True,
        ident_option="--client-key",
    ),
    posting_modes=True,
    token_way=True,
    button=N_("Sign in with TikTok"),  # only when the profile carries the client secret (profile.offers)
    demo_name="Kanim Contoh — TikTok",
)
