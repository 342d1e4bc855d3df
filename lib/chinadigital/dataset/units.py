"""Scaling and number formatting in English and Korean, and currency conversion.

Values are stored in base units (649000000 people); how they read is a
presentation choice made here, once, so every chart, table and key finding
says "649 million" / "6억 4,900만" the same way.
"""

from __future__ import annotations

import math

from .stated import QUALIFIERS  # noqa: F401  (one list of qualifiers: exact, bounds, "~" and "~<")

UNITS = ("persons", "count", "CNY", "USD", "KRW", "percent", "rank", "Tbps", "EFLOPS", "EB", "index")
CURRENCIES = ("CNY", "USD", "KRW")
LANGS = ("en", "ko")

_EN_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
_KO_UNITS = [(10**16, "경"), (10**12, "조"), (10**8, "억"), (10**4, "만")]


def _trim(x: float, digits: int) -> str:
    """Round to `digits` decimals, drop trailing zeros, keep thousands separators."""
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_number(value: float, lang: str = "en", digits: int = 4) -> str:
    """A bare magnitude the way a reader of `lang` says it.

    en: 649000000 -> "649 million", 1.07e15 -> "1,070 trillion", 4200 -> "4,200".
    ko: 649000000 -> "6억 4,900만", 9e12 -> "9조", 763.9e9 -> "7,639억".
    `digits` bounds the significant digits kept in English (4 keeps "763.9 billion").
    """
    _check_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if lang == "ko":
        from .korean import format_number_ko

        return format_number_ko(value)
    if value < 0:
        return "-" + format_number(-value, lang, digits)
    for scale, word in _EN_SCALES:
        if value >= scale:
            scaled = value / scale
            decimals = max(0, digits - len(str(int(scaled))))
            return f"{_trim(scaled + 1e-9, decimals)} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return _trim(value, 2)


def _format_ko(value: float) -> str:
    """Korean grouping by 10^4: the two largest non-zero units, each written with commas.

    Two units keep four significant figures at least (6억 4,900만), which is as
    precise as any source in this dataset is, and reads as Korean press does.
    """
    if value < 10**4:
        return _trim(value, 2) if value != int(value) else f"{int(value):,}"
    n = int(round(value))
    for i, (size, word) in enumerate(_KO_UNITS):
        if n >= size:
            top = n // size
            rest = n % size
            parts = [f"{top:,}{word}"]
            if i + 1 < len(_KO_UNITS):
                sub_size, sub_word = _KO_UNITS[i + 1]
                sub = int(round(rest / sub_size))
                if sub >= size // sub_size:  # rounding carried into the top unit
                    return _format_ko((top + 1) * size)
                if sub:
                    parts.append(f"{sub:,}{sub_word}")
            elif rest:  # below 만: the remainder is the last group
                parts.append(f"{rest:,}")
            return " ".join(parts)
    return f"{n:,}"  # unreachable: n >= 10**4 matches 만


_UNIT_WORDS = {
    "en": {"persons": ("", " people"), "count": ("", ""), "CNY": ("CNY ", ""), "USD": ("US$", ""),
           "KRW": ("KRW ", ""), "Tbps": ("", " Tbps"), "EFLOPS": ("", " EFLOPS"), "EB": ("", " EB"), "index": ("", "")},
    "ko": {"persons": ("", "명"), "count": ("", ""), "CNY": ("", " 위안"), "USD": ("", " 달러"),
           "KRW": ("", " 원"), "Tbps": ("", " Tbps"), "EFLOPS": ("", "엑사플롭스"),
           "EB": ("", "엑사바이트"), "index": ("", "")},
}
# One word per qualifier, before or after the value: the word the qualifier stands for (stated.BOUND_WORDS),
# so a reader of the page reads what the source wrote. Korean comes from korean.QUALIFIER_WORDS.
_QUALIFIER_WORDS = {
    "en": {"": ("", ""), ">": ("more than ", ""), ">=": ("at least ", ""), "<": ("under ", ""),
           "<=": ("up to ", ""), "~": ("about ", ""), "~<": ("nearly ", "")},
}
QUALIFIER_SYMBOLS = {"": "", ">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ ", "~": "~ ", "~<": "≲ "}


def format_value(value: float, unit: str, lang: str = "en", qualifier: str = "", *, approx: bool = False,
                 counter: str | None = None) -> str:
    """A value with its unit and bound, e.g. "more than 1 million", "6억 4,900만명", "100 Tbps 이상".

    One word per value: `qualifier` gives it (">=" "at least", ">" "more than", "<=" "up to", "<" "under",
    "~" "about", "~<" "nearly"); `approx` (a converted figure) adds "≈" / "약" to an exact figure only."""
    _check_lang(lang)
    if unit not in UNITS:
        raise ValueError(f"unit {unit!r} is not one of {', '.join(UNITS)}")
    qualifier = qualifier or ""
    if qualifier not in QUALIFIERS:
        raise ValueError(f"qualifier {qualifier!r} is not one of {QUALIFIERS}")
    if lang == "ko":
        from .korean import format_value_ko

        # A Korean count reads with its counter ("100만 대", "153건"); English needs none.
        return format_value_ko(value, counter if counter and unit in ("count", "persons") else unit, qualifier,
                               approx=approx)
    if unit == "percent":
        body = f"{_trim(value, 1)}%"
    elif unit == "rank":
        body = f"No. {int(value)}" if lang == "en" else f"{int(value)}위"
    else:
        pre, post = _UNIT_WORDS[lang][unit]
        number = format_number(value, lang)
        body = f"{pre}{number}{post}"
    q_pre, q_post = _QUALIFIER_WORDS[lang][qualifier]
    if approx and not qualifier:
        # converted: as precise as its source, no more. A bound or an approximation keeps its own word
        # alone: a value never carries two qualifier words.
        q_pre = "≈ "
    return f"{q_pre}{body}{q_post}"


def scale_for(values, lang: str = "en") -> tuple[float, str]:
    """One divisor and its label for an axis, chosen from the largest value plotted."""
    _check_lang(lang)
    top = max((abs(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))), default=0)
    if lang == "ko":
        for size, word in _KO_UNITS:
            if top >= size:
                return float(size), word
        return 1.0, ""
    for size, word in _EN_SCALES:
        if top >= size:
            return size, word
    return 1.0, ""


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang {lang!r} is not one of {', '.join(LANGS)}")


def round_sig(value: float, sig: int) -> float:
    """`value` rounded to `sig` significant digits (a converted amount is no more precise than its source)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == 0:
        return value
    digits = sig - int(math.floor(math.log10(abs(value)))) - 1
    return float(round(value, digits))


def significant_digits(stated: str = "", value: float | None = None) -> int:
    """How many significant digits a figure carries: from its stated form when the data record it
    ("10.32亿" has 4, "380 billion" 3), else from the stored value with trailing zeros dropped
    (1271000000 has 4)."""
    import re

    m = re.search(r"\d[\d,]*(?:\.\d+)?", stated or "")
    if m:
        digits = m.group(0).replace(",", "")
        if "." in digits:
            whole, frac = digits.split(".")
            return max(1, len((whole + frac).lstrip("0")))
        return max(1, len(digits.lstrip("0")))
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == 0:
        return 1
    text = f"{abs(float(value)):.15g}"
    mant = text.split("e")[0].replace(".", "").lstrip("0")
    if "e" not in text and "." not in text:
        mant = mant.rstrip("0")
    elif "." in text.split("e")[0]:
        mant = mant.rstrip("0")
    return max(1, len(mant.rstrip("0")) if "." not in text else len(mant))
