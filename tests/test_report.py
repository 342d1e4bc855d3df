import nbformat
import pytest

from chinadigital import load
from chinadigital.report.citations import Citations
from chinadigital.report.context import cells_to_keep


def test_cells_to_keep_follow_the_language_tags():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("English", metadata={"tags": ["lang-en"]}),
        nbformat.v4.new_markdown_cell("한국어", metadata={"tags": ["lang-ko"]}),
        nbformat.v4.new_markdown_cell("both"),
        nbformat.v4.new_code_cell("x"),
    ])
    assert cells_to_keep(nb, "en") == [0, 1, 3, 4]
    assert cells_to_keep(nb, "ko") == [0, 2, 3, 4]


def test_citations_number_in_first_use_order_and_escape_data(tmp_path):
    ds = load()
    c = Citations(ds)
    first, second = ds.sources["source_id"].iloc[3], ds.sources["source_id"].iloc[1]
    assert c.cite([first, second, first]) == [1, 2]
    assert c.cite([f"{second};{first}"]) == [2, 1]
    html = c.html("en")
    assert html.index('id="src-1"') < html.index('id="src-2"')


def test_sources_html_escapes_markup_from_the_data(data_copy):
    from conftest import set_cell

    set_cell(data_copy, "sources.csv", 0, "title", "<img src=x onerror=alert(1)>")
    ds = load(data_copy)
    c = Citations(ds)
    c.cite([ds.sources["source_id"].iloc[0]])
    html = c.html("ko")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_unknown_source_is_refused_by_name():
    c = Citations(load())
    with pytest.raises(Exception, match="no-such-source"):
        c.cite(["no-such-source"])


def test_tables_show_every_row_escaped():
    import pandas as pd

    from chinadigital.report.charts import as_table

    frame = pd.DataFrame({"title": [f"row {i}" for i in range(99)] + ["<b>bold</b>"]})
    html = as_table(frame)._repr_html_()
    assert html.count("<tr") == 101  # header + 100 rows, none elided
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html


def test_a_finding_built_on_claims_or_unattributed_figures_says_so():
    from chinadigital.report.context import caveat

    official = {"statement": "official-statistic"}
    claim = {"statement": "promotional-claim"}
    press = {"statement": "press-figure"}
    assert caveat("en", [official, {"statement": "company-report"}]) == ""
    assert caveat("en", [claim]) == " The source is a promotional release that states no method or baseline."
    assert caveat("en", [claim, claim]) == caveat("en", [claim])
    assert caveat("en", [official, claim]).startswith(" One of these figures comes from a promotional release")
    assert caveat("en", [official, claim, claim]).startswith(" 2 of these figures come from")
    both = caveat("ko", [claim, press, official])
    assert "이 가운데 한 건은" in both and "홍보 자료" in both and "언론 보도" in both
    assert caveat("en", [{"statement": float("nan")}]) == ""  # a derived row without a kind adds nothing


def test_a_caveat_agrees_in_number_with_its_figures():
    from chinadigital.report.context import caveat

    press = {"statement": "press-figure"}
    assert caveat("en", [press]).endswith("this figure.")
    assert caveat("en", [press, press]).endswith("these figures.")
    assert "이 수치들을" in caveat("ko", [press, press])
