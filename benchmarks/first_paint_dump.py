"""Write down Siar's main window as it stands at its first paint, for the "qt floor" window.

    export QT_QPA_PLATFORM=offscreen SIAR_HOME=$(mktemp -d)
    SIAR_STARTUP_PROBE=1 python -m composer --demo   # the workspace startup.py opens
    python benchmarks/first_paint_dump.py benchmarks/fixtures/first_paint_tree.json

Runs Siar as benchmarks/startup.py does (SIAR_STARTUP_PROBE), and at the first paint walks
the window: every widget's nearest PySide6 class, nesting, name, geometry, visibility,
texts, own font, size limits, size policy and style sheet, its layout (kind, margins,
spacing, items, stretch), the list and text contents, the menus' actions and shortcuts, and
the application's style sheet, palette, font and the font files Siar loaded.
``benchmarks/floor_window.py`` builds the same tree from that with PySide6 alone.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedLayout,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)
from shiboken6 import getCppPointer


def qt_class(obj: QObject) -> str:
    """The nearest PySide6 class of *obj* (Siar's subclasses are written down as their Qt base)."""
    for cls in type(obj).__mro__:
        if cls.__module__.startswith("PySide6."):
            return cls.__name__
    raise ValueError(type(obj))


def key(obj: QObject) -> int:
    """The C++ object's address: PySide6 may hand out a new wrapper for the same widget."""
    return int(getCppPointer(obj)[0])


class Dump:
    def __init__(self) -> None:
        self.ids: dict[int, int] = {}
        self.widgets: list[dict[str, Any]] = []

    def widget(self, w: QWidget, parent: int | None) -> None:
        ident = len(self.widgets)
        self.ids[key(w)] = ident
        entry: dict[str, Any] = {"id": ident, "parent": parent, "class": qt_class(w), "name": w.objectName()}
        self.widgets.append(entry)
        g = w.geometry()
        entry["geometry"] = [g.x(), g.y(), g.width(), g.height()]
        entry["hidden"] = w.isHidden()
        if w.styleSheet():
            entry["style_sheet"] = w.styleSheet()
        if w.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            entry["font"] = w.font().toString()
        if w.minimumSize().width() or w.minimumSize().height():
            entry["minimum"] = [w.minimumWidth(), w.minimumHeight()]
        if w.maximumWidth() < 16777215 or w.maximumHeight() < 16777215:
            entry["maximum"] = [w.maximumWidth(), w.maximumHeight()]
        policy = w.sizePolicy()
        entry["size_policy"] = [policy.horizontalPolicy().value, policy.verticalPolicy().value]
        if isinstance(w, QLabel):
            entry["text"] = w.text()
            entry["word_wrap"] = w.wordWrap()
            entry["alignment"] = w.alignment().value
        elif isinstance(w, QAbstractButton):
            entry["text"] = w.text()
            entry["checkable"] = w.isCheckable()
            entry["checked"] = w.isChecked()
        elif isinstance(w, QLineEdit):
            entry["text"] = w.text()
            entry["placeholder"] = w.placeholderText()
        elif isinstance(w, QPlainTextEdit):
            entry["text"] = w.toPlainText()
            entry["placeholder"] = w.placeholderText()
        elif isinstance(w, QTextEdit):
            entry["html"] = w.toHtml()
        elif isinstance(w, QComboBox):
            entry["items"] = [w.itemText(i) for i in range(w.count())]
            entry["current"] = w.currentIndex()
        elif isinstance(w, QTabWidget | QTabBar):
            entry["tabs"] = [w.tabText(i) for i in range(w.count())]
            entry["current"] = w.currentIndex()
        if isinstance(w, QAbstractItemView) and not isinstance(w, QComboBox):
            model = w.model()
            if model is not None:
                entry["rows"] = [
                    str(model.data(model.index(row, 0)) or "") for row in range(model.rowCount())
                ]
        actions = [a for a in w.actions() if not isinstance(w, QMenu)]
        if actions:
            entry["actions"] = [self.action(a) for a in actions]
        if isinstance(w, QToolBar):
            # The toolbar makes a button for a plain action; a widget action brings its own.
            entry["action_widgets"] = [
                key(w.widgetForAction(a)) if w.widgetForAction(a) else None for a in actions
            ]
        for child in w.children():
            # Popups (menus) are written with their actions; other windows are not the window.
            if isinstance(child, QWidget) and not child.isWindow():
                self.widget(child, ident)

    def action(self, a: QAction) -> dict[str, Any]:
        entry: dict[str, Any] = {"text": a.text(), "separator": a.isSeparator()}
        if a.shortcuts():
            entry["shortcuts"] = [s.toString() for s in a.shortcuts()]
        if a.isCheckable():
            entry["checkable"] = True
            entry["checked"] = a.isChecked()
        if a.menu() is not None:
            menu = a.menu()
            assert isinstance(menu, QMenu)
            entry["menu"] = {"title": menu.title(), "actions": [self.action(m) for m in menu.actions()]}
        return entry

    def layouts(self, w: QWidget) -> None:
        for entry, widget in zip(self.widgets, self._walk(w), strict=True):
            layout = widget.layout()
            if layout is not None and not isinstance(widget, QMainWindow):
                entry["layout"] = self.layout(layout)
            if "action_widgets" in entry:
                entry["action_widgets"] = [self.ids.get(k) if k else None for k in entry["action_widgets"]]
            if isinstance(widget, QScrollArea) and widget.widget() is not None:
                entry["scroll_widget"] = self.ids[key(widget.widget())]
            if isinstance(widget, QSplitter):
                entry["splitter"] = {
                    "widgets": [self.ids[key(widget.widget(i))] for i in range(widget.count())],
                    "sizes": widget.sizes(),
                    "orientation": widget.orientation().value,
                }
            if isinstance(widget, QStackedWidget):
                entry["stack"] = {
                    "widgets": [self.ids[key(widget.widget(i))] for i in range(widget.count())],
                    "current": widget.currentIndex(),
                }
            if isinstance(widget, QMainWindow):
                central, bar, status = widget.centralWidget(), widget.menuBar(), widget.statusBar()
                entry["main_window"] = {
                    "central": self.ids.get(key(central)),
                    "menu_bar": self.ids.get(key(bar)),
                    "status_bar": self.ids.get(key(status)),
                }

    def _walk(self, w: QWidget) -> list[QWidget]:
        out = [w]
        for child in w.children():
            if isinstance(child, QWidget) and not child.isWindow():
                out.extend(self._walk(child))
        return out

    def layout(self, layout: QLayout) -> dict[str, Any]:
        m = layout.contentsMargins()
        entry: dict[str, Any] = {
            "class": qt_class(layout),
            "margins": [m.left(), m.top(), m.right(), m.bottom()],
            "spacing": layout.spacing(),
            "items": [],
        }
        if isinstance(layout, QBoxLayout):
            entry["direction"] = layout.direction().value
        if isinstance(layout, QGridLayout):
            entry["spacing"] = [layout.horizontalSpacing(), layout.verticalSpacing()]
        if isinstance(layout, QFormLayout):
            entry["spacing"] = [layout.horizontalSpacing(), layout.verticalSpacing()]
        if isinstance(layout, QStackedLayout):
            entry["current"] = layout.currentIndex()
        for i in range(layout.count()):
            item = layout.itemAt(i)
            row: dict[str, Any] = {"alignment": item.alignment().value}
            if item.widget() is not None:
                row["widget"] = self.ids[key(item.widget())]
            elif item.layout() is not None:
                row["layout"] = self.layout(item.layout())
            elif item.spacerItem() is not None:
                spacer = item.spacerItem()
                hint = spacer.sizeHint()
                policy = spacer.sizePolicy()
                row["spacer"] = [
                    hint.width(),
                    hint.height(),
                    policy.horizontalPolicy().value,
                    policy.verticalPolicy().value,
                ]
            if isinstance(layout, QBoxLayout):
                row["stretch"] = layout.stretch(i)
            if isinstance(layout, QGridLayout):
                row["cell"] = list(layout.getItemPosition(i))
            if isinstance(layout, QFormLayout):
                position, role = layout.getItemPosition(i)
                row["cell"] = [position, role.value]
            entry["items"].append(row)
        return entry


def dump_application(app: QApplication, window: QWidget, fonts: list[str]) -> dict[str, Any]:
    dump = Dump()
    dump.widget(window, None)
    dump.layouts(window)
    palette = app.palette()
    colors = {}
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role in QPalette.ColorRole:
            if role in (QPalette.ColorRole.NColorRoles,):
                continue
            colors[f"{group.value}:{role.value}"] = palette.color(group, role).name(QColor.NameFormat.HexArgb)
    return {
        "style": app.style().name(),
        "style_sheet": app.styleSheet(),
        "font": app.font().toString(),
        "font_files": fonts,
        "palette": colors,
        "window_title": window.windowTitle(),
        "widgets": dump.widgets,
    }


def main() -> None:
    out = Path(sys.argv[1])
    os.environ["SIAR_STARTUP_PROBE"] = "1"
    fonts: list[str] = []
    original = QFontDatabase.addApplicationFont

    def record(path: str) -> int:
        fonts.append(os.path.relpath(path, Path(__file__).resolve().parents[1]))
        return original(path)

    QFontDatabase.addApplicationFont = record  # type: ignore[method-assign]
    from composer import app as siar_app
    from composer.ui import startup_probe

    def dump_at_paint(app: QApplication, window: QWidget) -> startup_probe.FirstPaint:
        def done() -> None:
            try:
                data = dump_application(app, window, fonts)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                print(f"{len(data['widgets'])} widgets written to {out}", flush=True)
            finally:
                app.quit()

        return startup_probe.FirstPaint(window, done)

    startup_probe.report_first_paint = dump_at_paint  # type: ignore[assignment]
    sys.exit(siar_app.main([]))


if __name__ == "__main__":
    main()
