"""Images: checked before publishing, with exact Vietnamese messages. Every image is made by the test itself."""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageOps

from .conftest import DataDir
from .records import CAMPAIGN, EXEMPLAR, NOMINATION
from .test_validation import messages

WHERE = "data/exemplars/nguyen-van-an.yml:15:10: images[0].src: "


def with_image(data: DataDir, name: str, content: bytes) -> DataDir:
    """The valid records, the exemplar's photo being data/images/<name>."""
    (data.root / "images" / name).write_bytes(content)
    data.write("campaigns/ntm.yml", CAMPAIGN)
    data.write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("images/ruong-lua.svg", f"images/{name}"))
    data.write("nominations/hcld-2026.yml", NOMINATION)
    return data


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def photo(size: tuple[int, int], seed: int = 7) -> Image.Image:
    """Something like a photograph: sky, fields, shapes and sensor noise."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.merge("RGB", (image.getchannel(0), ImageOps.invert(image.getchannel(1)), image.getchannel(2)))
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y = (seed * 7919 + i * 104729) % width, (seed * 15485863 + i * 1299709) % height
        draw.ellipse((x, y, x + width // 8, y + height // 10), fill=(40 + i * 5 % 200, 120, 200 - i * 3 % 150))
    noise = Image.effect_noise(size, 12).convert("RGB")
    return Image.blend(image, noise, 0.12)


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'
ACCEPTED = "JPEG (.jpg, .jpeg), PNG (.png), WebP (.webp) hoặc SVG (.svg)"
SVG_ADVICE = (
    "; không đăng ảnh SVG có mã chạy hay tham chiếu ra ngoài tệp: xuất lại ảnh dạng SVG thường "
    "(không kèm mã, phông chữ hay ảnh liên kết) hoặc dùng ảnh PNG"
)


# -- checks before publishing ------------------------------------------------------------


def test_a_pdf_renamed_jpg_is_refused(data_dir: DataDir) -> None:
    assert messages(with_image(data_dir, "ho-so.jpg", MINIMAL_PDF)) == [
        f"{WHERE}'images/ho-so.jpg' có đuôi .jpg nhưng thực ra là tệp PDF, không phải ảnh JPEG; chỉ dùng ảnh "
        f"{ACCEPTED}: mở tệp, lưu lại thành ảnh JPEG rồi sửa src theo tên tệp mới"
    ]


def test_a_png_named_jpg_is_refused_with_the_right_name(data_dir: DataDir) -> None:
    assert messages(with_image(data_dir, "ruong.jpg", encoded(photo((64, 48)), "PNG"))) == [
        f"{WHERE}'images/ruong.jpg' có đuôi .jpg nhưng thực ra là ảnh PNG, không phải ảnh JPEG; "
        "đổi tên tệp thành 'images/ruong.png' và sửa src theo tên mới"
    ]


def test_an_iphone_photo_renamed_jpg_is_refused(data_dir: DataDir) -> None:
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200)
    assert messages(with_image(data_dir, "iphone.jpg", heic)) == [
        f"{WHERE}'images/iphone.jpg' có đuôi .jpg nhưng thực ra là ảnh HEIC (định dạng ảnh của iPhone), không "
        f"phải ảnh JPEG; chỉ dùng ảnh {ACCEPTED}: mở tệp, lưu lại thành ảnh JPEG rồi sửa src theo tên tệp mới"
    ]


def test_a_12_mb_image_is_refused(data_dir: DataDir) -> None:
    big = Image.frombytes("RGB", (2000, 2000), os.urandom(2000 * 2000 * 3))
    content = encoded(big, "PNG", compress_level=0)
    assert 12_000_000 < len(content) < 12_100_000
    assert messages(with_image(data_dir, "lon.png", content)) == [
        f"{WHERE}ảnh 'images/lon.png' nặng 12,0 MB; tối đa 10 MB: thu nhỏ ảnh (rộng khoảng 1600 điểm ảnh là đủ "
        "cho trang) rồi lưu lại"
    ]


def test_an_image_over_1_mb_is_a_warning(data_dir: DataDir, tmp_path: Path, now: datetime) -> None:
    content = encoded(Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3)), "PNG", compress_level=0)
    assert messages(with_image(data_dir, "vua.png", content)) == [
        f"{WHERE}cảnh báo: ảnh 'images/vua.png' nặng 1,5 MB, nên dưới 1 MB: trang tự làm bản nhỏ cho web, nhưng "
        "ảnh gốc lớn làm kho dữ liệu nặng dần; thu nhỏ ảnh (rộng khoảng 1600 điểm ảnh) rồi lưu lại"
    ]


def test_a_truncated_jpeg_is_refused(data_dir: DataDir) -> None:
    content = encoded(photo((400, 300)), "JPEG", quality=90)
    assert messages(with_image(data_dir, "dut.jpg", content[: len(content) // 2])) == [
        f"{WHERE}'images/dut.jpg' là ảnh JPEG hỏng hoặc chưa chép xong; mở ảnh bằng phần mềm xem ảnh, lưu lại "
        "rồi thử lại"
    ]


def test_a_gif_is_refused(data_dir: DataDir) -> None:
    assert messages(with_image(data_dir, "dong.gif", encoded(photo((40, 30)), "GIF"))) == [
        f"{WHERE}'images/dong.gif': đuôi '.gif' không dùng được; chỉ dùng ảnh {ACCEPTED}"
    ]


def test_too_many_pixels_are_refused(data_dir: DataDir) -> None:
    content = encoded(Image.new("1", (10_000, 6_000)), "PNG")  # small file, 60 million pixels
    assert messages(with_image(data_dir, "rong.png", content)) == [
        f"{WHERE}ảnh 'images/rong.png' có 10000 × 6000 điểm ảnh; tối đa 50 triệu điểm ảnh: thu nhỏ ảnh (rộng "
        "khoảng 1600 điểm ảnh) rồi lưu lại"
    ]


@pytest.mark.parametrize(
    ("inside", "found"),
    [
        ("<script>alert(1)</script>", "thẻ <script>"),
        ('<rect width="5" height="5" onload="alert(1)"/>', "thuộc tính sự kiện onload"),
        ("<foreignObject><p>x</p></foreignObject>", "thẻ <foreignObject>"),
        (
            '<image href="https://example.com/a.png" width="5" height="5"/>',
            "tham chiếu ra ngoài 'https://example.com/a.png'",
        ),
        ('<use xlink:href="khac.svg#a"/>', "tham chiếu ra ngoài 'khac.svg#a'"),
        (
            "<style>@import url(https://example.com/a.css);</style>",
            "@import trong style, tham chiếu ra ngoài 'https://example.com/a.css'",
        ),
        (
            '<rect style="fill:url(https://example.com/p.svg#g)" width="5" height="5"/>',
            "tham chiếu ra ngoài 'https://example.com/p.svg#g'",
        ),
        ('<a href="javascript:alert(1)"><rect width="5" height="5"/></a>', "tham chiếu ra ngoài 'javascript:alert(1)'"),
        ('<set attributeName="href" to="javascript:alert(1)"/>', "đường dẫn javascript: trong thuộc tính to"),
    ],
)
def test_svg_that_runs_or_loads_something_is_refused(data_dir: DataDir, inside: str, found: str) -> None:
    assert messages(with_image(data_dir, "mo.svg", SVG.format(inside).encode())) == [
        f"{WHERE}ảnh SVG 'images/mo.svg' có {found}{SVG_ADVICE}"
    ]


def test_svg_with_entities_is_refused_without_expanding_them(data_dir: DataDir) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "ha"}">' for i in range(10))
    content = f'<?xml version="1.0"?><!DOCTYPE svg [{laughs}]>' + SVG.format("<text>&l9;</text>")
    assert messages(with_image(data_dir, "cuoi.svg", content.encode())) == [
        f"{WHERE}ảnh SVG 'images/cuoi.svg' có khai báo ENTITY{SVG_ADVICE}"
    ]


def test_svg_that_is_not_svg_is_refused(data_dir: DataDir) -> None:
    assert messages(with_image(data_dir, "hong.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>")) == [
        f"{WHERE}'images/hong.svg' không phải ảnh SVG đọc được (lỗi ở dòng 1); xuất lại ảnh từ phần mềm vẽ rồi thử lại"
    ]


def test_safe_svg_and_photos_pass(data_dir: DataDir) -> None:
    embedded = "data:image/png;base64,iVBORw0KGgo="
    inside = f'<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="5" height="5"/><use href="#g"/><image href="{embedded}"/>'
    assert messages(with_image(data_dir, "an-toan.svg", SVG.format(inside).encode())) == []
    for name, fmt in (("anh.jpg", "JPEG"), ("anh.jpeg", "JPEG"), ("anh.png", "PNG"), ("anh.webp", "WEBP")):
        assert messages(with_image(data_dir, name, encoded(photo((320, 240)), fmt))) == [], name
