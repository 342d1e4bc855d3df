"""Korean numbers the way a Korean economic daily prints them: grouped by 만/억/조/경, rounded to the
source's significant digits, with their counter, currency word and qualifier word (house rules 1-5 in
dataset/korean.py)."""

from __future__ import annotations

import math
import numbers
import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

#: Group words by power of 10^4: index k is 10^(4k).
UNIT_WORDS = ("", "만", "억", "조", "경")
_GROUP = 10**4
_CTX = Context(prec=80, rounding=ROUND_HALF_UP)


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral, Decimal)):
        return math.isnan(float(value))
    return isinstance(value, Decimal) and value.is_nan()


def _to_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise TypeError(f"a number is needed, not {value!r}")
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, numbers.Integral):
        d = Decimal(int(value))
    elif isinstance(value, numbers.Real):
        # repr() is the shortest decimal that round-trips: 0.1 stays 0.1, not 0.1000000000000000055
        d = Decimal(repr(float(value)))
    else:
        raise TypeError(f"a number is needed, not {value!r}")
    if not d.is_finite():
        raise ValueError(f"cannot write {value!r} as a Korean number")
    return d


def _round_sig(d: Decimal, sig: int) -> Decimal:
    if d == 0:
        return d
    with localcontext(_CTX):
        return d.quantize(Decimal(1).scaleb(d.adjusted() - sig + 1), rounding=ROUND_HALF_UP)


def _round_to(d: Decimal, exponent: int) -> Decimal:
    with localcontext(_CTX):
        return d.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def _group(d: Decimal) -> str:
    """Write a non-negative, already rounded Decimal in 만 groups."""
    text = format(d, "f")
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    n = int(whole)
    groups = []  # lowest first
    while n:
        n, g = divmod(n, _GROUP)
        groups.append(g)
    # the 경 group takes everything above it
    if len(groups) > len(UNIT_WORDS):
        top = 0
        for g in reversed(groups[len(UNIT_WORDS) - 1:]):
            top = top * _GROUP + g
        groups = groups[: len(UNIT_WORDS) - 1] + [top]
    parts = []
    for k in range(len(groups) - 1, 0, -1):
        if groups[k]:
            parts.append(f"{groups[k]:,}{UNIT_WORDS[k]}")
    units = groups[0] if groups else 0
    if units or frac or not parts:
        parts.append(f"{units:,}" + (f".{frac}" if frac else ""))
    return " ".join(parts)


def format_number_ko(value, sig: int | None = None) -> str:
    """A bare magnitude written the Korean way.

    649000000 -> "6억 4,900만"; 9e12 -> "9조"; 4200 -> "4,200"; 0.5 -> "0.5";
    93528665000000000 -> "9경 3,529조", and with sig=4 "9경 3,530조";
    440.952e12 with sig=2 -> "440조"; -649000000 -> "-6억 4,900만"; None/NaN -> "–".

    sig: significant digits of the source; the value is rounded to them (half up)
    before grouping, so nothing more precise than the source is printed. Without it,
    the top group and the one below it are kept, and plain numbers below 만 keep up
    to two decimals.
    """
    if _missing(value):
        return "–"
    if sig is not None and (isinstance(sig, bool) or not isinstance(sig, int) or sig < 1):
        raise ValueError(f"sig must be a whole number of at least 1, not {sig!r}")
    d = _to_decimal(value)
    negative = d < 0
    d = abs(d)
    if sig is not None:
        d = _round_sig(d, sig)
    elif d < _GROUP:
        d = _round_to(d, -2)
    if sig is None and d >= _GROUP:
        top = (len(str(int(d))) - 1) // 4  # index of the top group
        d = _round_to(d, 4 * (top - 1))
    if d == 0:
        return "0"
    return ("-" if negative else "") + _group(d)


def significant_digits(figure) -> int:
    """How many significant digits a source figure has, to pass on as ``sig``.

    "380" -> 2 (trailing zeros of a whole number are not significant: "about US$380
    billion"), "2.461" -> 4, "1.50" -> 3, "93,528.665" -> 8, "0.004" -> 1, 380e9 -> 2,
    "1.07e15" -> 3, 0 -> 1. A string keeps the zeros it was written with after a point.
    """
    if isinstance(figure, str):
        text = figure.strip().replace(",", "").lstrip("+-")
        try:
            d = Decimal(text)
        except ArithmeticError:
            raise ValueError(f"{figure!r} is not a number") from None
        if not d.is_finite():
            raise ValueError(f"{figure!r} is not a finite number")
        as_written = "." in text or "e" in text.lower()
    else:
        d = _to_decimal(figure)
        as_written = d != d.to_integral_value()
    if d == 0:
        return 1
    if as_written:  # every digit after the leading zeros counts, trailing zeros too
        digits = "".join(map(str, d.as_tuple().digits)).lstrip("0")
    else:  # a whole number: its trailing zeros are not significant
        digits = str(int(d.copy_abs())).rstrip("0")
    return max(1, len(digits))


#: Counters attached to bare digits, spaced after 만/억/조/경.
COUNTERS = ("명", "건", "개", "곳", "대", "개사", "종", "위")
#: Currency code -> Korean word; the word is always spaced from the number.
CURRENCY_WORDS = {"CNY": "위안", "USD": "달러", "KRW": "원", "JPY": "엔", "EUR": "유로"}
_LATIN_UNITS = ("Tbps", "Gbps", "Mbps", "GB", "TB", "PB", "EB", "MW", "GW", "kW", "kWh", "km")
#: units.py unit codes -> how each is written after a Korean number.
_UNIT_CODES = {
    "persons": "명",
    "count": "",
    "rank": "위",
    "percent": "%",
    "percentage_points": "%포인트",
    "pp": "%포인트",
    "%p": "%포인트",
    "퍼센트포인트": "%포인트",
    "EFLOPS": "엑사플롭스",  # computing power, 10^18 floating-point operations a second
    "EB": "엑사바이트",  # storage, 10^18 bytes
    **CURRENCY_WORDS,
}
#: Qualifier -> (before the number, after the value).
QUALIFIER_WORDS = {
    "": ("", ""),
    ">": ("", " 초과"),
    ">=": ("", " 이상"),
    "≥": ("", " 이상"),
    "<": ("", " 미만"),
    "<=": ("", " 이하"),
    "≤": ("", " 이하"),
    "~": ("약 ", ""),
    "≈": ("약 ", ""),
    "~<": ("", " 가까이"),  # "nearly": just under the figure (육박, 가까이)
}
_HANGUL_WORD = re.compile(r"[가-힣]+")


def _suffix(unit_or_counter: str) -> tuple[str, str]:
    """(kind, text): kind is 'counter', 'spaced', 'attached' or 'none'."""
    u = _UNIT_CODES.get(unit_or_counter, unit_or_counter)
    if u == "":
        return "none", ""
    if u in ("%", "%포인트"):
        return "attached", u
    if u in CURRENCY_WORDS.values() or u in _LATIN_UNITS:
        return "spaced", u
    if u in COUNTERS or _HANGUL_WORD.fullmatch(u):
        return "counter", u
    raise ValueError(
        f"unit or counter {unit_or_counter!r} is not known: use a unit code "
        f"({', '.join(_UNIT_CODES)}), a currency word, a Latin unit ({', '.join(_LATIN_UNITS)}) "
        f"or a Hangul counter ({', '.join(COUNTERS)})"
    )


def format_value_ko(value, unit_or_counter: str = "", qualifier: str = "", sig: int | None = None,
                    *, approx: bool = False) -> str:
    """A number with its counter or currency and its qualifier, in Korean press style.

    (217390000, "persons") -> "2억 1,739만 명"; (1e6, "대", ">=") -> "100만 대 이상";
    (4200, "명", ">") -> "4,200명 초과"; (153, "건") -> "153건"; (5, "rank") -> "5위";
    (4e10, "CNY", "~") -> "약 400억 위안"; (440.952e12, "KRW", sig=2) -> "440조 원";
    (57.7, "percent") -> "57.7%"; (3.2, "pp") -> "3.2%포인트"; (100, "Tbps") -> "100 Tbps".

    unit_or_counter: a unit code of units.py (persons, count, CNY, USD, KRW, percent,
    rank, Tbps; also percentage_points/pp), a currency word (원, 위안, 달러), a counter
    (명, 건, 개, 곳, 대, 개사, 종, 위 or any Hangul counter), or "" for none.
    qualifier: "", ">", ">=", "<", "<=", "~", "~<" (or ≥ ≤ ≈), written as a word only.
    approx: the figure is converted or estimated; an exact figure then reads "약 …"; a figure with a
    qualifier keeps its own word alone ("100만 대 이상", never "약 100만 대 이상").
    Percent and percentage points keep one decimal unless ``sig`` is given.
    """
    qualifier = qualifier or ""
    if qualifier not in QUALIFIER_WORDS:
        raise ValueError(f"qualifier {qualifier!r} is not one of {', '.join(repr(q) for q in QUALIFIER_WORDS)}")
    kind, word = _suffix(unit_or_counter)
    if _missing(value):
        return "–"
    if kind == "attached" and sig is None:  # percent: one decimal, as the sources give it
        number = format_number_ko(_round_to(_to_decimal(value), -1))
    else:
        number = format_number_ko(value, sig)
    if kind == "none":
        body = number
    elif kind == "attached":
        body = number + word
    elif kind == "spaced" or number[-1] in UNIT_WORDS[1:]:
        body = f"{number} {word}"
    else:
        body = number + word
    before, after = QUALIFIER_WORDS[qualifier]
    if approx and not qualifier:
        # a converted exact figure reads "약 …"; a converted bound keeps its bound word alone
        # (never "약 … 초과": one qualifier word per value)
        before = "약 "
    return f"{before}{body}{after}"
