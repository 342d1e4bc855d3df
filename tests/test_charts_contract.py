"""What a chart may show (report/charts/contract.py): one unit per axis, one series per line, composable charts."""

from __future__ import annotations


import altair as alt
import pandas as pd
import pytest

from chinadigital.report import charts
from chinadigital.errors import ChartContractError
from chartkit import ds  # noqa: F401  (the dataset fixture, loaded once per module)
from chartkit import layer_data, marks, rep


def test_line_chart_reads_on_its_own(ds):
    spec = charts.line(rep(ds), ds.series("internet_users", "CN", 2010, 2012), title="Users").to_dict()
    assert spec["title"]["text"] == "Users"
    assert spec["title"]["subtitle"][0].startswith("Sources: [1]")
    assert spec["description"].startswith("Line chart: Users.")
    points = [layer for layer, m in marks(spec, "point")]
    tooltip_fields = {tt["field"] for tt in points[0]["encoding"]["tooltip"]}
    assert {"value_text", "period_text", "source_ref"} <= tooltip_fields
    assert points[0]["encoding"]["y"]["title"] == "Internet users (million people)"  # the measure and its unit


def test_a_chart_stays_composable(ds):
    """No baked-in config: an analyst can resize, re-encode, layer and concatenate it."""
    chart = charts.line(rep(ds), ds.series("internet_users", "CN", 2010, 2015), title="Users")
    assert chart.config is alt.Undefined  # the house style comes from the theme, applied when drawn
    wide = chart.properties(width=800).to_dict()
    assert wide["width"] == 800
    mine = alt.Chart(pd.DataFrame({"date": ["2012-07-01"], "v": [0.5]})).mark_rule().encode(x="date:T")
    alt.layer(chart, mine).to_dict()
    (chart | chart).to_dict()


def test_a_chart_asked_to_mix_units_is_refused_by_name(ds):
    frame = pd.concat([ds.series("servers", "tencent"), ds.series("peak_bandwidth", "tencent")])
    with pytest.raises(ChartContractError, match=r"one unit per axis.*peak_bandwidth/tencent in Tbps, servers/tencent in count"):
        charts.bars(rep(ds), frame, title="Infra", category="indicator_label")


def test_a_series_that_mixes_kinds_of_period_is_refused(ds):
    frame = ds.series("cloud_revenue", "alibaba").copy()
    frame["series"] = "one-basis"
    with pytest.raises(ChartContractError, match=r"indicator cloud_revenue, entity alibaba, series one-basis.*mixes periods"):
        charts.line(rep(ds), frame, title="Revenue")


def test_a_line_joins_only_one_series(ds):
    spec = charts.line(rep(ds), ds.series("mobile_payment_users", "CN", 2013, 2020), title="Payers").to_dict()
    rows = layer_data(spec)
    line_ids = {}
    for row in rows:
        if row["on_line"]:
            line_ids.setdefault(row["line_id"].split("#")[0], set()).add(row["series_slug"])
    assert all(len(slugs) == 1 for slugs in line_ids.values())
    other = next(r for r in rows if r["period"] == "2013")
    assert other["on_line"] is False  # one point of another publisher: drawn, not joined
    assert other["series"] != next(r for r in rows if r["period"] == "2015-12")["series"]


def test_strings_from_data_stay_data(ds):
    """A title from the data travels as a JSON string value; it is never spliced into markup here."""
    ev = ds.events(start_year=2015, end_year=2015).copy()
    ev.loc[ev.index[0], "title_en"] = "<script>alert(1)</script>"
    spec = charts.timeline(rep(ds), ev, title="T").to_dict()
    assert any(row["title"] == "<script>alert(1)</script>" for row in layer_data(spec))
