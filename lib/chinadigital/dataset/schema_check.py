"""The dataset's structure, judged by the Table Schemas in datapackage.json (columns, types, required,
enums, patterns, keys), so the library and `frictionless validate` judge the same things; each problem names
file, line, field, rule and value."""

from __future__ import annotations

import csv
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import Problem

Row = dict  # field -> raw string, plus "_line"


def read_table(data_dir: Path, resource: dict) -> tuple[list[Row] | None, list[Problem]]:
    fname = resource["path"]
    path = data_dir / fname
    if not path.is_file():
        return None, [Problem(fname, None, None, "missing-file", None, "a resource declared in datapackage.json is missing")]
    fields = resource["schema"]["fields"]
    problems: list[Problem] = []
    rows: list[Row] = []
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                return None, [Problem(fname, 1, None, "missing-header", None, "the file is empty")]
            header = [h.strip().lstrip("\ufeff") for h in header]
            missing = [f["name"] for f in fields if f["name"] not in header]
            for m in missing:
                problems.append(Problem(fname, 1, m, "missing-column", None, "a column the schema declares is not in the header"))
            for h in header:
                if h not in {f["name"] for f in fields}:
                    problems.append(Problem(fname, 1, h, "unknown-column", h, "the header has a column the schema does not declare"))
            if missing:
                return None, problems
            line_end = reader.line_num
            for cells in reader:
                line = line_end + 1
                line_end = reader.line_num
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != len(header):
                    problems.append(Problem(fname, line, None, "row-length", None,
                                            f"has {len(cells)} cells, the header has {len(header)}"))
                    continue
                row: Row = dict(zip(header, cells))
                row["_line"] = line
                for field in fields:
                    problems += check_cell(fname, line, field, row.get(field["name"], ""))
                rows.append(row)
    except UnicodeDecodeError as exc:
        return None, [Problem(fname, None, None, "encoding", None, f"not UTF-8 ({exc.reason} at byte {exc.start})")]
    except csv.Error as exc:
        return None, [Problem(fname, None, None, "malformed-csv", None, str(exc))]
    return rows, problems


def check_cell(fname: str, line: int, field: dict, raw: str) -> list[Problem]:
    name, ftype = field["name"], field.get("type", "string")
    c = field.get("constraints", {})
    out: list[Problem] = []
    if raw.strip() == "":
        if c.get("required"):
            out.append(Problem(fname, line, name, "required", raw, "a value is required"))
        return out
    if raw != raw.strip():
        out.append(Problem(fname, line, name, "whitespace", raw, "leading or trailing spaces"))
    value = raw.strip()
    if ftype == "number":
        try:
            num = Decimal(value)
            if not num.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            return out + [Problem(fname, line, name, "type", raw, "must be a number (digits, optional '.', no separators)")]
    elif ftype == "integer":
        if not re.fullmatch(r"-?\d+", value):
            return out + [Problem(fname, line, name, "type", raw, "must be an integer")]
        num = Decimal(value)
    else:
        num = None
    if "enum" in c and value not in c["enum"]:
        out.append(Problem(fname, line, name, "enum", raw, f"must be one of {', '.join(c['enum'])}"))
    if "pattern" in c and not re.fullmatch(c["pattern"].lstrip("^").rstrip("$"), value):
        out.append(Problem(fname, line, name, "pattern", raw, f"must match {c['pattern']}"))
    if num is not None and "minimum" in c and num < Decimal(str(c["minimum"])):
        out.append(Problem(fname, line, name, "minimum", raw, f"must be at least {c['minimum']}"))
    if num is not None and "maximum" in c and num > Decimal(str(c["maximum"])):
        out.append(Problem(fname, line, name, "maximum", raw, f"must be at most {c['maximum']}"))
    return out


def check_keys(resource: dict, tables: dict[str, list[Row]]) -> list[Problem]:
    fname = resource["path"]
    schema = resource["schema"]
    rows = tables[resource["name"]]
    out: list[Problem] = []
    pk = schema.get("primaryKey") or []
    if pk:
        seen: dict[tuple, int] = {}
        for row in rows:
            key = tuple(row[k].strip() for k in pk)
            if key in seen:
                out.append(Problem(fname, row["_line"], ",".join(pk), "duplicate-key", "|".join(key),
                                   f"the same key is already on line {seen[key]}"))
            else:
                seen[key] = row["_line"]
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"]["resource"] or resource["name"]
        if target not in tables:
            continue
        known = {tuple(r[k].strip() for k in fk["reference"]["fields"]) for r in tables[target]}
        for row in rows:
            key = tuple(row[k].strip() for k in fk["fields"])
            if all(k == "" for k in key):
                continue
            if key not in known:
                out.append(Problem(fname, row["_line"], ",".join(fk["fields"]), "foreign-key", "|".join(key),
                                   f"no such {fk['reference']['fields'][0]} in {target}.csv"))
    return out
