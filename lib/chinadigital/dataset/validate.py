"""Validation of the dataset folder: every problem in one pass.

The Table Schemas in datapackage.json are the single source of the structural
rules (columns, types, required, enums, patterns, keys), so the library and
`frictionless validate` judge the same things; the rules a Table Schema
cannot say (real calendar dates, impossible values per unit, shares that
disagree with their parts, exchange rates covering the years in use) follow.
Each problem names file, line (as an editor counts, quoted newlines
included), field, rule and value.

The structural pass is schema_check.py, the meaning of events events_check.py, and the
`--stats` counts provenance.py; this module runs them and checks what rows mean.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import Problem
from .periods import parse_period
from .events_check import check_actor_kinds, check_event, check_event_meaning
from .schema_check import Row, check_keys, read_table
from .stated import QUALIFIERS, StatedFormError, agrees, parse_stated, word_language, words_for


NON_NEGATIVE_UNITS = {"persons", "count", "CNY", "USD", "KRW", "Tbps", "EFLOPS", "EB"}

# A row without its stated form cannot be checked against its source. While the
# stated forms are being filled in from the sources themselves, a missing one is
# a warning; rows whose source page could not be opened stay warnings (never a
# form typed from memory). Per file: every exchange rate has its stated form, so
# a missing one there is an error; observations stay warnings until all are filled.
# A plain string applies to both files.
STATED_MISSING_SEVERITY: str | dict[str, str] = {"observations.csv": "warning", "fx.csv": "error"}

# Hosts that once served a cited page and now serve spam or were taken over. A
# reader who clicks a source in a shared report must never land on one.
# Hosts that serve injected spam, were taken over, farm content or mirror other sites: a figure must cite the
# issuer, the original publisher or a reputable outlet instead (data/README.md, "How a reader can check").
BLOCKED_HOSTS = {"ischool.net.cn", "whygutenberg.com", "hznaoa.cn", "m.jrszb.cc", "jrszb.cc", "handmsg.com",
                 "zhonghuixigou.com", "cszlmy.com", "twwtn.com", "rjeecu.cn", "hr1j.cn", "world-trader.com",
                 "6ke.com.cn", "jianfen.net", "szwdfm.com", "wikimili.com", "internationalsearchnews.xyz",
                 "mirror.xyz", "c-sharpcorner.com", "guba.sina.com.cn", "bestlinkz.net", "zhejianglong.com"}


def read_package(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    path = data_dir / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except FileNotFoundError:
        return None, [Problem("datapackage.json", None, None, "missing-file", None, "the package descriptor is missing")]
    except json.JSONDecodeError as exc:
        return None, [Problem("datapackage.json", exc.lineno, None, "malformed-json", None, exc.msg)]


def validate(data_dir: Path) -> tuple[dict[str, list[Row]], list[Problem]]:
    """Check the whole folder; return the rows read and every problem found."""
    package, problems = read_package(data_dir)
    if package is None:
        return {}, problems
    resources = {r["name"]: r for r in package["resources"]}
    tables: dict[str, list[Row]] = {}
    for name, resource in resources.items():
        rows, found = read_table(data_dir, resource)
        problems += found
        if rows is not None:
            tables[name] = rows
    for name, resource in resources.items():
        if name in tables:
            problems += check_keys(resource, tables)
    problems += _check_semantics(tables)
    return tables, problems


# -- structure, from the Table Schema -------------------------------------------------------


# -- meaning, beyond what a Table Schema can say ---------------------------------------------

def _check_semantics(tables: dict[str, list[Row]]) -> list[Problem]:
    out: list[Problem] = []
    indicators = {r["indicator"]: r for r in tables.get("indicators", [])}
    obs = tables.get("observations", [])
    for ind in indicators.values():
        out += _check_counter_ko(ind)
    for row in obs:
        out += _check_observation(row, indicators)
    for row in tables.get("events", []):
        out += check_event(row)
    out += check_actor_kinds(tables.get("entities", []), tables.get("events", []))
    out += check_event_meaning(tables.get("events", []), tables.get("entities", []), indicators)
    for row in tables.get("sources", []):
        if not row["url"].strip() and not row["published"].strip():
            out.append(Problem("sources.csv", row["_line"], "published", "unidentifiable-source", "",
                               "a source without a url needs a publication date so it can be found"))
        out += _check_source_origin(row)
        if row["published"].strip():
            try:
                parse_period(row["published"].strip())
            except ValueError as exc:
                out.append(Problem("sources.csv", row["_line"], "published", "date", row["published"], str(exc)))
    out += _check_series(obs)
    for row in obs:
        out += _check_stated("observations.csv", row, row.get("value", ""), row.get("qualifier", ""), row.get("unit", ""))
    for row in tables.get("fx", []):
        out += _check_stated("fx.csv", row, row.get("per_usd", ""), "", None)
    plans = {r["series"].strip() for r in tables.get("series", []) if r.get("kind", "").strip() == "plan"}
    out += _check_statements(tables.get("series", []), obs)
    out += _check_derived(obs, indicators, plans)
    out += _check_fx_coverage(obs, indicators, tables.get("fx", []))
    out += check_fx_basis(tables.get("fx", []))
    out += check_breaks(tables.get("breaks", []), tables.get("series", []), obs)
    return out


def check_breaks(breaks: list[Row], series: list[Row], obs: list[Row]) -> list[Problem]:
    """The series-break ledger holds: a definitional break splits its series (no row of the series before it
    falls after the break, no row of the series after it before), a series that begins at a break names it
    (series.csv begins_at) and the break names it back. A series that crosses a recorded break is refused,
    naming both."""
    out: list[Problem] = []
    begins = {r["series"].strip(): r.get("begins_at", "").strip() for r in series}
    for b in breaks:
        bid, kind = b["break_id"].strip(), b.get("kind", "").strip()
        try:
            when = parse_period(b["date"].strip())
        except ValueError as exc:
            out.append(Problem("breaks.csv", b["_line"], "date", "date", b["date"], str(exc)))
            continue
        before, after = b["series_before"].strip(), b["series_after"].strip()
        if kind != "definition":
            continue
        if before == after:
            out.append(Problem("breaks.csv", b["_line"], "series_after", "break-not-split", after,
                               f"a definitional break must start a new series; {bid!r} names {after!r} on both sides"))
            continue
        if begins.get(after) != bid:
            out.append(Problem("breaks.csv", b["_line"], "series_after", "break-not-named", after,
                               f"series {after!r} begins at break {bid!r}: its begins_at in series.csv must say so"))
        ind, ent = b.get("indicator", "").strip(), b.get("entity", "").strip()
        for row in obs:
            if (ind and row["indicator"].strip() != ind) or (ent and row["entity"].strip() != ent):
                continue
            s = row.get("series", "").strip()
            if s not in (before, after):
                continue
            try:
                p = parse_period(row["period"].strip())
            except ValueError:
                continue
            if s == before and p.end >= when.start:
                out.append(Problem("observations.csv", row["_line"], "series", "crosses-break", s,
                                   f"series {s!r} crosses break {bid!r} ({b['date']}): rows from then on belong to "
                                   f"series {after!r}"))
            elif s == after and p.start < when.start:
                out.append(Problem("observations.csv", row["_line"], "series", "crosses-break", s,
                                   f"series {s!r} begins at break {bid!r} ({b['date']}): a row before it belongs "
                                   f"to series {before!r}"))
    for name, bid in begins.items():
        if bid and bid not in {b["break_id"].strip() for b in breaks}:
            out.append(Problem("series.csv", None, "begins_at", "unknown-break", bid, f"series {name!r} names no break in breaks.csv"))
    return out


def check_fx_basis(fx: list[Row]) -> list[Problem]:
    """One basis per currency across all years: a converted series that took 2015 at the Federal Reserve's
    New York noon rate and 2016 at China's official average would change basis mid-line without a mark.
    The problem names every row of the minority bases."""
    by_cur: dict[str, dict[str, list[Row]]] = {}
    for row in fx:
        by_cur.setdefault(row.get("currency", "").strip(), {}).setdefault(row.get("basis", "").strip(), []).append(row)
    out = []
    for cur, bases in by_cur.items():
        if len(bases) < 2:
            continue
        main = max(bases, key=lambda b: len(bases[b]))
        for basis, rows in bases.items():
            if basis == main:
                continue
            for row in rows:
                out.append(Problem("fx.csv", row["_line"], "basis", "mixed-fx-basis", basis,
                                   f"{cur} rates must share one basis; the other {cur} rows use {main!r} "
                                   f"(lines {', '.join(str(r['_line']) for r in bases[main])})"))
    return out


def _check_counter_ko(ind: Row) -> list[Problem]:
    """A Korean counter (counter_ko: the schema's enum says which) belongs to a count or a number of people:
    money reads with its currency word, a share with %, a rank with 위, bandwidth with Tbps."""
    counter, unit = ind.get("counter_ko", "").strip(), ind.get("unit", "").strip()
    if counter and unit not in ("count", "persons", "rank"):
        return [Problem("indicators.csv", ind["_line"], "counter_ko", "counter-on-unit", counter,
                        f"{ind['indicator']} is measured in {unit}, which takes no Korean counter")]
    if not counter and unit in ("count", "persons"):
        return [Problem("indicators.csv", ind["_line"], "counter_ko", "missing-counter", "",
                        f"{ind['indicator']} counts something: name its Korean counter (명, 건, 개, 곳, 대, 개사, 종)",
                        severity="warning")]
    return []


def _check_source_origin(row: Row) -> list[Problem]:
    """A copy must say what it copies, so a reader can look for the original; no blocked host."""
    out: list[Problem] = []
    line = row["_line"]
    origin = row.get("origin", "").strip()
    if origin == "copy" and not row.get("copy_of", "").strip():
        out.append(Problem("sources.csv", line, "copy_of", "copy-without-original", "",
                           "a source marked as a copy must name the document it copies"))
    if origin in ("issuer", "original") and row.get("copy_of", "").strip():
        out.append(Problem("sources.csv", line, "copy_of", "copy-of-on-original", row["copy_of"],
                           f"a source marked as {origin} copies nothing; mark it copy or clear copy_of"))
    m = re.match(r"^https?://([^/:?#]+)", row.get("url", "").strip())
    if m:
        host = m.group(1).lower()
        if any(host == b or host.endswith("." + b) for b in BLOCKED_HOSTS):
            out.append(Problem("sources.csv", line, "url", "blocked-host", row["url"],
                               f"{host} now serves spam or was taken over; cite another copy or the original"))
    return out


def _number(raw: str) -> float | None:
    try:
        return float(Decimal(raw.strip()))
    except (InvalidOperation, ValueError):
        return None


def _check_observation(row: Row, indicators: dict[str, Row]) -> list[Problem]:
    out: list[Problem] = []
    line = row["_line"]
    try:
        parse_period(row["period"])
    except ValueError as exc:
        out.append(Problem("observations.csv", line, "period", "period", row["period"], str(exc)))
    ind = indicators.get(row["indicator"].strip())
    value = _number(row["value"])
    if ind is None or value is None:
        return out
    unit = ind["unit"].strip()
    stated = row.get("unit", "").strip()
    money = {"CNY", "USD", "KRW"}
    if stated and stated != unit and not (stated in money and unit in money):
        out.append(Problem("observations.csv", line, "unit", "unit-mismatch", row["unit"],
                           f"{row['indicator']} is measured in {unit}"
                           + (" (or another currency)" if unit in money else "")))
    if unit in NON_NEGATIVE_UNITS and value < 0:
        out.append(Problem("observations.csv", line, "value", "impossible-value", row["value"],
                           f"{row['indicator']} is measured in {unit}, which cannot be negative"))
    if unit == "percent" and not 0 <= value <= 100:
        out.append(Problem("observations.csv", line, "value", "impossible-value", row["value"],
                           "a percent share must lie between 0 and 100"))
    if unit == "rank" and (value < 1 or value != int(value)):
        out.append(Problem("observations.csv", line, "value", "impossible-value", row["value"],
                           "a rank is a whole number from 1"))
    return out


def _check_stated(fname: str, row: Row, raw_value: str, qualifier: str, unit: str | None) -> list[Problem]:
    """The stored value and qualifier must say what the source's own notation says.

    The stated form is read back by `stated.parse_stated`; it must give the
    stored value to within one unit of its last digit, the same qualifier, and
    no currency or percent sign that contradicts the row's unit.
    """
    line = row["_line"]
    if "stated" not in row:
        return []
    text = row["stated"].strip()
    if not text and unit is not None and unit.strip() in ("rank", "count") \
            and row.get("locator", "").strip().startswith("list:"):
        # A position read from the order of a ranked list, or a count of the entries a source lists
        # (six companies named one by one): the source writes no number for it, so there is no
        # stated form to copy; the locator names the list (and the place in it) instead.
        return []
    if not text:
        return [Problem(fname, line, "stated", "stated-missing", "",
                        "no stated form: record the figure as the source writes it (number and unit words)",
                        severity=(STATED_MISSING_SEVERITY if isinstance(STATED_MISSING_SEVERITY, str)
                                  else STATED_MISSING_SEVERITY.get(fname, "warning")))]
    value = _number(raw_value)
    if value is None:
        return []
    try:
        st = parse_stated(text)
    except StatedFormError as exc:
        return [Problem(fname, line, "stated", "stated-unreadable", text, str(exc))]
    q = qualifier.strip()
    if q != st.qualifier:
        # The qualifier follows the source's word exactly (stated.BOUND_WORDS): 이상 is ">=", never ">".
        return [Problem(fname, line, "qualifier" if "qualifier" in row else "stated", "qualifier-mismatch", q,
                        _qualifier_disagreement(text, st, q))]
    stored = f"{q}{raw_value.strip()}"
    read = f"{st.qualifier}{st.value:.15g}"
    if not agrees(st, value, q):
        return [Problem(fname, line, "stated", "stated-mismatch", text,
                        f"the source writes {text!r}, which reads as {read} (give or take {st.step:g}), "
                        f"but the row stores {stored}")]
    money = {"CNY", "USD", "KRW"}
    if unit is not None:
        unit = unit.strip()
        if st.currency and unit in money and st.currency != unit:
            return [Problem(fname, line, "stated", "stated-mismatch", text,
                            f"the source writes {text!r}, an amount in {st.currency}, but the row is in {unit}")]
        if st.currency and unit not in money:
            return [Problem(fname, line, "stated", "stated-mismatch", text,
                            f"the source writes {text!r}, an amount of money, but the row is in {unit}")]
        if st.percent != (unit == "percent"):
            return [Problem(fname, line, "stated", "stated-mismatch", text,
                            f"the source writes {text!r}" + (" with" if st.percent else " without")
                            + f" a percent sign, but the row is in {unit}")]
    return []


def _qualifier_disagreement(text: str, st, stored: str) -> str:
    """Both words: the source's own ("이상", qualifier >=) and the one the stored qualifier stands for,
    in the source's language ("초과" for >)."""
    lang = word_language(st.word) or "en"

    def word(q: str) -> str:
        if not q:
            return "no bound word (an exact figure)"
        said = words_for(q, lang) or words_for(q, "en")
        return f"{said[0]!r} ({q})" if said else repr(q)

    source = f"{st.word!r} ({st.qualifier})" if st.word else "no bound word (an exact figure)"
    if stored and stored not in QUALIFIERS:
        return f"the source writes {text!r}: {source}; the row stores {stored!r}, which is no qualifier"
    return (f"the source writes {text!r}: {source}, but the row's qualifier says {word(stored)}; "
            f"store {st.qualifier or 'no qualifier'!s}")


def _check_series(obs: list[Row]) -> list[Problem]:
    """Rows of one (indicator, entity, unit, series) form one chart line, so they must be comparable.

    A line through a yearly total and a quarter, or through two sources' copies
    of the same month, reads as growth or a dip that no source reports. The
    series slug says which rows may be joined; these rules keep that promise:
    one precision class per series (a fiscal interval is its own class) and at
    most one row per period. A second source's figure belongs in its own series.
    """
    out: list[Problem] = []
    groups: dict[tuple, list[tuple[Row, str]]] = {}
    for row in obs:
        try:
            precision = parse_period(row["period"]).precision
        except ValueError:
            continue  # already reported by the period rule
        key = tuple(row[k].strip() for k in ("indicator", "entity", "unit", "series"))
        groups.setdefault(key, []).append((row, precision))
    for (ind, ent, unit, series), members in groups.items():
        counts: dict[str, int] = {}
        for _, prec in members:
            counts[prec] = counts.get(prec, 0) + 1
        # the class most rows use is the series' own; ties go to the first row's class
        main = max(counts, key=lambda c: (counts[c], -[p for _, p in members].index(c)))
        first_main = next(r for r, p in members if p == main)
        seen: dict[str, int] = {}
        for row, prec in members:
            if prec != main:
                out.append(Problem(
                    "observations.csv", row["_line"], "series", "series-precision", row["series"],
                    f"{ind} {ent} ({unit}) series {series!r} is by {main} (e.g. line {first_main['_line']}) "
                    f"but period {row['period']!r} has {prec} precision; put it in a series of its own"))
            per = row["period"].strip()
            if per in seen:
                out.append(Problem(
                    "observations.csv", row["_line"], "series", "series-duplicate-period", row["series"],
                    f"{ind} {ent} ({unit}) series {series!r} already has period {per!r} on line {seen[per]}; "
                    "a second source's figure goes in another series"))
            else:
                seen[per] = row["_line"]
    return out


PLAN_TARGET = "plan-target"


def _check_statements(series: list[Row], obs: list[Row]) -> list[Problem]:
    """Every figure says what kind of statement it is, so a reader can tell a statistic from a claim.

    A row's kind is its own `statement`, else its series'. A catch-all series (seed
    articles, second publishers) leaves its `statement` empty because its rows
    differ; then each row must name its own. Plans state goals: a plan series is
    `plan-target`, a row of one cannot claim to be anything else, and no
    measurement (series or row) may call itself a plan target. The vocabulary
    itself is the schema's enum.
    """
    out: list[Problem] = []
    kinds: dict[str, tuple[str, str]] = {}
    for row in series:
        slug, kind, statement = (row.get(k, "").strip() for k in ("series", "kind", "statement"))
        kinds[slug] = (kind, statement)
        if kind == "plan" and statement != PLAN_TARGET:
            out.append(Problem("series.csv", row["_line"], "statement", "plan-statement", row.get("statement", ""),
                               f"series {slug!r} is of kind plan, so its statement must be {PLAN_TARGET}"))
        elif kind != "plan" and statement == PLAN_TARGET:
            out.append(Problem("series.csv", row["_line"], "statement", "plan-statement", row.get("statement", ""),
                               f"series {slug!r} is of kind {kind or '(empty)'}, not plan; "
                               f"only a plan's values are {PLAN_TARGET}"))
    for row in obs:
        slug = row.get("series", "").strip()
        if slug not in kinds:
            continue  # an unknown series is reported by its foreign key
        kind, of_series = kinds[slug]
        own = row.get("statement", "").strip()
        if not own and not of_series and kind != "plan":  # a plan series without one is reported above
            out.append(Problem("observations.csv", row["_line"], "statement", "statement-missing", "",
                               f"series {slug!r} gives no statement kind (its rows differ), so this row must name "
                               "its own: read its source and note"))
        elif kind == "plan" and own and own != PLAN_TARGET:
            out.append(Problem("observations.csv", row["_line"], "statement", "plan-statement", row["statement"],
                               f"series {slug!r} is a plan; a row of it states a goal or the plan's baseline "
                               f"({PLAN_TARGET}), never another kind"))
        elif kind != "plan" and own == PLAN_TARGET:
            out.append(Problem("observations.csv", row["_line"], "statement", "plan-statement", row["statement"],
                               f"series {slug!r} is not a plan; a goal belongs in a series of kind plan"))
    return out


def _ulp(raw: str) -> float:
    """One unit in the last stated digit: 649000000 -> 1000000, 85.8 -> 0.1.

    A figure published as "649 million" carries its precision in its trailing
    zeros. Sources round or truncate (57.7% printed as 57%), so a whole unit,
    not half, is the tolerance a derived share must respect.
    """
    s = raw.strip()
    if "." in s:
        return 10.0 ** -len(s.split(".")[1])
    digits = s.lstrip("-")
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return 10.0**zeros


def _check_derived(obs: list[Row], indicators: dict[str, Row], plans: frozenset | set = frozenset()) -> list[Problem]:
    """A stored share must agree with numerator/denominator from rows of the same entity and period.

    Rows of a plan series (series.csv kind "plan") are goals, not measurements: a
    2015 goal for internet users says nothing about a share measured in 2015, so
    they are left out on both sides.
    """
    out: list[Problem] = []
    by_key: dict[tuple, list[Row]] = {}
    obs = [r for r in obs if r.get("series", "").strip() not in plans]
    for row in obs:
        by_key.setdefault((row["indicator"].strip(), row["entity"].strip(), row["period"].strip()), []).append(row)
    for name, ind in indicators.items():
        num_name, den_name = ind.get("numerator", "").strip(), ind.get("denominator", "").strip()
        if not (num_name and den_name):
            continue
        for row in obs:
            if row["indicator"].strip() != name or row["qualifier"].strip():
                continue
            ent, per = row["entity"].strip(), row["period"].strip()
            nums = [r for r in by_key.get((num_name, ent, per), []) if not r["qualifier"].strip()]
            dens = [r for r in by_key.get((den_name, ent, per), []) if not r["qualifier"].strip()]
            stored = _number(row["value"])
            for n in nums:
                for d in dens:
                    nv, dv = _number(n["value"]), _number(d["value"])
                    if stored is None or not nv or not dv:
                        continue
                    derived = 100 * nv / dv
                    tol = _ulp(row["value"]) + derived * (_ulp(n["value"]) / nv + _ulp(d["value"]) / dv)
                    if abs(stored - derived) > tol + 1e-9:
                        out.append(Problem(
                            "observations.csv", row["_line"], "value", "derived-mismatch", row["value"],
                            f"{name} for {ent} {per} is stored as {stored:g} but {num_name} (line {n['_line']}) / "
                            f"{den_name} (line {d['_line']}) gives {derived:.2f}"))
    return out


def _check_fx_coverage(obs: list[Row], indicators: dict[str, Row], fx: list[Row]) -> list[Problem]:
    """Every year with a money figure should have CNY and KRW rates.

    A missing rate is a warning, not an error: the figure itself is sound, it
    just cannot be shown in another currency, and `Dataset.convert` says so
    rather than guessing a rate. Fabricating a rate to silence this is the
    one fix that is never right.
    """
    out: list[Problem] = []
    have = {(r["currency"].strip(), r["year"].strip()) for r in fx}
    reported: set[tuple[str, str]] = set()
    for row in obs:
        ind = indicators.get(row["indicator"].strip())
        if ind is None or ind["unit"].strip() not in ("CNY", "USD", "KRW"):
            continue
        try:
            year = str(parse_period(row["period"]).year)
        except ValueError:
            continue
        for cur in ("CNY", "KRW"):
            if (cur, year) not in have and (cur, year) not in reported:
                reported.add((cur, year))
                out.append(Problem("observations.csv", row["_line"], "period", "fx-coverage", row["period"],
                                   f"a money figure falls in {year} but fx.csv has no {cur} rate for {year}",
                                   severity="warning"))
    return out
