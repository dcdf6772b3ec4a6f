"""The layout a phone reader sees: nothing moves once drawn, whatever the reader's clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from site_builder.model.consultation import TZ

PHONE = {"width": 390, "height": 844}
# A week after the sample's build (2026-11-25): the Lạng Sơn list has closed, the Đồng Tháp one
# is closing soon, the Cần Thơ one is still upcoming.
WEEK_LATER = datetime(2026, 12, 2, 9, 0, tzinfo=TZ)
CLOSED_SINCE_THE_BUILD = "lay-y-kien/lang-son-2026-huan-chuong-lao-dong/"
OPEN_LIST = "lay-y-kien/dong-thap-2026-tong-ket-2021-2025/"

# Layout shifts the reader did not cause (the Layout Instability API, as Lighthouse counts CLS).
OBSERVE_SHIFTS = """() => {
  window.__shifts = [];
  new PerformanceObserver(list => list.getEntries().forEach(e => {
    if (!e.hadRecentInput) window.__shifts.push({value: e.value,
      nodes: e.sources.map(s => s.node ? (s.node.className || s.node.nodeName) : '')});
  })).observe({type: 'layout-shift', buffered: true});
}"""
TWO_FRAMES = """() => new Promise(done => {
  requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
  setTimeout(() => done(false), 1000);  // a page whose drawing is held draws no frame
})"""


@pytest.fixture
def phone(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def shifts_when_the_script_comes_last(page: Any, url: str) -> list[dict[str, Any]]:
    """Load the page at the reader's clock with assets/consultation.js held back until the rest
    of the page has arrived and the browser had the chance to draw it, as on a slow phone
    connection; then let it run and return the layout shifts."""
    held: list[Any] = []
    # Under its hashed name (site_builder/engines/assets.py).
    page.route("**/assets/consultation.*.min.js", lambda route: held.append(route))
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => document.querySelector('.md-footer') !== null", polling=20)
    page.evaluate(OBSERVE_SHIFTS)
    page.evaluate(TWO_FRAMES)
    assert held, "the page did not ask for consultation.js"
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    page.evaluate(TWO_FRAMES)
    shifts: list[dict[str, Any]] = page.evaluate("() => window.__shifts")
    return shifts


@pytest.mark.parametrize("url", ["", "lay-y-kien/", CLOSED_SINCE_THE_BUILD, OPEN_LIST])
def test_nothing_moves_a_week_after_the_build(phone: Any, site_url: str, url: str) -> None:
    phone.clock.set_fixed_time(WEEK_LATER)
    shifts = shifts_when_the_script_comes_last(phone, site_url + url)
    # Before consultation.js ran before the first drawing: 0.066 on the home page, 0.053 on the
    # lists, 0.372 on the list closed since the build (Lighthouse's "good" is under 0.1).
    assert sum(s["value"] for s in shifts) < 0.1
    assert shifts == []
    # The script did run: the reader sees the state of their own day.
    if url == CLOSED_SINCE_THE_BUILD:
        assert phone.locator(".tdkt-status [data-tdkt-state]").inner_text() == "Đã hết hạn góp ý"
    if url == "":
        assert "Lạng Sơn" not in phone.locator("[data-tdkt-group=open]").inner_text()


def test_a_phone_reader_reaches_the_list_in_the_second_screen(phone: Any, site_url: str) -> None:
    phone.clock.set_fixed_time(datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    phone.goto(site_url + OPEN_LIST)
    # 2,637 px down before (banner 91 px, the full notice and the list's facts above the list);
    # 1,222 px now.
    first = phone.locator("table.tdkt-nominees tbody tr").first
    assert first.evaluate("row => row.getBoundingClientRect().top + window.scrollY") < 1300
    assert phone.locator(".md-banner").bounding_box()["height"] < 60
    # The count by award, each a link to its group, above the list.
    links = phone.locator("nav.tdkt-award-counts a")
    targets = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    groups = phone.locator("section.tdkt-group").evaluate_all("sections => sections.map(s => '#' + s.id)")
    assert targets == groups and len(groups) == 4
    counts = phone.locator("nav.tdkt-award-counts .tdkt-count").all_inner_texts()
    rows = [phone.locator(f"{target} tbody tr").count() for target in targets]
    assert [int(c) for c in counts] == rows
    assert phone.locator("nav.tdkt-award-counts").evaluate("nav => nav.getBoundingClientRect().bottom") < 1300
    links.nth(2).click()
    phone.wait_for_url(f"**{targets[2]}")
    # The group's heading lands just under the sticky header, not beneath it.
    top = phone.locator(f"{targets[2]} h3").evaluate("h => h.getBoundingClientRect().top")
    assert phone.locator(".md-header").bounding_box()["height"] <= top < 200
