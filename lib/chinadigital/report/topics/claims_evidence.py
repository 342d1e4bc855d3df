"""Claims and evidence: every promotional claim and unattributed press figure in the data, who made it and
when, the independent measure the data hold for the same thing, and a verdict by rule
(report/words.claim_verdict). Each reviewed claim is also published as schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import json
import re

import pandas as pd

from .. import charts
from ..citations import refs_text
from ..context import CLAIM_KINDS, Finding
from ..i18n import entity_label, period_label, t
from ...dataset.stated import parse_stated
from ...dataset.units import format_value
from ..sources_ko import publisher_for
from ..words import claim_verdict

VERDICT_ORDER = ("consistent", "not_consistent", "no_measure")


def _t(key, rep, **kw):
    return t(f"claims_evidence.{key}", rep.lang, **kw)


def _step(row) -> float:
    try:
        return float(parse_stated(str(row.get("stated", "") or "")).step) if row.get("stated") else (
            1.0 if row["unit"] == "rank" else 0.0)
    except Exception:  # a stated form the reader cannot parse (validated elsewhere): compare at face value
        return 0.0


def _measures(obs: pd.DataFrame, claim) -> pd.DataFrame:
    """Independent measures of the same thing: the same indicator and entity, a statement that is not a claim,
    in the claim's own period, else in its year."""
    same = obs[(obs["indicator"] == claim["indicator"]) & (obs["entity"] == claim["entity"])
               & (obs["unit"] == claim["unit"]) & ~obs["statement"].isin(CLAIM_KINDS)]
    exact = same[same["period"] == claim["period"]]
    return exact if not exact.empty else same[same["year"] == claim["year"]]


def reviewed(rep) -> pd.DataFrame:
    """One row per claim in the window: the claim, who published it and when, the measure and the verdict."""
    ds, p = rep.ds, rep.params
    obs = ds.observations
    claims = obs[obs["statement"].isin(CLAIM_KINDS) & (obs["year"] >= p["start_year"]) & (obs["year"] <= p["end_year"])]
    src = ds.sources.set_index("source_id")
    rows = []
    for _, c in claims.sort_values(["period_end", "indicator", "entity"]).iterrows():
        ms = _measures(obs, c)
        if ms.empty:
            verdict, m = claim_verdict(c["value"], c["qualifier"], None), None
        else:
            verdicts = [(claim_verdict(c["value"], c["qualifier"], r["value"], r["qualifier"], _step(c), _step(r)), r)
                        for _, r in ms.iterrows()]
            # several measures of one period (two lists): not consistent if any contradicts the claim
            bad = [v for v in verdicts if v[0] == "not_consistent"]
            verdict, m = bad[0] if bad else verdicts[0]
        s = src.loc[c["source_id"]]
        rows.append({"indicator": c["indicator"], "entity": c["entity"], "period": c["period"], "value": c["value"],
                     "unit": c["unit"], "qualifier": c["qualifier"], "statement": c["statement"],
                     "source_id": c["source_id"], "publisher": s["publisher"], "published": str(s["published"] or ""),
                     "url": str(s["url"] or ""), "verdict": verdict,
                     "measure_value": None if m is None else m["value"],
                     "measure_qualifier": "" if m is None else m["qualifier"],
                     "measure_period": None if m is None else m["period"],
                     "measure_series": None if m is None else m["series"],
                     "measure_source": None if m is None else m["source_id"]})
    return pd.DataFrame(rows)


def _claim_text(rep, r) -> str:
    lang = rep.lang
    ent = entity_label({**rep.ds.entity(r["entity"]).to_dict(), "entity": r["entity"]}, lang, with_zh=False)
    value = format_value(r["value"], r["unit"], lang, r["qualifier"], counter=charts.counter_for(rep.ds, r["indicator"]))
    return t("claims_evidence.claim_text", lang, indicator=rep.ds.label("indicator", r["indicator"], lang),
             entity=ent, value=value, period=period_label(r["period"], lang))


def _measure_text(rep, r) -> str:
    if r["measure_value"] is None or r["measure_value"] != r["measure_value"]:
        return "—"
    names = rep.ds.series_table.set_index("series")[f"name_{rep.lang}"]
    value = format_value(r["measure_value"], r["unit"], rep.lang, r["measure_qualifier"],
                         counter=charts.counter_for(rep.ds, r["indicator"]))
    return t("claims_evidence.measure_text", rep.lang, value=value, period=period_label(r["measure_period"], rep.lang),
             series=names.get(r["measure_series"]) or r["measure_series"])


def verdict_word(kind: str, lang: str) -> str:
    return t(f"claims_evidence.verdict_{kind}", lang)


def claims_table(rep) -> charts.Table:
    lang = rep.lang
    rv = reviewed(rep)
    heads = [t(f"claims_evidence.{k}", lang) for k in ("col_claim", "col_who", "col_kind", "col_measure",
                                                      "col_verdict", "col_sources")]
    if rv.empty:
        return charts.as_table(pd.DataFrame({heads[0]: [t("no_data", lang)]}), title=_t("table", rep))
    rows = []
    for _, r in rv.iterrows():
        publisher = publisher_for(r["publisher"], lang)
        ids = [r["source_id"]] + ([r["measure_source"]] if isinstance(r["measure_source"], str) else [])
        if lang == "ko" and re.search(r"[A-Za-z]", publisher):  # no Korean name: the source's number stands for it
            publisher = t("claims_evidence.source_number", lang, refs=refs_text(rep.cites.cite([r["source_id"]])))
        who = t("claims_evidence.who_when" if r["published"] else "claims_evidence.who", lang,
                publisher=publisher, when=period_label(r["published"], lang) if r["published"] else "")
        rows.append([_claim_text(rep, r), who, t(f"statement.{r['statement']}", lang), _measure_text(rep, r),
                     verdict_word(r["verdict"], lang), refs_text(rep.cites.cite(ids))])
    return charts.as_table(pd.DataFrame(rows, columns=heads), title=_t("table", rep))


def verdict_counts(rep):
    """How many claims fall under each verdict, as bars from zero."""
    rv = reviewed(rep)
    if rv.empty:
        return charts.as_table(pd.DataFrame({t("col_value", rep.lang): [t("no_data", rep.lang)]}), title=_t("counts", rep))
    return _verdict_bars(rep, rv)


def _verdict_bars(rep, rv: pd.DataFrame):
    import altair as alt

    from .. import theme

    lang = rep.lang
    counts = pd.DataFrame({"verdict": [verdict_word(k, lang) for k in VERDICT_ORDER],
                           "n": [int((rv["verdict"] == k).sum()) for k in VERDICT_ORDER]})
    chart = alt.Chart(counts).mark_bar().encode(
        y=alt.Y("verdict:N", title=None, sort=list(counts["verdict"]), axis=alt.Axis(labelLimit=260)),
        x=alt.X("n:Q", title=t("claims_evidence.axis_claims", lang), scale=alt.Scale(zero=True),
                axis=alt.Axis(tickMinStep=1)),
        color=alt.value("#0b6fa4"), tooltip=[alt.Tooltip("verdict:N", title=t("claims_evidence.col_verdict", lang)),
                                              alt.Tooltip("n:Q", title=t("claims_evidence.axis_claims", lang))])
    text = alt.Chart(counts).mark_text(align="left", dx=4, fontSize=11, color="#333").encode(
        y=alt.Y("verdict:N", sort=list(counts["verdict"])), x="n:Q", text="n:Q")
    obs = rep.ds.observations
    claimed = obs[obs["statement"].isin(CLAIM_KINDS) & obs["source_id"].isin(set(rv["source_id"]))
                  & obs["period"].isin(set(rv["period"]))]
    layered = alt.layer(chart, text).properties(width=theme.WIDTH, height=40 * len(counts))
    desc = t("claims_evidence.describe", lang, n=len(rv), parts=", ".join(f"{a} {b}" for a, b in zip(counts["verdict"], counts["n"])))
    return charts.finish(rep, layered, title=_t("counts", rep), description=desc,
                         frames=[claimed[["source_id", "period", "period_start", "period_end"]]],
                         notes=(t("claims_evidence.counts_note", lang),))


def against_measure(rep, indicator: str, entity: str):
    """One claimed quantity against its independent measure: the measured series as lines, the claims as marks
    of their own (the footer names them as claims), over the report's window."""
    p = rep.params
    f = rep.ds.series(indicator, entity, p["start_year"], p["end_year"])
    claims = f[f["statement"].isin(CLAIM_KINDS)]
    measured = f[~f["statement"].isin(CLAIM_KINDS)]
    if not claims.empty and "series" in measured and not measured.empty:
        # the measured series that cover the claims' years, so the chart stays about the claim
        years = set(claims["year"])
        keep = {s for s, g in measured.groupby("series") if years & set(g["year"]) or len(g) >= 3}
        measured = measured[measured["series"].isin(keep)]
    title = t("claims_evidence.against_title", rep.lang, indicator=rep.ds.label("indicator", indicator, rep.lang),
              entity=entity_label({**rep.ds.entity(entity).to_dict(), "entity": entity}, rep.lang, with_zh=False))
    return charts.line(rep, pd.concat([measured, claims], ignore_index=True), title=title, series_by="entity")


def by_year(rep):
    """When the claims were made: claims per year of the period they describe, by kind of figure."""
    import altair as alt

    from .. import theme

    rv = reviewed(rep)
    lang = rep.lang
    if rv.empty:
        return charts.as_table(pd.DataFrame({t("col_value", lang): [t("no_data", lang)]}), title=_t("by_year", rep))
    rv = rv.assign(year=[int(str(x)[:4]) for x in rv["period"]],
                   kind=[t(f"statement.{k}", lang) for k in rv["statement"]])
    counts = rv.groupby(["year", "kind"]).size().reset_index(name="n")
    years = [str(y) for y in range(int(counts["year"].min()), int(counts["year"].max()) + 1)]
    counts["year_text"] = counts["year"].astype(str)
    chart = alt.Chart(counts).mark_bar().encode(
        x=alt.X("year_text:O", title=t("col_year", lang), scale=alt.Scale(domain=years)),
        y=alt.Y("sum(n):Q", title=t("claims_evidence.axis_claims", lang), scale=alt.Scale(zero=True),
                axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("kind:N", title=t("claims_evidence.col_kind", lang),
                        scale=alt.Scale(range=["#0b6fa4", "#b3541e"]),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        tooltip=[alt.Tooltip("year_text:O", title=t("col_year", lang)), alt.Tooltip("kind:N"),
                 alt.Tooltip("n:Q", title=t("claims_evidence.axis_claims", lang))],
    ).properties(width=theme.WIDTH, height=theme.HEIGHT)
    obs = rep.ds.observations
    claimed = obs[obs["statement"].isin(CLAIM_KINDS) & obs["source_id"].isin(set(rv["source_id"]))]
    desc = t("claims_evidence.describe_years", lang, n=len(rv), first=years[0], last=years[-1])
    return charts.finish(rep, chart, title=_t("by_year", rep), description=desc,
                         frames=[claimed[["source_id", "period", "period_start", "period_end"]]])


class ClaimReviews:
    """The reviewed claims as schema.org ClaimReview JSON-LD, in the page for fact-checkers' tools."""

    def __init__(self, items: list[dict]):
        self.items = items

    def _repr_mimebundle_(self, include=None, exclude=None):
        payload = json.dumps(self.items, ensure_ascii=False).replace("</", "<\\/")
        body = f'<script type="application/ld+json" class="cd-claimreview">{payload}</script>'
        return {"text/html": body, "text/plain": f"{len(self.items)} ClaimReview item(s)"}


def claim_reviews(rep) -> ClaimReviews:
    lang = rep.lang
    rv = reviewed(rep)
    items = []
    for _, r in rv.iterrows():
        item = {"@context": "https://schema.org", "@type": "ClaimReview",
                "claimReviewed": _claim_text(rep, r),
                "itemReviewed": {"@type": "Claim",
                                 "author": {"@type": "Organization", "name": str(r["publisher"])},
                                 **({"datePublished": r["published"]} if r["published"] else {}),
                                 **({"appearance": {"@type": "CreativeWork", "url": r["url"]}} if r["url"] else {})},
                "author": {"@type": "Organization", "name": "chinadigital"},
                "reviewRating": {"@type": "Rating", "alternateName": verdict_word(r["verdict"], lang)},
                "reviewBody": (_measure_text(rep, r) if r["verdict"] != "no_measure"
                               else t("claims_evidence.no_measure", lang)), "inLanguage": lang}
        items.append(item)
    return ClaimReviews(items)


def findings(rep) -> list[Finding]:
    """Counts of verdicts only: the claims themselves are what the report reviews, never its key findings."""
    lang = rep.lang
    rv = reviewed(rep)
    if rv.empty:
        return []
    F = lambda key, **kw: t(f"findings.{key}", lang, **kw)  # noqa: E731
    counts = {k: int((rv["verdict"] == k).sum()) for k in VERDICT_ORDER}
    out = [Finding("claims_reviewed", F("claims_reviewed", n=len(rv), consistent=counts["consistent"],
                                        not_consistent=counts["not_consistent"], no_measure=counts["no_measure"]),
                   {"claims": len(rv), **counts}, list(dict.fromkeys(rv["source_id"]))[:1])]
    # one claim quoted by two publishers is one claim to refute
    bad = rv[rv["verdict"] == "not_consistent"].drop_duplicates(["indicator", "entity", "period", "value"])
    for _, r in bad.iterrows():
        out.append(Finding("claim_refuted", F("claim_refuted", claim=_claim_text(rep, r), measure=_measure_text(rep, r)),
                           {"indicator": r["indicator"], "entity": r["entity"], "period": r["period"]},
                           [x for x in (r["measure_source"], r["source_id"]) if isinstance(x, str)]))
    return out


def answers(rep) -> list[tuple[str, str | None]]:
    q = lambda k: t(f"claims_evidence.{k}", rep.lang)  # noqa: E731
    return [(q("q_counts"), _t("counts", rep)), (q("q_years"), _t("by_year", rep)), (q("q_table"), _t("table", rep))]


CHECKS: dict = {}
