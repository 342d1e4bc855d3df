"""The Vega script every report carries is bundled once per vl-convert and Vega-Lite version, then read from
the user's cache (batch/vega_bundle.py)."""

from __future__ import annotations

import pytest

from chinadigital.batch import vega_bundle as vb


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CHINADIGITAL_CACHE", str(tmp_path / "cache"))
    vb.vega_bundle.cache_clear()
    yield tmp_path / "cache"
    vb.vega_bundle.cache_clear()


def _file(cache):
    import vl_convert

    path = vb.bundle_cache_file(vl_convert.__version__)
    assert path.parent == cache
    return path


def test_the_first_build_bundles_and_keeps_the_script(cache):
    text = vb.vega_bundle()
    assert "vegaEmbed" in text and len(text) > 100_000
    assert _file(cache).read_text(encoding="utf-8") == text
    assert [p.name for p in cache.iterdir()] == [_file(cache).name]  # no temporary file left behind


def test_a_later_build_reads_the_kept_script(cache):
    _file(cache).parent.mkdir(parents=True)
    _file(cache).write_text("/* kept */ var vegaEmbed;", encoding="utf-8")
    assert vb.vega_bundle() == "/* kept */ var vegaEmbed;"


def test_a_damaged_copy_is_bundled_again(cache):
    _file(cache).parent.mkdir(parents=True)
    _file(cache).write_bytes(b"\xff\xfe half a scr")
    text = vb.vega_bundle()
    assert "vegaEmbed" in text
    assert _file(cache).read_text(encoding="utf-8") == text


def test_a_cache_that_cannot_be_written_still_gives_the_script(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("CHINADIGITAL_CACHE", str(blocker))
    vb.vega_bundle.cache_clear()
    try:
        assert "vegaEmbed" in vb.vega_bundle()
    finally:
        vb.vega_bundle.cache_clear()


def test_the_cache_file_names_both_versions():
    name = vb.bundle_cache_file("9.9.9").name
    assert "9.9.9" in name and vb.VEGA_LITE_VERSION in name
