"""Policy timeline: who acted when, and how the steps line up with adoption."""

from __future__ import annotations

import pandas as pd

from .. import charts, goals_view
from . import mobile_payments
from ...dataset import metrics
from ..i18n import actor_kind_label, join_items, period_label, t, theme_label
from ..context import Finding
from ...dataset.units import format_number, format_value


def _t(key, rep):
    return t(f"policy_timeline.{key}", rep.lang)


def _events(rep, themes=None):
    p = rep.params
    return rep.ds.events(themes=themes or p["themes"], start_year=p["start_year"], end_year=p["end_year"])


def timeline(rep):
    return charts.timeline(rep, _events(rep), title=_t("timeline", rep))


def per_year(rep):
    return charts.events_per_year(rep, _events(rep), title=_t("per_year", rep))


def _linked_events(rep, indicators, themes=None):
    """Only the events linked to the series a chart draws (events.csv indicators), within the themes asked
    for: a data chart marks the steps that bear on its line, not every trip and memorandum."""
    p = rep.params
    return rep.ds.events(themes=themes or p["themes"], start_year=p["start_year"], end_year=p["end_year"],
                         linked_to=list(indicators))


ADOPTION = ("internet_users", "mobile_payment_users")


def against_adoption(rep):
    p = rep.params
    users = pd.concat([rep.ds.series(i, "CN", p["start_year"], p["end_year"]) for i in ADOPTION])
    return charts.events_over_series(rep, _linked_events(rep, ADOPTION), users, title=_t("adoption", rep))


def against_payment_value(rep):
    p = rep.params
    themes = [x for x in p["themes"] if x in ("payments", "policy")] or p["themes"]
    # the 2017 barcode rules govern payments through non-bank institutions: their line is the one to read
    # against the rules; the banks' mobile payments (another definition) stay beside it for scale
    value = mobile_payments.payment_flows(rep.ds, p["start_year"], p["end_year"],
                                          order=(mobile_payments.NONBANK, mobile_payments.BANK))
    return charts.events_over_series(rep, _linked_events(rep, sorted(set(value["indicator"])), themes), value,
                                     title=_t("value", rep), series_by="indicator")


def _core_share(rep):
    """The plan's figures, the official statistic, and a second publisher's figure only for years the
    official statistic does not give (9.9% and a rounded 10% for one year would hide one mark under the other;
    the second publisher's figure stays in the data and the goals table)."""
    p = rep.params
    f = rep.ds.series("digital_economy_core_gdp_share", "CN", p["start_year"], p["end_year"], plans=True)
    official = set(f.loc[f["series"] == "official-core", "period"])
    return f[~((f["series"] == "other-publisher") & f["period"].isin(official))]


def plan_against_outcome(rep):
    """The plan's baseline and goal beside what official statistics report: each its own series."""
    return charts.line(rep, _core_share(rep), title=_t("plan", rep), series_by="indicator")


PLAN_SERIES = ("fyp14-plan", "computing-plan-2023", "broadband-china-target")


def _goal_table(rep) -> pd.DataFrame:
    return goals_view.goal_table(rep, PLAN_SERIES)


def targets(rep) -> charts.Table:
    """Each goal against the outcome of its own goal year, the verdict by rule, and the latest outcome apart:
    different units, so a table."""
    return goals_view.table(rep, _goal_table(rep), _t("targets", rep))


def computing(rep):
    """Computing power against the 2023 plan's goal: the goal a hollow mark (it is a bound), never joined."""
    p = rep.params
    f = rep.ds.series("computing_power_total", "CN", p["start_year"], p["end_year"], plans=True)
    return charts.line(rep, f, title=_t("computing", rep), series_by="indicator")


def software(rep):
    p = rep.params
    f = rep.ds.series("software_it_services_revenue", "CN", p["start_year"], p["end_year"], plans=True)
    return charts.line(rep, f, title=_t("software", rep), series_by="indicator")


def broad_share(rep):
    p = rep.params
    return charts.line(rep, rep.ds.series("digital_economy_gdp_share", "CN", p["start_year"], p["end_year"]),
                       title=_t("broad", rep), series_by="indicator")


def event_table(rep) -> charts.Table:
    return charts.event_table(rep, _events(rep), with_theme=True)


def findings(rep) -> list[Finding]:
    ds, lang, p = rep.ds, rep.lang, rep.params
    F = lambda key, **kw: t(f"findings.{key}", lang, **kw)  # noqa: E731
    ev = _events(rep)
    out: list[Finding] = []
    if ev.empty:
        return out
    all_ids = list(dict.fromkeys(ev["source_id"]))
    by_theme = ev.groupby("theme").size()
    parts = ", ".join(f"{theme_label(th, lang)} {n}" + ("건" if lang == "ko" else "") for th, n in by_theme.items())
    text = F("event_count", n=len(ev), start=p["start_year"], end=p["end_year"], parts=parts)
    out.append(Finding("event_count", text, {"events": int(len(ev)), **{k: int(v) for k, v in by_theme.items()}}, all_ids))
    per_year = ev.groupby("year").size()
    top = int(per_year.max())
    years = [int(y) for y in per_year[per_year == top].index]
    in_top = ev[ev["year"].isin(years)]
    from ..words import share_of_whole

    # who acted, year by year: "most" only above half, otherwise the largest group or a tie, as the counts say
    per = []
    groups = {}
    for y in years:
        g = share_of_whole(in_top[in_top["year"] == y].groupby("actor_kind").size().to_dict())
        groups[y] = {"kind": g.kind, "leaders": list(g.leaders), "count": g.count, "total": g.total}
        labels = [actor_kind_label(k, lang) for k in g.leaders]
        who = join_items([x.lower() for x in labels] if lang == "en" else labels, lang)
        per.append(F(f"actors_{g.kind}", year=y if lang == "en" else f"{y}년", who=who, n=g.count, total=g.total))
    years_txt = join_items([str(y) for y in years], lang) if lang == "en" else ", ".join(f"{y}년" for y in years)
    text = F("busiest_years" if len(years) > 1 else "busiest_year", years=years_txt, top=top,
             actors=" ".join(per), sources=in_top["source_id"].nunique())
    out.append(Finding("busiest_year", text, {"years": years, "events": top, "actors": groups,
                                              "sources": int(in_top["source_id"].nunique())},
                       list(dict.fromkeys(in_top["source_id"]))))
    first = ev.iloc[0]
    who = rep.name(first["actor"])
    text = F("first_event", date=period_label(first["date"], lang), title=first[f"title_{lang}"], who=who)
    out.append(Finding("first_event", text, {"event_id": first["event_id"], "date": first["date"]}, [first["source_id"]]))
    goals = _goal_table(rep)
    if not goals.empty:
        parts, counts = goals_view.verdict_counts_text(rep, goals)
        missed = goals[goals["verdict"] == "missed"]
        text = F("goal_verdicts", n=len(goals), parts=parts)
        if not missed.empty:
            worst = missed.loc[missed["short_pct"].idxmax()]
            text += " " + F("goal_worst", indicator=ds.label("indicator", worst["indicator"], lang),
                            year=int(worst["goal_year"]), pct=f"{worst['short_pct']:.1f}")
        ids = [x for c in ("goal_source", "outcome_source") for x in goals[c] if isinstance(x, str) and x]
        out.append(Finding("goal_verdicts", text, {"goals": int(len(goals)), "verdicts": counts},
                           list(dict.fromkeys(ids))))
    plan = ev[ev["event_id"] == "internet-plus-two-sessions-2015"]
    pay = metrics.main_series(ds.series("mobile_payment_users", "CN", p["start_year"], p["end_year"]))
    pay = pay[pay["qualifier"] == ""]
    if not plan.empty and not pay.empty:
        when = plan.iloc[0]["date_start"]
        before = pay[pay["period_end"] <= when]
        last = metrics.latest(pay)
        if not before.empty and last is not None and last["period_end"] > when:
            b = before.iloc[-1]
            ratio = last["value"] / b["value"]
            counter = charts.counter_for(ds, "mobile_payment_users")
            people = (lambda v: format_value(v, "persons", lang, counter=counter)) if lang == "ko" else \
                (lambda v: format_number(v, lang))
            text = F("internet_plus_adoption", before=people(b["value"]), before_period=period_label(b["period"], lang),
                     after=people(last["value"]), after_period=period_label(last["period"], lang), ratio=f"{ratio:.1f}")
            out.append(Finding("internet_plus_adoption", text, {"before": float(b["value"]), "before_period": b["period"],
                                                                "after": float(last["value"]), "after_period": last["period"],
                                                                "ratio": round(float(ratio), 1)},
                               list(dict.fromkeys([plan.iloc[0]["source_id"], b["source_id"], last["source_id"]]))))
    return out


def answers(rep) -> list[tuple[str, str | None]]:
    """The questions this report answers, each with the title of the chart that answers it (None: not yet)."""
    q = lambda k: t(f"policy_timeline.{k}", rep.lang)  # noqa: E731
    return [(q("q_when"), _t("timeline", rep)), (q("q_plan"), _t("plan", rep)), (q("q_broad"), _t("broad", rep)),
            (q("q_adoption"), _t("adoption", rep)), (q("q_targets"), _t("targets", rep)),
            (q("q_computing"), _t("computing", rep))]


# -- checks behind the notebook's prose (rep.check(key); chinadigital.report.prose) ------------------------------

PLAN_EVENT = "internet-plus-two-sessions-2015"


def _check_payers_before_plan(rep):
    """'Mobile payment had already passed 200 million users before the Internet Plus plan of 2015, and payment
    users kept climbing after it' (CNNIC's exact survey figures)."""
    p = rep.params
    plan = rep.ds.events()
    plan = plan[plan["event_id"] == PLAN_EVENT]
    pay = metrics.main_series(rep.ds.series("mobile_payment_users", "CN", p["start_year"], p["end_year"]))
    pay = pay[pay["qualifier"] == ""].sort_values("period_end")
    if plan.empty or pay.empty:
        return False, "no plan event or no exact payment-user figures in the window"
    when = plan.iloc[0]["date_start"]
    before, after = pay[pay["period_end"] <= when], pay[pay["period_end"] > when]
    rising = after["value"].tolist()
    ok = (not before.empty and before["value"].iloc[-1] > 200e6 and len(rising) >= 2
          and all(b > a for a, b in zip([before["value"].iloc[-1]] + rising, rising)))
    last = before["value"].iloc[-1] if not before.empty else float("nan")
    return ok, f"last before the plan {last:,.0f}; after: {', '.join(f'{v:,.0f}' for v in rising)}"


def _check_goal_is_floor(rep):
    """'The plan's goal for 2025 is hollow because the plan asks for more than the figure'."""
    p = rep.params
    f = rep.ds.series("computing_power_total", "CN", p["start_year"], p["end_year"], plans=True)
    goal = f[f["series_kind"] == "plan"]
    return bool(len(goal) and goal["qualifier"].isin([">", ">="]).all()), f"goal qualifiers {list(goal['qualifier'])}"


def _check_broad_four_times(rep):
    """'CAICT's broad measure runs about four times the core measure' in every year both give (3.5 to 4.5)."""
    p = rep.params
    broad = rep.ds.series("digital_economy_gdp_share", "CN", p["start_year"], p["end_year"]).set_index("period")["value"]
    core = _core_share(rep)
    core = core[core["series"] == "official-core"].set_index("period")["value"]
    common = sorted(set(broad.index) & set(core.index))
    ratios = {y: broad[y] / core[y] for y in common}
    return bool(ratios) and all(3.5 <= r <= 4.5 for r in ratios.values()), \
        "; ".join(f"{y}: {r:.2f}x" for y, r in ratios.items()) or "no common year"


CHECKS = {"payers_before_plan": _check_payers_before_plan, "goal_is_floor": _check_goal_is_floor,
          "broad_four_times": _check_broad_four_times}
