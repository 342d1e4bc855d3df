"""The batch build, run as a user runs it: the CLI in a subprocess, real kernels, real files."""

from __future__ import annotations

import os
import re
import subprocess
import signal
import time
from pathlib import Path

import nbformat
import pytest

from buildkit import (REPO, add_cell_after_check, cli, cli_imports, log_lines, notebooks_copy, package_copy, popen,
                      state, write_toml, descendants, alive, gone)
from conftest import set_cell, find_index

CLOUD = {"slug": "cloud", "notebook": "cloud_scale", "parameters": {"lang": "en", "currency": "USD"}}
CLOUD_KO = {"slug": "cloud-ko", "notebook": "cloud_scale", "parameters": {"lang": "ko", "currency": "KRW"}}
HEAVY = {"pandas", "altair", "nbformat", "nbconvert", "papermill", "jupyter_client", "jsonschema"}
HANGZHOU_KO = {"slug": "hangzhou-ko", "notebook": "smart_cities", "parameters": {"lang": "ko", "city": "hangzhou"}}


def test_bad_plan_reports_every_problem_and_writes_nothing(tmp_path):
    toml = write_toml(tmp_path / "r.toml", [
        {"slug": "a", "notebook": "cloud_scale", "parameters": {"currency": "EUR"}},
        {"slug": "a", "notebook": "smart_cities", "parameters": {"city": "hangzhou"}},
        {"slug": "b", "notebook": "no_such_notebook"},
        {"slug": "c", "notebook": "mobile_payments", "parameters": {"colour": "red", "start_year": "2010"}},
        {"slug": "d", "notebook": "smart_cities", "parameters": {"city": "paris", "start_year": 2020, "end_year": 2010}},
    ])
    out = tmp_path / "out"
    r = cli("build", "--reports-toml", str(toml), "--out", str(out))
    assert r.returncode == 2, r.stderr
    err = r.stderr
    assert "currency = 'EUR' is not allowed; allowed: stated, CNY, USD, KRW" in err
    assert "duplicate slug 'a' (first used by report #1)" in err
    assert re.search(r"unknown notebook 'no_such_notebook'; known: [a-z_, ]*cloud_scale", err)
    assert "mobile_payments has no parameter 'colour'" in err
    assert "parameter start_year = '2010' is a str; the notebook expects a int" in err
    assert "city = 'paris' is not allowed" in err and "start_year = 2020 is after end_year = 2010" in err
    assert "nothing was built or written" in err
    assert not out.exists()


def test_malformed_toml_names_its_line(tmp_path):
    toml = tmp_path / "r.toml"
    toml.write_text('[[report]]\nslug = "a"\nnotebook = "cloud_scale\n', encoding="utf-8")
    r = cli("build", "--reports-toml", str(toml), "--out", str(tmp_path / "out"))
    assert r.returncode == 2
    assert re.search(r"malformed TOML: .*line 3", r.stderr), r.stderr
    assert not (tmp_path / "out").exists()


def test_failed_job_keeps_last_good_html_and_others_still_build(tmp_path):
    toml = write_toml(tmp_path / "r.toml", [CLOUD, HANGZHOU_KO])
    out = tmp_path / "out"
    first = cli("build", "--reports-toml", str(toml), "--out", str(out))
    assert first.returncode == 0, first.stderr
    good = (out / "cloud.html").read_bytes()

    nbs = notebooks_copy(tmp_path / "notebooks")
    add_cell_after_check(nbs / "cloud_scale.ipynb", 'raise RuntimeError("the fixture notebook breaks here")')
    r = cli("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs), "--force")
    assert r.returncode == 1
    assert "FAILED cloud" in r.stderr and "RuntimeError: the fixture notebook breaks here" in r.stderr
    assert (out / "cloud.html").read_bytes() == good  # last good HTML kept
    s = state(out)["reports"]
    assert s["cloud"]["status"] == "failed" and s["cloud"]["stale"] is True
    assert s["cloud"]["error"]["ename"] == "RuntimeError" and s["cloud"]["error"]["cell"] is not None
    assert s["hangzhou-ko"]["status"] == "ok"
    index = (out / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-slug="cloud".*?</tr>', index, re.S).group(0)
    assert "failed" in row and "stale" in row and "RuntimeError" in row and "the fixture notebook breaks here" in row
    assert f"cell {s['cloud']['error']['cell']}" in row
    assert (out / "executed" / "cloud.ipynb").exists()


def test_charts_the_data_cannot_fill_are_named_in_the_status(tmp_path):
    """A narrow window leaves some charts too little data: the report builds, and its status says which."""
    narrow = {"slug": "narrow", "notebook": "mobile_payments",
              "parameters": {"lang": "en", "currency": "CNY", "start_year": 2021, "end_year": 2022}}
    toml = write_toml(tmp_path / "r.toml", [narrow])
    out = tmp_path / "out"
    r = cli("build", "--reports-toml", str(toml), "--out", str(out))
    assert r.returncode == 0, r.stderr
    entry = state(out)["reports"]["narrow"]
    assert entry["status"] == "ok" and "People paying by mobile phone in China" in entry["notes"]
    row = re.search(r'<tr data-slug="narrow".*?</tr>', (out / "index.html").read_text(encoding="utf-8"), re.S).group(0)
    assert "not drawn" in row and "People paying by mobile phone in China" in row


def test_a_hanging_cell_hits_the_timeout(tmp_path):
    nbs = notebooks_copy(tmp_path / "notebooks")
    add_cell_after_check(nbs / "cloud_scale.ipynb", "import time\ntime.sleep(120)")
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    out = tmp_path / "out"
    t0 = time.time()
    r = cli("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs), "--timeout", "3")
    assert time.time() - t0 < 60
    assert r.returncode == 1
    err = state(out)["reports"]["cloud"]["error"]
    assert "Timeout" in err["ename"] or "timed out" in err["evalue"].lower()
    assert not (out / "cloud.html").exists()


def test_each_report_gets_a_fresh_kernel(tmp_path):
    """One worker, three reports of the same notebook: each runs in a kernel process of its own (the warm
    kernels are started ahead, never reused), with nothing left over from the report before and execution
    counts from 1; the build warms no kernel beyond the jobs' and leaves no kernel running."""
    nbs = notebooks_copy(tmp_path / "notebooks")
    add_cell_after_check(nbs / "cloud_scale.ipynb", 'import os\nprint("KERNEL", os.getpid(), "leftover" in globals())\n'
                                                    'leftover = 1')
    third = {"slug": "cloud-cny", "notebook": "cloud_scale", "parameters": {"lang": "en", "currency": "CNY"}}
    toml = write_toml(tmp_path / "r.toml", [CLOUD, CLOUD_KO, third])
    out = tmp_path / "out"
    r = cli("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs), "-j", "1")
    assert r.returncode == 0, r.stderr
    seen = {}
    for slug in ("cloud", "cloud-ko", "cloud-cny"):
        nb = nbformat.read(out / "executed" / f"{slug}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code[0].execution_count == 1
        text = "".join(o.get("text", "") for c in code for o in c.get("outputs", []) if o.get("name") == "stdout")
        pid, leftover = re.search(r"KERNEL (\d+) (True|False)", text).groups()
        assert leftover == "False", f"{slug} ran in a kernel another report had used"
        seen[slug] = int(pid)
    assert len(set(seen.values())) == 3, seen
    assert not [p for p in seen.values() if alive(p)], "a report's kernel outlived the build"
    assert all(0 < line["kernel_mb"] < 4096 for line in log_lines(out) if "kernel_mb" in line)


def test_cache_hits_and_selective_rebuilds(tmp_path, data_copy):
    # a copy of the package: the library's fingerprint must not move while others edit the working tree
    env = {"CHINADIGITAL_DATA": str(data_copy), "PYTHONPATH": str(package_copy(tmp_path / "pkg"))}
    nbs = notebooks_copy(tmp_path / "notebooks")
    toml = write_toml(tmp_path / "r.toml", [CLOUD, HANGZHOU_KO])
    out = tmp_path / "out"
    args = ["build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs)]
    assert cli(*args, env=env).returncode == 0
    runs = len(log_lines(out))
    assert runs == 2

    again = cli(*args, env=env)
    assert again.returncode == 0 and "nothing to do: 2 report(s) up to date" in again.stderr
    assert len(log_lines(out)) == runs  # no kernel ran

    # one notebook edited: only its report
    add_cell_after_check(nbs / "cloud_scale.ipynb", "x = 1  # an edit")
    r = cli(*args, env=env)
    assert "rebuild cloud: notebook changed" in r.stderr and "rebuild hangzhou-ko" not in r.stderr
    assert [x["slug"] for x in log_lines(out)[runs:]] == ["cloud"]
    runs = len(log_lines(out))

    # one parameter changed: only that report
    write_toml(toml, [CLOUD, {**HANGZHOU_KO, "parameters": {"lang": "ko", "city": "hangzhou", "start_year": 2010}}])
    r = cli(*args, env=env)
    assert "rebuild hangzhou-ko: parameters changed" in r.stderr and "rebuild cloud" not in r.stderr
    runs = len(log_lines(out))

    # a Korean twin added: it is built, and the English page rebuilt to link to it; nothing else
    write_toml(toml, [CLOUD, CLOUD_KO, {**HANGZHOU_KO, "parameters": {"lang": "ko", "city": "hangzhou", "start_year": 2010}}])
    r = cli(*args, env=env)
    assert "rebuild cloud: twins changed" in r.stderr and "rebuild cloud-ko: never built" in r.stderr, r.stderr
    assert "rebuild hangzhou-ko" not in r.stderr
    assert sorted(x["slug"] for x in log_lines(out)[runs:]) == ["cloud", "cloud-ko"]
    assert 'href="cloud-ko.html"' in (out / "cloud.html").read_text(encoding="utf-8")
    write_toml(toml, [CLOUD, {**HANGZHOU_KO, "parameters": {"lang": "ko", "city": "hangzhou", "start_year": 2010}}])
    r = cli(*args, env=env)
    assert "rebuild cloud: twins changed" in r.stderr  # the link to a report no longer built goes
    assert 'href="cloud-ko.html"' not in (out / "cloud.html").read_text(encoding="utf-8")
    runs = len(log_lines(out))

    # one data file changed: every report depends on the data
    i = find_index(data_copy, "observations.csv", indicator="servers")
    set_cell(data_copy, "observations.csv", i, "note", "edited note")
    r = cli(*args, "--explain", env=env)
    assert "rebuild cloud: data changed" in r.stderr and "rebuild hangzhou-ko: data changed" in r.stderr
    assert len(log_lines(out)) == runs + 2
    runs = len(log_lines(out))

    # a new address for the pages: each page says where it lives ("Cite this report"), so each is rebuilt
    r = cli(*args, "--base-url", "https://example.org/reports/", env=env)
    assert "rebuild cloud: location changed" in r.stderr and "rebuild hangzhou-ko: location changed" in r.stderr
    assert "https://example.org/reports/cloud.html" in (out / "cloud.html").read_text(encoding="utf-8")
    again = cli(*args, "--base-url", "https://example.org/reports/", env=env)
    assert "nothing to do: 2 report(s) up to date" in again.stderr
    runs = len(log_lines(out))

    forced = cli(*args, "--force", "--only", "hangzhou-ko", env=env)
    assert forced.returncode == 0 and [x["slug"] for x in log_lines(out)[runs:]] == ["hangzhou-ko"]


def test_nothing_to_do_imports_no_heavy_library_and_writes_nothing(tmp_path, data_copy):
    # copies of the data and the package: nothing may change under the test while others edit the working tree
    env = {"CHINADIGITAL_DATA": str(data_copy), "PYTHONPATH": str(package_copy(tmp_path / "pkg"))}
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    out = tmp_path / "out"
    args = ["build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(notebooks_copy(tmp_path / "nbs"))]
    assert cli(*args, env=env).returncode == 0
    written = {p.name: p.read_bytes() for p in (out / ".build-state.json", out / "index.html", out / "cloud.html")}

    r, modules = cli_imports(*args, "--explain", env=env)
    assert r.returncode == 0 and "nothing to do: 1 report(s) up to date" in r.stderr and "up to date: cloud" in r.stderr
    assert "chinadigital" in modules  # the import log was read
    assert not modules & HEAVY, f"a build with nothing to do imported {sorted(modules & HEAVY)}"
    assert {p.name: p.read_bytes() for p in (out / ".build-state.json", out / "index.html", out / "cloud.html")} == written

    # the same decision from a state and outputs it did not write: a missing output is rebuilt, and only that
    (out / "index.html").unlink()
    r, modules = cli_imports(*args, env=env)
    assert r.returncode == 0 and "nothing to do" in r.stderr and (out / "index.html").exists()
    assert len(log_lines(out)) == 1


def test_an_invalid_plan_stops_the_build_even_when_the_rest_is_up_to_date(tmp_path):
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    out = tmp_path / "out"
    args = ["build", "--reports-toml", str(toml), "--out", str(out)]
    assert cli(*args).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".build.lock"}

    # a new report whose value only the data can refuse (a city without data), beside an up-to-date one
    write_toml(toml, [CLOUD, {**HANGZHOU_KO, "slug": "paris", "parameters": {"lang": "en", "city": "paris"}}])
    r = cli(*args)
    assert r.returncode == 2, r.stderr
    assert "report #2 (paris): smart_cities: city = 'paris' is not allowed" in r.stderr
    assert "nothing was built or written" in r.stderr
    # a changed parameter of a report that was built: checked again, refused
    write_toml(toml, [{**CLOUD, "parameters": {"lang": "en", "currency": "EUR"}}])
    r = cli(*args)
    assert r.returncode == 2 and "currency = 'EUR' is not allowed" in r.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".build.lock"} == before
    assert len(log_lines(out)) == 1
    # --only looks at what it selects and nothing else (issue 25): the others' values are checked when they run
    write_toml(toml, [CLOUD, {**HANGZHOU_KO, "slug": "paris", "parameters": {"lang": "en", "city": "paris"}}])
    r = cli(*args, "--only", "cloud")
    assert r.returncode == 0 and "nothing to do: 1 report(s) up to date" in r.stderr, r.stderr
    assert len(log_lines(out)) == 1


def test_library_template_and_version_changes_rebuild_every_report(tmp_path, data_copy):
    """The inputs every report shares: each change rebuilds all of them, once, and says why."""
    pkg = package_copy(tmp_path / "pkg")
    env = {"PYTHONPATH": str(pkg), "CHINADIGITAL_DATA": str(data_copy)}
    toml = write_toml(tmp_path / "r.toml", [CLOUD, CLOUD_KO])
    out = tmp_path / "out"
    args = ["build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(REPO / "notebooks")]
    first = cli(*args, env=env)
    assert first.returncode == 0, first.stderr
    assert len(log_lines(out)) == 2

    def rebuilt_because(reason: str) -> None:
        runs = len(log_lines(out))
        r = cli(*args, env=env)
        assert r.returncode == 0, r.stderr
        assert f"rebuild cloud: {reason}" in r.stderr and f"rebuild cloud-ko: {reason}" in r.stderr, r.stderr
        assert sorted(x["slug"] for x in log_lines(out)[runs:]) == ["cloud", "cloud-ko"]
        again = cli(*args, env=env)
        assert "nothing to do: 2 report(s) up to date" in again.stderr, again.stderr

    with open(pkg / "chinadigital" / "dataset" / "units.py", "a", encoding="utf-8") as fh:
        fh.write("\n# an edit to the library\n")
    rebuilt_because("library changed")

    with open(pkg / "chinadigital" / "batch" / "templates" / "chinadigital" / "index.html.j2", "a", encoding="utf-8") as fh:
        fh.write("\n{# an edit to the template #}\n")
    rebuilt_because("template changed")

    # another version of a pinned package (here the suite itself: a dist-info ahead of the installed one)
    info = pkg / "chinadigital-99.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: chinadigital\nVersion: 99.0\n", encoding="utf-8")
    rebuilt_because("versions changed")

    # the data's prose is not data
    with open(data_copy / "README.md", "a", encoding="utf-8") as fh:
        fh.write("\nAn edit to the prose.\n")
    assert "nothing to do" in cli(*args, env=env).stderr


def _wait_for_lock_holder(out: Path, timeout=30):
    lock = out / ".build.lock"
    t0 = time.time()
    while time.time() - t0 < timeout:
        if lock.exists() and lock.read_text().startswith("pid"):
            return
        time.sleep(0.1)
    raise AssertionError("the first build never took the lock")


def test_two_builds_at_once_do_not_corrupt_the_output(tmp_path):
    # the first build's report takes a few seconds more than usual, so the two others surely start while it
    # holds the lock (a one-report build can otherwise finish before they do)
    nbs = notebooks_copy(tmp_path / "notebooks")
    add_cell_after_check(nbs / "cloud_scale.ipynb", "import time\ntime.sleep(6)")
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    out = tmp_path / "out"
    args = ("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs))
    first = popen(*args)
    waiter = None
    try:
        _wait_for_lock_holder(out)
        refused = cli(*args, "--no-wait")
        assert refused.returncode == 3
        assert "another build is writing" in refused.stderr and "try again" in refused.stderr
        waiter = popen(*args)
        assert first.wait(timeout=300) == 0
        w_out, w_err = waiter.communicate(timeout=300)
        assert waiter.returncode == 0
        assert "waiting: another build holds" in w_err
        assert "nothing to do" in w_err  # it saw the finished work, not a half-written one
    finally:
        for p in (first, waiter):
            if p is not None and p.poll() is None:
                p.kill()
    html = (out / "cloud.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")


def test_an_interrupted_build_leaves_no_half_file_and_no_blocking_lock(tmp_path):
    # both reports sleep in a cell, so the interrupt surely lands while they run
    nbs = notebooks_copy(tmp_path / "notebooks")
    for name in ("cloud_scale", "smart_cities"):
        add_cell_after_check(nbs / f"{name}.ipynb", "import time\ntime.sleep(30)")
    toml = write_toml(tmp_path / "r.toml", [CLOUD, HANGZHOU_KO])
    out = tmp_path / "out"
    proc = popen("build", "--reports-toml", str(toml), "--out", str(out), "-j", "2", "--notebooks", str(nbs))
    try:
        _wait_for_lock_holder(out)
        time.sleep(2.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    leftovers = [p.name for p in out.rglob("*") if ".tmp-" in p.name]
    assert leftovers == []
    for html in out.glob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
    again = cli("build", "--reports-toml", str(toml), "--out", str(out), "--no-wait")
    assert again.returncode == 0, again.stderr


def test_a_killed_build_leaves_nothing_that_blocks_the_next(tmp_path):
    nbs = notebooks_copy(tmp_path / "notebooks")
    add_cell_after_check(nbs / "cloud_scale.ipynb", "import time\ntime.sleep(30)")  # still running when killed
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    out = tmp_path / "out"
    proc = popen("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs))
    _wait_for_lock_holder(out)
    (out / ".cloud.html.tmp-999999").write_text("half")  # what a kill -9 mid-write would leave
    time.sleep(1.5)
    family = descendants(proc.pid)
    assert family, "the build should have started a worker"
    proc.kill()
    proc.wait(timeout=30)
    gone(family, timeout=15)
    assert not [p for p in family if alive(p)], "workers or kernels outlived the killed build"
    r = cli("build", "--reports-toml", str(toml), "--out", str(out), "--no-wait")
    assert r.returncode == 0, r.stderr
    assert "removed a temporary file" in r.stderr
    assert not list(out.glob(".*.tmp-*"))




def test_list_shows_every_report_and_its_status(tmp_path):
    toml = write_toml(tmp_path / "r.toml", [CLOUD, HANGZHOU_KO])
    r = cli("list", "--reports-toml", str(toml), "--out", str(tmp_path / "none"))
    assert r.returncode == 0
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("cloud") and "not built" in lines[0]


def test_default_batch_covers_every_theme_in_both_languages_and_every_city():
    from chinadigital import load
    from chinadigital.report.params import NOTEBOOK_PARAMS, smart_cities_with_data
    from chinadigital.batch.plan import load as load_plan
    from conftest import REPO

    ds = load()
    reports = load_plan(REPO / "reports.toml", ds)
    pairs = {(r.notebook, r.lang) for r in reports}
    assert {(n, lang) for n in NOTEBOOK_PARAMS for lang in ("en", "ko")} <= pairs
    cities = {r.params["city"] for r in reports if r.notebook == "smart_cities"}
    assert cities == set(smart_cities_with_data(ds))


def test_pages_dropped_from_the_batch_are_named_and_removed_only_on_prune(tmp_path):
    out = tmp_path / "out"
    both = write_toml(tmp_path / "both.toml", [CLOUD, CLOUD_KO])
    assert cli("build", "--reports-toml", str(both), "--out", str(out)).returncode == 0
    (out / "mine.html").write_text("a page this tool never built", encoding="utf-8")
    one = write_toml(tmp_path / "one.toml", [CLOUD])

    kept = cli("build", "--reports-toml", str(one), "--out", str(out))
    assert kept.returncode == 0 and "rebuild cloud: twins changed" in kept.stderr  # its language link is gone
    assert "not in one.toml (kept; `chinadigital build --prune` removes them): cloud-ko.html" in kept.stderr
    assert (out / "cloud-ko.html").exists() and "cloud-ko" in state(out)["reports"]

    pruned = cli("build", "--reports-toml", str(one), "--out", str(out), "--prune")
    assert pruned.returncode == 0 and "removed cloud-ko.html: not in one.toml" in pruned.stderr
    assert not (out / "cloud-ko.html").exists() and not (out / "executed" / "cloud-ko.ipynb").exists()
    assert list(state(out)["reports"]) == ["cloud"]
    assert (out / "cloud.html").exists() and (out / "mine.html").exists()  # only pages it built, only those dropped
    again = cli("build", "--reports-toml", str(one), "--out", str(out))
    assert "nothing to do" in again.stderr and "not in one.toml" not in again.stderr


# -- failures named, nothing lost (issue 25) ------------------------------------------------------

class _Instant:
    """An executor that 'runs' a job at once, without a kernel: a page naming its slug and a build counter."""

    runs = 0

    def __init__(self, *args, **kwargs):
        pass

    def submit(self, fn, job):
        from concurrent.futures import Future

        from chinadigital.batch.jobs import JobResult

        _Instant.runs += 1
        fut = Future()
        fut.set_result(JobResult(job.slug, True, html=f"<html>{job.slug} run {_Instant.runs}</html>", executed="{}",
                                 built_at="2026-01-01 00:00 UTC", timings={"total": 0.0}))
        return fut

    def shutdown(self, wait=True, cancel_futures=False):
        pass


def _cli_in_process(monkeypatch, capsys, *args) -> tuple[int, str]:
    """The CLI in this process, its jobs run by _Instant (the output side is what is tested)."""
    from chinadigital import cli as cli_mod
    from chinadigital.batch import build as build_mod

    monkeypatch.setattr(build_mod, "default_executor", _Instant)
    rc = cli_mod.main(["build", *args])
    return rc, capsys.readouterr().err


def _one_clear_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.startswith("chinadigital:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_out_under_a_regular_file_is_one_line_and_status_2(tmp_path):
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    (tmp_path / "afile").write_text("not a folder")
    for out, said in ((tmp_path / "afile" / "sub", "is a file"), (tmp_path / "afile", "is a file, not a folder")):
        r = cli("build", "--reports-toml", str(toml), "--out", str(out))
        assert r.returncode == 2, r.stderr
        assert said in _one_clear_line(r.stderr)
    assert (tmp_path / "afile").read_text() == "not a folder"


def test_an_unwritable_folder_is_one_line_and_status_2(tmp_path, monkeypatch, capsys):
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    out = tmp_path / "out"
    out.mkdir()
    (out / "cloud.html").write_text("<html>last good</html>")
    real_open = open

    def refusing_open(file, mode="r", *a, **kw):  # as a folder without write permission answers (even root)
        if str(file).startswith(str(out)) and any(m in mode for m in "wax"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *a, **kw)

    monkeypatch.setattr("builtins.open", refusing_open)
    rc, err = _cli_in_process(monkeypatch, capsys, "--reports-toml", str(toml), "--out", str(out), "--force")
    monkeypatch.undo()
    assert rc == 2
    assert "permission denied" in _one_clear_line(err)
    assert (out / "cloud.html").read_text() == "<html>last good</html>"
    assert [p.name for p in out.iterdir()] == ["cloud.html"]
    if os.geteuid() != 0:  # a real read-only folder, where permissions bind
        os.chmod(out, 0o555)
        try:
            r = cli("build", "--reports-toml", str(toml), "--out", str(out / "sub"))
            assert r.returncode == 2 and "permission denied" in _one_clear_line(r.stderr)
        finally:
            os.chmod(out, 0o755)


def test_a_full_disk_mid_build_is_one_line_status_2_last_good_pages_kept(tmp_path, monkeypatch, capsys):
    """ENOSPC injected where the disk reports it (the write's fsync) for the second page of a rebuild."""
    toml = write_toml(tmp_path / "r.toml", [CLOUD, HANGZHOU_KO])
    out = tmp_path / "out"
    rc, _ = _cli_in_process(monkeypatch, capsys, "--reports-toml", str(toml), "--out", str(out), "-j", "1")
    assert rc == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.html")}
    from chinadigital.batch import outputs

    real_fsync = os.fsync

    def full_disk(fd):
        if "hangzhou-ko.html" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(outputs.os, "fsync", full_disk)
    rc, err = _cli_in_process(monkeypatch, capsys, "--reports-toml", str(toml), "--out", str(out), "-j", "1", "--force")
    monkeypatch.undo()
    assert rc == 2
    line = _one_clear_line(err)
    assert "the disk is full" in line and "hangzhou-ko.html" in line, line
    assert (out / "hangzhou-ko.html").read_bytes() == before["hangzhou-ko.html"]  # the last good page
    assert not [p.name for p in out.rglob("*") if ".tmp-" in p.name]
    assert state(out)["reports"]["hangzhou-ko"]["status"] == "ok"  # the state still describes the page on disk


def _small_disk(path: Path, size: str) -> bool:
    path.mkdir()
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_a_really_full_disk_during_a_real_build(tmp_path):
    """The same on a small file system filled up (tmpfs; needs root to mount, else skipped)."""
    disk = tmp_path / "disk"
    if not _small_disk(disk, "4m"):
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        toml = write_toml(tmp_path / "r.toml", [CLOUD])
        out = disk / "out"
        first = cli("build", "--reports-toml", str(toml), "--out", str(out))
        assert first.returncode == 0, first.stderr
        good = (out / "cloud.html").read_bytes()
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"\0" * max(0, free - 64 * 1024))  # leave 64 KB: less than a page
        r = cli("build", "--reports-toml", str(toml), "--out", str(out), "--force")
        assert r.returncode == 2, r.stderr
        assert "the disk is full" in _one_clear_line(r.stderr)
        assert (out / "cloud.html").read_bytes() == good
        assert not [p.name for p in out.rglob("*") if ".tmp-" in p.name]
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_only_repeated_or_listed_checks_and_counts_only_what_it_selects(tmp_path, monkeypatch, capsys):
    bad_city = {"slug": "nowhere", "notebook": "smart_cities", "parameters": {"lang": "en", "city": "paris"}}
    toml = write_toml(tmp_path / "r.toml", [CLOUD, CLOUD_KO, HANGZHOU_KO, bad_city])
    out = tmp_path / "out"
    # a report --only leaves out is not checked against the data (paris has none) and not built
    rc, err = _cli_in_process(monkeypatch, capsys, "--reports-toml", str(toml), "--out", str(out),
                              "--only", "cloud", "--only", "hangzhou-ko")
    assert rc == 0, err
    assert "building 2 of 2 report(s)" in err
    reports = sorted(p.name for p in out.glob("*.html") if not p.name.startswith("catalogue"))
    assert reports == ["cloud.html", "hangzhou-ko.html", "index.html"]
    rc, err = _cli_in_process(monkeypatch, capsys, "--reports-toml", str(toml), "--out", str(out),
                              "--only", "cloud", "hangzhou-ko")
    assert rc == 0 and "nothing to do: 2 report(s) up to date" in err, err
    rc, err = _cli_in_process(monkeypatch, capsys, "--reports-toml", str(toml), "--out", str(out),
                              "--only", "cloud", "--only", "cloud-ko")
    assert rc == 0 and "building 1 of 2 report(s)" in err, err
    # without --only, the whole batch is checked: paris is named
    rc, err = _cli_in_process(monkeypatch, capsys, "--reports-toml", str(toml), "--out", str(out))
    assert rc == 2 and "city = 'paris' is not allowed" in err
