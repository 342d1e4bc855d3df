"""Numbered citations for one report: charts cite by number, the sources section lists them.

Numbers are given in first-use order, so [1] is the first source a reader
meets; the list at the end is built from the same registry, never typed.
"""

from __future__ import annotations

import html

import pandas as pd

from .i18n import t


class Citations:
    def __init__(self, ds):
        self._ds = ds
        self._order: list[str] = []

    def cite(self, source_ids) -> list[int]:
        numbers = []
        for sid in source_ids:
            for one in str(sid).split(";"):
                if not one:
                    continue
                self._ds.source(one)  # unknown ids fail here, by name
                if one not in self._order:
                    self._order.append(one)
                n = self._order.index(one) + 1
                if n not in numbers:
                    numbers.append(n)
        return numbers

    @property
    def ids(self) -> list[str]:
        return list(self._order)

    def frame(self) -> pd.DataFrame:
        src = self._ds.sources.set_index("source_id")
        rows = []
        for i, sid in enumerate(self._order, start=1):
            r = src.loc[sid]
            rows.append({"n": i, "source_id": sid, **{k: r.get(k, "") for k in (
                "publisher", "title", "url", "published", "language", "kind", "origin", "copy_of")}})
        return pd.DataFrame(rows)

    def figures(self, source_id: str, limit: int = 6) -> list[str]:
        """The figures the dataset takes from a source, as the source writes them (its stated forms)."""
        obs = self._ds.observations
        hit = obs[obs["source_id"] == source_id]
        if "stated" not in hit:
            return []
        stated = [x for x in dict.fromkeys(hit["stated"].fillna("")) if x]
        return stated[:limit] + ([f"+{len(stated) - limit}"] if len(stated) > limit else [])

    def html(self, lang: str) -> str:
        """The sources section as escaped HTML: every string from data goes through html.escape.

        A copy says what it copies ("as reported by"), and each entry lists the figures taken from it in
        the source's own notation, so a reader knows what to look for on the page.
        """
        items = []
        for _, r in self.frame().iterrows():
            e = {k: html.escape(str(r[k] or "")) for k in ("publisher", "title", "url", "published", "copy_of")}
            lang_name = html.escape(t(f"language_{r['language']}", lang)) if r["language"] in ("en", "ko", "zh", "ur") else \
                html.escape(str(r["language"]))
            link = (f'<a href="{e["url"]}" rel="noopener noreferrer">{e["url"]}</a>' if r["url"]
                    else f"<em>{html.escape(t('no_address', lang))}</em>")
            copy = (f' <span class="cd-copy">{html.escape(t("as_reported_by", lang, original=r["copy_of"]))}</span>'
                    if r.get("origin") == "copy" and r.get("copy_of") else "")
            figs = self.figures(r["source_id"])
            figures = (f' <span class="cd-stated">{html.escape(t("figures_taken", lang))}: '
                       f'{html.escape(" · ".join(figs))}</span>') if figs else ""
            # a source without a date leaves no comma standing alone
            when = f', {e["published"]}' if e["published"].strip() and e["published"] not in ("nan", "None") else ""
            items.append(f'<li id="src-{r["n"]}" value="{r["n"]}">{e["publisher"]}, <cite>{e["title"]}</cite>'
                         f'{when} ({lang_name}).{copy} {link}{figures}</li>')
        return f'<h2 id="sources">{html.escape(t("sources", lang))}</h2>\n<ol class="cd-sources">\n' + "\n".join(items) + "\n</ol>"


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted, de-duplicated numbers as (first, last) runs of consecutive values."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def refs_text(numbers: list[int]) -> str:
    """[1], [3]-[6], [9]: consecutive runs collapse so a footer citing forty survey reports stays one line."""
    return ", ".join(f"[{a}]" if a == b else f"[{a}]" + ("–" if b > a + 1 else ", ") + f"[{b}]"
                     for a, b in _runs(numbers))


def refs_links(numbers: list[int]) -> str:
    """Citation numbers as links into the sources section (HTML); runs of three or more collapse to their ends,
    so a finding that rests on fifty event sources reads "[1]–[51]", not fifty links."""
    link = lambda n: f'<a class="cd-ref" href="#src-{n}">[{n}]</a>'  # noqa: E731
    return " ".join(link(a) + "–" + link(b) if b > a + 1 else " ".join(link(n) for n in range(a, b + 1))
                    for a, b in _runs(numbers))
