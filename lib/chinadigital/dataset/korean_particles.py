"""Korean particles chosen by the final sound of the text as read aloud (digits, symbols, acronyms and
known names included), so "14조 2,476억 원" takes 이었 and "2위" takes 였 (house rule 6 in dataset/korean.py)."""

from __future__ import annotations

import re

from .korean_numbers import UNIT_WORDS


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
