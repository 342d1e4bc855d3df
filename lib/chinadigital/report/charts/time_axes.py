"""Where a period sits on a time axis, when a series skips one, and when early points would flatten the rest."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..i18n import t


def _position(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """Where a period sits on a time axis: its middle, so December 2014 stays inside 2014."""
    mid = start + (end - start) / 2
    return mid.strftime("%Y-%m-%d")


#: The step of a series whose periods have a fixed length, in days: a missing period is a gap of one more step.
CADENCE_DAYS = {"year": 365.25, "interval": 365.25, "quarter": 91.3}


def cadence(g: pd.DataFrame) -> float | None:
    """A series' own step in days: the length of its periods (a year, a quarter); for figures dated at a month
    or a day (half-yearly surveys, year-end counts), the lower quartile of the steps between them."""
    kinds = set(g["period_precision"]) if "period_precision" in g else set()
    if len(kinds) == 1 and next(iter(kinds)) in CADENCE_DAYS:
        return CADENCE_DAYS[next(iter(kinds))]
    gaps = g.sort_values("period_end")["period_end"].diff().dt.days.dropna()
    if len(gaps) < 2:
        return None
    return max(float(gaps.quantile(0.25)), 28.0)


def _segments(data: pd.DataFrame) -> pd.Series:
    """Number the unbroken runs of each series. One rule for every line in the suite: a step longer than one
    and a half of the series' own cadence (`cadence`) is a missing period, and the line breaks there."""
    seg = pd.Series(0, index=data.index)
    for _, g in data.groupby("line_key"):
        g = g.sort_values("period_end")
        step = cadence(g)
        if step is None:
            continue
        gaps = g["period_end"].diff().dt.days
        run = (gaps > 1.5 * step).cumsum()
        seg.loc[g.index] = run.values
    return seg


def missing_periods(data: pd.DataFrame) -> pd.DataFrame:
    """The periods each joined series skips inside its own span (by the rule of `_segments`): one row per
    missing period, at its middle, with the series' hue and the period's words."""
    rows = []
    if data.empty or "on_line" not in data:
        return pd.DataFrame(columns=["date", "hue", "gap_text"])
    for _, g in data[data["on_line"]].groupby("line_key"):
        g = g.sort_values("period_end")
        step = cadence(g)
        if step is None or len(g) < 2:
            continue
        kind = g["period_precision"].iloc[0]
        ends = list(g["period_end"])
        for a, b in zip(ends, ends[1:]):
            if (b - a).days <= 1.5 * step:
                continue
            n = int(round((b - a).days / step)) - 1
            for k in range(1, n + 1):
                end = a + pd.Timedelta(days=step * k)
                if kind == "quarter":
                    q = (end - pd.Timedelta(days=20)).to_period("Q")
                    mid, label = q.start_time + (q.end_time - q.start_time) / 2, f"{q.year}Q{q.quarter}"
                elif kind in ("year", "interval"):
                    end = a + pd.DateOffset(years=k)
                    mid, label = end - pd.Timedelta(days=182), str(end.year)
                else:
                    mid, label = end, end.strftime("%Y-%m")
                rows.append({"date": mid.strftime("%Y-%m-%d"), "hue": g["hue"].iloc[0] if "hue" in g else "",
                             "gap_period": label})
    return pd.DataFrame(rows, columns=["date", "hue", "gap_period"])


def year_axis(lang: str, years: list[int], title: bool = True) -> alt.X:
    """Years labelled in the middle of their span; the rules at each 1 January are drawn by `year_rules`."""
    values = [alt.DateTime(year=y, month=7, date=1) for y in years]
    step = 1 if len(years) <= 14 else 2
    values = values[::step]
    return alt.X("date:T", title=t("col_year", lang) if title else None,
                 scale=alt.Scale(domain=[alt.DateTime(year=years[0], month=1, date=1),
                                         alt.DateTime(year=years[-1] + 1, month=1, date=1)]),
                 axis=alt.Axis(values=values, format="%Y", grid=False, ticks=False, labelOverlap=True,
                               labelPadding=6))


def year_rules(years: list[int]) -> alt.Chart:
    """A faint line at each new year, so a reader sees which year a point falls in."""
    frame = pd.DataFrame({"date": [f"{y}-01-01" for y in range(years[0], years[-1] + 2)]})
    return alt.Chart(frame).mark_rule(color="#e6e6e6", strokeWidth=1).encode(x="date:T")


def _years(data: pd.DataFrame, start_col="period_start", end_col="period_end") -> list[int]:
    lo = int(data[start_col].min().year)
    hi = int(data[end_col].max().year)
    return list(range(lo, hi + 1))


#: A scale is hidden by its early points when everything from some year on stays under 1/SPLIT_RATIO of the top.
SPLIT_RATIO = 4.0


def split_year(data: pd.DataFrame) -> int | None:
    """The first year of the later panel when a few early points set a value axis that flattens the rest (mobile
    payments: a 2009 +98% over years of 2-12%): the earliest year from which every later point stays under a
    quarter of the highest one, leaving at least three years and 30% of the points after it; None otherwise."""
    v = pd.to_numeric(data["value_scaled"], errors="coerce")
    if v.empty or v.max() <= 0 or (v < 0).any():
        return None
    years = data["period_end"].dt.year
    top = float(v.max())
    for y in sorted(set(years))[1:]:
        late = years >= y
        if late.sum() < 0.3 * len(data) or years[late].nunique() < 3:
            return None
        if float(v[late].max()) * SPLIT_RATIO <= top and (~late).sum() >= 2:
            return int(y)
    return None
