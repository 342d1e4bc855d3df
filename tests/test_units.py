import pytest

from chinadigital.dataset.units import format_number, format_value, scale_for


@pytest.mark.parametrize(
    "value, en, ko",
    [
        (649_000_000, "649 million", "6억 4,900만"),
        (557_000_000, "557 million", "5억 5,700만"),
        (9_000_000_000_000, "9 trillion", "9조"),
        (1_070_000_000_000_000, "1,070 trillion", "1,070조"),
        (763_900_000_000, "763.9 billion", "7,639억"),
        (40_000_000_000, "40 billion", "400억"),
        (1_230_000_000, "1.23 billion", "12억 3,000만"),
        (12_345, "12,345", "1만 2,345"),
        (4_200, "4,200", "4,200"),
        (85.8, "85.8", "85.8"),
    ],
)
def test_magnitudes_read_the_english_and_the_korean_way(value, en, ko):
    assert format_number(value, "en") == en
    assert format_number(value, "ko") == ko


def test_korean_rounding_carries_into_the_larger_unit():
    # 1억 9,999.9999만 rounds to 2억, never "1억 10,000만"
    assert format_number(199_999_999, "ko") == "2억"


def test_negative_values_keep_their_sign():
    assert format_number(-649_000_000, "ko") == "-6억 4,900만"


@pytest.mark.parametrize(
    "value, unit, lang, qualifier, expected",
    [
        (1_000_000, "count", "en", ">", "more than 1 million"),
        (400_000_000, "persons", "en", "<=", "up to 400 million people"),
        (424_000_000, "persons", "en", "~<", "nearly 424 million people"),
        (5, "percent", "en", "<", "under 5%"),
        (1_000_000, "count", "ko", ">=", "100만 이상"),
        (100, "Tbps", "en", ">=", "at least 100 Tbps"),
        (649_000_000, "persons", "ko", "", "6억 4,900만 명"),
        (9e12, "CNY", "ko", ">", "9조 위안 초과"),
        (9e12, "CNY", "en", "", "CNY 9 trillion"),
        (380e9, "USD", "en", "~", "about US$380 billion"),
        (57, "rank", "ko", "", "57위"),
        (5, "rank", "en", "", "No. 5"),
        (48.9, "percent", "en", "", "48.9%"),
    ],
)
def test_values_carry_unit_and_bound(value, unit, lang, qualifier, expected):
    assert format_value(value, unit, lang, qualifier) == expected


def test_unknown_language_names_the_allowed_ones():
    with pytest.raises(ValueError, match="'fr' is not one of en, ko"):
        format_number(1, "fr")


def test_axis_scale_follows_the_largest_value():
    assert scale_for([1e6, 649e6], "en") == (1e6, "million")
    assert scale_for([1e6, 649e6], "ko") == (1e8, "억")
    assert scale_for([3, 5], "en") == (1.0, "")


# --- one qualifier word per value, the word the qualifier stands for ------------------------------------

from chinadigital.dataset.stated import QUALIFIERS as ALL_QUALIFIERS, bound_words, parse_stated  # noqa: E402

FORMAT_CASES = [(q, lang, unit, approx) for q in ALL_QUALIFIERS for lang in ("en", "ko")
                for unit in ("persons", "count", "CNY", "USD", "KRW", "percent", "Tbps") for approx in (False, True)]


@pytest.mark.parametrize("qualifier, lang, unit, approx", FORMAT_CASES)
def test_a_value_never_carries_two_qualifier_words(qualifier, lang, unit, approx):
    text = format_value(2.9e12 if unit not in ("percent",) else 25, unit, lang, qualifier, approx=approx)
    words = bound_words(text)
    # exactly one word when the value has a qualifier or was converted, none otherwise
    assert len(words) == (1 if qualifier or approx else 0), text
    if qualifier:
        # and it is the qualifier's own word: read back, the text says the same qualifier
        assert words[0][1] == qualifier, text


@pytest.mark.parametrize("qualifier", [q for q in ALL_QUALIFIERS if q])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_qualifier_round_trips_through_its_printed_word(qualifier, lang):
    text = format_value(424_000_000, "persons", lang, qualifier)
    st = parse_stated(text)
    assert (st.qualifier, st.value) == (qualifier, pytest.approx(424_000_000)), text


def test_korean_numbers_through_format_value_handle_every_qualifier():
    from chinadigital.dataset.korean import format_value_ko, problems_ko

    for q in ALL_QUALIFIERS:
        for approx in (False, True):
            text = format_value_ko(2.9e12, "KRW", q, approx=approx)
            assert problems_ko(text) == [], text
    # the check a page test runs catches the old double word
    assert problems_ko("약 2조 9,000억 원 초과")
