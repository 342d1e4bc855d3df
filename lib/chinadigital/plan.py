"""The batch plan: reports.toml read and checked before any kernel starts.

Every problem is collected (malformed TOML with its line, unknown notebook,
duplicate slug, parameters against the notebook's parameters cell and the
library's contracts) so one run shows them all.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import paths
from .errors import ChinadigitalError
from .params import NOTEBOOK_PARAMS, problems as contract_problems

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class PlanError(ChinadigitalError):
    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in {source}:\n  " + "\n  ".join(problems))


@dataclass(frozen=True)
class Report:
    slug: str
    notebook: str
    notebook_path: Path
    params: dict = field(hash=False)
    title: str = ""

    @property
    def lang(self) -> str:
        return self.params.get("lang", "en")


def notebook_defaults(path: Path) -> dict:
    """The parameters cell's assignments, evaluated as literals: names, default values and so types."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            out = {}
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    out[node.targets[0].id] = ast.literal_eval(node.value)
            return out
    raise PlanError(str(path), [f"{path.name}: no cell tagged 'parameters'"])


def load(reports_toml: str | Path, ds=None, notebooks_dir: Path | None = None) -> list[Report]:
    """Read and check the batch; raise PlanError with every problem, or return the reports in file order."""
    reports_toml = Path(reports_toml)
    notebooks_dir = notebooks_dir or paths.NOTEBOOKS_DIR
    where = str(reports_toml)
    try:
        raw = tomllib.loads(reports_toml.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanError(where, [f"{where}: no such file"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(where, [f"{where}: malformed TOML: {exc}"]) from None
    entries = raw.get("report")
    if not isinstance(entries, list) or not entries:
        raise PlanError(where, [f"{where}: expected one or more [[report]] tables"])
    if ds is None:
        from .data import load as load_data

        ds = load_data()
    problems: list[str] = []
    reports: list[Report] = []
    seen: dict[str, int] = {}
    defaults_cache: dict[str, dict] = {}
    for i, entry in enumerate(entries, start=1):
        label = f"report #{i}" + (f" ({entry.get('slug')})" if isinstance(entry, dict) and entry.get("slug") else "")
        if not isinstance(entry, dict):
            problems.append(f"{label}: not a table")
            continue
        unknown_keys = sorted(set(entry) - {"slug", "notebook", "title", "parameters"})
        if unknown_keys:
            problems.append(f"{label}: unknown key(s) {', '.join(unknown_keys)}; use slug, notebook, title, parameters")
        slug, notebook = entry.get("slug"), entry.get("notebook")
        if not isinstance(slug, str) or not SLUG.match(slug):
            problems.append(f"{label}: slug {slug!r} must be lowercase letters, digits and hyphens")
        elif slug in seen:
            problems.append(f"{label}: duplicate slug {slug!r} (first used by report #{seen[slug]})")
        else:
            seen[slug] = i
        params = entry.get("parameters", {})
        if not isinstance(params, dict):
            problems.append(f"{label}: parameters must be a table")
            params = {}
        nb_name = str(notebook).removesuffix(".ipynb") if isinstance(notebook, str) else None
        nb_path = notebooks_dir / f"{nb_name}.ipynb" if nb_name else None
        if nb_name is None or nb_name not in NOTEBOOK_PARAMS or not nb_path.is_file():
            known = ", ".join(sorted(p.stem for p in notebooks_dir.glob("*.ipynb")))
            problems.append(f"{label}: unknown notebook {notebook!r}; known: {known}")
            continue
        if nb_name not in defaults_cache:
            defaults_cache[nb_name] = notebook_defaults(nb_path)
        defaults = defaults_cache[nb_name]
        shape: list[str] = []
        for name, value in params.items():
            if name not in defaults:
                shape.append(f"{label}: {nb_name} has no parameter {name!r}; its parameters cell defines "
                             f"{', '.join(defaults)}")
            elif type(value) is not type(defaults[name]):
                shape.append(f"{label}: parameter {name} = {value!r} is a {type(value).__name__}; "
                             f"the notebook expects a {type(defaults[name]).__name__} like {defaults[name]!r}")
        problems += shape
        effective = {**defaults, **{k: v for k, v in params.items() if k in defaults}}
        if not shape:  # values are checked once names and types hold
            problems += [f"{label}: {msg}" for msg in contract_problems(nb_name, effective, ds)]
        title = entry.get("title", "")
        if not isinstance(title, str):
            problems.append(f"{label}: title must be a string")
            title = ""
        if isinstance(slug, str):
            reports.append(Report(slug, nb_name, nb_path, effective, title))
    if problems:
        raise PlanError(where, problems)
    return reports
