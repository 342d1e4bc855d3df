from datetime import date

import pytest

from chinadigital.periods import parse_period


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


@pytest.mark.parametrize("bad", ["2015-13", "2015Q5", "15", "2015-02-30", "2015/06", "June 2015", ""])
def test_malformed_periods_are_rejected_with_the_accepted_forms(bad):
    with pytest.raises(ValueError, match="YYYY, YYYY-MM, YYYYQn or YYYY-MM-DD"):
        parse_period(bad)


def test_periods_of_mixed_precision_sort_by_start():
    texts = ["2018-12", "2018", "2018Q2", "2017-06-30"]
    assert [p.text for p in sorted(map(parse_period, texts))] == ["2017-06-30", "2018", "2018Q2", "2018-12"]
