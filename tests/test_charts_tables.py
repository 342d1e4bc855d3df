"""Tables, lists and notices (report/charts/tables.py): what stands in for a chart the data cannot fill."""

from __future__ import annotations


import pandas as pd

from chinadigital.report import charts
from chartkit import ds  # noqa: F401  (the dataset fixture, loaded once per module)
from chartkit import rep


def test_figures_of_different_units_become_a_list(ds):
    frame = pd.concat([ds.series("servers", "tencent"), ds.series("peak_bandwidth", "tencent")])
    out = charts.figure_list(rep(ds), frame, title="Infra")
    html = out._repr_html_()
    assert "at least 1 million" in html and "at least 100 Tbps" in html and "Infra" in html


def test_too_few_points_give_a_sentence_and_the_rows(ds):
    r = rep(ds)
    frame = ds.series("internet_users", "CN", 2010, 2010)
    assert 0 < len(frame) < 3
    out = charts.line(r, frame, title="Users")
    assert isinstance(out, charts.Notice)
    bundle = out._repr_mimebundle_()
    assert bundle[charts.NOTICE_MIME]["rows"] == len(frame)
    assert "needs at least 3" in bundle["text/html"] and "<table" in bundle["text/html"]
    nothing = charts.bars(r, ds.series("internet_users", "CN", 2001, 2002), title="Nothing")
    assert "no figure" in nothing._repr_mimebundle_()["text/plain"]


def test_one_bar_is_not_a_chart(ds):
    out = charts.bars(rep(ds), ds.series("ambulance_time_reduction", "kuala_lumpur"), title="Ambulance")
    assert isinstance(out, charts.Notice)
