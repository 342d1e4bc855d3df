"""Plan goals on the page: the table of goals with their own year's outcome and a verdict, the verdict words,
and progress towards each goal as a share of it (one unit, so a family of goals shares one axis).

Shared by the policy timeline (its goals table) and the goals-and-outcomes report.
"""

from __future__ import annotations

import pandas as pd

from . import charts
from .citations import refs_text
from .i18n import period_label, t
from ..dataset.goals import goal_rows
from ..dataset.units import format_value
from .words import goal_verdicts

#: Plan series that hold goals with outcomes to read them against (an approved layout has none).
GOAL_PLANS = ("broadband-china-target", "fyp14-plan", "computing-plan-2023", "ai-plus-plan")
#: The order verdicts are counted in, in findings and tests.
GOAL_ORDER = ("met", "missed", "on_track", "not_yet_due", "undecided", "no_outcome")


def goal_table(rep, plans=GOAL_PLANS) -> pd.DataFrame:
    """Every goal of `plans` whose goal year falls in the report's window, with its verdict."""
    p = rep.params
    g = goal_rows(rep.ds, "CN", list(plans))
    if g.empty:
        return g
    if "start_year" in p:
        g = g[(g["goal_year"] >= p["start_year"]) & (g["goal_year"] <= p["end_year"])]
    return goal_verdicts(g).sort_values(["goal_year", "indicator"]).reset_index(drop=True)


def verdict_text(row, lang: str) -> str:
    """A goal's verdict as the table and the findings print it."""
    kind = row["verdict"]
    if kind == "missed":
        return t("goals.missed", lang, pct=f"{row['short_pct']:.1f}")
    return t(f"goals.{kind}", lang, year=row["goal_year"])


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and x != x)


def table(rep, goals: pd.DataFrame, title: str) -> charts.Table:
    """Each goal against the outcome of its own goal year, the verdict by rule, and the latest outcome apart."""
    lang = rep.lang
    heads = [t(f"goals.{k}", lang) for k in ("col_indicator", "col_plan", "col_base", "col_goal", "col_outcome",
                                             "col_verdict", "col_latest", "col_sources")]
    if goals.empty:
        return charts.as_table(pd.DataFrame({heads[0]: [t("no_data", lang)]}), title=title)
    names = rep.ds.series_table.set_index("series")[f"name_{lang}"]
    rows = []
    for _, r in goals.iterrows():
        counter = charts.counter_for(rep.ds, r["indicator"])

        def fig(v, q, period):
            if _missing(v):
                return "—"
            return f"{format_value(v, r['unit'], lang, q or '', counter=counter)} ({period_label(period, lang)})"

        ids = [x for x in (r["base_source"], r["goal_source"], r["outcome_source"], r["latest_source"])
               if isinstance(x, str) and x]
        rows.append([rep.ds.label("indicator", r["indicator"], lang), names.get(r["plan_series"]) or r["plan_series"],
                     fig(r["base"], "", r["base_period"]), fig(r["goal"], r["goal_qualifier"], r["goal_period"]),
                     fig(r["outcome"], r["outcome_qualifier"], r["outcome_period"]), verdict_text(r, lang),
                     fig(r["latest"], r["latest_qualifier"], r["latest_period"]),
                     refs_text(rep.cites.cite(list(dict.fromkeys(ids))))])
    return charts.as_table(pd.DataFrame(rows, columns=heads), title=title)


def verdict_counts_text(rep, goals: pd.DataFrame) -> tuple[str, dict]:
    """'2 met, 3 missed and 9 without an outcome ...' in the report's language, and the counts."""
    from .i18n import join_items

    counts = goals["verdict"].value_counts().to_dict()
    parts = [t(f"goals.count_{k}", rep.lang, n=int(counts[k])) for k in GOAL_ORDER if k in counts]
    return join_items(parts, rep.lang), {k: int(v) for k, v in counts.items()}


def progress_chart(rep, goals: pd.DataFrame, title: str):
    """One row per goal: the outcome of its goal year as a bar (share of the goal, from zero), the latest reading
    as a hollow ring, and the goal as a rule at 100%. A goal with neither reading is listed, not drawn."""
    import altair as alt

    from . import theme

    lang = rep.lang
    if goals.empty:
        return charts.notice(rep, title, pd.DataFrame(), 1, [])
    rows = []
    for _, g in goals.iterrows():
        counter = charts.counter_for(rep.ds, g["indicator"])
        goal_txt = format_value(g["goal"], g["unit"], lang, g["goal_qualifier"] or "", counter=counter)
        label = t("goals.row_label", lang, indicator=rep.ds.label("indicator", g["indicator"], lang), goal=goal_txt,
                  year=g["goal_year"])
        at = None if _missing(g["outcome"]) else 100 * g["outcome"] / g["goal"]
        latest = None if _missing(g["latest"]) else 100 * g["latest"] / g["goal"]
        rows.append({"label": label, "at_goal_year": at, "latest": latest,
                     "at_text": "" if at is None else t("goals.at_text", lang, pct=f"{at:,.0f}",
                                                        value=format_value(g["outcome"], g["unit"], lang,
                                                                           g["outcome_qualifier"] or "", counter=counter),
                                                        period=period_label(g["outcome_period"], lang)),
                     "latest_text": "" if latest is None else t("goals.latest_text", lang, pct=f"{latest:,.0f}",
                                                                value=format_value(g["latest"], g["unit"], lang,
                                                                                   g["latest_qualifier"] or "",
                                                                                   counter=counter),
                                                                period=period_label(g["latest_period"], lang)),
                     "verdict": verdict_text(g, lang), "bound": bool(g["outcome_qualifier"]),
                     # the table view's columns (batch/export.py): the goal, its year's outcome, the verdict
                     "series": label, "period_text": str(g["goal_year"]) if lang == "en" else f"{g['goal_year']}년"})
        rows[-1]["value_text"] = rows[-1]["at_text"] or "—"
        rows[-1]["statement_text"] = rows[-1]["verdict"]
    data = pd.DataFrame(rows)
    drawn = data[data["at_goal_year"].notna() | data["latest"].notna()]
    if drawn.empty:
        return charts.notice(rep, title, pd.DataFrame(), 1, [])
    order = list(drawn["label"])
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=320))
    tips = [alt.Tooltip("label:N", title=t("goals.col_goal", lang)),
            alt.Tooltip("at_text:N", title=t("goals.col_outcome", lang)),
            alt.Tooltip("verdict:N", title=t("goals.col_verdict", lang)),
            alt.Tooltip("latest_text:N", title=t("goals.col_latest", lang))]
    top = max(110.0, float(drawn[["at_goal_year", "latest"]].max().max()) * 1.05)
    x_scale = alt.Scale(zero=True, domain=[0, top])
    base = alt.Chart(drawn)
    bar = base.transform_filter("isValid(datum.at_goal_year)").mark_bar(height=14).encode(
        y=y, x=alt.X("at_goal_year:Q", title=t("goals.axis_share", lang), scale=x_scale), tooltip=tips,
        color=alt.value("#0b6fa4"), fillOpacity=alt.condition("datum.bound", alt.value(0.2), alt.value(1)))
    ring = base.transform_filter("isValid(datum.latest)").mark_point(
        shape="circle", filled=False, size=110, strokeWidth=2, color="#b3541e").encode(
        y=y, x=alt.X("latest:Q", scale=x_scale), tooltip=tips)
    goal = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(color="#333", strokeDash=[4, 3]).encode(x="x:Q")
    chart = alt.layer(bar, ring, goal).properties(width=theme.WIDTH, height=max(120, 32 * len(drawn)))
    # the rows the chart reads, for its footer's sources and reach (a plan's rows are goals, drawn as the rule)
    cited = [x for c in ("goal_source", "outcome_source", "latest_source") for x in goals[c] if isinstance(x, str)]
    frames = [rep.ds.observations[rep.ds.observations["source_id"].isin(cited)
                                  & (rep.ds.observations["series_kind"] != "plan")]]
    desc = t("goals.describe", lang, title=title, n=len(drawn), met=int((goals["verdict"] == "met").sum()),
             missed=int((goals["verdict"] == "missed").sum()))
    return charts.finish(rep, chart, title=title, description=desc, frames=frames,
                         notes=(t("goals.progress_note", lang),))
