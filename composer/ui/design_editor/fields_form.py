"""The template's data, edited as a form: text, paragraphs, lists, tables, charts, photos.

Lists take one item per line; tables and charts one row per line with cells separated
by "|" (a chart row is "label | number").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer.design.commands import SetField
from composer.design.model import Field
from composer.i18n import _
from composer.ui.design_editor.document import DesignDocument, new_gesture
from composer.ui.design_editor.widgets import FocusGesture


def to_text(item: Field) -> str:
    value = item.value
    if item.kind == "list" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if item.kind in ("table", "chart") and isinstance(value, list):
        return "\n".join(" | ".join(str(c) for c in row) for row in value if isinstance(row, list))
    return "" if value is None else str(value)


def from_text(kind: str, text: str) -> Any:
    if kind == "list":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind in ("table", "chart"):
        rows = [[cell.strip() for cell in line.split("|")] for line in text.splitlines() if line.strip()]
        if kind == "chart":
            parsed = []
            for row in rows:
                number = row[1].replace(".", "").replace(",", ".") if len(row) > 1 else "0"
                try:
                    parsed.append([row[0], float(number)])
                except ValueError:
                    parsed.append([row[0], 0.0])
            return parsed
        return rows
    return text


class FieldsForm(QWidget):
    def __init__(
        self,
        document: DesignDocument,
        choose_image: Callable[[Callable[[str], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._choose_image = choose_image
        self._layout = QFormLayout()
        outer = QVBoxLayout(self)
        outer.addLayout(self._layout)
        outer.addStretch(1)
        # Labels above their fields: the side panels are narrow, the values are long.
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._editors: dict[str, QWidget] = {}
        self._keys: tuple[str, ...] = ()
        self._gesture = new_gesture()
        document.sig_changed.connect(self.refresh)
        self.refresh()

    def editor(self, key: str) -> QWidget:
        return self._editors[key]

    def refresh(self) -> None:
        fields = self.document.design.fields
        keys = tuple(f.key for f in fields)
        if keys != self._keys:
            self._rebuild(fields)
            return
        for item in fields:  # values only (undo, redo): keep the widgets and the caret
            widget = self._editors[item.key]
            if widget.hasFocus():
                continue  # the officer is typing there: the text is already what they typed
            text = to_text(item)
            if isinstance(widget, QLineEdit) and widget.text() != text:
                widget.blockSignals(True)
                widget.setText(text)
                widget.blockSignals(False)
            elif isinstance(widget, QPlainTextEdit) and widget.toPlainText() != text:
                widget.blockSignals(True)
                widget.setPlainText(text)
                widget.blockSignals(False)
            elif isinstance(widget, QPushButton):
                widget.setText(self._image_label(item))

    def _rebuild(self, fields: tuple[Field, ...]) -> None:
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self._editors = {}
        self._keys = tuple(f.key for f in fields)
        if not fields:
            self._layout.addRow(QLabel(_("This design has no data fields.")))
        for item in fields:
            widget = self._make(item)
            self._editors[item.key] = widget
            label = item.label
            if item.kind in ("table", "chart"):
                label += "\n" + _("(one row per line, cells separated by |)")
            elif item.kind == "list":
                label += "\n" + _("(one per line)")
            self._layout.addRow(label, widget)

    def _start_gesture(self) -> None:
        self._gesture = new_gesture()

    def _make(self, item: Field) -> QWidget:
        key, kind = item.key, item.kind
        if kind == "image":
            button = QPushButton(self._image_label(item))
            button.clicked.connect(lambda: self._choose_image(lambda source: self._set(key, source)))
            return button
        if kind in ("multiline", "list", "table", "chart"):
            edit = QPlainTextEdit(to_text(item))
            edit.setMaximumHeight(140 if kind != "multiline" else 90)
            edit.textChanged.connect(lambda: self._set(key, from_text(kind, edit.toPlainText())))
            FocusGesture(edit, self._start_gesture)
            return edit
        line = QLineEdit(to_text(item))
        line.textEdited.connect(lambda text: self._set(key, from_text(kind, text)))
        FocusGesture(line, self._start_gesture)
        return line

    @staticmethod
    def _image_label(item: Field) -> str:
        value = str(item.value or "")
        name = (
            value.rsplit("/", 1)[-1]
            if value.startswith("asset:")
            else (_("your photo") if value else _("none"))
        )
        return _("Photo: {name} — change…").format(name=name)

    def _set(self, key: str, value: Any) -> None:
        self.document.push(SetField(key, value), _("Edit {field}").format(field=key), self._gesture)
