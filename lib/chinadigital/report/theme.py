"""The suite's one Altair theme: colour-blind-safe, CJK-capable, consistent sizes.

Registered and enabled on import of `chinadigital.report.charts`, so every chart a
notebook draws looks the same without a line of styling in the notebook.
"""

from __future__ import annotations

import os

import altair as alt

NAME = "chinadigital"
# Okabe & Ito's palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
# Latin first, then Korean and Chinese faces common on Linux, macOS and Windows.
FONT = ("'Noto Sans', 'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', "
        "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif")
WIDTH, HEIGHT = 560, 300


def config() -> dict:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "range": {"category": PALETTE},
            "title": {"fontSize": 15, "anchor": "start", "subtitleFontSize": 12, "subtitleColor": "#555"},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e6e6", "domainColor": "#888"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom", "labelLimit": 320},
            "point": {"size": 50},
            "line": {"strokeWidth": 2},
        }
    }


def enable() -> None:
    """Register and enable the theme, and emit charts as the Vega-Lite v5 mimetype.

    JupyterLab renders that mimetype itself, offline, with the Vega it ships;
    Altair's HTML renderers would fetch Vega from a public CDN instead.
    """
    alt.theme.register(NAME, enable=True)(lambda: alt.theme.ThemeConfig(config()))
    # CHINADIGITAL_ALTAIR_RENDERER exists for the benchmarks, which measure the naive pipelines:
    # "default" is Altair's own renderer (Vega from a CDN), "inline" its offline HTML template.
    choice = os.environ.get("CHINADIGITAL_ALTAIR_RENDERER", "mimetype")
    if choice == "inline":
        alt.renderers.enable("html", template="inline")
    else:
        alt.renderers.enable(choice)
