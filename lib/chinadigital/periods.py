"""Periods as the data writes them (`2015`, `2015-06`, `2018Q2`, `2015-06-30`).

Parsed into a small value with start and end dates so periods of different
precision sort and filter together (a year window catches `2018Q2` and
`2018-12` alike) without ever pretending a year is a day.
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
]
PRECISIONS = tuple(name for name, _ in _PATTERNS)
# One regex for the whole vocabulary, shared with datapackage.json's pattern constraint.
PERIOD_REGEX = r"^\d{4}(Q[1-4]|-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    precision: str
    text: str

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def midpoint(self) -> date:
        return date.fromordinal((self.start.toordinal() + self.end.toordinal()) // 2)


def parse_period(text: str) -> Period:
    """Parse one period; raises ValueError naming the accepted forms."""
    s = str(text).strip()
    for precision, rx in _PATTERNS:
        m = rx.match(s)
        if not m:
            continue
        y = int(m.group(1))
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
        f"{text!r} is not a period: use YYYY, YYYY-MM, YYYYQn or YYYY-MM-DD with a real month and day"
    )
