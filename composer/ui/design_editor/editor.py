"""The design editor tab: data form, canvas, layers, inspector, sizes and export."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer.core.post import MediaItem, Post
from composer.design.assets import ImageLoader
from composer.design.brand import BrandKit
from composer.design.commands import AddLayer, ReplaceDesign, SetField, SetProps
from composer.design.export import alt_text
from composer.design.io import DesignFileError
from composer.design.model import Box, Layer, new_id
from composer.design.render import Renderer
from composer.design.sizes import SIZES
from composer.design.templates import build
from composer.i18n import _, describe, describe_code
from composer.session import MediaError, Session
from composer.ui.design_editor.alt_dialog import AltTextDialog
from composer.ui.design_editor.brand_dialog import BrandDialog
from composer.ui.design_editor.canvas import DesignCanvas
from composer.ui.design_editor.document import DesignDocument
from composer.ui.design_editor.fields_form import FieldsForm
from composer.ui.design_editor.inspector import FIELD_ONLY, Inspector
from composer.ui.design_editor.layers_panel import LayersPanel
from composer.ui.design_editor.names import size_name
from composer.ui.design_editor.rendering import CanvasRenderer, Frame
from composer.ui.design_editor.templates_dialog import TemplatesDialog
from composer.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
SAVE_MS = 800
IMAGE_FILTER = "*.jpg *.jpeg *.png *.webp *.heic *.heif"


def _new_layer(kind: str, **props: object) -> Layer:
    boxes = {
        "text": Box("center", 0, 0, 0.7, 0.12),
        "shape": Box("center", 0, 0, 0.4, 0.25),
        "image": Box("center", 0, 0, 0.5, 0.35),
        "icon": Box("center", 0, 0, 0.15, 0.12),
        "qr": Box("center", 0, 0, 0.3, 0.24),
    }
    return Layer(new_id(), kind, "", boxes[kind], props=dict(props))


class DesignEditor(QWidget):
    sig_exported = Signal(str, dict)
    """(post id, {platform id: MediaItem}) after "Export to the post"."""

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.post: Post | None = None
        self.brand = session.brand()
        self.loader = ImageLoader(session.media.path_for_id)
        self.canvas_renderer = CanvasRenderer(Renderer(self.brand, self.loader))
        self.document = DesignDocument(build("langkah-paspor"), self)
        self.findings: tuple[object, ...] = ()
        self._frame: Frame | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toolbar = QToolBar()
        # The primary action sits beside the toolbar, not in it: a toolbar too narrow for the
        # screen hides its last actions in the "››" overflow, and this one must stay in sight.
        self.export_button = QPushButton(_("Export to the post"))
        self.export_button.setObjectName("primary")
        self.export_button.setToolTip(_("Put the infographic on the post, in each platform's size"))
        self.export_button.setStyleSheet(
            "QPushButton#primary { background:#0B5CAD; color:white; font-weight:600; padding:4px 12px; border-radius:4px; }"
            "QPushButton#primary:hover { background:#0A4F96; }"
        )
        self.export_button.clicked.connect(lambda _checked=False: self.export_to_post())
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 6, 0)
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)

        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        hint = QLabel(_("This post has no infographic yet."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = QPushButton(_("Start from a template…"))
        self.start_button.clicked.connect(self.choose_template)
        empty_layout.addWidget(hint)
        empty_layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch(1)
        self.stack.addWidget(empty)

        self.canvas = DesignCanvas(self.document)
        self.fields_form = FieldsForm(self.document, self.choose_image)
        fields_scroll = QScrollArea()
        fields_scroll.setWidgetResizable(True)
        fields_scroll.setAlignment(Qt.AlignmentFlag.AlignTop)
        fields_scroll.setWidget(self.fields_form)
        self.layers = LayersPanel(self.document)
        self.inspector = Inspector(self.document, lambda: self.brand, self.choose_image)
        self.findings_label = QLabel()
        self.findings_label.setWordWrap(True)
        self.findings_label.setTextFormat(Qt.TextFormat.RichText)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.layers)
        inspector_scroll = QScrollArea()
        inspector_scroll.setWidgetResizable(True)
        inspector_scroll.setWidget(self.inspector)
        right.addWidget(inspector_scroll)
        right.addWidget(self.findings_label)
        right.setSizes([220, 420, 80])
        work = QSplitter(Qt.Orientation.Horizontal)
        work.addWidget(fields_scroll)
        work.addWidget(self.canvas)
        work.addWidget(right)
        work.setStretchFactor(1, 1)
        work.setSizes([260, 700, 300])
        self.stack.addWidget(work)

        self._build_toolbar()
        self._save_timer = runner.add_timer(QTimer(self, singleShot=True, interval=SAVE_MS))
        self._save_timer.timeout.connect(self.save_now)
        self.document.sig_changed.connect(self._changed)
        self.canvas.sig_selection_changed.connect(self._canvas_selection)
        self.layers.sig_selected.connect(self._list_selection)
        self.canvas.sig_edit_text_requested.connect(self._edit_text)
        self.canvas.sig_text_committed.connect(self._text_committed)

    # --- toolbar ---------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = self.toolbar
        self.template_action = self._act(_("Template…"), self.choose_template)
        self._act(_("Brand kit…"), self.edit_brand)
        bar.addSeparator()
        self.size_combo = QComboBox()
        for spec in SIZES:
            self.size_combo.addItem(size_name(spec), spec.name)
        self.size_combo.setCurrentIndex(SIZES.index(self.document.spec))
        self.size_combo.currentIndexChanged.connect(lambda i: self.document.set_spec(SIZES[i]))
        bar.addWidget(self.size_combo)
        self._act("−", lambda: self.canvas.zoom_by(1 / 1.25), QKeySequence.StandardKey.ZoomOut, _("Zoom out"))
        self._act(_("Fit"), self.canvas.fit, "Ctrl+0")
        self._act("+", lambda: self.canvas.zoom_by(1.25), QKeySequence.StandardKey.ZoomIn, _("Zoom in"))
        bar.addSeparator()
        add_menu = QMenu(self)
        add_menu.addAction(
            _("Text"),
            lambda: self.add_layer(
                _new_layer("text", text=_("New text"), size=0.05, color="$text", weight="bold")
            ),
        )
        add_menu.addAction(
            _("Rectangle"), lambda: self.add_layer(_new_layer("shape", shape="rounded", fill="$accent"))
        )
        add_menu.addAction(
            _("Ellipse"), lambda: self.add_layer(_new_layer("shape", shape="ellipse", fill="$secondary"))
        )
        add_menu.addAction(
            _("Line"), lambda: self.add_layer(_new_layer("shape", shape="line", fill="$primary"))
        )
        add_menu.addAction(
            _("Image…"), lambda: self.choose_image(lambda s: self.add_layer(_new_layer("image", source=s)))
        )
        add_menu.addAction(
            _("Icon"), lambda: self.add_layer(_new_layer("icon", icon="info", color="$primary"))
        )
        add_menu.addAction(
            _("QR code"), lambda: self.add_layer(_new_layer("qr", data="https://{website}", color="$primary"))
        )
        add_button = QToolButton()
        add_button.setText(_("Add"))
        add_button.setMenu(add_menu)
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        bar.addWidget(add_button)
        # Duplicate, Delete, Undo and Redo take their keys (Ctrl+D, Del, Ctrl+Z, Ctrl+Y) from the
        # window's Edit menu (ui/edit_actions.py), which calls edit_run() below.
        # Order, lock, duplicate and delete are buttons under the layer list (and in the Edit
        # menu): here they keep only their keys, so the toolbar fits a 1366 px screen.
        self._act(_("Forward"), lambda: self.layers.move_selected(1), "Ctrl+]", shown=False)
        self._act(_("Backward"), lambda: self.layers.move_selected(-1), "Ctrl+[", shown=False)
        self._act(_("Lock"), self.layers.toggle_lock, "Ctrl+L", shown=False)
        # Fixed labels: "Urungkan Ubah teks…" would change the toolbar's width with every edit
        # and push the primary action into the overflow; the tooltip names the step.
        stack = self.document.undo_stack
        self.undo_action = self._act(_("Undo"), stack.undo)
        self.redo_action = self._act(_("Redo"), stack.redo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda t: self.undo_action.setToolTip(_("Undo: {step}").format(step=t)))
        stack.redoTextChanged.connect(lambda t: self.redo_action.setToolTip(_("Redo: {step}").format(step=t)))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)

    def _act(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        *,
        shown: bool = True,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        if shown:
            self.toolbar.addAction(action)
        self.addAction(action)  # its shortcut works wherever the focus is in the editor (canvas too)
        return action

    # --- the window's Edit menu (ui/edit_actions.Editable) -------------------------------------
    def edit_available(self, command: str) -> bool:
        if not self.has_design():
            return False
        stack = self.document.undo_stack
        return {
            "undo": stack.canUndo(),
            "redo": stack.canRedo(),
            "delete": bool(self.layers.selected()),
            "duplicate": bool(self.layers.selected()),
        }.get(command, False)

    def edit_run(self, command: str) -> None:
        actions = {
            "undo": self.document.undo_stack.undo,
            "redo": self.document.undo_stack.redo,
            "delete": self.layers.delete_selected,
            "duplicate": self.layers.duplicate_selected,
        }
        if command in actions:
            actions[command]()

    # --- posts and designs -------------------------------------------------------------------
    def set_post(self, post: Post | None) -> None:
        self.save_now()
        self.post = post
        design = None
        if post is not None:
            try:
                design = self.session.load_design(post.id)
            except DesignFileError as exc:
                QMessageBox.warning(self, _("Design cannot be opened"), describe_code(exc.code, exc.params))
        self.stack.setCurrentIndex(1 if design is not None else 0)
        if design is not None:
            self.document.replace(design)
            self.canvas.select([])

    def has_design(self) -> bool:
        return self.stack.currentIndex() == 1

    def start_from(self, template_id: str) -> None:
        design = build(template_id)
        if self.has_design():
            self.document.push(ReplaceDesign(design), _("Template"))
        else:
            self.document.replace(design)
        self.stack.setCurrentIndex(1)
        self.canvas.select([])
        self.save_now()

    def choose_template(self) -> None:
        dialog = TemplatesDialog(self.brand, self.loader, self.runner, self)
        if dialog.exec():
            self.start_from(dialog.chosen())

    def save_now(self) -> None:
        self._save_timer.stop()
        if self.runner.closed:
            return  # the window or the session has closed: its last state is already saved
        if self.post is not None and self.has_design():
            self.session.save_design(self.post.id, self.document.design)

    def _changed(self) -> None:
        self.request_render()
        if self.has_design() and not self._save_timer.isActive():
            self._save_timer.start()

    # --- rendering ---------------------------------------------------------------------------
    def request_render(self) -> None:
        spec = self.document.spec
        self.runner.submit(
            self.canvas_renderer.render,
            self.document.design,
            spec.width,
            spec.height,
            on_done=self._show_frame,
            key="design-canvas",
            owner=self,
        )

    def _show_frame(self, frame: Frame) -> None:
        self._frame = frame
        self.canvas.set_frame(frame.image)
        self.findings = frame.findings
        rows = [f"{'⛔' if f.severity == 'error' else '⚠️'} {describe(f)}" for f in frame.findings]
        self.findings_label.setText(
            "<br>".join(rows) if rows else _("✓ Every text is readable at this size.")
        )

    def frame(self) -> Frame | None:
        return self._frame

    # --- selection and text ----------------------------------------------------------------
    def _canvas_selection(self, ids: list[str]) -> None:
        self.layers.show_selection(ids)
        self.inspector.show_layer(ids[0] if len(ids) == 1 else "")

    def _list_selection(self, ids: list[str]) -> None:
        self.canvas.select(ids)

    def _edit_text(self, layer_id: str) -> None:
        layer = self.document.design.find(layer_id)
        if layer is None:
            return
        raw = str(layer.prop("text", ""))
        bound = FIELD_ONLY.match(raw)
        values = self.document.design.field_values()
        text = str(values[bound.group(1)]) if bound and bound.group(1) in values else raw
        self.canvas.edit_text(layer_id, text)

    def _text_committed(self, layer_id: str, text: str) -> None:
        layer = self.document.design.find(layer_id)
        if layer is None:
            return
        raw = str(layer.prop("text", ""))
        bound = FIELD_ONLY.match(raw)
        if bound and bound.group(1) in self.document.design.field_values():
            if self.document.design.field_values()[bound.group(1)] != text:
                self.document.push(SetField(bound.group(1), text), _("Edit text"))
        elif raw != text:
            self.document.push(SetProps(layer_id, (("text", text),)), _("Edit text"))

    def add_layer(self, layer: Layer) -> None:
        self.document.push(AddLayer(layer, len(self.document.design.layers)), _("Add"))
        self.canvas.select([layer.id])

    # --- images and brand ----------------------------------------------------------------------
    def choose_image(self, then: Callable[[str], None]) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose an image"), str(Path.home()), f"{_('Images')} ({IMAGE_FILTER})"
        )
        if path:
            self.import_image(Path(path), then)

    def import_image(self, path: Path, then: Callable[[str], None]) -> None:
        def done(item: MediaItem) -> None:
            then(f"media:{item.id}")

        def failed(exc: BaseException) -> None:
            message = (
                describe_code(exc.code, exc.params)
                if isinstance(exc, MediaError)
                else _("The file could not be added.")
            )
            QMessageBox.warning(self, _("Cannot use this image"), message)

        self.runner.submit(
            self.session.import_file, path, on_done=done, on_error=failed, owner=self, lane="imports"
        )

    def edit_brand(self) -> None:
        dialog = BrandDialog(self.brand, self.choose_image, self)
        if dialog.exec():
            self.set_brand(dialog.value())

    def set_brand(self, brand: BrandKit) -> None:
        self.brand = brand
        self.session.save_brand(brand)
        self.canvas_renderer.renderer.brand = brand
        self.request_render()

    # --- export --------------------------------------------------------------------------------
    def export_to_post(self, *, confirm_alt: bool = True) -> None:
        if self.post is None or not self.has_design():
            return
        draft = alt_text(self.document.design, self.brand.office_name)
        if confirm_alt:
            dialog = AltTextDialog(draft, self)
            if not dialog.exec():
                return
            alt = dialog.text()
        else:
            alt = draft
        post_id = self.post.id

        def done(results: dict[str, MediaItem]) -> None:
            self.sig_exported.emit(post_id, results)

        def failed(exc: BaseException) -> None:
            log.error("export failed", exc_info=exc)
            QMessageBox.warning(self, _("Export failed"), _("The infographic could not be exported."))

        self.runner.submit(
            self.session.export_design_to_post,
            self.document.design,
            alt,
            self.brand,
            on_done=done,
            on_error=failed,
            owner=self,
        )
