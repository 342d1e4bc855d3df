"""The data catalogue: every series (indicator, entity, series) with its span, cadence, gaps, breaks and sources.

An analyst who quotes a figure needs to know which series it belongs to, how far it reaches, whether a newer
release should exist by now, and which definitional breaks it crosses. This module computes that from the
data alone (`chinadigital validate --stats` prints it; the catalogue page draws it).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

#: How long, in months, one step of a cadence is.
CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}


def _months(a: pd.Timestamp, b: pd.Timestamp) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month)


def cadence(rows: pd.DataFrame) -> str:
    """The usual step between a series' periods: the commonest gap between consecutive period ends, named
    ('yearly', 'half-yearly', 'quarterly', 'monthly'); 'single figure' for one row, 'irregular' otherwise."""
    ends = sorted(rows["period_end"])
    if len(ends) < 2:
        return "single figure"
    steps = pd.Series([_months(a, b) for a, b in zip(ends, ends[1:])])
    step = int(steps.mode().min())
    for name, months in CADENCE_MONTHS.items():
        if step == months:
            return name
    return "irregular" if step not in (0,) else "irregular"


def gaps(rows: pd.DataFrame, every: str) -> int:
    """Steps of its own cadence a series skips between its first and latest period (a survey not held, a
    year no page states)."""
    if every not in CADENCE_MONTHS or len(rows) < 2:
        return 0
    step = CADENCE_MONTHS[every]
    ends = sorted(rows["period_end"])
    return int(sum(max(0, _months(a, b) // step - 1) for a, b in zip(ends, ends[1:])))


def due(latest_end: pd.Timestamp, every: str, today: date) -> bool:
    """A newer release is due when the period after the latest one has ended and a further step has passed
    for the publisher to release it (a yearly 2023 figure is due by the end of 2025)."""
    if every not in CADENCE_MONTHS:
        return False
    months = 2 * CADENCE_MONTHS[every]
    y, m = latest_end.year, latest_end.month + months
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return today > date(y, m, 1)


def series_catalogue(ds, today: date | None = None) -> pd.DataFrame:
    """One row per series of measurements (plans left out), sorted by indicator, entity and series."""
    today = today or date.today()
    obs = ds.observations
    if "series_kind" in obs:
        obs = obs[obs["series_kind"] != "plan"]
    src = ds.sources.set_index("source_id")
    rows = []
    for (ind, ent, unit, ser), g in obs.groupby(["indicator", "entity", "unit", "series"], sort=True):
        g = g.sort_values("period_end")
        every = cadence(g)
        last = g.iloc[-1]
        origins = src.reindex(list(dict.fromkeys(g["source_id"])))["origin"].fillna("")
        crossed, superseded = [], ""
        if getattr(ds, "breaks", None) is not None:
            b = ds.break_of(ser)
            if b is not None:
                crossed.append(f"{b['break_id']} ({b['date']})")
            # a series a definitional break replaced continues under its new name: nothing newer is due in it
            ends = ds.breaks[(ds.breaks["series_before"] == ser) & (ds.breaks["kind"] == "definition")
                             & ds.breaks["entity"].fillna("").isin(["", ent])
                             & ds.breaks["indicator"].fillna("").isin(["", ind])]
            if not ends.empty:
                superseded = str(ends["series_after"].iloc[0])
        rows.append({"indicator": ind, "entity": ent, "unit": unit, "series": ser,
                     "statement": g["statement"].iloc[0] if "statement" in g else "",
                     "first": g.iloc[0]["period"], "latest": last["period"], "points": len(g),
                     "cadence": every, "gaps": gaps(g, every),
                     "due": False if superseded else due(last["period_end"], every, today),
                     "superseded_by": superseded, "breaks": "; ".join(crossed),
                     "issuer": int((origins == "issuer").sum()), "original": int((origins == "original").sum()),
                     "copy": int((origins == "copy").sum()), "sources": list(dict.fromkeys(g["source_id"]))})
    return pd.DataFrame(rows)


def freshness_lines(ds, today: date | None = None) -> list[str]:
    """The catalogue as plain text for a terminal: first and latest period, cadence, whether a newer release
    is due, and the break a series begins at."""
    cat = series_catalogue(ds, today)
    if cat.empty:
        return ["freshness: no series"]
    head = ("indicator", "entity", "series", "first", "latest", "n", "cadence", "gaps", "newer due", "begins at break")
    body = [(r["indicator"], r["entity"], r["series"], r["first"], r["latest"], str(r["points"]), r["cadence"],
             str(r["gaps"]), "yes" if r["due"] else (f"no (continues as {r['superseded_by']})" if r["superseded_by"] else "no"),
             r["breaks"] or "-") for _, r in cat.iterrows()]
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    due_n = int(cat["due"].sum())
    return ([f"freshness: {len(cat)} series, {due_n} with a newer release due by their own cadence",
             fmt.format(*head)] + [fmt.format(*b) for b in body])
