"""Cloud at scale: Tencent's infrastructure, patents, revenues and market, market value."""

from __future__ import annotations

import pandas as pd

from .. import charts, metrics
from ..i18n import t, period_label
from ..report import Finding
from ..korean import format_value_ko, with_particle
from ..units import format_value



def _t(key, rep, **kw):
    return t(f"cloud_scale.{key}", rep.lang, **kw)


def _series(rep, indicator, entities):
    p = rep.params
    return rep.ds.series(indicator, None, p["start_year"], p["end_year"], entities=entities)


def infrastructure(rep):
    frame = pd.concat([_series(rep, "servers", ["tencent"]), _series(rep, "peak_bandwidth", ["tencent"])])
    return charts.figure_list(rep, frame, title=_t("infra", rep))


def patents(rep):
    frame = pd.concat([_series(rep, "cloud_patent_applications", ["tencent"]), _series(rep, "cloud_patents_granted", ["tencent"])])
    return charts.bars(rep, frame, title=_t("patents", rep), category="indicator_label", series_by="indicator", sort="x")


def _annual_revenue(rep):
    """Whole-year figures only (calendar or fiscal year); quarters would not compare with them."""
    cur = rep.params["currency"]
    rev = _series(rep, "cloud_revenue", ["alibaba", "tencent"])
    rev = rev[rev["period_precision"] != "quarter"]
    return metrics.round_converted(rep.ds.convert(rev, cur))


def _market(rep):
    return metrics.round_converted(rep.ds.convert(_series(rep, "cloud_market_size", ["CN"]), rep.params["currency"]))


def revenue(rep):
    cur = rep.params["currency"]
    return charts.line(rep, _annual_revenue(rep), title=_t("revenue", rep, cur=_cur(rep)), series_by="entity",
                       currency=cur)


def market_size(rep):
    cur = rep.params["currency"]
    return charts.line(rep, _market(rep), title=_t("market", rep, cur=_cur(rep)), series_by="entity", currency=cur)


def _cur(rep):
    from ..i18n import t

    return t(f"currency_{rep.params['currency']}", rep.lang)


def market_share(rep):
    return charts.line(rep, _series(rep, "cloud_market_share", ["alibaba", "tencent"]), title=_t("share", rep),
                       series_by="entity")


def market_cap(rep):
    return charts.figure_list(rep, _series(rep, "market_cap", ["tencent"]), title=_t("mcap", rep))


def revenue_table(rep) -> charts.Table:
    frame = pd.concat([_annual_revenue(rep), _market(rep)], ignore_index=True)
    return charts.table(rep, frame, {"series": "col_entity", "indicator_label": "col_indicator", "period_text": "col_period",
                                     "value_text": "col_value", "source_ref": "col_source"})


def _was(text: str) -> str:
    """'… 원' + 이었습니다/였습니다, chosen by how the text ends when read aloud."""
    return with_particle(text, "이었/였") + "습니다"


def _fx_ids(row) -> list[str]:
    return list(dict.fromkeys(x for x in str(row.get("fx_source_id", "") or "").split(";") if x))


def findings(rep) -> list[Finding]:
    lang, p = rep.lang, rep.params
    cur = p["currency"]
    P = lambda x: period_label(x, lang)  # noqa: E731
    out: list[Finding] = []
    srv = metrics.latest(_series(rep, "servers", ["tencent"]))
    bw = metrics.latest(_series(rep, "peak_bandwidth", ["tencent"]))
    if srv is not None and bw is not None:
        text = {"en": f"Tencent stated {format_value(srv['value'], 'count', 'en', srv['qualifier'])} servers and peak bandwidth of "
                      f"{format_value(bw['value'], 'Tbps', 'en', bw['qualifier'])} in {P(srv['period'])}: lower bounds, not counts.",
                "ko": f"{P(srv['period'])} 텐센트가 밝힌 규모는 서버 {format_value_ko(srv['value'], '대', srv['qualifier'])}, "
                      f"최대 대역폭 {format_value_ko(bw['value'], 'Tbps', bw['qualifier'])}입니다. 정확한 수치가 아니라 하한입니다."}[lang]
        out.append(Finding("infrastructure", text, {"servers": float(srv["value"]), "servers_qualifier": srv["qualifier"],
                                                    "bandwidth_tbps": float(bw["value"]), "bandwidth_qualifier": bw["qualifier"]},
                           list(dict.fromkeys([srv["source_id"], bw["source_id"]]))))
    app = metrics.latest(_series(rep, "cloud_patent_applications", ["tencent"]))
    gr = metrics.latest(_series(rep, "cloud_patents_granted", ["tencent"]))
    if app is not None and gr is not None:
        ratio = 100 * gr["value"] / app["value"]
        text = {"en": f"Of {int(app['value']):,} cloud patent applications Tencent counted, {int(gr['value']):,} had been granted "
                      f"({ratio:.0f}% of all applications, pending ones included).",
                "ko": f"텐센트가 집계한 클라우드 특허 출원 {format_value_ko(app['value'], '건')} 가운데 "
                      f"{format_value_ko(gr['value'], '건')}이 등록됐습니다(심사 중인 출원을 포함한 전체 출원의 {ratio:.0f}%)."}[lang]
        out.append(Finding("patents", text, {"applied": int(app["value"]), "granted": int(gr["value"]), "granted_pct": round(ratio)},
                           list(dict.fromkeys([app["source_id"], gr["source_id"]]))))
    mk = metrics.latest(metrics.main_series(_market(rep)))
    if mk is not None:
        v = format_value(mk["value"], cur, lang, mk["qualifier"], approx=mk["unit_original"] != cur)
        text = {"en": f"China's cloud computing market was worth {v} in {P(mk['period'])}.",
                "ko": f"{P(mk['period'])} 중국 클라우드 컴퓨팅 시장 규모는 {_was(v)}."}[lang]
        out.append(Finding("cloud_market", text, {"value": float(mk["value"]), "currency": cur, "period": mk["period"]},
                           [mk["source_id"]] + _fx_ids(mk)))
    annual = _annual_revenue(rep)
    la = metrics.latest(metrics.main_series(annual[annual["entity"] == "alibaba"]))
    if la is not None:
        v = format_value(la["value"], cur, lang, la["qualifier"], approx=la["unit_original"] != cur)
        text = {"en": f"Alibaba's cloud business earned {v} in its {P(la['period'])}.",
                "ko": f"알리바바 클라우드 매출은 {P(la['period'])}에 {_was(v)}."}[lang]
        out.append(Finding("alibaba_cloud", text, {"value": float(la["value"]), "currency": cur, "period": la["period"]},
                           [la["source_id"]] + _fx_ids(la)))
    mc = _series(rep, "market_cap", ["tencent"])
    if set(mc["unit"]) >= {"USD", "KRW"}:
        usd = mc[mc["unit"] == "USD"].iloc[0]
        krw = mc[mc["unit"] == "KRW"].iloc[0]
        rank = rep.ds.series("market_cap_rank_world", "tencent")
        ids = list(dict.fromkeys([usd["source_id"], krw["source_id"]]))
        usd_t, krw_t = format_value(usd["value"], "USD", lang), format_value(krw["value"], "KRW", lang)
        if not rank.empty:
            r = rank.iloc[-1]
            ids = list(dict.fromkeys(ids + [r["source_id"]]))
            rank_ko = f"{int(r['value'])}위"
            text = {"en": f"Tencent's market value was stated as {usd_t} ({krw_t}) in {P(usd['period'])}, "
                          f"No. {int(r['value'])} in the world.",
                    "ko": f"{P(usd['period'])} 텐센트 시가총액은 {with_particle(f'{krw_t}({usd_t})', '으로/로')} 세계 {_was(rank_ko)}."}[lang]
        else:
            text = {"en": f"Tencent's market value was stated as {usd_t} ({krw_t}) in {P(usd['period'])}.",
                    "ko": f"{P(usd['period'])} 텐센트 시가총액은 {_was(krw_t)}({usd_t})."}[lang]
        out.append(Finding("market_cap", text, {"usd": float(usd["value"]), "krw": float(krw["value"]), "period": usd["period"]},
                           ids))
    return out
