import re
import string
from pathlib import Path

import pytest

from chinadigital.report.i18n import axis_unit, catalogue, entity_label, period_label, t

LIB = Path(__file__).resolve().parents[1] / "lib" / "chinadigital"


def test_every_key_exists_in_both_languages():
    en, ko = catalogue("en"), catalogue("ko")
    assert sorted(set(en) ^ set(ko)) == []


def test_both_languages_fill_the_same_fields():
    en, ko = catalogue("en"), catalogue("ko")
    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731
    assert [k for k in en if fields(en[k]) != fields(ko[k])] == []


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    asked = set()
    for path in LIB.rglob("*.py"):
        asked |= set(re.findall(r'\bt\(\s*"([a-z_]+(?:\.[a-z_]+)?)"', path.read_text(encoding="utf-8")))
    have = set(catalogue("en"))
    missing = [k for k in asked if (k if "." in k else f"ui.{k}") not in have]
    assert missing == []


def test_missing_key_says_where_to_add_it():
    with pytest.raises(KeyError, match="add it to en.toml and ko.toml"):
        t("no_such_key", "en")


@pytest.mark.parametrize("text, expected", [
    ("{v}((이었/였))습니다", {"14조 2,476억 원": "14조 2,476억 원이었습니다", "2위": "2위였습니다"}),
    ("{v}((으로/로)) 늘었습니다", {"2015년": "2015년으로 늘었습니다", "1억 명": "1억 명으로 늘었습니다", "서울": "서울로 늘었습니다"}),
])
def test_korean_particles_follow_the_sound_of_what_fills_the_template(monkeypatch, text, expected):
    monkeypatch.setitem(catalogue("ko"), "ui.probe", text)
    for value, out in expected.items():
        assert t("probe", "ko", v=value) == out


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
    assert entity_label(tencent, "ko") == "텐센트(騰訊)"
    assert entity_label(seoul, "en") == "Gyeonggi"
    assert entity_label(china, "ko") == "중국"


def test_axis_units():
    assert axis_unit("persons", "million", "en") == "million people"
    assert axis_unit("persons", "억", "ko") == "억 명"
    assert axis_unit("KRW", "조", "ko") == "조 원"
    assert axis_unit("percent", "", "ko") == "%"


def test_a_build_time_reads_on_the_readers_clock():
    from chinadigital.report.i18n import built_text

    assert built_text("2026-11-26 16:10 UTC", "en") == "2026-11-26 16:10 UTC"
    # nine hours on: the Korean reader's date is the next day
    assert built_text("2026-11-26 16:10 UTC", "ko") == "2026년 11월 27일 01:10(한국 시간)"
    assert built_text("yesterday", "ko") == "yesterday"  # shown as given, not guessed at


def test_every_actor_kind_and_event_theme_has_a_label_in_each_language():
    from chinadigital.dataset.load import ACTOR_KINDS, EVENT_THEMES
    from chinadigital.report.i18n import actor_kind_label, theme_label

    for lang in ("en", "ko"):
        labels = [actor_kind_label(k, lang) for k in ACTOR_KINDS]
        assert len(set(labels)) == len(ACTOR_KINDS), labels  # two kinds never read alike
        assert len({theme_label(x, lang) for x in EVENT_THEMES}) == len(EVENT_THEMES)
    assert actor_kind_label("state_owned_company", "ko") == "국유기업"
