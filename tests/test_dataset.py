"""The committed dataset itself: the seed articles are fully in it, and everything is cited."""

from __future__ import annotations

import pytest

from chinadigital import load

# Every figure of the five seed articles, as the data contract stores it:
# (indicator, entity, period, value, unit, qualifier, source_id)
SEED_FIGURES = [
    ("internet_market_size", "CN", "2015", 1e12, "CNY", "", "seed-news1-internet-plus"),
    ("venture_fund_size", "CN", "2015-01", 40e9, "CNY", "", "seed-news1-internet-plus"),
    ("internet_users", "CN", "2015", 649e6, "persons", "", "seed-news1-internet-plus"),
    ("mobile_internet_users", "CN", "2015", 557e6, "persons", "", "seed-news1-internet-plus"),
    ("mobile_internet_share", "CN", "2015", 85.8, "percent", "", "seed-news1-internet-plus"),
    ("smart_city_agreements", "tencent", "2015", 20, "count", "", "seed-news1-internet-plus"),
    ("gov_services_by_phone", "shanghai", "2015", 14, "count", "", "seed-news1-internet-plus"),
    ("servers", "tencent", "2019", 1e6, "count", ">=", "seed-platum-tencent-summit"),
    ("peak_bandwidth", "tencent", "2019", 100, "Tbps", ">=", "seed-platum-tencent-summit"),
    ("cloud_patent_applications", "tencent", "2019", 3147, "count", "", "seed-platum-tencent-summit"),
    ("cloud_patents_granted", "tencent", "2019", 1105, "count", "", "seed-platum-tencent-summit"),
    ("connected_car_partners", "tencent", "2019", 19, "count", "", "seed-platum-tencent-summit"),
    ("connected_car_models", "tencent", "2019", 45, "count", "", "seed-platum-tencent-summit"),
    ("medical_institutions_wechat", "tencent", "2019", 38000, "count", "", "seed-platum-tencent-summit"),
    ("medical_insurance_payment_accounts", "tencent", "2019", 20000, "count", "~", "seed-platum-tencent-summit"),
    ("ehealth_card_regions", "tencent", "2019", 9, "count", "", "seed-platum-tencent-summit"),
    ("mobile_subscribers", "CN", "2016", 1.23e9, "persons", "", "seed-kimil-o2o"),
    ("mobile_shopping_value", "CN", "2016", 380e9, "USD", "~", "seed-kimil-o2o"),
    ("mobile_shopping_value", "US", "2016", 90e9, "USD", "~", "seed-kimil-o2o"),
    ("qr_payment_value", "CN", "2015", 9e12, "CNY", ">", "seed-kimil-o2o"),
    ("qr_payment_value", "CN", "2015", 1.5e15, "KRW", ">", "seed-kimil-o2o"),
    ("mobile_payment_users", "CN", "2016", 400e6, "persons", ">", "seed-kimil-o2o"),
    ("mobile_payment_users", "CN", "2016-06", 424e6, "persons", "~<", "seed-kimil-o2o"),
    ("mobile_payment_share_mobile", "CN", "2015-12", 57, "percent", "", "seed-kimil-o2o"),
    ("mobile_payment_share_mobile", "CN", "2016-06", 65, "percent", "", "seed-kimil-o2o"),
    ("qr_code_users", "CN", "2016", 400e6, "persons", "<=", "seed-kimil-o2o"),
    ("laundry_bag_price", "edaixi", "2016", 99, "CNY", "", "seed-kimil-o2o"),
    ("laundry_bag_price", "edaixi", "2016", 17000, "KRW", "", "seed-kimil-o2o"),  # written flat: 1만7천원
    ("digital_economy_gdp_share", "hangzhou", "2018", 25, "percent", ">=", "seed-asianet-hangzhou"),
    ("digital_economy_growth_contribution", "hangzhou", "2018", 50, "percent", ">=", "seed-asianet-hangzhou"),
    ("leading_companies", "hangzhou", "2018", 20, "count", ">=", "seed-asianet-hangzhou"),
    ("cloud_town_talents", "hangzhou", "2018", 4200, "persons", ">", "seed-asianet-hangzhou"),
    ("cloud_town_companies", "hangzhou", "2018", 602, "count", "", "seed-asianet-hangzhou"),
    ("cloud_town_patents", "hangzhou", "2018", 109, "count", "", "seed-asianet-hangzhou"),
    ("cloud_town_daily_startup_events", "hangzhou", "2018", 10, "count", ">", "seed-asianet-hangzhou"),
    ("gov_services_by_phone", "hangzhou", "2018", 153, "count", "", "seed-asianet-hangzhou"),
    ("gov_data_items", "hangzhou", "2018", 40e9, "count", "~<", "seed-asianet-hangzhou"),
    ("gov_data_departments", "hangzhou", "2018", 59, "count", "", "seed-asianet-hangzhou"),
    ("gov_data_daily_exchanges", "hangzhou", "2018", 2e6, "count", ">=", "seed-asianet-hangzhou"),
    ("congestion_rank", "hangzhou", "2016", 5, "rank", "", "seed-asianet-hangzhou"),
    ("congestion_rank", "hangzhou", "2018Q2", 57, "rank", "", "seed-asianet-hangzhou"),
    ("ambulance_time_reduction", "kuala_lumpur", "2018-01", 48.9, "percent", "", "seed-asianet-hangzhou"),
    ("market_cap", "tencent", "2025-09", 1.07e15, "KRW", "", "seed-erunnews-gyeonggi-tencent"),
    ("market_cap", "tencent", "2025-09", 763.9e9, "USD", "", "seed-erunnews-gyeonggi-tencent"),
    ("market_cap_rank_world", "tencent", "2025-09", 14, "rank", "", "seed-erunnews-gyeonggi-tencent"),
    ("market_cap_rank_china", "tencent", "2025-09", 1, "rank", "", "seed-erunnews-gyeonggi-tencent"),
    ("countries_with_offices", "tencent", "2025-09", 35, "count", "", "seed-erunnews-gyeonggi-tencent"),
    ("population", "CN", "2025", 1.4e9, "persons", "", "seed-erunnews-gyeonggi-tencent"),  # written flat: 14억
    ("delegation_companies", "gyeonggi", "2025-09-25", 6, "count", "", "seed-erunnews-gyeonggi-tencent"),
]

SEED_EVENTS = [
    ("2012-11", "analysys"), ("2015-01", "CN"), ("2015-03", "CN"), ("2015-04", "tencent"),
    ("2010", "tencent"), ("2018-09-30", "tencent"), ("2019-05-21", "tencent"), ("2016-08", "CN"),
    ("2018-01", "kuala_lumpur"), ("2018-03", "CN"), ("2018-09", "hangzhou"), ("2018-10-22", "hangzhou"),
    ("2025-09-25", "gyeonggi"), ("2025-09-23", "gbsa"),
]


@pytest.fixture(scope="module")
def ds():
    return load()


@pytest.mark.parametrize("indicator, entity, period, value, unit, qualifier, source_id", SEED_FIGURES)
def test_every_seed_figure_is_stored_in_base_units(ds, indicator, entity, period, value, unit, qualifier, source_id):
    obs = ds.observations
    hit = obs[(obs.indicator == indicator) & (obs.entity == entity) & (obs.period == period)
              & (obs.unit == unit) & (obs.source_id == source_id)]
    assert len(hit) == 1, f"{indicator} {entity} {period} {unit} not found once"
    row = hit.iloc[0]
    assert row["value"] == pytest.approx(value)
    assert (row["qualifier"] or "") == qualifier


@pytest.mark.parametrize("date, actor", SEED_EVENTS)
def test_every_seed_event_is_dated(ds, date, actor):
    ev = ds.events_table
    assert ((ev.date == date) & (ev.actor == actor)).any()


def test_seed_articles_are_all_cited(ds):
    seeds = set(ds.sources.loc[ds.sources.source_id.str.startswith("seed-"), "source_id"])
    assert len(seeds) == 5
    assert seeds <= set(ds.observations.source_id)


def test_every_row_resolves_to_a_source(ds):
    known = set(ds.sources.source_id)
    assert set(ds.observations.source_id) <= known
    assert set(ds.events_table.source_id) <= known
    assert set(ds.fx.source_id) <= known


def test_every_non_seed_source_has_an_address(ds):
    non_seed = ds.sources[~ds.sources.source_id.str.startswith("seed-")]
    # the last exception (CNNIC's 56th report, once cited without an address) now cites a copy that states it
    assert list(non_seed[non_seed.url == ""].source_id) == []
    assert (non_seed[non_seed.url != ""].url.str.match(r"^https?://")).all()


def test_dataset_size_beyond_the_seeds(ds):
    beyond = ds.observations[~ds.observations.source_id.str.startswith("seed-")]
    assert len(beyond) >= 150
    assert len(ds.events_table) >= 40
    assert set(ds.events_table.theme) == {"policy", "payments", "smart_cities", "cloud", "investment"}


def test_cnnic_year_end_series_has_a_value_for_every_year(ds):
    s = ds.series("internet_users", "CN", 2008, 2024)
    year_end = s[s.period.str.endswith("-12")]
    missing = sorted(set(range(2008, 2025)) - set(year_end.year))
    # CNNIC ran no December 2019 survey; its March 2020 survey stands in (45th report)
    assert missing == [2019]
    assert "2020-03" in set(s.period)


def test_fx_covers_every_year_with_a_money_figure_but_the_documented_gaps(ds):
    money = ds.observations[ds.observations.unit.isin(["CNY", "USD", "KRW"])]
    gaps = {cur: sorted(set(money.year) - set(ds.fx.loc[ds.fx.currency == cur, "year"])) for cur in ("CNY", "KRW")}
    # one basis per currency (fx.csv basis): years the basis's issuer pages do not give stay gaps (data/README.md)
    assert gaps == {"CNY": [2016, 2024, 2025], "KRW": [2017, 2023]}
