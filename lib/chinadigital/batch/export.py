"""The suite's nbconvert exporter: an executed notebook in, one self-contained offline HTML page out.

Registered as the nbconvert exporter `chinadigital` (so `jupyter nbconvert --to chinadigital`
works too). Its preprocessors keep the prose of the report's language, drop the
parameter and check cells, and turn each Vega-Lite output into a placeholder the page's
single inlined Vega bundle draws; nothing on the page loads from the network.
"""

from __future__ import annotations

import html
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

from .page_words import CSP, LANG_NAMES, page_words, params_words
from .figure_html import _inert_json, source_publishers, chart_meta, figure_html
from .vega_bundle import packed_bundle


TEMPLATES = Path(__file__).resolve().parent / "templates"
VEGA_MIME = "application/vnd.vegalite.v5+json"
NOTICE_MIME = "application/vnd.chinadigital.notice+json"
HIDDEN_TAGS = {"parameters", "injected-parameters", "check"}


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
           slug: str | None = None, alternates: dict[str, str] | None = None, base_url: str | None = None) -> str:
    """HTML of one executed report notebook.

    `slug` names the report's downloads (else the page's file name does, in the browser); `alternates`
    maps another language to the same report's file (e.g. {"ko": "mobile-payments-ko.html"}): the page
    then links to it. Both are optional, so a notebook exported on its own works the same. `base_url` is
    where the page will live ("Cite this report"); without it, $CHINADIGITAL_BASE_URL, else the file name.
    """
    nb = executed_nb  # not copied here: the exporter works on a copy of its own
    shown = params_text(params)
    resources = {"chinadigital": {"lang": lang, "title": title, "params_text": shown, "fingerprint": fingerprint,
                                  "params": dict(params), **({"built_at": built_at} if built_at else {}),
                                  **({"slug": slug} if slug else {}),
                                  **({"alternates": dict(alternates)} if alternates else {}),
                                  **({"base_url": base_url} if base_url else {})}}
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

