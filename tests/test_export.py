"""The exporter on its own: the two commands an analyst runs by hand give the batch's page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from chinadigital.batch import export, figure_html
from conftest import REPO

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def by_hand(tmp_path_factory):
    """`papermill NB out.ipynb -p lang ko` then `jupyter nbconvert --to chinadigital out.ipynb`, run as a user would."""
    d = tmp_path_factory.mktemp("by-hand")
    subprocess.run([str(BIN / "papermill"), "--log-level", "ERROR", str(REPO / "notebooks" / "cloud_scale.ipynb"),
                    "out.ipynb", "-p", "lang", "ko"], cwd=d, check=True, capture_output=True, timeout=300)
    subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "chinadigital", "out.ipynb"], cwd=d, check=True,
                   capture_output=True, timeout=300)
    return d


def test_two_commands_give_title_language_and_parameters(by_hand):
    page = (by_hand / "out.html").read_text(encoding="utf-8")
    assert re.search(r"<title>클라우드 규모[^<]+</title>", page)
    assert re.search(r"<h1>클라우드 규모[^<]+</h1>", page)
    assert '<html lang="ko"' in page
    assert "lang = &#39;ko&#39;, start_year = 2008, end_year = 2025, currency = &#39;stated&#39;" in page


def test_the_page_matches_the_exporter_called_as_the_batch_calls_it(by_hand):
    nb = nbformat.read(by_hand / "out.ipynb", as_version=4)
    record = export.notebook_record(nb)
    assert record["title"].startswith("클라우드 규모") and record["lang"] == "ko"
    batch = export.export(nb, lang="ko", title=record["title"], params=dict(record["params"]),
                          fingerprint=record["fingerprint"])
    alone = (by_hand / "out.html").read_text(encoding="utf-8")
    strip = lambda html: re.sub(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?( UTC|Z)?", "", html)  # noqa: E731
    assert strip(batch) == strip(alone)


def test_chart_meta_reads_title_and_sources_from_the_spec():
    spec = {"title": {"text": "T", "subtitle": ["Sources: [2]–[4], [9]."]},
            "datasets": {"a": [{"source_ref": "[1], [3]"}, {"date": "2015-01-01"}]}}
    assert figure_html.chart_meta(spec) == {"title": "T", "sources": [1, 2, 3, 4, 9]}
