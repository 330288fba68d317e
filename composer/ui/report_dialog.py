"""Berkas › Laporan bulanan: pick a month and a folder, get the PDF, XLSX and CSV
(``composer.report`` does the work; this dialog only asks and says where they went).
Below, the statistics settings: each platform's requests today against its daily budget,
what X's reads cost, and a switch per platform to stop measuring it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer.i18n import _

if TYPE_CHECKING:
    from composer.session import Session


def recent_months(now: float, count: int = 12) -> list[str]:
    """ "YYYY-MM" of the last *count* months, the one before this first (the usual report)."""
    year, month = time.localtime(now).tm_year, time.localtime(now).tm_mon
    out = []
    for _step in range(count + 1):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[1:] + out[:1]


class ReportDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("Monthly report"))
        self.month = QComboBox()
        self.month.addItems(recent_months(time.time()))
        self.folder = QLineEdit(str(Path.home()))
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form = QFormLayout()
        form.addRow(_("Month"), self.month)
        form.addRow(_("Folder"), row)
        self.outcome = QLabel("")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.make = buttons.addButton(_("Make the report"), QDialogButtonBox.ButtonRole.ActionRole)
        self.make.clicked.connect(self.make_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(self._statistics())
        layout.addWidget(buttons)

    def _statistics(self) -> QGroupBox:
        from composer.insights import x as x_metrics

        settings = self.session.metrics_settings()
        box = QGroupBox(_("Statistics"))
        rows = QFormLayout(box)
        self.switches: dict[str, QCheckBox] = {}
        for budget in settings.budgets(time.time()):
            switch = QCheckBox(_("{platform}: {spent} of {budget} requests today").format(
                platform=budget.name, spent=budget.spent, budget=budget.budget
            ))  # fmt: skip
            switch.setChecked(budget.enabled)
            switch.toggled.connect(lambda on, pid=budget.platform_id: settings.set_enabled(pid, on))
            rows.addRow(switch)
            self.switches[budget.platform_id] = switch
        cost = QLabel(
            _(
                "X bills every read: about ${cost} per 100 posts measured (owned timeline), $0.005 a post looked up by id."
            ).format(cost=f"{x_metrics.cost_usd(100):.2f}")
        )
        cost.setWordWrap(True)
        rows.addRow(cost)
        return box

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def make_report(self) -> None:
        month = self.month.currentText()
        folder = Path(self.folder.text()).expanduser()
        if not folder.is_dir():
            self.outcome.setText(_("Cannot write “{name}”: its folder does not exist.").format(name=folder))
            return
        files = {kind: folder / f"laporan-{month}.{kind}" for kind in ("pdf", "xlsx", "csv")}
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            made = self.session.write_report(month, pdf=files["pdf"], xlsx=files["xlsx"], csv=files["csv"])
        except OSError as exc:
            self.outcome.setText(_("The report was not written: {reason}").format(reason=exc.strerror or exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.outcome.setText(
            _("{uploads} uploads. Written: {names}").format(
                uploads=made.total_uploads(), names=", ".join(str(p) for p in files.values())
            )
        )


def show_report(parent: QWidget, session: Session) -> ReportDialog:
    dialog = ReportDialog(session, parent)
    dialog.show()
    return dialog
