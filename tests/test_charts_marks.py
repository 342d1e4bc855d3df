"""Marks (report/charts/marks.py): bounds, bars from zero, goals, hue for identity and mark for basis, labels that fit."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from chinadigital.report import charts
from chinadigital.report.context import Report
from chinadigital.report.i18n import period_label
from chartkit import ds  # noqa: F401  (the dataset fixture, loaded once per module)
from chartkit import drawn_marks, layer_data, marks, rep


def test_bounds_have_a_visible_stroke(ds):
    frame = ds.series("mobile_payment_users", "CN", 2015, 2017)
    spec = charts.line(rep(ds), frame, title="Payers").to_dict()
    hollow = [(layer, m) for layer, m in marks(spec, "point") if layer.get("transform", [{}])[0].get("filter", "").startswith("datum.bound")]
    assert hollow, "bounds need their own layer"
    layer, mark = hollow[0]
    assert mark["filled"] is False and mark["strokeWidth"] >= 1.5 and mark.get("opacity", 1) > 0
    assert any(row["bound"] for row in layer_data(spec))
    assert any("bounds" in line for line in spec["title"]["subtitle"])


@pytest.mark.parametrize("lang, word", [("en", "nearly"), ("ko", "가까이")])
def test_a_nearly_figure_is_drawn_as_a_bound_with_its_one_word(ds, lang, word):
    # CNNIC's June 2016 count as the seed article restates it: "4억2400만명 육박" (nearly), qualifier ~<
    frame = ds.series("mobile_payment_users", "CN", 2016, 2016)
    assert "~<" in set(frame["qualifier"])
    spec = charts.line(rep(ds, lang=lang), frame, title="Payers").to_dict()
    nearly = [r for r in layer_data(spec) if r.get("qualifier") == "~<"]
    assert nearly and all(r["bound"] for r in nearly)
    assert all(word in r["value_text"] and "약" not in r["value_text"] and "about" not in r["value_text"]
               for r in nearly)


def test_bars_start_at_zero_on_a_linear_scale(ds):
    frame = pd.concat([ds.series("cloud_patent_applications", "tencent"), ds.series("cloud_patents_granted", "tencent")])
    spec = charts.bars(rep(ds), frame, title="Patents", category="indicator_label", series_by="indicator").to_dict()
    bar = marks(spec, "bar")[0][0]
    scale = bar["encoding"]["y"]["scale"]
    assert scale.get("zero") is True and scale.get("type", "linear") == "linear"
    assert "log" not in json.dumps(spec)


def test_colours_follow_series_not_language(ds):
    frame = ds.series("mobile_payment_users", "CN", 2013, 2020)
    en = charts.line(rep(ds), frame, title="A").to_dict()
    ko = charts.line(rep(ds, lang="ko"), frame, title="A").to_dict()

    def order(spec):
        enc = marks(spec, "point")[0][0]["encoding"]["color"]["scale"]["domain"]
        rows = layer_data(spec)
        return [next(r["line_key"] for r in rows if r["hue"] == label) for label in enc]

    assert order(en) == order(ko)


def test_rank_axis_puts_first_place_on_top(ds):
    spec = charts.line(rep(ds), ds.series("congestion_rank", "beijing"), title="Ranks").to_dict()
    scale = marks(spec, "point")[0][0]["encoding"]["y"]["scale"]
    assert scale["reverse"] is True and scale["domainMin"] == 1  # no "0th" place at the top


def test_a_plan_is_drawn_as_goal_marks_never_joined(ds):
    frame = ds.series("digital_economy_core_gdp_share", "CN", plans=True)
    spec = charts.line(rep(ds), frame, title="Plan").to_dict()
    rows = layer_data(spec)
    plan = [r for r in rows if r["plan"]]
    assert len(plan) >= 2 and not any(r["on_line"] for r in plan)
    drawn = drawn_marks(spec)
    assert drawn["Plan's baseline or goal (diamond)"] == ("diamond", True)
    assert any("plan" in line for line in spec["title"]["subtitle"])


def test_a_goal_written_as_a_bound_is_a_hollow_diamond(ds):
    """The 2023 computing plan asks for more than 300 EFLOPS: its goal mark is hollow, the outcomes filled."""
    frame = ds.series("computing_power_total", "CN", plans=True)
    spec = charts.line(rep(ds), frame, title="Computing").to_dict()
    goal = [r for r in layer_data(spec) if r["plan"]]
    assert goal and all(r["bound"] for r in goal)
    drawn = drawn_marks(spec)
    assert drawn["Plan's goal stated as a bound (hollow diamond)"] == ("diamond", False)


def test_bars_by_month_stay_in_time_order(ds):
    """The pilot batches (January 2013, August 2013, April 2015) read left to right in time, not by size."""
    frame = ds.series("smart_city_pilots_named", "CN")
    spec = charts.bars(rep(ds), frame, title="Pilots", category="period", series_by="indicator").to_dict()
    enc = next(l["encoding"]["x"] for l in spec["layer"] if "x" in l.get("encoding", {}))
    ordered = list(frame.sort_values("period_end")["period"])
    assert len(ordered) >= 3 and enc["sort"] == [period_label(p, "en") for p in ordered]


def test_every_hue_meets_3_to_1_on_white():
    from chinadigital.report import theme

    assert "#F0E442" not in theme.PALETTE
    assert all(theme.contrast(c) >= theme.MIN_CONTRAST for c in theme.PALETTE), \
        {c: round(theme.contrast(c), 2) for c in theme.PALETTE}


def test_a_company_keeps_its_hue_across_a_basis_change_and_the_new_basis_is_square_and_dashed(ds):
    frame = ds.series("cloud_market_share")
    frame = frame[frame["series"].isin(["canalys-quarterly", "canalys-quarterly-2023"])]
    spec = charts.line(rep(ds), frame, title="Shares").to_dict()
    rows = [r for r in layer_data(spec) if "value_text" in r]
    hues = {}
    for r in rows:
        hues.setdefault(r["hue"], set()).add(r["basis"])
    assert any(len(b) == 2 for b in hues.values())  # one hue holds both bases
    domain = marks(spec, "point")[0][0]["encoding"]["color"]["scale"]["domain"]
    assert len(domain) == len(hues)  # the legend names companies, not company x basis
    drawn = drawn_marks(spec)
    assert drawn["Canalys, quarterly, from Q2 2023"] == ("square", True)
    line_layer = marks(spec, "line")[0][0]
    assert line_layer["encoding"]["strokeDash"]["condition"]["test"] == "datum.basis > 0"
    assert any("changes basis" in x for x in spec["title"]["subtitle"])


def test_a_value_axis_leaves_room_above_its_highest_mark(ds):
    frame = ds.series("digital_economy_core_gdp_share", "CN", plans=True)
    spec = charts.line(rep(ds), frame, title="Plan").to_dict()
    y = marks(spec, "point")[0][0]["encoding"]["y"]["scale"]
    top = max(r["value_scaled"] for r in layer_data(spec) if "value_scaled" in r)
    assert y["domainMax"] > top


def test_the_legend_of_marks_shows_hollow_marks_hollow(ds):
    """Issue 24: plan charts' legends showed filled circles for diamonds and hollow marks; the key of the hollow
    kinds is drawn as rings (a shape with a hole), the filled ones as the layer's own shapes."""
    frame = ds.series("computing_power_total", "CN", plans=True)
    spec = charts.line(rep(ds), frame, title="Computing").to_dict()
    keys = [l for l, m in marks(spec, "point") if m.get("opacity") == 0]
    assert keys, "a chart with hollow and filled kinds has a key for the hollow ones"
    rng = keys[0]["encoding"]["shape"]["scale"]["range"]
    assert all(r in charts.RING.values() for r in rng)
    assert keys[0]["encoding"]["shape"]["legend"]["symbolOpacity"] == 1


def test_bar_value_labels_are_printed_only_where_they_fit_their_slot(ds):
    """Issue 24: Korean value labels ran across the axis and into each other; a label wider than its bar's slot
    (measured with Hangul at twice a digit's width) is left to the tooltip and the table view."""
    from chinadigital.report.topics import cloud_scale

    r = Report("cloud_scale", lang="ko", ds=ds, start_year=2008, end_year=2025, currency="stated")
    spec = cloud_scale.korea_market(r).to_dict()
    texts = [l for l, m in marks(spec, "text") if l.get("encoding", {}).get("text", {}).get("field") == "value_text"]
    assert not texts
    assert charts._text_px("7조 3,954억 원") > charts._text_px("7.3954")


def test_korean_bars_stand_in_the_english_order(ds):
    """Issue 24: Korean bar order followed the Korean alphabet; the order is now explicit (largest first, ties by
    series key), the same entities in the same places in both editions."""
    frame = ds.series("cloud_revenue")
    frame = frame[frame["period"] == frame["period"].iloc[0]].head(6)
    frame = pd.concat([frame, frame.assign(entity="tencent", value=frame["value"])]).drop_duplicates(["entity"])
    orders = []
    for lang in ("en", "ko"):
        spec = charts.bars(rep(ds, lang=lang), frame, title="B").to_dict()
        enc = [l for l, m in marks(spec, "bar")][0]["encoding"]["x"]
        assert isinstance(enc["sort"], list)
        rows = {r["category"]: r["line_key"] for r in layer_data(spec) if "category" in r}
        orders.append([rows[c] for c in enc["sort"]])
    assert orders[0] == orders[1]
