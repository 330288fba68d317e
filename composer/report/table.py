"""The report's per-upload table (CSV and the XLSX "Unggahan" sheet share it), its
response-time figures (the CSV's second block and the XLSX "Ringkasan" share them), and
writing a file whole: a crash or a full disk leaves the old file or none, never half.

The CSV is the per-upload table, an empty line, then the "Waktu tanggap" block (a title
row and one "measure,value" row per figure): the upload rows stay one table a
spreadsheet can sort, and the month's response times travel in the same file."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from composer.report.model import KIP_CATEGORIES, METRIC_COLUMNS, MonthReport, Upload

_METRIC_NAMES = {
    "views": "tayangan",
    "reach": "jangkauan",
    "likes": "suka",
    "comments": "komentar",
    "shares": "dibagikan",
    "saved": "disimpan",
    "clicks": "klik",
    "interactions": "interaksi",
    "watch_minutes": "menit ditonton",
}
HEADER: tuple[str, ...] = (
    "Tanggal",
    "Waktu (WIB)",
    "Minggu",
    "Platform",
    "Akun",
    "Judul",
    "Tautan",
    "Kategori KIP",
    "Tagar",
    *(f"{_METRIC_NAMES[m].capitalize()} 24 jam" for m in METRIC_COLUMNS),
    *(f"{_METRIC_NAMES[m].capitalize()} 7 hari" for m in METRIC_COLUMNS),
)


def row(upload: Upload) -> list[str | int | None]:
    """One upload; a metric the platform does not give, or not measured yet, is empty."""

    def metric(values: dict[str, int] | None, name: str) -> int | None:
        return None if values is None or name not in values else values[name]

    return [
        upload.when.strftime("%Y-%m-%d"),
        upload.when.strftime("%H:%M"),
        upload.week,
        upload.platform_name,
        upload.account,
        upload.title or upload.caption.split("\n", 1)[0][:80],
        upload.link,
        KIP_CATEGORIES.get(upload.kip, ""),
        " ".join(upload.hashtags),
        *(metric(upload.at_24h, m) for m in METRIC_COLUMNS),
        *(metric(upload.at_7d, m) for m in METRIC_COLUMNS),
    ]


RESPONSE_TITLE = "Waktu tanggap"


def response_rows(report: MonthReport) -> list[tuple[str, int | float | None]]:
    """The month's response times to the public's questions and complaints; the median
    is None (empty) when nothing was answered."""
    figures = report.responses
    return [
        ("Pertanyaan dan keluhan diterima", figures.needing_answer),
        ("Dijawab", figures.answered),
        ("Dijawab dalam 24 jam", figures.answered_within_24h),
        ("Dijawab dalam 24 jam (%)", report.share_within_24h_percent()),
        ("Belum dijawab", figures.unanswered),
        ("Median waktu tanggap (jam)", report.median_response_hours()),
    ]


def write_csv(report: MonthReport, path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for upload in report.uploads:
        writer.writerow(["" if v is None else v for v in row(upload)])
    writer.writerow([])
    writer.writerow([RESPONSE_TITLE, "Nilai"])
    for label, value in response_rows(report):
        writer.writerow([label, "" if value is None else value])
    # UTF-8 with a BOM: Excel on Windows reads the Indonesian text right only then.
    write_whole(path, out.getvalue().encode("utf-8-sig"))


def write_whole(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
