"""Time axes (report/charts/time_axes.py): periods inside their years, one gap rule, split scales."""

from __future__ import annotations


import pandas as pd

from chinadigital.report import charts
from chinadigital.report.context import Report
from chartkit import ds  # noqa: F401  (the dataset fixture, loaded once per module)
from chartkit import layer_data, marks, rep


def test_december_sits_inside_its_year(ds):
    spec = charts.line(rep(ds), ds.series("internet_users", "CN", 2014, 2016), title="Users").to_dict()
    dec14 = next(r for r in layer_data(spec) if r.get("period") == "2014-12")
    assert dec14["date"].startswith("2014-12")
    assert dec14["period_text"] == "December 2014"
    x = marks(spec, "point")[0][0]["encoding"]["x"]
    # year labels sit in the middle of each year, one per year, never repeated
    values = x["axis"]["values"]
    assert [v["year"] for v in values] == sorted({v["year"] for v in values})
    assert all(v["month"] == 7 for v in values)


def test_a_gap_breaks_the_line(ds):
    frame = ds.series("internet_users", "CN", 2010, 2020)
    frame = frame[frame["period"].isin(["2010-12", "2011-12", "2012-12", "2016-12", "2017-12", "2018-12"])]
    spec = charts.line(rep(ds), frame, title="Users").to_dict()
    segments = {r["line_id"] for r in layer_data(spec)}
    assert len(segments) == 2
    line_layer = marks(spec, "line")[0][0]
    assert line_layer["encoding"]["detail"]["field"] == "line_id"


def test_a_quarterly_line_breaks_at_a_missing_quarter(ds):
    """Analysys gives Alipay's share for Q1 2017 and then Q1 2018: a year's bridge would draw three
    unmeasured quarters flat."""
    frame = ds.series("third_party_mobile_payment_share", "alipay")
    frame = frame[frame["series"] == "analysys-mobile-quarterly"]
    periods = sorted(frame["period"])
    assert {"2017Q1", "2018Q1"} <= set(periods) and not {"2017Q2", "2017Q3", "2017Q4"} & set(periods)
    spec = charts.line(rep(ds), frame, title="Shares", series_by="entity").to_dict()
    by_period = {r["period"]: r["line_id"] for r in layer_data(spec)}
    assert by_period["2016Q4"] == by_period["2017Q1"]  # consecutive quarters stay joined
    assert by_period["2017Q1"] != by_period["2018Q1"]
    # a series the sources give only every third quarter is points, not a line drawn across the gaps
    sparse = ds.series("cloud_market_share", "alibaba")
    sparse = sparse[sparse["series"] == "canalys-quarterly-2023"]
    assert len(sparse) >= 3
    spec = charts.line(rep(ds), sparse, title="Shares", series_by="entity").to_dict()
    quarters = sorted(int(p[:4]) * 4 + int(p[-1]) for p in sparse["period"])
    runs = 1 + sum(1 for a, b in zip(quarters, quarters[1:]) if b - a != 1)
    assert runs >= 2 and len({r["line_id"] for r in layer_data(spec)}) == runs


def test_missing_quarters_are_ticked_and_named(ds):
    frame = ds.series("cloud_market_share")
    frame = frame[frame["series"].isin(["canalys-quarterly", "canalys-quarterly-2023"])]
    spec = charts.line(rep(ds), frame, title="Shares").to_dict()
    ticks = [l for l, m in marks(spec, "tick")]
    assert ticks
    gaps = [v for vals in spec["datasets"].values() for v in vals if "gap_period" in v]
    assert gaps and all("Q" in g["gap_period"] for g in gaps)
    assert any(x.startswith("Ticks along the time axis") for x in spec["title"]["subtitle"])


def test_one_gap_rule_a_half_yearly_survey_breaks_at_a_missing_survey():
    dates = pd.to_datetime(["2015-06-30", "2015-12-31", "2016-06-30", "2016-12-31", "2017-12-31", "2018-06-30"])
    d = pd.DataFrame({"line_key": "a", "period_end": dates, "period_precision": "month"})
    assert list(charts._segments(d)) == [0, 0, 0, 0, 1, 1]
    q = pd.DataFrame({"line_key": "q", "period_end": pd.to_datetime(["2020-03-31", "2020-06-30", "2020-12-31"]),
                      "period_precision": "quarter"})
    assert list(charts._segments(q)) == [0, 0, 1]


def test_one_early_point_never_sets_the_scale_of_the_years_the_text_discusses(ds):
    from chinadigital.report.topics import mobile_payments

    r = Report("mobile_payments", lang="en", ds=ds, start_year=2008, end_year=2025, currency="stated")
    spec = mobile_payments.growth(r).to_dict()
    assert "hconcat" in spec and spec["resolve"]["scale"]["y"] == "independent"
    assert any("Two panels" in x for x in spec["title"]["subtitle"])
