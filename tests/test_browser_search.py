"""Search as a reader uses it: the header box, Vietnamese typed with and without diacritics."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_builder.commands.build import Progress, Project, build

from .browser import serve
from .conftest import ROOT, SAMPLE_NOW, DataDir
from .records import CAMPAIGN, EXEMPLAR, NOMINATION


def search(page: Any, query: str) -> list[dict[str, str]]:
    """Type a query in the header box and return the result list the reader sees."""
    page.fill("#tdkt-search-input", query)
    page.wait_for_function(
        "q => { const s = document.querySelector('.tdkt-search__status');"
        " return s && s.textContent.includes(q) && !s.textContent.startsWith('Đang'); }",
        arg=unicodedata.normalize("NFC", query.strip()),
    )
    return page.eval_on_selector_all(
        ".tdkt-result",
        """items => items.map(li => ({
            title: li.querySelector('.tdkt-result__title').textContent,
            href: li.querySelector('.tdkt-result__title').getAttribute('href'),
            meta: (li.querySelector('.tdkt-result__meta') || {}).textContent || '',
            text: li.textContent}))""",
    )


def count(page: Any) -> int:
    status = page.inner_text(".tdkt-search__status")
    return 0 if status.startswith("Không") else int(status.split()[0])


@pytest.fixture
def home(browser_page: Any, site_url: str) -> Any:
    browser_page.goto(site_url)
    return browser_page


def test_folded_query_finds_diacritics(home: Any) -> None:
    results = search(home, "nong thon moi")
    assert results
    assert "nông thôn mới" in results[0]["title"].lower()


def test_d_finds_dj(home: Any) -> None:
    titles = [r["title"] for r in search(home, "duong")]
    assert any("đường" in t for t in titles)
    results = search(home, "Dong Thap")
    assert "Đồng Tháp" in results[0]["title"]


def test_nfd_query_finds_nfc_text(home: Any) -> None:
    nfc = [r["href"] for r in search(home, "Đồng Tháp")]
    nfd = [r["href"] for r in search(home, unicodedata.normalize("NFD", "Đồng Tháp"))]
    assert nfc and nfd == nfc


def test_exact_spelling_ranks_first(home: Any) -> None:
    results = search(home, "đường")
    assert results
    first = home.locator(".tdkt-result").first.locator(".tdkt-result__excerpt mark").all_inner_texts()
    assert any(unicodedata.normalize("NFC", m).lower().startswith("đường") for m in first)


def test_nominee_name_lands_on_the_row(home: Any, site_url: str) -> None:
    results = search(home, "Đoàn Văn Định")
    assert results[0]["href"].endswith("/lay-y-kien/dong-thap-2026-tong-ket-2021-2025/#doan-van-dinh")
    assert "Trong danh sách, số 3: Ông Đoàn Văn Định" in results[0]["text"]
    folded = search(home, "doan van dinh")
    assert folded[0]["href"] == results[0]["href"]
    home.click(".tdkt-result__title >> nth=0")
    home.wait_for_url("**#doan-van-dinh")
    assert home.eval_on_selector("tr:target", "row => row.id") == "doan-van-dinh"


FILTERS = ("loai", "trang_thai", "tinh", "phong_trao", "linh_vuc", "nam", "khen_thuong", "doi_tuong")


@pytest.mark.parametrize("key", FILTERS)
def test_each_filter_narrows_the_results(home: Any, key: str) -> None:
    search(home, "thi đua")
    everything = count(home)
    home.eval_on_selector(".tdkt-search__refine", "d => d.open = true")
    select = home.locator(f"select[name={key}]")
    values = [v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    assert values, f"filter {key} has no values"
    select.select_option(values[0])
    home.wait_for_function(
        "n => { const s = document.querySelector('.tdkt-search__status'); return s && !s.textContent.startsWith(n + ' ') }",
        arg=str(everything),
    )
    narrowed = count(home)
    assert 0 < narrowed < everything
    if key == "loai":
        metas = home.locator(".tdkt-result__meta").all_inner_texts()
        assert metas and all(m.startswith(values[0]) for m in metas)


def test_sort_by_date(home: Any) -> None:
    search(home, "thi đua")
    home.eval_on_selector(".tdkt-search__refine", "d => d.open = true")
    home.select_option("select[name=sap_xep]", "date")
    home.wait_for_timeout(300)
    home.wait_for_function("() => !document.querySelector('.tdkt-search__status').textContent.startsWith('Đang')")
    dates = [m.split(" · ")[-1] for m in home.locator(".tdkt-result__meta").all_inner_texts()]
    iso = ["-".join(reversed(d.split("/"))) for d in dates]
    assert iso == sorted(iso, reverse=True)


def test_home_page_loads_no_index_until_the_reader_searches(browser_page: Any, site_url: str) -> None:
    requests: list[str] = []
    browser_page.on("request", lambda request: requests.append(request.url))
    browser_page.goto(site_url)
    browser_page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/" in url]
    search(browser_page, "nông dân")
    assert any(url.endswith("pagefind.js") for url in requests)
    assert any("/pagefind/index/" in url for url in requests)


def test_navigation_and_footer_are_not_indexed(home: Any) -> None:
    assert search(home, "MkDocs") == []
    results = search(home, "Hướng dẫn biên tập")
    assert all("/huong-dan-bien-tap/" in r["href"] or "Hướng dẫn" not in r["meta"] for r in results)


@pytest.fixture(scope="module")
def nfd_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small site whose records were typed in NFD (as some keyboards do)."""
    folder = tmp_path_factory.mktemp("nfd") / "data"
    folder.mkdir()
    data = DataDir(folder)
    data.write("campaigns/ntm.yml", unicodedata.normalize("NFD", CAMPAIGN))
    data.write(
        "exemplars/nguyen-van-an.yml",
        unicodedata.normalize("NFD", EXEMPLAR.replace("lúa sạch", "lúa hữu cơ Đồng Tiến")),
    )
    data.write("nominations/hcld-2026.yml", unicodedata.normalize("NFD", NOMINATION))
    out = folder.parent / "site"
    from site_builder.commands.cli import parse_now

    build(Project(ROOT, folder, out), parse_now(SAMPLE_NOW), progress=Progress(None))
    with serve(out) as url:
        yield url


def test_text_typed_in_nfd_is_found_by_nfc_query(browser_page: Any, nfd_site: str) -> None:
    browser_page.goto(nfd_site)
    results = search(browser_page, "hữu cơ Đồng Tiến")
    assert [r["href"] for r in results] == ["/dien-hinh/nguyen-van-an/"]
    assert search(browser_page, "huu co dong tien")[0]["href"] == "/dien-hinh/nguyen-van-an/"


def test_unused_pagefind_bundles_are_not_shipped(sample_site: Path) -> None:
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    assert not (sample_site / "pagefind" / "pagefind-ui.js").exists()
