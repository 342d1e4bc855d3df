"""The package's layout is its architecture: dataset <- report <- batch, imports only downward."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "lib" / "chinadigital"
ORDER = {"dataset": 0, "report": 1, "batch": 2}


def imported(path: Path) -> set[str]:
    """Absolute chinadigital module names a file imports (relative imports resolved)."""
    rel = path.relative_to(PKG.parent).with_suffix("")
    package = list(rel.parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            mod = ".".join(base + (node.module.split(".") if node.module else []))
            names.add(mod)
            names |= {f"{mod}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return {n for n in names if n.startswith("chinadigital")}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ORDER else None


def test_each_layer_imports_only_downward():
    upward = []
    for path in PKG.rglob("*.py"):
        here = layer(".".join(path.relative_to(PKG.parent).with_suffix("").parts))
        if here is None:
            continue
        for mod in imported(path):
            there = layer(mod)
            if there is not None and ORDER[there] > ORDER[here]:
                upward.append(f"{path.relative_to(PKG)} imports {mod}")
    assert upward == []


def test_shared_leaves_import_no_layer():
    for leaf in ("errors.py", "themes.py"):
        assert {layer(m) for m in imported(PKG / leaf)} <= {None}, leaf


def test_the_check_sees_an_upward_import(tmp_path):
    bad = PKG / "dataset" / "_probe_upward.py"
    bad.write_text("from ..report import charts\n", encoding="utf-8")
    try:
        assert any(m.startswith("chinadigital.report") for m in imported(bad))
        assert layer("chinadigital.report.charts") == "report"
    finally:
        bad.unlink()
