"""After the consultation: what the public said and what the council answered (issue 24)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
from lxml import html

from site_builder.commands.build import Progress, Project, build
from site_builder.commands.cli import parse_now
from site_builder.urls import URLS

from .conftest import ROOT, SAMPLE_NOW, DataDir
from .records import CLOSED_NOMINATION, NOMINATION
from .test_validation import messages, valid

SECOND = """      - id: hop-tac-xa-tan-thuan
        recipient_kind: tập thể
        name: Hợp tác xã Tân Thuận
        achievement: Doanh thu tăng 20% mỗi năm.
"""
# Closed on 2026-10-20 and decided on 2026-11-10; the sample clock is 2026-11-25.
CLOSED = CLOSED_NOMINATION.replace("consultation:\n", SECOND + "consultation:\n")
OUTCOME = """outcome:
  decision:
    kind: Quyết định
    number: 1234/QĐ-CTN
    date: 2026-11-10
  results:
    - nominee: nguyen-van-binh
      result: được khen thưởng
    - nominee: hop-tac-xa-tan-thuan
      result: rút khỏi danh sách
"""
FEEDBACK = """feedback:
  status: đã công bố
  expected: 2026-11-05
  published: 2026-11-04
  report:
    kind: Báo cáo
    number: 45/BC-TĐKT
    date: 2026-11-03
  received:
    form: 4
    email: 2
    post: 1
  about_list: 1
  not_considered: 1
  nominees:
    - nominee: nguyen-van-binh
      comments: 2
      issues: [thành tích]
      summary: Ý kiến đề nghị làm rõ số liệu doanh thu năm 2024.
      verification: không có cơ sở
      verified_by: Sở Nội vụ
      decision: giữ nguyên
      answer: Số liệu đã được kiểm toán; giữ nguyên đề nghị.
    - nominee: hop-tac-xa-tan-thuan
      comments: 3
      issues: [kỷ luật, tiêu chuẩn]
      summary: Ý kiến phản ánh hợp tác xã đang bị xử lý vi phạm về môi trường.
      verification: có cơ sở
      verified_by: Thanh tra tỉnh
      decision: rút khỏi danh sách
      answer: Hội đồng đề nghị rút khỏi danh sách vì chưa đủ tiêu chuẩn.
"""


def test_feedback_before_the_window_closed_is_refused(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "nominations/hcld-2026.yml", NOMINATION + FEEDBACK.replace("hop-tac-xa-tan-thuan", "nguyen-van-binh")
    )
    found = messages(data_dir)
    assert found[0].startswith("data/nominations/hcld-2026.yml:26:1: feedback: thời gian lấy ý kiến chưa kết thúc")


def test_feedback_that_could_identify_a_commenter_is_refused(data_dir: DataDir) -> None:
    """An e-mail address, a quotation or a commenter's field: located messages, nothing published."""
    leaky = FEEDBACK.replace(
        "Ý kiến đề nghị làm rõ số liệu doanh thu năm 2024.", "Ông Tư (tu.nguyen@example.vn) đề nghị làm rõ số liệu."
    ).replace("      answer: Hội đồng đề nghị", "      commenter: Nguyễn Văn Tư\n      answer: Hội đồng đề nghị")
    valid(data_dir).write("nominations/hcld-2026.yml", CLOSED + OUTCOME + leaky)
    found = messages(data_dir)
    assert any(
        m.startswith("data/nominations/hcld-2026.yml:")
        and "feedback.nominees[1].commenter: không được đăng thông tin người góp ý" in m
        for m in found
    ), found
    quoted = FEEDBACK.replace(
        "Ý kiến đề nghị làm rõ số liệu doanh thu năm 2024.",
        "Một người viết “doanh thu năm 2024 không đúng như báo cáo”.",
    )
    data_dir.write("nominations/hcld-2026.yml", CLOSED + OUTCOME + quoted)
    [message] = messages(data_dir)
    assert ": feedback.nominees[0].summary: có trích nguyên văn ý kiến" in message
    emailed = FEEDBACK.replace(
        "Ý kiến đề nghị làm rõ số liệu doanh thu năm 2024.", "Gửi từ tu.nguyen@example.vn, đề nghị làm rõ số liệu."
    )
    data_dir.write("nominations/hcld-2026.yml", CLOSED + OUTCOME + emailed)
    [message] = messages(data_dir)
    assert "feedback.nominees[0].summary: có địa chỉ thư điện tử ('t***@example.vn')" in message
    assert "tu.nguyen@" not in message


def test_feedback_must_agree_with_the_list_and_its_outcome(data_dir: DataDir) -> None:
    wrong = FEEDBACK.replace(
        "nominee: nguyen-van-binh\n      comments: 2", "nominee: nguyen-van-binb\n      comments: 2"
    )
    valid(data_dir).write(
        "nominations/hcld-2026.yml", CLOSED + OUTCOME.replace("result: rút khỏi danh sách", "result: chưa xét") + wrong
    )
    found = messages(data_dir)
    assert any("feedback.nominees[0].nominee: không tìm thấy người, tập thể 'nguyen-van-binb'" in m for m in found)
    assert any(
        "feedback.nominees[1].decision: ý kiến dẫn tới rút 'hop-tac-xa-tan-thuan' khỏi danh sách nhưng kết quả" in m
        for m in found
    )


def test_pages_json_csv_and_feed_give_the_same_counts_per_nominee(data_dir: DataDir, tmp_path: Path) -> None:
    valid(data_dir).write("nominations/hcld-2026.yml", CLOSED + OUTCOME + FEEDBACK)
    assert messages(data_dir) == []
    site = tmp_path / "site"
    build(Project(ROOT, data_dir.root, site), parse_now(SAMPLE_NOW), progress=Progress(stream=None))
    expected = {"nguyen-van-binh": 2, "hop-tac-xa-tan-thuan": 3}

    page = html.fromstring((site / URLS.nomination("hcld-2026") / "index.html").read_bytes())
    cards = {
        card.get("id").removeprefix("y-kien-"): int(card.xpath('string(.//span[@class="tdkt-count"])').split()[0])
        for card in page.xpath('//article[@class="tdkt-feedback-card"]')
    }
    assert cards == expected
    links = {a.get("href"): a.text_content() for a in page.xpath('//a[@class="tdkt-feedback-link"]')}
    assert links == {"#y-kien-nguyen-van-binh": "2 ý kiến", "#y-kien-hop-tac-xa-tan-thuan": "3 ý kiến"}
    counts = dict(
        (row.xpath("string(th)"), row.xpath("string(td)"))
        for row in page.xpath('//table[@class="tdkt-feedback-counts"]//tr')
    )
    assert counts["Tổng số"] == "7" and counts["Về cả danh sách"] == "1"

    listed = json.loads((site / URLS.list_json("hcld-2026")).read_text(encoding="utf-8"))
    in_json = {n["id"]: n["comments"] for group in listed["groups"] for n in group["nominees"]}
    assert in_json == expected
    assert listed["feedback"]["published"]["received"]["total"] == 7
    rows = csv.DictReader(io.StringIO((site / URLS.list_csv("hcld-2026")).read_bytes().decode("utf-8-sig")))
    assert {row["id"]: int(row["comments"]) for row in rows} == expected

    feed = feedparser.parse((site / URLS.feed(URLS.feed_stem(URLS.nomination("hcld-2026")), ".atom.xml")).read_bytes())
    [item] = [e for e in feed.entries if e.title.startswith("Kết quả tổng hợp ý kiến nhân dân")]
    assert "Đã tổng hợp 7 ý kiến" in item.summary
    figures = json.loads((site / URLS.statistics_json()).read_text(encoding="utf-8"))["figures"]
    [by_province] = [f for f in figures if f["id"] == "de-nghi-y-kien-theo-tinh"]
    assert [(row["key"], row["values"]["comments"]) for row in by_province["rows"]] == [("dong-thap", 7)]


def test_a_closed_list_without_feedback_says_comments_are_being_compiled_and_when_it_is_late(
    data_dir: DataDir, tmp_path: Path
) -> None:
    late = CLOSED.replace("  closes: 2026-10-20\n", "  closes: 2026-10-20\n  decision_expected: 2026-11-20\n")
    valid(data_dir).write("nominations/hcld-2026.yml", late)
    site = tmp_path / "site"
    build(Project(ROOT, data_dir.root, site), parse_now(SAMPLE_NOW), progress=Progress(stream=None))
    page = html.fromstring((site / URLS.nomination("hcld-2026") / "index.html").read_bytes())
    status = page.xpath('string(//p[@class="tdkt-feedback-status"])')
    assert status.startswith("Đang tổng hợp ý kiến, dự kiến công bố ngày 20 tháng 11 năm 2026. Đã quá ngày dự kiến")
    listed = json.loads((site / URLS.list_json("hcld-2026")).read_text(encoding="utf-8"))
    assert listed["feedback"] == {
        "status": "đang tổng hợp ý kiến",
        "expected": "2026-11-20",
        "late": True,
        "published": None,
    }
