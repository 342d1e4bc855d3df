"""Events (report/charts/events.py): timelines, events per year, actor kinds' hues and shapes."""

from __future__ import annotations

import json

import pandas as pd

from chinadigital.report import charts
from chinadigital.report.context import Report
from chinadigital.report.i18n import actor_kind_label
from chartkit import ds  # noqa: F401  (the dataset fixture, loaded once per module)
from chartkit import layer_data, marks, rep


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


def test_landmark_labels_wrap_instead_of_being_cut(ds):
    from chinadigital.report.charts.events import LABEL_PX, PHONE_PLOT_PX, _rule_label_lines
    from chinadigital.report.charts.marks import _text_px

    r = Report("policy_timeline", lang="en", ds=ds)
    ev = ds.events()
    spec = charts.timeline(r, ev, title="Timeline").to_dict()
    rows = [v for vals in spec["datasets"].values() for v in vals if "lines" in v]
    assert rows and any(len(v["lines"]) == 2 for v in rows)  # "PBoC orders suspension of offline QR-code ..."
    for v in rows:
        assert " ".join(v["lines"]) == v["label"]
        assert all(_text_px(x) <= LABEL_PX for x in v["lines"][:-1])
    # along an event rule, a label takes only the lines the space to the next rule holds on a phone
    marked = pd.DataFrame({"date_start": pd.to_datetime(["2013-08-01", "2014-03-13", "2020-01-01"]),
                           "title": ["State Council issues Broadband China strategy and implementation plan"] * 3})
    lines = _rule_label_lines(marked, list(range(2008, 2026)))
    assert 7.5 / 12 * PHONE_PLOT_PX / 18 < 13  # seven months to the next rule is narrower than a second line
    assert len(lines[0]) == 1 and len(lines[1]) > 1 and len(lines[2]) > 1

