"""Goals and outcomes: every quantified goal of China's digital plans in the data, read in its own year.

Each goal with its baseline, the outcome of its goal year, the latest outcome, and a verdict by rule
(report/words.goal_verdict); progress drawn as a share of each goal, family by family, so goals of different
units share an axis and the goal itself is a mark of its own at 100.
"""

from __future__ import annotations

import pandas as pd

from .. import charts, goals_view
from ..context import Finding
from ..i18n import join_items, t

#: Families of goals, drawn together (indicators.csv slugs); a goal of an indicator listed nowhere is drawn in
#: the family "other", so adding a plan needs no code.
FAMILIES = {
    "users": ("internet_users", "fixed_broadband_household_penetration", "gigabit_broadband_users",
              "ipv6_active_users"),
    "computing": ("computing_power_total", "data_storage_capacity", "intelligent_computing_share",
                  "data_center_racks"),
    "share": ("digital_economy_core_gdp_share", "industrial_internet_platform_penetration",
              "intelligent_terminal_agent_penetration"),
    "trade": ("software_it_services_revenue", "online_retail_sales", "ecommerce_transaction_value"),
}


def _t(key, rep, **kw):
    return t(f"goals_outcomes.{key}", rep.lang, **kw)


def _goals(rep) -> pd.DataFrame:
    return goals_view.goal_table(rep, rep.params["plans"])


def family_of(indicator: str) -> str:
    return next((f for f, inds in FAMILIES.items() if indicator in inds), "other")


def _family(rep, family: str) -> pd.DataFrame:
    g = _goals(rep)
    return g[[family_of(i) == family for i in g["indicator"]]] if not g.empty else g


def progress(rep, family: str):
    """Outcomes as a share of each goal of one family, with the goal at 100: how near each goal stood."""
    return goals_view.progress_chart(rep, _family(rep, family), _t(f"progress_{family}", rep))


def users(rep):
    return progress(rep, "users")


def computing(rep):
    return progress(rep, "computing")


def share(rep):
    return progress(rep, "share")


def trade(rep):
    return progress(rep, "trade")


def goal_list(rep) -> charts.Table:
    return goals_view.table(rep, _goals(rep), _t("table", rep))


def findings(rep) -> list[Finding]:
    lang = rep.lang
    F = lambda key, **kw: t(f"findings.{key}", lang, **kw)  # noqa: E731
    goals = _goals(rep)
    out: list[Finding] = []
    if goals.empty:
        return out
    parts, counts = goals_view.verdict_counts_text(rep, goals)
    ids = [x for c in ("goal_source", "outcome_source") for x in goals[c] if isinstance(x, str) and x]
    out.append(Finding("goal_verdicts", F("goal_verdicts", n=len(goals), parts=parts),
                       {"goals": int(len(goals)), "verdicts": counts}, list(dict.fromkeys(ids))))
    for kind in ("met", "missed"):
        sel = goals[goals["verdict"] == kind]
        if sel.empty:
            continue
        names = [t("findings.goal_named", lang, indicator=rep.ds.label("indicator", r["indicator"], lang),
                   year=r["goal_year"]) for _, r in sel.iterrows()]
        ids = [x for c in ("goal_source", "outcome_source") for x in sel[c] if isinstance(x, str) and x]
        out.append(Finding(f"goals_{kind}", F(f"goals_{kind}", n=len(sel), names=join_items(names, lang)),
                           {"goals": [f"{r['indicator']}:{r['goal_period']}" for _, r in sel.iterrows()]},
                           list(dict.fromkeys(ids))))
    due = goals[goals["verdict"] == "no_outcome"]
    if not due.empty:
        ids = [x for x in due["goal_source"] if isinstance(x, str) and x]
        years = sorted({int(y) for y in due["goal_year"]})
        out.append(Finding("goals_no_outcome", F("goals_no_outcome", n=len(due), years=join_items(
            [str(y) if lang == "en" else f"{y}년" for y in years], lang)),
                           {"goals": len(due)}, list(dict.fromkeys(ids))))
    return out


def answers(rep) -> list[tuple[str, str | None]]:
    q = lambda k: t(f"goals_outcomes.{k}", rep.lang)  # noqa: E731
    return [(q("q_verdicts"), _t("table", rep)), (q("q_users"), _t("progress_users", rep)),
            (q("q_computing"), _t("progress_computing", rep)), (q("q_share"), _t("progress_share", rep)),
            (q("q_trade"), _t("progress_trade", rep))]


CHECKS: dict = {}
