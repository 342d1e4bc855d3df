"""A money chart a reader can switch between the source's currency, US dollars and won, offline, in the page.

Conversion adds, it never replaces: every money figure is drawn in the currency its source states unless the
reader (or the `currency` parameter, which sets what the page opens with) asks for another. The conversions
are computed here at build time, one precomputed column per currency; a Vega-Lite parameter bound to a radio
control picks the column in the browser, so no kernel and no network are needed. Each converted point carries
its rate, the rate's year basis and its source number (tooltip and table view); a point with no cited rate
for its period is not drawn in that currency and the chart says so inside its frame; a step whose direction
differs from the stated currency's is marked in the tooltip and the table, and the footer names it.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..dataset import money
from ..dataset.units import CURRENCIES, format_value, round_sig, scale_for, significant_digits
from ..errors import QueryError
from .i18n import axis_unit, growth_text, period_label, t

#: What a money chart can show, in the order of the control: the sources' own currency first.
OPTIONS = ("stated", "USD", "KRW", "CNY")
PARAM = "cur"


def options_for(frame: pd.DataFrame) -> list[str]:
    """The currencies a chart can be shown in: as stated (when its figures share one currency, so one axis can
    hold them), then every other currency."""
    units = sorted(set(frame["unit"])) if not frame.empty else []
    out = ["stated"] if len(units) == 1 else []
    out += [c for c in OPTIONS[1:] if units != [c]]
    return out


def initial_option(currency: str | None, options: list[str], frame: pd.DataFrame) -> str:
    """The option the page opens with: the `currency` parameter, 'stated' when it names the figures' own
    currency or is 'stated'."""
    units = set(frame["unit"]) if not frame.empty else set()
    if currency in (None, "stated") or units == {currency}:
        return "stated" if "stated" in options else options[0]
    return currency if currency in options else options[0]


def _rate(ds, unit: str, to: str, row) -> tuple[float | None, str, list[str]]:
    """The factor from `unit` to `to` for the months a row covers (month-weighted across calendar years, as
    money.convert does), the years it used and the fx source ids; (None, ...) without a cited rate."""
    months = money._months_by_year(row["period_start"], row["period_end"])
    try:
        factor = sum(n * ds.fx_rate(to, y) / ds.fx_rate(unit, y) for y, n in months.items()) / sum(months.values())
    except QueryError:
        return None, "", []
    ids = [i for i in money._fx_ids(ds, unit, to, months).split(";") if i]
    return factor, "–".join(str(y) for y in sorted(months)) if len(months) > 1 else str(next(iter(months))), ids


def _basis_words(ds, currency: str, lang: str) -> str:
    rows = ds.fx[ds.fx["currency"] == currency]
    if rows.empty or "basis" not in rows:
        return ""
    return t(f"fx_basis.{rows['basis'].iloc[0]}", lang)


def add_columns(ctx, data: pd.DataFrame, options: list[str]) -> tuple[pd.DataFrame, dict, dict]:
    """Per option: `s_<opt>` (the value scaled for its axis), `t_<opt>` (the printed value), `r_<opt>` (rate,
    year basis and source, '' where nothing was converted), `f_<opt>` (a note when the step into this point
    turns the other way than in the stated currency). Returns the data, each option's axis title, and each
    option's periods that have no cited rate."""
    ds, lang = ctx.ds, ctx.lang
    data = data.copy()
    titles, missing = {}, {}
    for opt in options:
        values, texts, rates = [], [], []
        for _, r in data.iterrows():
            unit = r["unit"]
            target = unit if opt == "stated" else opt
            if target == unit:
                values.append(float(r["value"]))
                shown = r["value_print"] if "value_print" in r and r["value_print"] == r["value_print"] else r["value"]
                texts.append(format_value(shown, unit, lang, r["qualifier"]))
                rates.append("")
                continue
            factor, years, ids = _rate(ds, unit, target, r)
            if factor is None:
                values.append(None), texts.append(""), rates.append("")
                continue
            v = float(r["value"]) * factor
            digits = significant_digits(str(r.get("stated", "") or ""), r.get("value_print", r["value"]))
            texts.append(format_value(round_sig(v, min(4, max(2, digits))), target, lang, r["qualifier"], approx=True))
            values.append(v)
            nums = ctx.cites.cite(ids)
            per = {c: ds.fx_rate(c, int(years[:4])) for c in (unit, target) if c != "USD"}
            rate_txt = "; ".join(t("fx_rate_one", lang, cur=t(f"currency_{c}", lang), rate=f"{x:,}",
                                   basis=_basis_words(ds, c, lang)) for c, x in per.items())
            rates.append(t("fx_rate", lang, rates=rate_txt, years=years,
                           refs=", ".join(f"[{n}]" for n in nums)))
        valid = [v for v in values if v is not None]
        unit_of = data["unit"].iloc[0] if opt == "stated" else opt
        divisor, word = (scale_for(valid, lang) if valid else (1.0, ""))
        data[f"s_{opt}"] = [None if v is None else v / divisor for v in values]
        data[f"t_{opt}"] = texts
        data[f"r_{opt}"] = rates
        data[f"v_{opt}"] = values
        titles[opt] = axis_unit(unit_of, word, lang)
        if lang == "ko":  # measure and unit: "모바일 결제 금액(조 위안)"
            from .i18n import axis_title_ko

            titles[opt] = axis_title_ko(data, titles[opt])
        missing[opt] = list(dict.fromkeys(p for p, v in zip(data["period_text"], values) if v is None))
    for opt in options:
        data[f"f_{opt}"] = _flip_notes(ctx, data, opt)
    return data, titles, missing


def _flip_notes(ctx, data: pd.DataFrame, opt: str) -> list[str]:
    """'Rose in CNY, fell in US$' for a point whose step from the previous point of its line turns the other
    way once converted; '' elsewhere."""
    notes = [""] * len(data)
    if opt == "stated":
        return notes
    key = data["line_key"] if "line_key" in data else pd.Series(["all"] * len(data), index=data.index)
    for _, g in data.assign(_k=key.values, _i=range(len(data))).groupby("_k"):
        g = g.sort_values("period_end")
        prev = None
        for _, r in g.iterrows():
            if prev is not None and r[f"v_{opt}"] is not None and prev[f"v_{opt}"] is not None \
                    and prev["unit"] == r["unit"]:
                src = r["value"] - prev["value"]
                conv = r[f"v_{opt}"] - prev[f"v_{opt}"]
                if src * conv < 0:
                    notes[int(r["_i"])] = t(
                        "flip_note", ctx.lang, src_cur=t(f"currency_{r['unit']}", ctx.lang),
                        cur=t(f"currency_{opt}", ctx.lang), first=period_label(prev["period"], ctx.lang),
                        last=period_label(r["period"], ctx.lang),
                        src=growth_text(100 * (r["value"] / prev["value"] - 1), "", ctx.lang),
                        conv=growth_text(100 * (r[f"v_{opt}"] / prev[f"v_{opt}"] - 1), "", ctx.lang))
            prev = r
    return notes


def _label(ctx, opt: str, data: pd.DataFrame) -> str:
    if opt == "stated":
        units = sorted(set(data["unit"]))
        return t("switch_stated", ctx.lang, cur=", ".join(t(f"currency_{u}", ctx.lang) for u in units))
    return t(f"currency_{opt}", ctx.lang)


def _pick(mapping: dict, default: str = "") -> str:
    """A Vega expression choosing mapping[cur] (nested conditionals: no object literals needed)."""
    expr = _js(default)
    for k, v in mapping.items():
        expr = f"({PARAM} === {_js(k)} ? {_js(v)} : {expr})"
    return expr


def _js(s: str) -> str:
    import json

    return json.dumps(str(s), ensure_ascii=False)


def param(ctx, options: list[str], initial: str, data: pd.DataFrame, name: str = PARAM):
    """The radio control, bound in the page (vega-embed draws it under the chart)."""
    return alt.param(name=name, value=initial,
                     bind=alt.binding_radio(options=list(options), labels=[_label(ctx, o, data) for o in options],
                                            name=t("switch_name", ctx.lang)))


def calculate(chart: alt.Chart, options: list[str]) -> alt.Chart:
    """Point the fields every layer reads (value_scaled, value_text, fx_text, flip_text) at the chosen
    currency's columns, and leave out points that have no rate in it."""
    pick = lambda prefix: "datum[" + _js(prefix + "_") + " + " + PARAM + "]"  # noqa: E731
    return (chart.transform_calculate(value_scaled=pick("s"), value_text=pick("t"), fx_text=pick("r"),
                                      flip_text=pick("f"))
            .transform_filter("isValid(datum.value_scaled)"))


def unit_title(ctx, titles: dict, horizontal: bool = False) -> alt.Chart:
    """The value axis's measure and unit as a text above the plot, following the control."""
    return alt.Chart(pd.DataFrame({"_": [0]})).mark_text(
        align="left", baseline="bottom", dx=0, dy=-6, fontSize=11, color="#333",
        text=alt.ExprRef(_pick(titles))).encode(x=alt.value(0), y=alt.value(0))


def missing_note(ctx, missing: dict) -> alt.Chart | None:
    """Inside the chart's own frame: which periods are not drawn in the chosen currency, and why."""
    texts = {opt: t("switch_missing", ctx.lang, cur=t(f"currency_{opt}", ctx.lang), periods=", ".join(ps))
             for opt, ps in missing.items() if ps and opt != "stated"}
    if not texts:
        return None
    return alt.Chart(pd.DataFrame({"_": [0]})).mark_text(
        align="right", baseline="top", dy=4, fontSize=11, color="#8a1c1c",
        text=alt.ExprRef(_pick(texts))).encode(x=alt.value(alt.expr("width")), y=alt.value(0))


def footer_lines(ctx, data: pd.DataFrame, options: list[str], missing: dict) -> list[str]:
    """What the reader must know to read a switchable money chart: figures as stated, how conversions are made
    (basis and sources of the rates), what is not converted, and which steps turn the other way."""
    ds, lang = ctx.ds, ctx.lang
    units = sorted(set(data["unit"]))
    lines = [t("switch_line", lang, cur=", ".join(t(f"currency_{u}", lang) for u in units))]
    bases = []
    for c in ("CNY", "KRW"):
        rows = ds.fx[ds.fx["currency"] == c]
        if rows.empty:
            continue
        nums = ctx.cites.cite(list(dict.fromkeys(rows["source_id"])))
        bases.append(t("switch_basis", lang, cur=t(f"currency_{c}", lang), basis=_basis_words(ds, c, lang),
                       refs=", ".join(f"[{n}]" for n in nums)))
    if bases:
        lines.append(" ".join(bases))
    gaps = {o: ps for o, ps in missing.items() if ps and o != "stated"}
    if gaps:
        lines.append(" ".join(t("switch_missing", lang, cur=t(f"currency_{o}", lang), periods=", ".join(ps))
                              for o, ps in gaps.items()))
    for o in options:
        flips = [f for f in data.get(f"f_{o}", []) if f]
        if flips:
            lines.append(t("switch_flips", lang, cur=t(f"currency_{o}", lang), n=len(flips),
                           steps="; ".join(dict.fromkeys(flips))))
    return lines


def is_money(frame: pd.DataFrame) -> bool:
    return not frame.empty and set(frame["unit"]) <= set(CURRENCIES)


__all__ = ["OPTIONS", "add_columns", "calculate", "footer_lines", "initial_option", "is_money", "missing_note",
           "options_for", "param", "unit_title"]
