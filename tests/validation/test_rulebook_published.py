"""The form's rule for a list already public (editor/rulebook.js checkPublished), case by case.

Each case changes a sample list as the form would hold it and compares with the list as the build
publishes it (`rulebook.published_lists`), on a given day: what `history.py` refuses on a pull
request, the form refuses before the save.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from site_builder.inputs.load import load_dataset
from site_builder.validation.rulebook import published_lists, rulebook

from ..conftest import SAMPLE_DATA
from .node import NODE, run_rulebook

OPEN = "lang-son-2026-huan-chuong-lao-dong"  # opened 10/11/2026
UPCOMING = "can-tho-2026-khen-thuong-nha-nuoc"  # opens 07/12/2026
DECIDED = "thai-nguyen-2026-bang-khen-thu-tuong-nong-thon-moi"  # one amendment, an outcome
TODAY = "2026-11-25"

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed to run editor/rulebook.js")

Edit = Callable[[dict[str, Any]], None]


def amend(day: str) -> Edit:
    def edit(record: dict[str, Any]) -> None:
        record["amendments"].append({"date": day, "change": "Sửa tên.", "reason": "Tờ trình ghi nhầm."})

    return edit


def rename(record: dict[str, Any]) -> None:
    record["groups"][0]["nominees"][0]["name"] += " (sửa)"


def both(*edits: Edit) -> Edit:
    def edit(record: dict[str, Any]) -> None:
        for one in edits:
            one(record)

    return edit


def insert_first(record: dict[str, Any]) -> None:
    record["amendments"].insert(0, {"date": "2026-09-16", "change": "Thêm.", "reason": "Lý do."})


def edit_first(record: dict[str, Any]) -> None:
    record["amendments"][0]["reason"] = "Lý do khác."


def drop_all(record: dict[str, Any]) -> None:
    record["amendments"] = []


def new_result(record: dict[str, Any]) -> None:
    record["outcome"]["results"][0]["result"] = "chưa xét"


def correct(day: str) -> Edit:
    def edit(record: dict[str, Any]) -> None:
        record["corrections"].append({"date": day, "change": "Sửa kết quả.", "reason": "Quyết định đính chính."})

    return edit


CASES: list[tuple[str, str, Edit, list[tuple[str, str]]]] = [
    ("an upcoming list changes freely", UPCOMING, rename, []),
    ("nothing changed", OPEN, lambda record: None, []),
    (
        "an open list renamed without an amendment",
        OPEN,
        rename,
        [
            (
                "groups",
                "danh sách đã công khai lấy ý kiến từ 10/11/2026 nhưng đã thay đổi so với bản đã công bố trên trang: "
                "người, tập thể được đề nghị và thông tin của họ; mà không có đính chính mới. Thêm một mục đính chính ghi "
                "ngày hôm nay (25/11/2026), nội dung thay đổi và lý do, hoặc trả danh sách về như đã công bố",
            )
        ],
    ),
    ("an open list renamed with an amendment of today", OPEN, both(rename, amend(TODAY)), []),
    (
        "an amendment of another day does not count",
        OPEN,
        both(rename, amend("2026-11-20")),
        [
            (
                "groups",
                "danh sách đã công khai lấy ý kiến từ 10/11/2026 nhưng đã thay đổi so với bản đã công bố trên trang: "
                "người, tập thể được đề nghị và thông tin của họ; mà không có đính chính mới. Thêm một mục đính chính ghi "
                "ngày hôm nay (25/11/2026), nội dung thay đổi và lý do, hoặc trả danh sách về như đã công bố",
            )
        ],
    ),
    (
        "a published amendment edited",
        DECIDED,
        edit_first,
        [
            (
                "amendments[0].reason",
                "đính chính thứ 1 (ngày 2026-09-17) đã công bố nhưng bị sửa; trả lại nội dung cũ, "
                "muốn sửa thì thêm một đính chính mới",
            )
        ],
    ),
    (
        "an amendment put before a published one",
        DECIDED,
        insert_first,
        [
            (
                "amendments[0]",
                "đính chính thứ 1 (ngày 2026-09-16) được chèn vào trước đính chính đã công bố; đính chính "
                "mới chỉ thêm vào cuối danh sách",
            )
        ],
    ),
    (
        "every published amendment removed",
        DECIDED,
        drop_all,
        [
            (
                "(tệp)",
                "đính chính thứ 1 (ngày 2026-09-17) đã công bố nhưng bị xóa; đính chính đã công bố chỉ được giữ "
                "nguyên, muốn sửa thì thêm một đính chính mới",
            )
        ],
    ),
    (
        "a decided list's result changed without a correction",
        DECIDED,
        new_result,
        [
            (
                "outcome",
                "danh sách đã có kết quả nhưng đã thay đổi so với bản đã công bố trên trang: kết quả; mà không có "
                "đính chính kết quả mới. Thêm một mục đính chính kết quả ghi ngày hôm nay (25/11/2026), nội dung thay đổi "
                "và lý do, hoặc trả lại như đã công bố",
            )
        ],
    ),
    ("a decided list's result changed with a correction of today", DECIDED, both(new_result, correct(TODAY)), []),
]


def test_a_list_already_public_changes_only_with_an_amendment() -> None:
    data, problems = load_dataset(SAMPLE_DATA)
    assert data is not None and not problems
    book, published = rulebook(data), published_lists(data)
    items = []
    for _, lid, edit, _ in CASES:
        entry = copy.deepcopy(published[lid]["record"])
        edit(entry)
        items.append(
            {"kind": "nominations", "id": lid, "entry": entry, "today": TODAY, "lines": {}, "published": published[lid]}
        )
    for (name, _, _, expected), problems_found in zip(CASES, run_rulebook(book, items), strict=True):
        assert [(field, message) for field, message, _ in problems_found] == expected, name
