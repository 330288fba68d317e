"""Facebook's connection (see ``connection.py``); its Instagram comes along."""

from __future__ import annotations

from composer.i18n import N_
from composer.platforms.connection import Connection, Form

CONNECTION = Connection(
    menu=N_("Facebook Page (and its Instagram)"),
    steps=N_(
        "<ol><li>Open <b>developers.facebook.com › My Apps</b>, choose your app (type Business) and copy the "
        "<b>App ID</b> and <b>App Secret</b> from <i>App settings › Basic</i>.</li>"
        "<li>Open <b>Graph API Explorer</b>, choose the app, add the permissions <i>pages_show_list, "
        "pages_read_engagement, pages_manage_posts, instagram_basic, instagram_content_publish</i>, press "
        "<b>Generate Access Token</b> and copy the token.</li>"
        "<li>Paste the three values below and press <b>Check</b>. Siar exchanges the token for one that "
        "does not expire and lists your Pages.</li></ol>"
    ),
    form=Form(
        ident=N_("App ID"),
        secrets=(N_("App Secret"), N_("Short-lived user token"), ""),
        ident_option="--app-id",
    ),
    button=N_("Sign in with Facebook"),
    device_login=True,
    demo_name="Kanim Contoh — Facebook",
)
