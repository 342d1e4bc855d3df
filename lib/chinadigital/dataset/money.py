"""Money across years and fiscal calendars: conversion at the rates of the months a figure covers.

A calendar-year figure is converted at that year's average rate. A fiscal year (April 2022 to March 2023)
is converted at the month-weighted average of the calendar years it spans (9/12 of 2022's rate, 3/12 of
2023's), not at the rate of the year it ends in; the rows say which basis they used, so a footer can tell
the reader. When growth in the converted currency and in the source currency differ, `growth_note` says so.
"""

from __future__ import annotations

import pandas as pd

from .load import _one_currency_per_figure
from ..errors import QueryError

CURRENCIES = ("CNY", "USD", "KRW")


def _months_by_year(start: pd.Timestamp, end: pd.Timestamp) -> dict[int, int]:
    months: dict[int, int] = {}
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        months[y] = months.get(y, 0) + 1
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _rate(ds, unit: str, to: str, year: int) -> float:
    return ds.fx_rate(to, year) / ds.fx_rate(unit, year)


def _fx_ids(ds, unit: str, to: str, years) -> str:
    ids = []
    for y in years:
        for c in (unit, to):
            if c == "USD" or unit == to:
                continue
            hit = ds.fx[(ds.fx["currency"] == c) & (ds.fx["year"] == int(y))]
            if not hit.empty and hit["source_id"].iloc[0] not in ids:
                ids.append(str(hit["source_id"].iloc[0]))
    return ";".join(ids)


def convert(ds, frame: pd.DataFrame, to_currency: str) -> pd.DataFrame:
    """Convert money rows to `to_currency`, keeping value_original, unit_original, the rates' sources and
    `fx_basis` ('calendar year' or 'months weighted'); rows with no cited rate for a year they cover are
    left out and listed in attrs['not_converted'], never converted at a guessed rate."""
    if to_currency not in CURRENCIES:
        raise QueryError(f"currency {to_currency!r} is not one of {', '.join(CURRENCIES)}")
    out = _one_currency_per_figure(frame, to_currency)
    cols = ["value_original", "unit_original", "fx_source_id", "fx_basis"]
    if out.empty:
        for c in cols:
            out[c] = []
        out.attrs["not_converted"] = []
        return out
    bad = sorted(set(out["unit"]) - set(CURRENCIES))
    if bad:
        raise QueryError(f"cannot convert units {', '.join(bad)} to a currency")
    values, ids, basis, keep, dropped = [], [], [], [], []
    for i, row in out.iterrows():
        unit = row["unit"]
        if unit == to_currency:
            values.append(row["value"]), ids.append(""), basis.append(""), keep.append(True)
            continue
        months = _months_by_year(row["period_start"], row["period_end"])
        try:
            rate = sum(n * _rate(ds, unit, to_currency, y) for y, n in months.items()) / sum(months.values())
        except QueryError:
            keep.append(False), values.append(float("nan")), ids.append(""), basis.append("")
            dropped.append({k: row[k] for k in ("indicator", "entity", "period", "source_id")} | {"unit_original": unit})
            continue
        values.append(row["value"] * rate)
        ids.append(_fx_ids(ds, unit, to_currency, months))
        basis.append("months weighted" if len(months) > 1 else "calendar year")
        keep.append(True)
    out["value_original"] = out["value"]
    out["unit_original"] = out["unit"]
    out["value"] = values
    out["unit"] = to_currency
    out["fx_source_id"] = ids
    out["fx_basis"] = basis
    out = out[keep].reset_index(drop=True)
    out.attrs["not_converted"] = dropped
    return out


def flipped_steps(frame: pd.DataFrame) -> list[dict]:
    """Consecutive steps of one converted series whose direction differs between the source currency and the
    converted one (yuan up, dollars down): the reader must be told, since the chart shows only one of them."""
    if frame.empty or "value_original" not in frame:
        return []
    f = frame.sort_values("period_end").reset_index(drop=True)
    out = []
    for i in range(1, len(f)):
        a, b = f.iloc[i - 1], f.iloc[i]
        src = b["value_original"] - a["value_original"]
        conv = b["value"] - a["value"]
        if src * conv < 0:
            out.append({"from": a["period"], "to": b["period"],
                        "source_change": 100 * (b["value_original"] / a["value_original"] - 1),
                        "converted_change": 100 * (b["value"] / a["value"] - 1)})
    return out


def growth_note(frame: pd.DataFrame, *, bounds: bool = False) -> dict | None:
    """First-to-last growth of one converted series in both currencies, when they differ by a point or more
    or when conversion reverses the direction of a step (`flips`).

    A reader who sees +30% in dollars should know the yuan figure rose 22%: the rest is the exchange rate.
    Growth is computed from unrounded values; growth built on a bound carries the bound (`metrics.bound_of`),
    in `qualifier`. By default a note whose growth would carry a bound or an approximation is not given
    (None), so a caller that prints the number alone never drops a bound; with ``bounds=True`` it is, with
    its `qualifier`. No note when the two figures' bounds say nothing of the growth.
    """
    from .metrics import bound_of

    if frame.empty or "value_original" not in frame or frame["unit"].iloc[0] == frame["unit_original"].iloc[0]:
        return None
    f = frame.sort_values("period_end")
    first, last = f.iloc[0], f.iloc[-1]
    if first["period"] == last["period"] or first["value_original"] <= 0 or first["value"] <= 0:
        return None
    qualifier = bound_of(_qualifier(last), _qualifier(first))
    if qualifier is None or (qualifier and not bounds):
        return None
    src = 100 * (last["value_original"] / first["value_original"] - 1)
    conv = 100 * (last["value"] / first["value"] - 1)
    flips = flipped_steps(f)
    if abs(src - conv) < 1 and not flips:
        return None
    return {"first": first["period"], "last": last["period"], "source_growth": src, "converted_growth": conv,
            "source_unit": first["unit_original"], "unit": first["unit"], "qualifier": qualifier, "flips": flips}


def _qualifier(row) -> str:
    q = row.get("qualifier", "") if hasattr(row, "get") else ""
    return "" if q is None or (isinstance(q, float) and q != q) else str(q)


def convert_where_possible(ds, frame: pd.DataFrame, to_currency: str) -> pd.DataFrame:
    """Rows in `to_currency` where a cited rate allows, the rest as their sources state them ('stated' keeps
    every row as stated): a sentence about the latest figure never loses it for want of a rate."""
    if to_currency == "stated" or frame.empty:
        return frame.assign(value_original=frame["value"], unit_original=frame["unit"], fx_source_id="", fx_basis="")
    from .metrics import round_converted

    conv = round_converted(convert(ds, frame, to_currency))
    key = ["indicator", "entity", "period"]
    rest = frame[~frame.set_index(key).index.isin(conv.set_index(key).index)]
    out = pd.concat([conv, rest.assign(value_original=rest["value"], unit_original=rest["unit"], fx_source_id="",
                                        fx_basis="")], ignore_index=True)
    return out.sort_values("period_end").reset_index(drop=True)
