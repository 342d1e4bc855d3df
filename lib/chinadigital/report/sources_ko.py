"""The sources apparatus on a Korean page: outlets' Korean names, Korean words for copies and reposts, dates.

A source names itself in data/sources.csv (`publisher`, in the outlet's own or English form, with a descriptor
such as "(repost of …)", "(citing Bank of Korea)"). On a Korean page a Korean outlet is named as Korean readers
know it (Hankyoreh -> 한겨레, "YTN (citing Bank of Korea)" -> "YTN(한국은행 인용)"); the descriptors of copies
read 재게재, ○○ 인용, ○○ 경유, 번역, 요약; an original whose outlet a copy does not name is 원출처 미상. Other outlets
keep their own names (a Chinese or English name is a proper name, quoted as the outlet writes it). Dates read
"2016년 1월 20일"; a missing date leaves no punctuation behind.

The tables below are the glossary for these names: one Korean name per outlet, used on the page, in the claims
("발표: …") and in the footers of exported pictures (the short name, without the descriptor).
"""

from __future__ import annotations

import re

#: Outlets Korean readers know by a Korean name (the name in `publisher` before any descriptor -> Korean name).
#: Korean-language sources (language=ko) must all resolve to a Hangul name (tests/test_korean.py).
OUTLETS_KO = {
    "Hankyoreh": "한겨레", "Edaily": "이데일리", "iNews24": "아이뉴스24", "News1": "뉴스1", "Platum": "플래텀",
    "Chosun Ilbo": "조선일보", "Korea Economic Daily": "한국경제", "News Tomato": "뉴스토마토",
    "Asia Economy": "아시아경제", "Herald Business": "헤럴드경제", "BusinessPost (Korea)": "비즈니스포스트",
    "BusinessPost": "비즈니스포스트", "Seoul Shinmun": "서울신문", "Pressian": "프레시안", "Sports Donga": "스포츠동아",
    "Korea Economic TV": "한국경제TV", "Consumer News": "소비자가만드는신문", "Le Desk": "르데스크",
    "Sports Chosun": "스포츠조선", "This Is Game": "디스이즈게임", "Bizhankook": "비즈한국", "Chosun Biz": "조선비즈",
    "IT Chosun": "IT조선", "Etoday": "이투데이", "Korea-China News": "한중뉴스", "Kookmin Ilbo": "국민일보",
    "Financial News": "파이낸셜뉴스", "Business Watch": "비즈니스워치", "Youth Daily": "청년일보",
    "Economist": "이코노미스트", "Daum": "다음", "e-runnews": "이런뉴스", "soonjjang.com": "soonjjang.com", "Aju Business Daily": "아주경제",
    "theqoo": "더쿠", "GIAI Korea": "GIAI 코리아", "Yonhap News": "연합뉴스", "Yonhap": "연합뉴스",
    "AsiaNet": "아시아넷", "Naeil Shinmun": "내일신문", "reportworld.co.kr": "리포트월드", "YTN": "YTN", "MBN": "MBN",
    "Korea JoongAng Daily": "코리아중앙데일리", "Maeil Business": "매일경제", "Maeil Business Newspaper": "매일경제",
    "ZDNet Korea": "지디넷코리아", "Newsis": "뉴시스", "Money Today": "머니투데이", "Digital Daily": "디지털데일리",
    "Electronic Times": "전자신문", "etnews": "전자신문", "Seoul Economic Daily": "서울경제", "Dong-A Ilbo": "동아일보",
    "JoongAng Ilbo": "중앙일보", "KBS": "KBS", "SBS": "SBS", "MBC": "MBC", "Hankook Ilbo": "한국일보",
    "Kyunghyang Shinmun": "경향신문", "Munhwa Ilbo": "문화일보", "The Korea Herald": "코리아헤럴드",
    "Korea Herald": "코리아헤럴드", "The Korea Times": "코리아타임스", "Korea Times": "코리아타임스",
    "Bloter": "블로터", "ZDNet": "ZDNet", "Newspim": "뉴스핌", "Financial News (파이낸셜뉴스)": "파이낸셜뉴스",
    "cccr.or.kr": "cccr.or.kr", "kochina21.com": "한중뉴스",
    # Chinese and international outlets Korean papers name in Korean
    "Chongqing Morning Post": "충칭천바오", "Xinhua": "신화통신", "Xinhuanet": "신화망", "People's Daily": "인민일보",
    "People.cn": "인민망", "People's Daily Online": "인민망", "China Daily": "차이나데일리", "Global Times": "환구시보",
    "Caixin": "차이신", "South China Morning Post": "사우스차이나모닝포스트", "Reuters": "로이터", "Bloomberg": "블룸버그",
    "CNBC": "CNBC", "Financial Times": "파이낸셜타임스", "The Paper": "펑파이", "Ming Pao": "밍파오",
    "Central News Agency": "중앙통신사", "Wikipedia": "위키백과", "Sina Finance": "신랑재경", "China News Service": "중국신문사",
}
#: Whole publisher fields whose parts do not parse (a byline, two outlets) -> the Korean page's form.
PUBLISHERS_KO = {
    "해피나눔 (Kim Il; column for Naeil Shinmun)": "해피나눔(김일, 내일신문 칼럼)",
    "AsiaNet / Yonhap News (supplied by the Information Office of Hangzhou Municipal People's Government)":
        "아시아넷/연합뉴스(항저우시 인민정부 신문판공실 제공)",
    "Aju Business Daily (ajunews.com), NNA report": "아주경제(NNA 기사)",
    "Daffodil Int. Univ. forum (repost of CloudTech news citing Xinhua/CAICT)":
        "Daffodil Int. Univ. forum(CloudTech 기사 재게재, 신화통신·CAICT 인용)",
    "Reportify (reportify.ai tag listing), item from Financial News (金融时报)": "Reportify(金融时报 기사 목록)",
    "Reportify (reportify.ai, summary of a news article)": "Reportify(뉴스 기사 요약)",
    "25cdn.com (repost of Beijing Business Today, 北京商报, via Sina Finance)": "25cdn.com(北京商报 기사 재게재, Sina Finance 경유)",
}
#: Bodies and outlets named inside a descriptor ("citing Bank of Korea").
NAMES_KO = {
    "Bank of Korea": "한국은행", "BoK": "한국은행", "BOK": "한국은행", "Seoul Money Brokerage": "서울외국환중개",
    "People's Daily": "인민일보", "People's Daily Online": "인민망", "Xinhua": "신화통신", "Xinhuanet": "신화망",
    "Yonhap": "연합뉴스", "Yonhap News": "연합뉴스", "Information Office of Hangzhou Municipal People's Government":
    "항저우시 인민정부 신문판공실", "US Federal Reserve": "미국 연방준비제도", "Federal Reserve": "미국 연방준비제도",
    "Bank of Korea Economic Statistics System": "한국은행 경제통계시스템", "Naeil Shinmun": "내일신문",
    "National Bureau of Statistics of China": "중국 국가통계국", "People's Bank of China": "중국인민은행",
    "State Council Information Office": "중국 국무원 신문판공실", "the State Council table": "국무원 표",
    "the report": "보고서",
}
#: Descriptors of a copy, in English -> Korean ({x}: the outlet or document named in it).
_DESCRIPTORS = [
    (r"(?:news |forum |bulletin-board |newspaper |tech news |IT news )?re(?:post|print)(?:ed)?|copy|self-media article|rewritten news|news digest|secondary summary article|English news page",
     "재게재"),
    (r"repost on (?P<x>.+)", "{x}에 재게재"),
    (r"(?:repost|reprint|copy|reposting|republication)(?: of| from)? (?P<x>.+)", "{x} 재게재"),
    (r"citing (?P<x>.+)", "{x} 인용"),
    (r"via (?P<x>.+)", "{x} 경유"),
    (r"from (?P<x>.+)", "{x} 기사"),
    (r"translation of (?P<x>.+)", "{x} 번역"),
    (r"reproduction of (?P<x>.+)", "{x} 재게재"),
    (r"download page of (?P<x>.+)", "{x} 내려받기 페이지"),
    (r"summary of (?P<x>.+)", "{x} 요약"),
    (r"supplied by (?:the )?(?P<x>.+)", "{x} 제공"),
    (r"column for (?P<x>.+)", "{x} 칼럼"),
    (r"(?:opinion |contributed |Baijia )?column", "칼럼"),
    (r"(?P<x>.+) column", "{x} 칼럼"),
    (r"(?:technology )?blog", "블로그"),
    (r"(?:zh |Chinese )?mirror", "미러"),
    (r"(?:a )?user repost", "재게재"),
    (r"broker report summary|summary of a broker research note", "증권사 보고서 요약"),
    (r"news summary|summary of a news article", "뉴스 요약"),
    (r"Korean report carried by the portal", "포털 게재 기사"),
    (r"English report carried by the portal", "포털 게재 영문 기사"),
    (r"English-language report .*", "영문 기사"),
    (r"(?P<x>.+) repost", "{x} 재게재"),
    (r"item from (?P<x>.+)", "{x} 기사"),
]
#: A copy whose stored page does not name the outlet that first printed it.
_UNNAMED = re.compile(r"not named|does not name|names no original|not name|outlet not named|unsigned", re.I)


def _name(x: str) -> str:
    x = x.strip()
    if x in NAMES_KO:
        return NAMES_KO[x]
    if " and " in x and all(one.strip() in NAMES_KO or one.strip() in OUTLETS_KO for one in x.split(" and ")):
        return "·".join(_name(one) for one in x.split(" and "))
    m = re.fullmatch(r"(?:a |an )?(?P<x>.*?)\s*(?P<what>report|article|release|interview)", x, re.I)
    if m:
        what = {"report": "보도", "article": "기사", "release": "발표", "interview": "인터뷰"}[m.group("what").lower()]
        who = m.group("x").strip()
        known = {"news": "뉴스", "": "", "newspaper": "신문", "Xinhua": "신화통신", "NBS": "중국 국가통계국",
                 "the NBS": "중국 국가통계국", "the PBoC": "중국인민은행", "Macao government": "마카오 정부",
                 "Macao SAR government": "마카오 정부"}
        if who in known:
            return f"{known[who]} {what}".strip()
        if all(w[:1].isupper() or w[:1].isdigit() for w in who.split()):  # a name: "C114", "Guohai Securities"
            return f"{_name(who)} {what}"
        # a document's own English title ("Tencent 2022 annual report") stays whole, never half translated
        return x
    return NAMES_KO.get(x) or OUTLETS_KO.get(x) or x


def _matches(part: str) -> bool:
    return any(re.fullmatch(pattern, part.strip(), re.I) for pattern, _ in _DESCRIPTORS)


def _descriptor(text: str) -> str:
    parts = []
    for one in re.split(r";\s*|,\s*(?=[^()]*$)", text.strip()):
        for pattern, ko in _DESCRIPTORS:
            m = re.fullmatch(pattern, one.strip(), re.I)
            if m:
                parts.append(ko.format(x=_name(m.groupdict().get("x") or "")))
                break
        else:
            parts.append(_name(one))
    return ", ".join(parts)


def split_publisher(publisher: str) -> tuple[str, str]:
    """(name, descriptor): "YTN (citing Bank of Korea)" -> ("YTN", "citing Bank of Korea");
    "Herald Business (헤럴드경제), citing Bank of Korea" -> ("Herald Business (헤럴드경제)", "citing Bank of Korea")."""
    p = str(publisher or "").strip()
    m = re.fullmatch(r"(?P<name>.+?),\s*(?P<d>(?:citing|via|repost|reprint|translation|summary|column)\b.*)", p)
    if m:
        return m.group("name").strip(), m.group("d").strip()
    m = re.fullmatch(r"(?P<name>.+?)\s+via\s+(?P<x>.+)", p)
    if m and "(" not in m.group("name"):
        return m.group("name").strip(), f"via {m.group('x').strip()}"
    m = re.fullmatch(r"(?P<name>.+?)\s*\((?P<d>[^()]*(?:\([^()]*\)[^()]*)*)\)", p)
    if m and any(_matches(one) for one in re.split(r",\s*|;\s*", m.group("d"))):
        return m.group("name").strip(), m.group("d").strip()
    if m and re.match(r"(?:citing|via|repost|reprint|copy|translation|summary|supplied|news|forum|bulletin|"
                      r"newspaper|tech|IT news|self-media|from|reposting|English|Korean|broker|secondary|"
                      r"rewritten|download|\w+ repost)", m.group("d"), re.I):
        return m.group("name").strip(), m.group("d").strip()
    return p, ""


def outlet_ko(name: str) -> str:
    """An outlet's name as a Korean page prints it: its Korean name where it has one ("Hankyoreh" -> "한겨레",
    "Herald Business (헤럴드경제)" -> "헤럴드경제"), else its own name."""
    n = name.strip()
    if n in OUTLETS_KO:
        return OUTLETS_KO[n]
    m = re.fullmatch(r"(?P<en>[^()]+?)\s*\((?P<inner>[^()]+)\)", n)
    if m:
        en, inner = m.group("en").strip(), m.group("inner").strip()
        if re.search(r"[가-힣]", inner) and not re.search(r"[A-Za-z]", inner):
            return inner  # "Bizhankook (비즈한국)": the outlet's own Korean name
        if en in OUTLETS_KO:  # "Economist (이코노미스트, JoongAng)"
            return OUTLETS_KO[en]
    return NAMES_KO.get(n, n)


def publisher_parts_ko(publisher: str) -> tuple[str, str]:
    """(name, descriptor) in Korean: "YTN (citing Bank of Korea)" -> ("YTN", "한국은행 인용")."""
    if str(publisher).strip() in PUBLISHERS_KO:
        return PUBLISHERS_KO[str(publisher).strip()], ""
    name, desc = split_publisher(publisher)
    if not desc:
        return outlet_ko(name), ""
    m = re.fullmatch(r"(?P<who>[^;]+?); column for (?P<x>.+)", desc)  # "Kim Il; column for Naeil Shinmun"
    return outlet_ko(name), (_descriptor(desc) if not m else f"{_name(m.group('x'))} 칼럼")


def publisher_ko(publisher: str) -> str:
    """The publisher as a Korean page's sources list names it: "YTN (citing Bank of Korea)" -> "YTN(한국은행 인용)",
    "sysxhz.com (repost)" -> "sysxhz.com(재게재)", "Hankyoreh" -> "한겨레"."""
    name, desc = publisher_parts_ko(publisher)
    return f"{name}({desc})" if desc else name


def short_name_ko(publisher: str) -> str:
    """The short Korean name for a footer or a claim: the outlet alone, no descriptor ("YTN", "한겨레")."""
    if str(publisher).strip() in PUBLISHERS_KO:
        return re.sub(r"\(.*\)$", "", PUBLISHERS_KO[str(publisher).strip()])
    return outlet_ko(split_publisher(publisher)[0])


def copy_note_ko(copy_of: str) -> str:
    """What a copy copies, in Korean: "원출처 미상" when the copy does not name it, else "원출처: …" with the
    original's own name and title as the data record them."""
    c = str(copy_of or "").strip()
    if not c or _UNNAMED.search(c):
        return "원출처 미상"
    c = re.sub(r"^(?:repost|news repost|newspaper repost|tech news repost|IT news repost|news digest|news summary|"
               r"secondary summary article|broker report summary|news report on|news coverage of|a news report of)\s*:?\s*",
               "", c, flags=re.I)
    return f"원출처: {c}"


def date_ko(published: str) -> str:
    """'2016-01-20' -> '2016년 1월 20일', '2019-05' -> '2019년 5월', '2019' -> '2019년', '' -> ''."""
    from .i18n import period_label

    p = str(published or "").strip()
    if not p or p.lower() == "nan":
        return ""
    try:
        return period_label(p, "ko")
    except Exception:  # a free-form date stays as written
        return p


def publisher_for(publisher: str, lang: str) -> str:
    """A publisher as a sentence or table cell names it: its Korean short name on a Korean page, as recorded
    otherwise (claims boxes and tables)."""
    return short_name_ko(str(publisher)) if lang == "ko" else str(publisher)
