"""Every page of a built site under the element budget of a cheap phone (issue 28: 1,500).

Usage: .venv/bin/python bench/pages.py --site SITE [--site SITE ...] [--show 10]

Parses each HTML page with lxml and counts its elements (what Lighthouse calls DOM nodes, less
the text nodes); prints the largest pages of each site and PASS/MISS for the budget. Build a
national-scale site first (site-builder generate --exemplars 10000 --out D; site-builder build
--data D --out S). Not a test: a 10,000-exemplar build takes minutes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lxml import html

BUDGET = 1_500


def elements(site: Path) -> list[tuple[int, str]]:
    counted = []
    for path in site.rglob("*.html"):
        tree = html.fromstring(path.read_bytes())
        counted.append((sum(1 for _ in tree.iter()), path.relative_to(site).as_posix()))
    return sorted(counted, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", action="append", type=Path, required=True)
    parser.add_argument("--show", type=int, default=10, help="the largest pages to print")
    args = parser.parse_args()
    over_all = 0
    for site in args.site:
        counted = elements(site)
        over = [row for row in counted if row[0] > BUDGET]
        over_all += len(over)
        print(f"\n{site}: {len(counted):,} pages, {len(over)} over {BUDGET:,} elements")
        for count, page in counted[: args.show]:
            print(f"  {count:>7,}  {page}")
        print(f"  every page <= {BUDGET:,} elements: {'PASS' if not over else 'MISS'}")
    return 0 if over_all == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
