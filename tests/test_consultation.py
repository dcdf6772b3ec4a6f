"""Consultation rules: windows, personal data, silent changes, comment links, states."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from site_builder.build import check
from site_builder.comments import links
from site_builder.consultation import TZ, status, working_days
from site_builder.fingerprint import FILE_NAME, dump_store, review
from site_builder.load import load_dataset
from site_builder.problems import DataError
from site_builder.records import CommentChannels

from .conftest import DataDir
from .records import EXEMPLAR, NOMINATION
from .test_validation import messages, valid

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TZ)


def test_working_days_skip_weekends_and_holidays() -> None:
    holidays = {date(2026, 11, 24): "Ngày Văn hóa Việt Nam"}
    assert working_days(date(2026, 11, 16), date(2026, 11, 27), {}) == 10
    assert working_days(date(2026, 11, 16), date(2026, 11, 27), holidays) == 9


def test_short_window_is_an_error(data_dir: DataDir) -> None:
    valid(data_dir).write("nominations/hcld-2026.yml", NOMINATION.replace("closes: 2026-12-04", "closes: 2026-11-27"))
    assert messages(data_dir) == [
        "data/nominations/hcld-2026.yml:24:11: consultation.closes: thời gian lấy ý kiến từ 2026-11-16 đến 2026-11-27 "
        "chỉ có 9 ngày làm việc (đã trừ thứ Bảy, Chủ nhật và ngày nghỉ trong data/holidays.yml); cần ít nhất 10 ngày "
        "làm việc, hoặc ghi lý do rút ngắn vào consultation.short_window_reason"
    ]


def test_short_window_with_reason_is_accepted(data_dir: DataDir) -> None:
    shortened = NOMINATION.replace(
        "closes: 2026-12-04", "closes: 2026-11-27\n  short_window_reason: Hội đồng họp sớm theo Công văn số 1/HĐ-MAU."
    )
    valid(data_dir).write("nominations/hcld-2026.yml", shortened)
    assert messages(data_dir) == []


@pytest.mark.parametrize(
    ("field", "value", "finding"),
    [
        ("achievement", "Liên hệ 0912 345 678 để biết thêm.", "có số điện thoại ('0912 345 678')"),
        ("achievement", "Số CCCD 079123456789.", "có dãy số giống số căn cước, chứng minh nhân dân ('079123456789')"),
        ("position", "Giám đốc, sinh ngày 12/03/1970", "có ngày sinh ('sinh ngày 12/03/1970')"),
        ("locality", "số 12 đường Lê Lợi, phường Cao Lãnh", "có địa chỉ nhà riêng ('số 12 đường')"),
    ],
)
def test_personal_data_in_nominee_entry_is_refused(data_dir: DataDir, field: str, value: str, finding: str) -> None:
    lines = [line for line in NOMINATION.splitlines(keepends=True) if not line.startswith(f"        {field}: ")]
    record = "".join(lines).replace(
        "        name: Nguyễn Văn Bình\n", f"        name: Nguyễn Văn Bình\n        {field}: {value}\n"
    )
    valid(data_dir).write("nominations/hcld-2026.yml", record)
    [message] = messages(data_dir)
    assert message.startswith("data/nominations/hcld-2026.yml:19:")
    assert (
        f": groups[0].nominees[0].{field}: {finding}: không được đăng dữ liệu cá nhân của người được đề nghị" in message
    )


def test_personal_data_key_is_refused(data_dir: DataDir) -> None:
    record = NOMINATION.replace(
        "        position: Giám đốc\n", "        position: Giám đốc\n        birth_date: 1970-03-12\n"
    )
    valid(data_dir).write("nominations/hcld-2026.yml", record)
    assert messages(data_dir) == [
        "data/nominations/hcld-2026.yml:20:9: groups[0].nominees[0].birth_date: không được đăng ngày sinh "
        "(Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15); bỏ trường 'birth_date'"
    ]


def test_phone_number_in_exemplar_story_is_refused(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("làm **lúa sạch**.", "làm lúa, gọi 0912.345.678.")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:12:8: story: có số điện thoại ('0912.345.678'): không được đăng dữ liệu "
        "cá nhân (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15); bỏ thông tin này khỏi bài"
    ]


def test_numbers_that_are_not_personal_data_pass(data_dir: DataDir) -> None:
    text = "Doanh thu 1.000.000.000 đồng; 5 năm 2021, 2022, 2023, 2024, 2025; tuyến đường dài 2 km; Tổ dân phố số 5."
    valid(data_dir).write(
        "nominations/hcld-2026.yml", NOMINATION.replace("Hoàn thành xuất sắc nhiệm vụ 5 năm liền.", text)
    )
    assert messages(data_dir) == []


def test_unknown_form_placeholder(data_dir: DataDir) -> None:
    record = NOMINATION + "channels:\n  form_url: https://forms.example.gov.vn/?ten={ten}\n"
    valid(data_dir).write("nominations/hcld-2026.yml", record)
    assert messages(data_dir) == [
        "data/nominations/hcld-2026.yml:27:13: channels.form_url: chỗ điền '{ten}' không có; chỉ dùng được: "
        "{list_title}, {list_id}, {list_url}, {award}, {nominee}, {nominee_id}, {unit}"
    ]


def _check(data: DataDir, now: datetime = NOW) -> list[str]:
    try:
        _, problems, reviewed = check(data.root, now)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    (data.root / FILE_NAME).write_text(dump_store(reviewed.current), encoding="utf-8")
    return [str(p) for p in problems]


def test_unannounced_change_to_opened_list_is_refused(data_dir: DataDir) -> None:
    assert _check(valid(data_dir)) == []  # records the fingerprint
    data_dir.write("nominations/hcld-2026.yml", NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    [message] = _check(data_dir)
    assert message.startswith(
        "data/nominations/hcld-2026.yml:13:3: groups: danh sách đã công khai lấy ý kiến từ 2026-11-16 nhưng nội dung "
        "đã đổi (dấu vân tay "
    )
    assert message.endswith(
        "mà không có đính chính mới; thêm một mục vào amendments (date, change, reason) nói rõ thay đổi và lý do, "
        "hoặc trả danh sách về như đã công bố"
    )


def test_change_with_amendment_is_accepted_and_recorded(data_dir: DataDir) -> None:
    assert _check(valid(data_dir)) == []
    amended = NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính") + (
        "amendments:\n  - date: 2026-11-20\n    change: Sửa tên ông Nguyễn Văn Bính.\n    reason: Gõ sai dấu.\n"
    )
    data_dir.write("nominations/hcld-2026.yml", amended)
    assert _check(data_dir) == []
    store = (data_dir.root / FILE_NAME).read_text(encoding="utf-8")
    assert "amendments: 1" in store
    # The same change again, without a further amendment, is now the published state.
    assert _check(data_dir) == []


def test_change_before_opening_needs_no_amendment(data_dir: DataDir) -> None:
    before_opening = datetime(2026, 11, 10, tzinfo=TZ)
    assert _check(valid(data_dir), before_opening) == []
    data_dir.write("nominations/hcld-2026.yml", NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    assert _check(data_dir, before_opening) == []


def test_removed_published_list_is_refused(data_dir: DataDir) -> None:
    assert _check(valid(data_dir)) == []
    (data_dir.root / "nominations" / "hcld-2026.yml").unlink()
    assert _check(data_dir) == [
        "data/fingerprints.yml:1:1: lists.hcld-2026: danh sách 'hcld-2026' đã được công bố nhưng không còn tệp "
        "data/nominations/hcld-2026.yml; danh sách đã công khai phải giữ nguyên địa chỉ — khôi phục tệp"
    ]


def test_review_lists_new_fingerprints(data_dir: DataDir) -> None:
    dataset, _ = load_dataset(valid(data_dir).root)
    assert dataset is not None
    assert review(dataset, NOW).new == ["hcld-2026"]


def test_comment_links_are_prefilled_and_percent_encoded(tmp_path: Path) -> None:
    data = DataDir(tmp_path)
    valid(data)
    dataset, _ = load_dataset(tmp_path)
    assert dataset is not None
    item = dataset.nominations["hcld-2026"]
    nominee = item.groups[0].nominees[0]
    channels = CommentChannels(
        form_url="https://forms.example.gov.vn/gop-y?ds={list_title}&kt={award}&ten={nominee}&dv={unit}&ma={nominee_id}",
        email="gopy@example.gov.vn",
    )
    made = links(
        channels, "hcld-2026", item, "https://x.vn/lay-y-kien/hcld-2026/", "Huân chương Lao động hạng Ba", nominee
    )
    assert made.form is not None and made.email is not None
    query = parse_qs(urlsplit(made.form).query)
    assert query == {
        "ds": [item.title],
        "kt": ["Huân chương Lao động hạng Ba"],
        "ten": ["Ông Nguyễn Văn Bình"],
        "dv": ["Giám đốc, Hợp tác xã Tân Thuận"],
        "ma": ["nguyen-van-binh"],
    }
    assert " " not in made.form and "+" not in made.form
    mail = urlsplit(made.email)
    assert mail.scheme == "mailto" and mail.path == "gopy@example.gov.vn"
    fields = {k: unquote(v) for k, v in (part.split("=", 1) for part in mail.query.split("&"))}
    assert fields["subject"] == "Góp ý: Ông Nguyễn Văn Bình - Huân chương Lao động hạng Ba"
    assert "Người, tập thể được góp ý: Ông Nguyễn Văn Bình (Giám đốc, Hợp tác xã Tân Thuận)\r\n" in fields["body"]
    assert "https://x.vn/lay-y-kien/hcld-2026/#nguyen-van-binh" in fields["body"]


@pytest.mark.parametrize(
    ("moment", "state", "left"),
    [
        (datetime(2026, 11, 15, 23, 59, tzinfo=TZ), "upcoming", 14),
        (datetime(2026, 11, 16, 0, 0, tzinfo=TZ), "open", 14),
        (datetime(2026, 12, 2, 8, 0, tzinfo=TZ), "closing", 3),
        (datetime(2026, 12, 4, 23, 59, tzinfo=TZ), "closing", 1),
        (datetime(2026, 12, 5, 0, 0, tzinfo=TZ), "closed", 0),
    ],
)
def test_states_through_the_window(data_dir: DataDir, moment: datetime, state: str, left: int) -> None:
    dataset, _ = load_dataset(valid(data_dir).root)
    assert dataset is not None
    result = status(dataset.nominations["hcld-2026"], moment, dataset.holidays)
    assert (result.state, result.working_days_left) == (state, left)
