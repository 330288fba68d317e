"""The report as a PDF (fpdf2): summary, charts, top posts, hashtags and an evidence page
(*bukti tayang*) per upload, in Bahasa Indonesia, with the office's name and logo.

Charts are plain bars drawn with the PDF's own rectangles (no charting library: bars and
numbers are all the ministry's format needs). Text uses the bundled Lato; characters it
has no glyph for (emoji) are left out of the PDF, never drawn as boxes. Each image goes
in once, downscaled, however many pages show it.
"""

from __future__ import annotations

import logging
import os
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image

from composer.paths import assets_dir
from composer.report import card_pool
from composer.report.model import DAYS_ID, KIP_CATEGORIES, MONTHS_ID, WIB, MonthReport, Upload
from composer.report.preview_card import CardInput, TileCache, card_input, render
from composer.report.table import write_whole
from composer.store.workspace import Workspace

FONT = "Lato"
_FONT_DIR = assets_dir() / "fonts"
NAVY = (18, 53, 91)
TEAL = (31, 122, 140)
GREY = (91, 102, 117)
LIGHT = (236, 240, 245)
IMAGE_PX = 640  # evidence images are downscaled to this (the PDF stays small and quick)
CARD_SOURCE_PX = 720  # the media store's thumbnail the card is drawn from (as the window's)
CARD_MM = 72  # the preview card's width on the evidence page
_EVIDENCE_METRICS = (
    ("views", "Tayangan"),
    ("reach", "Jangkauan"),
    ("likes", "Suka / reaksi"),
    ("comments", "Komentar"),
    ("shares", "Dibagikan"),
    ("saved", "Disimpan"),
    ("clicks", "Klik"),
    ("interactions", "Interaksi"),
    ("watch_minutes", "Menit ditonton"),
)


class _Document(FPDF):
    def __init__(self, report: MonthReport) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(16, 16, 16)
        self.add_font(FONT, "", str(_FONT_DIR / "Lato-Regular.ttf"))
        self.add_font(FONT, "B", str(_FONT_DIR / "Lato-Bold.ttf"))
        self.set_title(report.title)
        self.set_author(report.office)
        self.set_creator("Siar")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, clean(f"{self.report.office} · {self.report.title}"), align="L")
        self.set_x(-40)
        self.cell(24, 5, f"Halaman {self.page_no()}", align="R")


_glyphs: set[int] | None = None


def clean(text: str) -> str:
    """*text* without characters the font cannot draw (emoji, symbols)."""
    global _glyphs
    if _glyphs is None:
        font = TTFont(str(_FONT_DIR / "Lato-Regular.ttf"), lazy=True)
        _glyphs = set(font.getBestCmap())
        font.close()
    kept = "".join(ch for ch in text if ord(ch) in _glyphs or ch in "\n\t")
    return "\n".join(" ".join(line.split()) for line in kept.split("\n"))


def number(value: int) -> str:
    """Indonesian thousands: 12.345."""
    return f"{value:,}".replace(",", ".")


def when_text(moment: datetime) -> str:
    return f"{DAYS_ID[moment.weekday()]}, {moment.day} {MONTHS_ID[moment.month - 1]} {moment.year} pukul {moment:%H.%M} WIB"


def write(report: MonthReport, path: Path, workspace: Workspace) -> None:
    # Lato's head table has a creation date fontTools calls "very low": harmless, not for the terminal.
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)
    pdf = _Document(report)
    with tempfile.TemporaryDirectory(prefix="siar-report-") as scratch:
        images = _Images(workspace, Path(scratch))
        _cover(pdf, report, images)
        _teraktif(pdf, report)
        _terpopuler(pdf, report)
        _hashtags(pdf, report)
        _responses(pdf, report)
        jobs = (images.card_job(upload, report.office) for upload in report.uploads)
        workers = max(1, min(2, (os.cpu_count() or 2) - 1))  # one core stays for the pages
        with closing(card_pool.drawn(jobs, len(report.uploads), workers)) as cards:
            for index, (upload, ok) in enumerate(zip(report.uploads, cards, strict=True), 1):
                _evidence(pdf, report, upload, index, images.card_file(upload) if ok else None)
                images.forget_card(upload)
        data = bytes(pdf.output())
    write_whole(path, data)


class _Images:
    """Downscaled JPEG copies of the workspace's images, made once per report."""

    def __init__(self, workspace: Workspace, folder: Path) -> None:
        self.workspace = workspace
        self.folder = folder
        self.made: dict[str, Path | None] = {}

    def media(self, media_id: str) -> Path | None:
        if media_id not in self.made:
            source = self.workspace.media.path_for_id(media_id) if media_id else None
            self.made[media_id] = self._shrink(source, media_id) if source and source.exists() else None
        return self.made[media_id]

    def card_file(self, upload: Upload) -> Path:
        return self.folder / f"card-{upload.history_id}.jpg"

    def card_job(self, upload: Upload, office: str) -> card_pool.CardJob:
        """What Siar's preview card of *upload* (preview_card) needs, to draw it anywhere."""
        card = _card_input(upload, office, self.workspace)
        files: dict[str, str] = {}
        for item in card.media:
            try:
                files[item.id] = str(self.workspace.media.thumbnail(item, CARD_SOURCE_PX))
            except OSError:
                continue  # drawn without that image, as in the window
        return card, files, self.card_file(upload)

    def forget_card(self, upload: Upload) -> None:
        # fpdf2 has read it by now; a month of cards is not kept on disk at once.
        (self.folder / f"card-{upload.history_id}.jpg").unlink(missing_ok=True)

    def logo(self) -> Path | None:
        logo = self.workspace.settings.load_brand().logo
        if logo.startswith("media:"):
            found = self.media(logo.removeprefix("media:"))
            if found is not None:
                return found
        sample = assets_dir() / "templates" / "sample-logo.png"
        return self._shrink(sample, "sample-logo") if sample.exists() else None

    def _shrink(self, source: Path, name: str) -> Path | None:
        from PIL import Image, UnidentifiedImageError

        target = self.folder / f"{name}.png"
        try:
            with Image.open(source) as opened:
                opened.thumbnail((IMAGE_PX, IMAGE_PX))
                image = opened if opened.mode in ("RGB", "RGBA") else opened.convert("RGBA")
                if image.mode == "RGB":
                    target = target.with_suffix(".jpg")
                    image.save(target, "JPEG", quality=82)
                else:
                    image.save(target, "PNG")
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
            return None  # unreadable or too large: the page goes without it
        return target


def card_image(
    upload: Upload, office: str, workspace: Workspace, tiles: TileCache | None = None
) -> Image.Image:
    """The preview card the evidence page of *upload* shows (tests compare against it)."""
    card = _card_input(upload, office, workspace)
    return render(card, lambda item: workspace.media.thumbnail(item, CARD_SOURCE_PX), tiles)


def _card_input(upload: Upload, office: str, workspace: Workspace) -> CardInput:
    media = []
    for data in upload.media:  # the history keeps the id and name; the store has the rest
        item = workspace.media.item_for_id(str(data.get("id", "")))
        media.append(item.to_dict() if item is not None else data)
    return card_input(upload.platform, office, upload.caption, upload.title, media)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font(FONT, "B", 13)
    pdf.set_text_color(*NAVY)
    pdf.cell(0, 8, clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)


def _table(
    pdf: FPDF, header: list[str], rows: list[list[str]], widths: list[float], text_columns: int = 1
) -> None:
    """A bordered table; the first *text_columns* are left-aligned, numbers to the right."""
    pdf.set_font(FONT, "B", 9)
    pdf.set_fill_color(*LIGHT)
    for text, width in zip(header, widths, strict=True):
        pdf.cell(width, 7, clean(text), border=1, fill=True, align="C")
    pdf.ln()
    pdf.set_font(FONT, "", 9)
    for cells in rows:
        bold = cells and cells[0] == "Jumlah"
        pdf.set_font(FONT, "B" if bold else "", 9)
        for index, (text, width) in enumerate(zip(cells, widths, strict=True)):
            pdf.cell(width, 6.5, clean(text), border=1, align="L" if index < text_columns else "R")
        pdf.ln()


def _bars(pdf: FPDF, values: list[tuple[str, int]], colour: tuple[int, int, int]) -> None:
    """A horizontal bar per platform, the number at its end."""
    top = max((v for _, v in values), default=0) or 1
    pdf.ln(2)
    pdf.set_font(FONT, "", 9)
    for label, value in values:
        y = pdf.get_y()
        pdf.set_x(pdf.l_margin)
        pdf.cell(34, 6, clean(label))
        width = 110 * value / top
        pdf.set_fill_color(*colour)
        if width > 0:
            pdf.rect(pdf.l_margin + 36, y + 1, width, 4, style="F")
        pdf.set_xy(pdf.l_margin + 38 + width, y)
        pdf.cell(30, 6, number(value))
        pdf.ln(6.5)


def _cover(pdf: _Document, report: MonthReport, images: _Images) -> None:
    pdf.add_page()
    logo = images.logo()
    if logo is not None:
        pdf.image(logo, x=pdf.l_margin, y=16, h=22)
    pdf.set_xy(pdf.l_margin + 28, 17)
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*NAVY)
    pdf.cell(0, 8, clean(report.office), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_x(pdf.l_margin + 28)
    pdf.set_font(FONT, "", 12)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 7, clean(report.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_x(pdf.l_margin + 28)
    pdf.set_font(FONT, "", 9)
    made = datetime.now(UTC).astimezone(WIB)
    pdf.cell(
        0,
        6,
        f"Disusun oleh Siar pada {made.day} {MONTHS_ID[made.month - 1]} {made.year}",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(44)
    pdf.set_draw_color(*NAVY)
    pdf.line(pdf.l_margin, 42, pdf.w - pdf.r_margin, 42)
    pdf.set_font(FONT, "", 10)
    summary = (
        f"Jumlah unggahan: {number(report.total_uploads())} di {len(report.platform_ids)} platform. "
        f"Interaksi dalam 24 jam: {number(report.total_interactions())}. "
        f"Unggahan tanpa data 24 jam: {number(report.without_24h())}."
    )
    pdf.multi_cell(0, 6, summary, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _teraktif(pdf: _Document, report: MonthReport) -> None:
    _heading(pdf, "1. Unggahan per platform dan per minggu (akun teraktif)")
    weeks = report.uploads_per_week()
    per_platform = report.uploads_per_platform()
    names = _names(report)
    header = ["Platform", *(f"Minggu {w}" for w in range(1, report.weeks + 1)), "Jumlah"]
    rows = [[names[p], *(number(n) for n in weeks[p]), number(per_platform[p])] for p in report.platform_ids]
    totals = [sum(weeks[p][w] for p in report.platform_ids) for w in range(report.weeks)]
    rows.append(["Jumlah", *(number(n) for n in totals), number(report.total_uploads())])
    rest = (pdf.epw - 40) / (report.weeks + 1)
    _table(pdf, header, rows, [40, *([rest] * (report.weeks + 1))])
    _bars(pdf, [(names[p], per_platform[p]) for p in report.platform_ids], TEAL)


def _terpopuler(pdf: _Document, report: MonthReport) -> None:
    _heading(pdf, "2. Interaksi dalam 24 jam setelah unggah (akun terpopuler)")
    names = _names(report)
    per_platform, interactions = report.uploads_per_platform(), report.interactions_per_platform()
    rows = [
        [
            names[p],
            number(per_platform[p]),
            number(interactions[p]),
            number(interactions[p] // max(per_platform[p], 1)),
        ]
        for p in report.platform_ids
    ]
    rows.append(["Jumlah", number(report.total_uploads()), number(report.total_interactions()), ""])
    _table(
        pdf,
        ["Platform", "Unggahan", "Interaksi 24 jam", "Rata-rata per unggahan"],
        rows,
        [40, 40, 50, pdf.epw - 130],
    )
    _bars(pdf, [(names[p], interactions[p]) for p in report.platform_ids], NAVY)
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 7, "Unggahan terpopuler", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    top = [
        [str(i), u.when.strftime("%d/%m %H.%M"), names[u.platform], _short(u, 60), number(u.interactions_24h)]
        for i, u in enumerate(report.top_posts(), 1)
    ]
    _table(  # the number is read with its row: every column but the count on the left
        pdf,
        ["No.", "Waktu", "Platform", "Unggahan", "Interaksi 24 jam"],
        top,
        [10, 24, 28, pdf.epw - 92, 30],
        text_columns=4,
    )
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(
        0,
        4.5,
        "Interaksi = suka/reaksi + komentar + dibagikan + disimpan (atau total interaksi dari platform), "
        "diambil Siar 24 jam setelah unggah.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0, 0, 0)


def _hashtags(pdf: _Document, report: MonthReport) -> None:
    _heading(pdf, "3. Penggunaan tagar")
    used = report.hashtag_use()
    if not used:
        pdf.set_font(FONT, "", 10)
        pdf.cell(0, 6, "Tidak ada tagar bulan ini.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return
    rows = [[tag, number(count)] for tag, count in used[:25]]
    _table(pdf, ["Tagar", "Dipakai (unggahan)"], rows, [90, 50])


def decimal(value: float) -> str:
    """Indonesian decimals: 3,5."""
    return f"{value:.1f}".replace(".", ",")


def _responses(pdf: _Document, report: MonthReport) -> None:
    _heading(pdf, "4. Waktu tanggap atas pertanyaan dan keluhan")
    figures, median = report.responses, report.median_response_hours()
    rows = [
        ["Pertanyaan dan keluhan diterima", number(figures.needing_answer)],
        ["Dijawab", number(figures.answered)],
        [
            "Dijawab dalam 24 jam",
            f"{number(figures.answered_within_24h)} ({decimal(report.share_within_24h_percent())}%)",
        ],
        ["Belum dijawab", number(figures.unanswered)],
        ["Median waktu tanggap", "-" if median is None else f"{decimal(median)} jam"],
    ]
    _table(pdf, ["Ukuran", "Nilai"], rows, [90, 50])
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(
        0,
        4.5,
        "Pertanyaan dan keluhan dari publik yang diterima bulan ini di Kotak masuk Siar (tanpa yang "
        "disembunyikan atau tidak perlu dijawab); waktu tanggap = sampai jawaban pertama kantor.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0, 0, 0)


def _evidence(pdf: _Document, report: MonthReport, upload: Upload, index: int, image: Path | None) -> None:
    pdf.add_page()
    pdf.set_font(FONT, "B", 13)
    pdf.set_text_color(*NAVY)
    pdf.cell(0, 8, f"Bukti tayang {index} dari {len(report.uploads)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    facts = [
        ("Waktu unggah", when_text(upload.when)),
        ("Platform", upload.platform_name),
        ("Akun", upload.account),
        ("Kategori KIP", KIP_CATEGORIES.get(upload.kip, "-")),
    ]
    for label, value in facts:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(32, 6, label)
        pdf.set_font(FONT, "", 10)
        pdf.cell(0, 6, clean(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(32, 6, "Tautan")
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*TEAL)
    pdf.cell(0, 6, clean(upload.link) or "-", link=upload.link or "", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    top = pdf.get_y() + 3
    text_width, bottom = pdf.epw, top
    if image is not None:
        shown = pdf.image(image, x=pdf.w - pdf.r_margin - CARD_MM, y=top, w=CARD_MM)
        text_width, bottom = pdf.epw - CARD_MM - 6, top + float(shown.rendered_height)
    pdf.set_xy(pdf.l_margin, top)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(text_width, 6, "Keterangan", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    caption = clean(upload.caption)
    for line in wrap(pdf, caption[:1400] + ("…" if len(caption) > 1400 else ""), text_width):
        pdf.cell(text_width, 4.6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y(), bottom) + 4)
    _evidence_metrics(pdf, upload)


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """*text* broken into lines no wider than *width* in the current font, at spaces.

    fpdf2's multi_cell re-measures the growing line at every character (quadratic in the
    caption's length: 40 % of a 900-page report went there); this measures each word once.
    A word wider than the line is cut where it must be."""
    space = pdf.get_string_width(" ")
    widths: dict[str, float] = {}

    def measure(word: str) -> float:
        if word not in widths:
            widths[word] = pdf.get_string_width(word)
        return widths[word]

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split(" "):
            size = measure(word)
            while size > width and word:  # a long link: cut it to fit, character by character
                if line:
                    lines.append(line)
                    line, used = "", 0.0
                cut = len(word)
                while cut > 1 and pdf.get_string_width(word[:cut]) > width:
                    cut = max(1, int(cut * width / pdf.get_string_width(word[:cut])) if cut > 8 else cut - 1)
                lines.append(word[:cut])
                word = word[cut:]
                size = measure(word)
            if line and used + space + size > width:
                lines.append(line)
                line, used = word, size
            else:
                line, used = (f"{line} {word}", used + space + size) if line else (word, size)
        lines.append(line)
    return lines


def _evidence_metrics(pdf: _Document, upload: Upload) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 7, "Statistik", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    shown = [
        (key, label)
        for key, label in _EVIDENCE_METRICS
        if key in (upload.at_24h or {}) or key in (upload.at_7d or {})
    ]
    rows = [[label, _value(upload.at_24h, key), _value(upload.at_7d, key)] for key, label in shown] or [
        ["Belum ada data", "-", "-"]
    ]
    _table(pdf, ["", "24 jam", "7 hari"], rows, [50, 40, 40])
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*GREY)
    for label, taken in (("24 jam", upload.taken_24h), ("7 hari", upload.taken_7d)):
        if taken is not None:
            moment = datetime.fromtimestamp(taken, UTC).astimezone(WIB)
            pdf.cell(
                0, 4.5, f"Data {label} diambil {when_text(moment)}.", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
    pdf.set_text_color(0, 0, 0)


def _value(values: dict[str, int] | None, key: str) -> str:
    return number(values[key]) if values and key in values else "-"


def _short(upload: Upload, length: int) -> str:
    text = clean(upload.title or upload.caption.split("\n", 1)[0])
    return text if len(text) <= length else text[: length - 1] + "…"


def _names(report: MonthReport) -> dict[str, str]:
    names = {u.platform: u.platform_name for u in report.uploads}
    return {p: names.get(p, p) for p in report.platform_ids}
