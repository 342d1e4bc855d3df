"""The no-script pictures (batch/static_charts.py): drawn once per spec, then read back from the cache."""

from __future__ import annotations

import copy

import pytest

from chinadigital.batch import static_charts

SPEC = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 200, "height": 100,
        "data": {"values": [{"year": "2020", "v": 1}, {"year": "2021", "v": 3}]},
        "mark": "bar", "encoding": {"x": {"field": "year", "type": "ordinal"}, "y": {"field": "v", "type": "quantitative"}}}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CHINADIGITAL_CACHE", str(tmp_path))
    monkeypatch.delenv("CHINADIGITAL_SVG_CACHE", raising=False)
    return tmp_path


def _drawn(monkeypatch) -> list:
    calls = []
    real = static_charts._vlc().vegalite_to_svg

    class Counting:
        __version__ = static_charts._vlc().__version__

        @staticmethod
        def vegalite_to_svg(spec, **kw):
            calls.append(spec)
            return real(spec, **kw)

    monkeypatch.setattr(static_charts, "_vlc", lambda: Counting)
    return calls


def test_a_picture_is_drawn_once_and_read_back_the_same(cache, monkeypatch):
    calls = _drawn(monkeypatch)
    first = static_charts.render_svg(SPEC)
    again = static_charts.render_svg(copy.deepcopy(SPEC))
    assert first.startswith("<svg") and again == first
    assert len(calls) == 1
    assert len(list((cache / "svg").rglob("*.svg"))) == 1
    assert not list((cache / "svg").rglob("*.tmp-*"))


def test_a_changed_chart_is_drawn_anew(cache, monkeypatch):
    calls = _drawn(monkeypatch)
    a = static_charts.render_svg(SPEC)
    changed = copy.deepcopy(SPEC)
    changed["data"]["values"][1]["v"] = 4
    b = static_charts.render_svg(changed)
    assert len(calls) == 2 and a != b


def test_a_damaged_cache_file_is_drawn_again_and_the_cache_can_be_off(cache, monkeypatch):
    calls = _drawn(monkeypatch)
    good = static_charts.render_svg(SPEC)
    (path,) = (cache / "svg").rglob("*.svg")
    path.write_text("<svg half")
    assert static_charts.render_svg(SPEC) == good and len(calls) == 2
    monkeypatch.setenv("CHINADIGITAL_SVG_CACHE", "0")
    assert static_charts.render_svg(SPEC) == good and len(calls) == 3


def test_an_unwritable_cache_never_fails_a_picture(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("CHINADIGITAL_CACHE", str(tmp_path / "file"))  # a file where the folder should be
    assert static_charts.render_svg(SPEC).startswith("<svg")


def _picture(cache, name: str, size: int, age_days: float, now: float):
    import os

    path = cache / "svg" / name[:2] / f"{name}.svg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<svg>" + "x" * size + "</svg>", encoding="utf-8")
    os.utime(path, (now - age_days * 86400, now - age_days * 86400))
    return path


def test_pictures_unused_for_a_month_go_and_the_oldest_go_first_over_the_size(cache):
    now = 1_800_000_000.0
    old = _picture(cache, "aa01", 100, 40, now)
    recent = [_picture(cache, f"b{i}02", 1000, days, now) for i, days in enumerate((5, 3, 1))]
    assert static_charts.prune_pictures(now=now) == 1
    assert not old.exists() and all(p.exists() for p in recent)
    # over the size: the least recently used go until the rest fit
    assert static_charts.prune_pictures(max_bytes=2100, now=now) == 1
    assert [p.exists() for p in recent] == [False, True, True]
    assert static_charts.prune_pictures(now=now) == 0


def test_a_picture_read_back_counts_as_used(cache, monkeypatch):
    import os
    import time

    _drawn(monkeypatch)
    static_charts.render_svg(SPEC)
    [path] = list((cache / "svg").rglob("*.svg"))
    month_ago = time.time() - 40 * 86400
    os.utime(path, (month_ago, month_ago))
    static_charts.render_svg(copy.deepcopy(SPEC))  # read back, not drawn: the build still uses it
    assert static_charts.prune_pictures() == 0 and path.exists()
