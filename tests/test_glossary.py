"""One Korean form per entity and term (issue 14): the [glossary] of locales/ko.toml, and the data, catalogues
and Korean notebook prose held to it. The built pages are scanned by tests/test_korean_pages.py."""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

import nbformat
import pytest

from chinadigital.dataset.korean import FIRST_MENTIONS, GLOSSARY_VARIANTS, glossary_problems
from chinadigital.report.i18n import CATALOGUES, catalogue

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
HAN = re.compile(r"[\u3400-\u9fff]")
NESTED = re.compile(r"\([^()]*\([^()]*\)[^()]*\)")


def _glossary(lang: str) -> dict[str, str]:
    return tomllib.loads((CATALOGUES / f"{lang}.toml").read_text(encoding="utf-8"))["glossary"]


def _rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _korean_prose() -> dict[str, str]:
    out = {}
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if "lang-ko" in cell.get("metadata", {}).get("tags", []):
                out[f"{path.name}#{cell.get('id')}"] = cell.source
    return out


def _korean_texts() -> dict[str, str]:
    """Every Korean string this project writes by hand: data names and titles, the catalogue, notebook prose."""
    texts = {f"entities.csv {r['entity']}": r["name_ko"] for r in _rows("entities.csv")}
    texts |= {f"events.csv {r['event_id']}": r["title_ko"] for r in _rows("events.csv")}
    texts |= {f"indicators.csv {r['indicator']}": r["name_ko"] for r in _rows("indicators.csv")}
    texts |= {f"ko.toml {k}": v for k, v in catalogue("ko").items() if not k.startswith("glossary.")}
    texts |= _korean_prose()
    return texts


def test_the_glossary_names_every_form_the_checks_ask_for():
    ko = set(_glossary("ko").values())
    assert set(GLOSSARY_VARIANTS.values()) - ko == set()
    assert set(FIRST_MENTIONS) - ko == set() and set(FIRST_MENTIONS.values()) - ko == set()


def test_both_catalogues_hold_the_same_glossary_terms():
    assert set(_glossary("en")) == set(_glossary("ko"))


def test_no_korean_text_uses_a_variant():
    found = {where: p for where, text in _korean_texts().items() if (p := glossary_problems([text], first_mentions=False))}
    assert found == {}


def test_no_nested_parentheses_and_no_chinese_in_data_titles():
    """A Chinese form reaches a page only through Report.name (once, at the first mention)."""
    marker = re.compile(r"\(\([^()]*\)\)")  # a particle marker such as ((이/가)) is not an aside
    firsts = [v for k, v in _glossary("ko").items() if k.endswith("_first") and HAN.search(v)]

    def without_firsts(text):  # a glossary first mention carries its traditional characters (issue 23)
        for f in firsts:
            text = text.replace(f, "")
        return text

    bad = {where: text for where, text in _korean_texts().items()
           if NESTED.search(marker.sub("", text)) or (not where.startswith("entities.csv") and HAN.search(without_firsts(text)))}
    assert bad == {}


@pytest.mark.parametrize("notebook, first", [
    ("mobile_payments", ("위챗(웨이신)", "중국인터넷네트워크정보센터(CNNIC)")),
    ("policy_timeline", ("위챗(웨이신)", "중국인터넷네트워크정보센터(CNNIC)")),
])
def test_a_report_introduces_its_terms_in_its_opening_prose(notebook, first):
    """The opening prose comes before the questions, findings and charts, so the written-out form is the first
    mention on the page; later cells use the short form."""
    cells = [text for where, text in _korean_prose().items() if where.startswith(f"{notebook}.ipynb#")]
    for term in first:
        assert term in cells[0], (notebook, term)
        assert all(term not in c for c in cells[1:]), (notebook, term)


def test_non_chinese_actors_are_not_called_overseas():
    assert catalogue("ko")["ui.actor_foreign"] == _glossary("ko")["non_chinese"] == "중국 외"
