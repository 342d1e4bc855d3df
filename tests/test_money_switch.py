"""Issue 20 in real Chromium, offline: a money chart opens in the currency its source states and a reader
switches it to US dollars and to won in the page; the converted values, the rate and its source appear in
the tooltip and the table view, and agree with the CSV files (read here with the csv module, not the library)."""

from __future__ import annotations

import csv
import re

import pytest

from browser import chromium, Page
from buildkit import cli, write_toml
from conftest import DATA
from reader_check import _SizedContext

pytestmark = pytest.mark.browser


def _rows(name):
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _rate(currency: str, year: int) -> float | None:
    for r in _rows("fx.csv"):
        if r["currency"] == currency and int(r["year"]) == year:
            return float(r["per_usd"])
    return None


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("money")
    toml = write_toml(out / "batch.toml", [
        {"slug": "mp-en", "notebook": "mobile_payments", "parameters": {"lang": "en", "currency": "stated"}},
        {"slug": "mp-ko", "notebook": "mobile_payments", "parameters": {"lang": "ko", "currency": "stated"}}])
    r = cli("build", "--reports-toml", str(toml), "--out", str(out / "site"), timeout=1200)
    assert r.returncode == 0, r.stderr
    return out / "site"


def _figure(page, title_part: str):
    figs = page.locator("figure.cd-chart")
    for i in range(figs.count()):
        if title_part in figs.nth(i).locator(".cd-chart-title").inner_text():
            return figs.nth(i)
    raise AssertionError(f"no chart titled {title_part!r}")


def _bank_value(year: str) -> float:
    [row] = [r for r in _rows("observations.csv") if r["indicator"] == "mobile_payment_value"
             and r["entity"] == "CN" and r["period"] == year and r["series"] == "pboc"]
    return float(row["value"])


def _number(text: str) -> float:
    m = re.search(r"([\d,.]+)\s*(trillion|billion)?", text)
    scale = {"trillion": 1e12, "billion": 1e9}.get(m.group(2) or "", 1)
    return float(m.group(1).replace(",", "")) * scale


def test_a_money_chart_switches_to_dollars_and_won_offline(pages):
    with chromium() as ctx:
        p = Page(_SizedContext(ctx, 1280), pages / "mp-en.html")
        assert p.blocked == [] and p.console_errors == []
        fig = _figure(p.page, "Value of mobile payments handled by banks")
        radios = fig.locator("input[type=radio]")
        values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
        assert values[0] == "stated" and {"USD", "KRW"} <= set(values)
        assert fig.locator("input[type=radio][value='stated']").is_checked()
        # 2021: CNY, converted at the yearly rates in fx.csv
        cny = _bank_value("2021")
        for cur, word in (("USD", "trillion US"), ("KRW", "trillion won")):
            fig.locator(f"input[type=radio][value='{cur}']").check()
            p.page.wait_for_timeout(300)
            labels = fig.locator("svg text").evaluate_all("els => els.map(e => e.textContent)")
            assert any(word in x for x in labels), labels  # the axis says which currency it shows now
            expect = cny / _rate("CNY", 2021) * (_rate("KRW", 2021) if cur == "KRW" else 1)
            # the table view carries each converted value, its rate and the rate's source numbers
            table = fig.locator("details.cd-tableview table")
            heads = table.locator("thead th").evaluate_all("els => els.map(e => e.textContent)")
            col = heads.index("In US dollars" if cur == "USD" else "In won")
            rate_col = heads.index("Rate used for US dollars" if cur == "USD" else "Rate used for won")
            rows = table.locator("tbody tr").evaluate_all(
                "trs => trs.map(tr => Array.from(tr.children).map(c => c.textContent))")
            [cells] = [r for r in rows if r[1] == "2021"]
            assert _number(cells[col]) == pytest.approx(expect, rel=0.01)
            assert "yearly average of 2021" in cells[rate_col] and re.search(r"\[\d+\]", cells[rate_col])
        # the tooltip of a drawn bar names the rate and its source
        bar = fig.locator("svg g.mark-rect path").first
        bar.hover()
        p.page.wait_for_timeout(300)
        tip = p.page.locator("#vg-tooltip-element").inner_text()
        assert "Exchange rate" in tip and re.search(r"\[\d+\]", tip)
        p.page.close()


def test_the_korean_page_switches_too_and_names_what_it_cannot_convert(pages):
    with chromium() as ctx:
        p = Page(_SizedContext(ctx, 390), pages / "mp-ko.html")
        fig = _figure(p.page, "은행 처리 모바일 결제 금액")
        fig.locator("input[type=radio][value='USD']").check()
        p.page.wait_for_timeout(300)
        texts = " ".join(fig.locator("svg text").evaluate_all("els => els.map(e => e.textContent)"))
        missing = [y for y in ("2016", "2024") if _rate("CNY", int(y)) is None]
        assert missing and all(f"{y}년" in texts for y in missing)  # said inside the chart's own frame
        assert "달러" in texts
        p.page.close()
