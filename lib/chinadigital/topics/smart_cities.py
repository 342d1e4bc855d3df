"""Smart cities: one city's headline figures, traffic before and after City Brain, services by phone, adoption abroad."""

from __future__ import annotations

import pandas as pd

from .. import charts, metrics
from ..i18n import entity_label, period_label
from ..report import Finding
from . import title
from ..units import format_value

T = {
    "headline": {"en": "{city}: headline figures (log scale)", "ko": "{city}: 주요 지표(로그 눈금)"},
    "congestion": {"en": "{city}: rank among China's most congested cities, before and after", "ko": "{city}: 중국 혼잡 도시 순위 변화"},
    "congestion_all": {"en": "Congestion rankings over time (1 = most congested)", "ko": "교통 혼잡 순위 추이(1위 = 가장 혼잡)"},
    "services": {"en": "Government services a resident can complete by phone", "ko": "휴대전화로 처리할 수 있는 행정 업무 수"},
    "milestones": {"en": "City Brain and e-government milestones", "ko": "시티브레인과 전자정부 주요 사건"},
    "abroad": {"en": "City Brain abroad: cut in ambulance arrival time", "ko": "해외의 시티브레인: 구급차 도착 시간 단축"},
}
HEADLINE = ("gov_services_by_phone", "gov_data_items", "gov_data_departments", "gov_data_daily_exchanges",
            "leading_companies", "cloud_town_talents", "cloud_town_companies", "cloud_town_patents",
            "cloud_town_daily_startup_events")
SHARES = ("digital_economy_gdp_share", "digital_economy_core_gdp_share", "digital_economy_growth_contribution")


def _city(rep):
    row = rep.ds.entity(rep.params["city"])
    return entity_label(row.to_dict(), rep.lang)


def _t(key, rep):
    return title(T, key, rep.lang, city=_city(rep))


def _obs(rep, indicators, entity=None):
    p = rep.params
    parts = [rep.ds.series(i, entity or p["city"], p["start_year"], p["end_year"]) for i in indicators]
    parts = [x for x in parts if not x.empty]
    return pd.concat(parts, ignore_index=True) if parts else rep.ds.series(indicators[0], entity or p["city"], 0, 0)


def headline(rep):
    frame = _obs(rep, HEADLINE)
    return charts.bars(rep, frame, title=_t("headline", rep), category="indicator_label", series_by="indicator",
                       log=True, horizontal=True, y_title="")


def headline_table(rep) -> charts.Table:
    frame = pd.concat([_obs(rep, SHARES), _obs(rep, HEADLINE)], ignore_index=True)
    return charts.table(rep, frame, {"indicator_label": "col_indicator", "period_text": "col_period",
                                     "value_text": "col_value", "source_ref": "col_source"})


def _ranks(rep, entity=None):
    return _obs(rep, ("congestion_rank",), entity)


def _city_brain_start(rep):
    """The month City Brain was unveiled in Hangzhou: the pivot for 'before' and 'after'."""
    ev = rep.ds.events(themes=["smart_cities"])
    hit = ev[ev["event_id"] == "events-smart-citybrain-announced"]
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
    p = rep.params
    ranks = rep.ds.series("congestion_rank", None, p["start_year"], p["end_year"])
    city = p["city"]
    # the city and the cities that shared a ranked list with it
    lists = set(ranks.loc[ranks["entity"] == city, "source_id"])
    peers = ranks[ranks["source_id"].isin(lists)]
    keep = [city] + [e for e in peers["entity"].value_counts().index if e != city][:4]
    return charts.line(rep, ranks[ranks["entity"].isin(keep)], title=_t("congestion_all", rep), series_by="entity")


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
    return charts.bars(rep, frame, title=_t("abroad", rep), category="series", series_by="entity", y_title="%")


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
            text = {"en": f"{name}: {label}, {v} ({P(row['period'])}).",
                    "ko": f"{name}: {label} {v}({P(row['period'])})."}[lang]
            out.append(Finding(ind, text, {"value": float(row["value"]), "qualifier": row["qualifier"], "period": row["period"]},
                               [row["source_id"]]))
    svc = ds.series("gov_services_by_phone", None, p["start_year"], p["end_year"])
    mine = svc[svc["entity"] == city]
    if not mine.empty:
        row = metrics.latest(mine)
        others = svc[svc["entity"] != city]
        extra_en = extra_ko = ""
        ids = [row["source_id"]]
        if not others.empty:
            o = others.iloc[0]
            oname = entity_label(ds.entity(o["entity"]).to_dict(), lang)
            extra_en = f", against {int(o['value'])} in {oname} ({P(o['period'])})"
            extra_ko = f"(비교: {oname} {int(o['value'])}건, {P(o['period'])})"
            ids.append(o["source_id"])
        text = {"en": f"Residents of {name} could complete {int(row['value'])} government services by phone in {P(row['period'])}{extra_en}.",
                "ko": f"{P(row['period'])} {name} 시민은 휴대전화로 행정 업무 {int(row['value'])}건을 처리할 수 있었습니다{extra_ko}."}[lang]
        out.append(Finding("services_by_phone", text, {"value": int(row["value"]), "period": row["period"]}, ids))
    before, after = _before_after(rep)
    if before is not None:
        a, b = before.iloc[0], after.iloc[0]
        text = {"en": f"Before City Brain, {name} ranked No. {int(a['value'])} among China's most congested cities ({P(a['period'])}); "
                      f"afterwards No. {int(b['value'])} ({P(b['period'])}).",
                "ko": f"시티브레인 도입 전 {name}의 교통 혼잡 순위는 {int(a['value'])}위({P(a['period'])}), "
                      f"도입 후에는 {int(b['value'])}위({P(b['period'])})였습니다."}[lang]
        out.append(Finding("congestion", text, {"before": int(a["value"]), "before_period": a["period"],
                                                "after": int(b["value"]), "after_period": b["period"]},
                           list(dict.fromkeys([a["source_id"], b["source_id"]]))))
    else:
        last = metrics.latest(_ranks(rep))
        if last is not None:
            text = {"en": f"{name} ranked No. {int(last['value'])} among China's most congested cities ({P(last['period'])}).",
                    "ko": f"{name}의 교통 혼잡 순위는 {int(last['value'])}위였습니다({P(last['period'])})."}[lang]
            out.append(Finding("congestion", text, {"rank": int(last["value"]), "period": last["period"]}, [last["source_id"]]))
    ev = ds.events(themes=["smart_cities"], start_year=p["start_year"], end_year=p["end_year"])
    if not ev.empty:
        local = int((ev["actor_kind"] == "local_government").sum())
        text = {"en": f"{len(ev)} smart-city milestones fall in {p['start_year']}–{p['end_year']}, {local} of them by local governments.",
                "ko": f"{p['start_year']}~{p['end_year']}년 스마트시티 관련 사건은 {len(ev)}건이며 그중 {local}건은 지방정부가 주체입니다."}[lang]
        out.append(Finding("milestones", text, {"events": int(len(ev)), "local": local}, list(dict.fromkeys(ev["source_id"]))[:3]))
    amb = metrics.latest(ds.series("ambulance_time_reduction", None, p["start_year"], p["end_year"]))
    if amb is not None:
        where = entity_label(ds.entity(amb["entity"]).to_dict(), lang)
        text = {"en": f"Abroad, {where} cut ambulance arrival times by {amb['value']:.1f}% in a City Brain test ({P(amb['period'])}).",
                "ko": f"해외에서는 {where}가 시티브레인 시험으로 구급차 도착 시간을 {amb['value']:.1f}% 줄였습니다({P(amb['period'])})."}[lang]
        out.append(Finding("ambulance", text, {"value": float(amb["value"]), "period": amb["period"]}, [amb["source_id"]]))
    return out
