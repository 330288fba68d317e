"""The "qt floor": Siar's first painted window rebuilt from a dump with PySide6 alone.

    python benchmarks/floor_window.py benchmarks/fixtures/first_paint_tree.json

Imports nothing of Siar. It builds the widget tree that benchmarks/first_paint_dump.py
wrote down at Siar's first paint (the same Qt classes, nesting, names, texts, fonts, size
limits, style sheets, layouts, list rows, menus with their actions and shortcuts, palette,
Fusion style and font files) and reports its first paint the way startup.py's bare window
does. What Siar paints itself (the preview cards' text, the drafts list's rows) is drawn by
Siar's Python; here those widgets are plain Qt widgets of the same size, so the floor is
the Qt part of Siar's start-up: what no Siar Python code could make cheaper.
"""

import json
import resource
import sys
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QSizePolicy, QSpacerItem, QWidget

ROOT = Path(__file__).resolve().parents[1]
# Children a Qt widget makes itself: not made again. They are told apart by name, never by
# asking the parent for its children: PySide6 would build a Python class (and its enums)
# for every C++-made child it is handed, ~35 ms that neither Siar nor Qt itself spends.
MADE_BY_PARENT = {"QScrollBar", "QSplitterHandle", "QSizeGrip"}
MADE_BY_NAME = {"ScrollLeftButton", "ScrollRightButton"}  # a QTabBar's


def made_by_parent(entry: dict) -> bool:
    name = entry["name"]
    return entry["class"] in MADE_BY_PARENT or name in MADE_BY_NAME or name.startswith("qt_")


PLAIN = {"QWidget", "QFrame"}


class Floor:
    def __init__(self, tree: dict) -> None:
        self.entries = tree["widgets"]
        self.children: dict[int, list[dict]] = {}
        for entry in self.entries:
            if entry["parent"] is not None:
                self.children.setdefault(entry["parent"], []).append(entry)
        self.built: dict[int, QWidget] = {}

    def build(self, entry: dict, parent: QWidget | None) -> QWidget:
        return self.fill(getattr(QtWidgets, entry["class"])(parent), entry)

    def fill(self, widget: QWidget, entry: dict) -> QWidget:
        self.built[entry["id"]] = widget
        self.configure(widget, entry)
        kind = entry["class"]
        if kind == "QMainWindow":
            self.main_window(widget, entry)
        elif kind == "QTabWidget":
            stack = next(c for c in self.children[entry["id"]] if c["class"] == "QStackedWidget")
            for page, text in zip(stack["stack"]["widgets"], entry["tabs"], strict=True):
                widget.addTab(self.build(self.entries[page], None), text)
            widget.setCurrentIndex(entry["current"])
        elif kind == "QScrollArea":
            widget.setWidget(self.build(self.entries[entry["scroll_widget"]], None))
        elif kind == "QToolBar":
            for action, made in zip(entry["actions"], entry["action_widgets"], strict=True):
                if action["separator"]:
                    widget.addSeparator()
                elif made is not None and self.entries[made]["class"] != "QToolButton":
                    widget.addWidget(self.build(self.entries[made], None))
                else:
                    self.add_action(widget, action)
        elif kind == "QStatusBar":
            for child in self.children.get(entry["id"], []):
                if not made_by_parent(child):
                    widget.addPermanentWidget(self.build(child, None))
        else:
            for child in self.children.get(entry["id"], []):
                if not made_by_parent(child):
                    self.build(child, widget)
            if kind == "QSplitter":
                for index in entry["splitter"]["widgets"]:
                    widget.addWidget(self.built[index])
                widget.setSizes(entry["splitter"]["sizes"])
            elif "layout" in entry and kind in PLAIN:
                widget.setLayout(self.layout(entry["layout"]))
            elif kind in PLAIN and not self.children.get(entry["id"]) and not entry["hidden"]:
                widget.setMinimumSize(entry["geometry"][2], entry["geometry"][3])  # painted by Siar
        if entry["hidden"]:
            widget.hide()
        return widget

    def configure(self, widget: QWidget, entry: dict) -> None:
        widget.setObjectName(entry["name"])
        x, y, width, height = entry["geometry"]
        widget.setGeometry(x, y, width, height)
        if "style_sheet" in entry:
            widget.setStyleSheet(entry["style_sheet"])
        if "font" in entry:
            font = QFont()
            font.fromString(entry["font"])
            widget.setFont(font)
        if "minimum" in entry:
            widget.setMinimumSize(*entry["minimum"])
        if "maximum" in entry:
            widget.setMaximumSize(*entry["maximum"])
        horizontal, vertical = entry["size_policy"]
        widget.setSizePolicy(QSizePolicy.Policy(horizontal), QSizePolicy.Policy(vertical))
        kind = entry["class"]
        if kind == "QLabel":
            widget.setText(entry["text"])
            widget.setWordWrap(entry["word_wrap"])
            widget.setAlignment(Qt.AlignmentFlag(entry["alignment"]))
        elif "checkable" in entry:
            widget.setText(entry["text"])
            widget.setCheckable(entry["checkable"])
            widget.setChecked(entry["checked"])
        elif kind in ("QLineEdit", "QPlainTextEdit"):
            widget.setPlainText(entry["text"]) if kind == "QPlainTextEdit" else widget.setText(entry["text"])
            widget.setPlaceholderText(entry["placeholder"])
        elif kind == "QComboBox":
            widget.addItems(entry["items"])
            widget.setCurrentIndex(entry["current"])
        elif kind == "QTabBar":
            for text in entry["tabs"]:
                widget.addTab(text)
            widget.setCurrentIndex(entry["current"])
        elif kind == "QListWidget":
            widget.addItems(entry["rows"])
        elif kind == "QListView":
            widget.setModel(QStringListModel(entry["rows"], widget))
        if "actions" in entry and kind not in ("QToolBar", "QMenuBar", "QMainWindow"):
            for action in entry["actions"]:
                self.add_action(widget, action)

    def main_window(self, window: QMainWindow, entry: dict) -> None:
        parts = entry["main_window"]
        for child in self.children[entry["id"]]:
            if child["id"] == parts["central"]:
                window.setCentralWidget(self.build(child, None))
            elif child["id"] == parts["status_bar"]:
                self.fill(window.statusBar(), child)  # as Siar does (setStatusBar makes one too)
            elif child["id"] == parts["menu_bar"]:
                bar = self.fill(window.menuBar(), child)
                for action in child["actions"]:
                    self.add_action(bar, action)
            elif child["class"] == "QToolBar":
                window.addToolBar(self.build(child, None))

    def add_action(self, widget: QWidget, action: dict) -> None:
        if action["separator"]:
            widget.addSeparator()
        elif "menu" in action:
            menu = QMenu(action["menu"]["title"], widget)
            for inner in action["menu"]["actions"]:
                self.add_action(menu, inner)
            widget.addMenu(menu) if hasattr(widget, "addMenu") else widget.addAction(menu.menuAction())
        else:
            made = widget.addAction(action["text"])
            if "shortcuts" in action:
                made.setShortcuts([QKeySequence(s) for s in action["shortcuts"]])
            if action.get("checkable"):
                made.setCheckable(True)
                made.setChecked(action["checked"])

    def layout(self, entry: dict) -> QtWidgets.QLayout:
        kind = entry["class"]
        if kind in ("QVBoxLayout", "QHBoxLayout", "QBoxLayout"):
            layout = QtWidgets.QBoxLayout(QtWidgets.QBoxLayout.Direction(entry["direction"]))
            layout.setSpacing(entry["spacing"])
        elif kind in ("QGridLayout", "QFormLayout"):
            layout = getattr(QtWidgets, kind)()
            layout.setHorizontalSpacing(entry["spacing"][0])
            layout.setVerticalSpacing(entry["spacing"][1])
        else:
            layout = getattr(QtWidgets, kind)()
        layout.setContentsMargins(*entry["margins"])
        for item in entry["items"]:
            alignment = Qt.AlignmentFlag(item["alignment"])
            if "widget" in item:
                if item["widget"] not in self.built:
                    continue
                part = self.built[item["widget"]]
                if kind == "QGridLayout":
                    layout.addWidget(part, *item["cell"], alignment)
                elif kind == "QFormLayout":
                    layout.setWidget(item["cell"][0], QtWidgets.QFormLayout.ItemRole(item["cell"][1]), part)
                elif kind == "QStackedLayout":
                    layout.addWidget(part)
                else:
                    layout.addWidget(part, item.get("stretch", 0), alignment)
            elif "layout" in item:
                inner = self.layout(item["layout"])
                if kind == "QGridLayout":
                    layout.addLayout(inner, *item["cell"])
                else:
                    layout.addLayout(inner, item.get("stretch", 0))
            elif "spacer" in item:
                width, height, horizontal, vertical = item["spacer"]
                spacer = QSpacerItem(
                    width, height, QSizePolicy.Policy(horizontal), QSizePolicy.Policy(vertical)
                )
                if kind == "QGridLayout":
                    layout.addItem(spacer, *item["cell"])
                else:
                    layout.addItem(spacer)
                    if item.get("stretch"):
                        layout.setStretch(layout.count() - 1, item["stretch"])
        if kind == "QStackedLayout":
            layout.setCurrentIndex(entry["current"])
        return layout


class FirstPaint(QObject):
    seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print("painted", usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, flush=True)
        QApplication.quit()


def main() -> None:
    tree = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    app = QApplication([sys.argv[0], "-style", tree["style"]])
    for path in tree["font_files"]:
        QFontDatabase.addApplicationFont(str(ROOT / path))
    palette = QPalette()
    for key, name in tree["palette"].items():
        group, role = key.split(":")
        palette.setColor(QPalette.ColorGroup(int(group)), QPalette.ColorRole(int(role)), QColor(name))
    app.setPalette(palette)
    if tree["style_sheet"]:
        app.setStyleSheet(tree["style_sheet"])
    window = Floor(tree).build(tree["widgets"][0], None)
    window.setWindowTitle(tree["window_title"])
    probe = FirstPaint(window)
    window.installEventFilter(probe)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
