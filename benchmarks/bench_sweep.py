"""A parameter sweep (40 smart-city reports: the cities the contract accepts x year windows x languages) on the local process pool
and on a two-worker Dask LocalCluster, on this machine. Prints jobs per minute for each and how a job's
cost splits (kernel wait, check cell, other cells, export, and what is left: scheduling and transfer).

    python benchmarks/bench_sweep.py [--jobs 40]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from buildkit import write_toml  # noqa: E402

LANGS = ["en", "ko"]


def cities() -> list[str]:
    """The cities the smart_cities report accepts today: those whose data fill every panel (the contract's own
    rule, so the sweep follows the data rather than a list that goes stale)."""
    from chinadigital import load
    from chinadigital.report.params import smart_cities_with_data

    return smart_cities_with_data(load())


def windows(n: int) -> list[tuple[int, int]]:
    """n distinct year windows inside 2008-2025, widest first."""
    out = [(a, b) for width in range(17, 3, -1) for a in range(2008, 2026 - width) for b in [a + width]]
    return out[:n]


def sweep(n: int) -> list[dict]:
    cs = cities()
    per = -(-n // (len(cs) * len(LANGS)))  # windows per city and language, rounded up
    combos = list(itertools.product(cs, windows(per), LANGS))[:n]
    return [{"slug": f"sc-{c.replace('_', '-')}-{a}-{b}-{lang}", "notebook": "smart_cities",
             "parameters": {"lang": lang, "city": c, "start_year": a, "end_year": b}} for c, (a, b), lang in combos]


def run(toml: Path, out: Path, *extra) -> float:
    t0 = time.perf_counter()
    r = subprocess.run([str(Path(sys.executable).parent / "chinadigital"), "build", "--force", "--reports-toml", str(toml),
                        "--out", str(out), *extra], capture_output=True, text=True, cwd=REPO,
                       env={**os.environ, "CHINADIGITAL_SVG_CACHE": "0"})  # every picture drawn: a cold sweep
    if r.returncode != 0:
        raise SystemExit(r.stderr[-3000:])
    return time.perf_counter() - t0


def split(out: Path) -> dict:
    rows = [json.loads(x) for x in (out / ".build-log.jsonl").read_text().splitlines()]
    return {k: statistics.median(r.get(k, 0.0) for r in rows) for k in ("kernel", "check_cell", "other_cells", "export", "total")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=40)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cd-sweep-"))
    toml = write_toml(tmp / "sweep.toml", sweep(args.jobs))
    results = {}
    for name, extra in (("local pool (-j 2)", ["-j", "2"]), ("Dask LocalCluster (2 workers)", ["--scheduler", "local", "-j", "2"])):
        out = tmp / name.split()[0]
        wall = run(toml, out, *extra)
        results[name] = (wall, split(out))
    print(f"{args.jobs} smart_cities jobs (cities {', '.join(cities())} x year windows x {len(LANGS)} languages), 2 cores\n")
    print("| executor | wall s | jobs per minute | kernel wait | check cell | other cells | export | job total | overhead per job (scheduling, transfer) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (wall, s) in results.items():
        overhead = wall * 2 / args.jobs - s["total"]
        print(f"| {name} | {wall:.1f} | {60 * args.jobs / wall:.1f} | {s['kernel']:.2f} | {s['check_cell']:.2f} | "
              f"{s['other_cells']:.2f} | {s['export']:.2f} | {s['total']:.2f} | {overhead:.2f} |")


if __name__ == "__main__":
    main()
