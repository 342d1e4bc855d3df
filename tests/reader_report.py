"""Print what a reader would meet in each report's charts.

    .venv/bin/python tests/reader_report.py REPORTS_DIR [--width PX]

Opens every report page of the folder (not index.html) in headless Chromium with the network blocked,
in a viewport PX wide (default 1280), and runs the reader-side check (tests/reader_check.py): one line
per problem, `[rule] chart N 'title': detail`. Exits 1 when any chart breaks a rule.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import chromium  # noqa: E402
from reader_check import check_report  # noqa: E402


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="reader-side check of a folder of built reports")
    ap.add_argument("reports_dir", type=Path)
    ap.add_argument("--width", type=int, default=1280, help="viewport width in px (default 1280)")
    args = ap.parse_args(argv)
    if not args.reports_dir.is_dir():
        ap.error(f"not a folder: {args.reports_dir}")
    pages = sorted(p for p in args.reports_dir.glob("*.html") if p.name != "index.html" and not p.name.startswith("catalogue"))
    total = 0
    with chromium() as ctx:
        for path in pages:
            problems = check_report(ctx, path, args.width)
            total += len(problems)
            print(f"{path.name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
            for pr in problems:
                print(f"  [{pr['rule']}] chart {pr['chart_index']} {pr['chart_title']!r}: {pr['detail']}")
    print(f"{len(pages)} report(s), {total} problem(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
