"""Consultation rules: windows, personal data, silent changes, comment links, states."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from site_builder.inputs.load import load_dataset
from site_builder.inputs.records import CommentChannels
from site_builder.model.comments import links
from site_builder.model.consultation import TZ, status, working_days
from site_builder.validation.validate import validate

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
        "làm việc theo khoản 3 Điều 60 Nghị định số 152/2025/NĐ-CP ngày 14/06/2025 (quy định 'nd-152-2025-dieu-60' trong "
        "data/rules.yml, áp dụng cho danh sách mở từ 2025-07-01), hoặc ghi lý do rút ngắn vào "
        "consultation.short_window_reason"
    ]


def _rules(data: DataDir, old: str, new: str) -> None:
    path = data.root / "rules.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_minimum_comes_from_the_rule_in_force_on_the_opening_day(data_dir: DataDir) -> None:
    """Changing a rule's figure in data/rules.yml changes the validation (the law as data)."""
    valid(data_dir)
    _rules(
        data_dir,
        "  - id: nd-152-2025-dieu-60\n    min_working_days: 10\n",
        "  - id: nd-152-2025-dieu-60\n    min_working_days: 16\n",
    )
    [message] = messages(data_dir)
    assert "chỉ có 14 ngày làm việc" in message and "cần ít nhất 16 ngày làm việc theo khoản 3 Điều 60" in message
    # A list that opened while the older decree was in force follows it (10 days: enough).
    older = (
        NOMINATION.replace("2025-06-30", "2025-05-30")
        .replace("opens: 2026-11-16", "opens: 2025-06-02")
        .replace("closes: 2026-12-04", "closes: 2025-06-13")
    )
    data_dir.write("nominations/hcld-2026.yml", older.replace("published: 2026-11-16", "published: 2025-06-02"))
    assert messages(data_dir) == []


def test_a_rule_book_that_contradicts_itself_is_refused(data_dir: DataDir) -> None:
    valid(data_dir)
    _rules(data_dir, "replaced_by: nd-152-2025-dieu-44", "replaced_by: nd-152-2025")
    _rules(data_dir, "in_force_until: 2025-06-30", "in_force_until: 2023-06-30")
    assert messages(data_dir) == [
        "data/rules.yml:20:21: rules[0].in_force_until: ngày hết hiệu lực 2023-06-30 trước ngày có hiệu lực 2024-01-01",
        "data/rules.yml:21:18: rules[0].replaced_by: không tìm thấy quy định 'nd-152-2025'; có phải ý bạn là "
        "'nd-152-2025-dieu-60'?",
    ]


def test_a_file_begun_under_decree_98_follows_the_transitional_clause(data_dir: DataDir) -> None:
    """A list opened after 01/07/2025 whose proposing document was signed before (the test record's
    Tờ trình of 30/06/2025) follows khoản 3 Điều 60 (the transition, as the Ministry of Home Affairs
    cites it); a file begun later follows khoản 2 Điều 44 (as Hà Nội's board cites it)."""
    valid(data_dir)
    _rules(
        data_dir,
        "  - id: nd-152-2025-dieu-44\n    min_working_days: 10\n",
        "  - id: nd-152-2025-dieu-44\n    min_working_days: 16\n",
    )
    assert messages(data_dir) == []  # begun on 30/06/2025: the transitional clause's 10 days
    data_dir.write("nominations/hcld-2026.yml", NOMINATION.replace("  date: 2025-06-30", "  date: 2026-11-10"))
    [message] = messages(data_dir)
    assert "cần ít nhất 16 ngày làm việc theo khoản 2 Điều 44 Nghị định số 152/2025/NĐ-CP ngày 14/06/2025" in message
    assert "(quy định 'nd-152-2025-dieu-44' trong data/rules.yml" in message


def test_a_transitional_rule_is_never_the_general_statement() -> None:
    from site_builder.inputs.records import Award, ConsultationRule
    from site_builder.model.consultation import rule_for_level, rules_in_force

    def rule(rid: str, article: str, begun_before: str | None) -> ConsultationRule:
        return ConsultationRule.model_validate(
            {
                "id": rid,
                "min_working_days": 10,
                "where": "trên cổng thông tin",
                "levels": ["nhà nước"],
                "files_begun_before": begun_before,
                "source": {"kind": "Nghị định", "number": "152/2025/NĐ-CP", "article": article, "date": "2025-06-14"},
                "in_force_from": "2025-07-01",
            }
        )

    general, transition = rule("chung", "khoản 2 Điều 44", None), rule("chuyen-tiep", "khoản 3 Điều 60", "2025-07-01")
    award = Award.model_validate(
        {
            "id": "hcld-3",
            "name": "Huân chương Lao động hạng Ba",
            "level": "nhà nước",
            "group": "Huân chương",
            "recipients": ["cá nhân"],
        }
    )
    day = date(2026, 11, 16)
    assert rules_in_force([general, transition], day, award, date(2025, 6, 30)) == [transition]
    assert rules_in_force([general, transition], day, award, date(2025, 7, 1)) == [general]
    assert rules_in_force([general, transition], day, award) == [general]
    assert rule_for_level([transition, general], day, "nhà nước") == general
    assert general.source.label() == "khoản 2 Điều 44 Nghị định số 152/2025/NĐ-CP ngày 14/06/2025"


def test_short_window_with_reason_is_accepted(data_dir: DataDir) -> None:
    shortened = NOMINATION.replace(
        "closes: 2026-12-04", "closes: 2026-11-27\n  short_window_reason: Hội đồng họp sớm theo Công văn số 1/HĐ-MAU."
    )
    valid(data_dir).write("nominations/hcld-2026.yml", shortened)
    assert messages(data_dir) == []


@pytest.mark.parametrize(
    ("field", "value", "finding"),
    [
        ("achievement", "Liên hệ 0912 345 678 để biết thêm.", "có số điện thoại ('0*** *** **8')"),
        ("achievement", "Số CCCD 079123456789.", "có dãy số giống số căn cước, chứng minh nhân dân ('0**********9')"),
        ("position", "Giám đốc, sinh ngày 12/03/1970", "có ngày sinh ('sinh ngày 1*/**/***0')"),
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
        "data/exemplars/nguyen-van-an.yml:13:23: story: có số điện thoại ('0***.***.**8'): không được đăng dữ liệu "
        "cá nhân (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15); bỏ thông tin này khỏi bài"
    ]


def test_personal_data_deep_in_a_story_points_at_its_line_and_is_masked(data_dir: DataDir) -> None:
    story = "story: |\n  Đoạn một.\n\n  Đoạn hai.\n\n  Muốn gặp ông, gọi số 0987 654 321 vào buổi tối.\n"
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("story: |\n  Ông An làm **lúa sạch**.\n", story)
    )
    [message] = messages(data_dir)
    assert message.startswith("data/exemplars/nguyen-van-an.yml:17:24: story: có số điện thoại ('0*** *** **1')")
    assert "987 654 32" not in message


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


OUTCOME = """outcome:
  decision:
    kind: Quyết định
    number: 12/QĐ-CTN
    date: 2026-12-20
  results:
    - nominee: nguyen-van-binh
      result: được khen thưởng
"""
SECOND = """      - id: le-thi-hoa
        recipient_kind: cá nhân
        honorific: Bà
        name: Lê Thị Hoa
"""


def outcome_messages(data: DataDir, record: str, now: datetime) -> list[str]:
    data.write("nominations/hcld-2026.yml", record)
    dataset, problems = load_dataset(data.root)
    assert dataset is not None
    return [str(p) for p in sorted([*problems, *validate(dataset, now)])]


def test_outcome_on_an_open_list_is_an_error(data_dir: DataDir) -> None:
    assert outcome_messages(valid(data_dir), NOMINATION + OUTCOME, NOW) == [
        "data/nominations/hcld-2026.yml:26:1: outcome: danh sách còn đang hoặc sắp lấy ý kiến (đến hết ngày "
        "04/12/2026) nên chưa thể có kết quả; chỉ thêm outcome sau khi hết thời gian lấy ý kiến"
    ]
    assert outcome_messages(data_dir, NOMINATION + OUTCOME, datetime(2026, 12, 5, 0, 0, tzinfo=TZ)) == []


def test_outcome_decision_is_dated_on_or_after_the_closing_day(data_dir: DataDir) -> None:
    after = datetime(2026, 12, 30, tzinfo=TZ)
    early = NOMINATION + OUTCOME.replace("date: 2026-12-20", "date: 2026-12-03")
    assert outcome_messages(valid(data_dir), early, after) == [
        "data/nominations/hcld-2026.yml:30:11: outcome.decision.date: quyết định ghi ngày 2026-12-03, trước ngày cuối "
        "lấy ý kiến 2026-12-04; quyết định khen thưởng phải ghi ngày từ 2026-12-04 trở đi"
    ]
    same_day = NOMINATION + OUTCOME.replace("date: 2026-12-20", "date: 2026-12-04")
    assert outcome_messages(data_dir, same_day, after) == []


def test_outcome_names_every_nominee_exactly_once(data_dir: DataDir) -> None:
    after = datetime(2026, 12, 30, tzinfo=TZ)
    two = NOMINATION.replace("consultation:", SECOND + "consultation:")
    wrong = (
        OUTCOME
        + "    - nominee: nguyen-van-binh\n      result: chưa xét\n    - nominee: le-thi-hao\n      result: chưa xét\n"
    )
    assert outcome_messages(valid(data_dir), two + wrong, after) == [
        "data/nominations/hcld-2026.yml:35:3: outcome.results: thiếu kết quả của 'le-thi-hoa' (Lê Thị Hoa); ghi kết "
        "quả cho mọi người, tập thể trong danh sách (được khen thưởng, không được khen thưởng, rút khỏi danh sách "
        "hoặc chưa xét)",
        "data/nominations/hcld-2026.yml:38:16: outcome.results[1].nominee: kết quả của 'nguyen-van-binh' đã ghi ở "
        "dòng 36; mỗi người chỉ ghi một kết quả",
        "data/nominations/hcld-2026.yml:40:16: outcome.results[2].nominee: không tìm thấy người được đề nghị "
        "'le-thi-hao'; có phải ý bạn là 'le-thi-hoa'?",
    ]


def test_proposing_document_dated_after_publication_is_a_warning(data_dir: DataDir) -> None:
    late = NOMINATION.replace("  date: 2025-06-30", "  date: 2026-11-20")
    assert outcome_messages(valid(data_dir), late, NOW) == [
        "data/nominations/hcld-2026.yml:6:9: proposing_document.date: cảnh báo: tờ trình ghi ngày 2026-11-20, sau "
        "ngày đăng danh sách 2026-11-16; danh sách chỉ công khai sau khi có tờ trình — kiểm tra lại ngày của tờ "
        "trình hoặc ngày đăng (published)"
    ]
