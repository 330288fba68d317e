"""Issue 13 "done when": a draft with text, one 60 s 9:16 video and alt text posts to all
six platforms on the sandbox; each fake received the video (TikTok's unaudited app: the
inbox upload), and the history shows each post's link.

The clip is a real H.264 MP4 encoded here with PyAV: 540×960 (the Reels minimum,
PLATFORMS.md §10.2), three frames spread over 60 seconds, so every prober (Siar's and
the Facebook fake's) reads a true 60 s duration while the file stays a few kilobytes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from composer.core.post import Post
from composer.publish.preflight import ERROR, preflight
from composer.store.outbox import DONE
from tests.publish.conftest import Env
from tests.store.videos import make_video

TEXT = "Layanan paspor Sabtu: tonton cara antre lewat M-Paspor #ImigrasiMelayani"
ALT = "Petugas menunjukkan cara mengambil antrean paspor di aplikasi M-Paspor"


def test_a_60_second_9_16_video_posts_to_all_six_platforms(env: Env, tmp_path: Path) -> None:
    path = make_video(tmp_path / "antre-m-paspor.mp4", size=(540, 960), seconds=60.0)
    data = path.read_bytes()
    post = Post(title="Cara antre lewat M-Paspor", text=TEXT, tags=["paspor"])
    post.media.append(dataclasses.replace(env.workspace.media.import_file(path), alt=ALT))
    env.workspace.drafts.save(post)
    accounts = [env.account(p) for p in ("facebook", "instagram", "x", "youtube", "wordpress", "tiktok")]

    checks = preflight(post, accounts, media=env.workspace.media)
    assert [c.message for c in checks if c.severity == ERROR] == []
    env.outbox.enqueue(post, accounts)
    env.outbox.run_until_settled()
    jobs = {j.platform: j for j in env.workspace.outbox.list()}
    assert {p: j.state for p, j in jobs.items()} == dict.fromkeys(jobs, DONE), {
        p: j.error_detail or j.error_code for p, j in jobs.items()
    }
    assert len(jobs) == 6

    sandbox = env.sandbox
    (reel,) = sandbox.graph.reels.values()  # Facebook: a Reel (9:16, 60 s)
    assert bytes(reel.received) == data and reel.state == "PUBLISHED"
    (container,) = [c for c in sandbox.graph.containers.values() if c.media_type]  # Instagram
    assert (container.media_type, bytes(container.video)) == ("REELS", data)
    (media,) = sandbox.x.media.values()  # X: the chunked upload, with the alt text
    assert b"".join(media.chunks[i] for i in sorted(media.chunks)) == data
    assert media.alt_text == ALT
    (video,) = sandbox.google.videos  # YouTube
    assert sandbox.google.sessions and bytes(next(iter(sandbox.google.sessions.values())).received) == data
    assert video["snippet"]["title"] == post.title
    (item,) = sandbox.wordpress.media.values()  # WordPress: in the library, embedded in the post
    (wp_post,) = sandbox.wordpress.posts
    assert sandbox.wordpress.files[item["source_url"].split("/uploads/", 1)[1]][0] == data
    assert item["source_url"] in wp_post["content"]["raw"]
    (upload,) = sandbox.tiktok.posts  # TikTok, unaudited: the inbox upload
    assert upload.mode == "inbox" and upload.received == len(data)

    history = {e.platform: e for e in env.workspace.outbox.history()}
    assert set(history) == set(jobs)
    assert history["facebook"].permalink == f"https://www.facebook.com/reel/{reel.id}"
    assert history["instagram"].permalink.startswith("https://www.instagram.com/p/")
    assert history["x"].permalink.startswith("https://x.com/")
    assert history["youtube"].permalink == f"https://www.youtube.com/watch?v={video['id']}"
    assert history["wordpress"].permalink == wp_post["link"]
    # TikTok's inbox upload has no link until the creator posts it in the app.
    assert (history["tiktok"].platform_id, history["tiktok"].permalink) == (upload.publish_id, "")
