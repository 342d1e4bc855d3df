"""Chart builders: a notebook cell is one call, never styling.

Every builder takes the report context (language, dataset, citations) and a
tidy frame from the dataset, and returns something a reader can trust on its
own: an Altair chart with a title, its sources, a description for screen
readers and tooltips with value, period, bound and source; or, when the data
cannot make an honest chart, a sentence and a small table saying so.

The chart contract lives in this package, where every chart is made, so
notebooks, the batch and JupyterLab all get it:
- one unit per axis (a frame mixing units is refused, naming the rows);
- bars start at zero on a linear scale, and a comparison needs two bars;
- a line joins only points of one comparable series (indicator, entity, unit
  and the `series` recorded in the data), breaks where its series has a gap
  longer than its usual step, and needs three points;
- a period sits where it happened: a December value at the end of its year,
  a fiscal year across its own months; year labels sit inside their year;
- a bound is drawn hollow with a visible stroke;
- a converted amount keeps the significant digits of the figure it came from.

Charts come back without baked-in config (the house style is an Altair
theme), so an analyst can `.properties(width=800)`, layer or concatenate them.

One module per job: `contract` (what a chart may show), `time_axes` (where a
period sits, gaps, split scales), `rows` (the columns every chart reads),
`marks` (lines, bars, slopes), `events` (timelines), `tables` (tables, lists
and notices), `footers` (sources and notes under a title). Import from here.
"""

from __future__ import annotations

from .. import theme
from ...errors import ChartContractError
from .contract import (MAX_DIGITS, MIN_BARS, MIN_LINE_POINTS, PERIOD_KINDS, check_one_unit, check_series,
                       joined_series, series_key)
from .events import (KIND_COLOURS, KIND_SHAPES, TimelineList, event_table, events_over_series, events_per_year,
                     prepare_events, timeline)
from .footers import STATEMENT_KINDS, anchor, axis_title, finish, footer_lines, statement_lines
from .marks import BOUND_STROKE, NEUTRAL, RING, _text_px, bars, line, slope
from .rows import SECOND_HAND, counter_for, indicator_name, one_mark_per_figure, prepare
from .tables import NOTICE_MIME, FigureList, Notice, Table, as_table, figure_list, notice, table
from .time_axes import CADENCE_DAYS, SPLIT_RATIO, _segments, cadence, missing_periods, split_year, year_axis, year_rules

theme.enable()

__all__ = ["ChartContractError", "FigureList", "Notice", "Table", "as_table", "bars", "events_over_series",
           "events_per_year", "figure_list", "line", "notice", "prepare", "slope", "table", "timeline"]
