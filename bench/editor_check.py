"""What the web editor's check before a save costs an editor's page, on the phone profile.

    .venv/bin/python bench/editor_check.py [--site site] [--data tests/fixtures/sample] [--runs 3]
                                           [--no-throttle] [--rulebook-at 10000]

Serves the built site with Debian's nginx and the configuration the build wrote beside it
(Python's server where nginx is missing), and decap-server (MODE=git) on 127.0.0.1:8081 over a
scratch git copy of the data, as the configuration a build writes expects. In Chromium at
390 x 844, with the CPU slowed 4x and a slow 4G network (150 ms, 1.6 Mbit/s), it signs in, opens
the largest nominee list afresh and measures

- the bytes on the wire of the check (rulebook.js, checks.js, rulebook.json and the list as
  published), beside the bytes of Decap's own bundle for scale;
- time to first check: from a fresh load of the list's address to the verdict in the "Kiểm tra
  trước khi lưu" box, beside the time to the form itself (Decap's own);
- one check of the list as an editor types (the rules run on every edit), in the page.

With --rulebook-at N, it also writes synthetic data of N exemplars and prints the rulebook's size
for that data (its campaigns table grows with the data). Targets: the check adds at most 60 KB
on the wire and its first verdict comes within 1 s of the form on the phone profile; a check
while typing takes at most 50 ms. Figures and PASS/MISS are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from site_builder.commands.cms_config import LOCAL_PORT  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, decap_server, scratch_repository, serve_site  # noqa: E402

CPU_SLOWDOWN = 4
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 93_750}
OWN = ("rulebook.js", "checks.js", "rulebook.json")
BUILD = (sys.executable, "-m", "site_builder", "build")
TARGET_KB = 60
TARGET_AFTER_FORM = 1.0
TARGET_TYPING_MS = 50


@contextlib.contextmanager
def local_backend(data: Path) -> Iterator[None]:
    """decap-server over a scratch git copy of the data, on the port the build's configuration names."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", LOCAL_PORT)) == 0:
            raise SystemExit(f"Lỗi môi trường: cổng {LOCAL_PORT} đang bận; tắt chương trình đang dùng nó rồi chạy lại.")
    with (
        tempfile.TemporaryDirectory(prefix="bench-repo-") as scratch,
        decap_server(scratch_repository(data, Path(scratch) / "repo"), LOCAL_PORT),
    ):
        yield


def largest_list(data: Path) -> str:
    return max((data / "nominations").glob("*.yml"), key=lambda path: path.stat().st_size).stem


def one_run(browser: Any, url: str, slug: str, throttle: bool) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(120_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if throttle:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        cdp.send("Network.emulateNetworkConditions", NETWORK)
    sizes: dict[str, int] = {}

    def finished(request: Any) -> None:
        name = request.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        key = name if name in OWN else "published" if "/da-cong-bo/" in request.url else name
        body = request.sizes()
        sizes[key] = sizes.get(key, 0) + int(body["responseBodySize"]) + int(body["responseHeadersSize"])

    page.on("requestfinished", finished)
    page.goto(url + "quan-tri/", wait_until="load")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Danh sách lấy ý kiến").first.wait_for()
    # A fresh load of the page at the list's address, as an editor opening a link to it.
    page.goto(f"{url}quan-tri/#/collections/nominations/entries/{slug}")
    sizes.clear()
    start = time.monotonic()
    page.reload(wait_until="commit")
    page.locator('input[id^="title-field-"]').first.wait_for()
    form = time.monotonic() - start
    page.locator(".tdkt-check [role=status]").wait_for()
    first = time.monotonic() - start
    typing = page.evaluate(
        """async (slug) => {
            const book = await (await fetch('rulebook.json')).json();
            const published = await (await fetch('da-cong-bo/' + slug + '.json')).json();
            const entry = published.record, today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
            const times = [];
            for (let i = 0; i < 5; i++) {
                const t = performance.now();
                TdktRulebook.check(book, 'nominations', slug, entry, today, {});
                TdktRulebook.checkPublished(book, entry, published, today);
                times.push(performance.now() - t);
            }
            return times.sort((a, b) => a - b)[2];
        }""",
        slug,
    )
    context.close()
    own = sum(sizes.get(name, 0) for name in OWN) + sizes.get("published", 0)
    return {
        "form": form,
        "first": first,
        "typing_ms": typing,
        "own_kb": own / 1000,
        "decap_kb": sizes.get("decap-cms.js", 0) / 1000,
    }


def rulebook_at(exemplars: int) -> tuple[int, int]:
    from site_builder.commands.cms_config import RULEBOOK, editor_files
    from site_builder.inputs.load import load_dataset

    with tempfile.TemporaryDirectory(prefix="bench-rulebook-") as scratch:
        out = Path(scratch) / "data"
        subprocess.run(
            [sys.executable, "-m", "site_builder", "generate", "--exemplars", str(exemplars), "--out", str(out)],
            check=True,
            capture_output=True,
        )
        data, _ = load_dataset(out)
        assert data is not None
        files = editor_files(ROOT, data) or {}
        raw = next(content for path, content in files.items() if path.endswith(RULEBOOK))
        return len(raw), len(gzip.compress(raw, 9))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: the sample, built here)")
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "fixtures" / "sample")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-throttle", action="store_true")
    parser.add_argument("--python-server", action="store_true", help="serve with Python's server instead of nginx")
    parser.add_argument("--rulebook-at", type=int, default=0, help="also the rulebook's size at N exemplars")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            subprocess.run(
                [*BUILD, "--data", str(args.data), "--out", str(site), "--now", "2026-11-25", "--quiet", "--no-cache"],
                check=True,
            )
        slug = largest_list(args.data)
        runs = []
        with local_backend(args.data), serve_site(site, args.python_server) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(args.runs):
                runs.append(one_run(browser, url, slug, not args.no_throttle))
            browser.close()
    profile = "no throttling" if args.no_throttle else f"CPU {CPU_SLOWDOWN}x slower, slow 4G"
    print(f"The editor's check on {slug} ({profile}, 390 px, {args.runs} fresh pages; {url.split('/')[2]}):")
    own = statistics.median(run["own_kb"] for run in runs)
    first = statistics.median(run["first"] for run in runs)
    typing = statistics.median(run["typing_ms"] for run in runs)
    print(f"  Decap's bundle on the wire: {statistics.median(run['decap_kb'] for run in runs):,.0f} KB (for scale)")
    print(f"  the check on the wire: {own:.1f} KB  target <= {TARGET_KB} KB  {'PASS' if own <= TARGET_KB else 'MISS'}")
    form = statistics.median(run["form"] for run in runs)
    each = ", ".join(f"{run['first']:.2f}" for run in runs)
    print(f"  a fresh page to the list's form: {form:.2f} s (Decap and decap-server, for scale)")
    after = statistics.median(run["first"] - run["form"] for run in runs)
    verdict = "PASS" if after <= TARGET_AFTER_FORM else "MISS"
    print(
        f"  time to first check: {first:.2f} s (runs {each}), {after:.2f} s after the form  target <= {TARGET_AFTER_FORM} s  {verdict}"
    )
    print(
        f"  one check while typing: {typing:.1f} ms  target <= {TARGET_TYPING_MS} ms  "
        f"{'PASS' if typing <= TARGET_TYPING_MS else 'MISS'}"
    )
    if args.rulebook_at:
        raw, packed = rulebook_at(args.rulebook_at)
        print(
            f"  rulebook.json at {args.rulebook_at:,} exemplars: {raw / 1000:,.0f} KB, {packed / 1000:,.0f} KB gzipped"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
