"""Derived quantities: shares, growth, compound growth. Computed, never stored (data contract)."""

from __future__ import annotations

import pandas as pd

# Series that gather assorted documents' figures (a second publisher's restatement, a seed article's
# figure): their points are drawn, never joined, and growth is never computed across them.
UNJOINED_SERIES = frozenset({"seed", "seed-restatement", "seed-quarterly", "other-publisher"})


def year_end(frame: pd.DataFrame) -> pd.DataFrame:
    """One value per year: December (or a whole-year) figure of the series' main source family.

    Half-year surveys and one-off press figures are left out so growth compares like with like.
    """
    if frame.empty:
        return frame
    f = main_series(frame)
    f = f[f["period"].str.endswith("-12") | (f["period_precision"] == "year")]
    return f.sort_values("period_start").drop_duplicates(["entity", "year"], keep="last").reset_index(drop=True)


def series_of(frame: pd.DataFrame) -> pd.Series:
    """The comparable series of each row: the data's `series`, else the publisher family (analysts' own frames)."""
    if "series" in frame and frame["series"].fillna("").ne("").all():
        return frame["series"]
    return frame["source_id"].str.split("-").str[0]


def main_series(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the series with most figures, per entity: growth is computed within one series only."""
    if frame.empty:
        return frame
    ser = series_of(frame)
    parts = []
    for ent, g in frame.assign(_s=ser).groupby("entity", sort=False):
        ranked = g[~g["_s"].isin(UNJOINED_SERIES)]["_s"].value_counts()
        if ranked.empty:
            continue
        parts.append(g[g["_s"] == ranked.index[0]])
    if not parts:
        return frame.iloc[0:0]
    return pd.concat(parts).drop(columns="_s")


def share(ds, numerator: str, denominator: str, entity: str, start=None, end=None, as_indicator: str | None = None) -> pd.DataFrame:
    """numerator / denominator x 100 for every period both have (exact figures only), citing both sources."""
    num = ds.series(numerator, entity, start, end)
    den = ds.series(denominator, entity, start, end)
    num = num[num["qualifier"] == ""]
    den = den[den["qualifier"] == ""]
    num, den = main_series(num), main_series(den)
    m = num.merge(den, on=["entity", "period"], suffixes=("", "_den"))
    if m.empty:
        return m
    if "series" in m and "series_den" in m:
        same = m["series"] == m["series_den"]
    else:
        same = m["source_id"].str.split("-").str[0] == m["source_id_den"].str.split("-").str[0]
    m = m[same].drop_duplicates(["entity", "period"])
    out = m[["entity", "period", "period_start", "period_end", "period_precision", "year"]].copy()
    out["indicator"] = as_indicator or f"{numerator}_share"
    out["value"] = 100 * m["value"] / m["value_den"]
    out["unit"] = "percent"
    out["qualifier"] = ""
    out["source_id"] = [a if a == b else f"{a};{b}" for a, b in zip(m["source_id"], m["source_id_den"])]
    out["note"] = f"derived: {numerator} / {denominator}"
    if "series" in m:
        out["series"] = m["series"].values
    out = _statement_of_both(out, m)
    return out.reset_index(drop=True)


def ratio(ds, numerator: str, denominator: str, entity: str, start=None, end=None, *, as_indicator: str,
          unit: str) -> pd.DataFrame:
    """numerator / denominator for every period both have in the same series (exact figures only), citing both.

    The average payment is value / count: a quantity no source states, so it is computed, never stored.
    """
    num = main_series(ds.series(numerator, entity, start, end))
    den = main_series(ds.series(denominator, entity, start, end))
    num, den = num[num["qualifier"] == ""], den[den["qualifier"] == ""]
    m = num.merge(den, on=["entity", "period"], suffixes=("", "_den"))
    if "series" in m and "series_den" in m:
        m = m[m["series"] == m["series_den"]]
    if m.empty:
        return m
    out = m[["entity", "period", "period_start", "period_end", "period_precision", "year"]].copy()
    out["indicator"] = as_indicator
    # A quotient is no more precise than the less precise of its two figures.
    from .units import round_sig, significant_digits

    st_n = m["stated"].fillna("") if "stated" in m else pd.Series([""] * len(m), index=m.index)
    st_d = m["stated_den"].fillna("") if "stated_den" in m else pd.Series([""] * len(m), index=m.index)
    out["value"] = [round_sig(a / b, min(significant_digits(sa, a), significant_digits(sb, b)))
                    for a, b, sa, sb in zip(m["value"], m["value_den"], st_n, st_d)]
    out["unit"] = unit
    out["qualifier"] = ""
    out["source_id"] = [a if a == b else f"{a};{b}" for a, b in zip(m["source_id"], m["source_id_den"])]
    out["note"] = f"derived: {numerator} / {denominator}"
    if "series" in m:
        out["series"] = m["series"].values
    out = _statement_of_both(out, m)
    return out.reset_index(drop=True)


def _statement_of_both(out: pd.DataFrame, merged: pd.DataFrame) -> pd.DataFrame:
    """A quotient is the kind of statement its two figures are (both official statistics, both a company's
    report); where the two differ it is left empty rather than given either one's kind."""
    if "statement" in merged and "statement_den" in merged:
        out["statement"] = [a if a == b else "" for a, b in zip(merged["statement"], merged["statement_den"])]
    return out


def yoy(frame: pd.DataFrame) -> pd.DataFrame:
    """Change on the previous year-end value, in percent, for each exact pair of consecutive years."""
    ye = year_end(frame)
    rows = []
    for _, g in ye.groupby("entity"):
        g = g.sort_values("year").reset_index(drop=True)
        for i in range(1, len(g)):
            prev, cur = g.iloc[i - 1], g.iloc[i]
            if cur["year"] - prev["year"] != 1 or prev["qualifier"] or cur["qualifier"]:
                continue
            row = cur.copy()
            row["value"] = 100 * (cur["value"] / prev["value"] - 1)
            row["unit"] = "percent"
            row["source_id"] = cur["source_id"] if cur["source_id"] == prev["source_id"] else f"{prev['source_id']};{cur['source_id']}"
            rows.append(row)
    return pd.DataFrame(rows).reset_index(drop=True) if rows else frame.iloc[0:0].copy()


def cagr(frame: pd.DataFrame) -> dict | None:
    """Compound annual growth between the first and last exact year-end values of a series."""
    ye = year_end(frame)
    ye = ye[ye["qualifier"] == ""]
    if len(ye) < 2:
        return None
    first, last = ye.iloc[0], ye.iloc[-1]
    years = last["year"] - first["year"]
    if years <= 0 or first["value"] <= 0:
        return None
    rate = 100 * ((last["value"] / first["value"]) ** (1 / years) - 1)
    return {"first_period": first["period"], "first": float(first["value"]), "last_period": last["period"],
            "last": float(last["value"]), "years": int(years), "cagr": float(rate),
            "source_ids": list(dict.fromkeys([first["source_id"], last["source_id"]]))}


def latest(frame: pd.DataFrame) -> pd.Series | None:
    """The most recent row (exact figures preferred over bounds of the same period)."""
    if frame.empty:
        return None
    f = frame.assign(_b=frame["qualifier"] != "").sort_values(["period_end", "_b"], ascending=[True, False])
    return f.iloc[-1].drop(labels="_b")


def round_converted(frame: pd.DataFrame) -> pd.DataFrame:
    """The printed form of converted amounts: `value_print`, rounded to the significant digits of the figure
    they came from (at least two, at most four); `value` itself stays unrounded.

    A rate has five or six digits; the figure it multiplies may have two. Printing the product in full
    ("93,528조 6,650억 원" from "9조 위안") would claim a precision no source has; drawing or dividing the
    rounded product would move a bar and a ratio off the figures (4.4 times where the figures give 4.2).
    Rounding happens only where a number is printed.
    """
    from .units import round_sig, significant_digits

    if frame.empty or "value_original" not in frame:
        return frame
    out = frame.copy()
    stated = out["stated"].fillna("") if "stated" in out else pd.Series([""] * len(out), index=out.index)
    conv = out["unit"] != out["unit_original"]
    out["value_print"] = [round_sig(v, min(4, max(2, significant_digits(st, orig)))) if c else v
                          for v, st, orig, c in zip(out["value"], stated, out["value_original"], conv)]
    out.attrs = dict(frame.attrs)
    return out


def printed(row) -> float:
    """The value a sentence prints for a row: its rounded converted form when it has one."""
    v = row.get("value_print") if hasattr(row, "get") else None
    return float(v) if v is not None and v == v else float(row["value"])
