"""Policy timeline: who acted when, and how the steps line up with adoption."""

from __future__ import annotations

import pandas as pd

from .. import charts, metrics
from ..i18n import actor_kind_label, entity_label, period_label, t, theme_label
from ..report import Finding
from . import title
from ..units import format_number

T = {
    "timeline": {"en": "Digital-economy events by theme", "ko": "주제별 디지털 경제 주요 사건"},
    "per_year": {"en": "Events per year by kind of actor", "ko": "주체 유형별 연도별 사건 수"},
    "adoption": {"en": "Events against internet and mobile-payment users", "ko": "사건과 인터넷·모바일 결제 이용자 추이"},
    "value": {"en": "Payment rules and mobile payment value (yuan)", "ko": "결제 규정과 모바일 결제 금액(위안)"},
}


def _t(key, rep):
    return title(T, key, rep.lang)


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
    value = rep.ds.series("mobile_payment_value", "CN", p["start_year"], p["end_year"])
    return charts.events_over_series(rep, _events(rep, themes), value, title=_t("value", rep))


def event_table(rep) -> charts.Table:
    ev = charts.prepare_events(rep, _events(rep))
    lang = rep.lang
    return charts.as_table(pd.DataFrame({
        t("col_date", lang): ev["date_text"],
        t("col_theme", lang): ev["theme_label"],
        t("col_actor", lang): ev["actor_label"],
        t("col_event", lang): ev["title"],
        t("col_source", lang): ev["source_ref"],
    }))


def findings(rep) -> list[Finding]:
    ds, lang, p = rep.ds, rep.lang, rep.params
    ev = _events(rep)
    out: list[Finding] = []
    if ev.empty:
        return out
    by_theme = ev.groupby("theme").size()
    parts = ", ".join(f"{theme_label(th, lang)} {n}" for th, n in by_theme.items())
    text = {"en": f"{len(ev)} dated events from {p['start_year']} to {p['end_year']} ({parts}).",
            "ko": f"{p['start_year']}~{p['end_year']}년 날짜가 확인된 사건은 {len(ev)}건입니다({parts})."}[lang]
    out.append(Finding("event_count", text, {"events": int(len(ev)), **{k: int(v) for k, v in by_theme.items()}},
                       list(dict.fromkeys(ev["source_id"]))[:3]))
    per_year = ev.groupby("year").size()
    busiest = int(per_year.idxmax())
    kinds = ev[ev["year"] == busiest].groupby("actor_kind").size().sort_values(ascending=False)
    text = {"en": f"The busiest year was {busiest}, with {int(per_year.max())} events, led by {actor_kind_label(kinds.index[0], lang).lower()} actors.",
            "ko": f"사건이 가장 많은 해는 {busiest}년({int(per_year.max())}건)이며 주로 {actor_kind_label(kinds.index[0], lang)} 주체였습니다."}[lang]
    out.append(Finding("busiest_year", text, {"year": busiest, "events": int(per_year.max()), "lead_kind": kinds.index[0]},
                       list(dict.fromkeys(ev.loc[ev["year"] == busiest, "source_id"]))[:3]))
    first = ev.iloc[0]
    ent = ds.entity(first["actor"])
    text = {"en": f"The earliest event in the window: {first['title_en']} ({period_label(first['date'], 'en')}, {entity_label(ent.to_dict(), 'en')}).",
            "ko": f"기간 내 첫 사건: {first['title_ko']}({period_label(first['date'], 'ko')}, {entity_label(ent.to_dict(), 'ko')})."}[lang]
    out.append(Finding("first_event", text, {"event_id": first["event_id"], "date": first["date"]}, [first["source_id"]]))
    plan = ev[ev["event_id"] == "internet-plus-two-sessions-2015"]
    pay = ds.series("mobile_payment_users", "CN", p["start_year"], p["end_year"])
    pay = pay[pay["qualifier"] == ""]
    if not plan.empty and not pay.empty:
        when = plan.iloc[0]["date_start"]
        before = pay[pay["period_end"] <= when]
        last = metrics.latest(pay)
        if not before.empty and last is not None and last["period_end"] > when:
            b = before.iloc[-1]
            ratio = last["value"] / b["value"]
            text = {"en": (f"When Internet Plus was announced in March 2015, {format_number(b['value'], 'en')} people paid by mobile "
                           f"({period_label(b['period'], 'en')}); by {period_label(last['period'], 'en')} it was "
                           f"{format_number(last['value'], 'en')}, {ratio:.1f} times as many."),
                    "ko": (f"2015년 3월 '인터넷 플러스'가 발표될 무렵 모바일 결제 이용자는 {format_number(b['value'], 'ko')}명"
                           f"({period_label(b['period'], 'ko')})이었고, {period_label(last['period'], 'ko')}에는 "
                           f"{format_number(last['value'], 'ko')}명으로 {ratio:.1f}배가 됐습니다.")}[lang]
            out.append(Finding("internet_plus_adoption", text, {"before": float(b["value"]), "before_period": b["period"],
                                                                "after": float(last["value"]), "after_period": last["period"],
                                                                "ratio": round(float(ratio), 1)},
                               [plan.iloc[0]["source_id"], b["source_id"], last["source_id"]]))
    return out
