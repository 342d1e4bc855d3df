"""What a reader sees: every chart of the default batch, opened from disk in real Chromium with the network
blocked, shows its data (see reader_check.py for the rules). The check itself is pinned on copies of charts
that were broken (tests/fixtures/broken_charts, taken from the reports of commit 1b8594f) and on charts
known to be good, so it can neither pass everything nor fail everything."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from browser import Page, chromium
from reader_check import RULES, check_page, format_problems, open_report

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "broken_charts"
VEGA_MIME = "application/vnd.vegalite.v5+json"


@pytest.fixture(scope="module")
def browser():
    with chromium() as ctx:
        yield ctx


def fixture_page(tmp_path: Path, names: list[str], lang: str = "en") -> Path:
    """The fixture specs as one report page, through the suite's own exporter (the batch's path)."""
    from chinadigital.batch.export import export

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Reader-check fixtures"))
    for name in names:
        spec = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        cell = nbformat.v4.new_code_cell(f"# {name}")
        cell.outputs = [nbformat.v4.new_output("display_data", data={VEGA_MIME: spec})]
        nb.cells.append(cell)
    page = tmp_path / f"fixtures-{lang}.html"
    page.write_text(export(nb, lang=lang, title="Reader-check fixtures", params={"lang": lang}, fingerprint="test"),
                    encoding="utf-8")
    return page


def test_the_check_fails_on_todays_broken_charts_and_passes_good_ones(tmp_path, browser):
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    names = list(expected)
    assert {p.name for p in FIXTURES.glob("*.json")} - {"expected.json"} == set(names)
    assert any(not e["rules"] for e in expected.values()) and any(e["rules"] for e in expected.values())
    p = Page(browser, fixture_page(tmp_path, names))
    assert p.blocked == [] and p.console_errors == [], (p.blocked, p.console_errors)
    problems = check_page(p.page)
    found = {name: sorted({pr["rule"] for pr in problems if pr["chart_index"] == i + 1})
             for i, name in enumerate(names)}
    want = {name: sorted(e["rules"]) for name, e in expected.items()}
    assert found == want, format_problems({"fixtures": problems})
    assert {pr["rule"] for pr in problems} <= set(RULES)
    # problems name the chart as the reader knows it
    titles = {pr["chart_title"] for pr in problems}
    assert "Tencent's infrastructure as stated in 2019 (bounds drawn hollow)" in titles
    bound = [pr for pr in problems if pr["rule"] == "bound-without-stroke" and pr["chart_index"] == names.index(
        "mobile_payment_users_hollow_bounds.json") + 1]
    assert any("over 400 million" in pr["detail"] for pr in bound), bound
    p.page.close()


def test_every_chart_of_the_default_batch_shows_its_data_to_a_reader(built, browser):
    pages = sorted(p for p in built.glob("*.html") if p.name != "index.html" and not p.name.startswith("catalogue"))
    assert pages
    by_report: dict[str, list[dict]] = {}
    charts = 0
    for path in pages:
        p = open_report(browser, path, width=1280)
        assert p.blocked == [], (path.name, p.blocked)
        charts += p.charts_expected
        by_report[path.name] = check_page(p.page)
        p.page.close()
    assert charts > 0
    count = sum(len(v) for v in by_report.values())
    assert count == 0, f"{count} reader-side problem(s) in the default batch:\n" + format_problems(by_report)


def test_every_answered_question_links_to_its_chart_on_the_page(built, browser):
    """'What this report answers' at the top: each linked question lands on the chart that answers it."""
    from browser import Page

    for path in sorted(p for p in built.glob("*.html") if p.name != "index.html" and not p.name.startswith("catalogue")):
        page = Page(browser, path).page
        links = page.eval_on_selector_all("ul.cd-answers a", "as => as.map(a => a.getAttribute('href'))")
        assert len(links) >= 3, path.name
        for href in links:
            if not href.startswith("#"):  # answered by another report of the batch: a link to that page
                assert (built / href).exists(), (path.name, href)
                continue
            target = page.locator(f"[id='{href[1:]}']")
            assert target.count() == 1, (path.name, href)
            nxt = page.evaluate("id => { const e = document.getElementById(id), k = 'figure.cd-chart, div.cd-notice, "
                                "div.cd-figures'; return e.matches(k) || !!(e.nextElementSibling && "
                                "e.nextElementSibling.matches(k)) }", href[1:])
            assert nxt, (path.name, href)
        page.close()
