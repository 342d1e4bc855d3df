"""One report job: a pure function of its inputs, so any executor can run it.

The job carries the notebook's source, its parameters and where the data is;
it returns the HTML and the executed notebook as strings, with timings and,
on failure, the failing cell and message. It writes nothing the caller sees:
the build writes outputs, atomically, in one place.
"""

from __future__ import annotations

import os
import tempfile
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


def run_job(job: Job) -> JobResult:
    """Execute the notebook with papermill and a real kernel, then export it; never raises for a notebook error."""
    import nbformat
    import papermill as pm

    from ..export import export

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
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

            km = pool().take(job.data_dir)  # a fresh kernel per report, started ahead with the library imported
            engine = {"km": km}
            timings["kernel"] = time.perf_counter() - t0
            pm.execute_notebook(str(src), str(out), parameters=job.params, kernel_name="python3", progress_bar=False,
                                cwd=tmp, execution_timeout=job.cell_timeout, start_timeout=job.start_timeout, **engine)
        except pm.PapermillExecutionError as exc:
            error = NotebookError(job.notebook, exc.exec_count, exc.cell_index, exc.ename, _first_line(exc.evalue)).as_dict()
        except Exception as exc:  # timeouts, dead kernels: the job fails, the batch goes on
            error = NotebookError(job.notebook, _running_cell(out), None, type(exc).__name__,
                                  _first_line(str(exc))).as_dict()
        finally:
            if km is not None:
                from .kernels import dispose

                dispose(km)
        timings["execute"] = time.perf_counter() - t0
        executed = out.read_text(encoding="utf-8") if out.exists() else None
        if executed:
            timings.update(_cell_timings(executed))
    if error:
        return JobResult(job.slug, False, None, executed, error, timings, built_at)
    t1 = time.perf_counter()
    nb = nbformat.reads(executed, as_version=4)
    html = export(nb, lang=job.params.get("lang", "en"), title=job.title, params=job.params,
                  fingerprint=job.fingerprint, built_at=built_at)
    timings["export"] = time.perf_counter() - t1
    timings["total"] = time.perf_counter() - t0
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


def _running_cell(path: Path):
    """The execution count of the cell a timeout interrupted, read from papermill's saved progress."""
    try:
        import nbformat

        nb = nbformat.read(path, as_version=4)
    except Exception:
        return None
    for cell in nb.cells:
        status = cell.get("metadata", {}).get("papermill", {}).get("status")
        if status == "running":
            return cell.get("execution_count")
    return None
