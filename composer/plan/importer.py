"""Importing a month's plan: each spreadsheet row becomes a draft, infographic included.

Two steps, so nothing is saved before the officer has seen what will happen:

1. ``read_plan(path, workspace)`` reads and checks every row and compares it with the drafts
   made from the same file before: a ``PlanReport`` with, per row, what will be created,
   what changed, or what is wrong (row and column). Nothing is written.
2. ``apply(report, workspace, valid_only=…)`` saves the drafts. A report with errors is
   refused unless the caller chose to import only the valid rows.

A row is found again by its key: the ``id`` column, else a hash of its date and title. A
row whose content did not change since the last import is left alone (no new render).
Each row is saved on its own (its images, then its design, then its draft), so a cancel or
a crash leaves whole drafts only.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from composer import platforms
from composer.core.post import MediaItem, Post
from composer.plan import columns as cols
from composer.plan.messages import Problem
from composer.plan.sheet import CellValue, Sheet, column_letter, read
from composer.plan.snippets import Library

if TYPE_CHECKING:
    from composer.design.model import Design
    from composer.design.render import Renderer
    from composer.store.workspace import Workspace

DEFAULT_TIME = "09:00"
PARTS = ("tanggal", "judul", "teks", "platform", "gambar", "infografis")  # what "changed" names


@dataclass
class RowPlan:
    row: int
    key: str = ""
    title: str = ""
    text: str = ""
    planned_at: str = ""
    platforms: tuple[str, ...] = ()  # () = the platforms a new draft gets by default
    texts: dict[str, str] = field(default_factory=dict)  # platform id → its own text
    images: list[Path] = field(default_factory=list)
    template: str = ""
    fields: dict[str, Any] = field(default_factory=dict)  # image fields hold a Path until applied
    digest: str = ""
    problems: list[Problem] = field(default_factory=list)
    action: str = ""  # "create", "update", "unchanged", "binned" or "error"
    draft_id: str = ""
    changes: list[str] = field(default_factory=list)  # names from PARTS

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


@dataclass
class PlanReport:
    path: Path
    rows: list[RowPlan]
    problems: list[Problem]  # about the header or the whole file

    @property
    def file_ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def has_errors(self) -> bool:
        return not self.file_ok or any(not r.ok for r in self.rows)

    def count(self, action: str) -> int:
        return sum(r.action == action for r in self.rows)

    def all_problems(self) -> list[Problem]:
        return sorted([*self.problems, *(p for r in self.rows for p in r.problems)], key=lambda p: p.row)

    def to_work(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action in ("create", "update")]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows with errors left out
    cancelled: bool = False
    draft_ids: list[str] = field(default_factory=list)


class PlanHasErrorsError(ValueError):
    """``apply`` was asked to save a plan with errors without choosing valid rows only."""


# --- reading --------------------------------------------------------------------------------
def read_plan(path: Path, workspace: Workspace) -> PlanReport:
    """Check *path* against the workspace. Raises sheet.PlanFileError for an unreadable file."""
    sheet = read(path)
    report = PlanReport(path, [], [])
    columns = _columns(sheet, report)
    for problem in sheet.problems:
        header = sheet.header[_index(problem.column)] if _index(problem.column) < len(sheet.header) else ""
        where = f"{problem.column} ({header})" if header else problem.column
        if problem.row == 1:
            report.problems.append(Problem(1, where, problem.code, dict(problem.params)))
    cell_problems: dict[int, list[Problem]] = {}
    for problem in sheet.problems:
        if problem.row > 1:
            header = (
                sheet.header[_index(problem.column)] if _index(problem.column) < len(sheet.header) else ""
            )
            where = f"{problem.column} ({header})" if header else problem.column
            cell_problems.setdefault(problem.row, []).append(
                Problem(problem.row, where, problem.code, dict(problem.params))
            )
    sets = hashtag_sets(workspace)
    keys = workspace.drafts.plan_keys()
    seen: dict[str, int] = {}
    for number, cells in sheet.rows:
        plan = _row(number, cells, columns, path.parent, sets, workspace)
        plan.problems[:0] = cell_problems.get(number, [])
        if plan.key in seen:
            plan.problems.append(
                Problem(
                    number,
                    _where(columns, "id"),
                    "row.duplicate_key",
                    {"value": plan.key, "other": seen[plan.key]},
                )
            )
        seen.setdefault(plan.key, number)
        _compare(plan, keys, workspace)
        if not report.file_ok:
            plan.action = "error"
        report.rows.append(plan)
    return report


def _index(letter: str) -> int:
    index = 0
    for char in letter:
        index = index * 26 + ord(char) - 64
    return index - 1


def _columns(sheet: Sheet, report: PlanReport) -> dict[str, list[cols.Column]]:
    found: dict[str, list[cols.Column]] = {}
    for index, header in enumerate(sheet.header):
        if not header:
            continue
        column = cols.classify(index, column_letter(index), header)
        label = f"{column.letter} ({header})"
        if column.role == "unknown":
            report.problems.append(Problem(1, label, "column.unknown", {"column": header}, "warning"))
            continue
        same = [c for c in found.get(column.role, []) if c.arg == column.arg]
        if same:
            report.problems.append(Problem(1, label, "column.duplicate", {"column": header}))
            continue
        found.setdefault(column.role, []).append(column)
    for role in cols.REQUIRED:
        if role not in found:
            report.problems.append(Problem(1, "", "column.missing", {"column": cols.ALIASES[role][0]}))
    if "title" not in found and "text" not in found:
        report.problems.append(Problem(1, "", "column.missing_text"))
    return found


def _where(columns: dict[str, list[cols.Column]], role: str, arg: str = "") -> str:
    for column in columns.get(role, []):
        if column.arg == arg or not arg:
            return f"{column.letter} ({column.header})"
    return ""


def _cell(cells: list[CellValue], column: cols.Column) -> CellValue:
    return cells[column.index] if column.index < len(cells) else ""


def _text(cells: list[CellValue], columns: dict[str, list[cols.Column]], role: str) -> str:
    found = columns.get(role)
    if not found:
        return ""
    value = _cell(cells, found[0])
    return value.strip() if isinstance(value, str) else str(value)


def _row(
    number: int,
    cells: list[CellValue],
    columns: dict[str, list[cols.Column]],
    folder: Path,
    sets: dict[str, list[str]],
    workspace: Workspace,
) -> RowPlan:
    plan = RowPlan(number)
    problems = plan.problems

    def problem(role: str, code: str, arg: str = "", **params: str | int) -> None:
        problems.append(Problem(number, _where(columns, role, arg), code, dict(params)))

    plan.title = _text(cells, columns, "title")
    body = _text(cells, columns, "text")
    if not plan.title and not body:
        problem("title" if "title" in columns else "text", "row.no_text")
    # when
    raw_date = _cell(cells, columns["date"][0]) if "date" in columns else ""
    day = _date(raw_date)
    if "date" in columns and day is None:
        problem("date", "row.bad_date", value=_shown(raw_date))
    # a date cell with a time of day (XLSX) gives the time unless a "jam" column does
    at = (
        raw_date.strftime("%H:%M")
        if isinstance(raw_date, datetime) and raw_date.time() != time()
        else DEFAULT_TIME
    )
    if "time" in columns:
        raw_time = _cell(cells, columns["time"][0])
        if _shown(raw_time):
            parsed = _time(raw_time)
            if parsed is None:
                problem("time", "row.bad_time", value=_shown(raw_time))
            else:
                at = parsed
    plan.planned_at = f"{day.isoformat()}T{at}" if day else ""
    # where
    chosen: list[str] = []
    for name in re.split(r"[,;\n]", _text(cells, columns, "platforms")):
        if not name.strip():
            continue
        found = cols.platform_id(name)
        if found is None:
            problem("platforms", "row.unknown_platform", value=name.strip(), known=", ".join(platforms.ids()))
        elif found not in chosen:
            chosen.append(found)
    plan.platforms = tuple(chosen)
    # hashtags: "#tag" as written, other words name a saved set
    hashtags: list[str] = []
    for token in _text(cells, columns, "hashtags").replace(",", " ").split():
        if token.startswith("#"):
            hashtags.append(token)
        elif token.casefold() in sets:
            hashtags.extend(sets[token.casefold()])
        else:
            problem("hashtags", "row.unknown_hashtag_set", value=token)
    tail = " ".join(dict.fromkeys(h for h in hashtags if h not in body))
    plan.text = f"{body}\n\n{tail}" if body and tail else body or tail
    for column in columns.get("platform_text", []):
        value = _cell(cells, column)
        own = value.strip() if isinstance(value, str) else str(value)
        if own:
            own_tail = " ".join(h for h in dict.fromkeys(hashtags) if h not in own)
            plan.texts[column.arg] = f"{own}\n\n{own_tail}" if own_tail else own
    # files
    for name in re.split(r"[;\n]", _text(cells, columns, "images")):
        if name.strip():
            image = _file(folder, name.strip())
            if image is None:
                problem("images", "row.image_missing", value=name.strip())
            else:
                problems += _media_problems(image, workspace, number, _where(columns, "images"))
                plan.images.append(image)
    # infographic
    plan.template = _text(cells, columns, "template")
    data_columns = [c for c in columns.get("data", []) if _shown(_cell(cells, c))]
    if plan.template:
        _template_fields(plan, cells, columns, folder, workspace)
    elif data_columns:
        problem("template", "row.data_without_template") if "template" in columns else problems.append(
            Problem(
                number, f"{data_columns[0].letter} ({data_columns[0].header})", "row.data_without_template"
            )
        )
    plan.key = _text(cells, columns, "id") or _hash_key(plan.planned_at[:10], plan.title or body[:80])
    plan.digest = _digest(plan)
    return plan


def _template_fields(
    plan: RowPlan,
    cells: list[CellValue],
    columns: dict[str, list[cols.Column]],
    folder: Path,
    workspace: Workspace,
) -> None:
    from composer.design.templates import BY_ID

    template = BY_ID.get(plan.template)
    if template is None:
        plan.problems.append(
            Problem(plan.row, _where(columns, "template"), "row.unknown_template", {"value": plan.template})
        )
        return
    kinds = {f.key: f.kind for f in template.build().fields}
    for column in columns.get("data", []):
        raw = _cell(cells, column)
        shown = _shown(raw)
        if not shown:
            continue
        where = f"{column.letter} ({column.header})"
        if column.arg not in kinds:
            plan.problems.append(
                Problem(
                    plan.row,
                    where,
                    "row.unknown_field",
                    {"template": plan.template, "field": column.arg, "known": ", ".join(kinds)},
                )
            )
            continue
        kind = kinds[column.arg]
        if kind == "image":
            image = _file(folder, shown)
            if image is None:
                plan.problems.append(Problem(plan.row, where, "row.image_missing", {"value": shown}))
            else:
                plan.problems += _media_problems(image, workspace, plan.row, where)
                plan.fields[column.arg] = image
            continue
        try:
            plan.fields[column.arg] = field_value(kind, shown)
        except ValueError as exc:
            plan.problems.append(Problem(plan.row, where, "row.bad_number", {"value": str(exc)}))


def field_value(kind: str, raw: str) -> Any:
    """A template field's value from its cell: lists and tables are written one item per
    line or separated by ";", table cells by "|", chart items as "label: number"."""
    items = [i.strip() for i in re.split(r"[;\n]", raw) if i.strip()]
    if kind == "list":
        return items
    if kind == "table":
        return [[c.strip() for c in i.split("|")] for i in items]
    if kind == "chart":
        out: list[list[Any]] = []
        for item in items:
            label, colon, number = item.rpartition(":")
            value = _number(number) if colon else None
            if value is None or not label.strip():
                raise ValueError(item)
            out.append([label.strip(), value])
        return out
    return raw.strip()


def _number(text: str) -> int | float | None:
    text = text.strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):  # 1.240 = one thousand two hundred forty (id)
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def _file(folder: Path, name: str) -> Path | None:
    path = Path(name).expanduser()
    path = path if path.is_absolute() else folder / path
    return path if path.is_file() else None


def _media_problems(path: Path, workspace: Workspace, row: int, where: str) -> list[Problem]:
    """Why the media store would refuse *path* (too large, not an image…), checked now so
    the report shows it before anything is saved."""
    from composer.store.media import MediaError

    try:
        workspace.media.check_file(path)
    except MediaError as exc:
        params = {k: v if isinstance(v, int) else str(v) for k, v in exc.params.items()}
        return [Problem(row, where, exc.code, params)]
    return []


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")


def _date(value: CellValue) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    if re.fullmatch(r"\d{5}", value.strip()):  # an Excel date serial (a cell not formatted as date)
        return date(1899, 12, 30) + timedelta(days=int(value))
    text = value.strip().split(" ")[0].split("T")[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _time(value: CellValue) -> str | None:
    if isinstance(value, time | datetime):
        return value.strftime("%H:%M")
    text = str(value).strip()
    if re.fullmatch(r"0?\.\d+", text):  # an Excel time fraction (0.375 = 09:00), unformatted
        minutes = round(float(text) * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}" if minutes < 24 * 60 else None
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return f"{int(match[1]):02d}:{match[2]}"


def _shown(value: CellValue) -> str:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value.strip()


def _hash_key(day: str, title: str) -> str:
    return "h-" + hashlib.sha256(f"{day}|{title.strip().casefold()}".encode()).hexdigest()[:16]


def _file_stamp(path: Path) -> str:
    facts = path.stat()
    return f"{path.name}:{facts.st_size}:{facts.st_mtime_ns}"


def _digest(plan: RowPlan) -> str:
    """One short hash per part (PARTS), so a later import can say what changed."""
    fields = {k: _file_stamp(v) if isinstance(v, Path) else v for k, v in sorted(plan.fields.items())}
    parts = (
        plan.planned_at,
        plan.title,
        [plan.text, sorted(plan.texts.items())],
        list(plan.platforms),
        [_file_stamp(p) for p in plan.images],
        [plan.template, fields],
    )
    return ".".join(
        hashlib.sha256(json.dumps(p, ensure_ascii=False, default=str).encode()).hexdigest()[:8] for p in parts
    )


def _compare(plan: RowPlan, keys: dict[str, tuple[str, bool]], workspace: Workspace) -> None:
    if not plan.ok:
        plan.action = "error"
        return
    draft_id, binned = keys.get(plan.key, ("", False))
    if not draft_id:
        try:  # a row written by `siar plan export` carries the draft's own id
            workspace.drafts.load(plan.key)
            draft_id = plan.key
        except (KeyError, ValueError):
            draft_id = ""
    plan.draft_id = draft_id
    if not draft_id:
        plan.action = "create"
        return
    if binned:
        plan.action = "binned"
        plan.problems.append(Problem(plan.row, "", "row.binned", {}, "warning"))
        return
    try:
        old = workspace.drafts.load(draft_id).plan_digest.split(".")
    except (KeyError, ValueError):
        old = []
    new = plan.digest.split(".")
    plan.changes = [name for name, a, b in zip(PARTS, new, old + [""] * len(PARTS), strict=False) if a != b]
    plan.action = "update" if plan.changes else "unchanged"


def hashtag_sets(workspace: Workspace) -> dict[str, list[str]]:
    """Saved hashtag sets by name (case-insensitive)."""
    from composer.plan.snippets import Library

    return {name.casefold(): tags for name, tags in Library(workspace.settings).hashtag_sets().items()}


# --- saving ---------------------------------------------------------------------------------
def apply(
    report: PlanReport,
    workspace: Workspace,
    *,
    valid_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Save the report's new and changed rows as drafts (each row whole, one at a time)."""
    if report.has_errors and not valid_only:
        raise PlanHasErrorsError(str(report.path))
    result = ImportResult(
        unchanged=report.count("unchanged"), skipped=sum(1 for r in report.rows if r.action == "error")
    )
    if not report.file_ok:
        result.skipped = len(report.rows)
        return result
    work = report.to_work()
    renderer: Renderer | None = None
    for done, plan in enumerate(work):
        if cancelled is not None and cancelled():
            result.cancelled = True
            break
        if plan.template and renderer is None:
            renderer = _renderer(workspace)
        post = _save_row(plan, workspace, renderer)
        result.draft_ids.append(post.id)
        if plan.action == "create":
            result.created += 1
        else:
            result.updated += 1
        if progress is not None:
            progress(done + 1, len(work))
    return result


def _renderer(workspace: Workspace) -> Renderer:
    from composer.design.assets import ImageLoader
    from composer.design.render import Renderer

    return Renderer(workspace.settings.load_brand(), ImageLoader(workspace.media.path_for_id))


def _save_row(plan: RowPlan, workspace: Workspace, renderer: Renderer | None) -> Post:
    post = Post()
    if plan.draft_id:
        try:
            post = workspace.drafts.load(plan.draft_id)
        except (KeyError, ValueError):
            post = Post(id=plan.draft_id)
    post.title, post.text = plan.title, plan.text
    Library(workspace.settings).sign(post)
    post.planned_at, post.plan_key, post.plan_digest = plan.planned_at, plan.key, plan.digest
    for entry in platforms.PLATFORMS:
        variant = post.variant(entry.id)
        variant.text = plan.texts.get(entry.id)
        if plan.platforms:
            variant.enabled = entry.id in plan.platforms
    post.media = [workspace.media.import_file(path) for path in plan.images]
    if plan.template and renderer is not None:
        design = _design(plan, workspace)
        post.design_images = render_for_post(design, renderer, workspace)
        workspace.designs.save(post.id, design)
    elif plan.draft_id and "infografis" in plan.changes:
        post.design_images = {}
        workspace.designs.delete(post.id)
    workspace.drafts.save(post)
    return post


def _design(plan: RowPlan, workspace: Workspace) -> Design:
    from composer.design.templates import build

    design = build(plan.template)
    values = dict(plan.fields)
    for key, value in values.items():
        if isinstance(value, Path):
            values[key] = f"media:{workspace.media.import_file(value).id}"
    fields = tuple(replace(f, value=values[f.key]) if f.key in values else f for f in design.fields)
    return replace(design, fields=fields)


def render_for_post(design: Design, renderer: Renderer, workspace: Workspace) -> dict[str, MediaItem]:
    """The design in every platform's size, stored as media with drafted alt text: the same
    export the infographic editor's "add to post" uses. Each platform gets its own size,
    the ones the row did not choose too, so switching one on later keeps the infographic."""
    from composer.design.export import export_per_platform

    images: dict[str, MediaItem] = {}
    for platform_id, image in export_per_platform(design, renderer).items():
        item = workspace.media.import_bytes(image.data, image.filename)
        images[platform_id] = MediaItem(**{**item.to_dict(), "alt": image.alt.strip()[:1000]})
    return images
