"""Platform rules and previews as plain unit tests (no Qt, no disk)."""

from __future__ import annotations

import pytest

from composer.core.findings import Severity
from composer.core.platforms import BY_ID, PLATFORMS, get
from composer.core.platforms.base import Rect, center_crop, fold_point
from composer.core.platforms.facebook import FOLD_CHARS
from composer.core.platforms.wordpress import excerpt
from composer.core.platforms.youtube import tags_length
from composer.core.post import MediaItem, PlatformContent, Post, Variant
from composer.core.preview import enabled_platforms, is_enabled, previews


def photo(
    w: int = 1080, h: int = 1080, alt: str = "A photo", mime: str = "image/jpeg", name: str = "a.jpg"
) -> MediaItem:
    return MediaItem(id=name, kind="image", filename=name, mime=mime, width=w, height=h, size=1000, alt=alt)


def video() -> MediaItem:
    return MediaItem(id="v", kind="video", filename="v.mp4", mime="video/mp4", width=0, height=0, size=10)


def codes(platform: str, content: PlatformContent) -> dict[str, Severity]:
    return {f.code: f.severity for f in get(platform).preview(content).findings}


def test_platforms_are_ordered_as_in_the_window() -> None:
    assert [p.id for p in PLATFORMS] == ["facebook", "instagram", "x", "youtube", "wordpress"]


# --- X ---------------------------------------------------------------------------------
def test_x_counts_weighted_and_marks_the_overflow() -> None:
    text = "a" * 279 + "🇮🇩" + "tail"
    preview = BY_ID["x"].preview(PlatformContent(text))
    assert preview.counters[0].value == 285
    assert codes("x", PlatformContent(text))["text.too_long"] is Severity.ERROR
    overflow = [s for s in preview.spans if s.kind == "overflow"]
    # 279 + the flag (2) is 281: the flag is the first thing over the limit
    assert text[overflow[0].start :] == "🇮🇩tail"


def test_x_link_costs_more_and_url_counts_23() -> None:
    content = PlatformContent("Info: imigrasi.go.id/paspor")
    preview = BY_ID["x"].preview(content)
    assert preview.counters[0].value == len("Info: ") + 23
    assert codes("x", content)["x.link_costs_more"] is Severity.WARNING
    assert [s.kind for s in preview.spans] == ["url"]


def test_x_media_limits_and_grids() -> None:
    five = tuple(photo(name=f"{i}.jpg") for i in range(5))
    assert codes("x", PlatformContent("hi", media=five))["x.too_many_photos"] is Severity.ERROR
    with_photo = PlatformContent("hi", media=(photo(), video()))
    assert "x.video_alone" not in codes("x", with_photo)  # the photo goes; the video is named
    assert [f.code for f in BY_ID["x"].media_plan(with_photo) if not f.sent] == ["x.video_not_with_photos"]
    two = BY_ID["x"].preview(PlatformContent("hi", media=five[:2]))
    assert [t.cell for t in two.tiles] == [Rect(0, 0, 0.5, 1), Rect(0.5, 0, 0.5, 1)]
    # each half of a 16:9 box is 8:9, so a square photo loses a little of its sides
    assert two.tiles[0].crop.w == pytest.approx((16 / 9) / 2)


def test_x_one_cashtag_only() -> None:
    assert "x.too_many_cashtags" in codes("x", PlatformContent("$IDR $USD"))
    assert "x.too_many_cashtags" not in codes("x", PlatformContent("$IDR naik"))


# --- Instagram ---------------------------------------------------------------------------
def test_instagram_needs_media_and_warns_on_hashtags() -> None:
    tags = " ".join(f"#tag{i}" for i in range(6))
    found = codes("instagram", PlatformContent(tags))
    assert found["instagram.no_media"] is Severity.ERROR
    assert found["instagram.hashtags_over_app_limit"] is Severity.WARNING
    many = " ".join(f"#t{i}" for i in range(31))
    assert (
        codes("instagram", PlatformContent(many, media=(photo(),)))["instagram.too_many_hashtags"]
        is Severity.ERROR
    )


def test_instagram_clamps_the_first_image_to_4_5_and_crops_all_like_it() -> None:
    tall = photo(1080, 1920)
    preview = BY_ID["instagram"].preview(PlatformContent("x", media=(tall, photo())))
    assert preview.media_aspect == pytest.approx(0.8)
    crop = preview.tiles[0].crop
    assert crop.w == 1 and crop.h == pytest.approx((1080 / 1920) / 0.8)
    assert "instagram.cropped" in codes("instagram", PlatformContent("x", media=(tall,)))
    assert dict(preview.fields)["carousel"] == "2"


def test_instagram_caption_folds_at_about_125_characters() -> None:
    text = "kata " * 60
    preview = BY_ID["instagram"].preview(PlatformContent(text, media=(photo(),)))
    assert preview.fold_at is not None and 75 < preview.fold_at <= 125


def test_instagram_links_are_not_highlighted() -> None:
    preview = BY_ID["instagram"].preview(PlatformContent("#a @b imigrasi.go.id", media=(photo(),)))
    assert [s.kind for s in preview.spans] == ["hashtag", "mention"]


def test_alt_text_missing_is_a_warning_about_media() -> None:
    finding = next(f for f in get("facebook").preview(PlatformContent("x", media=(photo(alt=""),))).findings)
    assert (finding.code, finding.severity, finding.about) == ("media.alt_missing", Severity.WARNING, "media")


# --- Facebook ----------------------------------------------------------------------------
@pytest.mark.parametrize(("count", "cells"), [(2, 2), (3, 3), (4, 4), (5, 5), (7, 5)])
def test_facebook_grid(count: int, cells: int) -> None:
    media = tuple(photo(name=f"{i}.jpg") for i in range(count))
    preview = BY_ID["facebook"].preview(PlatformContent("x", media=media))
    assert len(preview.tiles) == cells
    assert preview.tiles[-1].overlay == (f"+{count - 5}" if count > 5 else "")


def test_facebook_fold() -> None:
    long = "kata " * 200
    assert fold_point(long, max_chars=FOLD_CHARS, max_lines=5) is not None
    assert BY_ID["facebook"].preview(PlatformContent("pendek")).fold_at is None
    six_lines = "\n".join(["baris"] * 6)
    assert BY_ID["facebook"].preview(PlatformContent(six_lines)).fold_at == len("\n".join(["baris"] * 5))


# --- YouTube -----------------------------------------------------------------------------
def test_youtube_counts_description_in_bytes() -> None:
    text = "é" * 2600  # 2,600 characters, 5,200 bytes
    found = codes("youtube", PlatformContent(text, title="Judul", media=(video(),)))
    assert found == {"youtube.description_too_long": Severity.ERROR}


def test_youtube_tags_counted_the_youtube_way() -> None:
    assert tags_length(("Foo Baz",)) == 9
    assert tags_length(("a", "bb", "c d")) == 1 + 2 + 5 + 2


def test_youtube_title_rules() -> None:
    content = PlatformContent("desc", title="<b>" + "x" * 100, media=(video(),))
    found = codes("youtube", content)
    assert found["youtube.title_too_long"] is Severity.ERROR
    assert found["youtube.angle_brackets"] is Severity.ERROR
    assert codes("youtube", PlatformContent("d", media=(video(),)))["post.title_missing"] is Severity.ERROR


def test_youtube_only_wants_posts_with_a_video() -> None:
    post = Post(text="hi", media=[photo()])
    assert not is_enabled(post, BY_ID["youtube"])
    post.media.append(video())
    assert is_enabled(post, BY_ID["youtube"])
    post.variants["youtube"] = Variant(enabled=False)
    assert "youtube" not in [p.id for p in enabled_platforms(post)]


# --- WordPress ---------------------------------------------------------------------------
def test_wordpress_excerpt_is_55_words() -> None:
    words = " ".join(f"w{i}" for i in range(60))
    assert excerpt(words).endswith("w54 […]")
    assert excerpt("dua kata") == "dua kata"
    assert BY_ID["wordpress"].preview(PlatformContent(words, title="T")).counters[0].limit is None


# --- shared helpers and the post -----------------------------------------------------------
def test_center_crop() -> None:
    assert center_crop(2000, 1000, 1.0) == Rect(0.25, 0, 0.5, 1)
    assert center_crop(1000, 2000, 1.0) == Rect(0, 0.25, 1, 0.5)
    assert center_crop(0, 0, 1.0) == Rect(0, 0, 1, 1)


def test_variant_overrides_the_master_text_until_reset() -> None:
    post = Post(text="utama")
    post.variant("x").text = "khusus X"
    shown = previews(post)
    assert shown["x"].text == "khusus X"
    assert shown["facebook"].text == "utama"
    post.variant("x").text = None
    assert previews(post)["x"].text == "utama"


def test_post_round_trips_through_json() -> None:
    post = Post(title="T", text="Halo 🇮🇩", tags=["a"], media=[photo()], variants={"x": Variant(False, "v")})
    assert Post.from_dict(post.to_dict()) == post


def test_post_from_a_newer_siar_is_refused() -> None:
    data = Post().to_dict()
    data["schema"] = 99
    with pytest.raises(ValueError, match="newer"):
        Post.from_dict(data)


def test_tiles_point_into_all_of_the_posts_media() -> None:
    # A video before the photos must not shift which picture each tile shows.
    media = (video(), photo(name="a.jpg"), photo(name="b.jpg"))
    facebook = BY_ID["facebook"].preview(PlatformContent("x", media=media))
    assert [t.media_index for t in facebook.tiles] == [1, 2]
    website = BY_ID["wordpress"].preview(PlatformContent("x", title="T", media=media))
    assert [t.media_index for t in website.tiles] == [1]


def test_a_platforms_exported_design_comes_first() -> None:
    post = Post(text="x", media=[photo(name="foto.jpg")])
    post.design_images["instagram"] = photo(1080, 1350, name="desain-ig.jpg")
    assert [m.filename for m in post.content_for("instagram").media] == ["desain-ig.jpg", "foto.jpg"]
    assert [m.filename for m in post.content_for("x").media] == ["foto.jpg"]
    assert Post.from_dict(post.to_dict()) == post


def test_generated_legacy_emoji_list_matches_the_emoji_package() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    from update_emoji import legacy_text_default

    from composer.core.text.emoji_legacy import LEGACY_TEXT_DEFAULT

    assert list(LEGACY_TEXT_DEFAULT) == legacy_text_default()
