"""X's connection (see ``connection.py``): keys (OAuth 1.0a) or the browser (OAuth 2.0)."""

from __future__ import annotations

from composer.i18n import N_
from composer.platforms.connection import Connection, Form

CONNECTION = Connection(
    menu=N_("X"),
    steps=N_(
        "<ol><li>Open <b>developer.x.com › Projects &amp; Apps</b> and choose your app.</li>"
        "<li><b>Sign in with keys</b> (simplest): under <i>Keys and tokens</i> copy the <b>API Key</b> and "
        "<b>API Key Secret</b>, then generate the <b>Access Token and Secret</b> (Read and write).</li>"
        "<li><b>Or sign in with the browser</b>: under <i>User authentication settings</i> turn on OAuth 2.0, "
        "add the callback <code>http://127.0.0.1:8765/callback</code>, and copy the <b>Client ID</b> "
        "(and Client Secret).</li></ol>"
    ),
    form=Form(
        ident=N_("API Key"),
        secrets=(N_("API Key Secret"), N_("Access Token"), N_("Access Token Secret")),
        ident_option="--api-key",
    ),
    oauth2_form=Form(
        ident=N_("Client ID"),
        secrets=(N_("Client Secret (if any)"), "", ""),
        browser=True,
        ident_option="--client-id",
    ),
    button=N_("Sign in with X"),
    demo_name="Kanim Contoh — X",
)
