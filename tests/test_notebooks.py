"""The four notebooks, executed as a user runs them: papermill and a real kernel.

Each is run with its defaults from notebooks/, in Korean from the repository
root, and with non-default parameters from an unrelated directory; bad
parameters must stop the run in the check cell with a message naming the
parameter, the value and what is allowed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from chinadigital import load
from chinadigital.report.charts import NOTICE_MIME
from chinadigital.batch.figure_html import chart_meta
from chinadigital.report.context import ANSWERS_MIME, FINDINGS_MIME, REPORT_MIME, Report
from chinadigital.report.topics import city_comparison, cloud_scale, mobile_payments, policy_timeline, smart_cities
from conftest import REPO

NB_DIR = REPO / "notebooks"
VEGA = "application/vnd.vegalite.v5+json"
TOPICS = {"policy_timeline": policy_timeline, "mobile_payments": mobile_payments,
          "smart_cities": smart_cities, "cloud_scale": cloud_scale, "city_comparison": city_comparison}
DEFAULTS = {"lang": "en", "start_year": 2008, "end_year": 2025}
EXTRA_DEFAULTS = {"policy_timeline": {"themes": ["policy", "payments", "smart_cities", "cloud", "investment"]},
                  "mobile_payments": {"currency": "stated"}, "smart_cities": {"city": "hangzhou"},
                  "cloud_scale": {"currency": "stated"}, "city_comparison": {}}
RUNS = {
    "defaults": ({}, NB_DIR),
    "korean": ({"lang": "ko"}, REPO),
    "other": (None, None),  # per notebook below, from a temporary directory
}
OTHER = {
    "policy_timeline": {"themes": ["payments", "cloud"], "start_year": 2013, "end_year": 2018},
    "mobile_payments": {"currency": "KRW", "start_year": 2014, "end_year": 2018},
    "smart_cities": {"city": "hangzhou", "lang": "ko", "start_year": 2014, "end_year": 2020},
    "cloud_scale": {"currency": "USD", "start_year": 2016, "end_year": 2020},
    "city_comparison": {"lang": "ko", "start_year": 2014, "end_year": 2020},
}


def execute(name: str, params: dict, cwd: Path, out_dir: Path) -> nbformat.NotebookNode:
    out = out_dir / f"{name}-{abs(hash(json.dumps(params, sort_keys=True)))}.ipynb"
    pm.execute_notebook(str(NB_DIR / f"{name}.ipynb"), str(out), parameters=params, cwd=str(cwd),
                        progress_bar=False, kernel_name="python3")
    return nbformat.read(out, as_version=4)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    results = {}
    other_cwd = tmp_path_factory.mktemp("elsewhere")
    out_dir = tmp_path_factory.mktemp("executed")
    for name in TOPICS:
        results[(name, "defaults")] = ({}, execute(name, {}, NB_DIR, out_dir))
        results[(name, "korean")] = ({"lang": "ko"}, execute(name, {"lang": "ko"}, REPO, out_dir))
        results[(name, "other")] = (OTHER[name], execute(name, OTHER[name], other_cwd, out_dir))
    return results


def outputs(nb, mime):
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if "data" in o and mime in o["data"]]


CASES = [(n, r) for n in TOPICS for r in ("defaults", "korean", "other")]


@pytest.mark.parametrize("name, run", CASES)
def test_notebook_runs_without_errors_and_draws_its_charts(executed, name, run):
    params, nb = executed[(name, run)]
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    specs = outputs(nb, VEGA)
    assert len(specs) + len(outputs(nb, NOTICE_MIME)) >= 4
    assert len(specs) >= 3
    for spec in specs:
        assert spec["description"]
        meta = chart_meta(spec)
        assert meta["title"] and meta["sources"]
        assert any(re.search(r"\[\d+\]", line) for line in spec["title"]["subtitle"])


@pytest.mark.parametrize("name, run", CASES)
def test_key_findings_equal_what_the_library_computes(executed, name, run):
    params, nb = executed[(name, run)]
    [shown] = outputs(nb, FINDINGS_MIME)
    full = {**DEFAULTS, **EXTRA_DEFAULTS[name], **params}
    rep = Report(name, ds=load(), **full)
    rep.title()  # as in the notebook, the header names the report's entities before the findings do
    expected = [{"key": f.key, "text": f.text, "values": f.values, "source_ids": f.source_ids,
                 "claim": f.is_claim, "kinds": list(f.kinds), "measure": f.measure}
                for f in TOPICS[name].findings(rep)]
    assert shown == json.loads(json.dumps(expected, default=float))
    assert len(shown) >= 3


@pytest.mark.parametrize("name, run", CASES)
def test_every_answered_question_links_to_a_chart_or_table_of_the_report(executed, name, run):
    _, nb = executed[(name, run)]
    [items] = outputs(nb, ANSWERS_MIME)
    targets = {spec.get("name") for spec in outputs(nb, VEGA)}
    targets |= set(re.findall(r'id="(fig-[^"]+)"', " ".join(outputs(nb, "text/html"))))
    linked = [i["target"] for i in items if i["target"]]
    assert len(linked) >= 3
    assert [t for t in linked if t not in targets] == []


@pytest.mark.parametrize("name, run", CASES)
def test_no_series_mixes_kinds_of_period_or_units_unlabelled(executed, name, run):
    """Fiscal and calendar years, quarters, people and accounts: within one legend entry, one of each."""
    _, nb = executed[(name, run)]
    for spec in outputs(nb, VEGA):
        rows = [r for values in spec.get("datasets", {}).values() for r in values if "series" in r]
        by_label: dict[str, set] = {}
        for r in rows:
            by_label.setdefault(r["series"], set()).add((r.get("period_kind"), r.get("unit")))
        mixed = {label: kinds for label, kinds in by_label.items() if len(kinds) > 1}
        assert mixed == {}, (spec["title"]["text"], mixed)


@pytest.mark.parametrize("name, run", CASES)
def test_every_figure_says_what_kind_of_statement_it_is(executed, name, run):
    """Claims and statistics are never together unlabelled: each measured row records its kind, the tooltip
    shows it, and a chart holding several kinds, or a promotional claim, names them under the chart."""
    from chinadigital.report.charts import STATEMENT_KINDS
    from chinadigital.report.i18n import t

    params, nb = executed[(name, run)]
    lang = params.get("lang", "en")
    checked = 0
    for spec in outputs(nb, VEGA):
        rows = [r for values in spec.get("datasets", {}).values() for r in values if "value_text" in r]
        if not rows:
            continue  # an event timeline: events are dated facts, not figures
        derived = [r for r in rows if not r.get("statement")]
        assert all(r["indicator"].startswith("average_") or r.get("indicator") is None for r in derived), \
            (spec["title"]["text"], derived[:2])
        kinds = {r["statement"] for r in rows if r.get("statement")}
        assert kinds <= set(STATEMENT_KINDS), kinds
        assert all(r["statement_text"] == t(f"statement.{r['statement']}", lang) for r in rows if r.get("statement"))
        tips = json.dumps(spec)
        assert '"field": "statement_text"' in tips, spec["title"]["text"]
        footer = " ".join(spec["title"].get("subtitle") or [])
        named = t("statement.line", lang, kinds="\0").split("\0")[0]  # the line's words before the kinds
        if len(kinds) > 1 or "promotional-claim" in kinds:
            assert named in footer, (spec["title"]["text"], kinds, footer)
            assert all(t(f"statement.{k}", lang) in footer for k in kinds)
        else:
            assert named not in footer, (spec["title"]["text"], footer)
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("name", TOPICS)
def test_korean_run_speaks_korean(executed, name):
    _, nb = executed[(name, "korean")]
    [findings] = outputs(nb, FINDINGS_MIME)
    assert all(re.search(r"[가-힣]", f["text"]) for f in findings)
    for spec in outputs(nb, VEGA):
        title = spec["title"]["text"]
        assert re.search(r"[가-힣]", title), title


@pytest.mark.parametrize("name", TOPICS)
def test_sources_section_lists_every_cited_number(executed, name):
    _, nb = executed[(name, "defaults")]
    [html] = [o["data"]["text/html"] for o in nb.cells[-1]["outputs"] if "data" in o]
    listed = {int(n) for n in re.findall(r'<li id="src-(\d+)"', html)}
    cited = set()
    for spec in outputs(nb, VEGA):
        cited |= set(chart_meta(spec)["sources"])
    assert cited and cited <= listed
    assert listed == set(range(1, len(listed) + 1))


def test_outputs_are_what_jupyterlab_renders_offline(executed):
    """Charts leave the kernel as the Vega-Lite v5 mimetype, which JupyterLab's bundled renderer draws
    without the network; no output carries HTML that would fetch a script."""
    static = REPO / ".venv" / "share" / "jupyter" / "lab" / "static"
    bundled = "".join(p.read_text(errors="ignore") for p in static.glob("*.js"))
    assert VEGA in bundled
    for (_, _), (_, nb) in executed.items():
        for c in nb.cells:
            for o in c.get("outputs", []):
                for mime, data in o.get("data", {}).items():
                    assert mime in (VEGA, "text/plain", "text/html", FINDINGS_MIME, NOTICE_MIME, REPORT_MIME, ANSWERS_MIME), mime
                    text = json.dumps(data)
                    assert "cdn.jsdelivr" not in text and "<script" not in text


BAD = [
    ("smart_cities", {"city": "paris"}, ["city", "'paris'", "hangzhou"]),
    ("mobile_payments", {"lang": "fr"}, ["lang", "'fr'", "en, ko"]),
    ("cloud_scale", {"start_year": 2020, "end_year": 2015}, ["start_year = 2020", "end_year = 2015"]),
    ("policy_timeline", {"start_year": 1990}, ["start_year = 1990", "outside the data", "2001"]),
    ("mobile_payments", {"currency": "EUR"}, ["currency", "'EUR'", "CNY, USD, KRW"]),
    ("policy_timeline", {"themes": ["policy", "sports"]}, ["themes", "'sports'", "smart_cities"]),
    ("cloud_scale", {"end_year": "2020"}, ["end_year = '2020'", "whole year"]),
]


@pytest.mark.parametrize("name, params, words", BAD)
def test_bad_parameter_stops_in_the_check_cell(tmp_path, name, params, words):
    with pytest.raises(pm.PapermillExecutionError) as err:
        pm.execute_notebook(str(NB_DIR / f"{name}.ipynb"), str(tmp_path / "out.ipynb"), parameters=params,
                            progress_bar=False, kernel_name="python3")
    assert err.value.ename == "ParameterError"
    for w in words:
        assert w in err.value.evalue
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    failed = [i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    assert len(failed) == 1
    assert "check" in nb.cells[failed[0]].metadata.get("tags", [])
    # nothing after the check cell ran
    assert all(not c.get("outputs") for c in nb.cells[failed[0] + 1:])


# -- every finding's numbers, recomputed here from the CSV files with the standard library -------------

def _rows(name):
    import csv

    with open(REPO / "data" / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _obs(indicator, entity, series=None, exact=False):
    out = [r for r in _rows("observations") if r["indicator"] == indicator and r["entity"] == entity
           and (series is None or r["series"] == series) and (not exact or r["qualifier"] == "")]
    return sorted(out, key=lambda r: r["period"])


def _findings(executed, name):
    _, nb = executed[(name, "defaults")]
    [shown] = outputs(nb, FINDINGS_MIME)
    return {f["key"]: f for f in shown}


def test_mobile_payment_findings_match_the_csv(executed):
    f = _findings(executed, "mobile_payments")
    users = _obs("internet_users", "CN", "cnnic")
    assert f["internet_users"]["values"]["internet_users"] == float(users[-1]["value"])
    assert f["internet_users"]["values"]["period"] == users[-1]["period"]
    pay = {r["period"]: float(r["value"]) for r in _obs("mobile_payment_users", "CN", "cnnic", exact=True)}
    net = {r["period"]: float(r["value"]) for r in users}
    last = max(set(pay) & set(net))
    assert f["mobile_payment_users"]["values"] == {"mobile_payment_users": pay[last],
                                                   "share": round(100 * pay[last] / net[last], 1), "period": last}
    dec = [r for r in users if r["period"].endswith("-12")]
    years = int(dec[-1]["period"][:4]) - int(dec[0]["period"][:4])
    rate = 100 * ((float(dec[-1]["value"]) / float(dec[0]["value"])) ** (1 / years) - 1)
    assert f["internet_users_cagr"]["values"] == {"cagr": round(rate, 1), "first_period": dec[0]["period"],
                                                  "last_period": dec[-1]["period"]}
    wx = _obs("weixin_mau", "tencent", "tencent-results")
    assert f["weixin_mau"]["values"] == {"weixin_mau": float(wx[-1]["value"]), "period": wx[-1]["period"]}
    # the PBoC's yearly series, in the currency it states (its quarters are a series of their own)
    value = _obs("mobile_payment_value", "CN", "pboc")
    assert f["mobile_payment_value"]["values"]["value"] == pytest.approx(float(value[-1]["value"]), rel=1e-4)
    assert f["mobile_payment_value"]["values"]["currency"] == value[-1]["unit"]
    value_by, count_by = {r["period"]: float(r["value"]) for r in value}, \
        {r["period"]: float(r["value"]) for r in _obs("mobile_payment_count", "CN", "pboc")}
    both = sorted(set(value_by) & set(count_by))
    avg = f["average_payment"]["values"]
    assert (avg["first_period"], avg["last_period"]) == (both[0], both[-1])
    assert avg["first"] == pytest.approx(value_by[both[0]] / count_by[both[0]], rel=1e-3)
    assert avg["last"] == pytest.approx(value_by[both[-1]] / count_by[both[-1]], rel=1e-3)
    cn, us = _obs("mobile_shopping_value", "CN")[0], _obs("mobile_shopping_value", "US")[0]
    assert f["cn_us_ratio"]["values"]["ratio"] == pytest.approx(float(cn["value"]) / float(us["value"]))
    assert f["cn_us_ratio"]["claim"]  # a press figure: among the claims, not the key findings
    assert set(f["cn_us_ratio"]["source_ids"]) == {cn["source_id"], us["source_id"]}
    # banks and non-bank institutions: the latest year the PBoC gives both, each from its own series
    bank = {r["period"]: float(r["value"]) for r in _obs("mobile_payment_value", "CN", "pboc")}
    nonbank = {r["period"]: float(r["value"]) for r in _obs("nonbank_online_payment_value", "CN")
               if r["series"] in ("pboc-nonbank", "pboc-nonbank-2023")}
    year = max(set(bank) & set(nonbank))
    assert f["bank_nonbank"]["values"] == {"period": year, "bank": bank[year], "nonbank": nonbank[year], "currency": "CNY"}
    assert "different definitions" in f["bank_nonbank"]["text"]
    # Alipay and Tenpay: the latest quarter for which Analysys gives both
    share = {(r["entity"], r["period"]): float(r["value"])
             for r in _rows("observations") if r["series"] == "analysys-mobile-quarterly"}
    quarter = max(q for (e, q) in share if e == "alipay" and ("tenpay", q) in share)
    assert f["split"]["values"] == {"period": quarter, "alipay": share[("alipay", quarter)],
                                    "tenpay": share[("tenpay", quarter)]}


def test_cloud_findings_match_the_csv(executed):
    f = _findings(executed, "cloud_scale")
    srv, bw = _obs("servers", "tencent")[-1], _obs("peak_bandwidth", "tencent")[-1]
    assert f["infrastructure"]["values"] == {"servers": float(srv["value"]), "servers_qualifier": srv["qualifier"],
                                             "bandwidth_tbps": float(bw["value"]), "bandwidth_qualifier": bw["qualifier"]}
    app, gr = _obs("cloud_patent_applications", "tencent")[-1], _obs("cloud_patents_granted", "tencent")[-1]
    assert f["patents"]["values"] == {"applied": int(float(app["value"])), "granted": int(float(gr["value"])),
                                      "granted_pct": pytest.approx(100 * float(gr["value"]) / float(app["value"]))}
    market = [r for r in _obs("cloud_market_size", "CN") if r["series"] == "overall-market"]
    assert f["cloud_market"]["values"]["value"] == pytest.approx(float(market[-1]["value"]))
    assert f["cloud_market"]["values"]["period"] == market[-1]["period"]
    fy = _obs("cloud_revenue", "alibaba", "fy-after-elimination")
    assert f["alibaba_cloud"]["values"]["period"] == fy[-1]["period"]
    assert f["alibaba_cloud"]["values"]["value"] == pytest.approx(float(fy[-1]["value"]))
    shares = [r for r in _rows("observations") if r["indicator"] == "cloud_market_share"
              and r["series"] in ("canalys-quarterly", "canalys-quarterly-2023")
              and r["entity"] in ("alibaba", "huawei", "tencent", "baidu")]
    last = max(shares, key=lambda r: (r["period"][:4], r["period"][-1]))["period"]
    assert f["shares"]["values"] == {"period": last, "shares": {r["entity"]: float(r["value"]) for r in shares
                                                                if r["period"] == last}}
    stated = [r for r in _rows("observations") if r["indicator"] == "cloud_revenue_growth_yoy"]
    firms = {r["entity"] for r in stated}
    common = [p for p in {r["period"] for r in stated} if {r["entity"] for r in stated if r["period"] == p} == firms]
    q = max(common, key=lambda p: (p[:4], p[-1]))
    assert f["global_growth"]["values"] == {"period": q, "growth": {r["entity"]: float(r["value"]) for r in stated
                                                                     if r["period"] == q}}
    quarters = {(r["series"], r["period"]): float(r["value"]) for r in _obs("cloud_revenue", "alibaba")
                if r["series"].startswith("quarter-")}
    latest = max(((b, p) for (b, p) in quarters if (b, f"{int(p[:4]) - 1}{p[4:]}") in quarters), key=lambda k: k[1])
    before = (latest[0], f"{int(latest[1][:4]) - 1}{latest[1][4:]}")
    assert f["alibaba_quarter"]["values"] == {"period": latest[1], "before_period": before[1],
                                              "growth_cny_pct": round(100 * (quarters[latest] / quarters[before] - 1), 1)}
    caps = {r["unit"]: float(r["value"]) for r in _obs("market_cap", "tencent")}
    assert (f["market_cap"]["values"]["usd"], f["market_cap"]["values"]["krw"]) == (caps["USD"], caps["KRW"])


def test_policy_findings_match_the_csv_and_state_ties(executed):
    from collections import Counter

    from chinadigital.report.params import THEMES

    f = _findings(executed, "policy_timeline")
    # the report's default themes (all it allows); stakes filed under investment are not among them
    events = [e for e in _rows("events") if 2008 <= int(e["date"][:4]) <= 2025 and e["theme"] in THEMES]
    assert f["event_count"]["values"]["events"] == len(events)
    assert set(f["event_count"]["source_ids"]) == {e["source_id"] for e in events}
    per_year = Counter(int(e["date"][:4]) for e in events)
    top = max(per_year.values())
    assert f["busiest_year"]["values"]["events"] == top
    assert f["busiest_year"]["values"]["years"] == sorted(y for y, n in per_year.items() if n == top)
    in_top = [e for e in events if per_year[int(e["date"][:4])] == top]
    assert set(f["busiest_year"]["source_ids"]) == {e["source_id"] for e in in_top}
    for y, actors in f["busiest_year"]["values"]["actors"].items():
        if actors["kind"] == "tied":
            assert f"In {y} the largest groups of actors, tied" in f["busiest_year"]["text"]
        if actors["kind"] != "most":
            assert f"In {y} most" not in f["busiest_year"]["text"]
    # every goal of the three plans counted once, by verdict (the verdicts themselves: tests/test_words.py)
    goals = f["goal_verdicts"]["values"]
    assert goals["goals"] == sum(goals["verdicts"].values())


def test_city_comparison_findings_match_the_csv(executed):
    f = _findings(executed, "city_comparison")
    annual = [r for r in _rows("observations") if r["indicator"] == "congestion_rank" and r["series"] == "amap-annual"]
    assert f["most_congested"]["values"]["lists"] == len({r["period"] for r in annual})
    assert f["most_congested"]["values"]["cities"] == len({r["entity"] for r in annual})
    assert f["most_congested"]["values"]["first_places"] == {r["period"]: r["entity"] for r in annual if float(r["value"]) == 1}
    svc = [r for r in _rows("observations") if r["indicator"] == "gov_services_by_phone"]
    assert f["services_compared"]["values"] == {r["entity"]: int(float(r["value"])) for r in svc}
    events = [e for e in _rows("events") if e["theme"] == "smart_cities" and 2008 <= int(e["date"][:4]) <= 2025]
    assert f["milestones"]["values"]["events"] == len(events)


def test_smart_city_findings_match_the_csv(executed):
    f = _findings(executed, "smart_cities")
    for ind in ("digital_economy_gdp_share", "digital_economy_core_gdp_share"):
        last = _obs(ind, "hangzhou")[-1]
        assert f[ind]["values"] == {"value": float(last["value"]), "qualifier": last["qualifier"], "period": last["period"]}
    city, country = _obs("digital_economy_core_gdp_share", "hangzhou", "official-core")[-1], \
        _obs("digital_economy_core_gdp_share", "CN", "official-core")[-1]
    assert f["city_vs_country"]["values"] == {"city": float(city["value"]), "city_period": city["period"],
                                              "country": float(country["value"]), "country_period": country["period"]}
    svc = _obs("gov_services_by_phone", "hangzhou")[-1]
    assert f["services_by_phone"]["values"] == {"value": int(float(svc["value"])), "period": svc["period"]}
    events = [e for e in _rows("events") if e["theme"] == "smart_cities" and 2008 <= int(e["date"][:4]) <= 2025]
    assert f["milestones"]["values"]["events"] == len(events)
    assert set(f["milestones"]["source_ids"]) == {e["source_id"] for e in events}
    amb = _obs("ambulance_time_reduction", "kuala_lumpur")[-1]
    assert f["ambulance"]["values"] == {"value": float(amb["value"]), "period": amb["period"]}
    # Hangzhou's places come from Amap's own lists only; the release's and the speech's places are a claim
    kind_of = {r["series"]: r["statement"] for r in _rows("series")}
    ranks = _obs("congestion_rank", "hangzhou")
    measured = {r["period"]: float(r["value"]) for r in ranks if r["series"].startswith("amap-")
                and (r["statement"] or kind_of[r["series"]]) not in ("promotional-claim", "press-figure")}
    assert {p: float(v) for p, v in f["congestion"]["values"]["places"].items()} == measured
    assert not f["congestion"]["claim"] and f["congestion_claim"]["claim"]
    claimed = {r["period"]: float(r["value"]) for r in ranks
               if (r["statement"] or kind_of[r["series"]]) in ("promotional-claim", "press-figure")}
    assert {p: float(v) for p, v in f["congestion_claim"]["values"]["claimed"].items()} == claimed
    from chinadigital.report.i18n import t

    svc_kind = svc["statement"] or next(r["statement"] for r in _rows("series") if r["series"] == svc["series"])
    assert (svc_kind == "promotional-claim") == f["services_by_phone"]["text"].endswith(t("findings.claimed_all", "en"))
    assert f["services_by_phone"]["claim"] == (svc_kind in ("promotional-claim", "press-figure"))
