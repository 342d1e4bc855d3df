"""Panels on China's platforms in Korea, shared by the payments and cloud reports: dated links and stakes."""

from __future__ import annotations

from . import charts
from ..dataset.korea import korea_events


def links(rep, themes: list[str], start: int, end: int, *, title: str, actor: str | None = None) -> charts.Table:
    """Events of these themes that link China with Korea (see dataset.korea), optionally of one actor."""
    ev = korea_events(rep.ds, themes, start, end)
    return charts.event_table(rep, ev if actor is None else ev[ev["actor"] == actor], title=title)


def stakes(rep, indicator: str, start: int, end: int, *, title: str) -> charts.Table:
    """Each stake as its source states it, dated: stakes change with share sales and listings, and sources
    disagree (a second publisher's figure is its own row)."""
    frame = rep.ds.series(indicator, None, start, end)
    return charts.table(rep, frame.sort_values(["entity", "period_end"]),
                        {"series": "col_entity", "period_text": "col_period", "value_text": "col_value",
                         "stated_text": "col_stated", "source_ref": "col_source"}, title=title)
