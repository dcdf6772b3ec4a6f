"""Pages at addresses whose record moved or went: links to them keep working.

A record renamed lists its former ids (`old_ids`): each former address gets a small page that
sends the reader on to the record (meta refresh, a visible link, rel=canonical; no script). A
record listed in data/withdrawn.yml gets, at its address, a page saying it was withdrawn, when
and why, instead of "not found". The rules they follow are checked in continuity.py; these are
ordinary pages of the site (gathered by site.py), out of the search index, the feeds and the
sitemap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..kinds import Kind
from ..publish.render import Page, Renderer, relative
from ..validation.continuity import LABELS

# Page kinds (Page.meta["kind"]) of these pages; overrides/main.html and search.py know them.
REDIRECT = "redirect"
WITHDRAWN = "withdrawn"


def redirects(renderer: Renderer, kinds: Iterable[Kind], rendered: Sequence[Page]) -> list[Page]:
    """A page at every former address of every renamed record, leading to its page now."""
    model, urls = renderer.model, renderer.urls
    titles = {page.url: page.title for page in rendered}
    out: list[Page] = []
    seen: set[str] = set()
    for kind in kinds:
        for rid, record in kind.records(model.data).items():
            for old in record.old_ids:
                for new_url, old_url in zip(
                    urls.record_pages(kind.name, rid), urls.record_pages(kind.name, old), strict=True
                ):
                    if old_url in seen or new_url not in titles:
                        continue
                    seen.add(old_url)
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
