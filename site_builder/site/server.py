"""The web server's configuration for the site, written by every build beside it (docs/deploy.md).

A static host can only answer 200 with a page; a server the agency runs can say what happened:
a renamed record's former addresses answer 301 to its page now, a withdrawn record's 410 with
the page saying so, the Content-Security-Policy goes in a header (with frame-ancestors, which a
meta tag cannot set) beside the other security headers, each kind of file gets its cache
lifetime and its MIME type, and the gzipped copies the build writes (utils/precompress.py) are
served as they are. The facts come from the same functions as the pages (old_urls.py), so the
configuration and the site never disagree.

The nginx file goes inside a `server { }` block whose `root` is the site folder:

    server {
        listen 80;
        server_name thidua.example.gov.vn;
        root /srv/thidua/current/site;
        include /srv/thidua/current/server/nginx.conf;
    }
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from ..inputs.records import EditorSettings
from ..kinds.nominations import CALENDAR_REFRESH
from ..urls import URLS
from . import embeds, preview

# The policy every page states in its meta tag (overrides/main.html; a test checks they agree),
# sent as a header with what only a header can say: no other site may frame the pages.
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)
CSP_HEADER = f"{CSP}; frame-ancestors 'none'"
# The web editor's page (/quan-tri/) states its policy in its meta tag (commands/cms_config.py)
# and its location sends it as the header: only this page allows what Decap needs, 'unsafe-eval'
# (its configuration loader compiles functions; without it: "Error loading the CMS configuration:
# EvalError") and inline styles (emotion writes <style> at run time). connect-src and img-src
# name the git host the editor saves to (data/site.yml's editor): GitHub's API and its images by
# default, or the GitLab the agency signs in with; and decap-server on this machine.
_GITHUB_IMAGES = "https://avatars.githubusercontent.com https://raw.githubusercontent.com"


def gitlab(editor: EditorSettings) -> str:
    """The GitLab the editor signs in with and saves to: the agency's own, or gitlab.com."""
    return (editor.gitlab_url or "https://gitlab.com").rstrip("/")


def editor_csp(editor: EditorSettings | None = None) -> str:
    if editor is not None and editor.host == "gitlab":
        host = gitlab(editor)
        images, api = f"{host} https://secure.gravatar.com", host
    else:
        images, api = _GITHUB_IMAGES, "https://api.github.com"
    return (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob: {images}; "
        f"connect-src 'self' blob: data: {api} http://127.0.0.1:* http://localhost:*; "
        "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


# Where `site-builder preview-server` listens (127.0.0.1), for the editor's preview pane: nginx passes
# the pane's requests to it (nginx below); where nothing listens there the pane says so.
PREVIEW_PORT = 8082
# What nginx lets through to it: a record's file is refused over 1 MB by the build.
PREVIEW_MAX_BODY = "2m"
PREVIEW_TIMEOUT = "30s"

EDITOR_CSP = editor_csp()
EDITOR_CSP_HEADER = f"{EDITOR_CSP}; frame-ancestors 'none'"
OTHER_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),  # frame-ancestors for browsers that predate it
)
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (("Content-Security-Policy", CSP_HEADER), *OTHER_HEADERS)
# Only over https, and only once the whole host serves https: browsers then refuse plain http
# for a year (the https variant of the file).
HSTS = ("Strict-Transport-Security", "max-age=31536000")

# Cache lifetimes (seconds). Pages change with every build (the home page, consultation states):
# five minutes. Files whose name holds a hash of their content never change. Feeds follow a
# build at most every hour or so; calendars say themselves how often to fetch them again.
PAGE_AGE = 300
FEED_AGE = 3600
CALENDAR_AGE = int(CALENDAR_REFRESH.total_seconds())
IMMUTABLE_AGE = int(timedelta(days=365).total_seconds())

# File names with a content hash: the theme's assets (main.57a0d79d.min.css), the records' web
# images and share crops (a-<12 hex>.jpg, see urls.web_image) and Pagefind's index parts.
HASHED = (
    r"\.[0-9a-f]{8}\.min\.(?:css|js)(?:\.map)?$",
    r"-[0-9a-f]{12}(?:-chia-se)?\.(?:jpg|jpeg|png|webp|gif)$",
    r"\.pf_(?:fragment|index|filter|meta)$",
)

# Every type the site serves; nginx's `types` in a server block replaces the global table, so
# the file is complete on its own whatever mime.types the host has.
MIME_TYPES: tuple[tuple[str, str], ...] = (
    ("text/html", "html htm"),
    ("text/css", "css"),
    ("text/javascript", "js mjs"),
    ("application/json", "json map"),
    ("application/xml", "xml"),
    ("text/calendar", "ics"),
    ("text/x-opml", "opml"),
    ("text/csv", "csv"),
    ("text/plain", "txt"),
    # The editor's configuration: Decap logs "not yaml" for another type (octet-stream).
    ("text/yaml", "yml yaml"),
    ("application/manifest+json", "webmanifest"),
    ("image/svg+xml", "svg"),
    ("image/png", "png"),
    ("image/jpeg", "jpg jpeg"),
    ("image/webp", "webp"),
    ("image/gif", "gif"),
    ("image/x-icon", "ico"),
    ("font/woff2", "woff2"),
    ("font/woff", "woff"),
    ("application/wasm", "wasm"),
)
# Feeds are told apart by name, not by suffix (all .xml or .json): see feed_topics.FORMATS.
FEED_TYPES: tuple[tuple[str, str], ...] = (
    (r"\.atom\.xml$", "application/atom+xml"),
    (r"\.xml$", "application/rss+xml"),
    (r"\.json$", "application/feed+json"),
)
CHARSET_TYPES = (
    "text/css text/javascript text/plain text/yaml text/csv text/calendar text/x-opml application/json application/xml "
    "application/rss+xml application/atom+xml application/feed+json application/manifest+json image/svg+xml"
)


@dataclass(frozen=True)
class Facts:
    """What the configuration says, from the site model."""

    site_url: str
    moves: Sequence[tuple[str, str]]  # (former address, address now), relative to the site root
    gone: Sequence[str]  # addresses of withdrawn records' pages
    editor_policy: str = EDITOR_CSP  # the editor page's own (editor_csp of the site's editor settings)


def _quote(path: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9._~/%-]*", path):
        # Record ids are checked ASCII slugs (inputs/records.py); anything else would need escaping.
        raise ValueError(f"địa chỉ {path!r} có ký tự không dùng được trong cấu hình máy chủ web")
    return path


def _headers(indent: str, cache: str, hsts: bool, security: Sequence[tuple[str, str]] = SECURITY_HEADERS) -> list[str]:
    lines = [f'{indent}add_header {name} "{value}" always;' for name, value in security]
    if hsts:
        lines.append(f'{indent}add_header {HSTS[0]} "{HSTS[1]}" always;')
    lines.append(f'{indent}add_header Cache-Control "{cache}" always;')
    return lines


def nginx(facts: Facts, hsts: bool = False) -> str:
    """The nginx directives to include in the site's server block (see the module's docstring)."""
    base = urlsplit(facts.site_url).path or "/"
    if not base.endswith("/"):
        base += "/"
    root = re.escape(base)
    page = f"public, max-age={PAGE_AGE}"
    out = [
        "# Written by site-builder with the site; do not edit (docs/deploy.md). Include it inside the",
        "# site's server block, whose root is the site folder. Reload nginx after each deploy.",
        "",
        "charset utf-8;",
        f"charset_types {CHARSET_TYPES};",
        "types {",
        *(f"    {mime} {suffixes};" for mime, suffixes in MIME_TYPES),
        "}",
        "default_type application/octet-stream;",
        "",
        "# The build writes <file>.gz beside every text file worth it.",
        "gzip_static on;",
        "gzip_vary on;",
        "index index.html;",
        "# Location: /path, so the host and port are the ones the reader asked for (behind a proxy too).",
        "absolute_redirect off;",
        "server_tokens off;",
        f"error_page 404 {base}404.html;",
        "error_page 410 @withdrawn;",
        "",
        "# Responses of the locations below that add no header of their own (301, 410).",
        *_headers("", page, hsts),
        "",
        "# Pages, and files without a hash in their name.",
        f"location {base} {{",
        *_headers("    ", page, hsts),
        "}",
        "",
        "# Files whose name holds a hash of their content: they never change.",
        f'location ~ "^{root}.*(?:{"|".join(HASHED)})" {{',
        *_headers("    ", f"public, max-age={IMMUTABLE_AGE}, immutable", hsts),
        "}",
        "",
        "# Calendars: fetched again as their REFRESH-INTERVAL says.",
        f'location ~ "^{root}.*\\.ics$" {{',
        *_headers("    ", f"public, max-age={CALENDAR_AGE}", hsts),
        "}",
        "",
        "# Feeds and the list of feeds (OPML).",
        f'location ~ "^{root}.*\\.opml$" {{',
        *_headers("    ", f"public, max-age={FEED_AGE}", hsts),
        "}",
    ]
    for pattern, mime in FEED_TYPES:
        out += [
            f'location ~ "^{root}{re.escape(URLS.FEEDS)}/.*{pattern}" {{',
            "    types { }",
            f"    default_type {mime};",
            *_headers("    ", f"public, max-age={FEED_AGE}", hsts),
            "}",
        ]
    editor = f"{base}{URLS.editor()}"
    out += [
        "",
        "# The web editor: its own policy (Decap needs eval and inline styles; the pages never do).",
        "# ^~: none of the patterns above applies under it (the editor's files have no hash).",
        f"location ^~ {_quote(editor)} {{",
        *_headers(
            "    ",
            page,
            hsts,
            (("Content-Security-Policy", f"{facts.editor_policy}; frame-ancestors 'none'"), *OTHER_HEADERS),
        ),
        "}",
    ]
    previews = f"{base}{URLS.PREVIEWS}/"
    out += [
        "",
        "# Previews of changes not yet published (tools/deploy.sh --preview NAME puts each in",
        "# TARGET/previews/NAME/, which every release reaches through its link xem-truoc): never",
        "# indexed, never kept by a cache (the next push replaces them). ^~: none of the patterns",
        "# above applies under it. What deploy.sh keeps beside the previews (expiry dates, copies",
        "# under way: names starting with a dot) is not served.",
        f"location ^~ {_quote(previews)} {{",
        f'    add_header X-Robots-Tag "{preview.ROBOTS}" always;',
        *_headers("    ", "no-cache", hsts),
        f'    location ~ "^{re.escape(previews)}\\." {{ return 404; }}',
        "}",
    ]
    pane = f"{base}{URLS.editor_preview()}"
    out += [
        "",
        "# The editor's preview pane: a draft's page rendered by site-builder preview-server on this",
        "# machine (docs/editor.md); without it nginx answers 502 and the pane says so.",
        f"location = {_quote(pane)} {{",
        f"    client_max_body_size {PREVIEW_MAX_BODY};",
        f"    proxy_read_timeout {PREVIEW_TIMEOUT};",
        "    proxy_set_header Host $host;",
        f"    proxy_pass http://127.0.0.1:{PREVIEW_PORT};",
        "    # The service sends these too (for site-builder edit); once is enough.",
        "    proxy_hide_header Cache-Control;",
        "    proxy_hide_header X-Content-Type-Options;",
        *_headers(
            "    ",
            "no-store",
            hsts,
            (("Content-Security-Policy", f"{facts.editor_policy}; frame-ancestors 'none'"), *OTHER_HEADERS),
        ),
        "}",
    ]
    # -- embeddable views: one block of their own (site/embeds.py) --
    out += embeds.nginx_locations(base, facts.moves, facts.gone, _headers("    ", page, hsts))
    out += ["", "# Renamed records: their former addresses lead to the page now."]
    for old, new in facts.moves:
        for suffix in ("", "index.html"):
            out.append(f"location = {_quote(base + old + suffix)} {{ return 301 {_quote(base + new)}; }}")
    out += [
        "",
        "# Withdrawn records: 410 Gone, with the page saying when and why (written by the build).",
    ]
    for url in facts.gone:
        for suffix in ("", "index.html"):
            out.append(f"location = {_quote(base + url + suffix)} {{ return 410; }}")
    out += [
        "location @withdrawn {",
        *_headers("    ", page, hsts),
        "    try_files ${uri}index.html $uri =404;",
        "}",
        "",
    ]
    return "\n".join(out)


def robots(site_url: str) -> bytes:
    """robots.txt: the sitemap's absolute address, and the editor kept out of search engines (its page
    also says noindex, but a crawler that obeys robots.txt does not even fetch its 5 MB bundle), and
    the previews of changes not yet published (their pages say noindex too, site/preview.py).

    Crawlers read it at the host's root only: a site under a path (https://host/thidua/) publishes
    it too, for the host's own robots.txt to copy from."""
    base = urlsplit(site_url).path or "/"
    if not base.endswith("/"):
        base += "/"
    lines = [
        "User-agent: *",
        f"Disallow: {_quote(base + URLS.editor())}",
        f"Disallow: {_quote(base + URLS.PREVIEWS)}/",
        "",
        f"Sitemap: {site_url}{URLS.sitemap()}",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def files(facts: Facts) -> dict[str, bytes]:
    """The server folder's files: nginx for http, and for https (with HSTS)."""
    return {
        "nginx.conf": nginx(facts).encode("utf-8"),
        "nginx-https.conf": nginx(facts, hsts=True).encode("utf-8"),
    }
