"""The evidence page (*bukti tayang*) shows Siar's own preview card of the upload, drawn
from what was sent (history entry), with or without an attached photo."""

from __future__ import annotations

import io
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from composer import report
from composer.paths import assets_dir
from composer.report.card_pool import CARD_QUALITY
from composer.report.model import build
from composer.report.pdf import card_image
from composer.store.outbox import HistoryEntry
from composer.store.workspace import Workspace

FACEBOOK_BLUE = (0x18, 0x77, 0xF2)


def _entry(
    entry_id: str, platform: str, text: str, media: list[dict[str, object]], when: float
) -> HistoryEntry:
    return HistoryEntry(
        entry_id, f"post-{entry_id}", "acc", "Kanim Contoh", platform, text,
        media=media, platform_id=f"p{entry_id}", permalink=f"https://example.test/{entry_id}", published_at=when,
    )  # fmt: skip


def _as_stored(image: Image.Image) -> Image.Image:
    """*image* as the PDF keeps it (JPEG at the report's quality)."""
    data = io.BytesIO()
    image.save(data, "JPEG", quality=CARD_QUALITY)
    return Image.open(io.BytesIO(data.getvalue())).convert("RGB")


def _difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


def test_the_evidence_page_shows_the_rendered_preview_card(workspace: Workspace, tmp_path: Path) -> None:
    photo = workspace.media.import_file(assets_dir() / "demo" / "ruang-pelayanan.jpg")
    when = time.mktime((2026, 11, 12, 9, 0, 0, 0, 0, -1))
    workspace.outbox.record(
        _entry(
            "a",
            "facebook",
            "Layanan paspor buka Sabtu. #Imigrasi",
            [{"id": photo.id, "filename": "r.jpg"}],
            when,
        )
    )
    workspace.outbox.record(
        _entry("b", "x", "Tanpa gambar: jam layanan 08.00–16.00 WIB. #Imigrasi", [], when + 60)
    )
    pdf = tmp_path / "laporan.pdf"
    report.write(workspace, "2026-11", pdf=pdf)

    month = build(workspace, "2026-11")
    pages = [p for p in PdfReader(pdf).pages if "Bukti tayang" in (p.extract_text() or "")[:40]]
    assert len(pages) == len(month.uploads) == 2
    attachment = Image.open(workspace.media.path(photo)).convert("RGB")
    for page, upload in zip(pages, month.uploads, strict=True):
        shown = [image.image for image in page.images]
        assert len(shown) == 1, upload.platform  # the card, not the card and the photo
        expected = _as_stored(card_image(upload, month.office, workspace))
        assert shown[0].size == expected.size
        assert _difference(shown[0], expected) < 0.5  # the same picture
        assert shown[0].size[1] > shown[0].size[0] * 0.4  # a card: header, text (and image)
    with_photo, without = pages[0].images[0].image, pages[1].images[0].image
    # The Facebook card's header strip (right of its name) is Facebook's blue; the photo is
    # inside the card, not instead of it.
    strip = with_photo.crop((with_photo.width // 2, 6, with_photo.width - 20, 36))
    assert _difference(strip, Image.new("RGB", strip.size, FACEBOOK_BLUE)) < 4
    assert with_photo.size != attachment.size
    assert with_photo.height > without.height  # the card with the photo carries it
