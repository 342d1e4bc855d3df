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


# -- import circles ------------------------------------------------------------------------------
# Two modules that import each other (even inside a function) are one module in two files: neither can be
# read, tested or moved alone. Every chinadigital import counts, top-level or deferred; `from pkg import name`
# counts as importing pkg.name when that is a module, else pkg itself.

def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = PKG) -> dict[str, set[str]]:
    files = {module_name(p): p for p in root.rglob("*.py")}
    graph = {}
    for mod, path in files.items():
        package = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
        out: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                m = ".".join(base + (node.module.split(".") if node.module else []))
                subs = {f"{m}.{a.name}" for a in node.names if f"{m}.{a.name}" in files}
                out |= subs or {m}
            elif isinstance(node, ast.Import):
                out |= {a.name for a in node.names}
        graph[mod] = {o for o in out if o in files and o != mod}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle():
    assert circles(import_graph()) == []


def test_the_check_sees_a_circle_through_a_deferred_import():
    a, b = PKG / "batch" / "_probe_a.py", PKG / "batch" / "_probe_b.py"
    a.write_text("from . import _probe_b\n", encoding="utf-8")
    b.write_text("def f():\n    from ._probe_a import x\n", encoding="utf-8")
    try:
        assert ["chinadigital.batch._probe_a", "chinadigital.batch._probe_b"] in circles(import_graph())
    finally:
        a.unlink()
        b.unlink()


def test_the_city_constants_params_reads_are_the_ones_the_topic_draws():
    """params.py reads the city report's indicators from the theme registry (no topic import); the topic module
    must draw the same ones."""
    from chinadigital import themes
    from chinadigital.report.topics import smart_cities

    assert tuple(smart_cities.HEADLINE) == themes.CITY_HEADLINE
    assert smart_cities.PIVOT_EVENT == themes.CITY_PIVOT_EVENT
