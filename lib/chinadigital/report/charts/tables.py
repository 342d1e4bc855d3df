"""What a reader gets where a chart would not be honest: tables, lists of figures in different units, and the
notice that stands in for a chart the data cannot fill."""

from __future__ import annotations

import pandas as pd

from ..i18n import t
from .footers import _source_ids, anchor
from .rows import _with_stated, prepare


NOTICE_MIME = "application/vnd.chinadigital.notice+json"


class Notice:
    """What a reader gets instead of a chart the data cannot fill: a sentence and the rows there are.

    The batch counts these (their own mimetype) so a report's status can say a chart was not drawn.
    """

    def __init__(self, ctx, title: str, reason: str, rows: pd.DataFrame | None = None):
        self.title, self.reason, self.lang = title, reason, ctx.lang
        self.rows = rows if rows is not None else pd.DataFrame()

    def _repr_mimebundle_(self, include=None, exclude=None):
        import html as h

        table = self.rows.to_html(index=False, escape=True, border=0, classes="cd-table", na_rep="") \
            if not self.rows.empty else ""
        body = (f'<div class="cd-notice" role="note" id="{anchor(self.title)}"><p class="cd-notice-title"><strong>{h.escape(self.title)}</strong></p>'
                f"<p>{h.escape(self.reason)}</p>{table}</div>")
        return {"text/html": body, "text/plain": f"{self.title}: {self.reason}",
                NOTICE_MIME: {"title": self.title, "reason": self.reason, "rows": int(len(self.rows))}}

    def __repr__(self) -> str:
        return f"{self.title}: {self.reason}"


def _rows_table(ctx, data: pd.DataFrame) -> pd.DataFrame:
    lang = ctx.lang
    if data.empty:
        return pd.DataFrame()
    cols = {"series": "col_series", "period_text": "col_period", "value_text": "col_value", "source_ref": "col_source"}
    return pd.DataFrame({t(h, lang): data[c].values for c, h in cols.items() if c in data})


def notice(ctx, title: str, data: pd.DataFrame, minimum: int, frames=None) -> Notice:
    n = 0 if data.empty else len(data)
    key = "too_little_none" if n == 0 else "too_little"
    if not data.empty:
        ctx.cites.cite(_source_ids(frames or [data]))
    return Notice(ctx, title, t(key, ctx.lang, n=n, minimum=minimum), _rows_table(ctx, data))


class FigureList:
    """Headline figures of different units, listed rather than forced onto one axis."""

    def __init__(self, ctx, title: str, rows: pd.DataFrame):
        self.title, self.rows = title, rows

    def _repr_html_(self) -> str:
        import html as h

        return (f'<div class="cd-figures" id="{anchor(self.title)}"><p class="cd-figures-title"><strong>{h.escape(self.title)}</strong></p>'
                + self.rows.to_html(index=False, escape=True, border=0, classes="cd-table", na_rep="") + "</div>")

    def __repr__(self) -> str:
        return f"{self.title}\n" + self.rows.to_string(index=False)


def figure_list(ctx, frame: pd.DataFrame, *, title: str, series_by: str = "indicator") -> FigureList | Notice:
    """One line per figure (what, value with its bound, when, source): for figures in different units."""
    parts = [prepare(ctx, g, series_by)[0] for _, g in frame.groupby("unit", sort=False)] if not frame.empty else []
    data = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if data.empty:
        return notice(ctx, title, data, 1, [frame])
    data = _with_stated(ctx, data)
    lang = ctx.lang
    cols = {"series": "col_indicator", "value_text": "col_value", "period_text": "col_period", "source_ref": "col_source"}
    if "stated_text" in data and data["stated_text"].ne("").any():
        cols = {**{k: v for k, v in cols.items() if k != "source_ref"}, "stated_text": "col_stated", "source_ref": "col_source"}
    cols = _with_statement(cols, data)
    rows = pd.DataFrame({t(h, lang): data[c].values for c, h in cols.items()})
    return FigureList(ctx, title, rows)


def _with_statement(columns: dict[str, str], data: pd.DataFrame) -> dict[str, str]:
    """A list or table of figures shows each one's kind of statement, just before its source, as a chart's
    tooltip does."""
    if "statement_text" not in data or not data["statement_text"].ne("").any() or "statement_text" in columns:
        return columns
    items = list(columns.items())
    at = next((i for i, (c, _) in enumerate(items) if c == "source_ref"), len(items))
    items.insert(at, ("statement_text", "col_statement"))
    return dict(items)


def table(ctx, frame: pd.DataFrame, columns: dict[str, str], *, title: str | None = None) -> "Table":
    """A plain table with headings in the report's language and citation numbers; pandas escapes it when shown.
    With a title it is a figure a reader (and "What this report answers") can link to, as a chart is."""
    data, _, _ = prepare(ctx, frame)
    if data.empty:
        return Table(pd.DataFrame({t("col_value", ctx.lang): [t("no_data", ctx.lang)]}), title)
    data = _with_stated(ctx, data)
    columns = _with_statement(columns, data)
    return Table(pd.DataFrame({t(heading, ctx.lang): data[col] for col, heading in columns.items() if col in data}),
                 title)


class Table:
    """A table shown whole (pandas would cut a long one to its first and last rows) with every cell escaped."""

    def __init__(self, frame: pd.DataFrame, title: str | None = None):
        self.frame = frame.reset_index(drop=True)
        self.title = title

    def _repr_html_(self) -> str:
        import html as h

        body = self.frame.to_html(index=False, escape=True, border=0, classes="cd-table", na_rep="")
        if not self.title:
            return body
        return (f'<div class="cd-figures" id="{anchor(self.title)}"><p class="cd-figures-title"><strong>'
                f'{h.escape(self.title)}</strong></p>{body}</div>')

    def __repr__(self) -> str:
        return (f"{self.title}\n" if self.title else "") + self.frame.to_string(index=False)


def as_table(frame: pd.DataFrame, title: str | None = None) -> Table:
    return Table(frame, title)
