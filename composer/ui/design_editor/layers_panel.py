"""The layers list (topmost first) with visibility, lock, order, duplicate and delete."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from composer.design.commands import AddLayer, MoveInStack, RemoveLayer, SetAttrs
from composer.design.model import Layer, new_id
from composer.i18n import N_, _
from composer.ui.design_editor.document import DesignDocument

KIND_LABELS = {
    "text": N_("Text"),
    "shape": N_("Shape"),
    "image": N_("Image"),
    "icon": N_("Icon"),
    "table": N_("Table"),
    "list": N_("List"),
    "chart": N_("Chart"),
    "qr": N_("QR code"),
    "group": N_("Group"),
}


def duplicate_of(layer: Layer) -> Layer:
    def fresh(item: Layer) -> Layer:
        return dataclasses.replace(item, id=new_id(), children=tuple(fresh(c) for c in item.children))

    copy = fresh(layer)
    box = dataclasses.replace(layer.box, x=layer.box.x + 0.02, y=layer.box.y + 0.02)
    wide = (
        dataclasses.replace(layer.wide, x=layer.wide.x + 0.02, y=layer.wide.y + 0.02) if layer.wide else None
    )
    return dataclasses.replace(copy, box=box, wide=wide, name=f"{layer.name} ({_('copy')})")


class LayersPanel(QWidget):
    sig_selected = Signal(list)
    """(list of layer ids) chosen in the list."""

    def __init__(self, document: DesignDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemChanged.connect(self._item_changed)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.up_button = QPushButton("▲")
        self.up_button.setToolTip(_("Bring forward"))
        self.up_button.clicked.connect(lambda: self.move_selected(1))
        self.down_button = QPushButton("▼")
        self.down_button.setToolTip(_("Send backward"))
        self.down_button.clicked.connect(lambda: self.move_selected(-1))
        self.duplicate_button = QPushButton(_("Duplicate"))
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.lock_button = QPushButton(_("Lock"))
        self.lock_button.clicked.connect(self.toggle_lock)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (
            self.up_button,
            self.down_button,
            self.duplicate_button,
            self.lock_button,
            self.delete_button,
        ):
            row.addWidget(button)
        layout.addLayout(row)
        self._updating = False
        self._selected: list[str] = []
        document.sig_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self._updating = True
        try:
            self.list.clear()
            for layer in reversed(self.document.design.layers):
                label = layer.name or _(KIND_LABELS.get(layer.kind, layer.kind))
                item = QListWidgetItem(
                    ("🔒 " if layer.locked else "")
                    + label
                    + f"  ·  {_(KIND_LABELS.get(layer.kind, layer.kind))}"
                )
                item.setData(Qt.ItemDataRole.UserRole, layer.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
                item.setToolTip(_("Tick to show, untick to hide"))
                self.list.addItem(item)
                item.setSelected(layer.id in self._selected)
        finally:
            self._updating = False

    def show_selection(self, ids: list[str]) -> None:
        self._selected = list(ids)
        self._updating = True
        try:
            for row in range(self.list.count()):
                item = self.list.item(row)
                item.setSelected(item.data(Qt.ItemDataRole.UserRole) in ids)
        finally:
            self._updating = False

    def selected(self) -> list[str]:
        return list(self._selected)

    def _selection_changed(self) -> None:
        if self._updating:
            return
        self._selected = [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]
        self.sig_selected.emit(list(self._selected))

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        layer_id = item.data(Qt.ItemDataRole.UserRole)
        visible = item.checkState() == Qt.CheckState.Checked
        self.document.push(SetAttrs(layer_id, (("visible", visible),)), _("Show/hide"))

    def _top_level(self) -> list[str]:
        ids = [layer.id for layer in self.document.design.layers]
        return [i for i in self._selected if i in ids]

    def move_selected(self, step: int) -> None:
        ids = [layer.id for layer in self.document.design.layers]
        for layer_id in self._top_level():
            index = ids.index(layer_id)
            self.document.push(MoveInStack(layer_id, max(0, min(len(ids) - 1, index + step))), _("Reorder"))

    def duplicate_selected(self) -> None:
        design = self.document.design
        ids = [layer.id for layer in design.layers]
        new_ids = []
        for layer_id in self._top_level():
            copy = duplicate_of(design.layers[ids.index(layer_id)])
            self.document.push(AddLayer(copy, len(self.document.design.layers)), _("Duplicate"))
            new_ids.append(copy.id)
        if new_ids:
            self._selected = new_ids
            self.sig_selected.emit(new_ids)

    def toggle_lock(self) -> None:
        for layer_id in self._selected:
            layer = self.document.design.find(layer_id)
            if layer is not None:
                self.document.push(SetAttrs(layer_id, (("locked", not layer.locked),)), _("Lock"))

    def delete_selected(self) -> None:
        for layer_id in self._top_level():
            self.document.push(RemoveLayer(layer_id), _("Delete"))
        self._selected = []
        self.sig_selected.emit([])
