"""Derived quantities: shares, growth, compound growth. Computed, never stored (data contract)."""

from __future__ import annotations

import pandas as pd

from .stated import QUALIFIERS

# Series that gather assorted documents' figures (a second publisher's restatement, a seed article's
# figure): their points are drawn, never joined, and growth is never computed across them.
UNJOINED_SERIES = frozenset({"seed", "seed-restatement", "seed-quarterly", "other-publisher"})

_LOWER = {">": True, ">=": False}  # qualifier -> strict
_UPPER = {"<": True, "<=": False}


def bound_of(end: str, start: str) -> str | None:
    """The qualifier of a quantity built on two figures that rises with `end` and falls with `start`.

    A growth rate (end / start - 1), a compound growth rate, or a ratio (numerator `end`, denominator
    `start`) built on a bound is a bound too (the data contract: "a figure built on a bound carries the
    bound"). For positive figures:

    * both exact: exact ("");
    * "~" on either: "~" (about);
    * "~<" (nearly) on the end with an exact start: "~<"; any other "~<": "~";
    * end a lower bound (">", ">="), start exact: a lower bound of the same strictness;
      end exact, start a lower bound: an upper bound ("<", "<=");
      end an upper bound, start exact: an upper bound; end exact, start an upper bound: a lower bound;
    * end and start bounds in opposite directions (end ">", start "<"): a bound in the end's
      direction, strict if either is;
    * end and start bounds in the same direction (both lower or both upper): None. Nothing is known of
      the result; the caller must not state a number.
    """
    end, start = end or "", start or ""
    for q in (end, start):
        if q not in QUALIFIERS:
            raise ValueError(f"qualifier {q!r} is not one of {QUALIFIERS}")
    if "~" in (end, start):
        return "~"
    if "~<" in (end, start):
        return "~<" if (end, start) == ("~<", "") else "~"
    # +1: the result is at least the computed figure (a lower bound), -1: at most
    direction_end = 1 if end in _LOWER else -1 if end in _UPPER else 0
    direction_start = -1 if start in _LOWER else 1 if start in _UPPER else 0
    if direction_end and direction_start and direction_end != direction_start:
        return None
    direction = direction_end or direction_start
    if not direction:
        return ""
    strict = _LOWER.get(end, _UPPER.get(end, False)) or _LOWER.get(start, _UPPER.get(start, False))
    if direction > 0:
        return ">" if strict else ">="
    return "<" if strict else "<="


def year_end(frame: pd.DataFrame) -> pd.DataFrame:
    """One value per year: December (or a whole-year) figure of the series' main source family.

    Half-year surveys and one-off press figures are left out so growth compares like with like.
    """
    if frame.empty:
        return frame
    f = main_series(frame)
    f = f[f["period"].str.endswith("-12") | (f["period_precision"] == "year")]
    # of two figures for one period, the exact one is kept over a bound
    f = f.assign(_exact=f["qualifier"].fillna("") == "") if "qualifier" in f else f.assign(_exact=True)
    f = f.sort_values(["period_start", "_exact"], kind="stable")
    return f.drop_duplicates(["entity", "year"], keep="last").drop(columns="_exact").reset_index(drop=True)


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


def share(ds, numerator: str, denominator: str, entity: str, start=None, end=None, as_indicator: str | None = None,
          *, bounds: bool = False) -> pd.DataFrame:
    """numerator / denominator x 100 for every period both have, citing both sources.

    Exact figures only by default; with ``bounds=True`` a bound or approximate figure gives a share whose
    `qualifier` is `bound_of(numerator's, denominator's)`, and a pair with no defined result gives no row.
    """
    num = ds.series(numerator, entity, start, end)
    den = ds.series(denominator, entity, start, end)
    if not bounds:
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
    m = _with_bound(m[same])
    # of two quotients for one period, the exact one is kept over a bound
    m = (m.assign(_is_bound=m["_bound"] != "").sort_values("_is_bound", kind="stable")
         .drop_duplicates(["entity", "period"]).drop(columns="_is_bound").sort_index())
    out = m[["entity", "period", "period_start", "period_end", "period_precision", "year"]].copy()
    out["indicator"] = as_indicator or f"{numerator}_share"
    out["value"] = 100 * m["value"] / m["value_den"]
    out["unit"] = "percent"
    out["qualifier"] = m["_bound"].values
    out["source_id"] = [a if a == b else f"{a};{b}" for a, b in zip(m["source_id"], m["source_id_den"])]
    out["note"] = f"derived: {numerator} / {denominator}"
    if "series" in m:
        out["series"] = m["series"].values
    out = _statement_of_both(out, m)
    return out.reset_index(drop=True)


def ratio(ds, numerator: str, denominator: str, entity: str, start=None, end=None, *, as_indicator: str,
          unit: str, bounds: bool = False) -> pd.DataFrame:
    """numerator / denominator for every period both have in the same series, citing both.

    Exact figures only by default; ``bounds=True`` as in `share`. The average payment is value / count:
    a quantity no source states, so it is computed, never stored.
    """
    num = main_series(ds.series(numerator, entity, start, end))
    den = main_series(ds.series(denominator, entity, start, end))
    if not bounds:
        num, den = num[num["qualifier"] == ""], den[den["qualifier"] == ""]
    m = num.merge(den, on=["entity", "period"], suffixes=("", "_den"))
    if "series" in m and "series_den" in m:
        m = m[m["series"] == m["series_den"]]
    m = _with_bound(m)
    if m.empty:
        return m.drop(columns="_bound")
    out = m[["entity", "period", "period_start", "period_end", "period_precision", "year"]].copy()
    out["indicator"] = as_indicator
    # A quotient is no more precise than the less precise of its two figures.
    from .units import round_sig, significant_digits

    st_n = m["stated"].fillna("") if "stated" in m else pd.Series([""] * len(m), index=m.index)
    st_d = m["stated_den"].fillna("") if "stated_den" in m else pd.Series([""] * len(m), index=m.index)
    # unrounded for anything computed from it (growth, conversion); rounded only in print (value_print)
    out["value"] = [a / b for a, b in zip(m["value"], m["value_den"])]
    out["value_print"] = [round_sig(a / b, min(significant_digits(sa, a), significant_digits(sb, b)))
                          for a, b, sa, sb in zip(m["value"], m["value_den"], st_n, st_d)]
    out["unit"] = unit
    out["qualifier"] = m["_bound"].values
    out["source_id"] = [a if a == b else f"{a};{b}" for a, b in zip(m["source_id"], m["source_id_den"])]
    out["note"] = f"derived: {numerator} / {denominator}"
    if "series" in m:
        out["series"] = m["series"].values
    out = _statement_of_both(out, m)
    return out.reset_index(drop=True)


def _with_bound(merged: pd.DataFrame) -> pd.DataFrame:
    """The merged numerator/denominator rows with `_bound`, the quotient's qualifier; rows with none dropped."""
    if merged.empty:
        return merged.assign(_bound=pd.Series(dtype=object))
    q = [bound_of(a or "", b or "") for a, b in zip(merged["qualifier"].fillna(""), merged["qualifier_den"].fillna(""))]
    out = merged.assign(_bound=q)
    return out[out["_bound"].notna()]


def _statement_of_both(out: pd.DataFrame, merged: pd.DataFrame) -> pd.DataFrame:
    """A quotient is the kind of statement its two figures are (both official statistics, both a company's
    report); where the two differ it is left empty rather than given either one's kind."""
    if "statement" in merged and "statement_den" in merged:
        out["statement"] = [a if a == b else "" for a, b in zip(merged["statement"], merged["statement_den"])]
    return out


def yoy(frame: pd.DataFrame, *, bounds: bool = False) -> pd.DataFrame:
    """Change on the previous year-end value, in percent, for each pair of consecutive years.

    By default only exact pairs, as before. With ``bounds=True`` a pair with a bound or an approximation
    gives a row too, its `qualifier` the one `bound_of` says (a growth rate built on a bound carries the
    bound); a pair whose bounds say nothing of the growth (`bound_of` is None) gives no row.
    """
    ye = year_end(frame)
    rows = []
    for _, g in ye.groupby("entity"):
        g = g.sort_values("year").reset_index(drop=True)
        for i in range(1, len(g)):
            prev, cur = g.iloc[i - 1], g.iloc[i]
            if cur["year"] - prev["year"] != 1:
                continue
            q_cur, q_prev = cur["qualifier"] or "", prev["qualifier"] or ""
            if not bounds and (q_prev or q_cur):
                continue
            q = bound_of(q_cur, q_prev)
            if q is None:
                continue
            row = cur.copy()
            row["value"] = 100 * (cur["value"] / prev["value"] - 1)
            row["unit"] = "percent"
            row["qualifier"] = q
            row["source_id"] = cur["source_id"] if cur["source_id"] == prev["source_id"] else f"{prev['source_id']};{cur['source_id']}"
            rows.append(row)
    return pd.DataFrame(rows).reset_index(drop=True) if rows else frame.iloc[0:0].copy()


def cagr(frame: pd.DataFrame, *, bounds: bool = False) -> dict | None:
    """Compound annual growth between the first and last year-end values of a series.

    By default between the first and last exact values, as before. With ``bounds=True`` between the first
    and last year-end values whatever their qualifiers, and the result's `qualifier` is the one `bound_of`
    gives for them (None from `bound_of`: no growth can be stated, and cagr returns None). The dict always
    carries `qualifier` ("" for exact figures), with the two figures' own as `first_qualifier` and
    `last_qualifier`.
    """
    ye = year_end(frame)
    if not bounds:
        ye = ye[ye["qualifier"] == ""]
    if len(ye) < 2:
        return None
    first, last = ye.iloc[0], ye.iloc[-1]
    years = last["year"] - first["year"]
    if years <= 0 or first["value"] <= 0:
        return None
    q = bound_of(last["qualifier"] or "", first["qualifier"] or "")
    if q is None:
        return None
    rate = 100 * ((last["value"] / first["value"]) ** (1 / years) - 1)
    return {"first_period": first["period"], "first": float(first["value"]), "last_period": last["period"],
            "last": float(last["value"]), "years": int(years), "cagr": float(rate),
            "source_ids": list(dict.fromkeys([first["source_id"], last["source_id"]])),
            "qualifier": q, "first_qualifier": first["qualifier"] or "", "last_qualifier": last["qualifier"] or ""}


def growth(end: float, start: float, end_qualifier: str = "", start_qualifier: str = "",
           years: float | None = None) -> tuple[float | None, str | None]:
    """Growth in percent from `start` to `end` (compound per year when `years` is given), with its qualifier.

    Returns (value, qualifier) from `bound_of`; (None, None) when the two figures' bounds say nothing of the
    growth, or when `start` is not positive: the caller then states no number. For the topics' own growth
    and ratio sentences, which compute from two rows.
    """
    q = bound_of(end_qualifier, start_qualifier)
    if q is None or start is None or end is None or start <= 0:
        return None, None
    if years:
        return 100 * ((end / start) ** (1 / years) - 1), q
    return 100 * (end / start - 1), q


def quotient(numerator: float, denominator: float, numerator_qualifier: str = "",
             denominator_qualifier: str = "") -> tuple[float | None, str | None]:
    """numerator / denominator with its qualifier (`bound_of`); (None, None) when nothing can be stated."""
    q = bound_of(numerator_qualifier, denominator_qualifier)
    if q is None or not denominator:
        return None, None
    return numerator / denominator, q


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
    # a derived figure (an average) carries its own printed precision; a stated one, its stated form's
    before = out["value_print"] if "value_print" in out else out["value_original"]
    out["value_print"] = [round_sig(v, min(4, max(2, significant_digits(st, orig)))) if c else p
                          for v, st, orig, c, p in zip(out["value"], stated, before, conv, before)]
    out.attrs = dict(frame.attrs)
    return out


def printed(row) -> float:
    """The value a sentence prints for a row: its rounded converted form when it has one."""
    v = row.get("value_print") if hasattr(row, "get") else None
    return float(v) if v is not None and v == v else float(row["value"])
