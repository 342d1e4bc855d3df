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


# --- growth and ratios built on a bound carry the bound ------------------------------------------------

import itertools  # noqa: E402

import pandas as pd  # noqa: E402

from chinadigital.dataset import money  # noqa: E402
from chinadigital.dataset.metrics import bound_of, growth, quotient, ratio  # noqa: E402

BOUNDS = ["", ">", ">=", "<", "<="]


def _possible(stated: float, qualifier: str) -> list[float]:
    """True values a figure with this qualifier allows: the figure itself where allowed, and one a little
    and one far away on the allowed side."""
    if qualifier == "":
        return [stated]
    side = 1 if qualifier.startswith(">") else -1
    near, far = stated * (1 + side * 0.01), stated * (1 + side * 0.9)
    return ([stated] if qualifier.endswith("=") else []) + [near, far]


@pytest.mark.parametrize("end, start", list(itertools.product(BOUNDS, BOUNDS)))
def test_bound_of_says_what_every_possible_true_value_allows(end, start):
    # Growth from start to end, for every pair of true values the two qualifiers allow, compared with the
    # growth of the stated figures: the qualifier bound_of gives must hold for all of them, and be no
    # looser than it has to (>= only when equality can happen); None exactly when they fall on both sides.
    E, S = 240.0, 100.0
    computed = E / S - 1
    truths = [e / s - 1 for e in _possible(E, end) for s in _possible(S, start)]
    above = any(t > computed + 1e-12 for t in truths)
    below = any(t < computed - 1e-12 for t in truths)
    equal = any(abs(t - computed) <= 1e-12 for t in truths)
    q = bound_of(end, start)
    if above and below:
        assert q is None
        return
    expected = "" if not (above or below) else (">" if above else "<") + ("=" if equal else "")
    assert q == expected


@pytest.mark.parametrize("end, start, expected", [
    # the issue's rules, case by case
    (">", "", ">"), (">=", "", ">="),            # end a lower bound, start exact: a lower bound
    ("", ">", "<"), ("", ">=", "<="),            # end exact, start a lower bound: an upper bound
    ("<", "", "<"), ("<=", "", "<="),            # end an upper bound, start exact: an upper bound
    ("~", "", "~"), ("", "~", "~"), ("~", ">", "~"), ("<", "~", "~"),  # "about" on either: about
    (">", ">", None), (">=", ">", None), ("<", "<=", None),           # same direction: nothing to state
    ("~<", "", "~<"), ("", "~<", "~"), ("~<", ">", "~"),              # "nearly"
    ("", "", ""),
])
def test_bound_of_follows_the_rules_of_the_issue(end, start, expected):
    assert bound_of(end, start) == expected


def test_bound_of_refuses_an_unknown_qualifier():
    with pytest.raises(ValueError, match="qualifier"):
        bound_of("approx", "")


def test_growth_and_quotient_return_the_value_with_its_bound_or_nothing():
    value, q = growth(300, 200, ">", "")
    assert value == pytest.approx(50) and q == ">"
    assert growth(300, 200, ">", ">=") == (None, None)
    value, q = growth(400, 100, "", "<=", years=2)
    assert value == pytest.approx(100) and q == ">="
    value, q = quotient(9, 3, "", ">")
    assert value == pytest.approx(3) and q == "<"
    assert quotient(9, 3, "<", "<") == (None, None)


def _frame(rows):
    """A year-end series as Dataset.series returns it: (year, value, qualifier) per row."""
    return pd.DataFrame([{
        "indicator": "x", "entity": "CN", "period": str(y), "period_start": pd.Timestamp(f"{y}-01-01"),
        "period_end": pd.Timestamp(f"{y}-12-31"), "period_precision": "year", "year": y, "value": v,
        "unit": "persons", "qualifier": q, "series": "s", "source_id": f"src-{y}", "stated": "",
        "statement": "official-statistic"} for y, v, q in rows])


def test_yoy_with_bounds_carries_the_bound_and_leaves_out_what_cannot_be_stated():
    f = _frame([(2015, 100, ""), (2016, 120, ">"), (2017, 150, ">=")])
    assert yoy(f).empty  # by default only exact pairs, as before
    g = yoy(f, bounds=True)
    by = dict(zip(g["period"], zip(g["value"], g["qualifier"])))
    assert by["2016"] == (pytest.approx(20), ">")
    assert "2017" not in by  # both lower bounds: no growth can be stated


def test_cagr_carries_the_bound_of_its_last_figure():
    f = _frame([(2015, 100, ""), (2016, 110, ""), (2017, 121, "<")])
    exact = cagr(f)
    assert exact["qualifier"] == "" and exact["last_period"] == "2016"
    bounded = cagr(f, bounds=True)
    assert bounded["last_period"] == "2017" and bounded["qualifier"] == "<"
    assert bounded["cagr"] == pytest.approx(10)
    assert cagr(_frame([(2015, 100, "<"), (2017, 121, "<")]), bounds=True) is None


def test_year_end_keeps_the_exact_figure_over_a_bound_of_the_same_year():
    f = pd.concat([_frame([(2016, 400, ">")]), _frame([(2016, 424, "")])], ignore_index=True)
    ye = year_end(f)
    assert list(ye["qualifier"]) == [""] and list(ye["value"]) == [424]


class _FakeDataset:
    def __init__(self, frames):
        self.frames = frames

    def series(self, indicator, entity, start=None, end=None):
        return self.frames[indicator].copy()


def test_share_and_ratio_with_bounds_carry_the_bound():
    ds = _FakeDataset({"num": _frame([(2015, 50, ""), (2016, 60, ">="), (2017, 70, ">")]),
                       "den": _frame([(2015, 100, ""), (2016, 100, ""), (2017, 100, ">")])})
    assert list(share(ds, "num", "den", "CN")["period"]) == ["2015"]  # exact only by default
    s = share(ds, "num", "den", "CN", bounds=True)
    assert dict(zip(s["period"], s["qualifier"])) == {"2015": "", "2016": ">="}  # 2017: both lower bounds
    r = ratio(ds, "num", "den", "CN", as_indicator="r", unit="count", bounds=True)
    assert dict(zip(r["period"], r["qualifier"])) == {"2015": "", "2016": ">="}


def test_a_currency_growth_note_never_drops_a_bound():
    f = _frame([(2015, 100, ""), (2017, 300, ">")]).assign(unit="USD", unit_original="CNY",
                                                            value_original=[600, 2000])
    assert money.growth_note(f) is None  # a caller printing the number alone would drop "more than"
    note = money.growth_note(f, bounds=True)
    assert note["qualifier"] == ">" and note["source_growth"] == pytest.approx(100 * (2000 / 600 - 1))
    exact = money.growth_note(f.assign(qualifier=""))
    assert exact["qualifier"] == ""
