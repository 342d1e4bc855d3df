"""The suite's nbconvert exporter: an executed notebook in, one self-contained offline HTML page out.

Registered as the nbconvert exporter `chinadigital` (so `jupyter nbconvert --to chinadigital`
works too). Its preprocessors keep the prose of the report's language, drop the
parameter and check cells, and turn each Vega-Lite output into a placeholder the page's
single inlined Vega bundle draws; nothing on the page loads from the network.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import os
import re
import urllib.parse
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from nbconvert.exporters import TemplateExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode, default

from .page_words import CSP, LANG_NAMES, params_words


TEMPLATES = Path(__file__).resolve().parent / "templates"
VEGA_MIME = "application/vnd.vegalite.v5+json"
NOTICE_MIME = "application/vnd.chinadigital.notice+json"
VEGA_LITE_VERSION = "5.20"
HIDDEN_TAGS = {"parameters", "injected-parameters", "check"}


def page_words(lang: str) -> dict[str, str]:
    """The page's own words in `lang` (locales/<lang>.toml, section [page])."""
    from ..report.i18n import section

    return section("page", lang)


class LanguagePreprocessor(Preprocessor):
    """Keep the markdown cells of the report's language (tags lang-en / lang-ko) and untagged ones."""

    lang = Unicode("en").tag(config=True)

    def preprocess(self, nb, resources):
        from ..report.context import cells_to_keep

        keep = set(cells_to_keep(nb, self.lang))
        nb.cells = [c for i, c in enumerate(nb.cells) if i in keep]
        return nb, resources


class HiddenCellsPreprocessor(Preprocessor):
    """Drop the parameters, injected-parameters and check cells: the header shows the parameters."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", []))]
        return nb, resources


class VegaPreprocessor(Preprocessor):
    """Replace each Vega-Lite output with a figure: a numbered caption, the spec as packed inert JSON, a
    static picture for pages without scripts, the footer notes, the chart's sources as one group, a table
    view of its rows and a CSV button; the page draws the charts with one Vega bundle."""

    lang = Unicode("en").tag(config=True)

    def preprocess(self, nb, resources):
        publishers = source_publishers(nb)
        count = 0
        figures = []
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                spec = out.get("data", {}).get(VEGA_MIME)
                if spec is None:
                    continue
                count += 1
                out["data"] = {"text/html": figure_html(spec, count, self.lang, publishers)}
                figures.append((count, chart_meta(spec)["title"]))
        resources["chinadigital_charts"] = count
        resources["chinadigital_figures"] = figures
        # Charts the data could not fill: the library showed a sentence and the rows instead. The batch
        # puts these titles in the report's status so the index says a chart was not drawn.
        resources["chinadigital_notices"] = [out["data"][NOTICE_MIME]["title"] for cell in nb.cells
                                             for out in cell.get("outputs", []) if NOTICE_MIME in out.get("data", {})]
        return nb, resources


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
            f'<button type="button" class="cd-csv cd-btn" hidden>{html.escape(labels["csv"])}</button></div></figure>')


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed in one script, from vl-convert's own copy: no network at build or view time.

    vl-convert bundles the script anew on each call (about 1.7 CPU-seconds, in every worker of every build),
    and the result depends only on its version and the Vega-Lite version asked for; so the script is kept in
    the user's cache under both (bundle_cache_file) and read from there while they stay the same."""
    import vl_convert as vlc

    cached = bundle_cache_file(vlc.__version__)
    try:
        text = cached.read_text(encoding="utf-8")
        if "vegaEmbed" in text:  # anything else (emptied, overwritten) is bundled again
            return text
    except (OSError, UnicodeDecodeError):
        pass
    text = vlc.javascript_bundle(vl_version=VEGA_LITE_VERSION)
    try:  # a cache that cannot be written costs the bundling next time, nothing else
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, cached)  # whole or absent: a concurrent reader never sees half a script
    except OSError:
        pass
    return text


def bundle_cache_file(vl_convert_version: str) -> Path:
    """$CHINADIGITAL_CACHE, else $XDG_CACHE_HOME/chinadigital, else ~/.cache/chinadigital; one file per
    vl-convert and Vega-Lite version pair."""
    root = os.environ.get("CHINADIGITAL_CACHE") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chinadigital"
    return Path(root) / f"vega-bundle-vlconvert{vl_convert_version}-vl{VEGA_LITE_VERSION}.js"


def pack(text: str) -> str:
    """gzip then base64: the page unpacks it with the browser's own DecompressionStream.

    The Vega bundle shrinks from about 0.9 MB to 0.4 MB this way, and a chart's spec to a
    fifth, which is what keeps a six-chart report near the weight of a CDN-dependent page.
    mtime=0 keeps the bytes, and so the report, identical from build to build.
    """
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


@lru_cache(maxsize=1)
def packed_bundle() -> str:
    return pack(vega_bundle())


def unpack(data: str) -> str:
    return gzip.decompress(base64.b64decode(data)).decode("utf-8")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """The page's CSS or script as inlined: whole-line comments and indentation are for the maintainer, not
    the reader's download (every page carries them)."""
    text = (TEMPLATES / "chinadigital" / name).read_text(encoding="utf-8")
    if name.endswith(".js"):
        text = re.sub(r"^[ \t]*//[^\n]*\n", "", text, flags=re.M)
        text = re.sub(r"^[ \t]+", "", text, flags=re.M)  # indentation (the script has no multi-line strings)
    elif name.endswith(".css"):
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return text


class ReportExporter(TemplateExporter):
    """nbconvert exporter `chinadigital`: the suite's offline report page."""

    export_from_notebook = "chinadigital report"
    output_mimetype = "text/html"

    def __init__(self, lang: str = "en", **kw):
        super().__init__(**kw)
        self.lang = lang
        self._lang_pp = LanguagePreprocessor(lang=lang)
        self._vega_pp = VegaPreprocessor(lang=lang)
        self.register_preprocessor(self._lang_pp, enabled=True)
        self.register_preprocessor(HiddenCellsPreprocessor(), enabled=True)
        self.register_preprocessor(self._vega_pp, enabled=True)
        self.register_filter("markdown2html", lambda text, **k: markdown2html_mistune(text))

    def from_notebook_node(self, nb, resources=None, **kw):
        """Title, language and parameters come from the batch when it passes them, else from the executed
        notebook itself (the check cell's record), so a plain `jupyter nbconvert --to chinadigital` gives
        the same page as the batch."""
        record = notebook_record(nb)
        resources = dict(resources or {})
        meta = dict(resources.get("chinadigital", {}))
        if record:
            # The notebook knows every parameter it ran with, defaults included; a title from reports.toml wins.
            meta["title"] = meta.get("title") or record.get("title", "")
            meta["lang"] = meta.get("lang") or record.get("lang")
            meta["params"] = dict(record.get("params", []))
            meta["params_text"] = params_text(meta["params"])
            meta["fingerprint"] = meta.get("fingerprint") or record.get("fingerprint", "")
        resources["chinadigital"] = {k: v for k, v in meta.items() if v is not None}
        lang = resources["chinadigital"].get("lang") or \
            nb.get("metadata", {}).get("papermill", {}).get("parameters", {}).get("lang") or self.lang
        self.lang = self._lang_pp.lang = self._vega_pp.lang = lang
        body, resources = super().from_notebook_node(nb, resources, **kw)
        return add_toc(body, resources), resources

    def _preprocess(self, nb, resources):
        """nbconvert's preprocessing without its waste: `from_notebook_node` has already copied the notebook, yet
        nbconvert copies it (and the resources, the packed Vega bundle included) once more here, and validates
        the whole notebook against its schema after each of its 14 preprocessors, 11 of them disabled. Measured
        on the default batch: about a quarter of a report's export CPU. The enabled preprocessors run in the
        same order on the one copy; papermill validated the executed notebook when it wrote it."""
        for preprocessor in self._preprocessors:
            if getattr(preprocessor, "enabled", True):
                nb, resources = preprocessor(nb, resources)
        return nb, resources

    @default("file_extension")
    def _file_extension_default(self):
        return ".html"

    @default("template_name")
    def _template_name_default(self):
        return "chinadigital"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES)]

    def _init_resources(self, resources):
        from ..report.i18n import built_text, section

        resources = super()._init_resources(resources)
        meta = resources.setdefault("chinadigital", {})
        lang = meta.get("lang") or self.lang
        meta.setdefault("lang", lang)
        meta.setdefault("title", "")
        meta.setdefault("params_text", "")
        meta.setdefault("built_at", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
        meta.setdefault("fingerprint", "")
        meta.setdefault("version", _version())
        meta.setdefault("slug", "")
        meta.setdefault("alternates", {})
        meta["labels"] = page_words(lang)
        meta["built_text"] = built_text(meta["built_at"], lang)
        meta["built_date"] = date_words(meta["built_at"], lang)
        meta["lang_names"] = LANG_NAMES
        meta["params_words"] = _params_words(meta.get("params") or {}, lang)
        meta["about_params"] = ", ".join(x for x in (LANG_NAMES.get(lang, lang), meta["params_words"]) if x)
        meta.setdefault("base_url", os.environ.get("CHINADIGITAL_BASE_URL", ""))
        meta["csp"] = CSP
        meta["css"] = _asset("report.css")
        meta["bundle"] = packed_bundle()
        meta["init"] = _asset("report.js")
        meta["cite_text"], meta["cite_bibtex"] = cite(meta)
        labels = page_words(lang)
        meta["page_json"] = _inert_json({
            "title": meta["title"], "slug": meta["slug"], "built_at": meta["built_at"], "built_text": meta["built_text"],
            "built_date": meta["built_date"], "location": report_location(meta),
            "fingerprint": meta["fingerprint"], "version": meta["version"], "lang": lang,
            "labels": {k: labels[k] for k in ("report", "chart", "figure", "built", "data", "chart_role", "scroll_cue",
                                              "cite_accessed")},
            "csv_heads": section("csv", lang)})
        return resources


def _params_words(params: dict, lang: str) -> str:
    try:
        return params_words(params, lang)
    except Exception:  # words are a courtesy; the parameters themselves are always shown
        return ""


def cite(meta: dict) -> tuple[str, str]:
    """'Cite this report' in the report's language: a plain-text reference and a BibTeX entry. The suite's
    name stands as the author in both languages: it is a proper name, as a publisher's is."""
    from ..report.i18n import built_text

    lang = meta.get("lang", "en")
    labels = page_words(lang)
    built_at = str(meta.get("built_at", ""))
    year = built_at[:4]
    fp = str(meta.get("fingerprint", ""))[:16]
    slug = meta.get("slug") or ""
    title = meta.get("title", "")
    bits = [f"{labels['cite_report']} {slug}" if slug else "", f"{labels['cite_built']} {built_text(built_at, lang)}",
            f"{labels['cite_data']} {fp}" if fp else "", f"chinadigital {meta.get('version', '')}"]
    location = report_location(meta)
    text = (f"chinadigital ({year}). {labels['cite_title'].format(title=title)}. " + ", ".join(b for b in bits if b)
            + f". {labels['cite_publisher']}: {labels['publisher']}."
            + (f" {labels['cite_location']}: {location}" if location else "")
            + f" ({labels['cite_accessed']} {date_words(built_at, lang)}).")
    key = re.sub(r"[^A-Za-z0-9]+", "-", f"chinadigital-{slug or 'report'}-{year}").strip("-")
    esc = lambda v: str(v).replace("{", "\\{").replace("}", "\\}")  # noqa: E731
    fields = [("title", "{" + esc(title) + "}"), ("author", "{chinadigital}"), ("year", year),
              ("institution", labels["publisher"]), ("url" if location.startswith(("http://", "https://")) else "howpublished", location),
              ("urldate", built_at[:10]),
              ("type", labels["bibtex_type"]), ("number", slug),
              ("note", f"{labels['cite_built']} {built_at}; {labels['cite_data']} {fp}; "
                       f"chinadigital {meta.get('version', '')}"),
              ("language", {"en": "english", "ko": "korean"}.get(lang, lang))]
    body = ",\n".join(f"  {k} = {{{esc(v) if k not in ('title', 'author') else v}}}" for k, v in fields if v)
    return text, f"@techreport{{{key},\n{body}\n}}"


def report_location(meta: dict) -> str:
    """Where a reader finds the report: the build's base URL (`chinadigital build --base-url`, passed as
    CHINADIGITAL_BASE_URL) joined with the page's file name, else the file name alone."""
    slug = meta.get("slug") or ""
    if not slug:
        return ""
    name = f"{slug}.html"
    base = str(meta.get("base_url") or "").strip()
    return f"{base.rstrip('/')}/{name}" if base else name


def date_words(built_at: str, lang: str) -> str:
    """'7 December 2026' / '2026년 12월 7일' (page.date_format) of a build time as the batch records it."""
    from datetime import timedelta

    from ..report.i18n import CLOCKS

    try:  # on the reader's clock, as the build time is (a Korean reader's 8 December is UTC's 7 December)
        when = datetime.strptime(str(built_at), "%Y-%m-%d %H:%M UTC").replace(tzinfo=timezone.utc)
        when = when.astimezone(timezone(timedelta(hours=CLOCKS.get(lang, 0))))
    except ValueError:
        try:
            when = datetime.strptime(str(built_at)[:10], "%Y-%m-%d")
        except ValueError:
            return str(built_at)
    labels = page_words(lang)
    months = labels.get("months", "").split()
    month_name = months[when.month - 1] if len(months) == 12 else str(when.month)
    return labels.get("date_format", "{year}-{month:02d}-{day:02d}").format(
        year=when.year, month=when.month, day=when.day, month_name=month_name)


_H2_OR_FIG = re.compile(r'(<h2\b(?P<attrs>[^>]*)>(?P<inner>.*?)</h2>)|<figure class="cd-chart" id="chart-(?P<fig>\d+)"', re.S)


_KEEP = re.compile(r'(<section class="cd-prose">(?:(?!<section).)*?</section>)((?:<pre class="cd-input">(?:(?!</pre>).)*</pre>)?)'
                   r'(<div class="cd-output">(?:<span class="cd-anchor"[^>]*></span>)?<figure class="cd-chart"(?:(?!</figure>).)*</figure></div>)',
                   re.S)


def _keep_with_figure(m) -> str:
    """A heading and its short introduction, printed on the same page as the figure that follows them
    (Chromium does not always honour break-after:avoid between them): one block that does not break."""
    prose = m.group(1)
    if not re.search(r"<h[23]\b", prose) or len(re.sub(r"<[^>]+>", "", prose)) > 1200:
        return m.group(0)
    return f'<div class="cd-keep">{m.group(0)}</div>'


def add_toc(page: str, resources: dict) -> str:
    """A table of contents from the report's h2 headings, each with the numbered figures under it; headings
    without an id get one, so every entry resolves."""
    lang = resources.get("chinadigital", {}).get("lang", "en")
    labels = page_words(lang)
    titles = dict(resources.get("chinadigital_figures", []))
    start, end = page.find('<main class="cd-main"'), page.rfind("</main>")
    if start < 0 or end < 0 or "<!--cd-toc-->" not in page:
        return page
    entries: list[list] = []
    used: set[str] = set(re.findall(r'\sid="([^"]+)"', page))

    def visit(m):
        if m.group("fig"):
            n = int(m.group("fig"))
            if not entries:
                entries.append([None, None, []])
            entries[-1][2].append((n, titles.get(n, "")))
            return m.group(0)
        attrs, inner = m.group("attrs"), m.group("inner")
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("\u00b6", "").strip()
        idm = re.search(r'\sid="([^"]*)"', attrs)
        if idm:
            # mistune percent-encodes non-ASCII heading ids ('%EC%9D%B8...'); readable ids work as well
            # (browsers decode a fragment before matching) and read better in a shared link
            hid = urllib.parse.unquote(html.unescape(idm.group(1)))
            attrs = attrs.replace(idm.group(0), f' id="{html.escape(hid)}"')
        else:
            base = "sec-" + (re.sub(r"[^\w]+", "-", text.lower()).strip("-") or str(len(entries) + 1))
            hid, k = base, 2
            while hid in used:
                hid, k = f"{base}-{k}", k + 1
            used.add(hid)
            attrs = f' id="{html.escape(hid)}"' + attrs
        entries.append([hid, text, []])
        return f"<h2{attrs}>{inner}</h2>"

    main = _H2_OR_FIG.sub(visit, page[start:end])
    main = _KEEP.sub(_keep_with_figure, main)
    # an output holding a table may scroll sideways on a phone: keyboard users can reach and scroll it
    parts = main.split('<div class="cd-output">')
    main = parts[0] + "".join(('<div class="cd-output" tabindex="0">' if "<table" in part.split("</div>")[0]
                               and "cd-chart" not in part.split('<div class="cd-output"')[0] else '<div class="cd-output">')
                              + part for part in parts[1:])
    items = []
    for hid, text, figs in entries:
        sub = "".join(f'<li><a href="#chart-{n}">{html.escape(labels["figure"])} {n}. {html.escape(t)}</a></li>'
                      for n, t in figs)
        sub = f"<ol>{sub}</ol>" if sub else ""
        if hid is None:
            items.append(f"<li>{sub}</li>")
        else:
            items.append(f'<li><a href="#{html.escape(hid)}">{html.escape(text)}</a>{sub}</li>')
    nav = (f'<details class="cd-toc" open><summary>{html.escape(labels["contents"])}</summary>'
           f'<nav aria-label="{html.escape(labels["contents"])}"><ol>{"".join(items)}</ol></nav></details>') if items else ""
    return page[:start].replace("<!--cd-toc-->", nav, 1) + main + page[end:]


REPORT_MIME = "application/vnd.chinadigital.report+json"


def notebook_record(nb) -> dict:
    """What the check cell recorded about the report (title, language, parameters, data fingerprint)."""
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if REPORT_MIME in data:
                return dict(data[REPORT_MIME])
    return {}


def params_text(params: dict) -> str:
    return ", ".join(f"{k} = {v!r}" for k, v in params.items())


def _version() -> str:
    from .. import __version__

    return __version__


def export(executed_nb, *, lang: str, title: str, params: dict, fingerprint: str, built_at: str | None = None,
           slug: str | None = None, alternates: dict[str, str] | None = None) -> str:
    """HTML of one executed report notebook.

    `slug` names the report's downloads (else the page's file name does, in the browser); `alternates`
    maps another language to the same report's file (e.g. {"ko": "mobile-payments-ko.html"}): the page
    then links to it. Both are optional, so a notebook exported on its own works the same.
    """
    nb = executed_nb  # not copied here: the exporter works on a copy of its own
    shown = params_text(params)
    resources = {"chinadigital": {"lang": lang, "title": title, "params_text": shown, "fingerprint": fingerprint,
                                  "params": dict(params), **({"built_at": built_at} if built_at else {}),
                                  **({"slug": slug} if slug else {}),
                                  **({"alternates": dict(alternates)} if alternates else {})}}
    body, _ = _exporter(lang).from_notebook_node(nb, resources=resources)
    return resolve_xrefs(body, alternates or {}, lang)


_XREF = re.compile(r'<a class="cd-xref" data-cd-theme="([a-z_]+)">(.*?)</a>\s*<em class="cd-xref-note">.*?</em>', re.S)


def resolve_xrefs(body: str, alternates: dict[str, str], lang: str) -> str:
    """A question another report answers links to that report when this batch built it (alternates'
    "theme:<notebook>" entries); otherwise it says, as any unanswered question does, that it is not answered yet."""
    from ..report.i18n import t

    def one(m):
        href = alternates.get(f"theme:{m.group(1)}")
        if href:
            return f'<a class="cd-xref" href="{html.escape(href)}">{m.group(2)}</a>'
        return f'{m.group(2)} <em>({html.escape(t("not_answered_yet", lang))})</em>'

    return _XREF.sub(one, body)


@lru_cache(maxsize=None)
def _exporter(lang: str) -> ReportExporter:
    """One exporter per language and process: its Jinja templates are compiled once per worker, not once per
    report (about 0.15 CPU-seconds each time). Nothing of a report stays in it between calls: resources
    are per call, and the preprocessors' language is set from each notebook."""
    return ReportExporter(lang=lang)

