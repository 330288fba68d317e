"""The writing area: title, master text or a platform's own version, tags and media.

Each text target (the master text and each platform) has its own QTextDocument, so undo
and redo keep working per target. A platform follows the master text until the officer
types in its tab; from then on it diverges until "Use the main text again".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from composer.core.platforms import PLATFORMS
from composer.core.post import KIP_CATEGORIES, MediaItem, Post
from composer.i18n import N_, _
from composer.ui.thumbnails import ThumbnailCache

if TYPE_CHECKING:
    from PySide6.QtGui import QInputMethodEvent, QKeyEvent

    from composer.ui.edited_lines import EditedLines

MASTER = ""
KIP_LABELS = {
    "": N_("No KIP category"),
    "berkala": N_("KIP: periodic information (berkala)"),
    "serta-merta": N_("KIP: immediate information (serta-merta)"),
    "setiap-saat": N_("KIP: information available at all times (setiap saat)"),
}
ALT_MAX = 1000  # X and Instagram both cap alt text at 1,000 characters
FILE_FILTER = "*.jpg *.jpeg *.png *.webp *.heic *.heif *.gif *.bmp *.tif *.tiff *.mp4 *.mov *.webm"


class PostTextEdit(QPlainTextEdit):
    """A plain-text editor that hands dropped files and pasted images to the post."""

    sig_files_dropped = Signal(list)
    """(list of local file paths) dropped or pasted onto the editor."""
    sig_image_pasted = Signal(QImage)
    """(image) pasted from the clipboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A key repaints the lines it changed, not the paragraph (composer/ui/edited_lines.py).
        # Made with the first key, paste or drop: nothing of it is needed to paint the
        # window (~2-3 ms of start-up), and until then Qt repaints whole paragraphs.
        self._edited_lines: EditedLines | None = None

    def _track_edited_lines(self) -> None:
        if self._edited_lines is None:
            from composer.ui.edited_lines import EditedLines

            self._edited_lines = EditedLines(self)

    def setDocument(self, document: QTextDocument) -> None:
        super().setDocument(document)
        if self._edited_lines is not None:
            self._edited_lines.watch()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._track_edited_lines()
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._track_edited_lines()
        super().inputMethodEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        self._track_edited_lines()
        files = [u.toLocalFile() for u in source.urls() if u.isLocalFile()] if source.hasUrls() else []
        if files:
            self.sig_files_dropped.emit(files)
        elif source.hasImage():
            image = QImage(source.imageData())
            if not image.isNull():
                self.sig_image_pasted.emit(image)
        else:
            super().insertFromMimeData(source)


class MediaStrip(QListWidget):
    """Thumbnails of the post's media; drag to reorder."""

    sig_reordered = Signal(list)
    """(list of media ids in their new order)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(88, 88))
        self.setFixedHeight(128)
        self.setMovement(QListWidget.Movement.Snap)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.model().rowsMoved.connect(lambda *_: self.sig_reordered.emit(self.ids()))

    def ids(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]


class ComposerEditor(QWidget):
    sig_changed = Signal()
    """The post was edited (text, title, tags, media, variants)."""
    sig_attach_requested = Signal(list)
    """(list of file paths) the officer wants to attach."""
    sig_image_pasted = Signal(QImage)
    """(image) pasted from the clipboard, to be attached."""

    def __init__(self, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbs = thumbnails
        self.post: Post | None = None
        self._docs: dict[str, QTextDocument] = {}
        self._target = MASTER
        self._cursors: dict[str, int] = {}
        self._syncing = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("Title (for YouTube and the website)"))
        self.title_edit.textEdited.connect(self._title_edited)
        layout.addWidget(self.title_edit)

        self.targets = QTabBar()
        self.targets.setExpanding(False)
        self.targets.setDocumentMode(True)
        # Never a scrolling tab row (a platform's " ✎" widens its tab): tight tabs, and on a
        # very narrow editor the names shorten rather than hide behind arrows.
        self.targets.setUsesScrollButtons(False)
        self.targets.setElideMode(Qt.TextElideMode.ElideRight)
        # Seven tabs (the main text and six platforms) fit the editor at 1366 px wide.
        self.targets.setStyleSheet("QTabBar::tab { padding: 4px 3px; }")
        tab_font = self.targets.font()
        tab_font.setPointSizeF(tab_font.pointSizeF() * 0.94)
        self.targets.setFont(tab_font)
        self.targets.addTab(_("Main text"))
        for platform in PLATFORMS:
            self.targets.addTab(_(platform.name))
        self.targets.currentChanged.connect(self._target_changed)
        layout.addWidget(self.targets)

        banner_row = QHBoxLayout()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: palette(placeholder-text);")
        self.reset_button = QPushButton(_("Use the main text again"))
        self.reset_button.clicked.connect(self.reset_override)
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.reset_button)
        layout.addLayout(banner_row)

        self.text_edit = PostTextEdit()
        self.text_edit.setPlaceholderText(_("Write the post once here. Drop or paste photos to attach them."))
        self.text_edit.sig_files_dropped.connect(lambda files: self.sig_attach_requested.emit(files))
        self.text_edit.sig_image_pasted.connect(self.sig_image_pasted)
        layout.addWidget(self.text_edit, 1)

        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(_("Tags, separated by commas (YouTube, website)"))
        self.tags_edit.textEdited.connect(self._tags_edited)
        # The KIP category shares the tags' row: the editor must still fit a 768 px screen.
        tags_row = QHBoxLayout()
        tags_row.addWidget(self.tags_edit, 1)
        self.kip_box = QComboBox()
        self.kip_box.setAccessibleName(_("KIP category (monthly report)"))
        self.kip_box.setToolTip(
            _("Public information category (UU 14/2008) this post is filed under in the monthly report")
        )
        for key in ("", *KIP_CATEGORIES):
            self.kip_box.addItem(_(KIP_LABELS[key]), key)
        self.kip_box.activated.connect(self._kip_chosen)
        tags_row.addWidget(self.kip_box)
        layout.addLayout(tags_row)

        media_head = QHBoxLayout()
        media_head.addWidget(QLabel(_("Photos and videos")), 1)
        self.attach_button = QPushButton(_("Attach…"))
        self.attach_button.clicked.connect(self._choose_files)
        self.left_button = QPushButton("◀")
        self.left_button.setToolTip(_("Move earlier"))
        self.left_button.clicked.connect(lambda: self._move_selected(-1))
        self.right_button = QPushButton("▶")
        self.right_button.setToolTip(_("Move later"))
        self.right_button.clicked.connect(lambda: self._move_selected(1))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self._remove_selected)
        for button in (self.left_button, self.right_button):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("◀") + 24)
        for button in (self.attach_button, self.left_button, self.right_button, self.remove_button):
            media_head.addWidget(button)
        layout.addLayout(media_head)
        self.media_strip = MediaStrip()
        self.media_strip.sig_reordered.connect(self._reordered)
        self.media_strip.currentRowChanged.connect(self._selection_changed)
        layout.addWidget(self.media_strip)
        self.alt_edit = QLineEdit()
        self.alt_edit.setMaxLength(ALT_MAX)
        self.alt_edit.setPlaceholderText(
            _("Alt text: describe the selected image for people who cannot see it")
        )
        self.alt_edit.textEdited.connect(self._alt_edited)
        layout.addWidget(self.alt_edit)
        thumbnails.sig_loaded.connect(self._thumbnail_loaded)
        self.setEnabled(False)

    # --- loading -------------------------------------------------------------------
    def set_post(self, post: Post | None) -> None:
        self.post = post
        self.setEnabled(post is not None)
        for doc in self._docs.values():
            doc.deleteLater()
        self._docs = {}
        if post is None:
            self.text_edit.setDocument(self._new_doc(MASTER, ""))
            return
        # A platform's own text gets its document when its tab is first opened: most posts
        # are written in the main text only (issue 17, start-up: six documents fewer).
        self._docs[MASTER] = self._new_doc(MASTER, post.text)
        self.title_edit.setText(post.title)
        self.tags_edit.setText(", ".join(post.tags))
        self.kip_box.setCurrentIndex(max(0, self.kip_box.findData(post.kip)))
        self._target = MASTER
        self._cursors = {}
        self.targets.blockSignals(True)
        self.targets.setCurrentIndex(0)
        self.targets.blockSignals(False)
        self.text_edit.setDocument(self._docs[MASTER])
        self._refresh_targets()
        self.refresh_media()

    def _doc(self, target: str) -> QTextDocument:
        doc = self._docs.get(target)
        if doc is None:
            text = self.post.text_for(target) if self.post is not None else ""
            doc = self._docs[target] = self._new_doc(target, text)
        return doc

    def _new_doc(self, target: str, text: str) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
        doc.setPlainText(text)
        doc.setModified(False)
        doc.contentsChanged.connect(lambda t=target: self._text_edited(t))
        return doc

    # --- text ----------------------------------------------------------------------
    def _text_edited(self, target: str) -> None:
        if self._syncing or self.post is None:
            return
        text = self._docs[target].toPlainText()
        if target == MASTER:
            self.post.text = text
        else:
            self.post.variant(target).text = text
            self._refresh_targets()
        self.sig_changed.emit()

    def _target_changed(self, index: int) -> None:
        self._cursors[self._target] = self.text_edit.textCursor().position()
        self._target = MASTER if index == 0 else PLATFORMS[index - 1].id
        if self.post is not None and self._target != MASTER and not self.post.has_override(self._target):
            self._sync_doc(self._target, self.post.text)
        doc = self._doc(self._target)
        self.text_edit.setDocument(doc)
        cursor = self.text_edit.textCursor()  # each text keeps its own caret position
        cursor.setPosition(
            min(self._cursors.get(self._target, doc.characterCount() - 1), doc.characterCount() - 1)
        )
        self.text_edit.setTextCursor(cursor)
        self._refresh_targets()

    def _sync_doc(self, target: str, text: str) -> None:
        doc = self._doc(target)
        if doc.toPlainText() != text:
            self._syncing = True
            try:
                doc.setPlainText(text)
            finally:
                self._syncing = False

    def reset_override(self) -> None:
        if self.post is None or self._target == MASTER:
            return
        self.post.variant(self._target).text = None
        self._sync_doc(self._target, self.post.text)
        self._refresh_targets()
        self.sig_changed.emit()

    def select_target(self, platform_id: str) -> None:
        ids = [MASTER] + [p.id for p in PLATFORMS]
        self.targets.setCurrentIndex(ids.index(platform_id))

    def _refresh_targets(self) -> None:
        post = self.post
        for index, platform in enumerate(PLATFORMS, start=1):
            marked = post is not None and post.has_override(platform.id)
            self.targets.setTabText(index, _(platform.name) + (" ✎" if marked else ""))
        if self._target == MASTER:
            self.banner.setText(_("Main text: every platform without its own version uses it."))
            self.reset_button.hide()
        else:
            name = next(_(p.name) for p in PLATFORMS if p.id == self._target)
            if post is not None and post.has_override(self._target):
                self.banner.setText(
                    _("{platform} has its own text, different from the main text.").format(platform=name)
                )
                self.reset_button.show()
            else:
                self.banner.setText(
                    _("{platform} follows the main text. Typing here gives it its own version.").format(
                        platform=name
                    )
                )
                self.reset_button.hide()

    def _title_edited(self, text: str) -> None:
        if self.post is not None:
            self.post.title = text
            self.sig_changed.emit()

    def _tags_edited(self, text: str) -> None:
        if self.post is not None:
            self.post.tags = [t.strip() for t in text.split(",") if t.strip()]
            self.sig_changed.emit()

    def _kip_chosen(self, index: int) -> None:
        if self.post is not None:
            self.post.kip = str(self.kip_box.itemData(index) or "")
            self.sig_changed.emit()

    # --- media ---------------------------------------------------------------------
    def refresh_media(self) -> None:
        strip = self.media_strip
        current = strip.currentRow()
        # Only the strip's own signals are held back: the view must still hear the model's
        # row notices, or it never lays the new items out (grey boxes, items that vanish).
        strip.blockSignals(True)
        strip.clear()
        for item in self.post.media if self.post else []:
            entry = QListWidgetItem(self._icon(item), item.filename[:14])
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setToolTip(f"{item.filename}\n{item.width}×{item.height}")
            strip.addItem(entry)
        strip.blockSignals(False)
        if strip.count():
            strip.setCurrentRow(min(max(current, 0), strip.count() - 1))
        self._selection_changed(strip.currentRow())

    def _icon(self, item: MediaItem) -> QIcon:
        pixmap = self._thumbs.get(item)
        if pixmap is None:
            placeholder = QPixmap(88, 88)
            placeholder.fill(Qt.GlobalColor.darkGray if item.kind == "video" else Qt.GlobalColor.lightGray)
            return QIcon(placeholder)
        return QIcon(
            pixmap.scaled(
                88, 88, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def _thumbnail_loaded(self, media_id: str) -> None:
        if self.post is None:
            return
        for row, item in enumerate(self.post.media):
            if item.id == media_id and row < self.media_strip.count():
                self.media_strip.item(row).setIcon(self._icon(item))

    def _selected(self) -> int:
        row = self.media_strip.currentRow()
        return row if self.post is not None and 0 <= row < len(self.post.media) else -1

    def _selection_changed(self, _row: int) -> None:
        row = self._selected()
        has = row >= 0
        for widget in (self.alt_edit, self.remove_button, self.left_button, self.right_button):
            widget.setEnabled(has)
        if has and self.post is not None:
            item = self.post.media[row]
            self.alt_edit.setText(item.alt)
            self.alt_edit.setEnabled(item.kind == "image")
        else:
            self.alt_edit.clear()

    def _alt_edited(self, text: str) -> None:
        row = self._selected()
        if row >= 0 and self.post is not None:
            self.post.media[row] = dataclasses.replace(self.post.media[row], alt=text)
            self.sig_changed.emit()

    def _move_selected(self, step: int) -> None:
        row = self._selected()
        if row < 0 or self.post is None:
            return
        target = row + step
        if 0 <= target < len(self.post.media):
            media = self.post.media
            media[row], media[target] = media[target], media[row]
            self.media_strip.setCurrentRow(target)
            self.refresh_media()
            self.media_strip.setCurrentRow(target)
            self.sig_changed.emit()

    def _remove_selected(self) -> None:
        row = self._selected()
        if row >= 0 and self.post is not None:
            del self.post.media[row]
            self.refresh_media()
            self.sig_changed.emit()

    def _reordered(self, ids: list[str]) -> None:
        if self.post is None:
            return
        by_id: dict[str, list[MediaItem]] = {}
        for item in self.post.media:
            by_id.setdefault(item.id, []).append(item)
        self.post.media = [by_id[i].pop(0) for i in ids]
        self.sig_changed.emit()

    def add_media(self, item: MediaItem) -> None:
        if self.post is None:
            return
        self.post.media.append(item)
        self.refresh_media()
        self.media_strip.setCurrentRow(len(self.post.media) - 1)
        self.sig_changed.emit()

    def _choose_files(self) -> None:
        # Imported on first use: not built for the first paint (issue 17, start-up).
        from PySide6.QtWidgets import QFileDialog

        files, _filter = QFileDialog.getOpenFileNames(
            self, _("Attach photos or videos"), str(Path.home()), f"{_('Photos and videos')} ({FILE_FILTER})"
        )
        if files:
            self.sig_attach_requested.emit(files)
