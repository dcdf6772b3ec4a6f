"""Views made for other sites to frame: a nominee list, an exemplar's story (docs/sharing.md).

A newspaper or a province's portal embeds a live list instead of a copied table that goes
stale when an amendment lands or the window closes. Each view is a small page of its own under
/nhung/ (urls.embed), written as a file beside the pages: no theme chrome (a list's view is a
few kilobytes), out of the sitemap, the search index and the feeds (MkDocs never sees it, and it
carries no data-pagefind-body), `noindex` with the full page as canonical. A list's view keeps
its state by the reader's clock with the pages' own consultation.js (the window's data
attributes, not a second copy of the rule) and sends its height to the embedding page
(assets/nhung.js), which may resize the frame with assets/nhung-khung.js; without that
script the frame keeps the height the code gives it and the view scrolls.

Beside each view, its oEmbed document (oembed.com: type rich, version 1.0); the full page links
to it and shows the code to copy ("Nhúng vào trang khác"). The web server lets any site frame
these views and nothing else (`nginx_locations`, included by server.py); an unknown or withdrawn
record's view answers with a 404 or 410 page that may be framed too, never a stale copy.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from ..kinds.nominations import Nominations
from ..model.site_model import SiteModel
from ..publish.embed_code import HEIGHTS, WIDTH, frame_code
from ..publish.render import Renderer, relative
from ..urls import URLS
from ..utils import cache

# A file the caller places: called with its path, it puts the file there and returns its size and
# the cache entry naming its bytes ("" without a cache).
Placed = Callable[[Path], tuple[int, str]]

# oEmbed consumers may keep the document a day: the frame it holds shows the live view anyway.
CACHE_AGE: Final = 86400
# The views' policy: the pages' own (server.CSP), stated in a meta tag for hosts that send no
# header; frame-ancestors cannot be set from a page, so only nginx can allow framing (below).
VIEW_CSP: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def oembed(model: SiteModel, page_url: str, title: str, author: str, kind: str) -> bytes:
    """The oEmbed document of one view. "<", ">" and "&" are written as \\u escapes, so the
    document stays inert even pasted inside a page's script."""
    settings = model.data.settings
    document: dict[str, Any] = {
        "type": "rich",
        "version": "1.0",
        "title": title,
        "author_name": author,
        "provider_name": settings.title,
        "provider_url": settings.url,
        "html": frame_code(settings.url, page_url, title, kind),
        "width": WIDTH,
        "height": HEIGHTS[kind],
        "cache_age": CACHE_AGE,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    for char, code in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, code)
    return (text + "\n").encode("utf-8")


def _view(renderer: Renderer, template: str, page_url: str, title: str, **context: Any) -> bytes:
    site_url = renderer.data.settings.url
    url = URLS.embed(page_url)
    html = renderer.render(
        template,
        url,
        asset=lambda path: relative(url, path),
        title=title,
        canonical=site_url + page_url,
        csp=VIEW_CSP,
        **context,
    )
    return html.encode("utf-8")


def list_view(renderer: Renderer, lid: str) -> bytes:
    model = renderer.model
    item = model.data.nominations[lid]
    context = Nominations.context(model, lid, item)
    return _view(
        renderer,
        "embed_list.html",
        URLS.nomination(lid),
        item.title,
        lid=lid,
        n=item,
        st=model.statuses[lid],
        **context,
    )


def story_view(renderer: Renderer, eid: str) -> bytes:
    exemplar = renderer.model.data.exemplars[eid]
    name = f"{exemplar.honorific} {exemplar.name}" if exemplar.honorific else exemplar.name
    return _view(renderer, "embed_story.html", URLS.exemplar(eid), name, eid=eid, e=exemplar)


def files(renderer: Renderer) -> Iterator[tuple[str, bytes | Placed]]:
    """Every view and its oEmbed document, and the framable error pages. A view comes as a
    function that puts it at a path (from the build cache while what it shows is unchanged: the
    same parts as the full pages' memo) (Placed); the rest as bytes."""
    model = renderer.model
    store = cache.current()
    banner = str(renderer.env.globals["preview_banner"] or "")  # a preview's views say so
    for lid, item in sorted(model.data.nominations.items()):
        page_url = URLS.nomination(lid)
        parts = ["list", model.tables_fingerprint, model.list_fingerprint(lid), banner]
        made = functools.partial(list_view, renderer, lid)
        yield URLS.embed(page_url) + "index.html", functools.partial(store.memo_file, "embeds", parts, made)
        yield URLS.oembed(page_url), oembed(model, page_url, item.title, item.proposing_body, "nomination")
    for eid, exemplar in sorted(model.data.exemplars.items()):
        page_url = URLS.exemplar(eid)
        parts = ["story", model.tables_fingerprint, model.exemplar_fingerprint(eid), banner]
        made = functools.partial(story_view, renderer, eid)
        yield URLS.embed(page_url) + "index.html", functools.partial(store.memo_file, "embeds", parts, made)
        name = f"{exemplar.honorific} {exemplar.name}" if exemplar.honorific else exemplar.name
        yield URLS.oembed(page_url), oembed(model, page_url, name, model.data.settings.organisation, "exemplar")
    for status in (404, 410):
        # Served at whatever address was asked for: links from the site's root path, not relative.
        page = renderer.render(
            "embed_error.html",
            URLS.EMBEDS + "/",
            asset=lambda path: renderer.base_path.rstrip("/") + "/" + path,
            status=status,
            title="Đã gỡ" if status == 410 else "Không tìm thấy",
            canonical=model.data.settings.url,
            csp=VIEW_CSP,
        )
        yield URLS.embed_error(status), page.encode("utf-8")


# -- the web server -----------------------------------------------------------------------------


def nginx_locations(
    base: str, moves: Sequence[tuple[str, str]], gone: Sequence[str], headers: Sequence[str]
) -> list[str]:
    """The nginx lines for the views: any site may frame them (frame-ancestors *, no
    X-Frame-Options), every other page keeps 'none'. headers: the add_header lines of the site's
    pages (server.py), changed only in that. `^~` keeps the regex locations of the rest of the
    site from taking the views. A renamed record's former view leads to its view now (moves: the
    pages' former and present addresses; a record's page is two segments deep, its notice is
    not embeddable). Unknown records' views answer with the framable 404 page, withdrawn
    records' views (gone: their pages' addresses) with the framable 410 page."""
    prefix = f"{base}{URLS.EMBEDS}/"
    framable = [
        line.replace("frame-ancestors 'none'", "frame-ancestors *")
        for line in headers
        if "X-Frame-Options" not in line  # DENY or SAMEORIGIN only: frame-ancestors says who may frame
    ]
    out = [
        "",
        "# Embeddable views (site/embeds.py): framable by any site; every other page keeps 'none'.",
        f"location ^~ {prefix} {{",
        *framable,
        f"    error_page 404 {base}{URLS.embed_error(404)};",
        f"    error_page 410 {base}{URLS.embed_error(410)};",
        "}",
    ]
    for old, new in moves:
        if old.count("/") == 2 and new.count("/") == 2:
            for suffix in ("", "index.html"):
                out.append(f"location = {base}{URLS.embed(old)}{suffix} {{ return 301 {base}{URLS.embed(new)}; }}")
    for url in gone:
        view = f"{base}{URLS.embed(url)}"
        for suffix in ("", "index.html"):
            out.append(f"location = {view}{suffix} {{ error_page 410 {base}{URLS.embed_error(410)}; return 410; }}")
    return out
