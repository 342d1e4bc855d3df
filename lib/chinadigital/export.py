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
import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from nbconvert.exporters import TemplateExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode, default


TEMPLATES = Path(__file__).resolve().parent / "templates"
VEGA_MIME = "application/vnd.vegalite.v5+json"
NOTICE_MIME = "application/vnd.chinadigital.notice+json"
VEGA_LITE_VERSION = "5.20"
HIDDEN_TAGS = {"parameters", "injected-parameters", "check"}
# Forbid the network, not the charts: Vega compiles expressions with eval, so scripts may
# be inline and evaluate, but nothing may be fetched, framed, posted or based elsewhere.
CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
       "img-src data: blob:; font-src data:; connect-src 'none'; media-src 'none'; object-src 'none'; "
       "frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'")

LABELS = {
    "en": {"parameters": "Parameters", "built": "Built", "data": "Data fingerprint", "version": "Library",
           "show_code": "Show code", "sources": "Sources", "index": "All reports", "csv": "Data (CSV)",
           "chart_sources": "Sources"},
    "ko": {"parameters": "매개변수", "built": "생성 시각", "data": "데이터 지문", "version": "라이브러리",
           "show_code": "코드 보기", "sources": "출처", "index": "전체 보고서", "csv": "데이터(CSV)",
           "chart_sources": "출처"},
}


class LanguagePreprocessor(Preprocessor):
    """Keep the markdown cells of the report's language (tags lang-en / lang-ko) and untagged ones."""

    lang = Unicode("en").tag(config=True)

    def preprocess(self, nb, resources):
        from .report import cells_to_keep

        keep = set(cells_to_keep(nb, self.lang))
        nb.cells = [c for i, c in enumerate(nb.cells) if i in keep]
        return nb, resources


class HiddenCellsPreprocessor(Preprocessor):
    """Drop the parameters, injected-parameters and check cells: the header shows the parameters."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", []))]
        return nb, resources


class VegaPreprocessor(Preprocessor):
    """Replace each Vega-Lite output with a figure: the spec as inert JSON, a caption linking its sources,
    and a CSV button; the page draws them all with one Vega bundle."""

    lang = Unicode("en").tag(config=True)

    def preprocess(self, nb, resources):
        count = 0
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                spec = out.get("data", {}).get(VEGA_MIME)
                if spec is None:
                    continue
                count += 1
                out["data"] = {"text/html": figure_html(spec, count, self.lang)}
        resources["chinadigital_charts"] = count
        # Charts the data could not fill: the library showed a sentence and the rows instead. The batch
        # puts these titles in the report's status so the index says a chart was not drawn.
        resources["chinadigital_notices"] = [out["data"][NOTICE_MIME]["title"] for cell in nb.cells
                                             for out in cell.get("outputs", []) if NOTICE_MIME in out.get("data", {})]
        return nb, resources


def _inert_json(obj) -> str:
    """JSON safe inside <script type="application/json">: no '</' can close the element."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


_REF = re.compile(r"\[(\d+)\](?:–\[(\d+)\])?")


def chart_meta(spec: dict) -> dict:
    """Title and cited source numbers of a chart, read from the spec itself (charts carry no usermeta,
    so they stay composable); the page keeps them as top-level usermeta for its downloads."""
    title = spec.get("title", {})
    title = title.get("text", "") if isinstance(title, dict) else title
    nums: set[int] = set()
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            for m in _REF.finditer(str(row.get("source_ref", ""))):
                a = int(m.group(1))
                nums.update(range(a, int(m.group(2) or a) + 1))
    for line in (spec.get("title", {}).get("subtitle", []) if isinstance(spec.get("title"), dict) else []):
        for m in _REF.finditer(str(line)):
            a = int(m.group(1))
            nums.update(range(a, int(m.group(2) or a) + 1))
    return {"title": str(title), "sources": sorted(nums)}


def figure_html(spec: dict, n: int, lang: str) -> str:
    labels = LABELS[lang]
    meta = spec.get("usermeta", {}).get("chinadigital") or chart_meta(spec)
    spec = {**spec, "usermeta": {**spec.get("usermeta", {}), "chinadigital": meta}}
    refs = " ".join(f'<a href="#src-{int(s)}">[{int(s)}]</a>' for s in meta.get("sources", []))
    title = html.escape(str(meta.get("title", "")))
    desc = html.escape(str(spec.get("description", "")))
    return (f'<figure class="cd-chart" id="chart-{n}" aria-label="{desc}">'
            f'<div class="cd-vega" role="img" aria-label="{desc}"></div>'
            f'<script type="application/octet-stream" class="cd-spec" data-encoding="gzip+base64">{pack(_inert_json(spec))}</script>'
            f'<figcaption><span class="cd-chart-title">{title}</span> '
            f'<span class="cd-refs">{html.escape(labels["chart_sources"])}: {refs}</span> '
            f'<button type="button" class="cd-csv">{html.escape(labels["csv"])}</button></figcaption></figure>')


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed in one script, from vl-convert's own copy: no network at build or view time."""
    import vl_convert as vlc

    return vlc.javascript_bundle(vl_version=VEGA_LITE_VERSION)


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


INIT_JS = r"""
(function () {
  "use strict";
  function unpack(b64) {
    var bin = atob(b64.trim()), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }
  var sources = {};
  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function toCsv(spec) {
    var cols = ["series", "indicator_label", "period", "value", "unit", "qualifier", "source_ref", "title", "date", "actor_label"];
    var rows = [];
    Object.keys(spec.datasets || {}).forEach(function (k) { rows = rows.concat(spec.datasets[k]); });
    var used = cols.filter(function (c) { return rows.some(function (r) { return r[c] !== undefined; }); });
    var lines = [used.join(",")];
    rows.forEach(function (r) { lines.push(used.map(function (c) { return csvCell(r[c]); }).join(",")); });
    var meta = (spec.usermeta && spec.usermeta.chinadigital) || {};
    lines.push("");
    lines.push(csvCell("# " + (meta.title || "")));
    (meta.sources || []).forEach(function (n) { lines.push(csvCell("# [" + n + "] " + (sources[String(n)] || ""))); });
    return lines.join("\r\n") + "\r\n";
  }
  function draw(fig, i) {
    return unpack(fig.querySelector("script.cd-spec").textContent).then(function (text) {
      var spec = JSON.parse(text);
      fig.querySelector("button.cd-csv").addEventListener("click", function () {
        var blob = new Blob(["\ufeff" + toCsv(spec)], {type: "text/csv;charset=utf-8"});
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "chart-" + (i + 1) + ".csv";
        document.body.appendChild(a); a.click(); a.remove();
      });
      return vegaEmbed(fig.querySelector(".cd-vega"), spec, {renderer: "svg", downloadFileName: "chart-" + (i + 1),
        actions: {export: true, source: false, compiled: false, editor: false}});
    }).then(function (res) { fig.__view = res.view; fig.setAttribute("data-rendered", "true"); })
      .catch(function (err) { fig.setAttribute("data-error", String(err)); console.error(err); });
  }
  document.querySelectorAll("ol.cd-sources li").forEach(function (li) {
    sources[li.getAttribute("value")] = li.textContent.replace(/\s+/g, " ").trim();
  });
  unpack(document.getElementById("cd-vega-bundle").textContent).then(function (code) {
    var s = document.createElement("script");
    s.textContent = code;
    document.head.appendChild(s);
    document.querySelectorAll("figure.cd-chart").forEach(draw);
  }).catch(function (err) { console.error("chinadigital: the chart library did not load: " + err); });
})();
"""

CSS = """
:root{--fg:#1d1d1f;--muted:#555;--line:#e3e3e3;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;font:16px/1.55 'Noto Sans','Noto Sans CJK KR','Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif}
.cd-header,.cd-main,.cd-footer{max-width:980px;margin:0 auto;padding:0 20px}
.cd-header{padding-top:28px;border-bottom:1px solid var(--line)}
.cd-header h1{margin:0 0 10px;font-size:1.9em;line-height:1.25}
.cd-meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 12px;color:var(--muted);font-size:.88em}
.cd-meta dt{font-weight:600}.cd-meta dd{margin:0}
.cd-toggle{position:absolute;left:-9999px}
.cd-toggle-label{display:inline-block;margin:0 12px 14px 0;padding:4px 10px;border:1px solid var(--accent);border-radius:4px;color:var(--accent);cursor:pointer;font-size:.9em}
.cd-toggle:focus-visible~.cd-header .cd-toggle-label{outline:2px solid var(--accent)}
.cd-toggle:checked~.cd-header .cd-toggle-label{background:var(--accent);color:#fff}
.cd-skip{font-size:.9em}
.cd-input{display:none;background:#f6f8fa;border:1px solid var(--line);padding:10px;overflow-x:auto;font-size:.85em}
.cd-toggle:checked~.cd-main .cd-input{display:block}
.cd-prose h2{margin-top:1.6em}
.anchor-link{visibility:hidden;text-decoration:none;margin-left:.3em;color:var(--muted)}
h1:hover .anchor-link,h2:hover .anchor-link,h3:hover .anchor-link{visibility:visible}
a.cd-ref{text-decoration:none}
.cd-output{margin:8px 0 18px;overflow-x:auto}
.cd-chart{margin:0}
.cd-chart figcaption{font-size:.85em;color:var(--muted);margin-top:4px}
.cd-chart-title{position:absolute;left:-9999px}
.cd-csv{margin-left:10px;font:inherit;font-size:.9em;padding:2px 8px;border:1px solid var(--line);border-radius:4px;background:#fafafa;cursor:pointer}
table{border-collapse:collapse;font-size:.9em}th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
.cd-sources li{margin-bottom:4px;word-break:break-word}
.cd-error{color:#b00020}
.cd-notice,.cd-figures{margin:8px 0 18px;padding:10px 14px;border-left:4px solid #E69F00;background:#fffaf0}
.cd-figures{border-left-color:#0072B2;background:#f5f9fc}
.cd-notice-title,.cd-figures-title{margin:0 0 6px}
.cd-footer{border-top:1px solid var(--line);margin-top:40px;padding:16px 20px;font-size:.9em}
@media print{.cd-toggle-label,.cd-csv,.cd-skip{display:none}}
"""


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
            meta["params_text"] = params_text(dict(record.get("params", [])))
            meta["fingerprint"] = meta.get("fingerprint") or record.get("fingerprint", "")
        resources["chinadigital"] = {k: v for k, v in meta.items() if v is not None}
        lang = resources["chinadigital"].get("lang") or \
            nb.get("metadata", {}).get("papermill", {}).get("parameters", {}).get("lang") or self.lang
        self.lang = self._lang_pp.lang = self._vega_pp.lang = lang
        return super().from_notebook_node(nb, resources, **kw)

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
        resources = super()._init_resources(resources)
        meta = resources.setdefault("chinadigital", {})
        lang = meta.get("lang") or self.lang
        meta.setdefault("lang", lang)
        meta.setdefault("title", "")
        meta.setdefault("params_text", "")
        meta.setdefault("built_at", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
        meta.setdefault("fingerprint", "")
        meta.setdefault("version", _version())
        meta["labels"] = LABELS[lang]
        meta["csp"] = CSP
        meta["css"] = CSS
        meta["bundle"] = packed_bundle()
        meta["init"] = INIT_JS
        return resources


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
    from . import __version__

    return __version__


def export(executed_nb, *, lang: str, title: str, params: dict, fingerprint: str, built_at: str | None = None) -> str:
    """HTML of one executed report notebook."""
    import copy

    nb = copy.deepcopy(executed_nb)
    shown = params_text(params)
    resources = {"chinadigital": {"lang": lang, "title": title, "params_text": shown, "fingerprint": fingerprint,
                                  **({"built_at": built_at} if built_at else {})}}
    body, _ = ReportExporter(lang=lang).from_notebook_node(nb, resources=resources)
    return body

