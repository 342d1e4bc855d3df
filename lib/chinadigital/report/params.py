"""Parameter contracts: what each notebook accepts, checked before any chart is drawn.

The same contracts serve the notebook's check cell and the batch build, which
validates every job before a kernel starts; allowed values come from the data
(cities that have data, the years the data covers), so they never go stale.
"""

from __future__ import annotations

from ..errors import ParameterError
from ..dataset.units import CURRENCIES, LANGS

from ..themes import CITY_HEADLINE as HEADLINE, CITY_PIVOT_EVENT as PIVOT_EVENT, REGISTRY

# What each notebook takes, read from the one registry of themes.
NOTEBOOK_PARAMS: dict[str, tuple[str, ...]] = {name: theme.params for name, theme in REGISTRY.items()}
THEMES = ("policy", "payments", "smart_cities", "cloud", "investment")


# What a city report draws, and the least each panel needs (charts.MIN_LINE_POINTS for a line).
CITY_PANELS = {
    "headline figures": 2,
    "congestion rank before and after City Brain": 2,
    "congestion rank over time": 3,
}


def city_panel_counts(ds, city: str) -> dict[str, int]:
    """How many figures each panel of a city report would get for `city`."""
    obs = ds.observations[ds.observations["entity"] == city]
    ranks = obs[obs["indicator"] == "congestion_rank"]
    ev = ds.events_table[ds.events_table["event_id"] == PIVOT_EVENT]
    pivot = ev["date_start"].iloc[0] if not ev.empty else None
    by_series = ranks.groupby(ranks["series"] if "series" in ranks else ranks["source_id"]).size()
    return {
        "headline figures": int(obs["indicator"].isin(HEADLINE).sum()),
        "congestion rank before and after City Brain":
            int((ranks["period_end"] < pivot).any()) + int((ranks["period_end"] >= pivot).any()) if pivot is not None else 0,
        "congestion rank over time": int(by_series.max()) if not by_series.empty else 0,
    }


def smart_cities_with_data(ds) -> list[str]:
    """Cities whose data fill every panel of the city report: a thinner city would show empty panels."""
    cities = ds.entities.loc[ds.entities["kind"] == "city", "entity"]
    return sorted(c for c in cities
                  if all(n >= CITY_PANELS[k] for k, n in city_panel_counts(ds, c).items()))


def allowed_values(name: str, ds) -> list | tuple:
    if name == "lang":
        return LANGS
    if name == "currency":
        return ("stated",) + CURRENCIES  # stated: each figure in the currency its source gives
    if name == "themes":
        return THEMES
    if name == "plans":
        # plans with goals to read against outcomes, as the data's series table holds them
        from .goals_view import GOAL_PLANS

        return tuple(x for x in GOAL_PLANS if x in set(ds.series_table["series"]))
    if name == "city":
        return smart_cities_with_data(ds)
    if name in ("start_year", "end_year"):
        lo, hi = ds.year_range()
        return (lo, hi)
    raise KeyError(name)


def problems(notebook: str, params: dict, ds) -> list[str]:
    """Every way `params` breaks `notebook`'s contract, as sentences naming parameter, value and allowed values."""
    if notebook not in NOTEBOOK_PARAMS:
        return [f"unknown notebook {notebook!r}; known: {', '.join(NOTEBOOK_PARAMS)}"]
    names = NOTEBOOK_PARAMS[notebook]
    out = []
    for name in params:
        if name not in names:
            out.append(f"{notebook}: unknown parameter {name!r}; it takes {', '.join(names)}")
    for name in names:
        if name not in params:
            continue
        value = params[name]
        allowed = allowed_values(name, ds)
        if name in ("start_year", "end_year"):
            if not isinstance(value, int) or isinstance(value, bool):
                out.append(f"{notebook}: {name} = {value!r} must be a whole year (int), e.g. {allowed[0]}")
            elif not allowed[0] <= value <= allowed[1]:
                out.append(f"{notebook}: {name} = {value} is outside the data; allowed {allowed[0]} to {allowed[1]}")
        elif name in ("themes", "plans"):
            what = "theme" if name == "themes" else "plan"
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value) or not value:
                out.append(f"{notebook}: {name} = {value!r} must be a non-empty list of {what} names; allowed: {', '.join(allowed)}")
            else:
                bad = [v for v in value if v not in allowed]
                if bad:
                    out.append(f"{notebook}: {name} = {list(value)!r} has unknown {what}(s) {', '.join(map(repr, bad))}; "
                               f"allowed: {', '.join(allowed)}")
        else:
            if not isinstance(value, str):
                out.append(f"{notebook}: {name} = {value!r} must be a string; allowed: {', '.join(map(str, allowed))}")
            elif value not in allowed:
                out.append(f"{notebook}: {name} = {value!r} is not allowed; allowed: {', '.join(map(str, allowed))}")
    start, end = params.get("start_year"), params.get("end_year")
    if isinstance(start, int) and isinstance(end, int) and start > end:
        out.append(f"{notebook}: start_year = {start} is after end_year = {end}; the window must run forwards")
    return out


def check(notebook: str, ds=None, **params) -> dict:
    """Raise ParameterError naming every broken rule; return the parameters when all hold."""
    if ds is None:
        from ..dataset.load import load

        ds = load()
    found = problems(notebook, params, ds)
    if found:
        raise ParameterError("bad notebook parameter(s):\n  " + "\n  ".join(found))
    return dict(params)
