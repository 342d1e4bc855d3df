"""What the chart tests share: the dataset once per module, a report context, and readers of a chart's spec
(the rows it plots, the marks it draws as its legend shows them)."""

from __future__ import annotations

import pytest

from chinadigital import load
from chinadigital.report.context import Report


@pytest.fixture(scope="module")
def ds():
    return load()


def rep(ds, lang="en", **extra):
    params = {"currency": "CNY", **extra}
    return Report("cloud_scale", lang=lang, ds=ds, start_year=2008, end_year=2025, **params)


def layer_data(spec):
    """The rows a chart plots (Altair puts inline data in datasets)."""
    rows = []
    for values in spec.get("datasets", {}).values():
        # the year rules', unit titles' and n/a slots' own rows are furniture
        rows += [v for v in values if set(v) != {"date"} and ("value" in v or "title" in v or "n" in v)]
    return rows


def drawn_marks(spec):
    """Each kind of point mark a chart draws (its legend entry) -> (shape, filled), read from the layers'
    shape scales: what the mark legend shows is what the layer draws."""
    out = {}
    for layer, m in marks(spec, "point"):
        enc = layer.get("encoding", {}).get("shape")
        if m.get("opacity") == 0:  # the key of the hollow marks: a legend, not marks
            continue
        if enc and "scale" in enc:
            for kind, shape in zip(enc["scale"]["domain"], enc["scale"]["range"]):
                out[kind] = (shape, bool(m.get("filled")))
    return out


def layers(spec):
    return spec["layer"]


def marks(spec, kind):
    out = []
    for layer in layers(spec):
        mark = layer.get("mark", {})
        mark = mark if isinstance(mark, dict) else {"type": mark}
        if mark.get("type") == kind:
            out.append((layer, mark))
    return out
