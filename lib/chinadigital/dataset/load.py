"""Load the dataset (validated, typed, cached) and answer the questions notebooks ask.

`load()` either returns a whole, valid dataset or raises with every problem;
it never hands back a partly loaded one. Queries return fresh DataFrames so a
notebook cannot corrupt the cached copy.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths
from ..errors import DataValidationError, QueryError
from .periods import parse_period
from .validate import validate

FILES = ("sources", "entities", "indicators", "series", "observations", "events", "fx", "breaks")
#: What kind of actor an event's actor is (entities.csv `actor_kind`, the schema's enum), in the order a legend
#: lists them: China's state (centre, localities, state-owned companies), private companies, industry bodies
#: and research institutes, then actors outside mainland China.
ACTOR_KINDS = ("central_government", "local_government", "state_owned_company", "company", "industry_body",
               "research_institute", "foreign_government", "foreign_company", "international_body")
#: Event themes (events.csv `theme`, the schema's enum): investment holds stakes in businesses that are none of
#: the other themes (Tencent's stakes in Korean game companies); a stake in a payment firm is under payments.
EVENT_THEMES = ("policy", "payments", "smart_cities", "cloud", "investment")

_cache: dict[tuple, "Dataset"] = {}


@dataclass(frozen=True)
class Dataset:
    """The seven tables, typed, plus where they came from and a content fingerprint.

    `series_table` is last and optional so code that builds a Dataset by
    position keeps working; observations carry their series' legend names and
    their resolved `statement` kind (their own, else their series').
    """

    data_dir: Path
    fingerprint: str
    sources: pd.DataFrame
    entities: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    events_table: pd.DataFrame
    fx: pd.DataFrame
    warnings: list = field(default_factory=list, repr=False, compare=False)
    series_table: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    # the series-break ledger (breaks.csv): dated definitional and timing changes the sources announce
    breaks: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    def break_of(self, series: str) -> pd.Series | None:
        """The break a series begins at (series.csv begins_at), None for a series that begins with its data."""
        if self.breaks is None or self.series_table is None or "begins_at" not in self.series_table:
            return None
        hit = self.series_table.loc[self.series_table["series"] == series, "begins_at"]
        if hit.empty or not isinstance(hit.iloc[0], str) or not hit.iloc[0]:
            return None
        row = self.breaks[self.breaks["break_id"] == hit.iloc[0]]
        return row.iloc[0] if not row.empty else None

    # -- look-ups -------------------------------------------------------------------------
    def indicator(self, slug: str) -> pd.Series:
        return self._row(self.indicators, "indicator", slug)

    def entity(self, slug: str) -> pd.Series:
        return self._row(self.entities, "entity", slug)

    def source(self, source_id: str) -> pd.Series:
        return self._row(self.sources, "source_id", source_id)

    def _row(self, table: pd.DataFrame, key: str, slug: str) -> pd.Series:
        # Look-ups by slug run thousands of times per report (every citation, every label): index each
        # table once instead of filtering it each time. The cache lives on the (frozen) instance.
        cache = self.__dict__.setdefault("_row_index", {})
        index = cache.get(key)
        if index is None:
            index = cache[key] = {v: i for i, v in reversed(list(enumerate(table[key])))}
        if slug not in index:
            import difflib

            names = sorted(table[key])
            close = difflib.get_close_matches(str(slug), names, n=5, cutoff=0.5)
            hint = f"did you mean {', '.join(close)}? " if close else ""
            known = ", ".join(names) if len(names) <= 40 else ", ".join(names[:40]) + f", … ({len(names)} in all)"
            raise QueryError(f"unknown {key} {slug!r}; {hint}known: {known}")
        return table.iloc[index[slug]]

    def series_label(self, slug: str, lang: str = "en") -> str:
        """Legend name of a comparable series (series.csv) in `lang`, English if the Korean is empty."""
        if self.series_table is None:
            return slug
        row = self._row(self.series_table, "series", slug)
        return str(row.get(f"name_{lang}") or row["name_en"])

    # -- queries --------------------------------------------------------------------------
    def series(self, indicator: str, entity: str | None = None, start_year: int | None = None,
               end_year: int | None = None, entities: list[str] | None = None, plans: bool = False) -> pd.DataFrame:
        """Values of one indicator, one row per observation, sorted by period.

        Rows of different sources for the same period are all kept: the chart
        shows where sources disagree instead of the library picking silently.
        Each row carries `series` (and `series_name_en`/`series_name_ko`): only
        rows of one indicator, entity, unit and series may be joined by a line.
        Each row also carries `statement`, the kind of statement the figure is
        (official-statistic, official-estimate, company-report,
        research-estimate, promotional-claim, press-figure, plan-target):
        the row's own where observations.csv names one, else its series'
        (`series_statement`).

        Rows of plan series (`series_kind` "plan": a five-year plan's goal for
        2025, a strategy's targets) are left out unless `plans=True`: "latest
        value" or growth over them would present a goal as a measurement.
        """
        self.indicator(indicator)
        obs = self.observations[self.observations["indicator"] == indicator]
        if not plans and "series_kind" in obs:
            obs = obs[obs["series_kind"] != "plan"]
        wanted = entities if entities is not None else ([entity] if entity is not None else None)
        if wanted is not None:
            for e in wanted:
                self.entity(e)
            obs = obs[obs["entity"].isin(wanted)]
        obs = _window(obs, "year", start_year, end_year)
        return obs.sort_values(["entity", "period_start", "source_id", "unit"]).reset_index(drop=True).copy()

    def events(self, themes: list[str] | str | None = None, start_year: int | None = None,
               end_year: int | None = None, linked_to: list[str] | str | None = None) -> pd.DataFrame:
        """Events in the window, sorted by date, with the actor's kind (`actor_kind`, one of ACTOR_KINDS, as
        entities.csv gives it), `landmark` (bool: an event the reports' prose discusses and charts label) and
        `indicators` (the space-separated slugs of the indicators whose series the event bears on).

        `linked_to` (an indicator slug or a list of them) keeps the events linked to any of them, e.g.
        `ds.events(linked_to=["congestion_rank"])` for the events a congestion chart may mark.
        """
        ev = self.events_table
        if themes is not None:
            themes = [themes] if isinstance(themes, str) else list(themes)
            bad = sorted(set(themes) - set(self.themes()))
            if bad:
                raise QueryError(f"unknown theme(s) {', '.join(bad)}; known: {', '.join(self.themes())}")
            ev = ev[ev["theme"].isin(themes)]
        if linked_to is not None:
            wanted = {linked_to} if isinstance(linked_to, str) else set(linked_to)
            for slug in sorted(wanted):
                self.indicator(slug)
            ev = ev[[bool(wanted.intersection(str(links).split())) for links in ev["indicators"]]]
        ev = _window(ev, "year", start_year, end_year)
        return ev.sort_values(["date_start", "event_id"]).reset_index(drop=True).copy()

    def themes(self) -> list[str]:
        return list(EVENT_THEMES)

    def sources_for(self, *frames: pd.DataFrame) -> pd.DataFrame:
        """The sources behind any selection of observations or events, in first-cited order."""
        ids: list[str] = []
        for frame in frames:
            for sid in frame.get("source_id", []):
                if sid not in ids:
                    ids.append(sid)
        unknown = [s for s in ids if s not in set(self.sources["source_id"])]
        if unknown:
            raise QueryError(f"unknown source_id(s): {', '.join(unknown)}")
        return self.sources.set_index("source_id").loc[ids].reset_index()

    def year_range(self, indicators: list[str] | None = None) -> tuple[int, int]:
        """First and last year the data covers (observations and events, or just `indicators`)."""
        obs = self.observations
        if indicators:
            obs = obs[obs["indicator"].isin(indicators)]
            years = list(obs["year"])
        else:
            years = list(obs["year"]) + list(self.events_table["year"])
        if not years:
            raise QueryError(f"no observations for {indicators}")
        return int(min(years)), int(max(years))

    def fx_rate(self, currency: str, year: int) -> float:
        """Units of `currency` per US dollar, yearly average."""
        if currency == "USD":
            return 1.0
        hit = self.fx[(self.fx["currency"] == currency) & (self.fx["year"] == int(year))]
        if hit.empty:
            have = sorted(self.fx.loc[self.fx["currency"] == currency, "year"])
            raise QueryError(f"no {currency} rate for {year} in fx.csv (have {have[:1]}..{have[-1:]})")
        return float(hit["per_usd"].iloc[0])

    def convert(self, frame: pd.DataFrame, to_currency: str) -> pd.DataFrame:
        """Money values converted through the yearly average rate of each row's year.

        Keeps the original value and unit beside the converted one, and the
        fx source, so a converted figure stays traceable to both citations.
        """
        if to_currency not in ("CNY", "USD", "KRW"):
            raise QueryError(f"currency {to_currency!r} is not one of CNY, USD, KRW")
        out = _one_currency_per_figure(frame, to_currency)
        if out.empty:
            out["value_original"], out["unit_original"], out["fx_source_id"] = [], [], []
            return out
        bad = sorted(set(out["unit"]) - {"CNY", "USD", "KRW"})
        if bad:
            raise QueryError(f"cannot convert units {', '.join(bad)} to a currency")
        out["value_original"] = out["value"]
        out["unit_original"] = out["unit"]
        rates, fx_ids = [], []
        for unit, year in zip(out["unit"], out["year"]):
            try:
                rates.append(self.fx_rate(to_currency, year) / self.fx_rate(unit, year))
            except QueryError:
                rates.append(float("nan"))
            used = [] if unit == to_currency else [c for c in (unit, to_currency) if c != "USD"]
            fx_ids.append(";".join(self._fx_source(c, year) for c in used))
        out["value"] = out["value"] * rates
        out["unit"] = to_currency
        out["fx_source_id"] = fx_ids
        missing = out["value"].isna()
        dropped = out[missing]
        out = out[~missing].reset_index(drop=True)
        # Rows with no cited rate for their year are left out, never converted at a guessed rate;
        # charts read this to say what is missing.
        out.attrs["not_converted"] = dropped[["indicator", "entity", "period", "unit_original", "source_id"]].to_dict("records")
        return out

    def _fx_source(self, currency: str, year: int) -> str:
        if currency == "USD":
            return ""
        hit = self.fx[(self.fx["currency"] == currency) & (self.fx["year"] == int(year))]
        return "" if hit.empty else str(hit["source_id"].iloc[0])

    def label(self, kind: str, slug: str, lang: str = "en") -> str:
        """Name of an indicator or entity in `lang` (Korean falls back to English if empty)."""
        row = self.indicator(slug) if kind == "indicator" else self.entity(slug)
        name = row.get(f"name_{lang}") or row["name_en"]
        return str(name)


def _one_currency_per_figure(frame: pd.DataFrame, to_currency: str) -> pd.DataFrame:
    """Where a source states one figure in several currencies, keep the one in `to_currency`
    if stated (no conversion needed), else the first; so a figure is never drawn twice."""
    if frame.empty:
        return frame.copy()
    keys = ["indicator", "entity", "period", "source_id"]
    ranked = frame.assign(_pref=(frame["unit"] != to_currency).astype(int))
    ranked = ranked.sort_values(keys + ["_pref"], kind="stable").drop_duplicates(keys, keep="first")
    return ranked.drop(columns="_pref").loc[sorted(ranked.index)].reset_index(drop=True)


def _window(frame: pd.DataFrame, col: str, start: int | None, end: int | None) -> pd.DataFrame:
    if start is not None:
        frame = frame[frame[col] >= int(start)]
    if end is not None:
        frame = frame[frame[col] <= int(end)]
    return frame


def _fingerprint(folder: Path) -> str:
    """SHA-256 over the descriptor and the CSVs, so a report can name the exact data it used."""
    h = hashlib.sha256()
    for name in ("datapackage.json",) + tuple(f"{f}.csv" for f in FILES):
        p = folder / name
        h.update(name.encode())
        h.update(p.read_bytes() if p.exists() else b"<missing>")
    return h.hexdigest()


def _stat_key(folder: Path) -> tuple:
    out = [str(folder)]
    for name in ("datapackage.json",) + tuple(f"{f}.csv" for f in FILES):
        try:
            st = os.stat(folder / name)
            out.append((name, st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            out.append((name, None))
    return tuple(out)


def load(data_dir: str | os.PathLike | None = None, *, use_cache: bool = True) -> Dataset:
    """The validated dataset; raises DataValidationError listing every problem, never a partial load."""
    folder = paths.data_dir(data_dir)
    key = _stat_key(folder)
    if use_cache and key in _cache:
        return _cache[key]
    tables, problems = validate(folder)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataValidationError(errors, str(folder))
    ds = _build(folder, tables, [p for p in problems if p.severity != "error"])
    if use_cache:
        _cache.clear()
        _cache[key] = ds
    return ds


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame([{k: v for k, v in r.items() if k != "_line"} for r in rows])
    return frame.apply(lambda col: col.str.strip()) if not frame.empty else frame


def _build(folder: Path, tables: dict[str, list[dict]], warnings: list) -> Dataset:
    sources = _frame(tables["sources"])
    entities = _frame(tables["entities"])
    indicators = _frame(tables["indicators"])

    series = _frame(tables["series"])
    obs = _frame(tables["observations"])
    obs["value"] = obs["value"].astype(float)
    names = series.set_index("series")
    obs["series_name_en"] = [names.loc[s, "name_en"] for s in obs["series"]]
    obs["series_name_ko"] = [names.loc[s, "name_ko"] or names.loc[s, "name_en"] for s in obs["series"]]
    # "plan" rows are goals or approved layouts: charts draw them apart (never joined to measurements)
    obs["series_kind"] = [names.loc[s, "kind"] if "kind" in names.columns else "measurement" for s in obs["series"]]
    # What kind of statement each figure is (official statistic, company report, promotional claim, ...): the
    # row's own where it names one (rows of catch-all series such as seed articles), else its series'.
    # Validation guarantees every row resolves to one of the seven kinds.
    obs["series_statement"] = [names.loc[s, "statement"] if "statement" in names.columns else "" for s in obs["series"]]
    own = obs["statement"] if "statement" in obs.columns else pd.Series("", index=obs.index)
    obs["statement"] = own.where(own != "", obs["series_statement"])
    periods = [parse_period(p) for p in obs["period"]]
    obs["period_start"] = pd.to_datetime([p.start for p in periods])
    obs["period_end"] = pd.to_datetime([p.end for p in periods])
    obs["period_precision"] = [p.precision for p in periods]
    obs["year"] = [p.year for p in periods]

    ev = _frame(tables["events"])
    dates = [parse_period(d) for d in ev["date"]]
    ev["date_start"] = pd.to_datetime([d.start for d in dates])
    ev["year"] = [d.year for d in dates]
    # Who acted is curated per entity (entities.csv actor_kind; validation requires it of every actor)
    kinds = entities.set_index("entity")["actor_kind"]
    ev["actor_kind"] = [kinds.loc[a] for a in ev["actor"]]
    ev["landmark"] = ev["landmark"].eq("yes")

    fx = _frame(tables["fx"])
    fx["year"] = fx["year"].astype(int)
    fx["per_usd"] = fx["per_usd"].astype(float)
    breaks = _frame(tables["breaks"]) if "breaks" in tables else None
    return Dataset(folder, _fingerprint(folder), sources, entities, indicators, obs, ev, fx, list(warnings),
                   series_table=series, breaks=breaks)

