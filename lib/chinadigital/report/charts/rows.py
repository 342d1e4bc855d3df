"""The rows a chart draws: one mark per figure, its series and basis, its texts in the report's language and
its sources, computed once here so every chart, tooltip and table view reads the same columns."""

from __future__ import annotations

import math

import pandas as pd

from ..citations import refs_text
from ..i18n import axis_title_ko, axis_unit, entity_label, period_label, t
from ...dataset.metrics import round_converted
from ...dataset.units import format_value, round_sig, scale_for
from .contract import MAX_DIGITS, PERIOD_KINDS, joined_series, series_key
from .time_axes import _position, _segments


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


def _with_stated(ctx, data: pd.DataFrame) -> pd.DataFrame:
    if "stated" in data:
        loc = data["locator"].fillna("") if "locator" in data else pd.Series([""] * len(data), index=data.index)
        if ctx.lang == "ko":  # locators are written in English (observations.csv); the stated form is the quote
            loc = pd.Series([""] * len(data), index=data.index)
        data["stated_text"] = [f"{s} ({l})" if s and l else (s or "") for s, l in zip(data["stated"].fillna(""), loc)]
    return data
