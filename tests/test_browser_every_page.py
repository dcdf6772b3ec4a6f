"""Every page of the sample site on a 360 px phone: no sideways scrolling, nothing fails to load.

One page object visits every HTML file of the built site once; the tests below read what the
visit recorded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from site_builder.model.consultation import TZ

from .conftest import is_site_page

PHONE = {"width": 360, "height": 740}


@dataclass
class Visit:
    url: str
    scroll_width: int = 0
    problems: list[str] = field(default_factory=list)


def page_urls(site: Path) -> list[str]:
    urls = []
    for path in sorted(site.rglob("*.html")):
        if not is_site_page(site, path):
            continue
        rel = path.relative_to(site).as_posix()
        urls.append(rel.removesuffix("index.html"))
    return urls


@pytest.fixture(scope="module")
def visits(chromium: Any, site_url: str, sample_site: Path) -> list[Visit]:
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=PHONE)
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    current: list[Visit] = []
    in_flight: set[Any] = set()

    def note(text: str) -> None:
        current[-1].problems.append(text)

    def failed(request: Any) -> None:
        in_flight.discard(request)
        # The browser's own late fetch of the favicon is cut off when the test moves on to the
        # next page (net::ERR_ABORTED): that is the test's doing, not the page's.
        if request.failure != "net::ERR_ABORTED":
            note(f"{request.url}: không tải được ({request.failure})")

    page.on("request", lambda r: in_flight.add(r))
    page.on("requestfinished", lambda r: in_flight.discard(r))
    page.on("requestfailed", failed)
    page.on("response", lambda r: r.status >= 400 and note(f"{r.url}: HTTP {r.status}"))
    page.on("console", lambda m: m.type == "error" and note(f"console: {m.text}"))
    page.on("pageerror", lambda e: note(f"lỗi JavaScript: {e}"))
    try:
        for url in page_urls(sample_site):
            current.append(Visit(url))
            page.goto(site_url + url)
            # What the page's scripts start by themselves (the theme fetches after loading).
            deadline = time.monotonic() + 3
            while in_flight and time.monotonic() < deadline:
                page.wait_for_timeout(20)
            current[-1].scroll_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    return current


def test_every_page_was_visited(visits: list[Visit]) -> None:
    urls = {v.url for v in visits}
    assert {"", "404.html", "bao-chi/", "lay-y-kien/dong-thap-2026-tong-ket-2021-2025/"} <= urls
    assert len(urls) > 80


def test_no_horizontal_scrolling_at_360_px(visits: list[Visit]) -> None:
    wide = {v.url: v.scroll_width for v in visits if v.scroll_width > PHONE["width"]}
    assert wide == {}


def test_no_failed_request_or_console_error(visits: list[Visit]) -> None:
    problems = {v.url: v.problems for v in visits if v.problems}
    assert problems == {}
