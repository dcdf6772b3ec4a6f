"""The sample built with Zensical (`build --engine zensical`) against the MkDocs build: every record
page with its data and the same content, the same feeds and files to the byte, and the Pagefind
search working in a browser. What differs on purpose is in docs/engines.md."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import etree, html

from site_builder.commands.build import Progress, Project, build
from site_builder.urls import URLS

from .browser import serve
from .conftest import ROOT, SAMPLE_DATA
from .test_browser_search import search

# Zensical's own files, and those it writes otherwise (docs/engines.md): the rest is site-builder's.
ENGINE_FILES = re.compile(r"^(assets/(javascripts|stylesheets|images)/|pagefind/|sitemap\.xml|search\.json$)")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory, sample_data: Path, now: datetime) -> Path:
    out = tmp_path_factory.mktemp("zensical") / "site"
    build(Project(ROOT, sample_data, out), now, progress=Progress(None), engine="zensical")
    return out


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def main(path: Path, site: Path) -> str:
    """The page's content (what site-builder rendered), whitespace folded, each relative link as the
    path it leads to: between hand-written pages in different folders MkDocs writes the shortest
    link ("x/") and Zensical one through the site's root ("../truong-du-lieu/x/"), the same page."""
    [content] = html.fromstring(path.read_bytes()).xpath('//*[@id="noi-dung"]')
    folder = path.parent.relative_to(site).as_posix()
    for element in content.xpath(".//*[@href]"):
        href = element.get("href")
        if not urlsplit(href).scheme and not href.startswith(("#", "/")):
            target, _, fragment = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(folder, target)) + ("/" if target.endswith("/") else "")
            element.set("href", resolved + (f"#{fragment}" if fragment else ""))
    return " ".join(html.tostring(content, encoding="unicode").split())


def records(folder: str) -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((SAMPLE_DATA / folder).glob("*.yml"))}


def test_it_is_zensical_that_built_it(zensical_site: Path) -> None:
    doc = html.fromstring((zensical_site / "index.html").read_bytes())
    assert doc.xpath("//meta[@name='generator']/@content")[0].startswith("zensical-")
    # The classic variant (mkdocs-material's look, which the site's overrides are made for).
    assert any("/stylesheets/classic/" in href for href in doc.xpath("//link[@rel='stylesheet']/@href"))


def test_every_script_and_stylesheet_a_page_names_is_there_once(zensical_site: Path) -> None:
    """Our own assets under their hashed names only (engines/assets.py): Zensical's INHERIT appends
    to mkdocs.yml's lists, so a name given there too would be loaded twice, once from nowhere."""
    for path in (zensical_site / "index.html", zensical_site / "dien-hinh" / "index.html"):
        doc = html.fromstring(path.read_bytes())
        urls = doc.xpath("//script/@src | //link[@rel='stylesheet']/@href")
        assert len(urls) == len(set(urls)), path
        for url in urls:
            assert (path.parent / url).resolve().is_file(), (path, url)
        own = [url for url in urls if re.search(r"assets/[a-z-]+\.[0-9a-f]{8}\.min\.(js|css)$", url)]
        assert len(own) >= 4, urls


def test_every_record_page_exists_with_its_data(zensical_site: Path) -> None:
    for eid, e in records("exemplars").items():
        doc = html.fromstring((zensical_site / "dien-hinh" / eid / "index.html").read_bytes())
        assert e["name"] in doc.cssselect("h1")[0].text_content()
        assert " ".join(e["summary"].split()) in " ".join(doc.cssselect(".tdkt-lead")[0].text_content().split())
        assert doc.xpath("//*[@data-pagefind-body]")
    for cid, c in records("campaigns").items():
        doc = html.fromstring((zensical_site / "phong-trao" / cid / "index.html").read_bytes())
        assert " ".join(c["title"].split()) == " ".join(doc.cssselect("h1")[0].text_content().split())
    for lid, item in records("nominations").items():
        doc = html.fromstring((zensical_site / "lay-y-kien" / lid / "index.html").read_bytes())
        for group in item["groups"]:
            for nominee in group["nominees"]:
                row = doc.get_element_by_id(nominee["id"])
                assert nominee["name"] in row.text_content()


def test_every_page_has_the_content_of_the_mkdocs_build(sample_site: Path, zensical_site: Path) -> None:
    # The web editor's page and the embeddable views are the same files in both (written by
    # site-builder, not the generator: compared below).
    own = (URLS.editor(), f"{URLS.EMBEDS}/")
    mkdocs_pages = {rel for rel in files(sample_site) if rel.endswith(".html") and not rel.startswith(own)}
    assert mkdocs_pages == {rel for rel in files(zensical_site) if rel.endswith(".html") and not rel.startswith(own)}
    editor = f"{URLS.editor()}index.html"
    assert (sample_site / editor).read_bytes() == (zensical_site / editor).read_bytes()
    views = sorted(rel for rel in files(sample_site) if rel.startswith(f"{URLS.EMBEDS}/"))
    assert views and views == sorted(rel for rel in files(zensical_site) if rel.startswith(f"{URLS.EMBEDS}/"))
    assert all((sample_site / rel).read_bytes() == (zensical_site / rel).read_bytes() for rel in views)
    different = [
        rel
        for rel in sorted(mkdocs_pages)
        if main(sample_site / rel, sample_site) != main(zensical_site / rel, zensical_site)
    ]
    # Zensical highlights the code blocks of hand-written pages with Pygments (docs/engines.md).
    assert different == ["bien-tap-bang-bieu-mau/index.html", "huong-dan-bien-tap/index.html"]

    def title(path: Path) -> str | None:
        return html.fromstring(path.read_bytes()).findtext(".//title")

    assert [rel for rel in sorted(mkdocs_pages) if title(sample_site / rel) != title(zensical_site / rel)] == []


def test_feeds_open_data_and_files_are_the_same_bytes(sample_site: Path, zensical_site: Path) -> None:
    """Feeds, open data, statistics, consultation files and images are written by site-builder
    (and so are their gzipped copies; those of the pages differ as the pages do)."""
    ours = {rel: path for rel, path in files(sample_site).items() if not rel.removesuffix(".gz").endswith(".html")}
    theirs = {rel: path for rel, path in files(zensical_site).items() if not rel.removesuffix(".gz").endswith(".html")}
    shared = {rel for rel in ours if not ENGINE_FILES.match(rel)}
    assert shared == {rel for rel in theirs if not ENGINE_FILES.match(rel)}
    assert any(rel.startswith("nguon-tin/") for rel in shared) and any(rel.startswith("thong-ke/") for rel in shared)
    # The editor's preview pane takes the look of the pages each engine built (their stylesheets and
    # the theme's frame): it follows the pages, and names only stylesheets of its own site.
    looks = {URLS.editor_preview_settings(), URLS.editor_preview_settings() + ".gz"}
    for site in (sample_site, zensical_site):
        styles = json.loads((site / URLS.editor_preview_settings()).read_bytes())["styles"]
        assert styles and all((site / href).is_file() for href in styles), (site, styles)
    assert [rel for rel in sorted(shared - looks) if ours[rel].read_bytes() != theirs[rel].read_bytes()] == []


def test_the_sitemap_lists_the_pages_of_the_mkdocs_build(sample_site: Path, zensical_site: Path) -> None:
    """Zensical wrote a sitemap without a URL (98 with MkDocs, issue 25): the adapter writes it, with
    the same addresses in the same order and the same lastmod as the MkDocs build's."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

    def listed(document: bytes) -> list[tuple[str | None, str | None]]:
        root = etree.fromstring(document)
        return [
            (u.findtext("s:loc", namespaces=namespace), u.findtext("s:lastmod", namespaces=namespace)) for u in root
        ]

    ours = listed((sample_site / "sitemap.xml").read_bytes())
    theirs = listed((zensical_site / "sitemap.xml").read_bytes())
    assert len(ours) > 50 and theirs == ours
    assert listed(gzip.decompress((zensical_site / "sitemap.xml.gz").read_bytes())) == ours


def test_pagefind_indexes_the_same_pages(sample_site: Path, zensical_site: Path) -> None:
    def counted(site: Path) -> int:
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        return int(entry["languages"]["vi"]["page_count"])

    assert counted(zensical_site) == counted(sample_site) > 30


@pytest.fixture(scope="module")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    with serve(zensical_site) as url:
        yield url


def test_search_works_in_the_browser(browser_page: Any, zensical_url: str) -> None:
    errors: list[str] = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.goto(zensical_url)
    assert "nông thôn mới" in search(browser_page, "nong thon moi")[0]["title"].lower()
    assert "Đồng Tháp" in search(browser_page, "Dong Thap")[0]["title"]
    row = search(browser_page, "doan van dinh")[0]
    assert row["href"].endswith("/lay-y-kien/dong-thap-2026-tong-ket-2021-2025/#doan-van-dinh")
    browser_page.click(".tdkt-result__title >> nth=0")
    browser_page.wait_for_url("**#doan-van-dinh")
    assert errors == []
