"""The batch: plan, cache, run, collect.

`build()` checks the whole plan before any kernel starts, skips reports whose
inputs did not change, runs the rest through a `concurrent.futures.Executor`
(a process pool by default; anything with `submit` works), and writes each
output atomically as it arrives, under a lock. It knows nothing of a theme's
content: a job is a notebook, parameters and data in, HTML and an executed
notebook out.

What is up to date is decided from file fingerprints and the state file alone:
a build with nothing to do imports neither pandas, Altair, nbformat, papermill
nor jupyter_client, and loads no dataset. Those are imported, and parameter
values checked against the data, only for reports that will run or are not up
to date (see plan.py).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import sys
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from ..dataset import paths
from . import plan
from .outputs import (atomic_write, build_lock, check_out_dir, load_state, output_problem,
                      remove_leftovers, save_state)

if TYPE_CHECKING:  # jobs imports jupyter_client: only a build that runs a job needs it
    from .jobs import Job, JobResult

PINNED = ("chinadigital", "papermill", "nbconvert", "nbclient", "nbformat", "ipykernel", "jupyter_client",
          "altair", "pandas", "vl-convert-python", "mistune")
DEFAULT_TOML = paths.REPO_ROOT / "reports.toml"


# -- what a report's output depends on -----------------------------------------------------

def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def notebook_hash(source: str) -> str:
    """The notebook without outputs, counts or ids: editing prose or code rebuilds, running it in Lab does not."""
    nb = json.loads(source)
    cells = [{"t": c.get("cell_type"), "s": "".join(c.get("source", "")), "tags": c.get("metadata", {}).get("tags", [])}
             for c in nb.get("cells", [])]
    return _sha(json.dumps(cells, sort_keys=True))


def tree_hash(root: Path, patterns: tuple[str, ...], skip: tuple[str, ...] = ()) -> str:
    """Names and bytes of the files under `root` matching `patterns`, but not under a folder in `skip` (paths
    relative to `root`), hidden (editor and build leftovers) or compiled."""
    h = hashlib.sha256()
    for p in sorted({f for pat in patterns for f in root.rglob(pat) if f.is_file() and f.suffix != ".pyc"
                     and not any(part.startswith(".") or part == "__pycache__" for part in f.relative_to(root).parts)
                     and not any(f.relative_to(root).parts[:len(Path(k).parts)] == Path(k).parts for k in skip)}):
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def data_fingerprint(folder: Path) -> str:
    """Every file of the dataset folder but its prose (Markdown) and hidden files, read as bytes: no parsing,
    no pandas. A superset of what the data layer reads, so a new table is covered without a change here."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if p.is_file() and p.suffix.lower() != ".md" and not any(part.startswith(".") or part == "__pycache__"
                                                                 for part in rel.parts):
            h.update(str(rel).encode() + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()


def versions() -> dict:
    out = {"python": sys.version.split()[0]}
    for name in PINNED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "-"
    return out


def components(report: plan.Report, source: str, fingerprint: str, lib: str, template: str, vers: dict,
               twins: dict | None = None, base_url: str = "") -> dict:
    """What a report's page depends on, each part hashed on its own so a rebuild can say which part moved.
    `twins` are the page's links to its other-language versions in this batch: adding a Korean report
    changes the English page that links to it; `base_url` is where the page says it lives ("Cite this
    report"), so a new address rebuilds it."""
    return {
        "notebook": notebook_hash(source),
        "parameters": _sha(json.dumps({"params": report.params, "title": report.title}, sort_keys=True)),
        "data": fingerprint,
        "library": lib,
        "template": template,
        "versions": _sha(json.dumps(vers, sort_keys=True)),
        "twins": _sha(json.dumps(twins or {}, sort_keys=True)),
        "location": _sha(base_url),
    }


def reasons(old: dict | None, new: dict, out_dir: Path, slug: str) -> list[str]:
    """Why a report must be rebuilt; empty when its last build is still good."""
    if old is None or "components" not in old:
        return ["never built"]
    why = [f"{name} changed" for name in new if old["components"].get(name) != new[name]]
    if old.get("status") != "ok":
        why.append("last build failed")
    if not (out_dir / f"{slug}.html").exists():
        why.append("output missing")
    return why


# -- progress --------------------------------------------------------------------------------

class Progress:
    """Jobs done, running and failed, on one updating line on a terminal, a line per event otherwise."""

    def __init__(self, total: int, workers: int, stream=None):
        stream = stream or sys.stderr  # looked up now, not at import (a caller may have redirected it)
        self.total, self.workers, self.stream = total, workers, stream
        self.done = self.failed = 0
        self.tty = stream.isatty()
        self.start = time.perf_counter()

    def running(self) -> int:
        return min(self.workers, self.total - self.done - self.failed)

    def event(self, slug: str, ok: bool, seconds: float, note: str = "") -> None:
        if ok:
            self.done += 1
        else:
            self.failed += 1
        n = self.done + self.failed
        line = (f"[{n:>{len(str(self.total))}}/{self.total}] {'ok    ' if ok else 'FAILED'} {slug}  {seconds:.1f}s"
                f"  (done {self.done}, running {self.running()}, failed {self.failed}){note}")
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if not ok or n == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


# -- the build ---------------------------------------------------------------------------------

def _terminate(*_) -> None:
    """Stop now: kill this worker's kernels, then exit without unwinding (the pool would catch SystemExit
    raised inside a job and keep the orphaned worker waiting for work that never comes)."""
    from .kernels import shutdown_all

    shutdown_all()
    os._exit(143)


def _worker_init(data_dir: str = "", build_pid: int = 0, jobs_left=None, fork: bool | None = None) -> None:
    """Workers leave Ctrl-C to the parent, exit cleanly (shutting their kernel down) when told to stop,
    and stop by themselves when the build process dies, even by kill -9.
    Each starts warming its first kernel (forked from its template unless `fork` is False) and packing the
    Vega bundle at once, before any job arrives; `jobs_left` (shared by the workers) keeps them from warming
    kernels no job will use."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminate)
    threading.Thread(target=_watch_parent, args=(build_pid or os.getppid(),), daemon=True,
                     name="cd-parent-watch").start()
    if data_dir:
        from .kernels import pool

        pool(fork).jobs_left = jobs_left
        pool().prestart(data_dir)
    from .vega_bundle import packed_bundle

    threading.Thread(target=packed_bundle, daemon=True).start()


def _watch_parent(parent: int) -> None:
    """Stop this worker when the build that started it is gone, even killed with -9: a worker whose parent
    died would otherwise block forever sending a result nobody reads, with its kernel still running.
    Polling from a thread of its own: a signal (prctl's parent-death signal or a plain SIGTERM) may be
    delivered to any thread, and Python runs its handler only when the main thread, here blocked in a
    write, gets back to bytecode."""
    while True:
        if os.getppid() != parent:  # checked at once too: the build may have died while this worker started
            _terminate()
        time.sleep(0.5)  # from this thread: a signal could land on a thread other than the blocked main one


def default_executor(workers: int, data_dir: str = "", jobs: int | None = None, fork: bool | None = None) -> Executor:
    """A process pool of freshly started interpreters: spawned, not forked, so no worker inherits the
    build lock's file descriptor and holds the lock after the build itself is gone. Given the number of
    jobs, the workers warm exactly that many kernels between them."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    jobs_left = ctx.Value("i", jobs) if jobs is not None else None
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                                   initargs=(data_dir, os.getpid(), jobs_left, fork), mp_context=ctx)
    executor.jobs_left = jobs_left
    _start_workers(executor)
    return executor


def _start_workers(executor: ProcessPoolExecutor) -> None:
    """Spawn every worker now, not at the first submit (a spawning pool starts them lazily): each imports the
    job libraries and warms its first kernel while the build still checks values and loads the data. If the
    standard library changes this private method, the workers simply start at the first submit, as before."""
    try:
        executor._launch_processes()
    except Exception:
        pass


class _Early:
    """The workers started before the plan's values are checked: stopped on the way out unless a job took them
    (a plan found wrong, another build that did the work while this one waited for the lock, Ctrl-C)."""

    def __init__(self, executor):
        self.executor = executor

    def take(self):
        executor, self.executor = self.executor, None
        return executor

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.executor is not None:
            _stop(self.take())


class _Data:
    """The dataset, loaded (with pandas) on first use only: a build with nothing to do never needs it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._ds = None

    def get(self):
        if self._ds is None:
            from ..dataset.load import load

            self._ds = load(self.folder)
        return self._ds


def build(reports_toml: str | Path | None = None, out_dir: str | Path | None = None, *, only: list[str] | None = None,
          force: bool = False, workers: int | None = None, explain: bool = False, cell_timeout: int = 300,
          wait: bool = True, executor_factory=None, notebooks_dir: str | Path | None = None,
          scheduler: str | None = None, log=None, prune: bool = False, fork: bool | None = None) -> int:
    """Build the batch; 0 when every report is good, 1 when any failed. Raises PlanError (exit 2) before writing.

    Pages an earlier build made for reports no longer in the batch file are named, not deleted: another batch
    file may share the folder. `prune=True` removes them (their page, executed notebook and state entry).
    `fork=False` (or $CHINADIGITAL_NO_FORK=1) runs each report in a freshly started kernel instead of one
    forked from the worker's template (forkkernel.py)."""
    log = log or (lambda msg: print(msg, file=sys.stderr))
    began = time.time()
    reports_toml = Path(reports_toml or DEFAULT_TOML)
    out_dir = Path(out_dir or paths.REPORTS_DIR)
    the_plan = plan.read(reports_toml, Path(notebooks_dir) if notebooks_dir else None)
    data = _Data(paths.data_dir())
    if the_plan.problems:  # the plan is broken anyway: list every problem, values included, in one run
        the_plan.check_values(data.get())
        the_plan.raise_problems()
    reports = the_plan.reports
    selected = reports
    if only:
        known = {r.slug for r in reports}
        unknown = [s for s in only if s not in known]
        if unknown:
            raise plan.PlanError("--only", [f"unknown slug(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"])
        selected = [r for r in reports if r.slug in only]
    workers = max(1, workers or os.cpu_count() or 1)
    from .forkkernel import fork_enabled

    fork = fork_enabled() if fork is None else bool(fork)
    scheduler = scheduler or os.environ.get("CHINADIGITAL_SCHEDULER") or None
    if executor_factory is None:
        executor_factory = default_executor
        if scheduler:
            def executor_factory(n: int, data_dir: str):  # noqa: F811 - the Dask seam, imported only here
                from .cluster import connect

                return connect(scheduler, n, data_dir, data.get().fingerprint)

    # What each report's output depends on, from file contents alone.
    lib = tree_hash(paths.PACKAGE_DIR, ("*",), skip=("batch/templates",))  # code and package data (locales, ...)
    template = tree_hash(paths.PACKAGE_DIR / "batch" / "templates", ("*",))
    vers = versions()
    data_fp = data_fingerprint(data.folder)
    sources = {r.notebook_path: r.notebook_path.read_text(encoding="utf-8") for r in reports}
    from .index_page import alternates_for

    alternates = alternates_for(reports)  # each page links to its other-language twin in this batch
    # where the pages will live (--base-url): part of each page, so part of what it depends on, and handed to
    # every job (a Dask worker does not inherit this process's environment)
    base_url = os.environ.get("CHINADIGITAL_BASE_URL", "")
    comps = {r.slug: components(r, sources[r.notebook_path], data_fp, lib, template, vers, alternates.get(r.slug),
                                base_url) for r in reports}

    def why(r: plan.Report, entries: dict) -> list[str]:
        return reasons(entries.get(r.slug), comps[r.slug], out_dir, r.slug)

    # Values (cities, years: allowed values come from the data) are checked, before anything is written, for
    # every report that will run. A report up to date has the notebook, parameters, data, library and versions
    # of a successful build, which passed this very check; a report --only leaves out is not looked at (it is
    # checked when it runs), so `--only a` costs what building `a` costs, whatever else the batch holds.
    check_out_dir(out_dir)  # a file on the path, no permission, a read-only disk: said now, before any kernel
    first_look = load_state(out_dir).get("reports", {})
    checked = expected = [r for r in selected if force or why(r, first_look)]
    # The workers (a fresh interpreter each, importing the job libraries and warming a kernel) start now,
    # while this process loads the data and checks values; a plan found wrong stops them before any job.
    early = _Early(default_executor(min(workers, len(expected)), str(data.folder), jobs=len(expected), fork=fork)
                   if expected and executor_factory is default_executor else None)
    try:
        if checked:
            the_plan.check_values(data.get(), checked)
            the_plan.raise_problems()
    except BaseException:
        early.__exit__()
        raise
    try:
        return _locked_build(out_dir, wait, log, early, the_plan, data, reports, selected, reports_toml, prune, force,
                             explain, why, comps, checked, expected, sources, alternates, cell_timeout, fork,
                             scheduler, workers, executor_factory, began, base_url)
    except OSError as exc:  # a full disk, a folder made read-only meanwhile: one line, exit status 2
        if _about_output(exc, out_dir):
            raise output_problem(out_dir, exc) from None
        raise


def _about_output(exc: OSError, out_dir: Path) -> bool:
    """Whether an OSError is the output folder's (a write there failed), not, say, the dataset's."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        return True
    try:
        return exc.filename is not None and Path(exc.filename).resolve().is_relative_to(out_dir.resolve())
    except (OSError, ValueError):
        return False


def _locked_build(out_dir, wait, log, early, the_plan, data, reports, selected, reports_toml, prune, force, explain,
                  why, comps, checked, expected, sources, alternates, cell_timeout, fork, scheduler, workers,
                  executor_factory, began, base_url) -> int:
    checked_slugs = {r.slug for r in checked}
    with early, build_lock(out_dir, wait=wait, on_wait=lambda holder: log(f"waiting: another build holds {out_dir} ({holder})")):
        for p in remove_leftovers(out_dir):
            log(f"removed a temporary file an interrupted build left: {p.name}")
        state = load_state(out_dir)  # read again under the lock: another build may have finished meanwhile
        before = json.dumps(state, sort_keys=True)
        entries = state.setdefault("reports", {})
        _orphans(out_dir, entries, {r.slug for r in reports}, reports_toml, prune, log)
        todo: list[tuple[plan.Report, dict, list[str]]] = []
        for r in selected:
            reasons_now = ["--force"] if force else why(r, entries)
            if not reasons_now:
                if explain:
                    log(f"up to date: {r.slug}")
                continue
            todo.append((r, comps[r.slug], reasons_now))
        late = [r for r, _, _ in todo if r.slug not in checked_slugs]  # went stale while this build waited
        if late:
            the_plan.check_values(data.get(), late)
            the_plan.raise_problems()
        failures = 0
        if todo:
            from .jobs import Job, JobResult, run_job

            ds = data.get()
            jobs: list[tuple[plan.Report, Job, dict]] = []
            for r, comp, reasons_now in todo:
                if explain or not force:
                    log(f"rebuild {r.slug}: {', '.join(reasons_now)}")
                title = r.title or _default_title(r, ds)
                jobs.append((r, Job(r.slug, r.notebook, sources[r.notebook_path], r.params, title, str(ds.data_dir),
                                    ds.fingerprint, cell_timeout, alternates=alternates.get(r.slug, {}), fork=fork,
                                    base_url=base_url),
                             comp))
            where = f"on the Dask scheduler {scheduler}" if scheduler else f"with {min(workers, len(jobs))} worker(s)"
            log(f"building {len(jobs)} of {len(selected)} report(s) {where}")
            progress = Progress(len(jobs), min(workers, len(jobs)))
            if early.executor is not None:
                executor = early.take()
                left = getattr(executor, "jobs_left", None)
                if left is not None and len(jobs) != len(expected):  # another build ran some meanwhile
                    with left.get_lock():
                        left.value += len(jobs) - len(expected)
            elif executor_factory is default_executor:
                executor = default_executor(min(workers, len(jobs)), str(ds.data_dir), jobs=len(jobs), fork=fork)
            else:
                executor = executor_factory(min(workers, len(jobs)), str(ds.data_dir))
            submitted = time.time()
            interrupted = False
            try:
                futures = {executor.submit(run_job, job): (r, job, comp) for r, job, comp in jobs}
                for fut in as_completed(futures):
                    r, job, comp = futures[fut]
                    try:
                        result = fut.result()
                    except Exception as exc:  # the worker itself died
                        result = JobResult(job.slug, False, error={"cell": None, "ename": type(exc).__name__,
                                                                   "evalue": str(exc)[:500]})
                    _collect(out_dir, entries, r, job, comp, result)
                    save_state(out_dir, state)
                    failures += not result.ok
                    note = "" if result.ok else f"  {result.error.get('ename')}: {result.error.get('evalue')}"
                    progress.event(r.slug, result.ok, result.timings.get("total", result.timings.get("execute", 0.0)), note)
            except KeyboardInterrupt:
                interrupted = True
                log("interrupted: stopping workers; finished reports are kept, nothing half-written")
                _stop(executor)
                raise
            except OSError:  # the output cannot be written (a full disk): stop every job now, keep what is there
                interrupted = True
                _stop(executor)
                raise
            finally:
                try:
                    _write_index(out_dir, reports, state)
                    save_state(out_dir, state)
                except OSError:
                    if not interrupted:
                        raise
                if not interrupted:
                    executor.shutdown(wait=True, cancel_futures=True)
                    _log_build(out_dir, began, submitted, len(jobs), min(workers, len(jobs)), failures)
                    from .static_charts import PICTURE_MAX_AGE_DAYS, prune_pictures

                    gone = prune_pictures()
                    if gone:
                        log(f"picture cache: dropped {gone} picture(s) unused for {PICTURE_MAX_AGE_DAYS} days "
                            "or beyond its size")
        else:
            log(f"nothing to do: {len(selected)} report(s) up to date"
                + (" (those --only selects)" if len(selected) != len(reports) else ""))
            _write_index(out_dir, reports, state)
            if json.dumps(state, sort_keys=True) != before:
                save_state(out_dir, state)
    return 0 if failures == 0 else 1


def _orphans(out_dir: Path, entries: dict, planned: set[str], reports_toml: Path, prune: bool, log) -> None:
    """Pages this tool built (they have a state entry) for slugs the batch file no longer plans."""
    gone = sorted(s for s in entries if s not in planned)
    if not gone:
        return
    if not prune:
        log(f"not in {reports_toml.name} (kept; `chinadigital build --prune` removes them): "
            + ", ".join(f"{s}.html" for s in gone))
        return
    for slug in gone:
        for p in (out_dir / f"{slug}.html", out_dir / "executed" / f"{slug}.ipynb"):
            p.unlink(missing_ok=True)
        del entries[slug]
        log(f"removed {slug}.html: not in {reports_toml.name}")


def _default_title(r: plan.Report, ds) -> str:
    from ..report.context import Report

    return Report(r.notebook, ds=ds, **r.params).title()


def _collect(out_dir: Path, entries: dict, r: plan.Report, job: Job, comp: dict, result: JobResult) -> None:
    """Write one job's outputs atomically; a failure keeps the last good HTML and marks it stale."""
    prev = entries.get(r.slug, {})
    entry = {"notebook": r.notebook, "params": r.params, "title": job.title, "lang": r.lang,
             "timings": {k: round(v, 3) for k, v in result.timings.items()}}
    t0 = time.perf_counter()
    if result.executed:
        atomic_write(out_dir / "executed" / f"{r.slug}.ipynb", result.executed)
    if result.ok:
        atomic_write(out_dir / f"{r.slug}.html", result.html)
        result.timings["write"] = time.perf_counter() - t0
        entry.update(status="ok", components=comp, built_at=result.built_at, error=None,
                     size=(out_dir / f"{r.slug}.html").stat().st_size, stale=False, notes=list(result.notes))
    else:
        has_old = (out_dir / f"{r.slug}.html").exists()
        entry.update(status="failed", components=prev.get("components"), built_at=prev.get("built_at", ""),
                     error=result.error, size=prev.get("size", 0), stale=has_old)
    entries[r.slug] = entry
    _log_timings(out_dir, r.slug, result)


def _log_timings(out_dir: Path, slug: str, result: JobResult) -> None:
    """One JSON line per job run, so where the time goes is measured, not guessed (benchmarks read this)."""
    line = json.dumps({"slug": slug, "ok": result.ok, "at": time.time(), **{k: round(v, 4) for k, v in result.timings.items()}})
    with open(out_dir / ".build-log.jsonl", "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def _log_build(out_dir: Path, began: float, submitted: float, jobs: int, workers: int, failures: int) -> None:
    """One line per build that ran jobs, beside the per-job log: when it began, when the jobs were handed to
    the executor, when the last worker had exited (start-up and shut-down, measured beside the jobs)."""
    line = json.dumps({"build": True, "began": round(began, 4), "submitted": round(submitted, 4),
                       "ended": round(time.time(), 4), "jobs": jobs, "workers": workers, "failures": failures})
    with open(out_dir / ".build-runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def _write_index(out_dir: Path, reports: list[plan.Report], state: dict) -> None:
    """The index page, rewritten only when a row changed (or the page is missing): a build with nothing to do
    leaves it alone, and writing it needs the exporter's CSP, which imports nbconvert."""
    entries = state.get("reports", {})
    rows = []
    for r in reports:
        e = entries.get(r.slug, {})
        size = e.get("size", 0)
        rows.append({"slug": r.slug, "title": e.get("title") or r.title or r.slug, "lang": r.lang,
                     "params": ", ".join(f"{k}={v}" for k, v in r.params.items()),
                     "status": e.get("status", "not built"), "built_at": e.get("built_at", ""),
                     "size": f"{size / 1024:.0f} KB" if size else "", "has_html": (out_dir / f"{r.slug}.html").exists(),
                     "error": e.get("error"), "stale": e.get("stale", False), "notes": e.get("notes", []),
                     "notebook": r.notebook, "parameters": r.params})
    key = _sha(json.dumps(rows, sort_keys=True, default=str))
    if state.get("index") == key and (out_dir / "index.html").exists() and (out_dir / "catalogue.html").exists():
        return
    from .catalogue_page import write_catalogue
    from .index_page import index_html as bilingual_index

    built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    catalogue = write_catalogue(out_dir, reports, {row["slug"]: row["title"] for row in rows}, built)
    for row in rows:
        row["reach"] = catalogue["reach"].get(row["slug"])
    atomic_write(out_dir / "index.html", bilingual_index(rows, built, out_dir=out_dir, catalogue=catalogue))
    state["index"] = key


def _stop(executor) -> None:
    """Terminate pool workers (they shut their kernels down on SIGTERM) without waiting for queued jobs."""
    if hasattr(executor, "stop"):  # Dask: cancel, and kill the kernels running on the workers
        executor.stop()
        return
    procs = getattr(executor, "_processes", None) or {}
    for p in list(procs.values()):
        try:
            p.terminate()
        except Exception:
            pass
    executor.shutdown(wait=False, cancel_futures=True)


def list_reports(reports_toml: str | Path | None = None, out_dir: str | Path | None = None) -> list[dict]:
    reports = plan.load(Path(reports_toml or DEFAULT_TOML))
    entries = load_state(Path(out_dir or paths.REPORTS_DIR)).get("reports", {})
    return [{"slug": r.slug, "notebook": r.notebook, "params": r.params,
             "status": entries.get(r.slug, {}).get("status", "not built")} for r in reports]
