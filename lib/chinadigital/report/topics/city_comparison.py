"""Smart cities compared: the cities the sources rank, measure or describe, side by side.

Each comparison keeps its basis in view: a rank is a position in one list (and the lists ranked different
numbers of cities), a service count comes from one year and one channel, a share from one definition.
"""

from __future__ import annotations

from .. import charts
from ..context import Finding, caveat, kinds_of
from ...dataset.units import format_value
from ..i18n import period_label, t
from .smart_cities import list_sizes_text


def _t(key, rep, **kw):
    return t(f"city_comparison.{key}", rep.lang, **kw)


def _annual_ranks(rep):
    """Every place the data hold in Amap's annual lists: the chart and the text count the same rows."""
    p = rep.params
    ranks = rep.ds.series("congestion_rank", None, p["start_year"], p["end_year"])
    return ranks[ranks["series"] == "amap-annual"] if "series" in ranks else ranks.iloc[0:0]


def rankings(rep):
    """Each city's place in Amap's annual congestion lists: one line per city, 1 at the top. A year without a
    mark is a place the data do not record (the sources name only part of each list), not a city off the list."""
    return charts.line(rep, _annual_ranks(rep), title=_t("rankings", rep), series_by="entity",
                       notes=(_t("rankings_note", rep),))


def list_sizes(rep):
    """How many cities each annual list ranked: a place means little without the length of its list."""
    p = rep.params
    f = rep.ds.series("ranked_list_size", "CN", p["start_year"], p["end_year"])
    f = f[f["series"] == "amap-annual"] if "series" in f else f
    return charts.bars(rep, f, title=_t("list_sizes", rep), category="period", series_by="indicator")


def pilots(rep):
    """The national smart-city pilot batches of the housing ministry: new pilots named in each."""
    p = rep.params
    f = rep.ds.series("smart_city_pilots_named", "CN", p["start_year"], p["end_year"])
    return charts.bars(rep, f, title=_t("pilots", rep), category="period", series_by="indicator")


def services(rep):
    p = rep.params
    frame = rep.ds.series("gov_services_by_phone", None, p["start_year"], p["end_year"])
    return charts.bars(rep, frame, title=_t("services", rep), category="series_period", sort="x")


def core_share(rep):
    p = rep.params
    frame = rep.ds.series("digital_economy_core_gdp_share", None, p["start_year"], p["end_year"])
    if "series" in frame:
        frame = frame[frame["series"] == "official-core"]
    latest = frame.sort_values("period_end").groupby("entity").tail(1)
    return charts.bars(rep, latest, title=_t("core_share", rep), category="series_period")


def milestones(rep):
    p = rep.params
    ev = rep.ds.events(themes=["smart_cities"], start_year=p["start_year"], end_year=p["end_year"])
    return charts.timeline(rep, ev, title=_t("milestones", rep))


def abroad(rep):
    p = rep.params
    frame = rep.ds.series("ambulance_time_reduction", None, p["start_year"], p["end_year"])
    return charts.figure_list(rep, frame, title=_t("abroad", rep), series_by="entity")


def findings(rep) -> list[Finding]:
    lang, p = rep.lang, rep.params
    F = lambda key, **kw: t(f"findings.{key}", lang, **kw)  # noqa: E731
    out: list[Finding] = []
    annual = _annual_ranks(rep)
    if not annual.empty:
        tops = annual[annual["value"] == 1].sort_values("period_end")
        years = [(int(r["year"]), r["entity"]) for _, r in tops.iterrows()]
        # "Beijing in 2015, Jinan in 2016 and ..." in English; "2015년 베이징, 2016년 지난 ..." in Korean
        tops_words = [f"{period_label(str(y), lang)} {rep.name(e)}" if lang == "ko" else
                      f"{rep.name(e)} in {period_label(str(y), lang)}" for y, e in years]
        if lang != "ko" and len(tops_words) > 1:
            tops_words = [", ".join(tops_words[:-1]) + " and " + tops_words[-1]]
        text = F("most_congested", lists=len(annual["period"].unique()), cities=annual["entity"].nunique(),
                 tops=", ".join(tops_words))
        sizes, size_ids = list_sizes_text(rep)
        if sizes:
            text += " " + F("list_sizes", sizes=sizes)
        out.append(Finding("most_congested", text, {"lists": int(annual["period"].nunique()),
                                                    "cities": int(annual["entity"].nunique()),
                                                    "first_places": {str(y): e for y, e in years}},
                           list(dict.fromkeys([*tops["source_id"], *size_ids]))))
    svc = rep.ds.series("gov_services_by_phone", None, p["start_year"], p["end_year"])
    if len(svc) >= 2:
        rows = svc.sort_values("value", ascending=False)
        parts = ", ".join(f"{rep.name(r['entity'])} {format_value(r['value'], 'count', lang, counter='건')}"
                          f"({period_label(r['period'], lang)})" if lang == "ko" else
                          f"{rep.name(r['entity'])} {int(r['value'])} ({period_label(r['period'], lang)})"
                          for _, r in rows.iterrows())
        text = F("services_compared", parts=parts)
        text += caveat(lang, [r for _, r in rows.iterrows()])
        out.append(Finding("services_compared", text, {r["entity"]: int(r["value"]) for _, r in rows.iterrows()},
                           list(dict.fromkeys(rows["source_id"])), kinds=kinds_of([r for _, r in rows.iterrows()])))
    ev = rep.ds.events(themes=["smart_cities"], start_year=p["start_year"], end_year=p["end_year"])
    if not ev.empty:
        local = int((ev["actor_kind"] == "local_government").sum())
        text = F("milestones", n=len(ev), start=p["start_year"], end=p["end_year"], local=local)
        out.append(Finding("milestones", text, {"events": int(len(ev)), "local": local}, list(dict.fromkeys(ev["source_id"]))))
    return out


def answers(rep) -> list[tuple[str, str | None]]:
    q = lambda k: t(f"city_comparison.{k}", rep.lang)  # noqa: E731
    return [(q("q_rankings"), _t("rankings", rep)), (q("q_sizes"), _t("list_sizes", rep)),
            (q("q_pilots"), _t("pilots", rep)), (q("q_services"), _t("services", rep)),
            (q("q_core"), _t("core_share", rep)), (q("q_evidence"), None)]

