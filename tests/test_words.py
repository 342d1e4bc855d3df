"""Summary words chosen by rule (report/words.py), and the findings that use them, recomputed from the CSV
files on their own: these tests read data/*.csv with the csv module, never through the library's loader."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from chinadigital.report import words

DATA = Path(__file__).resolve().parents[1] / "data"


def rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# -- the rules themselves --------------------------------------------------------------------------------

@pytest.mark.parametrize("counts, kind, leaders", [
    ({"company": 6, "central": 5, "foreign": 2}, "largest", ("company",)),   # a plurality is not "most"
    ({"company": 7, "central": 5, "foreign": 1}, "most", ("company",)),
    ({"company": 5, "central": 5}, "tied", ("central", "company")),
    ({"company": 4, "central": 2, "foreign": 2}, "half", ("company",)),
    ({"company": 3}, "all", ("company",)),
])
def test_share_of_whole_says_most_only_above_half(counts, kind, leaders):
    g = words.share_of_whole(counts)
    assert (g.kind, g.leaders, g.total) == (kind, leaders, sum(counts.values()))


def test_share_of_whole_refuses_an_empty_whole():
    with pytest.raises(ValueError):
        words.share_of_whole({"a": 0})


@pytest.mark.parametrize("a, b, tol, word", [(100, 110, 0, "rose"), (100, 90, 0, "fell"), (100, 100.5, 0.01, "flat"),
                                             (0, 0, 0, "flat"), (0, 3, 0, "rose")])
def test_direction(a, b, tol, word):
    assert words.direction(a, b, tol) == word


def test_extremes_name_every_tied_key():
    assert words.extremes({"2014": 74.0, "2015": 74.0, "2016": 31.0}) == ("2014", "2015")
    assert words.extremes({"2014": 74.0, "2016": 31.0}, highest=False) == ("2016",)


@pytest.mark.parametrize("goal, gq, outcome, oq, due, latest, kind", [
    (1.1e9, "", 0.989e9, "", True, 1.123e9, "missed"),      # Broadband China 2020: short in its own year
    (50, "", 52.6, "", True, None, "met"),
    (300, ">", 300, "", True, None, "missed"),               # "more than 300" is not met by 300
    (300, ">", None, "", True, 280, "no_outcome"),
    (60e6, "", None, "", False, 91.75e6, "on_track"),
    (800e6, "", None, "", False, 700e6, "not_yet_due"),
    (100, "", 100, ">", True, None, "met"),                  # a lower bound at the goal settles "met"
    (100, "", 90, ">", True, None, "undecided"),             # "more than 90" does not settle a goal of 100
])
def test_goal_verdict(goal, gq, outcome, oq, due, latest, kind):
    assert words.goal_verdict(goal, gq, outcome, oq, due=due, latest=latest)["kind"] == kind


def test_a_miss_says_by_how_much():
    v = words.goal_verdict(1.1e9, "", 0.989e9, "")
    assert v["short_pct"] == pytest.approx(100 * (1.1e9 - 0.989e9) / 1.1e9)


# -- findings against the CSV files ------------------------------------------------------------------------

def _busiest_years_from_csv(start=2008, end=2025):
    kinds = {r["entity"]: r["actor_kind"] for r in rows("entities.csv")}
    per_year: dict[int, Counter] = {}
    for e in rows("events.csv"):
        y = int(e["date"][:4])
        if start <= y <= end:
            per_year.setdefault(y, Counter())[kinds[e["actor"]]] += 1
    top = max(sum(c.values()) for c in per_year.values())
    return {y: c for y, c in per_year.items() if sum(c.values()) == top}


def test_busiest_year_finding_names_the_largest_group_as_the_counts_say():
    from chinadigital.report.context import Report
    from chinadigital.report.topics import policy_timeline

    rep = Report("policy_timeline", lang="en", start_year=2008, end_year=2025,
                 themes=["policy", "payments", "smart_cities", "cloud", "investment"])
    [f] = [f for f in policy_timeline.findings(rep) if f.key == "busiest_year"]
    expected = _busiest_years_from_csv()
    assert sorted(f.values["years"]) == sorted(expected)
    for y, counts in expected.items():
        top = max(counts.values())
        leaders = sorted(k for k, n in counts.items() if n == top)
        total = sum(counts.values())
        want = "tied" if len(leaders) > 1 else "all" if top == total else "most" if 2 * top > total else \
            "half" if 2 * top == total else "largest"
        got = f.values["actors"][y]
        assert (got["kind"], got["leaders"], got["count"], got["total"]) == (want, leaders, top, total)
        if want != "most":
            assert f"In {y} most" not in f.text


def _goals_from_csv(plans=("fyp14-plan", "computing-plan-2023", "broadband-china-target")):
    """Each goal with the last outcome measured in its own goal year, from the CSV files alone."""
    kinds = {r["series"]: r["kind"] for r in rows("series.csv")}
    published = {r["source_id"]: r["published"] for r in rows("sources.csv")}
    obs = [r for r in rows("observations.csv") if r["entity"] == "CN"]
    out = []
    for r in obs:
        if r["series"] not in plans:
            continue
        pub = published.get(r["source_id"], "")
        if len(r["period"]) == 4 and pub and int(r["period"]) < int(pub[:4]):
            continue  # a baseline: its year ended before the plan was published
        same_year = [o for o in obs if o["indicator"] == r["indicator"] and kinds.get(o["series"]) != "plan"
                     and o["period"][:4] == r["period"][:4]]
        same_year.sort(key=lambda o: o["period"])
        outcome = same_year[-1] if same_year else None
        out.append((r, outcome))
    return out


def test_every_goal_verdict_recomputes_from_the_csv_files():
    from chinadigital.dataset.goals import goal_rows
    from chinadigital.dataset.load import load

    got = words.goal_verdicts(goal_rows(load(), "CN", ["fyp14-plan", "computing-plan-2023", "broadband-china-target"]),
                              today=date(2026, 12, 7))
    by_key = {(r["indicator"], r["goal_period"]): r for _, r in got.iterrows()}
    expected = _goals_from_csv()
    assert len(by_key) == len(expected)
    for goal, outcome in expected:
        r = by_key[(goal["indicator"], goal["period"])]
        g = float(goal["value"])
        if outcome is None:
            assert r["verdict"] == "no_outcome", goal
            continue
        o = float(outcome["value"])
        reaches = o > g if goal["qualifier"] == ">" else o >= g
        if outcome["qualifier"] in ("", "~"):
            assert r["verdict"] == ("met" if reaches else "missed"), goal
        assert r["outcome_period"] == outcome["period"]


def test_broadband_china_2020_is_missed_in_its_own_year_though_a_later_reading_passes_it():
    from chinadigital.dataset.goals import goal_rows
    from chinadigital.dataset.load import load

    got = words.goal_verdicts(goal_rows(load(), "CN", ["broadband-china-target"]), today=date(2026, 12, 7))
    [row] = [r for _, r in got.iterrows() if r["indicator"] == "internet_users" and r["goal_period"] == "2020"]
    assert row["verdict"] == "missed" and row["outcome_period"] == "2020-12"
    assert row["latest"] > row["goal"]  # the latest reading passes it: a separate column, not the verdict


def test_claims_never_lead_the_key_findings():
    """Every finding resting on a promotional claim or an unattributed press figure is a claim, kept out of
    the Key findings list; the claims' kinds come from the CSV files."""
    from chinadigital.report.context import Report, _FindingsDisplay
    from chinadigital.report.topics import cloud_scale, mobile_payments, smart_cities

    claim_kinds = {"promotional-claim", "press-figure"}
    claimed_sources = {r["source_id"] for r in rows("observations.csv") if r["statement"] in claim_kinds}
    for notebook, topic, extra in (("smart_cities", smart_cities, {"city": "hangzhou"}),
                                   ("cloud_scale", cloud_scale, {"currency": "stated"}),
                                   ("mobile_payments", mobile_payments, {"currency": "stated"})):
        rep = Report(notebook, lang="en", start_year=2008, end_year=2025, **extra)
        items = topic.findings(rep)
        html = _FindingsDisplay(items, "en", rep.cites, rep.ds)._repr_mimebundle_()["text/html"]
        key_part = html.split("Claims as stated")[0]
        for f in items:
            if f.is_claim:
                assert f.text not in key_part, f.key
                assert set(f.source_ids) & claimed_sources, f.key
        assert any(f.is_claim for f in items)
