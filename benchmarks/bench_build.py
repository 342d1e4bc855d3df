"""Benchmark the batch build against the naive pipeline, measured side by side in one run.

Approaches, alternated round by round over the default batch (reports.toml):
  1 naive          papermill CLI then `jupyter nbconvert --to html` CLI per job, sequential, Altair's default renderer
  2 naive-inline   the same with Altair's inline HTML template (the naive way to get offline charts)
  3 cold -j1       chinadigital build --force -j 1
  4 cold           chinadigital build --force (default parallelism): each report's kernel forked from a template
  5 cold --no-fork the same with a freshly started kernel per report (the design before issue 25)
  6 warm           chinadigital build with nothing changed

Every cold build draws every no-script picture (CHINADIGITAL_SVG_CACHE=0); what the picture cache saves a
rebuild is measured once after the rounds (`--force` twice on one cache, the second timed).

Prints wall time (median, min, max) and the ratio to approach 1 computed round by round (and -j1 against
the default, round by round), each round's ratios as it ends; HTML
bytes per report and per extra chart; the time from navigation to every chart drawn in headless
Chromium with the network blocked (and how many charts drew); where a cold job spends its
time, from the build's own timing log; what importing jsonschema, nbformat, Altair and the chart
library costs a fresh process (`-X importtime`); and the no-change build repeated, with the heavy
libraries it imported (none, when it decides from fingerprints alone); per phase of a cold job, wall and
CPU seconds (start-up, kernel wait, check cell, other cells, export, write, shut-down) and peak memory per
worker and per kernel, from the build's own logs; the 40-job parameter sweep in jobs per minute on the
local pool and on a two-worker Dask LocalCluster (benchmarks/bench_sweep.py); and every figure beside the
previous RESULTS.md figures. Not part of `make test`: run `make bench`.

    python benchmarks/bench_build.py [--rounds 3] [--results benchmarks/RESULTS.md]
    python benchmarks/bench_build.py --quick [--warm-out reports]   # import cost and no-change build only
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "tests"))

APPROACHES = ["naive", "naive-inline", "cold -j1", "cold", "cold --no-fork", "warm"]
COLD = {"CHINADIGITAL_SVG_CACHE": "0"}  # a cold build draws every picture
IMPORTS = ("jsonschema", "nbformat", "altair", "chinadigital.report.charts")
HEAVY = ("pandas", "altair", "nbformat", "nbconvert", "papermill", "jupyter_client", "jsonschema")
# Before the jsonschema pin (4.26.0 with rfc3987-syntax 1.1.0), same method, 7 processes alternated with the
# pinned venv, 2026-11-25, busy machine: median cumulative importtime, seconds (RESULTS.md, Round 2).
# The no-change build, before lazy imports and the pin: 2.14 s (hyperfine mean, same session).
BEFORE_IMPORT_S = {"jsonschema": 1.09, "nbformat": 1.11, "altair": 1.32, "chinadigital.report.charts": 1.77}
BEFORE_NO_CHANGE_S = 2.14
# RESULTS.md Round 4 (one run, 2026-11-26, 10 reports, 3 rounds; sweep the same day): what each figure is
# compared with. Phases are medians per job of that run's cold default build (2 workers).
PREVIOUS = {"cold": 2.58, "cold -j1": 1.94, "j2_vs_j1": 1.35, "draw_ms": 456, "sweep_local": 53.8,
            "sweep_dask": 47.6, "no_change_s": 0.116, "cpu_per_job": 2.20,
            "phases": {"startup": 1.71, "kernel": 0.00, "check_cell": 0.11, "other_cells": 1.24, "export": 0.70,
                       "write": 0.00, "shutdown": 0.44, "total": 2.43}}


def reports_toml() -> Path:
    """The batch measured: the snapshot's reports.toml (see snapshot()), else the working tree's."""
    return Path(os.environ.get("CD_BENCH_SNAPSHOT") or REPO) / "reports.toml"


def batch():
    from chinadigital import load
    from chinadigital.batch.plan import load as load_plan

    return load_plan(reports_toml(), load())


def run(cmd, env=None):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=REPO, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{r.stderr[-3000:]}")
    return time.perf_counter() - t0


def naive(out: Path, renderer: str) -> float:
    """papermill then nbconvert, one process each, one job after another."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = {"CHINADIGITAL_ALTAIR_RENDERER": renderer}
    t0 = time.perf_counter()
    for r in batch_reports:
        executed = out / f"{r.slug}.ipynb"
        args = [str(BIN / "papermill"), str(r.notebook_path), str(executed), "--no-progress-bar"]
        for k, v in r.raw_params.items():
            args += ["-p", k, str(v)]
        run(args, env)
        run([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)], env)
    return time.perf_counter() - t0


def chinadigital(out: Path, *flags, env=None) -> float:
    return run([str(BIN / "chinadigital"), "build", "--out", str(out), *flags], env)


def only_no_change(out: Path, runs: int = 10) -> dict:
    """`--only` one report into a folder where the rest of the batch was never built: what it looks at is that
    report alone (the others are not checked against the data, pandas is not loaded)."""
    first = next(r.slug for r in batch_reports)
    shutil.rmtree(out, ignore_errors=True)
    chinadigital(out, "--only", first, env=COLD)
    times = [chinadigital(out, "--only", first) for _ in range(runs)]
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": runs, "slug": first}


def pictures_kept(out: Path, cache: Path) -> dict:
    """A rebuild whose charts did not change (`--force` twice on one picture cache; the second is timed):
    wall seconds and the median export CPU per job."""
    env = {"CHINADIGITAL_CACHE": str(cache)}
    bundle = Path(os.environ.get("CHINADIGITAL_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                  / "chinadigital")
    cache.mkdir(parents=True, exist_ok=True)
    for f in bundle.glob("vega-bundle-*.js"):  # the bundle is cached anyway: only the pictures start empty
        shutil.copy(f, cache / f.name)
    shutil.rmtree(out, ignore_errors=True)
    chinadigital(out, "--force", env=env)
    (out / ".build-log.jsonl").unlink()
    wall = chinadigital(out, "--force", env=env)
    rows = [json.loads(x) for x in (out / ".build-log.jsonl").read_text().splitlines()]
    return {"wall": wall, "export_cpu": statistics.median(r["export_cpu"] for r in rows if "export_cpu" in r)}


def html_sizes(folder: Path) -> dict[str, int]:
    return {p.stem: p.stat().st_size for p in folder.glob("*.html") if p.name != "index.html"}


def chart_counts(folder: Path, executed_dir: Path) -> dict[str, int]:
    counts = {}
    for p in executed_dir.glob("*.ipynb"):
        nb = json.loads(p.read_text(encoding="utf-8"))
        counts[p.stem] = sum(1 for c in nb["cells"] for o in c.get("outputs", [])
                             if any(k.startswith("application/vnd.vegalite") or
                                    (k == "text/html" and "vegaEmbed" in "".join(v) if isinstance(v, list) else
                                     k == "text/html" and "vegaEmbed" in str(v)) for k, v in o.get("data", {}).items()))
    return counts


def per_chart_bytes(folder: Path, approach: str) -> float | None:
    """What one more chart adds to a page: the median size of one chart as the page stores it.

    (A regression of page size on chart count is confounded here: the reports with fewer charts
    carry the longest tables.) chinadigital: one packed spec; naive-inline: one chart's HTML, bundle
    included; naive: one chart's spec as nbconvert embeds it."""
    sizes = []
    for page in folder.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        if approach == "chinadigital":
            sizes += [len(m) for m in re.findall(r'class="cd-spec"[^>]*>(.*?)</script>', text, re.S)]
        else:  # both naive pages: one output area per chart, its HTML holding the spec (and, inline, the bundle)
            sizes += [len(p) for p in re.split(r'<div class="jp-OutputArea-child', text)[1:] if "vegaEmbed" in p]
    return statistics.median(sizes) if sizes else None


DRAW_PROBE = """
(() => {
  const t = {bundle: null, first: null, last: null, dcl: null};
  window.__cdTimes = t;
  document.addEventListener("DOMContentLoaded", () => { t.dcl = performance.now(); });
  const tick = () => {
    if (t.bundle === null && typeof window.vegaEmbed !== "undefined") t.bundle = performance.now();
    const figs = document.querySelectorAll("figure.cd-chart");
    const done = document.querySelectorAll("figure.cd-chart[data-rendered], figure.cd-chart[data-error]").length;
    if (done > 0 && t.first === null) t.first = performance.now();
    if (figs.length && done === figs.length) { t.last = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def browser_draw(page_path: Path, expected: int, loads: int = 1) -> tuple[float | None, int, dict]:
    """Milliseconds from navigation to the last chart drawn, with every non-file request blocked; charts drawn;
    and, for chinadigital pages, the median over `loads` fresh pages of when the DOM was parsed, when the Vega
    bundle had been unpacked and run (vegaEmbed defined), and when the first and last figure were drawn."""
    from browser import chromium

    drawn_js = ("Array.from(document.querySelectorAll('.cd-vega, .vega-embed')).filter(e => "
                "e.querySelector('svg g.mark-symbol, svg g.mark-line, svg g.mark-rect, svg g.mark-rule, canvas')).length")
    whens, drawn, phases = [], 0, []
    with chromium() as ctx:
        for _ in range(max(1, loads)):
            page = ctx.new_page()
            page.add_init_script(DRAW_PROBE)
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page.goto(page_path.resolve().as_uri())
            last, when, t0 = -1, None, time.perf_counter()
            while time.perf_counter() - t0 < 6:
                n = page.evaluate(drawn_js)
                if n != last:
                    last, when = n, page.evaluate("performance.now()")
                if n >= expected:
                    break
                page.wait_for_timeout(25)
            phases.append(page.evaluate("window.__cdTimes || {}"))
            page.close()
            if last > 0:
                whens.append(when)
            drawn = max(drawn, last)
    keys = ("dcl", "bundle", "first", "last")
    med = {k: statistics.median(v) for k in keys if (v := [p[k] for p in phases if p.get(k) is not None])}
    return (statistics.median(whens) if whens else None), max(drawn, 0), med


def importtime(stderr: str) -> dict[str, int]:
    """Module -> cumulative microseconds, from `python -X importtime` output."""
    out = {}
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)\s*$", line)
        if m:
            out[m.group(2)] = int(m.group(1))
    return out


def import_costs(runs: int = 5) -> list[dict]:
    """What `import M` costs a fresh interpreter: median of `runs` processes, importtime's cumulative figure
    for M and the process's wall time; whether the Lark-based rfc3987_syntax came along."""
    rows = []
    for mod in IMPORTS:
        cum, wall, lark = [], [], False
        for _ in range(runs):
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, "-X", "importtime", "-c",
                                f"import {mod}\nimport sys\nprint('rfc3987_syntax' in sys.modules)"],
                               cwd=REPO, capture_output=True, text=True)
            wall.append(time.perf_counter() - t0)
            if r.returncode != 0:
                raise SystemExit(f"import {mod} failed:\n{r.stderr[-2000:]}")
            mods = importtime(r.stderr)
            cum.append(mods[mod] / 1e6)
            lark |= r.stdout.strip() == "True"  # importtime lists failed attempts too: ask sys.modules
        rows.append({"module": mod, "importtime": statistics.median(cum), "min": min(cum),
                     "wall": statistics.median(wall), "rfc3987_syntax": lark})
    return rows


def no_change(out: Path, runs: int = 10) -> dict:
    """`chinadigital build` on a finished build once under -X importtime (what it imported; that it had nothing
    to do, else stop before building anything more), then `runs` times."""
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "chinadigital", "build", "--out", str(out)],
                       cwd=REPO, capture_output=True, text=True)
    if r.returncode != 0 or "nothing to do" not in r.stderr:
        tail = "\n".join(x for x in r.stderr.splitlines() if not x.startswith("import time:"))[-2000:]
        raise SystemExit(f"the no-change build had something to do (or failed):\n{tail}")
    heavy = sorted({m.split(".")[0] for m in importtime(r.stderr)} & set(HEAVY))
    times = [chinadigital(out) for _ in range(runs)]
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": runs, "heavy": heavy}


def fixed_costs(emit, imports: list[dict], nc: dict) -> None:
    emit("\nImport cost in a fresh process (`python -X importtime -c \"import M\"`, median of 5 processes):\n")
    emit("| import | importtime s (median) | min | process wall s (median) | rfc3987_syntax imported | before the pin, importtime s |")
    emit("|---|---:|---:|---:|---|---:|")
    for row in imports:
        emit(f"| `{row['module']}` | {row['importtime']:.3f} | {row['min']:.3f} | {row['wall']:.3f} | "
            f"{'yes' if row['rfc3987_syntax'] else 'no'} | {BEFORE_IMPORT_S.get(row['module'], float('nan')):.2f} |")
    emit(f"\nNo-change build (`chinadigital build` on a finished build of the default batch, {nc['runs']} runs): "
        f"median {nc['median']:.3f} s, min {nc['min']:.3f} s, max {nc['max']:.3f} s (before: {BEFORE_NO_CHANGE_S:.2f} s); "
        f"heavy libraries imported: {', '.join(nc['heavy']) or 'none'} (of {', '.join(HEAVY)}).")


def quick(warm_out: Path | None) -> None:
    """Import costs and the no-change build only: minutes less than the full benchmark, no kernel if
    `warm_out` holds a finished build (it is copied first, so the folder itself is not touched)."""
    scratch = Path(tempfile.mkdtemp(prefix="cd-bench-quick-"))
    out_dir = scratch / "out"
    if warm_out is not None:
        shutil.copytree(warm_out, out_dir)
    else:
        print("building the default batch once, for a no-change build to time", file=sys.stderr)
        chinadigital(out_dir)
    lines = []
    fixed_costs(lines.append, import_costs(), no_change(out_dir))
    print("\n".join(lines))
    shutil.rmtree(scratch, ignore_errors=True)


PHASES = ("startup", "kernel", "check_cell", "other_cells", "export", "write", "shutdown", "total")
CPU = ("kernel_boot_cpu", "kernel_cells_cpu", "execute_cpu", "export_cpu")


def breakdown(out: Path) -> dict:
    """Medians per job from out/.build-log.jsonl (every round's jobs), and per build from out/.build-runs.jsonl:
    start-up is from the build's start to its first job's start (process start before that: the wall clock
    minus the build's own span, reported separately), shut-down from the last job's end to the last worker's
    exit. CPU seconds per job: the kernel's boot and warm-up, its cells, the worker while the kernel ran
    (papermill, nbclient), the export. Peak memory: the largest of any worker and any kernel."""
    log = out / ".build-log.jsonl"
    rows = [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else []
    rows = [r for r in rows if r.get("ok")]
    res = {k: statistics.median(r[k] for r in rows if k in r) for k in PHASES + CPU if any(k in r for r in rows)}
    templates: dict = {}
    for r in rows:  # each template's CPU (its imports and forks), the last reading, spread over its jobs
        if r.get("template_pid"):
            t = templates.setdefault((r.get("template_pid"), round(r.get("started_at", 0) // 600)), [0.0, 0])
            t[0] = max(t[0], r.get("template_cpu", 0.0))
            t[1] += 1
    if templates:
        res["template_cpu_per_job"] = sum(c for c, _ in templates.values()) / sum(n for _, n in templates.values())
    res["worker_mb"] = max((r.get("worker_mb", 0) for r in rows), default=0)
    res["kernel_mb"] = max((r.get("kernel_mb", 0) for r in rows), default=0)
    runs_file = out / ".build-runs.jsonl"
    runs = [json.loads(x) for x in runs_file.read_text().splitlines()] if runs_file.exists() else []
    starts, ends = [], []
    for b in runs:
        mine = [r for r in rows if "started_at" in r and b["began"] <= r["started_at"] <= b["ended"]]
        if mine:
            starts.append(min(r["started_at"] for r in mine) - b["began"])
            ends.append(b["ended"] - max(r["at"] for r in mine))
    if starts:
        res["startup"], res["shutdown"] = statistics.median(starts), statistics.median(ends)
        res["build_span"] = statistics.median(b["ended"] - b["began"] for b in runs)
    return res


def sweep_rates(jobs: int = 40) -> dict:
    """benchmarks/bench_sweep.py's sweep, once on each executor: (wall s, jobs per minute, job split)."""
    import bench_sweep

    tmp = Path(tempfile.mkdtemp(prefix="cd-bench-sweep-"))
    toml = bench_sweep.write_toml(tmp / "sweep.toml", bench_sweep.sweep(jobs))
    out = {}
    for name, extra in (("local pool (-j 2)", ["-j", "2"]), ("Dask LocalCluster (2 workers)", ["--scheduler", "local", "-j", "2"])):
        folder = tmp / name.split()[0]
        wall = bench_sweep.run(toml, folder, *extra)
        out[name] = {"wall": wall, "per_min": 60 * jobs / wall, "split": bench_sweep.split(folder)}
        print(f"sweep: {name:<30} {wall:7.2f} s  {60 * jobs / wall:5.1f} jobs/min", file=sys.stderr)
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def fork_pair(rounds: int) -> None:
    """The cold default build forked and with --no-fork, back to back, the order swapped each round: the ratio per
    round, and the CPU split per job of each from the build's own log."""
    scratch = Path(tempfile.mkdtemp(prefix="cd-bench-fork-"))
    dirs = {"cold": scratch / "fork", "cold --no-fork": scratch / "nofork"}
    flags = {"cold": [], "cold --no-fork": ["--no-fork"]}
    times = {a: [] for a in dirs}
    ratios = []
    for rnd in range(rounds):
        order = list(dirs) if rnd % 2 == 0 else list(dirs)[::-1]
        this = {}
        for a in order:
            this[a] = chinadigital(dirs[a], "--force", "-j", "2", *flags[a], env=COLD)
            times[a].append(this[a])
            print(f"round {rnd + 1}: {a:<15} {this[a]:6.2f} s (load average {os.getloadavg()[0]:.1f})", file=sys.stderr)
        ratios.append(this["cold --no-fork"] / this["cold"])
    print(f"| approach | median s | min s | max s |\n|---|---:|---:|---:|")
    for a in dirs:
        print(f"| {a} | {statistics.median(times[a]):.2f} | {min(times[a]):.2f} | {max(times[a]):.2f} |")
    print(f"\nforked against --no-fork, median of per-round ratios: {statistics.median(ratios):.2f}x "
          f"({', '.join(f'{x:.2f}' for x in ratios)})\n")
    print("| build | kernel boot | kernel: cells | worker: papermill | worker: export | CPU per job | template CPU per job |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for a in dirs:
        b = breakdown(dirs[a])
        print(f"| {a} | " + " | ".join(f"{b.get(k, float('nan')):.2f}" for k in CPU) +
              f" | {sum(b.get(k, 0) for k in CPU):.2f} | {b.get('template_cpu_per_job', 0):.2f} |")
    shutil.rmtree(scratch, ignore_errors=True)


def snapshot() -> dict:
    """Copies of the library, data, notebooks and reports.toml, for the whole run: on a working tree others edit
    while the benchmark runs, a template or data edit between "cold" and "warm" would make the no-change build
    rebuild (and pages differ from round to round). Returns the environment that points every process there."""
    root = Path(tempfile.mkdtemp(prefix="cd-bench-snapshot-"))
    shutil.copytree(REPO / "lib" / "chinadigital", root / "lib" / "chinadigital", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("data", "notebooks"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(REPO / "reports.toml", root / "reports.toml")
    return {"PYTHONPATH": str(root / "lib"), "CHINADIGITAL_DATA": str(root / "data"), "CD_BENCH_SNAPSHOT": str(root)}


def main() -> None:
    global batch_reports
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--results", type=Path, default=None, help="also write the tables to this markdown file")
    ap.add_argument("--quick", action="store_true", help="only the import costs and the no-change build")
    ap.add_argument("--warm-out", type=Path, default=None,
                    help="with --quick: a finished build to time no-change builds on (copied, not touched)")
    ap.add_argument("--sweep-jobs", type=int, default=40, help="jobs in the parameter sweep (0: no sweep)")
    ap.add_argument("--loads", type=int, default=5, help="page loads per page for the drawing time (median)")
    ap.add_argument("--fork-pair", type=int, default=0, metavar="N",
                    help="only the cold build forked and with --no-fork, alternated N rounds (each pair back to back)")
    ap.add_argument("--no-snapshot", action="store_true",
                    help="measure the working tree as it changes, not a copy taken at the start")
    args = ap.parse_args()
    if args.quick:
        quick(args.warm_out)
        return
    if not args.no_snapshot and not os.environ.get("CD_BENCH_SNAPSHOT"):
        env = {**os.environ, **snapshot()}
        print(f"measuring a copy of the library, data and notebooks: {env['CD_BENCH_SNAPSHOT']}", file=sys.stderr)
        os.execve(sys.executable, [sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]], env)
    import tomllib
    if args.fork_pair:
        fork_pair(args.fork_pair)
        return

    raw = {e["slug"]: e.get("parameters", {}) for e in tomllib.loads(reports_toml().read_text())["report"]}
    batch_reports = batch()
    for r in batch_reports:
        object.__setattr__(r, "raw_params", raw[r.slug])
    scratch = Path(tempfile.mkdtemp(prefix="cd-bench-"))
    dirs = {"naive": scratch / "naive", "naive-inline": scratch / "inline", "cold -j1": scratch / "cd1",
            "cold": scratch / "cd", "warm": scratch / "cd", "cold --no-fork": scratch / "cd-nofork"}
    times = {a: [] for a in APPROACHES}
    ratios = {a: [] for a in APPROACHES}
    j2_vs_j1 = []
    fork_gain = []
    load = []
    for rnd in range(args.rounds):
        order = APPROACHES[rnd % len(APPROACHES):] + APPROACHES[:rnd % len(APPROACHES)]
        # warm needs a finished build of the same output folder: run it right after "cold"
        order = [a for a in order if a != "warm"]
        order.insert(order.index("cold") + 1, "warm")
        this = {}
        for a in order:
            if a == "naive":
                this[a] = naive(dirs[a], "default")
            elif a == "naive-inline":
                this[a] = naive(dirs[a], "inline")
            elif a == "cold -j1":
                this[a] = chinadigital(dirs[a], "--force", "-j", "1", env=COLD)
            elif a == "cold":
                this[a] = chinadigital(dirs[a], "--force", "-j", "2", env=COLD)
            elif a == "cold --no-fork":
                this[a] = chinadigital(dirs[a], "--force", "-j", "2", "--no-fork", env=COLD)
            else:
                this[a] = chinadigital(dirs[a])
            load.append(os.getloadavg()[0])
            print(f"round {rnd + 1}: {a:<13} {this[a]:7.2f} s  (load average {load[-1]:.1f})", file=sys.stderr)
        for a in APPROACHES:
            times[a].append(this[a])
            ratios[a].append(this["naive"] / this[a])
        j2_vs_j1.append(this["cold -j1"] / this["cold"])
        fork_gain.append(this["cold --no-fork"] / this["cold"])
        print(f"round {rnd + 1}: cold {ratios['cold'][-1]:.2f}x naive, cold -j1 {ratios['cold -j1'][-1]:.2f}x naive, "
              f"-j2 {j2_vs_j1[-1]:.2f}x -j1, forked {fork_gain[-1]:.2f}x --no-fork", file=sys.stderr)
    if args.rounds == 0:  # sizes and browser only: one run of each page-producing approach
        naive(dirs["naive"], "default")
        naive(dirs["naive-inline"], "inline")
        chinadigital(dirs["cold"], "--force")
    lines = []
    out = lines.append
    out(f"Default batch: {len(batch_reports)} reports; {args.rounds} rounds, approaches alternated; "
        f"load average during the run {min(load, default=0):.1f} to {max(load, default=0):.1f} on {os.cpu_count()} cores.\n")
    if args.rounds:
        out("| approach | median s | min s | max s | speed-up vs naive (median of per-round ratios) | per round | before |")
        out("|---|---:|---:|---:|---:|---|---:|")
        for a in APPROACHES:
            before = PREVIOUS.get(a)
            out(f"| {a} | {statistics.median(times[a]):.2f} | {min(times[a]):.2f} | {max(times[a]):.2f} | "
                f"{statistics.median(ratios[a]):.2f}x | {', '.join(f'{x:.2f}' for x in ratios[a])} | "
                f"{'-' if before is None else f'{before:.2f}x'} |")
        out(f"| -j2 against -j1 | | | | {statistics.median(j2_vs_j1):.2f}x | {', '.join(f'{x:.2f}' for x in j2_vs_j1)} | "
            f"{PREVIOUS['j2_vs_j1']:.2f}x |")
        out(f"| cold (forked) against cold --no-fork | | | | {statistics.median(fork_gain):.2f}x | "
            f"{', '.join(f'{x:.2f}' for x in fork_gain)} | - |")
    out("\n| approach | HTML bytes per report (median) | max | bytes per chart (median, as stored) | Chromium offline: ms to last chart drawn | charts drawn |")
    out("|---|---:|---:|---:|---:|---:|")
    counts = chart_counts(dirs["cold"], dirs["cold"] / "executed")
    probe = max(sorted(counts), key=lambda k: counts[k])  # the heaviest report: the most charts
    phases = {}
    for a, folder, ex in (("naive", dirs["naive"], dirs["naive"]), ("naive-inline", dirs["naive-inline"], dirs["naive-inline"]),
                          ("chinadigital", dirs["cold"], dirs["cold"] / "executed")):
        sizes = html_sizes(folder)
        charts = chart_counts(folder, ex)
        slope = per_chart_bytes(folder, a)
        ms, drawn, ph = browser_draw(folder / f"{probe}.html", charts.get(probe, 0),
                                     args.loads if a == "chinadigital" else 1)
        if a == "chinadigital":
            phases, draw_ms = ph, ms
        out(f"| {a} | {statistics.median(sizes.values()):,.0f} | {max(sizes.values()):,} | "
            f"{'-' if slope is None else f'{slope:,.0f}'} | {'-' if ms is None else f'{ms:.0f}'} | "
            f"{drawn} of {charts.get(probe, 0)} |")
    out(f"\nDrawing `{probe}` ({counts.get(probe, 0)} charts), chinadigital page, median of {args.loads} fresh page loads, "
        f"ms after navigation: DOM parsed {phases.get('dcl', float('nan')):.0f}; Vega bundle unpacked and run "
        f"{phases.get('bundle', float('nan')):.0f}; first chart drawn {phases.get('first', float('nan')):.0f}; "
        f"last chart drawn {phases.get('last', float('nan')):.0f} (before: {PREVIOUS['draw_ms']} ms for mobile-payments-en).")
    if not args.rounds:
        print("\n".join(lines))
        return
    bd = breakdown(dirs["cold"])
    bd1 = breakdown(dirs["cold -j1"])
    bdn = breakdown(dirs["cold --no-fork"])
    out("\nWhere a cold job's time goes (median seconds per job over every round, from the build's own "
        "`.build-log.jsonl`; start-up and shut-down per build, from `.build-runs.jsonl`):\n")
    out("| build | start-up | kernel wait | check cell (imports, data, parameters) | other cells | export | write | "
        "shut-down | job total |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, b in (("cold -j1", bd1), ("cold (2 workers)", bd), ("cold --no-fork (2 workers)", bdn),
                    ("before (Round 4): cold (2 workers)", PREVIOUS["phases"])):
        out(f"| {name} | " + " | ".join("-" if k not in b else f"{b[k]:.2f}" for k in PHASES) + " |")
    out("\nCPU seconds per job (median) and peak memory:\n")
    out("| build | kernel boot and warm-up | kernel: cells | worker while cells run (papermill) | worker: export | "
        "CPU per job | template CPU per job (its imports, shared) | peak MB per worker | peak MB per kernel |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, b in (("cold -j1", bd1), ("cold (2 workers)", bd), ("cold --no-fork (2 workers)", bdn)):
        cpu = sum(b.get(k, 0) for k in CPU)
        out(f"| {name} | " + " | ".join(f"{b.get(k, float('nan')):.2f}" for k in CPU) +
            f" | {cpu:.2f} | {b.get('template_cpu_per_job', 0):.2f} | {b['worker_mb']:.0f} | {b['kernel_mb']:.0f} |")
    out(f"\nBefore (Round 4, fresh kernels): {PREVIOUS['cpu_per_job']:.2f} CPU s per job (2 workers). A forked kernel's "
        "peak memory counts the pages it shares with its template.")
    cpu_job = sum(bd.get(k, 0) for k in CPU)
    out(f"\nFloor on this machine if it were ours alone: {len(batch_reports)} jobs x {cpu_job:.2f} CPU s / "
        f"{os.cpu_count()} cores = {len(batch_reports) * cpu_job / (os.cpu_count() or 1):.1f} s of jobs for the default "
        f"build, plus start-up {bd.get('startup', float('nan')):.2f} s and shut-down {bd.get('shutdown', float('nan')):.2f} s; "
        f"naive median {statistics.median(times['naive']):.1f} s.")
    nc = no_change(dirs["cold"])
    fixed_costs(out, import_costs(), nc)
    oc = only_no_change(scratch / "only")
    out(f"\nNo-change build with `--only {oc['slug']}` in a folder where the rest of the batch was never built "
        f"({oc['runs']} runs): median {oc['median']:.3f} s, min {oc['min']:.3f} s, max {oc['max']:.3f} s "
        f"(before: about 1.5 s, issue 25).")
    pk = pictures_kept(scratch / "kept", scratch / "picture-cache")
    out(f"\nA rebuild whose charts did not change (`--force` again on the same picture cache, 2 workers): "
        f"{pk['wall']:.2f} s wall, export {pk['export_cpu']:.2f} CPU s per job (median); the cold builds above draw "
        f"every picture.")
    if args.sweep_jobs:
        sw = sweep_rates(args.sweep_jobs)
        out(f"\nSweep: {args.sweep_jobs} smart_cities jobs, `--force`, two workers (benchmarks/bench_sweep.py):\n")
        out("| executor | wall s | jobs per minute | before | kernel wait | check cell | other cells | export | job total |")
        out("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for (name, r), before in zip(sw.items(), (PREVIOUS["sweep_local"], PREVIOUS["sweep_dask"])):
            sp = r["split"]
            out(f"| {name} | {r['wall']:.1f} | {r['per_min']:.1f} | {before:.1f} | {sp['kernel']:.2f} | "
                f"{sp['check_cell']:.2f} | {sp['other_cells']:.2f} | {sp['export']:.2f} | {sp['total']:.2f} |")
    vers = {n: metadata.version(n) for n in ("papermill", "nbconvert", "altair", "pandas", "vl-convert-python", "ipykernel",
                                              "jsonschema")}
    out(f"\nMachine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}; "
        + ", ".join(f"{k} {v}" for k, v in vers.items()) + ".")
    text = "\n".join(lines)
    print(text)
    if args.results:  # only the tables between the markers are replaced: earlier rounds and notes are kept
        old = args.results.read_text(encoding="utf-8") if args.results.exists() else RESULTS_HEAD
        block = f"{BEGIN}\n{text}\n{END}"
        if BEGIN in old and END in old:
            new = old[:old.index(BEGIN)] + block + old[old.index(END) + len(END):]
        else:
            new = old.rstrip("\n") + f"\n\n## Latest `make bench` run, {time.strftime('%Y-%m-%d')}\n\n{block}\n"
        args.results.write_text(new, encoding="utf-8")
    shutil.rmtree(scratch, ignore_errors=True)


BEGIN, END = "<!-- make bench: begin -->", "<!-- make bench: end -->"
RESULTS_HEAD = """# Benchmark results

Reproduce with `make bench` (or `python benchmarks/bench_build.py --rounds 3 --results benchmarks/RESULTS.md`).
Absolute times drift on shared machines; read the ratios, which are measured in the same round.

"""

batch_reports = []

if __name__ == "__main__":
    main()
