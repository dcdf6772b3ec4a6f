"""The build cache (cache.py): a build that reuses earlier outputs publishes the same bytes as one
that makes everything, and an input that changes makes its outputs again."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from site_builder.commands.build import Progress, Project, build, check
from site_builder.model import images
from site_builder.model.images import CardMaker, Media
from site_builder.model.site_model import SiteModel
from site_builder.publish import feeds
from site_builder.site.site import Site
from site_builder.urls import URLS
from site_builder.utils import cache, precompress
from site_builder.utils.cache import BuildCache, code_version

from .conftest import ROOT, SAMPLE_DATA, DataDir
from .site_compare import differences, index_parts
from .test_images import encoded, photo


def entries(folder: Path, namespace: str) -> int:
    return sum(1 for path in (folder / namespace).rglob("*") if path.is_file())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BuildCache]:
    """A cache in a scratch folder, in use for the test (as build() sets one for a build)."""
    used = BuildCache(tmp_path / "cache", code_version(ROOT))
    cache.use(used)
    yield used
    cache.use(BuildCache(None))


def uncached(make: Callable[[], Any]) -> Any:
    """make() with no cache, as a build with --no-cache runs it."""
    before = cache.current()
    cache.use(BuildCache(None))
    try:
        return make()
    finally:
        cache.use(before)


def refuse(*_args: object, **_kwargs: object) -> Any:
    raise AssertionError("made again, although the cache has it")


def test_a_build_from_the_cache_is_byte_for_byte_the_build_without_it(
    sample_site: Path, sample_data: Path, now: datetime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    first, second = tmp_path / "first" / "site", tmp_path / "second" / "site"
    build(Project(ROOT, sample_data, first), now, progress=Progress(None), cache_dir=folder)
    topics = len(list((first / URLS.FEEDS).rglob("*.json")))
    assert topics > 20 and entries(folder, "feeds") == topics
    assert entries(folder, "share-cards") > 20
    # One entry per content (the quick index ships the same Pagefind script as the whole index),
    # all but MkDocs's sitemap.xml.gz; and one per generated page, under its page's entry.
    record_pages = {path.parent for path in (first / URLS.exemplars()).glob("*/index.html.gz")}
    contents = len({path.read_bytes() for path in first.rglob("*.gz")}) - 1
    assert entries(folder, "gzip") >= contents + len(record_pages) > contents
    # The second build must take every feed document, share card and gzipped copy from the cache.
    monkeypatch.setattr(precompress, "gzip", SimpleNamespace(compress=refuse))
    # Pages linked from the cache get their gzipped copies by their entry, unread.
    hashed: list[bytes] = []

    def sha256(data: bytes) -> Any:
        hashed.append(data)
        return hashlib.sha256(data)

    monkeypatch.setattr(precompress, "hashlib", SimpleNamespace(sha256=sha256))
    monkeypatch.setattr(feeds, "_topic_documents", refuse)
    # Nor is any feed item built: the feeds are found by what their items are made from.
    from site_builder.kinds.campaigns import Campaigns
    from site_builder.kinds.exemplars import Exemplars
    from site_builder.kinds.nominations import Nominations

    for kind in (Campaigns, Exemplars, Nominations):
        monkeypatch.setattr(kind, "item", refuse)
    monkeypatch.setattr(images, "_copies", refuse)
    monkeypatch.setattr(images, "_rasterise", refuse)
    monkeypatch.setattr(CardMaker, "_draw", refuse)
    # MkDocs is not even given the record pages whose HTML the cache has.
    from mkdocs.commands import build as mkdocs_build

    built: list[str] = []
    real_build_page = mkdocs_build._build_page

    def counting_build_page(page: Any, *args: Any, **kwargs: Any) -> Any:
        built.append(page.file.src_uri)
        return real_build_page(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", counting_build_page)
    read: list[str] = []
    real_read_bytes = Path.read_bytes

    def reading(self: Path) -> bytes:
        read.append(self.as_posix())
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", reading)
    build(Project(ROOT, sample_data, second), now, progress=Progress(None), cache_dir=folder)
    monkeypatch.setattr(Path, "read_bytes", real_read_bytes)
    section = URLS.exemplars()
    assert f"{section}index.md" in built
    assert not [uri for uri in built if uri.startswith(section) and uri != f"{section}index.md"], built
    assert len(built) < 30, built
    assert hashed and len(hashed) <= len(list(second.rglob("*.gz"))) - len(record_pages)
    # What the post-build steps write (feeds, lists' files) is a hard link to the cache's copy of
    # the same bytes, and its gzipped copy is found by the SHA-256 taken when writing it, unread.
    for written in [*(second / URLS.FEEDS).rglob("*.xml"), *(second / URLS.nominations()).rglob("*.csv")]:
        rel = written.relative_to(second).as_posix()
        assert written.stat().st_ino == (first / rel).stat().st_ino, rel
        assert not [path for path in read if path.endswith(f"/site/{rel}")], rel
    # sample_site was built without a cache.
    assert differences(sample_site, first) == []
    assert differences(sample_site, second) == []


def test_the_code_version_is_the_same_in_another_folder_and_changes_with_the_theme(tmp_path: Path) -> None:
    """A clone elsewhere (a CI runner's workspace) keeps the cache; a changed override misses it."""
    clones = [tmp_path / "a" / "project", tmp_path / "b" / "elsewhere"]
    for clone in clones:
        shutil.copytree(ROOT / "overrides", clone / "overrides")
        shutil.copyfile(ROOT / "mkdocs.yml", clone / "mkdocs.yml")
    assert code_version(clones[0]) == code_version(clones[1]) == code_version(ROOT)
    main = clones[1] / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code_version.cache_clear()
    assert code_version(clones[1]) != code_version(clones[0])


def test_a_link_never_writes_through_a_file_already_there(store: BuildCache, tmp_path: Path) -> None:
    """A destination taken is refused: copying onto it would write into the file it links to,
    here another entry of the store."""
    store.put("files", "aa", b"first")
    store.put("files", "bb", b"second")
    target = tmp_path / "site" / "x.json"
    assert store.link("files", "aa", target)
    assert not store.link("files", "bb", target)
    assert target.read_bytes() == b"first" and store.get("files", "aa") == b"first"


def documents(data_dir: Path, now: datetime, url: str | None = None) -> dict[str, bytes]:
    data, _, _ = check(data_dir, now)
    if url:
        data.settings = data.settings.model_copy(update={"url": url})
    return Site(SiteModel(data, now)).feed_documents()


def retitled(data_dir: Path) -> None:
    path = data_dir / "exemplars" / "clb-don-ca-tai-tu-cao-lanh.yml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["summary"] += " Tóm tắt đã sửa."
    record["name"] += " (đã sửa)"
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_with_the_index_in_parts_an_edit_rebuilt_from_the_cache_is_its_cold_build(
    now: datetime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As bench/run.py checks it at scale: one exemplar edited, rebuilt into the same folder with
    the cache the first build left, is byte for byte a build of the edited data without a cache."""
    monkeypatch.setenv("SITE_BUILDER_SEARCH_SHARD_PAGES", "8")
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    site, cold, edited = tmp_path / "site", tmp_path / "cold" / "site", tmp_path / "edited" / "site"
    folder = tmp_path / "cache"
    build(Project(ROOT, data, cold), now, progress=Progress(None))
    build(Project(ROOT, data, site), now, progress=Progress(None), cache_dir=folder)
    assert len(index_parts(cold)) == 5
    assert differences(cold, site) == []
    retitled(data)
    progress = Progress(None)
    build(Project(ROOT, data, site), now, progress=progress, cache_dir=folder)
    reused = [part_reused for _pages, _seconds, part_reused in progress.search_parts]
    assert 0 < sum(reused) < len(reused)
    build(Project(ROOT, data, edited), now, progress=Progress(None))
    assert differences(edited, site) == []
    changed = differences(cold, site)
    assert f"{URLS.exemplar('clb-don-ca-tai-tu-cao-lanh')}index.html" in changed
    assert any(path.startswith(f"{URLS.SEARCH_INDEX}/") for path in changed)


def test_a_changed_exemplar_remakes_the_feeds_that_carry_it_and_only_those(
    store: BuildCache, now: datetime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    before = documents(data, now)
    retitled(data)
    made: list[str] = []
    make = feeds._topic_documents

    def counted(topic: feeds.Topic, *args: Any) -> list[bytes]:
        made.append(topic.stem)
        return make(topic, *args)

    monkeypatch.setattr(feeds, "_topic_documents", counted)
    after = documents(data, now)
    remade = {URLS.feed(stem, fmt.suffix) for stem in made for fmt in feeds.FORMATS}
    assert after == uncached(lambda: documents(data, now))
    assert "Tóm tắt đã sửa.".encode() in after[URLS.feed(URLS.SITE_WIDE_FEED, ".json")]
    changed = {path for path in after if after[path] != before[path]}
    # The open data files are made every build (and hold the exemplar too): feeds only here.
    assert {path for path in changed if path.startswith(f"{URLS.FEEDS}/")} == remade
    assert 3 < len(remade) < len([path for path in after if path.startswith(f"{URLS.FEEDS}/")]) / 4


def test_another_site_address_remakes_every_feed(store: BuildCache, now: datetime) -> None:
    documents(SAMPLE_DATA, now)
    url = "https://preview.example.org/thi-dua/"
    assert documents(SAMPLE_DATA, now, url) == uncached(lambda: documents(SAMPLE_DATA, now, url))


def test_a_replaced_photo_gets_new_copies_and_a_kept_one_comes_from_the_cache(
    store: BuildCache, data_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = data_dir.root / "images" / "a.jpg"
    srcs = ["images/a.jpg", "images/ruong-lua.svg"]
    source.write_bytes(encoded(photo((900, 600)), "JPEG"))
    first = dict(Media(data_dir.root, srcs).files())
    source.write_bytes(encoded(photo((900, 600), seed=11), "JPEG"))
    replaced = dict(Media(data_dir.root, srcs).files())
    assert replaced == uncached(lambda: dict(Media(data_dir.root, srcs).files()))
    # The drawing and its PNG copy are kept; the photo's copies are new.
    kept = {path: value for path, value in first.items() if "ruong-lua" in path}
    assert len(kept) == 2 and kept.items() <= replaced.items()
    assert set(replaced.values()).isdisjoint(value for path, value in first.items() if path not in kept)
    monkeypatch.setattr(images, "_copies", refuse)
    monkeypatch.setattr(images, "_rasterise", refuse)
    assert dict(Media(data_dir.root, srcs).files()) == replaced


def test_a_share_card_is_drawn_again_only_for_other_words(store: BuildCache) -> None:
    maker = CardMaker()
    words = [("Lạng Sơn", "Thi đua"), ("Lạng Sơn", "Thi đua - Khen thưởng"), ("Hà Nội", "Thi đua")]

    def cards() -> list[bytes]:
        return [maker.card(title, name) for title, name in words]

    cold = uncached(cards)
    assert len(set(cold)) == 3
    assert cards() == cold
    assert (store.hits, store.misses) == (0, 3)
    assert cards() == cold
    assert (store.hits, store.misses) == (3, 3)


def rendered(data_dir: Path, now: datetime, url: str | None = None) -> dict[str, Any]:
    """Every page of the site made from data_dir, as render gives them to the site generator,
    and every feed document ("feed:" and its path)."""
    data, _, _ = check(data_dir, now)
    if url:
        data.settings = data.settings.model_copy(update={"url": url})
    site = Site(SiteModel(data, now))
    pages = {page.url: (page.title, page.description, page.body, page.meta) for page in site.pages()}
    files = {f"file:{path}": content for path, content in site.files()}
    return pages | files | {f"feed:{path}": content for path, content in site.feed_documents().items()}


def test_pages_and_feeds_from_the_cache_are_those_made_afresh_whatever_changed(
    store: BuildCache, now: datetime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The render cache keys an exemplar's page and the pages of lists by what they show, and
    feeds key their items by what those are made from (records' files, images as served, the
    tables of campaigns, provinces and awards, the settings, a list's window): after each kind
    of change the pages and feeds are those a build without the cache makes, and an edited
    exemplar renders its own page again and no other exemplar's."""
    from site_builder.kinds.exemplars import Exemplars
    from site_builder.kinds.nominations import Nominations

    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    made: list[str] = []
    real_page = Exemplars.page
    real_list_page, real_notice_page = Nominations.list_page, Nominations.notice_page

    def counting_page(self: Exemplars, renderer: Any, eid: str, exemplar: Any) -> Any:
        made.append(eid)
        return real_page(self, renderer, eid, exemplar)

    def counting_list_page(self: Nominations, renderer: Any, lid: str, *rest: Any) -> Any:
        made.append(f"list:{lid}")
        return real_list_page(self, renderer, lid, *rest)

    monkeypatch.setattr(Exemplars, "page", counting_page)

    def counting_notice_page(self: Nominations, renderer: Any, lid: str, *rest: Any) -> Any:
        made.append(f"notice:{lid}")
        return real_notice_page(self, renderer, lid, *rest)

    monkeypatch.setattr(Nominations, "list_page", counting_list_page)
    monkeypatch.setattr(Nominations, "notice_page", counting_notice_page)
    first = rendered(data, now)
    lists = sorted(path.stem for path in (data / "nominations").glob("*.yml"))
    assert sorted(made) == sorted(
        [
            *(f"list:{lid}" for lid in lists),
            *(f"notice:{lid}" for lid in lists),
            *(path.stem for path in (data / "exemplars").glob("*.yml")),
        ]
    )
    made.clear()
    exemplars = sorted(path.stem for path in (data / "exemplars").glob("*.yml"))
    assert entries(store.folder, "render") > len(exemplars)  # type: ignore[arg-type]

    def same_as_afresh(*, now: datetime = now, url: str | None = None) -> dict[str, Any]:
        """The pages rendered with the cache (made: the exemplars rendered again) and checked
        against those rendered without it."""
        made.clear()
        cached = rendered(data, now, url)
        again = list(made)
        assert cached == uncached(lambda: rendered(data, now, url))
        made[:] = again
        return cached

    # Nothing changed: nothing is rendered again.
    assert same_as_afresh() == first and made == []
    # One exemplar edited: its page, and the lists that show its card.
    retitled(data)
    after = same_as_afresh()
    assert made == ["clb-don-ca-tai-tu-cao-lanh"]
    changed = {url for url in first if first[url] != after[url]}
    assert URLS.exemplar("clb-don-ca-tai-tu-cao-lanh") in changed
    assert URLS.exemplars() in changed and URLS.facet("province", "dong-thap") in changed
    assert URLS.exemplar("dang-van-duc") not in changed

    def edit(rel: str, change: Callable[[Any], None]) -> None:
        path = data / rel
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(record)
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def rename(items: list[dict[str, Any]], key: str, field: str, suffix: str) -> None:
        found = [item for item in items if item.get("id") == key]
        assert found, key
        found[0][field] += suffix

    # What other files say of an exemplar: its province's name, its campaign's title, an award's
    # name; the drawing it shows, at another size; the site's own name and address.
    edit("provinces.yml", lambda table: rename(table["provinces"], "dong-thap", "name", " mới"))
    assert "mới" in same_as_afresh()[URLS.exemplar("clb-don-ca-tai-tu-cao-lanh")][2]
    campaign = yaml.safe_load((data / "exemplars" / "dang-van-duc.yml").read_text(encoding="utf-8"))["campaigns"][0]
    edit(f"campaigns/{campaign}.yml", lambda record: record.update(title=record["title"] + " (đổi tên)"))
    assert "(đổi tên)" in same_as_afresh()[URLS.exemplar("dang-van-duc")][2]
    award = yaml.safe_load((data / "exemplars" / "dang-van-duc.yml").read_text(encoding="utf-8"))["awards"][0]["award"]
    edit("awards.yml", lambda table: rename(table["awards"], award, "name", " (đổi)"))
    assert "(đổi)" in same_as_afresh()[URLS.exemplar("dang-van-duc")][2]
    drawing = data / "images" / "don-ca-tai-tu.svg"
    drawing.write_text(
        drawing.read_text(encoding="utf-8").replace('width="320" height="200"', 'width="640" height="400"', 1),
        encoding="utf-8",
    )
    assert 'width="640"' in same_as_afresh()[URLS.exemplar("clb-don-ca-tai-tu-cao-lanh")][2]
    # Another colour at the same size: the page shows the drawing as it is, the feeds its PNG copy.
    before = same_as_afresh()
    drawing.write_text(
        drawing.read_text(encoding="utf-8").replace('fill="#fdf3ec"', 'fill="#fdf3ed"', 1), encoding="utf-8"
    )
    after = same_as_afresh()
    assert after[URLS.exemplar("clb-don-ca-tai-tu-cao-lanh")] == before[URLS.exemplar("clb-don-ca-tai-tu-cao-lanh")]
    assert [key for key in after if key.startswith("feed:") and after[key] != before[key]]
    edit("site.yml", lambda settings: settings.update(title=settings["title"] + " mới"))
    same_as_afresh(url="https://preview.example.org/thi-dua/")
    assert len(made) == len(exemplars) + 2 * len(lists)
    # A nominee list retitled: its feed's items say so.
    lid = sorted(path.stem for path in (data / "nominations").glob("*.yml"))[0]
    before = same_as_afresh()
    edit(f"nominations/{lid}.yml", lambda record: record.update(title=record["title"] + " (sửa)"))
    after = same_as_afresh()
    assert [key for key in after if key.startswith("feed:") and after[key] != before[key]]
    assert made == [f"list:{lid}", f"notice:{lid}"]
    # A list's pages and files follow the clock, the holidays and the rules of law: the next
    # day (days left), a holiday inside a window (its working days), a rule's text amended.
    open_list = "lang-son-2026-huan-chuong-lao-dong"
    page = URLS.nomination(open_list)
    before = same_as_afresh()
    after = same_as_afresh(now=now + timedelta(days=1))
    assert after[page] != before[page]
    assert after[URLS.exemplar("dang-van-duc")] == before[URLS.exemplar("dang-van-duc")]
    longer = "dong-thap-2026-tong-ket-2021-2025"  # open from 16/11 to 04/12/2026
    notice, json = URLS.notice(longer), f"file:{URLS.list_json(longer)}"
    before = same_as_afresh()
    holiday = {"date": date(2026, 11, 30), "name": "Ngày nghỉ bù (thử)"}
    edit("holidays.yml", lambda table: table["holidays"].append(holiday))
    after = same_as_afresh()
    assert after[notice] != before[notice] and after[json] != before[json]
    edit("rules.yml", lambda book: [rule.update(where=rule["where"] + " (sửa)") for rule in book["rules"]])
    assert "(sửa)" in same_as_afresh()[page][2]
    # A year on, the consultations have other states: pages change, the exemplars' do not.
    before = rendered(data, now)
    later = same_as_afresh(now=now.replace(year=now.year + 1))
    assert made and all(name.startswith(("list:", "notice:")) for name in made)
    assert {url for url in later if later[url] != before[url]}
    assert later[URLS.exemplar("dang-van-duc")] == before[URLS.exemplar("dang-van-duc")]


def _entry_names(folder: Path) -> dict[str, set[str]]:
    return {
        namespace.name: {path.name for path in namespace.rglob("*") if path.is_file()}
        for namespace in folder.iterdir()
        if namespace.is_dir()
    }


def test_a_template_change_redraws_no_share_card_and_redoes_only_the_pages_it_changed(
    sample_data: Path, tmp_path: Path
) -> None:
    """Issue 36: every code change missed every store entry, so a new release cost a cold build.
    Each namespace is keyed by its own code (cache.STAGE_CODE): one page template's change is
    counted here, stage by stage, with the package copied and its template edited."""
    package = tmp_path / "package"
    shutil.copytree(ROOT / "site_builder", package / "site_builder", ignore=shutil.ignore_patterns("__pycache__"))
    folder, site = tmp_path / "cache", tmp_path / "site"

    def built() -> dict[str, bytes]:
        command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "build", "--quiet"]
        command += ["--data", str(sample_data), "--out", str(site), "--cache", str(folder), "--now", "2026-11-25"]
        # From tmp_path, so that `-m` finds the copy first, not the project's folder.
        env = {**os.environ, "PYTHONPATH": str(package)}
        result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*.html")}

    before_pages = built()
    before = _entry_names(folder)
    template = package / "site_builder" / "templates" / "exemplar.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n<p>Mẫu trang đã sửa.</p>\n", encoding="utf-8")
    after_pages = built()
    made = {namespace: names - before.get(namespace, set()) for namespace, names in _entry_names(folder).items()}

    changed = {path for path, content in after_pages.items() if before_pages.get(path) != content}
    exemplar_pages = {f"{URLS.exemplar(path.stem)}index.html" for path in (sample_data / "exemplars").glob("*.yml")}
    assert exemplar_pages and {path for path in changed if "Mẫu trang đã sửa." in after_pages[path].decode()} == (
        exemplar_pages
    )
    # Drawn, converted or written by code the template does not reach: nothing made again.
    for namespace in ("share-cards", "images", "markdown", "feeds"):
        assert not made.get(namespace), namespace
    assert made["render"]  # the pages run the template
    # MkDocs wraps and compresses again only the pages whose HTML changed.
    assert 0 < len(made["page"]) <= len(exemplar_pages) < len(after_pages)
    assert 0 < len(made["gzip"]) <= len(changed) + 40  # + Pagefind's files of the parts it re-indexed
