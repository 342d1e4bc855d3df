"""Kernels forked from a worker's clean template (batch/forkkernel.py): each report's kernel is a process of
its own that never ran another report's code, it is a real Jupyter kernel, and nothing outlives its owner."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from buildkit import add_cell_after_check, alive, cli, descendants, gone, log_lines, notebooks_copy, popen, write_toml

pytestmark = pytest.mark.kernel

CLOUD = {"slug": "cloud", "notebook": "cloud_scale", "parameters": {"lang": "en", "currency": "USD"}}
CLOUD_KO = {"slug": "cloud-ko", "notebook": "cloud_scale", "parameters": {"lang": "ko", "currency": "KRW"}}
CLOUD_CNY = {"slug": "cloud-cny", "notebook": "cloud_scale", "parameters": {"lang": "en", "currency": "CNY"}}


def _ppid(pid: int) -> int:
    return int((Path("/proc") / str(pid) / "status").read_text().split("PPid:")[1].split()[0])


def _run(km, code: str) -> str:
    """Execute `code` in the kernel over the Jupyter protocol; its stdout."""
    kc = km.blocking_client()
    kc.start_channels()
    out = []
    try:
        kc.wait_for_ready(timeout=30)
        reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: out.append(
            m["content"].get("text", "") if m["msg_type"] == "stream" else ""))
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        kc.stop_channels()
    return "".join(out)


# What a report could leave behind in a kernel: a variable, a module of its own, library state, random state.
DIRTY = """
import sys, random, json
sys.path.insert(0, {folder!r})
import report_private_module
leftover = 42
import altair as alt
alt.theme.enable("dark")  # the house theme, registered at import, is "chinadigital"
import numpy as np
np.random.seed(1234); random.seed(1234)
import pandas as pd
pd.set_option("display.max_rows", 3)
print(json.dumps({{"pid": __import__("os").getpid()}}))
"""

PROBE = """
import sys, os, random, json
import altair as alt, numpy as np, pandas as pd
np.random.seed(1234); seeded = np.random.random()
np.random.seed(None)
print(json.dumps({
    "pid": os.getpid(), "ppid": os.getppid(),
    "leftover": "leftover" in globals(),
    "module": "report_private_module" in sys.modules,
    "path": any("private" in p for p in sys.path),
    "theme": alt.theme.active,
    "max_rows": pd.get_option("display.max_rows"),
    "random": random.random(),
    "npglobal": float(np.random.random()),
    "threads": len(os.listdir("/proc/self/task")),
}))
"""


@pytest.fixture
def pool(tmp_path):
    from chinadigital.batch.kernels import KernelPool

    p = KernelPool(fork=True)
    yield p
    p.close(wait=5)


def test_the_template_is_clean_and_single_threaded(pool):
    """Imports done (the kernel machinery, pandas, Altair, the suite), nothing of a report, one thread."""
    km = pool.take("")
    try:
        assert km.forked
        ping = pool.template.request({"op": "ping"})
        assert ping["unsafe"] == []
        assert _ppid(km.provisioner.pid) == ping["pid"] == pool.template.pid
        out = json.loads(_run(km, "import sys, json; print(json.dumps([m in sys.modules for m in ('pandas', 'altair', "
                                  "'chinadigital.report.topics.cloud_scale')]))"))
        assert out == [True, True, True]  # imported before the kernel was forked, by the template
    finally:
        km.shutdown_kernel(now=True)


def test_a_forked_kernel_sees_nothing_of_the_report_before(pool, tmp_path):
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "report_private_module.py").write_text("VALUE = 1\n")
    first = pool.take("")
    dirty = json.loads(_run(first, DIRTY.format(folder=str(tmp_path / "private"))))
    first.shutdown_kernel(now=True)
    seen = []
    for _ in range(2):
        km = pool.take("")
        try:
            seen.append(json.loads(_run(km, PROBE)))
        finally:
            km.shutdown_kernel(now=True)
    a, b = seen
    template = pool.template.pid
    for probe in seen:
        assert probe["pid"] != dirty["pid"] and probe["ppid"] == template
        assert not probe["leftover"] and not probe["module"] and not probe["path"]
        assert probe["theme"] == "chinadigital" and probe["max_rows"] == 60
    assert a["pid"] != b["pid"]
    assert a["random"] != b["random"] and a["npglobal"] != b["npglobal"]  # each kernel seeded afresh


def test_nothing_outlives_its_owner_kill_9_of_the_template_and_of_the_worker(tmp_path):
    """A kernel dies with its template (PR_SET_PDEATHSIG); a template and its kernels die with the worker that
    started them, even by kill -9 (the template's request pipe reaches end of file)."""
    worker = subprocess.Popen([sys.executable, "-c", """
import sys, json
from chinadigital.batch.kernels import KernelPool
p = KernelPool(fork=True)
kms = [p.take(""), p.take("")]
print(json.dumps({"template": p.template.pid, "kernels": [k.provisioner.pid for k in kms]}), flush=True)
sys.stdin.read()
"""], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(worker.stdout.readline())
        template, kernels = info["template"], info["kernels"]
        assert all(alive(p) for p in [template, *kernels])
        os.kill(kernels[0], 0)
        os.kill(template, signal.SIGKILL)  # the template dies: its kernels follow
        assert gone(kernels), "a forked kernel outlived its template"
    finally:
        worker.kill()
        worker.wait(10)

    worker = subprocess.Popen([sys.executable, "-c", """
import sys, json
from chinadigital.batch.kernels import KernelPool
p = KernelPool(fork=True)
kms = [p.take("")]
print(json.dumps({"template": p.template.pid, "kernels": [k.provisioner.pid for k in kms]}), flush=True)
sys.stdin.read()
"""], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    info = json.loads(worker.stdout.readline())
    worker.kill()  # kill -9 of the worker
    worker.wait(10)
    assert gone([info["template"], *info["kernels"]]), "a template or kernel outlived its worker"


def test_each_report_runs_in_a_forked_kernel_of_its_own_in_a_build(tmp_path):
    nbs = notebooks_copy(tmp_path / "notebooks")
    add_cell_after_check(nbs / "cloud_scale.ipynb",
                         'import os, sys\nprint("KERNEL", os.getpid(), os.getppid(), "leftover" in globals(), '
                         '"report_module" in sys.modules)\nleftover = 1\n'
                         'import types; sys.modules["report_module"] = types.ModuleType("report_module")')
    toml = write_toml(tmp_path / "r.toml", [CLOUD, CLOUD_KO, CLOUD_CNY])
    out = tmp_path / "out"
    r = cli("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs), "-j", "1")
    assert r.returncode == 0, r.stderr
    pids, parents = set(), set()
    for slug in ("cloud", "cloud-ko", "cloud-cny"):
        nb = nbformat.read(out / "executed" / f"{slug}.ipynb", as_version=4)
        text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
        pid, ppid, leftover, module = re.search(r"KERNEL (\d+) (\d+) (True|False) (True|False)", text).groups()
        assert leftover == module == "False", slug
        pids.add(int(pid))
        parents.add(int(ppid))
    assert len(pids) == 3 and len(parents) == 1, (pids, parents)  # three kernels, one template
    assert all(line.get("forked") == 1 for line in log_lines(out) if "slug" in line)
    assert gone([*pids, *parents], timeout=5), "a kernel or the template outlived the build"

    again = cli("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs), "-j", "1",
                "--force", "--no-fork")
    assert again.returncode == 0, again.stderr
    assert [line.get("forked") for line in log_lines(out)[-3:]] == [0, 0, 0]
    env_off = cli("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs), "-j", "1",
                  "--force", "--only", "cloud", env={"CHINADIGITAL_NO_FORK": "1"})
    assert env_off.returncode == 0, env_off.stderr
    assert log_lines(out)[-1].get("forked") == 0




@pytest.mark.parametrize("how", ["ctrl-c", "kill-9"])
def test_no_template_or_kernel_outlives_an_interrupted_or_killed_build(tmp_path, how):
    nbs = notebooks_copy(tmp_path / "notebooks")
    add_cell_after_check(nbs / "cloud_scale.ipynb", "import time\ntime.sleep(60)")
    toml = write_toml(tmp_path / "r.toml", [CLOUD, CLOUD_KO])
    out = tmp_path / "out"
    proc = popen("build", "--reports-toml", str(toml), "--out", str(out), "-j", "2", "--notebooks", str(nbs))
    try:
        deadline = time.time() + 90
        family: list[int] = []
        while time.time() < deadline:  # workers, their templates and the kernels running the sleeping cell
            family = descendants(proc.pid)  # (a forked kernel keeps its template's command line)
            cmds = [(Path("/proc") / str(p) / "cmdline").read_bytes() for p in family if alive(p)]
            if sum(b"forkkernel" in c for c in cmds) >= 4 and len(family) >= 6:
                break
            time.sleep(0.3)
        time.sleep(1.0)
        family = descendants(proc.pid)
        assert len(family) >= 6, family  # 2 workers, 2 templates, 2 kernels
        if how == "ctrl-c":
            proc.send_signal(signal.SIGINT)
            proc.communicate(timeout=60)
            assert proc.returncode == 130
        else:
            proc.kill()
            proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert gone(family, timeout=20), [p for p in family if alive(p)]
