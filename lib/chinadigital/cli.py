"""Command line: a thin layer over the library (`chinadigital validate`, ...)."""

from __future__ import annotations

import argparse
import sys

from .errors import ChinadigitalError, DataValidationError


def _cmd_validate(args: argparse.Namespace) -> int:
    from . import paths
    from .data import load

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
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chinadigital", description="China digital-economy report suite.")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check the dataset and list every problem")
    v.add_argument("--data", metavar="DIR", help="dataset folder (default: $CHINADIGITAL_DATA or the repo's data/)")
    v.set_defaults(func=_cmd_validate)
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
