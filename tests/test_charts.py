"""Chart builders and the chart contract: what a reader sees, read back from the Vega-Lite spec."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest

from chinadigital import load

from chinadigital.report import charts
from chinadigital.report.citations import refs_text
from chinadigital.report.i18n import actor_kind_label, period_label
from chinadigital.errors import ChartContractError
from chinadigital.report.context import Report


@pytest.fixture(scope="module")
def ds():
    return load()


def rep(ds, lang="en", **extra):
    params = {"currency": "CNY", **extra}
    return Report("cloud_scale", lang=lang, ds=ds, start_year=2008, end_year=2025, **params)


def layer_data(spec):
    """The rows a chart plots (Altair puts inline data in datasets)."""
    rows = []
    for values in spec.get("datasets", {}).values():
        # the year rules', unit titles' and n/a slots' own rows are furniture
        rows += [v for v in values if set(v) != {"date"} and ("value" in v or "title" in v or "n" in v)]
    return rows


def drawn_marks(spec):
    """Each kind of point mark a chart draws (its legend entry) -> (shape, filled), read from the layers'
    shape scales: what the mark legend shows is what the layer draws."""
    out = {}
    for layer, m in marks(spec, "point"):
        enc = layer.get("encoding", {}).get("shape")
        if m.get("opacity") == 0:  # the key of the hollow marks: a legend, not marks
            continue
        if enc and "scale" in enc:
            for kind, shape in zip(enc["scale"]["domain"], enc["scale"]["range"]):
                out[kind] = (shape, bool(m.get("filled")))
    return out


def layers(spec):
    return spec["layer"]


def marks(spec, kind):
    out = []
    for layer in layers(spec):
        mark = layer.get("mark", {})
        mark = mark if isinstance(mark, dict) else {"type": mark}
        if mark.get("type") == kind:
            out.append((layer, mark))
    return out


def test_line_chart_reads_on_its_own(ds):
    spec = charts.line(rep(ds), ds.series("internet_users", "CN", 2010, 2012), title="Users").to_dict()
    assert spec["title"]["text"] == "Users"
    assert spec["title"]["subtitle"][0].startswith("Sources: [1]")
    assert spec["description"].startswith("Line chart: Users.")
    points = [layer for layer, m in marks(spec, "point")]
    tooltip_fields = {tt["field"] for tt in points[0]["encoding"]["tooltip"]}
    assert {"value_text", "period_text", "source_ref"} <= tooltip_fields
    assert points[0]["encoding"]["y"]["title"] == "Internet users (million people)"  # the measure and its unit


def test_a_chart_stays_composable(ds):
    """No baked-in config: an analyst can resize, re-encode, layer and concatenate it."""
    chart = charts.line(rep(ds), ds.series("internet_users", "CN", 2010, 2015), title="Users")
    assert chart.config is alt.Undefined  # the house style comes from the theme, applied when drawn
    wide = chart.properties(width=800).to_dict()
    assert wide["width"] == 800
    mine = alt.Chart(pd.DataFrame({"date": ["2012-07-01"], "v": [0.5]})).mark_rule().encode(x="date:T")
    alt.layer(chart, mine).to_dict()
    (chart | chart).to_dict()


def test_december_sits_inside_its_year(ds):
    spec = charts.line(rep(ds), ds.series("internet_users", "CN", 2014, 2016), title="Users").to_dict()
    dec14 = next(r for r in layer_data(spec) if r.get("period") == "2014-12")
    assert dec14["date"].startswith("2014-12")
    assert dec14["period_text"] == "December 2014"
    x = marks(spec, "point")[0][0]["encoding"]["x"]
    # year labels sit in the middle of each year, one per year, never repeated
    values = x["axis"]["values"]
    assert [v["year"] for v in values] == sorted({v["year"] for v in values})
    assert all(v["month"] == 7 for v in values)


def test_bounds_have_a_visible_stroke(ds):
    frame = ds.series("mobile_payment_users", "CN", 2015, 2017)
    spec = charts.line(rep(ds), frame, title="Payers").to_dict()
    hollow = [(layer, m) for layer, m in marks(spec, "point") if layer.get("transform", [{}])[0].get("filter", "").startswith("datum.bound")]
    assert hollow, "bounds need their own layer"
    layer, mark = hollow[0]
    assert mark["filled"] is False and mark["strokeWidth"] >= 1.5 and mark.get("opacity", 1) > 0
    assert any(row["bound"] for row in layer_data(spec))
    assert any("bounds" in line for line in spec["title"]["subtitle"])


@pytest.mark.parametrize("lang, word", [("en", "nearly"), ("ko", "가까이")])
def test_a_nearly_figure_is_drawn_as_a_bound_with_its_one_word(ds, lang, word):
    # CNNIC's June 2016 count as the seed article restates it: "4억2400만명 육박" (nearly), qualifier ~<
    frame = ds.series("mobile_payment_users", "CN", 2016, 2016)
    assert "~<" in set(frame["qualifier"])
    spec = charts.line(rep(ds, lang=lang), frame, title="Payers").to_dict()
    nearly = [r for r in layer_data(spec) if r.get("qualifier") == "~<"]
    assert nearly and all(r["bound"] for r in nearly)
    assert all(word in r["value_text"] and "약" not in r["value_text"] and "about" not in r["value_text"]
               for r in nearly)


def test_bars_start_at_zero_on_a_linear_scale(ds):
    frame = pd.concat([ds.series("cloud_patent_applications", "tencent"), ds.series("cloud_patents_granted", "tencent")])
    spec = charts.bars(rep(ds), frame, title="Patents", category="indicator_label", series_by="indicator").to_dict()
    bar = marks(spec, "bar")[0][0]
    scale = bar["encoding"]["y"]["scale"]
    assert scale.get("zero") is True and scale.get("type", "linear") == "linear"
    assert "log" not in json.dumps(spec)


def test_a_chart_asked_to_mix_units_is_refused_by_name(ds):
    frame = pd.concat([ds.series("servers", "tencent"), ds.series("peak_bandwidth", "tencent")])
    with pytest.raises(ChartContractError, match=r"one unit per axis.*peak_bandwidth/tencent in Tbps, servers/tencent in count"):
        charts.bars(rep(ds), frame, title="Infra", category="indicator_label")


def test_a_series_that_mixes_kinds_of_period_is_refused(ds):
    frame = ds.series("cloud_revenue", "alibaba").copy()
    frame["series"] = "one-basis"
    with pytest.raises(ChartContractError, match=r"indicator cloud_revenue, entity alibaba, series one-basis.*mixes periods"):
        charts.line(rep(ds), frame, title="Revenue")


def test_figures_of_different_units_become_a_list(ds):
    frame = pd.concat([ds.series("servers", "tencent"), ds.series("peak_bandwidth", "tencent")])
    out = charts.figure_list(rep(ds), frame, title="Infra")
    html = out._repr_html_()
    assert "at least 1 million" in html and "at least 100 Tbps" in html and "Infra" in html


def test_too_few_points_give_a_sentence_and_the_rows(ds):
    r = rep(ds)
    frame = ds.series("internet_users", "CN", 2010, 2010)
    assert 0 < len(frame) < 3
    out = charts.line(r, frame, title="Users")
    assert isinstance(out, charts.Notice)
    bundle = out._repr_mimebundle_()
    assert bundle[charts.NOTICE_MIME]["rows"] == len(frame)
    assert "needs at least 3" in bundle["text/html"] and "<table" in bundle["text/html"]
    nothing = charts.bars(r, ds.series("internet_users", "CN", 2001, 2002), title="Nothing")
    assert "no figure" in nothing._repr_mimebundle_()["text/plain"]


def test_one_bar_is_not_a_chart(ds):
    out = charts.bars(rep(ds), ds.series("ambulance_time_reduction", "kuala_lumpur"), title="Ambulance")
    assert isinstance(out, charts.Notice)


def test_a_line_joins_only_one_series(ds):
    spec = charts.line(rep(ds), ds.series("mobile_payment_users", "CN", 2013, 2020), title="Payers").to_dict()
    rows = layer_data(spec)
    line_ids = {}
    for row in rows:
        if row["on_line"]:
            line_ids.setdefault(row["line_id"].split("#")[0], set()).add(row["series_slug"])
    assert all(len(slugs) == 1 for slugs in line_ids.values())
    other = next(r for r in rows if r["period"] == "2013")
    assert other["on_line"] is False  # one point of another publisher: drawn, not joined
    assert other["series"] != next(r for r in rows if r["period"] == "2015-12")["series"]


def test_a_gap_breaks_the_line(ds):
    frame = ds.series("internet_users", "CN", 2010, 2020)
    frame = frame[frame["period"].isin(["2010-12", "2011-12", "2012-12", "2016-12", "2017-12", "2018-12"])]
    spec = charts.line(rep(ds), frame, title="Users").to_dict()
    segments = {r["line_id"] for r in layer_data(spec)}
    assert len(segments) == 2
    line_layer = marks(spec, "line")[0][0]
    assert line_layer["encoding"]["detail"]["field"] == "line_id"


def test_a_quarterly_line_breaks_at_a_missing_quarter(ds):
    """Analysys gives Alipay's share for Q1 2017 and then Q1 2018: a year's bridge would draw three
    unmeasured quarters flat."""
    frame = ds.series("third_party_mobile_payment_share", "alipay")
    frame = frame[frame["series"] == "analysys-mobile-quarterly"]
    periods = sorted(frame["period"])
    assert {"2017Q1", "2018Q1"} <= set(periods) and not {"2017Q2", "2017Q3", "2017Q4"} & set(periods)
    spec = charts.line(rep(ds), frame, title="Shares", series_by="entity").to_dict()
    by_period = {r["period"]: r["line_id"] for r in layer_data(spec)}
    assert by_period["2016Q4"] == by_period["2017Q1"]  # consecutive quarters stay joined
    assert by_period["2017Q1"] != by_period["2018Q1"]
    # a series the sources give only every third quarter is points, not a line drawn across the gaps
    sparse = ds.series("cloud_market_share", "alibaba")
    sparse = sparse[sparse["series"] == "canalys-quarterly-2023"]
    assert len(sparse) >= 3
    spec = charts.line(rep(ds), sparse, title="Shares", series_by="entity").to_dict()
    quarters = sorted(int(p[:4]) * 4 + int(p[-1]) for p in sparse["period"])
    runs = 1 + sum(1 for a, b in zip(quarters, quarters[1:]) if b - a != 1)
    assert runs >= 2 and len({r["line_id"] for r in layer_data(spec)}) == runs


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


def test_figures_without_a_rate_are_named_in_the_footer(ds):
    r = rep(ds, currency="USD")
    frame = ds.convert(ds.series("cloud_revenue", "alibaba", 2024, 2025), "USD")
    frame = frame[frame["period_precision"] == "quarter"] if not frame.empty else frame
    lines = charts.footer_lines(r, [frame], currency="USD")
    if frame.attrs.get("not_converted"):
        assert any("no cited rate" in line for line in lines)
    else:
        assert not any("no cited rate" in line for line in lines)


def test_korean_chart_uses_korean_units_and_labels(ds):
    r = rep(ds, lang="ko")
    spec = charts.line(r, ds.series("internet_users", "CN", 2010, 2012), title="이용자").to_dict()
    assert marks(spec, "point")[0][0]["encoding"]["y"]["title"] == "인터넷 이용자(억 명)"  # measure and unit (issue 23)
    assert all(row["value_text"].endswith(" 명") for row in layer_data(spec))
    assert spec["title"]["subtitle"][0].startswith("출처:")
    assert spec["description"].startswith("꺾은선 차트")


def test_colours_follow_series_not_language(ds):
    frame = ds.series("mobile_payment_users", "CN", 2013, 2020)
    en = charts.line(rep(ds), frame, title="A").to_dict()
    ko = charts.line(rep(ds, lang="ko"), frame, title="A").to_dict()

    def order(spec):
        enc = marks(spec, "point")[0][0]["encoding"]["color"]["scale"]["domain"]
        rows = layer_data(spec)
        return [next(r["line_key"] for r in rows if r["hue"] == label) for label in enc]

    assert order(en) == order(ko)


def test_legends_name_entities_plainly_and_prose_gives_the_chinese_form_once(ds):
    r = rep(ds)
    spec = charts.line(r, ds.series("weixin_mau", "tencent", 2016, 2019), title="MAU", series_by="entity").to_dict()
    assert all(row["series"].startswith("Tencent") and "腾讯" not in row["series"] for row in layer_data(spec))
    assert r.name("tencent") == "Tencent (腾讯)" and r.name("tencent") == "Tencent"
    assert rep(ds, lang="ko").name("tencent") == "텐센트(騰訊)"


def test_a_converted_chart_says_when_growth_differs_by_currency(ds):
    from chinadigital.dataset import money

    r = rep(ds, currency="USD")
    frame = money.convert(ds, ds.series("mobile_payment_value", "CN", 2020, 2021), "USD")
    lines = charts.footer_lines(r, [frame], currency="USD")
    growth = [line for line in lines if "exchange rate" in line]
    assert len(growth) == 1 and "+21.9% in yuan" in growth[0] and "+30.5% in US dollars" in growth[0]


def test_rank_axis_puts_first_place_on_top(ds):
    spec = charts.line(rep(ds), ds.series("congestion_rank", "beijing"), title="Ranks").to_dict()
    scale = marks(spec, "point")[0][0]["encoding"]["y"]["scale"]
    assert scale["reverse"] is True and scale["domainMin"] == 1  # no "0th" place at the top


def test_events_per_year_keeps_empty_years_on_the_axis(ds):
    ev = ds.events(start_year=2008, end_year=2025)
    spec = charts.events_per_year(rep(ds), ev, title="Per year").to_dict()
    domain = spec["encoding"]["x"]["scale"]["domain"]
    years = [int(y) for y in domain]
    assert years == list(range(years[0], years[-1] + 1))
    assert set(str(y) for y in ev["year"]) <= set(domain)


def test_timeline_has_lanes_and_event_tooltips_and_no_wheel_zoom(ds):
    spec = charts.timeline(rep(ds), ds.events(start_year=2015, end_year=2016), title="T").to_dict()
    point = marks(spec, "point")[0][0]
    assert point["encoding"]["y"]["field"] == "theme_label"
    assert {tt["field"] for tt in point["encoding"]["tooltip"]} == {"date_text", "actor_label", "title", "source_ref"}
    assert "params" not in json.dumps(spec)  # no zoom bound to the wheel: scrolling moves the page


def test_strings_from_data_stay_data(ds):
    """A title from the data travels as a JSON string value; it is never spliced into markup here."""
    ev = ds.events(start_year=2015, end_year=2015).copy()
    ev.loc[ev.index[0], "title_en"] = "<script>alert(1)</script>"
    spec = charts.timeline(rep(ds), ev, title="T").to_dict()
    assert any(row["title"] == "<script>alert(1)</script>" for row in layer_data(spec))


@pytest.mark.parametrize("numbers, text", [([1], "[1]"), ([1, 2], "[1], [2]"), ([3, 1, 2, 7], "[1]–[3], [7]"),
                                           ([5, 6, 7, 9, 10], "[5]–[7], [9], [10]")])
def test_reference_lists_collapse_runs(numbers, text):
    assert refs_text(numbers) == text


def test_a_plan_is_drawn_as_goal_marks_never_joined(ds):
    frame = ds.series("digital_economy_core_gdp_share", "CN", plans=True)
    spec = charts.line(rep(ds), frame, title="Plan").to_dict()
    rows = layer_data(spec)
    plan = [r for r in rows if r["plan"]]
    assert len(plan) >= 2 and not any(r["on_line"] for r in plan)
    drawn = drawn_marks(spec)
    assert drawn["Plan's baseline or goal (diamond)"] == ("diamond", True)
    assert any("plan" in line for line in spec["title"]["subtitle"])


def test_a_chart_names_the_kinds_of_statement_it_mixes(ds):
    """Tencent's 2019 summit figures are claims; its filings are reports: read in the tooltip and the footer."""
    r = rep(ds)
    claims = ds.series("servers", "tencent")
    assert set(claims["statement"]) == {"promotional-claim"}
    listed = charts.figure_list(r, pd.concat([claims, ds.series("cloud_patents_granted", "tencent")]), title="T")
    html = listed._repr_html_()
    assert "Kind of figure" in html and "promotional claim" in html
    revenue = ds.series("cloud_revenue", "alibaba")
    revenue = revenue[revenue["series"] == "fy-after-elimination"]
    assert set(revenue["statement"]) == {"company-report"}
    spec = charts.line(r, revenue, title="Revenue").to_dict()
    assert {row["statement_text"] for row in layer_data(spec) if "value_text" in row} == {"company's own report"}
    assert '"field": "statement_text"' in json.dumps(spec)
    footer = " ".join(spec["title"]["subtitle"])
    assert "Kinds of figure" not in footer  # one kind, and no claim: the tooltip says it
    table = charts.table(r, claims, {"indicator_label": "col_indicator", "value_text": "col_value",
                                     "source_ref": "col_source"})
    assert list(table.frame.columns) == ["Indicator", "Value", "Kind of figure", "Source"]


def test_a_goal_written_as_a_bound_is_a_hollow_diamond(ds):
    """The 2023 computing plan asks for more than 300 EFLOPS: its goal mark is hollow, the outcomes filled."""
    frame = ds.series("computing_power_total", "CN", plans=True)
    spec = charts.line(rep(ds), frame, title="Computing").to_dict()
    goal = [r for r in layer_data(spec) if r["plan"]]
    assert goal and all(r["bound"] for r in goal)
    drawn = drawn_marks(spec)
    assert drawn["Plan's goal stated as a bound (hollow diamond)"] == ("diamond", False)


def test_bars_by_month_stay_in_time_order(ds):
    """The pilot batches (January 2013, August 2013, April 2015) read left to right in time, not by size."""
    frame = ds.series("smart_city_pilots_named", "CN")
    spec = charts.bars(rep(ds), frame, title="Pilots", category="period", series_by="indicator").to_dict()
    enc = next(l["encoding"]["x"] for l in spec["layer"] if "x" in l.get("encoding", {}))
    ordered = list(frame.sort_values("period_end")["period"])
    assert len(ordered) >= 3 and enc["sort"] == [period_label(p, "en") for p in ordered]


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


# -- issue 24: timelines, scales and gaps, identity by hue --------------------------------------------------

def test_every_hue_meets_3_to_1_on_white():
    from chinadigital.report import theme

    assert "#F0E442" not in theme.PALETTE
    assert all(theme.contrast(c) >= theme.MIN_CONTRAST for c in theme.PALETTE), \
        {c: round(theme.contrast(c), 2) for c in theme.PALETTE}


def test_a_company_keeps_its_hue_across_a_basis_change_and_the_new_basis_is_square_and_dashed(ds):
    frame = ds.series("cloud_market_share")
    frame = frame[frame["series"].isin(["canalys-quarterly", "canalys-quarterly-2023"])]
    spec = charts.line(rep(ds), frame, title="Shares").to_dict()
    rows = [r for r in layer_data(spec) if "value_text" in r]
    hues = {}
    for r in rows:
        hues.setdefault(r["hue"], set()).add(r["basis"])
    assert any(len(b) == 2 for b in hues.values())  # one hue holds both bases
    domain = marks(spec, "point")[0][0]["encoding"]["color"]["scale"]["domain"]
    assert len(domain) == len(hues)  # the legend names companies, not company x basis
    drawn = drawn_marks(spec)
    assert drawn["Canalys, quarterly, from Q2 2023"] == ("square", True)
    line_layer = marks(spec, "line")[0][0]
    assert line_layer["encoding"]["strokeDash"]["condition"]["test"] == "datum.basis > 0"
    assert any("changes basis" in x for x in spec["title"]["subtitle"])


def test_missing_quarters_are_ticked_and_named(ds):
    frame = ds.series("cloud_market_share")
    frame = frame[frame["series"].isin(["canalys-quarterly", "canalys-quarterly-2023"])]
    spec = charts.line(rep(ds), frame, title="Shares").to_dict()
    ticks = [l for l, m in marks(spec, "tick")]
    assert ticks
    gaps = [v for vals in spec["datasets"].values() for v in vals if "gap_period" in v]
    assert gaps and all("Q" in g["gap_period"] for g in gaps)
    assert any(x.startswith("Ticks along the time axis") for x in spec["title"]["subtitle"])


def test_one_gap_rule_a_half_yearly_survey_breaks_at_a_missing_survey():
    dates = pd.to_datetime(["2015-06-30", "2015-12-31", "2016-06-30", "2016-12-31", "2017-12-31", "2018-06-30"])
    d = pd.DataFrame({"line_key": "a", "period_end": dates, "period_precision": "month"})
    assert list(charts._segments(d)) == [0, 0, 0, 0, 1, 1]
    q = pd.DataFrame({"line_key": "q", "period_end": pd.to_datetime(["2020-03-31", "2020-06-30", "2020-12-31"]),
                      "period_precision": "quarter"})
    assert list(charts._segments(q)) == [0, 0, 1]


def test_one_early_point_never_sets_the_scale_of_the_years_the_text_discusses(ds):
    from chinadigital.report.topics import mobile_payments

    r = Report("mobile_payments", lang="en", ds=ds, start_year=2008, end_year=2025, currency="stated")
    spec = mobile_payments.growth(r).to_dict()
    assert "hconcat" in spec and spec["resolve"]["scale"]["y"] == "independent"
    assert any("Two panels" in x for x in spec["title"]["subtitle"])


def test_a_value_axis_leaves_room_above_its_highest_mark(ds):
    frame = ds.series("digital_economy_core_gdp_share", "CN", plans=True)
    spec = charts.line(rep(ds), frame, title="Plan").to_dict()
    y = marks(spec, "point")[0][0]["encoding"]["y"]["scale"]
    top = max(r["value_scaled"] for r in layer_data(spec) if "value_scaled" in r)
    assert y["domainMax"] > top


def test_timeline_has_lane_bands_labelled_landmarks_and_a_phone_list(ds):
    r = Report("policy_timeline", lang="en", ds=ds)
    ev = ds.events()
    chart = charts.timeline(r, ev, title="Timeline")
    spec = chart.to_dict()
    kinds = [m for _, m in ((l, (l.get("mark") if isinstance(l.get("mark"), dict) else {"type": l.get("mark")}))
                            for l in spec["layer"])]
    assert kinds[0]["type"] == "rect"  # the lane bands, under everything
    labels = [v["label"] for vals in spec["datasets"].values() for v in vals if "label" in v]
    landmarks = set(ev.loc[ev["landmark"], "title_en"])
    assert landmarks and set(labels) == landmarks
    # labels stacked in rows: no two labels of one lane and row start within the same text width
    html = chart.as_list._repr_html_()
    assert "max-width:599px" in html and all(t_ in html for t_ in landmarks)
    assert html.count("<li>") == len(ev)


def test_the_legend_of_marks_shows_hollow_marks_hollow(ds):
    """Issue 24: plan charts' legends showed filled circles for diamonds and hollow marks; the key of the hollow
    kinds is drawn as rings (a shape with a hole), the filled ones as the layer's own shapes."""
    frame = ds.series("computing_power_total", "CN", plans=True)
    spec = charts.line(rep(ds), frame, title="Computing").to_dict()
    keys = [l for l, m in marks(spec, "point") if m.get("opacity") == 0]
    assert keys, "a chart with hollow and filled kinds has a key for the hollow ones"
    rng = keys[0]["encoding"]["shape"]["scale"]["range"]
    assert all(r in charts.RING.values() for r in rng)
    assert keys[0]["encoding"]["shape"]["legend"]["symbolOpacity"] == 1


def test_bar_value_labels_are_printed_only_where_they_fit_their_slot(ds):
    """Issue 24: Korean value labels ran across the axis and into each other; a label wider than its bar's slot
    (measured with Hangul at twice a digit's width) is left to the tooltip and the table view."""
    from chinadigital.report.topics import cloud_scale

    r = Report("cloud_scale", lang="ko", ds=ds, start_year=2008, end_year=2025, currency="stated")
    spec = cloud_scale.korea_market(r).to_dict()
    texts = [l for l, m in marks(spec, "text") if l.get("encoding", {}).get("text", {}).get("field") == "value_text"]
    assert not texts
    assert charts._text_px("7조 3,954억 원") > charts._text_px("7.3954")


def test_korean_bars_stand_in_the_english_order(ds):
    """Issue 24: Korean bar order followed the Korean alphabet; the order is now explicit (largest first, ties by
    series key), the same entities in the same places in both editions."""
    frame = ds.series("cloud_revenue")
    frame = frame[frame["period"] == frame["period"].iloc[0]].head(6)
    frame = pd.concat([frame, frame.assign(entity="tencent", value=frame["value"])]).drop_duplicates(["entity"])
    orders = []
    for lang in ("en", "ko"):
        spec = charts.bars(rep(ds, lang=lang), frame, title="B").to_dict()
        enc = [l for l, m in marks(spec, "bar")][0]["encoding"]["x"]
        assert isinstance(enc["sort"], list)
        rows = {r["category"]: r["line_key"] for r in layer_data(spec) if "category" in r}
        orders.append([rows[c] for c in enc["sort"]])
    assert orders[0] == orders[1]


def test_every_kind_of_actor_drawn_has_its_hue_in_the_legend(ds):
    """A kind of actor left out of the colour scale's domain would be drawn without a hue or a legend entry."""
    ev = ds.events()
    assert len(set(ev["actor_kind"])) > 4  # state-owned companies, industry bodies, foreign governments ...
    for build in (charts.timeline, charts.events_per_year):
        spec = build(rep(ds), ev, title="Events").to_dict()
        scales = [l["encoding"]["color"]["scale"] for l in spec.get("layer", [spec])
                  if "color" in l.get("encoding", {}) and "scale" in l["encoding"]["color"]]
        drawn = {r["actor_kind_label"] for r in layer_data(spec) if "actor_kind_label" in r}
        assert scales and all(set(sc["domain"]) == drawn for sc in scales), build.__name__
        assert all(len(sc["range"]) == len(sc["domain"]) for sc in scales)


def test_a_kind_of_actor_keeps_its_shape_from_one_timeline_to_the_next(ds):
    """The shape scale was Vega's default order over the kinds present, so a company was a cross on the policy
    timeline and a triangle on a city's, where fewer kinds appear."""
    ev = ds.events()
    few = ev[ev["actor_kind"].isin(["central_government", "company"])]
    shapes = []
    for frame in (ev, few):
        spec = charts.timeline(rep(ds), frame, title="Events").to_dict()
        enc = [l["encoding"]["shape"] for l in spec.get("layer", [spec]) if "shape" in l.get("encoding", {})
               and l["encoding"]["shape"].get("field") == "actor_kind_label"][0]
        shapes.append(dict(zip(enc["scale"]["domain"], enc["scale"]["range"])))
    company = [k for k in shapes[1] if k != actor_kind_label("central_government", "en")][0]
    assert shapes[0][company] == shapes[1][company]
    assert len(set(shapes[0].values())) == len(shapes[0])  # no two kinds share a shape
