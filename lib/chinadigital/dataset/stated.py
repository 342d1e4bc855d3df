"""Read a figure as its source writes it (`10.32亿`, `6억 4,900만 명`, `RMB 3,019 million`, `57.7%`).

Each observation keeps the figure in the source's own notation next to the
value stored in base units, so a reader can find it on the page and a
reviewer can tell "10.32亿" from a number someone rounded. This module turns
the stated form back into a base-unit value and a qualifier so the validator
can prove the two agree, instead of trusting whoever typed the value.

The stated form holds the number and its unit words only (never the sentence
around it): digits with optional commas and decimals; Chinese and Korean
myriad words (万/萬 10^4, 亿/億 10^8, 万亿 10^12; 만, 억, 조) with optional
십/백/천 or 十/百/千 in front ("38백억" = 38 x 100 x 10^8); English scale
words (thousand, million, billion, trillion, m, mn, mln, bn, bln); a percent sign;
currency words; a fiscal-year label ("FY2016", "2016财年"); a rank ("第3",
"3위", "No. 3"); and the words that make it a bound or an approximation.
"""

from __future__ import annotations

from ..errors import StatedFormError

import re
from decimal import Decimal
from typing import NamedTuple


class Stated(NamedTuple):
    """A stated figure read back: value in base units, qualifier, and the tolerance it allows.

    `step` is one unit in the stated form's last digit, in base units
    ("10.32亿" -> 1,000,000): a source that writes 10.32亿 vouches for the
    value to that digit and no further, so that is how far the stored value
    may be from it. `currency` is CNY, USD or KRW when the form names one.
    `word` is the source's own bound word that gave the qualifier ("이상",
    "超过", "nearly"), empty for an exact figure.
    """

    value: float
    qualifier: str
    step: float
    currency: str | None = None
    percent: bool = False
    word: str = ""


#: Every qualifier a row may carry: exact, the four bounds, an approximation, and "nearly"
#: (`~<`: close to the figure and just under it, as 近 / 육박 / "nearly" say).
QUALIFIERS = ("", ">", ">=", "<", "<=", "~", "~<")

#: The one mapping from a source's words to qualifiers, by language. A stated form's qualifier is
#: the one its words say, exactly: 이상 / 以上 / "at least" include the figure (`>=`), 초과 / 超过 /
#: "more than" exclude it (`>`). Words that say who measured a figure or how ("estimated", 추산,
#: 추정) are not bound words: that is the row's kind of statement, not its qualifier.
BOUND_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    ">=": {"en": ("at least", "or more", "and above", "or above", "no less than", "not less than"),
           "ko": ("이상",),
           "zh": ("以上", "不低于", "不少于", "至少")},
    ">": {"en": ("more than", "over", "above", "exceeding", "exceeded", "exceeds", "exceed", "in excess of",
                 "upwards of"),
          "ko": ("초과", "넘는", "넘어", "넘게", "넘겼", "넘긴", "넘었"),
          "zh": ("超过", "超", "逾", "多于", "高于", "突破")},
    "~": {"en": ("about", "approximately", "around", "roughly"),
          # -odd forms (2만여, 2万多, 1万余) and the "line" of a figure (380억 달러선) are approximations
          "ko": ("약", "가량", "정도", "안팎", "내외", "여", "선"),
          "zh": ("约", "大约", "约为", "左右", "上下", "多", "余")},
    "<=": {"en": ("up to", "at most", "no more than", "not more than", "or less", "or fewer"),
           "ko": ("이하", "최대"),
           "zh": ("以内", "以下", "不超过", "不高于", "最多", "至多")},
    "<": {"en": ("under", "less than", "below", "fewer than"),
          "ko": ("미만",),
          "zh": ("不到", "不足", "少于", "低于", "未满")},
    "~<": {"en": ("nearly", "almost", "close to", "approaching", "just under"),
           "ko": ("가까이", "육박", "거의"),
           "zh": ("将近", "近", "接近", "逼近")},
}

# Symbols a table or a headline may print instead of a word.
_BOUND_SYMBOLS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "≈": "~", "~": "~"}

# Korean suffixes that are bound words only at the end of a figure ("2만여 개", "380억 달러선"):
# elsewhere 여 and 선 are parts of other words (여기, 중국에선).
_KO_SUFFIX = {"여": r"여(?=\s*[명건개대곳가]|$|\s)", "선": r"선$"}


def _word_pattern(word: str) -> str:
    if word in _KO_SUFFIX:
        return _KO_SUFFIX[word]
    if word[0].isascii() and word[0].isalpha():
        return r"\b" + r"\s+".join(map(re.escape, word.split())) + r"\b"
    return re.escape(word)


def _bound_regex() -> re.Pattern:
    # Longest first, so one word is never read as a shorter one inside it
    # (不超过 is "up to", not 超过 "more than"; 将近 is one word; "more than" is not "more").
    entries = [(w, q) for q, by_lang in BOUND_WORDS.items() for words in by_lang.values() for w in words]
    entries += [(w, q) for w, q in _BOUND_SYMBOLS.items()]
    entries.sort(key=lambda e: -len(e[0]))
    alts = [_word_pattern(w) for w, _ in entries] + [r"\+$"]  # "10,000+" is ten thousand or more
    return re.compile("|".join(f"(?:{a})" for a in alts), re.IGNORECASE)


_BOUND_RX = _bound_regex()


def qualifier_of_word(word: str) -> str:
    """The qualifier one bound word or symbol stands for ("이상" -> ">=", "nearly" -> "~<"); KeyError if none."""
    w = " ".join(word.split()).lower()
    if w == "+":
        return ">="
    if w in _BOUND_SYMBOLS:
        return _BOUND_SYMBOLS[w]
    for q, by_lang in BOUND_WORDS.items():
        for words in by_lang.values():
            if w in (x.lower() for x in words):
                return q
    raise KeyError(word)


def words_for(qualifier: str, lang: str) -> tuple[str, ...]:
    """A source's words (in `lang`: en, ko, zh) for `qualifier`, as BOUND_WORDS lists them."""
    return BOUND_WORDS.get(qualifier, {}).get(lang, ())


def word_language(word: str) -> str | None:
    """Which language's list in BOUND_WORDS holds `word` (en, ko, zh); None for a symbol or an unknown word."""
    w = " ".join(word.split()).lower()
    for by_lang in BOUND_WORDS.values():
        for lang, words in by_lang.items():
            if w in (x.lower() for x in words):
                return lang
    return None


def bound_words(text: str) -> list[tuple[str, str]]:
    """Every bound word in a stated form, in order, with the qualifier it says."""
    return [(m.group(0), qualifier_of_word(m.group(0))) for m in _BOUND_RX.finditer(text)]


_CURRENCIES: list[tuple[str, str]] = [
    # dollars first: 美元 would otherwise read as 元 (yuan)
    # codes may touch the digits ("RMB490.5bn", "USD8bn"), as financial prose prints them
    ("USD", r"US\$|\bUSD(?![A-Za-z])|\$|\bdollars?\b|美元|달러"),
    ("KRW", r"\bKRW(?![A-Za-z])|\bwon\b|원"),
    ("CNY", r"\bRMB(?![A-Za-z])|\bCNY(?![A-Za-z])|\byuan\b|人民币|元|위안|یوآن"),
]

_FISCAL = re.compile(r"\bFY\s?'?\d{2,4}\b|\bfiscal(?: year)?\s+\d{4}\b|\d{4}\s*财年|\d{4}\s*財年|\d{4}\s*회계연도",
                     re.IGNORECASE)

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_MYRIAD = {"万亿": 10**12, "萬億": 10**12, "亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4,
           "조": 10**12, "억": 10**8, "만": 10**4}
_SMALL = {"십": 10, "백": 100, "천": 1000, "十": 10, "百": 100, "千": 1000}
_ENGLISH = {"thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
            "billion": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
            "بلین": 10**9}  # Urdu "billion" (one cited page reports CAICT in Urdu)

_GROUP = re.compile(
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<small>[십백천十百千])?\s*"
    r"(?P<myriad>万亿|萬億|亿|億|万|萬|조|억|만)?"
    r"(?:\s*(?P<english>thousand|million|billion|trillion|mln|bln|mn|bn|tn|k|m|b)s?\b|\s*(?P<urdu>بلین))?",
    re.IGNORECASE,
)


def parse_stated(text: str) -> Stated:
    """Read one stated figure; raise StatedFormError saying why when it cannot be read.

    >>> parse_stated("10.32亿")
    Stated(value=1032000000.0, qualifier='', step=1000000.0, currency=None, percent=False, word='')
    """
    if text is None or not str(text).strip():
        raise StatedFormError("the stated form is empty")
    s = " ".join(str(text).split())
    s = _FISCAL.sub(" ", s)
    # Korean won and jeon (1/100 won): "1,160원 40전" is 1160.40 won
    jm = re.search(r"([\d,]+)\s*원\s*(\d{1,2})\s*전", s)
    if jm:
        s = s.replace(jm.group(0), f"{jm.group(1)}.{int(jm.group(2)):02d}원")
    # broadcast scripts spell the thousands and the decimal point for the newsreader
    # (KBS World: "one-thousand-422-point-16" is 1,422.16)
    sm = re.search(r"\b(" + "|".join(_NUMBER_WORDS) + r")-thousand-(\d{1,3})(?:-point-(\d+))?\b", s, re.IGNORECASE)
    if sm:
        whole = _NUMBER_WORDS[sm.group(1).lower()] * 1000 + int(sm.group(2))
        s = s.replace(sm.group(0), f"{whole}.{sm.group(3)}" if sm.group(3) else str(whole))
    qualifier, word = "", ""
    for found, q in bound_words(s):
        if qualifier and qualifier != q:
            raise StatedFormError(f"{text!r} carries two different qualifiers "
                                  f"({word!r}: {qualifier} and {found!r}: {q})")
        qualifier, word = q, word or found
    s = _BOUND_RX.sub(" ", s)
    currency = None
    for code, pattern in _CURRENCIES:
        rx = re.compile(pattern, re.IGNORECASE)
        if rx.search(s):
            if currency and currency != code:
                raise StatedFormError(f"{text!r} names two currencies ({currency} and {code})")
            currency = code
            s = rx.sub(" ", s)
    # a rate quoted per 100 units ("645.88 per 100"), as some rate tables print it
    per_hundred = bool(re.search(r"\bper\s+100\b", s, re.IGNORECASE))
    s = re.sub(r"\bper\s+100\b", " ", s, flags=re.IGNORECASE)
    # a table cell under a header such as "(in millions of RMB)": the header carries the scale
    header_scale = 1
    hm = re.search(r"\(?\s*in\s+(thousand|million|billion)s\s+of\b[^)]*\)?", s, re.IGNORECASE)
    if hm:
        header_scale = _ENGLISH[hm.group(1).lower()]
        s = s[:hm.start()] + " " + s[hm.end():]
    percent = bool(re.search(r"%|percent|per cent|퍼센트|백분율|个百分点", s, re.IGNORECASE))
    s = re.sub(r"%|percent|per cent|퍼센트", " ", s, flags=re.IGNORECASE)
    frac = re.search(r"(\d+)\s*분의\s*(\d+)", s)
    if frac:
        # "4분의 1" (one quarter) is a share: 25 percent, exact as a fraction
        share = 100 * float(frac.group(2)) / float(frac.group(1))
        return Stated(share, qualifier, 1e-9, currency, True, word)
    rank = _rank(s)
    if rank is not None:
        return Stated(float(rank), qualifier, 1.0, currency, percent, word)
    groups = [m for m in _GROUP.finditer(s)]
    if not groups:
        # counts an English page spells out ("eight national computing hubs"): style guides
        # write numbers below ten as words, so a count copied as written has no digits
        # only a single word on its own: "six hundred and two" must not read as 6
        words = re.findall(r"\b(" + "|".join(_NUMBER_WORDS) + r"|hundred|thousand|million|billion|trillion|dozen)\b",
                           s, re.IGNORECASE)
        if len(words) == 1 and words[0].lower() in _NUMBER_WORDS:
            return Stated(float(_NUMBER_WORDS[words[0].lower()]), qualifier, 1.0, currency, percent, word)
        if words:
            raise StatedFormError(f"{text!r} spells a number in several words; copy the figure in digits "
                                  "where the source has them, or a single count word")
        raise StatedFormError(f"{text!r} has no number in it")
    total = Decimal(0)
    step = Decimal(1)
    last_scale = None
    for m in groups:
        num = m.group("num")
        if re.search(r",\d{1,2}(?!\d)|,\d{4,}", num):
            raise StatedFormError(f"{text!r}: {num!r} has commas in the wrong places")
        digits = num.replace(",", "")
        scale = 1
        if m.group("small"):
            scale *= _SMALL[m.group("small")]
        if m.group("myriad"):
            scale *= _MYRIAD[m.group("myriad")]
        if m.group("english"):
            if m.group("myriad") or m.group("small"):
                raise StatedFormError(f"{text!r} mixes English and Chinese/Korean scale words")
            scale *= _ENGLISH[m.group("english").lower()]
        if m.group("urdu"):
            scale *= _ENGLISH[m.group("urdu")]
        if last_scale is not None and scale >= last_scale:
            # "6억 4,900만" adds smaller groups to larger ones; anything else is two figures
            raise StatedFormError(f"{text!r} holds more than one figure")
        last_scale = scale
        total += Decimal(digits) * scale
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        step = Decimal(1).scaleb(-decimals) * scale
    rest = _GROUP.sub(" ", s)
    if re.search(r"\d", rest):
        raise StatedFormError(f"{text!r} has digits this reader does not understand")
    if per_hundred:
        total, step = total / 100, step / 100
    if header_scale != 1:
        if len(groups) != 1 or groups[0].group("english") or groups[0].group("myriad"):
            raise StatedFormError(f"{text!r} has a table-header scale and a scale word")
        total, step = total * header_scale, step * header_scale
    return Stated(float(total), qualifier, float(step), currency, percent, word)


def _rank(s: str) -> int | None:
    """A position in a ranking: 第3, 第三, 3위, 11位, No. 3, 3rd; None when the text is not a rank."""
    m = re.search(r"第\s*(\d+)|(\d+)\s*위|(\d+)\s*[位名]|No\.?\s*(\d+)|\b(\d+)(?:st|nd|rd|th)\b", s)
    if m:
        return int(next(g for g in m.groups() if g))
    m = re.search(r"第\s*([一二两三四五六七八九十]+)", s)
    if m:
        return _cjk_number(m.group(1))
    return None


def _cjk_number(word: str) -> int:
    """Chinese numerals up to 99 (第十三 -> 13), the range rankings use."""
    if "十" not in word:
        return _CJK_DIGITS[word]
    tens, _, ones = word.partition("十")
    return (_CJK_DIGITS[tens] if tens else 1) * 10 + (_CJK_DIGITS[ones] if ones else 0)


def agrees(stated: Stated, value: float, qualifier: str) -> bool:
    """True when a stored value and qualifier say what the stated form says: the same qualifier, exactly,
    and the value to its last digit."""
    if (qualifier or "") != stated.qualifier:
        return False
    return abs(float(value) - stated.value) <= stated.step * (1 + 1e-9)
