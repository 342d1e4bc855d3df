"""Money across calendars: fiscal years at the rates of their own months, growth in both currencies."""

from __future__ import annotations

import pandas as pd
import pytest

from chinadigital import load

from chinadigital.dataset import money


@pytest.fixture(scope="module")
def ds():
    return load()


def rate(ds, cur, year):
    return float(ds.fx.query("currency == @cur and year == @year")["per_usd"].iloc[0])


def test_a_fiscal_year_is_converted_at_the_months_it_covers(ds):
    fy = ds.series("cloud_revenue", "alibaba")
    fy = fy[fy["period"] == "2022-04/2023-03"]
    [row] = money.convert(ds, fy, "USD").to_dict("records")
    # 9 months of April 2022 to March 2023 fall in 2022, 3 in 2023
    expected = float(fy["value"].iloc[0]) * (9 / 12 / rate(ds, "CNY", 2022) + 3 / 12 / rate(ds, "CNY", 2023))
    assert row["value"] == pytest.approx(expected)
    assert row["fx_basis"] == "months weighted"
    assert row["value_original"] == float(fy["value"].iloc[0]) and row["unit_original"] == "CNY"


def test_a_calendar_year_uses_its_own_rate(ds):
    v = ds.series("mobile_payment_value", "CN", 2018, 2018)
    [row] = money.convert(ds, v, "KRW").to_dict("records")
    assert row["value"] == pytest.approx(float(v["value"].iloc[0]) / rate(ds, "CNY", 2018) * rate(ds, "KRW", 2018))
    assert row["fx_basis"] == "calendar year"


def test_a_year_without_a_cited_rate_is_left_out_and_named(ds):
    frame = ds.series("mobile_payment_value", "CN", 2016, 2016).assign(period="2001", period_start=pd.Timestamp("2001-01-01"),
                                                                          period_end=pd.Timestamp("2001-12-31"), year=2001)
    out = money.convert(ds, frame, "USD")
    assert out.empty and out.attrs["not_converted"][0]["period"] == "2001"


def test_growth_note_only_when_currencies_disagree(ds):
    v = money.convert(ds, ds.series("mobile_payment_value", "CN", 2020, 2021), "USD")
    note = money.growth_note(v)
    assert note["source_growth"] == pytest.approx(100 * (v["value_original"].iloc[1] / v["value_original"].iloc[0] - 1))
    assert abs(note["converted_growth"] - note["source_growth"]) >= 1
    same = money.convert(ds, ds.series("mobile_payment_value", "CN", 2020, 2021), "CNY")
    assert money.growth_note(same) is None
