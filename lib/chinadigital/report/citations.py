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
        the source's own notation, so a reader knows what to look for on the page. A missing date leaves no
        punctuation behind. On a Korean page (sources_ko) Korean outlets carry their Korean names, copies and
        reposts are described in Korean (재게재, ○○ 인용, 원출처 미상), dates read "2016년 1월 20일", and what is
        quoted in another language (a title, an outlet's own name, a figure as written) is marked with its
        language, so a screen reader and the page scan read it as such.
        """
        items = []
        for _, r in self.frame().iterrows():
            items.append(self._item_ko(r) if lang == "ko" else self._item(r, lang))
        return f'<h2 id="sources">{html.escape(t("sources", lang))}</h2>\n<ol class="cd-sources">\n' + "\n".join(items) + "\n</ol>"

    def _lang_name(self, r, lang: str) -> str:
        return html.escape(t(f"language_{r['language']}", lang)) if r["language"] in ("en", "ko", "zh", "ur") else \
            html.escape(str(r["language"]))

    def _link(self, r, lang: str) -> str:
        e = html.escape(str(r["url"] or ""))
        return f'<a href="{e}" rel="noopener noreferrer">{e}</a>' if r["url"] else f"<em>{html.escape(t('no_address', lang))}</em>"

    def _item(self, r, lang: str) -> str:
        e = {k: html.escape(str(r[k] or "")) for k in ("publisher", "title", "url", "published", "copy_of")}
        copy = (f' <span class="cd-copy">{html.escape(t("as_reported_by", lang, original=r["copy_of"]))}</span>'
                if r.get("origin") == "copy" and r.get("copy_of") else "")
        figs = self.figures(r["source_id"])
        figures = (f' <span class="cd-stated">{html.escape(t("figures_taken", lang))}: '
                   f'{html.escape(" · ".join(figs))}</span>') if figs else ""
        # a source without a date leaves no comma standing alone
        date = f', {e["published"]}' if e["published"].strip() and e["published"] not in ("nan", "None") else ""
        return (f'<li id="src-{r["n"]}" value="{r["n"]}">{e["publisher"]}, <cite>{e["title"]}</cite>{date} '
                f'({self._lang_name(r, lang)}).{copy} {self._link(r, lang)}{figures}</li>')

    def _item_ko(self, r) -> str:
        from .sources_ko import copy_note_ko, date_ko, publisher_parts_ko, short_name_ko

        (name, desc), short = publisher_parts_ko(str(r["publisher"] or "")), short_name_ko(str(r["publisher"] or ""))
        date = date_ko(str(r["published"] or ""))
        copy = ""
        if r.get("origin") == "copy":
            note = copy_note_ko(str(r.get("copy_of") or ""))
            copy = f' <span class="cd-copy">{quoted(note, "ko") if note == "원출처 미상" else "원출처: " + quoted(note.split(": ", 1)[1], "")}.</span>'
        figs = self.figures(r["source_id"])
        more = f" 외 {figs.pop()[1:]}건" if figs and figs[-1].startswith("+") else ""
        figures = (f' <span class="cd-stated">{html.escape(t("figures_taken", "ko"))}: '
                   f'{quoted(" · ".join(figs), str(r["language"]))}{more}</span>') if figs else ""
        when = f", {html.escape(date)}" if date else ""
        import re as _re

        # a Korean article recorded under an English summary of its headline says so, until its own title is curated
        unseen = ("(원제목 미확인, 영문 요약)" if r["language"] == "ko" and not _re.search(r"[가-힣]", str(r["title"] or ""))
                  else "")
        return (f'<li id="src-{r["n"]}" value="{r["n"]}"><span class="cd-pub" data-short="{html.escape(short)}">'
                f'{quoted(name, "")}{"(" + mark_latin(desc) + ")" if desc else ""}</span>, <cite>{quoted(str(r["title"] or ""), "")}</cite>{unseen}{when} '
                f'({self._lang_name(r, "ko")}).{copy} {self._link(r, "ko")}{figures}</li>')


def mark_latin(text: str) -> str:
    """Escaped Korean text whose runs of Latin-letter words (a name or title quoted from the data) are marked
    lang="en": "CloudTech 기사 재게재" -> '<span lang="en">CloudTech</span> 기사 재게재'."""
    import re as _re

    out, pos = [], 0
    for m in _re.finditer(r"[A-Za-z][\w.'’/&:-]*(?:\s+[A-Za-z0-9][\w.'’/&:-]*)*", text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f'<span lang="en">{html.escape(m.group(0))}</span>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def quoted(text: str, lang: str = "") -> str:
    """Escaped text; on a Korean page, text in another script is marked with its language (lang="en" for Latin
    letters, lang="zh" for Chinese characters without Hangul), so a reader's screen reader and the page scan
    treat it as a quotation in that language."""
    import re as _re

    text = str(text)
    if lang == "ko" or (not lang and _re.search(r"[가-힣]", text) and not _re.search(r"[A-Za-z]{2,}", text)):
        return html.escape(text)
    if not lang or lang not in ("en", "zh", "ur"):
        lang = "zh" if _re.search(r"[\u3400-\u9fff]", text) and not _re.search(r"[A-Za-z]{3,}", text) else (
            "ko" if _re.search(r"[가-힣]", text) and not _re.search(r"[A-Za-z]{2,}", text) else "en")
    if lang == "ko":
        return html.escape(text)
    return f'<span lang="{lang}">{html.escape(text)}</span>'


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
