"""Every Korean page of the default batch read as a Korean economics editor would (issue 14).

The batch is built once (module fixture, as tests/test_browser.py does). For each Korean page the test
collects what a reader can see or hear: the visible text and the attributes read aloud (alt, title,
aria-label), and from every chart spec (gzip+base64 inside <script class="cd-spec">) the titles, axis
titles, legend titles, tooltips' field names, the text alternative, the footer and the text of the data
fields that the chart shows (legend entries, tooltip values). The sources section is left out: it names
sources as they name themselves. A source's figure quoted as written there (the "출처 표기" column,
fields `stated`/`stated_text`) is a quotation, and the export footer lists publishers' names; both are
left out of the Latin-letter check for the same reason.

It fails on:
- a Latin-letter word outside ALLOWED (CNNIC, GDP, QR, Tbps, IDC; QQ, CJ and CJ ENM, only names),
- a counter glued to 만/억/조/경, a qualifier symbol next to its word, a copula or (으)로 that does not fit
  the sound (korean.problems_ko),
- a non-glossary variant (korean.glossary_problems: 웨이신 outside "위챗(웨이신)", 인터넷+, 컨퍼런스,
  알리바바 클라우드, CNNIC before it is spelled out ...),
- a Chinese form (腾讯, 杭州 ...) shown more than once on a page.

Text marked as another language (lang="en" on the language switch, which names English in English) is read
in that language and left out. The CSV headings a Korean page writes are checked as well.

Issue 23 adds an economics desk's rules (chinadigital.dataset.korean.desk_problems and friends), over the same
texts and the index's Korean strings:
1. a bound word as a predicate ("25% 초과였습니다"), two qualifiers on one value (problems_ko);
2. a 해요체/해라체 ending, questions included; software and template words (korean.READER_BANNED);
3. glossary variants of the plans and ministries, first mentions written out once per page, Chinese characters
   in their traditional forms (simplified_problems);
4. the sources section in Korean: no English apparatus (repost, citing ...), no ISO date, no dangling punctuation,
   quotations marked with their language; export footers never splice a name into a sentence;
5. axis titles that name measure and unit; 1,000억 not 1천억; no "+" in prose; growth above 100% in 배; cities
   counted in 곳;
6. text alternatives that summarise (no list of every legend entry), ranges "2015~2019년", never one period as a
   range, ranks by meaning;
7. no particle on a citation bracket or a Latin name.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from chinadigital.dataset.korean import (axis_title_problems, desk_problems, glossary_problems, problems_ko,
                                         simplified_problems)

#: Latin-letter words a Korean page may show (outside the sources section). QQ is a product's only name, CJ
#: and CJ ENM companies' only names (Korean press writes them in Latin letters too), and chinadigital the
#: suite's own (the library line of the header, the citation's author).
# Latin names Korean papers print as they are: two broadcasters and AI; and the two image formats a reader
# saves a chart in (the buttons "PNG로 저장", "SVG로 저장": the file's own name, as Korean software writes it)
ALLOWED = {"CNNIC", "GDP", "QR", "Tbps", "IDC", "QQ", "CJ", "ENM", "chinadigital", "MBN", "YTN", "AI", "PNG", "SVG"}
#: Names of statistical releases, kept as their issuer names them (the Federal Reserve's G.5A).
_RELEASE_NAMES = re.compile(r"\bG\.5A\b")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_READ_ATTRS = ("alt", "title", "aria-label", "placeholder")
_SKIP = {"script", "style", "template", "noscript", "title"}
#: Literal text, not prose: code cells (hidden unless "show code"), the BibTeX entry, the data fingerprint.
_LITERAL = {"pre", "code"}
#: Data fields of a chart quoted from a source as written there, or naming it.
_QUOTED_FIELDS = {"stated", "stated_text", "source_ref"}
#: The table of contents repeats the page's headings, which are read where they stand.
TOC_LABEL = "목차"
#: The column heading of a source's figure as written there (ui.col_stated in locales/ko.toml).
STATED_HEADING = "출처 표기"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(HTMLParser):
    """Text and read-aloud attributes of a page, split into the sources section and the rest; chart specs.

    A chart's table view (table.cd-data) and its static picture (noscript) repeat the chart's own rows and
    text alternative: they are read once, from the spec, so a label is not counted twice. The page's
    <title> repeats its <h1>, and the table of contents its headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool, bool]] = []  # (tag, skipped, in sources, literal)
        self.text: list[str] = []
        self.sources: list[str] = []
        self.sources_plain: list[str] = []  # the sources section's own words (not quotations marked with a lang)
        self.sources_all: list[str] = []  # all of the sources section, quotations included, as printed
        self.specs: list[str] = []
        self._spec: list[str] | None = None
        self._heads: list[str] = []  # column headings of the table being read
        self._col = -1
        self._in_head = False
        self._cell_quoted = False

    def _in(self, i: int) -> bool:
        return bool(self.stack) and self.stack[-1][i]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        skipped = (self._in(1) or tag in _SKIP or (tag == "table" and "cd-data" in classes)
                   or (tag == "nav" and a.get("aria-label") == TOC_LABEL)
                   or not (a.get("lang") or "ko").startswith("ko"))  # marked as another language
        literal = self._in(3) or tag in _LITERAL
        in_sources = self._in(2) or a.get("id") == "sources" or "cd-sources" in classes
        if tag == "script" and "cd-spec" in classes:
            self._spec = []
        if tag == "table":
            self._heads, self._col = [], -1
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._col = -1
        elif tag in ("td", "th"):
            self._col += 1
            if self._in_head:
                self._heads.append("")
            # a cell under "출처 표기" quotes its source as written there
            self._cell_quoted = (not self._in_head and self._col < len(self._heads)
                                 and self._heads[self._col].strip() == STATED_HEADING)
        if not skipped:
            for name in _READ_ATTRS:
                if a.get(name):
                    (self.sources if in_sources else self.text).append(a[name])
        if tag not in _VOID:
            self.stack.append((tag, skipped, in_sources, literal))

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th"):
            self._cell_quoted = False
        if tag == "script" and self._spec is not None:
            self.specs.append("".join(self._spec))
            self._spec = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._spec is not None:
            self._spec.append(data)
            return
        if self._in(2) and not self._in(3) and self.stack and self.stack[-1][0] not in _SKIP:
            self.sources_all.append(data)
        if self._in(1) or self._in(3) or not data.strip():
            return
        if self._in_head and self._heads:
            self._heads[-1] += data
        (self.sources if self._in(2) or self._cell_quoted else self.text).append(data)
        if self._in(2) and not any(tag == "cite" for tag, *_ in self.stack):  # a title is a quotation
            self.sources_plain.append(data)


#: Row fields the table view shows besides the ones a chart encodes (figure_html._columns).
_TABLE_FIELDS = {"series", "period_text", "value_text", "original_text", "date_text", "actor_label", "title",
                 "year_text", "actor_kind_label"}


def _spec_texts(spec: dict, descriptions: list[str] | None = None) -> tuple[list[str], list[str], list[str]]:
    """(texts checked for everything, texts that quote or name sources) of one chart spec.

    Its title, footer and text alternative are on the page already (caption, notes, description); the axis
    titles are also returned apart (rule 5: an axis names measure and unit)."""
    descriptions = descriptions if descriptions is not None else []
    texts: list[str] = []
    axes: list[str] = []
    quoted: list[str] = [str(x) for x in ((spec.get("usermeta") or {}).get("chinadigital") or {}).get("export_footer", [])]
    shown_fields: set[str] = set(_TABLE_FIELDS)

    def walk(node):
        if isinstance(node, dict):
            title = node.get("title")
            if isinstance(title, str):
                texts.append(title)
            elif isinstance(title, dict):
                for k in ("text", "subtitle"):
                    v = title.get(k)
                    texts.extend([v] if isinstance(v, str) else [str(x) for x in (v or [])])
            elif isinstance(title, list):
                texts.extend(str(x) for x in title)
            enc = node.get("encoding")
            if isinstance(enc, dict):
                for channel, d in enc.items():
                    for item in d if isinstance(d, list) else [d]:
                        if not isinstance(item, dict):
                            continue
                        if item.get("field") and channel in (
                                "tooltip", "color", "text", "shape", "strokeDash", "row", "column", "facet"):
                            shown_fields.add(str(item["field"]))
                        for k in ("axis", "legend"):
                            sub = item.get(k)
                            if isinstance(sub, dict) and isinstance(sub.get("title"), str):
                                texts.append(sub["title"])
                        if channel in ("x", "y") and isinstance(item.get("title"), str) and item["title"]:
                            axes.append(item["title"])
            for k, v in node.items():
                if k not in ("datasets", "usermeta", "config", "description"):
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    seen: set[str] = set()
    for rows in (spec.get("datasets") or {}).values():
        for row in rows:
            if not isinstance(row, dict):
                continue
            for field, v in row.items():
                if not isinstance(v, str) or not v:
                    continue
                if field in _QUOTED_FIELDS:
                    quoted.append(v)
                elif field in shown_fields and v not in seen:  # a label shown on many marks is one label
                    seen.add(v)
                    texts.append(v)
    if isinstance(spec.get("description"), str):
        descriptions.append(spec["description"])
    return texts, quoted, axes


def read_page(path: Path) -> dict:
    """What a Korean page shows: 'text' (checked for everything, in page order), 'quoted' (the sources
    section, publishers' names and figures quoted as written in their source)."""
    from chinadigital.batch.vega_bundle import unpack

    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    texts, quoted, axes, descriptions = list(p.text), list(p.sources), [], []
    for packed in p.specs:
        st, sq, sa = _spec_texts(json.loads(unpack(packed.strip())), descriptions)
        texts += st
        quoted += sq
        axes += sa
    return {"text": texts, "quoted": quoted, "axes": axes, "sources": list(p.sources_plain), "sources_all": "".join(p.sources_all),
            "descriptions": descriptions,
            "footers": [str(x) for packed in p.specs for x in ((json.loads(unpack(packed.strip())).get("usermeta") or {})
                                                              .get("chinadigital") or {}).get("export_footer", [])]}


def page_problems(texts: list[str]) -> list[str]:
    """Every breach on one page (its checked texts, in page order)."""
    found: list[str] = []
    latin = Counter()
    for text in texts:
        text = _RELEASE_NAMES.sub("", text)
        for m in _LATIN_WORD.finditer(text):
            if m.group(0) not in ALLOWED and not _in_url(text, m.start()):
                latin[m.group(0)] += 1
        found += problems_ko(text) + desk_problems(_without_urls(text)) + simplified_problems(text)
    found += [f"Latin-letter word {w!r} ({n}x)" for w, n in sorted(latin.items())]
    found += glossary_problems(texts)
    han = Counter(m.group(0) for text in texts for m in _HAN.finditer(text))
    found += [f"Chinese form {h!r} shown {n} times" for h, n in sorted(han.items()) if n > 1]
    return found


def _without_urls(text: str) -> str:
    return re.sub(r"https?://\S+", "", text)


#: Words of the sources apparatus in English that a Korean page says in Korean (재게재, ○○ 인용, 원출처 미상).
_ENGLISH_APPARATUS = re.compile(r"\b(?:repost|reprint|copy of|citing|via|translation of|summary of|supplied by|"
                                r"as reported by|column)\b", re.I)
_DANGLING = re.compile(r",\s*(?:,|\.|$)|\(\s*\)|,\s{2,}|,\s*\((?:영어|중국어|한국어|우르두어)\)")


def sources_problems(page: dict) -> list[str]:
    """Rule 4 on one page: the sources section's own words (quotations marked with their language left out)
    are Korean, with no ISO date and no dangling punctuation; the footers of exported pictures name sources
    without splicing a name into a sentence."""
    found = []
    plain = re.sub(r"\s+", " ", " ".join(page["sources"]))
    for m in _LATIN_WORD.finditer(plain):
        if m.group(0) not in ALLOWED and not _in_url(plain, m.start()):
            found.append(f"sources: a Latin-letter word {m.group(0)!r} not marked as a quotation")
    found += [f"sources: English apparatus {m.group(0)!r}" for m in _ENGLISH_APPARATUS.finditer(_without_urls(plain))]
    found += [f"sources: ISO date {m.group(0)!r}" for m in re.finditer(r"(?<![\w/.-])\d{4}-\d{2}(?:-\d{2})?(?![\w/.-])", plain)]
    printed = page.get("sources_all", plain)
    found += [f"sources: dangling punctuation {printed[max(0, m.start() - 20):m.end() + 5]!r}"
              for m in _DANGLING.finditer(printed)]
    for line in page["footers"]:
        for m in re.finditer(r"[가-힣]\s[A-Z][A-Za-z ]+[;.]|[A-Za-z)]\s?(?:을|를|이|가|은|는)\s", line):
            found.append(f"footer: a name spliced into a sentence: {m.group(0)!r} in {line!r}")
    return found


def axis_problems(page: dict) -> list[str]:
    return [p for title in page["axes"] for p in axis_title_problems(title)]


def description_problems(page: dict) -> list[str]:
    """Rule 6: a text alternative summarises; it does not list every legend entry."""
    found = []
    for d in page["descriptions"]:
        if d.count(", ") > 6:
            found.append(f"text alternative lists {d.count(', ') + 1} items: {d[:120]!r}")
    return found


def _in_url(text: str, pos: int) -> bool:
    start = text.rfind(" ", 0, pos) + 1
    return bool(re.match(r"https?://", text[start:]))


def test_every_korean_page_reads_as_korean(built):
    pages = sorted(built.glob("*-ko.html"))
    assert len(pages) >= 5, [p.name for p in built.glob("*.html")]
    report = {}
    for path in pages:
        page = read_page(path)
        found = page_problems(page["text"]) + sources_problems(page) + axis_problems(page) + description_problems(page)
        if found:
            report[path.name] = found
    assert report == {}, json.dumps(report, ensure_ascii=False, indent=1)


def csv_headers(path: Path) -> list[list[str]]:
    """The header row of each chart's CSV download as report.js writes it (toCsv: the columns of its list
    that the chart's rows fill, each under the page's word for it, csv_heads), read without a browser."""
    from chinadigital.batch.vega_bundle import unpack

    js = (Path(__file__).resolve().parents[1] / "lib/chinadigital/batch/templates/chinadigital/report.js").read_text()
    cols = re.findall(r'"([a-z_]+)"', re.search(r"var cols = \[(.*?)\];", js, re.S).group(1))
    page = path.read_text(encoding="utf-8")
    words = json.loads(re.search(r'<script type="application/json" id="cd-page">(.*?)</script>', page, re.S).group(1))
    words = words.get("csv_heads") or {}
    p = _Page()
    p.feed(page)
    heads = []
    for packed in p.specs:
        spec = json.loads(unpack(packed.strip()))
        rows = [r for rs in (spec.get("datasets") or {}).values() for r in rs if isinstance(r, dict) and len(r) > 1]
        heads.append([words.get(c, c) for c in cols if any(r.get(c) not in (None, "") for r in rows)])
    return heads


def test_csv_headers_are_korean(built):
    english = {path.name: sorted({c for head in csv_headers(path) for c in head if _LATIN_WORD.search(c)})
               for path in sorted(built.glob("*-ko.html")) if not path.name.startswith("catalogue")}
    assert not any(english.values()), json.dumps(english, ensure_ascii=False, indent=1)


def test_the_scan_finds_what_it_looks_for():
    """The scanner itself, on lines the issue quotes."""
    bad = ["서버 100만대 이상", "≥ 100만 이상", "14조 2,476억 원였습니다", "Line chart with event markers",
           "텐센트(腾讯)", "텐센트(腾讯)", "웨이신·위챗 월간 활성 이용자", "알리바바 클라우드 매출", "인터넷+ 계획",
           "윈치 컨퍼런스"]
    found = "\n".join(page_problems(bad))
    for needle in ("100만대", "≥ 100만", "원였", "'Line'", "腾讯", "웨이신", "알리바바 클라우드", "인터넷+", "컨퍼런스"):
        assert needle in found, (needle, found)
    good = ["중국인터넷네트워크정보센터(CNNIC)에 따르면 이용자는 2억 1,739만 명이었습니다.", "위챗(웨이신) 계정은 10억 개입니다.",
            "위챗 계정", "CNNIC 조사", "GDP 대비 25% 초과", "100 Tbps 이상", "텐센트(騰訊)", "https://example.com/a"]
    assert page_problems(good) == []


def test_the_index_reads_as_korean_where_it_is_korean(built):
    """The index lists both languages: every Korean string on it is held to the same desk rules."""
    import html as _html

    page = (built / "index.html").read_text(encoding="utf-8")
    texts = sorted({_html.unescape(x) for x in re.findall(r'[^<>"]*[\uac00-\ud7a3][^<>"]*', page)})
    found = {t: p for t in texts if (p := problems_ko(t) + desk_problems(t) + simplified_problems(t))}
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_desk_checks_find_what_they_look_for():
    """The page-level checks (rules 4-6) on lines the issue quotes."""
    page = {"sources": ["YTN (citing Bank of Korea), ", "2016-01-20", " (한국어)."],
            "sources_all": "뉴스1, 제목, , 2016-01-20 (한국어). Platum, 제목, (한국어).",
            "footers": ["위안화 환율: 연평균 US Federal Reserve; News Tomato."],
            "axes": ["개", "조 원", "이용자(억 명)"],
            "descriptions": ["인터넷 이용자 — CNNIC 조사, 인터넷 이용자 — 원문 기사 재인용, 모바일 인터넷 이용자, a, b, c, d, e 값"]}
    found = "\n".join(sources_problems(page) + axis_problems(page) + description_problems(page))
    for needle in ("'citing'", "ISO date", "dangling", "spliced", "'개'", "'조 원'", "lists"):
        assert needle in found, (needle, found)
    assert "axis title '이용자(억 명)'" not in found
