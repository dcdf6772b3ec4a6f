"""Search over an index built in parts, as on large sites: the reader's searches of
test_browser_search, and the same answers as one index gives.

The sample is built with parts of 8 pages (SITE_BUILDER_SEARCH_SHARD_PAGES), so that its 40
searchable pages make five parts, which the browser merges (overrides/assets/search.js).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from site_builder.commands.build import Progress, Project, build

from .browser import serve
from .conftest import ROOT
from .test_browser_search import (  # noqa: F401 (the same tests, run here over the parts)
    count,
    home,
    search,
    test_d_finds_dj,
    test_each_filter_narrows_the_results,
    test_exact_spelling_ranks_first,
    test_folded_query_finds_diacritics,
    test_home_page_loads_no_index_until_the_reader_searches,
    test_navigation_and_footer_are_not_indexed,
    test_nfd_query_finds_nfc_text,
    test_nominee_name_lands_on_the_row,
    test_sort_by_date,
)


@pytest.fixture(scope="module")
def parts_site(tmp_path_factory: pytest.TempPathFactory, sample_data: Path, now: datetime) -> Path:
    out = tmp_path_factory.mktemp("parts") / "site"
    previous = os.environ.get("SITE_BUILDER_SEARCH_SHARD_PAGES")
    os.environ["SITE_BUILDER_SEARCH_SHARD_PAGES"] = "8"
    try:
        build(Project(ROOT, sample_data, out), now, progress=Progress(None))
    finally:
        if previous is None:
            del os.environ["SITE_BUILDER_SEARCH_SHARD_PAGES"]
        else:
            os.environ["SITE_BUILDER_SEARCH_SHARD_PAGES"] = previous
    return out


@pytest.fixture(scope="module")
def site_url(parts_site: Path) -> Iterator[str]:
    """Overrides the sample's address for the tests imported above."""
    with serve(parts_site) as url:
        yield url


@pytest.fixture(scope="module")
def one_index_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def test_the_index_is_in_parts_with_one_engine(parts_site: Path) -> None:
    shards = json.loads((parts_site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    assert shards == ["pagefind/", "pagefind/1/", "pagefind/2/", "pagefind/3/", "pagefind/4/"]
    pages = 0
    for folder in shards:
        entry = json.loads((parts_site / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages += sum(language["page_count"] for language in entry["languages"].values())
    # Every page with a search body, in exactly one part.
    searchable = [path for path in parts_site.rglob("*.html") if b"<div data-pagefind-body>" in path.read_bytes()]
    assert pages == len(searchable) > 30
    # The other parts are merged into the first part's Pagefind: one script, one WebAssembly module.
    assert not list((parts_site / "pagefind" / "1").glob("*.js"))
    assert not list((parts_site / "pagefind" / "1").glob("wasm.*"))


def answers(page: Any, url: str, query: str, sort: bool = False) -> tuple[int, list[str], list[str]]:
    """(count, result addresses, result dates) of a query as the reader sees them."""
    page.goto(url)
    results = search(page, query)
    if sort:
        page.eval_on_selector(".tdkt-search__refine", "d => d.open = true")
        page.select_option("select[name=sap_xep]", "date")
        page.wait_for_timeout(300)
        page.wait_for_function("() => !document.querySelector('.tdkt-search__status').textContent.startsWith('Đang')")
        results = page.eval_on_selector_all(
            ".tdkt-result",
            "items => items.map(li => ({href: li.querySelector('a').getAttribute('href'),"
            " meta: (li.querySelector('.tdkt-result__meta') || {}).textContent || ''}))",
        )
    return count(page), [r["href"] for r in results], [r["meta"].split(" · ")[-1] for r in results]


@pytest.mark.parametrize("query", ["thi đua", "nông dân", "Đồng Tháp", "dong thap", "Đoàn Văn Định", "y tế"])
def test_parts_give_what_one_index_gives(browser_page: Any, site_url: str, one_index_url: str, query: str) -> None:
    whole = answers(browser_page, one_index_url, query)
    parts = answers(browser_page, site_url, query)
    # The same number of results; the best of one index among the first shown. Pagefind scores
    # each part by its own word statistics, so results of equal merit may change places.
    assert parts[0] == whole[0] > 0
    assert whole[1][0] in parts[1]


def test_newest_first_across_parts_is_the_newest_of_all(browser_page: Any, site_url: str, one_index_url: str) -> None:
    whole = answers(browser_page, one_index_url, "thi đua", sort=True)
    parts = answers(browser_page, site_url, "thi đua", sort=True)
    assert parts[0] == whole[0] > 10
    # The same dates in the same order: the ten newest of all the parts, not of the first part.
    assert parts[2] == whole[2] and len(parts[2]) == 10
    iso = ["-".join(reversed(day.split("/"))) for day in parts[2]]
    assert iso == sorted(iso, reverse=True)


def test_filters_list_the_values_of_every_part(browser_page: Any, site_url: str, one_index_url: str) -> None:
    options = []
    for url in (one_index_url, site_url):
        answers(browser_page, url, "thi đua")
        browser_page.eval_on_selector(".tdkt-search__refine", "d => d.open = true")
        options.append(
            browser_page.eval_on_selector_all(
                ".tdkt-search__filters select:not([name=sap_xep]) option", "os => os.map(o => o.textContent)"
            )
        )
    assert options[0] == options[1] and len(options[0]) > 20
