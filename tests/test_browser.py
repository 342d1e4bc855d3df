"""Reports as a reader gets them: opened from disk in real Chromium with the network blocked."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from browser import Page, chromium
from buildkit import cli, write_toml
from conftest import find_index, set_cell


@pytest.fixture(scope="module")
def browser():
    with chromium() as ctx:
        yield ctx


def test_every_report_opens_offline_and_draws_every_chart(built, browser):
    import tomllib

    pages = sorted(built.glob("*.html"))
    planned = len(tomllib.loads((Path(__file__).resolve().parent.parent / "reports.toml").read_text())["report"])
    assert len(pages) == planned + 3 and planned >= 8  # every report, the index and the catalogue in two languages
    for path in pages:
        p = Page(browser, path)
        assert p.blocked == [], (path.name, p.blocked)
        assert p.console_errors == [], (path.name, p.console_errors)
        if path.name == "index.html" or path.name.startswith("catalogue"):
            continue
        charts = p.charts()
        assert len(charts) >= 4, path.name
        for c in charts:
            assert c["rendered"] == "true" and c["error"] is None, (path.name, c)
            assert c["marks"] > 0, (path.name, c)
        assert p.page.locator("#sources").count() == 1
        assert p.page.locator("ol.cd-sources li").count() >= 3
        p.page.close()


def test_code_is_hidden_by_default_and_revealable(built, browser):
    p = Page(browser, built / "mobile-payments-en.html")
    code = p.page.locator("pre.cd-input").first
    assert code.count() == 1 and not code.is_visible()
    p.page.click("label.cd-toggle-label")
    assert code.is_visible()
    # parameters and check cells are not shown at all; "About this report" at the end carries the parameters
    assert "start_year = 2008" not in p.page.locator("main").inner_text()
    assert "currency = 'stated'" in p.page.locator(".cd-about .cd-meta").text_content()


def test_header_names_title_parameters_build_time_and_data(built, browser):
    from chinadigital import load

    p = Page(browser, built / "smart-cities-hangzhou-ko.html")
    assert "스마트시티: 항저우(杭州)" in p.page.locator("header").inner_text()
    # build metadata sits in "About this report" at the end, in words; the code form is folded inside it
    header = p.page.locator(".cd-about").text_content()
    assert "항저우" in p.page.locator(".cd-about-line").inner_text()
    assert "city = 'hangzhou'" in header
    # the build time on a Korean reader's clock; the machine-readable form stays UTC
    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일 \d\d:\d\d\(한국 시간\)", header), header
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", p.page.locator(".cd-about time").get_attribute("datetime"))
    assert load().fingerprint[:16] in header
    # only the Korean prose is kept
    main = p.page.locator("main").inner_text()
    assert "핵심 결과" in main and "Headline figures" not in main


def test_index_lists_every_report_with_status_and_link(built, browser):
    p = Page(browser, built / "index.html")
    rows = p.page.locator("[data-slug][data-status]")
    import tomllib

    planned = len(tomllib.loads((Path(__file__).resolve().parent.parent / "reports.toml").read_text())["report"])
    assert rows.count() == planned >= 8
    for i in range(planned):
        row = rows.nth(i)
        assert row.get_attribute("data-status") == "ok"
        href = row.locator("a").first.get_attribute("href")
        assert (built / href).exists()


def test_chart_data_downloads_as_csv_with_citations(built, browser):
    p = Page(browser, built / "mobile-payments-en.html")
    with p.page.expect_download() as dl:
        p.page.locator("figure.cd-chart button.cd-csv").first.click()
    assert dl.value.suggested_filename == "mobile-payments-en-fig1-internet-users-and-mobile-internet-users-in-china.csv"
    raw = Path(dl.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets read the file as UTF-8
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    head = [r[0] for r in rows[:5]]
    # provenance first: report, chart, build date, data fingerprint
    assert head[0].startswith("# Report: Mobile internet and mobile payments in China (mobile-payments-en)")
    assert head[1] == "# Chart: Figure 1. Internet users and mobile internet users in China"
    assert head[2].startswith("# Built: ") and head[3].startswith("# Data fingerprint: ")
    rows = [r for r in rows if not (r and r[0].startswith("# ")) or r[0].startswith("# [")]
    assert rows[0][:3] == ["Series", "Indicator", "Period (code)"]  # readable headers (locales [csv])
    assert any(r and r[0].startswith("# [1] ") for r in rows)
    # the image downloads are labelled buttons in every chart's toolbar, not an unlabelled "⋯" menu
    assert p.page.locator("figure.cd-chart .vega-embed details, figure.cd-chart .vega-actions").count() == 0
    buttons = p.page.locator("figure.cd-chart button.cd-img:visible")
    assert buttons.count() == 2 * p.charts_expected
    assert {buttons.nth(i).inner_text() for i in range(buttons.count())} == {"Image (PNG)", "Image (SVG)"}


def test_report_weight_is_one_bundle_plus_specs(built):
    from chinadigital.batch.vega_bundle import packed_bundle, unpack

    bundle = len(packed_bundle())
    for path in built.glob("*-*.html"):
        if path.name.startswith("catalogue"):  # a table of series, no chart: no bundle to carry
            assert "cd-vega-bundle" not in path.read_text(encoding="utf-8")
            continue
        page = path.read_text(encoding="utf-8")
        assert page.count('id="cd-vega-bundle"') == 1, path.name  # the bundle, once
        assert "window.vegaEmbed=" in unpack(re.search(r'id="cd-vega-bundle"[^>]*>(.*?)</script>', page, re.S).group(1))
        specs = re.findall(r'<script type="application/octet-stream" class="cd-spec"[^>]*>(.*?)</script>', page, re.S)
        assert len(specs) == page.count('<figure class="cd-chart"')
        for spec in specs:
            assert json.loads(unpack(spec))["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")
        # each chart also carries a static picture (for pages without scripts) and its rows as a table
        pictures = re.findall(r'<noscript class="cd-static-src">(.*?)</noscript>', page, re.S)
        assert len(pictures) == len(specs), path.name
        assert sum(len(x) for x in pictures) <= 25_000 * len(specs), path.name
        tables = sum(len(t.encode()) for t in re.findall(r'<details class="cd-tableview">(.*?)</details>', page, re.S))
        # the sources list grows with what a report cites; each entry stays short (publisher, title, address and
        # the figures taken from it), and the rest of the page (prose, tables, CSS) stays small beside the charts
        sources = re.search(r'<ol class="cd-sources">.*?</ol>', page, re.S).group(0)
        entries = sources.count("<li ")
        assert entries and len(sources.encode()) / entries < 700, (path.name, len(sources.encode()) / entries)
        # a timeline's list for phones repeats its events as text (charts.timeline): content, like a table view
        lists = sum(len(x.encode()) for x in re.findall(r'<div class="cd-tl-list.*?</ul></div>', page, re.S))
        rest = (len(page.encode()) - bundle - sum(len(s) for s in specs) - sum(len(x) for x in pictures) - tables
                - len(sources.encode()) - lists)
        assert rest < 100_000, (path.name, rest)


def test_strings_from_data_show_as_text_and_never_run(tmp_path, data_copy, browser):
    evil_title = '<script>window.__xss = 1</script>'
    evil_img = '<img src=x onerror="window.__xss = 2">'
    i = find_index(data_copy, "events.csv", event_id="internet-plus-two-sessions-2015")
    set_cell(data_copy, "events.csv", i, "title_en", evil_title)
    j = find_index(data_copy, "sources.csv", source_id="seed-news1-internet-plus")
    set_cell(data_copy, "sources.csv", j, "title", evil_img)
    toml = write_toml(tmp_path / "r.toml", [{"slug": "policy", "notebook": "policy_timeline",
                                             "parameters": {"lang": "en"}}])
    out = tmp_path / "out"
    r = cli("build", "--reports-toml", str(toml), "--out", str(out), env={"CHINADIGITAL_DATA": str(data_copy)})
    assert r.returncode == 0, r.stderr
    p = Page(browser, out / "policy.html")
    assert p.page.evaluate("window.__xss") is None
    text = p.page.locator("main").inner_text()
    assert evil_title in text  # the event table shows it as text
    assert evil_img in text  # the sources section shows it as text
    assert p.page.locator("main img[src=x]").count() == 0
    assert p.blocked == []


def test_no_report_shows_a_warning_or_error_stream(built):
    """A library warning printed under a chart reaches every reader of the shared page (with the build
    machine's paths): the default batch's cells write nothing to stderr."""
    for path in built.glob("*-*.html"):
        page = path.read_text(encoding="utf-8")
        shown = re.findall(r'<pre class="cd-stream cd-stderr">(.*?)</pre>', page, re.S)
        assert not shown, (path.name, shown[0][:300])
