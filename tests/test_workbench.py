"""The notebooks as an analyst's workbench, in a real kernel: the guided tour runs, and charts can be extended."""

from __future__ import annotations

import nbformat
import papermill as pm
import pytest

from conftest import REPO

VEGA = "application/vnd.vegalite.v5+json"


def run(nb_path, out, **params):
    pm.execute_notebook(str(nb_path), str(out), parameters=params, progress_bar=False, kernel_name="python3",
                        cwd=str(out.parent))
    return nbformat.read(out, as_version=4)


def outputs(nb, mime):
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if "data" in o and mime in o["data"]]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_guided_tour_runs_and_draws_its_chart(tmp_path, lang):
    nb = run(REPO / "notebooks" / "explore.ipynb", tmp_path / "explore.ipynb", lang=lang)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    [spec] = outputs(nb, VEGA)
    assert spec["width"] == 700 and len(spec["layer"]) == 2  # the house chart plus the analyst's own layer
    assert any("src-1" in o["data"].get("text/html", "") for c in nb.cells for o in c.get("outputs", []) if "data" in o)


def test_a_topic_chart_can_be_resized_layered_and_concatenated_in_a_cell(tmp_path):
    src = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(
            'import altair as alt\nimport chinadigital as cd\nfrom chinadigital.report.topics import mobile_payments as topic\n'
            'rep = cd.Report("mobile_payments", lang="en", start_year=2008, end_year=2025, currency="USD")'),
        nbformat.v4.new_code_cell("topic.users(rep).properties(width=800)"),
        nbformat.v4.new_code_cell(
            'mine = alt.Chart(alt.Data(values=[{"date": "2016-07-01"}])).mark_rule(color="red").encode(x="date:T")\n'
            "alt.layer(topic.users(rep), mine)"),
        nbformat.v4.new_code_cell("topic.users(rep) | topic.weixin(rep)"),
        nbformat.v4.new_code_cell('topic.users(rep).encode(color=alt.value("black"))'),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    path = tmp_path / "mine.ipynb"
    nbformat.write(src, path)
    nb = run(path, tmp_path / "mine-out.ipynb")
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    wide, layered, side_by_side, recoloured = outputs(nb, VEGA)
    assert wide["width"] == 800
    assert len(layered["layer"]) == 2 and layered["layer"][1]["mark"]["color"] == "red"
    assert len(side_by_side["hconcat"]) == 2
    assert recoloured["encoding"]["color"] == {"value": "black"}
