"""TikTok through the outbox against its fake: both ways of posting, chunks from disk,
the step that makes the post happen checked with the status endpoint, processing that
fails or takes long, tokens that run out, photos, and what preflight says."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from composer.accounts.model import Account
from composer.i18n import describe_code
from composer.publish import tiktok as client
from composer.publish.outbox import Outbox
from composer.publish.preflight import preflight
from composer.sandbox import Fault
from composer.store.outbox import DONE, FAILED, WAITING
from tests.publish.conftest import Env
from tests.publish.test_faults import settle
from tests.store.videos import mp4_bytes

MB = 1024 * 1024


def _set(env: Env, **settings: Any) -> Account:
    account = env.account("tiktok")
    changed = dataclasses.replace(account, settings={**account.settings, **settings})
    env.registry.update(changed)
    return changed


def _video_post(env: Env, size: int = 0, photos: int = 0) -> Any:
    post = env.post(photos=photos, video=size == 0)
    if size:
        post.media.append(env.workspace.media.import_bytes(mp4_bytes(size), "klip.mp4"))
        env.workspace.drafts.save(post)
    return post


def test_upload_to_inbox_sends_the_video_without_a_caption(env: Env) -> None:
    post = _video_post(env)
    env.outbox.enqueue(post, [env.account("tiktok")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == DONE, job.error_code
    [upload] = env.sandbox.tiktok.posts
    assert upload.mode == "inbox" and upload.status == "SEND_TO_USER_INBOX" and upload.post_info == {}
    assert upload.received == upload.size == post.media[-1].size
    [entry] = env.workspace.outbox.history()
    assert entry.platform == "tiktok" and entry.platform_id == upload.publish_id
    assert entry.permalink == ""  # not on the profile until the creator finishes it in the app


def test_direct_post_from_an_audited_app_is_public_with_its_caption(env: Env) -> None:
    env.sandbox.tiktok.audited = True
    _set(env, mode="direct", privacy="PUBLIC_TO_EVERYONE", audited=True)
    post = _video_post(env)
    env.outbox.enqueue(post, [env.account("tiktok")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == DONE, job.error_code
    [upload] = env.sandbox.tiktok.posts
    assert upload.mode == "direct" and upload.status == "PUBLISH_COMPLETE"
    assert (
        upload.post_info["title"] == post.text and upload.post_info["privacy_level"] == "PUBLIC_TO_EVERYONE"
    )
    assert upload.post_info["disable_comment"] is True  # interactions off unless the creator allows them
    [entry] = env.workspace.outbox.history()
    assert entry.permalink == f"https://www.tiktok.com/@kanimcontoh/video/{upload.post_id}"


def test_an_unaudited_app_posting_publicly_is_refused_and_said_so(env: Env) -> None:
    account = _set(env, mode="direct", privacy="PUBLIC_TO_EVERYONE", audited=False)
    post = _video_post(env)
    checks = preflight(post, [account], env.registry.list())
    refusal = describe_code("api.tiktok_unaudited_public", {})
    assert [(c.severity, c.message) for c in checks if c.severity == "error"] == [("error", refusal)]
    # Sent anyway (IT said "audited" wrongly, say): TikTok refuses and nothing is posted.
    _set(env, audited=True)
    env.outbox.enqueue(post, [env.account("tiktok")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert (job.state, job.error_code) == (FAILED, "api.tiktok_unaudited_public")
    assert "unaudited_client_can_only_post_to_private_accounts" in job.error_detail
    assert env.sandbox.tiktok.posts == [] and env.sandbox.tiktok.uploads == {}


def test_a_big_video_goes_in_chunks_read_from_disk_never_whole(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client, "CHUNK", 5 * MB)
    post = _video_post(env, size=11 * MB + 123)
    video_id = post.media[-1].id
    whole_reads: list[str] = []
    original = Outbox._media_bytes
    monkeypatch.setattr(
        Outbox,
        "_media_bytes",
        lambda self, media_id: whole_reads.append(media_id) or original(self, media_id),
    )
    env.outbox.enqueue(post, [env.account("tiktok")])
    env.outbox.run_due()
    assert env.workspace.outbox.list()[0].state == DONE
    [upload] = env.sandbox.tiktok.posts
    assert (upload.chunk_size, upload.count, upload.chunks) == (5 * MB, 2, 2)  # 5 MB + the 6 MB rest
    assert env.sandbox.tiktok.requests_to(r"^/upload/video/", "PUT") == 2
    assert video_id not in whole_reads


def test_the_answer_to_the_last_chunk_lost_is_checked_not_sent_again(env: Env) -> None:
    env.sandbox.tiktok.inject(Fault(r"^/upload/video/", "drop-after", method="PUT"))
    env.outbox.enqueue(_video_post(env), [env.account("tiktok")])
    settle(env)
    assert env.workspace.outbox.list()[0].state == DONE
    assert len(env.sandbox.tiktok.posts) == 1 and len(env.sandbox.tiktok.uploads) == 1
    assert env.sandbox.tiktok.requests_to(r"^/upload/video/", "PUT") == 1  # reconciled by status


def test_a_refused_chunk_resumes_after_the_bytes_tiktok_has(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client, "CHUNK", 5 * MB)
    env.sandbox.tiktok.reject_chunk = 1
    env.outbox.enqueue(_video_post(env, size=11 * MB), [env.account("tiktok")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert (job.state, job.error_code) == (WAITING, "api.tiktok_chunk_refused")
    settle(env)
    assert env.workspace.outbox.list()[0].state == DONE
    # chunk 1, chunk 2 refused, then only chunk 2 again: 3 PUTs, one upload, one post.
    assert env.sandbox.tiktok.requests_to(r"^/upload/video/", "PUT") == 3
    assert len(env.sandbox.tiktok.uploads) == 1 and len(env.sandbox.tiktok.posts) == 1


def test_processing_still_in_progress_waits_then_finishes(env: Env) -> None:
    env.sandbox.tiktok.processing_polls = 100
    env.outbox.enqueue(_video_post(env), [env.account("tiktok")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert (job.state, job.error_code) == (WAITING, "api.tiktok_processing")
    assert env.clock.slept >= client.POLL_SECONDS  # waited on the outbox's clock, not in real time
    next(iter(env.sandbox.tiktok.uploads.values())).polls_left = 0
    settle(env)
    assert env.workspace.outbox.list()[0].state == DONE
    assert env.sandbox.tiktok.requests_to(r"/init/$") == 1  # the upload was not repeated


def test_processing_failed_says_why(env: Env) -> None:
    env.sandbox.tiktok.fail_next = "video_pull_failed"
    env.outbox.enqueue(_video_post(env), [env.account("tiktok")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert (job.state, job.error_code, job.error_detail) == (FAILED, "api.tiktok_failed", "video_pull_failed")
    # Nothing is on TikTok, so sending the draft again starts afresh (not "already queued").
    env.outbox.enqueue(env.workspace.drafts.load(job.post_id), [env.account("tiktok")])
    env.outbox.run_due()
    assert [j.state for j in env.workspace.outbox.list() if j.state != "cancelled"].count(DONE) == 1
    assert len(env.sandbox.tiktok.posts) == 1 and len(env.sandbox.tiktok.uploads) == 2


def test_an_access_token_that_ran_out_is_refreshed_and_the_new_tokens_kept(env: Env) -> None:
    account = env.account("tiktok")
    old_refresh = env.registry.secrets(account)["refresh_token"]
    env.sandbox.tiktok.expire_access_tokens()  # TikTok ended it; our clock still trusts it
    env.outbox.enqueue(_video_post(env), [account])
    env.outbox.run_due()
    assert env.workspace.outbox.list()[0].state == DONE
    kept = env.registry.secrets(account)
    assert kept["refresh_token"] != old_refresh and kept["refresh_token"] in env.sandbox.tiktok.refresh_tokens
    # The second post uses the saved token without refreshing again.
    env.outbox.enqueue(env.post(text="Kedua", photos=0, video=True), [account])
    env.outbox.run_due()
    assert env.sandbox.tiktok.requests_to(r"^/v2/oauth/token/$") == 1


def test_photos_alone_go_as_a_photo_post_pulled_from_the_office_website(env: Env) -> None:
    post = env.post(photos=2)
    env.outbox.enqueue(post, [env.account("tiktok")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == DONE, (job.error_code, job.error_detail)
    [photo_post] = env.sandbox.tiktok.posts
    assert len(photo_post.photo_urls) == 2
    assert all(u.startswith(env.sandbox.wordpress.base_url) for u in photo_post.photo_urls)
    assert photo_post.post_info["description"] == post.text and "privacy_level" not in photo_post.post_info


def test_photos_without_a_photo_host_are_refused_before_sending(env: Env) -> None:
    account = _set(env, photo_host="")
    checks = preflight(env.post(photos=1), [account], env.registry.list())
    assert describe_code("api.tiktok_no_photo_host", {}) in [
        c.message for c in checks if c.severity == "error"
    ]


@pytest.mark.parametrize(("photos", "video"), [(1, False), (0, True), (1, True), (5, True)])
def test_preflight_says_what_happens_to_each_attachment(env: Env, photos: int, video: bool) -> None:
    from composer.core.platforms import tiktok as rules
    from composer.core.preview import preview_for

    post = env.post(photos=min(photos, 2), video=video)
    for _extra in range(photos - min(photos, 2)):
        post.media.insert(0, post.media[0])
    env.workspace.drafts.save(post)
    preview = preview_for(post, rules.RULES)
    left_out = [f for f in preview.findings if f.code == "tiktok.video_not_with_photos"]
    # With a video every photo is named as left out (a warning: the video still goes).
    assert len(left_out) == (photos if video else 0)
    assert all(f.severity == "warning" for f in left_out)
    if not video:
        assert "tiktok.photo_post" in {f.code for f in preview.findings}
    # And what is sent matches the preview: a video post carries the video only.
    env.outbox.enqueue(post, [env.account("tiktok")])
    env.outbox.run_due()
    [sent] = env.sandbox.tiktok.posts
    assert len(sent.photo_urls) == (0 if video else photos)
    assert (sent.size > 0) is video


def test_an_inbox_account_is_told_the_creator_finishes_in_the_app(env: Env) -> None:
    account = env.account("tiktok")
    checks = preflight(env.post(photos=0, video=True), [account], env.registry.list())
    inbox = describe_code("api.tiktok_inbox", {"name": account.name})
    assert [(c.severity, c.message) for c in checks] == [("warning", inbox)]


def test_a_posting_kit_for_tiktok_carries_the_video_and_the_caption(env: Env) -> None:
    from pathlib import Path

    manual = env.registry.add(Account("tiktok", "TikTok (manual)", "", "manual"), {})
    post = _video_post(env)
    env.outbox.enqueue(post, [manual])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == DONE
    kit = job.steps["kit"]
    folder = Path(kit["folder"])
    assert (folder / "caption.txt").read_text(encoding="utf-8") == post.text
    assert (folder / "video-video.mp4").read_bytes() == env.workspace.media.path_for_id(
        post.media[-1].id
    ).read_bytes()  # type: ignore[union-attr]
    assert "video-video.mp4" in kit["files"] and env.sandbox.tiktok.posts == []


def test_the_preview_letterboxes_a_wide_video_in_the_9_16_screen(env: Env) -> None:
    from composer.core.platforms import tiktok as rules
    from composer.core.preview import preview_for

    post = env.post(photos=0, video=True)  # the test clip is 64×48, wider than 9:16
    preview = preview_for(post, rules.RULES)
    [tile] = preview.tiles
    assert preview.media_aspect == pytest.approx(9 / 16)
    assert (tile.crop.w, tile.crop.h) == (1, 1)  # shown whole, not cropped
    assert tile.cell.w == 1 and tile.cell.h == pytest.approx((9 / 16) / (64 / 48))
    assert "tiktok.video_bars" in {f.code for f in preview.findings}


def test_the_daily_cap_waits_and_says_so(env: Env) -> None:
    env.sandbox.tiktok.daily_cap = 0
    env.outbox.enqueue(_video_post(env), [env.account("tiktok")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert (job.state, job.error_code) == (WAITING, "api.tiktok_daily_cap")
    env.sandbox.tiktok.daily_cap = 15
    settle(env)
    assert env.workspace.outbox.list()[0].state == DONE and len(env.sandbox.tiktok.posts) == 1


def test_the_upload_urls_token_is_masked_in_logs() -> None:
    from composer.accounts.redact import redact

    line = "PUT https://open-upload.tiktokapis.com/video/?upload_id=67890&upload_token=Xza123"
    assert "Xza123" not in redact(line) and "upload_id=67890" in redact(line)


def test_an_expired_upload_address_starts_a_new_upload_and_still_posts_once(env: Env) -> None:
    # The upload URL lasts an hour [media-transfer guide]; TikTok then answers 403.
    env.sandbox.tiktok.inject(Fault(r"^/upload/video/", "status", status=403, method="PUT"))
    env.outbox.enqueue(_video_post(env), [env.account("tiktok")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == DONE, job.error_code
    assert len(env.sandbox.tiktok.uploads) == 2 and len(env.sandbox.tiktok.posts) == 1
    assert job.data["platform_id"] == env.sandbox.tiktok.posts[0].publish_id
