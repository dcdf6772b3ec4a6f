"""The site as the agency's own web server serves it: Debian's nginx on 127.0.0.1 with the
configuration the build writes beside the site (site_builder/site/server.py, docs/deploy.md).

Renamed records' former addresses answer 301, withdrawn records 410 with their page, the 404
page comes with 404, every response carries the security headers, gzip is negotiated from the
files the build compressed, and calendars, feeds and the OPML list have their types.
"""

from __future__ import annotations

import gzip
import http.client
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html

from site_builder.commands.build import Progress, Project, build
from site_builder.site import server
from site_builder.urls import URLS
from site_builder.utils import staging

from .browser import serve_nginx
from .conftest import ROOT, DataDir
from .test_old_urls import NOW, moved

MOVES = {
    "dien-hinh/nguyen-van-a/": "dien-hinh/nguyen-van-an/",
    "dien-hinh/ong-an/": "dien-hinh/nguyen-van-an/",
    "lay-y-kien/hcld-2026-cu/": "lay-y-kien/hcld-2026/",
    "lay-y-kien/hcld-2026-cu/thong-bao/": "lay-y-kien/hcld-2026/thong-bao/",
}
GONE = {"dien-hinh/tran-thi-b/", "phong-trao/phong-trao-cu/"}
FRAMABLE = server.CSP_HEADER.replace("frame-ancestors 'none'", "frame-ancestors *")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with renamed and withdrawn records (tests/test_old_urls.py)."""
    folder = tmp_path_factory.mktemp("nginx")
    (folder / "data").mkdir()
    data = moved(DataDir(folder / "data"))
    build(Project(ROOT, data.root, folder / "site"), NOW, progress=Progress(None))
    return folder / "site"


@pytest.fixture(scope="module")
def origin(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    scratch = tmp_path_factory.mktemp("nginx-run")
    with serve_nginx(built, staging.server_folder(built) / "nginx.conf", scratch) as url:
        yield url


def get(origin: str, path: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(origin)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    connection.request("GET", "/" + path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


def pages(site: Path) -> list[str]:
    return sorted(
        path.parent.relative_to(site).as_posix() + "/" if path.parent != site else ""
        for path in site.rglob("index.html")
    )


def test_the_configuration_lies_beside_the_site_not_in_it(built: Path) -> None:
    folder = staging.server_folder(built)
    assert sorted(path.name for path in folder.iterdir()) == ["nginx-https.conf", "nginx.conf"]
    assert not list(built.rglob("*.conf"))
    assert "Strict-Transport-Security" in (folder / "nginx-https.conf").read_text(encoding="utf-8")
    assert "Strict-Transport-Security" not in (folder / "nginx.conf").read_text(encoding="utf-8")


def test_every_page_answers_200_with_the_security_headers(built: Path, origin: str) -> None:
    answered = pages(built)
    # The former addresses are exactly the pages the build made with a meta refresh.
    refreshing = {
        url
        for url in answered
        if html.fromstring((built / url / "index.html").read_bytes()).xpath('//meta[@http-equiv="refresh"]')
    }
    assert refreshing == set(MOVES)
    for url in answered:
        status, headers, body = get(origin, url)
        expected = 301 if url in MOVES else 410 if url in GONE else 200
        assert status == expected, url
        if url.startswith(f"{URLS.EMBEDS}/"):
            # The embeddable views alone may be framed, by any site (site/embeds.py).
            assert headers["content-security-policy"] == FRAMABLE, url
            assert "x-frame-options" not in headers
        else:
            assert headers["content-security-policy"] == server.CSP_HEADER, url
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
            assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "strict-transport-security" not in headers
        if expected == 200:
            assert headers["content-type"] == "text/html; charset=utf-8"
            assert headers["cache-control"] == f"public, max-age={server.PAGE_AGE}"
            assert body == (built / url / "index.html").read_bytes()


def test_the_header_policy_is_the_pages_policy(built: Path) -> None:
    """The CSP header says what every page's meta tag says, and forbids framing besides."""
    page = html.fromstring((built / "index.html").read_bytes())
    [policy] = page.xpath('//head/meta[@http-equiv="Content-Security-Policy"]/@content')
    assert policy == server.CSP
    assert f"{policy}; frame-ancestors 'none'" == server.CSP_HEADER


@pytest.mark.parametrize(("old", "new"), sorted(MOVES.items()))
def test_a_former_address_answers_301_to_the_page_now(origin: str, old: str, new: str) -> None:
    for path in (old, old + "index.html"):
        status, headers, _ = get(origin, path)
        assert (status, headers["location"]) == (301, "/" + new)
    status, _, _ = get(origin, new)
    assert status == 200


@pytest.mark.parametrize("url", sorted(GONE))
def test_a_withdrawn_record_answers_410_with_its_page(built: Path, origin: str, url: str) -> None:
    for path in (url, url + "index.html"):
        status, headers, body = get(origin, path)
        assert status == 410, path
        assert body == (built / url / "index.html").read_bytes()
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert headers["content-security-policy"] == server.CSP_HEADER
    page = html.fromstring(body)
    assert "đã gỡ" in page.xpath("//h1")[0].text_content()


def test_an_unknown_address_answers_404_with_the_sites_page(built: Path, origin: str) -> None:
    status, headers, body = get(origin, "dien-hinh/khong-co-ai/")
    assert status == 404
    assert body == (built / "404.html").read_bytes()
    assert headers["content-security-policy"] == server.CSP_HEADER


def test_gzip_is_negotiated_from_the_files_the_build_compressed(built: Path, origin: str) -> None:
    for path in ("", "du-lieu/guong-dien-hinh.json", "nguon-tin/tat-ca.xml"):
        file = built / (path or "index.html")
        assert file.with_name(file.name + ".gz").exists(), path
        status, headers, body = get(origin, path, gzip_ok=True)
        assert (status, headers["content-encoding"]) == (200, "gzip"), path
        assert headers["vary"] == "Accept-Encoding"
        assert gzip.decompress(body) == file.read_bytes()
        # A client that does not ask for gzip gets the file itself.
        status, headers, body = get(origin, path)
        assert "content-encoding" not in headers
        assert body == file.read_bytes()


def test_compressed_copies_are_reproducible_and_only_of_text(built: Path) -> None:
    copies = list(built.rglob("*.gz"))
    assert len(copies) > 100
    # The editor's bundle brings its licence notices (decap-cms.js.LICENSE.txt).
    text = {".html", ".css", ".js", ".map", ".xml", ".json", ".svg", ".ics", ".csv", ".opml", ".txt"}
    for copy in copies:
        assert copy.with_suffix("").suffix in text
        # Served in place of the file: the same bytes once unpacked.
        assert gzip.decompress(copy.read_bytes()) == copy.with_suffix("").read_bytes(), copy
        if copy.name != "sitemap.xml.gz":  # MkDocs's own, kept
            assert copy.read_bytes()[4:8] == b"\0\0\0\0", copy  # no time in the header
    assert not list(built.rglob("*.png.gz")) and not list(built.rglob("*.jpg.gz"))


@pytest.mark.parametrize(
    ("path", "mime", "cache"),
    [
        ("lay-y-kien/lich.ics", "text/calendar; charset=utf-8", "public, max-age=43200"),
        ("lay-y-kien/hcld-2026/lich.ics", "text/calendar; charset=utf-8", "public, max-age=43200"),
        ("nguon-tin/tat-ca.opml", "text/x-opml; charset=utf-8", "public, max-age=3600"),
        ("nguon-tin/tat-ca.xml", "application/rss+xml; charset=utf-8", "public, max-age=3600"),
        ("nguon-tin/tat-ca.atom.xml", "application/atom+xml; charset=utf-8", "public, max-age=3600"),
        ("nguon-tin/tat-ca.json", "application/feed+json; charset=utf-8", "public, max-age=3600"),
        ("du-lieu/guong-dien-hinh.csv", "text/csv; charset=utf-8", "public, max-age=300"),
        ("du-lieu/guong-dien-hinh.json", "application/json; charset=utf-8", "public, max-age=300"),
    ],
)
def test_files_have_their_type_and_lifetime(built: Path, origin: str, path: str, mime: str, cache: str) -> None:
    assert (built / path).is_file(), path
    status, headers, body = get(origin, path)
    assert (status, headers["content-type"], headers["cache-control"]) == (200, mime, cache)
    assert body == (built / path).read_bytes()


def test_files_named_by_their_hash_are_cached_for_good(built: Path, origin: str) -> None:
    [stylesheet] = [p for p in (built / "assets" / "stylesheets").glob("main.*.min.css")]
    assert re.fullmatch(r"main\.[0-9a-f]{8}\.min\.css", stylesheet.name)
    status, headers, _ = get(origin, stylesheet.relative_to(built).as_posix())
    assert (status, headers["content-type"]) == (200, "text/css; charset=utf-8")
    assert headers["cache-control"] == f"public, max-age={server.IMMUTABLE_AGE}, immutable"
    assert headers["content-security-policy"] == server.CSP_HEADER


# -- embeddable views (site/embeds.py) ---------------------------------------------------------


def test_only_the_embeddable_views_may_be_framed(built: Path, origin: str) -> None:
    views = [url for url in pages(built) if url.startswith(f"{URLS.EMBEDS}/")]
    assert views == [URLS.embed("dien-hinh/nguyen-van-an/"), URLS.embed("lay-y-kien/hcld-2026/")]
    for url in views:
        status, headers, _ = get(origin, url)
        assert status == 200 and headers["content-security-policy"] == FRAMABLE
    status, headers, _ = get(origin, "lay-y-kien/hcld-2026/")
    assert status == 200 and "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"


def test_an_embed_of_a_withdrawn_record_answers_410_framed(built: Path, origin: str) -> None:
    for path in (URLS.embed("dien-hinh/tran-thi-b/"), URLS.embed("dien-hinh/tran-thi-b/") + "index.html"):
        status, headers, body = get(origin, path)
        assert status == 410, path
        assert body == (built / URLS.embed_error(410)).read_bytes()
        assert headers["content-security-policy"] == FRAMABLE and "x-frame-options" not in headers
    assert not (built / URLS.embed("dien-hinh/tran-thi-b/")).exists()  # no stale copy


@pytest.mark.parametrize(("old", "new"), sorted((o, n) for o, n in MOVES.items() if o.count("/") == 2))
def test_a_renamed_records_former_view_leads_to_its_view(origin: str, old: str, new: str) -> None:
    for path in (URLS.embed(old), URLS.embed(old) + "index.html"):
        status, headers, _ = get(origin, path)
        assert (status, headers["location"]) == (301, "/" + URLS.embed(new))
    status, headers, _ = get(origin, URLS.embed(new))
    assert status == 200 and headers["content-security-policy"] == FRAMABLE


def test_an_embed_of_an_unknown_record_answers_404_framed(built: Path, origin: str) -> None:
    status, headers, body = get(origin, URLS.embed("lay-y-kien/khong-co/"))
    assert status == 404
    assert body == (built / URLS.embed_error(404)).read_bytes()
    assert headers["content-security-policy"] == FRAMABLE and "x-frame-options" not in headers
    assert "Không tìm thấy" in body.decode("utf-8")


def test_the_oembed_document_is_json(origin: str) -> None:
    status, headers, body = get(origin, URLS.oembed("lay-y-kien/hcld-2026/"))
    assert status == 200 and headers["content-type"] == "application/json; charset=utf-8"
    assert json.loads(body)["type"] == "rich"
