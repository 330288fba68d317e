"""What the plan import says about a file or a cell, in the UI language."""

from __future__ import annotations

from dataclasses import dataclass, field

from composer.i18n import N_, _, describe_code

MESSAGES: dict[str, str] = {
    "plan.file_missing": N_("File not found: {name}"),
    "plan.unreadable": N_("“{name}” cannot be read ({reason})."),
    "plan.file_too_large": N_("“{name}” is larger than {limit} MB: a month's plan is far smaller."),
    "plan.not_a_spreadsheet": N_("“{name}” is not a spreadsheet: save it as .xlsx or .csv."),
    "plan.not_utf8": N_("“{name}” is not UTF-8 text: save it as “CSV UTF-8” or as .xlsx."),
    "plan.broken_csv": N_("“{name}” is not a readable CSV file ({detail})."),
    "plan.broken_xlsx": N_("“{name}” is damaged and cannot be opened as a spreadsheet ({detail})."),
    "plan.zip_bomb": N_("“{name}” expands to far more data than a spreadsheet holds; Siar does not open it."),
    "plan.too_many_rows": N_("“{name}” has more than {limit} rows; split the plan into months."),
    "plan.empty": N_("“{name}” has no header row: the first row names the columns."),
    "cell.too_long": N_(
        "The cell holds {length} characters; at most {limit} are read. Nothing from it was used."
    ),
    "cell.formula": N_("The cell holds a formula; type the value itself (Siar does not calculate formulas)."),
    "column.missing": N_("The column “{column}” is missing."),
    "column.missing_text": N_("Add a column “judul” or “teks”: a post needs a title or a text."),
    "column.unknown": N_("The column “{column}” is not one Siar knows; it is ignored."),
    "column.duplicate": N_("The column “{column}” appears twice."),
    "row.no_text": N_("The row has neither a title nor a text."),
    "row.bad_date": N_("“{value}” is not a date: write it as 2026-12-03 or 03/12/2026."),
    "row.bad_time": N_("“{value}” is not a time: write it as 09:00."),
    "row.unknown_platform": N_("“{value}” is not a platform; use: {known}."),
    "row.unknown_template": N_("There is no template “{value}”; see siar templates."),
    "row.unknown_field": N_("The template “{template}” has no field “{field}”; its fields: {known}."),
    "row.data_without_template": N_("A template field is filled but the column “templat” is empty."),
    "row.bad_number": N_("“{value}” is not “label: number” (for example “Paspor baru: 1240”)."),
    "row.image_missing": N_("The image “{value}” is not in the spreadsheet's folder."),
    "row.unknown_hashtag_set": N_(
        "There is no hashtag set “{value}”; write the hashtags with # or add the set first."
    ),
    "row.duplicate_key": N_("Row {other} has the same key “{value}”: give each row its own id."),
    "row.binned": N_("The draft made from this row is in the bin; it was left there."),
    "snippet.no_name": N_("Give it a name."),
    "snippet.name_too_long": N_("The name is too long (at most {limit} characters)."),
    "snippet.empty": N_("The text is empty."),
    "snippet.too_long": N_("The text has {length} characters; at most {limit} are allowed."),
    "snippet.bad_hashtag": N_(
        "“{value}” is not a hashtag: start it with # and use letters, digits or _ only."
    ),
    "snippet.unknown_platform": N_("“{value}” is not a platform; use: {known}."),
    "snippet.not_found": N_("There is nothing saved under “{name}”."),
}


@dataclass(frozen=True)
class Problem:
    """Something wrong (or worth knowing) about one cell, row or the header."""

    row: int  # spreadsheet row number (1 = the header)
    column: str  # column letter and header, e.g. "C (tanggal)"; "" = the whole row
    code: str
    params: dict[str, str | int] = field(default_factory=dict)
    severity: str = "error"  # "error" stops the row; "warning" is only shown

    def message(self) -> str:
        if self.code in MESSAGES:
            try:
                return _(MESSAGES[self.code]).format(**self.params)
            except (KeyError, IndexError, ValueError):
                return _(MESSAGES[self.code])
        return describe_code(self.code, dict(self.params))  # media.* from the media store

    def where(self) -> str:
        if self.column:
            return _("row {row}, column {column}").format(row=self.row, column=self.column)
        return _("row {row}").format(row=self.row)


def file_message(code: str, params: dict[str, str | int]) -> str:
    return Problem(0, "", code, params).message()
