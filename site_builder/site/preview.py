"""A preview: the site as a change would publish it, served before it is published (issue 38).

`site-builder build --preview NAME` builds the draft's site for an address of its own (by
default `<site url>xem-truoc/NAME/`, beside the public site: `tools/deploy.sh --preview NAME`
puts it there). Every page says it is a preview and asks not to be indexed; the preview lists
nothing in its sitemap, its robots.txt disallows everything, its pages announce no feed,
calendar or embeddable view, and it has no web editor. The public site's robots.txt and nginx
configuration keep crawlers out of every preview (server.py).

The build writes `preview.env` into the server folder beside the site: the name and address
tools/deploy.sh and CI read, and the mark by which deploy.sh refuses to publish a preview as
the public site (or the public site as a preview).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..urls import URLS

# What every page of a preview says, in its banner and its title.
BANNER = "Bản xem trước — chưa công bố"
# The robots meta tag of a preview's pages and the X-Robots-Tag nginx sends under the previews' path.
ROBOTS = "noindex, nofollow"
# A preview's name: a path segment, and a folder on the server (pr-12, mr-7, ban-nhap).
NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
MARKER = "preview.env"
# The commit status CI posts with the preview's address (.github/workflows/site.yml): the web
# editor (Decap, backend.preview_context) shows it as the draft's preview link ("Xem trước").
CONTEXT = "deploy/xem-truoc"


@dataclass(frozen=True)
class Preview:
    """A preview build: its name and the address it is built for."""

    name: str
    url: str

    def marker(self) -> bytes:
        """preview.env: shell-readable lines for tools/deploy.sh and CI."""
        return f"PREVIEW_NAME={self.name}\nPREVIEW_URL={self.url}\n".encode()


def check_name(name: str) -> str | None:
    """None if name is a valid preview name, else what is wrong with it, in Vietnamese."""
    if NAME.fullmatch(name):
        return None
    return (
        f"tên bản xem trước '{name}' chỉ được có chữ thường không dấu, số và gạch ngang (không ở đầu, cuối), "
        "tối đa 63 ký tự; ví dụ pr-12"
    )


def default_url(site_url: str, name: str) -> str:
    """A preview's address beside the public site: <site url>xem-truoc/NAME/."""
    return site_url + URLS.preview(name)


def robots() -> bytes:
    """A preview's robots.txt: nothing to crawl. (Crawlers read only the host's own; the public
    site's disallows every preview, server.robots.)"""
    return b"User-agent: *\nDisallow: /\n"
