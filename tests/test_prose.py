"""Prose that states a fact about the data is checked at build time (report/prose.py): every check a notebook
names exists, every check a topic defines is used, all hold on the committed data, and a refuted one stops
the report naming the notebook and the claim."""

from __future__ import annotations

import json
import re

import pytest

from chinadigital import themes
from chinadigital.dataset.load import load
from chinadigital.report.context import Report
from chinadigital.report.prose import ProseCheckFailed, checks_for
from conftest import REPO

PARAMS = {"policy_timeline": {"themes": ["policy", "payments", "smart_cities", "cloud", "investment"]},
          "mobile_payments": {"currency": "stated"}, "cloud_scale": {"currency": "stated"},
          "smart_cities": {"city": "hangzhou"}, "city_comparison": {}, "claims_evidence": {},
          "goals_outcomes": {"plans": ["broadband-china-target", "fyp14-plan", "computing-plan-2023", "ai-plus-plan"]}}


def named_checks(notebook: str) -> list[tuple[int, str]]:
    nb = json.loads((REPO / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    out = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            out += [(i, k) for k in re.findall(r'rep\.check\("([^"]+)"\)', "".join(cell["source"]))]
    return out


@pytest.mark.parametrize("notebook", themes.names())
def test_every_check_a_notebook_names_exists_and_every_check_is_used(notebook):
    named = {k for _, k in named_checks(notebook)}
    assert named == set(checks_for(notebook))


@pytest.mark.parametrize("notebook", themes.names())
def test_a_check_follows_the_prose_it_checks_in_both_languages(notebook):
    """The check cell sits right after the English and the Korean cell of the claim it backs."""
    nb = json.loads((REPO / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    for i, _ in named_checks(notebook):
        tags = [set(nb["cells"][j]["metadata"].get("tags", [])) for j in (i - 2, i - 1)]
        assert {"lang-en", "lang-ko"} == {t for ts in tags for t in ts if t.startswith("lang-")}, (notebook, i)


@pytest.mark.parametrize("notebook", themes.names())
def test_every_prose_check_holds_on_the_committed_data(notebook):
    ds = load()
    rep = Report(notebook, lang="en", ds=ds, start_year=2008, end_year=2025, **PARAMS[notebook])
    for key in checks_for(notebook):
        assert rep.check(key) is None


def test_a_refuted_claim_stops_the_report_naming_notebook_and_claim():
    ds = load()
    obs = ds.observations
    us = (obs["indicator"] == "mobile_shopping_value") & (obs["entity"] == "US")
    obs.loc[us, "qualifier"] = ""  # the prose says both figures are approximate
    rep = Report("mobile_payments", lang="en", ds=ds, start_year=2008, end_year=2025, currency="stated")
    with pytest.raises(ProseCheckFailed) as err:
        rep.check("both_approximate")
    assert "notebooks/mobile_payments.ipynb" in str(err.value) and "both_approximate" in str(err.value)


def test_a_check_judges_the_whole_record_not_the_window():
    """A report of 2014-2018 still says what the prose says of the 2020s, so the check reads every year."""
    rep = Report("mobile_payments", lang="en", start_year=2014, end_year=2018, currency="stated")
    assert rep.check("mobile_share") is None


def test_an_unknown_check_is_refused_by_name():
    rep = Report("cloud_scale", lang="en", start_year=2008, end_year=2025, currency="stated")
    with pytest.raises(ProseCheckFailed, match="names no check"):
        rep.check("no_such_claim")
