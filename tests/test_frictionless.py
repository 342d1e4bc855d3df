"""The standard Frictionless validator agrees with the library on the committed data and on breakage."""

from __future__ import annotations

import pytest
from frictionless import Package

from chinadigital.dataset.validate import validate
from conftest import DATA, set_cell


def frictionless_errors(folder):
    report = Package(str(folder / "datapackage.json")).validate()
    return report.valid, [e.type for task in report.tasks for e in task.errors]


def test_committed_package_passes_frictionless():
    valid, errors = frictionless_errors(DATA)
    assert valid, errors


@pytest.mark.parametrize(
    "file, field, bad, fl_error",
    [
        ("observations.csv", "value", "many", "type-error"),
        ("observations.csv", "source_id", "no-such-source", "foreign-key"),
        ("observations.csv", "statement", "rumour", "constraint-error"),
        ("events.csv", "theme", "sports", "constraint-error"),
        ("fx.csv", "year", "twenty", "type-error"),
    ],
)
def test_both_validators_reject_the_same_breakage(data_copy, file, field, bad, fl_error):
    set_cell(data_copy, file, 0, field, bad)
    valid, errors = frictionless_errors(data_copy)
    assert not valid and fl_error in errors
    _, ours = validate(data_copy)
    assert any(p.file == file and p.field == field for p in ours)
