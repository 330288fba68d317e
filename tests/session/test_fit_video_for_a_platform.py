"""The "potong/konversi" use case: a fitted copy for one platform only (issue 13 item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from composer.accounts.model import Account
from composer.core.post import Post
from composer.publish.preflight import preflight
from composer.publish.prepare import payload
from composer.session import Session
from composer.session.video_fit import FitRefused
from composer.store.video import probe
from tests.store.videos import make_video


def _long_video_post(session: Session, tmp_path: Path) -> Post:
    clip = make_video(tmp_path / "liputan.mp4", seconds=200, frames=201)
    post = Post(title="Liputan", text="Liputan pelayanan paspor")
    item = session.import_file(clip)
    post.media.append(item)
    session.save_draft(post)
    return post


def test_a_video_too_long_for_x_gets_a_trimmed_copy_for_x_only(session: Session, tmp_path: Path) -> None:
    post = _long_video_post(session, tmp_path)
    original = post.media[0]
    x = Account("x", "X kantor", "https://api.x.com", "oauth2")
    before = [c for c in preflight(post, [x], media=session.media) if c.fit]
    assert [c.fit for c in before] == [original.id] and "200" in before[0].message

    changed = session.fit_video(post, "x", original.id)

    fitted = changed.fitted["x"][original.id]
    assert fitted.id != original.id and fitted.filename == "liputan-x.mp4"
    path = session.media.path_for_id(fitted.id)
    assert path is not None and probe(path).duration <= 140
    assert session.open_draft(post.id).fitted["x"][original.id] == fitted  # saved with the draft
    assert post.fitted == {}  # the caller's post is not changed behind its back
    assert not [c for c in preflight(changed, [x], media=session.media) if "liputan" in c.message]
    assert payload(changed, "x", session.media)["video"]["id"] == fitted.id
    assert payload(changed, "youtube", session.media)["video"]["id"] == original.id
    assert not list(tmp_path.parent.glob(".fit-*")) and not list(session.media.root.glob(".fit-*"))


def test_a_video_that_already_fits_is_refused_with_a_reason(session: Session, tmp_path: Path) -> None:
    post = _long_video_post(session, tmp_path)
    with pytest.raises(FitRefused) as caught:
        session.fit_video(post, "youtube", post.media[0].id)
    assert caught.value.code == "video.fit_nothing"
