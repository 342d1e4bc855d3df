"""Issue 20: every converted figure a money chart of the default batch can show, and every step whose direction
flips under conversion, recomputed from the CSV files with the csv module (not the library's loader)."""

from __future__ import annotations

import csv

import pytest

from chinadigital.report.context import Report
from chinadigital.report.topics import cloud_scale, mobile_payments
from conftest import DATA

CHARTS = [(mobile_payments, "mobile_payments", f) for f in ("payment_value", "average_payment", "bank_nonbank",
                                                             "comparison", "korea")] + \
         [(cloud_scale, "cloud_scale", f) for f in ("market_size", "revenue", "korea_market", "alibaba_quarters")]


def _fx():
    with (DATA / "fx.csv").open(encoding="utf-8", newline="") as fh:
        return {(r["currency"], int(r["year"])): float(r["per_usd"]) for r in csv.DictReader(fh)}


def _months(period: str) -> dict[int, int]:
    """Months of each calendar year a period covers: '2021' -> {2021: 12}; '2022-04/2023-03' -> {2022: 9, 2023: 3}."""
    if "/" in period:
        a, b = period.split("/")
        ya, ma = map(int, a.split("-"))
        yb, mb = map(int, b.split("-"))
        out, y, m = {}, ya, ma
        while (y, m) <= (yb, mb):
            out[y] = out.get(y, 0) + 1
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    return {int(period[:4]): 12}


def _expected(value: float, unit: str, to: str, period: str, fx) -> float | None:
    months = _months(period)
    per = lambda c, y: 1.0 if c == "USD" else fx.get((c, y))  # noqa: E731
    parts = []
    for y, n in months.items():
        a, b = per(unit, y), per(to, y)
        if a is None or b is None:
            return None
        parts.append(n * b / a)
    return value * sum(parts) / sum(months.values())


def _rows(spec):
    return [r for rs in spec.get("datasets", {}).values() for r in rs if isinstance(r, dict) and "v_stated" in r]


@pytest.mark.parametrize("topic, notebook, fn", CHARTS, ids=[f for _, _, f in CHARTS])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_converted_figure_recomputes_from_the_csv_files(topic, notebook, fn, lang):
    fx = _fx()
    rep = Report(notebook, lang=lang, start_year=2008, end_year=2025, currency="stated")
    rows = _rows(getattr(topic, fn)(rep).to_dict())
    assert rows, fn
    for r in rows:
        for to in ("USD", "KRW", "CNY"):
            if f"v_{to}" not in r:
                continue
            want = r["value"] if r["unit"] == to else _expected(r["value"], r["unit"], to, r["period"], fx)
            if want is None:
                assert r[f"v_{to}"] is None and r[f"t_{to}"] == ""  # no cited rate: not drawn in that currency
            else:
                assert r[f"v_{to}"] == pytest.approx(want, rel=1e-9), (fn, r["period"], to)


@pytest.mark.parametrize("topic, notebook, fn", CHARTS, ids=[f for _, _, f in CHARTS])
def test_steps_that_flip_under_conversion_are_marked_and_named(topic, notebook, fn):
    fx = _fx()
    rep = Report(notebook, lang="en", start_year=2008, end_year=2025, currency="stated")
    spec = getattr(topic, fn)(rep).to_dict()
    rows = _rows(spec)
    footer = " ".join(spec["title"]["subtitle"])
    by_line: dict[str, list] = {}
    for r in rows:
        by_line.setdefault(r["line_key"], []).append(r)
    for line in by_line.values():
        line.sort(key=lambda r: r["date"])
        for a, b in zip(line, line[1:]):
            for to in ("USD", "KRW"):
                if f"v_{to}" not in b or a["unit"] != b["unit"]:
                    continue
                ca, cb = (_expected(x["value"], x["unit"], to, x["period"], fx) for x in (a, b))
                if ca is None or cb is None:
                    continue
                flipped = (b["value"] - a["value"]) * (cb - ca) < 0
                assert bool(b[f"f_{to}"]) == flipped, (fn, a["period"], b["period"], to)
                if flipped:
                    assert b[f"f_{to}"] in footer


def test_a_mixed_basis_in_fx_is_refused_with_the_rows_named(data_copy):
    from chinadigital.dataset.validate import validate
    from conftest import find_index, set_cell

    i = find_index(data_copy, "fx.csv", currency="KRW", year="2012")
    line = set_cell(data_copy, "fx.csv", i, "basis", "fed-g5a-noon-buying-annual")
    _, problems = validate(data_copy)
    [p] = [p for p in problems if p.rule == "mixed-fx-basis"]
    assert (p.file, p.line, p.field) == ("fx.csv", line, "basis")
    assert "bok-annual-average-closing" in p.detail
