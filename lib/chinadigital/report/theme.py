"""The suite's one Altair theme: colour-blind-safe, CJK-capable, consistent sizes.

Registered and enabled on import of `chinadigital.report.charts`, so every chart a
notebook draws looks the same without a line of styling in the notebook.
"""

from __future__ import annotations

import os

import altair as alt

NAME = "chinadigital"
# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies, with its light hues
# darkened so that every one meets 3:1 against the white page (WCAG 1.4.11, graphical objects): the orange
# #E69F00 (2.3:1) becomes #B07800, the reddish purple #CC79A7 (3.1:1) #C46FA6; the sky blue #56B4E9 (2.3:1)
# and the yellow #F0E442 (1.3:1, nearly invisible) give way to a purple and a darker sky blue.
PALETTE = ["#0072B2", "#B07800", "#009E73", "#D55E00", "#C46FA6", "#6F4E9C", "#2A8FC9", "#444444"]
#: The least contrast a hue may have against the white background.
MIN_CONTRAST = 3.0


def contrast(hex_colour: str, background: str = "#ffffff") -> float:
    """WCAG contrast ratio of two sRGB colours ('#rrggbb')."""
    def lum(h: str) -> float:
        h = h.lstrip("#")
        c = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    a, b = sorted((lum(hex_colour), lum(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
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
