"""Where a report's export time goes: CPU seconds per report drawing the no-script SVG pictures (vl-convert)
and everything else, with every picture drawn (the picture cache off), over the executed notebooks of a
finished build. Run it with one library, then another (PYTHONPATH), to compare exporters on the same notebooks.

    python benchmarks/bench_export.py [--executed reports/executed] [--repeats 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
from pathlib import Path


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--executed", type=Path, default=Path(__file__).resolve().parents[1] / "reports" / "executed")
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args()
    os.environ["CHINADIGITAL_SVG_CACHE"] = "0"
    import nbformat

    import chinadigital
    from chinadigital.batch import export as ex, vega_bundle as vb
    from chinadigital.batch import static_charts

    print(f"library: {chinadigital.__file__}", file=sys.stderr)
    drawing = [0.0]
    real = static_charts.render_svg

    def timed(spec):
        c = cpu()
        out = real(spec)
        drawing[0] += cpu() - c
        return out

    static_charts.render_svg = timed  # export.py imports it at call time
    nbs = {p.stem: nbformat.read(p, as_version=4) for p in sorted(args.executed.glob("*.ipynb"))}
    vb.packed_bundle()

    def run(slug):
        nb = nbs[slug]
        p = nb.metadata.get("papermill", {}).get("parameters", {})
        return ex.export(nb, lang=p.get("lang", "en"), title="T", params=p, fingerprint="f",
                         built_at="2026-01-01 00:00 UTC", slug=slug)

    c = cpu()
    run(next(iter(nbs)))
    first = cpu() - c
    total, pictures = [], []
    for _ in range(args.repeats):
        for slug in nbs:
            drawing[0] = 0.0
            c = cpu()
            run(slug)
            total.append(cpu() - c)
            pictures.append(drawing[0])
    print(json.dumps({"reports": len(nbs), "first_export_cpu": round(first, 3),
                      "export_cpu_median": round(statistics.median(total), 3),
                      "pictures_cpu_median": round(statistics.median(pictures), 3),
                      "rest_cpu_median": round(statistics.median(t - p for t, p in zip(total, pictures)), 3)}))


if __name__ == "__main__":
    main()
