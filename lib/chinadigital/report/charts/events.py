"""Events: the timeline (lanes, landmark labels, a list on phones), events per year, and events over a series."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import theme
from ..citations import refs_text
from ..i18n import actor_kind_label, entity_label, period_label, t, theme_label
from .contract import MIN_BARS, MIN_LINE_POINTS, check_one_unit, check_series
from .footers import _basis_note, _describe, anchor, finish
from .marks import BOUND_STROKE, NEUTRAL, _color, _text_px, _wrap_px, _gap_layer, _hollow_key, _mark_kinds, _shape, _tooltip
from .rows import _with_stated, prepare
from .tables import Table, notice
from .time_axes import _years, year_axis, year_rules


def prepare_events(ctx, events: pd.DataFrame) -> pd.DataFrame:
    lang = ctx.lang
    ents = ctx.ds.entities.set_index("entity")
    out = events.copy()
    out["date_iso"] = out["date_start"].dt.strftime("%Y-%m-%d")
    out["date_text"] = [period_label(d, lang) for d in out["date"]]
    out["title"] = out[f"title_{lang}"]
    out["theme_label"] = [theme_label(x, lang) for x in out["theme"]]
    out["actor_label"] = [entity_label({**ents.loc[a].to_dict(), "entity": a}, lang, with_zh=False) for a in out["actor"]]
    out["actor_kind_label"] = [actor_kind_label(k, lang) for k in out["actor_kind"]]
    out["source_ref"] = [refs_text(ctx.cites.cite([s])) for s in out["source_id"]]
    return out


def event_table(ctx, events: pd.DataFrame, *, title: str | None = None, with_theme: bool = False) -> "Table":
    """Events as a table (date, theme if asked, actor, event, source), in the report's language."""
    ev = prepare_events(ctx, events)
    lang = ctx.lang
    cols = {"col_date": ev["date_text"], **({"col_theme": ev["theme_label"]} if with_theme else {}),
            "col_actor": ev["actor_label"], "col_event": ev["title"], "col_source": ev["source_ref"]}
    return Table(pd.DataFrame({t(k, lang): v for k, v in cols.items()}), title)


def _merge_close_labels(marked: pd.DataFrame, days: int = 150) -> pd.DataFrame:
    """Landmarks closer than `days` share one label ('a · b') at the first one's rule, so no two labels are
    printed over each other."""
    if marked.empty:
        return marked
    marked = marked.sort_values("date_start")
    rows, last = [], None
    for _, r in marked.iterrows():
        if last is not None and (r["date_start"] - last["date_start"]).days < days:
            last["title"] = f"{last['title']} · {r['title']}"
            continue
        last = r.copy()
        rows.append(last)
    return pd.DataFrame(rows)


def _event_tooltip(lang):
    return [
        alt.Tooltip("date_text:N", title=t("col_date", lang)),
        alt.Tooltip("actor_label:N", title=t("col_actor", lang)),
        alt.Tooltip("title:N", title=t("col_event", lang)),
        alt.Tooltip("source_ref:N", title=t("col_source", lang)),
    ]


#: One hue per kind of actor (data/entities.csv actor_kind), the same in every chart; each 3:1 or more on white.
KIND_COLOURS = {"central_government": "#0072B2", "local_government": "#B07800", "state_owned_company": "#2A8FC9",
                "company": "#009E73", "industry_body": "#6F4E9C", "research_institute": "#444444",
                "foreign_government": "#D55E00", "foreign_company": "#C46FA6", "international_body": "#8C564B"}


#: And one shape per kind on the timeline, so a kind keeps its shape from one report's timeline to the next.
KIND_SHAPES = {"central_government": "circle", "local_government": "square", "state_owned_company": "triangle-up",
               "company": "cross", "industry_body": "diamond", "research_institute": "triangle-left",
               "foreign_government": "triangle-right", "foreign_company": "triangle-down", "international_body": "wedge"}


def _kinds(ctx, present) -> list[str]:
    """The kinds of actor a chart draws, in the legend's order (dataset.load.ACTOR_KINDS)."""
    from ...dataset.load import ACTOR_KINDS

    return [k for k in ACTOR_KINDS if k in set(present)]


def _kind_labels(ctx, present) -> list[str]:
    return [actor_kind_label(k, ctx.lang) for k in _kinds(ctx, present)]


def _kind_color(ctx, present) -> alt.Scale:
    """Every kind the chart draws is in the legend with its own hue (a kind left out of the domain would be
    drawn without one)."""
    kinds = _kinds(ctx, present)
    return alt.Scale(domain=[actor_kind_label(k, ctx.lang) for k in kinds], range=[KIND_COLOURS[k] for k in kinds])


def _kind_legend() -> alt.Legend:
    """One kind a line, as the suite's other legends: seven kinds in a row ran past the text column (the timeline's
    past a 1280 px window), and in four columns the English labels still ran past a 390 px phone."""
    return alt.Legend(orient="bottom", direction="vertical", labelLimit=0)


#: Timeline geometry: the lane's band for its marks, and a row of labels above them for each stack of landmarks.
LANE_MARKS = 44


LABEL_ROW = 13


LABEL_PX = 300



def _landmark_rows(ctx, data: pd.DataFrame, x0: pd.Timestamp, x1: pd.Timestamp, width: float) -> pd.DataFrame:
    """The landmark events of each lane (events.csv `landmark`, the ones the prose discusses), with a label row
    each: a label takes the first row above its lane where it does not run into the one before it; a label
    near the right edge is set right-aligned, so none runs past the frame."""
    if "landmark" not in data or not data["landmark"].astype(bool).any():
        return pd.DataFrame(columns=["date", "theme_label", "label", "row", "align"])
    span = (x1 - x0).days
    rows = []
    for lane, g in data[data["landmark"].astype(bool)].sort_values("date_start").groupby("theme_label", sort=False):
        ends: list[float] = []
        for _, r in g.iterrows():
            x = (r["date_start"] - x0).days / span * width
            lines = _wrap_px(r["title"], LABEL_PX)  # two lines before an ellipsis
            w = min(max(_text_px(x) for x in lines), LABEL_PX) + 8
            align = "right" if x + w > width else "left"
            left, right = (x - w, x) if align == "right" else (x, x + w)
            row = next((i for i, end in enumerate(ends) if left > end), len(ends))
            if row == len(ends):
                ends.append(right)
            else:
                ends[row] = right
            rows.append({"date": r["date_iso"], "theme_label": lane, "label": r["title"], "lines": lines,
                         "row": row, "align": align,
                         "date_text": r["date_text"], "actor_kind_label": r["actor_kind_label"]})
    return pd.DataFrame(rows)


def timeline(ctx, events: pd.DataFrame, *, title: str):
    """One band per theme (alternately shaded, so every mark sits visibly inside its lane), one mark per event at
    its date, the landmark events (the ones the prose discusses, chosen in the data) named above their marks;
    tooltip with date, actor, title, source. In a notebook or a page it is followed by the same events as a
    list, which a phone shows instead of the drawing (a chart of seventeen years in 300 px says nothing)."""
    data = prepare_events(ctx, events)
    if len(data) < MIN_BARS:
        return notice(ctx, title, data.assign(series=data.get("actor_label", []), period_text=data.get("date_text", []),
                                              value_text=data.get("title", [])), MIN_BARS, [events])
    lang = ctx.lang
    lanes = [theme_label(x, lang) for x in dict.fromkeys(data["theme"])]
    years = list(range(int(data["date_start"].min().year), int(data["date_start"].max().year) + 1))
    data = data.assign(date=data["date_iso"])
    x0, x1 = pd.Timestamp(years[0], 1, 1), pd.Timestamp(years[-1] + 1, 1, 1)
    labels = _landmark_rows(ctx, data, x0, x1, theme.WIDTH)
    label_rows = {lane: (int(labels.loc[labels["theme_label"] == lane, "row"].max()) + 1
                         if not labels.empty and (labels["theme_label"] == lane).any() else 0) for lane in lanes}
    # every lane as tall as the tallest, so the band scale stays one step per lane; a label row is as tall as
    # the most lines a label takes
    depth = max(label_rows.values())
    row_px = LABEL_ROW * (int(labels["lines"].map(len).max()) if not labels.empty else 1)
    step = LANE_MARKS + row_px * depth + 6
    height = step * len(lanes)
    x = year_axis(lang, years)
    y = alt.Y("theme_label:N", title=None, sort=lanes, scale=alt.Scale(domain=lanes, paddingInner=0, paddingOuter=0),
              axis=alt.Axis(ticks=False, domain=False, labelPadding=6))
    bands = pd.DataFrame({"theme_label": lanes, "shade": [i % 2 for i in range(len(lanes))]})
    lane_bands = alt.Chart(bands).mark_rect(stroke="#d9d9d9", strokeWidth=0.5).encode(
        y=y, fill=alt.condition("datum.shade == 0", alt.value("#f2f2f2"), alt.value("#ffffff")))
    marks = alt.Chart(data).mark_point(filled=True, size=80, opacity=0.9).encode(
        x=x, y=y,
        # the marks sit in the lower part of their band, under the lane's labels; the kinds of actor side by side
        yOffset=alt.YOffset("actor_kind_label:N", scale=alt.Scale(domain=_kind_labels(ctx, data["actor_kind"]),
                                                                  range=[step - LANE_MARKS + 4, step - 6])),
        color=alt.Color("actor_kind_label:N", title=t("col_kind", lang), scale=_kind_color(ctx, data["actor_kind"]),
                        legend=_kind_legend()),
        shape=alt.Shape("actor_kind_label:N", title=t("col_kind", lang),
                        scale=alt.Scale(domain=_kind_labels(ctx, data["actor_kind"]),
                                        range=[KIND_SHAPES[k] for k in _kinds(ctx, data["actor_kind"])]),
                        legend=_kind_legend()),
        tooltip=_event_tooltip(lang),
    )
    layers = [lane_bands, year_rules(years), marks]
    if not labels.empty:
        labels["dy"] = [4 + row_px * r for r in labels["row"]]
        for align in ("left", "right"):
            part = labels[labels["align"] == align]
            if part.empty:
                continue
            layers.append(alt.Chart(part).mark_text(
                align=align, baseline="top", fontSize=10, fontWeight="bold", color="#222", limit=LABEL_PX,
                lineHeight=LABEL_ROW - 1,
                dx=-3 if align == "right" else 3).encode(
                x="date:T", y=alt.Y("theme_label:N", sort=lanes, scale=alt.Scale(domain=lanes, paddingInner=0,
                                                                                   paddingOuter=0), bandPosition=0),
                yOffset=alt.YOffset("dy:Q", scale=None), text="lines:N",
                tooltip=[alt.Tooltip("date_text:N", title=t("col_date", lang)),
                         alt.Tooltip("label:N", title=t("col_event", lang))]))
        # each landmark's own mark is ringed, so the label above finds its event
        layers.append(alt.Chart(labels).mark_point(filled=False, size=260, strokeWidth=1.5, color="#222").encode(
            x="date:T", y=y, yOffset=alt.YOffset("actor_kind_label:N", scale=alt.Scale(
                domain=_kind_labels(ctx, data["actor_kind"]), range=[step - LANE_MARKS + 4, step - 6]))))
    chart = alt.layer(*layers).properties(width=theme.WIDTH, height=height)
    desc = t("describe_events", lang, title=title, n=len(data), first=data["date_text"].iloc[0],
             last=data["date_text"].iloc[-1])
    notes = (t("timeline_landmarks", lang),) if not labels.empty else ()
    out = finish(ctx, chart, title=title, description=desc, frames=[events], notes=notes)
    listing = TimelineList(ctx, title, data, anchor(title))
    # In IPython the chart is followed by its list (a phone shows the list instead of the drawing); elsewhere the
    # chart is what it was. object.__setattr__: Altair keeps attributes set the ordinary way as chart properties.
    object.__setattr__(out, "_ipython_display_", lambda: _display_pair(out, listing))
    object.__setattr__(out, "as_list", listing)
    return out


def _display_pair(chart, listing) -> None:
    from IPython.display import display

    bundle = chart._repr_mimebundle_(None, None)  # the chart's own output (not display(chart): that is this hook)
    data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
    display(data, metadata=meta, raw=True)
    display(listing)


class TimelineList:
    """A timeline's events as a list by year (date, theme, event, source), shown on a phone instead of the drawing
    (under 600 px the page hides the drawing and shows this; wider, the reverse). The chart's caption, text
    alternative, notes and table view stay."""

    def __init__(self, ctx, title: str, data: pd.DataFrame, chart_anchor: str):
        self.title, self.lang, self.anchor = title, ctx.lang, chart_anchor
        self.data = data.sort_values("date_start")

    def _repr_html_(self) -> str:
        import html as h

        a = h.escape(self.anchor)
        css = (f"<style>.cd-tl-list{{display:none}}"
               f"@media screen and (max-width:599px){{.cd-tl-list{{display:block}}"
               f"#{a}+figure.cd-chart .cd-vega,#{a}+figure.cd-chart .cd-static-src{{display:none}}}}</style>")
        parts = [css, f'<div class="cd-tl-list cd-figures" data-for="{a}">',
                 f'<p class="cd-figures-title"><strong>{h.escape(self.title)}</strong> · {h.escape(t("timeline_list", self.lang))}</p>']
        for year, g in self.data.groupby(self.data["date_start"].dt.year):
            parts.append(f'<h4 class="cd-tl-year" style="margin:10px 0 2px">{h.escape(period_label(str(int(year)), self.lang))}</h4><ul style="margin:0;padding-left:1.1em">')
            for _, r in g.iterrows():
                mark = r.get("landmark", False)
                text = h.escape(str(r["title"]))
                parts.append(f'<li><time datetime="{h.escape(r["date_iso"])}">{h.escape(r["date_text"])}</time> · '
                             f'{h.escape(r["theme_label"])} · {"<strong>" + text + "</strong>" if mark else text} '
                             f'<span class="cd-ref">{h.escape(r["source_ref"])}</span></li>')
            parts.append("</ul>")
        parts.append("</div>")
        return "".join(parts)

    def __repr__(self) -> str:
        return f"{self.title}\n" + "\n".join(f"{d} {x}" for d, x in zip(self.data["date_text"], self.data["title"]))


def events_per_year(ctx, events: pd.DataFrame, *, title: str, start_year: int | None = None,
                    end_year: int | None = None):
    """Stacked counts per year; years with no event stay on the axis, so spacing is true to time."""
    data = prepare_events(ctx, events)
    if data.empty:
        return notice(ctx, title, data, MIN_BARS, [events])
    lang = ctx.lang
    lo = start_year if start_year is not None else int(data["year"].min())
    hi = end_year if end_year is not None else int(data["year"].max())
    lo, hi = max(lo, int(data["year"].min())), min(hi, int(data["year"].max()))
    counts = data.groupby(["year", "actor_kind_label"]).size().reset_index(name="n")
    all_years = [str(y) for y in range(lo, hi + 1)]
    counts["year_text"] = counts["year"].astype(str)
    chart = alt.Chart(counts).mark_bar().encode(
        x=alt.X("year_text:O", title=t("col_year", lang), scale=alt.Scale(domain=all_years),
                axis=alt.Axis(labelAngle=-45 if len(all_years) > 14 else 0, labelOverlap=True)),
        y=alt.Y("sum(n):Q", title=t("col_count", lang), axis=alt.Axis(tickMinStep=1), scale=alt.Scale(zero=True)),
        color=alt.Color("actor_kind_label:N", title=t("col_kind", lang), scale=_kind_color(ctx, data["actor_kind"]),
                        legend=_kind_legend()),
        tooltip=[alt.Tooltip("year_text:O", title=t("col_year", lang)),
                 alt.Tooltip("actor_kind_label:N", title=t("col_kind", lang)),
                 alt.Tooltip("n:Q", title=t("col_count", lang))],
    ).properties(width=theme.WIDTH, height=theme.HEIGHT)
    desc = t("describe_per_year", lang, title=title, first=all_years[0], last=all_years[-1], n=len(data))
    return finish(ctx, chart, title=title, description=desc, frames=[events])


#: The narrowest plot a chart is drawn at (a phone): labels along event rules take lines only where this leaves room.
PHONE_PLOT_PX = 300


def _rule_label_lines(marked: pd.DataFrame, years: list[int]) -> list[list[str]]:
    """Each landmark's label along its rule, in as many lines (up to three) as the space to the next rule holds
    on a phone-width plot (turned upright, a label's further lines fall to the right of its rule), so a wrapped
    label never runs over its neighbour; a label that still does not fit is cut by the mark's limit (the
    tooltip and the table view carry it whole)."""
    x0, x1 = pd.Timestamp(years[0], 1, 1), pd.Timestamp(years[-1] + 1, 1, 1)
    px = [(d - x0).days / (x1 - x0).days * PHONE_PLOT_PX for d in marked["date_start"]] + [PHONE_PLOT_PX]
    out = []
    for i, title in enumerate(marked["title"]):
        room = px[i + 1] - px[i]
        out.append(_wrap_px(title, theme.HEIGHT - 20, max(1, min(3, int((room - 6) // LABEL_ROW)))))
    return out


def events_over_series(ctx, events: pd.DataFrame, series: pd.DataFrame, *, title: str, series_by: str = "indicator"):
    """Adoption lines with each event as a rule, so a reader sees what came before or after take-off."""
    check_one_unit(series, title)
    check_series(series, title)
    data, _, unit_text = prepare(ctx, series, series_by)
    ev = prepare_events(ctx, events)
    if len(data) < MIN_LINE_POINTS:
        return notice(ctx, title, data, MIN_LINE_POINTS, [series])
    data = _with_stated(ctx, data)
    lang = ctx.lang
    years = _years(data)
    if not ev.empty:
        years = list(range(min(years[0], int(ev["year"].min())), max(years[-1], int(ev["year"].max())) + 1))
    x = year_axis(lang, years)
    data = _mark_kinds(ctx, data)
    base = alt.Chart(data).encode(x=x, y=alt.Y("value_scaled:Q", title=unit_text, scale=alt.Scale(zero=True)),
                                  color=_color(data))
    tips = _tooltip(ctx, data)
    layers = [
        year_rules(years),
        base.transform_filter("datum.on_line").mark_line().encode(
            detail="line_id:N", strokeDash=alt.condition("datum.basis > 0", alt.value([6, 4]), alt.value([1, 0]))),
        base.transform_filter("!datum.bound && !datum.second").mark_point(filled=True, size=45).encode(
            tooltip=tips, shape=_shape(ctx, data, hollow=False)),
        base.transform_filter("datum.bound || datum.second").mark_point(filled=False, size=80, strokeWidth=BOUND_STROKE,
                                                        fill="white", fillOpacity=1).encode(
            tooltip=tips, shape=_shape(ctx, data, hollow=True)),
    ]
    if not ev.empty:
        ev = ev.assign(date=ev["date_iso"])
        layers.insert(1, alt.Chart(ev).mark_rule(strokeDash=[3, 3], opacity=0.7, color=NEUTRAL).encode(
            x="date:T", tooltip=_event_tooltip(lang)))
        marked = _merge_close_labels(ev[ev["landmark"].astype(bool)] if "landmark" in ev else ev.iloc[0:0])
        marked = marked.assign(label_only=True) if not marked.empty else marked  # labels, not rows of the table
        if not marked.empty:
            # the events the prose discusses are named on the chart, along their rules, so a reader finds them;
            # the labels' rows are no events of their own (the table view lists each event once, from the rules)
            marked = pd.DataFrame({"date": marked["date"].values, "label": marked["title"].values,
                                   "lines": _rule_label_lines(marked, years), "when": marked["date_text"].values})
            layers.append(alt.Chart(marked).mark_text(angle=270, align="right", baseline="bottom", dx=-6, dy=-3,
                                                      fontSize=10, color="#444", limit=theme.HEIGHT - 20,
                                                      lineHeight=LABEL_ROW - 1).encode(
                x="date:T", y=alt.value(0), text="lines:N",
                tooltip=[alt.Tooltip("when:N", title=t("col_date", lang)), alt.Tooltip("label:N", title=t("col_event", lang))]))
    gap, gap_notes = _gap_layer(ctx, data)
    if gap is not None:  # the same gap rule and marks as every line (charts.line)
        layers.insert(1, gap)
    key = _hollow_key(ctx, data)
    if key is not None:
        layers.append(key)
    chart = alt.layer(*layers).properties(width=theme.WIDTH, height=theme.HEIGHT).resolve_scale(shape="independent")
    desc = _describe(ctx, "line", title, data, unit_text) + " " + t("describe_marked", lang, n=len(ev))
    return finish(ctx, chart, title=title, description=desc, frames=[series, events],
                  notes=tuple(gap_notes) + tuple(_basis_note(ctx, data)))
