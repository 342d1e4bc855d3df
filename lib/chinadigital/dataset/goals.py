"""Plan goals read in their own year: each goal with its baseline, the outcome of its goal year and the latest.

A goal "1.1 billion internet users by 2020" set beside June 2025's 1.123 billion reads as met; in 2020 the
outcome was 989 million. So a goal is always paired with the outcome measured in its goal year (the last
reading of that year), and the latest reading is a separate column. Which plan rows are baselines and which
are goals follows from the data: a plan row describing a period that ended before the plan's document was
published is the baseline the plan reports; the rest are goals.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

PLAN_KIND = "plan"


def goal_rows(ds, entity: str = "CN", series: list[str] | None = None) -> pd.DataFrame:
    """Every goal of the plans in the data (series of kind plan), one row each, with its baseline, its goal-year
    outcome and the latest outcome of the same indicator and entity (any measured series)."""
    obs = ds.observations
    plan_series = set(ds.series_table.loc[ds.series_table["kind"] == PLAN_KIND, "series"])
    if series:
        plan_series &= set(series)
    published = ds.sources.set_index("source_id")["published"].astype(str)
    out = []
    for ind in sorted(set(obs.loc[obs["series"].isin(plan_series) & (obs["entity"] == entity), "indicator"])):
        f = ds.series(ind, entity, plans=True)
        measured = f[f["series_kind"] != PLAN_KIND].sort_values("period_end")
        for slug, plan in f[f["series"].isin(plan_series)].groupby("series"):
            plan = plan.sort_values("period_end")
            pub = plan["source_id"].map(lambda s: _published(published.get(s, "")))
            is_base = [p is not None and end.date() < p for end, p in zip(plan["period_end"], pub)]
            bases = plan[is_base]
            for _, goal in plan[[not b for b in is_base]].iterrows():
                base = bases[bases["period_end"] < goal["period_end"]]
                base = base.iloc[-1] if not base.empty else None
                in_year = measured[measured["year"] == goal["year"]]
                outcome = in_year.iloc[-1] if not in_year.empty else None
                latest = measured.iloc[-1] if not measured.empty else None
                out.append({"indicator": ind, "entity": entity, "plan_series": slug, "unit": goal["unit"],
                            "goal": float(goal["value"]), "goal_qualifier": goal["qualifier"], "goal_period": goal["period"],
                            "goal_year": int(goal["year"]), "goal_end": goal["period_end"], "goal_source": goal["source_id"],
                            "base": None if base is None else float(base["value"]),
                            "base_period": None if base is None else base["period"],
                            "base_source": None if base is None else base["source_id"],
                            "outcome": None if outcome is None else float(outcome["value"]),
                            "outcome_qualifier": "" if outcome is None else outcome["qualifier"],
                            "outcome_period": None if outcome is None else outcome["period"],
                            "outcome_series": None if outcome is None else outcome["series"],
                            "outcome_source": None if outcome is None else outcome["source_id"],
                            "latest": None if latest is None else float(latest["value"]),
                            "latest_qualifier": "" if latest is None else latest["qualifier"],
                            "latest_period": None if latest is None else latest["period"],
                            "latest_source": None if latest is None else latest["source_id"]})
    return pd.DataFrame(out)


def _published(raw: str):
    raw = str(raw or "").strip()
    try:
        if len(raw) >= 10:
            return date.fromisoformat(raw[:10])
        if len(raw) == 7:
            y, m = raw.split("-")
            return date(int(y), int(m), 1)
        if len(raw) == 4:
            return date(int(raw), 1, 1)
    except ValueError:
        return None
    return None
