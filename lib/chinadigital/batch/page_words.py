"""What the report pages and the index page share, below both (export.py and index_page.py import it; it
imports neither, nor nbconvert): the Content-Security-Policy, the languages named in themselves, and the
parameters said in words.
"""

from __future__ import annotations

import csv
from functools import lru_cache

# Forbid the network, not the charts: Vega compiles expressions with eval, so scripts may
# be inline and evaluate, but nothing may be fetched, framed, posted or based elsewhere.
CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
       "img-src data: blob:; font-src data:; connect-src 'none'; media-src 'none'; object-src 'none'; "
       "frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'")

#: Each language named in itself, as a language switch names it (the link carries lang= for screen readers).
LANG_NAMES = {"en": "English", "ko": "한국어"}


def _t(key: str, lang: str, **fields) -> str:
    from ..report.i18n import t

    try:
        return str(t(key, lang, **fields))
    except Exception:
        return ""


@lru_cache(maxsize=1)
def _entities() -> dict:
    """Entity names (en/ko) from the dataset's entities.csv; empty if there is no dataset at hand."""
    try:
        from ..dataset.paths import data_dir

        with open(data_dir() / "entities.csv", encoding="utf-8") as fh:
            return {r["entity"]: r for r in csv.DictReader(fh)}
    except Exception:
        return {}


def params_words(params: dict, lang: str) -> str:
    """'2008–2025, in US dollars' / '2008~2025년, 달러화 기준'; the language itself is not repeated."""
    parts = []
    lo, hi = params.get("start_year"), params.get("end_year")
    if lo is not None or hi is not None:
        parts.append(_t("page.years", lang, lo=lo or "", hi=hi or ""))
    if params.get("city"):
        row = _entities().get(str(params["city"]), {})
        name = row.get(f"name_{lang}") or str(params["city"]).replace("-", " ").title()
        parts.append(name)
    if params.get("themes"):
        themes = params["themes"] if isinstance(params["themes"], (list, tuple)) else [params["themes"]]
        names = [(_t(f"theme_{x}", lang) or str(x)) for x in themes]
        parts.append(_t("page.themes", lang, names=", ".join(names)))
    if params.get("plans"):
        plans = params["plans"] if isinstance(params["plans"], (list, tuple)) else [params["plans"]]
        names = _plan_names(lang)
        parts.append(_t("page.plans", lang, names=", ".join(names.get(x, str(x)) for x in plans)))
    if params.get("currency") == "stated":
        parts.append(_t("page.in_stated_currency", lang))
    elif params.get("currency"):
        cur = _t(f"currency_{params['currency']}", lang) or str(params["currency"])
        parts.append(_t("page.in_currency", lang, cur=cur))
    for k, v in params.items():
        if k not in {"lang", "start_year", "end_year", "city", "themes", "currency", "plans"}:
            parts.append(f"{k} {v}")
    return ", ".join(parts)


def _plan_names(lang: str) -> dict[str, str]:
    """Plan series by their names in `lang` (data/series.csv), read without loading the dataset."""
    import csv

    from ..dataset.paths import data_dir

    try:
        with (data_dir() / "series.csv").open(encoding="utf-8", newline="") as fh:
            return {r["series"]: r.get(f"name_{lang}") or r["series"] for r in csv.DictReader(fh)}
    except Exception:  # a page label, never a reason to fail a build
        return {}


def page_words(lang: str) -> dict[str, str]:
    """The page's own words in `lang` (locales/<lang>.toml, section [page])."""
    from ..report.i18n import section

    return section("page", lang)
