"""Issue 24, the page part, in real Chromium with the network blocked: tables at 390 px that never cut a cell
without a visible scroll cue, a language switch that keeps the reader's place, exports that keep every note,
build metadata at the end in words, and a printed PDF with no page more than half empty (other than before a
new top-level section). The page counts of the printed reports are printed (pytest -s shows them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import Page, chromium, download_from_menu
from buildkit import cli
from print_check import half_empty_pages, page_fill, print_pdf
from reader_check import _SizedContext

pytestmark = pytest.mark.browser

BASE_URL = "https://example.org/chinadigital/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("page-reader")
    r = cli("build", "--out", str(out), "--base-url", BASE_URL, timeout=1200)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    with chromium() as ctx:
        yield ctx


def _reports(built: Path) -> list[Path]:
    return sorted(p for p in built.glob("*.html") if p.name != "index.html" and not p.name.startswith("catalogue"))


def _open(browser, path: Path, width: int = 1280) -> Page:
    p = Page(_SizedContext(browser, width, 844), path)
    assert p.blocked == [] and p.console_errors == [], (path.name, p.blocked, p.console_errors)
    return p


# -- tables on a phone ---------------------------------------------------------------------------------------

_CUT_CELLS = """() => {
  document.querySelectorAll('details.cd-tableview').forEach(d => d.open = true);
  window.dispatchEvent(new Event('resize'));
  const out = [];
  document.querySelectorAll('.cd-table-wrap, .cd-output[tabindex]').forEach(box => {
    if (box.offsetParent === null) return;
    const r = box.getBoundingClientRect();
    const cue = box.previousElementSibling;
    const cued = box.classList.contains('cd-scrolls') && cue && cue.classList.contains('cd-scroll-cue')
                 && cue.offsetParent !== null && cue.textContent.trim().length > 0;
    box.querySelectorAll('td, th').forEach(c => {
      const cr = c.getBoundingClientRect();
      // text cut inside its own cell: never, cue or not
      if (c.scrollWidth > c.clientWidth + 1) out.push(['cell overflows', c.textContent.slice(0, 40)]);
      // a cell past the box's visible edge: only with the cue shown
      if ((cr.right > r.right + 1 || cr.right > window.innerWidth + 1) && !cued)
        out.push(['cut without a cue', c.textContent.slice(0, 40)]);
    });
  });
  return out;
}"""


def test_tables_at_390_px_are_never_cut_without_a_scroll_cue(built, browser):
    found = {}
    cued = 0
    for path in _reports(built):
        p = _open(browser, path, 390)
        p.page.wait_for_timeout(100)
        bad = p.page.evaluate(_CUT_CELLS)
        if bad:
            found[path.name] = bad[:5]
        cued += p.page.locator(".cd-scroll-cue").count()
        p.page.close()
    assert found == {}, found
    assert cued > 0  # the default batch has tables wider than a phone: the cue is really shown


def test_wide_table_cue_goes_when_the_screen_is_wide_enough(built, browser):
    p = _open(browser, built / "cloud-scale-en.html", 1280)
    p.page.evaluate("document.querySelectorAll('details.cd-tableview').forEach(d => d.open = true)")
    p.page.wait_for_timeout(100)
    wide = p.page.evaluate("""() => [...document.querySelectorAll('.cd-table-wrap')].filter(b => b.offsetParent !== null
        && b.scrollWidth <= b.clientWidth + 1 && b.previousElementSibling
        && b.previousElementSibling.classList.contains('cd-scroll-cue')).length""")
    assert wide == 0


# -- the language switch keeps the reader's place ------------------------------------------------------------

def test_language_switch_keeps_the_figure_in_the_hash(built, browser):
    p = _open(browser, built / "mobile-payments-en.html")
    p.page.goto((built / "mobile-payments-en.html").as_uri() + "#chart-3")
    p.page.wait_for_function("document.querySelectorAll('figure.cd-chart[data-rendered]').length > 2")
    p.page.locator("a.cd-lang[hreflang=ko]").click()
    p.page.wait_for_load_state()
    assert p.page.url.endswith("mobile-payments-ko.html#chart-3"), p.page.url
    top = p.page.evaluate("document.getElementById('chart-3').getBoundingClientRect().top")
    assert -5 <= top < 300, top


def test_language_switch_keeps_the_section(built, browser):
    p = _open(browser, built / "cloud-scale-en.html")
    heads = p.page.eval_on_selector_all("main.cd-main h2[id]", "els => els.map(e => e.id)")
    assert len(heads) >= 3
    p.page.goto((built / "cloud-scale-en.html").as_uri() + "#" + heads[2])
    p.page.locator("a.cd-lang[hreflang=ko]").click()
    p.page.wait_for_load_state()
    p.page.wait_for_timeout(200)
    ko_heads = p.page.eval_on_selector_all("main.cd-main h2[id]", "els => els.map(e => e.id)")
    # the third section of the Korean page, by position: its headings are worded (and so named) in Korean
    assert p.page.evaluate("decodeURIComponent(location.hash.slice(1))") == ko_heads[2]
    top = p.page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", ko_heads[2])
    assert -5 <= top < 300, top


# -- metadata at the end, in words; citation with publisher, location and date -------------------------------

def test_about_block_at_the_end_in_words_and_the_top_is_the_report(built, browser):
    p = _open(browser, built / "mobile-payments-en.html")
    header = p.page.locator("header.cd-header").inner_text()
    assert "start_year" not in header and "chinadigital 0." not in header and "Show code" not in header
    about = p.page.locator(".cd-about-line").inner_text()
    assert re.search(r"Built \d{1,2} [A-Z][a-z]+ \d{4} · data version [0-9a-f]{16} · parameters: English, "
                     r"2008–2025, money in the currency each source states", about), about
    # the code toggle sits in the block and still reveals the code
    p.page.click(".cd-about label.cd-toggle-label")
    assert p.page.locator("pre.cd-input").first.is_visible()
    # the block comes after the report and its sources
    assert p.page.evaluate("document.getElementById('sources').compareDocumentPosition("
                           "document.querySelector('.cd-about')) & Node.DOCUMENT_POSITION_FOLLOWING")
    cite = p.page.locator(".cd-cite-text").inner_text()
    assert "Publisher: chinadigital report suite." in cite
    assert f"Available at: {BASE_URL}mobile-payments-en.html" in cite
    assert re.search(r"\(accessed \d{1,2} [A-Z][a-z]+ \d{4}\)\.$", cite.strip()), cite
    ko = _open(browser, built / "mobile-payments-ko.html")
    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일", ko.page.locator(".cd-about-line").inner_text())
    assert "발행: chinadigital 보고서 모음." in ko.page.locator(".cd-cite-text").inner_text()


def test_no_source_leaves_a_dangling_comma(built):
    for path in _reports(built):
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"</cite>,\s*\(", page), path.name
        assert not re.search(r",\s*,", re.sub(r"<[^>]+>", "", page.split('id="sources"')[-1].split("</ol>")[0])), path.name


# -- exports keep every note ---------------------------------------------------------------------------------

def test_exports_hold_the_whole_note_and_grow_to_hold_it(built, browser):
    from PIL import Image

    p = _open(browser, built / "mobile-payments-en.html")
    # the figure with the longest notes
    lengths = p.page.eval_on_selector_all("figure.cd-chart", "els => els.map(f => f.querySelector('.cd-notes').innerText.length)")
    i = max(range(len(lengths)), key=lengths.__getitem__)
    fig = p.page.locator("figure.cd-chart").nth(i)
    notes = [n for n in fig.locator(".cd-notes p").all_inner_texts() if n.strip()]
    assert len(" ".join(notes)) > 400  # long enough that the old 8-line cut lost some of it
    svg = Path(download_from_menu(p, fig, "svg").path()).read_text(encoding="utf-8")
    import html

    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", svg)))
    assert "…" not in text
    for note in notes:
        # citation numbers become publisher names in an export; every other word of every note is there
        for part in re.split(r"\[\d+\](?:–\[\d+\])?(?:,\s*\[\d+\](?:–\[\d+\])?)*", note):
            part = re.sub(r"\s+", " ", part).strip(" ;,.")
            for chunk in re.findall(r".{1,40}(?:\s|$)", part):
                chunk = chunk.strip(" ;,.")
                if len(chunk) > 8:
                    # a wrapped line splits between <text> elements: compare without spaces
                    assert chunk.replace(" ", "") in text.replace(" ", ""), chunk
    lines = len(re.findall(r"<text[^>]*>", svg))
    png = Image.open(download_from_menu(p, fig, "png").path())
    chart_h = p.page.evaluate("f => f.querySelector('.cd-vega svg').getBoundingClientRect().height",
                              fig.element_handle())
    # the picture grows with its notes: at 2x, taller than the chart plus a line of 11 px per note line
    n_lines = sum(max(1, len(n) // 92 + 1) for n in notes)
    assert png.size[1] >= 2 * (chart_h * 0.6 + 12 * n_lines), (png.size, chart_h, n_lines, lines)


# -- print ---------------------------------------------------------------------------------------------------

def test_printed_pdf_has_no_page_more_than_half_empty(built, browser, tmp_path):
    import shutil

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    found, counts = {}, {}
    for path in _reports(built):
        p = _open(browser, path)
        heads = p.page.eval_on_selector_all("main h2, footer h2",
                                            "els => els.map(e => e.textContent.replace('\u00b6', '').trim())")
        pdf = print_pdf(p.page, tmp_path / f"{path.stem}.pdf")
        fills = page_fill(pdf)
        counts[path.stem] = (len(fills), p.charts_expected, round(min(fills[:-1] or [1.0]), 2))
        bad = half_empty_pages(pdf, heads)
        if bad:
            found[path.name] = bad
        p.page.close()
    print("\nprinted pages (pages, charts, emptiest page's fill):")
    for k, v in counts.items():
        print(f"  {k:28} {v}")
    assert found == {}, found
