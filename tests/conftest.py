"""Shared fixtures: a scratch copy of the real dataset that a test may break, and one default build of every
report that the page-reading tests only read (one build per session, not one per module)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """`chinadigital build` with its defaults, as `make reports` runs it. Tests read it; none may write to it."""
    from buildkit import cli

    out = tmp_path_factory.mktemp("reports")
    r = cli("build", "--out", str(out), timeout=1200)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def set_cell(folder: Path, file: str, index: int, field: str, value: str) -> int:
    """Change one cell of data row `index` (0-based); return the line an editor shows for that row.

    Only valid for files without quoted newlines, which the committed data has none of."""
    header, rows = read_rows(folder / file)
    rows[index][field] = value
    write_rows(folder / file, header, rows)
    return index + 2


def append_row(folder: Path, file: str, row: dict) -> int:
    header, rows = read_rows(folder / file)
    rows.append({h: row.get(h, "") for h in header})
    write_rows(folder / file, header, rows)
    return len(rows) + 1


def find_index(folder: Path, file: str, **match: str) -> int:
    _, rows = read_rows(folder / file)
    for i, r in enumerate(rows):
        if all(r[k] == v for k, v in match.items()):
            return i
    raise LookupError(f"no row in {file} matching {match}")


# Lanes: `make test` runs everything (CI); `make test-fast` leaves out what starts a browser, a kernel or
# a cluster. A test file is marked by what it starts, so a new test lands in the right lane by its file.
LANES = {
    "browser": {"test_browser.py", "test_reader_view.py", "test_reader_experience.py", "test_money_switch.py"},
    "kernel": {"test_notebooks.py", "test_build.py", "test_export.py", "test_workbench.py", "test_adding_a_theme.py",
               "test_korean_pages.py", "test_prose_kernel.py", "test_batch_pages.py"},
    "cluster": {"test_cluster.py"},
}


def pytest_configure(config):
    for lane in LANES:
        config.addinivalue_line("markers", f"{lane}: starts a real {lane}; left out of `make test-fast`")


def pytest_collection_modifyitems(config, items):
    for item in items:
        name = Path(str(item.fspath)).name
        for lane, files in LANES.items():
            if name in files:
                item.add_marker(getattr(pytest.mark, lane))
