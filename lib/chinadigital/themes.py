"""The one registry of report themes: each theme's notebook, parameters, titles and topic module.

Everything that needs to know the themes reads this table (parameter contracts, report titles, the batch's
plan and warm kernels), so adding a theme is an entry here, a topic module, a notebook and lines in
reports.toml. It imports nothing heavy: the batch reads it before deciding whether anything must run.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Theme:
    name: str  # the notebook's file stem, e.g. "mobile_payments"
    params: tuple[str, ...]  # what the notebook's parameters cell takes, `lang` first
    titles: dict[str, str]  # per language; {param} fields are filled from the parameters
    topic: str  # the module a notebook imports as `topic`
    entity_params: tuple[str, ...] = field(default=())  # parameters naming an entity: shown by name in titles
    # other themes whose reports answer some of this report's questions: its page links to them when the batch
    # builds them (and only these, so adding an unrelated report never rebuilds this one)
    answered_by: tuple[str, ...] = field(default=())


REGISTRY: dict[str, Theme] = {t.name: t for t in (
    Theme("policy_timeline", ("lang", "start_year", "end_year", "themes"),
          {"en": "China's digital policy timeline", "ko": "중국 디지털 정책 연표"},
          "chinadigital.report.topics.policy_timeline"),
    Theme("mobile_payments", ("lang", "start_year", "end_year", "currency"),
          {"en": "Mobile internet and mobile payments in China", "ko": "중국의 모바일 인터넷과 모바일 결제"},
          "chinadigital.report.topics.mobile_payments"),
    Theme("smart_cities", ("lang", "start_year", "end_year", "city"),
          {"en": "Smart cities: {city}", "ko": "스마트시티: {city}"},
          "chinadigital.report.topics.smart_cities", entity_params=("city",), answered_by=("city_comparison",)),
    Theme("city_comparison", ("lang", "start_year", "end_year"),
          {"en": "Smart cities compared", "ko": "스마트시티 비교"},
          "chinadigital.report.topics.city_comparison"),
    Theme("goals_outcomes", ("lang", "start_year", "end_year", "plans"),
          {"en": "China's digital goals against their outcomes", "ko": "중국 디지털 목표와 실적"},
          "chinadigital.report.topics.goals_outcomes"),
    Theme("claims_evidence", ("lang", "start_year", "end_year"),
          {"en": "Claims and evidence: what the figures behind the promotions show",
           "ko": "주장과 근거: 홍보 수치를 독립 측정치와 견주다"},
          "chinadigital.report.topics.claims_evidence"),
    Theme("cloud_scale", ("lang", "start_year", "end_year", "currency"),
          {"en": "Cloud at scale: Tencent, Alibaba and China's market", "ko": "클라우드 규모: 텐센트·알리바바와 중국 시장"},
          "chinadigital.report.topics.cloud_scale"),
)}


# What a city report draws, named here so the parameter contracts (report/params.py) can tell which cities
# fill a report without importing the topic module that draws it (that import closed a circle:
# context -> params -> topics.smart_cities -> context). The topic module draws the same indicators.
CITY_HEADLINE = ("gov_services_by_phone", "gov_data_items", "gov_data_departments", "gov_data_daily_exchanges",
                 "leading_companies", "cloud_town_talents", "cloud_town_companies", "cloud_town_patents",
                 "cloud_town_daily_startup_events")
CITY_PIVOT_EVENT = "events-smart-citybrain-announced"  # the City Brain announcement: congestion before and after


def get(name: str) -> Theme:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown theme {name!r}; known: {', '.join(REGISTRY)} (add it to chinadigital.themes.REGISTRY)") from None


def names() -> list[str]:
    return list(REGISTRY)


def topic_modules() -> list[str]:
    return [t.topic for t in REGISTRY.values()]
