"""What a chart says under its title (report/charts/footers.py): rates, growth by currency, kinds of statement."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from chinadigital.report import charts
from chinadigital.report.citations import refs_text
from chartkit import ds  # noqa: F401  (the dataset fixture, loaded once per module)
from chartkit import layer_data, rep


def test_figures_without_a_rate_are_named_in_the_footer(ds):
    r = rep(ds, currency="USD")
    frame = ds.convert(ds.series("cloud_revenue", "alibaba", 2024, 2025), "USD")
    frame = frame[frame["period_precision"] == "quarter"] if not frame.empty else frame
    lines = charts.footer_lines(r, [frame], currency="USD")
    if frame.attrs.get("not_converted"):
        assert any("no cited rate" in line for line in lines)
    else:
        assert not any("no cited rate" in line for line in lines)


def test_a_converted_chart_says_when_growth_differs_by_currency(ds):
    from chinadigital.dataset import money

    r = rep(ds, currency="USD")
    frame = money.convert(ds, ds.series("mobile_payment_value", "CN", 2020, 2021), "USD")
    lines = charts.footer_lines(r, [frame], currency="USD")
    growth = [line for line in lines if "exchange rate" in line]
    assert len(growth) == 1 and "+21.9% in yuan" in growth[0] and "+30.5% in US dollars" in growth[0]


@pytest.mark.parametrize("numbers, text", [([1], "[1]"), ([1, 2], "[1], [2]"), ([3, 1, 2, 7], "[1]–[3], [7]"),
                                           ([5, 6, 7, 9, 10], "[5]–[7], [9], [10]")])
def test_reference_lists_collapse_runs(numbers, text):
    assert refs_text(numbers) == text


def test_a_chart_names_the_kinds_of_statement_it_mixes(ds):
    """Tencent's 2019 summit figures are claims; its filings are reports: read in the tooltip and the footer."""
    r = rep(ds)
    claims = ds.series("servers", "tencent")
    assert set(claims["statement"]) == {"promotional-claim"}
    listed = charts.figure_list(r, pd.concat([claims, ds.series("cloud_patents_granted", "tencent")]), title="T")
    html = listed._repr_html_()
    assert "Kind of figure" in html and "promotional claim" in html
    revenue = ds.series("cloud_revenue", "alibaba")
    revenue = revenue[revenue["series"] == "fy-after-elimination"]
    assert set(revenue["statement"]) == {"company-report"}
    spec = charts.line(r, revenue, title="Revenue").to_dict()
    assert {row["statement_text"] for row in layer_data(spec) if "value_text" in row} == {"company's own report"}
    assert '"field": "statement_text"' in json.dumps(spec)
    footer = " ".join(spec["title"]["subtitle"])
    assert "Kinds of figure" not in footer  # one kind, and no claim: the tooltip says it
    table = charts.table(r, claims, {"indicator_label": "col_indicator", "value_text": "col_value",
                                     "source_ref": "col_source"})
    assert list(table.frame.columns) == ["Indicator", "Value", "Kind of figure", "Source"]
