"""The data catalogue beside the index, in each language, and the data package a reader can verify offline.

Every series (indicator, entity, series) with its unit, kind of statement, first and latest period, points,
gaps, the break it begins at, its sources by standing (issuer, original, copy), and the reports of this batch
that draw it (read from the executed notebooks' chart data). A filter box narrows the table; without scripts
the whole table stays. The `data/` folder is offered as a zip named after the fingerprint the reports cite.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

from .outputs import atomic_write
from .page_words import CSP, LANG_NAMES

VEGA = "application/vnd.vegalite.v5+json"
CATALOGUE_FILES = {"en": "catalogue.html", "ko": "catalogue-ko.html"}


def anchor(indicator: str, entity: str, series: str) -> str:
    """The row's id, so a chart's table view can link to the series it draws."""
    return "s-" + re.sub(r"[^a-z0-9]+", "-", f"{indicator}-{entity}-{series}".lower()).strip("-")


def drawn_by(out_dir: Path, slugs: list[str]) -> tuple[dict, dict]:
    """(series -> report slugs that draw it, slug -> (first period, latest period) its charts reach), read from
    the executed notebooks the batch kept."""
    series: dict[tuple, list[str]] = {}
    reach: dict[str, tuple] = {}
    for slug in slugs:
        path = out_dir / "executed" / f"{slug}.ipynb"
        if not path.exists():
            continue
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        lo = hi = None
        for cell in nb.get("cells", []):
            for out in cell.get("outputs", []):
                spec = out.get("data", {}).get(VEGA)
                if not isinstance(spec, dict):
                    continue
                for rows in spec.get("datasets", {}).values():
                    for r in rows:
                        if not isinstance(r, dict) or "indicator" not in r or "series_slug" not in r:
                            continue
                        key = (r["indicator"], r.get("entity", ""), r.get("series_slug", ""))
                        series.setdefault(key, [])
                        if slug not in series[key]:
                            series[key].append(slug)
                        end = str(r.get("period_end", ""))[:10]
                        start = str(r.get("period_start", ""))[:10]
                        if end and (hi is None or end > hi[0]):
                            hi = (end, str(r.get("period", "")))
                        if start and (lo is None or start < lo[0]):
                            lo = (start, str(r.get("period", "")))
        if lo and hi:
            reach[slug] = (lo[1], hi[1])
    return series, reach


def write_data_zip(out_dir: Path, data_dir: Path, fingerprint: str) -> str:
    """data/ as a zip named after its fingerprint (written once per fingerprint); returns the file name."""
    name = f"chinadigital-data-{fingerprint[:12]}.zip"
    target = out_dir / name
    if not target.exists():
        import io

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in sorted(data_dir.iterdir()):
                if p.is_file() and p.suffix in (".csv", ".json", ".md"):
                    zf.write(p, f"data/{p.name}")
        atomic_write(target, buf.getvalue())
    for old in out_dir.glob("chinadigital-data-*.zip"):
        if old.name != name:
            old.unlink(missing_ok=True)
    return name


_FILTER_JS = """
(function(){var box=document.getElementById('cd-filter');if(!box)return;var rows=[].slice.call(document.querySelectorAll('tbody tr')),
out=document.getElementById('cd-filter-count'),tpl=out.getAttribute('data-template');box.hidden=false;
var input=box.querySelector('input');input.addEventListener('input',function(){var q=input.value.trim().toLowerCase(),n=0;
rows.forEach(function(tr){var hit=!q||tr.textContent.toLowerCase().indexOf(q)>=0;tr.hidden=!hit;n+=hit;});
out.textContent=q?tpl.replace('{n}',n).replace('{total}',rows.length):'';});})();
"""

_CSS = """
body{font-family:"Noto Sans","Noto Sans CJK KR",system-ui,sans-serif;margin:0;color:#1a1a1a;line-height:1.45}
main{max-width:1200px;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
p.sub{color:#444;margin:.3rem 0}
.wrap{overflow-x:auto;border:1px solid #ddd}
table{border-collapse:collapse;font-size:.85rem;min-width:900px}
th,td{border-bottom:1px solid #e5e5e5;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f5f7;position:sticky;top:0}
tr:target{background:#fff6d6}
.due{color:#8a1c1c}
.filter{margin:.6rem 0}
input[type=search]{font-size:1rem;padding:.3rem;min-width:16rem}
a{color:#0b5e8e}
@media (max-width:600px){.wrap::after{content:"→";position:sticky;right:0}}
"""


_HAN_PARENS = re.compile(r"\s*\([\u3400-\u9fff]+\)")


def _break_words(ds, series: str, lang: str) -> str:
    """'From April 2023: Canalys counts ...' for a series that begins at a recorded break, '—' otherwise."""
    from ..report.i18n import period_label, t

    b = ds.break_of(series) if getattr(ds, "breaks", None) is not None else None
    if b is None:
        return "—"
    return t("break_text", lang, date=period_label(str(b["date"]), lang), what=b[f"description_{lang}"])


def catalogue_html(ds, lang: str, series_reports: dict, titles: dict, data_zip: str, built_at: str,
                   langs: dict | None = None) -> str:
    """One language's catalogue page."""
    from ..dataset.catalogue import series_catalogue
    from ..report.i18n import built_text, period_label, section, t

    w = section("catalogue", lang)
    e = lambda v: html.escape(str(v))  # noqa: E731
    cat = series_catalogue(ds)
    names = ds.series_table.set_index("series")[f"name_{lang}"]
    ents = ds.entities.set_index("entity")
    rows = []
    for _, r in cat.iterrows():
        ent = ents.loc[r["entity"]]
        ent_name = ent.get(f"name_{lang}") or ent.get("name_en") or r["entity"]
        reports = [x for x in series_reports.get((r["indicator"], r["entity"], r["series"]), [])
                   if (langs or {}).get(x, lang) == lang]  # the reports in the page's own language
        # report titles without the Chinese form a title gives its city once (the catalogue is one more page)
        links = " ".join(f'<a href="{e(s)}.html">{e(re.sub(_HAN_PARENS, "", titles.get(s, s)))}</a>'
                         for s in reports) or "—"
        due = f'<span class="due">{e(w["due_yes"])}</span>' if r["due"] else e(w["due_no"])
        if r["superseded_by"]:
            due = e(t("catalogue.continues", lang, series=names.get(r["superseded_by"]) or r["superseded_by"]))
        kind = t(f"statement.{r['statement']}", lang) if r["statement"] else ""
        unit_word = t(f"unit_{r['unit']}", lang)
        rows.append(
            f'<tr id="{e(anchor(r["indicator"], r["entity"], r["series"]))}"><th scope="row">'
            f'{e(ds.label("indicator", r["indicator"], lang))}</th><td>{e(ent_name)}</td>'
            f'<td>{e(names.get(r["series"]) or r["series"])}</td><td>{e(unit_word)}</td>'
            f'<td>{e(kind)}</td><td>{e(period_label(r["first"], lang))}</td><td>{e(period_label(r["latest"], lang))}</td>'
            f'<td>{r["points"]}</td><td>{r["gaps"]}</td><td>{e(w["cadence_" + r["cadence"].replace(" ", "_").replace("-", "_")])}</td>'
            f'<td>{due}</td><td>{e(_break_words(ds, r["series"], lang))}</td>'
            f'<td>{e(w["standing"].format(issuer=r["issuer"], original=r["original"], copy=r["copy"]))}</td>'
            f'<td>{links}</td></tr>')
    heads = "".join(f'<th scope="col">{e(w[k])}</th>' for k in (
        "col_indicator", "col_entity", "col_series", "col_unit", "col_kind", "col_first", "col_latest", "col_points",
        "col_gaps", "col_cadence", "col_due", "col_break", "col_sources", "col_reports"))
    other = {"en": "ko", "ko": "en"}[lang]
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(w["title"])}</title><style>{_CSS}</style></head>
<body><main>
<p class="sub"><a href="index.html">← {e(w["index"])}</a> · <a href="{CATALOGUE_FILES[other]}" hreflang="{other}" lang="{other}">{e(LANG_NAMES[other])}</a></p>
<h1>{e(w["title"])}</h1>
<p class="sub">{e(w["intro"])}</p>
<p class="sub">{e(w["download"])}: <a href="{e(data_zip)}" download>{e(w["zip_link"])}</a> · {e(w["fingerprint"])} <code>{e(ds.fingerprint[:12])}</code> · {e(w["built"])} {e(built_text(built_at, lang))}</p>
<div class="filter" id="cd-filter" hidden><label for="cd-q">{e(w["filter"])}</label>
<input id="cd-q" type="search"> <span id="cd-filter-count" role="status" data-template="{e(w["shown"])}"></span></div>
<div class="wrap" role="region" tabindex="0" aria-label="{e(w["title"])}">
<table><caption class="sub">{e(w["caption"].format(n=len(cat)))}</caption><thead><tr>{heads}</tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
</main><script>{_FILTER_JS}</script></body></html>
"""


def write_catalogue(out_dir: Path, reports: list, titles: dict, built_at: str) -> dict:
    """Write the catalogue pages and the data zip; return what the index shows of them (file names,
    fingerprint) and each report's reach ('data to')."""
    from ..dataset.load import load

    ds = load()
    slugs = [r.slug for r in reports]
    series_reports, reach = drawn_by(out_dir, slugs)
    zip_name = write_data_zip(out_dir, ds.data_dir, ds.fingerprint)
    for lang, name in CATALOGUE_FILES.items():
        atomic_write(out_dir / name, catalogue_html(ds, lang, series_reports, titles, zip_name, built_at,
                                                    {r.slug: r.lang for r in reports}))
    return {"zip": zip_name, "fingerprint": ds.fingerprint[:12], "reach": reach}
