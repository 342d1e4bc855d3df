"""Chart builders: a notebook cell is one call, never styling.

Every builder takes the report context (language, dataset, citations) and a
tidy frame from the dataset, and returns an Altair chart that reads on its
own: a title, axis titles with units in the report's language, a
description for screen readers, tooltips with value, period, qualifier and
source, bounds drawn hollow, and a footer citing sources by their numbers
in the report's sources section.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import theme
from .citations import refs_text
from .i18n import actor_kind_label, axis_unit, entity_label, period_label, t, theme_label
from .units import QUALIFIER_SYMBOLS, format_value, scale_for

theme.enable()

MAX_TITLE_SOURCES = 12


def prepare(ctx, frame: pd.DataFrame, series_by: str = "entity") -> tuple[pd.DataFrame, float, str]:
    """Add the columns every chart reads: labels, scaled value, formatted value, source reference.

    Returns the frame, the divisor used for the y axis, and the axis unit text.
    """
    if frame.empty:
        return frame.assign(series=[], date=[], value_scaled=[], value_text=[], source_ref=[], bound=[]), 1.0, ""
    ds, lang = ctx.ds, ctx.lang
    out = frame.reset_index(drop=True)
    unit = out["unit"].iloc[0]
    if unit in ("percent", "rank"):
        divisor, word = 1.0, ""
    else:
        divisor, word = scale_for(out["value"], lang)
    out["value_scaled"] = out["value"] / divisor
    out["qualifier"] = out["qualifier"].fillna("")
    out["bound"] = out["qualifier"] != ""
    out["value_text"] = [format_value(v, u, lang, q) for v, u, q in zip(out["value"], out["unit"], out["qualifier"])]
    ents = ds.entities.set_index("entity")
    inds = ds.indicators.set_index("indicator")
    out["entity_label"] = [entity_label({**ents.loc[e].to_dict(), "entity": e}, lang) for e in out["entity"]]
    out["indicator_label"] = [inds.loc[i, f"name_{lang}"] for i in out["indicator"]]
    out["series"] = out["entity_label"] if series_by == "entity" else out["indicator_label"]
    out["period_text"] = [period_label(p, lang) for p in out["period"]]
    out["date"] = [pd.Timestamp(s + (e - s) / 2).strftime("%Y-%m-%d") for s, e in zip(out["period_start"], out["period_end"])]
    refs = []
    for sid, fx in zip(out["source_id"], out.get("fx_source_id", [""] * len(out))):
        nums = ctx.cites.cite([sid] + ([fx] if fx else []))
        refs.append(refs_text(nums))
    out["source_ref"] = refs
    # The line joins one figure per period of each series. Left off it, drawn as points only:
    # a seed article's restatement of a survey figure, a figure whose note calls it not
    # comparable, and a second source's figure for a period already on the line.
    off = out["source_id"].str.startswith("seed-") | out.get("note", pd.Series("", index=out.index)).fillna("").str.contains(
        "not comparable", case=False)
    first = ~out.assign(_off=off).sort_values(["_off", "source_id"]).duplicated(["series", "period"]).reindex(out.index)
    out["on_line"] = ~off & first
    return out, divisor, axis_unit(unit, word, lang)


def _tooltip(lang: str, extra: list | None = None) -> list:
    return [
        alt.Tooltip("series:N", title=t("col_entity", lang)),
        alt.Tooltip("indicator_label:N", title=t("col_indicator", lang)),
        alt.Tooltip("period_text:N", title=t("col_period", lang)),
        alt.Tooltip("value_text:N", title=t("col_value", lang)),
        alt.Tooltip("source_ref:N", title=t("col_source", lang)),
    ] + (extra or [])


def footer_lines(ctx, frames: list[pd.DataFrame], *, currency: str | None = None) -> list[str]:
    """Sources by number, then what the reader must know to read the marks right."""
    lang = ctx.lang
    nums: list[int] = []
    fx_nums: list[int] = []
    any_bound = False
    not_converted = []
    for f in frames:
        not_converted += f.attrs.get("not_converted", [])
        if f.empty:
            continue
        nums += ctx.cites.cite(f["source_id"])
        if "fx_source_id" in f:
            fx_nums += ctx.cites.cite([x for x in f["fx_source_id"] if x])
        if "qualifier" in f and (f["qualifier"].fillna("") != "").any():
            any_bound = True
    lines = [t("sources_line", lang, refs=refs_text(sorted(set(nums) - set(fx_nums)) or sorted(set(nums))))] if nums else []
    if currency and fx_nums:
        lines.append(t("fx_line", lang, cur=currency, refs=refs_text(sorted(set(fx_nums)))))
    if not_converted:
        years = sorted({str(r["period"])[:4] for r in not_converted})
        lines.append(t("not_converted_line", lang, n=len(not_converted), years=", ".join(years), cur=currency or ""))
    if any_bound:
        lines.append(t("bounds_line", lang))
    return lines


def finish(ctx, chart, *, title: str, description: str, frames: list[pd.DataFrame], currency: str | None = None):
    """Title on top, sources footer at the bottom, description for screen readers, no network actions."""
    footer = footer_lines(ctx, frames, currency=currency)
    inner = chart.properties(title=alt.TitleParams(title, anchor="start"))
    return alt.vconcat(inner).properties(
        title=alt.TitleParams(footer, orient="bottom", anchor="start", fontSize=10, fontWeight="normal",
                              color="#555", offset=10),
        description=description,
        usermeta={"chinadigital": {"sources": sorted(set(ctx.cites.cite(
            [s for f in frames if not f.empty for col in ("source_id", "fx_source_id") if col in f for s in f[col] if s]))),
                                   "title": title}},
    ).configure_view(stroke=None)


def _describe(ctx, kind: str, title: str, data: pd.DataFrame, unit_text: str) -> str:
    if data.empty:
        return f"{kind}: {title}. {t('no_data', ctx.lang)}"
    years = f"{data['period'].min()}–{data['period'].max()}"
    series = ", ".join(dict.fromkeys(data["series"]))
    return f"{kind}: {title}. {series}; {years}" + (f"; {unit_text}" if unit_text else "") + "."


def _empty(ctx, title: str, frames: list | None = None, currency: str | None = None):
    """A chart that says there is nothing to draw, keeping the footer (e.g. what could not be converted)."""
    chart = alt.Chart(pd.DataFrame({"msg": [t("no_data", ctx.lang)]})).mark_text(size=14).encode(text="msg:N")
    return finish(ctx, chart.properties(height=60), title=title, description=f"{title}: {t('no_data', ctx.lang)}",
                  frames=frames or [], currency=currency)


def line(ctx, frame: pd.DataFrame, *, title: str, series_by: str = "entity", log: bool = False,
         y_title: str | None = None, currency: str | None = None):
    """Values over time, one line per series; hollow points for bounds; zoom and pan on x."""
    data, _, unit_text = prepare(ctx, frame, series_by)
    if data.empty:
        return _empty(ctx, title, [frame], currency)
    lang = ctx.lang
    y_axis = alt.Y("value_scaled:Q", title=y_title or unit_text,
                   scale=alt.Scale(type="log") if log else alt.Scale(zero=False if data["unit"].iloc[0] == "rank" else True,
                                                                     reverse=data["unit"].iloc[0] == "rank"))
    x_axis = alt.X("date:T", title=t("col_year", lang), axis=alt.Axis(format="%Y"))
    base = alt.Chart(data).encode(x=x_axis, y=y_axis, color=alt.Color("series:N", title=None))
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    lines = base.transform_filter("datum.on_line").mark_line()
    points = base.mark_point(filled=True).encode(
        fillOpacity=alt.condition("datum.bound", alt.value(0), alt.value(1)),
        shape=alt.condition("datum.on_line", alt.value("circle"), alt.value("diamond")),
        tooltip=_tooltip(lang),
    ).add_params(zoom)
    chart = alt.layer(lines, points).properties(width=theme.WIDTH, height=theme.HEIGHT)
    return finish(ctx, chart, title=title, description=_describe(ctx, "Line chart", title, data, unit_text),
                  frames=[frame], currency=currency)


def bars(ctx, frame: pd.DataFrame, *, title: str, category: str = "series", series_by: str = "entity",
         log: bool = False, y_title: str | None = None, currency: str | None = None, sort=None, horizontal=False):
    """One bar per row (category on the axis); bounds hollow with their qualifier printed on the bar."""
    data, _, unit_text = prepare(ctx, frame, series_by)
    if data.empty:
        return _empty(ctx, title, [frame], currency)
    data["label"] = [QUALIFIER_SYMBOLS[q] + v for q, v in zip(data["qualifier"], data["value_text"])]
    if category == "series_period":
        data["category"] = data["series"] + " · " + data["period_text"]
    else:
        data["category"] = data[category] if category in data else data["series"]
    cat = alt.X("category:N", title=None, sort=sort or "-y", axis=alt.Axis(labelAngle=0, labelLimit=200))
    val = alt.Y("value_scaled:Q", title=y_title or unit_text, scale=alt.Scale(type="log") if log else alt.Scale())
    if horizontal:
        cat = alt.Y("category:N", title=None, sort=sort or "-x", axis=alt.Axis(labelLimit=260))
        val = alt.X("value_scaled:Q", title=y_title or unit_text, scale=alt.Scale(type="log") if log else alt.Scale())
    base = alt.Chart(data).encode(cat, val, tooltip=_tooltip(ctx.lang))
    bar = base.mark_bar(strokeWidth=1.5).encode(
        color=alt.Color("series:N", title=None, legend=None if category == "series" else alt.Legend()),
        stroke=alt.Color("series:N", legend=None),
        fillOpacity=alt.condition("datum.bound", alt.value(0.15), alt.value(1)),
        strokeDash=alt.condition("datum.bound", alt.value([4, 3]), alt.value([1, 0])),
    )
    text = base.mark_text(align="left" if horizontal else "center", dx=4 if horizontal else 0,
                          dy=0 if horizontal else -8, fontSize=11).encode(text="label:N")
    size = {"width": theme.WIDTH, "height": max(theme.HEIGHT, 28 * len(data))} if horizontal else {"width": theme.WIDTH, "height": theme.HEIGHT}
    chart = alt.layer(bar, text).properties(**size)
    return finish(ctx, chart, title=title, description=_describe(ctx, "Bar chart", title, data, unit_text),
                  frames=[frame], currency=currency)


def slope(ctx, before: pd.DataFrame, after: pd.DataFrame, *, title: str):
    """Two stages joined by a line per entity: rank 1 at the top, as a ranking reads."""
    b, _, unit_text = prepare(ctx, before)
    a, _, _ = prepare(ctx, after)
    if b.empty or a.empty:
        return _empty(ctx, title)
    lang = ctx.lang
    b["stage"] = f"{t('before', lang)} ({', '.join(dict.fromkeys(b['period_text']))})"
    a["stage"] = f"{t('after', lang)} ({', '.join(dict.fromkeys(a['period_text']))})"
    data = pd.concat([b, a], ignore_index=True)
    data["label"] = data["series"] + " " + data["value_text"]
    order = list(dict.fromkeys(data["stage"]))
    base = alt.Chart(data).encode(
        x=alt.X("stage:N", title=None, sort=order, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=unit_text, scale=alt.Scale(reverse=True, zero=False)),
        color=alt.Color("series:N", title=None),
        detail="series:N",
    )
    chart = alt.layer(
        base.mark_line(),
        base.mark_point(filled=True, size=80).encode(tooltip=_tooltip(lang)),
        base.mark_text(align="left", dx=8).encode(text="label:N"),
    ).properties(width=theme.WIDTH, height=theme.HEIGHT)
    return finish(ctx, chart, title=title, description=_describe(ctx, "Slope chart", title, data, unit_text),
                  frames=[before, after])


def prepare_events(ctx, events: pd.DataFrame) -> pd.DataFrame:
    lang = ctx.lang
    ents = ctx.ds.entities.set_index("entity")
    out = events.copy()
    out["date_iso"] = out["date_start"].dt.strftime("%Y-%m-%d")
    out["date_text"] = [period_label(d, lang) for d in out["date"]]
    out["title"] = out[f"title_{lang}"]
    out["theme_label"] = [theme_label(x, lang) for x in out["theme"]]
    out["actor_label"] = [entity_label({**ents.loc[a].to_dict(), "entity": a}, lang) for a in out["actor"]]
    out["actor_kind_label"] = [actor_kind_label(k, lang) for k in out["actor_kind"]]
    out["source_ref"] = [refs_text(ctx.cites.cite([s])) for s in out["source_id"]]
    return out


def _event_tooltip(lang):
    return [
        alt.Tooltip("date_text:N", title=t("col_date", lang)),
        alt.Tooltip("actor_label:N", title=t("col_actor", lang)),
        alt.Tooltip("title:N", title=t("col_event", lang)),
        alt.Tooltip("source_ref:N", title=t("col_source", lang)),
    ]


def timeline(ctx, events: pd.DataFrame, *, title: str):
    """One lane per theme; drag to pan, wheel to zoom; tooltip with date, actor, title, source."""
    data = prepare_events(ctx, events)
    if data.empty:
        return _empty(ctx, title)
    lang = ctx.lang
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    lanes = [theme_label(x, lang) for x in dict.fromkeys(data["theme"])]
    chart = alt.Chart(data).mark_point(filled=True, size=90, opacity=0.85).encode(
        x=alt.X("date_iso:T", title=t("col_year", lang), axis=alt.Axis(format="%Y"), scale=alt.Scale(padding=12)),
        y=alt.Y("theme_label:N", title=None, sort=lanes),
        yOffset=alt.YOffset("actor_kind_label:N"),
        color=alt.Color("actor_kind_label:N", title=t("col_kind", lang)),
        shape=alt.Shape("actor_kind_label:N", title=t("col_kind", lang)),
        tooltip=_event_tooltip(lang),
    ).add_params(zoom).properties(width=theme.WIDTH + 140, height=70 * len(lanes))
    desc = f"Timeline: {title}. {len(data)} events, {data['date'].min()} to {data['date'].max()}."
    return finish(ctx, chart, title=title, description=desc, frames=[events])


def events_per_year(ctx, events: pd.DataFrame, *, title: str):
    data = prepare_events(ctx, events)
    if data.empty:
        return _empty(ctx, title)
    lang = ctx.lang
    counts = data.groupby(["year", "actor_kind_label"]).size().reset_index(name="n")
    chart = alt.Chart(counts).mark_bar().encode(
        x=alt.X("year:O", title=t("col_year", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("n:Q", title=t("col_count", lang), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("actor_kind_label:N", title=t("col_kind", lang)),
        tooltip=[alt.Tooltip("year:O", title=t("col_year", lang)), alt.Tooltip("actor_kind_label:N", title=t("col_kind", lang)),
                 alt.Tooltip("n:Q", title=t("col_count", lang))],
    ).properties(width=theme.WIDTH, height=theme.HEIGHT)
    desc = f"Stacked bar chart: {title}. Events per year from {counts['year'].min()} to {counts['year'].max()} by kind of actor."
    return finish(ctx, chart, title=title, description=desc, frames=[events])


def events_over_series(ctx, events: pd.DataFrame, series: pd.DataFrame, *, title: str, series_by: str = "indicator"):
    """Adoption lines with each event as a rule, so a reader sees what came before or after take-off."""
    data, _, unit_text = prepare(ctx, series, series_by)
    ev = prepare_events(ctx, events)
    if data.empty:
        return _empty(ctx, title)
    lang = ctx.lang
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    x = alt.X("date:T", title=t("col_year", lang), axis=alt.Axis(format="%Y"))
    lines = alt.Chart(data).encode(x=x, y=alt.Y("value_scaled:Q", title=unit_text),
                                   color=alt.Color("series:N", title=None))
    layers = [
        lines.transform_filter("datum.on_line").mark_line(),
        lines.mark_point(filled=True).encode(fillOpacity=alt.condition("datum.bound", alt.value(0), alt.value(1)),
                                             tooltip=_tooltip(lang)).add_params(zoom),
    ]
    if not ev.empty:
        ev = ev.assign(date=ev["date_iso"])
        layers.insert(0, alt.Chart(ev).mark_rule(strokeDash=[3, 3], opacity=0.6).encode(
            x="date:T", color=alt.value("#888"), tooltip=_event_tooltip(lang)))
    chart = alt.layer(*layers).properties(width=theme.WIDTH, height=theme.HEIGHT)
    desc = _describe(ctx, "Line chart with event markers", title, data, unit_text) + f" {len(ev)} events marked."
    return finish(ctx, chart, title=title, description=desc, frames=[series, events])


def table(ctx, frame: pd.DataFrame, columns: dict[str, str]) -> "Table":
    """A plain table with headings in the report's language and citation numbers; pandas escapes it when shown."""
    data, _, _ = prepare(ctx, frame)
    if data.empty:
        return Table(pd.DataFrame({t("col_value", ctx.lang): [t("no_data", ctx.lang)]}))
    return Table(pd.DataFrame({t(heading, ctx.lang): data[col] for col, heading in columns.items()}))


class Table:
    """A table shown whole (pandas would cut a long one to its first and last rows) with every cell escaped."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame.reset_index(drop=True)

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, escape=True, border=0, classes="cd-table", na_rep="")

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def as_table(frame: pd.DataFrame) -> Table:
    return Table(frame)
