"""Pages at addresses whose record moved or went: links to them keep working.

A record renamed lists its former ids (`old_ids`): each former address gets a small page that
sends the reader on to the record (meta refresh, a visible link, rel=canonical; no script). A
record listed in data/withdrawn.yml gets, at its address, a page saying it was withdrawn, when
and why, instead of "not found". The rules they follow are checked in continuity.py; these are
ordinary pages of the site (gathered by site.py), out of the search index, the feeds and the
sitemap.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence

from ..kinds import Kind
from ..model.site_model import SiteModel
from ..publish.render import Page, Renderer, relative
from ..validation.continuity import LABELS

# Page kinds (Page.meta["kind"]) of these pages; overrides/main.html and search.py know them.
REDIRECT = "redirect"
WITHDRAWN = "withdrawn"


def moves(model: SiteModel, kinds: Iterable[Kind], published: Container[str]) -> list[tuple[str, str]]:
    """(former address, address now) of every page of every renamed record that has a page now.

    The redirect pages and the web server's 301s (server.py) both come from here.
    """
    urls = model.urls
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for kind in kinds:
        for rid, record in kind.records(model.data).items():
            for old in record.old_ids:
                for new_url, old_url in zip(
                    urls.record_pages(kind.name, rid), urls.record_pages(kind.name, old), strict=True
                ):
                    if old_url in seen or new_url not in published:
                        continue
                    seen.add(old_url)
                    out.append((old_url, new_url))
    return out


def gone(model: SiteModel, kinds: Iterable[Kind]) -> list[str]:
    """The address of every page of every withdrawn record (the withdrawn pages and the 410s)."""
    by_folder = {kind.folder: kind for kind in kinds}
    return [
        url
        for entry in model.data.withdrawn
        if entry.kind in by_folder
        for url in model.urls.record_pages(by_folder[entry.kind].name, entry.id)
    ]


def redirects(renderer: Renderer, kinds: Iterable[Kind], rendered: Sequence[Page]) -> list[Page]:
    """A page at every former address of every renamed record, leading to its page now."""
    model = renderer.model
    titles = {page.url: page.title for page in rendered}
    out: list[Page] = []
    for old_url, new_url in moves(model, kinds, titles):
        title = titles[new_url]
        body = renderer.render("redirect.html", old_url, target=new_url, title=title)
        meta = {
            "kind": REDIRECT,
            "redirect": {
                "href": relative(old_url, new_url),
                "canonical": model.data.settings.url + new_url,
            },
        }
        out.append(Page(old_url, f"Đã chuyển: {title}", body, f"Trang này đã chuyển đến: {title}", meta))
    return out


def withdrawals(renderer: Renderer, kinds: Iterable[Kind]) -> list[Page]:
    """A page at the address of every withdrawn record: what it was, when and why it went."""
    urls = renderer.urls
    by_folder = {kind.folder: kind for kind in kinds}
    out: list[Page] = []
    for entry in renderer.model.data.withdrawn:
        kind = by_folder.get(entry.kind)
        if kind is None:
            continue
        label = LABELS[entry.kind]
        for url in urls.record_pages(kind.name, entry.id):
            body = renderer.render("withdrawn.html", url, entry=entry, label=label, section=urls.section(kind.name))
            title = f"{entry.title} (đã gỡ)" if entry.title else f"{label[:1].upper()}{label[1:]} đã gỡ"
            description = f"{label[:1].upper()}{label[1:]} này đã được gỡ khỏi trang ngày {entry.date:%d/%m/%Y}."
            out.append(Page(url, title, body, description, {"kind": WITHDRAWN, "record_id": entry.id}))
    return out
