"""The design canvas: the renderer's picture, with Qt drawing only selection and guides.

Layers are hit-tested and dragged in design pixels (the scene is the canvas at 1:1; the
view zooms). A drag or a resize pushes ``SetBox`` commands that merge into one undo step;
edges and centres snap to the canvas and to other layers, with guide lines shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsProxyWidget,
    QGraphicsScene,
    QGraphicsView,
    QPlainTextEdit,
    QWidget,
)

from composer.design.commands import Batch, SetBox
from composer.design.layout import Placed, Rect, box_from_rect, container_of, place
from composer.i18n import _
from composer.ui.design_editor.document import DesignDocument, new_gesture

HANDLES = ("tl", "t", "tr", "r", "br", "b", "bl", "l")
SNAP_SCREEN_PX = 7
SELECT_COLOR = QColor("#0A84FF")
GUIDE_COLOR = QColor("#FF2D95")


class _InlineEditor(QPlainTextEdit):
    """Edits a text layer in place; Ctrl+Enter or leaving commits, Esc cancels."""

    sig_done = Signal(bool)
    """(commit) when editing ends."""

    def event(self, event: QEvent) -> bool:
        # Ctrl+Enter finishes the edit here, even though the window uses it for "Post to all".
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.sig_done.emit(False)
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.sig_done.emit(True)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.sig_done.emit(True)


class DesignCanvas(QGraphicsView):
    sig_selection_changed = Signal(list)
    """(list of selected layer ids)."""
    sig_text_committed = Signal(str, str)
    """(layer id, new text) from the inline editor."""
    sig_edit_text_requested = Signal(str)
    """(layer id) double-clicked text layer; the editor supplies the text to edit."""

    def __init__(self, document: DesignDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform | QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QBrush(QColor("#3a3f46")))
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Scroll bars that appear and vanish as fitInView rescales resize the viewport,
        # which refits, which toggles them again: an endless layout loop. The wheel still
        # scrolls (the bars exist, hidden) and the middle button pans.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._pan_from: QPointF | None = None
        self._pixmap = QGraphicsPixmapItem()
        self._pixmap.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._pixmap)
        self._frame_outline = self.scene().addRect(QRectF(), QPen(QColor("#00000055"), 0))
        self.selection: list[str] = []
        self._placed: list[Placed] = []
        self._overlays: list[QGraphicsItem] = []
        self._guides: list[QGraphicsLineItem] = []
        self._drag: dict[str, object] | None = None
        self._fit = True
        self._editor: QGraphicsProxyWidget | None = None
        self._editing_id = ""
        document.sig_changed.connect(self.refresh_geometry)
        self.refresh_geometry()

    # --- state from the document ---------------------------------------------------------
    def refresh_geometry(self) -> None:
        spec = self.document.spec
        self.scene().setSceneRect(QRectF(-40, -40, spec.width + 80, spec.height + 80))
        self._frame_outline.setRect(QRectF(0, 0, spec.width, spec.height))
        self._placed = place(self.document.design, spec.width, spec.height)
        self.selection = [i for i in self.selection if self.document.design.find(i) is not None]
        self._draw_selection()
        if self._fit:
            self.fit()

    def set_frame(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        self._pixmap.setPixmap(pixmap)

    def frame_image(self) -> QImage:
        return self._pixmap.pixmap().toImage()

    def rect_of(self, layer_id: str) -> Rect | None:
        return next((p.rect for p in self._placed if p.layer.id == layer_id), None)

    # --- zoom ------------------------------------------------------------------------------
    def fit(self) -> None:
        spec = self.document.spec
        self._fit = True
        before = self.zoom()
        self.fitInView(
            QRectF(-20, -20, spec.width + 40, spec.height + 40), Qt.AspectRatioMode.KeepAspectRatio
        )
        if abs(self.zoom() - before) > 1e-6:
            self._draw_selection()  # handle sizes are in screen pixels

    def zoom_by(self, factor: float) -> None:
        self._fit = False
        self.scale(factor, factor)
        self._draw_selection()

    def zoom(self) -> float:
        return self.transform().m11()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)

    # --- selection -------------------------------------------------------------------------
    def select(self, ids: list[str]) -> None:
        if ids != self.selection:
            self.selection = list(ids)
            self._draw_selection()
            self.sig_selection_changed.emit(list(self.selection))

    def _draw_selection(self) -> None:
        for item in self._overlays:
            self.scene().removeItem(item)
        self._overlays = []
        scale = 1 / max(self.zoom(), 0.01)
        pen = QPen(SELECT_COLOR, 1.5 * scale)
        for layer_id in self.selection:
            rect = self.rect_of(layer_id)
            if rect is None:
                continue
            outline = self.scene().addRect(QRectF(rect.x, rect.y, rect.w, rect.h), pen)
            self._overlays.append(outline)
            layer = self.document.design.find(layer_id)
            if len(self.selection) == 1 and layer is not None and not layer.locked:
                size = 9 * scale
                for name, point in self._handle_points(rect).items():
                    handle = self.scene().addRect(
                        QRectF(point.x() - size / 2, point.y() - size / 2, size, size),
                        QPen(SELECT_COLOR, scale),
                        QBrush(QColor("white")),
                    )
                    handle.setData(0, name)
                    self._overlays.append(handle)

    @staticmethod
    def _handle_points(rect: Rect) -> dict[str, QPointF]:
        cx, cy = rect.x + rect.w / 2, rect.y + rect.h / 2
        return {
            "tl": QPointF(rect.x, rect.y),
            "t": QPointF(cx, rect.y),
            "tr": QPointF(rect.right, rect.y),
            "r": QPointF(rect.right, cy),
            "br": QPointF(rect.right, rect.bottom),
            "b": QPointF(cx, rect.bottom),
            "bl": QPointF(rect.x, rect.bottom),
            "l": QPointF(rect.x, cy),
        }

    def layer_at(self, point: QPointF) -> str | None:
        """The topmost unlocked layer under *point*; a group's child selects the group."""
        for placed in reversed(self._placed):
            rect = placed.rect
            if rect.x <= point.x() <= rect.right and rect.y <= point.y() <= rect.bottom:
                top = self.document.design.find(placed.top_id)
                if top is not None and not top.locked:
                    return placed.top_id
        return None

    def _handle_at(self, point: QPointF) -> str | None:
        if len(self.selection) != 1:
            return None
        rect = self.rect_of(self.selection[0])
        if rect is None:
            return None
        reach = 8 / max(self.zoom(), 0.01)
        for name, handle in self._handle_points(rect).items():
            if abs(handle.x() - point.x()) <= reach and abs(handle.y() - point.y()) <= reach:
                return name
        return None

    # --- mouse -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus()
        point = self.mapToScene(event.position().toPoint())
        handle = self._handle_at(point)
        if handle is not None:
            self._start_drag(point, handle)
            return
        hit = self.layer_at(point)
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            if hit is not None:
                self.select(
                    [i for i in self.selection if i != hit]
                    if hit in self.selection
                    else [*self.selection, hit]
                )
            return
        if hit is None:
            self.select([])
            return
        if hit not in self.selection:
            self.select([hit])
        self._start_drag(point, None)

    def _start_drag(self, point: QPointF, handle: str | None) -> None:
        movable = [
            i
            for i in self.selection
            if (layer := self.document.design.find(i)) is not None and not layer.locked
        ]
        starts = {i: r for i in movable if (r := self.rect_of(i)) is not None}
        self._drag = {"origin": point, "handle": handle, "starts": starts, "gesture": new_gesture()}

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            return
        drag = self._drag
        if drag is None:
            super().mouseMoveEvent(event)
            return
        point = self.mapToScene(event.position().toPoint())
        origin = drag["origin"]
        assert isinstance(origin, QPointF)
        dx, dy = point.x() - origin.x(), point.y() - origin.y()
        starts = drag["starts"]
        assert isinstance(starts, dict)
        handle = drag["handle"]
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        new_rects = {}
        if handle is None:
            dx, dy = self._snap_move(starts, dx, dy)
            for layer_id, rect in starts.items():
                new_rects[layer_id] = Rect(rect.x + dx, rect.y + dy, rect.w, rect.h)
        else:
            for layer_id, rect in starts.items():
                new_rects[layer_id] = _resized(rect, str(handle), dx, dy, keep_aspect=shift)
        self.move_layers(new_rects, int(drag["gesture"]))  # type: ignore[call-overload]

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._pan_from = None
        if self._drag is not None:
            self._drag = None
            self._clear_guides()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = self.mapToScene(event.position().toPoint())
        hit = self.layer_at(point)
        layer = self.document.design.find(hit) if hit else None
        if layer is not None and layer.kind == "text":
            self.sig_edit_text_requested.emit(layer.id)
        else:
            super().mouseDoubleClickEvent(event)

    # --- moving ----------------------------------------------------------------------------
    def move_layers(self, rects: dict[str, Rect], gesture: int | None = None) -> None:
        """Place layers at new pixel rectangles (one undo step per gesture)."""
        spec, design = self.document.spec, self.document.design
        fam = self.document.family
        commands = []
        for layer_id, rect in rects.items():
            layer = design.find(layer_id)
            if layer is None or layer.locked:
                continue
            container = container_of(design, layer_id, spec.width, spec.height)
            anchor = layer.box_for(fam).anchor
            commands.append(SetBox(layer_id, fam, box_from_rect(rect, anchor, container)))
        if commands:
            command = commands[0] if len(commands) == 1 else Batch(tuple(commands))
            self.document.push(command, _("Move"), gesture)

    def nudge(self, dx: float, dy: float) -> None:
        rects = {
            i: Rect(r.x + dx, r.y + dy, r.w, r.h)
            for i in self.selection
            if (r := self.rect_of(i)) is not None
        }
        self.move_layers(rects)

    def _snap_move(self, starts: dict[str, Rect], dx: float, dy: float) -> tuple[float, float]:
        self._clear_guides()
        if not starts:
            return dx, dy
        spec = self.document.spec
        left = min(r.x for r in starts.values()) + dx
        top = min(r.y for r in starts.values()) + dy
        right = max(r.right for r in starts.values()) + dx
        bottom = max(r.bottom for r in starts.values()) + dy
        xs = [0.0, spec.width / 2, float(spec.width)]
        ys = [0.0, spec.height / 2, float(spec.height)]
        for placed in self._placed:
            if placed.top_id in starts or placed.depth > 0:
                continue
            r = placed.rect
            xs += [r.x, r.x + r.w / 2, r.right]
            ys += [r.y, r.y + r.h / 2, r.bottom]
        reach = SNAP_SCREEN_PX / max(self.zoom(), 0.01)
        best_x = min(
            ((line - edge, line) for edge in (left, (left + right) / 2, right) for line in xs),
            key=lambda t: abs(t[0]),
        )
        best_y = min(
            ((line - edge, line) for edge in (top, (top + bottom) / 2, bottom) for line in ys),
            key=lambda t: abs(t[0]),
        )
        pen = QPen(GUIDE_COLOR, 1 / max(self.zoom(), 0.01), Qt.PenStyle.DashLine)
        if abs(best_x[0]) <= reach:
            dx += best_x[0]
            self._guides.append(self.scene().addLine(best_x[1], 0, best_x[1], spec.height, pen))
        if abs(best_y[0]) <= reach:
            dy += best_y[0]
            self._guides.append(self.scene().addLine(0, best_y[1], spec.width, best_y[1], pen))
        return dx, dy

    def _clear_guides(self) -> None:
        for guide in self._guides:
            self.scene().removeItem(guide)
        self._guides = []

    def guides_shown(self) -> int:
        return len(self._guides)

    # --- inline text editing -----------------------------------------------------------------
    def edit_text(self, layer_id: str, text: str) -> None:
        rect = self.rect_of(layer_id)
        if rect is None:
            return
        self.finish_text_edit(commit=False)
        editor = _InlineEditor()
        editor.setPlainText(text)
        editor.setStyleSheet("background: rgba(255,255,255,235); color: #1b2430; border: 2px solid #0A84FF;")
        font = editor.font()
        font.setPointSizeF(max(10.0, 12 / max(self.zoom(), 0.05)))
        editor.setFont(font)
        proxy = self.scene().addWidget(editor)
        proxy.setGeometry(QRectF(rect.x, rect.y, max(rect.w, 200), max(rect.h, 80)))
        proxy.setZValue(10)
        self._editor, self._editing_id = proxy, layer_id
        editor.sig_done.connect(lambda commit: self.finish_text_edit(commit))
        editor.setFocus()
        editor.selectAll()

    def finish_text_edit(self, commit: bool) -> None:
        proxy, layer_id = self._editor, self._editing_id
        if proxy is None:
            return
        self._editor, self._editing_id = None, ""
        widget = proxy.widget()
        text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else ""
        self.scene().removeItem(proxy)
        proxy.deleteLater()
        if commit:
            self.sig_text_committed.emit(layer_id, text)
        self.setFocus()

    def inline_editor(self) -> QPlainTextEdit | None:
        widget = self._editor.widget() if self._editor is not None else None
        return widget if isinstance(widget, QPlainTextEdit) else None

    # --- keys ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = 10.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
        moves = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        if event.key() in moves and self.selection:
            self.nudge(*moves[Qt.Key(event.key())])
            return
        if event.key() == Qt.Key.Key_Escape:
            self.select([])
            return
        super().keyPressEvent(event)


def _resized(rect: Rect, handle: str, dx: float, dy: float, *, keep_aspect: bool) -> Rect:
    left, top, right, bottom = rect.x, rect.y, rect.right, rect.bottom
    if "l" in handle:
        left = min(left + dx, right - 8)
    if "r" in handle:
        right = max(right + dx, left + 8)
    if "t" in handle:
        top = min(top + dy, bottom - 8)
    if "b" in handle:
        bottom = max(bottom + dy, top + 8)
    new = Rect(left, top, right - left, bottom - top)
    if keep_aspect and rect.h > 0 and len(handle) == 2:
        ratio = rect.w / rect.h
        height = new.w / ratio
        new = Rect(new.x, new.y if "b" in handle else new.bottom - height, new.w, height)
    return new
