"""Chart builders: a notebook cell is one call, never styling.

Every builder takes the report context (language, dataset, citations) and a
tidy frame from the dataset, and returns something a reader can trust on its
own: an Altair chart with a title, its sources, a description for screen
readers and tooltips with value, period, bound and source; or, when the data
cannot make an honest chart, a sentence and a small table saying so.

The chart contract lives here, where every chart is made, so notebooks, the
batch and JupyterLab all get it:
- one unit per axis (a frame mixing units is refused, naming the rows);
- bars start at zero on a linear scale, and a comparison needs two bars;
- a line joins only points of one comparable series (indicator, entity, unit
  and the `series` recorded in the data), breaks where its series has a gap
  longer than its usual step, and needs three points;
- a period sits where it happened: a December value at the end of its year,
  a fiscal year across its own months; year labels sit inside their year;
- a bound is drawn hollow with a visible stroke;
- a converted amount keeps the significant digits of the figure it came from.

Charts come back without baked-in config (the house style is an Altair
theme), so an analyst can `.properties(width=800)`, layer or concatenate them.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from . import currency_switch, theme
from .citations import refs_text
from ..errors import ChartContractError
from .i18n import actor_kind_label, axis_title_ko, axis_unit, entity_label, growth_text, period_label, t, theme_label
from ..dataset.metrics import UNJOINED_SERIES, round_converted
from ..dataset.units import format_value, round_sig, scale_for

theme.enable()

PERIOD_KINDS = {"year": "calendar year", "interval": "fiscal year", "quarter": "quarter", "month": "month",
                "day": "day"}
MIN_LINE_POINTS = 3
MIN_BARS = 2
BOUND_STROKE = 2.0
NEUTRAL = "#666666"
# CSV and spec numbers never carry more digits than a spreadsheet keeps (Excel: 15).
MAX_DIGITS = 15


# -- what a chart may show ----------------------------------------------------------------------------

def check_one_unit(frame: pd.DataFrame, title: str) -> None:
    """Refuse a frame that would put two units on one axis, naming the rows that disagree."""
    if frame.empty or frame["unit"].nunique() <= 1:
        return
    parts = [f"{ind}/{ent} in {unit}" for (ind, ent, unit), _ in frame.groupby(["indicator", "entity", "unit"])]
    raise ChartContractError(f"chart {title!r}: one unit per axis; the rows mix {', '.join(parts)}")


def series_key(frame: pd.DataFrame) -> pd.Series:
    """The comparable series each row belongs to: indicator, entity, unit and the data's `series`.

    Where the data carry no `series` column (an analyst's own frame), rows of one publisher family
    and one kind of period form a series, which is the strictest guess available.
    """
    if frame.empty:
        return pd.Series([], dtype=str)
    if "series" in frame and frame["series"].fillna("").ne("").all():
        basis = frame["series"].astype(str)
    else:
        basis = frame["source_id"].str.split("-").str[0] + ":" + frame["period_precision"].astype(str)
    return frame["indicator"] + "|" + frame["entity"] + "|" + frame["unit"] + "|" + basis


def joined_series(ds) -> set[str] | None:
    """Series slugs whose points may be joined by a line (None: the data carry no series table)."""
    table = getattr(ds, "series_table", None)
    if table is None or table.empty:
        return None
    if "joined" in table:
        return set(table.loc[table["joined"].astype(str).str.lower().isin(["true", "1", "yes"]), "series"])
    return set(table["series"]) - UNJOINED_SERIES


def check_series(frame: pd.DataFrame, title: str) -> None:
    """Refuse a series whose points mix kinds of period (a year among quarters reads as a jump)."""
    if frame.empty:
        return
    keyed = frame.assign(_key=series_key(frame))
    for key, g in keyed.groupby("_key"):
        kinds = sorted(set(g["period_precision"]))
        if len(kinds) > 1 and not set(kinds) <= {"month", "day"}:
            ind, ent, _, basis = key.split("|", 3)
            raise ChartContractError(
                f"chart {title!r}: indicator {ind}, entity {ent}, series {basis}: one series mixes periods of "
                f"{' and '.join(kinds)}; a line joins only one comparable series (split it in data/series.csv)")


# -- positions on a time axis ---------------------------------------------------------------------------

def _position(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """Where a period sits on a time axis: its middle, so December 2014 stays inside 2014."""
    mid = start + (end - start) / 2
    return mid.strftime("%Y-%m-%d")


#: The step of a series whose periods have a fixed length, in days: a missing period is a gap of one more step.
CADENCE_DAYS = {"year": 365.25, "interval": 365.25, "quarter": 91.3}


def cadence(g: pd.DataFrame) -> float | None:
    """A series' own step in days: the length of its periods (a year, a quarter); for figures dated at a month
    or a day (half-yearly surveys, year-end counts), the lower quartile of the steps between them."""
    kinds = set(g["period_precision"]) if "period_precision" in g else set()
    if len(kinds) == 1 and next(iter(kinds)) in CADENCE_DAYS:
        return CADENCE_DAYS[next(iter(kinds))]
    gaps = g.sort_values("period_end")["period_end"].diff().dt.days.dropna()
    if len(gaps) < 2:
        return None
    return max(float(gaps.quantile(0.25)), 28.0)


def _segments(data: pd.DataFrame) -> pd.Series:
    """Number the unbroken runs of each series. One rule for every line in the suite: a step longer than one
    and a half of the series' own cadence (`cadence`) is a missing period, and the line breaks there."""
    seg = pd.Series(0, index=data.index)
    for _, g in data.groupby("line_key"):
        g = g.sort_values("period_end")
        step = cadence(g)
        if step is None:
            continue
        gaps = g["period_end"].diff().dt.days
        run = (gaps > 1.5 * step).cumsum()
        seg.loc[g.index] = run.values
    return seg


def missing_periods(data: pd.DataFrame) -> pd.DataFrame:
    """The periods each joined series skips inside its own span (by the rule of `_segments`): one row per
    missing period, at its middle, with the series' hue and the period's words."""
    rows = []
    if data.empty or "on_line" not in data:
        return pd.DataFrame(columns=["date", "hue", "gap_text"])
    for _, g in data[data["on_line"]].groupby("line_key"):
        g = g.sort_values("period_end")
        step = cadence(g)
        if step is None or len(g) < 2:
            continue
        kind = g["period_precision"].iloc[0]
        ends = list(g["period_end"])
        for a, b in zip(ends, ends[1:]):
            if (b - a).days <= 1.5 * step:
                continue
            n = int(round((b - a).days / step)) - 1
            for k in range(1, n + 1):
                end = a + pd.Timedelta(days=step * k)
                if kind == "quarter":
                    q = (end - pd.Timedelta(days=20)).to_period("Q")
                    mid, label = q.start_time + (q.end_time - q.start_time) / 2, f"{q.year}Q{q.quarter}"
                elif kind in ("year", "interval"):
                    end = a + pd.DateOffset(years=k)
                    mid, label = end - pd.Timedelta(days=182), str(end.year)
                else:
                    mid, label = end, end.strftime("%Y-%m")
                rows.append({"date": mid.strftime("%Y-%m-%d"), "hue": g["hue"].iloc[0] if "hue" in g else "",
                             "gap_period": label})
    return pd.DataFrame(rows, columns=["date", "hue", "gap_period"])


def year_axis(lang: str, years: list[int], title: bool = True) -> alt.X:
    """Years labelled in the middle of their span; the rules at each 1 January are drawn by `year_rules`."""
    values = [alt.DateTime(year=y, month=7, date=1) for y in years]
    step = 1 if len(years) <= 14 else 2
    values = values[::step]
    return alt.X("date:T", title=t("col_year", lang) if title else None,
                 scale=alt.Scale(domain=[alt.DateTime(year=years[0], month=1, date=1),
                                         alt.DateTime(year=years[-1] + 1, month=1, date=1)]),
                 axis=alt.Axis(values=values, format="%Y", grid=False, ticks=False, labelOverlap=True,
                               labelPadding=6))


def year_rules(years: list[int]) -> alt.Chart:
    """A faint line at each new year, so a reader sees which year a point falls in."""
    frame = pd.DataFrame({"date": [f"{y}-01-01" for y in range(years[0], years[-1] + 2)]})
    return alt.Chart(frame).mark_rule(color="#e6e6e6", strokeWidth=1).encode(x="date:T")


def _years(data: pd.DataFrame, start_col="period_start", end_col="period_end") -> list[int]:
    lo = int(data[start_col].min().year)
    hi = int(data[end_col].max().year)
    return list(range(lo, hi + 1))


# -- the rows a chart draws -----------------------------------------------------------------------------

def _clean_digits(x: float) -> float:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return x
    return round_sig(float(x), MAX_DIGITS)


#: Series that hold a second publisher's copy of a figure: never the mark kept when the figure is the same.
SECOND_HAND = ("other-publisher", "seed-restatement")


def one_mark_per_figure(frame: pd.DataFrame) -> pd.DataFrame:
    """Where two publishers state the same figure (same indicator, entity, period, unit, value and bound),
    one mark: the first publisher's row, with the other's source in `also_source_id`, so no mark hides
    exactly under another and the tooltip and table cite both. A second publisher's differing figure stays
    a mark of its own."""
    if frame.empty or "series" not in frame:
        return frame
    # the same figure for the same moment: a quarter's Q4 and its December end on one day and sit together
    when = "period_end" if "period_end" in frame else "period"
    key = ["indicator", "entity", when, "unit", "value", "qualifier"]
    f = frame.assign(_rank=frame["series"].isin(SECOND_HAND).astype(int), _pos=range(len(frame)))
    if not f.duplicated(key, keep=False).any():
        return frame
    keep, also = [], {}
    for _, g in f.sort_values(["_rank", "_pos"]).groupby(key, sort=False, dropna=False):
        first = g.iloc[0]
        keep.append(int(first["_pos"]))
        others = [x for x in g["source_id"].iloc[1:] if x != first["source_id"]]
        if others:
            also[int(first["_pos"])] = ";".join(dict.fromkeys(others))
    out = frame.iloc[sorted(keep)].copy()
    out["also_source_id"] = [also.get(i, "") for i in sorted(keep)]
    return out.reset_index(drop=True)


def counter_for(ds, indicator: str) -> str | None:
    """The Korean counter an indicator's counts read with (indicators.csv counter_ko), None when it has none."""
    inds = ds.indicators
    if "counter_ko" not in inds.columns:
        return None
    hit = inds.loc[inds["indicator"] == indicator, "counter_ko"]
    value = hit.iloc[0] if len(hit) else None
    return value if isinstance(value, str) and value.strip() else None


def prepare(ctx, frame: pd.DataFrame, series_by: str = "entity") -> tuple[pd.DataFrame, float, str]:
    """Add the columns every chart reads: series label, position, scaled value, texts, source reference.

    Returns the frame, the divisor used for the value axis, and the axis unit text.
    """
    if frame.empty:
        return frame.assign(series=[], date=[], value_scaled=[], value_text=[], source_ref=[], bound=[],
                            line_key=[], segment=[], on_line=[]), 1.0, ""
    ds, lang = ctx.ds, ctx.lang
    out = one_mark_per_figure(frame.reset_index(drop=True).copy())
    unit = out["unit"].iloc[0]
    out["qualifier"] = out["qualifier"].fillna("")
    out["bound"] = out["qualifier"] != ""
    converted = "value_original" in out
    if converted:
        out = round_converted(out)  # a converted amount is no more precise than the figure it came from
        out["converted"] = out["unit"] != out["unit_original"]
    else:
        out["converted"] = False
    out["value"] = [_clean_digits(v) for v in out["value"]]
    if unit in ("percent", "rank"):
        divisor, word = 1.0, ""
    else:
        divisor, word = scale_for(out["value"], lang)
    out["value_scaled"] = [_clean_digits(v / divisor) for v in out["value"]]
    # A Korean count reads with the counter its indicator declares ("100만 대", "153건", "602개사").
    counters = [counter_for(ds, i) for i in out["indicator"]]
    # rounding happens only in print: a converted amount's text keeps its source's digits, its mark does not move
    shown = out["value_print"] if "value_print" in out else out["value"]
    out["value_text"] = [format_value(v, u, lang, q, approx=bool(conv), counter=c)
                         for v, u, q, conv, c in zip(shown, out["unit"], out["qualifier"], out["converted"],
                                                     counters)]
    if converted:
        out["original_text"] = [format_value(v, u, lang, q) if conv else ""
                                for v, u, q, conv in zip(out["value_original"], out["unit_original"],
                                                         out["qualifier"], out["converted"])]
    ents = ds.entities.set_index("entity")
    # Legends and tooltips name entities plainly; the Chinese form appears once, in the report's prose.
    out["entity_label"] = [entity_label({**ents.loc[e].to_dict(), "entity": e}, lang, with_zh=False) for e in out["entity"]]
    out["indicator_label"] = [indicator_name(ctx, i) for i in out["indicator"]]
    base_label = out["entity_label"] if series_by == "entity" else out["indicator_label"]
    out["line_key"] = series_key(out).values
    if "series" in out:
        out["series_slug"] = out["series"].fillna("")
    out["series"] = _series_labels(ctx, out, base_label)
    out["period_text"] = [period_label(p, lang) for p in out["period"]]
    # a series that begins at a recorded break (breaks.csv) says so in its tooltip and table rows
    out["break_text"] = _break_texts(ctx, out)
    # Identity by hue, basis by mark: a company or a measure keeps its colour across a change of basis
    # (Canalys from Q2 2023, PBoC's 2023 non-bank series); the later basis is drawn with square marks and a
    # dashed line (`basis` counts a hue's series a series that begins at a recorded break after the rest, then the fuller series first).
    out["hue"] = list(base_label)
    out["basis"] = _basis_index(out)
    out["basis_name"] = _basis_names(ctx, out)
    # What kind of period each row covers, so a reader (and a test) can see that fiscal years, calendar years
    # and quarters are never one unlabelled series.
    out["period_kind"] = [PERIOD_KINDS.get(k, k) for k in out["period_precision"]]
    # What kind of statement each figure is (official statistic, company report, promotional claim ...), so
    # a claim never passes for a measured result: read in the tooltip, the table view and the footer.
    kinds = out["statement"].fillna("") if "statement" in out else pd.Series([""] * len(out))
    out["statement"] = list(kinds)
    out["statement_text"] = [t(f"statement.{k}", lang) if k else "" for k in kinds]
    out["date"] = [_position(s, e) for s, e in zip(out["period_start"], out["period_end"])]
    refs = []
    also = out["also_source_id"].fillna("") if "also_source_id" in out else pd.Series([""] * len(out), index=out.index)
    for sid, fx, more in zip(out["source_id"], out.get("fx_source_id", pd.Series([""] * len(out))).fillna(""), also):
        ids = [x for x in [sid, *str(more).split(";"), *str(fx).split(";")] if x]
        refs.append(refs_text(ctx.cites.cite(ids)))
    out["source_ref"] = refs
    sizes = out.groupby("line_key")["line_key"].transform("size")
    joinable = joined_series(ds)
    can_join = out["series_slug"].isin(joinable) if (joinable is not None and "series_slug" in out) else True
    # A plan's baseline and goal are not a path the economy took: drawn as goal marks, never joined.
    out["plan"] = out["series_kind"].eq("plan") if "series_kind" in out else False
    # a claim is a mark, never a path: a line joins only what was measured
    claimed = out["statement"].isin(["promotional-claim", "press-figure"]) if "statement" in out else False
    out["on_line"] = (sizes >= 2) & can_join & ~out["plan"] & ~claimed
    out["segment"] = _segments(out)
    out["line_id"] = out["line_key"] + "#" + out["segment"].astype(str)
    if lang == "ko" and unit in ("count", "persons"):
        # the axis counts in its rows' counter ("만 대", "건"); rows counted in different things share the scale only
        kinds = set(counters)
        if len(kinds) == 1 and None not in kinds:
            return out, divisor, axis_title_ko(out, f"{word} {kinds.pop()}".strip())
        if len(kinds) > 1:
            return out, divisor, axis_title_ko(out, word)
    return out, divisor, axis_title_ko(out, axis_unit(unit, word, lang)) if lang == "ko" else axis_unit(unit, word, lang)


def _basis_index(out: pd.DataFrame) -> list[int]:
    """A hue's series in the order they begin (0, 1, ...); a second publisher's copy is no basis of its own."""
    first = out.groupby("line_key")["period_start"].min()
    index = {}
    all_keys = list(out["line_key"])
    if "series_slug" in out:
        aside = out["series_slug"].isin(SECOND_HAND)
        if "series_kind" in out:  # a plan's baseline and goal are no basis of the measurement either
            aside |= out["series_kind"].eq("plan")
        index.update({k: 0 for k in out.loc[aside, "line_key"]})
        out = out[~aside]
    breaks = out.groupby("line_key")["break_text"].first().ne("") if "break_text" in out else None
    sizes = out.groupby("line_key").size()
    for _, g in out.groupby("hue", sort=False):
        # the basis a hue is drawn in plainly is its main series: not one that begins at a recorded break, and
        # the one with most figures (a lone press figure before a survey series is the survey's aside)
        keys = sorted(set(g["line_key"]), key=lambda k: (bool(breaks[k]) if breaks is not None else False,
                                                          -int(sizes[k]), first[k], k))
        index.update({k: i for i, k in enumerate(keys)})
    return [index[k] for k in all_keys]


def _basis_names(ctx, out: pd.DataFrame) -> list[str]:
    """The words for a row's basis, where one hue in the chart holds more than one; empty otherwise."""
    if not (out["basis"] > 0).any():
        return [""] * len(out)
    names = {}
    table = getattr(ctx.ds, "series_table", None)
    if table is not None and not table.empty:
        names = dict(zip(table["series"], table[f"name_{ctx.lang}"]))
    slugs = out["series_slug"] if "series_slug" in out else pd.Series([""] * len(out), index=out.index)
    return [names.get(s) or (s or k.split("|")[-1]) for s, k in zip(slugs, out["line_key"])]


def indicator_name(ctx, indicator: str) -> str:
    """An indicator's name in the report's language; quantities the library derives (an average payment)
    are named in the catalogues, not in the data."""
    if indicator in set(ctx.ds.indicators["indicator"]):
        return ctx.ds.label("indicator", indicator, ctx.lang)
    return t(f"derived.{indicator}", ctx.lang)


def _series_labels(ctx, out: pd.DataFrame, base: pd.Series) -> list[str]:
    """Legend words: the entity or indicator, plus the series' own name where one chart holds several of them."""
    names = {}
    if "series" in out:
        table = getattr(ctx.ds, "series_table", None)
        if table is not None and not table.empty:
            names = dict(zip(table["series"], table[f"name_{ctx.lang}"]))
    labels = []
    per_base: dict[str, set] = {}
    for b, key in zip(base, out["line_key"]):
        per_base.setdefault(b, set()).add(key)
    for b, key, basis in zip(base, out["line_key"], out.get("series", pd.Series([""] * len(out)))):
        if len(per_base[b]) > 1:
            word = names.get(basis) or str(basis or key.split("|")[-1])
            labels.append(f"{b} — {word}")
        else:
            labels.append(b)
    return labels


# -- money a reader can switch between currencies (report/currency_switch.py) -------------------------------

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


def _break_texts(ctx, out: pd.DataFrame) -> list[str]:
    ds = ctx.ds
    if getattr(ds, "breaks", None) is None or "series_slug" not in out:
        return [""] * len(out)
    texts = {}
    for slug in set(out["series_slug"]):
        b = ds.break_of(slug) if slug else None
        texts[slug] = "" if b is None else t("break_text", ctx.lang, date=period_label(str(b["date"]), ctx.lang),
                                               what=b[f"description_{ctx.lang}"])
    return [texts[x] for x in out["series_slug"]]


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


def _with_stated(ctx, data: pd.DataFrame) -> pd.DataFrame:
    if "stated" in data:
        loc = data["locator"].fillna("") if "locator" in data else pd.Series([""] * len(data), index=data.index)
        if ctx.lang == "ko":  # locators are written in English (observations.csv); the stated form is the quote
            loc = pd.Series([""] * len(data), index=data.index)
        data["stated_text"] = [f"{s} ({l})" if s and l else (s or "") for s, l in zip(data["stated"].fillna(""), loc)]
    return data


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
    latest = _latest_period(frames)
    if latest:
        lines.append(t("data_to", lang, period=period_label(latest, lang)))
    if currency and fx_nums:
        lines.append(t("fx_line", lang, cur=t(f"currency_{currency}", lang), refs=refs_text(sorted(set(fx_nums)))))
    converted = [f for f in frames if not f.empty and "value_original" in f]
    if currency and any((f.get("fx_basis", pd.Series(dtype=str)) == "months weighted").any() for f in converted):
        lines.append(t("fx_weighted_line", lang))
    if currency:
        lines += _growth_notes(ctx, converted)
    if not_converted:
        years = sorted({str(r["period"])[:4] for r in not_converted})
        lines.append(t("not_converted_line", lang, n=len(not_converted), years=", ".join(years),
                       cur=t(f"currency_{currency}", lang) if currency else ""))
    if any_bound:
        lines.append(t("bounds_line", lang))
    if any((f["series_kind"] == "plan").any() for f in frames if not f.empty and "series_kind" in f):
        lines.append(t("plan_line", lang))
    lines += statement_lines(ctx, frames)
    return lines


#: The kinds of statement, from the most to the least checked (data/README.md, "Kinds of statement").
STATEMENT_KINDS = ("official-statistic", "official-estimate", "company-report", "research-estimate",
                   "plan-target", "press-figure", "promotional-claim")


def _latest_period(frames) -> str | None:
    """The latest period a chart draws (of its measured rows, not a plan's goal): 'data to Q3 2025'."""
    best = None
    for f in frames:
        if f is None or f.empty or "period_end" not in f or "period" not in f:
            continue
        g = f[f["series_kind"] != "plan"] if "series_kind" in f else f
        if g.empty:
            continue
        row = g.iloc[int(g["period_end"].values.argmax())]
        if best is None or row["period_end"] > best[0]:
            best = (row["period_end"], str(row["period"]))
    return best[1] if best else None


def statement_lines(ctx, frames: list[pd.DataFrame]) -> list[str]:
    """Name the kinds of figure a chart holds when it holds more than one, or a promotional claim: a reader
    should not have to open every tooltip to learn that a mark is a claim beside statistics."""
    kinds = {k for f in frames if not f.empty and "statement" in f for k in f["statement"].fillna("") if k}
    if len(kinds) < 2 and "promotional-claim" not in kinds:
        return []
    order = sorted(kinds, key=lambda k: STATEMENT_KINDS.index(k) if k in STATEMENT_KINDS else len(STATEMENT_KINDS))
    lines = [t("statement.line", ctx.lang, kinds=", ".join(t(f"statement.{k}", ctx.lang) for k in order))]
    if "promotional-claim" in kinds:
        lines.append(t("statement.claim_line", ctx.lang))
    return lines


def _growth_notes(ctx, frames: list[pd.DataFrame], limit: int = 2) -> list[str]:
    """Where growth in the chart's currency differs from growth in the figures' own currency, say both."""
    from ..dataset.money import growth_note

    lines = []
    for f in frames:
        keyed = f.assign(_key=series_key(f))
        for _, g in keyed.groupby("_key", sort=False):
            note = growth_note(g, bounds=True)
            if note and len(lines) < limit:
                if f["indicator"].nunique() > 1:  # one entity, several measures: name the measure
                    who = indicator_name(ctx, g["indicator"].iloc[0])
                else:
                    ents = ctx.ds.entities.set_index("entity")
                    who = entity_label({**ents.loc[g["entity"].iloc[0]].to_dict(), "entity": g["entity"].iloc[0]},
                                       ctx.lang, with_zh=False)
                q = note.get("qualifier", "")
                lines.append(t("growth_line", ctx.lang, who=who, first=period_label(note["first"], ctx.lang),
                               last=period_label(note["last"], ctx.lang),
                               src=growth_text(note["source_growth"], q, ctx.lang),
                               src_cur=t(f"currency_{note['source_unit']}", ctx.lang),
                               conv=growth_text(note["converted_growth"], q, ctx.lang),
                               cur=t(f"currency_{note['unit']}", ctx.lang)))
            if note and note.get("flips"):
                steps = [t("flip_step", ctx.lang, first=period_label(x["from"], ctx.lang), last=period_label(x["to"], ctx.lang),
                           src=growth_text(x["source_change"], "", ctx.lang),
                           conv=growth_text(x["converted_change"], "", ctx.lang)) for x in note["flips"]]
                lines.append(t("flip_line", ctx.lang, steps="; ".join(steps),
                               src_cur=t(f"currency_{note['source_unit']}", ctx.lang),
                               cur=t(f"currency_{note['unit']}", ctx.lang)))
    return lines





def _source_ids(frames) -> list[str]:
    ids = []
    for f in frames:
        if f.empty:
            continue
        for col in ("source_id", "also_source_id", "fx_source_id"):
            if col in f:
                for s in f[col]:
                    for one in str(s).split(";"):
                        if one and one not in ids:
                            ids.append(one)
    return ids


def anchor(title: str) -> str:
    """A page anchor from a chart's title, so prose and the 'what this report answers' list can link to it."""
    import re

    return "fig-" + re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-")[:80]


def finish(ctx, chart, *, title: str, description: str, frames: list[pd.DataFrame], currency: str | None = None,
           notes: tuple = ()):
    """Title and sources as the chart's title and subtitle, a description for screen readers; `notes` are
    sentences the topic adds for what the reader must know (what a missing mark means).

    No config is set here (the house theme carries the style), so the chart stays composable.
    """
    footer = footer_lines(ctx, frames, currency=currency) + list(notes)
    ctx.cites.cite(_source_ids(frames))  # the report's sources section lists what its charts drew on
    return chart.properties(title=alt.TitleParams(title, subtitle=footer, anchor="start"), description=description,
                            name=anchor(title))


def _describe(ctx, kind: str, title: str, data: pd.DataFrame, unit_text: str) -> str:
    lang = ctx.lang
    if lang == "ko":  # Korean news style: a summary, not every legend entry (i18n.describe_ko)
        from .i18n import describe_ko

        return describe_ko(kind, title, data.reset_index(drop=True))
    first = period_label(data.sort_values('period_start')['period'].iloc[0], lang)
    last = period_label(data.sort_values('period_end')['period'].iloc[-1], lang)
    periods = first if (lang == "ko" and first == last) else f"{first}–{last}"  # "2019년", not "2019년–2019년"
    series = ", ".join(dict.fromkeys(data["series"]))
    lo, hi = data["value_text"].iloc[int(data["value"].argmin())], data["value_text"].iloc[int(data["value"].argmax())]
    return t("describe", lang, kind=t(f"kind_{kind}", lang), title=title, series=series, periods=periods,
             low=lo, high=hi)


# -- when the data cannot make a chart ------------------------------------------------------------------

NOTICE_MIME = "application/vnd.chinadigital.notice+json"


class Notice:
    """What a reader gets instead of a chart the data cannot fill: a sentence and the rows there are.

    The batch counts these (their own mimetype) so a report's status can say a chart was not drawn.
    """

    def __init__(self, ctx, title: str, reason: str, rows: pd.DataFrame | None = None):
        self.title, self.reason, self.lang = title, reason, ctx.lang
        self.rows = rows if rows is not None else pd.DataFrame()

    def _repr_mimebundle_(self, include=None, exclude=None):
        import html as h

        table = self.rows.to_html(index=False, escape=True, border=0, classes="cd-table", na_rep="") \
            if not self.rows.empty else ""
        body = (f'<div class="cd-notice" role="note" id="{anchor(self.title)}"><p class="cd-notice-title"><strong>{h.escape(self.title)}</strong></p>'
                f"<p>{h.escape(self.reason)}</p>{table}</div>")
        return {"text/html": body, "text/plain": f"{self.title}: {self.reason}",
                NOTICE_MIME: {"title": self.title, "reason": self.reason, "rows": int(len(self.rows))}}

    def __repr__(self) -> str:
        return f"{self.title}: {self.reason}"


def _rows_table(ctx, data: pd.DataFrame) -> pd.DataFrame:
    lang = ctx.lang
    if data.empty:
        return pd.DataFrame()
    cols = {"series": "col_series", "period_text": "col_period", "value_text": "col_value", "source_ref": "col_source"}
    return pd.DataFrame({t(h, lang): data[c].values for c, h in cols.items() if c in data})


def notice(ctx, title: str, data: pd.DataFrame, minimum: int, frames=None) -> Notice:
    n = 0 if data.empty else len(data)
    key = "too_little_none" if n == 0 else "too_little"
    if not data.empty:
        ctx.cites.cite(_source_ids(frames or [data]))
    return Notice(ctx, title, t(key, ctx.lang, n=n, minimum=minimum), _rows_table(ctx, data))


# -- builders -------------------------------------------------------------------------------------------

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


def line(ctx, frame: pd.DataFrame, *, title: str, series_by: str = "entity", log: bool = False,
         y_title: str | None = None, currency: str | None = None, notes: tuple = ()):
    """Values over time, one line per comparable series, broken at gaps; hollow stroked points for bounds."""
    if not (currency and currency_switch.is_money(frame)):
        check_one_unit(frame, title)
    check_series(frame, title)
    data, _, unit_text = prepare(ctx, frame, series_by)
    if len(data) < MIN_LINE_POINTS:
        return notice(ctx, title, data, MIN_LINE_POINTS, [frame])
    data = _with_stated(ctx, data)
    sw = _switch(ctx, frame, data, currency)
    if sw:
        data, unit_text = sw["data"], None
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


#: A scale is hidden by its early points when everything from some year on stays under 1/SPLIT_RATIO of the top.
SPLIT_RATIO = 4.0


def split_year(data: pd.DataFrame) -> int | None:
    """The first year of the later panel when a few early points set a value axis that flattens the rest (mobile
    payments: a 2009 +98% over years of 2-12%): the earliest year from which every later point stays under a
    quarter of the highest one, leaving at least three years and 30% of the points after it; None otherwise."""
    v = pd.to_numeric(data["value_scaled"], errors="coerce")
    if v.empty or v.max() <= 0 or (v < 0).any():
        return None
    years = data["period_end"].dt.year
    top = float(v.max())
    for y in sorted(set(years))[1:]:
        late = years >= y
        if late.sum() < 0.3 * len(data) or years[late].nunique() < 3:
            return None
        if float(v[late].max()) * SPLIT_RATIO <= top and (~late).sum() >= 2:
            return int(y)
    return None


def _basis_note(ctx, data: pd.DataFrame) -> list[str]:
    later = data[data["basis"] > 0] if "basis" in data else data.iloc[0:0]
    if later.empty:
        return []
    return [t("basis_line", ctx.lang, what=", ".join(dict.fromkeys(later["basis_name"])))]


def axis_title(ctx, data: pd.DataFrame, unit_text: str) -> str:
    """A value axis names its measure as well as its unit ("Cloud revenue (billion yuan)", not "billion"),
    where the chart draws one measure; several measures share the unit alone (their names are the legend)."""
    if not unit_text or data["indicator"].nunique() != 1:
        return unit_text
    if ctx.lang == "ko":  # prepare() already named the measure the Korean way (i18n.axis_title_ko)
        return unit_text
    return t("axis_measure", ctx.lang, measure=data["indicator_label"].iloc[0], unit=unit_text)


def bars(ctx, frame: pd.DataFrame, *, title: str, category: str = "series", series_by: str = "entity",
         y_title: str | None = None, currency: str | None = None, sort=None, horizontal=False):
    """One bar per row from zero on a linear scale; a bound is a hollow bar with a dashed outline."""
    if not (currency and currency_switch.is_money(frame)):
        check_one_unit(frame, title)
    data, _, unit_text = prepare(ctx, frame, series_by)
    if len(data) < MIN_BARS:
        return notice(ctx, title, data, MIN_BARS, [frame])
    data = _with_stated(ctx, data)
    sw = _switch(ctx, frame, data, currency)
    if sw:
        data, unit_text = sw["data"], None
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
    from ..dataset.load import ACTOR_KINDS

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
LABEL_PX = 250


def _text_px(text: str) -> float:
    return sum(10.5 if "\u1100" <= ch <= "\ud7af" or "\u2e80" <= ch <= "\u9fff" else 5.6 for ch in str(text))


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
            w = min(_text_px(r["title"]), LABEL_PX) + 8
            align = "right" if x + w > width else "left"
            left, right = (x - w, x) if align == "right" else (x, x + w)
            row = next((i for i, end in enumerate(ends) if left > end), len(ends))
            if row == len(ends):
                ends.append(right)
            else:
                ends[row] = right
            rows.append({"date": r["date_iso"], "theme_label": lane, "label": r["title"], "row": row, "align": align,
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
    # every lane as tall as the tallest, so the band scale stays one step per lane
    depth = max(label_rows.values())
    step = LANE_MARKS + LABEL_ROW * depth + 6
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
        labels["dy"] = [4 + LABEL_ROW * r for r in labels["row"]]
        for align in ("left", "right"):
            part = labels[labels["align"] == align]
            if part.empty:
                continue
            layers.append(alt.Chart(part).mark_text(
                align=align, baseline="top", fontSize=10, fontWeight="bold", color="#222", limit=LABEL_PX,
                dx=-3 if align == "right" else 3).encode(
                x="date:T", y=alt.Y("theme_label:N", sort=lanes, scale=alt.Scale(domain=lanes, paddingInner=0,
                                                                                   paddingOuter=0), bandPosition=0),
                yOffset=alt.YOffset("dy:Q", scale=None), text="label:N",
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
                                   "when": marked["date_text"].values})
            layers.append(alt.Chart(marked).mark_text(angle=270, align="right", baseline="bottom", dx=-6, dy=-3,
                                                      fontSize=10, color="#444", limit=theme.HEIGHT - 20).encode(
                x="date:T", y=alt.value(0), text="label:N",
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


# -- figures that share no axis -----------------------------------------------------------------------

class FigureList:
    """Headline figures of different units, listed rather than forced onto one axis."""

    def __init__(self, ctx, title: str, rows: pd.DataFrame):
        self.title, self.rows = title, rows

    def _repr_html_(self) -> str:
        import html as h

        return (f'<div class="cd-figures" id="{anchor(self.title)}"><p class="cd-figures-title"><strong>{h.escape(self.title)}</strong></p>'
                + self.rows.to_html(index=False, escape=True, border=0, classes="cd-table", na_rep="") + "</div>")

    def __repr__(self) -> str:
        return f"{self.title}\n" + self.rows.to_string(index=False)


def figure_list(ctx, frame: pd.DataFrame, *, title: str, series_by: str = "indicator") -> FigureList | Notice:
    """One line per figure (what, value with its bound, when, source): for figures in different units."""
    parts = [prepare(ctx, g, series_by)[0] for _, g in frame.groupby("unit", sort=False)] if not frame.empty else []
    data = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if data.empty:
        return notice(ctx, title, data, 1, [frame])
    data = _with_stated(ctx, data)
    lang = ctx.lang
    cols = {"series": "col_indicator", "value_text": "col_value", "period_text": "col_period", "source_ref": "col_source"}
    if "stated_text" in data and data["stated_text"].ne("").any():
        cols = {**{k: v for k, v in cols.items() if k != "source_ref"}, "stated_text": "col_stated", "source_ref": "col_source"}
    cols = _with_statement(cols, data)
    rows = pd.DataFrame({t(h, lang): data[c].values for c, h in cols.items()})
    return FigureList(ctx, title, rows)


def _with_statement(columns: dict[str, str], data: pd.DataFrame) -> dict[str, str]:
    """A list or table of figures shows each one's kind of statement, just before its source, as a chart's
    tooltip does."""
    if "statement_text" not in data or not data["statement_text"].ne("").any() or "statement_text" in columns:
        return columns
    items = list(columns.items())
    at = next((i for i, (c, _) in enumerate(items) if c == "source_ref"), len(items))
    items.insert(at, ("statement_text", "col_statement"))
    return dict(items)


def table(ctx, frame: pd.DataFrame, columns: dict[str, str], *, title: str | None = None) -> "Table":
    """A plain table with headings in the report's language and citation numbers; pandas escapes it when shown.
    With a title it is a figure a reader (and "What this report answers") can link to, as a chart is."""
    data, _, _ = prepare(ctx, frame)
    if data.empty:
        return Table(pd.DataFrame({t("col_value", ctx.lang): [t("no_data", ctx.lang)]}), title)
    data = _with_stated(ctx, data)
    columns = _with_statement(columns, data)
    return Table(pd.DataFrame({t(heading, ctx.lang): data[col] for col, heading in columns.items() if col in data}),
                 title)


class Table:
    """A table shown whole (pandas would cut a long one to its first and last rows) with every cell escaped."""

    def __init__(self, frame: pd.DataFrame, title: str | None = None):
        self.frame = frame.reset_index(drop=True)
        self.title = title

    def _repr_html_(self) -> str:
        import html as h

        body = self.frame.to_html(index=False, escape=True, border=0, classes="cd-table", na_rep="")
        if not self.title:
            return body
        return (f'<div class="cd-figures" id="{anchor(self.title)}"><p class="cd-figures-title"><strong>'
                f'{h.escape(self.title)}</strong></p>{body}</div>')

    def __repr__(self) -> str:
        return (f"{self.title}\n" if self.title else "") + self.frame.to_string(index=False)


def as_table(frame: pd.DataFrame, title: str | None = None) -> Table:
    return Table(frame, title)


__all__ = ["ChartContractError", "FigureList", "Notice", "Table", "as_table", "bars", "events_over_series",
           "events_per_year", "figure_list", "line", "notice", "prepare", "slope", "table", "timeline"]
