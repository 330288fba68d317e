"""Pick a template from a gallery of thumbnails rendered with the office's brand kit."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from composer.design.assets import ImageLoader
from composer.design.brand import BrandKit
from composer.design.render import Renderer
from composer.design.templates import TEMPLATES
from composer.i18n import _
from composer.ui.design_editor.rendering import to_qimage
from composer.ui.screen_fit import fit_to_screen
from composer.ui.tasks import TaskRunner

THUMB = (216, 270)


def _thumbnails(brand: BrandKit, loader: ImageLoader) -> list[QImage]:
    renderer = Renderer(brand, loader)
    out = []
    for template in TEMPLATES:
        image = renderer.render(template.build(), 1080, 1350).image.resize(THUMB)
        out.append(to_qimage(image))
    return out


class TemplatesDialog(QDialog):
    def __init__(
        self, brand: BrandKit, loader: ImageLoader, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Choose a template"))
        fit_to_screen(self, QSize(980, 700))  # a laptop's work area may be smaller
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(*THUMB))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(10)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        for template in TEMPLATES:
            item = QListWidgetItem(f"{template.name}\n{template.description}")
            item.setData(Qt.ItemDataRole.UserRole, template.id)
            item.setSizeHint(QSize(THUMB[0] + 20, THUMB[1] + 56))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        runner.submit(_thumbnails, brand, loader, on_done=self._show_thumbnails, owner=self)

    def _show_thumbnails(self, images: list[QImage]) -> None:
        for row, image in enumerate(images):
            self.list.item(row).setIcon(QIcon(QPixmap.fromImage(image)))

    def chosen(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else TEMPLATES[0].id
