"""The sitemap every engine's build ends with: the pages of the docs folder, dated by their records.

MkDocs' own (overrides/sitemap.xml) lists only the pages MkDocs built, and an edit hands it only
the pages not in the build cache; Zensical 0.0.73 writes one without a single URL. Both adapters
write this one instead.
"""

from __future__ import annotations

import gzip
import os
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..inputs.records import SiteSettings
    from ..publish.render import Page


def sitemap(
    docs_dir: Path, settings: SiteSettings, pages: Sequence[Page], clock: datetime | None, listed: bool = True
) -> bytes:
    """The sitemap of overrides/sitemap.xml, as MkDocs renders it: every page of the docs folder in
    MkDocs' order (folder by folder, index first), but the former addresses of renamed records and
    withdrawn records; lastmod a record's last change, else the build clock's date in UTC (as
    MkDocs dates pages by SOURCE_DATE_EPOCH). Not listed (a preview, site/preview.py): no page at all."""
    meta = {page.url: page.meta for page in pages}
    built = (clock or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d")
    root = ET.Element("urlset", xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    # The docs folder's Markdown files and the generated pages (some have no file: their HTML
    # came from the build cache), in the order MkDocs walks the folder.
    sources = {
        Path(folder, name).relative_to(docs_dir).as_posix()
        for folder, _subfolders, names in os.walk(docs_dir)
        for name in names
        if name.endswith(".md")
    }
    sources.update(f"{page.url}index.md" for page in pages)
    for source in sorted(sources, key=_walk_order) if listed else []:
        parts = source.removesuffix(".md").split("/")
        if parts[-1] in ("index", "README"):
            parts.pop()
        url = "/".join(parts) + "/" if parts else ""
        page_meta = meta.get(url, {})
        if page_meta.get("kind") in ("redirect", "withdrawn"):
            continue
        entry = ET.SubElement(root, "url")
        ET.SubElement(entry, "loc").text = settings.url + url
        ET.SubElement(entry, "lastmod").text = str(page_meta.get("updated") or built)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def _walk_order(source: str) -> tuple[tuple[int, object], ...]:
    """os.walk's order with sorted folders, index.md first: a folder's files before its subfolders."""
    *folders, name = source.split("/")
    return (*((1, folder) for folder in folders), (0, (name != "index.md", name)))


def write_sitemap(site_dir: Path, document: bytes) -> None:
    """sitemap.xml and its gzipped copy (which search engines also read), over the generator's."""
    (site_dir / "sitemap.xml").write_bytes(document)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(document, mtime=0))
