"""Which events link China's digital platforms with Korea.

Events carry one actor each; a link with Korea shows either in the actor (a Korean company or body) or in
the title naming Korea or a Korean company. Both are read from the data (entities.csv gives the
countries), so a new Korean company added to the data is recognised without a code change.
"""

from __future__ import annotations

import re

import pandas as pd


def korean_entities(ds) -> pd.DataFrame:
    ents = ds.entities
    return ents[ents["country"] == "KR"]


def korea_events(ds, themes: list[str] | None = None, start_year: int | None = None,
                 end_year: int | None = None) -> pd.DataFrame:
    """Events whose actor is Korean or whose English title names Korea or a Korean entity."""
    ev = ds.events(themes=themes, start_year=start_year, end_year=end_year)
    kr = korean_entities(ds)
    names = [n for n in kr["name_en"].dropna() if n and n != "South Korea"] + ["Korea", "Korean", "Seoul"]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    hit = ev["actor"].isin(set(kr["entity"])) | ev["title_en"].fillna("").str.contains(pattern)
    return ev[hit]
