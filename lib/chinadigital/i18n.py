"""Every user-facing string in English and Korean, in one table.

Names of indicators and entities live in the data (name_en, name_ko,
name_zh); this module holds the interface words, theme and actor names, and
how a Chinese proper name sits beside its translation (腾讯 Tencent).
"""

from __future__ import annotations

from .units import LANGS

STRINGS: dict[str, dict[str, str]] = {
    # report furniture
    "key_findings": {"en": "Key findings", "ko": "핵심 결과"},
    "sources": {"en": "Sources", "ko": "출처"},
    "source": {"en": "Source", "ko": "출처"},
    "sources_line": {"en": "Sources: {refs}.", "ko": "출처: {refs}."},
    "bounds_line": {"en": "Hollow marks with an outline are bounds (over, at least, under) or approximations, not exact figures.",
                    "ko": "테두리만 있는 빈 표시는 정확한 값이 아니라 하한·상한 또는 근사치입니다."},
    "fx_line": {"en": "≈ converted to {cur} at yearly average rates {refs}, rounded to the source's precision.",
                "ko": "≈ 표시는 연평균 환율 {refs}로 {cur} 환산한 값이며, 원래 수치의 유효숫자에 맞춰 반올림했습니다."},
    "not_converted_line": {"en": "Not shown: {n} figure(s) from {years} with no cited rate to {cur}.",
                           "ko": "{years}년 수치 {n}건은 {cur} 환산에 쓸 인용 가능한 환율이 없어 제외했습니다."},
    "no_data": {"en": "No data for this selection.", "ko": "선택한 조건에 해당하는 데이터가 없습니다."},
    "too_little": {"en": "Not drawn as a chart: the data hold {n} figure(s) here, and this chart needs at least {minimum} "
                         "to show something. The figures are listed below.",
                   "ko": "이 조건에서 확인된 수치는 {n}건으로, 차트를 그리는 데 필요한 최소 {minimum}건에 못 미쳐 "
                         "차트 대신 아래 표로 보여 드립니다."},
    "too_little_none": {"en": "Not drawn: the data hold no figure for this selection.",
                        "ko": "이 조건에 해당하는 수치가 없어 차트를 그리지 않았습니다."},
    "describe": {"en": "{kind}: {title}. {series}; {periods}; from {low} to {high}.",
                 "ko": "{kind}: {title}. {series}, {periods}, 최저 {low}에서 최고 {high}."},
    "describe_events": {"en": "Timeline: {title}. {n} events from {first} to {last}.",
                        "ko": "연표: {title}. {first}부터 {last}까지 사건 {n}건."},
    "describe_per_year": {"en": "Bar chart: {title}. {n} events by year, {first} to {last}, stacked by kind of actor.",
                          "ko": "막대 차트: {title}. {first}~{last}년 연도별 사건 {n}건을 주체 유형별로 쌓아 표시."},
    "describe_marked": {"en": "{n} events are marked as vertical rules.", "ko": "사건 {n}건은 세로선으로 표시했습니다."},
    "kind_line": {"en": "Line chart", "ko": "꺾은선 차트"},
    "kind_bar": {"en": "Bar chart", "ko": "막대 차트"},
    "kind_slope": {"en": "Slope chart", "ko": "기울기 차트"},
    "currency_CNY": {"en": "yuan", "ko": "위안화"},
    "currency_USD": {"en": "US dollars", "ko": "달러화"},
    "currency_KRW": {"en": "won", "ko": "원화"},
    "parameters": {"en": "Parameters", "ko": "매개변수"},
    "retrieved_from": {"en": "at", "ko": "주소"},
    "no_address": {"en": "no public address found", "ko": "공개 주소 없음"},
    # table and tooltip headings
    "col_indicator": {"en": "Indicator", "ko": "지표"},
    "col_entity": {"en": "Who", "ko": "대상"},
    "col_series": {"en": "Series", "ko": "계열"},
    "col_original": {"en": "As stated, before conversion", "ko": "환산 전 원래 값"},
    "col_stated": {"en": "Stated in the source as", "ko": "출처 표기"},
    "col_period": {"en": "Period", "ko": "기간"},
    "col_value": {"en": "Value", "ko": "값"},
    "col_source": {"en": "Source", "ko": "출처"},
    "col_date": {"en": "Date", "ko": "날짜"},
    "col_event": {"en": "Event", "ko": "사건"},
    "col_actor": {"en": "Actor", "ko": "주체"},
    "col_theme": {"en": "Theme", "ko": "주제"},
    "col_kind": {"en": "Kind of actor", "ko": "주체 유형"},
    "col_year": {"en": "Year", "ko": "연도"},
    "col_count": {"en": "Events", "ko": "사건 수"},
    "col_growth": {"en": "Change on previous value", "ko": "직전 대비 증감"},
    "col_stage": {"en": "Stage", "ko": "시점"},
    "before": {"en": "Before", "ko": "이전"},
    "after": {"en": "After", "ko": "이후"},
    # themes
    "theme_policy": {"en": "Policy", "ko": "정책"},
    "theme_payments": {"en": "Mobile payments", "ko": "모바일 결제"},
    "theme_smart_cities": {"en": "Smart cities", "ko": "스마트시티"},
    "theme_cloud": {"en": "Cloud", "ko": "클라우드"},
    # kinds of actor
    "actor_central_government": {"en": "Central government", "ko": "중앙정부"},
    "actor_local_government": {"en": "Local government", "ko": "지방정부"},
    "actor_company": {"en": "Company", "ko": "기업"},
    "actor_foreign": {"en": "Foreign", "ko": "해외"},
    # units on axes
    "unit_persons": {"en": "people", "ko": "명"},
    "unit_count": {"en": "", "ko": "건"},
    "unit_CNY": {"en": "yuan", "ko": "위안"},
    "unit_USD": {"en": "US dollars", "ko": "달러"},
    "unit_KRW": {"en": "won", "ko": "원"},
    "unit_percent": {"en": "%", "ko": "%"},
    "unit_rank": {"en": "rank", "ko": "순위"},
    "unit_Tbps": {"en": "Tbps", "ko": "Tbps"},
}


def t(key: str, lang: str, **fields) -> str:
    """The string `key` in `lang`, with {fields} filled in."""
    if lang not in LANGS:
        raise ValueError(f"lang {lang!r} is not one of {', '.join(LANGS)}")
    try:
        text = STRINGS[key][lang]
    except KeyError:
        raise KeyError(f"no UI string {key!r}; add it to chinadigital.i18n.STRINGS in en and ko") from None
    return text.format(**fields) if fields else text


def theme_label(theme: str, lang: str) -> str:
    return t(f"theme_{theme}", lang)


def actor_kind_label(kind: str, lang: str) -> str:
    return t(f"actor_{kind}", lang)


def entity_label(entity_row, lang: str, with_zh: bool = True) -> str:
    """'Tencent (腾讯)' / '텐센트(腾讯)': the Chinese name stays beside the translation for Chinese entities."""
    name = entity_row.get(f"name_{lang}") or entity_row["name_en"]
    zh = entity_row.get("name_zh") or ""
    if with_zh and zh and entity_row.get("country") == "CN" and entity_row.get("kind") != "country" and zh != name:
        return f"{name} ({zh})" if lang == "en" else f"{name}({zh})"
    return str(name)


def axis_unit(unit: str, scale_word: str, lang: str) -> str:
    """'million people', '억 명', '%', 'billion yuan', '조 원'."""
    word = t(f"unit_{unit}", lang)
    if unit == "percent":
        return "%"
    if lang == "ko":
        return f"{scale_word} {word}".strip() if scale_word else word
    return f"{scale_word} {word}".strip()


_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]


def period_label(period: str, lang: str) -> str:
    """'2020-12' -> 'December 2020' / '2020년 12월'; '2025Q3' -> 'Q3 2025' / '2025년 3분기'."""
    from .periods import parse_period

    p = parse_period(period)
    y, m, d = p.start.year, p.start.month, p.start.day
    if p.precision == "interval":
        # A fiscal year is named by the month it closes: "FY to March 2015" / "2015 회계연도(3월 결산)".
        ey, em = p.end.year, p.end.month
        if p.months == 12:
            return f"FY to {_MONTHS_EN[em - 1]} {ey}" if lang == "en" else f"{ey} 회계연도({em}월 결산)"
        return (f"{_MONTHS_EN[m - 1]} {y} to {_MONTHS_EN[em - 1]} {ey}" if lang == "en"
                else f"{y}년 {m}월~{ey}년 {em}월")
    if p.precision == "year":
        return str(y) if lang == "en" else f"{y}년"
    if p.precision == "quarter":
        q = (m - 1) // 3 + 1
        return f"Q{q} {y}" if lang == "en" else f"{y}년 {q}분기"
    if p.precision == "month":
        return f"{_MONTHS_EN[m - 1]} {y}" if lang == "en" else f"{y}년 {m}월"
    return f"{d} {_MONTHS_EN[m - 1]} {y}" if lang == "en" else f"{y}년 {m}월 {d}일"
