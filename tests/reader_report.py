"""Print what a reader would meet in each report's charts: `.venv/bin/python tests/reader_report.py REPORTS_DIR`.

Opens every report page of the folder (not index.html) in headless Chromium with the network blocked and
runs the reader-side check (tests/reader_check.py). Exits 1 when any chart breaks a rule.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import chromium  # noqa: E402
from reader_check import check_report  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    pages = sorted(p for p in Path(argv[0]).glob("*.html") if p.name != "index.html")
    total = 0
    with chromium() as ctx:
        for path in pages:
            problems = check_report(ctx, path)
            total += len(problems)
            print(f"{path.name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
            for pr in problems:
                print(f"  [{pr['rule']}] chart {pr['chart_index']} {pr['chart_title']!r}: {pr['detail']}")
    print(f"{len(pages)} report(s), {total} problem(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
