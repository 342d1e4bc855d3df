"""What a chart says under its title: sources by number, data to its latest period, what its marks mean,
and growth that reads differently in another currency; and the text alternative for screen readers."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..citations import refs_text
from ..i18n import entity_label, growth_text, period_label, t
from .contract import series_key
from .rows import indicator_name


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
    from ...dataset.money import growth_note

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
        from ..i18n import describe_ko

        return describe_ko(kind, title, data.reset_index(drop=True))
    first = period_label(data.sort_values('period_start')['period'].iloc[0], lang)
    last = period_label(data.sort_values('period_end')['period'].iloc[-1], lang)
    periods = first if (lang == "ko" and first == last) else f"{first}–{last}"  # "2019년", not "2019년–2019년"
    series = ", ".join(dict.fromkeys(data["series"]))
    lo, hi = data["value_text"].iloc[int(data["value"].argmin())], data["value_text"].iloc[int(data["value"].argmax())]
    return t("describe", lang, kind=t(f"kind_{kind}", lang), title=title, series=series, periods=periods,
             low=lo, high=hi)


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
