"""``siar plan export``: the planned drafts as a CSV in the columns the import reads, so a
plan can be edited in a spreadsheet and imported back (the id column finds each draft)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from composer import platforms
from composer.core.post import Post

if TYPE_CHECKING:
    from composer.store.workspace import Workspace


def cell_value(value: Any) -> str:
    """A template field's value in the cell syntax ``importer.field_value`` reads."""
    if isinstance(value, list):
        if all(isinstance(v, list) for v in value):
            if all(len(v) == 2 and isinstance(v[1], int | float) for v in value):
                return "; ".join(f"{v[0]}: {v[1]}" for v in value)
            return "\n".join(" | ".join(str(c) for c in v) for v in value)
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def rows(workspace: Workspace, start: str = "0000", end: str = "9999") -> list[dict[str, str]]:
    out = []
    for post in workspace.drafts.planned(start, end):
        out.append(_row(post, workspace))
    return out


def _row(post: Post, workspace: Workspace) -> dict[str, str]:
    day, _t, at = post.planned_at.partition("T")
    chosen = [e.id for e in platforms.PLATFORMS if post.variants.get(e.id) and post.variant(e.id).enabled]
    row = {
        "id": post.plan_key or post.id,
        "tanggal": day,
        "jam": at,
        "platform": ", ".join(chosen),
        "judul": post.title,
        "teks": post.text,
        "gambar": "; ".join(str(workspace.media.path(m)) for m in post.media),
    }
    for entry in platforms.PLATFORMS:
        if post.has_override(entry.id):
            row[f"teks_{entry.id}"] = post.text_for(entry.id)
    try:
        design = workspace.designs.load(post.id)
    except ValueError:
        design = None
    if design is not None and design.template:
        row["templat"] = design.template
        for item in design.fields:
            if item.kind != "image":
                row[f"isi.{item.key}"] = cell_value(item.value)
    return row


def to_csv(records: list[dict[str, str]]) -> str:
    header = ["id", "tanggal", "jam", "platform", "judul", "teks", "gambar"]
    for record in records:
        header.extend(k for k in record if k not in header)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()
