"""Lines, bars and slopes: hue for identity, mark for basis (hollow for a bound, a ring for a second publisher,
square and dashed for a later basis), gaps shown, and the in-page currency control on money charts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import currency_switch, theme
from ...errors import ChartContractError
from ..i18n import period_label, t
from .contract import MIN_BARS, MIN_LINE_POINTS, check_one_unit, check_series
from .footers import _basis_note, _describe, axis_title, finish
from .rows import SECOND_HAND, _with_stated, prepare
from .tables import Notice, notice
from .time_axes import _years, missing_periods, split_year, year_axis, year_rules


BOUND_STROKE = 2.0
NEUTRAL = "#666666"


def _text_px(text: str) -> float:
    """A label's width as drawn at 10-11 px: a Hangul or Han character about twice a Latin one."""
    return sum(10.5 if "\u1100" <= ch <= "\ud7af" or "\u2e80" <= ch <= "\u9fff" else 5.6 for ch in str(text))


def _wrap_px(text: str, px: float, max_lines: int = 2) -> list[str]:
    """A label as the lines `px` can hold, word by word (Vega draws a list of strings as lines); the last of
    `max_lines` keeps the rest, and the mark's `limit` cuts it only if it still does not fit."""
    lines: list[str] = []
    for word in str(text).split(" "):
        if lines and _text_px(f"{lines[-1]} {word}") <= px:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines if len(lines) <= max_lines else lines[: max_lines - 1] + [" ".join(lines[max_lines - 1:])]


def _switch(ctx, frame: pd.DataFrame, data: pd.DataFrame, currency: str | None):
    """For a money chart: the data with a column per currency and what the chart needs to draw the control,
    or None when the chart is not about money (or was handed figures already converted)."""
    if currency is None or not currency_switch.is_money(frame) or "value_original" in frame:
        return None
    options = currency_switch.options_for(data)
    initial = currency_switch.initial_option(currency, options, data)
    data, titles, missing = currency_switch.add_columns(ctx, data, options)
    for field, prefix in (("value_scaled", "s"), ("value_text", "t"), ("fx_text", "r"), ("flip_text", "f")):
        data[field] = data[f"{prefix}_{initial}"]
    return {"data": data, "options": options, "initial": initial, "titles": titles, "missing": missing}


def _switch_tips(ctx, tips: list) -> list:
    return tips[:-1] + [alt.Tooltip("fx_text:N", title=t("col_fx", ctx.lang)),
                        alt.Tooltip("flip_text:N", title=t("col_flip", ctx.lang)), tips[-1]]


def _switch_finish(ctx, layers: list, sw: dict, data: pd.DataFrame):
    """The control, the unit title that follows it, and the in-frame note of points it cannot convert."""
    extra = [currency_switch.unit_title(ctx, sw["titles"])]
    note = currency_switch.missing_note(ctx, sw["missing"])
    if note is not None:
        extra.append(note)
    return layers + extra, currency_switch.param(ctx, sw["options"], sw["initial"], data), \
        tuple(currency_switch.footer_lines(ctx, data, sw["options"], sw["missing"]))


def _tooltip(ctx, data: pd.DataFrame) -> list:
    lang = ctx.lang
    tips = [
        alt.Tooltip("series:N", title=t("col_series", lang)),
        alt.Tooltip("period_text:N", title=t("col_period", lang)),
        alt.Tooltip("value_text:N", title=t("col_value", lang)),
    ]
    if "original_text" in data and data["original_text"].ne("").any():
        tips.append(alt.Tooltip("original_text:N", title=t("col_original", lang)))
    if "stated" in data and data["stated"].fillna("").ne("").any():
        tips.append(alt.Tooltip("stated_text:N", title=t("col_stated", lang)))
    if "statement_text" in data and data["statement_text"].ne("").any():
        tips.append(alt.Tooltip("statement_text:N", title=t("col_statement", lang)))
    if "break_text" in data and data["break_text"].ne("").any():
        tips.append(alt.Tooltip("break_text:N", title=t("col_break", lang)))
    tips.append(alt.Tooltip("source_ref:N", title=t("col_source", lang)))
    return tips


def _color_scale(data: pd.DataFrame) -> alt.Scale:
    """One hue per entity or indicator (whatever its basis), in the order of the series keys, not of their
    labels, so English and Korean match; every hue meets 3:1 against the page (theme.PALETTE)."""
    field = "hue" if "hue" in data else "series"
    domain = list(dict.fromkeys(data.sort_values(["line_key"])[field]))
    return alt.Scale(domain=domain, range=[theme.PALETTE[i % len(theme.PALETTE)] for i in range(len(domain))])


def _color(data: pd.DataFrame, legend: bool = True) -> alt.Color:
    field = "hue" if "hue" in data else "series"
    return alt.Color(f"{field}:N", title=None, scale=_color_scale(data),
                     legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0) if legend else None)


def _mark_kinds(ctx, data: pd.DataFrame) -> pd.DataFrame:
    """What each point is drawn as, in words: the legend of marks is made from these, so it shows the marks as
    they are drawn (a goal's diamond, a bound's hollow mark, a later basis's square)."""
    lang = ctx.lang
    plan = data["plan"] if "plan" in data else pd.Series(False, index=data.index)
    basis = data["basis"] if "basis" in data else pd.Series(0, index=data.index)
    names = data["basis_name"] if "basis_name" in data else pd.Series("", index=data.index)
    kinds, shapes, hollow = [], {}, set()
    second = data["series_slug"].isin(SECOND_HAND) if "series_slug" in data else pd.Series(False, index=data.index)
    for p, b, i, name, sec in zip(plan, data["bound"], basis, names, second):
        if sec and not p:
            # a second publisher's own (differing) figure: a ring around the place, never a dot over the first's
            k = t("mark_second", lang)
            shapes[k] = "circle"
            hollow.add(k)
            kinds.append(k)
            continue
        if p:
            k = t("mark_goal_bound" if b else "mark_goal", lang)
            shapes[k] = "diamond"
        elif b:
            k = t("mark_bound", lang)
            shapes[k] = "circle"
        else:
            k = name or t("mark_reported", lang)
            shapes[k] = "circle" if i == 0 else "square" if i == 1 else "triangle-up"
        if b:
            hollow.add(k)
        kinds.append(k)
    data = data.assign(mark_kind=kinds, second=list(second))
    data.attrs["mark_shapes"], data.attrs["mark_hollow"] = shapes, hollow
    return data


def _shape(ctx, data: pd.DataFrame, hollow: bool, second: bool | None = None):
    """The mark legend of the filled or of the hollow layer: shown when a chart draws more than one kind of mark,
    each entry drawn as its marks are (filled or hollow; circle, square or diamond). The two layers keep their
    own shape scale and legend (`resolve_scale(shape='independent')`), so a hollow mark's key is hollow."""
    shapes, hollows = data.attrs.get("mark_shapes", {}), data.attrs.get("mark_hollow", set())
    ring = t("mark_second", ctx.lang)
    order = [k for k in shapes if (k in hollows) == hollow and (second is None or (k == ring) == second)]
    if not order:
        return alt.Undefined
    legend = None
    if len(shapes) > 1 and not hollow:  # the hollow kinds' key is drawn by `_hollow_key`
        legend = alt.Legend(title=t("legend_marks", ctx.lang), orient="bottom", direction="vertical", labelLimit=0,
                            symbolSize=80, symbolFillColor="#555555", symbolStrokeColor="#555555")
    return alt.Shape("mark_kind:N", scale=alt.Scale(domain=order, range=[shapes[k] for k in order]), legend=legend)


#: Outlines drawn as filled rings (a shape with a hole), so the legend of hollow marks shows them hollow: Vega-Lite
#: draws a legend symbol of an unfilled layer without an outline where colour has a legend of its own.
RING = {"circle": "M1,0A1,1,0,1,1,-1,0A1,1,0,1,1,1,0ZM0.55,0A0.55,0.55,0,1,0,-0.55,0A0.55,0.55,0,1,0,0.55,0Z",
        "diamond": "M0,-1L1,0L0,1L-1,0ZM0,-0.5L-0.5,0L0,0.5L0.5,0Z",
        "square": "M-1,-1H1V1H-1ZM-0.55,-0.55V0.55H0.55V-0.55Z"}


def _hollow_key(ctx, data: pd.DataFrame):
    """The legend entries of the hollow marks (bounds, a plan's bound goal, a second publisher's ring), drawn
    hollow; a layer with no visible mark of its own, only its legend. None where the chart has none or needs none."""
    shapes, hollows = data.attrs.get("mark_shapes", {}), data.attrs.get("mark_hollow", set())
    order = [k for k in shapes if k in hollows]
    if not order or len(shapes) < 2:
        return None
    title = t("legend_marks", ctx.lang) if len(order) == len(shapes) else " "
    return alt.Chart(pd.DataFrame({"mark_kind": order})).mark_point(filled=True, opacity=0).encode(
        shape=alt.Shape("mark_kind:N", scale=alt.Scale(domain=order, range=[RING.get(shapes[k], RING["circle"])
                                                                            for k in order]),
                        legend=alt.Legend(title=title, orient="bottom", direction="vertical", labelLimit=0,
                                          symbolSize=90, symbolFillColor="#555555", symbolOpacity=1,
                                          symbolStrokeWidth=0)))


def _gap_layer(ctx, data: pd.DataFrame, y_bottom: int = theme.HEIGHT):
    """A short tick on the time axis, in the series' hue, at every period a joined series skips, so a reader
    sees which periods are missing where a line breaks; None when no series skips one."""
    gaps = missing_periods(data)
    if gaps.empty:
        return None, []
    gaps["gap_text"] = [f"{t('not_available', ctx.lang)}: {period_label(p, ctx.lang)}" for p in gaps["gap_period"]]
    layer = alt.Chart(gaps).mark_tick(thickness=2, size=12, opacity=0.9).encode(
        x="date:T", y=alt.value(y_bottom - 6), color=alt.Color("hue:N", scale=_color_scale(data)),
        tooltip=[alt.Tooltip("gap_text:N", title=t("col_period", ctx.lang))])
    periods = list(dict.fromkeys(period_label(p, ctx.lang) for p in gaps.sort_values("date")["gap_period"]))
    shown = ", ".join(periods[:6]) + (", " + t("gap_more", ctx.lang, n=len(periods) - 6) if len(periods) > 6 else "")
    return layer, [t("gap_line", ctx.lang, periods=shown)]


def _headroom(data: pd.DataFrame, field: str = "value_scaled") -> float | None:
    """A top for a value axis that leaves room above its highest mark, so no mark or label sits on the frame
    (9.9% under a 10% goal): 8% above the highest value, before the axis is made nice."""
    v = pd.to_numeric(data[field], errors="coerce").dropna()
    if v.empty or v.max() <= 0:
        return None
    return float(v.max()) * 1.08


def _chart_rows(ctx, frame: pd.DataFrame, title: str, series_by: str, currency: str | None, minimum: int,
                one_series: bool = False):
    """The rows a line or bar chart draws, after the contract's checks: (rows, axis unit, currency switch or
    None); the rows are the Notice that stands in for the chart when there are fewer than `minimum`."""
    if not (currency and currency_switch.is_money(frame)):
        check_one_unit(frame, title)
    if one_series:
        check_series(frame, title)
    data, _, unit_text = prepare(ctx, frame, series_by)
    if len(data) < minimum:
        return notice(ctx, title, data, minimum, [frame]), None, None
    data = _with_stated(ctx, data)
    sw = _switch(ctx, frame, data, currency)
    if sw:
        data, unit_text = sw["data"], None
    return data, unit_text, sw


def line(ctx, frame: pd.DataFrame, *, title: str, series_by: str = "entity", log: bool = False,
         y_title: str | None = None, currency: str | None = None, notes: tuple = ()):
    """Values over time, one line per comparable series, broken at gaps; hollow stroked points for bounds."""
    data, unit_text, sw = _chart_rows(ctx, frame, title, series_by, currency, MIN_LINE_POINTS, one_series=True)
    if isinstance(data, Notice):
        return data
    lang = ctx.lang
    rank = data["unit"].iloc[0] == "rank"
    top = None if (log or rank or sw) else _headroom(data)
    # a ranking starts at first place: the axis's top is 1, not a "0th" place
    scale = (alt.Scale(type="log") if log else alt.Scale(zero=False, reverse=True, nice=True, domainMin=1) if rank
             else alt.Scale(zero=True, nice=True, domainMax=top) if top else alt.Scale(zero=True, nice=True))
    data = _mark_kinds(ctx, data)
    tips = _switch_tips(ctx, _tooltip(ctx, data)) if sw else _tooltip(ctx, data)

    def panel(d: pd.DataFrame, width: int, scale) -> tuple[list, list]:
        years = _years(d)
        y = alt.Y("value_scaled:Q", title=y_title if y_title is not None else axis_title(ctx, data, unit_text),
                  scale=scale)
        src = currency_switch.calculate(alt.Chart(d), sw["options"]) if sw else alt.Chart(d)
        base = src.encode(x=year_axis(lang, years), y=y, color=_color(data))
        # a later basis of the same company or measure: same hue, dashed line
        lines = base.transform_filter("datum.on_line").mark_line().encode(
            detail="line_id:N", strokeDash=alt.condition("datum.basis > 0", alt.value([6, 4]), alt.value([1, 0])))
        exact = base.transform_filter("!datum.bound && !datum.second").mark_point(filled=True, opacity=1).encode(
            shape=_shape(ctx, data, hollow=False), tooltip=tips,
            size=alt.condition("datum.plan", alt.value(110), alt.value(45)))
        bounds = base.transform_filter("datum.bound && !datum.second").mark_point(
            filled=False, size=80, strokeWidth=BOUND_STROKE, fill="white", fillOpacity=1, opacity=1).encode(
            shape=_shape(ctx, data, hollow=True, second=False), tooltip=tips)
        rings = base.transform_filter("datum.second").mark_point(
            filled=False, size=200, strokeWidth=BOUND_STROKE, fill="white", fillOpacity=1, opacity=1).encode(
            shape=_shape(ctx, data, hollow=True, second=True), tooltip=tips)
        # a second publisher's ring lies under the first publisher's dot, never over it
        layers = [year_rules(years), lines, rings, exact, bounds]
        key = _hollow_key(ctx, data)
        if key is not None:
            layers.append(key)
        gap, gap_notes = _gap_layer(ctx, d)
        if gap is not None:
            layers.insert(1, gap)
        return layers, gap_notes

    split = None if (log or rank or sw) else split_year(data)
    if split is not None:
        # one early point would set the scale and flatten the years the text discusses: two panels, each with
        # its own scale, the later one wider
        early, late = data[data["period_end"].dt.year < split], data[data["period_end"].dt.year >= split]
        w_early = max(160, int(theme.WIDTH * 0.4))
        l1, n1 = panel(early, w_early, alt.Scale(zero=True, nice=True, domainMax=_headroom(early)))
        l2, n2 = panel(late, theme.WIDTH - w_early + 40, alt.Scale(zero=True, nice=True, domainMax=_headroom(late)))
        chart = alt.hconcat(alt.layer(*l1).properties(width=w_early, height=theme.HEIGHT).resolve_scale(shape="independent"),
                            alt.layer(*l2).properties(width=theme.WIDTH - w_early + 40, height=theme.HEIGHT)
                            .resolve_scale(shape="independent"), spacing=24).resolve_scale(y="independent")
        first = period_label(str(int(early["period_end"].dt.year.min())), lang)
        note = t("split_line", lang, split=period_label(str(split), lang), first=first,
                 high=data["value_text"].iloc[int(pd.to_numeric(data["value_scaled"]).values.argmax())])
        extra = tuple(dict.fromkeys(n1 + n2)) + (note,) + tuple(_basis_note(ctx, data))
        return finish(ctx, chart, title=title, description=_describe(ctx, "line", title, data, unit_text),
                      frames=[frame], currency=currency, notes=extra + tuple(notes))
    layers, gap_notes = panel(data, theme.WIDTH, scale)
    extra = tuple(gap_notes) + tuple(_basis_note(ctx, data))
    if sw:
        layers, control, lines = _switch_finish(ctx, layers, sw, data)
        chart = alt.layer(*layers).add_params(control).properties(width=theme.WIDTH, height=theme.HEIGHT) \
            .resolve_scale(shape="independent")
        return finish(ctx, chart, title=title, description=_describe(ctx, "line", title, data, sw["titles"][sw["initial"]]),
                      frames=[frame], notes=lines + extra + tuple(notes))
    chart = alt.layer(*layers).properties(width=theme.WIDTH, height=theme.HEIGHT).resolve_scale(shape="independent")
    return finish(ctx, chart, title=title, description=_describe(ctx, "line", title, data, unit_text),
                  frames=[frame], currency=currency, notes=extra + tuple(notes))


def bars(ctx, frame: pd.DataFrame, *, title: str, category: str = "series", series_by: str = "entity",
         y_title: str | None = None, currency: str | None = None, sort=None, horizontal=False):
    """One bar per row from zero on a linear scale; a bound is a hollow bar with a dashed outline."""
    data, unit_text, sw = _chart_rows(ctx, frame, title, series_by, currency, MIN_BARS)
    if isinstance(data, Notice):
        return data
    if category == "series_period":
        data["category"] = data["series"] + " · " + data["period_text"]
    elif category == "period":
        data["category"] = data["period_text"]
        if set(data["period_precision"]) == {"year"}:
            # Years keep their spacing: a year with no figure stays on the axis as an empty slot.
            sort = [period_label(str(y), ctx.lang) for y in range(int(data["year"].min()), int(data["year"].max()) + 1)]
        elif sort is None:  # other periods in time order, never by size
            sort = list(dict.fromkeys(data.sort_values("period_end")["period_text"]))
    else:
        data["category"] = data[category] if category in data else data["series"]
    if data["category"].duplicated().any():
        raise ChartContractError(f"chart {title!r}: two bars would share the label "
                                 f"{data.loc[data['category'].duplicated(), 'category'].iloc[0]!r}; pick a category that tells them apart")
    if sort is None:
        # largest first, ties by the series key and period: an explicit order, so the Korean edition's bars stand
        # in the English edition's order (Vega would break ties by the label, i.e. by each language's alphabet)
        ranked = data.assign(_v=pd.to_numeric(data["value"], errors="coerce")).sort_values(
            ["_v", "line_key", "period_end"], ascending=[False, True, True], kind="stable")
        sort = list(dict.fromkeys(ranked["category"]))
        explicit = False
    else:
        explicit = True
    order = sort
    value_title = y_title if y_title is not None else axis_title(ctx, data, unit_text) if unit_text else unit_text
    # Many categories tilt their labels, and overlapping ones are thinned, so a phone-width chart stays legible.
    many = data["category"].nunique() > 5
    cat_axis = alt.Axis(labelAngle=-40 if many else 0, labelLimit=220, labelOverlap=True) if not horizontal \
        else alt.Axis(labelLimit=260)
    domain = sort if (explicit and isinstance(sort, list)) else None
    # room beyond the longest bar for its printed value, so no label is pressed against the frame
    top = None if sw else _headroom(data)
    if horizontal:
        cat = alt.Y("category:N", title=None, sort=sort, axis=cat_axis)
        val = alt.X("value_scaled:Q", title=value_title,
                    scale=alt.Scale(zero=True, domainMax=top * 1.12) if top else alt.Scale(zero=True))
    else:
        cat = alt.X("category:N", title=None, sort=order, axis=cat_axis,
                    scale=alt.Scale(domain=domain) if domain else alt.Undefined)
        val = alt.Y("value_scaled:Q", title=value_title,
                    scale=alt.Scale(zero=True, domainMax=top) if top else alt.Scale(zero=True))
    src = currency_switch.calculate(alt.Chart(data), sw["options"]) if sw else alt.Chart(data)
    base = src.encode(cat, val, tooltip=_switch_tips(ctx, _tooltip(ctx, data)) if sw else _tooltip(ctx, data))
    bar = base.mark_bar(strokeWidth=BOUND_STROKE).encode(
        color=_color(data, legend=category != "series" and data["series"].nunique() > 1),
        stroke=_color(data, legend=False),
        fillOpacity=alt.condition("datum.bound", alt.value(0.15), alt.value(1)),
        strokeDash=alt.condition("datum.bound", alt.value([4, 3]), alt.value([1, 0])),
    )
    text = base.mark_text(align="left" if horizontal else "center", dx=4 if horizontal else 0,
                          dy=0 if horizontal else -8, fontSize=11, color="#333").encode(text="value_text:N")
    size = {"width": theme.WIDTH, "height": max(120, 34 * len(data))} if horizontal else \
        {"width": theme.WIDTH, "height": theme.HEIGHT}
    # Values printed on the bars only while they fit; the tooltip and the table view always carry them.
    texts = [x for c in ([f"t_{o}" for o in sw["options"]] if sw else ["value_text"]) for x in data[c] if x]
    # measured as drawn (a Hangul syllable is twice a digit's width), against the slot each bar has, n/a slots
    # included: a label wider than its slot would run into its neighbour's or over the axis
    slots = len(domain) if domain else len(data)
    wide = max(_text_px(x) for x in texts) * 1.1 + 4 > theme.WIDTH / slots if not horizontal else False
    layers = [bar] if wide else [bar, text]
    if domain and not horizontal:
        layers += _missing_slots(ctx, data, domain, sw, cat)
    if sw:
        layers, control, lines = _switch_finish(ctx, layers, sw, data)
        chart = alt.layer(*layers).add_params(control).properties(**size)
        return finish(ctx, chart, title=title, description=_describe(ctx, "bar", title, data, sw["titles"][sw["initial"]]),
                      frames=[frame], notes=lines)
    chart = alt.layer(*layers).properties(**size)
    return finish(ctx, chart, title=title, description=_describe(ctx, "bar", title, data, unit_text),
                  frames=[frame], currency=currency)


def _missing_slots(ctx, data: pd.DataFrame, domain: list, sw, cat) -> list:
    """'n/a' on the axis where a period has no figure (or none in the chosen currency), so an empty slot never
    reads as zero."""
    label = t("not_available", ctx.lang)
    have = set(data["category"])
    empty = [c for c in domain if c not in have]
    out = []
    if empty:
        out.append(alt.Chart(pd.DataFrame({"category": empty, "na": [label] * len(empty)})).mark_text(
            baseline="bottom", dy=-3, fontSize=10, color=NEUTRAL).encode(
            x=alt.X("category:N", sort=domain, scale=alt.Scale(domain=domain), title=None),
            y=alt.value(theme.HEIGHT), text="na:N"))
    if sw:
        pick = "datum['s_' + " + currency_switch.PARAM + "]"
        out.append(alt.Chart(data).transform_filter(f"!isValid({pick})").transform_calculate(na=f"'{label}'")
                   .mark_text(baseline="bottom", dy=-3, fontSize=10, color=NEUTRAL).encode(
                       x=alt.X("category:N", sort=domain, scale=alt.Scale(domain=domain), title=None),
                       y=alt.value(theme.HEIGHT), text="na:N"))
    return out


def slope(ctx, before: pd.DataFrame, after: pd.DataFrame, *, title: str):
    """Two stages joined by a line per entity: rank 1 at the top, as a ranking reads."""
    b, _, unit_text = prepare(ctx, before)
    a, _, _ = prepare(ctx, after)
    if b.empty or a.empty:
        data = pd.concat([b, a], ignore_index=True) if not (b.empty and a.empty) else b
        return notice(ctx, title, data, 2, [before, after])
    lang = ctx.lang
    b["stage"] = f"{t('before', lang)} ({', '.join(dict.fromkeys(b['period_text']))})"
    a["stage"] = f"{t('after', lang)} ({', '.join(dict.fromkeys(a['period_text']))})"
    data = pd.concat([b, a], ignore_index=True)
    data["label"] = data["value_text"]
    order = list(dict.fromkeys(data["stage"]))
    base = alt.Chart(data).encode(
        x=alt.X("stage:N", title=None, sort=order, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=unit_text, scale=alt.Scale(reverse=True, zero=False, nice=True)),
        color=_color(data),
        detail="series:N",
    )
    chart = alt.layer(
        base.mark_line(),
        base.mark_point(filled=True, size=80).encode(tooltip=_tooltip(ctx, data)),
        base.mark_text(align="left", dx=8).encode(text="label:N"),
    ).properties(width=theme.WIDTH, height=theme.HEIGHT)
    return finish(ctx, chart, title=title, description=_describe(ctx, "slope", title, data, unit_text),
                  frames=[before, after])
