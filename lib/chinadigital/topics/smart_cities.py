"""Smart cities: one city's headline figures, traffic before and after City Brain, services by phone, adoption abroad."""

from __future__ import annotations

import pandas as pd

from .. import charts, metrics
from ..i18n import t, entity_label, period_label
from ..report import Finding
from ..korean import format_value_ko, with_particle
from ..units import format_value

HEADLINE = ("gov_services_by_phone", "gov_data_items", "gov_data_departments", "gov_data_daily_exchanges",
            "leading_companies", "cloud_town_talents", "cloud_town_companies", "cloud_town_patents",
            "cloud_town_daily_startup_events")
PIVOT_EVENT = "events-smart-citybrain-announced"
SHARES = ("digital_economy_gdp_share", "digital_economy_core_gdp_share", "digital_economy_growth_contribution")


def _city(rep):
    row = rep.ds.entity(rep.params["city"])
    return entity_label(row.to_dict(), rep.lang)


def _t(key, rep):
    return t(f"smart_cities.{key}", rep.lang, city=_city(rep))


def _obs(rep, indicators, entity=None):
    p = rep.params
    parts = [rep.ds.series(i, entity or p["city"], p["start_year"], p["end_year"]) for i in indicators]
    parts = [x for x in parts if not x.empty]
    return pd.concat(parts, ignore_index=True) if parts else rep.ds.series(indicators[0], entity or p["city"], 0, 0)


def headline(rep):
    frame = _obs(rep, HEADLINE)
    return charts.figure_list(rep, frame, title=_t("headline", rep))


def headline_table(rep) -> charts.Table:
    frame = pd.concat([_obs(rep, SHARES), _obs(rep, HEADLINE)], ignore_index=True)
    return charts.table(rep, frame, {"indicator_label": "col_indicator", "period_text": "col_period",
                                     "value_text": "col_value", "source_ref": "col_source"})


def _ranks(rep, entity=None):
    return _obs(rep, ("congestion_rank",), entity)


def _city_brain_start(rep):
    """The month City Brain was unveiled in Hangzhou: the pivot for 'before' and 'after'."""
    ev = rep.ds.events(themes=["smart_cities"])
    hit = ev[ev["event_id"] == PIVOT_EVENT]
    return hit.iloc[0]["date_start"] if not hit.empty else pd.Timestamp("2016-10-01")


def _before_after(rep):
    r = _ranks(rep).sort_values(["period_end", "source_id"])
    pivot = _city_brain_start(rep)
    before, after = r[r["period_end"] < pivot], r[r["period_end"] >= pivot]
    if before.empty or after.empty:
        return None, None
    return before.iloc[[-1]], after.iloc[[-1]]


def congestion_slope(rep):
    before, after = _before_after(rep)
    if before is None:
        empty = _ranks(rep).iloc[0:0]
        return charts.slope(rep, empty, empty, title=_t("congestion", rep))
    return charts.slope(rep, before, after, title=_t("congestion", rep))


def congestion_over_time(rep):
    """The city's own positions, one line per ranking (annual and quarterly lists are different rankings)."""
    return charts.line(rep, _ranks(rep), title=_t("congestion_all", rep), series_by="entity")


def services(rep):
    p = rep.params
    frame = rep.ds.series("gov_services_by_phone", None, p["start_year"], p["end_year"])
    return charts.bars(rep, frame, title=_t("services", rep), category="series_period", sort="x")


def milestones(rep):
    p = rep.params
    ev = rep.ds.events(themes=["smart_cities"], start_year=p["start_year"], end_year=p["end_year"])
    return charts.timeline(rep, ev, title=_t("milestones", rep))


def abroad(rep):
    p = rep.params
    frame = rep.ds.series("ambulance_time_reduction", None, p["start_year"], p["end_year"])
    return charts.figure_list(rep, frame, title=_t("abroad", rep), series_by="entity")


def _was(text: str) -> str:
    return with_particle(text, "이었/였") + "습니다"


def findings(rep) -> list[Finding]:
    ds, lang, p = rep.ds, rep.lang, rep.params
    city, name = p["city"], _city(rep)
    P = lambda x: period_label(x, lang)  # noqa: E731
    out: list[Finding] = []
    for ind in ("digital_economy_gdp_share", "digital_economy_core_gdp_share"):
        row = metrics.latest(ds.series(ind, city, p["start_year"], p["end_year"]))
        if row is not None:
            label = ds.label("indicator", ind, lang)
            v = format_value(row["value"], "percent", lang, row["qualifier"])
            text = {"en": f"In {P(row['period'])}, the {label[:1].lower() + label[1:]} in {name} was {v}.",
                    "ko": f"{P(row['period'])} {name}의 {with_particle(label, '은/는')} {_was(v)}."}[lang]
            out.append(Finding(ind, text, {"value": float(row["value"]), "qualifier": row["qualifier"], "period": row["period"]},
                               [row["source_id"]]))
    svc = ds.series("gov_services_by_phone", None, p["start_year"], p["end_year"])
    mine = svc[svc["entity"] == city]
    if not mine.empty:
        row = metrics.latest(mine)
        n_ko = format_value_ko(row["value"], "건")
        text = {"en": f"Residents of {name} could complete {int(row['value'])} government services by phone in {P(row['period'])}.",
                "ko": f"{P(row['period'])} {name} 시민이 휴대전화로 처리할 수 있는 행정 업무는 {_was(n_ko)}."}[lang]
        out.append(Finding("services_by_phone", text, {"value": int(row["value"]), "period": row["period"]}, [row["source_id"]]))
    before, after = _before_after(rep)
    if before is not None:
        a, b = before.iloc[0], after.iloc[0]
        text = {"en": f"In the congestion rankings, {name} was No. {int(a['value'])} in the last list before City Brain "
                      f"({P(a['period'])}) and No. {int(b['value'])} in the latest after it ({P(b['period'])}); the lists "
                      f"rank different numbers of cities.",
                "ko": f"교통 혼잡 순위에서 {with_particle(name, '은/는')} 시티브레인 도입 전 마지막 순위({P(a['period'])})에서 "
                      f"{int(a['value'])}위, 도입 후 최신 순위({P(b['period'])})에서 {_was(str(int(b['value'])) + '위')}. "
                      f"순위표마다 대상 도시 수가 다릅니다."}[lang]
        out.append(Finding("congestion", text, {"before": int(a["value"]), "before_period": a["period"],
                                                "after": int(b["value"]), "after_period": b["period"]},
                           list(dict.fromkeys([a["source_id"], b["source_id"]]))))
    ev = ds.events(themes=["smart_cities"], start_year=p["start_year"], end_year=p["end_year"])
    if not ev.empty:
        local = int((ev["actor_kind"] == "local_government").sum())
        text = {"en": f"The data hold {len(ev)} smart-city milestones from {p['start_year']} to {p['end_year']}, {local} of them "
                      f"by local governments.",
                "ko": f"{p['start_year']}~{p['end_year']}년 스마트시티 관련 사건은 {len(ev)}건이며, 그중 {local}건은 "
                      f"지방정부가 주체입니다."}[lang]
        out.append(Finding("milestones", text, {"events": int(len(ev)), "local": local}, list(dict.fromkeys(ev["source_id"]))))
    amb = metrics.latest(ds.series("ambulance_time_reduction", None, p["start_year"], p["end_year"]))
    if amb is not None:
        where = entity_label(ds.entity(amb["entity"]).to_dict(), lang)
        text = {"en": f"Abroad, a City Brain test in {where} was reported to cut ambulance arrival times by "
                      f"{amb['value']:.1f}% ({P(amb['period'])}); the source gives no baseline.",
                "ko": f"해외에서는 {where}의 시티브레인 시험에서 구급차 도착 시간이 {amb['value']:.1f}% 줄었다고 "
                      f"발표됐습니다({P(amb['period'])}). 출처는 비교 기준을 밝히지 않았습니다."}[lang]
        out.append(Finding("ambulance", text, {"value": float(amb["value"]), "period": amb["period"]}, [amb["source_id"]]))
    return out
