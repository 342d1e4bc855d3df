"""Cloud at scale: Tencent's infrastructure, patents, revenues and market, market value."""

from __future__ import annotations

from ...dataset.korean import growth_ko

import pandas as pd

from .. import charts, korea_panels
from ...dataset import metrics, money
from ..i18n import t, period_label
from ..context import Finding, caveat, kinds_of
from ...dataset.units import format_value



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
    rev = _series(rep, "cloud_revenue", ["alibaba", "tencent"])
    return rev[rev["period_precision"] != "quarter"]


def _market(rep):
    """China's cloud market as the sources state it (yuan); charts convert on the reader's demand."""
    return _series(rep, "cloud_market_size", ["CN"])


def _shown(rep, frame):
    """Rows as a finding prints them: in the report's currency where a cited rate allows, else as stated."""
    return money.convert_where_possible(rep.ds, frame, rep.params["currency"])


def revenue(rep):
    cur = rep.params["currency"]
    return charts.line(rep, _annual_revenue(rep), title=_t("revenue", rep, cur=_cur(rep)), series_by="entity",
                       currency=cur)


def _alibaba_quarters(rep):
    """Alibaba's own quarterly series; a second publisher's copy of the same quarter would hide under it."""
    rev = _series(rep, "cloud_revenue", ["alibaba"])
    rev = rev[rev["period_precision"] == "quarter"]
    return rev[rev["series"].str.startswith("quarter-")] if "series" in rev else rev


def alibaba_quarters(rep):
    """Alibaba's quarters, each reporting basis its own line (before and after inter-segment elimination
    differ by what they count), so a change of basis never reads as growth."""
    # in yuan, as filed, whatever the report's currency: the sources give no quarterly exchange rates and no
    # yearly ones yet for 2024-25, so a converted chart would stop where the question starts
    return charts.line(rep, _alibaba_quarters(rep), title=_t("quarters", rep), series_by="entity",
                       currency=rep.params["currency"])


def _quarter_on_year(rep):
    """The latest quarter that has the same quarter a year before on the same basis, and its growth in yuan
    (the currency of the filings: growth in another currency would mix in the exchange rate)."""
    q = _alibaba_quarters(rep)
    q = q[q["series"].str.startswith("quarter-")] if "series" in q else q
    best = None
    for _, row in q.sort_values("period_end").iterrows():
        year, quarter = str(row["period"]).split("Q")
        prev = q[(q["period"] == f"{int(year) - 1}Q{quarter}") & (q["series"] == row["series"])]
        if not prev.empty:
            best = (prev.iloc[0], row)
    return best


GROWTH_SERIES = ["company-stated-growth", "company-stated-growth-azure-fy25"]


def _stated_growth(rep):
    g = _series(rep, "cloud_revenue_growth_yoy", None)
    return g[g["series"].isin(GROWTH_SERIES)] if "series" in g else g


def global_growth(rep):
    """Each company's own year-on-year cloud growth, as stated: percentages, so the currencies and segment
    definitions stay each company's own and nothing is converted; a redefined line starts a new series."""
    return charts.line(rep, _stated_growth(rep), title=_t("global", rep), series_by="entity")


def market_size(rep):
    cur = rep.params["currency"]
    return charts.line(rep, _market(rep), title=_t("market", rep, cur=_cur(rep)), series_by="entity", currency=cur)


def _cur(rep):
    from ..i18n import t

    return t(f"currency_{rep.params['currency']}", rep.lang)


PROVIDERS = ["alibaba", "huawei", "tencent", "baidu"]
CANALYS_QUARTERS = ["canalys-quarterly", "canalys-quarterly-2023"]


def _canalys_quarters(rep):
    """One firm's quarterly measure for the leading providers; its two bases (before and from Q2 2023) stay
    separate lines. Other firms' and full-year figures measure other things and are left to the data."""
    shares = _series(rep, "cloud_market_share", PROVIDERS)
    return shares[shares["series"].isin(CANALYS_QUARTERS)] if "series" in shares else shares


def market_share(rep):
    return charts.line(rep, _canalys_quarters(rep), title=_t("share", rep), series_by="entity")


def market_cap(rep):
    return charts.figure_list(rep, _series(rep, "market_cap", ["tencent"]), title=_t("mcap", rep))


FOOTPRINT = ["cloud_regions", "cloud_availability_zones"]


def footprint(rep) -> charts.Table:
    """Regions and availability zones as each provider states them, dated by the page: counts of places,
    not of capacity, so they are listed rather than drawn."""
    frame = pd.concat([_series(rep, i, ["tencent", "alibaba"]) for i in FOOTPRINT], ignore_index=True)
    return charts.table(rep, frame.sort_values(["entity", "indicator", "period_end"]),
                        {"entity_label": "col_entity", "indicator_label": "col_indicator", "period_text": "col_period",
                         "value_text": "col_value", "stated_text": "col_stated", "source_ref": "col_source"},
                        title=_t("footprint", rep))


def korea_links(rep) -> charts.Table:
    """Tencent's and its cloud's steps into Korea: investments in Korean companies and the cloud's entry."""
    p = rep.params
    return korea_panels.links(rep, ["cloud", "policy", "investment"], p["start_year"], p["end_year"], title=_t("korea_links", rep),
                              actor="tencent")


def korea_stakes(rep) -> charts.Table:
    p = rep.params
    return korea_panels.stakes(rep, "tencent_stake_percent", p["start_year"], p["end_year"],
                               title=_t("korea_stakes", rep))


def _korea_market(rep):
    return _series(rep, "cloud_industry_sales_kr", ["KR"])


def korea_market(rep):
    """Korea's cloud industry survey by year; its two organisers surveyed very different numbers of firms,
    so each is its own colour and the years between stay empty."""
    cur = rep.params["currency"]
    return charts.bars(rep, _korea_market(rep), title=_t("korea_market", rep, cur=_cur(rep)), category="period",
                       series_by="indicator", currency=cur)


def revenue_table(rep) -> charts.Table:
    frame = pd.concat([_annual_revenue(rep), _market(rep)], ignore_index=True)
    return charts.table(rep, frame, {"series": "col_entity", "indicator_label": "col_indicator", "period_text": "col_period",
                                     "value_text": "col_value", "source_ref": "col_source"})


def _percents(rep, rows) -> str:
    """'Alibaba 33%, Huawei 18%, ...' in the rows' order, each company named as the report names it."""
    return ", ".join(f"{rep.name(r['entity'])} {format_value(r['value'], 'percent', rep.lang, r['qualifier'])}"
                     for _, r in rows.iterrows())


def _fx_ids(row) -> list[str]:
    return list(dict.fromkeys(x for x in str(row.get("fx_source_id", "") or "").split(";") if x))


def _money(row, cur, lang):
    converted = "unit_original" in row and row["unit_original"] == row["unit_original"] and row["unit_original"] != cur
    return format_value(metrics.printed(row), cur, lang, row["qualifier"], approx=bool(converted))


def findings(rep) -> list[Finding]:
    lang, p = rep.lang, rep.params
    cur = p["currency"]
    P = lambda x: period_label(x, lang)  # noqa: E731
    F = lambda key, **kw: t(f"findings.{key}", lang, **kw)  # noqa: E731
    out: list[Finding] = []
    srv = metrics.latest(_series(rep, "servers", ["tencent"]))
    bw = metrics.latest(_series(rep, "peak_bandwidth", ["tencent"]))
    if srv is not None and bw is not None:
        text = F("infrastructure",
                 servers=format_value(srv["value"], "count", lang, srv["qualifier"],
                                      counter=charts.counter_for(rep.ds, "servers")),
                 bandwidth=format_value(bw["value"], "Tbps", lang, bw["qualifier"]), period=P(srv["period"]))
        text += caveat(lang, [srv, bw])
        out.append(Finding("infrastructure", text, {"servers": float(srv["value"]), "servers_qualifier": srv["qualifier"],
                                                    "bandwidth_tbps": float(bw["value"]), "bandwidth_qualifier": bw["qualifier"]},
                           list(dict.fromkeys([srv["source_id"], bw["source_id"]])), kinds=kinds_of([srv, bw])))
    app = metrics.latest(_series(rep, "cloud_patent_applications", ["tencent"]))
    gr = metrics.latest(_series(rep, "cloud_patents_granted", ["tencent"]))
    if app is not None and gr is not None:
        ratio = 100 * gr["value"] / app["value"]
        text = F("patents",
                 applied=format_value(app["value"], "count", lang,
                                      counter=charts.counter_for(rep.ds, "cloud_patent_applications")),
                 granted=format_value(gr["value"], "count", lang,
                                      counter=charts.counter_for(rep.ds, "cloud_patents_granted")),
                 pct=f"{ratio:.1f}")  # computed percentages carry one decimal across the suite (issue 23)
        text += caveat(lang, [app, gr])
        out.append(Finding("patents", text, {"applied": int(app["value"]), "granted": int(gr["value"]), "granted_pct": ratio},
                           list(dict.fromkeys([app["source_id"], gr["source_id"]])), kinds=kinds_of([app, gr])))
    mk = metrics.latest(metrics.main_series(_shown(rep, _market(rep))))
    if mk is not None:
        text = F("cloud_market", value=_money(mk, mk["unit"], lang), period=P(mk["period"]))
        out.append(Finding("cloud_market", text, {"value": float(mk["value"]), "currency": mk["unit"], "period": mk["period"]},
                           [mk["source_id"]] + _fx_ids(mk), kinds=kinds_of([mk])))
    annual = _shown(rep, _annual_revenue(rep))
    la = metrics.latest(metrics.main_series(annual[annual["entity"] == "alibaba"]))
    if la is not None:
        text = F("alibaba_cloud", value=_money(la, la["unit"], lang), period=P(la["period"]))
        out.append(Finding("alibaba_cloud", text, {"value": float(la["value"]), "currency": la["unit"], "period": la["period"]},
                           [la["source_id"]] + _fx_ids(la)))
    sh = _canalys_quarters(rep)
    if not sh.empty:
        last = sh[sh["period_end"] == sh["period_end"].max()].sort_values("value", ascending=False)
        text = F("shares", period=P(last["period"].iloc[0]), ranked=_percents(rep, last))
        out.append(Finding("shares", text, {"period": last["period"].iloc[0],
                                            "shares": {r["entity"]: float(r["value"]) for _, r in last.iterrows()}},
                           list(dict.fromkeys(last["source_id"]))))
    gr = _stated_growth(rep)
    if not gr.empty:
        counts = gr.groupby("period")["entity"].nunique()
        full = counts[counts == gr["entity"].nunique()]
        if not full.empty:
            period = max(full.index, key=lambda q: gr.loc[gr["period"] == q, "period_end"].max())
            rows = gr[gr["period"] == period].sort_values("value", ascending=False)
            text = F("global_growth", period=P(period), listed=_percents(rep, rows))
            out.append(Finding("global_growth", text, {"period": period,
                                                       "growth": {r["entity"]: float(r["value"]) for _, r in rows.iterrows()}},
                               list(dict.fromkeys(rows["source_id"]))))
    pair = _quarter_on_year(rep)
    if pair is not None:
        before, now = pair
        growth = 100 * (now["value"] / before["value"] - 1)
        converted = money.convert(rep.ds, pd.DataFrame([now]), cur) if cur != "stated" else pd.DataFrame()
        shown = _money(metrics.round_converted(converted).iloc[0], cur, lang) if not converted.empty else \
            format_value(now["value"], now["unit"], lang)
        basis = rep.ds.series_table.set_index("series").loc[now["series"], f"name_{lang}"]
        basis = basis[:1].lower() + basis[1:] if lang == "en" else basis
        text = F("alibaba_quarter", period=P(now["period"]), value=shown, growth=f"{growth:+.1f}" if rep.lang == "en" else growth_ko(float(growth)),
                 before=P(before["period"]), basis=basis)
        ids = [before["source_id"], now["source_id"]] + (_fx_ids(converted.iloc[0]) if not converted.empty else [])
        out.append(Finding("alibaba_quarter", text, {"period": now["period"], "before_period": before["period"],
                                                     "growth_cny_pct": round(float(growth), 1)},
                           list(dict.fromkeys(ids))))
    mc = _series(rep, "market_cap", ["tencent"])
    if set(mc["unit"]) >= {"USD", "KRW"}:
        usd = mc[mc["unit"] == "USD"].iloc[0]
        krw = mc[mc["unit"] == "KRW"].iloc[0]
        rank = rep.ds.series("market_cap_rank_world", "tencent")
        ids = list(dict.fromkeys([usd["source_id"], krw["source_id"]]))
        fields = {"usd": format_value(usd["value"], "USD", lang), "krw": format_value(krw["value"], "KRW", lang),
                  "period": P(usd["period"])}
        if not rank.empty:
            r = rank.iloc[-1]
            ids = list(dict.fromkeys(ids + [r["source_id"]]))
            text = F("market_cap_rank", rank=int(r["value"]), **fields)
        else:
            text = F("market_cap", **fields)
        text += caveat(lang, [usd, krw] + ([r] if not rank.empty else []))
        out.append(Finding("market_cap", text, {"usd": float(usd["value"]), "krw": float(krw["value"]), "period": usd["period"]},
                           ids, kinds=kinds_of([usd, krw] + ([r] if not rank.empty else []))))
    return out


def answers(rep) -> list[tuple[str, str | None]]:
    """The questions this report answers, each with the title of the chart that answers it (None: not yet)."""
    q = lambda k: t(f"cloud_scale.{k}", rep.lang)  # noqa: E731
    return [(q("q_market"), _t("market", rep, cur=_cur(rep))), (q("q_shares"), _t("share", rep)),
            (q("q_alibaba"), _t("revenue", rep, cur=_cur(rep))), (q("q_quarters"), _t("quarters", rep)),
            (q("q_global"), _t("global", rep)), (q("q_regions"), _t("footprint", rep)),
            (q("q_korea_stakes"), _t("korea_stakes", rep)), (q("q_korea_market"), _t("korea_market", rep, cur=_cur(rep)))]


# -- checks behind the notebook's prose (rep.check(key); chinadigital.report.prose) ------------------------------

def _check_patents_under_half(rep):
    """'Fewer than half of Tencent's cloud patent applications had been granted when it spoke'."""
    app = metrics.latest(_series(rep, "cloud_patent_applications", ["tencent"]))
    gr = metrics.latest(_series(rep, "cloud_patents_granted", ["tencent"]))
    if app is None or gr is None:
        return False, "no patent figures in the window"
    return bool(gr["value"] < app["value"] / 2), f"{gr['value']:.0f} granted of {app['value']:.0f} applications"


CHECKS = {"patents_under_half": _check_patents_under_half}
