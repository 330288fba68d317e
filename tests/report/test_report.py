"""``siar report``: the PDF, the XLSX and the CSV agree with the workspace (figures read
back from each file and compared with the history and snapshots in the database), every
upload has its evidence page, and bad input is one line with exit 2."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from collections import Counter
from contextlib import redirect_stderr
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from composer import cli, i18n, platforms
from composer.report.model import WIB
from composer.store.workspace import Workspace


def _from_database(workspace: Workspace) -> tuple[Counter[str], Counter[str]]:
    """Uploads and 24 h interactions per platform name in November 2026 (WIB), by SQL."""
    start = datetime(2026, 11, 1, tzinfo=WIB).timestamp()
    end = datetime(2026, 12, 1, tzinfo=WIB).timestamp()
    uploads: Counter[str] = Counter()
    interactions: Counter[str] = Counter()
    rows = workspace.db.execute(
        """SELECT h.platform, s.metrics FROM history h LEFT JOIN metric_snapshots s
           ON s.history_id = h.id AND s.mark = '24h' WHERE h.published_at >= ? AND h.published_at < ?""",
        (start, end),
    ).fetchall()
    for platform, metrics in rows:
        name = i18n.translate(platforms.BY_ID[platform].rules.name, "id")  # the report is Indonesian
        uploads[name] += 1
        interactions[name] += json.loads(metrics)["interactions"] if metrics else 0
    return uploads, interactions


def _responses_from_database(workspace: Workspace) -> tuple[int, int, int, int, float]:
    """Questions and complaints received in November 2026 (WIB), by SQL: received,
    answered, answered within 24 h, unanswered, median hours to the first answer."""
    start = datetime(2026, 11, 1, tzinfo=WIB).timestamp()
    end = datetime(2026, 12, 1, tzinfo=WIB).timestamp()
    rows = workspace.db.execute(
        """SELECT created_at, answered_at FROM comments WHERE created_at >= ? AND created_at < ?
           AND kind IN ('question', 'complaint') AND status IN ('new', 'answered')""",
        (start, end),
    ).fetchall()
    waits = [answered - created for created, answered in rows if answered is not None]
    return (
        len(rows),
        len(waits),
        sum(1 for w in waits if w <= 86400),
        len(rows) - len(waits),
        round(statistics.median(waits) / 3600, 1),
    )


def _number(text: str) -> int:
    return int(text.replace(".", ""))


def test_pdf_xlsx_and_csv_agree_with_the_workspace(demo_workspace: Workspace, tmp_path: Path) -> None:
    uploads, interactions = _from_database(demo_workspace)
    assert len(uploads) == 6 and interactions["TikTok"] > 0  # TikTok too (video/query, video.list)
    received, answered, within, unanswered, median_hours = _responses_from_database(demo_workspace)
    assert answered and unanswered and 0 < within < received  # the demo inbox has every case
    share = round(100 * within / received, 1)
    pdf, xlsx, table = tmp_path / "laporan.pdf", tmp_path / "laporan.xlsx", tmp_path / "laporan.csv"
    out = io.StringIO()
    code = cli.main(
        ["report", "--month", "2026-11", "--pdf", str(pdf), "--xlsx", str(xlsx), "--csv", str(table)], out
    )
    assert code == 0, out.getvalue()

    # CSV: one row per upload, an empty line, then the response times.
    lines = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    gap = lines.index([])
    rows = [dict(zip(lines[0], line, strict=True)) for line in lines[1:gap]]
    assert lines[gap + 1] == ["Waktu tanggap", "Nilai"]
    responses = {label: value for label, value in lines[gap + 2 :]}
    assert responses == {
        "Pertanyaan dan keluhan diterima": str(received),
        "Dijawab": str(answered),
        "Dijawab dalam 24 jam": str(within),
        "Dijawab dalam 24 jam (%)": str(share),
        "Belum dijawab": str(unanswered),
        "Median waktu tanggap (jam)": str(median_hours),
    }
    assert Counter(r["Platform"] for r in rows) == uploads
    csv_interactions: Counter[str] = Counter()
    for r in rows:
        csv_interactions[r["Platform"]] += int(r["Interaksi 24 jam"] or 0)
    assert csv_interactions == interactions

    # XLSX: the summary sheet and the per-upload sheet.
    book = load_workbook(xlsx, read_only=True)
    summary = {
        r[0]: r[1:3]
        for r in book["Ringkasan"].iter_rows(min_row=5, max_row=5 + len(uploads) - 1, values_only=True)
    }
    assert summary == {name: (uploads[name], interactions[name]) for name in uploads}
    cells = list(book["Ringkasan"].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(cells) if r[0] == "Waktu tanggap")
    assert {r[0]: r[1] for r in cells[at + 1 : at + 7]} == {
        "Pertanyaan dan keluhan diterima": received,
        "Dijawab": answered,
        "Dijawab dalam 24 jam": within,
        "Dijawab dalam 24 jam (%)": share,
        "Belum dijawab": unanswered,
        "Median waktu tanggap (jam)": median_hours,
    }
    sheet = list(book["Unggahan"].iter_rows(values_only=True))
    header = list(sheet[0])
    assert len(sheet) - 1 == sum(uploads.values())
    column = header.index("Interaksi 24 jam")
    assert sum(r[column] or 0 for r in sheet[1:]) == sum(interactions.values())

    # PDF: the terpopuler table's rows, the totals, and an evidence page per upload.
    reader = PdfReader(pdf)
    summary_text = reader.pages[0].extract_text()
    for name in uploads:
        row = re.search(rf"^{re.escape(name)} (\d+) ([\d.]+) ([\d.]+)$", summary_text, re.MULTILINE)
        assert row, name
        assert (_number(row.group(1)), _number(row.group(2))) == (uploads[name], interactions[name])
    totals = re.search(
        r"Jumlah unggahan: ([\d.]+) di 6 platform\. Interaksi dalam 24 jam: ([\d.]+)\.", summary_text
    )
    assert totals and (_number(totals.group(1)), _number(totals.group(2))) == (
        sum(uploads.values()),
        sum(interactions.values()),
    )
    evidence = [p for p in reader.pages if "Bukti tayang" in (p.extract_text() or "")[:40]]
    before_evidence = "\n".join(
        p.extract_text() or "" for p in reader.pages[: len(reader.pages) - len(evidence)]
    )
    assert "Waktu tanggap atas pertanyaan dan keluhan" in before_evidence
    decimal = lambda value: f"{value:.1f}".replace(".", ",")  # noqa: E731
    for label, shown in (
        ("Pertanyaan dan keluhan diterima", f"{received}"),
        ("Dijawab", f"{answered}"),
        ("Dijawab dalam 24 jam", f"{within} ({decimal(share)}%)"),
        ("Belum dijawab", f"{unanswered}"),
        ("Median waktu tanggap", f"{decimal(median_hours)} jam"),
    ):
        assert re.search(rf"^{re.escape(label)} {re.escape(shown)}$", before_evidence, re.MULTILINE), label
    assert len(evidence) == sum(uploads.values())
    first = evidence[0].extract_text()
    assert "Waktu unggah" in first and "Tautan" in first and "24 jam" in first and "7 hari" in first
    assert "Written:" in out.getvalue()


def test_kip_category_from_the_draft_is_on_the_evidence(demo_workspace: Workspace, tmp_path: Path) -> None:
    table = tmp_path / "laporan.csv"
    assert cli.main(["report", "--month", "2026-11", "--csv", str(table)], io.StringIO()) == 0
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    kinds = Counter(r["Kategori KIP"] for r in rows)
    assert kinds["Informasi serta-merta"] and kinds["Informasi berkala"] and kinds["Informasi setiap saat"]
    warnings = [r for r in rows if r["Judul"] == "Awas calo paspor"]
    assert warnings and all(r["Kategori KIP"] == "Informasi serta-merta" for r in warnings)
    assert all(r["Kategori KIP"] == "" for r in rows if r["Judul"] == "Kunjungan kerja ke kantor kecamatan")


def test_the_demo_drafts_are_new_and_the_history_has_its_own_past_posts(demo_workspace: Workspace) -> None:
    from composer.demo import DRAFTS, PAST

    summaries = demo_workspace.drafts.list()
    new = [s for s in summaries if not s.posted]
    assert sorted(s.title for s in new) == sorted(d.title for d in DRAFTS)  # none of them "terkirim"
    entries = demo_workspace.outbox.history(limit=10_000)
    posts = {e.post_id for e in entries}
    assert posts == {s.id for s in summaries if s.posted} and len(posts) > 20
    for post_id in posts:
        post = demo_workspace.drafts.load(post_id)
        assert post.title in {p.title for p in PAST}
        sent = [e for e in entries if e.post_id == post_id]
        assert {e.title for e in sent} == {post.title}
        first = min(e.published_at for e in sent)
        assert max(e.published_at for e in sent) - first < 3600  # one post, sent once to its accounts
        written = datetime.fromisoformat(next(s.updated_at for s in summaries if s.id == post_id))
        assert written.timestamp() == pytest.approx(first - 3600, abs=901)  # dated before it went out


@pytest.mark.parametrize(
    "args",
    [
        ["--month", "2026-13"],
        ["--month", "November"],
        ["--month", "2026-11", "--pdf", "laporan.txt"],
        ["--month", "2026-11", "--csv", "no/such/folder/laporan.csv"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(["report", *args], io.StringIO())
    assert code == 2
    assert len(err.getvalue().strip().splitlines()) == 1
    assert "Traceback" not in err.getvalue()
    assert not list(tmp_path.glob("laporan*"))


def test_a_month_without_posts_still_makes_a_report(workspace: Workspace, tmp_path: Path) -> None:
    pdf = tmp_path / "kosong.pdf"
    assert cli.main(["report", "--month", "2026-02", "--pdf", str(pdf)], io.StringIO()) == 0
    assert "Jumlah unggahan: 0" in PdfReader(pdf).pages[0].extract_text()


def test_draft_create_takes_the_kip_category(workspace: Workspace, tmp_path: Path) -> None:
    caption = tmp_path / "teks.txt"
    caption.write_text("Jadwal layanan paspor bulan Desember #ImigrasiMelayani", encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["draft", "create", "--text-file", str(caption), "--kip", "berkala"], out) == 0
    draft_id = out.getvalue().split()[-1]
    assert workspace.drafts.load(draft_id).kip == "berkala"
    with redirect_stderr(io.StringIO()), pytest.raises(SystemExit) as stopped:
        cli.main(["draft", "create", "--text-file", str(caption), "--kip", "rahasia"], io.StringIO())
    assert stopped.value.code == 2


def test_siar_report_runs_headless_from_the_command_line(tmp_path: Path) -> None:
    """``siar report`` is a command (not the window) in a real process: a bad month is one
    line and exit 2, a month writes its CSV."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SIAR_HOME": str(tmp_path / "home")}
    run = [sys.executable, "-m", "composer", "--lang", "en", "report", "--month"]
    bad = subprocess.run([*run, "2026-13"], capture_output=True, text=True, env=env, timeout=60, check=False)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "usage" not in bad.stderr
    good = subprocess.run(
        [*run, "2026-11", "--csv", str(tmp_path / "l.csv")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "l.csv").read_text(encoding="utf-8-sig").startswith("Tanggal,")
    shown = subprocess.run(
        [sys.executable, "-m", "composer", "--lang", "en", "metrics"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert shown.returncode == 0 and "requests today" in shown.stdout
