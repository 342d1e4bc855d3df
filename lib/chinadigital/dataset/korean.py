"""Korean numbers, counters and particles the way a Korean economic daily prints them.

Pure functions, no dependencies beyond the standard library. Three jobs:

* ``format_number_ko`` / ``format_value_ko``: numbers grouped by 만/억/조/경 with a
  comma inside each group and a space between groups ("6억 4,900만", "9경 3,530조"),
  with their counter or currency and qualifier ("2억 1,739만 명", "약 400억 위안").
* ``particle`` / ``with_particle``: 이/가, 은/는, 을/를, 과/와, (으)로, 이었/였 ... chosen by
  the final sound of the text *as read aloud*, so "14조 2,476억 원" + 이었/였 gives
  "원이었", "2위" gives "2위였", "10%" (십 퍼센트) gives "10%가".
* ``final_consonant``: that final sound, for anyone who needs it directly.
* ``problems_ko``: finds breaches of these rules in rendered Korean text (a counter glued
  to 만/억/조/경, a qualifier symbol, a copula or (으)로 that does not fit the sound), for
  tests that scan whole pages.

House rules (why they are what they are)
----------------------------------------
1. **Grouping by 만 (10^4).** Korean readers count in 만/억/조/경, not in thousands; each
   group keeps its thousands separator and groups are separated by a space (한글 맞춤법
   제44항): 649000000 -> "6억 4,900만". Empty groups are skipped ("10억 5만"). Above 경
   the 경 group simply grows ("12,000경"); no 해.
2. **No false precision.** ``sig`` rounds the value to that many significant digits
   (half up, as 반올림) *before* grouping, so a converted "about US$380 billion" read
   from a 2-significant-figure source prints "440조", never "440조 9,520억". Rounding
   carries across groups (99,995,000 at sig=4 -> "1억"). Without ``sig`` the top group
   and the group right below it are kept (today's behaviour: "6억 4,900만",
   "9경 3,529조"); plain numbers below 만 keep up to two decimals. Trailing zeros after
   a decimal point are dropped.
3. **Counters** (명, 건, 개, 곳, 대, 개사, 종, 위, and any other Hangul counter): attached
   to bare digits ("153건", "4,200명", "5위", "1만 2,345명") but separated by a space
   after a unit word 만/억/조/경 ("5억 명", "100만 대", "2억 1,739만 명"), as the press
   writes it (맞춤법 제43항: a unit noun is spaced, but may be attached to Arabic digits).
4. **Currencies as words, always spaced**: "9조 위안", "440조 원", "3억 달러", "4,200 원";
   never "KRW"/"USD"/"CNY" on a Korean page. Latin unit symbols are spaced too
   ("100 Tbps"). Percent is attached ("57.7%"); percentage points are "3.2%포인트".
5. **Qualifiers as words only**, never a symbol and a word together: ">" -> "… 초과",
   ">=" -> "… 이상", "<" -> "… 미만", "<=" -> "… 이하", "~" -> "약 …", "~<" -> "… 가까이".
   A converted exact figure (``approx=True``) is "약 …" too, because "≈" is not Korean prose;
   a converted bound keeps its bound word alone: one qualifier word per value, never "약 … 초과".
6. **Particles from the sound, not the spelling.** Korean readers read digits in Korean
   (2 이, 3 삼, 10 십, 100 백, 1000 천, 10000 만; decimals digit by digit: 57.7 -> 칠),
   symbols by name (% 퍼센트, ‰ 퍼밀, + 플러스), acronyms letter by letter (GDP 지디피,
   CNNIC 씨엔엔아이씨, QR 큐알, IDC 아이디씨) and known names and units through
   ``LATIN_READINGS`` (Tbps 티비피에스, PBoC 피비오씨). Closing brackets are skipped
   together with what they enclose ("텐센트(腾讯)" is read "텐센트"; a citation "[3]" is
   not read), closing quotes and full stops alone. (으)로 takes 로 after ㄹ ("1로",
   "서울로"). Text whose ending cannot be read (e.g. Chinese characters only) raises
   ValueError instead of guessing; pass ``reading=`` to say how it is read.
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

__all__ = [
    "COUNTERS",
    "CURRENCY_WORDS",
    "LATIN_READINGS",
    "PAIRS",
    "QUALIFIER_WORDS",
    "UNIT_WORDS",
    "GLOSSARY_VARIANTS",
    "final_consonant",
    "glossary_problems",
    "format_number_ko",
    "format_value_ko",
    "particle",
    "problems_ko",
    "significant_digits",
    "with_particle",
]

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


# ---------------------------------------------------------------------------
# Particles
# ---------------------------------------------------------------------------

_JONG = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
         "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")

#: Particle pairs: canonical name -> (after a final consonant, after a vowel).
#: The (으)로 family also takes the vowel form after ㄹ.
PAIRS = {
    "이/가": ("이", "가"),
    "은/는": ("은", "는"),
    "을/를": ("을", "를"),
    "과/와": ("과", "와"),
    "아/야": ("아", "야"),
    "으로/로": ("으로", "로"),
    "으로서/로서": ("으로서", "로서"),
    "으로써/로써": ("으로써", "로써"),
    "이었/였": ("이었", "였"),
    "이다/다": ("이다", "다"),
    "이에요/예요": ("이에요", "예요"),
    "이며/며": ("이며", "며"),
    "이고/고": ("이고", "고"),
    "이나/나": ("이나", "나"),
    "이라/라": ("이라", "라"),
    "이라고/라고": ("이라고", "라고"),
    "이랑/랑": ("이랑", "랑"),
    "이든/든": ("이든", "든"),
}
_RIEUL_TAKES_VOWEL_FORM = {"으로/로", "으로서/로서", "으로써/로써"}
_ALIASES = {}
for _name, (_c, _v) in PAIRS.items():
    _ALIASES[_name] = _name
    _ALIASES[f"{_v}/{_c}"] = _name  # "가/이", "와/과"
    if _c[1:] == _v:  # "(으)로", "(이)나" style
        _ALIASES[f"({_c[0]}){_v}"] = _name
_ALIASES.update({"(이)었": "이었/였", "(이)였": "이었/였", "(이)에요": "이에요/예요", "(이)예요": "이에요/예요"})

_DIGITS = ("영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구")
_SMALL_PLACES = ("", "십", "백", "천")

#: Symbols at the end of a text and how they are read (longest first).
_SYMBOLS = (
    ("%포인트", "퍼센트포인트"),
    ("%p", "퍼센트포인트"),
    ("%P", "퍼센트포인트"),
    ("°C", "도"),
    ("℃", "도"),
    ("°", "도"),
    ("%", "퍼센트"),
    ("％", "퍼센트"),
    ("‰", "퍼밀"),
    ("+", "플러스"),
    ("&", "앤드"),
    ("$", "달러"),
    ("€", "유로"),
    ("£", "파운드"),
    ("¥", "위안"),
    ("₩", "원"),
)

#: How Latin words, names and units are read in Korean (keys lower case). Acronyms
#: in capitals that are not listed are read letter by letter (``_LETTERS``).
LATIN_READINGS = {
    # abbreviations and units in this project's data
    "gdp": "지디피", "cnnic": "씨엔엔아이씨", "qr": "큐알", "idc": "아이디씨", "pboc": "피비오씨",
    "tbps": "티비피에스", "gbps": "지비피에스", "mbps": "엠비피에스", "bps": "비피에스",
    "iot": "아이오티", "saas": "사스", "iaas": "이아스", "paas": "파스", "ai": "에이아이",
    "gb": "기가바이트", "tb": "테라바이트", "pb": "페타바이트", "eb": "엑사바이트", "mb": "메가바이트",
    "mw": "메가와트", "gw": "기가와트", "kw": "킬로와트", "kwh": "킬로와트시", "km": "킬로미터",
    "kg": "킬로그램", "ghz": "기가헤르츠", "nasdaq": "나스닥", "wifi": "와이파이",
    # names
    "wechat": "위챗", "alipay": "알리페이", "alibaba": "알리바바", "aliyun": "알리윈", "tencent": "텐센트",
    "huawei": "화웨이", "baidu": "바이두", "didi": "디디", "taobao": "타오바오", "tmall": "티몰",
    "canalys": "카날리스", "statista": "스태티스타", "reuters": "로이터", "xinhua": "신화",
    "bloomberg": "블룸버그", "mckinsey": "매킨지", "caict": "카익트", "hangzhou": "항저우",
    "shanghai": "상하이", "beijing": "베이징", "shenzhen": "선전", "lumpur": "룸푸르",
    "brain": "브레인", "city": "시티", "cloud": "클라우드", "pay": "페이", "group": "그룹",
    "app": "앱", "ant": "앤트", "commerce": "커머스", "online": "온라인", "internet": "인터넷",
}
_LETTERS = {
    "A": "에이", "B": "비", "C": "씨", "D": "디", "E": "이", "F": "에프", "G": "지", "H": "에이치",
    "I": "아이", "J": "제이", "K": "케이", "L": "엘", "M": "엠", "N": "엔", "O": "오", "P": "피",
    "Q": "큐", "R": "알", "S": "에스", "T": "티", "U": "유", "V": "브이", "W": "더블유", "X": "엑스",
    "Y": "와이", "Z": "지",
}

_CLOSERS = {")": "(", "]": "[", "}": "{", "）": "（", "］": "［", "】": "【", "〕": "〔"}
_DROP = set(" \t\n\u00a0\"'”’」』》〉».,!?;:·…") | {"\u200b"}
_NUMBER_TAIL = re.compile(r"(\d[\d,]*)(?:\.(\d+))?$")
_LATIN_TAIL = re.compile(r"[A-Za-z]+$")


def _hangul_final(ch: str) -> str:
    return _JONG[(ord(ch) - 0xAC00) % 28]


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _strip_tail(text: str) -> str:
    """Drop what is not read at the end: spaces, quotes, full stops, bracketed asides."""
    t = text
    while t:
        c = t[-1]
        if c in _DROP:
            t = t[:-1]
            continue
        if c in _CLOSERS:
            opener, depth, i = _CLOSERS[c], 0, len(t) - 1
            while i >= 0:
                if t[i] == c:
                    depth += 1
                elif t[i] == opener:
                    depth -= 1
                    if depth == 0:
                        break
                i -= 1
            if i < 0:  # unmatched: drop the bracket only
                t = t[:-1]
            elif t[:i].strip():  # "텐센트(腾讯)": read the word before the aside
                t = t[:i]
            else:  # the whole text is bracketed: read what is inside
                t = t[i + 1 : -1]
            continue
        break
    return t


def _number_final(whole: str, frac: str | None) -> str:
    if frac:
        return _hangul_final(_DIGITS[int(frac[-1])][-1])
    digits = whole.replace(",", "")
    stripped = digits.rstrip("0")
    if not stripped:
        return _hangul_final("영")
    zeros = len(digits) - len(stripped)
    if zeros == 0:
        word = _DIGITS[int(digits[-1])]
    elif zeros < 4:
        word = _SMALL_PLACES[zeros]
    elif zeros // 4 < len(UNIT_WORDS):
        word = UNIT_WORDS[zeros // 4]
    else:
        raise ValueError(f"cannot read {whole!r} in Korean (beyond 경)")
    return _hangul_final(word[-1])


def _english_final(word: str) -> str | None:
    """A rough rule for a Latin word read as an English word, transcribed by 외래어 표기법."""
    w = word.lower()
    vowels = "aeiou"
    if w.endswith(("ll", "l", "le")):
        return "ㄹ"  # Global 글로벌, Google 구글
    if w.endswith(("m", "me")):
        return "ㅁ"  # Platform 플랫폼
    if w.endswith("ng"):
        return "ㅇ"  # Beijing 베이징 is listed; Ping 핑
    if w.endswith(("n", "ne")):
        return "ㄴ"  # Amazon 아마존, Phone 폰
    if w.endswith("ck") or (w.endswith("k") and len(w) > 1 and w[-2] in vowels):
        return "ㄱ"  # TikTok 틱톡, Facebook 페이스북
    if w.endswith(("p", "t")) and len(w) > 1 and w[-2] in vowels and (len(w) < 3 or w[-3] not in vowels):
        return "ㅂ" if w.endswith("p") else "ㅅ"  # Shop 숍, Chat 챗
    return ""  # -d 드, -t 트, -s 스, -r, vowels ...: a vowel in Korean


def final_consonant(text: str, reading: str | None = None) -> str:
    """The final consonant (받침) of `text` as read aloud in Korean, "" after a vowel.

    "원" -> "ㄴ"; "2위" -> ""; "10" (십) -> "ㅂ"; "2" (이) -> ""; "57.7" (칠) -> "ㄹ";
    "10%" (퍼센트) -> ""; "GDP" (지디피) -> ""; "QR" (큐알) -> "ㄹ"; "텐센트(腾讯)" -> "".
    reading: how the text is read, when the text itself cannot tell (e.g. "腾讯" -> "텐센트").
    Raises ValueError when the ending cannot be read (Chinese characters, emoji, empty).
    """
    if reading is not None:
        return final_consonant(reading)
    t = _strip_tail(text or "")
    if not t:
        raise ValueError(f"nothing to read at the end of {text!r}")
    last = t[-1]
    if _is_hangul(last):
        return _hangul_final(last)
    for symbol, read in _SYMBOLS:
        if t.endswith(symbol):
            return _hangul_final(read[-1])
    m = _NUMBER_TAIL.search(t)
    if m:
        return _number_final(m.group(1), m.group(2))
    m = _LATIN_TAIL.search(t)
    if m:
        word = m.group(0)
        # look the last word up, also with a name before it ("City Brain" has "brain")
        known = LATIN_READINGS.get(word.lower())
        if known:
            return _hangul_final(known[-1])
        if word.isupper() or (len(word) == 1):
            return _hangul_final(_LETTERS[word[-1].upper()][-1])
        return _english_final(word)
    raise ValueError(
        f"cannot tell how {text!r} ends when read in Korean; pass reading= (e.g. reading='텐센트')"
    )


def particle(text: str, pair: str, reading: str | None = None) -> str:
    """The form of the particle `pair` that follows `text`, by its final sound.

    ("원", "이었/였") -> "이었"; ("2위", "이었/였") -> "였"; ("10", "이/가") -> "이" (십);
    ("2", "이/가") -> "가" (이); ("서울", "으로/로") -> "로"; ("3", "(으)로") -> "으로";
    ("GDP", "은/는") -> "는"; ("QR", "을/를") -> "을"; ("텐센트(腾讯)", "과/와") -> "와".
    pair: one of PAIRS ("이/가", "은/는", "을/를", "과/와", "으로/로", "이었/였", "이다/다",
    "이에요/예요", "이나/나", "이라/라", ...), in either order, or written "(으)로", "(이)었".
    """
    name = _ALIASES.get(pair)
    if name is None:
        raise ValueError(f"particle pair {pair!r} is not one of {', '.join(PAIRS)}")
    after_consonant, after_vowel = PAIRS[name]
    final = final_consonant(text, reading)
    if not final or (final == "ㄹ" and name in _RIEUL_TAKES_VOWEL_FORM):
        return after_vowel
    return after_consonant


def with_particle(text: str, pair: str, reading: str | None = None) -> str:
    """`text` followed by the right particle: ("14조 2,476억 원", "이었/였") -> "14조 2,476억 원이었"."""
    return text + particle(text, pair, reading)


# ---------------------------------------------------------------------------
# Checking rendered text
# ---------------------------------------------------------------------------

_COUNTER_WORDS = "개사|" + "|".join(c for c in COUNTERS if c != "개사") + "|" + "|".join(CURRENCY_WORDS.values())
_GLUED = re.compile(rf"(\d[\d,.]*[만억조경])({_COUNTER_WORDS})")
_SYMBOL_QUALIFIER = re.compile(r"[<>≥≤≈]=?\s?\d[\d,.]*[만억조경]?|[~≈]\s?약\s?\d?|약\s?[~≈]")
# a number with its unit word and counter, an optional qualifier word and aside, then the particle
_NUMBER_VALUE = (rf"\d[\d,.]*(?:[만억조경])?(?:\s?(?:%포인트|%|{_COUNTER_WORDS}))?"
                 r"(?:\s(?:초과|이상|미만|이하|가까이))?(?:\([^()]*\))?")
# "약" before a number that a bound word follows: two qualifier words on one value ("약 9조 위안 초과")
_TWO_QUALIFIERS = re.compile(rf"약\s?\d[\d,.]*(?:[만억조경])?(?:\s?\d[\d,.]*[만억조경])*"
                             rf"(?:\s?(?:%포인트|%|{_COUNTER_WORDS}))?\s(?:초과|이상|미만|이하|가까이)")
_AFTER_NUMBER = re.compile(rf"({_NUMBER_VALUE})(이었|였|으로|로)(?=[\s.,!?)]|습니다|다|고|으며|지만|는데|$)")


def problems_ko(text: str) -> list[str]:
    """Breaches of the house rules in rendered Korean text, each as a short message.

    Finds a counter or currency glued to 만/억/조/경 ("5억명", "100만대", "3조원"), a
    qualifier symbol ("≥ 100만", "~ 약 400억", "> 4,200명 초과"), two qualifier words on one
    value ("약 9조 위안 초과") and a copula 이었/였 or
    (으)로 after a number that does not fit its final sound ("원였습니다", "2위이었다",
    "10로"). Returns [] for clean text. Meant for tests that scan every Korean page.
    """
    found = []
    for m in _GLUED.finditer(text):
        found.append(f"counter glued to its unit word: {m.group(0)!r} (write {m.group(1)} {m.group(2)})")
    for m in _SYMBOL_QUALIFIER.finditer(text):
        found.append(f"qualifier as a symbol: {m.group(0)!r} (write 초과/이상/미만/이하/가까이/약 only)")
    for m in _TWO_QUALIFIERS.finditer(text):
        found.append(f"two qualifier words on one value: {m.group(0)!r} (keep the bound word, drop 약)")
    for m in _AFTER_NUMBER.finditer(text):
        value, used = m.group(1), m.group(2)
        pair = "이었/였" if used in ("이었", "였") else "으로/로"
        try:
            right = particle(value, pair)
        except ValueError:
            continue
        if right != used:
            found.append(f"particle does not fit the sound: {value + used!r} (write {value + right})")
    return found


# ---------------------------------------------------------------------------
# Glossary: one Korean form per term
# ---------------------------------------------------------------------------

#: Variants a Korean page must not use -> the glossary form (locales/ko.toml [glossary]) to write instead.
GLOSSARY_VARIANTS = {
    r"인터넷\s?\+|인터넷플러스": "인터넷 플러스",
    r"컨퍼런스": "콘퍼런스",
    r"윈치\s?대회|윈치\s?컴퓨팅\s?콘퍼런스": "윈치 콘퍼런스",
    r"알리바바\s클라우드": "알리바바클라우드",
    r"알리윈": "알리바바클라우드",
    r"텐센트\s클라우드": "텐센트클라우드",
    r"위챗\s페이": "위챗페이",
    r"시티\s브레인": "시티브레인",
    r"웨이신·위챗|위챗·웨이신|웨이신과\s위챗": "위챗",
    # one name for the State Council's 2022 plan (十四五数字经济发展规划); the national 14th Five-Year Plan
    # itself stays 제14차 5개년 계획
    r"제?14차\s?(?:디지털\s?경제\s?5개년|5개년\s?디지털\s?경제)\s?(?:발전\s?)?계획(?!\(十)": "디지털 경제 발전 계획",
    r"디지털경제\s?발전\s?계획|디지털\s?경제\s?발전계획|디지털\s?경제\s?계획": "디지털 경제 발전 계획",
    r"주택도농건설부|주택건설부": "주택도시농촌건설부",
}
#: Terms written out at their first mention on a page, then short: short form -> first mention.
FIRST_MENTIONS = {
    "위챗": "위챗(웨이신)",
    "CNNIC": "중국인터넷네트워크정보센터(CNNIC)",
    "디지털 경제 발전 계획": "제14차 5개년 디지털 경제 발전 계획(十四五數字經濟發展規劃)",
}


def glossary_problems(texts, first_mentions: bool = True) -> list[str]:
    """Non-glossary variants in the texts of one page (given in page order), each as a short message.

    Flags every variant of GLOSSARY_VARIANTS ("웨이신·위챗", "인터넷+", "컨퍼런스", "알리바바 클라우드" ...),
    a term of FIRST_MENTIONS whose first mention is not written out ("CNNIC" before
    "중국인터넷네트워크정보센터(CNNIC)"; "위챗" before "위챗(웨이신)"), a written-out form used twice,
    and "웨이신" anywhere but in "위챗(웨이신)". first_mentions=False checks the variants only (for strings
    that are not a whole page: a data title, a catalogue string).
    """
    if isinstance(texts, str):
        texts = [texts]
    page = "\x00".join(texts)  # a separator no pattern crosses: two labels side by side are not one phrase
    found = []
    for pattern, right in GLOSSARY_VARIANTS.items():
        for m in re.finditer(pattern, page):
            found.append(f"glossary: {m.group(0)!r} (write {right})")
    for short, first in FIRST_MENTIONS.items() if first_mentions else ():
        uses = [m.start() for m in re.finditer(re.escape(short), page)]
        full = [m.start() for m in re.finditer(re.escape(first), page)]
        if not uses:
            continue
        offset = first.index(short)
        if not full or uses[0] != full[0] + offset:
            found.append(f"glossary: the first mention of {short} is not written out as {first}")
        if len(full) > 1:
            found.append(f"glossary: {first} written out {len(full)} times (then {short} alone)")
    for m in re.finditer("웨이신", page):
        if first_mentions and not page[: m.end() + 1].endswith("위챗(웨이신)"):
            found.append("glossary: '웨이신' outside 위챗(웨이신) (write 위챗)")
    return found


# ---------------------------------------------------------------------------
# Chinese characters as Korean papers print them: traditional forms (正字)
# ---------------------------------------------------------------------------

#: Simplified -> traditional for the characters of the data's Chinese names (entities.csv name_zh) and the
#: glossary; a Korean page shows 騰訊, 濟南, 哈爾濱 as a Korean paper would, never 腾讯, 济南, 哈尔滨.
TRADITIONAL = dict(zip(
    "为亚会兰兴动华协团国宁宝尔岛广庄庆来汉济滨电腾苏蚁蚂观讯贵软连逊银长阳韩马财学经联规划数发东门义云网",
    "爲亞會蘭興動華協團國寧寶爾島廣莊慶來漢濟濱電騰蘇蟻螞觀訊貴軟連遜銀長陽韓馬財學經聯規劃數發東門義雲網"))
#: 沈 in a city name is 瀋 (沈阳 -> 瀋陽); as a surname it stays 沈.
_TRADITIONAL_WORDS = {"沈阳": "瀋陽"}


def traditional(text: str) -> str:
    """`text` with simplified characters in their traditional forms: "腾讯" -> "騰訊", "沈阳" -> "瀋陽"."""
    for a, b in _TRADITIONAL_WORDS.items():
        text = text.replace(a, b)
    return "".join(TRADITIONAL.get(ch, ch) for ch in text)


def simplified_problems(text: str) -> list[str]:
    """Simplified characters a Korean page should print in their traditional form."""
    return [f"simplified Chinese {m.group(0)!r} (write {traditional(m.group(0))})"
            for m in re.finditer(r"[\u3400-\u9fff]+", text) if traditional(m.group(0)) != m.group(0)]


# ---------------------------------------------------------------------------
# An economics desk's rules over every Korean text a reader meets (issue 23)
# ---------------------------------------------------------------------------

#: Software and template words that never reach a reader -> what to write instead.
READER_BANNED = {
    r"라이브러리": "이 보고서가 / 제작 도구",
    r"계열(?!사)": "구분 / 항목 / 선",
    r"(?<![가-힣])행(?:으로|을|이|에|마다|과)?(?![가-힣])": "표의 한 줄 (or say what it holds)",
    r"데이터에만\s?남겼": "차트에 넣지 않았습니다",
    r"(?<![가-힣])이\s도시": "the city's name",
    r"한\s조사(?:업체|기관)": "the firm's name",
    r"한\s추정(?:에서|으로)": "who estimated it",
    r"규정과\s함께\s읽을": "견줘 볼",
    r"데이터\s?프레임|데이터셋|스펙|필드|레코드": "plain words",
}
#: 해요체 and 해라체 endings in reader text; the suite writes 합니다체 throughout, questions included.
_REGISTER = re.compile(r"[가-힣](?:나요|가요|까요|죠|에요|예요|어요|아요|해요|네요|래요|대요)(?=[?.!]|\s|$)"
                       r"|(?<![니])(?:다|냐|니|자|라)\?(?=\s|$)"
                       r"|[가-힣](?<!니)다\.(?=\s|$)")
#: A bound word used as a predicate where a verb reads naturally ("25% 초과였습니다" -> "25%를 넘었습니다").
_BOUND_PREDICATE = re.compile(r"(?:초과|미만)(?:였|이었|입니다|이며|이고|로\s|으로\s)")
#: 1천억, 5천만: the suite writes 1,000억, 5,000만.
_CHEON = re.compile(r"\d천\s?[만억조]")
#: a plus sign before a number in prose ("+12%"): the desk writes "12% 늘었습니다" / "12% 증가".
_PLUS = re.compile(r"(?<![\w)])\+\s?\d")
#: percentages of growth above 100% that a desk writes in 배 ("245% 증가" -> "3.5배로").
_BIG_GROWTH = re.compile(r"(?<![\d.,])(?:[1-9]\d{2,}|[1-9],\d{3})(?:\.\d+)?%\s?(?:증가|늘|성장|급증)")
#: ranges with an en dash or hyphen between periods, and a range of one period.
_DASH_RANGE = re.compile(r"\d{4}년?(?:\s?\d{1,2}월|\s?\d분기)?\s?[–—-]\s?\d{4}년")
_SAME_RANGE = re.compile(r"(?<!\d)(\d{4})년?\s?[-–~]\s?\1년(?!\s?\d)")
#: rank extremes written as quantities ("최저 5위에서 최고 57위" inverts the meaning of rank).
_RANK_MINMAX = re.compile(r"최저\s?\d+위|최고\s?\d+위|\d+위에서\s최고")
#: one counter per indicator: the suite counts cities in 곳 ("도시 45곳"), never also "45개 도시".
_CITIES_IN_GAE = re.compile(r"\d[\d,]*개\s?도시")
#: a particle on a citation bracket or on a Latin word in lower case ("[89]을", "(citing Bank of Korea)을").
_BRACKET_PARTICLE = re.compile(r"\[\d+\](?:[–,]\s?\[\d+\])*(?:을|를|이|가|은|는|과|와|의|로|으로|에서|에)(?=[\s.,]|$)")
_LATIN_PARTICLE = re.compile(r"[a-z][A-Za-z.]*\)?(?:을|를|이|가|은|는|과|와)(?=[\s.,]|$)")
#: an ISO date a reader meets ("2016-01-20"): write 2016년 1월 20일.
_ISO_DATE = re.compile(r"(?<![\w/.-])\d{4}-\d{2}(?:-\d{2})?(?![\w/.-])")


def desk_problems(text: str) -> list[str]:
    """Breaches of the desk's rules (issue 23) in one Korean text a reader meets, each as a short message.

    Rule 1: a bound word as a predicate ("25% 초과였습니다"; write "25%를 넘었습니다").
    Rule 2: a 해요체/해라체 ending ("몇 곳인가요?", "늘었다."), a software or template word (READER_BANNED).
    Rule 5: "1천억" (write 1,000억), a "+" before a number, growth above 100% in percent.
    Rule 6: a period range with a dash ("2015년–2019년") or of one period ("2019-2019"), ranks as 최저/최고.
    Rule 7: a particle on a citation bracket ("[89]을") or on a Latin name ("Korea)을").
    Also an ISO date ("2016-01-20"). Clean text gives [].
    """
    found = []
    for pattern, right in READER_BANNED.items():
        for m in re.finditer(pattern, text):
            found.append(f"software or template word {m.group(0)!r} (write {right})")
    for m in _REGISTER.finditer(text):
        found.append(f"not 합니다체: {text[max(0, m.start() - 12):m.end()]!r}")
    for m in _BOUND_PREDICATE.finditer(text):
        found.append(f"bound word as a predicate: {text[max(0, m.start() - 10):m.end()]!r} (write '…을 넘었습니다')")
    for rx, what in ((_CHEON, "write 1,000억 style"), (_PLUS, "a plus sign in prose"),
                     (_BIG_GROWTH, "growth above 100% reads in 배"), (_DASH_RANGE, "a range reads 2015~2019년"),
                     (_SAME_RANGE, "a range of one period"), (_RANK_MINMAX, "ranks by meaning, not 최저/최고"),
                     (_CITIES_IN_GAE, "cities are counted in 곳 throughout (도시 45곳)"),
                     (_BRACKET_PARTICLE, "a particle on a citation bracket"),
                     (_LATIN_PARTICLE, "a particle on a Latin name"), (_ISO_DATE, "an ISO date")):
        for m in rx.finditer(text):
            found.append(f"{what}: {m.group(0)!r}")
    return found


#: Unit and counter words that alone are not an axis title ("개", "곳", "조 원", "%"): an axis names its measure.
_BARE_AXIS = re.compile(r"\(?(?:[만억조경]\s?)?(?:명|건|개|곳|대|개사|종|위|원|위안|달러|엔|유로|%|%포인트|순위|Tbps|"
                        r"엑사플롭스|엑사바이트)?\)?")


def axis_title_problems(title: str) -> list[str]:
    """An axis title that is only a unit or counter ("개", "조 원", "%") instead of measure and unit
    ("이용자(억 명)")."""
    t = (title or "").strip()
    if t and (_BARE_AXIS.fullmatch(t) or re.fullmatch(r"값\s?\(.*\)", t)):
        return [f"axis title {t!r} names no measure (write e.g. 이용자(억 명))"]
    return []


def growth_ko(pct: float, qualifier: str = "") -> str:
    """A growth rate as a Korean desk prints it: no plus sign, the direction in words, and above 100% in 배.

    12.34 -> "12.3% 증가"; -1.0 -> "1.0% 감소"; 0 -> "변동 없음"; 245.0 -> "3.5배로 증가";
    with a bound: (86.8, ">=") -> "86.8% 이상 증가" (the bound word stays, one per value)."""
    before, after = QUALIFIER_WORDS.get(qualifier or "", ("", ""))
    if pct >= 100:
        times = format_number_ko(_round_to(_to_decimal(1 + pct / 100), -1))
        return f"{before}{times}배{after}로 증가"
    if round(pct, 1) == 0:
        return "변동 없음"
    word = "증가" if pct > 0 else "감소"
    return f"{before}{format(_round_to(_to_decimal(abs(pct)), -1), ',f')}%{after} {word}"
