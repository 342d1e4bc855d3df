"""Cloud at scale: Tencent's infrastructure, patents, revenues and market, market value."""

from __future__ import annotations

import pandas as pd

from .. import charts, metrics
from ..i18n import period_label
from ..report import Finding
from . import title
from ..units import format_number, format_value

T = {
    "infra": {"en": "Tencent's infrastructure as stated in 2019 (bounds drawn hollow)", "ko": "텐센트 인프라 규모(2019년 발표, 하한은 빈 막대)"},
    "patents": {"en": "Tencent cloud patents: applied for and granted", "ko": "텐센트 클라우드 특허: 출원과 등록"},
    "revenue": {"en": "Cloud revenue and China's cloud market ({cur}, log scale)", "ko": "클라우드 매출과 중국 클라우드 시장({cur}, 로그 눈금)"},
    "share": {"en": "Shares of China's cloud market", "ko": "중국 클라우드 시장 점유율"},
    "mcap": {"en": "Tencent's market value, stated in two currencies (log scale)", "ko": "텐센트 시가총액(두 통화로 표기, 로그 눈금)"},
}


def _t(key, rep, **kw):
    return title(T, key, rep.lang, **kw)


def _series(rep, indicator, entities):
    p = rep.params
    return rep.ds.series(indicator, None, p["start_year"], p["end_year"], entities=entities)


def infrastructure(rep):
    frame = pd.concat([_series(rep, "servers", ["tencent"]), _series(rep, "peak_bandwidth", ["tencent"])])
    return charts.bars(rep, frame, title=_t("infra", rep), category="indicator_label", series_by="indicator",
                       log=True, y_title="")


def patents(rep):
    frame = pd.concat([_series(rep, "cloud_patent_applications", ["tencent"]), _series(rep, "cloud_patents_granted", ["tencent"])])
    return charts.bars(rep, frame, title=_t("patents", rep), category="indicator_label", series_by="indicator", sort="x")


def _annual_revenue(rep):
    """Whole-year figures only (calendar or fiscal year); quarters would not compare with them."""
    cur = rep.params["currency"]
    rev = _series(rep, "cloud_revenue", ["alibaba", "tencent"])
    rev = rev[rev["period_precision"] != "quarter"]
    market = _series(rep, "cloud_market_size", ["CN"])
    frame = pd.concat([rev, market], ignore_index=True)
    return rep.ds.convert(frame, cur)


def revenue(rep):
    cur = rep.params["currency"]
    return charts.line(rep, _annual_revenue(rep), title=_t("revenue", rep, cur=cur), series_by="entity", log=True,
                       currency=cur)


def market_share(rep):
    return charts.line(rep, _series(rep, "cloud_market_share", ["alibaba", "tencent"]), title=_t("share", rep),
                       series_by="entity")


def market_cap(rep):
    return charts.bars(rep, _series(rep, "market_cap", ["tencent"]), title=_t("mcap", rep), category="unit", series_by="entity", log=True, y_title="")


def revenue_table(rep) -> charts.Table:
    frame = _annual_revenue(rep)
    return charts.table(rep, frame, {"series": "col_entity", "indicator_label": "col_indicator", "period_text": "col_period",
                                     "value_text": "col_value", "source_ref": "col_source"})


def findings(rep) -> list[Finding]:
    ds, lang, p = rep.ds, rep.lang, rep.params
    cur = p["currency"]
    P = lambda x: period_label(x, lang)  # noqa: E731
    out: list[Finding] = []
    srv = metrics.latest(_series(rep, "servers", ["tencent"]))
    bw = metrics.latest(_series(rep, "peak_bandwidth", ["tencent"]))
    if srv is not None and bw is not None:
        ko_q = {">": " 초과", ">=": " 이상", "<": " 미만", "~": ""}
        text = {"en": f"Tencent stated {format_value(srv['value'], 'count', 'en', srv['qualifier'])} servers and peak bandwidth of "
                      f"{format_value(bw['value'], 'Tbps', 'en', bw['qualifier'])} ({P(srv['period'])}): lower bounds, not counts.",
                "ko": f"텐센트가 밝힌 규모는 서버 {format_number(srv['value'], 'ko')}대{ko_q.get(srv['qualifier'], '')}, "
                      f"최대 대역폭 {format_number(bw['value'], 'ko')} Tbps{ko_q.get(bw['qualifier'], '')}입니다"
                      f"({P(srv['period'])}; 정확한 수치가 아닌 하한)."}[lang]
        out.append(Finding("infrastructure", text, {"servers": float(srv["value"]), "servers_qualifier": srv["qualifier"],
                                                    "bandwidth_tbps": float(bw["value"]), "bandwidth_qualifier": bw["qualifier"]},
                           [srv["source_id"]]))
    app = metrics.latest(_series(rep, "cloud_patent_applications", ["tencent"]))
    gr = metrics.latest(_series(rep, "cloud_patents_granted", ["tencent"]))
    if app is not None and gr is not None:
        ratio = 100 * gr["value"] / app["value"]
        text = {"en": f"Of {int(app['value']):,} cloud patent applications, {int(gr['value']):,} had been granted ({ratio:.0f}%).",
                "ko": f"클라우드 특허 출원 {int(app['value']):,}건 중 {int(gr['value']):,}건이 등록됐습니다({ratio:.0f}%)."}[lang]
        out.append(Finding("patents", text, {"applied": int(app["value"]), "granted": int(gr["value"]), "granted_pct": round(ratio)},
                           [app["source_id"]]))
    annual = _annual_revenue(rep)
    mk = metrics.latest(annual[annual["indicator"] == "cloud_market_size"])
    if mk is not None:
        text = {"en": f"China's cloud market was worth {format_value(mk['value'], cur, 'en')} in {P(mk['period'])}.",
                "ko": f"{P(mk['period'])} 중국 클라우드 시장 규모는 {format_value(mk['value'], cur, 'ko')}에 달했습니다."}[lang]
        out.append(Finding("cloud_market", text, {"value": float(mk["value"]), "currency": cur, "period": mk["period"]},
                           [mk["source_id"]] + [x for x in str(mk.get("fx_source_id", "")).split(";") if x]))
    ali = annual[(annual["entity"] == "alibaba")]
    la = metrics.latest(ali)
    if la is not None:
        text = {"en": f"Alibaba's cloud business earned {format_value(la['value'], cur, 'en')} in the year to {P(la['period'])}.",
                "ko": f"알리바바 클라우드 매출은 {P(la['period'])}까지 1년간 {format_value(la['value'], cur, 'ko')}였습니다."}[lang]
        out.append(Finding("alibaba_cloud", text, {"value": float(la["value"]), "currency": cur, "period": la["period"]},
                           [la["source_id"]] + [x for x in str(la.get("fx_source_id", "")).split(";") if x]))
    mc = _series(rep, "market_cap", ["tencent"])
    if set(mc["unit"]) >= {"USD", "KRW"}:
        usd = mc[mc["unit"] == "USD"].iloc[0]
        krw = mc[mc["unit"] == "KRW"].iloc[0]
        rank = ds.series("market_cap_rank_world", "tencent")
        rank_txt = ""
        if not rank.empty:
            rank_txt = {"en": f", No. {int(rank.iloc[-1]['value'])} in the world", "ko": f", 세계 {int(rank.iloc[-1]['value'])}위"}[lang]
        text = {"en": f"Tencent's market value was {format_value(usd['value'], 'USD', 'en')} ({format_value(krw['value'], 'KRW', 'en')}) in {P(usd['period'])}{rank_txt}.",
                "ko": f"{P(usd['period'])} 텐센트 시가총액은 {format_value(krw['value'], 'KRW', 'ko')}({format_value(usd['value'], 'USD', 'ko')}){rank_txt}였습니다."}[lang]
        out.append(Finding("market_cap", text, {"usd": float(usd["value"]), "krw": float(krw["value"]), "period": usd["period"]},
                           [usd["source_id"]]))
    return out
