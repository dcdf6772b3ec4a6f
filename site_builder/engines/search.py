"""The search index over the built site: Pagefind, run as the last step of a build."""

from __future__ import annotations

import functools
import hashlib
import html as htmllib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import BuildError
from ..urls import URLS
from ..utils import cache, parallel

if TYPE_CHECKING:
    from ..publish.render import Page

INDEX_DIR = URLS.SEARCH_INDEX
# Bundles of Pagefind's own UIs; the site uses its own search box (overrides/assets/search.js).
UNUSED_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# Loaded once, from the first part's folder, for every part: the browser merges the other parts
# into the first part's Pagefind (mergeIndex), which runs them all on its one WebAssembly module.
SHARED_BUNDLES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")


# Page kinds left out of the index (overrides/main.html gives them no data-pagefind-body): list
# pages repeat the records' summaries and would crowd the results; a renamed record's former
# address (redirect) and a withdrawn record's notice (withdrawn) are no content of their own.
UNINDEXED_KINDS = frozenset({"list", "home", "notice", "redirect", "withdrawn"})


def searchable_urls(pages: Iterable[Page], hand_written: Iterable[str]) -> list[str]:
    """URLs of the pages that go into the index: generated pages of an indexed kind, and every
    hand-written page (their URLs as the site generator gives them)."""
    return [*(page.url for page in pages if page.meta.get("kind") not in UNINDEXED_KINDS), *hand_written]


# Pages per part of the index, at most. Pagefind holds a whole index in memory while it builds
# it, about 270 KB per story page (3 GB for 10,000): parts of this size stay near 1 GB each.
SHARD_PAGES = 4000
# Parts are made smaller down to this many pages, for about SHARD_COUNT parts: an edit indexes its
# part again, and at 10,000 exemplars a part of 4,000 pages took 16 s of an edit's 44, one of
# 1,000 pages 4 s. The browser merges every part, so their number stays that of the largest sites
# (14 parts of 4,000 at 50,000 exemplars); 11 parts at 10,000 exemplars gave a phone the same
# first results, bytes and next query as 3 (bench/search.py, docs/benchmark.md).
MIN_SHARD_PAGES = 1000
SHARD_COUNT = 12


def shard_pages(pages: int) -> int:
    """Pages per part for a site of this many searchable pages: about SHARD_COUNT parts, in steps
    of 500 pages so that a few new records do not move every part's bounds (each part moved is
    indexed again), between MIN_SHARD_PAGES and SHARD_PAGES."""
    wanted = -(-pages // SHARD_COUNT)
    stepped = -(-wanted // 500) * 500
    return min(SHARD_PAGES, max(MIN_SHARD_PAGES, stepped))


@dataclass(frozen=True)
class Shard:
    """One part of the search index: Pagefind indexes its pages on their own, the browser merges
    the parts (overrides/assets/search.js)."""

    number: int
    urls: tuple[str, ...]

    @property
    def folder(self) -> str:
        return URLS.search_shard(self.number)


def plan(pages: Mapping[str, str], limit: int | None = None) -> list[Shard]:
    """Split the searchable pages (URL -> date, "" for none) into parts of at most `limit` pages,
    each a run of consecutive dates, part 0 the newest.

    Sorted by date, the browser then reads the parts in order (overrides/assets/search.js).
    Parts are filled from the oldest day on and never split a day: an edit that keeps a page's
    date changes one part, and new records, which are the newest, change only the newest parts;
    the others are reused from the build cache.
    """
    limit = max(1, limit or parallel.threshold("SEARCH_SHARD_PAGES", shard_pages(len(pages))))
    days: dict[str, list[str]] = {}
    for url, day in pages.items():
        days.setdefault(day, []).append(url)
    runs: list[list[str]] = [[]]
    dated = False  # whether the part being filled holds a dated page
    for day in sorted(days):
        urls = sorted(days[day])
        # Undated pages ("" sorts first) share a part with the oldest dated ones: a part without
        # any date has no sort key, and Pagefind would answer a search sorted by date with all
        # of its pages where one index leaves undated pages out.
        if runs[-1] and dated and len(runs[-1]) + len(urls) > limit:
            runs.append([])
        runs[-1].extend(urls)
        dated = bool(day)
    runs.reverse()
    return [Shard(number, tuple(urls)) for number, urls in enumerate(runs)]


_SORT_DATE = re.compile(rb'data-pagefind-sort="date\[data-value\]" data-value="([0-9-]{10})"')


def page_date(html: bytes) -> str:
    """The date a page is sorted by in search results (render.py's search tags), or ""."""
    found = _SORT_DATE.search(html)
    return found.group(1).decode("ascii") if found else ""


# What a quick document copies from its page: the search tags render.py writes (filters, meta)
# but the summary, the title (the page's h1, which Pagefind takes as the result's title),
# as text the values of the filters readers search by name (a province, a field: "dong thap",
# "giao duc"), and the page's language (Pagefind's stemming and WebAssembly go by language).
_SEARCH_TAG = re.compile(rb'<span data-pagefind-(filter|meta|sort)="([a-z_]+)[^"]*" data-value="([^"]*)"></span>')
_H1 = re.compile(rb"<h1\b[^>]*>(.*?)</h1>", re.S)
_LANG = re.compile(rb'<html lang="([^"]*)"')
_TAG = re.compile(rb"<[^>]+>")
# A permalink sign MkDocs puts in headings of hand-written pages.
_PERMALINK = re.compile(rb'<a class="headerlink"[^>]*>.*?</a>', re.S)
# Pagefind indexes meta values as words too: with the summaries the quick index was 970 KB at
# 10,000 exemplars, chunks up to 93 KB (a first search fetched 360-430 KB); with titles,
# provinces and fields, 330 KB and 38 KB. The summary is on the whole index's results. Nor is it
# ever sorted by date (overrides/assets/search.js): without the sort its metadata, which a first
# search loads whole, is 58 KB instead of 84 KB.
QUICK_LEFT_OUT = frozenset({(b"meta", b"summary"), (b"sort", b"date")})
QUICK_TEXT = (b"tinh", b"linh_vuc")


def quick_document(html: bytes) -> bytes:
    """The page as the quick index sees it: its title, province and field, and its filters.

    Pagefind's index chunks hold every word of every page: at 10,000 exemplars a common
    syllable's chunk was 200-300 KB per part of the index, 2.2-2.8 MB for a phone's first search.
    The quick index is a second Pagefind run over these documents only, so that a first screen
    of results comes from chunks of a few dozen KB (docs/search.md).
    """
    heading = _H1.search(html)
    title = b""
    if heading:
        text = _TAG.sub(b"", _PERMALINK.sub(b"", heading.group(1))).decode("utf-8")
        title = htmllib.escape(htmllib.unescape(text).strip()).encode("utf-8")
    lang = _LANG.search(html)
    found = list(_SEARCH_TAG.finditer(html))
    # Attribute values are escaped as text needs them to be.
    named = [tag.group(3) for key in QUICK_TEXT for tag in found if tag.group(1, 2) == (b"filter", key)]
    return b"".join(
        [
            b'<!doctype html><html lang="',
            lang.group(1) if lang else b"vi",
            b'"><head><meta charset="utf-8"><title>',
            title,
            b"</title></head><body><main data-pagefind-body><h1>",
            title,
            b"</h1><p>",
            " · ".join(value.decode("utf-8") for value in named).encode("utf-8"),
            b"</p>",
            *(tag.group(0) for tag in found if tag.group(1, 2) not in QUICK_LEFT_OUT),
            b"</main></body></html>\n",
        ]
    )


def page_file(url: str) -> str:
    """The HTML file of a page URL in the built site (directory URLs)."""
    return f"{url}index.html"


@dataclass
class ShardResult:
    shard: Shard
    pages: int
    seconds: float
    reused: bool


@dataclass
class QuickResult:
    pages: int
    seconds: float
    reused: bool


# The key of the quick index's Pagefind process among the parts' (numbered from 0).
QUICK_PROCESS = -1


class Indexing:
    """Pagefind runs over the parts of the index, in the background, at most `jobs` at a time.

    Each part's pages are linked into a folder of their own, which Pagefind reads; its output
    goes to a folder of its own too, is stored in the build cache from there and then moved into
    the part's folder in the site. A part whose pages are byte for byte those of an earlier build
    is copied from the build cache instead.

    Not written in the site directly: the first part's folder is the index folder, which holds
    the other parts' folders, so storing it from the site took in whatever of the other parts was
    there at that moment (files half written, or gone while copied: the build failed), and
    reusing it later put those copies over the other parts.
    """

    def __init__(
        self,
        site_dir: Path,
        work_dir: Path,
        shards: list[Shard],
        digests: Mapping[str, bytes],
        quick_documents: Mapping[str, bytes],
        jobs: int | None = None,
    ) -> None:
        self.site_dir = site_dir
        self.digests = digests
        self.quick_documents = quick_documents
        self.quick: QuickResult | None = None
        self.work_dir = work_dir
        self.shards = shards
        self.started = time.perf_counter()
        self.store = cache.current()
        self.processes: dict[int, subprocess.Popen[str]] = {}
        self.cancelled = False
        self.pool = ThreadPoolExecutor(max_workers=jobs or parallel.cores(), thread_name_prefix="pagefind")
        self.futures = [self.pool.submit(self._index, shard) for shard in shards]
        # Last: at 10,000 exemplars (three parts on two cores) it runs while the last part does.
        self.quick_future = self.pool.submit(self._quick)

    def _index(self, shard: Shard) -> ShardResult:
        start = time.perf_counter()
        source = self.work_dir / str(shard.number)
        digest = hashlib.sha256()
        for url in shard.urls:
            digest.update(url.encode("utf-8") + b"\0" + self.digests[url])
        output = self.work_dir / f"index-{shard.number}"
        entry = self.store.entry("search", digest.hexdigest())
        if self.store.get_tree("search", entry, output):
            self._place(output, shard.folder)
            return ShardResult(shard, len(shard.urls), time.perf_counter() - start, True)
        # Only a part indexed again needs its pages in a folder of their own.
        site = str(self.site_dir)
        for url in shard.urls:
            linked = os.path.join(source, page_file(url))
            os.makedirs(os.path.dirname(linked), exist_ok=True)
            os.link(os.path.join(site, page_file(url)), linked)
        unused = UNUSED_BUNDLES + (SHARED_BUNDLES if shard.number else ())
        indexed = self._pagefind(shard.number, source, output, unused)
        if indexed != len(shard.urls):
            raise BuildError(
                f"Pagefind lập chỉ mục {indexed} trang của phần {shard.number + 1}, khác số trang cần tìm kiếm "
                f"({len(shard.urls)})"
            )
        self.store.put_tree("search", entry, output)
        self._place(output, shard.folder)
        return ShardResult(shard, indexed, time.perf_counter() - start, False)

    def _quick(self) -> QuickResult:
        """The quick index over every searchable page's quick document, in a folder of its own
        with its own copy of Pagefind's script and WebAssembly: the browser runs it beside the
        whole index's Pagefind, not merged into it (its results would then wait for the whole
        index's chunks)."""
        start = time.perf_counter()
        digest = hashlib.sha256()
        for url, document in sorted(self.quick_documents.items()):
            digest.update(url.encode("utf-8") + b"\0" + document + b"\0")
        output = self.work_dir / "index-quick"
        entry = self.store.entry("search", "quick", digest.hexdigest())
        if self.store.get_tree("search", entry, output):
            self._place(output, URLS.search_quick())
            return QuickResult(len(self.quick_documents), time.perf_counter() - start, True)
        source = self.work_dir / "quick"
        # Each document at its page's own path: Pagefind gives a result the page's URL.
        for url, document in self.quick_documents.items():
            path = source / page_file(url).lstrip("/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(document)
        indexed = self._pagefind(QUICK_PROCESS, source, output, UNUSED_BUNDLES)
        if indexed != len(self.quick_documents):
            raise BuildError(
                f"Pagefind lập chỉ mục nhanh {indexed} trang, khác số trang cần tìm kiếm ({len(self.quick_documents)})"
            )
        self.store.put_tree("search", entry, output)
        self._place(output, URLS.search_quick())
        return QuickResult(indexed, time.perf_counter() - start, False)

    def _pagefind(self, key: int, source: Path, output: Path, unused: tuple[str, ...]) -> int:
        """Run Pagefind over source into output; the number of pages it indexed."""
        command = [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(output)]
        # Pagefind writes into the staging folder: it must end with the build, even a killed one.
        guard = functools.partial(parallel.die_with_parent, os.getpid())
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=guard)
        self.processes[key] = process
        if self.cancelled:
            process.kill()
        stdout, stderr = process.communicate()
        if process.returncode != 0:
            said = (stderr.strip() or stdout.strip()).splitlines()
            raise BuildError(f"Pagefind dừng với mã {process.returncode}: {said[-1] if said else 'không rõ lý do'}")
        match = re.search(r"Indexed (\d+) pages", stdout)
        for pattern in unused:
            for path in output.glob(pattern):
                path.unlink()
        return int(match.group(1)) if match else 0

    def _place(self, output: Path, folder: str) -> None:
        """Move an index into its folder in the site (the first part's: beside the others')."""
        target = self.site_dir / folder
        target.mkdir(parents=True, exist_ok=True)
        for path in output.iterdir():
            os.replace(path, target / path.name)

    def finish(self) -> tuple[list[ShardResult], int, float]:
        """Wait for every part; (the parts, bytes of the index, seconds since the start)."""
        try:
            results = [future.result() for future in self.futures]
            self.quick = self.quick_future.result()
        finally:
            self.pool.shutdown(wait=True)
        manifest = {"shards": [shard.folder for shard in self.shards]}
        (self.site_dir / URLS.search_manifest()).write_text(json.dumps(manifest) + "\n", encoding="utf-8")
        out = self.site_dir / INDEX_DIR
        size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
        return results, size, time.perf_counter() - self.started

    def cancel(self) -> None:
        self.cancelled = True
        for future in self.futures:
            future.cancel()
        self.quick_future.cancel()
        for process in list(self.processes.values()):
            if process.poll() is None:
                process.kill()
        self.pool.shutdown(wait=True)


def start_indexing(site_dir: Path, work_dir: Path, urls: Iterable[str]) -> Indexing:
    """Start indexing the pages at urls of site_dir (all written before this is called), in parts.

    Pagefind reads only these HTML pages, so the post-build steps that write feeds and data
    files run alongside it.
    """
    dates: dict[str, str] = {}
    digests: dict[str, bytes] = {}
    quick: dict[str, bytes] = {}
    for url in urls:
        html = (site_dir / page_file(url)).read_bytes()
        dates[url], digests[url] = page_date(html), hashlib.sha256(html).digest()
        quick[url] = quick_document(html)
    kept = quick_pages(dates)
    return Indexing(site_dir, work_dir, plan(dates), digests, {url: quick[url] for url in kept})


# The newest pages the quick index holds. A common word's chunk grows with the pages whose title
# holds it: at 50,000 exemplars a first search fetched 505-580 KB and took 4-9.6 s on a phone
# (bench/search.py), at 10,000 215-304 KB and 0.9-1.5 s. The whole index's ranking, which
# replaces the first screen, still covers every page.
QUICK_PAGES = 10_000


def quick_pages(dates: Mapping[str, str], limit: int | None = None) -> list[str]:
    """The pages of the quick index: every undated one (the hand-written guides), then as many
    of the newest dated ones as fit within limit, newest first (the URL breaking ties)."""
    limit = limit if limit is not None else parallel.threshold("SEARCH_QUICK_PAGES", QUICK_PAGES)
    undated = sorted(url for url, day in dates.items() if not day)
    dated = sorted((url for url, day in dates.items() if day), key=lambda url: (dates[url], url), reverse=True)
    return undated + dated[: max(0, limit - len(undated))]
