import pytest

from chinadigital.i18n import STRINGS, axis_unit, entity_label, period_label, t


def test_every_string_exists_in_both_languages():
    for key, texts in STRINGS.items():
        assert set(texts) == {"en", "ko"}, key
        assert all(isinstance(v, str) for v in texts.values())


def test_missing_key_says_where_to_add_it():
    with pytest.raises(KeyError, match="add it to chinadigital.i18n.STRINGS"):
        t("no_such_key", "en")


@pytest.mark.parametrize("period, en, ko", [
    ("2015", "2015", "2015년"), ("2020-12", "December 2020", "2020년 12월"),
    ("2025Q3", "Q3 2025", "2025년 3분기"), ("2025-09-25", "25 September 2025", "2025년 9월 25일"),
])
def test_periods_read_naturally(period, en, ko):
    assert period_label(period, "en") == en
    assert period_label(period, "ko") == ko


def test_chinese_names_only_beside_chinese_entities():
    tencent = {"name_en": "Tencent", "name_ko": "텐센트", "name_zh": "腾讯", "country": "CN", "kind": "company"}
    seoul = {"name_en": "Gyeonggi", "name_ko": "경기도", "name_zh": "京畿道", "country": "KR", "kind": "province"}
    china = {"name_en": "China", "name_ko": "중국", "name_zh": "中国", "country": "CN", "kind": "country"}
    assert entity_label(tencent, "en") == "Tencent (腾讯)"
    assert entity_label(tencent, "ko") == "텐센트(腾讯)"
    assert entity_label(seoul, "en") == "Gyeonggi"
    assert entity_label(china, "ko") == "중국"


def test_axis_units():
    assert axis_unit("persons", "million", "en") == "million people"
    assert axis_unit("persons", "억", "ko") == "억 명"
    assert axis_unit("KRW", "조", "ko") == "조 원"
    assert axis_unit("percent", "", "ko") == "%"
