"""Malformed and hostile input: every case is refused (or accepted) with its exact message, fast, in little memory.

Each case writes one bad thing into a valid data folder: a file from tests/fixtures/malformed/,
or something generated here (big inputs are made by the test, never committed). Every case
runs as `site-builder validate` in a process of its own (tests/isolated.py) with a time limit
and its peak memory measured; then every refused case runs as `site-builder build` over a built
site, which must stay byte for byte as it was.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.inputs import guard
from site_builder.inputs.load import load_dataset

from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW, DataDir
from .records import CAMPAIGN, EXEMPLAR, NOMINATION

MALFORMED = ROOT / "tests" / "fixtures" / "malformed"
# Bounds for any single input, on a shared two-core machine: seconds and peak resident memory.
SECONDS = 5.0
PEAK_MB = 400.0
# A run still going after this is killed, and its case fails.
TIME_LIMIT = 30.0

Write = Callable[[Path, Path], None]


@dataclass(frozen=True)
class Case:
    name: str
    write: Write  # (data folder, a scratch folder outside it)
    # Exact messages, sorted as printed; '{outside}' stands for the scratch folder.
    expected: tuple[str, ...]
    # Built to hurt (exhaust time or memory, crash a reader, leak a file), not just a slip.
    hostile: bool = False


FIXTURES_USED: set[str] = set()


def fixture(name: str) -> Write:
    """A file of tests/fixtures/malformed/, copied into exemplars/ byte for byte."""
    FIXTURES_USED.add(name)

    def write(data: Path, _outside: Path) -> None:
        (data / "exemplars" / name).write_bytes((MALFORMED / name).read_bytes())

    return write


def record(text: str, target: str) -> Write:
    def write(data: Path, _outside: Path) -> None:
        (data / target).write_text(text, encoding="utf-8")

    return write


def exemplar(old: str, new: str, target: str) -> Write:
    base = EXEMPLAR.lstrip("\n")
    assert old in base, old
    return record(base.replace(old, new, 1), f"exemplars/{target}.yml")


def padded(target: str, size: int, head: str) -> Write:
    """A valid-looking file of exactly size bytes: head, then a comment to fill."""

    def write(data: Path, _outside: Path) -> None:
        body = head.encode("utf-8") + b"# "
        (data / target).write_bytes(body + b"x" * (size - len(body) - 1) + b"\n")

    return write


def sparse(target: str, size: int) -> Write:
    """A file that says it holds size bytes but takes no disk: reading it whole would take minutes."""

    def write(data: Path, _outside: Path) -> None:
        with (data / target).open("wb") as stream:
            stream.truncate(size)

    return write


def link(target: str, points_to: Callable[[Path, Path], Path]) -> Write:
    def write(data: Path, outside: Path) -> None:
        (data / target).symlink_to(points_to(data, outside))

    return write


def secret(outside: Path) -> Path:
    path = outside / "bi-mat.txt"
    path.write_text("mật khẩu: 123456\n", encoding="utf-8")
    return path


def nominees(count: int) -> str:
    rows = "".join(
        f"      - id: nguoi-{n}\n        recipient_kind: cá nhân\n        name: Người thứ {n}\n" for n in range(count)
    )
    head, tail = NOMINATION.lstrip("\n").split("consultation:\n")
    start = head.index("      - id: nguyen-van-binh")
    return head[:start] + rows + "consultation:\n" + tail


def nested_mappings(levels: int) -> str:
    lines = [f"{'  ' * level}cap-{level}:" for level in range(levels)]
    return EXEMPLAR.lstrip("\n") + "\n".join(lines) + f"\n{'  ' * levels}cuoi: 1\n"


def fifo(target: str) -> Write:
    def write(data: Path, _outside: Path) -> None:
        os.mkfifo(data / target)

    return write


def folder(target: str) -> Write:
    def write(data: Path, _outside: Path) -> None:
        (data / target).mkdir()
        (data / target / "a.yml").write_text("name: An\n", encoding="utf-8")

    return write


def moved_out(kind: str) -> Write:
    """The whole record folder replaced by a link to a folder outside data/."""

    def write(data: Path, outside: Path) -> None:
        shutil.move(data / kind, outside / kind)
        (data / kind).symlink_to(outside / kind)

    return write


def raw_name(name: bytes) -> Write:
    """A record whose file name is not UTF-8 (a Latin-1 name copied from an old Windows disk)."""

    def write(data: Path, _outside: Path) -> None:
        path = os.path.join(os.fsencode(data / "exemplars"), name)
        with open(path, "wb") as stream:
            stream.write(EXEMPLAR.lstrip("\n").encode("utf-8"))

    return write


def many_keys(count: int) -> str:
    return EXEMPLAR.lstrip("\n") + "".join(f"truong-{n}: {n}\n" for n in range(count))


E = "data/exemplars/"
FILE_NAME_RULE = (
    "không dùng được làm địa chỉ trang; đặt tên bằng chữ thường không dấu, chữ số và dấu gạch ngang, "
    "ví dụ 'nguyen-van-an.yml' (không bắt đầu bằng 'theo-' hay 'trang-')"
)
SAVE_AS_UTF8 = "mở tệp, chọn 'Save As' (Lưu thành), ở ô 'Encoding' chọn UTF-8 rồi lưu lại"
NOT_UTF8 = "không đọc được (có lẽ tệp được lưu với mã Windows-1258, TCVN3 hay VNI); mở tệp và lưu lại với mã UTF-8"
CONTROL = "không được phép (thường lẫn vào khi chép từ Word, PDF hay trang web); xóa ký tự này"
ALIAS = (
    "không được dùng trong hồ sơ (một bí danh có thể làm tệp phình ra hàng tỉ giá trị); bỏ neo '&{0}' và bí danh, "
    "viết thẳng giá trị ra"
)
DEEP = "dữ liệu lồng nhau quá 20 cấp; hồ sơ chỉ cần vài cấp, kiểm tra lại thụt lề và các dấu ngoặc [ ] { }"
TOO_BIG = "rút gọn nội dung (ảnh đặt trong data/images/, không dán vào tệp)"

CASES: list[Case] = []


def case(name: str, write: Write, *expected: str, hostile: bool = False) -> None:
    CASES.append(Case(name, write, expected, hostile))


def at(name: str, place: str, message: str) -> str:
    return f"{E}{name}.yml:{place}: {message}"


# Syntax: the line and column where the reader stopped, and what it usually means.
case(
    "syntax-unclosed-bracket",
    fixture("syntax-unclosed-bracket.yml"),
    at(
        "syntax-unclosed-bracket",
        "10:8",
        "(tệp): lỗi cú pháp YAML: thiếu dấu ']' đóng danh sách, hoặc dấu ',' giữa hai mục",
    ),
)
case(
    "syntax-bad-indentation",
    fixture("syntax-bad-indentation.yml"),
    at(
        "syntax-bad-indentation",
        "7:2",
        "(tệp): lỗi cú pháp YAML: thụt lề không khớp với các dòng trên, hoặc thiếu dấu ngoặc kép đóng ở phía trên",
    ),
)
case(
    "syntax-tab-indentation",
    fixture("syntax-tab-indentation.yml"),
    at("syntax-tab-indentation", "7:1", "(tệp): lỗi cú pháp YAML: thụt lề bằng phím Tab; chỉ thụt lề bằng dấu cách"),
)
case(
    "syntax-unclosed-quote",
    fixture("syntax-unclosed-quote.yml"),
    at(
        "syntax-unclosed-quote",
        "18:14",
        "(tệp): lỗi cú pháp YAML: thụt lề không khớp với các dòng trên, hoặc thiếu dấu ngoặc kép đóng ở phía trên",
    ),
)
case(
    "syntax-colon-in-value",
    fixture("syntax-colon-in-value.yml"),
    at(
        "syntax-colon-in-value",
        "11:18",
        "(tệp): lỗi cú pháp YAML: có dấu ':' giữa giá trị; đặt cả giá trị trong dấu ngoặc kép",
    ),
)
# Encodings: Notepad's UTF-8 with a byte-order mark and Windows line ends read as plain UTF-8;
# UTF-16 and UTF-32 named; legacy Vietnamese encodings pointed at their first byte.
case(
    "encoding-windows-1258",
    fixture("encoding-windows-1258.yml"),
    at("encoding-windows-1258", "1:11", f"(tệp): tệp không phải UTF-8: byte 0xEA {NOT_UTF8}"),
)
case(
    "encoding-latin1-in-one-value",
    fixture("encoding-latin1-in-one-value.yml"),
    at("encoding-latin1-in-one-value", "18:22", f"(tệp): tệp không phải UTF-8: byte 0xE9 {NOT_UTF8}"),
)
for name, wide in (
    ("encoding-utf16-le", "UTF-16"),
    ("encoding-utf16-be", "UTF-16"),
    ("encoding-utf16-no-bom", "UTF-16"),
    ("encoding-utf32", "UTF-32"),
):
    case(
        name,
        fixture(f"{name}.yml"),
        at(
            name,
            "1:1",
            f"(tệp): tệp được lưu với mã {wide} (Notepad gọi là 'Unicode'), không phải UTF-8; {SAVE_AS_UTF8}",
        ),
    )
for name in ("encoding-utf8-bom", "encoding-crlf", "encoding-old-mac-line-ends"):
    case(name, fixture(f"{name}.yml"))
case(
    "encoding-utf8-bom-with-error",
    fixture("encoding-utf8-bom-with-error.yml"),
    at("encoding-utf8-bom-with-error", "26:12", "published: tìm thấy '31/12/2021'; viết ngày theo dạng 2021-12-31"),
)
# Control characters: raw, or written as an escape inside double quotes.
case(
    "control-nul",
    fixture("control-nul.yml"),
    at("control-nul", "1:17", f"(tệp): ký tự điều khiển U+0000 {CONTROL}"),
    hostile=True,
)
case(
    "control-escape",
    fixture("control-escape.yml"),
    at("control-escape", "4:7", f"role: ký tự điều khiển U+001B {CONTROL}"),
    hostile=True,
)
case(
    "control-c1",
    fixture("control-c1.yml"),
    at("control-c1", "11:27", f"(tệp): ký tự điều khiển U+009B {CONTROL}"),
    hostile=True,
)
# Structure
for name in ("structure-list-at-top", "structure-scalar-at-top"):
    case(name, fixture(f"{name}.yml"), at(name, "1:1", "(tệp): cần các trường dạng 'khóa: giá trị' ở đầu tệp"))
for name in ("structure-empty", "structure-only-comments"):
    case(name, fixture(f"{name}.yml"), at(name, "1:1", "(tệp): tệp trống; cần các trường dạng 'khóa: giá trị'"))
case(
    "structure-several-documents",
    fixture("structure-several-documents.yml"),
    at(
        "structure-several-documents",
        "27:1",
        "(tệp): lỗi cú pháp YAML: tệp có hơn một hồ sơ (ngăn bởi dòng '---'); mỗi tệp chỉ chứa một hồ sơ",
    ),
)
case(
    "structure-text-for-mapping",
    fixture("structure-text-for-mapping.yml"),
    at(
        "structure-text-for-mapping",
        "5:11",
        "locality: tìm thấy 'xã Mỹ Hiệp, huyện Cao Lãnh, tỉnh Đồng Tháp'; cần các trường con dạng 'khóa: giá trị'",
    ),
)
case(
    "structure-text-for-list",
    fixture("structure-text-for-list.yml"),
    at(
        "structure-text-for-list",
        "9:12",
        "campaigns: tìm thấy 'ntm'; cần một danh sách, mỗi mục trên một dòng bắt đầu bằng '- '",
    ),
)
case(
    "structure-list-for-text",
    fixture("structure-list-for-text.yml"),
    at(
        "structure-list-for-text",
        "1:7",
        "name: tìm thấy một danh sách; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)",
    ),
)
case(
    "structure-empty-value",
    fixture("structure-empty-value.yml"),
    at(
        "structure-empty-value",
        "11:9",
        "summary: tìm thấy giá trị trống; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)",
    ),
)
case(
    "structure-duplicate-key",
    fixture("structure-duplicate-key.yml"),
    at("structure-duplicate-key", "27:1", "name: trường 'name' được khai báo hai lần; chỉ giữ một lần"),
)
case(
    "structure-unhashable-key",
    fixture("structure-unhashable-key.yml"),
    at(
        "structure-unhashable-key",
        "1:1",
        "('a', 'b'): tìm thấy khóa '('a', 'b')'; tên trường phải là chữ, ví dụ 'name'",
    ),
)
case(
    "structure-python-tag",
    fixture("structure-python-tag.yml"),
    at(
        "structure-python-tag",
        "4:7",
        "role: tìm thấy một danh sách; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)",
    ),
    hostile=True,
)
# References to what does not exist
case(
    "reference-unknown-campaign",
    fixture("reference-unknown-campaign.yml"),
    at("reference-unknown-campaign", "10:5", "campaigns[0]: không tìm thấy phong trào 'ntn'; có phải ý bạn là 'ntm'?"),
)
case(
    "reference-unknown-province",
    fixture("reference-unknown-province.yml"),
    at(
        "reference-unknown-province",
        "7:13",
        "locality.province: không tìm thấy tỉnh, thành phố 'dong-thapp'; có phải ý bạn là 'dong-thap'?",
    ),
)
case(
    "reference-unknown-award",
    fixture("reference-unknown-award.yml"),
    at(
        "reference-unknown-award",
        "23:12",
        "awards[0].award: không tìm thấy hình thức khen thưởng 'giay-khenn'; có phải ý bạn là 'giay-khen'?",
    ),
)
case(
    "reference-missing-image",
    fixture("reference-missing-image.yml"),
    at(
        "reference-missing-image", "15:10", "images[0].src: không tìm thấy ảnh 'images/khong-co.jpg' trong data/images/"
    ),
)
case(
    "reference-image-path-escapes",
    fixture("reference-image-path-escapes.yml"),
    at(
        "reference-image-path-escapes",
        "15:10",
        "images[0].src: tìm thấy 'images/../../../etc/passwd'; ảnh phải là tệp trong data/images/, viết như "
        "images/ruong-lua.jpg (không lấy ảnh từ trang khác)",
    ),
    hostile=True,
)
# Aliases: refused where the first one stands, before anything is expanded.
case(
    "alias-billion-laughs",
    fixture("alias-billion-laughs.yml"),
    at("alias-billion-laughs", "3:11", "lol2[0]: bí danh YAML '*a' " + ALIAS.format("a")),
    hostile=True,
)
case(
    "alias-reuse",
    fixture("alias-reuse.yml"),
    at("alias-reuse", "11:10", "summary: bí danh YAML '*nghe' " + ALIAS.format("nghe")),
)
case(
    "alias-merge-key",
    fixture("alias-merge-key.yml"),
    at("alias-merge-key", "26:9", "awards[1].<<: bí danh YAML '*khen' " + ALIAS.format("khen")),
)
case(
    "alias-undefined",
    fixture("alias-undefined.yml"),
    at(
        "alias-undefined",
        "4:7",
        "(tệp): lỗi cú pháp YAML: dấu * ở đầu giá trị là bí danh YAML, không dùng trong hồ sơ; nếu đó là chữ, đặt cả "
        "giá trị trong dấu ngoặc kép",
    ),
)
# Sizes: files refused unread beyond their limit; texts and lists beyond theirs.
case(
    "size-record-over-limit",
    padded("exemplars/size-record-over-limit.yml", 1_000_001, EXEMPLAR.lstrip("\n")),
    at(
        "size-record-over-limit",
        "1:1",
        f"(tệp): tệp nặng 1.000.001 byte; tối đa 1.000.000 byte (1 MB) cho mỗi tệp; {TOO_BIG}",
    ),
    hostile=True,
)
case("size-record-at-limit", padded("exemplars/size-record-at-limit.yml", 1_000_000, EXEMPLAR.lstrip("\n")))
case(
    "size-sparse-10-gb",
    sparse("exemplars/size-sparse-10-gb.yml", 10 * 1024**3),
    at(
        "size-sparse-10-gb",
        "1:1",
        f"(tệp): tệp nặng 10.737.418.240 byte; tối đa 1.000.000 byte (1 MB) cho mỗi tệp; {TOO_BIG}",
    ),
    hostile=True,
)
case(
    "size-reference-over-limit",
    padded("provinces.yml", 5_000_001, (SAMPLE_DATA / "provinces.yml").read_text(encoding="utf-8")),
    f"data/provinces.yml:1:1: (tệp): tệp nặng 5.000.001 byte; tối đa 5.000.000 byte (5 MB) cho mỗi tệp; {TOO_BIG}",
    hostile=True,
)
case(
    "size-name-900-000-characters",
    exemplar("name: Nguyễn Văn An", "name: " + "A" * 900_000, "size-name-900-000-characters"),
    at("size-name-900-000-characters", "1:7", "name: dài 900.000 ký tự; tối đa 200 ký tự"),
    hostile=True,
)
case(
    "size-story-over-limit",
    exemplar("Ông An làm **lúa sạch**.", "Ông An làm **lúa sạch**. " * 2_200, "size-story-over-limit"),
    at("size-story-over-limit", "12:8", "story: dài 54.999 ký tự; tối đa 50.000 ký tự"),
)
case(
    "size-21-images",
    exemplar(
        "images:\n",
        "images:\n"
        + "  - src: images/ruong-lua.svg\n    alt: Ruộng\n    caption: Lúa\n    credit: Ban biên tập\n" * 20,
        "size-21-images",
    ),
    at("size-21-images", "15:3", "images: có 21 mục; tối đa 20 mục"),
)
case(
    "size-5001-nominees",
    record(nominees(5_001), "nominations/size-5001-nominees.yml"),
    "data/nominations/size-5001-nominees.yml:15:7: groups[0].nominees: có 5.001 mục; tối đa 5.000 mục",
    hostile=True,
)
case(
    "size-5000-nominee-errors",
    record(nominees(5_000).replace("cá nhân", "ca nhan"), "nominations/size-5000-nominee-errors.yml"),
    *[
        f"data/nominations/size-5000-nominee-errors.yml:{16 + 3 * n}:25: groups[0].nominees[{n}].recipient_kind: "
        "tìm thấy 'ca nhan'; giá trị phải là một trong: 'cá nhân', 'tập thể', 'hộ gia đình'; có phải ý bạn là 'cá nhân'?"
        for n in range(200)
    ],
    "data/nominations/size-5000-nominee-errors.yml:616:9: groups[0].nominees[200].recipient_kind: "
    "từ đây còn 4.800 lỗi nữa chưa kể ra; sửa các lỗi trên rồi kiểm tra lại",
    hostile=True,
)
case(
    "size-45-000-unknown-keys",
    record(many_keys(45_000), "exemplars/size-45-000-unknown-keys.yml"),
    *[
        at(
            "size-45-000-unknown-keys",
            f"{27 + n}:1",
            f"truong-{n}: không có trường 'truong-{n}'; các trường hợp lệ: name, recipient_kind, honorific, role, "
            "unit, locality, field, campaigns, summary, story, images, source, awards, stage, priority_groups, "
            "published, updated, old_ids",
        )
        for n in range(200)
    ],
    at(
        "size-45-000-unknown-keys",
        "227:1",
        "truong-200: từ đây còn 44.800 lỗi nữa chưa kể ra; sửa các lỗi trên rồi kiểm tra lại",
    ),
    hostile=True,
)
case(
    "size-100-000-digit-number",
    exemplar("year: 2023", "year: " + "9" * 100_000, "size-100-000-digit-number"),
    at("size-100-000-digit-number", "24:11", "awards[0].year: tìm thấy một số quá lớn; cần nhỏ hơn hoặc bằng 2100"),
    hostile=True,
)
# Depth: refused at the collection that goes one level too deep.
case(
    "depth-flow-10-000",
    exemplar("name: Nguyễn Văn An", "name: " + "[" * 10_000 + "]" * 10_000, "depth-flow-10-000"),
    at("depth-flow-10-000", "1:26", "name" + "[0]" * 19 + f": {DEEP}"),
    hostile=True,
)
case(
    "depth-block-30",
    record(nested_mappings(30), "exemplars/depth-block-30.yml"),
    at("depth-block-30", "47:41", ".".join(f"cap-{n}" for n in range(20)) + f": {DEEP}"),
    hostile=True,
)
case(
    "depth-compact-200-000",
    exemplar("images:\n", "images:\n" + "- " * 200_000 + "x\n", "depth-compact-200-000"),
    at("depth-compact-200-000", "15:39", "images" + "[0]" * 19 + f": {DEEP}"),
    hostile=True,
)
# File names that cannot be a page address
for name in (
    "nguyen van an 2.yml",
    "nguyễn-văn-ân.yml",
    "Nguyen-Van-Binh.yml",
    ".nguyen-van-cu.yml",
    "theo-tinh.yml",
    "trang-2.yml",
):
    case(
        f"name '{name}'",
        record(EXEMPLAR.lstrip("\n"), f"exemplars/{name}"),
        f"{E}{name}:1:1: (tên tệp): tên tệp '{name}' {FILE_NAME_RULE}",
    )
case(
    "name 'nguyen-van-an.yaml'",
    record(EXEMPLAR.lstrip("\n"), "exemplars/nguyen-van-an.yaml"),
    f"{E}nguyen-van-an.yml:1:1: (tên tệp): mã 'nguyen-van-an' đã có ở tệp khác trong exemplars/; mỗi mã chỉ dùng một lần",
)
case(
    "name not UTF-8",
    raw_name(b"nguy\xeau-van-an.yml"),
    f"{E}nguy\ufffdu-van-an.yml:1:1: (tên tệp): tên tệp 'nguy\ufffdu-van-an.yml' {FILE_NAME_RULE}",
    hostile=True,
)
# Links out of data/ and files that are not files
OUT_OF_DATA = "nằm ngoài thư mục dữ liệu; trang không đăng gì từ ngoài thư mục này: chép tệp thật vào thay cho liên kết"
case(
    "link-record-outside",
    link("exemplars/link-record-outside.yml", lambda data, outside: secret(outside)),
    at("link-record-outside", "1:1", "(tệp): là liên kết (symlink) tới {outside}/bi-mat.txt, " + OUT_OF_DATA),
    hostile=True,
)
case(
    "link-image-outside",
    link("images/khoa.svg", lambda data, outside: secret(outside)),
    "data/images/khoa.svg:1:1: (tệp): là liên kết (symlink) tới {outside}/bi-mat.txt, " + OUT_OF_DATA,
    hostile=True,
)
case(
    "link-to-device",
    link("exemplars/link-to-device.yml", lambda data, outside: Path("/dev/zero")),
    at("link-to-device", "1:1", "(tệp): là liên kết (symlink) tới /dev/zero, " + OUT_OF_DATA),
    hostile=True,
)
case(
    "link-dangling",
    link("exemplars/link-dangling.yml", lambda data, outside: data / "exemplars" / "khong-co.yml"),
    at(
        "link-dangling",
        "1:1",
        "(tệp): liên kết (symlink) trỏ tới một tệp không tồn tại; xóa liên kết hoặc chép tệp thật vào đây",
    ),
)
case(
    "link-loop",
    link("exemplars/link-loop.yml", lambda data, outside: data / "exemplars" / "link-loop.yml"),
    at("link-loop", "1:1", "(tệp): liên kết (symlink) vòng quanh, không dẫn tới tệp nào; xóa liên kết này"),
    hostile=True,
)
case(
    "link-folder-outside",
    moved_out("campaigns"),
    "data/campaigns:1:1: (thư mục): là liên kết (symlink) tới {outside}/campaigns, " + OUT_OF_DATA,
    hostile=True,
)
case(
    "special-folder-named-yml",
    folder("exemplars/thu-muc.yml"),
    f"{E}thu-muc.yml:1:1: (tệp): là một thư mục, không phải tệp; đổi tên thư mục (bỏ đuôi .yml) hoặc chuyển nó ra chỗ khác",
)
case(
    "special-fifo",
    fifo("exemplars/ong-dan.yml"),
    f"{E}ong-dan.yml:1:1: (tệp): không phải một tệp thông thường (là đường ống hay thiết bị); xóa nó",
    hostile=True,
)


def valid(data: Path) -> DataDir:
    """A data folder with the reference files and one valid record of each kind."""
    data.mkdir(parents=True)
    folder = DataDir(data)
    folder.write("campaigns/ntm.yml", CAMPAIGN)
    folder.write("exemplars/nguyen-van-an.yml", EXEMPLAR)
    folder.write("nominations/hcld-2026.yml", NOMINATION)
    return folder


def isolated(commands: list[list[str]]) -> list[dict[str, Any]]:
    """Each command line run by tests/isolated.py in its own process; see there."""
    runs = [{"args": args, "timeout": TIME_LIMIT} for args in commands]
    done = subprocess.run(
        [sys.executable, "-m", "tests.isolated"],
        input=json.dumps(runs),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=TIME_LIMIT * len(runs) + 60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


@dataclass(frozen=True)
class Outcome:
    result: dict[str, Any]
    outside: Path


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every case validated once, each in its own process."""
    base = tmp_path_factory.mktemp("malformed")
    commands, outsides = [], []
    for index, item in enumerate(CASES):
        data, outside = base / f"{index:02d}" / "data", base / f"{index:02d}" / "outside"
        outside.mkdir(parents=True)
        valid(data)
        item.write(data, outside)
        commands.append(["validate", "--data", str(data), "--now", SAMPLE_NOW])
        outsides.append(outside.resolve())
    results = isolated(commands)
    return {item.name: Outcome(result, outside) for item, result, outside in zip(CASES, results, outsides, strict=True)}


@pytest.mark.parametrize("item", CASES, ids=lambda item: item.name)
def test_malformed_input_gets_its_message_in_bounded_time_and_memory(item: Case, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[item.name]
    result = outcome.result
    assert "Traceback" not in result["stderr"], result["stderr"][-3000:]
    assert not result["timed_out"], f"{item.name}: still running after {TIME_LIMIT} s"
    expected = [line.replace("{outside}", str(outcome.outside)) for line in item.expected]
    if expected:
        summary = f"Dữ liệu có {len(expected)} lỗi và 0 cảnh báo; chưa xuất bản gì, trang cũ giữ nguyên."
        assert (result["exit"], result["stderr"].splitlines()) == (1, [*expected, summary])
    else:
        accepted = "Dữ liệu hợp lệ: 1 phong trào, 2 gương điển hình, 1 danh sách lấy ý kiến, 0 cảnh báo."
        assert (result["exit"], result["stderr"].splitlines()) == (0, [accepted])
    assert result["seconds"] < SECONDS
    assert result["peak_mb"] < PEAK_MB


def files(site: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under site."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(site.rglob("*"))
    }


def test_a_refused_input_leaves_the_built_site_byte_for_byte(sample_site: Path, tmp_path: Path) -> None:
    """The sample, built; then one build per refused case, each with the bad file added to the sample."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    before = files(site)
    assert len(before) > 100
    refused = [item for item in CASES if item.expected]
    commands = []
    for index, item in enumerate(refused):
        data, outside = tmp_path / f"{index:02d}" / "data", tmp_path / f"{index:02d}" / "outside"
        outside.mkdir(parents=True)
        shutil.copytree(SAMPLE_DATA, data)
        item.write(data, outside)
        commands.append(["--root", str(ROOT), "build", "--data", str(data), "--out", str(site), "--now", SAMPLE_NOW])
    for item, result in zip(refused, isolated(commands), strict=True):
        assert (item.name, result["exit"], result["timed_out"]) == (item.name, 1, False), result["stderr"][-3000:]
        assert "Traceback" not in result["stderr"], item.name
        assert result["stderr"].endswith("chưa xuất bản gì, trang cũ giữ nguyên.\n"), item.name
    assert files(site) == before
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []


def test_every_malformed_fixture_is_a_case() -> None:
    assert sorted(path.name for path in MALFORMED.iterdir()) == sorted(FIXTURES_USED)


def test_the_corpus_covers_every_kind_of_bad_input() -> None:
    kinds = {item.name.split("-")[0].split(" ")[0] for item in CASES}
    assert kinds == {
        "syntax",
        "encoding",
        "control",
        "structure",
        "reference",
        "alias",
        "size",
        "depth",
        "name",
        "link",
        "special",
    }
    assert len({item.name for item in CASES}) == len(CASES)
    assert len(CASES) >= 60 and sum(item.hostile for item in CASES) >= 20


def chain(kinds: list[str], rng: random.Random, tight: bool) -> str:
    """Collections nested one in the next, 'map' or 'seq' from the outside in, laid out at random or
    as tightly as YAML allows: a list under a key at the key's column, an entry's content one
    column in (or on the dash's line: '- - x', '- k:'), a mapping's values one column in."""
    lines: list[str] = []
    pending, column = "", 0
    for index, kind in enumerate(kinds):
        inner = kinds[index + 1] if index + 1 < len(kinds) else None
        if kind == "map":
            if inner is None:
                lines.append(pending + "k: x")
                break
            lines.append(pending + "k:")
            column += (0 if inner == "seq" else 1) if tight else rng.choice((0, 1) if inner == "seq" else (1, 2))
            pending = " " * column
        else:
            if inner is None:
                lines.append(pending + "- x")
                break
            if not tight and rng.random() < 0.5:
                pending, column = pending + "- ", column + 2
            else:
                lines.append(pending + "-")
                column += 1 if tight else rng.choice((1, 2))
                pending = " " * column
    return "\n".join(lines) + "\n"


CLOSE = str.maketrans("[{", "]}")


def depth(text: str) -> int:
    deepest = current = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            current += 1
            deepest = max(deepest, current)
        elif isinstance(event, yaml.CollectionEndEvent):
            current -= 1
    return deepest


def test_the_cheap_depth_check_never_clears_a_deep_text() -> None:
    """guard._may_be_deep may only say False where nesting stays within MAX_DEPTH: tried on
    thousands of random nestings in the tightest layouts, some with flow brackets inside."""
    rng = random.Random(20)
    cleared: list[int] = []
    for _ in range(4000):
        size = rng.randint(1, 34)
        # Alternating mappings and lists nest deepest for their width: two levels a column.
        kinds = ["map", "seq"] * size if rng.random() < 0.3 else [rng.choice(("map", "seq")) for _ in range(size)]
        text = chain(kinds[:size], rng, tight=rng.random() < 0.5)
        if rng.random() < 0.3:
            # Flow lists, or flow lists each holding a one-pair mapping ('[a: [a: x]]'): two levels a bracket.
            brackets = rng.randint(1, 12)
            opening = rng.choice(("[", "[a: ", "{a: "))
            text = text.replace(" x\n", " " + opening * brackets + "x" + opening[0].translate(CLOSE) * brackets + "\n")
        if not guard._may_be_deep(text):
            cleared.append(depth(text))
            assert cleared[-1] <= guard.MAX_DEPTH, text
    # It clears shallow texts (or it would save nothing), up to near the limit in the tightest layouts.
    assert len(cleared) > 900 and max(cleared) >= guard.MAX_DEPTH - 2


@pytest.mark.parametrize(
    ("levels", "refused"), [(guard.MAX_DEPTH, False), (guard.MAX_DEPTH + 1, True)], ids=["20 levels", "21 levels"]
)
def test_twenty_levels_pass_and_twenty_one_do_not(levels: int, refused: bool) -> None:
    for text in (
        "k: " + "[" * (levels - 1) + "x" + "]" * (levels - 1) + "\n",
        "".join(f"{' ' * n}k{n}:\n" for n in range(levels - 1)) + f"{' ' * (levels - 1)}k: x\n",
        "k:\n" + "- " * (levels - 1) + "x\n",
    ):
        assert depth(text) == levels
        if refused:
            with pytest.raises(guard.Refusal, match=f"^dữ liệu lồng nhau quá {guard.MAX_DEPTH} cấp"):
                guard.screen(text)
        else:
            assert guard.screen(text) is True


def test_records_take_the_cheap_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No record of the sample, nor of a generated data set, needs PyYAML's event stream to be cleared."""
    from site_builder.synthetic.generate import Options, generate

    generate(tmp_path / "data", Options(exemplars=200, seed=3, now=date(2026, 11, 25)), SAMPLE_DATA)

    def refuse(text: str) -> None:
        raise AssertionError("the event stream was needed")

    monkeypatch.setattr(guard, "_scan_events", refuse)
    paths = [path for root in (SAMPLE_DATA, tmp_path / "data") for path in root.glob("*/*.yml")]
    assert len(paths) > 240
    for path in paths:
        assert guard.screen(guard.decode(path.read_bytes())) is True, path


def quoted(value: str) -> str:
    """value as YAML double-quoted text, every character outside ASCII as an escape (\\uXXXX)."""
    return json.dumps(value)


NAME = "data/exemplars/nguyen-van-an.yml:1:7: name: "
# (what the editor wrote after 'name: ', the messages, or None and the name as stored)
HOSTILE_NAMES: list[tuple[str, str | None, str | None]] = [
    ("<script>alert(1)</script>", None, "<script>alert(1)</script>"),  # escaped where shown: test_build
    ("\"{{ 7 * 7 }} {% include 'base.html' %}\"", None, "{{ 7 * 7 }} {% include 'base.html' %}"),
    ('"\'; DROP TABLE nominees; --"', None, "'; DROP TABLE nominees; --"),
    ("${HOME}$(rm -rf /)`id`", None, "${HOME}$(rm -rf /)`id`"),
    ("'&amp; &lt;b&gt;'", None, "&amp; &lt;b&gt;"),
    (unicodedata.normalize("NFD", "Nguyễn Văn An"), None, "Nguyễn Văn An"),
    ("😀 Nguyễn", None, "😀 Nguyễn"),
    (quoted("Nguyễn\tVăn"), None, "Nguyễn\tVăn"),
    ("Nguyễn\u202eAn", f"data/exemplars/nguyen-van-an.yml:1:13: (tệp): ký tự điều khiển U+202E {CONTROL}", None),
    (quoted("\u202eNguyễn"), f"{NAME}ký tự điều khiển U+202E {CONTROL}", None),
    (quoted("\u2066Nguyễn\u2069"), f"{NAME}ký tự điều khiển U+2066 {CONTROL}", None),
    (quoted("Nguyễn\x00"), f"{NAME}ký tự điều khiển U+0000 {CONTROL}", None),
    (quoted("Nguyễn\x7f"), f"{NAME}ký tự điều khiển U+007F {CONTROL}", None),
    (
        '"\\ud800"',
        "data/exemplars/nguyen-van-an.yml:1:10: (tệp): lỗi cú pháp YAML: mã \\u… trong chuỗi ngoặc kép không phải "
        "một ký tự; viết thẳng ký tự ra thay cho mã",
        None,
    ),
    ('"   "', f"{NAME}không được để trống", None),
    ("A" * 201, f"{NAME}dài 201 ký tự; tối đa 200 ký tự", None),
    ("-1", f"{NAME}tìm thấy số -1; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)", None),
    ("1e309", f"{NAME}tìm thấy số inf; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)", None),
    (".nan", f"{NAME}tìm thấy số nan; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)", None),
    ("~", f"{NAME}tìm thấy giá trị trống; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)", None),
    ("true", f"{NAME}tìm thấy giá trị đúng/sai; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)", None),
    ("[a, {b: c}]", f"{NAME}tìm thấy một danh sách; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)", None),
    ("no", None, "no"),  # YAML 1.2: text, not false
    ("!!str 2021", None, "2021"),
]


@pytest.mark.parametrize(("written", "message", "stored"), HOSTILE_NAMES, ids=[h[0][:30] for h in HOSTILE_NAMES])
def test_hostile_text_in_a_name(written: str, message: str | None, stored: str | None, tmp_path: Path) -> None:
    data = valid(tmp_path / "data")
    data.write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("name: Nguyễn Văn An", f"name: {written}"))
    dataset, problems = load_dataset(data.root)
    assert [str(problem) for problem in problems] == ([message] if message else [])
    if stored is not None:
        assert dataset is not None and dataset.exemplars["nguyen-van-an"].name == stored


def test_a_long_value_is_quoted_short_in_its_message(tmp_path: Path) -> None:
    data = valid(tmp_path / "data")
    data.write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("stage: tổng kết", "stage: " + "x" * 2_000))
    _dataset, problems = load_dataset(data.root)
    assert [str(problem) for problem in problems] == [
        "data/exemplars/nguyen-van-an.yml:25:8: stage: tìm thấy '" + "x" * 60 + "… (2.000 ký tự)'; giá trị phải là "
        "một trong: 'phát hiện', 'bồi dưỡng', 'tổng kết', 'nhân rộng'"
    ]


def test_a_text_from_git_history_is_screened_as_a_file_is() -> None:
    """--base reads old versions of the lists from git as text: the same refusals apply."""
    from site_builder.inputs.load import read_yaml_text

    laughs = (MALFORMED / "alias-billion-laughs.yml").read_text(encoding="utf-8")
    for text, message in (
        (laughs, "x.yml:3:11: lol2[0]: bí danh YAML '*a' " + ALIAS.format("a")),
        ("title: Một\x00Hai\n", f"x.yml:1:11: (tệp): ký tự điều khiển U+0000 {CONTROL}"),
        ("title: " + "[" * 50 + "]" * 50 + "\n", "x.yml:1:27: title" + "[0]" * 19 + f": {DEEP}"),
    ):
        data, _smap, problems = read_yaml_text(text, "x.yml")
        assert (data, [str(problem) for problem in problems]) == (None, [message])
