"""Scale-out on Dask: a real LocalCluster with process workers on loopback, driven through the CLI."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from buildkit import REPO, add_cell_after_check, alive, cli, descendants, log_lines, notebooks_copy, popen, write_toml

from distributed import Client, LocalCluster

CLOUD = {"slug": "cloud", "notebook": "cloud_scale", "parameters": {"lang": "en", "currency": "USD"}}
HANGZHOU_KO = {"slug": "hangzhou-ko", "notebook": "smart_cities", "parameters": {"lang": "ko", "city": "hangzhou"}}
POLICY = {"slug": "policy", "notebook": "policy_timeline", "parameters": {"lang": "en"}}


@pytest.fixture
def cluster(tmp_path):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as c:
        yield c


def _without_build_time(html: str) -> str:
    """The page with every mention of its build minute blanked: the header's <time>, the citation, the page's
    own record (two builds a minute apart differ only there)."""
    html = re.sub(r'<time datetime="[^"]*">[^<]*</time>', "<time/>", html)
    html = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "<built>", html)
    html = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", "<built>", html)  # the About block's machine-readable time
    return re.sub(r"\d{4}년 \d{1,2}월 \d{1,2}일 \d\d:\d\d", "<built>", html)


def test_cluster_build_gives_the_same_reports_as_a_local_build(tmp_path, cluster):
    toml = write_toml(tmp_path / "r.toml", [CLOUD, HANGZHOU_KO, POLICY])
    local, remote = tmp_path / "local", tmp_path / "remote"
    # the workers are the cluster's processes, not the CLI's children: the page's address reaches them in the job
    where = ("--base-url", "https://example.org/r/")
    a = cli("build", "--reports-toml", str(toml), "--out", str(local), *where)
    assert a.returncode == 0, a.stderr
    b = cli("build", "--reports-toml", str(toml), "--out", str(remote), "--scheduler", cluster.scheduler_address, *where)
    assert b.returncode == 0, b.stderr
    assert f"on the Dask scheduler {cluster.scheduler_address}" in b.stderr
    assert "https://example.org/r/cloud.html" in (remote / "cloud.html").read_text(encoding="utf-8")
    for slug in ("cloud", "hangzhou-ko", "policy"):
        x = (local / f"{slug}.html").read_text(encoding="utf-8")
        y = (remote / f"{slug}.html").read_text(encoding="utf-8")
        assert _without_build_time(x) == _without_build_time(y), slug
    # the cache works the same: nothing changed, nothing is submitted
    again = cli("build", "--reports-toml", str(toml), "--out", str(remote), "--scheduler", cluster.scheduler_address,
                *where)
    assert again.returncode == 0 and "nothing to do" in again.stderr


def test_environment_variable_selects_the_scheduler(tmp_path, cluster):
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    r = cli("build", "--reports-toml", str(toml), "--out", str(tmp_path / "o"),
            env={"CHINADIGITAL_SCHEDULER": cluster.scheduler_address})
    assert r.returncode == 0, r.stderr
    assert "on the Dask scheduler" in r.stderr


def test_a_worker_killed_mid_job_means_a_retry_elsewhere(tmp_path, cluster):
    nbs = notebooks_copy(tmp_path / "notebooks")
    add_cell_after_check(nbs / "cloud_scale.ipynb", "import time\ntime.sleep(6)")
    toml = write_toml(tmp_path / "r.toml", [CLOUD, HANGZHOU_KO])
    out = tmp_path / "out"
    proc = popen("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs),
                 "--scheduler", cluster.scheduler_address)
    with Client(cluster.scheduler_address, timeout="10s") as client:
        victim = None
        deadline = time.time() + 60
        while victim is None and time.time() < deadline:
            for worker, tasks in client.processing().items():
                if any("run_remote" in str(t) for t in tasks):
                    # the slow job lands first on one of the two workers; kill the one running it
                    victim = worker
            time.sleep(0.2)
        assert victim, "no job reached a worker"
        time.sleep(2)  # well inside the slow cell
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    ok = [x["slug"] for x in log_lines(out) if x["ok"]]
    assert sorted(ok) == ["cloud", "hangzhou-ko"]  # each report written once
    assert (out / "cloud.html").exists() and (out / "hangzhou-ko.html").exists()


def test_an_unreachable_scheduler_fails_fast_with_its_address(tmp_path):
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    t0 = time.time()
    r = cli("build", "--reports-toml", str(toml), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9")
    assert time.time() - t0 < 40
    assert r.returncode == 1
    assert "tcp://127.0.0.1:9" in r.stderr and "cannot reach the Dask scheduler" in r.stderr
    assert not (tmp_path / "o" / "cloud.html").exists()


def test_a_worker_with_another_version_is_refused_before_any_job(tmp_path):
    preload = tmp_path / "other_version.py"
    preload.write_text("import chinadigital\nchinadigital.__version__ = '9.9.9-other'\n", encoding="utf-8")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      preload=[str(preload)]) as c:
        toml = write_toml(tmp_path / "r.toml", [CLOUD])
        r = cli("build", "--reports-toml", str(toml), "--out", str(tmp_path / "o"), "--scheduler", c.scheduler_address)
    assert r.returncode == 1
    assert "version mismatch" in r.stderr and "9.9.9-other" in r.stderr
    from chinadigital import __version__

    assert f"this client has {__version__}" in r.stderr
    assert not list((tmp_path / "o").glob("*.html"))


def test_the_default_build_never_imports_distributed(tmp_path):
    toml = write_toml(tmp_path / "r.toml", [CLOUD])
    code = (f"import sys\nfrom chinadigital.batch.build import build\n"
            f"rc = build({str(toml)!r}, {str(tmp_path / 'o')!r})\n"
            f"assert rc == 0\nassert 'distributed' not in sys.modules, 'distributed was imported'\nprint('clean')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 0, r.stderr
    assert "clean" in r.stdout




def _kernels_under(client) -> list[int]:
    """Processes below the cluster's workers (kernel templates and kernels), alive."""
    return [p for pid in client.run(os.getpid).values() for p in descendants(pid) if alive(p)]


def test_a_notebook_that_never_ends_is_stopped_by_the_timeout_on_a_worker(tmp_path, cluster):
    nbs = notebooks_copy(tmp_path / "notebooks")
    add_cell_after_check(nbs / "cloud_scale.ipynb", "while True:\n    pass")
    toml = write_toml(tmp_path / "r.toml", [CLOUD, HANGZHOU_KO])
    out = tmp_path / "out"
    t0 = time.time()
    r = cli("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs), "--timeout", "4",
            "--scheduler", cluster.scheduler_address, timeout=240)
    assert time.time() - t0 < 180
    assert r.returncode == 1, r.stderr
    assert "FAILED cloud" in r.stderr and "ok     hangzhou-ko" in r.stderr.replace("[2/2] ", "").replace("[1/2] ", "")
    err = __import__("json").loads((out / ".build-state.json").read_text())["reports"]["cloud"]["error"]
    assert "Timeout" in err["ename"] or "timed out" in err["evalue"].lower(), err
    assert (out / "hangzhou-ko.html").exists() and not (out / "cloud.html").exists()
    assert [x.get("forked") for x in log_lines(out) if x["ok"]] == [1]  # the worker forked its kernel as locally
    with Client(cluster.scheduler_address, timeout="10s") as client:
        deadline = time.time() + 20
        while time.time() < deadline and _kernels_under(client):
            time.sleep(0.3)
        assert _kernels_under(client) == [], "a kernel or template outlived the build on a worker"


def test_ctrl_c_during_a_dask_build_leaves_no_running_job(tmp_path, cluster):
    nbs = notebooks_copy(tmp_path / "notebooks")
    for name in ("cloud_scale", "smart_cities"):
        add_cell_after_check(nbs / f"{name}.ipynb", "import time\ntime.sleep(120)")
    toml = write_toml(tmp_path / "r.toml", [CLOUD, HANGZHOU_KO])
    out = tmp_path / "out"
    proc = popen("build", "--reports-toml", str(toml), "--out", str(out), "--notebooks", str(nbs),
                 "--scheduler", cluster.scheduler_address)
    with Client(cluster.scheduler_address, timeout="10s") as client:
        deadline = time.time() + 90
        while time.time() < deadline:
            running = [t for tasks in client.processing().values() for t in tasks if "run_remote" in str(t)]
            if len(running) == 2 and len(_kernels_under(client)) >= 4:  # both jobs in their sleeping cell
                break
            time.sleep(0.3)
        time.sleep(2)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130, err
        deadline = time.time() + 30
        while time.time() < deadline and (any(client.processing().values()) or _kernels_under(client)):
            time.sleep(0.3)
        assert not any(client.processing().values()), client.processing()
        assert _kernels_under(client) == [], "a kernel of the interrupted build still runs on a worker"
    assert not [p.name for p in out.rglob("*") if ".tmp-" in p.name]
