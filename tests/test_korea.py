"""Which events link China's platforms with Korea: read from the data, not from a list in code."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from chinadigital import load
from chinadigital.dataset.korea import korea_events


@pytest.fixture(scope="module")
def ds():
    return load()


def test_korean_actors_and_titles_naming_korea_are_links_and_others_are_not(ds):
    ids = set(korea_events(ds)["event_id"])
    assert "events-payments-kakaopay-alipayplus-china-kor" in ids  # a Korean actor (Kakao Pay)
    assert "events-cloud-tencent-korea-entry-kor" in ids  # a Chinese actor, Korea in the title
    assert "events-payments-alipay-launch" not in ids  # nothing Korean about it


def test_a_korean_company_added_to_the_data_is_recognised_without_code(ds):
    events, ents = ds.events_table, ds.entities
    row = events[events["event_id"] == "events-payments-alipay-launch"].iloc[0].copy()
    row["event_id"], row["title_en"] = "x-test", "Tencent invests in Hanbit Widgets"
    new = ents.iloc[0].copy()
    new["entity"], new["name_en"], new["country"] = "hanbit", "Hanbit Widgets", "KR"
    with_event = dataclasses.replace(ds, events_table=pd.concat([events, row.to_frame().T], ignore_index=True))
    assert "x-test" not in set(korea_events(with_event)["event_id"])  # the company is not known to be Korean yet
    both = dataclasses.replace(with_event, entities=pd.concat([ents, new.to_frame().T], ignore_index=True))
    assert "x-test" in set(korea_events(both)["event_id"])
