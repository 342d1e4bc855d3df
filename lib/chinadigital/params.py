"""Parameter contracts: what each notebook accepts, checked before any chart is drawn.

The same contracts serve the notebook's check cell and the batch build, which
validates every job before a kernel starts; allowed values come from the data
(cities that have data, the years the data covers), so they never go stale.
"""

from __future__ import annotations

from .errors import ParameterError
from .units import CURRENCIES, LANGS

NOTEBOOK_PARAMS: dict[str, tuple[str, ...]] = {
    "policy_timeline": ("lang", "start_year", "end_year", "themes"),
    "mobile_payments": ("lang", "start_year", "end_year", "currency"),
    "smart_cities": ("lang", "start_year", "end_year", "city"),
    "cloud_scale": ("lang", "start_year", "end_year", "currency"),
}
THEMES = ("policy", "payments", "smart_cities", "cloud")


def smart_cities_with_data(ds) -> list[str]:
    """Cities with at least one smart-city figure beyond a congestion rank: enough for a city report."""
    themes = ds.indicators.set_index("indicator")["theme"]
    obs = ds.observations
    smart = obs[obs["indicator"].map(themes).eq("smart_cities") & obs["indicator"].ne("congestion_rank")]
    cities = set(ds.entities.loc[ds.entities["kind"] == "city", "entity"])
    return sorted(set(smart["entity"]) & cities)


def allowed_values(name: str, ds) -> list | tuple:
    if name == "lang":
        return LANGS
    if name == "currency":
        return CURRENCIES
    if name == "themes":
        return THEMES
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
        elif name == "themes":
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value) or not value:
                out.append(f"{notebook}: themes = {value!r} must be a non-empty list of theme names; allowed: {', '.join(allowed)}")
            else:
                bad = [v for v in value if v not in allowed]
                if bad:
                    out.append(f"{notebook}: themes = {list(value)!r} has unknown theme(s) {', '.join(map(repr, bad))}; "
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
        from .data import load

        ds = load()
    found = problems(notebook, params, ds)
    if found:
        raise ParameterError("bad notebook parameter(s):\n  " + "\n  ".join(found))
    return dict(params)
