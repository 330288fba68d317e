"""Text fitting: shrink, ellipsis, never a split word when a smaller size would do."""

from __future__ import annotations

from composer.design import text


def fit(
    content: str, width: float, height: float, px: int = 60, min_px: int = 20, overflow: str = "shrink"
) -> text.TextLayout:
    return text.fit(
        content,
        family="inter",
        weight="bold",
        px=px,
        min_px=min_px,
        line_height=1.2,
        overflow=overflow,
        max_width=width,
        max_height=height,
    )


def test_text_that_fits_keeps_its_size() -> None:
    layout = fit("Jam Layanan", 1000, 200)
    assert (layout.px, layout.lines, layout.truncated) == (60, ("Jam Layanan",), False)


def test_shrink_to_fit() -> None:
    layout = fit("Layanan paspor buka kembali pada hari Jumat", 400, 150)
    assert 20 <= layout.px < 60
    assert layout.height <= 150.5
    assert not layout.truncated


def test_shrink_prefers_a_smaller_size_to_splitting_a_word() -> None:
    layout = fit("Desember", 200, 400, px=80)
    assert layout.lines == ("Desember",)
    assert not layout.broke_words


def test_ellipsis_when_even_the_smallest_size_does_not_fit() -> None:
    layout = fit("kata " * 80, 300, 60, min_px=24)
    assert layout.truncated
    assert layout.lines[-1].endswith("…")
    assert layout.height <= 60.5


def test_ellipsis_mode_keeps_the_size() -> None:
    layout = fit("satu dua tiga empat lima enam tujuh delapan", 250, 80, overflow="ellipsis")
    assert layout.px == 60 and layout.truncated


def test_emoji_are_measured_as_wide_glyphs() -> None:
    plain = text.line_width("OK", "inter", "regular", 40)
    with_flag = text.line_width("OK 🇮🇩", "inter", "regular", 40)
    assert with_flag - plain > 40  # a space plus an emoji about a glyph and a bit wide


def test_explicit_line_breaks_are_kept() -> None:
    layout = fit("Senin\nSelasa", 1000, 400)
    assert layout.lines == ("Senin", "Selasa")
