"""The user guide (Markdown in docs/panduan), shown inside Siar with its screenshots."""

from __future__ import annotations

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from composer.i18n import _
from composer.paths import guide_dir
from composer.ui.screen_fit import fit_to_screen


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, page: str = "index.md") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("User guide"))
        fit_to_screen(self, QSize(900, 760))  # a laptop's work area may be smaller
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._anchor)
        layout.addWidget(self.browser, 1)
        row = QHBoxLayout()
        back = QPushButton(_("Back"))
        back.clicked.connect(self.browser.backward)
        home = QPushButton(_("Contents"))
        home.clicked.connect(lambda: self.open_page("index.md"))
        row.addWidget(back)
        row.addWidget(home)
        row.addStretch(1)
        buttons = QDialogButtonBox()
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.open_page(page)

    def open_page(self, page: str) -> None:
        folder = guide_dir()
        if folder is None:
            self.browser.setMarkdown(_("The user guide is not installed with this copy of Siar."))
            return
        self.browser.setSource(
            QUrl.fromLocalFile(str(folder / page)), QTextDocument.ResourceType.MarkdownResource
        )

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
            return
        if url.isLocalFile() and url.toLocalFile().endswith(".md"):
            self.browser.setSource(url, QTextDocument.ResourceType.MarkdownResource)
