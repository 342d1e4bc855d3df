"""Issue 22 and 19 in a real build: the data catalogue in both languages, the data package named after the
fingerprint the reports cite, table views linking into the catalogue, and questions answered by another report
linked when the batch built it (and 'not answered yet' only when it did not)."""

from __future__ import annotations

import re
import zipfile

import pytest

from buildkit import cli, write_toml


def _build(tmp_path, reports):
    toml = write_toml(tmp_path / "batch.toml", reports)
    out = tmp_path / "site"
    r = cli("build", "--reports-toml", str(toml), "--out", str(out), timeout=1200)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("pages"), [
        {"slug": "sc-en", "notebook": "smart_cities", "parameters": {"lang": "en", "city": "hangzhou"}},
        {"slug": "cc-en", "notebook": "city_comparison", "parameters": {"lang": "en"}},
        {"slug": "cc-ko", "notebook": "city_comparison", "parameters": {"lang": "ko"}}])


def test_the_catalogue_lists_series_and_links_the_reports_that_draw_them(site):
    en = (site / "catalogue.html").read_text(encoding="utf-8")
    ko = (site / "catalogue-ko.html").read_text(encoding="utf-8")
    assert 'id="s-congestion-rank-hangzhou-amap-annual"' in en and 'href="sc-en.html"' in en
    assert 'href="cc-ko.html"' in ko and 'href="sc-en.html"' not in ko  # each page lists its language's reports
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="catalogue.html"' in index and 'href="catalogue-ko.html"' in index


def test_the_data_package_is_the_data_the_reports_cite(site):
    [z] = list(site.glob("chinadigital-data-*.zip"))
    fp = re.search(r"chinadigital-data-([0-9a-f]{12})\.zip", z.name).group(1)
    page = (site / "sc-en.html").read_text(encoding="utf-8")
    assert fp in page  # the fingerprint the report prints
    with zipfile.ZipFile(z) as zf:
        names = set(zf.namelist())
    assert {"data/datapackage.json", "data/observations.csv", "data/breaks.csv"} <= names
    assert f'href="{z.name}"' in (site / "index.html").read_text(encoding="utf-8")


def test_a_table_view_links_to_its_series_in_the_catalogue(site):
    page = (site / "sc-en.html").read_text(encoding="utf-8")
    catalogue = (site / "catalogue.html").read_text(encoding="utf-8")
    anchors = re.findall(r'href="catalogue\.html#(s-[a-z0-9-]+)"', page)
    assert anchors and all(f'id="{a}"' in catalogue for a in anchors)


def test_a_question_another_report_answers_links_there_when_the_batch_built_it(site, tmp_path):
    page = (site / "sc-en.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="cd-xref" href="cc-en\.html">How do China', page)
    alone = _build(tmp_path, [{"slug": "sc-en", "notebook": "smart_cities",
                               "parameters": {"lang": "en", "city": "hangzhou"}}])
    page = (alone / "sc-en.html").read_text(encoding="utf-8")
    assert "cd-xref" not in page
    assert re.search(r"How do China.{1,6}s smart cities compare with one another\? <em>\(not answered yet", page)
