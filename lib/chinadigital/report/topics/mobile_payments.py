"""Mobile internet and mobile payments: adoption, platforms, value, comparison abroad."""

from __future__ import annotations

import pandas as pd

from .. import charts, korea_panels
from ..citations import refs_text
from ...dataset import metrics, money
from ..context import Finding, caveat, kinds_of
from ..i18n import t, period_label
from ...dataset.units import format_number, format_value


def _t(key, rep, **kw):
    return t(f"mobile_payments.{key}", rep.lang, **kw)


def _window(rep):
    return rep.params["start_year"], rep.params["end_year"]


def users(rep):
    s, e = _window(rep)
    frame = pd.concat([rep.ds.series("internet_users", "CN", s, e), rep.ds.series("mobile_internet_users", "CN", s, e)])
    return charts.line(rep, frame, title=_t("users", rep), series_by="indicator")


def _shares(rep):
    s, e = _window(rep)
    mobile = metrics.share(rep.ds, "mobile_internet_users", "internet_users", "CN", s, e, "mobile_internet_share")
    paying = metrics.share(rep.ds, "mobile_payment_users", "internet_users", "CN", s, e, "mobile_payment_share")
    return pd.concat([mobile, paying], ignore_index=True)


def shares(rep):
    return charts.line(rep, _shares(rep), title=_t("shares", rep), series_by="indicator")


def payment_users(rep):
    s, e = _window(rep)
    return charts.line(rep, rep.ds.series("mobile_payment_users", "CN", s, e), title=_t("payment_users", rep),
                       series_by="indicator")


def weixin(rep):
    s, e = _window(rep)
    return charts.line(rep, rep.ds.series("weixin_mau", "tencent", s, e), title=_t("weixin", rep), series_by="indicator")


def _growth(rep):
    s, e = _window(rep)
    parts = [metrics.yoy(rep.ds.series(i, ent, s, e)) for i, ent in
             (("internet_users", "CN"), ("mobile_internet_users", "CN"), ("mobile_payment_users", "CN"), ("weixin_mau", "tencent"))]
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else rep.ds.series("internet_users", "CN", 0, 0)


def growth(rep):
    g = _growth(rep)
    return charts.line(rep, g, title=_t("growth", rep), series_by="indicator", y_title=t("axis_growth", rep.lang))


#: The PBoC's yearly series: its quarterly reports are a series of their own, never mixed into yearly bars.
YEARLY = ("pboc", "pboc-nonbank", "pboc-nonbank-2023")


def _yearly(frame):
    return frame[frame["series"].isin(YEARLY)] if "series" in frame else frame


def _value(rep):
    """The banks' yearly mobile payments as the PBoC states them (yuan); charts convert on the reader's demand."""
    s, e = _window(rep)
    return _yearly(rep.ds.series("mobile_payment_value", "CN", s, e))


def _shown_stated(frame):
    return money.convert_where_possible(None, frame, "stated")


def _shown(rep, frame):
    """Rows as a finding prints them: in the report's currency where a cited rate allows, else as stated."""
    return money.convert_where_possible(rep.ds, frame, rep.params["currency"])


def payment_value(rep):
    cur = rep.params["currency"]
    v = _value(rep)
    return charts.bars(rep, v, title=_t("value", rep, cur=t(f"currency_{cur}", rep.lang)), category="period", series_by="entity",
                       sort="x", currency=cur)


def _average(rep):
    s, e = _window(rep)
    return _yearly(metrics.ratio(rep.ds, "mobile_payment_value", "mobile_payment_count", "CN", s, e,
                                 as_indicator="average_mobile_payment", unit="CNY"))


def average_payment(rep):
    """Value and count together: the average payment, which no source states, computed from both."""
    cur = rep.params["currency"]
    return charts.line(rep, _average(rep), title=_t("average", rep, cur=t(f"currency_{cur}", rep.lang)),
                       series_by="indicator", currency=cur)


BANK, NONBANK = "mobile_payment_value", "nonbank_online_payment_value"


def payment_flows(ds, start, end, order=(BANK, NONBANK)) -> pd.DataFrame:
    """The People's Bank of China's two yearly payment flows, in yuan: mobile payments handled by banks and
    online payments handled by non-bank institutions (two definitions, never summed). Only the PBoC's own
    series: a news article's restatement is not a third line. The policy timeline reads them too."""
    frame = pd.concat([ds.series(i, "CN", start, end) for i in order], ignore_index=True)
    return frame[frame["series"].isin(list(YEARLY))] if "series" in frame else frame


def _bank_nonbank(rep):
    s, e = _window(rep)
    return payment_flows(rep.ds, s, e)


def bank_nonbank(rep):
    """What banks handled as mobile payments beside what non-bank institutions (Alipay, Tenpay ...) handled
    as online payments, both from the People's Bank of China: one currency, two definitions, two lines."""
    cur = rep.params["currency"]
    return charts.line(rep, _bank_nonbank(rep), title=_t("bank_nonbank", rep, cur=t(f"currency_{cur}", rep.lang)),
                       series_by="indicator", currency=cur)


def _split(rep):
    s, e = _window(rep)
    frame = rep.ds.series("third_party_mobile_payment_share", None, s, e, entities=["alipay", "tenpay"])
    return frame[frame["series"] == "analysys-mobile-quarterly"] if "series" in frame else frame


def split(rep):
    """Alipay's and Tenpay's shares of third-party mobile payments, as one research firm estimated them."""
    return charts.line(rep, _split(rep), title=_t("split", rep), series_by="entity")


APP_USERS = ["payment_app_annual_active_users", "payment_app_mau"]


def _app_users(rep):
    """Alipay's user counts as Ant states them, and Weixin's monthly active accounts at the same month ends:
    each counts its own accounts over its own period (a year of activity, or a month)."""
    s, e = _window(rep)
    alipay = pd.concat([rep.ds.series(i, "alipay", s, e) for i in APP_USERS], ignore_index=True)
    if alipay.empty:
        return alipay
    wx = rep.ds.series("weixin_mau", "tencent", s, e)
    wx = wx[wx["period_end"].isin(set(alipay["period_end"]))]
    if "series" in wx:
        wx = wx[wx["series"] == "tencent-results"]
    return pd.concat([alipay, wx], ignore_index=True).sort_values(["period_end", "entity"])


def app_users(rep) -> charts.Table:
    return charts.table(rep, _app_users(rep), {"entity_label": "col_entity", "indicator_label": "col_indicator",
                                               "period_text": "col_period", "value_text": "col_value",
                                               "stated_text": "col_stated", "source_ref": "col_source"}, title=_t("app_users", rep))


def korea_links(rep) -> charts.Table:
    """Korean wallets in China, Chinese wallets in Korea, and Ant's stakes in Korean payment firms."""
    return korea_panels.links(rep, ["payments", "investment"], *_window(rep), title=_t("korea_links", rep))


def ant_stakes(rep) -> charts.Table:
    return korea_panels.stakes(rep, "ant_stake_percent", *_window(rep), title=_t("ant_stakes", rep))


def korea(rep):
    """Korea's own mobile payments as the Bank of Korea counts them (simple-payment services), in won."""
    s, e = _window(rep)
    return charts.line(rep, rep.ds.series("mobile_payment_value_daily", "KR", s, e), title=_t("korea", rep),
                       series_by="indicator", currency=rep.params["currency"])


def comparison(rep):
    s, e = _window(rep)
    cur = rep.params["currency"]
    frame = rep.ds.series("mobile_shopping_value", None, s, e, entities=["CN", "US"])
    return charts.bars(rep, frame, title=_t("compare", rep, cur=t(f"currency_{cur}", rep.lang)), category="series", currency=cur)


def summary_table(rep):
    """First and last year-end value and compound growth of each adoption series in the window."""
    s, e = _window(rep)
    rows = []
    for ind, ent in (("internet_users", "CN"), ("mobile_internet_users", "CN"), ("mobile_payment_users", "CN"),
                     ("weixin_mau", "tencent")):
        c = metrics.cagr(rep.ds.series(ind, ent, s, e))
        if c is None:
            continue
        counter = charts.counter_for(rep.ds, ind)  # Weixin counts accounts (개), not people (indicators.csv)
        unit = rep.ds.indicators.set_index("indicator").loc[ind, "unit"]  # accounts are a count, not persons
        rows.append({
            "indicator": rep.ds.label("indicator", ind, rep.lang),
            "first": f"{format_value(c['first'], unit, rep.lang, counter=counter)} ({period_label(c['first_period'], rep.lang)})",
            "last": f"{format_value(c['last'], unit, rep.lang, counter=counter)} ({period_label(c['last_period'], rep.lang)})",
            "cagr": f"{c['cagr']:.1f}%",
            "sources": refs_text(rep.cites.cite(c["source_ids"])),
        })
    heads = [t(f"ui.{k}", rep.lang) for k in ("col_indicator", "col_first_year_end", "col_last_year_end", "col_cagr",
                                               "sources")]
    return charts.as_table(pd.DataFrame(rows, columns=["indicator", "first", "last", "cagr", "sources"])
                           .rename(columns=dict(zip(["indicator", "first", "last", "cagr", "sources"], heads))))


def _n(value, lang, qualifier="", counter="명"):
    """A head count inside a sentence: '1.123 billion' / '11억 2,300만 명'."""
    return format_value(value, "persons", lang, qualifier, counter=counter) if lang == "ko" else \
        {">": "over ", ">=": "at least ", "<": "under ", "~": "about "}.get(qualifier, "") + format_number(value, lang)


def findings(rep) -> list[Finding]:
    ds, lang = rep.ds, rep.lang
    s, e = _window(rep)
    P = lambda p: period_label(p, lang)  # noqa: E731
    F = lambda key, **kw: t(f"findings.{key}", lang, **kw)  # noqa: E731
    out: list[Finding] = []
    shares_ = _shares(rep)
    mob = shares_[shares_["indicator"] == "mobile_internet_share"]
    users_ = metrics.latest(metrics.main_series(ds.series("internet_users", "CN", s, e)))
    if users_ is not None:
        ms = metrics.latest(mob)
        values = {"internet_users": float(users_["value"]), "period": users_["period"]}
        ids = [users_["source_id"]]
        if ms is not None and ms["period"] == users_["period"]:
            values["mobile_share"] = round(float(ms["value"]), 1)
            ids += ms["source_id"].split(";")
            text = F("internet_users_share", period=P(users_["period"]), users=_n(users_["value"], lang),
                     share=f"{ms['value']:.1f}")
        else:
            text = F("internet_users", period=P(users_["period"]), users=_n(users_["value"], lang))
        out.append(Finding("internet_users", text, values, list(dict.fromkeys(ids))))
    lp = metrics.latest(shares_[shares_["indicator"] == "mobile_payment_share"])
    if lp is not None:
        pu = metrics.main_series(ds.series("mobile_payment_users", "CN", s, e))
        pu = pu[(pu["period"] == lp["period"]) & (pu["qualifier"] == "")].iloc[0]
        text = F("mobile_payment_users", period=P(lp["period"]), payers=_n(pu["value"], lang), share=f"{lp['value']:.1f}")
        out.append(Finding("mobile_payment_users", text, {"mobile_payment_users": float(pu["value"]),
                                                          "share": round(float(lp["value"]), 1), "period": lp["period"]},
                           list(dict.fromkeys(lp["source_id"].split(";")))))
    c = metrics.cagr(ds.series("internet_users", "CN", s, e))
    if c:
        text = F("internet_users_cagr", cagr=f"{c['cagr']:.1f}", first=P(c["first_period"]), last=P(c["last_period"]))
        out.append(Finding("internet_users_cagr", text, {"cagr": round(c["cagr"], 1), "first_period": c["first_period"],
                                                        "last_period": c["last_period"]}, c["source_ids"]))
    w = metrics.latest(metrics.main_series(ds.series("weixin_mau", "tencent", s, e)))
    if w is not None:
        text = F("weixin_mau", period=P(w["period"]),
                 accounts=_n(w["value"], lang, w["qualifier"], counter=charts.counter_for(ds, "weixin_mau")))
        text += caveat(lang, [w])
        out.append(Finding("weixin_mau", text, {"weixin_mau": float(w["value"]), "period": w["period"]}, [w["source_id"]],
                           kinds=kinds_of([w])))
    lv = metrics.latest(_shown(rep, _value(rep)))
    if lv is not None:
        cur = rep.params["currency"]
        v = format_value(metrics.printed(lv), lv["unit"], lang, lv["qualifier"], approx=lv["unit_original"] != lv["unit"])
        ids = [lv["source_id"]] + [x for x in str(lv.get("fx_source_id", "") or "").split(";") if x]
        text = F("mobile_payment_value", value=v, period=P(lv["period"]))
        text += caveat(lang, [lv])
        out.append(Finding("mobile_payment_value", text, {"value": float(lv["value"]), "currency": lv["unit"], "period": lv["period"]},
                           list(dict.fromkeys(ids)), kinds=kinds_of([lv])))
    avg = _shown(rep, _average(rep))
    if avg["unit"].nunique() > 1:  # a rise or fall is read in one currency: the stated one when not all convert
        avg = _shown_stated(_average(rep))
    if len(avg) >= 2:
        cur = rep.params["currency"]
        a, b = avg.sort_values("period_end").iloc[0], avg.sort_values("period_end").iloc[-1]
        money_txt = lambda r: format_value(metrics.printed(r), r["unit"], lang, approx=r["unit_original"] != r["unit"])  # noqa: E731
        text = F("average_payment", first=P(a["period"]), first_value=money_txt(a), last=P(b["period"]),
                 last_value=money_txt(b))
        out.append(Finding("average_payment", text, {"first": float(a["value"]), "first_period": a["period"],
                                                     "last": float(b["value"]), "last_period": b["period"], "currency": b["unit"]},
                           list(dict.fromkeys(x for r in (a, b) for x in str(r["source_id"]).split(";") + str(
                               r.get("fx_source_id", "") or "").split(";") if x))))
    both = _shown(rep, _bank_nonbank(rep))
    years = both.groupby("period")["indicator"].nunique()
    years = years[years == 2]
    if not years.empty:
        cur = rep.params["currency"]
        rows = both[both["period"] == years.index.max()].set_index("indicator")
        bank, nonbank = rows.loc[BANK], rows.loc[NONBANK]
        money_txt = lambda r: format_value(metrics.printed(r), r["unit"], lang, r["qualifier"], approx=r["unit_original"] != r["unit"])  # noqa: E731
        text = F("bank_nonbank", period=P(bank["period"]), bank=money_txt(bank), nonbank=money_txt(nonbank))
        ids = [x for r in (nonbank, bank) for x in [r["source_id"]] + str(r.get("fx_source_id", "") or "").split(";") if x]
        out.append(Finding("bank_nonbank", text, {"period": bank["period"], "bank": float(bank["value"]),
                                                  "nonbank": float(nonbank["value"]), "currency": bank["unit"]},
                           list(dict.fromkeys(ids))))
    shares_q = _split(rep)
    quarters = shares_q.groupby("period")["entity"].nunique()
    quarters = quarters[quarters == 2]
    if not quarters.empty:
        rows = shares_q[shares_q["period"] == max(quarters.index, key=lambda q: shares_q.loc[shares_q["period"] == q, "period_end"].max())]
        ali, ten = rows.set_index("entity").loc["alipay"], rows.set_index("entity").loc["tenpay"]
        text = F("split", period=P(ali["period"]), alipay=f"{ali['value']:g}", tenpay=f"{ten['value']:g}")
        out.append(Finding("split", text, {"period": ali["period"], "alipay": float(ali["value"]), "tenpay": float(ten["value"])},
                           list(dict.fromkeys([ali["source_id"], ten["source_id"]]))))
    cmp_ = ds.series("mobile_shopping_value", None, s, e, entities=["CN", "US"])
    if set(cmp_["entity"]) == {"CN", "US"}:
        cn = cmp_[cmp_["entity"] == "CN"].iloc[0]
        us = cmp_[cmp_["entity"] == "US"].iloc[0]
        ratio = cn["value"] / us["value"]
        approx = "~" in (cn["qualifier"], us["qualifier"])
        text = F("cn_us_ratio", period=P(cn["period"]), ratio=f"{ratio:.1f}", note=F("both_approximate") if approx else "")
        text += caveat(lang, [cn, us])
        out.append(Finding("cn_us_ratio", text, {"ratio": float(ratio), "period": cn["period"]},
                           list(dict.fromkeys([cn["source_id"], us["source_id"]])), kinds=kinds_of([cn, us])))
    return out


def answers(rep) -> list[tuple[str, str | None]]:
    """The questions this report answers, each with the title of the chart that answers it (None: not yet)."""
    cur = t(f"currency_{rep.params['currency']}", rep.lang)
    q = lambda k: t(f"mobile_payments.{k}", rep.lang)  # noqa: E731
    return [(q("q_adoption"), _t("users", rep)), (q("q_average"), _t("average", rep, cur=cur)),
            (q("q_accounts"), _t("weixin", rep)), (q("q_korea"), _t("korea", rep)),
            (q("q_split"), _t("split", rep)), (q("q_bank"), _t("bank_nonbank", rep, cur=cur)),
            (q("q_alipay"), _t("app_users", rep)), (q("q_korea_links"), _t("korea_links", rep))]


# -- checks behind the notebook's prose (rep.check(key); chinadigital.report.prose) ------------------------------

def _check_mobile_share(rep):
    """'By the early 2020s nearly everyone online also went online by phone': every survey from 2020 on puts the
    mobile share at 99% or more, and the share rose from the first survey to the last."""
    m = _shares(rep)
    m = m[m["indicator"] == "mobile_internet_share"].sort_values("period_end")
    late = m[m["period_end"] >= pd.Timestamp("2020-01-01")]
    ok = not late.empty and bool((late["value"] >= 99).all()) and m["value"].iloc[-1] > m["value"].iloc[0]
    return ok, f"mobile share from 2020: {', '.join(f'{v:.1f}%' for v in late['value'])}; first {m['value'].iloc[0]:.1f}%"


def _check_weixin_exceeds_users(rep):
    """'Since December 2015 the accounts have outnumbered CNNIC's internet users in every month both count'."""
    s, e = _window(rep)
    w = metrics.main_series(rep.ds.series("weixin_mau", "tencent", s, e)).set_index("period")["value"]
    u = metrics.main_series(rep.ds.series("internet_users", "CN", s, e)).set_index("period")["value"]
    common = sorted(set(w.index) & set(u.index))
    after = [p for p in common if p >= "2015-12"]
    before = [p for p in common if p < "2015-12"]
    ok = bool(after) and "2015-12" in after and all(w[p] > u[p] for p in after) and (not before or w[before[-1]] < u[before[-1]])
    return ok, "; ".join(f"{p}: {w[p] / u[p]:.2f}x" for p in common[-4:])


def _check_growth_slows(rep):
    """'Mobile payment users grew more slowly every year the survey counted them; internet users grew more slowly
    in every year of the 2020s than in any year before.'"""
    g = _growth(rep)
    pay = g[g["indicator"] == "mobile_payment_users"].sort_values("period_end")["value"].tolist()
    net = g[g["indicator"] == "internet_users"]
    late, early = net[net["year"] >= 2020]["value"], net[net["year"] < 2020]["value"]
    ok = len(pay) >= 2 and all(b < a for a, b in zip(pay, pay[1:])) and not late.empty and late.max() < early.min()
    return ok, f"payment users: {', '.join(f'{v:+.1f}%' for v in pay)}; internet 2020s max {late.max():.1f}%, before min {early.min():.1f}%"


def _check_both_approximate(rep):
    s, e = _window(rep)
    f = rep.ds.series("mobile_shopping_value", None, s, e, entities=["CN", "US"])
    return bool(len(f) == 2 and (f["qualifier"] == "~").all()), f"qualifiers {list(f['qualifier'])}"


CHECKS = {"mobile_share": _check_mobile_share, "weixin_exceeds_users": _check_weixin_exceeds_users,
          "growth_slows": _check_growth_slows, "both_approximate": _check_both_approximate}
