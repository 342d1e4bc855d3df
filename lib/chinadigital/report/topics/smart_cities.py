"""Smart cities: one city's headline figures, traffic before and after City Brain, services by phone, adoption abroad."""

from __future__ import annotations

import pandas as pd

from .. import charts
from ...dataset import metrics
from ..i18n import t, entity_label, join_items, period_label
from ..context import CLAIM_KINDS, Finding, caveat, kinds_of
from ...dataset.units import format_value

HEADLINE = ("gov_services_by_phone", "gov_data_items", "gov_data_departments", "gov_data_daily_exchanges",
            "leading_companies", "cloud_town_talents", "cloud_town_companies", "cloud_town_patents",
            "cloud_town_daily_startup_events")
PIVOT_EVENT = "events-smart-citybrain-announced"
SHARES = ("digital_economy_gdp_share", "digital_economy_core_gdp_share", "digital_economy_growth_contribution")


def _city(rep):
    row = rep.ds.entity(rep.params["city"])
    return entity_label(row.to_dict(), rep.lang, with_zh=False)


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


def _measured_ranks(rep, entity=None):
    """Places in Amap's own lists (annual and quarterly), never a place a release or a speech quotes."""
    r = _ranks(rep, entity)
    if "statement" in r:
        r = r[~r["statement"].isin(CLAIM_KINDS)]
    return r[r["series"].str.startswith("amap-")] if "series" in r else r


def _claimed_ranks(rep):
    """Places quoted by a promotional release or a speech (City Brain's 'from 5th to 57th')."""
    r = _ranks(rep)
    return r[r["statement"].isin(CLAIM_KINDS)] if "statement" in r else r.iloc[0:0]


def _before_after(rep):
    """The city's last place before City Brain and its latest after, both from one of Amap's own lists (one
    series): a place in one list set against a place in another says nothing about the city, and a place a
    release quotes is a claim, read against these lists in "Claims as stated". A period that began before the
    launch counts as before it. (None, None) when no list holds the city on both sides."""
    r = _measured_ranks(rep).sort_values(["period_end", "source_id"])
    pivot = _city_brain_start(rep)
    best = None
    for _, g in (r.groupby("series", sort=False) if "series" in r else []):
        before, after = g[g["period_start"] < pivot], g[g["period_start"] >= pivot]
        if before.empty or after.empty:
            continue
        if best is None or after["period_end"].iloc[-1] > best[1]["period_end"].iloc[0]:
            best = (before.iloc[[-1]], after.iloc[[-1]])
    return best if best is not None else (None, None)


def _list_size(rep, row) -> float | None:
    """The length of the list a place comes from (ranked_list_size in the same series and period)."""
    f = rep.ds.series("ranked_list_size", "CN")
    hit = f[(f["series"] == row["series"]) & (f["period"] == row["period"])] if "series" in f else f.iloc[0:0]
    return float(hit["value"].iloc[0]) if not hit.empty else None


def places_text(rep, rows) -> str:
    """'No. 4 of 45 (2015), No. 8 of 100 (2016)': each place with the length of its list when the data hold it;
    a place written as a bound ('outside the top ten') keeps its bound."""
    lang, parts = rep.lang, []
    for _, r in rows.sort_values("period_end").iterrows():
        size = _list_size(rep, r)
        key = "place_bound" if r["qualifier"] else ("place_of" if size else "place")
        parts.append(t(f"findings.{key}", lang, rank=int(r["value"]), size=int(size or 0), period=period_label(r["period"], lang)))
    return join_items(parts, lang)


def list_sizes_text(rep, series: str = "amap-annual") -> tuple[str, list[str]]:
    """'45 cities in 2015, 100 in 2016 and 2017 and 50 in 2018 and 2019': the length of each annual list,
    equal lengths grouped, so a reader sees a place move within lists that grew and shrank. ('', []) when
    the data give no sizes."""
    f = rep.ds.series("ranked_list_size", "CN")
    f = f[f["series"] == series] if "series" in f else f.iloc[0:0]
    if f.empty:
        return "", []
    lang, groups = rep.lang, []
    for _, r in f.sort_values("period_end").iterrows():
        size = format_value(r["value"], "count", lang, r["qualifier"])
        if groups and groups[-1][0] == size:
            groups[-1][1].append(str(r["year"]))
        else:
            groups.append((size, [str(r["year"])]))
    # the first group names what is counted ("45 cities in 2015"), the others only the number
    parts = [t(f"findings.{'list_size_first' if i == 0 else 'list_size'}", lang, size=size,
               years=join_items(years, lang) if lang == "en" else "·".join(years))
             for i, (size, years) in enumerate(groups)]
    return join_items(parts, lang), list(dict.fromkeys(f["source_id"]))


def congestion_slope(rep):
    """The places a release claims for the city beside Amap's own places in the same years: listed, not joined,
    since they come from different lists (or from no named list at all)."""
    claimed = _claimed_ranks(rep)
    measured = _measured_ranks(rep)
    same = measured[measured["year"].isin(set(claimed["year"]))] if not claimed.empty else measured.iloc[0:0]
    frame = pd.concat([claimed, same], ignore_index=True).sort_values("period_end")
    return charts.figure_list(rep, frame, title=_t("congestion", rep), series_by="entity")


def congestion_over_time(rep):
    """The city's places in Amap's lists, one line per ranking (annual and quarterly lists are different
    rankings). A place quoted by a release that does not name its list is not one of them: it appears only
    in the before-and-after list, as the claim it is."""
    return charts.line(rep, _measured_ranks(rep), title=_t("congestion_all", rep), series_by="entity")


def _core_pair(rep):
    """The city's latest core-industry share and China's, by the same official definition."""
    p = rep.params
    city = metrics.latest(metrics.main_series(rep.ds.series("digital_economy_core_gdp_share", p["city"], p["start_year"], p["end_year"])))
    cn = rep.ds.series("digital_economy_core_gdp_share", "CN", p["start_year"], p["end_year"])
    cn = metrics.latest(cn[cn["series"] == "official-core"]) if "series" in cn else None
    return city, cn


def against_country(rep):
    city, cn = _core_pair(rep)
    rows = [r for r in (city, cn) if r is not None]
    frame = pd.DataFrame(rows) if rows else rep.ds.series("digital_economy_core_gdp_share", rep.params["city"], 0, 0)
    return charts.bars(rep, frame, title=_t("against_country", rep), category="series_period")


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


def findings(rep) -> list[Finding]:
    ds, lang, p = rep.ds, rep.lang, rep.params
    city, name = p["city"], rep.name(p["city"])
    P = lambda x: period_label(x, lang)  # noqa: E731
    F = lambda key, **kw: t(f"findings.{key}", lang, **kw)  # noqa: E731
    out: list[Finding] = []
    for ind in ("digital_economy_gdp_share", "digital_economy_core_gdp_share"):
        row = metrics.latest(ds.series(ind, city, p["start_year"], p["end_year"]))
        if row is not None:
            label = ds.label("indicator", ind, lang)
            label = label[:1].lower() + label[1:] if lang == "en" else label
            text = F("city_share", period=P(row["period"]), label=label, city=name,
                     value=format_value(row["value"], "percent", lang, row["qualifier"]))
            text += caveat(lang, [row])
            out.append(Finding(ind, text, {"value": float(row["value"]), "qualifier": row["qualifier"], "period": row["period"]},
                               [row["source_id"]], kinds=kinds_of([row])))
    cpair, npair = _core_pair(rep)
    if cpair is not None and npair is not None:
        text = F("city_vs_country", city=rep.name(city), city_value=f"{cpair['value']:g}", city_period=P(cpair["period"]),
                 country_value=f"{npair['value']:g}", country_period=P(npair["period"]))
        out.append(Finding("city_vs_country", text, {"city": float(cpair["value"]), "city_period": cpair["period"],
                                                     "country": float(npair["value"]), "country_period": npair["period"]},
                           list(dict.fromkeys([cpair["source_id"], npair["source_id"]]))))
    svc = ds.series("gov_services_by_phone", None, p["start_year"], p["end_year"])
    mine = svc[svc["entity"] == city]
    if not mine.empty:
        row = metrics.latest(mine)
        text = F("services_by_phone", period=P(row["period"]), city=name,
                 n=format_value(row["value"], "count", lang, counter=charts.counter_for(ds, "gov_services_by_phone")))
        text += caveat(lang, [row])
        out.append(Finding("services_by_phone", text, {"value": int(row["value"]), "period": row["period"]}, [row["source_id"]],
                           kinds=kinds_of([row])))
    measured = _measured_ranks(rep)
    if not measured.empty:
        lists = []
        for slug, g in sorted(measured.groupby("series", sort=False), key=lambda x: x[0] != "amap-annual"):
            lists.append(t(f"findings.places_{slug.replace('-', '_')}", lang, places=places_text(rep, g)))
        before, after = _before_after(rep)
        pivot = _city_brain_start(rep)
        text = F("congestion_places", city=name, lists=" ".join(lists))
        if before is None:
            text += " " + F("congestion_no_after", city=name, pivot=P(f"{pivot.year}-{pivot.month:02d}"))
        sizes, size_ids = list_sizes_text(rep)
        out.append(Finding("congestion", text, {"places": {r["period"]: int(r["value"]) for _, r in measured.iterrows()},
                                                "before_after": None if before is None else
                                                [int(before["value"].iloc[0]), int(after["value"].iloc[0])]},
                           list(dict.fromkeys(list(measured["source_id"]) + size_ids)), kinds=kinds_of(
                               [r for _, r in measured.iterrows()])))
    claimed = _claimed_ranks(rep)
    if not claimed.empty:
        first = claimed.sort_values("period_end")
        # the same claim quoted by two publishers is one claim: each place once, at its earliest date
        steps = [t("findings.place", lang, rank=int(r["value"]), size=0, period=P(r["period"]))
                 for _, r in first.drop_duplicates("value").iterrows()]
        text = F("congestion_claim" if len(steps) == 2 else "congestion_claim_one", city=name,
                 first=steps[0], last=steps[-1])
        years = sorted(set(first["year"]))
        same = measured[measured["year"].isin(years)]
        measure = (t("findings.congestion_measure", lang, places=places_text(rep, same)) if not same.empty
                   else t("claims.no_measure", lang))
        missing = [y for y in years if y not in set(measured["year"])]
        if missing and not same.empty:
            measure += " " + t("findings.congestion_measure_missing", lang,
                               years=join_items([str(y) for y in missing], lang))
        out.append(Finding("congestion_claim", text, {"claimed": {r["period"]: int(r["value"]) for _, r in first.iterrows()}},
                           list(dict.fromkeys(list(first["source_id"]) + list(same["source_id"]))),
                           kinds=kinds_of([r for _, r in first.iterrows()]), measure=measure))
    ev = ds.events(themes=["smart_cities"], start_year=p["start_year"], end_year=p["end_year"])
    if not ev.empty:
        local = int((ev["actor_kind"] == "local_government").sum())
        text = F("milestones", n=len(ev), start=p["start_year"], end=p["end_year"], local=local)
        out.append(Finding("milestones", text, {"events": int(len(ev)), "local": local}, list(dict.fromkeys(ev["source_id"]))))
    amb = metrics.latest(ds.series("ambulance_time_reduction", None, p["start_year"], p["end_year"]))
    if amb is not None:
        where = rep.name(amb["entity"])
        text = F("ambulance", where=where, value=f"{amb['value']:.1f}", period=P(amb["period"]))
        out.append(Finding("ambulance", text, {"value": float(amb["value"]), "period": amb["period"]}, [amb["source_id"]],
                           kinds=kinds_of([amb])))
    return out


def answers(rep) -> list[tuple[str, str | None]]:
    """The questions this report answers, each with the title of the chart that answers it (None: not yet)."""
    q = lambda k: t(f"smart_cities.{k}", rep.lang)  # noqa: E731
    return [(q("q_country"), _t("against_country", rep)), (q("q_congestion"), _t("congestion", rep)),
            (q("q_services"), _t("services", rep)), (q("q_evidence"), None), (q("q_cities"), ("report", "city_comparison"))]


# -- checks behind the notebook's prose (rep.check(key); chinadigital.report.prose) ------------------------------

def _check_services_years(rep):
    """'Shanghai's services through Weixin in 2015, Hangzhou's services by phone in 2018'."""
    p = rep.params
    f = rep.ds.series("gov_services_by_phone", None, p["start_year"], p["end_year"])
    got = {(r["entity"], r["period"]) for _, r in f.iterrows()}
    return got == {("shanghai", "2015"), ("hangzhou", "2018")}, f"figures held: {sorted(got)}"


CHECKS = {"services_years": _check_services_years}
