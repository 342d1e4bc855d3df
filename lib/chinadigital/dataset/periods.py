"""Periods as the data writes them (`2015`, `2015-06`, `2018Q2`, `2015-06-30`, `2014-04/2015-03`).

Parsed into a small value with start and end dates so periods of different
precision sort and filter together (a year window catches `2018Q2` and
`2018-12` alike) without ever pretending a year is a day.

An interval `YYYY-MM/YYYY-MM` (first month / last month, both included) is a
period that is not a calendar unit: a company's fiscal year (April to March)
or a multi-month span. Storing it as its end month (`2015-03`) used to make a
twelve-month total look like one month's value and sit beside monthly points.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERNS = [
    ("year", re.compile(r"^(\d{4})$")),
    ("quarter", re.compile(r"^(\d{4})Q([1-4])$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("interval", re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")),
]
PRECISIONS = tuple(name for name, _ in _PATTERNS)
# One regex for the whole vocabulary, shared with datapackage.json's pattern constraint.
PERIOD_REGEX = r"^\d{4}(Q[1-4]|-\d{2}(-\d{2}|/\d{4}-\d{2})?)?$"
# An interval longer than this is not one reporting period (a fiscal year is twelve months).
MAX_INTERVAL_MONTHS = 12


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    precision: str
    text: str

    @property
    def year(self) -> int:
        """The calendar year a period belongs to; an interval belongs to the year it ends in.

        Fiscal years are named after the year they end in (Alibaba's year to
        March 2015 is FY2015), and that is also where the old end-month
        notation placed them, so windows and charts keep their placement.
        """
        return self.end.year if self.precision == "interval" else self.start.year

    @property
    def months(self) -> int:
        """Calendar months the period spans (a day counts as its month)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def parse_period(text: str) -> Period:
    """Parse one period; raises ValueError naming the accepted forms."""
    s = str(text).strip()
    for precision, rx in _PATTERNS:
        m = rx.match(s)
        if not m:
            continue
        y = int(m.group(1))
        if precision == "interval":
            return _interval(s, y, int(m.group(2)), int(m.group(3)), int(m.group(4)))
        if precision == "year":
            return Period(date(y, 1, 1), date(y, 12, 31), precision, s)
        if precision == "quarter":
            q = int(m.group(2))
            m0 = 3 * (q - 1) + 1
            last = calendar.monthrange(y, m0 + 2)[1]
            return Period(date(y, m0, 1), date(y, m0 + 2, last), precision, s)
        if precision == "month":
            mo = int(m.group(2))
            if not 1 <= mo <= 12:
                break
            return Period(date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), precision, s)
        mo, d = int(m.group(2)), int(m.group(3))
        try:
            day = date(y, mo, d)
        except ValueError:
            break
        return Period(day, day, precision, s)
    raise ValueError(
        f"{text!r} is not a period: use YYYY, YYYY-MM, YYYYQn, YYYY-MM-DD or YYYY-MM/YYYY-MM "
        "with a real month and day"
    )


def _interval(text: str, y0: int, m0: int, y1: int, m1: int) -> Period:
    if not (1 <= m0 <= 12 and 1 <= m1 <= 12):
        raise ValueError(f"{text!r} is not a period: an interval YYYY-MM/YYYY-MM needs real months")
    span = (y1 - y0) * 12 + m1 - m0 + 1
    if span < 1:
        raise ValueError(f"{text!r} is not a period: the interval ends before it starts")
    if span > MAX_INTERVAL_MONTHS:
        raise ValueError(f"{text!r} is not a period: an interval may span at most "
                         f"{MAX_INTERVAL_MONTHS} months, this one spans {span}")
    return Period(date(y0, m0, 1), date(y1, m1, calendar.monthrange(y1, m1)[1]), "interval", text)
