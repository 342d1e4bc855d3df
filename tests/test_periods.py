from datetime import date

import pytest

from chinadigital.dataset.periods import parse_period


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("2015", date(2015, 1, 1), date(2015, 12, 31), "year"),
        ("2018Q2", date(2018, 4, 1), date(2018, 6, 30), "quarter"),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29), "month"),
        ("2015-06-30", date(2015, 6, 30), date(2015, 6, 30), "day"),
    ],
)
def test_each_precision_parses_to_its_span(text, start, end, precision):
    p = parse_period(text)
    assert (p.start, p.end, p.precision, p.year) == (start, end, precision, start.year)


def test_a_fiscal_year_is_an_interval_from_the_first_day_to_the_last():
    p = parse_period("2014-04/2015-03")
    assert (p.start, p.end, p.precision, p.months) == (date(2014, 4, 1), date(2015, 3, 31), "interval", 12)
    # named after the year it ends in, where the old end-month notation put it
    assert p.year == 2015


def test_an_interval_ending_in_february_of_a_leap_year_ends_on_the_29th():
    assert parse_period("2015-03/2016-02").end == date(2016, 2, 29)


@pytest.mark.parametrize("bad, why", [
    ("2015-03/2014-04", "ends before it starts"),
    ("2014-04/2015-04", "at most 12 months"),
    ("2014-00/2014-12", "real months"),
    ("2014-01/2014-13", "real months"),
])
def test_bad_intervals_are_rejected_saying_why(bad, why):
    with pytest.raises(ValueError, match=why):
        parse_period(bad)


def test_the_shared_regex_accepts_every_form_and_nothing_else():
    import re

    from chinadigital.dataset.periods import PERIOD_REGEX

    for ok in ["2015", "2018Q2", "2016-02", "2015-06-30", "2014-04/2015-03"]:
        assert re.match(PERIOD_REGEX, ok), ok
    for bad in ["2015/2016", "2014-04/2015", "2015Q1/2015Q2", "2015-06-30/2015-07"]:
        assert not re.match(PERIOD_REGEX, bad), bad


@pytest.mark.parametrize("bad", ["2015-13", "2015Q5", "15", "2015-02-30", "2015/06", "June 2015", ""])
def test_malformed_periods_are_rejected_with_the_accepted_forms(bad):
    with pytest.raises(ValueError, match="YYYY, YYYY-MM, YYYYQn, YYYY-MM-DD or YYYY-MM/YYYY-MM"):
        parse_period(bad)


def test_periods_of_mixed_precision_sort_by_start():
    texts = ["2018-12", "2018", "2018Q2", "2017-06-30"]
    assert [p.text for p in sorted(map(parse_period, texts))] == ["2017-06-30", "2018", "2018Q2", "2018-12"]
