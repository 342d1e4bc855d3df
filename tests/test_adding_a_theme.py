"""README's "Adding a theme", followed in a temporary copy of the project: the new theme builds a report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import nbformat

from conftest import REPO

TOPIC = '''"""A throwaway theme: internet users, to prove the recipe."""
from .. import charts
from ..context import Finding


def users(rep):
    p = rep.params
    return charts.line(rep, rep.ds.series("internet_users", "CN", p["start_year"], p["end_year"]), title="Hello: users")


def findings(rep):
    return [Finding("hello", "Hello from a new theme.", {}, [])]
'''

ENTRY = '''
REGISTRY["hello"] = Theme("hello", ("lang", "start_year", "end_year"), {"en": "Hello theme", "ko": "안녕 주제"},
                          "chinadigital.report.topics.hello")
'''


def notebook() -> nbformat.NotebookNode:
    """A notebook in the house shape, as the README says: copy one and edit it."""
    nb = nbformat.read(REPO / "notebooks" / "cloud_scale.ipynb", as_version=4)
    nb.cells[0].source = 'lang = "en"  # en | ko\nstart_year = 2010  # a year the data covers\nend_year = 2020  # a year the data covers'
    nb.cells[1].source = ('import chinadigital as cd\nfrom chinadigital.report.topics import hello as topic\n\n'
                          'rep = cd.Report("hello", lang=lang, start_year=start_year, end_year=end_year)\nrep.header()')
    en, ko = nbformat.v4.new_markdown_cell("## Users"), nbformat.v4.new_markdown_cell("## 이용자")
    en.metadata["tags"], ko.metadata["tags"] = ["lang-en"], ["lang-ko"]
    nb.cells = nb.cells[:3] + [nbformat.v4.new_code_cell("rep.findings(topic.findings(rep))"), en, ko,
                               nbformat.v4.new_code_cell("topic.users(rep)"), nb.cells[-1]]
    return nb


def test_a_new_theme_from_the_readme_recipe_builds_its_report(tmp_path):
    for part in ("lib", "data", "notebooks"):
        shutil.copytree(REPO / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    pkg = tmp_path / "lib" / "chinadigital"
    # 1. a registry entry; 2. a topic module; 3. a notebook; 4. lines in reports.toml
    (pkg / "themes.py").write_text((pkg / "themes.py").read_text(encoding="utf-8") + ENTRY, encoding="utf-8")
    (pkg / "report" / "topics" / "hello.py").write_text(TOPIC, encoding="utf-8")
    nbformat.write(notebook(), tmp_path / "notebooks" / "hello.ipynb")
    (tmp_path / "reports.toml").write_text(
        '[[report]]\nslug = "hello-en"\nnotebook = "hello"\nparameters = { lang = "en" }\n\n'
        '[[report]]\nslug = "hello-ko"\nnotebook = "hello"\nparameters = { lang = "ko" }\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "lib")}
    env.pop("CHINADIGITAL_DATA", None)
    r = subprocess.run([sys.executable, "-m", "chinadigital", "build", "--reports-toml", str(tmp_path / "reports.toml"),
                        "--out", str(tmp_path / "out"), "-j", "1"], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    en = (tmp_path / "out" / "hello-en.html").read_text(encoding="utf-8")
    ko = (tmp_path / "out" / "hello-ko.html").read_text(encoding="utf-8")
    assert "<h1>Hello theme</h1>" in en and "<h1>안녕 주제</h1>" in ko
    assert "Hello from a new theme." in en and 'class="cd-chart"' in en
