"""Checks behind the prose: a sentence a notebook states about its data holds at build time, or the report stops.

Notebook prose explains charts; where a sentence states a direction, rank, ratio, count or comparison ("mobile
payment had already passed 200 million users before the plan"), the data could change under it. Such a
sentence is followed by a code cell `rep.check("key")` that runs the topic module's `CHECKS[key]`: a function
of the report returning `(holds, what_the_data_say)`. A claim that no longer holds raises `ProseCheckFailed`,
which papermill reports with the cell, so the report is not built with a sentence its data refute; the fix
is to rewrite the sentence (and its check), never to loosen the check.
"""

from __future__ import annotations

import importlib

from .. import themes
from ..errors import ChinadigitalError


class ProseCheckFailed(ChinadigitalError):
    """A sentence of a notebook's prose is refuted by the data the report draws."""


def checks_for(notebook: str) -> dict:
    """The theme's prose checks: key -> function(rep) -> (bool, str)."""
    module = importlib.import_module(themes.get(notebook).topic)
    return dict(getattr(module, "CHECKS", {}))


def _whole_record(rep):
    """The report as the check sees it: the same language and choices, over every year the data cover. Prose
    states facts about the record ("by the early 2020s ..."), which a narrower window must not refute or
    excuse; the sentence is true of the data or it is rewritten."""
    import copy

    lo, hi = rep.ds.year_range()
    whole = copy.copy(rep)
    whole.params = {**rep.params, **({"start_year": lo, "end_year": hi} if "start_year" in rep.params else {})}
    return whole


def check(rep, key: str) -> None:
    """Run one prose check for the report `rep`; None when it holds (the cell shows nothing)."""
    found = checks_for(rep.notebook)
    if key not in found:
        raise ProseCheckFailed(
            f"notebooks/{rep.notebook}.ipynb: rep.check({key!r}) names no check; the topic module "
            f"{themes.get(rep.notebook).topic} defines {', '.join(sorted(found)) or 'none'}")
    holds, detail = found[key](_whole_record(rep))
    if not holds:
        raise ProseCheckFailed(
            f"notebooks/{rep.notebook}.ipynb: the prose before rep.check({key!r}) is refuted by the data "
            f"({detail}); rewrite that sentence in both languages and its check")
    return None
