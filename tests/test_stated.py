"""Reading a figure back from the source's own notation: every scale word, bound and unit the data uses."""

from __future__ import annotations

import pytest

from chinadigital.dataset.stated import StatedFormError, agrees, parse_stated


@pytest.mark.parametrize("text, value, qualifier", [
    ("10.32亿", 1.032e9, ""),
    ("6억 4900만명", 649e6, ""),
    ("6억 4,900만 명", 649e6, ""),
    ("12억3천만명", 1.23e9, ""),
    ("3만 8천개", 38000, ""),
    ("1만7천원", 17000, ""),
    ("9조 위안", 9e12, ""),
    ("1,070조", 1.07e15, ""),
    ("7,639억달러", 763.9e9, ""),
    ("38백억 달러선", 380e9, "~"),
    ("1.5万亿元", 1.5e12, ""),
    ("21739万", 217.39e6, ""),
    ("1.13 billion", 1.13e9, ""),
    ("1,313.2 million", 1313.2e6, ""),
    ("RMB 3,019 million", 3019e6, ""),
    ("FY2016 RMB 3,019 million", 3019e6, ""),
    ("2016财年 30.19亿元", 3019e6, ""),
    ("US$2.461 bn", 2.461e9, ""),
    ("455 بلین یوآن", 455e9, ""),  # Urdu "billion" and "yuan"
    ("1,082m", 1082e6, ""),
    ("57.7%", 57.7, ""),
    ("46.4 percent", 46.4, ""),
    ("over 400 million", 400e6, ">"),
    ("more than 1 billion", 1e9, ">"),
    ("超过170亿元", 17e9, ">"),
    ("逾4200名", 4200, ">"),
    ("4,200명 넘는", 4200, ">"),
    ("100만대 이상", 1e6, ">="),
    ("约10.7亿元", 1.07e9, "~"),
    ("近6亿", 600e6, "~<"),
    ("약 2만여 개", 20000, "~"),
    ("4억2400만명 육박", 424e6, "~<"),
    ("around 380 billion", 380e9, "~"),
    ("第3", 3, ""),
    ("排名第十一", 11, ""),
    ("57위", 57, ""),
    ("No. 2", 2, ""),
    ("4분의 1 이상", 25, ">="),
])
def test_each_notation_reads_to_base_units(text, value, qualifier):
    st = parse_stated(text)
    assert st.value == pytest.approx(value)
    assert st.qualifier == qualifier


@pytest.mark.parametrize("text, currency", [
    ("RMB 3,019 million", "CNY"), ("398.24亿元", "CNY"), ("9조 위안", "CNY"), ("99 yuan", "CNY"),
    ("US$2.461 bn", "USD"), ("455 بلین یوآن", "CNY"), ("7,639억달러", "USD"), ("8.71亿美元", "USD"), ("USD 8.71 billion", "USD"),
    ("1,500조 원", "KRW"), ("KRW 732.6 billion", "KRW"), ("10.32亿", None),
])
def test_currency_words_are_recognised_and_dollars_are_not_yuan(text, currency):
    assert parse_stated(text).currency == currency


@pytest.mark.parametrize("text, step", [
    ("10.32亿", 1e6), ("649 million", 1e6), ("6.49亿", 1e6), ("57.7%", 0.1), ("1,070조", 1e12), ("3147건", 1),
])
def test_tolerance_is_one_unit_in_the_last_written_digit(text, step):
    assert parse_stated(text).step == pytest.approx(step)


def test_agreement_allows_the_last_digit_and_no_more():
    st = parse_stated("10.32亿")
    assert agrees(st, 1_032_000_000, "")
    assert agrees(st, 1_032_500_000, "")  # within one 0.01亿
    assert not agrees(st, 1_034_000_000, "")
    assert not agrees(st, 1_032_000_000, "~")  # the source did not hedge


def test_korean_and_chinese_or_more_is_at_least_and_nothing_else():
    # 이상 / 以上 include the figure: the row stores >=, never > (no leniency), never exact or "about"
    for text in ("200만 번 이상", "200万以上"):
        st = parse_stated(text)
        assert agrees(st, 2e6, ">=")
        for other in (">", "", "~", "<=", "~<"):
            assert not agrees(st, 2e6, other), (text, other)
    assert not agrees(parse_stated("over 400 million"), 400e6, ">=")


# The source's words, by language, and the qualifier each must give (the mapping, written out
# here independently of stated.BOUND_WORDS so a change to the code's table cannot pass unnoticed).
WORDS = {
    ">=": {"en": ["at least {n}", "{n} or more"], "ko": ["{n} 이상"], "zh": ["{n}以上", "不低于{n}", "不少于{n}", "至少{n}"]},
    ">": {"en": ["more than {n}", "over {n}", "exceeding {n}"], "ko": ["{n} 초과", "{n} 넘는"],
          "zh": ["超过{n}", "逾{n}", "突破{n}"]},
    "~": {"en": ["about {n}", "approximately {n}"], "ko": ["약 {n}", "{n} 가량"], "zh": ["约{n}", "{n}左右"]},
    "<=": {"en": ["up to {n}"], "ko": ["{n} 이하"], "zh": ["{n}以内", "{n}以下", "不超过{n}"]},
    "<": {"en": ["under {n}", "less than {n}"], "ko": ["{n} 미만"], "zh": ["不到{n}", "不足{n}"]},
    "~<": {"en": ["nearly {n}", "almost {n}", "close to {n}"], "ko": ["{n} 가까이", "{n} 육박"],
           "zh": ["将近{n}", "近{n}", "接近{n}"]},
}
NUMBER = {"en": ("400 million", 400e6), "ko": ("4억 명", 400e6), "zh": ("4亿", 400e6)}
CASES = [(q, lang, form) for q, by in WORDS.items() for lang, forms in by.items() for form in forms]


@pytest.mark.parametrize("qualifier, lang, form", CASES, ids=[f"{q}-{f}" for q, _, f in CASES])
def test_each_source_word_gives_its_qualifier(qualifier, lang, form):
    number, value = NUMBER[lang]
    st = parse_stated(form.format(n=number))
    assert (st.qualifier, st.value) == (qualifier, pytest.approx(value))
    assert st.word and st.word in form  # the word it read is the source's own
    assert agrees(st, value, qualifier)
    assert not any(agrees(st, value, other) for other in WORDS if other != qualifier)


@pytest.mark.parametrize("text, qualifier", [
    ("不超过4亿", "<="),   # not 超过 ("more than") inside it
    ("不少于4亿", ">="),   # not 少于 ("less than") inside it
    ("不低于50%", ">="),   # not 低于 ("below") inside it
    ("将近4亿", "~<"),
    ("just under 5 million", "~<"),  # "nearly", not "under"
])
def test_a_longer_word_is_read_whole_not_as_a_shorter_word_inside_it(text, qualifier):
    assert parse_stated(text).qualifier == qualifier


def test_an_estimate_word_is_not_a_bound_word():
    # "추산"/"estimated" say what kind of statement a figure is; the bound is the other word
    assert parse_stated("최대 4억명 추산").qualifier == "<="
    assert parse_stated("estimated 400 million").qualifier == ""


def test_two_different_bound_words_are_refused_naming_both():
    with pytest.raises(StatedFormError, match="이상.*초과|초과.*이상"):
        parse_stated("100만 이상 초과")


@pytest.mark.parametrize("bad, why", [
    ("", "empty"),
    ("many", "no number"),
    ("10,32亿", "commas in the wrong places"),
    ("6.49亿 and 5.57亿", "more than one figure"),
    ("over 5亿, about 6亿", "two different qualifiers"),
    ("RMB 5 million (US$0.7 million)", "two currencies"),
])
def test_unreadable_forms_are_refused_saying_why(bad, why):
    with pytest.raises(StatedFormError, match=why):
        parse_stated(bad)


def test_a_table_cell_takes_its_scale_from_the_header():
    st = parse_stated("3,019 (in millions of RMB)")
    assert (st.value, st.step, st.currency) == (3019e6, 1e6, "CNY")
    with pytest.raises(StatedFormError, match="table-header scale and a scale word"):
        parse_stated("3 billion (in millions of RMB)")


@pytest.mark.parametrize("text, value, step", [
    ("1,160원 40전", 1160.40, 0.01),   # won and jeon
    ("645.88 per 100", 6.4588, 0.0001),  # a rate table quoting yuan per 100 dollars
])
def test_rate_notations(text, value, step):
    st = parse_stated(text)
    assert st.value == pytest.approx(value) and st.step == pytest.approx(step)


def test_a_count_spelled_out_in_english_is_read_and_digits_win_over_words():
    assert parse_stated("eight national computing hubs").value == 8
    assert parse_stated("more than two").qualifier == ">"
    # a digit beside a number word is the figure; the word is prose around it
    assert parse_stated("10 clusters, one per hub").value == 10
    with pytest.raises(StatedFormError):
        parse_stated("several hubs")


def test_a_number_written_in_several_words_is_refused_not_read_as_its_first_word():
    with pytest.raises(StatedFormError, match="several words"):
        parse_stated("six hundred and two")
    with pytest.raises(StatedFormError):
        parse_stated("eight million")


def test_wire_abbreviations_mln_and_bln_scale_the_number():
    # Xinhua headlines write "621 mln"; read as 621 alone the row would fail by a factor of a million
    assert parse_stated("621 mln").value == 621e6
    assert parse_stated("1.2 bln yuan").value == pytest.approx(1.2e9)


def test_a_currency_code_touching_the_digits_is_still_the_currency():
    st = parse_stated("RMB490.5bn")
    assert (st.value, st.currency) == (490.5e9, "CNY")
    assert parse_stated("USD8bn").currency == "USD"


def test_a_broadcast_script_number_is_read_with_its_decimals():
    # KBS World writes rates for the newsreader; the decimals set the tolerance
    st = parse_stated("one-thousand-422-point-16")
    assert st.value == pytest.approx(1422.16) and st.step == pytest.approx(0.01)
