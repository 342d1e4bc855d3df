"""The index page readers start from, in both languages, and parameters said in words.

`index_html(rows, built_at)` takes the rows the batch already builds for its index (slug, title, lang,
params, status, built_at, size, has_html, error, stale; optionally notebook and parameters as a dict) and
returns one bilingual page: a one-line description per report, its parameters in words ("2008–2025, in
US dollars" / "2008~2025년, 달러화 기준"), its status, a link to the report and, where the batch built the
same report in the other language, a link to that. With more than a dozen reports a filter box narrows the
list (and without scripts the whole list stays).
"""

from __future__ import annotations

import ast
import html
import re
from functools import lru_cache

from .page_words import CSP, LANG_NAMES, params_words  # noqa: F401 - params_words is also this module's API

FILTER_FROM = 12



def ui(lang: str) -> dict[str, str]:
    """The index's words in `lang` (locales/<lang>.toml, section [index]); English for a language without them."""
    from ..report.i18n import section

    try:
        return section("index", lang)
    except (KeyError, ValueError):
        return section("index", "en")


def parse_params(text) -> dict:
    """The batch's `k=v, k=v` parameter text (or a dict) as a dict of Python values."""
    if isinstance(text, dict):
        return dict(text)
    out: dict = {}
    for m in re.finditer(r"(\w+)\s*=\s*(\[[^\]]*\]|'[^']*'|\"[^\"]*\"|[^,]*)", str(text or "")):
        raw = m.group(2).strip()
        try:
            out[m.group(1)] = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            out[m.group(1)] = raw
    return out


def theme_of(row: dict) -> str:
    if row.get("notebook"):
        return str(row["notebook"])
    slug = str(row.get("slug", "")).replace("-", "_")
    try:
        from ..themes import names

        known = names()
    except Exception:
        known = []
    for name in sorted(known, key=len, reverse=True):
        if slug.startswith(name):
            return name
    return ""


@lru_cache(maxsize=None)
def notebook_summary(theme: str, lang: str, limit: int = 190) -> str:
    """The first sentence of the notebook's own introduction in `lang` (its first markdown cell tagged
    lang-<lang>), so a new theme describes itself on the index; '' if there is none."""
    import json

    try:
        from ..dataset.paths import NOTEBOOKS_DIR

        nb = json.loads((NOTEBOOKS_DIR / f"{theme}.ipynb").read_text(encoding="utf-8"))
    except Exception:
        return ""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown" or f"lang-{lang}" not in cell.get("metadata", {}).get("tags", []):
            continue
        text = re.sub(r"\s+", " ", "".join(cell.get("source", []))).strip()
        text = re.sub(r"[*_`#>]", "", text)
        first = re.split(r"(?<=[.!?。])\s", text, maxsplit=1)[0]
        if len(first) > limit:
            first = first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return first
    return ""


def alternates(rows: list[dict]) -> dict[str, dict[str, str]]:
    """slug -> {lang: slug} of the same report (theme and parameters but the language) in other languages."""
    keys: dict[tuple, dict[str, str]] = {}
    for r in rows:
        p = parse_params(r.get("parameters") or r.get("params"))
        lang = str(p.pop("lang", r.get("lang", "")))
        keys.setdefault((theme_of(r), repr(sorted((k, repr(v)) for k, v in p.items() if k not in {"currency"}))), {})[lang] = r["slug"]
    out = {}
    for group in keys.values():
        for lang, slug in group.items():
            out[slug] = {other: s for other, s in group.items() if other != lang}
    return out


CSS = """
:root{--fg:#1d1d1f;--muted:#4f4f4f;--line:#d6d6d6;--accent:#005a8c}
*{box-sizing:border-box}
[hidden]{display:none !important}
body{margin:0;font:15px/1.55 'Noto Sans','Noto Sans CJK KR','Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic',sans-serif;color:var(--fg);background:#fff;overflow-wrap:break-word}
:lang(ko){word-break:keep-all}
a{color:var(--accent)}
main{max-width:1100px;margin:0 auto;padding:20px}
h1{margin:0 0 4px;font-size:1.7em;line-height:1.25}
.sub{margin:0 0 14px;color:var(--muted)}
.filter{margin:0 0 14px}.filter input{font:inherit;padding:6px 10px;border:1px solid #767676;border-radius:4px;width:min(420px,100%)}
table.reports{border-collapse:collapse;width:100%;table-layout:fixed}
table.reports th,table.reports td{border-top:1px solid var(--line);padding:10px 12px 10px 0;text-align:left;vertical-align:top}
table.reports thead th{font-size:.85em;color:var(--muted);border-top:0}
.report h3{font-size:1.08em;margin:0 0 2px;line-height:1.35}
.report p{margin:0 0 4px;max-width:860px}
.report .facts{font-size:.88em;color:var(--muted)}
.report .lead{font-size:.95em}
.report .asks{font-size:.9em;margin:0 0 4px}.report .asks summary{cursor:pointer;color:var(--accent)}
.report .asks ul{margin:4px 0 6px;padding-left:1.4em}
.report .built{font-size:.85em;color:var(--muted)}
.status-ok{color:#006b35;font-weight:600}.status-not-built{color:#8a4b00;font-weight:600}.status-failed{color:#b00020;font-weight:600}.status-stale{color:#8a4b00}
.err,.note{font-size:.85em;white-space:pre-wrap}.err{color:#b00020}.note{color:#8a4b00}
.lang-tag{display:inline-block;font-size:.75em;border:1px solid #767676;border-radius:3px;padding:0 4px;margin-left:6px;color:var(--muted);vertical-align:2px}
@media (max-width:700px){
  table.reports,table.reports tbody,table.reports tr,table.reports td{display:block;width:100%}
  table.reports thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  table.reports tr{border-top:1px solid var(--line);padding:10px 0}
  table.reports td{border:0;padding:2px 0}
}
"""

FILTER_JS = """
(function(){var box=document.getElementById('cd-filter');if(!box)return;var items=[].slice.call(document.querySelectorAll('tr.report')),
out=document.getElementById('cd-filter-count'),tpl=out.getAttribute('data-template');
box.hidden=false;var input=box.querySelector('input');input.addEventListener('input',function(){var q=input.value.trim().toLowerCase(),n=0;
items.forEach(function(li){var hit=!q||li.textContent.toLowerCase().indexOf(q)>=0;li.hidden=!hit;n+=hit;});
out.textContent=q?tpl.replace('{n}',n).replace('{total}',items.length):'';});})();
"""


ANSWERS_MIME = "application/vnd.chinadigital.answers+json"
FINDINGS_MIME = "application/vnd.chinadigital.findings+json"
VEGA_MIME = "application/vnd.vegalite.v5+json"
NOTICE_MIME = "application/vnd.chinadigital.notice+json"


def theme_summary(theme: str, lang: str) -> str:
    """The theme's written summary (locales [summaries]); else the first sentence of its notebook."""
    from ..report.i18n import section

    try:
        text = section("summaries", lang).get(theme, "")
    except (KeyError, ValueError):
        text = ""
    return str(text) or notebook_summary(theme, lang)


def report_digest(out_dir, slug: str) -> dict:
    """What the executed notebook the batch keeps (<out>/executed/<slug>.ipynb) says about the report: the
    questions it answers, its lead finding (the first finding that is not a claim) and its number of figures."""
    import json
    from pathlib import Path

    if out_dir is None:
        return {}
    try:
        nb = json.loads((Path(out_dir) / "executed" / f"{slug}.ipynb").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    questions, findings, figures = [], [], 0
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if ANSWERS_MIME in data and not questions:
                questions = [str(a.get("question", "")) for a in data[ANSWERS_MIME] if a.get("question")]
            if FINDINGS_MIME in data and not findings:
                findings = list(data[FINDINGS_MIME])
            if VEGA_MIME in data:
                figures += 1
    lead = next((str(f.get("text", "")) for f in findings if f.get("claim") is False and f.get("text")), "")
    return {"questions": questions, "lead": lead, "figures": figures}


def _report_item(r: dict, alts: dict, out_dir=None) -> str:
    from ..report.i18n import built_text

    e = lambda v: html.escape(str(v))  # noqa: E731
    lang = str(r.get("lang") or "en")
    w = ui(lang)
    theme = theme_of(r)
    params = parse_params(r.get("parameters") or r.get("params"))
    desc = theme_summary(theme, lang)
    digest = report_digest(out_dir, r["slug"]) if r.get("has_html") else {}
    reach = r.get("reach")
    if reach:  # what the report's charts actually reach, not the window its parameters allow
        from ..report.i18n import period_label

        words = params_words({k: v for k, v in params.items() if k not in ("start_year", "end_year")}, lang)
        span = w["reach"].format(first=period_label(reach[0], lang), last=period_label(reach[1], lang))
        words = f"{span}, {words}" if words else span
    else:
        words = params_words(params, lang)
    status = str(r.get("status", "not built"))
    title = e(r.get("title") or r.get("slug"))
    link = f'<a href="{e(r["slug"])}.html">{title}</a>' if r.get("has_html") else title
    other = ""
    for ol, slug in sorted(alts.get(r["slug"], {}).items()):
        other += (f' <a href="{e(slug)}.html" hreflang="{e(ol)}" lang="{e(ol)}">{e(LANG_NAMES.get(ol, ol))}</a>')
    err = ""
    if r.get("error"):
        er = r["error"]
        err = (f'<div class="err">{e(w["cell"])} {e(er.get("cell"))}: {e(er.get("ename"))}: {e(er.get("evalue"))}</div>')
    if r.get("notes"):  # charts the data could not fill: the report built, with a sentence in their place
        err += f'<div class="note">{e(w["notes"].format(n=len(r["notes"])))}: {e("; ".join(map(str, r["notes"])))}</div>'
    stale = f' <span class="status-stale">({e(w["stale"])})</span>' if r.get("stale") else ""
    facts = []
    if status != "ok":  # the status only where it is news
        facts.append(f'<span class="status-{e(status.replace(" ", "-"))}">{e(w.get(status.replace(" ", "_"), status))}</span>{stale}')
    if words:
        facts.append(e(words))
    n = digest.get("figures")
    if n:
        facts.append(e(w["figure_one"] if n == 1 else w["figures"].format(n=n)))
    if other:
        facts.append(f'{e(w["other"])}:{other}')
    questions = digest.get("questions") or []
    asks = (f'<details class="asks"><summary>{e(w["answers"])} ({len(questions)})</summary><ul>'
            + "".join(f"<li>{e(q)}</li>" for q in questions) + "</ul></details>") if questions else ""
    lead = (f'<p class="lead"><strong>{e(w["lead"])}:</strong> {e(digest["lead"])}</p>') if digest.get("lead") else ""
    built = (f'<p class="built">{e(w["built"])} {e(built_text(r["built_at"], lang))}</p>'
             if r.get("built_at") and status != "ok" else "")
    return (f'<tr data-slug="{e(r["slug"])}" data-status="{e(status)}" class="report" lang="{e(lang)}">'
            f'<td><h3>{link}<span class="lang-tag">{e(lang.upper())}</span></h3>'
            + (f'<p class="desc">{e(desc)}</p>' if desc else "")
            + f'<p class="facts">{" · ".join(facts)}</p>'
            + lead + asks + built + err + '</td></tr>')


def _catalogue_links(catalogue: dict | None) -> str:
    """The data catalogue in each language and the data package, with the fingerprint the reports cite."""
    if not catalogue:
        return ""
    from .catalogue_page import CATALOGUE_FILES

    en, ko = ui("en"), ui("ko")
    e = html.escape
    return (f'<p class="sub"><a href="{CATALOGUE_FILES["en"]}">{e(en["catalogue"])}</a> · '
            f'<a href="{CATALOGUE_FILES["ko"]}" lang="ko">{e(ko["catalogue"])}</a> · '
            f'<a href="{e(catalogue["zip"])}" download>{e(en["data_zip"])}</a> '
            f'<span lang="ko">({e(ko["data_zip"])})</span>, {e(en["fingerprint"])} {e(catalogue["fingerprint"])}</p>')


def index_html(rows: list[dict], built_at: str, out_dir=None, catalogue: dict | None = None) -> str:
    """The bilingual index page (see the module docstring)."""
    en, ko = ui("en"), ui("ko")
    alts = alternates(rows)
    langs = list(dict.fromkeys([str(r.get("lang") or "en") for r in rows] + ["en", "ko"]))
    sections = []
    for lang in langs:
        mine = [r for r in rows if str(r.get("lang") or "en") == lang]
        if not mine:
            continue
        w = ui(lang)
        items = "\n".join(_report_item(r, alts, out_dir) for r in mine)
        sections.append(f'<section lang="{lang}" aria-labelledby="h-{lang}"><h2 id="h-{lang}" class="group">'
                        f'{html.escape(LANG_NAMES.get(lang, lang))}</h2><table class="reports" aria-labelledby="h-{lang}">'
                        f'<thead><tr><th scope="col">{w["report"]}</th></tr></thead><tbody>{items}</tbody></table></section>')
    jumps = " · ".join(f'<a href="#h-{lang}" lang="{lang}">{html.escape(LANG_NAMES.get(lang, lang))}</a>'
                       for lang in langs if any(str(r.get("lang") or "en") == lang for r in rows))
    filt = ""
    script = ""
    if len(rows) > FILTER_FROM:
        filt = (f'<div class="filter" id="cd-filter" hidden><label for="cd-q">{en["filter"]} · {ko["filter"]}</label> '
                f'<input id="cd-q" type="search" placeholder="{html.escape(en["placeholder"])}">'
                f' <span id="cd-filter-count" role="status" data-template="{html.escape(en["shown"])}"></span></div>')
        script = f"<script>{FILTER_JS}</script>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(en["title"])} · {html.escape(ko["title"])}</title><style>{CSS}</style></head>
<body><main>
<h1>{en["title"]} <span lang="ko">· {ko["title"]}</span></h1>
<p class="sub">{html.escape(en["intro"])} <span lang="ko">{html.escape(ko["intro"])}</span></p>
<p class="sub">{en["built"]} · <span lang="ko">{ko["built"]}</span>: {html.escape(built_at)}</p>
<nav class="sub" aria-label="{html.escape(en["languages"])} · {html.escape(ko["languages"])}">{jumps}</nav>
{_catalogue_links(catalogue)}
{filt}
{"".join(sections)}
</main>{script}</body></html>
"""


def alternates_for(reports) -> dict[str, dict[str, str]]:
    """For the batch: slug -> {lang: "<other slug>.html"} over plan reports (objects with slug, notebook and
    params), to pass as `export(..., alternates=...)` so each page links to its other-language twin."""
    rows = [{"slug": r.slug, "notebook": r.notebook, "parameters": dict(r.params),
             "lang": dict(r.params).get("lang", getattr(r, "lang", ""))} for r in reports]
    out = {slug: {lang: f"{other}.html" for lang, other in alt.items()} for slug, alt in alternates(rows).items()}
    # "theme:<notebook>" -> the first report of that theme in the page's own language: a question another report
    # of this batch answers links there, and only one no report answers says "not answered yet"
    first: dict[tuple, str] = {}
    for r in rows:
        first.setdefault((r["notebook"], str(r["lang"])), r["slug"])
    from ..themes import REGISTRY

    for r in rows:
        wanted = REGISTRY[r["notebook"]].answered_by if r["notebook"] in REGISTRY else ()
        refs = {f"theme:{nb}": f"{slug}.html" for (nb, lang), slug in first.items()
                if lang == str(r["lang"]) and nb in wanted}
        if refs:
            out.setdefault(r["slug"], {}).update(refs)
    return out
