"""The consultation pages in a real browser: prefilled links, the deadline, printing."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from site_builder.model.consultation import TZ

OPEN_LIST = "lay-y-kien/dong-thap-2026-tong-ket-2021-2025/"
UPCOMING_LIST = "lay-y-kien/can-tho-2026-khen-thuong-nha-nuoc/"


def at(page: Any, moment: datetime) -> None:
    page.clock.set_fixed_time(moment)


def test_comment_link_carries_the_list_and_nominee(browser_page: Any, site_url: str) -> None:
    at(browser_page, datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    browser_page.goto(site_url + OPEN_LIST)
    row = browser_page.locator("table.tdkt-nominees tbody tr").nth(2)
    name = row.locator("td").nth(1).inner_text().strip()
    heading = browser_page.locator("section.tdkt-group h3").first.inner_text().rsplit(" ", 1)[0].strip()
    label, award = heading.split(". ", 1)
    assert label == "I"
    title = browser_page.locator("h1").first.inner_text().strip()
    form = row.locator("a.tdkt-comment--form")
    assert form.is_visible()
    query = parse_qs(urlsplit(form.get_attribute("href")).query)
    assert query["nguoi"] == [name]
    assert query["khen_thuong"] == [award]
    assert query["danh_sach"] == [title]
    mail = row.locator("a.tdkt-comment--email").get_attribute("href")
    assert mail.startswith("mailto:gopy.tdkt@example.gov.vn?subject=")
    assert row.get_attribute("id") in mail
    assert browser_page.locator(".tdkt-status [data-tdkt-state]").inner_text() == "Đang lấy ý kiến"


def test_after_the_deadline_the_page_closes_itself(browser_page: Any, site_url: str) -> None:
    at(browser_page, datetime(2026, 12, 5, 0, 1, tzinfo=TZ))
    browser_page.goto(site_url + OPEN_LIST)
    assert browser_page.locator(".tdkt-status [data-tdkt-state]").inner_text() == "Đã hết hạn góp ý"
    assert browser_page.locator("a.tdkt-comment").count() == 0
    assert browser_page.locator(".tdkt-when-closed").is_visible()
    assert not browser_page.locator("section.tdkt-how").is_visible()


def test_last_working_days_show_closing_soon(browser_page: Any, site_url: str) -> None:
    at(browser_page, datetime(2026, 12, 2, 10, 0, tzinfo=TZ))
    browser_page.goto(site_url + OPEN_LIST)
    assert browser_page.locator(".tdkt-status [data-tdkt-state]").inner_text() == "Sắp hết hạn góp ý"
    assert "Hạn góp ý: hết ngày 04/12/2026, còn 3 ngày làm việc." in browser_page.locator(".tdkt-status").inner_text()


def test_upcoming_list_opens_in_the_browser(browser_page: Any, site_url: str) -> None:
    at(browser_page, datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    browser_page.goto(site_url + UPCOMING_LIST)
    assert browser_page.locator("a.tdkt-comment--form").first.is_hidden()
    at(browser_page, datetime(2026, 12, 7, 8, 0, tzinfo=TZ))
    browser_page.goto(site_url + UPCOMING_LIST)
    assert browser_page.locator(".tdkt-status [data-tdkt-state]").inner_text() == "Đang lấy ý kiến"
    assert browser_page.locator("a.tdkt-comment--form").first.is_visible()


def test_home_page_drops_lists_past_their_deadline(browser_page: Any, site_url: str) -> None:
    """At a clock past every deadline the home page shows no list as open, without a rebuild."""
    at(browser_page, datetime(2027, 1, 5, 9, 0, tzinfo=TZ))
    browser_page.goto(site_url)
    assert browser_page.locator(".tdkt-home__open li[data-tdkt-window]").count() == 0
    assert browser_page.locator('[data-tdkt-empty="open"]').is_visible()
    assert browser_page.locator('[data-tdkt-section="upcoming"]').is_hidden()


def test_list_index_regroups_by_the_readers_clock(browser_page: Any, site_url: str) -> None:
    # 2026-12-08: the open and closing lists have closed, the upcoming one has opened.
    at(browser_page, datetime(2026, 12, 8, 9, 0, tzinfo=TZ))
    browser_page.goto(site_url + "lay-y-kien/")
    groups = {
        name: browser_page.locator(f'[data-tdkt-group="{name}"] li').evaluate_all(
            "rows => rows.map(r => r.getAttribute('data-tdkt-window'))"
        )
        for name in ("open", "upcoming", "closed")
    }
    assert groups["open"] == ["can-tho-2026-khen-thuong-nha-nuoc"]
    assert groups["upcoming"] == []
    assert len(groups["closed"]) == 3
    closes = browser_page.locator('[data-tdkt-group="closed"] li').evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-closes'))"
    )
    assert closes == sorted(closes, reverse=True)
    assert browser_page.locator('[data-tdkt-count="closed"]').inner_text() == "3"
    assert browser_page.locator('[data-tdkt-empty="upcoming"]').is_visible()


def test_print_stylesheet_hides_navigation(browser_page: Any, site_url: str) -> None:
    browser_page.goto(site_url + OPEN_LIST + "thong-bao/")
    assert browser_page.locator("header.md-header").is_visible()
    browser_page.emulate_media(media="print")
    assert browser_page.locator("header.md-header").is_hidden()
    assert browser_page.locator(".md-sidebar--primary").is_hidden()
    assert browser_page.locator(".tdkt-notice table").first.is_visible()
    pdf = browser_page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 6


def test_deadline_and_comment_action_in_the_first_screen_of_a_phone(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    page = context.new_page()
    at(page, datetime(2026, 11, 25, 9, 0, tzinfo=TZ))
    page.goto(site_url + OPEN_LIST)
    action = page.get_by_role("link", name="Góp ý về danh sách")
    box = action.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844
    deadline = page.locator(".tdkt-deadline").bounding_box()
    assert deadline is not None and deadline["y"] < box["y"]
    assert page.locator(".tdkt-ways").is_visible()
    href = action.get_attribute("href")
    assert href.startswith("https://forms.example.gov.vn/gop-y?") and "nguoi=&" in href
    context.close()


def test_printed_notice_has_the_qr_code_and_deadline_on_page_one(
    browser_page: Any, site_url: str, tmp_path: Path
) -> None:
    """The 31-nominee sample list printed on A4: a phone camera reading page 1 finds the list's address."""
    browser_page.goto(site_url + OPEN_LIST + "thong-bao/")
    pdf = tmp_path / "thong-bao.pdf"
    pdf.write_bytes(browser_page.pdf(format="A4"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 2 <= pages <= 5
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    [first] = tmp_path.glob("p-*1.png")
    scanned = subprocess.run(["zbarimg", "-q", "--raw", str(first)], capture_output=True, text=True, check=False)
    assert scanned.stdout.strip() == "https://thidua-khenthuong.github.io/" + OPEN_LIST
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    assert "Hạn góp ý: hết ngày 4 tháng 12 năm 2026." in text.stdout
    assert "THÔNG BÁO" in text.stdout and "Số:" in text.stdout and "Độc lập - Tự do - Hạnh phúc" in text.stdout
    last = subprocess.run(
        ["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"], capture_output=True, text=True
    )
    assert "Nơi nhận:" in last.stdout and str(pages) in last.stdout.split()
