"""Issue 21: the series-break ledger, the freshness table and the hosts the validator refuses."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from chinadigital.dataset import catalogue
from chinadigital.dataset.load import load
from chinadigital.dataset.validate import BLOCKED_HOSTS, validate
from conftest import find_index, read_rows, set_cell

NAMED_IN_THE_ISSUE = ["m.jrszb.cc", "handmsg.com", "zhonghuixigou.com", "cszlmy.com", "twwtn.com", "rjeecu.cn",
                      "m.hr1j.cn", "asia.world-trader.com", "6ke.com.cn", "jianfen.net", "szwdfm.com", "wikimili.com",
                      "internationalsearchnews.xyz", "mirror.xyz", "c-sharpcorner.com", "guba.sina.com.cn",
                      "bestlinkz.net"]


@pytest.mark.parametrize("host", NAMED_IN_THE_ISSUE)
def test_every_host_the_issue_names_is_refused(host, data_copy):
    assert any(host == b or host.endswith("." + b) for b in BLOCKED_HOSTS)
    set_cell(data_copy, "sources.csv", 0, "url", f"https://{host}/page.html")
    _, problems = validate(data_copy)
    assert [p for p in problems if p.rule == "blocked-host" and p.line == 2]


def test_a_series_crossing_a_recorded_break_is_refused_naming_both(data_copy):
    i = find_index(data_copy, "observations.csv", indicator="nonbank_online_payment_value", period="2024",
                   series="pboc-nonbank-2023")
    line = set_cell(data_copy, "observations.csv", i, "series", "pboc-nonbank")
    _, problems = validate(data_copy)
    [p] = [p for p in problems if p.rule == "crosses-break"]
    assert (p.file, p.line) == ("observations.csv", line)
    assert "pboc-nonbank" in p.detail and "pboc-nonbank-comparable-2023" in p.detail


def test_a_series_beginning_at_a_break_must_name_it(data_copy):
    i = find_index(data_copy, "series.csv", series="canalys-quarterly-2023")
    set_cell(data_copy, "series.csv", i, "begins_at", "")
    _, problems = validate(data_copy)
    assert [p for p in problems if p.rule == "break-not-named" and "canalys-quarterly-2023" in p.detail]


def test_every_definitional_break_splits_its_series_in_the_committed_data():
    ds = load()
    assert ds.breaks is not None and len(ds.breaks) >= 5
    obs = ds.observations
    for _, b in ds.breaks[ds.breaks["kind"] == "definition"].iterrows():
        start = pd.Timestamp(str(b["date"]) + ("-01-01" if len(str(b["date"])) == 4 else "-01"))
        rows = obs
        if isinstance(b["indicator"], str) and b["indicator"]:
            rows = rows[rows["indicator"] == b["indicator"]]
        if isinstance(b["entity"], str) and b["entity"]:
            rows = rows[rows["entity"] == b["entity"]]
        assert (rows.loc[rows["series"] == b["series_before"], "period_end"] < start).all(), b["break_id"]
        assert (rows.loc[rows["series"] == b["series_after"], "period_start"] >= start).all(), b["break_id"]
        assert ds.break_of(b["series_after"])["break_id"] == b["break_id"]


def test_the_freshness_table_reads_span_cadence_and_due_from_the_rows():
    ds = load()
    cat = catalogue.series_catalogue(ds, today=date(2026, 12, 7))
    _, obs = read_rows(ds.data_dir / "observations.csv")
    cnnic = [r for r in obs if r["indicator"] == "internet_users" and r["series"] == "cnnic"]
    [row] = cat[(cat["indicator"] == "internet_users") & (cat["series"] == "cnnic")].to_dict("records")
    assert row["points"] == len(cnnic)
    assert row["latest"] == max(r["period"] for r in cnnic) and row["cadence"] == "half-yearly"
    # a series a break replaced is not due: it continues under its new name
    [old] = cat[(cat["indicator"] == "nonbank_online_payment_value") & (cat["series"] == "pboc-nonbank")].to_dict("records")
    assert old["due"] is False and old["superseded_by"] == "pboc-nonbank-2023"
    # a yearly series whose latest year is two years back is due
    assert catalogue.due(pd.Timestamp("2023-12-31"), "yearly", date(2026, 1, 15))
    assert not catalogue.due(pd.Timestamp("2025-12-31"), "yearly", date(2026, 12, 7))


def test_one_mark_per_figure_keeps_the_first_publisher_and_cites_both():
    from chinadigital.report.charts import one_mark_per_figure

    ds = load()
    f = ds.series("cloud_market_size", "CN")
    same = f[f["period"] == "2018"]
    assert len(same) == 2 and same["value"].nunique() == 1  # CAICT and a second publisher, one figure
    out = one_mark_per_figure(f)
    [kept] = out[out["period"] == "2018"].to_dict("records")
    assert kept["series"] != "other-publisher"
    assert kept["also_source_id"] == same.loc[same["series"] == "other-publisher", "source_id"].iloc[0]
