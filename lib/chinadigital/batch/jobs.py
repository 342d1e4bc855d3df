"""One report job: a pure function of its inputs, so any executor can run it.

The job carries the notebook's source, its parameters and where the data is;
it returns the HTML and the executed notebook as strings, with timings and,
on failure, the failing cell and message. It writes nothing the caller sees:
the build writes outputs, atomically, in one place.
"""

from __future__ import annotations

import os
import resource
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NotebookError


@dataclass(frozen=True)
class Job:
    slug: str
    notebook: str  # theme name, e.g. "mobile_payments"
    source: str  # the notebook file's text
    params: dict = field(hash=False)
    title: str = ""
    data_dir: str = ""
    fingerprint: str = ""
    cell_timeout: int = 300
    start_timeout: int = 60
    # the same report in other languages, {lang: "<slug>.html"}: the page links to it (issue 10)
    alternates: dict = field(default_factory=dict, hash=False, compare=False)
    # a kernel forked from the worker's clean template (True), a freshly started one (False), or the worker's
    # default (None: forked unless $CHINADIGITAL_NO_FORK); see forkkernel.py
    fork: bool | None = field(default=None, compare=False)
    # where the page will live (--base-url), for "Cite this report"; carried by the job to any worker
    base_url: str = ""


@dataclass
class JobResult:
    slug: str
    ok: bool
    html: str | None = None
    executed: str | None = None
    error: dict | None = None
    timings: dict = field(default_factory=dict)
    built_at: str = ""
    notes: list = field(default_factory=list)  # titles of charts the data could not fill (shown as notices)


_progress = threading.local()  # the notebook being executed, for the cell a timeout interrupted


def _engine() -> str:
    """Papermill's nbclient engine without its per-cell saves, registered once per process.

    Papermill writes the whole notebook (JSON with indentation, so the pure-Python encoder, and nbformat's
    validation) at the start and at the end of every cell, markdown included: about 80 writes of a growing
    notebook of up to 0.5 MB per report, which measured as most of the gap between a job's cell time and
    its execute time. The executed notebook is written once, at the end, by papermill itself (also when a
    cell raises); after a timeout the notebook in memory says which cell was running."""
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    if "chinadigital" in papermill_engines._engines:
        return "chinadigital"

    class Manager(NotebookExecutionManager):
        def save(self, **kwargs):
            self.last_save_time = self.now()

    class Engine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                             autosave_cell_every=30, **kwargs):
            nb_man = Manager(nb, output_path=None, progress_bar=False, log_output=log_output, autosave_cell_every=0)
            _progress.nb = nb_man.nb
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
                _progress.nb = nb_man.nb
            return nb_man.nb

    papermill_engines.register("chinadigital", Engine)
    return "chinadigital"


def _kernel_stats(km) -> dict:
    """CPU seconds the kernel process has used so far and its peak resident memory (MB), from /proc (Linux);
    empty elsewhere. (The worker's RUSAGE_CHILDREN would not do: a forked child's peak counts the parent's
    memory before exec.) A forked kernel's CPU is its own since the fork; its peak memory counts the pages
    it shares with its template."""
    try:
        return _pid_stats(km.provisioner.process.pid)
    except Exception:
        return {}


def _pid_stats(pid: int) -> dict:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        hwm = next(int(x.split()[1]) for x in Path(f"/proc/{pid}/status").read_text().splitlines()
                   if x.startswith("VmHWM:"))
        return {"cpu": cpu, "mb": hwm / 1024}
    except Exception:
        return {}


def _worker_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_job(job: Job) -> JobResult:
    """Execute the notebook with papermill and a real kernel, then export it; never raises for a notebook error."""
    import nbformat
    import papermill as pm

    from .export import export

    timings: dict[str, float] = {"started_at": time.time()}
    t0 = time.perf_counter()
    c0 = time.process_time()
    k_ready = k_end = {}
    built_at = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    if job.data_dir:
        os.environ["CHINADIGITAL_DATA"] = job.data_dir  # the kernel inherits it
    with tempfile.TemporaryDirectory(prefix=f"cd-{job.slug}-") as tmp:
        src = Path(tmp) / f"{job.notebook}.ipynb"
        out = Path(tmp) / "executed.ipynb"
        src.write_text(job.source, encoding="utf-8")
        error = None
        km = None
        try:
            from .kernels import pool

            km = pool().take(job.data_dir, fork=job.fork)  # a kernel per report, started ahead, library imported
            engine = {"km": km}
            timings["kernel"] = time.perf_counter() - t0
            timings["forked"] = float(bool(getattr(km, "forked", False)))
            timings["kernel_pid"] = float(km.provisioner.pid or 0)
            if timings["forked"]:  # the template's own CPU so far (its imports, its forks): shared by its jobs
                template = getattr(getattr(km.provisioner, "template", None), "pid", None)
                t_stats = _pid_stats(template) if template else {}
                if t_stats:
                    timings.update(template_pid=float(template), template_cpu=t_stats["cpu"])
            k_ready = _kernel_stats(km)  # what booting and warming it cost, before this job's cells
            _progress.nb = None
            pm.execute_notebook(str(src), str(out), parameters=job.params, kernel_name="python3", progress_bar=False,
                                cwd=tmp, execution_timeout=job.cell_timeout, start_timeout=job.start_timeout,
                                engine_name=_engine(), request_save_on_cell_execute=False, **engine)
        except pm.PapermillExecutionError as exc:
            error = NotebookError(job.notebook, exc.exec_count, exc.cell_index, exc.ename, _first_line(exc.evalue)).as_dict()
        except Exception as exc:  # timeouts, dead kernels: the job fails, the batch goes on
            error = NotebookError(job.notebook, _running_cell(getattr(_progress, "nb", None)), None,
                                  type(exc).__name__, _first_line(str(exc))).as_dict()
        finally:
            if km is not None:
                from .kernels import dispose

                k_end = _kernel_stats(km)
                dispose(km)
        timings["execute"] = time.perf_counter() - t0
        if k_ready and k_end:
            timings.update(kernel_boot_cpu=k_ready["cpu"], kernel_cells_cpu=k_end["cpu"] - k_ready["cpu"],
                           kernel_mb=k_end["mb"])
        executed = out.read_text(encoding="utf-8") if out.exists() else None
        if executed is None and getattr(_progress, "nb", None) is not None:  # a timeout: the notebook so far
            executed = nbformat.writes(_progress.nb)
        _progress.nb = None
        if executed:
            timings.update(_cell_timings(executed))
    timings["execute_cpu"] = time.process_time() - c0  # this worker's own CPU while the kernel ran (papermill)
    if error:
        timings["worker_mb"] = _worker_mb()
        return JobResult(job.slug, False, None, executed, error, timings, built_at)
    t1 = time.perf_counter()
    c1 = time.process_time()
    nb = nbformat.reads(executed, as_version=4)
    html = export(nb, lang=job.params.get("lang", "en"), title=job.title, params=job.params,
                  fingerprint=job.fingerprint, built_at=built_at, slug=job.slug, alternates=job.alternates,
                  base_url=job.base_url or None)
    timings["export"] = time.perf_counter() - t1
    timings["export_cpu"] = time.process_time() - c1
    timings["total"] = time.perf_counter() - t0
    timings["worker_mb"] = _worker_mb()
    return JobResult(job.slug, True, html, executed, None, timings, built_at, notices(nb))


NOTICE_MIME = "application/vnd.chinadigital.notice+json"


def notices(nb) -> list[str]:
    """Titles of the charts a report replaced by a sentence because its data could not fill them: the report
    still builds, and its status in the index says what it could not draw."""
    return [out["data"][NOTICE_MIME]["title"] for cell in nb.cells for out in cell.get("outputs", [])
            if NOTICE_MIME in out.get("data", {})]


def _cell_timings(executed: str) -> dict:
    """Seconds in the check cell (imports, data load, parameter check) and in all other cells, from papermill's record."""
    import json

    nb = json.loads(executed)
    check = cells = 0.0
    for c in nb.get("cells", []):
        d = (c.get("metadata", {}).get("papermill", {}) or {}).get("duration") or 0.0
        if "check" in c.get("metadata", {}).get("tags", []):
            check += d
        elif c.get("cell_type") == "code":
            cells += d
    return {"check_cell": check, "other_cells": cells}


def _first_line(text: str) -> str:
    lines = [ln for ln in str(text).strip().splitlines() if ln.strip()]
    return (lines[0] if lines else str(text))[:500]


def _running_cell(nb):
    """The execution count of the cell a timeout interrupted, from papermill's record of the notebook in memory."""
    if nb is None:
        return None
    for cell in nb.cells:
        status = cell.get("metadata", {}).get("papermill", {}).get("status")
        if status == "running":
            return cell.get("execution_count")
    return None
