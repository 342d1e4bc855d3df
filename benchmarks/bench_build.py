"""Benchmark the batch build against the naive pipeline, measured side by side in one run.

Approaches, alternated round by round over the default batch (reports.toml):
  1 naive          papermill CLI then `jupyter nbconvert --to html` CLI per job, sequential, Altair's default renderer
  2 naive-inline   the same with Altair's inline HTML template (the naive way to get offline charts)
  3 cold -j1       chinadigital build --force -j 1
  4 cold           chinadigital build --force (default parallelism)
  5 warm           chinadigital build with nothing changed

Prints wall time (median, min, max) and the ratio to approach 1 computed round by round; HTML
bytes per report and per extra chart; the time from navigation to every chart drawn in headless
Chromium with the network blocked (and how many charts drew); where a cold job spends its
time, from the build's own timing log; what importing jsonschema, nbformat, Altair and the chart
library costs a fresh process (`-X importtime`); and the no-change build repeated, with the heavy
libraries it imported (none, when it decides from fingerprints alone). Not part of `make test`:
run `make bench`.

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

APPROACHES = ["naive", "naive-inline", "cold -j1", "cold", "warm"]
IMPORTS = ("jsonschema", "nbformat", "altair", "chinadigital.report.charts")
HEAVY = ("pandas", "altair", "nbformat", "nbconvert", "papermill", "jupyter_client", "jsonschema")
# Before the jsonschema pin (4.26.0 with rfc3987-syntax 1.1.0), same method, 7 processes alternated with the
# pinned venv, 2026-11-25, busy machine: median cumulative importtime, seconds (RESULTS.md, Round 2).
# The no-change build, before lazy imports and the pin: 2.14 s (hyperfine mean, same session).
BEFORE_IMPORT_S = {"jsonschema": 1.09, "nbformat": 1.11, "altair": 1.32, "chinadigital.report.charts": 1.77}
BEFORE_NO_CHANGE_S = 2.14


def batch():
    from chinadigital import load
    from chinadigital.batch.plan import load as load_plan

    return load_plan(REPO / "reports.toml", load())


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


def chinadigital(out: Path, *flags) -> float:
    return run([str(BIN / "chinadigital"), "build", "--out", str(out), *flags])


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


def browser_draw(page_path: Path, expected: int) -> tuple[float | None, int]:
    """Milliseconds from navigation to the last chart drawn, with every non-file request blocked; charts drawn."""
    from browser import chromium

    with chromium() as ctx:
        page = ctx.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(page_path.resolve().as_uri())
        drawn_js = ("Array.from(document.querySelectorAll('.cd-vega, .vega-embed')).filter(e => "
                    "e.querySelector('svg g.mark-symbol, svg g.mark-line, svg g.mark-rect, svg g.mark-rule, canvas')).length")
        last, when, t0 = -1, None, time.perf_counter()
        while time.perf_counter() - t0 < 6:
            n = page.evaluate(drawn_js)
            if n != last:
                last, when = n, page.evaluate("performance.now()")
            if n >= expected:
                break
            page.wait_for_timeout(25)
        return (when if last > 0 else None), max(last, 0)


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


def breakdown(log: Path) -> dict:
    rows = [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else []
    rows = [r for r in rows if r.get("ok")]
    keys = ["kernel", "check_cell", "other_cells", "export", "write", "total"]
    return {k: statistics.median(r[k] for r in rows if k in r) for k in keys if any(k in r for r in rows)}


def main() -> None:
    global batch_reports
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--results", type=Path, default=None, help="also write the tables to this markdown file")
    ap.add_argument("--quick", action="store_true", help="only the import costs and the no-change build")
    ap.add_argument("--warm-out", type=Path, default=None,
                    help="with --quick: a finished build to time no-change builds on (copied, not touched)")
    args = ap.parse_args()
    if args.quick:
        quick(args.warm_out)
        return
    import tomllib

    raw = {e["slug"]: e.get("parameters", {}) for e in tomllib.loads((REPO / "reports.toml").read_text())["report"]}
    batch_reports = batch()
    for r in batch_reports:
        object.__setattr__(r, "raw_params", raw[r.slug])
    scratch = Path(tempfile.mkdtemp(prefix="cd-bench-"))
    dirs = {"naive": scratch / "naive", "naive-inline": scratch / "inline", "cold -j1": scratch / "cd1",
            "cold": scratch / "cd", "warm": scratch / "cd"}
    times = {a: [] for a in APPROACHES}
    ratios = {a: [] for a in APPROACHES}
    for rnd in range(args.rounds):
        order = APPROACHES[rnd % 5:] + APPROACHES[:rnd % 5]
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
                this[a] = chinadigital(dirs[a], "--force", "-j", "1")
            elif a == "cold":
                this[a] = chinadigital(dirs[a], "--force")
            else:
                this[a] = chinadigital(dirs[a])
            print(f"round {rnd + 1}: {a:<13} {this[a]:7.2f} s", file=sys.stderr)
        for a in APPROACHES:
            times[a].append(this[a])
            ratios[a].append(this["naive"] / this[a])
    if args.rounds == 0:  # sizes and browser only: one run of each page-producing approach
        naive(dirs["naive"], "default")
        naive(dirs["naive-inline"], "inline")
        chinadigital(dirs["cold"], "--force")
    lines = []
    out = lines.append
    out(f"Default batch: {len(batch_reports)} reports; {args.rounds} rounds, approaches alternated.\n")
    out("| approach | median s | min s | max s | speed-up vs naive (median of per-round ratios) |")
    out("|---|---:|---:|---:|---:|")
    for a in APPROACHES if args.rounds else []:
        out(f"| {a} | {statistics.median(times[a]):.2f} | {min(times[a]):.2f} | {max(times[a]):.2f} | "
            f"{statistics.median(ratios[a]):.2f}x |")
    out("\n| approach | HTML bytes per report (median) | max | bytes per chart (median, as stored) | Chromium offline: ms to last chart drawn | charts drawn |")
    out("|---|---:|---:|---:|---:|---:|")
    probe = "mobile-payments-en"
    for a, folder, ex in (("naive", dirs["naive"], dirs["naive"]), ("naive-inline", dirs["naive-inline"], dirs["naive-inline"]),
                          ("chinadigital", dirs["cold"], dirs["cold"] / "executed")):
        sizes = html_sizes(folder)
        charts = chart_counts(folder, ex)
        slope = per_chart_bytes(folder, a)
        ms, drawn = browser_draw(folder / f"{probe}.html", charts.get(probe, 0))
        out(f"| {a} | {statistics.median(sizes.values()):,.0f} | {max(sizes.values()):,} | "
            f"{'-' if slope is None else f'{slope:,.0f}'} | {'-' if ms is None else f'{ms:.0f}'} | "
            f"{drawn} of {charts.get(probe, 0)} |")
    if not args.rounds:
        print("\n".join(lines))
        return
    bd = breakdown(dirs["cold"] / ".build-log.jsonl")
    bd1 = breakdown(dirs["cold -j1"] / ".build-log.jsonl")
    out("\nWhere a cold job's time goes (median seconds per job, from reports/.build-log.jsonl):\n")
    out("| build | kernel wait | check cell (imports, data, parameters) | other cells | export | write | job total |")
    out("|---|---:|---:|---:|---:|---:|---:|")
    for name, b in (("cold -j1", bd1), ("cold", bd)):
        out(f"| {name} | " + " | ".join(f"{b.get(k, float('nan')):.2f}" for k in
                                       ("kernel", "check_cell", "other_cells", "export", "write", "total")) + " |")
    fixed_costs(out, import_costs(), no_change(dirs["cold"]))
    vers = {n: metadata.version(n) for n in ("papermill", "nbconvert", "altair", "pandas", "vl-convert-python", "ipykernel",
                                              "jsonschema")}
    out(f"\nMachine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}; "
        + ", ".join(f"{k} {v}" for k, v in vers.items()) + ".")
    text = "\n".join(lines)
    print(text)
    if args.results:  # the tables are replaced; the hand-written "## Round" notes (what was tried) are kept
        old = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
        rounds = old[old.index("\n## Round"):] if "\n## Round" in old else ""
        args.results.write_text(RESULTS_HEAD + text + "\n" + rounds, encoding="utf-8")
    shutil.rmtree(scratch, ignore_errors=True)


RESULTS_HEAD = """# Benchmark results

Reproduce with `make bench` (or `python benchmarks/bench_build.py --rounds 3 --results benchmarks/RESULTS.md`).
Absolute times drift on shared machines; read the ratios, which are measured in the same round.

"""

batch_reports = []

if __name__ == "__main__":
    main()
