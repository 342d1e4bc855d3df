"""A prose check that fails stops the notebook in a real kernel (papermill), naming the cell and the claim."""

from __future__ import annotations

import papermill as pm
import pytest

from conftest import REPO, find_index, set_cell


def test_a_refuted_prose_claim_stops_the_notebook_with_its_cell_named(data_copy, tmp_path, monkeypatch):
    # the prose says Shanghai's figure is of 2015; move it to 2016 in a copy of the data
    i = find_index(data_copy, "observations.csv", indicator="gov_services_by_phone", entity="shanghai")
    set_cell(data_copy, "observations.csv", i, "period", "2016")
    monkeypatch.setenv("CHINADIGITAL_DATA", str(data_copy))
    with pytest.raises(pm.PapermillExecutionError) as err:
        pm.execute_notebook(str(REPO / "notebooks" / "smart_cities.ipynb"), str(tmp_path / "out.ipynb"),
                            parameters={"lang": "en"}, progress_bar=False, kernel_name="python3")
    msg = str(err.value)
    assert "ProseCheckFailed" in msg and "services_years" in msg and "smart_cities.ipynb" in msg
    assert "cell" in msg.lower() or err.value.cell_index >= 0
