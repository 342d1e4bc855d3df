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

    def number(self, source_id: str) -> int:
        return self.cite([source_id])[0]

    @property
    def ids(self) -> list[str]:
        return list(self._order)

    def frame(self) -> pd.DataFrame:
        src = self._ds.sources.set_index("source_id")
        rows = []
        for i, sid in enumerate(self._order, start=1):
            r = src.loc[sid]
            rows.append({"n": i, "source_id": sid, **{k: r[k] for k in ("publisher", "title", "url", "published", "language", "kind")}})
        return pd.DataFrame(rows)

    def html(self, lang: str) -> str:
        """The sources section as escaped HTML: every string from data goes through html.escape."""
        items = []
        for _, r in self.frame().iterrows():
            e = {k: html.escape(str(r[k])) for k in ("publisher", "title", "url", "published", "language")}
            link = (f'<a href="{e["url"]}" rel="noopener noreferrer">{e["url"]}</a>' if r["url"]
                    else f"<em>{html.escape(t('no_address', lang))}</em>")
            items.append(f'<li id="src-{r["n"]}" value="{r["n"]}">{e["publisher"]}, <cite>{e["title"]}</cite>, '
                         f'{e["published"]} ({e["language"]}). {link}</li>')
        return f'<h2 id="sources">{html.escape(t("sources", lang))}</h2>\n<ol class="cd-sources">\n' + "\n".join(items) + "\n</ol>"


def refs_text(numbers: list[int]) -> str:
    """[1], [3]-[6], [9]: consecutive runs collapse so a footer citing forty survey reports stays one line."""
    nums = sorted(set(numbers))
    parts, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(f"[{nums[i]}]" if j == i else f"[{nums[i]}]" + ("–" if j > i + 1 else ", ") + f"[{nums[j]}]")
        i = j + 1
    return ", ".join(parts)


def refs_links(numbers: list[int]) -> str:
    """Citation numbers as links into the sources section (HTML)."""
    return " ".join(f'<a class="cd-ref" href="#src-{n}">[{n}]</a>' for n in sorted(set(numbers)))
