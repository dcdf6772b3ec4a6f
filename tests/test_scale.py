"""The fast paths taken for national scale give exactly what the straightforward code gave."""

from __future__ import annotations

import itertools
import json
import posixpath
import textwrap
from datetime import date, datetime
from pathlib import Path
from typing import Any

import markdown as md
import nh3
import pytest
import yaml
from lxml import html

from site_builder.commands.cli import main
from site_builder.inputs import load, markup
from site_builder.problems import Problem
from site_builder.publish import render
from site_builder.publish.render import Page, markdown_html, page_window, relative
from site_builder.synthetic.generate import Options, generate

from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW


def reference_read(path: Path) -> tuple[Any, dict[Any, Any], dict[Any, Any], list[Problem]]:
    """read_yaml as it was: pure-Python loader, _walk, construct_document, nfc."""
    import unicodedata

    smap = load.SourceMap("x")
    problems: list[Problem] = []
    loader = yaml.SafeLoader(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")))
    node = loader.get_single_node()
    load._walk(node, (), smap, problems)
    data = load.nfc(loader.construct_document(node))
    return data, smap.values, smap.keys, problems


TRICKY = {
    "merge.yml": """
        doc:
          <<: {kind: Luật, number: 06/2022/QH15}
          date: 2022-06-15
    """,
    "keys.yml": """
        2021: năm
        "quoted": có
        ? plain
        : value
    """,
    "tags.yml": """
        set: !!set {a, b}
        text: !!str 2021-07-16
        list: !!seq [1, 2]
    """,
    "duplicates.yml": """
        a: [Hà Nội, Huế]
        dup: 1
        dup: 2
        nfd: "Nguye\\u0302\\u0303n"
    """,
}


@pytest.fixture(scope="module")
def yaml_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("yaml")
    generate(folder / "data", Options(exemplars=30, seed=5, now=date(2026, 11, 25)), SAMPLE_DATA)
    for name, text in TRICKY.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return sorted([*SAMPLE_DATA.glob("**/*.yml"), *folder.glob("data/**/*.yml"), *folder.glob("*.yml")])


def as_written(value: Any) -> Any:
    """Dates as the text they were written as: the fast reader leaves that to the record fields."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_written(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_written(item) for item in value]
    return value


def test_read_yaml_gives_what_pyyaml_gave(yaml_files: list[Path]) -> None:
    for path in yaml_files:
        data, smap, problems = load.read_yaml(path, "x")
        want_data, want_values, want_keys, want_problems = reference_read(path)
        assert as_written(data) == as_written(want_data), path
        assert smap.values == want_values, path
        assert smap.keys == want_keys, path
        assert problems == want_problems, path


def test_record_files_take_the_fast_reader_and_locate_on_demand(yaml_files: list[Path]) -> None:
    records = [path for path in yaml_files if path.parent.name in ("campaigns", "exemplars", "nominations")]
    assert len(records) > 40
    for path in records:
        data, smap, problems = load.read_yaml(path, "x")
        assert problems == []
        assert smap._source == path  # no positions worked out yet
        assert isinstance(data["published"], str)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert smap.locate(("published",)) == (
            lines.index(next(x for x in lines if x.startswith("published:"))) + 1,
            12,
        )
        assert smap._source is None


def test_yaml_1_2_values_stay_as_written(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: no\nb: on\nc: 0755\nd: '2021-04-05'\ne: 2021-04-05\nf: true\ng: 1e3\n", encoding="utf-8")
    data, _smap, problems = load.read_yaml(path, "x")
    assert problems == []
    assert data == {"a": "no", "b": "on", "c": 755, "d": "2021-04-05", "e": "2021-04-05", "f": True, "g": 1000.0}


def old_relative(from_url: str, to_url: str) -> str:
    target = to_url.rstrip("/") or "."
    start = from_url.rstrip("/") or "."
    path = posixpath.relpath(target, start)
    if to_url.endswith("/") or to_url == "":
        return "./" if path == "." else path + "/"
    return path


URLS = [
    "",
    "dien-hinh/",
    "dien-hinh/nguyen-van-an/",
    "dien-hinh/theo-tinh/",
    "dien-hinh/theo-tinh/ha-noi/",
    "dien-hinh/theo-tinh/ha-noi/trang-2/",
    "dien-hinh/trang-12/",
    "images/ruong-lua.svg",
    "lay-y-kien/dong-thap-2026/#nguyen-van-binh",
    "phong-trao/",
    "cach-gop-y/",
    "a//b/",
    "./a/",
    "../b/",
]


@pytest.mark.parametrize("from_url", URLS)
def test_relative_links_are_posixpaths(from_url: str) -> None:
    for to_url in URLS:
        assert relative(from_url, to_url) == old_relative(from_url, to_url), (from_url, to_url)


def test_front_matter_reads_back_as_yaml() -> None:
    from site_builder.engines.mkdocs_adapter import front_matter, source_text

    page = Page(
        "dien-hinh/x/",
        "Ông: Nguyễn Văn An <b>",
        "<p>",
        "Mô tả dài " * 20 + "'có nháy' và \"ngoặc\"",
        {"kind": "exemplar", "record_id": "x", "year": 2021, "yes": "yes", "feeds": [{"href": "a.xml"}]},
    )
    header, body = source_text(page).removeprefix("---\n").split("\n---\n\n", 1)
    assert yaml.safe_load(header) == front_matter(page)
    assert front_matter(page)["title"] == "Ông: Nguyễn Văn An &lt;b&gt;"
    assert body == "<p>\n"


def test_cmark_gives_the_sanitised_html_python_markdown_gave() -> None:
    """Stories moved from Python-Markdown to cmark-gfm (17x faster): the same sanitised HTML for
    what editors write, but for two CommonMark differences, both for the better."""
    texts = [
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "1. một\n2. hai\n\n* ba",
        "Ông An làm **lúa sạch**.\n\n> trích",
        '## Tiêu đề\n\nXem [trang](https://example.vn/a?b=1&c=2 "t").\n\n---\n\nDòng một  \nDòng hai',
        "Văn bản <script>alert(1)</script> và <b onclick='x'>đậm</b>",
    ]
    for text in texts:
        before = nh3.clean(
            md.markdown(text, extensions=["tables", "sane_lists"], output_format="html"),
            tags=markup._STORY_TAGS,
            attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
            attribute_filter=markup._safe_link,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener nofollow",
        )
        assert str(markdown_html(text)) == before, text
    # A column's alignment is kept (Python-Markdown wrote a style attribute, which nh3 removed).
    aligned = html.fragment_fromstring(str(markdown_html("| A | B |\n|:-:|--:|\n| 1 | 2 |")))
    assert [cell.get("align") for cell in aligned.iter("th", "td")] == ["center", "right"] * 2
    # "1)" starts a list, as in CommonMark (and the web editor's preview).
    assert "<ol>" in str(markdown_html("1) một\n2) hai"))


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_cmark_conversions_give_cmarkgfms_html_and_keep_no_memory() -> None:
    """cmarkgfm's markdown_to_html_with_extensions frees neither the tree nor the HTML (13 KB a
    story, 250 MB of a 50,000-exemplar build); markup.to_html makes the same calls and frees both."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    assert markup._render is not markup._leaking  # glibc and the library's exports are here
    story = (
        "Ông An **trồng lúa** sạch, [xem](https://example.vn/a?b=1&c=2).\n\n" * 20
    ) + "| a | b |\n|:-|-:|\n| 1 | 2 |\n"
    texts = [story, "1) một\n2) hai", "<script>x</script> *y*", "", "> trích\n\n---"]
    for text in texts:
        expected = cmarkgfm.markdown_to_html_with_extensions(
            text, options=Options.CMARK_OPT_UNSAFE, extensions=["table"]
        )
        assert markup._render(text) == expected, text
    for _ in range(200):
        markup.to_html(story)
    before = resident_mb()
    for _ in range(3000):  # 40 MB with the leak
        markup.to_html(story)
    assert resident_mb() - before < 8


@pytest.mark.parametrize("count", [1, 2, 5, 7, 8, 40, 334])
def test_page_window_is_small_and_holds_the_ends(count: int) -> None:
    for current in range(1, count + 1):
        window = page_window(current, count)
        assert window == sorted(set(window))
        assert {1, count, current} <= set(window)
        assert len(window) <= 7
        assert all(1 <= n <= count for n in window)


def test_build_writes_stage_timings(tmp_path: Path) -> None:
    timings = tmp_path / "t.json"
    args = ["--root", str(ROOT), "build", "--data", str(SAMPLE_DATA), "--out", str(tmp_path / "site")]
    args += ["--now", SAMPLE_NOW, "--quiet"]
    assert main([*args, "--timings", str(timings)]) == 0
    report = json.loads(timings.read_text(encoding="utf-8"))
    stages = report["stages"]
    assert list(stages) == [
        "load",
        "assets",
        "render",
        "write",
        "mkdocs",
        "editor",
        "embeds",
        "images",
        "consultation",
        "feeds",
        "search",
        "server",
        "swap",
    ]
    assert all(isinstance(seconds, float) for seconds in stages.values())
    assert 20 < report["peak_rss_mb"] < 2000


def test_shared_navigation_changes_no_byte(
    sample_site: Path, sample_data: Path, tmp_path: Path, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Navigation, tabs and theme config rendered once per folder give the pages MkDocs gave."""
    from site_builder.commands.build import Progress, Project, build
    from site_builder.engines import mkdocs_adapter

    monkeypatch.setattr(mkdocs_adapter, "SHARE_CHROME", False)
    out = tmp_path / "site"
    build(Project(ROOT, sample_data, out), now, progress=Progress(None))
    plain = sorted(path.relative_to(out) for path in out.rglob("*.html"))
    shared = sorted(path.relative_to(sample_site) for path in sample_site.rglob("*.html"))
    assert plain == shared
    assert len(plain) > 80
    record_pages = [rel for rel in plain if rel.parts[0] == "dien-hinh" and len(rel.parts) == 3]
    assert len(record_pages) >= 10
    for rel in plain:
        assert (out / rel).read_bytes() == (sample_site / rel).read_bytes(), rel


def test_two_mkdocs_processes_give_the_same_site(
    sample_site: Path, sample_data: Path, tmp_path: Path, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large sites are rendered by two MkDocs processes; the site is the one a single process gives."""
    from site_builder.commands.build import Progress, Project, build
    from site_builder.engines import mkdocs_adapter

    monkeypatch.setattr(mkdocs_adapter, "MIN_PAGES_TO_SPLIT", 0)
    moved: list[int] = []
    merge = mkdocs_adapter._merge

    def counting_merge(source: Path, target: Path) -> None:
        moved.append(len(list(source.rglob("*.html"))))
        merge(source, target)

    monkeypatch.setattr(mkdocs_adapter, "_merge", counting_merge)
    out = tmp_path / "site"
    build(Project(ROOT, sample_data, out), now, progress=Progress(None))
    # Pagefind's file names vary from run to run; the pages, feeds, data and assets do not.
    split = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    single = sorted(
        p.relative_to(sample_site) for p in sample_site.rglob("*") if p.is_file() and "pagefind" not in p.parts
    )
    assert split == single
    assert len([rel for rel in split if rel.suffix == ".html"]) > 80
    for rel in split:
        assert (out / rel).read_bytes() == (sample_site / rel).read_bytes(), rel
    # The second process rendered its share of the record pages (and the 404 page every build
    # has), not the rest.
    pages = len([rel for rel in split if rel.suffix == ".html"])
    assert len(moved) == 1 and 20 < moved[0] < pages - 20


def test_search_parts_are_runs_of_dates_newest_first_and_stay_put() -> None:
    from site_builder.engines.search import plan

    pages = {f"dien-hinh/g-{i}/": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(1000)}
    pages |= {f"lay-y-kien/l-{i}/": "2026-11-16" for i in range(50)} | {"gioi-thieu/": ""}
    shards = plan(pages, limit=300)
    assert len(shards) == 4
    assert sorted(url for shard in shards for url in shard.urls) == sorted(pages)
    assert all(len(shard.urls) <= 300 for shard in shards)
    assert [shard.folder for shard in shards] == ["pagefind/", "pagefind/1/", "pagefind/2/", "pagefind/3/"]
    # Part 0 holds the newest pages, and every part's dates come after the next part's: read in
    # order, the parts give results sorted by date.
    for newer, older in itertools.pairwise(shards):
        assert min(pages[url] for url in newer.urls) > max(pages[url] for url in older.urls)
    assert "lay-y-kien/l-0/" in shards[0].urls and "gioi-thieu/" in shards[-1].urls
    # An edit that keeps the dates changes no part; a new, newest page changes only part 0.
    assert plan(dict(reversed(list(pages.items()))), limit=300) == shards
    grown = plan(pages | {"dien-hinh/moi/": "2026-11-30"}, limit=300)
    assert grown[1:] == shards[1:] and grown[0].urls == (*shards[0].urls, "dien-hinh/moi/")
    # One part for a site within the limit: the index folder Pagefind gives.
    assert [shard.folder for shard in plan(pages, limit=5000)] == ["pagefind/"]


def test_search_parts_are_about_a_dozen_within_bounds_and_their_size_moves_in_steps() -> None:
    """Small parts make an edit index fewer pages again; the browser merges every part, so their
    number stays that of the largest sites; and a few new pages must not move every part."""
    from site_builder.engines.search import MIN_SHARD_PAGES, SHARD_PAGES, plan, shard_pages

    assert shard_pages(60) == MIN_SHARD_PAGES  # the sample: one part
    assert shard_pages(10_820) == 1000  # 10,000 exemplars: 11 parts
    assert shard_pages(21_600) == 2000
    assert shard_pages(54_020) == SHARD_PAGES  # 50,000 exemplars: 14 parts, as before
    sizes = [shard_pages(n) for n in range(0, 80_000, 7)]
    assert sizes == sorted(sizes) and len(set(sizes)) == 7 and all(size % 500 == 0 for size in sizes)
    assert {shard_pages(n) for n in range(12_001, 18_001)} == {1500}
    pages = {f"dien-hinh/g-{i}/": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(10_820)}
    assert 10 <= len(plan(pages)) <= 12


def test_undated_pages_never_make_a_search_part_of_their_own() -> None:
    """A part with no dated page has no date to sort by: Pagefind would return all its pages in a
    search sorted by date, where one index leaves them out."""
    from site_builder.engines.search import plan

    pages = {f"trang-{n}/": "" for n in range(5)} | {"dien-hinh/a/": "2021-01-01", "dien-hinh/b/": "2022-01-01"}
    shards = plan(pages, limit=3)
    assert [len(shard.urls) for shard in shards] == [1, 6]
    assert all(any(pages[url] for url in shard.urls) for shard in shards)


def test_search_index_holds_exactly_the_pages_with_a_search_body(sample_site: Path) -> None:
    import gzip

    with_body = set()
    for path in sample_site.rglob("*.html"):
        if "data-pagefind-body" in path.read_text(encoding="utf-8"):
            rel = path.relative_to(sample_site).parent.as_posix()
            with_body.add("/" if rel == "." else f"/{rel}/")
    indexed = set()
    for fragment in (sample_site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(fragment.read_bytes())
        indexed.add(json.loads(raw[raw.index(b"{") :])["url"])
    assert len(with_body) >= 30
    assert indexed == with_body


def test_two_rendering_processes_give_the_same_site(
    sample_site: Path, sample_data: Path, tmp_path: Path, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large sites are rendered by two processes; the pages are those one process renders."""
    from site_builder.commands.build import Progress, Project, build

    monkeypatch.setattr(render, "MIN_EXEMPLARS_TO_SPLIT", 0)
    forks: list[int] = []
    from site_builder.site.site import Site

    real_pages = Site.pages

    def counting_pages(self: Site, part: int | None = None, keep: Any = None) -> list[Page]:
        forks.append(-1 if part is None else part)
        return real_pages(self, part, keep)

    monkeypatch.setattr(Site, "pages", counting_pages)
    out = tmp_path / "site"
    build(Project(ROOT, sample_data, out), now, progress=Progress(None))
    assert 0 in forks  # this process rendered part 0 (part 1's call happened in the child)
    split = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    single = sorted(
        p.relative_to(sample_site) for p in sample_site.rglob("*") if p.is_file() and "pagefind" not in p.parts
    )
    assert split == single
    for rel in split:
        assert (out / rel).read_bytes() == (sample_site / rel).read_bytes(), rel


def test_work_beside_a_forked_process_comes_back_or_fails_clearly() -> None:
    import os

    from site_builder.problems import BuildError
    from site_builder.utils import parallel

    assert parallel.beside(lambda: {"them": [1, 2]}, lambda: "me", "test") == ("me", {"them": [1, 2]})

    def broken() -> None:
        raise ValueError("hỏng")

    with pytest.raises(BuildError, match=r"^test \(tiến trình thứ hai\): ValueError: hỏng$"):
        parallel.beside(broken, lambda: None, "test")

    def dies() -> None:
        os._exit(3)

    with pytest.raises(BuildError, match="kết thúc với mã 3"):
        parallel.beside(dies, lambda: None, "test")


def test_positions_of_a_file_gone_since_reading_fall_back_to_its_start(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("title: Một\nyear: 2021\n", encoding="utf-8")
    data, smap, problems = load.read_yaml(path, "x.yml")
    assert data == {"title": "Một", "year": 2021} and problems == []
    path.unlink()
    assert smap.problem(("year",), "sai").line == 1


def test_two_processes_draw_the_share_cards_one_would(
    sample_site: Path, sample_data: Path, tmp_path: Path, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large sites' share cards are drawn by two processes; the cards are those one process draws,
    and the build's writer knows the paths the second one wrote."""
    from site_builder.commands import build as build_module
    from site_builder.commands.build import Progress, Project, build
    from site_builder.urls import URLS
    from site_builder.utils import parallel

    monkeypatch.setattr(build_module, "MIN_CARDS_TO_SPLIT", 0)
    calls: list[str] = []
    real_beside = parallel.beside

    def counting_beside(child: Any, here: Any, what: str) -> Any:
        calls.append(what)
        return real_beside(child, here, what)

    monkeypatch.setattr(parallel, "beside", counting_beside)
    seen: list[set[str]] = []
    real_step = build_module.write_images

    def recording_step(context: Any) -> str:
        note = real_step(context)
        seen.append({path for path in context.writer.written if path.startswith(f"{URLS.SHARE}/")})
        return note

    monkeypatch.setattr(
        build_module, "POST_BUILD_STEPS", [("images", "", recording_step), *build_module.POST_BUILD_STEPS[1:]]
    )
    out = tmp_path / "site"
    build(Project(ROOT, sample_data, out), now, progress=Progress(None))
    assert "vẽ ảnh chia sẻ" in calls
    cards = sorted(p.relative_to(out) for p in (out / URLS.SHARE).rglob("*.png"))
    assert cards == sorted(p.relative_to(sample_site) for p in (sample_site / URLS.SHARE).rglob("*.png"))
    assert len(cards) > 20
    for rel in cards:
        assert (out / rel).read_bytes() == (sample_site / rel).read_bytes(), rel
    assert seen[0] >= {rel.as_posix() for rel in cards}
