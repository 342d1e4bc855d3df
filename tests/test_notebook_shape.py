"""Every committed notebook keeps the house shape, and a broken one is told which cell breaks it."""

from __future__ import annotations

import copy

import nbformat
import pytest

from chinadigital.report.notebook_shape import shape_problems
from conftest import REPO

NOTEBOOKS = ["policy_timeline", "mobile_payments", "smart_cities", "cloud_scale", "city_comparison"]


def read(name):
    return nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebooks_keep_the_house_shape(name):
    assert shape_problems(read(name), name) == []


def test_the_guide_cell_explains_tags_and_adding_a_chart_in_both_languages():
    guide = read("cloud_scale").cells[2].source
    assert "lang-en" in guide and "차트를 추가하려면" in guide and "topic.users(rep)" in guide


@pytest.mark.parametrize("breakage, words", [
    (lambda nb: nb.cells[5].outputs.append(nbformat.v4.new_output("stream", text="x")), "cell 5 (code): commit notebooks without outputs"),
    (lambda nb: setattr(nb.cells[0], "source", "lang = 'en'"), "cell 0 (code): each parameter line"),
    (lambda nb: nb.cells[2].metadata.update(tags=[]), "cell 2 (markdown): the third cell is the markdown guide"),
    (lambda nb: nb.cells.pop(3), "cell 3 (markdown): Korean prose follows its English version"),
    (lambda nb: nb.cells.pop(4), "cell 3 (markdown): English prose is followed by its Korean version"),
    (lambda nb: nb.cells.insert(6, nbformat.v4.new_code_cell("x = topic.patents(rep)\nx")), "a chart cell holds one call"),
    (lambda nb: nb.cells.pop(), "the last cell is code tagged 'sources'"),
])
def test_a_broken_notebook_is_told_which_cell_breaks_it(breakage, words):
    nb = copy.deepcopy(read("cloud_scale"))
    breakage(nb)
    problems = shape_problems(nb, "cloud_scale")
    assert any(words in p for p in problems), problems
