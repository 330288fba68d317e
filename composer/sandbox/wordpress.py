"""A fake WordPress REST API on 127.0.0.1 (shared/PLATFORMS.md §5, §8).

Application Passwords over HTTP Basic (spaces ignored, as core does), ``users/me``,
raw-body media uploads with core's Content-Type / Content-Disposition rules, posts with
a featured image, categories and tags, lookup by slug, and core's error shape
``{"code","message","data":{"status"}}``. Uploaded files are served back from
``/wp-content/uploads/`` so Instagram can fetch them.
"""

from __future__ import annotations

import base64
import calendar
import re
import time
from typing import Any

from composer.sandbox import wordpress_authorize, wordpress_schedule
from composer.sandbox.comments import CommentBook
from composer.sandbox.server import FakeServer, Request, Response, next_id
from composer.sandbox.wordpress_comments import install_wordpress_comments
from composer.sandbox.wordpress_common import USERNAME as USERNAME  # re-exported
from composer.sandbox.wordpress_common import wp_error

APP_PASSWORD = "abcd EFGH 1234 ijkl MNOP 5678"  # a sandbox value, not a real secret


VIDEO_TYPES = ("video/mp4", "video/quicktime", "video/webm")


class WordPressServer(FakeServer):
    name = "wordpress"
    post_comments: CommentBook  # issue 15's inbox (wordpress_comments.py)
    comment_grants: set[str]

    def __init__(self, port: int = 0, latency: float = 0.0) -> None:
        super().__init__(port, latency)
        self.users = {USERNAME: re.sub(r"[^A-Za-z0-9]", "", APP_PASSWORD)}
        self.media: dict[int, dict[str, Any]] = {}
        # The host's upload_max_filesize stand-in (hosts cap uploads; core has no limit).
        self.max_upload = 64 * 1024 * 1024
        self.files: dict[str, tuple[bytes, str]] = {}
        self.posts: list[dict[str, Any]] = []
        self.terms: dict[str, list[dict[str, Any]]] = {
            "categories": [
                {"id": 1, "name": "Berita", "slug": "berita"},
                {"id": 2, "name": "Layanan", "slug": "layanan"},
            ],
            "tags": [],
        }
        self.route("GET", r"/wp-json/?", self._index)
        self.route("GET", r"/wp-json/wp/v2/users/me", self._me)
        self.route("POST", r"/wp-json/wp/v2/media", self._upload)
        self.route("DELETE", r"/wp-json/wp/v2/media/(?P<id>\d+)", self._delete_media)
        self.route("POST", r"/wp-json/wp/v2/posts", self._create_post)
        self.route("GET", r"/wp-json/wp/v2/posts", self._list_posts)
        wordpress_schedule.install(self)  # one post: read, reschedule, bin (§11)
        self.route("GET", r"/wp-json/wp/v2/(?P<tax>categories|tags)", self._list_terms)
        self.route("POST", r"/wp-json/wp/v2/(?P<tax>categories|tags)", self._create_term)
        self.route("GET", r"/wp-content/uploads/(?P<name>[\w.\-/]+)", self._file)
        install_wordpress_comments(self)
        self.app_passwords_enabled = True
        self.loopback_redirects = True  # WordPress 7.0 accepts http://127.0.0.1 success URLs (§14.4)
        self.app_passwords: list[tuple[str, str]] = []  # (app_name, app_id) approved
        wordpress_authorize.install(self)

    def _user(self, request: Request) -> tuple[str, Response | None]:
        auth = request.header("authorization")
        if not auth.startswith("Basic "):
            return "", wp_error(401, "rest_not_logged_in", "You are not currently logged in.")
        try:
            user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
        except ValueError:
            return "", wp_error(401, "rest_not_logged_in", "You are not currently logged in.")
        if user not in self.users:
            return "", wp_error(
                401, "invalid_username", "Unknown username. Check again or try your email address."
            )
        if re.sub(r"[^A-Za-z0-9]", "", password) != self.users[user]:
            return "", wp_error(
                401, "incorrect_password", "The provided password is an invalid application password."
            )
        return user, None

    def _index(self, request: Request) -> Response:
        return Response(
            200,
            {
                "name": "Kantor Imigrasi Contoh (Sandbox)",
                "url": self.base_url,
                "namespaces": ["wp/v2"],
                "authentication": wordpress_authorize.index_entry(self),
            },
        )

    def _me(self, request: Request) -> Response:
        user, error = self._user(request)
        if error is not None:
            return error
        body = {
            "id": 1,
            "name": "Humas Kanim (Sandbox)",
            "slug": user,
            "avatar_urls": {"96": f"{self.base_url}/avatar/{user}.png"},
        }
        if request.query.get("context") == "edit":
            body["capabilities"] = {"publish_posts": True, "upload_files": True, "edit_posts": True}
            body["username"] = user
        return Response(200, body)

    def _upload(self, request: Request) -> Response:
        _user, error = self._user(request)
        if error is not None:
            return error
        if request.header("content-type").startswith("multipart/"):
            data = request.multipart().get("file", b"")
            kind = "image/jpeg" if data.startswith(b"\xff\xd8") else "image/png"
            filename = f"upload-{next_id()}.{'jpg' if kind == 'image/jpeg' else 'png'}"
        else:
            data = request.body
            kind = request.header("content-type")
            disposition = request.header("content-disposition")
            if not data:
                return wp_error(400, "rest_upload_no_data", "No data supplied.")
            if not kind:
                return wp_error(400, "rest_upload_no_content_type", "No Content-Type supplied.")
            if not disposition:
                return wp_error(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.")
            match = re.search(r'filename="?([^";]+)"?', disposition)
            if not match:
                return wp_error(
                    400, "rest_upload_invalid_disposition", "Invalid Content-Disposition supplied."
                )
            filename = re.sub(r"[^\w.\-]", "-", match.group(1))
        # Core's default allowed types include mp4/m4v, mov, webm (wp_get_mime_types()).
        if kind not in ("image/jpeg", "image/png", "image/webp", "image/gif", *VIDEO_TYPES):
            return wp_error(
                400, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type."
            )
        if len(data) > self.max_upload:
            return wp_error(400, "rest_upload_file_too_big", "The file is too big.")
        media_id = len(self.media) + 100
        path = f"{time.strftime('%Y/%m')}/{media_id}-{filename}"
        self.files[path] = (data, kind)
        item = {
            "id": media_id,
            "source_url": f"{self.base_url}/wp-content/uploads/{path}",
            # "file" for anything that is not an image; there is no "video" value (§10.5).
            "media_type": "file" if kind in VIDEO_TYPES else "image",
            "mime_type": kind,
            "alt_text": request.query.get("alt_text", ""),
            "link": f"{self.base_url}/?attachment_id={media_id}",
        }
        self.media[media_id] = item
        return Response(
            201,
            item,
            {
                "Location": f"{self.base_url}/wp-json/wp/v2/media/{media_id}",
                "X-WP-Upload-Attachment-ID": str(media_id),
            },
        )

    def _delete_media(self, request: Request) -> Response:
        _user, error = self._user(request)
        if error is not None:
            return error
        assert request.match is not None
        item = self.media.pop(int(request.match.group("id")), None)
        if item is None:
            return wp_error(404, "rest_post_invalid_id", "Invalid post ID.")
        return Response(200, {"deleted": True, "previous": item})

    def _file(self, request: Request) -> Response:
        assert request.match is not None
        found = self.files.get(request.match.group("name"))
        if found is None:
            return Response(404, raw=b"Not found", headers={"Content-Type": "text/html"})
        return Response(200, raw=found[0], headers={"Content-Type": found[1]})

    def _create_post(self, request: Request) -> Response:
        _user, error = self._user(request)
        if error is not None:
            return error
        body = request.json()
        if not isinstance(body, dict):
            return wp_error(400, "rest_invalid_json", "Invalid JSON body passed.")
        slug = str(
            body.get("slug") or re.sub(r"[^a-z0-9]+", "-", str(body.get("title", "")).lower()).strip("-")
        )
        if any(p["slug"] == slug for p in self.posts):
            slug = f"{slug}-2"  # core appends a suffix rather than refusing
        featured = int(body.get("featured_media") or 0)
        if featured and featured not in self.media:
            return wp_error(400, "rest_invalid_featured_media", "Invalid featured media ID.")
        status, date_gmt = self._status_and_date(body)
        post_id = len(self.posts) + 1000
        post = {
            "id": post_id,
            "slug": slug,
            "status": status,
            "link": f"{self.base_url}/{time.strftime('%Y/%m/%d')}/{slug}/",
            "title": {"raw": str(body.get("title", "")), "rendered": str(body.get("title", ""))},
            "content": {"raw": str(body.get("content", ""))},
            "featured_media": featured,
            "categories": list(body.get("categories") or []),
            "tags": list(body.get("tags") or []),
            "date_gmt": date_gmt,
        }
        self.posts.insert(0, post)
        return Response(201, post, {"Location": f"{self.base_url}/wp-json/wp/v2/posts/{post_id}"})

    @staticmethod
    def _status_and_date(body: dict[str, Any]) -> tuple[str, str]:
        """wp_insert_post's rule (PLATFORMS.md §11): ``publish`` with a date ≥ 60 s ahead
        becomes ``future``; ``future`` with a date < 60 s ahead becomes ``publish``."""
        status = str(body.get("status", "draft"))
        now = time.time()
        when = now
        if body.get("date_gmt"):
            when = float(calendar.timegm(time.strptime(str(body["date_gmt"])[:19], "%Y-%m-%dT%H:%M:%S")))
        if status == "publish" and when >= now + 60:
            status = "future"
        elif status == "future" and when < now + 60:
            status = "publish"
        return status, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(when))

    def _list_posts(self, request: Request) -> Response:
        wordpress_schedule.publish_due(self)
        slug = request.query.get("slug", "")
        status = request.query.get("status", "publish")
        if status != "publish" or request.query.get("context") == "edit":
            _user, error = self._user(request)
            if error is not None:
                return error
        posts = [
            p
            for p in self.posts
            if (not slug or p["slug"] == slug) and (status == "any" or p["status"] == status)
        ]
        return Response(200, posts, {"X-WP-Total": str(len(posts))})

    def _list_terms(self, request: Request) -> Response:
        assert request.match is not None
        search = request.query.get("search", "").lower()
        terms = [t for t in self.terms[request.match.group("tax")] if search in t["name"].lower()]
        return Response(200, terms)

    def _create_term(self, request: Request) -> Response:
        _user, error = self._user(request)
        if error is not None:
            return error
        assert request.match is not None
        name = str((request.json() or {}).get("name", "")).strip()
        terms = self.terms[request.match.group("tax")]
        if any(t["name"].lower() == name.lower() for t in terms):
            return wp_error(400, "term_exists", "A term with the name provided already exists.")
        term = {"id": 10 + next_id() % 100000, "name": name, "slug": re.sub(r"[^a-z0-9]+", "-", name.lower())}
        terms.append(term)
        return Response(201, term)
