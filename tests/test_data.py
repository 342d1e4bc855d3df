"""Loading and querying: found from anywhere, typed, cached, and converted through fx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import chinadigital
from chinadigital import DataNotFoundError, QueryError, load
from chinadigital.dataset.load import ACTOR_KINDS, EVENT_THEMES
from conftest import DATA, find_index, set_cell


@pytest.fixture(scope="module")
def ds():
    return load()


def test_load_finds_the_data_from_any_working_directory(tmp_path):
    code = "import chinadigital; ds = chinadigital.load(); print(ds.data_dir)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert Path(out.stdout.strip()) == DATA


def test_environment_variable_and_argument_override_the_default(data_copy, monkeypatch):
    monkeypatch.setenv("CHINADIGITAL_DATA", str(data_copy))
    assert load().data_dir == data_copy
    monkeypatch.setenv("CHINADIGITAL_DATA", "/nonexistent")
    assert load(DATA).data_dir == DATA


def test_a_folder_without_a_dataset_is_named_in_the_error(tmp_path):
    with pytest.raises(DataNotFoundError, match=str(tmp_path)):
        load(tmp_path)


def test_types_are_parsed(ds):
    obs = ds.observations
    assert obs["value"].dtype == float
    assert pd.api.types.is_datetime64_any_dtype(obs["period_start"])
    assert pd.api.types.is_datetime64_any_dtype(ds.events_table["date_start"])
    assert ds.fx["year"].dtype.kind == "i"


def test_cache_returns_the_same_object_until_a_file_changes(data_copy):
    first = load(data_copy)
    assert load(data_copy) is first
    i = find_index(data_copy, "observations.csv", indicator="servers")
    set_cell(data_copy, "observations.csv", i, "note", "edited")
    second = load(data_copy)
    assert second is not first
    assert second.fingerprint != first.fingerprint


def test_queries_return_copies_the_caller_may_mutate(ds):
    s = ds.series("internet_users", "CN")
    s["value"] = 0
    assert ds.series("internet_users", "CN")["value"].max() > 1e9


def test_series_filters_by_year_window_across_precisions(ds):
    s = ds.series("internet_users", "CN", start_year=2014, end_year=2016)
    assert set(s["year"]) == {2014, 2015, 2016}
    assert list(s["period_start"]) == sorted(s["period_start"])
    # the seed's "2015" and CNNIC's "2015-12" are both in the window, each with its source
    assert {"2015", "2015-12"} <= set(s["period"])


def test_series_rejects_unknown_names_with_the_known_ones(ds):
    with pytest.raises(QueryError, match=r"unknown indicator 'gdp_happiness'; known: ambulance_time_reduction, .*"
                                         rf"\({len(ds.indicators)} in all\)"):
        ds.series("gdp_happiness", "CN")
    with pytest.raises(QueryError, match="unknown indicator 'internet_user'; did you mean internet_users"):
        ds.series("internet_user", "CN")
    with pytest.raises(QueryError, match="unknown entity 'atlantis'"):
        ds.series("internet_users", "atlantis")


def test_events_by_theme_and_window(ds):
    ev = ds.events(themes=["payments"], start_year=2013, end_year=2018)
    assert len(ev) > 5
    assert set(ev["theme"]) == {"payments"}
    assert ev["year"].between(2013, 2018).all()
    assert list(ev["date_start"]) == sorted(ev["date_start"])
    with pytest.raises(QueryError, match="unknown theme"):
        ds.events(themes=["sports"])


def test_events_carry_the_kind_of_actor_their_entity_declares(ds):
    ev = ds.events()
    assert set(ev["actor_kind"]) <= set(ACTOR_KINDS)
    kind = dict(zip(ev["event_id"], ev["actor_kind"]))
    # a state-owned bank, an industry association and cities running e-CNY pilots are not the central government
    assert kind["events-payments-icbc-qr"] == "state_owned_company"
    assert kind["events-payments-qr-recognised"] == "industry_body"
    assert {kind[e] for e in ("events-payments-ecny-shenzhen", "events-payments-ecny-suzhou",
                              "events-payments-ecny-chengdu")} == {"local_government"}
    assert kind["events-payments-pboc-barcode-rules"] == "central_government"
    assert kind["events-policy-krcn-fta-signed"] == "foreign_government"
    assert kind["events-payments-naverpay-wechatpay-kor"] == "foreign_company"


def test_the_actor_kind_is_read_from_entities_not_guessed(data_copy):
    # re-curating one entity changes what every event of it reports
    i = find_index(data_copy, "entities.csv", entity="tencent")
    set_cell(data_copy, "entities.csv", i, "actor_kind", "state_owned_company")
    ev = load(data_copy, use_cache=False).events()
    assert set(ev.loc[ev["actor"] == "tencent", "actor_kind"]) == {"state_owned_company"}


def test_the_vocabularies_in_code_are_the_schemas(ds):
    import json

    package = json.loads((ds.data_dir / "datapackage.json").read_text(encoding="utf-8"))
    fields = {(r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]}
    assert tuple(fields["entities", "actor_kind"]["constraints"]["enum"]) == ACTOR_KINDS
    assert tuple(fields["events", "theme"]["constraints"]["enum"]) == EVENT_THEMES == tuple(ds.themes())


def test_stake_purchases_are_not_policy(ds):
    ev = ds.events()
    assert not ((ev["kind"] == "investment") & (ev["theme"] == "policy")).any()
    inv = ds.events(themes="investment")
    assert "events-policy-tencent-bluehole-kor" in set(inv["event_id"])
    assert ds.events(themes="payments").query("kind == 'investment'")["actor"].isin(["antgroup", "alipay"]).all()


def test_landmark_is_a_bool_column_with_the_events_the_prose_discusses(ds):
    ev = ds.events()
    assert ev["landmark"].dtype == bool
    marked = set(ev.loc[ev["landmark"], "event_id"])
    assert {"internet-plus-two-sessions-2015", "events-payments-qr-suspended", "events-payments-pboc-barcode-rules",
            "events-smart-citybrain-announced", "events-payments-wechatpay-launch", "events-payments-alipay-launch",
            "events-policy-broadband-china", "events-policy-14fyp-digital-economy"} <= marked
    assert len(marked) < len(ev) / 4  # a label on every event would label nothing


def test_events_linked_to_indicators(ds):
    brain = ds.events(linked_to=["congestion_rank"])
    assert "events-smart-citybrain-announced" in set(brain["event_id"])
    assert all("congestion_rank" in x.split() for x in brain["indicators"])
    assert len(brain) < len(ds.events())
    # a string is one slug; several slugs select events linked to any of them; the other filters still apply
    rules = ds.events(linked_to="nonbank_online_payment_value", themes="payments", start_year=2017, end_year=2017)
    assert set(rules["event_id"]) == {"events-payments-netsunion-trial", "events-payments-pboc-barcode-rules"}
    both = set(ds.events(linked_to=["congestion_rank", "venture_fund_size"])["event_id"])
    assert both == set(brain["event_id"]) | {"venture-fund-2015"}
    plan = ds.events(linked_to="gigabit_broadband_users")
    assert list(plan["event_id"]) == ["events-policy-14fyp-digital-economy"]
    # an indicator that exists but no event bears on gives no events; an unknown one is refused by name
    assert ds.events(linked_to=["population"]).empty
    with pytest.raises(QueryError, match="unknown indicator 'congestion'; did you mean congestion_rank"):
        ds.events(linked_to=["congestion"])


def test_sources_behind_a_selection_in_first_cited_order(ds):
    s = ds.series("congestion_rank", "hangzhou")
    src = ds.sources_for(s)
    assert list(src["source_id"]) == list(dict.fromkeys(s["source_id"]))
    assert set(src.columns) >= {"publisher", "title", "url", "published"}


def test_currency_conversion_goes_through_the_year_rate(ds):
    s = ds.series("mobile_payment_value", "CN", 2018, 2018)
    usd = ds.convert(s, "USD")
    rate = float(ds.fx.query("currency == 'CNY' and year == 2018")["per_usd"].iloc[0])
    assert usd["value"].iloc[0] == pytest.approx(s["value"].iloc[0] / rate)
    assert usd["unit"].iloc[0] == "USD"
    assert usd["value_original"].iloc[0] == s["value"].iloc[0]
    assert usd["fx_source_id"].iloc[0]  # the rate's own citation travels with the value
    krw = ds.convert(s, "KRW")
    krw_rate = float(ds.fx.query("currency == 'KRW' and year == 2018")["per_usd"].iloc[0])
    assert krw["value"].iloc[0] == pytest.approx(s["value"].iloc[0] / rate * krw_rate)


def test_a_figure_stated_in_two_currencies_is_converted_once(ds):
    s = ds.series("qr_payment_value", "CN")
    assert sorted(s["unit"]) == ["CNY", "KRW"]
    krw = ds.convert(s, "KRW")
    assert len(krw) == 1
    assert krw["value"].iloc[0] == 1.5e15  # the source's own won figure, not a conversion
    usd = ds.convert(s, "USD")
    assert len(usd) == 1 and usd["unit_original"].iloc[0] == "CNY"


def test_conversion_of_a_non_money_series_is_refused(ds):
    with pytest.raises(QueryError, match="cannot convert units persons"):
        ds.convert(ds.series("internet_users", "CN"), "USD")
    with pytest.raises(QueryError, match="'EUR' is not one of CNY, USD, KRW"):
        ds.convert(ds.series("mobile_payment_value", "CN"), "EUR")


def test_rows_without_a_cited_rate_are_left_out_and_listed(ds):
    s = ds.series("cloud_revenue", "alibaba", 2023, 2025)
    usd = ds.convert(s, "USD")
    missing = usd.attrs["not_converted"]
    assert missing and {m["period"][:4] for m in missing} <= {"2024", "2025"}
    assert len(usd) + len(missing) == len(s)
    assert usd["value"].notna().all()


def test_missing_rate_is_named(ds):
    with pytest.raises(QueryError, match="no CNY rate for 1999"):
        ds.fx_rate("CNY", 1999)


def test_public_api_is_reexported():
    for name in ("load", "Dataset", "format_number", "format_value", "ChinadigitalError", "__version__"):
        assert hasattr(chinadigital, name)


def test_every_row_carries_its_series_and_legend_names(ds):
    s = ds.series("cloud_revenue", "alibaba")
    assert {"series", "series_name_en", "series_name_ko"} <= set(s.columns)
    assert s["series"].ne("").all()
    fy = s[s["series"] == "fy-after-elimination"]
    assert (fy["period_precision"] == "interval").all()
    assert fy["series_name_en"].iloc[0].startswith("Fiscal year")
    assert ds.series_label("cnnic", "ko") == "CNNIC 조사"
    with pytest.raises(QueryError, match="unknown series 'nope'"):
        ds.series_label("nope")


def test_a_fiscal_year_spans_its_twelve_months(ds):
    s = ds.series("cloud_revenue", "alibaba")
    row = s[s["period"] == "2014-04/2015-03"].iloc[0]
    assert (row["period_start"], row["period_end"]) == (pd.Timestamp("2014-04-01"), pd.Timestamp("2015-03-31"))
    assert row["year"] == 2015  # named after the year it ends in


def test_alibaba_quarters_before_and_after_the_2023_change_are_separate_series(ds):
    s = ds.series("cloud_revenue", "alibaba")
    q = s[s["period_precision"] == "quarter"]
    after = q[q["series"] == "quarter-after-elimination"]
    before = q[q["series"] == "quarter-before-elimination"]
    assert after["period_start"].max() < before["period_start"].min()
    assert "2023Q1" in set(before["period"])


def test_plan_goals_are_left_out_of_a_series_unless_asked_for(ds):
    # a goal for 2025 must not become the "latest value" of a measured indicator
    measured = ds.series("digital_economy_core_gdp_share", "CN")
    assert (measured["series_kind"] == "measurement").all()
    assert "2025" not in set(measured["period"])
    with_plans = ds.series("digital_economy_core_gdp_share", "CN", plans=True)
    goal = with_plans[with_plans["period"] == "2025"].iloc[0]
    assert (goal["series"], goal["series_kind"], goal["value"]) == ("fyp14-plan", "plan", 10)


STATEMENT_KINDS = {"official-statistic", "official-estimate", "company-report", "research-estimate",
                   "promotional-claim", "press-figure", "plan-target"}


def test_every_observation_carries_the_kind_of_statement_it_is(ds):
    # resolved by the loader: the row's own kind where observations.csv names one, else its series'
    assert set(ds.observations["statement"]) <= STATEMENT_KINDS
    seed = ds.series("ambulance_time_reduction", "kuala_lumpur")
    assert (seed["series"].iloc[0], seed["series_statement"].iloc[0]) == ("seed", "")  # a catch-all series
    assert seed["statement"].iloc[0] == "promotional-claim"  # the row's own kind, kept
    cnnic = ds.series("internet_users", "CN")
    cnnic = cnnic[cnnic["series"] == "cnnic"]
    assert (cnnic["series_statement"] == "official-statistic").all()
    assert (cnnic["statement"] == "official-statistic").all()  # no kind of their own: the series' kind
    goals = ds.series("internet_users", "CN", plans=True)
    assert set(goals.loc[goals["series_kind"] == "plan", "statement"]) == {"plan-target"}


def test_a_row_with_its_own_statement_keeps_it_and_the_others_take_their_series(data_copy):
    i = find_index(data_copy, "observations.csv", indicator="weixin_mau", period="2017-06", series="tencent-results")
    set_cell(data_copy, "observations.csv", i, "statement", "press-figure")
    s = load(data_copy, use_cache=False).series("weixin_mau", "tencent")
    main = s[s["series"] == "tencent-results"].set_index("period")
    assert main.loc["2017-06", "statement"] == "press-figure"
    assert main.loc["2017-06", "series_statement"] == "company-report"
    assert (main.drop(index="2017-06")["statement"] == "company-report").all()
    # the kind survives a currency conversion, which is what a money chart draws
    rev = load(data_copy, use_cache=False).series("cloud_revenue", "tencent")
    assert list(load(data_copy, use_cache=False).convert(rev, "CNY")["statement"]) == list(rev["statement"])
