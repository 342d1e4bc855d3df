"""Command line: a thin layer over the library (`chinadigital validate`, ...)."""

from __future__ import annotations

import argparse
import os
import sys

from .errors import ChinadigitalError, DataValidationError


def _cmd_validate(args: argparse.Namespace) -> int:
    from .dataset import paths
    from .dataset.load import load

    try:
        folder = paths.data_dir(args.data)
        ds = load(folder, use_cache=False)
    except DataValidationError as exc:
        for problem in exc.problems:
            print(f"{folder / problem.file if problem.file else folder}:{problem.line or ''} "
                  f"{problem.field or '-'}: [{problem.rule}] {problem.detail}"
                  + (f" (value: {problem.value!r})" if problem.value is not None else ""))
        print(f"{len(exc.problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    for warning in ds.warnings:
        print(f"{folder / warning.file}:{warning.line or ''} {warning.field or '-'}: warning [{warning.rule}] "
              f"{warning.detail}", file=sys.stderr)
    print(f"ok: {folder}: {len(ds.observations)} observations, {len(ds.events_table)} events, "
          f"{len(ds.sources)} sources, {len(ds.indicators)} indicators, {len(ds.entities)} entities, "
          f"{len(ds.fx)} fx rates; {len(ds.warnings)} warning(s); fingerprint {ds.fingerprint[:12]}")
    if getattr(args, "stats", False):
        from .dataset.provenance import provenance_stats

        st = provenance_stats(ds.observations, ds.sources, ds.fx, ds.events_table)
        n = st["observations"]
        print(f"provenance: {st['issuer'] + st['original']} of {n} observation rows "
              f"({st['primary_share']:.1f}%) cite an issuer ({st['issuer']}) or original publisher "
              f"({st['original']}); {st['copy']} cite a copy")
        print(f"stated: {st['stated']} of {n} observation rows, {st['fx_stated']} of {st['fx']} fx rows; "
              f"located: {st['located']} observation rows, {st['events_located']} of {st['events']} events; "
              f"plain-http source addresses: {st['sources_http']}")
        from .dataset.catalogue import freshness_lines

        print("\n".join(freshness_lines(ds)))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .batch.build import build
    from .batch.outputs import BuildLocked, OutputError
    from .batch.plan import PlanError

    if args.base_url is not None:  # read by the exporter in every worker (they inherit the environment)
        os.environ["CHINADIGITAL_BASE_URL"] = args.base_url
    try:
        return build(args.reports_toml, args.out, only=args.only, force=args.force, workers=args.jobs,
                     explain=args.explain, cell_timeout=args.timeout, wait=not args.no_wait,
                     notebooks_dir=args.notebooks, scheduler=args.scheduler, prune=args.prune,
                     fork=False if args.no_fork else None)
    except PlanError as exc:
        print(f"chinadigital: {exc}\nnothing was built or written.", file=sys.stderr)
        return 2
    except OutputError as exc:  # --out under a file, no permission, a full disk: one line
        print(f"chinadigital: {exc}", file=sys.stderr)
        return 2
    except BuildLocked as exc:
        print(f"chinadigital: {exc}", file=sys.stderr)
        return 3
    except ChinadigitalError as exc:  # e.g. an unreachable scheduler
        print(f"chinadigital: {exc}", file=sys.stderr)
        return 1


def _cmd_sources_check(args: argparse.Namespace) -> int:
    from .dataset import paths
    from .dataset.sources_check import run

    try:
        return run(paths.data_dir(args.data), only=args.only, timeout=args.timeout, delay=args.delay)
    except KeyError as exc:
        print(f"chinadigital: {exc.args[0]}", file=sys.stderr)
        return 2


def _cmd_list(args: argparse.Namespace) -> int:
    from .batch.build import list_reports
    from .batch.plan import PlanError

    try:
        rows = list_reports(args.reports_toml, args.out)
    except PlanError as exc:
        print(f"chinadigital: {exc}", file=sys.stderr)
        return 2
    width = max(len(r["slug"]) for r in rows)
    for r in rows:
        params = ", ".join(f"{k}={v}" for k, v in r["params"].items())
        print(f"{r['slug']:<{width}}  {r['status']:<9}  {r['notebook']:<16} {params}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chinadigital", description="China digital-economy report suite.")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check the dataset and list every problem")
    v.add_argument("--data", metavar="DIR", help="dataset folder (default: $CHINADIGITAL_DATA or the repo's data/)")
    v.add_argument("--stats", action="store_true",
                   help="also print provenance counts: rows citing an issuer or original publisher, stated, located")
    v.set_defaults(func=_cmd_validate)
    b = sub.add_parser("build", help="run the batch in reports.toml and render offline HTML reports")
    b.add_argument("--only", nargs="+", action="extend", metavar="SLUG",
                   help="build only these reports (repeatable: --only a b and --only a --only b are the same)")
    b.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    b.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="parallel jobs (default: CPU count)")
    b.add_argument("--reports-toml", default=None, metavar="PATH", help="the batch file (default: reports.toml)")
    b.add_argument("--out", default=None, metavar="DIR", help="output folder (default: reports/)")
    b.add_argument("--explain", action="store_true", help="say why each report is rebuilt or skipped")
    b.add_argument("--timeout", type=int, default=300, metavar="S", help="seconds a cell may run (default: 300)")
    b.add_argument("--prune", action="store_true",
                   help="delete pages earlier builds made for reports no longer in the batch file")
    b.add_argument("--no-wait", action="store_true", help="stop instead of waiting when another build is running")
    b.add_argument("--no-fork", action="store_true",
                   help="start a fresh kernel per report instead of forking it from a pre-imported template "
                        "(also: CHINADIGITAL_NO_FORK=1)")
    b.add_argument("--notebooks", default=None, metavar="DIR", help="folder of theme notebooks (default: notebooks/)")
    b.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run jobs on a Dask scheduler (tcp://HOST:PORT), or 'local' for a LocalCluster "
                        "(default: $CHINADIGITAL_SCHEDULER, else a local process pool)")
    b.add_argument("--base-url", default=None, metavar="URL",
                   help="where readers will find the reports (e.g. https://example.org/reports/): each report's "
                        "'Cite this report' names its address there (default: the page's file name; "
                        "also: CHINADIGITAL_BASE_URL)")
    b.set_defaults(func=_cmd_build)
    ls = sub.add_parser("list", help="list the reports in reports.toml with their last build status")
    ls.add_argument("--reports-toml", default=None, metavar="PATH")
    ls.add_argument("--out", default=None, metavar="DIR")
    ls.set_defaults(func=_cmd_list)
    src = sub.add_parser("sources", help="maintainer tools for the cited sources")
    src_sub = src.add_subparsers(dest="sources_command", required=True)
    chk = src_sub.add_parser("check", help="fetch every source address: dead links, redirects to other hosts, "
                                           "stated figures no longer on the page (writes nothing)")
    chk.add_argument("--only", nargs="+", metavar="ID", help="check only these source_ids")
    chk.add_argument("--timeout", type=float, default=15.0, metavar="S", help="seconds to wait for a page (default: 15)")
    chk.add_argument("--delay", type=float, default=1.0, metavar="S",
                     help="seconds between two requests to the same host (default: 1)")
    chk.add_argument("--data", metavar="DIR", help="dataset folder (default: $CHINADIGITAL_DATA or the repo's data/)")
    chk.set_defaults(func=_cmd_sources_check)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ChinadigitalError as exc:
        print(f"chinadigital: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("chinadigital: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
