"""Index pages stay small whatever the number of records: the section page of the nominee lists
shows the first lists of each state and links the rest, by state and by year, on numbered pages;
and no page of a site whose every index is full goes over a cheap phone's element budget."""

from __future__ import annotations

import posixpath
from datetime import date
from pathlib import Path

import pytest
from lxml import html

from site_builder.commands.build import Progress, Project, build
from site_builder.commands.cli import parse_now
from site_builder.kinds.campaigns import WHOLE_TREE_UP_TO
from site_builder.kinds.exemplars import Exemplars
from site_builder.kinds.nominations import SHOWN_ON_INDEX
from site_builder.synthetic.generate import Options, generate
from site_builder.urls import URLS

from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW

# Elements a page may have (Lighthouse's "excessive DOM size"; bench/pages.py counts the same way
# on a 10,000-exemplar site): issue 28, a cheap phone at national scale.
BUDGET = 1_500


@pytest.fixture(scope="module", params=[SAMPLE_NOW, "2027-03-01T09:00:00+07:00"], ids=["sample-day", "all-closed"])
def small_index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sample_data: Path) -> Path:
    """The sample built with one list of each state on the section page: at its documented day
    (lists of every state) and once every window has closed (the finished lists by year)."""
    out = tmp_path_factory.mktemp("index") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_BUILDER_SHOWN_ON_INDEX", "1")
        patch.setenv("SITE_BUILDER_WHOLE_TREE_UP_TO", "1")
        build(Project(ROOT, sample_data, out), parse_now(request.param), progress=Progress(stream=None))
    return out


def _rows(page: html.HtmlElement) -> list[str]:
    return [li.get("data-tdkt-window") for li in page.xpath("//ul[@data-tdkt-group]/li")]


def _follow(site: Path, url: str) -> list[str]:
    """Every list on a numbered run of pages, from its first page by the 'next' links."""
    found: list[str] = []
    at: str | None = url
    while at is not None:
        page = html.fromstring((site / at / "index.html").read_bytes())
        found += _rows(page)
        following = page.xpath('//nav[@class="tdkt-pages"]//a[@rel="next"]/@href')
        at = posixpath.normpath(posixpath.join(at, following[0])) + "/" if following else None
    return found


def test_the_section_page_shows_the_first_of_each_state_and_links_every_other(small_index: Path) -> None:
    index = html.fromstring((small_index / URLS.nominations() / "index.html").read_bytes())
    shown = {
        g: index.xpath(f'//ul[@data-tdkt-group="{g}"]/li/@data-tdkt-window') for g in ("open", "upcoming", "closed")
    }
    totals = {g: int(index.xpath(f'string(//span[@data-tdkt-count="{g}"])')) for g in shown}
    assert all(len(lids) <= 1 for lids in shown.values())
    assert sum(totals.values()) == len(list((small_index / URLS.nominations()).glob("*/danh-sach.json")))
    every: list[str] = []
    for group in ("open", "upcoming"):
        more = index.xpath(f'//ul[@data-tdkt-group="{group}"]/following-sibling::p[a][1]/a/@href')
        if totals[group] > 1:
            assert more, group
            listed = _follow(small_index, posixpath.normpath(posixpath.join(URLS.nominations(), more[0])) + "/")
            assert len(listed) == totals[group] and shown[group][0] == listed[0]
            every += listed
        else:
            every += shown[group]
    years = index.xpath('//p[starts-with(normalize-space(), "Các danh sách đã kết thúc")]/a/@href')
    if totals["closed"] > 1:
        closed = [
            lid
            for href in years
            for lid in _follow(small_index, posixpath.normpath(posixpath.join(URLS.nominations(), href)) + "/")
        ]
        assert closed[0] == shown["closed"][0]
    else:
        assert not years
        closed = shown["closed"]
    assert len(closed) == totals["closed"]
    every += closed
    assert sorted(every) == sorted(set(every)) and len(every) == sum(totals.values())


def test_no_index_page_grows_with_the_records(small_index: Path) -> None:
    """With one list per state on the section page, its element count is the sample's minus the
    rows left out: nothing of it is per record beyond what it shows."""
    index = html.fromstring((small_index / URLS.nominations() / "index.html").read_bytes())
    assert sum(1 for _ in index.iter()) < 1_500
    assert len(_rows(index)) <= 3


def test_a_long_campaign_tree_shows_its_top_with_the_number_of_local_editions(
    small_index: Path, sample_data: Path
) -> None:
    import yaml

    parents = {
        path.stem: (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("parent")
        for path in (sample_data / "campaigns").glob("*.yml")
    }

    def below(cid: str) -> int:
        return sum(1 + below(child) for child, parent in parents.items() if parent == cid)

    page = html.fromstring((small_index / URLS.campaigns() / "index.html").read_bytes())
    assert not page.xpath('//ul[@class="tdkt-tree"]//ul')  # no nested lists: the top only
    tops = page.xpath('//ul[@class="tdkt-tree"]/li')
    assert len(tops) == sum(1 for parent in parents.values() if not parent)
    for li in tops:
        cid = li.xpath("a/@href")[0].rstrip("/").split("/")[-1]
        said = li.xpath('string(span[contains(., "phong trào hưởng ứng")])')
        assert (said.split()[1] if said else "0") == str(below(cid)), cid


@pytest.fixture(scope="module")
def full_indexes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated site that builds in seconds yet has every index page as full as at national scale:
    more lists of each state than the section page shows, more campaigns than the whole tree is drawn
    for, more feeds of a group than one page holds. Pages that list no records (the field reference,
    open data) have their full size at any scale: before they were split they failed here too."""
    folder = tmp_path_factory.mktemp("full-indexes")
    options = Options(
        exemplars=100, campaigns=WHOLE_TREE_UP_TO + 10, lists=130, nominees_per_list=3, seed=28, now=date(2026, 11, 25)
    )
    generate(folder / "data", options, SAMPLE_DATA)
    out = folder / "site"
    # The indexes by campaign, province, field and year are paged from FACET_INDEX_PAGE entries
    # (250; 1,500 campaigns on one page were 4,375 elements): a smaller page here pages them.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Exemplars, "FACET_INDEX_PAGE", FIXTURE_FACET_PAGE)
        build(Project(ROOT, folder / "data", out), parse_now(SAMPLE_NOW), progress=Progress(stream=None))
    return out


FIXTURE_FACET_PAGE = 5


def element_counts(site: Path) -> dict[str, int]:
    """Elements of every HTML page, as bench/pages.py counts them (text nodes left out)."""
    return {
        path.relative_to(site).as_posix(): sum(1 for _ in html.fromstring(path.read_bytes()).iter())
        for path in site.rglob("*.html")
    }


def test_no_page_of_a_site_with_full_indexes_goes_over_the_element_budget(full_indexes: Path) -> None:
    index = html.fromstring((full_indexes / URLS.nominations() / "index.html").read_bytes())
    for group in ("open", "upcoming", "closed"):  # the fixture is what it says: each state past the cap
        assert int(index.xpath(f'string(//span[@data-tdkt-count="{group}"])')) > SHOWN_ON_INDEX, group
    counts = element_counts(full_indexes)
    assert len(counts) > 300
    assert {page: count for page, count in counts.items() if count > BUDGET} == {}
    # The pages split for the budget are there, one level below the pages that link them.
    for url in (URLS.field_reference("nominations"), URLS.open_data_fields("danh-sach")):
        assert f"{url}index.html" in counts, url


def test_indexes_by_campaign_are_paged_and_a_full_page_stays_under_the_budget(full_indexes: Path) -> None:
    first = URLS.facet_index("campaign")
    pages = [full_indexes / f"{first}index.html"]
    while True:
        tree = html.fromstring(pages[-1].read_bytes())
        following = tree.xpath('//nav[@class="tdkt-pages"]/a[@rel="next"]/@href')
        if not following:
            break
        pages.append((pages[-1].parent / following[0] / "index.html").resolve())
    assert len(pages) >= 3
    linked: list[str] = []
    for page in pages:
        tree = html.fromstring(page.read_bytes())
        entries = tree.xpath('//ul[@class="tdkt-facet-index"]/li')
        assert 0 < len(entries) <= FIXTURE_FACET_PAGE
        linked += [entry.xpath("string(a/@href)") for entry in entries]
    assert len(linked) == len(set(linked)) > 2 * FIXTURE_FACET_PAGE
    # At the real page size: the page around the entries plus 250 of the largest entry.
    tree = html.fromstring(pages[0].read_bytes())
    entries = tree.xpath('//ul[@class="tdkt-facet-index"]/li')
    sizes = [sum(1 for _ in entry.iter()) for entry in entries]
    around = sum(1 for _ in tree.iter()) - sum(sizes)
    assert around + Exemplars.FACET_INDEX_PAGE * max(sizes) <= BUDGET
