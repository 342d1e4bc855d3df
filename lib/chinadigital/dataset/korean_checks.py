"""Checks over rendered Korean text: number and particle rules, one glossary form per term, Chinese
characters in their traditional forms, and an economics desk's rules for what a reader meets."""

from __future__ import annotations

import re

from .korean_numbers import COUNTERS, CURRENCY_WORDS, QUALIFIER_WORDS, _round_to, _to_decimal, format_number_ko
from .korean_particles import particle


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
