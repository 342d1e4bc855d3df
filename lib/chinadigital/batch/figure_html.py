"""One chart as the page shows it: a numbered figure with its caption, text alternative, notes, sources,
table view, downloads and the no-script picture; and the chart's provenance as exports carry it."""

from __future__ import annotations

import html
import json
import re

from .page_words import page_words
from .vega_bundle import pack


def _inert_json(obj) -> str:
    """JSON safe inside <script type="application/json">: no '</' can close the element."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


_REF = re.compile(r"\[(\d+)\](?:–\[(\d+)\])?")


_REF_RUN = re.compile(r"\[\d+\](?:–\[\d+\])?(?:,\s*\[\d+\](?:–\[\d+\])?)*")


_SOURCE_LI = re.compile(r'<li id="src-(\d+)" value="\d+">(.*?), <cite>', re.S)


def source_publishers(nb) -> dict[int, str]:
    """Source number -> publisher, read from the report's own sources list (so exports can name publishers)."""
    found: dict[int, str] = {}
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/html")
            if text and "cd-sources" in (text if isinstance(text, str) else "".join(text)):
                text = text if isinstance(text, str) else "".join(text)
                for m in _SOURCE_LI.finditer(text):
                    short = re.search(r'data-short="([^"]*)"', m.group(2))  # a Korean page's short name
                    found[int(m.group(1))] = html.unescape(short.group(1) if short else re.sub(r"<[^>]+>", "", m.group(2))).strip()
    return found


def _ref_numbers(text: str) -> list[int]:
    nums: list[int] = []
    for m in _REF.finditer(str(text)):
        a = int(m.group(1))
        nums.extend(range(a, int(m.group(2) or a) + 1))
    return nums


def chart_meta(spec: dict) -> dict:
    """Title and cited source numbers of a chart, read from the spec itself (charts carry no usermeta,
    so they stay composable); the page keeps them as top-level usermeta for its downloads."""
    title = spec.get("title", {})
    title = title.get("text", "") if isinstance(title, dict) else title
    if isinstance(title, list):
        title = " ".join(map(str, title))
    nums: set[int] = set()
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            nums.update(_ref_numbers(row.get("source_ref", "")))
    for line in footer_of(spec):
        nums.update(_ref_numbers(line))
    return {"title": str(title), "sources": sorted(nums)}


def footer_of(spec: dict) -> list[str]:
    t = spec.get("title")
    sub = t.get("subtitle", []) if isinstance(t, dict) else []
    return [str(x) for x in ([sub] if isinstance(sub, str) else sub)]


def _wrap(text: str, width: int = 100) -> list[str]:
    lines, cur = [], ""
    for word in text.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return lines + ([cur] if cur else [])


def export_footer(lines: list[str], publishers: dict[int, str], max_lines: int | None = None) -> list[str]:
    """Footer lines with citation numbers replaced by publisher names: numbers mean nothing once a
    picture is pasted elsewhere. Every line is kept, wrapped to the export's width (the picture grows to
    hold them: provenance is never cut); `max_lines` cuts only when a caller asks for it."""
    out: list[str] = []
    for line in lines:
        def names(m):
            pubs = "; ".join(dict.fromkeys(publishers.get(n, f"[{n}]") for n in _ref_numbers(m.group(0))))
            before = m.string[:m.start()].rstrip()
            # after a word the names are an aside, never spliced into the sentence: "연평균(미국 연방준비제도)"
            return pubs if not before or before.endswith((":", "：")) else f"\x00({pubs})"
        out.extend(_wrap(re.sub(r"\s*\x00", "", _REF_RUN.sub(names, line)), 92))
    if max_lines and len(out) > max_lines:
        out = out[:max_lines - 1] + [out[max_lines - 1].rstrip(";,. ") + " …"]
    return out


def file_stem(n: int, title: str) -> str:
    """'fig3-people-paying-by-mobile-phone-in-china': unique per chart of a report, readable in any language."""
    words = re.sub(r"[^\w]+", "-", title.lower(), flags=re.U).strip("-_")
    words = words[:60].rstrip("-_")
    return f"fig{n}" + (f"-{words}" if words else "")


def page_spec(spec: dict, meta: dict) -> dict:
    """The spec the page draws: no baked-in title (the figure's caption carries it, and wraps), and the
    chart's metadata for the downloads and for fitting it to a narrow screen."""
    s = {k: v for k, v in spec.items() if k != "title"}
    single = ("layer" in s or "mark" in s) and not any(k in s for k in ("hconcat", "vconcat", "concat", "facet", "repeat"))
    if single and isinstance(s.get("width"), (int, float)):
        meta["width"] = s["width"]  # the page narrows the chart to its container when it must (report.js)
    s["usermeta"] = {**spec.get("usermeta", {}), "chinadigital": meta}
    return s


def _columns(rows: list[dict], lang: str) -> list[tuple[str, str]]:
    from ..report.i18n import t

    has = lambda c: any(str(r.get(c, "") or "") != "" for r in rows)  # noqa: E731
    if rows and "value_text" in rows[0]:
        cols = [("series", "col_series"), ("period_text", "col_period"), ("value_text", "col_value")]
        cols += [(c, k) for c, k in (("original_text", "col_original"), ("stated_text", "col_stated"),
                                     ("statement_text", "col_statement"), ("t_USD", "col_in_USD"),
                                     ("t_KRW", "col_in_KRW"), ("t_CNY", "col_in_CNY"), ("r_USD", "col_fx_USD"),
                                     ("r_KRW", "col_fx_KRW"), ("r_CNY", "col_fx_CNY"), ("f_USD", "col_flip_USD"),
                                     ("f_KRW", "col_flip_KRW"), ("break_text", "col_break")) if has(c)]
        cols.append(("source_ref", "col_source"))
    elif rows and "title" in rows[0] and "date_text" in rows[0]:
        cols = [("date_text", "col_date"), ("actor_label", "col_actor"), ("title", "col_event"), ("source_ref", "col_source")]
    elif rows and "n" in rows[0]:
        cols = [(c, k) for c, k in (("year_text", "col_year"), ("verdict", "col_verdict"), ("kind", "col_kind_of_figure"),
                                    ("actor_kind_label", "col_kind"), ("n", "col_count")) if has(c)]
    else:
        return []
    return [(c, str(t(k, lang))) for c, k in cols if has(c) or c in ("series", "value_text", "title", "n")]


def data_tables(spec: dict, lang: str, n: int, title: str) -> str:
    """The chart's rows as HTML tables (one per kind of rows: figures, events, counts), built from the
    spec's own datasets so the table view and the chart can never disagree, and it needs no script."""
    labels = page_words(lang)
    out = []
    for name, rows in spec.get("datasets", {}).items():
        rows = [r for r in rows if isinstance(r, dict) and not r.get("label_only")]
        cols = _columns(rows, lang)
        if not cols:
            continue
        head = "".join(f'<th scope="col">{html.escape(h)}</th>' for _, h in cols)
        body = []
        for r in rows:
            cells = []
            for i, (c, _) in enumerate(cols):
                v = r.get(c, "")
                v = "" if v is None else str(v)
                if c == "value_text" and r.get("bound"):
                    cells.append(f'<td>{html.escape(str(r.get(c, "")))}'
                                 f'<span class="cd-vr"> ({html.escape(labels["bound"])})</span></td>')
                    continue
                tag = "th" if i == 0 else "td"  # a row's first cell heads it (its series, date or year)
                cells.append(f"<{tag}>{html.escape(v)}</{tag}>")
            body.append(f'<tr>{"".join(cells)}</tr>')
        caption = html.escape(labels["table_caption"].format(n=n, title=title))
        out.append(f'<table class="cd-data"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
                   f'<tbody>{"".join(body)}</tbody></table>')
    return "".join(out)


def catalogue_links(spec: dict, lang: str) -> str:
    """Links from a chart's table view to its series in the data catalogue (first period, latest, breaks)."""
    from ..report.i18n import t
    from .catalogue_page import CATALOGUE_FILES, anchor

    seen = {}
    for rows in spec.get("datasets", {}).values():
        for r in rows:
            if isinstance(r, dict) and "indicator" in r and "series_slug" in r and "value_text" in r:
                key = anchor(r["indicator"], r.get("entity", ""), r.get("series_slug", ""))
                seen.setdefault(key, str(r.get("series", "")))
    if not seen:
        return ""
    page = CATALOGUE_FILES.get(lang, CATALOGUE_FILES["en"])
    links = "; ".join(f'<a href="{page}#{html.escape(k)}">{html.escape(v)}</a>' for k, v in seen.items())
    return f'<p class="cd-catalogue">{html.escape(t("catalogue.link", lang))}: {links}</p>'


def _label_stats(spec: dict) -> tuple[int, int]:
    rows = [r for rs in spec.get("datasets", {}).values() for r in rs if isinstance(r, dict) and "value_text" in r]
    return len(rows), max((len(str(r["value_text"])) for r in rows), default=0)


def figure_html(spec: dict, n: int, lang: str, publishers: dict[int, str] | None = None, static: bool = True) -> str:
    from .static_charts import data_uri, render_svg, svg_size

    labels = page_words(lang)
    meta = dict(spec.get("usermeta", {}).get("chinadigital") or chart_meta(spec))
    footer = footer_of(spec)
    meta.update(fig=n, file=file_stem(n, meta.get("title", "")), footer=footer,
                export_footer=export_footer(footer, publishers or {}))
    meta["bar_labels"], meta["label_chars"] = _label_stats(spec)
    shown = page_spec(spec, meta)
    sources = [int(s) for s in meta.get("sources", [])]
    title = html.escape(str(meta.get("title", "")))
    desc = html.escape(str(spec.get("description", "")))
    fid = f"chart-{n}"
    refs = "".join(f'<a href="#src-{s}">[{s}]</a> ' for s in sources)
    refs_html = (f'<details class="cd-refs"><summary class="cd-sum">{html.escape(labels["chart_sources"])} '
                 f'({len(sources)})</summary><p class="cd-refs-list">{refs}</p></details>') if sources else ""
    tables = data_tables(spec, lang, n, str(meta.get("title", "")))
    table_html = (f'<details class="cd-tableview"><summary class="cd-sum">{html.escape(labels["table"])}</summary>'
                  f'<div class="cd-table-wrap" role="region" tabindex="0" aria-label="{html.escape(labels["table_caption"].format(n=n, title=meta.get("title", "")))}">'
                  f'{tables}</div>{catalogue_links(spec, lang)}</details>') if tables else ""
    notes = "".join(f"<p>{html.escape(line)}</p>" for line in footer)
    picture = ""
    if static:
        svg = render_svg({k: v for k, v in spec.items() if k != "title"})
        if svg:
            w, h = svg_size(svg)
            img = (f'<img class="cd-static" alt="{desc}" width="{w}" height="{h}" src="{data_uri(svg)}">')
            picture = f'<noscript class="cd-static-src">{img}</noscript>'
    # The chart's own anchor (from its title, set by the library) lets prose and "what this report answers" link here.
    named = f'<span class="cd-anchor" id="{html.escape(str(spec["name"]))}"></span>' if spec.get("name") else ""
    return (named + f'<figure class="cd-chart" id="{fid}" data-file="{html.escape(meta["file"])}" aria-labelledby="{fid}-cap" '
            f'aria-describedby="{fid}-desc">'
            f'<figcaption id="{fid}-cap"><span class="cd-fig-num">{html.escape(labels["figure"])} {n}</span> '
            f'<span class="cd-chart-title">{title}</span></figcaption>'
            f'<p class="cd-vr" id="{fid}-desc">{desc}</p>'
            f'<div class="cd-vega"></div>{picture}'
            f'<script type="application/octet-stream" class="cd-spec" data-encoding="gzip+base64">{pack(_inert_json(shown))}</script>'
            f'<div class="cd-notes">{notes}</div>'
            f'<div class="cd-tools">{refs_html}{table_html}'
            f'<button type="button" class="cd-csv cd-btn" hidden>{html.escape(labels["csv"])}</button>'
            # the image downloads are labelled buttons beside the CSV one (vega-embed's unlabelled "⋯" menu is off);
            # like the CSV they need scripts, so a page without them shows none
            f'<button type="button" class="cd-img cd-btn" data-format="png" hidden>{html.escape(labels["png"])}</button>'
            f'<button type="button" class="cd-img cd-btn" data-format="svg" hidden>{html.escape(labels["svg"])}</button>'
            f'</div></figure>')
