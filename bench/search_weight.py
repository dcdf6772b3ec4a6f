"""What a reader's phone downloads: the home page, then the first search.

Usage: .venv/bin/python bench/search_weight.py [--site site] [--query "nong thon moi"]

Serves the built site on loopback, loads the home page in headless Chromium, then types a
query in the header search box. Prints every response with its size as served and gzipped
(GitHub Pages and most hosts compress text), and the totals of both steps.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402


def measure(site: Path, query: str) -> dict[str, list[tuple[str, int, int]]]:
    steps: dict[str, list[tuple[str, int, int]]] = {"page load": [], "first query": []}
    current = "page load"

    def record(response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        steps[current].append((response.url.split("/", 3)[-1], len(body), len(gzip.compress(body, 6))))

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", record)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        current = "first query"
        page.fill("#tdkt-search-input", query)
        page.wait_for_function(
            "() => { const s = document.querySelector('.tdkt-search__status');"
            " return s && !s.textContent.startsWith('Đang'); }"
        )
        page.wait_for_load_state("networkidle")
        browser.close()
    return steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--query", default="nong thon moi")
    args = parser.parse_args()
    steps = measure(Path(args.site), args.query)
    for step, rows in steps.items():
        print(f"\n{step} ({args.query!r})" if step == "first query" else f"\n{step}")
        for name, raw, packed in sorted(rows, key=lambda row: -row[1]):
            print(f"  {raw / 1024:8.1f} KB  {packed / 1024:8.1f} KB gz  /{name}")
        print(
            f"  {sum(r[1] for r in rows) / 1024:8.1f} KB  {sum(r[2] for r in rows) / 1024:8.1f} KB gz  "
            f"total, {len(rows)} requests"
        )
    index = [r for r in steps["page load"] if "pagefind/" in r[0]]
    print(f"\nsearch files fetched by the page load: {len(index)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
