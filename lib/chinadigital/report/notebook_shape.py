"""The house shape of a report notebook, checked cell by cell.

The notebooks are the source of their prose and are edited in JupyterLab, so nothing regenerates them; this
check is what keeps them readable as reports: parameters first, then the check, the guide, prose in both
languages, one call per chart, sources last, and no outputs in the committed file.
"""

from __future__ import annotations

import ast
import re

PARAM_LINE = re.compile(r"^\w+ = .+  # .+$")


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def shape_problems(nb, notebook: str) -> list[str]:
    """Every way `nb` leaves the house shape, as 'cell N (kind): rule' sentences (N counts from 0)."""
    cells = nb["cells"]
    out: list[str] = []

    def bad(i, rule):
        kind = cells[i]["cell_type"] if 0 <= i < len(cells) else "missing"
        out.append(f"{notebook}: cell {i} ({kind}): {rule}")

    if len(cells) < 5:
        return [f"{notebook}: needs at least parameters, check, guide, one chart and sources cells"]
    for i, c in enumerate(cells):
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count") is not None):
            bad(i, "commit notebooks without outputs (Edit → Clear Outputs of All Cells)")
    first, check, guide, last = cells[0], cells[1], cells[2], cells[-1]
    if first["cell_type"] != "code" or "parameters" not in _tags(first):
        bad(0, "the first cell is code tagged 'parameters'")
    else:
        for line in first["source"].splitlines():
            if not PARAM_LINE.match(line):
                bad(0, f"each parameter line reads `name = value  # allowed values`; not {line!r}")
        if not any(line.startswith("lang = ") for line in first["source"].splitlines()):
            bad(0, "every notebook takes `lang`")
    if check["cell_type"] != "code" or "check" not in _tags(check) or f'cd.Report("{notebook}"' not in check["source"]:
        bad(1, f'the second cell is code tagged \'check\' that creates cd.Report("{notebook}", ...)')
    if guide["cell_type"] != "markdown" or "guide" not in _tags(guide):
        bad(2, "the third cell is the markdown guide (tagged 'guide') on reading and editing the notebook")
    if last["cell_type"] != "code" or "sources" not in _tags(last) or "rep.sources()" not in last["source"]:
        bad(len(cells) - 1, "the last cell is code tagged 'sources' calling rep.sources()")
    for i in range(3, len(cells) - 1):
        c, tags = cells[i], _tags(cells[i])
        if c["cell_type"] == "markdown":
            if "lang-en" in tags:
                nxt = cells[i + 1] if i + 1 < len(cells) else {}
                if nxt.get("cell_type") != "markdown" or "lang-ko" not in _tags(nxt):
                    bad(i, "English prose is followed by its Korean version (a markdown cell tagged 'lang-ko')")
            elif "lang-ko" in tags:
                prev = cells[i - 1]
                if prev["cell_type"] != "markdown" or "lang-en" not in _tags(prev):
                    bad(i, "Korean prose follows its English version (a markdown cell tagged 'lang-en')")
            else:
                bad(i, "prose carries a language tag, 'lang-en' or 'lang-ko'")
        elif c["cell_type"] == "code":
            try:
                body = ast.parse(c["source"]).body
            except SyntaxError as e:
                bad(i, f"does not parse: {e.msg}")
                continue
            if len(body) != 1 or not isinstance(body[0], ast.Expr) or not isinstance(body[0].value, ast.Call):
                bad(i, "a chart cell holds one call (e.g. `topic.users(rep)`); logic belongs in the library")
            if "read_csv" in c["source"] or "open(" in c["source"]:
                bad(i, "a report cell reads no file: the data come through `rep`")
    return out
