"""What a chart may show: one unit per axis, one comparable series per line, and the minimum marks a chart
needs (a chart with fewer is a notice, never an empty frame)."""

from __future__ import annotations

import pandas as pd

from ...errors import ChartContractError
from ...dataset.metrics import UNJOINED_SERIES


PERIOD_KINDS = {"year": "calendar year", "interval": "fiscal year", "quarter": "quarter", "month": "month",
                "day": "day"}


MIN_LINE_POINTS = 3


MIN_BARS = 2


MAX_DIGITS = 15


def check_one_unit(frame: pd.DataFrame, title: str) -> None:
    """Refuse a frame that would put two units on one axis, naming the rows that disagree."""
    if frame.empty or frame["unit"].nunique() <= 1:
        return
    parts = [f"{ind}/{ent} in {unit}" for (ind, ent, unit), _ in frame.groupby(["indicator", "entity", "unit"])]
    raise ChartContractError(f"chart {title!r}: one unit per axis; the rows mix {', '.join(parts)}")


def series_key(frame: pd.DataFrame) -> pd.Series:
    """The comparable series each row belongs to: indicator, entity, unit and the data's `series`.

    Where the data carry no `series` column (an analyst's own frame), rows of one publisher family
    and one kind of period form a series, which is the strictest guess available.
    """
    if frame.empty:
        return pd.Series([], dtype=str)
    if "series" in frame and frame["series"].fillna("").ne("").all():
        basis = frame["series"].astype(str)
    else:
        basis = frame["source_id"].str.split("-").str[0] + ":" + frame["period_precision"].astype(str)
    return frame["indicator"] + "|" + frame["entity"] + "|" + frame["unit"] + "|" + basis


def joined_series(ds) -> set[str] | None:
    """Series slugs whose points may be joined by a line (None: the data carry no series table)."""
    table = getattr(ds, "series_table", None)
    if table is None or table.empty:
        return None
    if "joined" in table:
        return set(table.loc[table["joined"].astype(str).str.lower().isin(["true", "1", "yes"]), "series"])
    return set(table["series"]) - UNJOINED_SERIES


def check_series(frame: pd.DataFrame, title: str) -> None:
    """Refuse a series whose points mix kinds of period (a year among quarters reads as a jump)."""
    if frame.empty:
        return
    keyed = frame.assign(_key=series_key(frame))
    for key, g in keyed.groupby("_key"):
        kinds = sorted(set(g["period_precision"]))
        if len(kinds) > 1 and not set(kinds) <= {"month", "day"}:
            ind, ent, _, basis = key.split("|", 3)
            raise ChartContractError(
                f"chart {title!r}: indicator {ind}, entity {ent}, series {basis}: one series mixes periods of "
                f"{' and '.join(kinds)}; a line joins only one comparable series (split it in data/series.csv)")
