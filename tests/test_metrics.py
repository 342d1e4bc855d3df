import pytest

from chinadigital import load
from chinadigital.dataset.metrics import cagr, latest, share, year_end, yoy


@pytest.fixture(scope="module")
def ds():
    return load()


def test_year_end_keeps_one_december_value_per_year(ds):
    ye = year_end(ds.series("internet_users", "CN", 2010, 2014))
    assert list(ye["period"]) == ["2010-12", "2011-12", "2012-12", "2013-12", "2014-12"]


def test_share_is_derived_from_the_same_survey(ds):
    s = share(ds, "mobile_internet_users", "internet_users", "CN", 2016, 2016)
    row = s[s["period"] == "2016-12"].iloc[0]
    assert row["value"] == pytest.approx(100 * 695e6 / 731e6)
    assert row["unit"] == "percent"
    assert row["statement"] == "official-statistic"  # a share of two survey counts is the survey's kind


def test_yoy_compares_consecutive_exact_year_ends(ds):
    g = yoy(ds.series("internet_users", "CN", 2015, 2017))
    by = dict(zip(g["period"], g["value"]))
    assert by["2016-12"] == pytest.approx(100 * (731 / 688 - 1))
    assert by["2017-12"] == pytest.approx(100 * (772 / 731 - 1))


def test_cagr_over_the_window(ds):
    c = cagr(ds.series("internet_users", "CN", 2010, 2015))
    assert (c["first_period"], c["last_period"], c["years"]) == ("2010-12", "2015-12", 5)
    assert c["cagr"] == pytest.approx(100 * ((688 / 457) ** (1 / 5) - 1))


def test_latest_prefers_exact_figures(ds):
    row = latest(ds.series("mobile_payment_users", "CN", 2016, 2016))
    assert row["period"] == "2016-12" and row["qualifier"] == ""
