"""Issue 24, the page part, without a browser: summaries for every theme in both languages, the index's
digest of an executed report, the citation's publisher, location and date, and the exports' full footers."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_theme_has_a_written_summary(lang):
    from chinadigital.report.i18n import section
    from chinadigital.themes import names

    summaries = section("summaries", lang)
    for theme in names():
        text = str(summaries.get(theme, ""))
        assert 40 < len(text) < 400, (lang, theme, text)
        assert not text.endswith("…")


def test_index_reads_questions_lead_finding_and_figures_from_the_executed_notebook(tmp_path):
    from chinadigital.batch.index_page import ANSWERS_MIME, FINDINGS_MIME, VEGA_MIME, index_html, report_digest

    nb = {"cells": [{"cell_type": "code", "outputs": [
        {"data": {ANSWERS_MIME: [{"question": "How big is it?", "target": "fig-a"}]}},
        {"data": {FINDINGS_MIME: [{"claim": True, "text": "A promoter says 10."},
                                  {"claim": False, "text": "It was 8 in 2024 <b>."}]}},
        {"data": {VEGA_MIME: {}}}, {"data": {VEGA_MIME: {}}}]}]}
    (tmp_path / "executed").mkdir()
    (tmp_path / "executed" / "cloud-scale-en.json").write_text("{}")
    (tmp_path / "executed" / "cloud-scale-en.ipynb").write_text(json.dumps(nb))
    d = report_digest(tmp_path, "cloud-scale-en")
    assert d == {"questions": ["How big is it?"], "lead": "It was 8 in 2024 <b>.", "figures": 2}
    rows = [{"slug": "cloud-scale-en", "title": "Cloud", "lang": "en", "status": "ok", "has_html": True,
             "notebook": "cloud_scale", "parameters": {"lang": "en"}, "built_at": "2026-12-07 10:00 UTC"},
            {"slug": "cloud-scale-ko", "title": "클라우드", "lang": "ko", "status": "failed", "has_html": False,
             "notebook": "cloud_scale", "parameters": {"lang": "ko"}, "built_at": "2026-12-07 10:00 UTC"}]
    page = index_html(rows, "2026-12-07 10:00 UTC", out_dir=tmp_path)
    assert "Lead finding:</strong> It was 8 in 2024 &lt;b&gt;." in page  # escaped
    assert "How big is it?" in page and "2 figures" in page
    assert "How large China" in page  # the written summary, not a cut introduction
    en = page.split('data-slug="cloud-scale-en"')[1].split("</tr>")[0]
    assert "status-ok" not in en  # status only where it is not ok
    ko = page.split('data-slug="cloud-scale-ko"')[1].split("</tr>")[0]
    assert "status-failed" in ko


def test_cite_names_publisher_location_and_access_date(monkeypatch):
    from chinadigital.batch.export import cite

    meta = {"lang": "en", "title": "Cloud", "slug": "cloud-scale-en", "built_at": "2026-12-07 10:00 UTC",
            "fingerprint": "ab" * 32, "version": "0.1.0", "base_url": "https://example.org/r"}
    text, bib = cite(meta)
    assert "Publisher: chinadigital report suite." in text
    assert "Available at: https://example.org/r/cloud-scale-en.html" in text
    assert text.endswith("(accessed 7 December 2026).")
    assert "url = {https://example.org/r/cloud-scale-en.html}" in bib and "urldate = {2026-12-07}" in bib
    text, bib = cite({**meta, "base_url": ""})
    assert "Available at: cloud-scale-en.html" in text and "howpublished = {cloud-scale-en.html}" in bib
    ko, _ = cite({**meta, "lang": "ko"})
    assert "(접속일 2026년 12월 7일)." in ko  # 10:00 UTC is 19:00 in Seoul, the same day
    late, _ = cite({**meta, "lang": "ko", "built_at": "2026-12-07 20:51 UTC"})
    assert "(접속일 2026년 12월 8일)." in late  # the reader's clock, as the build time on the page


def test_export_footer_keeps_every_line():
    from chinadigital.batch.figure_html import export_footer

    lines = [f"Note {i}: " + "word " * 40 + f"[{i}]." for i in range(1, 12)]
    out = export_footer(lines, {i: f"Publisher {i}" for i in range(1, 12)})
    joined = " ".join(out)
    assert "…" not in joined and len(out) > 8
    for i in range(1, 12):
        assert f"Note {i}:" in joined and f"Publisher {i}" in joined
    assert all(len(x) <= 92 for x in out)


def test_base_url_option_reaches_the_exporter(monkeypatch):
    from chinadigital import cli

    args = cli.parser().parse_args(["build", "--base-url", "https://example.org/r/"])
    assert args.base_url == "https://example.org/r/"
