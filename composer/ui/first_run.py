"""The first run: language, the office's name and logo (into the brand kit), and whether
to connect accounts now or try the sandbox first. Every part can be skipped: the
officer can always just start writing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from composer.i18n import _
from composer.session import MediaError, Session

NEXT_ACCOUNTS = "accounts"
NEXT_SANDBOX = "sandbox"
NEXT_WRITE = "write"


class FirstRunDialog(QDialog):
    sig_done = Signal(str, str)
    """(language, what next: accounts / sandbox / write) when the officer presses Start."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("Welcome to Siar"))
        self.resize(620, 520)
        self.logo_source = ""
        layout = QVBoxLayout(self)
        title = QLabel(
            _(
                "<h2>Welcome to Siar</h2><p>Write a post once, see it as every platform will show it, design its infographic and send it to every account with one click. Three quick questions — or skip them and start writing.</p>"
            )
        )
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(title)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        form.addRow(_("Language"), self.language)
        brand = session.brand()
        self.office = QLineEdit(brand.office_name)
        self.office.setPlaceholderText(_("e.g. Kantor Imigrasi Kelas I Contoh"))
        form.addRow(_("Office name"), self.office)
        logo_row = QHBoxLayout()
        self.logo_preview = QLabel(_("(the sample mark)"))
        self.logo_preview.setFixedHeight(56)
        choose = QPushButton(_("Choose the office logo…"))
        choose.clicked.connect(self.choose_logo)
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(choose)
        form.addRow(_("Logo"), logo_row)
        layout.addLayout(form)
        self.logo_error = QLabel()
        self.logo_error.setStyleSheet("color:#B3261E")
        self.logo_error.hide()
        layout.addWidget(self.logo_error)
        layout.addWidget(QLabel(_("<b>Accounts</b>")))
        self.next_group = QButtonGroup(self)
        for key, text in (
            (
                NEXT_SANDBOX,
                _("Try it first with the Sandbox (practice accounts on this computer; nothing is published)"),
            ),
            (NEXT_ACCOUNTS, _("Connect the office's accounts now")),
            (NEXT_WRITE, _("Later — I just want to write")),
        ):
            button = QRadioButton(text)
            button.setProperty("key", key)
            self.next_group.addButton(button)
            layout.addWidget(button)
            if key == NEXT_SANDBOX:
                button.setChecked(True)
        layout.addStretch(1)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton(_("Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        skip = buttons.addButton(_("Skip"), QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.finish)
        skip.clicked.connect(self.skip)
        layout.addWidget(buttons)

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the office logo"), str(Path.home()), f"{_('Images')} (*.png *.jpg *.jpeg *.webp)"
        )
        if path:
            self.set_logo(Path(path))

    def set_logo(self, path: Path) -> bool:
        try:
            item = self.session.import_file(path)
        except MediaError as exc:
            from composer.i18n import describe_code

            self.logo_error.setText(describe_code(exc.code, exc.params))
            self.logo_error.show()
            return False
        self.logo_error.hide()
        self.logo_source = f"media:{item.id}"
        pixmap = QPixmap(str(self.session.media.path(item)))
        self.logo_preview.setPixmap(pixmap.scaledToHeight(52, Qt.TransformationMode.SmoothTransformation))
        return True

    def choice(self) -> str:
        checked = self.next_group.checkedButton()
        return str(checked.property("key")) if checked is not None else NEXT_WRITE

    def finish(self) -> None:
        brand = self.session.brand()
        name = self.office.text().strip() or brand.office_name
        brand = dataclasses.replace(brand, office_name=name, logo=self.logo_source or brand.logo)
        self.session.save_brand(brand)
        prefs = self.session.preferences()
        prefs.office_name = name
        prefs.language = str(self.language.currentData())
        prefs.first_run_done = "1"
        self.session.save_preferences(prefs)
        self.sig_done.emit(prefs.language, self.choice())
        self.accept()

    def skip(self) -> None:
        prefs = self.session.preferences()
        prefs.first_run_done = "1"
        self.session.save_preferences(prefs)
        self.reject()
