"""Policy timeline: who acted when, and how the steps line up with adoption."""

from __future__ import annotations

import pandas as pd

from .. import charts
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


def against_adoption(rep):
    p = rep.params
    users = pd.concat([rep.ds.series(i, "CN", p["start_year"], p["end_year"]) for i in ("internet_users", "mobile_payment_users")])
    return charts.events_over_series(rep, _events(rep), users, title=_t("adoption", rep))


def against_payment_value(rep):
    p = rep.params
    themes = [x for x in p["themes"] if x in ("payments", "policy")] or p["themes"]
    # the 2017 barcode rules govern payments through non-bank institutions: their line is the one to read
    # against the rules; the banks' mobile payments (another definition) stay beside it for scale
    value = mobile_payments.payment_flows(rep.ds, p["start_year"], p["end_year"],
                                          order=(mobile_payments.NONBANK, mobile_payments.BANK))
    return charts.events_over_series(rep, _events(rep, themes), value, title=_t("value", rep), series_by="indicator")


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


def _targets(rep):
    """Each quantified goal of the plans in the data with its baseline, and the latest measured outcome of
    the same indicator for China (any series that is not a plan)."""
    p = rep.params
    rows = []
    for ind in sorted(set(rep.ds.observations.loc[rep.ds.observations["series"].isin(PLAN_SERIES), "indicator"])):
        f = rep.ds.series(ind, "CN", p["start_year"], p["end_year"], plans=True)
        if f.empty:
            continue
        measured = f[f["series_kind"] != "plan"]
        rows.append(f[f["series"].isin(PLAN_SERIES)])
        if not measured.empty:
            rows.append(measured.sort_values("period_end").tail(1))
    return pd.concat(rows, ignore_index=True) if rows else rep.ds.series("internet_users", "CN", 0, 0)


def targets(rep) -> charts.Table:
    """Goals, baselines and the latest outcome, indicator by indicator: different units, so a table."""
    frame = _targets(rep)
    frame = frame.assign(series_text=frame[f"series_name_{rep.lang}"].where(frame[f"series_name_{rep.lang}"] != "",
                                                                           frame["series_name_en"]))
    return charts.table(rep, frame, {"indicator_label": "col_indicator", "series_text": "col_series",
                                             "period_text": "col_period", "value_text": "col_value",
                                             "source_ref": "col_source"}, title=_t("targets", rep))


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
    kinds = in_top.groupby("actor_kind").size()
    lead = sorted(k for k, n in kinds.items() if n == kinds.max())
    labels = [actor_kind_label(k, lang) for k in lead]
    kinds_txt = join_items([x.lower() for x in labels] if lang == "en" else labels, lang)
    years_txt = join_items([str(y) for y in years], lang) if lang == "en" else ", ".join(f"{y}년" for y in years)
    text = F("busiest_years" if len(years) > 1 else "busiest_year", years=years_txt, top=top, kinds=kinds_txt,
             tied=F("tied") if len(lead) > 1 else "", sources=in_top["source_id"].nunique())
    out.append(Finding("busiest_year", text, {"years": years, "events": top, "lead_kinds": lead,
                                              "sources": int(in_top["source_id"].nunique())},
                       list(dict.fromkeys(in_top["source_id"]))))
    first = ev.iloc[0]
    who = rep.name(first["actor"])
    text = F("first_event", date=period_label(first["date"], lang), title=first[f"title_{lang}"], who=who)
    out.append(Finding("first_event", text, {"event_id": first["event_id"], "date": first["date"]}, [first["source_id"]]))
    core = _core_share(rep)
    goal = core[(core["series"] == "fyp14-plan")].sort_values("period_end") if "series" in core else core.iloc[0:0]
    outcome = metrics.latest(core[core["series"] == "official-core"]) if "series" in core else None
    if len(goal) == 2 and outcome is not None:
        base, target = goal.iloc[0], goal.iloc[1]
        text = F("plan_progress", target=f"{target['value']:g}", target_year=target["year"], base=f"{base['value']:g}",
                 base_year=base["year"], outcome=f"{outcome['value']:g}", outcome_year=outcome["year"])
        out.append(Finding("plan_progress", text, {"base": float(base["value"]), "target": float(target["value"]),
                                                   "outcome": float(outcome["value"]), "outcome_period": outcome["period"]},
                           list(dict.fromkeys([base["source_id"], target["source_id"], outcome["source_id"]]))))
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
