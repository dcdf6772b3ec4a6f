"""What a citizen waits for a search on a cheap phone: time from the last key to the first result.

Usage:
    .venv/bin/python bench/search.py --site site [--site /tmp/d10k-site ...] [--no-throttle] [--runs 1]

Serves each built site on loopback, with Debian's nginx and the configuration the build wrote
beside it (precompressed files, as a host serves them; Python's server where nginx is missing),
and opens its home page in Debian's Chromium at 390 x 844.
With the phone profile (the default) a CDP session slows the CPU 4x and the network to a slow 4G
(150 ms latency, 1.6 Mbit/s down, 0.75 up), as the issue measures. For each query, in a fresh
page: the box is focused (the index starts loading, as when a reader taps it), the query is
typed a key at a time, and the page's own clock gives

- "Đang tìm": when the panel first says it is searching (the reader sees progress),
- first result: when the first result is in the page,
- full page: when the first page of results (10, or all there are) is in the page,
- bytes and requests fetched from the first key to the full page (transfer sizes, as CDP counts them),

then a second query in the same page ("next query"). Targets, from the issue: first results
within 1 s on the sample and at 10,000 exemplars and 1.5 s at 50,000 (issue 36: the median of the
queries; issue 28 had 1.5 and 2 s); the next query within
0.5 s; a first search within 300 KB. Figures and PASS/MISS are printed; nothing is asserted
(machines are shared and noisy: this is not a test).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve_site  # noqa: E402

QUERIES = ("nong dan", "thanh nien tinh nguyen", "dong thap", "chuyen doi so")
NEXT_QUERY = "giao duc"
# The phone profile of issue 28: Chromium's CPU slowed 4x, a slow 4G network.
CPU_SLOWDOWN = 4
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 93_750}
KEY_DELAY_MS = 120
PAGE = 10

# Injected before the page's scripts: marks when the panel first says it is searching, when the
# first result and the first full page of results appear, against the time of the last key.
PROBE = """
window.__probe = {lastKey: 0, query: '', searching: 0, first: 0, full: 0};
document.addEventListener('input', (event) => {
  const p = window.__probe;
  p.lastKey = performance.now(); p.query = (event.target.value || '').trim().normalize('NFC');
  p.searching = p.first = p.full = 0;
}, true);
new MutationObserver(() => {
  const p = window.__probe;
  if (!p.lastKey || !p.query) return;
  const status = document.querySelector('.tdkt-search__status');
  const said = status ? status.textContent : '';
  if (!p.searching && /Đang tìm|Đang tải/.test(said)) p.searching = performance.now();
  // Results of this query, not of the one before: the list, and the final status line, name it.
  const list = document.querySelector('.tdkt-search__results');
  const none = /Không tìm thấy/.test(said) && said.includes('“' + p.query + '”');
  const shown = list && list.getAttribute('data-query') === p.query ? list.children.length : 0;
  if (!p.first && (shown > 0 || none)) p.first = performance.now();
  const more = document.querySelector('.tdkt-search__more');
  if (!p.full && (shown >= 10 || none || (shown > 0 && !more))) p.full = performance.now();
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


@dataclass
class Timing:
    query: str
    searching: float
    first: float
    full: float
    bytes: int
    requests: int
    next_first: float


def run_query(browser: Any, url: str, query: str, throttle: bool) -> Timing:
    # The site's policy forbids eval, which Playwright's waiting needs: the policy is left out here.
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if throttle:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        cdp.send("Network.emulateNetworkConditions", NETWORK)
    fetched: list[int] = []
    counting = [False]

    def finished(request: Any) -> None:
        # Page events include the requests of Pagefind's worker, which searches off the main thread.
        if counting[0]:
            sizes = request.sizes()
            fetched.append(int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"]))

    page.on("requestfinished", finished)
    page.add_init_script(PROBE)
    page.goto(url, wait_until="load")
    box = page.locator("#tdkt-search-input")
    box.click()  # the reader taps the box: the index starts loading
    counting[0] = True
    box.press_sequentially(query, delay=KEY_DELAY_MS)
    page.wait_for_function("window.__probe.full > 0", timeout=120_000)
    probe = page.evaluate("window.__probe")
    counting[0] = False
    first = (probe["first"] - probe["lastKey"]) / 1000
    full = (probe["full"] - probe["lastKey"]) / 1000
    searching = (probe["searching"] - probe["lastKey"]) / 1000 if probe["searching"] else float("nan")
    total_bytes, requests = sum(fetched), len(fetched)
    # The next query in the same page: the index and the engine are loaded.
    box.fill("")
    box.press_sequentially(NEXT_QUERY, delay=KEY_DELAY_MS)
    page.wait_for_function("window.__probe.first > 0", timeout=120_000)
    probe = page.evaluate("window.__probe")
    next_first = (probe["first"] - probe["lastKey"]) / 1000
    context.close()
    return Timing(query, searching, first, full, total_bytes, requests, next_first)


def target_for(exemplars: int) -> float:
    # Issue 36: 1.0 s up to 10,000 exemplars (a tenth over, for the generator's rounding), 1.5 s
    # at 50,000 (issue 28 had 1.5 and 2.0).
    return 1.0 if exemplars <= 11_000 else 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", action="append", type=Path, required=True, help="a built site (repeatable)")
    parser.add_argument("--no-throttle", action="store_true", help="without the phone profile")
    parser.add_argument("--runs", type=int, default=1, help="runs of each query (the median is printed)")
    args = parser.parse_args()
    throttle = not args.no_throttle
    misses = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for site in args.site:
            exemplars = sum(1 for _ in (site / "dien-hinh").glob("*/index.html"))
            target = target_for(exemplars)
            profile = "4x CPU, slow 4G" if throttle else "no throttling"
            print(f"\n{site} (about {exemplars:,} exemplar pages), {profile}, 390 x 844")
            print(f"{'query':<26}{'Đang tìm':>10}{'first':>9}{'full page':>11}{'KB':>8}{'requests':>10}{'next':>8}")
            timings: list[Timing] = []
            with serve_site(site) as url:
                for query in QUERIES:
                    runs = [run_query(browser, url, query, throttle) for _ in range(args.runs)]
                    t = Timing(
                        query,
                        statistics.median(r.searching for r in runs),
                        statistics.median(r.first for r in runs),
                        statistics.median(r.full for r in runs),
                        int(statistics.median(r.bytes for r in runs)),
                        int(statistics.median(r.requests for r in runs)),
                        statistics.median(r.next_first for r in runs),
                    )
                    timings.append(t)
                    print(
                        f"{query:<26}{t.searching:>9.2f}s{t.first:>8.2f}s{t.full:>10.2f}s"
                        f"{t.bytes / 1024:>8.0f}{t.requests:>10}{t.next_first:>7.2f}s"
                    )
                    if throttle:
                        checks = [
                            (f"first result <= {target:g} s", t.first <= target),
                            ("next query <= 0.5 s", t.next_first <= 0.5),
                            ("first search <= 300 KB", t.bytes <= 300 * 1024),
                            ("'Đang tìm' <= 0.1 s", t.searching <= 0.1),
                        ]
                        for label, ok in checks:
                            misses += not ok
                            print(f"    {label:<32}{'PASS' if ok else 'MISS'}")
            if throttle and timings:
                # The targets of issue 36: the median of the queries, each in a fresh page.
                first = statistics.median(t.first for t in timings)
                following = statistics.median(t.next_first for t in timings)
                print(f"median of {len(timings)} queries: first result {first:.2f} s, next query {following:.2f} s")
                for label, ok in (
                    (f"median first result <= {target:g} s", first <= target),
                    ("median next query <= 0.5 s", following <= 0.5),
                ):
                    misses += not ok
                    print(f"    {label:<32}{'PASS' if ok else 'MISS'}")
        browser.close()
    return 0 if misses == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
