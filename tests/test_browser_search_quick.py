"""The quick index (titles, summaries and filters only) answers the first screen; the whole
index's ranking replaces it, the same as without the quick index."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from site_builder.engines.search import QUICK_PAGES, quick_document, quick_pages
from site_builder.urls import URLS

from .test_browser_search import count, search

QUICK = "/" + URLS.search_quick()


def is_quick(url: str) -> bool:
    return QUICK in url


def is_whole_index(url: str) -> bool:
    return f"/{URLS.search_index()}" in url and not is_quick(url) and not url.endswith("shards.json")


def test_the_quick_index_holds_every_searchable_page(sample_site: Path) -> None:
    entries = [
        json.loads((sample_site / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        for folder in (URLS.search_index(), URLS.search_quick())
    ]
    whole, quick = ([lang["page_count"] for lang in entry["languages"].values()] for entry in entries)
    assert quick == whole and sum(quick) > 30
    # Its own Pagefind beside the whole index's: the browser runs the two apart.
    assert (sample_site / URLS.search_quick() / "pagefind.js").is_file()
    assert not (sample_site / URLS.search_quick() / "pagefind-ui.js").exists()


def test_a_quick_document_is_the_title_province_field_and_search_tags(sample_site: Path) -> None:
    source = next((sample_site / URLS.exemplars()).glob("*/index.html")).read_bytes()
    page = lxml_html.fromstring(source)
    quick = lxml_html.fromstring(quick_document(source))
    body = quick.find(".//main")
    assert body is not None and body.get("data-pagefind-body") is not None
    assert quick.findtext(".//h1") == page.findtext(".//h1") != ""
    tags = [
        (e.tag, sorted(e.attrib.items()))
        for e in page.xpath("//*[@data-pagefind-filter or @data-pagefind-meta]")
        if e.get("data-pagefind-meta") != "summary[data-value]"
    ]
    assert len(tags) > 5 and [(e.tag, sorted(e.attrib.items())) for e in body.xpath("span")] == tags
    named = page.xpath("//*[@data-pagefind-filter='tinh[data-value]' or @data-pagefind-filter='linh_vuc[data-value]']")
    provinces = [e.get("data-value") for e in named if e.get("data-pagefind-filter").startswith("tinh")]
    fields = [e.get("data-value") for e in named if e.get("data-pagefind-filter").startswith("linh_vuc")]
    assert provinces and fields and body.findtext("p") == " · ".join(provinces + fields)
    # Nothing else of the page: its summary (Pagefind indexes meta values too), sort, story, navigation.
    assert [e.tag for e in body] == ["h1", "p"] + ["span"] * len(tags)


def test_first_results_come_from_the_quick_index_alone(browser_page: Any, site_url: str, sample_site: Path) -> None:
    """With every request of the whole index held back, the quick index still shows a first
    screen of real pages, while the status says the search goes on."""
    asked: list[str] = []
    browser_page.route(lambda url: is_whole_index(url), lambda route: asked.append(route.request.url))
    browser_page.goto(site_url)
    browser_page.fill("#tdkt-search-input", "nong dan")
    browser_page.wait_for_selector(".tdkt-search__results[data-query='nong dan'] .tdkt-result")
    assert browser_page.inner_text(".tdkt-search__status").startswith("Đang")
    results = browser_page.eval_on_selector_all(
        ".tdkt-result",
        "ls => ls.map(l => [l.querySelector('.tdkt-result__title').getAttribute('href'),"
        " l.querySelector('.tdkt-result__title').textContent])",
    )
    assert 0 < len(results) <= 10
    for href, title in results:
        page = lxml_html.fromstring((sample_site / href.strip("/") / "index.html").read_bytes())
        assert page.findtext(".//h1") == title
    # The search goes on in the whole index (held back here), asked for once the reader has
    # stopped typing for a moment after the first screen.
    for _ in range(100):
        if asked:
            break
        browser_page.wait_for_timeout(100)
    assert asked
    assert browser_page.inner_text(".tdkt-search__status").startswith("Đang")


@pytest.mark.parametrize("query", ["nông dân", "dong thap", "thanh nien tinh nguyen", "Đoàn Văn Định"])
def test_final_results_are_those_of_the_whole_index_alone(browser_page: Any, site_url: str, query: str) -> None:
    """The same count and list as when the quick index cannot be reached (the script then uses
    the whole index alone, as before the quick index)."""
    quick_asked: list[str] = []
    browser_page.on("request", lambda request: quick_asked.append(request.url) if is_quick(request.url) else None)
    browser_page.goto(site_url)
    with_quick = search(browser_page, query)
    total = count(browser_page)
    assert quick_asked
    browser_page.route(lambda url: is_quick(url), lambda route: route.abort())
    browser_page.goto(site_url)
    alone = search(browser_page, query)
    assert count(browser_page) == total > 0
    assert with_quick == alone
    assert browser_page.get_attribute(".tdkt-search__results", "data-query") == unicodedata.normalize("NFC", query)


def test_the_quick_index_keeps_the_guides_and_the_newest_pages() -> None:
    """At 50,000 exemplars a quick index of every page fetched 505-580 KB for a first search: it
    holds the hand-written guides and the newest pages, up to QUICK_PAGES."""
    dates = {"a/": "", "b/": "2026-01-01", "c/": "2026-03-01", "d/": "2026-02-01", "e/": "2026-03-01", "g/": ""}
    assert quick_pages(dates, 4) == ["a/", "g/", "e/", "c/"]
    assert quick_pages(dates, 1) == ["a/", "g/"]
    assert sorted(quick_pages(dates, 100)) == sorted(dates)
    assert QUICK_PAGES >= 10_000
