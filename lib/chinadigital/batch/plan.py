"""The batch plan: reports.toml read and checked before any kernel starts.

Every problem is collected (malformed TOML with its line, unknown notebook,
duplicate slug, parameters against the notebook's parameters cell and the
library's contracts) so one run shows them all.

Checking is in two steps, so that a build with nothing to do needs neither the
dataset nor pandas: `read()` checks everything that needs no data (the file,
slugs, notebooks, parameter names and types against the parameters cell);
`Plan.check_values()` checks values against the library's contracts, whose
allowed values come from the data (cities, years). The build checks values for
every report it will run or that is not up to date; a report whose notebook,
parameters, data and library are unchanged since a successful build passed the
same check then. `load()` does both steps at once.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..dataset import paths
from ..errors import PlanError
from ..report.params import NOTEBOOK_PARAMS

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Report:
    slug: str
    notebook: str
    notebook_path: Path
    params: dict = field(hash=False)
    title: str = ""
    label: str = field(default="", compare=False, repr=False)  # "report #3 (slug)", for messages
    index: int = field(default=0, compare=False, repr=False)  # position in reports.toml, from 1
    shape_ok: bool = field(default=True, compare=False, repr=False)  # names and types hold: values can be checked

    @property
    def lang(self) -> str:
        return self.params.get("lang", "en")


@dataclass
class Plan:
    """The reports in file order and the problems found so far, each with the report's position."""

    source: str
    reports: list[Report]
    problems: list[tuple[int, str]] = field(default_factory=list)

    def check_values(self, ds, reports: list[Report] | None = None) -> None:
        """Add the contract problems (values against the library's rules and the data) of `reports` (default all)."""
        from ..report.params import problems as contract_problems

        for r in self.reports if reports is None else reports:
            if r.shape_ok:
                self.problems += [(r.index, f"{r.label}: {msg}") for msg in contract_problems(r.notebook, r.params, ds)]

    def raise_problems(self) -> None:
        if self.problems:
            raise PlanError(self.source, [msg for _, msg in sorted(self.problems, key=lambda p: p[0])])


def notebook_json(path: Path) -> dict:
    """The notebook file as JSON, upgraded to nbformat 4 only if it is older (nbformat is imported only then)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PlanError(str(path), [f"{path.name}: not a notebook (malformed JSON: {exc})"]) from None
    if nb.get("nbformat", 0) < 4:
        import nbformat

        nb = json.loads(nbformat.writes(nbformat.read(path, as_version=4)))
    return nb


def notebook_defaults(path: Path, nb: dict | None = None) -> dict:
    """The parameters cell's assignments, evaluated as literals: names, default values and so types."""
    nb = nb if nb is not None else notebook_json(path)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            out = {}
            for node in ast.parse(source if isinstance(source, str) else "".join(source)).body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    out[node.targets[0].id] = ast.literal_eval(node.value)
            return out
    raise PlanError(str(path), [f"{path.name}: no cell tagged 'parameters'"])


def read(reports_toml: str | Path, notebooks_dir: Path | None = None) -> Plan:
    """Read the batch and check everything that needs no data; raise PlanError at once only when the
    file itself is unusable, otherwise return the plan with its problems so far (values not yet checked)."""
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
    plan = Plan(where, [])
    seen: dict[str, int] = {}
    defaults_cache: dict[str, dict] = {}
    for i, entry in enumerate(entries, start=1):
        problems: list[str] = []
        label = f"report #{i}" + (f" ({entry.get('slug')})" if isinstance(entry, dict) and entry.get("slug") else "")
        if not isinstance(entry, dict):
            plan.problems.append((i, f"{label}: not a table"))
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
            plan.problems += [(i, p) for p in problems]
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
        title = entry.get("title", "")
        if not isinstance(title, str):
            problems.append(f"{label}: title must be a string")
            title = ""
        plan.problems += [(i, p) for p in problems]
        if isinstance(slug, str):
            # values are checked (check_values) once names and types hold
            plan.reports.append(Report(slug, nb_name, nb_path, effective, title, label, i, not shape))
    return plan


def load(reports_toml: str | Path, ds=None, notebooks_dir: Path | None = None) -> list[Report]:
    """Read and check the batch, values included; raise PlanError with every problem, or return the reports in file order."""
    plan = read(reports_toml, notebooks_dir)
    if ds is None:
        from ..dataset.load import load as load_data

        ds = load_data()
    plan.check_values(ds)
    plan.raise_problems()
    return plan.reports
