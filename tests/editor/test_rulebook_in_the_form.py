"""The web editor refuses, before saving, what `validate` refuses: in Chromium, in Vietnamese, nothing committed.

decap-server serves a scratch git copy of the sample data; the built sample's /quan-tri/ talks to
it. The reader's clock is fixed at the sample's date (25/11/2026): Lạng Sơn's list is open,
Cần Thơ's opens on 07/12 and Thái Nguyên's is decided. Each case edits a record in the form,
presses "Lưu" and finds the refusal in Decap's notice and in the "Kiểm tra trước khi lưu" box,
with no branch, no commit and no change of any file; a valid change of each kind is then saved.

With CMS_SCREENSHOTS=<folder> the refusals are saved at 1280 and 390 px for the guides.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from site_builder import vietnamese as vn

from ..browser import editor_page, editor_with_decap_server, scratch_repository
from ..conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
SHOTS = os.environ.get("CMS_SCREENSHOTS")
READER_NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
UPCOMING = "can-tho-2026-khen-thuong-nha-nuoc"
OPEN = "lang-son-2026-huan-chuong-lao-dong"
GATE = (sys.executable, "-m", "site_builder", "validate")
DECIDED = "thai-nguyen-2026-bang-khen-thu-tuong-nong-thon-moi"

pytestmark = pytest.mark.skipif(
    not DECAP_SERVER.exists(), reason="decap-server is not installed: run 'bash tools/setup.sh dev'"
)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@dataclass
class Form:
    page: Any
    admin: str
    repo: Path

    def open(self, collection: str, slug: str) -> None:
        self.page.goto(f"{self.admin}#/collections/{collection}/entries/{slug}")
        self.page.reload()
        self.page.locator(".tdkt-check [role=status]").wait_for()

    def box(self, name: str, scope: Any = None) -> Any:
        where = scope if scope is not None else self.page
        return where.locator(f'input[id^="{name}-field-"]:visible, textarea[id^="{name}-field-"]:visible').first

    def fill(self, name: str, value: str, scope: Any = None) -> None:
        box = self.box(name, scope)
        box.fill("")
        box.fill(value)

    def date(self, name: str, day: dt.date, scope: Any = None) -> None:
        """A date as the form takes it: the browser's date box, or the Vietnamese dd/mm/yyyy box."""
        box = self.box(name, scope)
        box.fill("")
        box.fill(day.isoformat() if box.get_attribute("type") == "date" else day.strftime("%d/%m/%Y"))

    def expand(self, summary: str) -> None:
        label = self.page.locator('[class*="NestedObjectLabel"]').filter(has_text=summary).first
        label.locator("xpath=..").locator("button").first.click()

    def items(self, list_name: str, has: str, scope: Any = None) -> Any:
        where = scope if scope is not None else self.page
        return where.locator(f'[id^="{list_name}-field-"] [class*="ListItem"]').filter(
            has=self.page.locator(f'[id^="{has}-field-"]')
        )

    def problems(self) -> list[str]:
        return [" ".join(text.split()) for text in self.page.locator(".tdkt-problems li").all_inner_texts()]

    def shot(self, name: str) -> None:
        if SHOTS:
            self.page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))

    def marked(self) -> list[str]:
        """The messages shown at the fields themselves."""
        return [
            str(text)
            for text in self.page.locator("[data-tdkt-loi]").evaluate_all("els => els.map(e => e.dataset.tdktLoi)")
        ]

    def refused(self, expected: str, shot: str = "", at_field: bool = True) -> str:
        """Save, and find the refusal in Decap's notice, in the check box and at the field; nothing reaches git."""
        refs, files = git(self.repo, "for-each-ref"), git(self.repo, "status", "--porcelain")
        self.page.get_by_role("button", name="Lưu", exact=True).click()
        notice = self.page.get_by_text(re.compile("Chưa lưu: hồ sơ còn")).first
        notice.wait_for()
        text = " ".join(notice.inner_text().split())
        assert expected in text or any(expected in item for item in self.problems()), (text, self.problems())
        if at_field:
            assert any(expected in message for message in self.marked()), self.marked()
        if shot:
            self.shot(shot)
        time.sleep(1)  # what a save would have written by now
        assert git(self.repo, "for-each-ref") == refs
        assert git(self.repo, "status", "--porcelain") == files
        return text

    def saved(self, slug: str) -> None:
        """Save; the draft's branch holds the change, and the data gate accepts what the form accepted."""
        branch = f"cms/nominations/{slug}"
        self.page.get_by_role("button", name="Lưu", exact=True).click()
        deadline = time.monotonic() + 30
        while not git(self.repo, "for-each-ref", "--format=%(refname:short)", f"refs/heads/{branch}"):
            assert time.monotonic() < deadline, "the valid save did not reach git"
            time.sleep(0.2)
        draft = self.repo.parent / f"draft-{slug}"
        git(self.repo, "worktree", "add", "-q", "--detach", str(draft), branch)
        try:
            done = subprocess.run(
                [*GATE, "--data", str(draft / "data"), "--base", "main", "--now", SAMPLE_NOW],
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 0, done.stderr
        finally:
            git(self.repo, "worktree", "remove", "--force", str(draft))


@pytest.fixture(scope="module")
def form(sample_site: Path, chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Form]:
    folder = tmp_path_factory.mktemp("rulebook-editor")
    repo = scratch_repository(SAMPLE_DATA, folder / "repo")
    with editor_with_decap_server(sample_site, repo, folder) as url:
        context, page = editor_page(chromium, READER_NOW)
        page.goto(url + "quan-tri/")
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_role("link", name="Danh sách lấy ý kiến").first.wait_for()
        yield Form(page, url + "quan-tri/", repo)
        context.close()


def achievement_of(form: Form, group: str, name: str) -> Any:
    form.expand(group)
    form.expand(name)
    return form.page.locator(
        'textarea[id^="achievement-field-"]:visible, input[id^="achievement-field-"]:visible'
    ).first


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Hoàn thành xuất sắc nhiệm vụ; liên hệ 0912 345 678.", "có số điện thoại ('0*** *** **8')"),
        ("Hoàn thành xuất sắc nhiệm vụ; CCCD 079123456789.", "dãy số giống số căn cước"),
        ("Sinh ngày 12/03/1975, hoàn thành xuất sắc nhiệm vụ.", "có ngày sinh"),
    ],
    ids=["phone", "citizen-id", "birth-date"],
)
def test_personal_data_in_an_achievement_is_refused(form: Form, text: str, what: str) -> None:
    form.open("nominations", UPCOMING)
    box = achievement_of(form, "chien-si-thi-dua-toan-quoc", "Võ Ngọc Trâm")
    box.fill(text)
    refusal = form.refused(what, shot=f"tu-choi-{vn.slug(what)[:30]}")
    assert "không được đăng dữ liệu cá nhân của người được đề nghị" in refusal
    assert any(item.startswith("Nhóm khen thưởng 3 › Người, tập thể 1") for item in form.problems()), form.problems()


def test_a_short_window_without_a_reason_is_refused(form: Form) -> None:
    form.open("nominations", UPCOMING)
    form.date("closes", dt.date(2026, 12, 10))
    refusal = form.refused("chỉ có 4 ngày làm việc")
    assert "cần ít nhất 10 ngày làm việc theo khoản" in refusal


def test_an_award_for_the_wrong_kind_of_recipient_is_refused(form: Form) -> None:
    form.open("nominations", UPCOMING)
    form.expand("chien-si-thi-dua-toan-quoc")
    form.expand("Võ Ngọc Trâm")
    kind = form.page.locator('input[id^="recipient_kind-field-"]:visible').last
    kind.click()
    form.page.get_by_role("option", name="tập thể", exact=True).first.click()
    form.refused("'Chiến sĩ thi đua toàn quốc' không trao cho tập thể")


def test_an_implausible_date_is_refused(form: Form) -> None:
    form.open("nominations", UPCOMING)
    form.date("published", dt.date(1906, 10, 12))
    form.refused("ngày 12/10/1906 trước ngày 01/01/2000")


def test_an_open_list_changed_without_an_amendment_is_refused_then_saved_with_one(form: Form) -> None:
    form.open("nominations", OPEN)
    banner = form.page.locator(".tdkt-open").inner_text()
    assert "đang công khai lấy ý kiến nhân dân từ ngày 10/11/2026 đến hết ngày 27/11/2026" in banner
    form.fill("summary", "Tóm tắt sửa sau ngày mở lấy ý kiến.")
    # The rule shows as soon as the change is typed, before any save.
    form.page.locator(".tdkt-problems").get_by_text("mà không có đính chính mới").wait_for()
    form.refused("đã thay đổi so với bản đã công bố trên trang: tóm tắt", shot="tu-choi-danh-sach-dang-mo")
    adding = form.page.locator('[id^="amendments-field-"]').get_by_role(
        "button", name=re.compile("^(Add|Thêm) đính chính")
    )
    adding.click()
    amendment = form.items("amendments", "change").last
    form.date("date", READER_NOW.date(), amendment)
    form.fill("change", "Sửa phần tóm tắt của danh sách.", amendment)
    form.fill("reason", "Tóm tắt cũ ghi thiếu số người được đề nghị.", amendment)
    form.page.locator(".tdkt-good").wait_for()
    form.saved(OPEN)


def test_a_published_amendment_removed_is_refused(form: Form) -> None:
    form.open("nominations", DECIDED)
    amendment = form.items("amendments", "change").first
    amendment.locator("button[class*='TopBarButton']").last.click()
    # The only amendment gone: the message is about the whole list, shown in the check box.
    form.refused("đính chính thứ 1 (ngày 2026-09-17) đã công bố nhưng bị xóa", at_field=False)


def test_a_valid_record_is_saved(form: Form) -> None:
    form.open("nominations", UPCOMING)
    form.fill("summary", "Danh sách mẫu, sửa trước ngày mở lấy ý kiến.")
    form.page.locator(".tdkt-good").wait_for()
    form.saved(UPCOMING)


@pytest.mark.parametrize("width", [390, 360])
def test_a_refusal_reads_on_a_phone(form: Form, width: int) -> None:
    """At 390 and 360 px the notice and the check box are on the screen, and nothing scrolls sideways."""
    page = form.page
    page.set_viewport_size({"width": width, "height": 780})
    try:
        form.open("nominations", UPCOMING)
        form.date("published", dt.date(1906, 10, 12))
        form.refused("ngày 12/10/1906 trước ngày 01/01/2000")
        notice = page.get_by_text(re.compile("Chưa lưu: hồ sơ còn")).first.bounding_box()
        assert notice is not None and notice["x"] >= 0 and notice["x"] + notice["width"] <= width + 1, notice
        box = page.locator(".tdkt-check").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, box
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        form.shot(f"tu-choi-{width}")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
