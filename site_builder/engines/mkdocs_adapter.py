"""The one module that talks to MkDocs. Replace it to build with another generator.

What is MkDocs' own lives here: which Markdown file stands for a page URL, the front matter
the theme reads (escaped, as mkdocs-material prints titles raw), the configuration values
taken from data/site.yml, and the build itself.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import posixpath
import shutil
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from markupsafe import escape

from ..model.images import card_alt
from ..problems import BuildError
from ..publish.feed_topics import FORMATS, SITE_WIDE
from ..site.preview import BANNER, ROBOTS, Preview
from ..urls import URLS
from ..utils import cache, parallel, precompress
from ..utils.writer import Writer
from .sitemap import sitemap, write_sitemap

if TYPE_CHECKING:
    from ..inputs.records import SiteSettings
    from ..publish.render import Page


def source_path(url: str) -> str:
    """The Markdown file for a page URL, under MkDocs' directory URLs ("a/b/" <- "a/b/index.md")."""
    return f"{url}index.md"


def content_urls(content_dir: Path) -> list[str]:
    """The URLs MkDocs gives the hand-written pages of content_dir (a/b.md -> a/b/, a/index.md -> a/)."""
    urls = []
    for path in sorted(content_dir.rglob("*.md")):
        parts = list(path.relative_to(content_dir).with_suffix("").parts)
        if parts and parts[-1] in ("index", "README"):
            parts.pop()
        urls.append("/".join(parts) + "/" if parts else "")
    return urls


def front_matter(page: Page) -> dict[str, Any]:
    # mkdocs-material prints the title and description from front matter without escaping
    # (in <title>, the header, <meta content="...">), so they go in already escaped.
    return {"title": str(escape(page.title)), "description": str(escape(page.description)), **page.meta}


def source_text(page: Page) -> str:
    """The Markdown file of a generated page, for any generator that reads the docs folder."""
    # JSON is valid YAML front matter and far quicker to write than PyYAML's dumper.
    header = json.dumps(front_matter(page), ensure_ascii=False, sort_keys=True, default=str)
    return f"---\n{header}\n---\n\n{page.body}\n"


# The metadata key of a page whose HTML the build cache has (its cache entry): the page gets no
# Markdown file, MkDocs never sees it, and build() links its HTML from the cache.
CACHED = "site_builder_cached_html"
# The metadata key of the cache entry of every page outside the navigation, cached or made now:
# the entry names the page's HTML, so its gzipped copy is found without reading it (output_entries).
ENTRY = "site_builder_page_entry"


def source_writer(
    config_file: Path,
    content_dir: Path,
    settings: SiteSettings,
    docs: Writer,
    assets: Mapping[str, str] | None = None,
    preview: Preview | None = None,
) -> Callable[[Page], Page]:
    """What becomes of each rendered page before MkDocs: its Markdown file in the docs folder, or,
    when the build cache has the page's HTML (a page outside the navigation with the same front
    matter, body and shared context as before), a mark saying so (meta CACHED) and no file.

    On an edit of a large site that is every page but the edited ones: MkDocs walked, read and
    wrapped 14,000 files to link 14,000 cached pages (9.6 of an edit's 59 CPU seconds).
    """
    store = cache.current()
    nav = _nav_sources(_nav_of(config_file)) if store.enabled else set()
    # The hashed names of the site's own assets are in it: a cached page names the files of its build.
    context = _context(content_dir, config_overrides(settings, assets, preview), frozenset()) if nav else ""

    def write(page: Page) -> Page:
        path, text = source_path(page.url), source_text(page)
        if nav and path not in nav:
            key = store.entry("page", context, path, text)
            if os.path.isfile(store.path("page", key)):
                return replace(page, meta={**page.meta, CACHED: key, ENTRY: key})
            docs.text(path, text)
            return replace(page, meta={**page.meta, ENTRY: key})
        docs.text(path, text)
        return page

    return write


def output_entries(pages: Iterable[Page]) -> dict[str, str]:
    """The build cache's entry of each generated page's HTML file (site-relative path -> entry):
    the same entry holds the same bytes, so later steps (the gzipped copies) know a page by it."""
    return {f"{page.url}index.html": page.meta[ENTRY] for page in pages if ENTRY in page.meta}


def _nav_of(config_file: Path) -> Any:
    """mkdocs.yml's nav, read without MkDocs (its tags, such as !!python/name, are not needed)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    with open(config_file, encoding="utf-8") as stream:
        config = yaml.load(stream, Loader=Loader)
    return config.get("nav") if isinstance(config, dict) else None


# Render the theme's navigation, tabs and footer once per folder (pages outside the navigation)
# and its config, scripts and styles once per depth (see overrides/main.html). A switch so that
# a test can build without it and compare every byte.
SHARE_CHROME = True

# The src_uris of the pages site_builder has already rendered. Their front matter and HTML body
# are in the docs folder (source_text), read one page at a time: the build keeps neither.
Prerendered = Set[str]


def read_source(path: str) -> tuple[dict[str, Any], str, str]:
    """The front matter, the HTML body and the whole text of a generated page's Markdown file
    (see source_text)."""
    with open(path, encoding="utf-8") as source:
        text = source.read()
    end = text.index("\n---\n\n")
    return json.loads(text[4:end]), text[end + 6 : -1], text


# Sites with at least this many pages are rendered by two MkDocs processes, one per core; each
# renders the navigation pages or its half of the others. Below it, forking costs more than it saves.
MIN_PAGES_TO_SPLIT = 1500
# The page template of pages the other process renders: empty output, which MkDocs does not write.
_OTHER_PART = "site-builder-other-part.html"


def _renders(src_uri: str, in_nav: bool, part: tuple[int, int] | None) -> bool:
    """Whether this process renders the page: the first renders the navigation pages."""
    if part is None:
        return True
    if in_nav:
        return part[0] == 0
    return zlib.crc32(src_uri.encode("utf-8")) % part[1] == part[0]


def _render_nothing(page: Any, config: Any, files: Any) -> None:
    """What Page.render gives for empty Markdown, without building a converter."""
    from mkdocs.structure.toc import get_toc

    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()


def _prerendered_plugin(pages: Prerendered, part: tuple[int, int] | None = None, context: str = "") -> Any:
    """A plugin that hands MkDocs our finished pages instead of letting it re-read them.

    The Markdown files in the docs folder hold the same front matter and HTML, so any generator
    reading mkdocs.yml (Zensical, plain MkDocs) builds the same site from them; this only saves
    MkDocs from parsing front matter and running Markdown over HTML it would pass through
    unchanged, which dominated the build time on large sites.
    """
    from mkdocs.plugins import BasePlugin

    store = cache.current()

    class Prerendered(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        # The shared theme blocks (see SHARE_CHROME): on every record page they were over half
        # of the theme's time.
        def __init__(self) -> None:
            super().__init__()
            self.shared: dict[tuple[str, Any], Any] = {}
            self.in_nav: set[str] = set()
            # Pages outside the navigation made here, kept in the cache after the build (those the
            # cache had never reach MkDocs: source_writer): src_uri -> cache entry.
            self.fresh: dict[str, str] = {}
            self.written: list[tuple[str, str]] = []  # (cache entry, output path) of pages made here
            self.bodies: dict[str, str] = {}

        def on_nav(self, nav: Any, config: Any, files: Any) -> None:
            self.in_nav = {page.file.src_uri for page in nav.pages}
            self.shared = {}

        def on_env(self, env: Any, config: Any, files: Any) -> Any:
            from jinja2 import ChoiceLoader, DictLoader

            env.loader = ChoiceLoader([DictLoader({_OTHER_PART: ""}), env.loader])

            def shared(name: str, key: Any, caller: Any) -> Any:
                if (name, key) not in self.shared:
                    self.shared[(name, key)] = caller()
                return self.shared[(name, key)]

            if SHARE_CHROME:
                env.globals["site_builder_shared"] = shared
            return env

        def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
            # Outside the navigation nothing in it is active or current, so the navigation differs
            # only by its relative links, which are the same for every page in one folder.
            if not SHARE_CHROME or page.file.src_uri in self.in_nav or page.toc.items:
                context["site_builder_chrome"] = None
            else:
                folder = posixpath.dirname(page.url.rstrip("/"))
                context["site_builder_chrome"] = (folder, tuple((page.meta or {}).get("hide") or ()))
            return context

        def on_page_read_source(self, page: Any, config: Any) -> str | None:
            return "" if page.file.src_uri in pages else None

        def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
            src_uri = page.file.src_uri
            if src_uri not in pages:
                return markdown
            renders = _renders(src_uri, src_uri in self.in_nav, part)
            if not renders and part is not None and part[0] != 0:
                # Only the first process's sitemap is kept (_merge): the second reads nothing of
                # the pages it does not render. MkDocs picks the template before on_page_context.
                page.meta = {"template": _OTHER_PART}
                page.render = functools.partial(_render_nothing, page)
                return ""
            meta, body, text = read_source(page.file.abs_src_path)
            page.meta = dict(meta)
            if page.meta.get("updated"):
                page.update_date = page.meta["updated"]  # the sitemap's lastmod: the record's last change
            if not renders:
                # MkDocs keeps every page for the whole build: of the other process's pages only
                # what the sitemap reads stays.
                page.meta = {"template": _OTHER_PART}
            else:
                self.bodies[src_uri] = body
                if store.enabled and src_uri not in self.in_nav:
                    # Outside the navigation a page's HTML is made from its own front matter and
                    # body, its address and what every such page shares (the context's key).
                    # The file is the front matter and the body, exactly. (Pages the cache has
                    # got no file: source_writer.)
                    self.fresh[src_uri] = store.entry("page", context, src_uri, text)
            # MkDocs would build a Markdown converter per page to convert nothing: a fifth of
            # its time on large sites. The content comes in on_page_content.
            page.render = functools.partial(_render_nothing, page)
            return ""

        def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
            if page.file.src_uri not in pages:
                return html
            return self.bodies.pop(page.file.src_uri, "")

        def on_post_page(self, output: str, page: Any, config: Any) -> str:
            key = self.fresh.pop(page.file.src_uri, None)
            if key is not None and output.strip():  # MkDocs writes no file for blank output
                # Kept once MkDocs has written it (on_post_build), as a link to the page's file.
                self.written.append((key, page.file.abs_dest_path))
            if page.file.src_uri in pages:
                # MkDocs keeps every page object to the end of the build: without its content and
                # front matter once written (the sitemap reads only update_date).
                page.content = None
                page.meta = {}
            return output

        def on_post_build(self, config: Any) -> None:
            for key, written in self.written:
                store.keep("page", key, Path(written))

    return Prerendered()


def _nav_sources(nav: Any) -> set[str]:
    """The Markdown files mkdocs.yml's nav names (titles and sections aside)."""
    found: set[str] = set()
    if isinstance(nav, str):
        found.add(nav)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= _nav_sources(value)
    elif isinstance(nav, list):
        for item in nav:
            found |= _nav_sources(item)
    return found


def build(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    settings: SiteSettings,
    pages: Sequence[Page],
    clock: datetime | None = None,
    assets: Mapping[str, str] | None = None,
    preview: Preview | None = None,
) -> None:
    """Run MkDocs on a prepared docs folder, writing into site_dir.

    assets: the hashed names of the site's own scripts and styles (engines/assets.py), by the
    name mkdocs.yml and the templates give.

    clock: the build clock. MkDocs dates pages without a date of their own (the sitemap's
    lastmod) by SOURCE_DATE_EPOCH or the machine's clock; the build clock makes them
    reproducible with --now.

    Large sites are rendered by two processes at once: MkDocs renders one page at a time on one
    core, and the theme's template is most of a large build. The second process writes into a
    folder of its own, whose pages are then moved in; what both write (theme assets, sitemap,
    404 page) is the same and kept once.
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if clock is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(clock.timestamp()))
    overrides = config_overrides(settings, assets, preview)
    cached = [page for page in pages if CACHED in page.meta]
    prerendered = _prerendered(page for page in pages if CACHED not in page.meta)
    try:
        run(config_file, docs_dir, site_dir, overrides, prerendered, _context(docs_dir, overrides, prerendered))
        store = cache.current()
        for page in cached:
            target = site_dir / f"{page.url}index.html"
            if not store.link("page", page.meta[CACHED], target):
                raise BuildError(f"bộ nhớ đệm mất trang {page.url} giữa lúc dựng; dựng lại với --no-cache")
            # Its gzipped copy too, while the folder is at hand (the gzip step skips pages that
            # have one): 14,000 pages went through that step again on every edit at 10,000.
            precompress.link_known(target, page.meta[CACHED])
        # MkDocs' sitemap lacks the pages it was not given (those from the cache): the one every
        # engine writes replaces it.
        write_sitemap(site_dir, sitemap(docs_dir, settings, pages, clock, listed=preview is None))
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _context(docs_dir: Path, overrides: dict[str, Any], prerendered: Prerendered) -> str:
    """The key of what every page outside the navigation shares: the configuration values, the
    hand-written pages (the navigation's), whether chrome is shared; code and theme are in every
    cache key already (cache.code_version)."""
    parts: list[str | bytes] = [json.dumps(overrides, sort_keys=True, default=str), str(SHARE_CHROME)]
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        if path.is_file() and rel not in prerendered:
            parts += [rel, path.read_bytes()]
    return cache.key(*parts)


def config_overrides(
    settings: SiteSettings, assets: Mapping[str, str] | None = None, preview: Preview | None = None
) -> dict[str, Any]:
    """What data/site.yml sets in MkDocs' configuration, and the hashed names of the site's own
    scripts and styles (extra.assets, which overrides/main.html reads); for a preview build, its
    banner and robots tag (extra.preview, site/preview.py)."""
    return {
        "site_name": settings.title,
        "site_url": settings.url,
        "site_description": settings.description,
        "extra": {
            "sample_data": settings.sample_data,
            "organisation": settings.organisation,
            # The feed pages without feeds of their own announce (overrides/main.html).
            "site_feed": URLS.feed(SITE_WIDE, FORMATS[0].suffix),
            # The share image of pages without one of their own (the hand-written ones): the home page's.
            "share_image": URLS.share_card(URLS.home()),
            "share_image_alt": card_alt(settings.description, settings.title),
            # Sections the theme's own templates link to (404.html, the footer): from the URL table.
            "paths": {
                "nominations": URLS.nominations(),
                "exemplars": URLS.exemplars(),
                "campaigns": URLS.campaigns(),
                "press": URLS.press(),
                # The quick index overrides/assets/search.js asks first (engines/search.py).
                "search_quick": URLS.search_quick(),
            },
            "assets": dict(sorted((assets or {}).items())),
            "preview": {"name": preview.name, "banner": BANNER, "robots": ROBOTS} if preview else None,
        },
    }


def run(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    overrides: dict[str, Any],
    prerendered: Prerendered,
    context: str = "",
) -> None:
    """MkDocs over docs_dir with these configuration values and pages already rendered."""
    # mkdocs-material prints a notice about MkDocs 2.0 on every run; editors need not see it.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    minimum = parallel.threshold("MIN_PAGES_TO_SPLIT", MIN_PAGES_TO_SPLIT)
    if not prerendered or len(prerendered) < minimum or parallel.cores() < 2:
        _build(config_file, docs_dir, site_dir, overrides, prerendered, None, context)
        return
    other_dir = site_dir.with_name(f"{site_dir.name}.part-2")
    store = cache.current()
    try:
        # Two new processes, not forks of this one: a fork would carry the whole dataset and
        # site model, which MkDocs does not need (1 GB of each process's memory at 10,000).
        parallel.fresh_processes(
            _build_part,
            [
                (
                    config_file,
                    docs_dir,
                    target,
                    overrides,
                    prerendered,
                    (index, 2),
                    context,
                    store.folder,
                    store.version,
                    store.versions,
                )
                for index, target in enumerate((site_dir, other_dir))
            ],
            "MkDocs",
        )
        _merge(other_dir, site_dir)
    finally:
        shutil.rmtree(other_dir, ignore_errors=True)


def _build_part(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    overrides: dict[str, Any],
    prerendered: Prerendered,
    part: tuple[int, int],
    context: str,
    cache_folder: Path | None,
    cache_version: str,
    cache_versions: dict[str, str],
) -> None:
    """One of the MkDocs processes of a large site, with the build's cache."""
    cache.use(cache.BuildCache(cache_folder, cache_version, cache_versions))
    _build(config_file, docs_dir, site_dir, overrides, prerendered, part, context)


def _prerendered(pages: Iterable[Page]) -> frozenset[str]:
    return frozenset(source_path(page.url) for page in pages)


def _merge(source: Path, target: Path) -> None:
    """Move every file under source that target lacks into target."""
    for folder, _dirs, names in os.walk(source):
        rel = os.path.relpath(folder, source)
        destination = target if rel == "." else target / rel
        destination.mkdir(parents=True, exist_ok=True)
        for name in names:
            if not (destination / name).exists():
                os.replace(os.path.join(folder, name), destination / name)


def _build(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    overrides: dict[str, Any],
    prerendered: Prerendered | None,
    part: tuple[int, int] | None,
    context: str = "",
) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    overrides = dict(overrides)
    extra = overrides.pop("extra", {})
    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), **overrides)
        config["extra"].update(extra)
        if prerendered:
            config.plugins["site-builder-prerendered"] = _prerendered_plugin(prerendered, part, context)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs báo lỗi: {exc}") from exc
