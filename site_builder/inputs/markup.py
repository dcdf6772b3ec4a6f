"""Editors' Markdown as sanitised HTML, and what sanitising took out.

Stories and campaign contents are Markdown; raw HTML in them is removed by an allow-list
sanitiser (nh3, Ammonia) before any page or feed shows it. Validation tells the editor what was
removed, so nothing disappears silently.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from typing import Any

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup

from ..utils import cache

_STORY_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sup",
    "sub",
    "code",
    "pre",
}


def to_html(text: str) -> str:
    """Editors' Markdown as HTML, before sanitising: CommonMark with GitHub's tables.

    cmark-gfm (the C library GitHub and PyPI render Markdown with, through cmarkgfm's wheel):
    the web editor writes CommonMark, and it converts a story 17 times faster than
    Python-Markdown, which was two fifths of rendering a large site. Over the sample's and 3,000
    generated records' texts both gave the same sanitised HTML. Raw HTML is passed through
    (UNSAFE) so that nh3 removes it and removed_markup can name it; autolinks and the tag
    filter stay off, as Python-Markdown had them.
    """
    return _render(text).rstrip("\n")  # as Python-Markdown ended it


def _freeing_renderer() -> Callable[[str], str] | None:
    """cmarkgfm's markdown_to_html_with_extensions, without its leak: it frees neither the
    document's tree nor the HTML it returns (13 KB a story; 250 MB of a 50,000-exemplar build's
    peak). The same calls, then cmark_node_free and free() from the library's own exports, as
    cmark_markdown_to_html does. None where those cannot be reached (not glibc, another build)."""
    try:
        from cmarkgfm import _cmark

        library = ctypes.CDLL(_cmark.__file__)
        node_free = library.cmark_node_free
        node_free.argtypes, node_free.restype = [ctypes.c_void_p], None
        free = ctypes.CDLL(None).free
        free.argtypes, free.restype = [ctypes.c_void_p], None
    except (OSError, AttributeError, ImportError):
        return None
    lib, ffi = _cmark.lib, _cmark.ffi
    lib.cmark_gfm_core_extensions_ensure_registered()
    table = lib.cmark_find_syntax_extension(b"table")
    if table == ffi.NULL:
        return None
    options = Options.CMARK_OPT_UNSAFE

    def address(pointer: Any) -> int:
        return int(ffi.cast("uintptr_t", pointer))

    def render(text: str) -> str:
        encoded = text.encode("utf-8")
        parser = lib.cmark_parser_new(options)
        try:
            lib.cmark_parser_attach_syntax_extension(parser, table)
            lib.cmark_parser_feed(parser, encoded, len(encoded))
            root = lib.cmark_parser_finish(parser)
            try:
                raw = lib.cmark_render_html(root, options, lib.cmark_parser_get_syntax_extensions(parser))
                try:
                    return str(ffi.string(raw).decode("utf-8"))
                finally:
                    free(address(raw))
            finally:
                node_free(address(root))
        finally:
            lib.cmark_parser_free(parser)

    return render


def _leaking(text: str) -> str:
    html: str = cmarkgfm.markdown_to_html_with_extensions(text, options=Options.CMARK_OPT_UNSAFE, extensions=["table"])
    return html


_render: Callable[[str], str] = _freeing_renderer() or _leaking


# Story and campaign HTML by Markdown source, for builds without the build cache: converted once
# for the pages and again for the feeds otherwise. A plain dict, so that the conversions of a
# second rendering process join it.
MARKDOWN_CACHE: dict[str, Markup] = {}


def markdown_html(text: str) -> Markup:
    """Editors' Markdown as sanitised HTML: no scripts, no remote images, no raw styles."""
    store = cache.current()
    if store.enabled:
        # Markdown is two fifths of rendering a large site: an unchanged story is not converted
        # again. The build cache keeps every conversion on disk, so memory keeps none (texts and
        # HTML of every story were 350 MB of a 50,000-exemplar build).
        return Markup(store.memo("markdown", [text], lambda: str(_markdown_html(text)).encode("utf-8")).decode("utf-8"))
    cached = MARKDOWN_CACHE.get(text)
    if cached is None:
        cached = MARKDOWN_CACHE[text] = _markdown_html(text)
    return cached


# Characters a URL parser, an importer or an older browser may drop before reading the scheme:
# controls, spaces and invisible format characters ("java\u00adscript:", "\ufeffjavascript:").
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\xa0\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")
_LINK_SCHEMES = ("http:", "https:", "mailto:")


def _safe_link(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: a link whose scheme, read without invisible characters, is not
    http, https or mailto is dropped (nh3 alone keeps "\ufeffjavascript:..." as a relative URL)."""
    if attribute != "href":
        return value
    scheme = _SCHEME.match(_URL_NOISE.sub("", value).lower())
    return value if scheme is None or scheme.group() in _LINK_SCHEMES else None


def _markdown_html(text: str) -> Markup:
    html = to_html(text)
    clean = nh3.clean(
        html,
        tags=_STORY_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        attribute_filter=_safe_link,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
    return Markup(clean)


_TAG = re.compile(r"<([a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"\s([a-zA-Z][\w:-]*)\s*=")


def removed_markup(text: str) -> list[str]:
    """The HTML tags and attributes of an editor's Markdown that sanitising removes ("<script>", "onclick")."""
    if "<" not in text:
        return []  # Markdown alone never makes markup the sanitiser removes
    raw = to_html(text)
    clean = str(markdown_html(text))
    kept_tags, kept_attributes = set(_TAG.findall(clean)), set(_ATTRIBUTE.findall(clean))
    tags = [f"<{tag.lower()}>" for tag in dict.fromkeys(_TAG.findall(raw)) if tag not in kept_tags]
    attributes = [name.lower() for name in dict.fromkeys(_ATTRIBUTE.findall(raw)) if name not in kept_attributes]
    return tags + attributes
