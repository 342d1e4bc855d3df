"""Policy timeline: who acted when, and how the steps line up with adoption."""

from __future__ import annotations

import pandas as pd

from .. import charts, metrics
from ..i18n import actor_kind_label, entity_label, period_label, t, theme_label
from ..report import Finding
from ..korean import format_value_ko, with_particle
from ..units import format_number


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


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return (", ".join(items[:-1]) + " and " + items[-1]) if lang == "en" else ", ".join(items)


def findings(rep) -> list[Finding]:
    ds, lang, p = rep.ds, rep.lang, rep.params
    ev = _events(rep)
    out: list[Finding] = []
    if ev.empty:
        return out
    all_ids = list(dict.fromkeys(ev["source_id"]))
    by_theme = ev.groupby("theme").size()
    parts = ", ".join(f"{theme_label(th, lang)} {n}" for th, n in by_theme.items())
    text = {"en": f"The data hold {len(ev)} dated events from {p['start_year']} to {p['end_year']} ({parts}).",
            "ko": f"{p['start_year']}~{p['end_year']}년 날짜가 확인된 사건은 모두 {len(ev)}건입니다({parts})."}[lang]
    out.append(Finding("event_count", text, {"events": int(len(ev)), **{k: int(v) for k, v in by_theme.items()}}, all_ids))
    per_year = ev.groupby("year").size()
    top = int(per_year.max())
    years = [int(y) for y in per_year[per_year == top].index]
    in_top = ev[ev["year"].isin(years)]
    kinds = in_top.groupby("actor_kind").size()
    lead = sorted(k for k, n in kinds.items() if n == kinds.max())
    lead_txt = _join([actor_kind_label(k, lang).lower() if lang == "en" else actor_kind_label(k, lang) for k in lead], lang)
    n_src = in_top["source_id"].nunique()
    yrs_en, yrs_ko = _join([str(y) for y in years], "en"), ", ".join(f"{y}년" for y in years)
    tie_en = f"{'tied at' if len(years) > 1 else 'with'} {top} events each" if len(years) > 1 else f"with {top} events"
    kind_en = (f"{lead_txt} actors" + (" (tied)" if len(lead) > 1 else "")) if lead else ""
    kind_ko = lead_txt + ("(동수)" if len(lead) > 1 else "")
    text = {"en": f"The year{'s' if len(years) > 1 else ''} with most events: {yrs_en}, {tie_en}; most of "
                  f"{'them' if len(years) > 1 else 'its events'} came from {kind_en}. They rest on {n_src} source(s).",
            "ko": f"사건이 가장 많은 해는 {with_particle(yrs_ko, '으로/로')} {'각각 ' if len(years) > 1 else ''}{top}건이며, "
                  f"주체는 {with_particle(kind_ko, '이/가')} 가장 많았습니다. 근거 출처는 {n_src}건입니다."}[lang]
    out.append(Finding("busiest_year", text, {"years": years, "events": top, "lead_kinds": lead, "sources": int(n_src)},
                       list(dict.fromkeys(in_top["source_id"]))))
    first = ev.iloc[0]
    ent = ds.entity(first["actor"])
    who = entity_label(ent.to_dict(), lang)
    text = {"en": f"The earliest event in the window is dated {period_label(first['date'], 'en')}: {first['title_en']} ({who}).",
            "ko": f"기간 내 가장 이른 사건은 {period_label(first['date'], 'ko')}의 '{first['title_ko']}'입니다(주체: {who})."}[lang]
    out.append(Finding("first_event", text, {"event_id": first["event_id"], "date": first["date"]}, [first["source_id"]]))
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
            b_ko, l_ko = format_value_ko(b["value"], "명"), format_value_ko(last["value"], "명")
            text = {"en": (f"When Internet Plus was announced in March 2015, {format_number(b['value'], 'en')} people paid by mobile "
                           f"({period_label(b['period'], 'en')}); by {period_label(last['period'], 'en')} it was "
                           f"{format_number(last['value'], 'en')}, {ratio:.1f} times as many (CNNIC surveys)."),
                    "ko": (f"2015년 3월 '인터넷 플러스'가 발표될 무렵 모바일 결제 이용자는 {b_ko}"
                           f"({period_label(b['period'], 'ko')})이었고, {period_label(last['period'], 'ko')}에는 "
                           f"{with_particle(l_ko, '으로/로')} {ratio:.1f}배가 됐습니다(CNNIC 조사 기준).")}[lang]
            out.append(Finding("internet_plus_adoption", text, {"before": float(b["value"]), "before_period": b["period"],
                                                                "after": float(last["value"]), "after_period": last["period"],
                                                                "ratio": round(float(ratio), 1)},
                               list(dict.fromkeys([plan.iloc[0]["source_id"], b["source_id"], last["source_id"]]))))
    return out
