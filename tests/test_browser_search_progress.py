"""The reader sees the search under way at once, and a first screen of results before the rest."""

from __future__ import annotations

from typing import Any

from .test_browser_search import search

TYPE = """q => { const box = document.querySelector('#tdkt-search-input');
  box.value = q; box.dispatchEvent(new Event('input', {bubbles: true}));
  return document.querySelector('.tdkt-search__status').textContent; }"""


def test_the_panel_says_it_is_searching_as_the_key_is_typed(browser_page: Any, site_url: str) -> None:
    """In the same task as the key: before the pause that starts the search, before any result."""
    browser_page.goto(site_url)
    first = browser_page.evaluate(TYPE, "nong")
    assert first in ("Đang tải công cụ tìm kiếm…", "Đang tìm…")
    assert browser_page.is_visible(".tdkt-search__panel")
    search(browser_page, "nong dan")  # the engine is loaded now
    assert browser_page.evaluate(TYPE, "thanh nien") == "Đang tìm…"


def test_a_first_screen_is_replaced_by_the_whole_ranking(browser_page: Any, site_url: str) -> None:
    """Many results: the first screen may show early while the status still says the search goes
    on; the status names the count once, when every result of the window is ranked."""
    browser_page.goto(site_url)
    statuses: list[str] = browser_page.evaluate(
        """() => { const seen = [];
          new MutationObserver(() => seen.push(document.querySelector('.tdkt-search__status').textContent))
            .observe(document.querySelector('.tdkt-search__status'), {childList: true, characterData: true, subtree: true});
          window.__seen = seen; return seen; }"""
    )
    assert statuses == []
    results = search(browser_page, "thi đua")
    seen = browser_page.evaluate("window.__seen")
    final = seen[-1]
    assert final.endswith("kết quả cho “thi đua”") and not final.startswith("Đang")
    assert int(final.split()[0]) > len(results) == 10
    assert [s for s in seen if "kết quả" in s] == [final]
    assert all(s.startswith("Đang") for s in seen[:-1])
    assert browser_page.get_attribute(".tdkt-search__results", "data-query") == "thi đua"
