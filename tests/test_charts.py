"""Chart builders: what a reader sees, read back from the Vega-Lite spec."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from chinadigital import charts, load
from chinadigital.citations import refs_text
from chinadigital.report import Report


@pytest.fixture(scope="module")
def ds():
    return load()


def rep(ds, lang="en", **extra):
    params = {"currency": "CNY", **extra}
    return Report("cloud_scale", lang=lang, ds=ds, start_year=2008, end_year=2025, **params)


def layer_data(spec):
    """The rows a chart plots (Altair puts inline data in datasets)."""
    rows = []
    for values in spec.get("datasets", {}).values():
        rows += values
    return rows


def test_line_chart_reads_on_its_own(ds):
    r = rep(ds)
    spec = charts.line(r, ds.series("internet_users", "CN", 2010, 2012), title="Users").to_dict()
    assert spec["vconcat"][0]["title"]["text"] == "Users"
    assert "Line chart: Users." in spec["description"]
    footer = spec["title"]["text"]
    assert spec["title"]["orient"] == "bottom"
    assert footer[0].startswith("Sources: [1]")
    layers = spec["vconcat"][0]["layer"]
    tooltip_fields = {tt["field"] for tt in layers[1]["encoding"]["tooltip"]}
    assert {"value_text", "period_text", "source_ref"} <= tooltip_fields
    assert layers[1]["encoding"]["y"]["title"] == "million people"


def test_bounds_are_drawn_hollow_and_labelled(ds):
    r = rep(ds)
    frame = pd.concat([ds.series("servers", "tencent"), ds.series("peak_bandwidth", "tencent")])
    spec = charts.bars(r, frame, title="Infra", category="indicator_label", log=True).to_dict()
    rows = layer_data(spec)
    assert all(row["bound"] for row in rows) and len(rows) == 2
    bar = spec["vconcat"][0]["layer"][0]
    assert bar["encoding"]["fillOpacity"]["condition"]["test"] == "datum.bound"
    assert any("bounds" in line for line in spec["title"]["text"])


def test_bound_label_reads_as_a_bound(ds):
    r = rep(ds)
    spec = charts.bars(r, ds.series("servers", "tencent"), title="Servers").to_dict()
    [row] = layer_data(spec)
    assert row["qualifier"] == ">=" and row["bound"] is True
    assert "1 million" in row["label"] and row["label"].startswith("≥")


def test_currency_conversion_in_chart_data(ds):
    r = rep(ds, currency="KRW")
    frame = ds.convert(ds.series("mobile_payment_value", "CN", 2016, 2016), "KRW")
    spec = charts.bars(r, frame, title="Value", currency="KRW").to_dict()
    [row] = layer_data(spec)
    krw = float(ds.fx.query("currency == 'KRW' and year == 2016")["per_usd"].iloc[0])
    cny = float(ds.fx.query("currency == 'CNY' and year == 2016")["per_usd"].iloc[0])
    assert row["value"] == pytest.approx(157.55e12 / cny * krw)
    assert row["unit"] == "KRW"
    assert any(line.startswith("Converted to KRW at yearly average rates") for line in spec["title"]["text"])
    # the rate's citations are among the chart's sources
    assert len(spec["usermeta"]["chinadigital"]["sources"]) >= 2


def test_figures_without_a_rate_are_named_in_the_footer(ds):
    r = rep(ds, currency="USD")
    frame = ds.convert(ds.series("cloud_revenue", "alibaba", 2024, 2025), "USD")
    spec = charts.bars(r, frame, title="Rev", currency="USD").to_dict()
    assert any("no cited USD rate" in line and "2024" in line for line in spec["title"]["text"])


def test_korean_chart_uses_korean_units_and_labels(ds):
    r = rep(ds, lang="ko")
    spec = charts.line(r, ds.series("internet_users", "CN", 2010, 2012), title="이용자").to_dict()
    layers = spec["vconcat"][0]["layer"]
    assert layers[1]["encoding"]["y"]["title"] == "억 명"
    rows = layer_data(spec)
    assert all(row["value_text"].endswith("명") for row in rows)
    assert spec["title"]["text"][0].startswith("출처:")


def test_chinese_name_sits_beside_the_translation(ds):
    r = rep(ds)
    spec = charts.line(r, ds.series("weixin_mau", "tencent", 2018, 2019), title="MAU", series_by="entity").to_dict()
    assert {row["series"] for row in layer_data(spec)} == {"Tencent (腾讯)"}


def test_empty_selection_draws_a_no_data_chart(ds):
    r = rep(ds)
    spec = charts.line(r, ds.series("internet_users", "CN", 2001, 2002), title="Nothing").to_dict()
    assert "No data" in spec["description"]


def test_rank_axis_puts_first_place_on_top(ds):
    r = rep(ds)
    spec = charts.line(r, ds.series("congestion_rank", "hangzhou"), title="Ranks").to_dict()
    assert spec["vconcat"][0]["layer"][1]["encoding"]["y"]["scale"]["reverse"] is True


def test_seed_restatement_stays_off_the_survey_line(ds):
    r = rep(ds)
    spec = charts.line(r, ds.series("internet_users", "CN", 2014, 2015), title="Users").to_dict()
    rows = {(row["period"], row["source_id"]): row["on_line"] for row in layer_data(spec)}
    assert rows[("2015", "seed-news1-internet-plus")] is False
    assert rows[("2015-12", next(s for p, s in rows if p == "2015-12"))] is True


def test_timeline_has_lanes_zoom_and_event_tooltips(ds):
    r = rep(ds)
    spec = charts.timeline(r, ds.events(start_year=2015, end_year=2016), title="T").to_dict()
    inner = spec["vconcat"][0]
    assert inner["encoding"]["y"]["field"] == "theme_label"
    assert spec["params"][0]["bind"] == "scales" and spec["params"][0]["select"]["encodings"] == ["x"]
    assert {tt["field"] for tt in inner["encoding"]["tooltip"]} == {"date_text", "actor_label", "title", "source_ref"}


def test_strings_from_data_stay_data(ds):
    """A title from the data travels as a JSON string value; it is never spliced into markup here."""
    r = rep(ds)
    ev = ds.events(start_year=2015, end_year=2015).copy()
    ev.loc[ev.index[0], "title_en"] = "<script>alert(1)</script>"
    spec = charts.timeline(r, ev, title="T").to_dict()
    assert "<script>alert(1)</script>" in json.dumps(spec)
    assert any(row["title"] == "<script>alert(1)</script>" for row in layer_data(spec))


@pytest.mark.parametrize("numbers, text", [([1], "[1]"), ([1, 2], "[1], [2]"), ([3, 1, 2, 7], "[1]–[3], [7]"),
                                           ([5, 6, 7, 9, 10], "[5]–[7], [9], [10]")])
def test_reference_lists_collapse_runs(numbers, text):
    assert refs_text(numbers) == text
