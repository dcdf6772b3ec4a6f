"""The statistics page in a browser: on a 390 px phone the charts shrink to the column and nothing
scrolls sideways; with JavaScript off every chart is still drawn."""

from __future__ import annotations

from typing import Any

import pytest

CHARTS = """() => [...document.querySelectorAll('figure.tdkt-chart img')].map(img => {
    const box = img.getBoundingClientRect();
    return {src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0,
            width: box.width, height: box.height, ratio: img.width / img.height,
            drawn: Number(img.getAttribute('width')) / Number(img.getAttribute('height')),
            column: img.closest('article, .md-content').getBoundingClientRect().width};
})"""


def visit(chromium: Any, site_url: str, width: int, javascript: bool = True) -> tuple[int, list[dict[str, Any]]]:
    context = chromium.new_context(
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": width, "height": 800},
        java_script_enabled=javascript,
    )
    try:
        page = context.new_page()
        page.goto(site_url + "thong-ke/")
        # The charts load lazily: scroll through the page, then wait for every image.
        height = page.evaluate("document.documentElement.scrollHeight")
        for y in range(0, height, 600):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(10)
        page.wait_for_function(
            "() => [...document.querySelectorAll('figure.tdkt-chart img')].every(i => i.complete && i.naturalWidth > 0)"
        )
        return page.evaluate("document.documentElement.scrollWidth"), page.evaluate(CHARTS)
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_charts_fit_a_390_px_phone(chromium: Any, site_url: str, javascript: bool) -> None:
    scroll_width, charts = visit(chromium, site_url, 390, javascript)
    assert scroll_width <= 390
    assert len(charts) >= 10
    for chart in charts:
        assert chart["loaded"], chart["src"]
        # Narrower than drawn (400 units), as wide as the column, the same shape.
        assert chart["width"] <= chart["column"] + 0.5 and chart["width"] < 390, chart
        assert chart["width"] >= 300, chart
        assert abs(chart["ratio"] - chart["drawn"]) < 0.02, chart


def test_charts_do_not_grow_past_their_width_on_a_desktop(chromium: Any, site_url: str) -> None:
    scroll_width, charts = visit(chromium, site_url, 1280)
    assert scroll_width <= 1280
    # 25rem, with the theme's 20 px root font at this width.
    assert all(chart["loaded"] and chart["width"] <= 25 * 20 + 0.5 for chart in charts)
