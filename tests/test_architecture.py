"""The layer rules of DESIGN.md, checked on the source (import-linter checks the rest)."""

from __future__ import annotations

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1] / "composer"
PURE = ["core"]  # design/ joins when it exists
FORBIDDEN_IN_PURE = {
    "sqlite3",
    "requests",
    "socket",
    "urllib",
    "http",
    "PySide6",
    "shiboken6",
    "PIL",
    "keyring",
}


def _modules(package: str) -> list[pathlib.Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_do_no_io(package: str) -> None:
    offenders = []
    for path in _modules(package):
        bad = _imports(path) & FORBIDDEN_IN_PURE
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls_open = any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "open"
            for n in ast.walk(tree)
        )
        if bad or calls_open:
            offenders.append((path.relative_to(ROOT), sorted(bad), calls_open))
    assert offenders == []


def test_only_ui_and_app_import_qt() -> None:
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("ui/") or relative == "app.py":
            continue
        if _imports(path) & {"PySide6", "shiboken6"}:
            offenders.append(relative)
    assert offenders == []


def test_every_platform_module_registers_itself() -> None:
    from composer.core.platforms import BY_ID

    modules = {p.stem for p in (ROOT / "core" / "platforms").glob("*.py")} - {"__init__", "base"}
    assert {"facebook", "instagram", "x", "youtube", "wordpress"} <= set(BY_ID)
    assert len(BY_ID) == len(modules)
