"""Properties of the selected layer: its content, style, opacity and rotation."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from composer.design.brand import BrandKit
from composer.design.commands import SetAttrs, SetField, SetProps
from composer.design.icons import ICONS
from composer.design.model import Layer
from composer.i18n import N_, _
from composer.ui.design_editor.document import DesignDocument, new_gesture
from composer.ui.design_editor.names import icon_name
from composer.ui.design_editor.widgets import ColorPicker, FocusGesture

FIELD_ONLY = re.compile(r"^\{(\w+)\}$")
WEIGHTS = {"regular": N_("Regular"), "semibold": N_("Semibold"), "bold": N_("Bold"), "black": N_("Black")}
ALIGNS = {"left": N_("Left"), "center": N_("Centre"), "right": N_("Right")}
OVERFLOWS = {"shrink": N_("Shrink to fit"), "ellipsis": N_("Cut with …")}
SHAPES = {
    "rect": N_("Rectangle"),
    "rounded": N_("Rounded rectangle"),
    "ellipse": N_("Ellipse"),
    "line": N_("Line"),
}
FITS = {"cover": N_("Fill the box (crop)"), "contain": N_("Fit inside the box")}
FONTS = {"heading": N_("Heading font"), "body": N_("Body font")}


def _combo(options: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for value, label in options.items():
        combo.addItem(_(label), value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class Inspector(QWidget):
    def __init__(
        self,
        document: DesignDocument,
        brand: Callable[[], BrandKit],
        choose_image: Callable[[Callable[[str], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._brand = brand
        self._choose_image = choose_image
        self._form = QFormLayout()
        # Labels above their fields: the side panel is narrow, the values are long.
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        outer = QVBoxLayout(self)
        outer.addLayout(self._form)
        outer.addStretch(1)
        self._layer_id = ""
        self._shown: Layer | None = None
        self._gesture = new_gesture()
        self.widgets: dict[str, QWidget] = {}
        document.sig_changed.connect(self._document_changed)
        self.show_layer("")

    def show_layer(self, layer_id: str) -> None:
        self._layer_id = layer_id
        self._rebuild()

    def _document_changed(self) -> None:
        layer = self.document.design.find(self._layer_id) if self._layer_id else None
        if layer != self._shown and not any(w.hasFocus() for w in self.widgets.values()):
            self._rebuild()

    def _rebuild(self) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self.widgets = {}
        layer = self.document.design.find(self._layer_id) if self._layer_id else None
        self._shown = layer
        if layer is None:
            self._form.addRow(QLabel(_("Select a layer on the canvas or in the list.")))
            return
        name = QLineEdit(layer.name)
        name.editingFinished.connect(lambda: self._attrs(("name", name.text())))
        self._row(_("Name"), "name", name)
        getattr(self, f"_build_{layer.kind}", self._build_data)(layer)
        opacity = QSlider(Qt.Orientation.Horizontal)
        opacity.setRange(0, 100)
        opacity.setValue(round(layer.opacity * 100))
        opacity.sliderPressed.connect(self._start_gesture)
        opacity.valueChanged.connect(lambda v: self._attrs(("opacity", v / 100), merge=True))
        self._row(_("Opacity"), "opacity", opacity)
        rotation = QSpinBox()
        rotation.setRange(-180, 180)
        rotation.setSuffix("°")
        rotation.setValue(round(layer.rotation))
        rotation.valueChanged.connect(lambda v: self._attrs(("rotation", float(v)), merge=True))
        self._row(_("Rotation"), "rotation", rotation)

    def _row(self, label: str, key: str, widget: QWidget) -> None:
        self.widgets[key] = widget
        self._form.addRow(label, widget)

    def _start_gesture(self) -> None:
        self._gesture = new_gesture()

    # --- pushing edits ---------------------------------------------------------------------
    def _props(self, *pairs: tuple[str, Any], merge: bool = False) -> None:
        if self._layer_id:
            self.document.push(SetProps(self._layer_id, pairs), _("Change"), self._gesture if merge else None)

    def _attrs(self, *pairs: tuple[str, Any], merge: bool = False) -> None:
        layer = self.document.design.find(self._layer_id) if self._layer_id else None
        if layer is not None and any(getattr(layer, k) != v for k, v in pairs):
            self.document.push(SetAttrs(self._layer_id, pairs), _("Change"), self._gesture if merge else None)

    def _color(self, key: str, label: str, value: str) -> None:
        picker = ColorPicker(self._brand())
        picker.set_value(value)
        picker.sig_picked.connect(lambda v: self._props((key, v)))
        self._row(label, key, picker)

    def _choice(self, key: str, label: str, options: dict[str, str], current: str) -> None:
        combo = _combo(options, current)
        combo.activated.connect(lambda _i: self._props((key, combo.currentData())))
        self._row(label, key, combo)

    # --- per kind ---------------------------------------------------------------------------
    def _build_text(self, layer: Layer) -> None:
        raw = str(layer.prop("text", ""))
        bound = FIELD_ONLY.match(raw)
        edit = QPlainTextEdit()
        edit.setMaximumHeight(110)
        if bound and bound.group(1) in self.document.design.field_values():
            key = bound.group(1)
            edit.setPlainText(str(self.document.design.field_values()[key]))
            edit.textChanged.connect(
                lambda: self.document.push(SetField(key, edit.toPlainText()), _("Edit text"), self._gesture)
            )
            label = _("Text (data field “{field}”)").format(field=key)
        else:
            edit.setPlainText(raw)
            edit.textChanged.connect(lambda: self._props(("text", edit.toPlainText()), merge=True))
            label = _("Text")
        FocusGesture(edit, self._start_gesture)
        self._row(label, "text", edit)
        self._choice("font", _("Font"), FONTS, str(layer.prop("font", "body")))
        self._choice("weight", _("Weight"), WEIGHTS, str(layer.prop("weight", "regular")))
        size = QDoubleSpinBox()
        size.setRange(1.0, 30.0)
        size.setSingleStep(0.2)
        size.setSuffix(" %")
        size.setValue(float(layer.prop("size", 0.04)) * 100)
        size.valueChanged.connect(lambda v: self._props(("size", round(v / 100, 4)), merge=True))
        self._row(_("Size (of the width)"), "size", size)
        self._color("color", _("Colour"), str(layer.prop("color", "$text")))
        self._choice("align", _("Alignment"), ALIGNS, str(layer.prop("align", "left")))
        self._choice("overflow", _("Too long"), OVERFLOWS, str(layer.prop("overflow", "shrink")))

    def _build_shape(self, layer: Layer) -> None:
        self._choice("shape", _("Shape"), SHAPES, str(layer.prop("shape", "rect")))
        self._color("fill", _("Fill"), str(layer.prop("fill", "$primary")))
        self._color("stroke", _("Outline"), str(layer.prop("stroke", "$text")))

    def _build_image(self, layer: Layer) -> None:
        button = QPushButton(_("Change image…"))
        button.clicked.connect(lambda: self._choose_image(lambda source: self._props(("source", source))))
        self._row(_("Image"), "source", button)
        self._choice("fit", _("Fit"), FITS, str(layer.prop("fit", "cover")))
        circle = QCheckBox(_("Circle"))
        circle.setChecked(bool(layer.prop("circle", False)))
        circle.toggled.connect(lambda on: self._props(("circle", on or None)))
        self._row("", "circle", circle)
        fx, fy = layer.prop("focal", [0.5, 0.5])
        for index, (key, value) in enumerate((("focal_x", fx), ("focal_y", fy))):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 100)
            slider.setValue(round(float(value) * 100))
            slider.sliderPressed.connect(self._start_gesture)
            slider.valueChanged.connect(lambda v, i=index: self._focal(i, v / 100))
            self._row(_("Focus, across") if index == 0 else _("Focus, down"), key, slider)

    def _focal(self, index: int, value: float) -> None:
        layer = self.document.design.find(self._layer_id)
        if layer is not None:
            focal = list(layer.prop("focal", [0.5, 0.5]))
            focal[index] = value
            self._props(("focal", focal), merge=True)

    def _build_icon(self, layer: Layer) -> None:
        combo = QComboBox()
        for name in sorted(ICONS, key=icon_name):
            combo.addItem(icon_name(name), name)
        combo.setCurrentIndex(max(combo.findData(layer.prop("icon", "info")), 0))
        combo.activated.connect(lambda _i: self._props(("icon", combo.currentData())))
        self._row(_("Icon"), "icon", combo)
        self._color("color", _("Colour"), str(layer.prop("color", "$primary")))

    def _build_qr(self, layer: Layer) -> None:
        data = QLineEdit(str(layer.prop("data", "")))
        data.editingFinished.connect(lambda: self._props(("data", data.text())))
        self._row(_("Link or text"), "data", data)
        self._color("color", _("Colour"), str(layer.prop("color", "#000000")))

    def _build_data(self, layer: Layer) -> None:
        field = layer.prop("field")
        text = _("Edit its content in the data form (field “{field}”).").format(field=field) if field else ""
        note = QLabel(text)
        note.setWordWrap(True)
        self._row(_("Content"), "content", note)
        if layer.kind in ("list", "chart"):
            self._color("color", _("Colour"), str(layer.prop("color", "$text")))
