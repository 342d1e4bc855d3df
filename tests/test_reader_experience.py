"""Issue 10: the shared report as readers use it, in real Chromium with the network blocked.

Navigation (table of contents, language switch, index link), phones (390 px: no page-level sideways scroll,
every chart inside the viewport), the wheel scrolls the page, a table view per chart with as many rows as
the chart has data marks, exports that carry their provenance (PNG at 2x with the titles drawn in, SVG with
publishers, build date and fingerprint, file names per report and chart), a static picture per chart where
scripts do not run, axe-core with no serious or critical violation, and a printed PDF without buttons that
draws every chart.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from browser import ARGS, Page, download_from_menu
from reader_check import _SizedContext

pytestmark = pytest.mark.browser


@contextmanager
def _contexts():
    """Two Chromium profiles from one Playwright: scripts on (downloads accepted) and scripts off."""
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium")
    assert exe, "Debian's chromium is required (make browser)"
    with tempfile.TemporaryDirectory(prefix="cd-on-") as a, tempfile.TemporaryDirectory(prefix="cd-off-") as b, \
            sync_playwright() as p:
        on = p.chromium.launch_persistent_context(a, executable_path=exe, headless=True, args=ARGS, accept_downloads=True)
        off = p.chromium.launch_persistent_context(b, executable_path=exe, headless=True, args=ARGS,
                                                   java_script_enabled=False)
        with tempfile.TemporaryDirectory(prefix="cd-phone-") as c:
            phone = p.chromium.launch_persistent_context(c, executable_path=exe, headless=True, args=ARGS,
                                                         viewport={"width": 390, "height": 844}, has_touch=True,
                                                         is_mobile=True)
            try:
                yield on, off, phone
            finally:
                on.close()
                off.close()
                phone.close()


@pytest.fixture(scope="module")
def contexts():
    with _contexts() as pair:
        yield pair


@pytest.fixture(scope="module")
def browser(contexts):
    return contexts[0]


def _planned() -> list[dict]:
    import tomllib

    return tomllib.loads((Path(__file__).resolve().parent.parent / "reports.toml").read_text())["report"]


def _reports(built: Path) -> list[Path]:
    pages = sorted(p for p in built.glob("*.html") if p.name != "index.html" and not p.name.startswith("catalogue"))
    assert len(pages) == len(_planned()) >= 8
    return pages


def _open(browser, path: Path, width: int = 1280) -> Page:
    p = Page(_SizedContext(browser, width), path)
    assert p.blocked == [] and p.console_errors == [], (path.name, p.blocked, p.console_errors)
    return p


# -- navigation ---------------------------------------------------------------------------------------------

def test_contents_figures_index_and_language_links_resolve(built, browser):
    with_lang_links = 0
    for path in _reports(built):
        p = _open(browser, path)
        lang = p.page.get_attribute("html", "lang")
        word = {"en": "Figure", "ko": "그림"}[lang]
        hrefs = p.page.eval_on_selector_all(".cd-toc nav a", "els => els.map(a => a.getAttribute('href'))")
        assert len(hrefs) >= 4, path.name
        for href in hrefs:
            assert href.startswith("#")
            # as a browser resolves a fragment: the id as written, else percent-decoded
            assert p.page.evaluate("h => !!(document.getElementById(h.slice(1)) || "
                                   "document.getElementById(decodeURIComponent(h.slice(1))))", href), (path.name, href)
        # every chart is listed, numbered in the report's language, and its caption carries the same number
        figs = p.page.locator("figure.cd-chart")
        assert p.page.locator(".cd-toc nav a[href^='#chart-']").count() == figs.count() == p.charts_expected
        for i in range(figs.count()):
            assert figs.nth(i).locator(".cd-fig-num").inner_text().strip().lower() == f"{word} {i + 1}".lower()
        assert "#sources" in hrefs
        # the index, at the top
        top = p.page.locator(".cd-topbar a.cd-index-link")
        assert top.get_attribute("href") == "index.html" and (built / "index.html").exists()
        # the same report in the other language, when the batch built it
        for a in p.page.locator("a.cd-lang").all():
            target = built / a.get_attribute("href")
            assert target.exists(), (path.name, a.get_attribute("href"))
            other = a.get_attribute("hreflang")
            assert other != lang and f'<html lang="{other}"' in target.read_text(encoding="utf-8")
            with_lang_links += 1
        p.page.close()
    assert with_lang_links == len(_reports(built))  # the default batch builds every report in both languages


def test_index_in_both_languages_with_parameters_in_words(built, browser):
    p = _open(browser, built / "index.html")
    text = p.page.locator("main").inner_text()
    items = p.page.locator("[data-slug][data-status]")
    assert items.count() == len(_planned())
    for i in range(items.count()):
        href = items.nth(i).locator("a").first.get_attribute("href")
        assert (built / href).exists()
    # parameters in words, and what each report's charts reach rather than the window its parameters allow
    assert "money in the currency each source states" in text and "금액은 출처가 밝힌 통화 기준" in text
    assert re.search(r"data \w+ \d{4} to \w+ \d{4}", text) and re.search(r"자료 \d{4}년 \d+월~\d{4}년", text)
    assert "lang=" not in text and "themes=[" not in text
    assert p.page.locator("section[lang=ko] tr.report").count() == sum(r["parameters"]["lang"] == "ko" for r in _planned())
    assert p.page.locator("tr.report p.desc").first.inner_text().strip()  # a line on what it covers


def test_index_filter_appears_past_a_dozen_reports_and_narrows_the_list(tmp_path, browser):
    from chinadigital.batch.index_page import index_html

    rows = [{"slug": f"r{i}-{lang}", "title": f"Report {i} {'Hangzhou' if i % 4 == 0 else 'Shanghai'}", "lang": lang,
             "params": f"lang={lang}, start_year=2008, end_year=2025", "status": "ok", "built_at": "", "size": "",
             "has_html": True} for i in range(7) for lang in ("en", "ko")]
    assert 'id="cd-filter"' not in index_html(rows[:12], "now")
    page = tmp_path / "index.html"
    page.write_text(index_html(rows, "now"), encoding="utf-8")
    for r in rows:
        (tmp_path / f"{r['slug']}.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    p = _open(browser, page, 390)
    assert p.page.locator("tr.report:visible").count() == 14
    p.page.fill("#cd-q", "hangzhou")
    assert p.page.locator("tr.report:visible").count() == 4  # reports 0 and 4, in both languages
    assert "4" in p.page.locator("#cd-filter-count").inner_text()
    p.page.fill("#cd-q", "")
    assert p.page.locator("tr.report:visible").count() == 14
    assert p.page.evaluate("document.documentElement.scrollWidth <= innerWidth")


# -- phones, wheel -------------------------------------------------------------------------------------------

def test_at_390_px_no_sideways_scroll_and_every_chart_inside(built, browser):
    for path in _reports(built):
        p = _open(browser, path, width=390)
        widths = p.page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], (path.name, widths)
        boxes = p.page.eval_on_selector_all("figure.cd-chart .cd-vega svg.marks", """els => els.map(s => {
            const r = s.getBoundingClientRect(); return [r.left, r.right]; })""")
        assert len(boxes) == p.charts_expected
        for left, right in boxes:
            assert left >= 0 and right <= 390, (path.name, left, right)
        p.page.close()


def test_wheel_over_a_chart_scrolls_the_page_and_leaves_the_chart_alone(built, browser):
    p = _open(browser, built / "mobile-payments-en.html")
    fig = p.page.locator("figure.cd-chart").first
    fig.scroll_into_view_if_needed()
    svg = fig.locator(".cd-vega svg.marks")
    box = svg.bounding_box()
    labels = lambda: svg.locator("g.role-axis-label text").all_text_contents()  # noqa: E731
    before_labels, before_y = labels(), p.page.evaluate("scrollY")
    p.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    p.page.mouse.wheel(0, 300)
    p.page.wait_for_timeout(400)
    assert p.page.evaluate("scrollY") > before_y
    assert labels() == before_labels


def test_a_tap_on_a_point_shows_its_tooltip_inside_the_screen(built, contexts):
    p = Page(contexts[2], built / "mobile-payments-en.html")
    fig = p.page.locator("figure.cd-chart").nth(2)
    fig.scroll_into_view_if_needed()
    point = fig.locator("svg.marks g.mark-symbol path").nth(3).bounding_box()
    p.page.touchscreen.tap(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
    tip = p.page.locator("#vg-tooltip-element.visible")
    tip.wait_for(timeout=3000)
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert "Mobile payment users" in tip.inner_text()


# -- table view ----------------------------------------------------------------------------------------------

MARKS_JS = """fig => {
    const svg = fig.querySelector('.cd-vega svg.marks');
    let n = 0;
    svg.querySelectorAll('g.role-mark').forEach(g => {
        if (g.closest('.role-axis, .role-legend, .role-title')) return;
        if (!['mark-symbol', 'mark-rect', 'mark-rule'].some(c => g.classList.contains(c))) return;
        g.querySelectorAll(':scope > path, :scope > line').forEach(el => {
            const d = el.__data__ && el.__data__.datum;
            if (d && ('value_text' in d || 'title' in d || 'year_text' in d)) n += 1;
        });
    });
    return n;
}"""


def test_table_view_shows_as_many_rows_as_the_chart_has_data_marks(built, browser):
    for name in ("mobile-payments-en.html", "policy-timeline-ko.html", "cloud-scale-en.html"):
        p = _open(browser, built / name)
        figs = p.page.locator("figure.cd-chart")
        for i in range(figs.count()):
            fig = figs.nth(i)
            rows = fig.locator(".cd-tableview tbody tr")
            assert not rows.first.is_visible()
            fig.locator(".cd-tableview > summary").click()
            assert rows.first.is_visible()
            marks = fig.evaluate(MARKS_JS)
            assert marks > 0 and rows.count() == marks, (name, i + 1, rows.count(), marks)
            # the table is a real table: a caption naming the figure, column headers, row headers
            assert fig.locator(".cd-tableview table caption").first.inner_text()
            assert fig.locator(".cd-tableview thead th[scope=col]").count() >= 3
        p.page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_opening_a_table_or_sources_leaves_every_toolbar_button_in_place(built, browser, width):
    # an opened table used to take its button with it to a line of its own, under the reader's pointer
    p = _open(browser, built / "cloud-scale-ko.html", width)
    where = """f => [...f.querySelectorAll('.cd-tools summary, .cd-tools button:not([hidden])')].map(b => {
        const r = b.getBoundingClientRect(), o = f.getBoundingClientRect();
        return [b.textContent.trim(), Math.round(r.x - o.x), Math.round(r.y - o.y)]; })"""
    figs = p.page.locator("figure.cd-chart")
    for i in range(figs.count()):
        fig = figs.nth(i)
        before = fig.evaluate(where)
        assert len(before) == 5, before  # sources, table, CSV, PNG, SVG
        for part in (".cd-tableview", ".cd-refs"):
            fig.locator(f"{part} > summary").click()
            assert fig.locator(f"{part} > summary + *").first.is_visible()
            assert fig.evaluate(where) == before, (i + 1, part, fig.evaluate(where), before)
            fig.locator(f"{part} > summary").click()
    p.page.close()


@pytest.mark.parametrize("name, width", [("goals-outcomes-ko.html", 390), ("goals-outcomes-en.html", 1280)])
def test_row_labels_of_horizontal_bars_wrap_before_they_are_cut(built, browser, name, width):
    # a goal's row label ("Fixed broadband household penetration: 40% by 2013") was cut to "Fixed broadband
    # househol…" on a phone; it now takes up to three lines, and the rows grow to hold them
    p = _open(browser, built / name, width)
    cut = p.page.eval_on_selector_all("figure.cd-chart svg g.role-axis-label text",
                                      "els => els.filter(e => e.textContent.includes('…')).map(e => e.textContent)")
    assert cut == []
    if width == 390:  # on a phone they do not fit one line: they wrap
        lines = p.page.eval_on_selector_all("figure.cd-chart svg g.role-axis-label text",
                                            "els => Math.max(...els.map(e => e.querySelectorAll('tspan').length))")
        assert lines >= 2
    p.page.close()


def test_on_a_phone_no_chart_text_runs_past_its_chart(built, browser):
    # legends stood side by side under a chart and ran past its right edge at 390 px (the colour legend beside
    # the legend of marks): cut mid-word, with nothing to scroll to
    over = {}
    for path in _reports(built):
        p = _open(browser, path, 390)
        found = p.page.evaluate("""[...document.querySelectorAll('figure.cd-chart .cd-vega svg')].flatMap((s, i) => {
            const sb = s.getBoundingClientRect();
            return [...s.querySelectorAll('text')].filter(t => { const b = t.getBoundingClientRect();
                return b.width > 0 && (b.right > sb.right + 1 || b.left < sb.left - 1); })
              .map(t => (i + 1) + ': ' + t.textContent); })""")
        if found:
            over[path.name] = found
        p.page.close()
    assert over == {}


# -- exports -------------------------------------------------------------------------------------------------

def test_png_download_is_2x_with_the_titles_drawn_in(built, browser):
    from PIL import Image

    p = _open(browser, built / "mobile-payments-en.html")
    fig = p.page.locator("figure.cd-chart").nth(2)
    d = download_from_menu(p, fig, "png")
    assert d.suggested_filename == "mobile-payments-en-fig3-people-paying-by-mobile-phone-in-china.png"
    img = Image.open(d.path()).convert("L")
    width, height = img.size
    assert width >= 2 * 560 and height >= 2 * 300, img.size
    dark = lambda box: img.crop(box).point(lambda v: 1 if v < 128 else 0).histogram()[1]  # noqa: E731
    assert dark((0, 0, width, height)) > 0.01 * width * height  # not blank
    assert dark((0, 0, width // 2, 2 * 40)) > 200  # the chart's title, drawn at the top left
    assert dark((0, height - 2 * 45, width // 2, height)) > 200  # report title, date, fingerprint at the bottom


def test_svg_download_names_report_chart_publishers_date_and_fingerprint(built, browser):
    p = _open(browser, built / "mobile-payments-en.html")
    fingerprint = p.page.locator(".cd-about code[title]").inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{16}", fingerprint)
    fig = p.page.locator("figure.cd-chart").nth(2)
    d = download_from_menu(p, fig, "svg")
    assert d.suggested_filename == "mobile-payments-en-fig3-people-paying-by-mobile-phone-in-china.svg"
    svg = Path(d.path()).read_text(encoding="utf-8")
    assert "Figure 3. People paying by mobile phone in China" in svg
    assert "Mobile internet and mobile payments in China" in svg
    assert fingerprint in svg
    built_at = p.page.locator(".cd-about time").inner_text().strip()  # as the reader sees it ("7 December 2026")
    assert built_at in svg
    # sources by publisher name, not by number
    first = fig.locator(".cd-refs-list a").first.get_attribute("href")
    li = p.page.locator(f"li{first}").inner_text()
    publisher = li.split(", ")[0]
    assert publisher.replace("&", "&amp;") in svg
    assert not re.search(r"\[\d+\]", svg)


def test_download_names_are_unique_per_report_and_chart(built, browser):
    names = []
    for path in _reports(built):
        page = path.read_text(encoding="utf-8")
        names += [f"{path.stem}-{f}" for f in re.findall(r'<figure class="cd-chart" id="chart-\d+" data-file="([^"]+)"', page)]
    assert names and len(names) == len(set(names))
    p = _open(browser, built / "policy-timeline-ko.html")
    with p.page.expect_download() as dl:
        p.page.locator("figure.cd-chart button.cd-csv").nth(1).click()
    assert dl.value.suggested_filename.startswith("policy-timeline-ko-fig2-")
    assert dl.value.suggested_filename in {n + ".csv" for n in names}
    # a Korean page's file is headed in Korean (locales [csv]), its provenance lines too
    lines = Path(dl.value.path()).read_text(encoding="utf-8-sig").splitlines()
    head = next(line for line in lines if line and not line.startswith("#"))
    assert not re.search(r"[A-Za-z]", head), head
    assert "날짜" in head.split(",") or "연도" in head.split(","), head
    assert any(line.startswith("# 생성 시각: ") and "한국 시간" in line for line in lines), lines[:6]


# -- no script ----------------------------------------------------------------------------------------------

def test_without_javascript_every_chart_shows_a_static_picture(built, contexts):
    off = contexts[1]
    for path in _reports(built):
        page = off.new_page()
        blocked = []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else (blocked.append(r.request.url), r.abort()))
        page.goto(path.as_uri())
        figs = page.locator("figure.cd-chart")
        pictures = page.locator("figure.cd-chart img.cd-static")
        assert figs.count() >= 4 and pictures.count() == figs.count(), path.name
        for i in range(pictures.count()):
            img = pictures.nth(i)
            assert img.is_visible()
            assert img.evaluate("i => i.complete && i.naturalWidth > 100"), (path.name, i)
            assert img.get_attribute("alt")
        # the table view and the sources still work without scripts
        figs.first.locator(".cd-tableview > summary").click()
        assert figs.first.locator(".cd-tableview tbody tr").first.is_visible()
        assert blocked == []
        page.close()


def test_a_page_without_decompressionstream_shows_the_static_pictures(built, browser):
    page = browser.new_page()
    page.add_init_script("delete window.DecompressionStream")
    page.goto((built / "cloud-scale-en.html").as_uri())
    page.wait_for_function("document.querySelectorAll('figure.cd-chart[data-error]').length === "
                           "document.querySelectorAll('figure.cd-chart').length")
    assert page.locator("figure.cd-chart img.cd-static").count() == page.locator("figure.cd-chart").count()
    assert page.locator("figure.cd-chart img.cd-static").first.is_visible()
    page.close()


# -- accessibility --------------------------------------------------------------------------------------------

def test_axe_finds_no_serious_or_critical_violation(built, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for path in [built / "index.html"] + _reports(built):
        for width in (1280, 390):
            p = _open(browser, path, width)
            res = axe.run(p.page)
            bad = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"] if v["nodes"] else "")
                   for v in res.response["violations"] if v["impact"] in ("serious", "critical")]
            if bad:
                found[f"{path.name}@{width}"] = bad
            p.page.close()
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def test_charts_are_figures_with_a_text_alternative_and_one_stop_for_sources(built, browser):
    p = _open(browser, built / "mobile-payments-ko.html")
    figs = p.page.locator("figure.cd-chart")
    for i in range(figs.count()):
        fig = figs.nth(i)
        assert fig.locator("[role=img]").count() == 0
        desc = p.page.locator("#" + fig.get_attribute("aria-describedby")).inner_text()
        assert desc and re.search(r"[가-힣]", desc)
        # the chart's sources are one tab stop (a disclosure) until opened
        focusable = fig.locator(".cd-refs a").evaluate_all("els => els.filter(a => a.checkVisibility()).length")
        assert focusable == 0
        fig.locator(".cd-refs > summary").click()
        assert fig.locator(".cd-refs a").evaluate_all("els => els.filter(a => a.checkVisibility()).length") >= 1
    labels = fig.locator("button.cd-img:visible").all_inner_texts()
    assert labels == ["PNG로 저장", "SVG로 저장"]
    assert p.page.evaluate("getComputedStyle(document.querySelector('main p')).wordBreak") == "keep-all"


# -- print ------------------------------------------------------------------------------------------------------

def test_printed_pdf_has_no_buttons_and_draws_every_chart(built, browser, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    p = _open(browser, built / "mobile-payments-en.html")
    n = p.charts_expected
    # what each chart draws: its y-axis labels as the page shows them
    drawn = p.page.eval_on_selector_all("figure.cd-chart .cd-vega svg.marks", """els => els.map(s =>
        Array.from(s.querySelectorAll('g.role-axis-label text')).map(t => t.textContent).filter(Boolean).slice(-1)[0])""")
    pdf = tmp_path / "report.pdf"
    p.page.emulate_media(media="print")
    p.page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for word in ("Data (CSV)", "Show code", "Save as PNG", "Contents", "All reports"):
        assert word not in text, word
    assert len(re.findall(r"FIGURE \d+|Figure \d+", text)) == n
    pos = -1
    for i in range(1, n + 1):
        at = text.find(f"FIGURE {i}") if f"FIGURE {i}" in text else text.find(f"Figure {i}")
        assert at > pos, i
        pos = at
    for label in drawn:
        assert label in text
    assert text.rfind("Sources") > pos  # the sources come at the end


# -- issue 24: one mark per figure, read from the drawn page --------------------------------------------------

SAME_PLACE_JS = """fig => {
    const svg = fig.querySelector('.cd-vega svg.marks');
    const seen = {}, clashes = [];
    svg.querySelectorAll('g.mark-symbol > path, g.mark-rect > path').forEach(el => {
        if (el.closest('.role-axis, .role-legend, .role-title')) return;
        const d = el.__data__ && el.__data__.datum;
        if (!d || !('value_text' in d)) return;
        const b = el.getBoundingClientRect();
        const key = [Math.round(b.x * 2), Math.round(b.y * 2), Math.round(b.width * 2), Math.round(b.height * 2)].join(',');
        // one entity's or measure's figure (its hue) from two sources at one place: one would hide the other.
        // Two companies with equal shares in one quarter may meet; that is the data, not a duplicate.
        const key2 = key + '|' + String(d.hue === undefined ? d.series : d.hue);
        const who = String(d.source_ref) + ' ' + String(d.series) + ' ' + String(d.period_text) + ' ' + String(d.value_text);
        if (seen[key2] && seen[key2].split(' ')[0] !== String(d.source_ref)) clashes.push([seen[key2], who]);
        else seen[key2] = who;
    });
    return clashes;
}"""


def test_no_two_marks_of_different_sources_share_a_place_in_any_chart(built, browser):
    """Issue 24: a second publisher's figure never hides exactly under the first's (charts.one_mark_per_figure
    keeps one mark where the figures agree); checked on every drawn chart of the default batch."""
    found = []
    for page in _reports(built):
        p = _open(browser, page)
        figs = p.page.locator("figure.cd-chart")
        for i in range(figs.count()):
            for a, b in figs.nth(i).evaluate(SAME_PLACE_JS):
                found.append((page.name, i + 1, a, b))
        p.page.close()
    assert not found, found[:10]


def test_a_phone_reads_the_timeline_as_a_list_and_a_desktop_as_a_chart(built, contexts):
    """Issue 24: at 390 px the policy timeline is a list by year (the drawing hidden, its caption, notes and
    table view kept); at 1280 px the chart shows and the list does not."""
    on, _, phone = contexts
    for name in ("policy-timeline-en.html", "policy-timeline-ko.html"):
        p = Page(phone, built / name)
        lst = p.page.locator(".cd-tl-list").first
        assert lst.is_visible() and lst.locator("li").count() > 20
        fig = p.page.locator("figure.cd-chart").first
        assert not fig.locator(".cd-vega").is_visible() and fig.locator("figcaption").is_visible()
        assert fig.locator(".cd-tableview > summary").is_visible()
        p.page.close()
        p = _open(on, built / name)
        assert not p.page.locator(".cd-tl-list").first.is_visible()
        assert p.page.locator("figure.cd-chart .cd-vega").first.is_visible()
        p.page.close()
