"""The evidence page's caption is wrapped by the report itself (fpdf2's multi_cell is
quadratic in the caption's length): every line fits, no word is lost or reordered."""

from __future__ import annotations

import itertools

from fpdf import FPDF

from composer.report.pdf import _FONT_DIR, FONT, wrap


def _document() -> FPDF:
    pdf = FPDF()
    pdf.add_font(FONT, "", str(_FONT_DIR / "Lato-Regular.ttf"))
    pdf.add_page()
    pdf.set_font(FONT, "", 9)
    return pdf


CAPTION = (
    "Layanan paspor hari Sabtu dibuka pukul 08.00–12.00 WIB.\n"
    "Daftar dulu lewat aplikasi M-Paspor, bawa KTP dan KK asli.\n\n"
    "Info lengkap: https://www.imigrasi.go.id/id/layanan-paspor-elektronik-dan-polikarbonat-"
    "untuk-warga-negara-indonesia-yang-berdomisili-di-wilayah-kerja #ImigrasiMelayani #Paspor"
)


def test_every_line_fits_and_the_text_survives() -> None:
    pdf = _document()
    width = 90.0
    lines = wrap(pdf, CAPTION, width)
    assert all(pdf.get_string_width(line) <= width + 1e-6 for line in lines)
    assert len(lines) > CAPTION.count("\n") + 2  # the long paragraph really was broken
    # Nothing lost: the words come back in order once the line breaks are removed.
    assert "".join("".join(lines).split()) == "".join(CAPTION.split())
    assert "" in lines  # the blank line between paragraphs is kept


def test_a_line_is_filled_before_it_breaks() -> None:
    pdf = _document()
    width = 60.0
    lines = wrap(pdf, "kata " * 60, width)
    for line, following in itertools.pairwise(lines):
        next_word = following.split(" ")[0]
        if next_word:
            assert pdf.get_string_width(f"{line} {next_word}") > width
