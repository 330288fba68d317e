"""Berkas › Impor rencana: choose a spreadsheet, see the per-row report, then import.

The report (composer/plan/importer.read_plan) is read on a worker thread and shown before
anything is saved. A file with errors offers "import the valid rows" only. The import
itself runs on a worker with a progress bar and a Cancel button; the rows saved before a
cancel stay (each is a whole draft), the rest are left for the next import.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer.i18n import _
from composer.plan.importer import ImportResult, PlanReport
from composer.plan.messages import file_message
from composer.plan.sheet import PlanFileError
from composer.ui.screen_fit import fit_to_screen
from composer.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from composer.session import Session
    from composer.ui.main_window import MainWindow

# Row colours: what will be created, changed, or is wrong (light tints, text stays black).
_TINTS = {"create": "#E6F4EA", "update": "#FFF4D6", "error": "#FDE7E7", "binned": "#EEEEEE"}


def action_label(action: str) -> str:
    return {
        "create": _("new"),
        "update": _("changed"),
        "unchanged": _("unchanged"),
        "binned": _("in the bin"),
        "error": _("to fix"),
    }.get(action, action)


def change_label(part: str) -> str:
    return {
        "tanggal": _("date"),
        "judul": _("title"),
        "teks": _("text"),
        "platform": _("platforms"),
        "gambar": _("images"),
        "infografis": _("infographic"),
    }.get(part, part)


class _Progress(QObject):
    """Lives on the GUI thread; the worker's emits are queued to it."""

    sig_step = Signal(int, int)


class PlanImportDialog(QDialog):
    sig_imported = Signal(object)  # ImportResult, once saving has finished (or was cancelled)

    def __init__(
        self, path: Path, session: Session, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import a plan"))
        self.setObjectName("plan-import")
        fit_to_screen(self, QSize(1040, 600))  # a laptop's work area may be smaller
        self.path, self.session, self.runner = path, session, runner
        self.report: PlanReport | None = None
        self.outcome: ImportResult | None = None
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.sig_step.connect(self._step)

        layout = QVBoxLayout(self)
        self.summary = QLabel(_("Reading “{name}”…").format(name=path.name))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Row"), _("Result"), _("Date"), _("Title"), _("What to fix")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(_("Import"))
        self.valid_button = QPushButton(_("Import the valid rows"))
        self.cancel_button = QPushButton(_("Cancel import"))
        self.close_button = QPushButton(_("Close"))
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.import_button, self.valid_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
            button.setEnabled(False)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.valid_button.setVisible(False)
        self.cancel_button.setVisible(False)
        self.import_button.clicked.connect(lambda: self._start(valid_only=False))
        self.valid_button.clicked.connect(lambda: self._start(valid_only=True))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        runner.submit(session.read_plan, path, on_done=self._show, on_error=self._failed, owner=self)

    # --- the report ----------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PlanFileError):
            self.summary.setText(file_message(exc.code, exc.params))
        else:
            self.summary.setText(_("“{name}” could not be read.").format(name=self.path.name))
        self.summary.setStyleSheet("color:#B3261E; font-weight:600")

    def _show(self, report: PlanReport) -> None:
        self.report = report
        lines: list[tuple[int, str, str, str, str]] = []
        for problem in report.problems:
            lines.append((problem.row, problem.severity, "", "", f"{problem.where()}: {problem.message()}"))
        for row in report.rows:
            notes = [f"{p.where()}: {p.message()}" for p in row.problems]
            if row.action == "update":
                notes.insert(
                    0, _("Changed: {parts}").format(parts=", ".join(change_label(c) for c in row.changes))
                )
            when = row.planned_at.replace("T", " ")
            lines.append((row.row, row.action, when, row.title or row.text[:60], "\n".join(notes)))
        self.table.setRowCount(len(lines))
        for index, (number, action, when, title, note) in enumerate(lines):
            label = action_label(action) if action != "warning" or when or title else _("note")
            cells = [str(number), label, when, title, note]
            tint = _TINTS.get("error" if action == "error" else action)
            for column, cell in enumerate(cells):
                item = QTableWidgetItem(cell)
                if tint:
                    item.setBackground(QColor(tint))
                    item.setForeground(QColor("#1B1B1B"))
                self.table.setItem(index, column, item)
        self.table.resizeRowsToContents()
        counts = _("{create} new, {update} changed, {unchanged} unchanged, {error} with errors.").format(
            create=report.count("create"),
            update=report.count("update"),
            unchanged=report.count("unchanged"),
            error=report.count("error") if report.file_ok else len(report.rows),
        )
        work = len(report.to_work())
        if not report.file_ok:
            advice = _("The file's columns must be corrected before anything can be imported.")
        elif report.has_errors:
            advice = _("Nothing is saved until you choose: correct the file, or import the valid rows only.")
        elif work:
            advice = _("Nothing is saved until you press Import.")
        else:
            advice = _("Every row is already imported; there is nothing to do.")
        self.summary.setText(f"<b>{self.path.name}</b>: {counts}<br>{advice}")
        self.import_button.setEnabled(not report.has_errors and work > 0)
        self.valid_button.setVisible(report.has_errors and work > 0)
        self.valid_button.setEnabled(report.has_errors and work > 0)
        (self.valid_button if report.has_errors else self.import_button).setDefault(True)

    # --- importing -----------------------------------------------------------------------
    def _start(self, *, valid_only: bool) -> None:
        report = self.report
        if report is None:
            return
        self.import_button.setEnabled(False)
        self.valid_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.cancel_button.setVisible(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, max(len(report.to_work()), 1))
        self.progress.setValue(0)
        self.summary.setText(_("Importing… infographics are rendered for each platform."))
        step = self._progress.sig_step.emit
        self.runner.submit(
            lambda: self.session.apply_plan(
                report, valid_only=valid_only, progress=step, cancelled=self._cancel.is_set
            ),
            on_done=self._finished,
            on_error=self._import_failed,
            owner=self,
        )

    def _step(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def cancel(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.summary.setText(_("Stopping after the row being saved…"))

    def _finished(self, result: ImportResult) -> None:
        self.outcome = result
        self.cancel_button.setVisible(False)
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)
        text = _("Saved: {created} new draft(s), {updated} updated; {skipped} row(s) left out.").format(
            created=result.created, updated=result.updated, skipped=result.skipped
        )
        if result.cancelled:
            text += " " + _("Cancelled: import the file again to add the remaining rows.")
        self.summary.setText(text)
        self.sig_imported.emit(result)

    def _import_failed(self, exc: BaseException) -> None:
        import logging

        logging.getLogger(__name__).error("plan import failed", exc_info=exc)
        self.cancel_button.setVisible(False)
        self.close_button.setEnabled(True)
        self.summary.setText(
            _(
                "The import stopped ({error}); the drafts saved so far are whole. The details are in the log file."
            ).format(error=type(exc).__name__)
        )
        self.sig_imported.emit(None)

    def reject(self) -> None:
        if self.cancel_button.isVisible():  # still saving: stop after the current row
            self.cancel()
            return
        super().reject()


def choose_and_import(window: MainWindow) -> PlanImportDialog | None:
    path, _filter = QFileDialog.getOpenFileName(
        window, _("Import a plan"), "", _("Spreadsheets (*.xlsx *.csv)") + ";;" + _("All files (*)")
    )
    if not path:
        return None
    window.save_now()
    dialog = PlanImportDialog(Path(path), window.session, window.runner, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def imported(result: ImportResult | None) -> None:
        window.drafts_panel.reload()  # many drafts at once, not row by row
        post = window.post
        if result is not None and post is not None and post.id in result.draft_ids:
            # the open draft was updated on disk: show that, or autosave would undo it
            window.drafts.show(window.session.open_draft(post.id))

    dialog.sig_imported.connect(imported)
    window.posting.open_dialog = dialog
    dialog.open()
    return dialog
