"""Accessibility in a real browser: axe-core on the main kinds of page at desktop and phone
widths, the search box for screen readers and keyboards, the skip link, the phone layout."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from site_builder.model.consultation import TZ

from .conftest import ROOT
from .test_browser_search import search

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
OPEN_LIST = "lay-y-kien/dong-thap-2026-tong-ket-2021-2025/"
PAGES = {
    "home": "",
    "exemplar": "dien-hinh/dang-van-duc/",
    "open list": OPEN_LIST,
    "closed list with outcome": "lay-y-kien/thai-nguyen-2026-bang-khen-thu-tuong-nong-thon-moi/",
    "campaign": "phong-trao/chi-thi-19-ct-ttg-2021-2025/",
    "press": "bao-chi/",
    "statistics": "thong-ke/",
    "province with its figures": "dien-hinh/theo-tinh/dong-thap/",
    "search results": "",
}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        # Not a test failure: the machine lacks the tool. One line, exit 2, as for Chromium.
        pytest.exit(
            f"Lỗi môi trường: không có {AXE.relative_to(ROOT)}; chạy 'bash tools/setup.sh dev' (cài axe-core "
            "theo package-lock.json bằng npm ci) rồi chạy lại.",
            returncode=2,
        )
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages(chromium: Any) -> Iterator[dict[int, Any]]:
    """One page object per width, shared by this module's tests, at the sample's date."""
    contexts = []
    out = {}
    for width in WIDTHS:
        context = chromium.new_context(
            locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": width, "height": 800}
        )
        page = context.new_page()
        page.clock.set_fixed_time(datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
        contexts.append(context)
        out[width] = page
    yield out
    for context in contexts:
        context.close()


def serious(page: Any, axe_source: str) -> list[str]:
    """Every serious or critical axe-core violation on the page as it is now, theme included."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Run through the DevTools protocol: a <script> tag holding it would be an inline script,
        # which the site's Content-Security-Policy refuses (as it should).
        page.evaluate(axe_source)
    result = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_nothing_serious(
    pages: dict[int, Any], site_url: str, axe_source: str, name: str, width: int
) -> None:
    page = pages[width]
    page.goto(site_url + PAGES[name])
    if name == "search results":
        assert search(page, "nông dân")
        assert page.locator("#tdkt-search-panel").is_visible()
    assert serious(page, axe_source) == []


def test_search_is_announced_and_escape_returns_to_the_box(pages: dict[int, Any], site_url: str) -> None:
    page = pages[390]
    page.goto(site_url)
    box = page.locator("#tdkt-search-input")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-controls") == "tdkt-search-panel"
    results = search(page, "nông dân")
    assert results
    assert box.get_attribute("aria-expanded") == "true"
    status = page.locator("#tdkt-search-panel .tdkt-search__status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert status.inner_text() == f"{status.inner_text().split()[0]} kết quả cho “nông dân”"
    # The live line stays in place when the results change, so the change is spoken.
    status.evaluate("el => { window.__status = el; }")
    search(page, "Đồng Tháp")
    assert status.evaluate("el => el === window.__status")

    # Down goes into the results; Escape closes them and returns to the box, query kept.
    box.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.classList.contains('tdkt-result__title')")
    page.keyboard.press("Escape")
    assert page.locator("#tdkt-search-panel").is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.id") == "tdkt-search-input"
    assert box.input_value() == "Đồng Tháp"
    # Tabbing out of the results closes them: they cover nothing the focus goes to.
    box.click()
    assert box.get_attribute("aria-expanded") == "true"
    page.locator(".tdkt-result__title").last.focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        if not page.evaluate("() => document.querySelector('[data-tdkt-search]').contains(document.activeElement)"):
            break
    assert page.locator("#tdkt-search-panel").is_hidden()
    assert box.get_attribute("aria-expanded") == "false"


def test_search_results_do_not_cover_the_box_on_a_phone(pages: dict[int, Any], site_url: str) -> None:
    page = pages[390]
    page.goto(site_url)
    assert page.locator(".md-banner").is_visible()  # the sample-data banner pushes the header down
    search(page, "nông dân")
    box = page.locator("#tdkt-search-input").bounding_box()
    panel = page.locator("#tdkt-search-panel").bounding_box()
    assert panel["y"] >= box["y"] + box["height"]
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 390


@pytest.mark.parametrize("url", ["", "dien-hinh/dang-van-duc/", OPEN_LIST, "cach-gop-y/"])
def test_skip_link_is_first_and_leads_to_the_content(pages: dict[int, Any], site_url: str, url: str) -> None:
    page = pages[1280]
    page.goto(site_url + url)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Chuyển đến nội dung chính", "#noi-dung"]
    assert page.locator(".tdkt-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "noi-dung"
    assert page.locator("#noi-dung h1").count() == 1


def test_nominee_list_is_one_card_per_nominee_on_a_phone(pages: dict[int, Any], site_url: str) -> None:
    page = pages[390]
    page.goto(site_url + OPEN_LIST)
    awards = {h.rsplit(" ", 1)[0].strip() for h in page.locator("section.tdkt-group h3").all_inner_texts()}
    cards = page.evaluate(
        """() => [...document.querySelectorAll('table.tdkt-nominees tbody tr')].map(tr => ({
            display: getComputedStyle(tr).display,
            width: tr.getBoundingClientRect().width,
            award: getComputedStyle(tr, '::before').content,
            cells: [...tr.children].filter(td => td.offsetParent !== null && td.textContent.trim())
                .map(td => [td.className, Math.round(td.getBoundingClientRect().width)]),
        }))"""
    )
    assert len(cards) == 31
    for card in cards:
        assert card["display"] == "block"
        assert card["width"] > 330
        assert card["award"].strip('"') in awards  # the award group, shown on every card
        # Not six columns of 60-70 px: every block of text runs the width of the card.
        blocks = [
            width
            for name, width in card["cells"]
            if "__no" not in name and "__unit" not in name and "__place" not in name
        ]
        assert blocks and min(blocks) > 250, card
    assert page.locator("table.tdkt-nominees thead").first.bounding_box()["height"] <= 1
    form = page.locator("table.tdkt-nominees tbody tr").first.locator("a.tdkt-comment--form")
    assert form.is_visible() and form.inner_text() == "Góp ý"
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"open list at 390 px: {height} px")  # 12,034 px as a table
    assert height < 11000


def test_facts_and_site_name_are_readable_at_360_px(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(site_url + "dien-hinh/dang-van-duc/")
        values = page.locator("dl.tdkt-facts dd").evaluate_all("dds => dds.map(dd => dd.getBoundingClientRect().width)")
        assert values and min(values) > 250
        name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert name.inner_text() == "Thi đua - Khen thưởng (dữ liệu mẫu)"
        clipped = name.evaluate("el => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1")
        assert not clipped
    finally:
        context.close()
