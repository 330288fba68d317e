"""Plan import (issue 16 item 2): the shipped example becomes the month's drafts with their
infographics; importing again creates nothing; broken files get a per-row report and
save nothing."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from composer import cli
from composer.paths import assets_dir
from composer.plan.importer import PlanHasErrorsError, apply, read_plan
from composer.plan.sheet import MAX_CELL_CHARS, PlanFileError, read
from composer.store.workspace import Workspace

EXAMPLE = assets_dir() / "plan" / "contoh-rencana-desember-2026.xlsx"


def _csv(folder: Path, rows: list[list[str]], name: str = "rencana.csv") -> Path:
    path = folder / name
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(list(args), out), out.getvalue()


def test_shipped_example_makes_the_months_drafts_with_infographics(workspace: Workspace) -> None:
    report = read_plan(EXAMPLE, workspace)
    assert not report.has_errors, [p.message() for p in report.all_problems()]
    assert report.count("create") == 8
    result = apply(report, workspace)
    assert result.created == 8
    keys = workspace.drafts.plan_keys()
    stats = workspace.drafts.load(keys["des-01"][0])
    assert stats.planned_at == "2026-12-01T09:00"
    assert "#ImigrasiMelayani" in stats.text
    assert stats.text_for("x").startswith("Layanan November 2026")
    # the template was filled from the row and rendered in every platform's own size: the
    # row's four and the two it did not choose, so switching one on later keeps the image
    sizes = {k: (m.width, m.height) for k, m in stats.design_images.items()}
    assert sizes == {
        "facebook": (1200, 630),
        "instagram": (1080, 1350),
        "x": (1600, 900),
        "wordpress": (1200, 675),
        "youtube": (1280, 720),
        "tiktok": (1080, 1920),
    }
    for platform_id in ("facebook", "instagram", "x", "wordpress"):  # each sends its own size
        assert stats.media_for(platform_id)[0].id == stats.design_images[platform_id].id
    assert all(
        m.alt.startswith("Infografik") and "November 2026" in m.alt for m in stats.design_images.values()
    )
    for item in stats.design_images.values():
        assert workspace.media.path(item).is_file()
    design = workspace.designs.load(stats.id)
    assert design is not None and design.field_values()["data"][0] == ["Paspor baru", 1310]
    photo = workspace.drafts.load(keys["des-02"][0])
    assert len(photo.media) == 1 and photo.media[0].kind == "image"
    assert photo.variant("x").enabled is False and photo.variant("instagram").enabled is True

    again = read_plan(EXAMPLE, workspace)
    assert again.count("unchanged") == 8 and again.count("create") == 0
    assert apply(again, workspace).created == 0
    assert len(workspace.drafts.list()) == 8


def test_the_csv_twin_of_the_example_is_the_same_plan(workspace: Workspace) -> None:
    apply(read_plan(EXAMPLE, workspace), workspace)
    report = read_plan(EXAMPLE.with_suffix(".csv"), workspace)
    assert report.count("unchanged") == 8


def test_an_edited_row_updates_its_draft_and_says_what_changed(workspace: Workspace, tmp_path: Path) -> None:
    header = ["id", "tanggal", "judul", "teks"]
    apply(read_plan(_csv(tmp_path, [header, ["a", "2026-12-01", "Satu", "Teks satu"]]), workspace), workspace)
    draft_id = workspace.drafts.plan_keys()["a"][0]
    report = read_plan(_csv(tmp_path, [header, ["a", "2026-12-02", "Satu", "Teks baru"]]), workspace)
    row = report.rows[0]
    assert row.action == "update" and row.changes == ["tanggal", "teks"] and row.draft_id == draft_id
    apply(report, workspace)
    post = workspace.drafts.load(draft_id)
    assert (post.planned_at, post.text) == ("2026-12-02T09:00", "Teks baru")
    assert len(workspace.drafts.list()) == 1


def test_rows_without_id_are_found_again_by_date_and_title(workspace: Workspace, tmp_path: Path) -> None:
    rows = [["tanggal", "jam", "judul", "teks"], ["03/12/2026", "14.30", "Sosialisasi", "Di balai desa"]]
    apply(read_plan(_csv(tmp_path, rows), workspace), workspace)
    rows[1][3] = "Di balai desa, pukul 14.30"
    report = read_plan(_csv(tmp_path, rows), workspace)
    assert report.rows[0].action == "update"
    apply(report, workspace)
    [only] = workspace.drafts.list()
    assert workspace.drafts.load(only.id).planned_at == "2026-12-03T14:30"


def test_export_then_import_finds_the_same_drafts(workspace: Workspace, tmp_path: Path) -> None:
    apply(read_plan(EXAMPLE, workspace), workspace)
    code, text = _run("plan", "export", "--month", "2026-12")
    assert code == 0
    exported = tmp_path / "ekspor.csv"
    exported.write_text(text, encoding="utf-8")
    report = read_plan(exported, workspace)
    assert report.count("create") == 0, [
        (r.row, r.action, [p.message() for p in r.problems]) for r in report.rows
    ]


BROKEN_HEADER = ["id", "tanggal", "platform", "judul", "teks", "templat", "isi.periode"]


def _broken(tmp_path: Path) -> Path:
    return _csv(
        tmp_path,
        [
            BROKEN_HEADER,
            ["1", "2026-12-01", "facebook", "Baik", "Baris yang benar", "", ""],
            ["2", "31/02/2026", "facebook", "Tanggal salah", "x", "", ""],
            ["3", "2026-12-03", "myspace", "Platform asing", "x", "", ""],
            ["4", "2026-12-04", "", "Templat asing", "x", "statistik-tahunan", ""],
            ["5", "2026-12-05", "", "Sel raksasa", "y" * (10 * 1024 * 1024), "", ""],
            ["6", "2026-12-06", "", "Data tanpa templat", "x", "", "Desember"],
        ],
    )


def test_a_broken_plan_gets_row_and_column_for_each_problem_and_saves_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    report = read_plan(_broken(tmp_path), workspace)
    where = {(p.row, p.column.split(" ")[0], p.code) for p in report.all_problems()}
    assert (3, "B", "row.bad_date") in where
    assert (4, "C", "row.unknown_platform") in where
    assert (5, "F", "row.unknown_template") in where
    assert (6, "E", "cell.too_long") in where
    assert (7, "F", "row.data_without_template") in where  # the empty "templat" cell
    assert [r.action for r in report.rows] == ["create", "error", "error", "error", "error", "error"]
    with pytest.raises(PlanHasErrorsError):
        apply(report, workspace)
    assert workspace.drafts.list() == []
    # …unless the officer chooses to import the valid rows
    result = apply(report, workspace, valid_only=True)
    assert (result.created, result.skipped) == (1, 5)
    [only] = workspace.drafts.list()
    assert only.title == "Baik"


def test_a_10_mb_cell_is_reported_not_stored(workspace: Workspace, tmp_path: Path) -> None:
    report = read_plan(_broken(tmp_path), workspace)
    [problem] = [p for p in report.all_problems() if p.code == "cell.too_long"]
    assert problem.params["length"] == 10 * 1024 * 1024 and problem.params["limit"] == MAX_CELL_CHARS


def test_missing_columns_stop_every_row(workspace: Workspace, tmp_path: Path) -> None:
    report = read_plan(_csv(tmp_path, [["judul", "teks"], ["A", "B"]]), workspace)
    assert [(p.row, p.code) for p in report.problems] == [(1, "column.missing")]
    assert report.rows[0].action == "error"
    assert apply(report, workspace, valid_only=True).created == 0
    assert workspace.drafts.list() == []


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_formula_cell_is_reported_with_its_row_and_column(workspace: Workspace, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "rumus.xlsx",
        [["tanggal", "judul", "teks"], ["2026-12-01", "A", "=1+1"], ["2026-12-02", "B", "biasa"]],
    )
    report = read_plan(path, workspace)
    [problem] = report.all_problems()
    assert (problem.row, problem.column, problem.code) == (2, "C (teks)", "cell.formula")
    assert [r.action for r in report.rows] == ["error", "create"]


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, workspace: Workspace) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"\0" * (20 * 1024 * 1024))  # inflates ~1000×
    with pytest.raises(PlanFileError) as caught:
        read_plan(path, workspace)
    assert caught.value.code == "plan.zip_bomb"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("rencana.xlsx", b"just text, not a workbook", "plan.not_a_spreadsheet"),
        ("rencana.csv", b"PK\x03\x04 a zip named .csv", "plan.not_a_spreadsheet"),
        ("rencana.pdf", b"%PDF-1.4", "plan.not_a_spreadsheet"),
        ("rencana.csv", "tanggal,judul\n2026-12-01,Café".encode("latin-1"), "plan.not_utf8"),
        ("rencana.csv", b"", "plan.empty"),
    ],
)
def test_a_file_that_is_not_a_plan_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    status, out = _run("plan", "import", str(path))
    err = capsys.readouterr().err
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    with pytest.raises(PlanFileError) as caught:
        read(path)
    assert caught.value.code == code


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    # Opening a FIFO for reading blocks until something writes to it: the officer would see
    # `siar plan import` (or the dialog's worker) hang forever. Run in a child process so a
    # hang fails the test instead of stalling the suite.
    fifo = tmp_path / "rencana.csv"
    os.mkfifo(fifo)
    script = (
        "import sys; from pathlib import Path; from composer.plan.sheet import PlanFileError, read\n"
        "try:\n    read(Path(sys.argv[1]))\nexcept PlanFileError as exc:\n    print(exc.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert done.stdout.strip() == "plan.not_a_spreadsheet", done.stderr


def test_the_guide_documents_every_column() -> None:
    from composer.paths import guide_dir
    from composer.plan.columns import ALIASES, DATA_PREFIXES, TEXT_PREFIXES

    page = (guide_dir() / "rencana.md").read_text(encoding="utf-8")
    for name in [*(n for names in ALIASES.values() for n in names), *TEXT_PREFIXES, *DATA_PREFIXES]:
        assert f"`{name}" in page, name


def test_cli_dry_run_shows_the_report_and_saves_nothing(workspace: Workspace, tmp_path: Path) -> None:
    code, out = _run("plan", "import", str(EXAMPLE), "--dry-run")
    assert code == 0
    assert "row 2: new — Statistik layanan November 2026 2026-12-01 09:00" in out
    assert "8 new, 0 changed, 0 unchanged, 0 with errors." in out
    assert workspace.drafts.list() == []


def test_cli_refuses_a_file_with_errors_unless_valid_only(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _broken(tmp_path)
    code, out = _run("plan", "import", str(path))
    assert code == 1
    assert "row 3, column B (tanggal):" in out and "Nothing was saved" in capsys.readouterr().err
    assert workspace.drafts.list() == []
    code, out = _run("plan", "import", str(path), "--valid-only")
    assert code == 1 and "Saved: 1 new draft(s), 0 updated; 5 row(s) left out." in out
    assert [d.title for d in workspace.drafts.list()] == ["Baik"]


def test_cli_in_indonesian(workspace: Workspace) -> None:
    code, out = _run("--lang", "id", "plan", "import", str(EXAMPLE), "--dry-run")
    assert code == 0 and "baris 2: baru — Statistik layanan November 2026" in out
    assert "Uji coba: tidak ada yang disimpan." in out


def test_xlsx_date_and_time_cells_as_excel_stores_them(workspace: Workspace, tmp_path: Path) -> None:
    from datetime import date, datetime, time

    path = _xlsx(
        tmp_path / "waktu.xlsx",
        [
            ["tanggal", "jam", "judul"],
            [date(2026, 12, 3), time(14, 30), "Sel tanggal dan jam"],
            [datetime(2026, 12, 4, 0, 0), 0.375, "Jam sebagai pecahan hari"],
            [46360, "", "Tanggal sebagai nomor seri"],
        ],
    )
    report = read_plan(path, workspace)
    assert [(r.planned_at, r.action) for r in report.rows] == [
        ("2026-12-03T14:30", "create"),
        ("2026-12-04T09:00", "create"),
        ("2026-12-04T09:00", "create"),
    ]
