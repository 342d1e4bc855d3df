"""Korean press style for numbers, counters, qualifiers and particles (chinadigital.dataset.korean)."""

from decimal import Decimal

import re

import pytest

from chinadigital.dataset.korean import (
    COUNTERS,
    PAIRS,
    final_consonant,
    format_number_ko,
    format_value_ko,
    particle,
    problems_ko,
    significant_digits,
    with_particle,
)

# ---------------------------------------------------------------------------
# format_number_ko
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, sig, expected",
    [
        # below 만
        (0, None, "0"),
        (7, None, "7"),
        (4_200, None, "4,200"),
        (9_999, None, "9,999"),
        (0.5, None, "0.5"),
        (85.8, None, "85.8"),
        (1.234, None, "1.23"),
        (0.1 + 0.2, None, "0.3"),
        # 만
        (10_000, None, "1만"),
        (12_345, None, "1만 2,345"),
        (100_000, None, "10만"),
        (1_000_000, None, "100만"),
        (99_995_000, None, "9,999만 5,000"),
        # 억
        (100_000_000, None, "1억"),
        (649_000_000, None, "6억 4,900만"),
        (217_390_000, None, "2억 1,739만"),
        (763_900_000_000, None, "7,639억"),
        (1_000_050_000, None, "10억 5만"),
        (123_456_789, None, "1억 2,346만"),  # two top groups only; 6,789 rounds 만 up
        # 조
        (9e12, None, "9조"),
        (1_070_000_000_000_000, None, "1,070조"),
        (14_247_600_000_000, None, "14조 2,476억"),
        (440_952_000_000_000, None, "440조 9,520억"),
        (1_000_000_050_000, None, "1조"),  # the group below the top is 억; 5만 is dropped
        # 경
        (10**16, None, "1경"),
        (93_528_665_000_000_000, None, "9경 3,529조"),
        (12 * 10**19, None, "12,000경"),
        # carries
        (199_999_999, None, "2억"),
        (9_999.996, None, "1만"),
        (99_999_999_999_999_999, None, "10경"),
    ],
)
def test_magnitudes_group_by_man_eok_jo_gyeong(value, sig, expected):
    assert format_number_ko(value, sig) == expected


@pytest.mark.parametrize(
    "value, sig, expected",
    [
        (93_528_665_000_000_000, 4, "9경 3,530조"),
        (93_528_665_000_000_000, 2, "9경 4,000조"),
        (93_528_665_000_000_000, 1, "9경"),
        (440_952_000_000_000, 2, "440조"),  # "about US$380 billion" converted: never 440조 9,520억
        (440_952_000_000_000, 3, "441조"),
        (99_995_000, 4, "1억"),  # rounding carries across groups
        (99_995_000, 5, "9,999만 5,000"),
        (649_123_456, 3, "6억 4,900만"),
        (649_123_456, 9, "6억 4,912만 3,456"),  # sig may keep more than two groups
        (1_000_050_000, 6, "10억 5만"),
        (4_249, 2, "4,200"),
        (4_250, 2, "4,300"),  # half up, as 반올림
        (0.125, 2, "0.13"),
        (0.004, 2, "0.004"),
        (1.5, 3, "1.5"),  # no trailing zeros
        (57.7, 3, "57.7"),
        (57.74, 2, "58"),
    ],
)
def test_sig_rounds_to_the_source_precision_before_grouping(value, sig, expected):
    assert format_number_ko(value, sig) == expected


@pytest.mark.parametrize("value, sig", [(440_952_000_000_000, 2), (93_528_665_000_000_000, 4), (649_123_456, 3),
                                        (123_456_789_012, 5), (98_765.4321, 3)])
def test_sig_never_prints_more_significant_digits_than_asked(value, sig):
    text = format_number_ko(value, sig)
    # rebuild the number from its groups and count its significant digits
    total = Decimal(0)
    scale = {"경": 10**16, "조": 10**12, "억": 10**8, "만": 10**4}
    for part in text.split():
        word = part[-1]
        if word in scale:
            total += Decimal(part[:-1].replace(",", "")) * scale[word]
        else:
            total += Decimal(part.replace(",", ""))
    assert len(total.normalize().as_tuple().digits) <= sig, text
    assert abs(total - Decimal(repr(value))) / Decimal(repr(value)) < Decimal(10) ** (1 - sig), text


@pytest.mark.parametrize(
    "figure, digits",
    [
        ("380", 2), ("2.461", 4), ("1.50", 3), ("93,528.665", 8), ("0.004", 1), ("1.07e15", 3), ("1.00e3", 3),
        ("-12.0", 3), ("1000000", 1), (380e9, 2), (2.461, 4), (14.2476e12, 6), (-0.5, 1), (0, 1), (7, 1),
    ],
)
def test_significant_digits_of_a_source_figure(figure, digits):
    assert significant_digits(figure) == digits


def test_a_converted_figure_keeps_its_source_precision():
    # "around US$380 billion" at 1,160.4 won per dollar
    krw = 380e9 * 1160.4
    assert format_value_ko(krw, "KRW", sig=significant_digits("380"), approx=True) == "약 440조 원"
    with pytest.raises(ValueError):
        significant_digits("about 380")


def test_negative_numbers_keep_their_sign_and_a_rounded_zero_has_none():
    assert format_number_ko(-649_000_000) == "-6억 4,900만"
    assert format_number_ko(-93_528_665_000_000_000, 4) == "-9경 3,530조"
    assert format_number_ko(-4_200) == "-4,200"
    assert format_number_ko(-0.001) == "0"


def test_missing_values_read_as_a_dash_and_bad_input_is_refused():
    assert format_number_ko(None) == "–"
    assert format_number_ko(float("nan")) == "–"
    with pytest.raises(ValueError, match="sig"):
        format_number_ko(1, sig=0)
    with pytest.raises(ValueError):
        format_number_ko(float("inf"))
    with pytest.raises(TypeError):
        format_number_ko("12")


def test_numpy_numbers_are_accepted():
    np = pytest.importorskip("numpy")
    assert format_number_ko(np.int64(649_000_000)) == "6억 4,900만"
    assert format_number_ko(np.float64(9e12)) == "9조"
    assert format_number_ko(np.float64("nan")) == "–"


# ---------------------------------------------------------------------------
# format_value_ko
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, kwargs, expected",
    [
        # counters: attached to bare digits, spaced after 만/억/조/경
        ((217_390_000, "persons"), {}, "2억 1,739만 명"),
        ((500_000_000, "명"), {}, "5억 명"),
        ((4_200, "명"), {}, "4,200명"),
        ((12_345, "명"), {}, "1만 2,345명"),
        ((153, "건"), {}, "153건"),
        ((59, "개"), {}, "59개"),
        ((3_000_000, "개"), {}, "300만 개"),
        ((12, "곳"), {}, "12곳"),
        ((1_000_000, "대"), {}, "100만 대"),
        ((602, "개사"), {}, "602개사"),
        ((20_000, "개사"), {}, "2만 개사"),
        ((35, "종"), {}, "35종"),
        ((5, "위"), {}, "5위"),
        ((57, "rank"), {}, "57위"),
        ((153, "count"), {}, "153"),
        ((153, ""), {}, "153"),
        ((3, "가구"), {}, "3가구"),  # any Hangul counter follows the counter rule
        # currencies: always a word, always spaced
        ((9e12, "CNY"), {}, "9조 위안"),
        ((9e12, "위안"), {}, "9조 위안"),
        ((440_952_000_000_000, "KRW"), {"sig": 2}, "440조 원"),
        ((14_247_600_000_000, "원"), {}, "14조 2,476억 원"),
        ((3e8, "USD"), {}, "3억 달러"),
        ((4_200, "KRW"), {}, "4,200 원"),
        ((93_528_665_000_000_000, "KRW"), {"sig": 4}, "9경 3,530조 원"),
        # Latin units spaced, percent attached
        ((100, "Tbps"), {}, "100 Tbps"),
        ((57.7, "percent"), {}, "57.7%"),
        ((57.75, "percent"), {}, "57.8%"),
        ((25, "%"), {}, "25%"),
        ((3.2, "pp"), {}, "3.2%포인트"),
        ((3.2, "percentage_points"), {}, "3.2%포인트"),
        ((-1.5, "%p"), {}, "-1.5%포인트"),
        ((57.74, "percent"), {"sig": 2}, "58%"),
        # qualifiers: a word only
        ((1_000_000, "대", ">="), {}, "100만 대 이상"),
        ((4_200, "명", ">"), {}, "4,200명 초과"),
        ((2_000_000, "count", ">"), {}, "200만 초과"),
        ((1_000, "개사", "<"), {}, "1,000개사 미만"),
        ((10, "percent", "<="), {}, "10% 이하"),
        ((4e10, "CNY", "~"), {}, "약 400억 위안"),
        ((4e8, "persons", ">"), {}, "4억 명 초과"),
        ((2.461e9, "USD", "≥"), {}, "24억 6,100만 달러 이상"),
        ((380e9, "USD", "≈"), {}, "약 3,800억 달러"),
        ((4.24e8, "persons", "~<"), {}, "4억 2,400만 명 가까이"),
        # converted figures read "약" once; a converted bound keeps its bound word alone
        ((440_952_000_000_000, "KRW"), {"sig": 2, "approx": True}, "약 440조 원"),
        ((440_952_000_000_000, "KRW", "~"), {"sig": 2, "approx": True}, "약 440조 원"),
        ((2.9e12, "KRW", ">"), {"approx": True}, "2조 9,000억 원 초과"),
        ((2.9e12, "KRW", "~<"), {"approx": True}, "2조 9,000억 원 가까이"),
        # missing value
        ((None, "명"), {}, "–"),
        ((float("nan"), "KRW", ">"), {}, "–"),
    ],
)
def test_values_read_as_korean_press_writes_them(args, kwargs, expected):
    assert format_value_ko(*args, **kwargs) == expected


@pytest.mark.parametrize("counter", COUNTERS)
def test_every_counter_is_attached_to_digits_and_spaced_after_a_unit_word(counter):
    assert format_value_ko(153, counter) == f"153{counter}"
    assert format_value_ko(5e8, counter) == f"5억 {counter}"
    assert format_value_ko(1.5e12, counter, ">=") == f"1조 5,000억 {counter} 이상"


@pytest.mark.parametrize("unit", ["persons", "count", "CNY", "USD", "KRW", "percent", "rank", "Tbps", "EFLOPS", "EB"])
def test_every_unit_code_of_units_py_has_a_korean_form(unit):
    text = format_value_ko(1e8, unit)
    assert text.startswith("1억")
    assert not any(code in text for code in ("CNY", "USD", "KRW", "persons", "count", "percent", "rank", "EFLOPS", "EB"))


@pytest.mark.parametrize("qualifier", [">", ">=", "<", "<=", "~", "≥", "≤", "≈"])
def test_a_qualifier_is_never_a_symbol_next_to_its_word(qualifier):
    text = format_value_ko(1_000_000, "대", qualifier)
    assert not any(symbol in text for symbol in "<>=~≥≤≈")
    assert any(word in text for word in ("초과", "이상", "미만", "이하", "약 "))


def test_unknown_units_and_qualifiers_are_refused():
    with pytest.raises(ValueError, match="'people'"):
        format_value_ko(1, "people")
    with pytest.raises(ValueError, match="qualifier"):
        format_value_ko(1, "명", "=>")


# ---------------------------------------------------------------------------
# particles
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, final",
    [
        # Hangul: with and without a final consonant
        ("원", "ㄴ"), ("위안", "ㄴ"), ("달러", ""), ("2위", ""), ("100만 대", ""), ("5억 명", "ㅇ"),
        ("153건", "ㄴ"), ("텐센트", ""), ("알리바바", ""), ("서울", "ㄹ"), ("항저우", ""), ("닭", "ㄺ"),
        # digits read in Korean
        ("0", "ㅇ"), ("1", "ㄹ"), ("2", ""), ("3", "ㅁ"), ("4", ""), ("5", ""), ("6", "ㄱ"), ("7", "ㄹ"),
        ("8", "ㄹ"), ("9", ""), ("10", "ㅂ"), ("100", "ㄱ"), ("1000", "ㄴ"), ("1,000", "ㄴ"), ("10000", "ㄴ"),
        ("100000", "ㄴ"), ("100000000", "ㄱ"), ("10000000000000000", "ㅇ"), ("1000000000000", ""),
        ("2019", ""), ("2020", "ㅂ"), ("4,200", "ㄱ"), ("1만 2,345", ""), ("9,999", ""),
        # decimals: read digit by digit
        ("57.7", "ㄹ"), ("0.5", ""), ("3.0", "ㅇ"), ("1.23", "ㅁ"),
        # symbols
        ("57.7%", ""), ("10%", ""), ("3.2%p", ""), ("3.2%포인트", ""), ("5‰", "ㄹ"), ("25℃", ""), ("인터넷+", ""),
        # Latin abbreviations and names
        ("GDP", ""), ("CNNIC", ""), ("QR", "ㄹ"), ("IDC", ""), ("Tbps", ""), ("100 Tbps", ""), ("PBoC", ""),
        ("5G", ""), ("AI", ""), ("BAT", ""), ("AP", ""), ("IoT", ""), ("SaaS", ""), ("HTML", "ㄹ"), ("CRM", "ㅁ"), ("UN", "ㄴ"),
        ("WeChat", "ㅅ"), ("Alipay", ""), ("City Brain", "ㄴ"), ("Google", "ㄹ"), ("iPhone", "ㄴ"),
        ("TikTok", "ㄱ"), ("Platform", "ㅁ"), ("Reuters", ""),
        # brackets, quotes, full stops
        ("텐센트(腾讯)", ""), ("항저우(杭州)", ""), ("알리바바 그룹(阿里巴巴)", "ㅂ"), ("알리윈(알리바바(阿里巴巴))", "ㄴ"),
        ("'인터넷 플러스'", ""), ("“시티브레인”", "ㄴ"), ("알리바바[3]", ""), ("(2019)", ""), ("CNNIC.", ""),
        ("2억 1,739만 명 ", "ㅇ"),
    ],
)
def test_final_sound_as_read_aloud(text, final):
    assert final_consonant(text) == final


@pytest.mark.parametrize(
    "text, pair, expected",
    [
        ("14조 2,476억 원", "이었/였", "14조 2,476억 원이었"),  # the bug of issue 9
        ("2위", "이었/였", "2위였"),
        ("5억 명", "이었/였", "5억 명이었"),
        ("57.7%", "이었/였", "57.7%였"),
        ("9조 위안", "이/가", "9조 위안이"),
        ("알리바바", "이/가", "알리바바가"),
        ("10", "이/가", "10이"),
        ("2", "이/가", "2가"),
        ("텐센트", "은/는", "텐센트는"),
        ("항저우(杭州)", "은/는", "항저우(杭州)는"),
        ("상하이", "은/는", "상하이는"),
        ("CNNIC", "을/를", "CNNIC를"),
        ("QR", "을/를", "QR을"),
        ("153건", "을/를", "153건을"),
        ("위챗", "과/와", "위챗과"),
        ("알리페이", "과/와", "알리페이와"),
        ("GDP", "과/와", "GDP와"),
        ("IDC", "이나/나", "IDC나"),
        ("3", "이나/나", "3이나"),
        ("100만 대", "이라/라", "100만 대라"),
        ("원", "이라/라", "원이라"),
        ("3위", "이다/다", "3위다"),
        ("4,200 원", "이다/다", "4,200 원이다"),
        ("2위", "이에요/예요", "2위예요"),
        ("5억 명", "이에요/예요", "5억 명이에요"),
        # (으)로: ㄹ-final takes 로
        ("서울", "으로/로", "서울로"),
        ("1", "으로/로", "1로"),
        ("7", "으로/로", "7로"),
        ("8", "으로/로", "8로"),
        ("57.7", "으로/로", "57.7로"),
        ("QR", "으로/로", "QR로"),
        ("3", "으로/로", "3으로"),
        ("10", "으로/로", "10으로"),
        ("100만 명", "으로/로", "100만 명으로"),
        ("2억 1,739만 명", "(으)로", "2억 1,739만 명으로"),
        ("항저우", "(으)로", "항저우로"),
        ("닭", "(으)로", "닭으로"),  # ㄺ is not ㄹ
        # other spellings of a pair
        ("2위", "(이)었", "2위였"),
        ("원", "가/이", "원이"),
        ("알리바바", "와/과", "알리바바와"),
    ],
)
def test_with_particle_by_the_final_sound(text, pair, expected):
    assert with_particle(text, pair) == expected


@pytest.mark.parametrize("name", list(PAIRS))
def test_every_pair_gives_its_consonant_and_vowel_form(name):
    after_consonant, after_vowel = PAIRS[name]
    assert after_consonant != after_vowel
    assert particle("원", name) == after_consonant
    assert particle("위", name) == after_vowel
    assert particle("3", name) == after_consonant
    assert particle("2", name) == after_vowel


def test_only_the_ro_family_takes_the_vowel_form_after_rieul():
    assert particle("서울", "이/가") == "이"
    assert particle("서울", "이었/였") == "이었"
    assert particle("서울", "으로서/로서") == "로서"
    assert particle("서울", "으로써/로써") == "로써"


def test_reading_says_how_an_unreadable_text_ends():
    with pytest.raises(ValueError, match="reading="):
        particle("腾讯", "은/는")
    assert particle("腾讯", "은/는", reading="텐센트") == "는"
    assert with_particle("杭州", "이었/였", reading="항저우") == "杭州였"


def test_nothing_to_read_and_unknown_pairs_are_refused():
    with pytest.raises(ValueError):
        final_consonant("")
    with pytest.raises(ValueError):
        final_consonant("()")
    with pytest.raises(ValueError, match="particle pair"):
        particle("원", "의/에")


@pytest.mark.parametrize(
    "value, unit, qualifier, pair, expected",
    [
        (14_247_600_000_000, "KRW", "", "이었/였", "14조 2,476억 원이었"),
        (2, "rank", "", "이었/였", "2위였"),
        (57.7, "percent", "", "이었/였", "57.7%였"),
        (4e8, "persons", ">", "이었/였", "4억 명 초과였"),
        (4e10, "CNY", "~", "으로/로", "약 400억 위안으로"),
        (153, "count", "", "이/가", "153이"),
        (1_000_000, "대", ">=", "을/를", "100만 대 이상을"),
    ],
)
def test_formatted_values_take_the_right_particle(value, unit, qualifier, pair, expected):
    assert with_particle(format_value_ko(value, unit, qualifier), pair) == expected


# ---------------------------------------------------------------------------
# problems_ko: scanning rendered text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, problem",
    [
        ("이용자는 5억명입니다.", "'5억명' (write 5억 명)"),
        ("서버 100만대", "'100만대' (write 100만 대)"),
        ("매출은 3조원", "'3조원' (write 3조 원)"),
        ("2억 1,739만명", "'1,739만명' (write 1,739만 명)"),
        ("1만개사", "'1만개사' (write 1만 개사)"),
        ("≥ 100만 이상", "qualifier as a symbol: '≥ 100만'"),
        ("> 4,200명 초과", "qualifier as a symbol: '> 4,200'"),
        ("~ 약 400억 위안", "qualifier as a symbol: '~ 약 4'"),
        ("≈ 3,800억 달러", "qualifier as a symbol: '≈ 3,800억'"),
        ("매출은 14조 2,476억 원였습니다.", "'2,476억 원였' (write 2,476억 원이었)"),
        ("순위는 2위이었습니다.", "'2위이었' (write 2위였)"),
        ("순위는 57위(2019년)이었습니다.", "'57위(2019년)이었' (write 57위(2019년)였)"),
        ("10로 늘었다", "'10로' (write 10으로)"),
        ("100만 원로 늘었다", "'100만 원로' (write 100만 원으로)"),
        ("4억 명 이상였다", "'4억 명 이상였' (write 4억 명 이상이었)"),
    ],
)
def test_problems_in_rendered_text_are_found(text, problem):
    assert any(problem in found for found in problems_ko(text)), problems_ko(text)


@pytest.mark.parametrize(
    "text",
    [
        "매출은 14조 2,476억 원이었습니다.",
        "이용자는 2억 1,739만 명이었고, 인터넷 이용자의 57.7%였습니다.",
        "서버 100만 대 이상, 4,200명 초과, 약 400억 위안으로 늘었습니다.",
        "순위는 57위(2019년)였습니다.",
        "2015~2018년에 30%로 늘었고 1로 줄었으며 3으로 바뀌었습니다.",
        "구급차 도착 시간을 줄였습니다.",  # 였 inside a verb, not a copula after a number
        "1만 2,345명, 153건, 602개사, 5위, 4,200 원, 3.2%포인트",
    ],
)
def test_clean_text_has_no_problems(text):
    assert problems_ko(text) == []


# ---------------------------------------------------------------------------
# glossary_problems
# ---------------------------------------------------------------------------

from chinadigital.dataset.korean import glossary_problems  # noqa: E402


@pytest.mark.parametrize("text, needle", [
    ("인터넷+ 행동계획", "인터넷+"),
    ("인터넷플러스", "인터넷플러스"),
    ("2015 윈치 컨퍼런스", "컨퍼런스"),
    ("2016 윈치대회", "윈치대회"),
    ("윈치 컴퓨팅 콘퍼런스", "윈치 컴퓨팅 콘퍼런스"),
    ("알리바바 클라우드 매출", "알리바바 클라우드"),
    ("알리윈 출범", "알리윈"),
    ("텐센트 클라우드", "텐센트 클라우드"),
    ("웨이신·위챗 월간 활성 이용자", "웨이신·위챗"),
    ("시티 브레인", "시티 브레인"),
])
def test_glossary_variants_are_found(text, needle):
    found = "\n".join(glossary_problems([text], first_mentions=False))
    assert needle in found


@pytest.mark.parametrize("texts, ok", [
    (["중국인터넷네트워크정보센터(CNNIC)의 조사", "CNNIC 연말 조사"], True),
    (["CNNIC 연말 조사", "중국인터넷네트워크정보센터(CNNIC)의 조사"], False),  # spelled out too late
    (["CNNIC 조사"], False),  # never spelled out
    (["중국인터넷네트워크정보센터(CNNIC)", "중국인터넷네트워크정보센터(CNNIC)"], False),  # spelled out twice
    (["위챗(웨이신) 계정", "위챗 계정", "위챗페이"], True),
    (["위챗 계정", "위챗(웨이신)"], False),
    (["위챗(웨이신)", "웨이신 이용자"], False),  # 웨이신 alone after the first mention
    (["알리바바클라우드, 텐센트클라우드, 인터넷 플러스, 윈치 콘퍼런스, 시티브레인"], True),
    ([], True),
])
def test_first_mentions_are_written_out_once(texts, ok):
    assert (glossary_problems(texts) == []) is ok


def test_first_mention_rules_can_be_left_out_for_single_strings():
    assert glossary_problems(["CNNIC 조사"], first_mentions=False) == []
    assert glossary_problems("CNNIC 조사") != []


# ---------------------------------------------------------------------------
# Counters per indicator (indicators.csv counter_ko)
# ---------------------------------------------------------------------------


def _indicators():
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["indicator"]: r for r in csv.DictReader(fh)}


def test_every_count_declares_a_counter_from_the_allowed_set():
    inds = _indicators()
    for name, row in inds.items():
        if row["unit"] in ("count", "persons"):
            assert row["counter_ko"] in COUNTERS, name
        elif row["unit"] != "rank":
            assert row["counter_ko"] == "", name
    assert inds["weixin_mau"]["counter_ko"] == "개"  # Weixin counts accounts, not people
    assert (inds["servers"]["counter_ko"], inds["leading_companies"]["counter_ko"]) == ("대", "개사")


def test_validate_rejects_a_counter_outside_the_set_and_a_counter_on_money(data_copy):
    from chinadigital.dataset.validate import validate
    from conftest import find_index, set_cell

    line = set_cell(data_copy, "indicators.csv", find_index(data_copy, "indicators.csv", indicator="servers"),
                    "counter_ko", "마리")
    line2 = set_cell(data_copy, "indicators.csv", find_index(data_copy, "indicators.csv", indicator="market_cap"),
                     "counter_ko", "개")
    _, problems = validate(data_copy)
    got = {(p.rule, p.line, p.field) for p in problems if p.file == "indicators.csv"}
    assert ("enum", line, "counter_ko") in got
    assert ("counter-on-unit", line2, "counter_ko") in got


def test_validate_warns_when_a_count_has_no_counter(data_copy):
    from chinadigital.dataset.validate import validate
    from conftest import find_index, set_cell

    line = set_cell(data_copy, "indicators.csv", find_index(data_copy, "indicators.csv", indicator="servers"),
                    "counter_ko", "")
    _, problems = validate(data_copy)
    [p] = [p for p in problems if p.rule == "missing-counter"]
    assert (p.line, p.severity) == (line, "warning")


@pytest.fixture(scope="module")
def ds():
    from chinadigital import load

    return load()


@pytest.mark.parametrize("indicator, entity, ko, en", [
    ("servers", "tencent", "100만 대 이상", "at least 1 million"),
    ("cloud_patent_applications", "tencent", "3,147건", "3,147"),
    ("cloud_town_companies", "hangzhou", "602개사", "602"),
    ("gov_services_by_phone", "hangzhou", "153건", "153"),
])
def test_chart_values_read_with_their_counter_in_korean_only(ds, indicator, entity, ko, en):
    from chinadigital.report import charts
    from chinadigital.report.context import Report

    texts = {}
    for lang in ("ko", "en"):
        rep = Report("cloud_scale", lang=lang, ds=ds, start_year=2008, end_year=2025, currency="CNY")
        frame, _, axis = charts.prepare(rep, ds.series(indicator, entity, 2008, 2025))
        texts[lang] = (list(frame["value_text"]), axis)
    assert ko in texts["ko"][0]
    assert en in texts["en"][0]
    assert all(not problems_ko(x) for x in texts["ko"][0])


def test_a_count_axis_names_its_counter(ds):
    from chinadigital.report import charts
    from chinadigital.report.context import Report

    rep = Report("cloud_scale", lang="ko", ds=ds, start_year=2008, end_year=2025, currency="CNY")
    _, _, axis = charts.prepare(rep, ds.series("servers", "tencent", 2008, 2025))
    assert axis == "서버 수(만 대)"  # measure and unit (issue 23)
    _, _, axis = charts.prepare(rep, ds.series("weixin_mau", "tencent", 2008, 2025))
    assert axis == "위챗 월간 활성 계정(억 개)"


# ---------------------------------------------------------------------------------------------------------------
# Issue 23: the desk's rules (bound words, one register, glossary, sources apparatus, numbers, text alternatives,
# particles), as library functions; tests/test_korean_pages.py applies them to every Korean page of the batch.
# ---------------------------------------------------------------------------------------------------------------

from chinadigital.dataset.korean import (READER_BANNED, axis_title_problems, desk_problems, growth_ko,  # noqa: E402
                                         simplified_problems, traditional)


@pytest.mark.parametrize("text, needle", [
    ("25% 초과였습니다.", "bound word as a predicate"),                 # rule 1
    ("약 2조 9,000억 원 초과", None),                                   # rule 1 (problems_ko: two qualifiers)
    ("각 순위표는 몇 개 도시를 비교했나요?", "not 합니다체"),             # rule 2
    ("한국 클라우드 산업의 규모는 얼마인가요?", "not 합니다체"),
    ("이용자는 늘었다.", "not 합니다체"),
    ("이 평균은 라이브러리가 계산했으며", "라이브러리"),
    ("계열 단절", "계열"),
    ("다른 매체의 수치는 별도의 행으로 두었습니다.", "행으로"),
    ("측정 대상이 달라 데이터에만 남겼습니다.", "데이터에만"),
    ("이 도시의 디지털 경제 비중", "이 도시"),
    ("한 조사업체가 분기마다 추정한 점유율", "한 조사업체"),
    ("1천억 위안 이상", "1,000억"),                                      # rule 5
    ("위안화 기준 +3.5%", "plus sign"),
    ("매출이 245% 증가했습니다", "배"),
    ("2015년–2019년의 값", "2015~2019년"),                               # rule 6
    ("2019년~2019년", "one period"),
    ("값은 최저 5위에서 최고 57위까지입니다.", "ranks by meaning"),
    ("연평균 환율[89]을 적용해", "citation bracket"),                   # rule 7
    ("YTN (citing Bank of Korea)을 보면", "Latin name"),
    ("2016-01-20 (한국어)", "ISO date"),
    ("45개 도시 중 5위", "곳"),                                        # rule 5: one counter per indicator
])
def test_desk_problems_are_found(text, needle):
    found = "\n".join(desk_problems(text) + problems_ko(text))
    assert found, text
    if needle:
        assert needle in found, (text, found)


@pytest.mark.parametrize("text", [
    "데이터에 있는 가오더 연간 순위표 5개에는 도시 14곳이 올랐고, 1위는 2015년 베이징이었습니다.",
    "중국인터넷네트워크정보센터(CNNIC)가 조사했습니다.", "2015~2019년 인터넷 이용자", "은행 처리 모바일 결제 금액",
    "행정 업무는 몇 가지입니까?", "퍼블릭+프라이빗", "https://example.com/2018-07-25/x.html", "계열사 지분",
    "100만 대 이상이었습니다.", "위안화 기준 34.5% 증가했습니다.", "환율 출처: [20], [21].",
    "가장 혼잡했던 순위는 베이징 1위(2015년), 가장 덜 혼잡했던 순위는 우한 47위(2019년)입니다.",
])
def test_clean_desk_text_has_no_problems(text):
    assert desk_problems(text) == []


def test_the_banned_words_are_documented_with_what_to_write():
    assert all(isinstance(v, str) and v for v in READER_BANNED.values())


@pytest.mark.parametrize("title, bad", [("개", True), ("곳", True), ("조 원", True), ("%", True), ("순위", True),
                                        ("이용자(억 명)", False), ("인터넷 이용자(억 명)", False),
                                        ("교통 혼잡 순위", False), ("전년 대비 증가율(%)", False),
                                        ("값(건)", True)])
def test_an_axis_title_names_measure_and_unit(title, bad):
    assert bool(axis_title_problems(title)) is bad


@pytest.mark.parametrize("pct, qualifier, text", [
    (12.34, "", "12.3% 증가"), (-1.0, "", "1.0% 감소"), (0.01, "", "변동 없음"), (245.0, "", "3.5배로 증가"),
    (100.0, "", "2배로 증가"), (86.8, ">=", "86.8% 이상 증가"),
])
def test_growth_reads_without_a_plus_sign_and_in_bae_above_100_percent(pct, qualifier, text):
    assert growth_ko(pct, qualifier) == text


def test_chinese_names_are_printed_in_traditional_characters():
    assert traditional("腾讯") == "騰訊" and traditional("哈尔滨") == "哈爾濱" and traditional("沈阳") == "瀋陽"
    assert traditional("杭州") == "杭州"
    assert simplified_problems("텐센트(腾讯)") and not simplified_problems("텐센트(騰訊)")


def test_a_korean_entity_label_uses_traditional_characters():
    from chinadigital.report.i18n import entity_label

    row = {"name_en": "Jinan", "name_ko": "지난", "name_zh": "济南", "country": "CN", "kind": "city"}
    assert entity_label(row, "ko") == "지난(濟南)" and entity_label(row, "en") == "Jinan (济南)"


def test_one_name_for_the_digital_economy_plan_and_for_mohurd():
    for variant in ("제14차 디지털 경제 5개년 계획", "제14차 5개년 디지털 경제 계획", "'14차 5개년 디지털경제 발전계획'", "디지털 경제 계획의 목표",
                    "주택도농건설부"):
        assert glossary_problems([variant], first_mentions=False), variant
    page = ["제14차 5개년 디지털 경제 발전 계획(十四五數字經濟發展規劃)은 …", "디지털 경제 발전 계획의 목표"]
    assert glossary_problems(page) == []
    assert glossary_problems(["디지털 경제 발전 계획의 목표"])  # the first mention is not written out


# -- the sources apparatus (report/sources_ko.py) ------------------------------------------------------------------

from chinadigital.report import sources_ko  # noqa: E402


@pytest.mark.parametrize("publisher, full, short", [
    ("Hankyoreh", "한겨레", "한겨레"),
    ("Edaily", "이데일리", "이데일리"),
    ("YTN (citing Bank of Korea)", "YTN(한국은행 인용)", "YTN"),
    ("Herald Business (헤럴드경제), citing Bank of Korea", "헤럴드경제(한국은행 인용)", "헤럴드경제"),
    ("Bizhankook (비즈한국)", "비즈한국", "비즈한국"),
    ("sysxhz.com (repost)", "sysxhz.com(재게재)", "sysxhz.com"),
    ("Hexun Tech (repost on yg88.cn)", "Hexun Tech(yg88.cn에 재게재)", "Hexun Tech"),
    ("ctisd.com (repost of 智东西)", "ctisd.com(智东西 재게재)", "ctisd.com"),
    ("US Federal Reserve", "미국 연방준비제도", "미국 연방준비제도"),
    # a named outlet's report reads in Korean; a document's own English title stays whole, never half translated
    ("5gxt.com (repost of a CCTIME report)", "5gxt.com(CCTIME 보도 재게재)", "5gxt.com"),
    ("Reportify (summary of Tencent 2022 annual report)", "Reportify(Tencent 2022 annual report 요약)", "Reportify"),
    ("chinaccl.cn (reproduction of the State Council table)", "chinaccl.cn(국무원 표 재게재)", "chinaccl.cn"),
    ("miaokee.com (download page of the report)", "miaokee.com(보고서 내려받기 페이지)", "miaokee.com"),
])
def test_publishers_read_in_korean(publisher, full, short):
    assert sources_ko.publisher_ko(publisher) == full
    assert sources_ko.short_name_ko(publisher) == short


def test_every_korean_outlet_has_a_korean_name():
    import csv
    from pathlib import Path

    rows = list(csv.DictReader((Path(__file__).resolve().parents[1] / "data/sources.csv").open(encoding="utf-8")))
    latin_ok = {"YTN", "MBN", "IT조선", "GIAI", "soonjjang.com", "cccr.or.kr", "NNA", "TV"}
    bad = {}
    for r in rows:
        if r["language"] != "ko":
            continue
        name = sources_ko.publisher_ko(r["publisher"])
        words = set(re.findall(r"[A-Za-z][\w.]*", name)) - latin_ok
        if words or not re.search(r"[가-힣]", name) and name not in latin_ok:
            bad[r["source_id"]] = name
    assert bad == {}


@pytest.mark.parametrize("copy_of, note", [
    ("", "원출처 미상"),
    ("a news report of China Telecom's 2024 results of 25 March 2025 (the page does not name its source)", "원출처 미상"),
    ("Korean newspaper report; the outlet is not named in the stored copy", "원출처 미상"),
    ("People's Daily: China digital economy second largest globally", "원출처: People's Daily: China digital economy second largest globally"),
    ("repost: Alibaba Cloud spin-off plan", "원출처: Alibaba Cloud spin-off plan"),
])
def test_a_copy_says_what_it_copies_in_korean(copy_of, note):
    assert sources_ko.copy_note_ko(copy_of) == note


@pytest.mark.parametrize("published, text", [("2016-01-20", "2016년 1월 20일"), ("2019-05", "2019년 5월"),
                                             ("2019", "2019년"), ("", ""), ("nan", "")])
def test_source_dates_read_in_korean(published, text):
    assert sources_ko.date_ko(published) == text


def test_the_korean_sources_list_is_korean_and_marks_quotations(ds):
    from chinadigital.report.citations import Citations

    c = Citations(ds)
    c.cite(["economy-ytn-bok-krw-2016", "events-wiki-dsl", "companies-fubaore-chinatelecom-2022"])
    page = c.html("ko")
    text = re.sub(r"<[^>]+>", "", page)
    assert "YTN(한국은행 인용)" in text and "2017년 1월 19일" in text and "원출처 미상" in text
    assert "YTN(한국은행 인용)" in text and "2017년 1월 19일" in page and "원출처 미상" in page
    assert not re.search(r"\d{4}-\d{2}-\d{2} \(", page) and ", ," not in page and "</cite>, (" not in page
    assert 'data-short="YTN"' in page and '<span lang="en">' in page
    en = c.html("en")
    assert "</cite>, (" not in en  # a source with no date leaves no dangling comma in English either


def test_export_footers_name_sources_in_parentheses_after_a_word():
    from chinadigital.batch.figure_html import export_footer

    lines = export_footer(["원화 환율: 한국은행, 일별 종가 연평균 [1], [2].", "출처: [1]–[3]."], {1: "YTN", 2: "뉴스토마토", 3: "한겨레"})
    assert lines == ["원화 환율: 한국은행, 일별 종가 연평균(YTN; 뉴스토마토).", "출처: YTN; 뉴스토마토; 한겨레."]


def test_a_korean_text_alternative_summarises_and_reads_ranks_by_meaning():
    import pandas as pd
    from chinadigital.report.i18n import describe_ko

    rows = pd.DataFrame({
        "series": ["베이징", "베이징", "우한", "지난", "쿤밍"], "period": ["2015", "2019", "2019", "2016", "2017"],
        "period_start": pd.to_datetime(["2015-01-01", "2019-01-01", "2019-01-01", "2016-01-01", "2017-01-01"]),
        "period_end": pd.to_datetime(["2015-12-31", "2019-12-31", "2019-12-31", "2016-12-31", "2017-12-31"]),
        "value": [1, 2, 47, 1, 30], "value_text": ["1위", "2위", "47위", "1위", "30위"], "unit": ["rank"] * 5,
        "period_text": ["2015년", "2019년", "2019년", "2016년", "2017년"]})
    text = describe_ko("line", "가오더 연간 교통 혼잡 도시 순위", rows)
    assert "2015~2019년" in text and "베이징, 우한 등 4개 항목" in text
    assert "가장 혼잡했던 순위는 베이징 1위(2015년)" in text and "가장 덜 혼잡했던 순위는 우한 47위(2019년)" in text
    assert desk_problems(text) == [] and "최저" not in text
    one = describe_ko("bar", "제목", rows.iloc[[1]].assign(unit="count", value_text="2건").reset_index(drop=True))
    assert "2019년 베이징의 값" in one and "2019년~" not in one


def test_a_text_alternative_names_a_measure_once_however_many_sources_draw_it():
    import pandas as pd
    from chinadigital.report.i18n import describe_ko

    labels = ["인터넷 이용자 — CNNIC 조사", "인터넷 이용자 — 원문 기사 재인용", "모바일 인터넷 이용자 — CNNIC 조사",
              "모바일 인터넷 이용자 — 원문 기사 재인용"]
    rows = pd.DataFrame({"series": labels, "period": ["2008-12", "2010", "2015-06", "2025-06"],
                         "period_start": pd.to_datetime(["2008-12-01", "2010-01-01", "2015-06-01", "2025-06-01"]),
                         "period_end": pd.to_datetime(["2008-12-31", "2010-12-31", "2015-06-30", "2025-06-30"]),
                         "value": [2.98e8, 4.57e8, 5.94e8, 1.116e9], "unit": ["persons"] * 4,
                         "value_text": ["2억 9,800만 명", "4억 5,700만 명", "5억 9,400만 명", "11억 1,600만 명"],
                         "period_text": ["2008년 12월", "2010년", "2015년 6월", "2025년 6월"]})
    text = describe_ko("line", "중국의 인터넷 이용자", rows)
    assert "인터넷 이용자와 모바일 인터넷 이용자(출처·기준별 4개 선)" in text and "원문 기사 재인용" not in text.split("입니다.")[1].split("가장")[0]
    assert "2008년 12월부터 2025년 6월까지" in text
