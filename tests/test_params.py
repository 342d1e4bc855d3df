import pytest

from chinadigital import ParameterError, load
from chinadigital.report.params import NOTEBOOK_PARAMS, allowed_values, check, problems, smart_cities_with_data


@pytest.fixture(scope="module")
def ds():
    return load()


def test_good_parameters_pass(ds):
    assert check("smart_cities", ds, lang="ko", start_year=2010, end_year=2020, city="hangzhou")["city"] == "hangzhou"


def test_cities_with_data_come_from_the_data(ds):
    cities = smart_cities_with_data(ds)
    assert "hangzhou" in cities
    # Shanghai has two ranks and one service count; Kuala Lumpur one test result: their panels would be empty
    assert "shanghai" not in cities and "kuala_lumpur" not in cities
    assert "jinan" not in cities  # ranked for congestion only: not enough for a city report


def test_a_city_qualifies_once_its_data_fill_every_panel(ds):
    from dataclasses import replace

    import pandas as pd

    from chinadigital.report.params import CITY_PANELS, city_panel_counts

    counts = city_panel_counts(ds, "shanghai")
    assert any(n < CITY_PANELS[k] for k, n in counts.items())
    # give Shanghai what its report would need: headline figures and ranks on both sides of City Brain
    extra = ds.observations[ds.observations["entity"] == "hangzhou"].copy()
    extra = extra[extra["indicator"].isin(["gov_data_items", "gov_data_departments", "congestion_rank"])]
    extra["entity"] = "shanghai"
    more = replace(ds, observations=pd.concat([ds.observations, extra], ignore_index=True))
    assert "shanghai" in smart_cities_with_data(more)


def test_year_bounds_come_from_the_data(ds):
    lo, hi = allowed_values("start_year", ds)
    assert (lo, hi) == ds.year_range()


@pytest.mark.parametrize("notebook, params, expected", [
    ("smart_cities", {"city": "paris"}, "city = 'paris' is not allowed; allowed: hangzhou"),
    ("mobile_payments", {"lang": "fr"}, "lang = 'fr' is not allowed; allowed: en, ko"),
    ("cloud_scale", {"start_year": 2020, "end_year": 2010}, "start_year = 2020 is after end_year = 2010"),
    ("cloud_scale", {"start_year": 1999}, "start_year = 1999 is outside the data; allowed 2001 to"),
    ("cloud_scale", {"start_year": True}, "must be a whole year"),
    ("policy_timeline", {"themes": "policy"}, "must be a non-empty list"),
    ("policy_timeline", {"themes": ["policy", "art"]}, "unknown theme(s) 'art'"),
    ("mobile_payments", {"colour": "red"}, "unknown parameter 'colour'; it takes lang, start_year, end_year, currency"),
    ("mobile_payments", {"currency": 5}, "currency = 5 must be a string"),
])
def test_each_broken_rule_names_parameter_value_and_allowed(ds, notebook, params, expected):
    found = problems(notebook, params, ds)
    assert any(expected in p for p in found), found


def test_all_problems_are_raised_together(ds):
    with pytest.raises(ParameterError) as err:
        check("smart_cities", ds, lang="fr", city="paris", start_year=2040)
    msg = str(err.value)
    assert "lang = 'fr'" in msg and "city = 'paris'" in msg and "start_year = 2040" in msg


def test_every_notebook_takes_lang_and_a_year_window():
    for names in NOTEBOOK_PARAMS.values():
        assert {"lang", "start_year", "end_year"} <= set(names)
