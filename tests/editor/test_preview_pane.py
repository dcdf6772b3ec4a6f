"""The editor's preview pane shows the record's page as the build renders it (issue 38), in Chromium.

The built sample is served as `site-builder edit` serves it (the site, its editor and the preview
service over a scratch git copy of the sample data), with decap-server for the saves. The
reader's clock is Playwright's (page.clock): the pane asks for the page at Date.now(), so a list's
state follows it. An editor opens Cần Thơ's list, which opens for comment on 07/12/2026: on
25/11 the pane shows it upcoming, grouped by award with the site's numbering and styles; a name
typed in the form appears in the pane a moment later; an emptied name gives the build's
refusal under the form's labels instead of a page; on 08/12 the pane shows the list open with its
comment links. Where no preview service answers (the editor on a static host) the pane says so.

With CMS_SCREENSHOTS=<folder> the pane at 1280 px is saved there (docs/images/xem-truoc-1280.png).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..browser import editor_page, editor_with_decap_server, scratch_repository
from ..conftest import ROOT, SAMPLE_DATA

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
SHOTS = os.environ.get("CMS_SCREENSHOTS")
VN = dt.timezone(dt.timedelta(hours=7))
READER_NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=VN)
UPCOMING = "can-tho-2026-khen-thuong-nha-nuoc"
TYPED = "Thạch Thị Xem Trước"

pytestmark = pytest.mark.skipif(
    not DECAP_SERVER.exists(), reason="decap-server is not installed: run 'bash tools/setup.sh dev'"
)


def sign_in(chromium: Any, url: str) -> tuple[Any, Any, list[str]]:
    context, page = editor_page(chromium, READER_NOW)
    troubles: list[str] = []
    page.on("console", lambda m: troubles.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url + "quan-tri/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Danh sách lấy ý kiến").first.wait_for()
    return context, page, troubles


def open_entry(page: Any, url: str, collection: str, slug: str) -> Any:
    page.goto(f"{url}quan-tri/#/collections/{collection}/entries/{slug}")
    page.reload()
    page.locator(".tdkt-check [role=status]").wait_for()
    return page.frame_locator("#preview-pane")


def expand(page: Any, summary: str) -> None:
    label = page.locator('[class*="NestedObjectLabel"]').filter(has_text=summary).first
    label.locator("xpath=..").locator("button").first.click()


@pytest.fixture(scope="module")
def served(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("preview-pane")
    repo = scratch_repository(SAMPLE_DATA, folder / "repo")
    with editor_with_decap_server(sample_site, repo, folder, preview=True) as url:
        yield url


def test_the_pane_shows_the_list_as_the_site_will_at_the_readers_clock(served: str, chromium: Any) -> None:
    context, page, troubles = sign_in(chromium, served)
    try:
        pane = open_entry(page, served, "nominations", UPCOMING)
        listing = pane.locator(".tdkt-nomination")
        listing.wait_for()
        # The state at the page's clock (25/11: opens on 07/12), with the window as the site says it.
        state = pane.locator(".tdkt-status .tdkt-state")
        assert state.inner_text() == "Sắp lấy ý kiến"
        assert (
            "từ ngày 7 tháng 12 năm 2026 đến hết ngày 21 tháng 12 năm 2026" in pane.locator(".tdkt-status").inner_text()
        )
        # Grouped by award, numbered as the site numbers them (I., II., III.), with the counts.
        record = yaml.safe_load((SAMPLE_DATA / "nominations" / f"{UPCOMING}.yml").read_text(encoding="utf-8"))
        headings = [" ".join(text.split()) for text in pane.locator("section.tdkt-group h3").all_inner_texts()]
        assert len(headings) == len(record["groups"]) == 3
        assert headings[0].startswith("I. Huân chương Lao động hạng Nhì"), headings
        assert headings[2].startswith("III. Chiến sĩ thi đua toàn quốc"), headings
        # The rule's sentence and the site's own styles (tdkt.css: the upcoming badge is blue).
        rule = " ".join(pane.locator(".tdkt-rule").inner_text().split())
        assert rule.startswith("Ít nhất 10 ngày làm việc"), rule
        assert "danh sách này lấy ý kiến 11 ngày làm việc" in rule, rule
        assert state.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(21, 101, 192)"
        styles = pane.locator("head link[rel=stylesheet]").evaluate_all("links => links.map(l => l.href)")
        assert any("/assets/tdkt." in href for href in styles), styles
        assert any("/assets/stylesheets/main." in href for href in styles), styles

        # A nominee's name typed a moment before is in the pane.
        expand(page, "chien-si-thi-dua-toan-quoc")
        expand(page, "Võ Ngọc Trâm")
        name = page.locator('input[id^="name-field-"]:visible').last
        name.fill(TYPED)
        pane.locator("tr", has_text=TYPED).wait_for()
        row = " ".join(pane.locator("tr", has_text=TYPED).inner_text().split())
        assert row.startswith("5 "), row  # the fifth nominee of the list, numbered through the groups
        if SHOTS:
            # The form's name box and the pane's row of the same nominee, side by side.
            name.scroll_into_view_if_needed()
            pane.locator("tr", has_text=TYPED).scroll_into_view_if_needed()
            page.screenshot(path=str(Path(SHOTS) / "xem-truoc-1280.png"))

        # The build's refusal instead of a page, under the form's labels.
        name.fill("")
        refusal = pane.locator(".admonition.failure")
        refusal.wait_for()
        text = " ".join(refusal.inner_text().split())
        assert "Chưa xem trước được: hồ sơ còn 1 lỗi" in text, text
        assert "Nhóm khen thưởng 3 › Người, tập thể 1 › Họ tên" in text and "không được để trống" in text, text

        # On 08/12 the list is open: the state and the comment links follow the reader's clock.
        page.clock.set_system_time(dt.datetime(2026, 12, 8, 9, 0, tzinfo=VN))
        name.fill(TYPED)
        pane.locator("tr", has_text=TYPED).wait_for()
        pane.locator(".tdkt-status .tdkt-state", has_text="Đang lấy ý kiến").wait_for()
        assert pane.locator("tr", has_text=TYPED).locator("a.tdkt-comment").count() > 0
        assert troubles == []
    finally:
        context.close()


def test_without_a_preview_service_the_pane_says_so(
    sample_site: Path, chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("preview-pane-static")
    repo = scratch_repository(SAMPLE_DATA, folder / "repo")
    with editor_with_decap_server(sample_site, repo, folder) as url:
        context, page, troubles = sign_in(chromium, url)
        try:
            pane = open_entry(page, url, "nominations", UPCOMING)
            note = pane.locator(".admonition.warning")
            note.wait_for()
            text = " ".join(note.inner_text().split())
            assert "Chưa có bản xem trước ở đây" in text
            assert "không có dịch vụ xem trước (site-builder preview-server)" in text
            assert "yêu cầu hợp nhất" in text
            assert troubles == []
        finally:
            context.close()
