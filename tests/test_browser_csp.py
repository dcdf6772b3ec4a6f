"""The Content-Security-Policy every page states, and that the site's own pages keep to it.

Each page declares (overrides/main.html) that scripts come from the site's files only: no inline
script, nothing from elsewhere. Headless Chromium loads several kinds of page and the search,
listening for `securitypolicyviolation` events and the console's CSP complaints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from site_builder.commands.build import Progress, Project, build
from site_builder.model.consultation import TZ
from site_builder.site import server
from site_builder.urls import URLS
from site_builder.utils import staging

from .browser import serve, serve_nginx
from .conftest import ROOT, DataDir, is_site_page
from .test_browser_search import search
from .test_old_urls import NOW, moved

# Registered before any page script runs, in every document the page opens.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective}: ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
});
"""


@pytest.fixture(scope="module")
def moved_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site with a renamed exemplar and a withdrawn one (tests/test_old_urls.py)."""
    folder = tmp_path_factory.mktemp("csp-moved")
    (folder / "data").mkdir()
    data = moved(DataDir(folder / "data"))
    build(Project(ROOT, data.root, folder / "site"), NOW, progress=Progress(None))
    with serve(folder / "site") as url:
        yield url


@pytest.fixture
def watched(chromium: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page, and the CSP complaints its console made."""
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    complaints: list[str] = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and complaints.append(message.text),
    )
    yield page, complaints
    context.close()


def violations(page: Any) -> list[str]:
    return list(page.evaluate("window.__violations"))


PAGES = [
    ("home", ""),
    ("exemplar", "dien-hinh/tran-thi-ngoc-anh/"),
    ("open list", "lay-y-kien/dong-thap-2026-tong-ket-2021-2025/"),
    ("notice", "lay-y-kien/dong-thap-2026-tong-ket-2021-2025/thong-bao/"),
    ("campaign list", "phong-trao/"),
    ("hand-written", "huong-dan-bien-tap/"),
    ("not found", "404.html"),
]


@pytest.mark.parametrize(("kind", "url"), PAGES, ids=[kind for kind, _ in PAGES])
def test_pages_keep_to_their_policy(watched: tuple[Any, list[str]], site_url: str, kind: str, url: str) -> None:
    page, complaints = watched
    page.goto(site_url + url)
    page.wait_for_load_state("load")
    # The theme's script ran (from its file): it marks the page as having JavaScript.
    page.wait_for_function("document.documentElement.classList.contains('js')")
    page.wait_for_timeout(300)  # late events: feed links named back, the theme's fetches
    assert violations(page) == []
    assert complaints == []
    # The feed links are back under their name for feed readers (assets/feed-links.js ran).
    assert page.locator("link[rel=alternate][type]").count() > 0
    assert page.locator("link[rel=tdkt-alternate]").count() == 0


def test_search_works_under_the_policy(watched: tuple[Any, list[str]], site_url: str) -> None:
    page, complaints = watched
    page.goto(site_url)
    results = search(page, "nong thon moi")
    assert results and "nông thôn mới" in results[0]["title"].lower()
    page.click(".tdkt-result__title >> nth=0")
    page.wait_for_load_state("load")
    assert violations(page) == []
    assert complaints == []


def test_an_old_address_leads_on_and_a_withdrawn_one_explains(
    watched: tuple[Any, list[str]], moved_site_url: str
) -> None:
    page, complaints = watched
    page.goto(moved_site_url + "dien-hinh/nguyen-van-a/")
    page.wait_for_url(moved_site_url + "dien-hinh/nguyen-van-an/")
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text() == "Ông Nguyễn Văn An"
    assert violations(page) == []
    page.goto(moved_site_url + "dien-hinh/tran-thi-b/")
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text() == "Bà Trần Thị B: gương điển hình đã gỡ"
    assert violations(page) == []
    assert complaints == []


@pytest.fixture(scope="module")
def nginx_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same kind of site served by nginx with the configuration the build wrote: the policy
    comes as a header too (with frame-ancestors), beside the meta tag."""
    folder = tmp_path_factory.mktemp("csp-nginx")
    (folder / "data").mkdir()
    data = moved(DataDir(folder / "data"))
    site = folder / "site"
    build(Project(ROOT, data.root, site), NOW, progress=Progress(None))
    with serve_nginx(site, staging.server_folder(site) / "nginx.conf", folder / "nginx") as url:
        yield url


def test_pages_served_by_nginx_keep_to_the_header_policy(watched: tuple[Any, list[str]], nginx_site_url: str) -> None:
    page, complaints = watched
    response = page.goto(nginx_site_url)
    assert response is not None and "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.wait_for_function("document.documentElement.classList.contains('js')")
    results = search(page, "nguyen van an")
    assert results
    assert violations(page) == []
    # A former address: nginx's 301 this time, not the page's meta refresh.
    response = page.goto(nginx_site_url + "dien-hinh/ong-an/")
    assert response is not None and response.request.redirected_from is not None
    assert response.request.redirected_from.url == nginx_site_url + "dien-hinh/ong-an/"
    assert page.url == nginx_site_url + "dien-hinh/nguyen-van-an/"
    page.wait_for_load_state("load")
    assert violations(page) == []
    # A withdrawn record: 410, and its page shown whole.
    response = page.goto(nginx_site_url + "dien-hinh/tran-thi-b/")
    assert response is not None and response.status == 410
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text() == "Bà Trần Thị B: gương điển hình đã gỡ"
    assert violations(page) == []
    # The 404 page, under its own address's depth.
    response = page.goto(nginx_site_url + "dien-hinh/khong-co/")
    assert response is not None and response.status == 404
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert violations(page) == []
    assert complaints == []


def test_the_policy_is_enforced(watched: tuple[Any, list[str]], site_url: str) -> None:
    """An inline script a page came to hold (an editor's text let through, an injected tag) does not run."""
    page, complaints = watched
    page.goto(site_url)
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__ran = true"; document.body.append(s); }"""
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert violations(page)[0].startswith("script-src-elem: inline")
    page.wait_for_timeout(100)
    assert complaints, "the console says what it refused"


def test_every_page_states_the_policy_before_any_script(sample_site: Path) -> None:
    """No built page holds an inline script, and the policy comes before the first script."""
    for path in sorted(sample_site.rglob("*.html")):
        if not is_site_page(sample_site, path):
            continue
        page = html.fromstring(path.read_bytes())
        [policy] = page.xpath('//head/meta[@http-equiv="Content-Security-Policy"]/@content')
        directives = dict(re.split(r"\s+", part.strip(), maxsplit=1) for part in policy.split(";"))
        assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
        assert directives["default-src"] == "'self'"
        head = list(page.find("head").iter())
        meta = next(i for i, e in enumerate(head) if e.get("http-equiv") == "Content-Security-Policy")
        assert all(i > meta for i, e in enumerate(head) if e.tag == "script"), path
        # Data blocks (JSON, schema.org JSON-LD) are never run, so the policy does not apply to them.
        data_blocks = ("application/json", "application/ld+json")
        inline = [s for s in page.iter("script") if not s.get("src") and s.get("type") not in data_blocks]
        assert inline == [], path


def test_the_editor_loads_through_nginx_under_its_own_policy(chromium: Any, nginx_site_url: str) -> None:
    """/quan-tri/ behind the build's own nginx: its header policy lets Decap run (eval, inline
    styles), config.yml arrives as YAML, and the sign-in button shows with nothing in the console
    about a policy or the configuration's type."""
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_init_script(LISTEN)
    page = context.new_page()
    said: list[str] = []
    page.on("console", lambda message: said.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: said.append(f"pageerror: {error}"))
    types: dict[str, str] = {}
    page.on("response", lambda response: types.setdefault(response.url, response.headers.get("content-type", "")))
    try:
        response = page.goto(nginx_site_url + URLS.editor())
        assert response is not None and response.status == 200
        assert response.headers["content-security-policy"] == server.EDITOR_CSP_HEADER
        page.get_by_role("button", name="Đăng nhập").wait_for(timeout=30_000)
        assert types[nginx_site_url + URLS.editor() + "config.yml"] == "text/yaml; charset=utf-8"
        page.wait_for_timeout(300)
        assert violations(page) == []
        complaints = [line for line in said if re.search(r"Content Security Policy|EvalError|yaml|error", line, re.I)]
        assert complaints == []
    finally:
        context.close()
