"""A list embedded in another site's page, in Chromium, through the build's nginx configuration.

The newspaper is a page on another origin (another port of 127.0.0.1: Chromium refuses a public
origin's frame of a loopback address, Local Network Access), the site is served by nginx with the
configuration the build wrote (site/server.py, site/embeds.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

from site_builder.model.consultation import TZ
from site_builder.urls import URLS
from site_builder.utils import staging

from ..browser import serve, serve_nginx
from ..conftest import ROOT

OPEN_LIST = "lay-y-kien/dong-thap-2026-tong-ket-2021-2025/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SITE_URL = "https://thidua-khenthuong.github.io/"  # the sample's url (site.yml), in the oEmbed code


@pytest.fixture(scope="module")
def origin(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    scratch = tmp_path_factory.mktemp("nginx-embeds")
    with serve_nginx(sample_site, staging.server_folder(sample_site) / "nginx.conf", scratch) as url:
        yield url


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The newspaper's own web server: a folder of pages on another origin than the site's."""
    folder = tmp_path_factory.mktemp("bao-mau")
    with serve(folder) as url:
        yield folder, url


def newspaper(body: str) -> str:
    """A provincial newspaper's article page, as a reporter would paste the code into it."""
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Báo Mẫu - Thời sự</title>
<style>body{{margin:0;font-family:Georgia,serif;background:#f4f1ea}} header{{background:#0b3d91;color:#fff;padding:10px 16px;font:700 24px/1.2 Arial,sans-serif}}
.wrap{{display:flex;gap:24px;max-width:1180px;margin:0 auto;padding:16px}} article{{flex:1 1 640px;min-width:0;background:#fff;padding:16px}}
aside{{flex:0 0 300px;background:#fff;padding:16px;font:14px/1.4 Arial,sans-serif}} @media (max-width:700px){{.wrap{{display:block;padding:0}} aside{{display:none}}}}</style>
</head><body><header>BÁO MẪU · Thi đua là yêu nước</header><div class="wrap"><article>
<h1>Lấy ý kiến nhân dân về danh sách đề nghị khen thưởng</h1>
<p>Ủy ban nhân dân tỉnh thông báo lấy ý kiến nhân dân đối với danh sách dưới đây. Bạn đọc xem danh
sách và gửi góp ý trong thời hạn:</p>
{body}
<p>Bạn đọc có thể góp ý trực tiếp qua các nút trong khung.</p></article>
<aside><h2>Tin liên quan</h2><p>Gương sáng trong phong trào thi đua yêu nước.</p></aside></div></body></html>"""


def code(origin: str, page_url: str) -> str:
    """The code from the view's oEmbed document, pointed at the test server."""
    with urlopen(origin + URLS.oembed(page_url)) as response:
        document = json.loads(response.read().decode("utf-8"))
    return str(document["html"]).replace(SITE_URL, origin)


def open_newspaper(
    chromium: Any, newsroom: tuple[Path, str], body: str, width: int, moment: datetime
) -> tuple[Any, Any]:
    folder, url = newsroom
    name = f"bai-{abs(hash((body, width)))}.html"
    (folder / name).write_text(newspaper(body), encoding="utf-8")
    context = chromium.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.clock.install(time=moment)
    page.goto(url + name)
    return context, page


def test_every_view_states_its_policy_first_and_stays_out_of_search(sample_site: Path) -> None:
    from lxml import html

    from site_builder.site.embeds import VIEW_CSP

    views = sorted((sample_site / URLS.EMBEDS).rglob("*.html"))
    assert len(views) > 10
    for path in views:
        page = html.fromstring(path.read_bytes())
        head = [element for element in page.find("head") if isinstance(element.tag, str)]
        assert head[1].get("name") == "viewport" and head[2].get("http-equiv") == "Content-Security-Policy"
        assert head[2].get("content") == VIEW_CSP and "unsafe-inline" not in VIEW_CSP
        assert all(script.get("src") and not (script.text or "").strip() for script in page.iter("script"))
        assert page.xpath('//meta[@name="robots"]/@content') == ["noindex"]
        [canonical] = page.xpath('//link[@rel="canonical"]/@href')
        assert canonical.startswith(SITE_URL) and f"/{URLS.EMBEDS}/" not in canonical
        assert not page.xpath("//*[@data-pagefind-body]")
        assert path.stat().st_size < 40_000, path  # no theme: the 31-name list is the largest
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{URLS.EMBEDS}/" not in sitemap
    feeds = [p for p in (sample_site / "nguon-tin").rglob("*") if p.suffix in (".xml", ".json")]
    assert feeds and not [p for p in feeds if f"/{URLS.EMBEDS}/" in p.read_text(encoding="utf-8")]


def test_the_full_pages_offer_the_code_and_discovery(sample_site: Path) -> None:
    from lxml import html

    for page_url in (
        OPEN_LIST,
        "dien-hinh/" + next(p.name for p in (sample_site / "nhung" / "dien-hinh").iterdir()) + "/",
    ):
        page = html.fromstring((sample_site / page_url / "index.html").read_bytes())
        [link] = page.xpath('//head/link[@type="application/json+oembed"]')
        assert link.get("href") == SITE_URL + URLS.oembed(page_url)
        [box] = page.xpath('//details[@class="tdkt-embed-box"]')
        assert box.xpath("string(summary)") == "Nhúng vào trang khác"
        assert box.xpath("string(.//pre/code)").startswith(f'<iframe src="{SITE_URL}{URLS.embed(page_url)}"')
        assert box.get("data-pagefind-ignore") is not None


def test_the_oembed_document_has_the_required_fields(origin: str) -> None:
    with urlopen(origin + URLS.oembed(OPEN_LIST)) as response:
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        document = json.loads(response.read().decode("utf-8"))
    assert document["type"] == "rich" and document["version"] == "1.0"
    assert document["provider_name"] == "Thi đua - Khen thưởng (dữ liệu mẫu)"
    assert isinstance(document["width"], int) and isinstance(document["height"], int)
    assert isinstance(document["cache_age"], int) and document["cache_age"] > 0
    assert document["html"].startswith(f'<iframe src="{SITE_URL}{URLS.embed(OPEN_LIST)}"')
    assert f'height="{document["height"]}"' in document["html"]


def test_a_list_embedded_in_a_newspaper_shows_and_closes_at_the_deadline(
    chromium: Any, origin: str, newsroom: tuple[Path, str]
) -> None:
    """Two minutes before the deadline the list takes comments; at the deadline it closes itself."""
    context, page = open_newspaper(
        chromium, newsroom, code(origin, OPEN_LIST), 1280, datetime(2026, 12, 4, 23, 58, tzinfo=TZ)
    )
    try:
        frame_element = page.locator("iframe[data-tdkt-nhung]")
        frame = page.frame_locator("iframe[data-tdkt-nhung]")
        assert frame.locator("h1").inner_text().startswith("Danh sách đề nghị")
        badge = frame.locator(".tdkt-status [data-tdkt-state]")
        assert badge.inner_text() == "Sắp hết hạn góp ý"
        assert frame.locator("a.tdkt-comment").first.is_visible()
        assert frame.locator("ol.tdkt-nhung__nominees li").count() == 31
        assert frame.locator("ol.tdkt-nhung__nominees li").first.get_attribute("value") == "1"
        assert len(frame.locator(".tdkt-nhung__fingerprint code").inner_text()) == 64
        # The frame took its content's height (nhung-khung.js), not the code's fixed 720 px.
        page.wait_for_function(
            "() => document.querySelector('iframe[data-tdkt-nhung]').getBoundingClientRect().height > 1000"
        )
        content = frame.locator("html").evaluate("el => el.getBoundingClientRect().height")
        assert abs(frame_element.evaluate("el => el.getBoundingClientRect().height") - content) <= 6  # its border
        page.clock.run_for(3 * 60 * 1000)  # past midnight: consultation.js runs every minute
        assert badge.inner_text() == "Đã hết hạn góp ý"
        assert frame.locator("a.tdkt-comment").count() == 0
        assert frame.locator(".tdkt-when-closed").is_visible()
        # axe-core inside the frame (run through the DevTools protocol: the view's policy refuses inline scripts).
        [inner] = [f for f in page.frames if f.url.startswith(origin + URLS.embed(OPEN_LIST))]
        inner.evaluate(AXE.read_text(encoding="utf-8"))
        result = inner.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
        assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []
    finally:
        context.close()


def test_the_frame_keeps_its_height_without_the_script(chromium: Any, origin: str, newsroom: tuple[Path, str]) -> None:
    only_frame = code(origin, OPEN_LIST).split("\n")[0]
    context, page = open_newspaper(chromium, newsroom, only_frame, 1280, datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    try:
        frame = page.frame_locator("iframe[data-tdkt-nhung]")
        assert frame.locator(".tdkt-status [data-tdkt-state]").inner_text() == "Đang lấy ý kiến"
        page.wait_for_timeout(300)  # the view has sent its height: nobody listens
        assert page.locator("iframe[data-tdkt-nhung]").evaluate("el => el.getBoundingClientRect().height") == 722
        # 720 and the border: the view scrolls inside it.
        assert frame.locator("html").evaluate("el => el.scrollHeight") > 1000
    finally:
        context.close()


def test_a_normal_page_refuses_to_be_framed(chromium: Any, origin: str, newsroom: tuple[Path, str]) -> None:
    page_frame = f'<iframe src="{origin}{OPEN_LIST}" title="Trang danh sách" width="640" height="400"></iframe>'
    context, page = open_newspaper(chromium, newsroom, page_frame, 1280, datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    try:
        page.wait_for_timeout(500)
        [inner] = [f for f in page.frames if f != page.main_frame]
        # Chromium puts its error page in place of a frame the server forbids (frame-ancestors 'none').
        assert inner.url.startswith("chrome-error://")
        assert page.frame_locator("iframe").locator(".tdkt-nomination").count() == 0
    finally:
        context.close()


def test_an_unknown_list_embedded_shows_the_framed_404_page(
    chromium: Any, origin: str, newsroom: tuple[Path, str]
) -> None:
    unknown = code(origin, OPEN_LIST).replace("dong-thap-2026-tong-ket-2021-2025", "khong-co-danh-sach-nay")
    context, page = open_newspaper(chromium, newsroom, unknown, 390, datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    try:
        frame = page.frame_locator("iframe[data-tdkt-nhung]")
        assert frame.locator("h1").inner_text() == "Không tìm thấy nội dung"
        assert frame.locator("link[rel=stylesheet]").evaluate("el => el.sheet !== null")
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_a_list_in_a_newspaper(
    chromium: Any, origin: str, newsroom: tuple[Path, str], width: int, tmp_path: Path
) -> None:
    """The pictures docs/sharing.md shows (docs/images/nhung-*.png are copies of these)."""
    context, page = open_newspaper(
        chromium, newsroom, code(origin, OPEN_LIST), width, datetime(2026, 11, 25, 9, 0, tzinfo=TZ)
    )
    try:
        page.wait_for_function(
            "() => document.querySelector('iframe[data-tdkt-nhung]').getBoundingClientRect().height > 1000"
        )
        frame = page.locator("iframe[data-tdkt-nhung]")
        assert frame.evaluate("el => el.getBoundingClientRect().right") <= width
        shot = tmp_path / f"nhung-{width}.png"
        page.screenshot(path=str(shot), clip={"x": 0, "y": 0, "width": width, "height": 1100})
        assert shot.stat().st_size > 10_000
    finally:
        context.close()
