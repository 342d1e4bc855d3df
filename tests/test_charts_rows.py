"""The rows a chart draws (report/charts/rows.py): precision, digits, names, one mark per figure."""

from __future__ import annotations


import pytest

from chinadigital.report import charts
from chinadigital.report.context import Report
from chartkit import ds  # noqa: F401  (the dataset fixture, loaded once per module)
from chartkit import layer_data, marks, rep


def test_converted_figures_keep_their_source_precision_in_print_only(ds):
    """The text of a converted amount has no more digits than its source; the mark sits at the unrounded
    product, so a ratio read off the bars is the ratio of the figures (4.2 times, not 4.4)."""
    import re

    r = rep(ds, currency="KRW")
    raw = ds.series("mobile_shopping_value", None, 2016, 2016, entities=["CN", "US"])
    frame = ds.convert(raw, "KRW")
    spec = charts.bars(r, frame, title="Shopping", currency="KRW").to_dict()
    rows = layer_data(spec)
    rate = float(ds.fx[(ds.fx["currency"] == "KRW") & (ds.fx["year"] == 2016)]["per_usd"].iloc[0])
    for row in rows:
        digits = re.sub(r"[^0-9]", "", row["value_text"].split("(")[0]).strip("0")
        assert len(digits) <= 3, row["value_text"]
        assert row["original_text"].startswith("about US$")
    by_entity = {row["entity"]: row["value"] for row in rows}
    stated = raw.set_index("entity")["value"]
    assert by_entity["CN"] == pytest.approx(stated["CN"] * rate)
    assert by_entity["CN"] / by_entity["US"] == pytest.approx(stated["CN"] / stated["US"])
    assert any("converted" in line for line in spec["title"]["subtitle"])


def test_csv_numbers_stay_within_fifteen_digits(ds):
    r = rep(ds, currency="KRW")
    frame = ds.convert(ds.series("mobile_payment_value", "CN"), "KRW")
    spec = charts.bars(r, frame, title="Value", category="period", currency="KRW").to_dict()
    for row in layer_data(spec):
        # the spec's JSON carries the shortest repr of each float (what a CSV export writes)
        mantissa = repr(float(row["value"])).split("e")[0]
        assert len(mantissa.replace(".", "").lstrip("0").rstrip("0")) <= 15, row["value"]


def test_korean_chart_uses_korean_units_and_labels(ds):
    r = rep(ds, lang="ko")
    spec = charts.line(r, ds.series("internet_users", "CN", 2010, 2012), title="이용자").to_dict()
    assert marks(spec, "point")[0][0]["encoding"]["y"]["title"] == "인터넷 이용자(억 명)"  # measure and unit (issue 23)
    assert all(row["value_text"].endswith(" 명") for row in layer_data(spec))
    assert spec["title"]["subtitle"][0].startswith("출처:")
    assert spec["description"].startswith("꺾은선 차트")


def test_legends_name_entities_plainly_and_prose_gives_the_chinese_form_once(ds):
    r = rep(ds)
    spec = charts.line(r, ds.series("weixin_mau", "tencent", 2016, 2019), title="MAU", series_by="entity").to_dict()
    assert all(row["series"].startswith("Tencent") and "腾讯" not in row["series"] for row in layer_data(spec))
    assert r.name("tencent") == "Tencent (腾讯)" and r.name("tencent") == "Tencent"
    assert rep(ds, lang="ko").name("tencent") == "텐센트(騰訊)"


def test_the_plan_chart_never_hides_the_official_figure_under_a_second_publishers(ds):
    """The NBS's 9.9% (2023) and the data administration's rounded 10% for the same year would sit on one
    spot: the second publisher's figure is drawn only for years the official statistic does not give."""
    from chinadigital.report.topics import policy_timeline

    r = Report("policy_timeline", lang="en", ds=ds, start_year=2008, end_year=2025,
               themes=["policy", "payments", "smart_cities", "cloud"])
    rows = [x for x in layer_data(policy_timeline.plan_against_outcome(r).to_dict()) if not x["plan"]]
    years = [x["period"] for x in rows]
    assert "2023" in years and len(years) == len(set(years))
    assert any(x["series_slug"] == "other-publisher" for x in rows)  # its own year (2024) is still drawn
