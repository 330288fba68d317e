"""The "qt floor" of benchmarks/startup.py rebuilds the widget tree written down from Siar's
first painted window, widget for widget, with PySide6 alone (issue 17, start-up). No timing."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtWidgets import QWidget

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
TREE = BENCHMARKS / "fixtures" / "first_paint_tree.json"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_floor_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shape(widgets: list[dict[str, Any]]) -> Counter[tuple[object, ...]]:
    by_id = {w["id"]: w for w in widgets}
    return Counter(
        (
            w["class"],
            None if w["parent"] is None else by_id[w["parent"]]["class"],
            w["name"],
            w.get("text"),
            w.get("style_sheet"),
            w.get("font"),
            tuple(w.get("rows", ())),
            tuple(w.get("tabs", ())),
        )
        for w in widgets
    )


def test_the_floor_builds_the_same_widgets_as_the_dumped_window(qapp: object) -> None:
    floor_window, dump = _load("floor_window"), _load("first_paint_dump")
    tree = json.loads(TREE.read_text(encoding="utf-8"))
    # None of Siar's Python: the floor's module holds no Siar module.
    modules = [v.__name__ for v in vars(floor_window).values() if isinstance(v, ModuleType)]
    assert modules and not any(name.startswith("composer") for name in modules)
    window = floor_window.Floor(tree).build(tree["widgets"][0], None)
    assert isinstance(window, QWidget)
    try:
        again = dump.Dump()
        again.widget(window, None)
        assert len(again.widgets) == len(tree["widgets"]) > 100
        assert _shape(again.widgets) == _shape(tree["widgets"])
        # The menus, with every action's text and shortcut, are there too.
        menu_bar = next(w for w in tree["widgets"] if w["class"] == "QMenuBar")
        rebuilt = next(w for w in again.widgets if w["class"] == "QMenuBar")
        assert rebuilt["actions"] == menu_bar["actions"]
    finally:
        window.deleteLater()
