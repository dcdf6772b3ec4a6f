"""The site as the agency's own web server serves it: Debian's nginx on 127.0.0.1 with the
configuration the build writes beside the site (site_builder/site/server.py, docs/deploy.md).

Renamed records' former addresses answer 301, withdrawn records 410 with their page, the 404
page comes with 404, every response carries the security headers, gzip is negotiated from the
files the build compressed, and calendars, feeds and the OPML list have their types.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html

from site_builder.commands.build import Progress, Project, build
from site_builder.engines import assets
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
            # The editor has a policy of its own (test_the_editor_is_served_with_its_own_policy).
            policy = server.EDITOR_CSP_HEADER if url.startswith(URLS.editor()) else server.CSP_HEADER
            assert headers["content-security-policy"] == policy, url
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
    text = {".html", ".css", ".js", ".map", ".xml", ".json", ".svg", ".ics", ".csv", ".opml", ".txt", ".yml"}
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


def test_the_editor_is_served_with_its_own_policy(built: Path, origin: str) -> None:
    """Decap needs eval and inline styles: the editor's location says so, as its page's meta tag does,
    and nothing else of the site is given them."""
    editor = URLS.editor()
    status, headers, body = get(origin, editor)
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert headers["content-security-policy"] == server.EDITOR_CSP_HEADER
    assert headers["x-frame-options"] == "DENY"
    [policy] = html.fromstring(body).xpath('//head/meta[@http-equiv="Content-Security-Policy"]/@content')
    assert f"{policy}; frame-ancestors 'none'" == server.EDITOR_CSP_HEADER
    assert "'unsafe-eval'" in policy and "'unsafe-eval'" not in server.CSP_HEADER
    # Its scripts too (the theme's patterns do not reach under it), and not a page beside it.
    status, headers, _ = get(origin, f"{editor}decap-cms.js")
    assert (status, headers["content-security-policy"]) == (200, server.EDITOR_CSP_HEADER)
    assert get(origin, "huong-dan-bien-tap/")[1]["content-security-policy"] == server.CSP_HEADER


def post_json(origin: str, path: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(origin)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    connection.request("POST", "/" + path, body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    answer = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, answer


def test_the_editor_s_preview_goes_to_preview_server_or_says_it_is_not_there(
    built: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """nginx passes the preview pane's POST to site-builder preview-server on 127.0.0.1 (bounded in
    size), with the editor's headers; without the service it answers 502, which the pane explains."""
    import threading

    from site_builder.commands import preview_server

    from .browser import free_port
    from .conftest import SAMPLE_DATA

    scratch = tmp_path_factory.mktemp("nginx-preview")
    port = free_port()
    include = scratch / "nginx.conf"
    conf = (staging.server_folder(built) / "nginx.conf").read_text(encoding="utf-8")
    assert f"proxy_pass http://127.0.0.1:{server.PREVIEW_PORT};" in conf
    include.write_text(conf.replace(f"127.0.0.1:{server.PREVIEW_PORT};", f"127.0.0.1:{port};"), encoding="utf-8")
    lid = "can-tho-2026-khen-thuong-nha-nuoc"
    draft = json.loads(
        json.dumps(yaml.safe_load((SAMPLE_DATA / "nominations" / f"{lid}.yml").read_text()), default=str)
    )
    body = json.dumps({"kind": "nominations", "id": lid, "record": draft, "now": 1795572000000}).encode()
    with serve_nginx(built, include, scratch / "run") as origin:
        status, headers, _ = post_json(origin, URLS.editor_preview(), body)
        assert status == 502
        service = preview_server.Service(SAMPLE_DATA)
        httpd = preview_server.service_server(port, service)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            status, headers, answer = post_json(origin, URLS.editor_preview(), body)
            assert status == 200 and json.loads(answer)["url"] == URLS.nomination(lid)
            assert headers["content-type"] == "application/json; charset=utf-8"
            assert headers["content-security-policy"] == server.EDITOR_CSP_HEADER
            assert headers["cache-control"] == "no-store" and headers["x-content-type-options"] == "nosniff"
            # Larger than nginx lets through (a record's file is refused over 1 MB anyway).
            status, _, _ = post_json(origin, URLS.editor_preview(), b" " * (3 * 1024 * 1024))
            assert status == 413
            # The editor's settings file beside it is a file, not the service.
            status, headers, _ = get(origin, URLS.editor_preview_settings())
            assert (status, headers["content-type"]) == (200, "application/json; charset=utf-8")
        finally:
            httpd.shutdown()
            httpd.server_close()


def test_the_editors_configuration_is_yaml_and_its_data_json(built: Path, origin: str) -> None:
    editor = URLS.editor()
    status, headers, body = get(origin, f"{editor}config.yml")
    assert (status, headers["content-type"]) == (200, "text/yaml; charset=utf-8")
    assert body == (built / editor / "config.yml").read_bytes()
    published = sorted((built / editor / "da-cong-bo").glob("*.json"))
    assert published
    for path in (f"{editor}rulebook.json", published[0].relative_to(built).as_posix()):
        status, headers, _ = get(origin, path)
        assert (status, headers["content-type"]) == (200, "application/json; charset=utf-8"), path
    # 67 KB of YAML goes gzipped to a browser that asks.
    status, headers, _ = get(origin, f"{editor}config.yml", gzip_ok=True)
    assert headers.get("content-encoding") == "gzip"


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_editor(built: Path, origin: str) -> None:
    status, headers, body = get(origin, "robots.txt")
    assert (status, headers["content-type"]) == (200, "text/plain; charset=utf-8")
    # The site's address (data/site.yml's url), which the sitemap's first entry, the home page, is.
    home = html.fromstring((built / "sitemap.xml").read_bytes()).xpath("//loc")[0].text
    assert body.decode("utf-8") == (
        f"User-agent: *\nDisallow: /{URLS.editor()}\nDisallow: /{URLS.PREVIEWS}/\n\nSitemap: {home}sitemap.xml\n"
    )
    assert get(origin, "sitemap.xml")[0] == 200


def test_robots_txt_under_a_path() -> None:
    assert server.robots("https://sonoivu.example.gov.vn/thidua/").decode() == (
        "User-agent: *\nDisallow: /thidua/quan-tri/\nDisallow: /thidua/xem-truoc/\n\n"
        "Sitemap: https://sonoivu.example.gov.vn/thidua/sitemap.xml\n"
    )


def own_assets(built: Path) -> list[str]:
    """The site's own scripts and styles the home page loads (overrides/assets/), by their path."""
    page = html.fromstring((built / "index.html").read_bytes())
    urls = page.xpath("//script/@src | //link[@rel='stylesheet']/@href")
    own = [url for url in urls if re.fullmatch(r"assets/[a-z-]+\.[0-9a-f]{8}\.min\.(?:js|css)", url)]
    return sorted(own)


def test_our_assets_are_named_by_their_hash_minified_and_cached_for_good(built: Path, origin: str) -> None:
    # The embeds' files keep their address (other sites paste it), minified: test_embed_assets_keep_their_names.
    sources = {
        path.name: path
        for path in (ROOT / assets.SOURCE).iterdir()
        if f"{assets.FOLDER}{path.name}" not in assets.STABLE
    }
    own = own_assets(built)
    # Every one of them: the home page has a consultation window, so it loads consultation.js too.
    assert sorted(url.split(".")[0] + "." + url.rsplit(".", 1)[1] for url in own) == sorted(
        f"assets/{name}" for name in sources
    )
    for url in own:
        content = (built / url).read_bytes()
        assert url == assets.hashed_name(f"{url.split('.')[0]}.{url.rsplit('.', 1)[1]}", content)
        assert hashlib.sha256(content).hexdigest()[:8] == url.split(".")[-3]
        source = sources[f"{url.split('/')[1].split('.')[0]}.{url.rsplit('.', 1)[1]}"].read_bytes()
        # esbuild's output: smaller, no comment left, no line of the source's layout.
        assert len(content) < len(source) * 0.8, url
        assert b"/*" not in content and not re.search(rb"(?m)^\s*//", content), url
        assert content.count(b"\n") <= 2, url
        status, headers, body = get(origin, url)
        assert (status, body) == (200, content)
        assert headers["cache-control"] == f"public, max-age={server.IMMUTABLE_AGE}, immutable"
        assert headers["content-type"].startswith(("text/javascript", "text/css"))
    # Only the hashed copies are published, not the sources under their own names (but the one
    # the embeddable views load at its own name, the same bytes).
    for name in sources:
        if f"{assets.FOLDER}{name}" in assets.ALSO_STABLE:
            assert (built / "assets" / name).read_bytes() in {(built / url).read_bytes() for url in own}, name
            continue
        assert not (built / "assets" / name).exists(), name


def test_embed_assets_keep_their_names_minified(built: Path, origin: str) -> None:
    """The script a newspaper pastes beside an embedded list, and the views' own, at fixed addresses."""
    for url in sorted(assets.STABLE):
        content = (built / url).read_bytes()
        source = (ROOT / assets.SOURCE / url.removeprefix(assets.FOLDER)).read_bytes()
        assert len(content) < len(source) and b"/*" not in content, url
        status, headers, body = get(origin, url)
        assert (status, body) == (200, content), url
        assert "immutable" not in headers["cache-control"], url


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
