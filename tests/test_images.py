"""Images: checked before publishing (exact Vietnamese messages), served at web size without
metadata, a 1200 x 630 share image for every page. Every image is made by the test itself."""

from __future__ import annotations

import io
import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree, html
from PIL import Image, ImageDraw, ImageOps

from site_builder.commands.build import Progress, Project, build
from site_builder.model.images import SHARE_SIZE, WEB_TARGET_BYTES, WEB_WIDTH, CardMaker, Media
from site_builder.model.site_model import SiteModel
from site_builder.site.site import Site
from site_builder.urls import URLS

from .conftest import ROOT, DataDir
from .records import CAMPAIGN, EXEMPLAR, NOMINATION
from .test_validation import messages

SITE = "https://thidua-khenthuong.github.io/"
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


# -- what the site serves ------------------------------------------------------------------


def exif_with_gps(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "MayAnhCuaBienTap"  # camera maker
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 12.0)})
    return exif


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory, now: datetime) -> Path:
    """A site with a 4000 x 3000 phone photo taken sideways (EXIF orientation 6), with GPS."""
    folder = tmp_path_factory.mktemp("photo")
    (folder / "data").mkdir()
    data = DataDir(folder / "data")
    content = encoded(photo((4000, 3000)), "JPEG", quality=92, exif=exif_with_gps(6), comment=b"GPS 21.0250 105.8533")
    with_image(data, "dong-lua.jpg", content)
    out = folder / "site"
    build(Project(ROOT, data.root, out), now, progress=Progress(None))
    return out


def served_photo(site: Path) -> tuple[Path, Image.Image]:
    page = html.fromstring((site / "dien-hinh" / "nguyen-van-an" / "index.html").read_bytes())
    img = page.cssselect(".tdkt-figure img")[0]
    path = (site / "dien-hinh" / "nguyen-van-an" / img.get("src")).resolve()
    image = Image.open(path)
    assert (img.get("width"), img.get("height")) == (str(image.width), str(image.height))
    return path, image


def test_the_web_copy_is_upright_small_and_carries_no_metadata(photo_site: Path) -> None:
    path, image = served_photo(photo_site)
    assert path.parent == photo_site / "images" and path.name.startswith("dong-lua-") and path.suffix == ".jpg"
    assert image.format == "JPEG"
    assert image.size == (1200, 1600)  # turned upright (3000 x 4000), then at most 1600 px wide and tall
    assert image.width <= WEB_WIDTH
    assert path.stat().st_size <= WEB_TARGET_BYTES
    raw = path.read_bytes()
    assert not image.getexif() and b"Exif" not in raw and b"GPS" not in raw and b"MayAnh" not in raw
    assert "comment" not in image.info and "icc_profile" not in image.info
    assert not (photo_site / "images" / "dong-lua.jpg").exists()  # the original (with its GPS) is not published


def test_feeds_give_the_served_file_its_type_and_length(photo_site: Path) -> None:
    path, _ = served_photo(photo_site)
    url = SITE + str(path.relative_to(photo_site))
    rss = etree.parse(str(photo_site / "nguon-tin" / "dien-hinh.xml"))
    enclosure = rss.find(".//item/enclosure")
    assert enclosure is not None
    assert (enclosure.get("url"), enclosure.get("type"), enclosure.get("length")) == (
        url,
        "image/jpeg",
        str(path.stat().st_size),
    )
    atom = etree.parse(str(photo_site / "nguon-tin" / "dien-hinh.atom.xml"))
    link = atom.find(".//{http://www.w3.org/2005/Atom}link[@rel='enclosure']")
    assert link is not None and link.get("href") == url and link.get("length") == str(path.stat().st_size)
    item = json.loads((photo_site / "nguon-tin" / "dien-hinh.json").read_text(encoding="utf-8"))["items"][0]
    assert item["image"] == url and item["attachments"][0]["size_in_bytes"] == path.stat().st_size
    assert f'src="{url}"' in item["content_html"]
    data = json.loads((photo_site / "du-lieu" / "guong-dien-hinh.json").read_text(encoding="utf-8"))
    assert data["records"][0]["image"] == url


def test_a_photo_gives_its_page_a_1200_by_630_share_crop(photo_site: Path, now: datetime) -> None:
    data = photo_site.parent / "data"
    site = Site(SiteModel(check_data(data, now), now))
    pages = {page.url: page for page in site.pages()}
    share = pages["dien-hinh/nguyen-van-an/"].meta["share_image"]
    assert share.startswith("images/dong-lua-") and share.endswith("-chia-se.jpg")
    crop = Image.open(photo_site / share)
    assert crop.format == "JPEG" and crop.size == SHARE_SIZE and not crop.getexif()


def check_data(folder: Path, now: datetime) -> object:
    from site_builder.commands.build import check

    return check(folder, now)[0]


def test_every_page_has_a_share_image_of_1200_by_630(sample_site: Path, sample_data: Path, now: datetime) -> None:
    site = Site(SiteModel(check_data(sample_data, now), now))  # type: ignore[arg-type]
    pages = site.pages()
    shown = {page.meta["share_image"] for page in pages}
    for path in shown:
        image = Image.open(sample_site / path)
        assert image.size == SHARE_SIZE, path
        assert image.format == ("PNG" if path.endswith(".png") else "JPEG"), path
    # Exemplars without a photo (the sample's are drawings) show a card of their own.
    exemplars = [page for page in pages if page.meta.get("kind") == "exemplar"]
    assert exemplars and all(page.meta["share_image"] == URLS.share_card(page.url) for page in exemplars)
    cards = list((sample_site / URLS.SHARE).rglob("*.png"))
    assert len(cards) == len({path for path in shown if path.startswith(URLS.SHARE)})
    assert (sample_site / URLS.share_card(URLS.home())).is_file()  # the hand-written pages' share image


def test_a_share_card_is_a_1200_by_630_png_that_fits_any_title() -> None:
    maker = CardMaker()
    for title in ("Lạng Sơn", "Phong trào thi đua " * 30, "Đường-dây-nói-dài-không-có-dấu-cách-" * 10):
        card = Image.open(io.BytesIO(maker.card(title, "Thi đua - Khen thưởng")))
        assert card.format == "PNG" and card.size == SHARE_SIZE
    assert maker.card("Lạng Sơn", "Thi đua") == maker.card("Lạng Sơn", "Thi đua")  # the same bytes every build


def test_a_share_card_is_an_8_colour_png_of_a_few_kilobytes() -> None:
    """Eleven thousand cards at 10,000 exemplars: each one's size is a share of GitHub Pages' 1 GB."""
    title = "Chị Nguyễn Thị Hồng Nhung, giáo viên trường tiểu học xã miền núi, 15 năm bám bản dạy chữ cho học sinh"
    data = CardMaker().card(title, "Cổng thông tin thi đua, khen thưởng tỉnh Lạng Sơn")
    card = Image.open(io.BytesIO(data))
    colours = {colour for _count, colour in card.convert("RGB").getcolors(256) or []}
    assert card.mode == "P" and len(colours) <= 8
    # The title's white and the band's yellow are there, and the red background.
    assert {(255, 255, 255), (246, 199, 68), (142, 22, 22)} <= colours
    assert len(data) < 16_000


def test_one_copy_per_content_whatever_the_name(data_dir: DataDir) -> None:
    content = encoded(photo((800, 600)), "JPEG")
    for name in ("a.jpg", "b.jpg"):
        (data_dir.root / "images" / name).write_bytes(content)
    media = Media(data_dir.root, ["images/a.jpg", "images/b.jpg"])
    assert media.web("images/a.jpg").path.removeprefix("images/a") == media.web("images/b.jpg").path.removeprefix(
        "images/b"
    )
    files = dict(media.files())
    assert len(files) == 4 and len(set(files.values())) == 2
    assert media.length("images/a.jpg") == len(files[media.web("images/a.jpg").path])


def test_transparent_png_becomes_webp_with_its_transparency(data_dir: DataDir) -> None:
    logo = Image.new("RGBA", (2400, 1200), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((100, 100, 1100, 1100), fill=(200, 30, 30, 255))
    (data_dir.root / "images" / "logo.png").write_bytes(encoded(logo, "PNG"))
    media = Media(data_dir.root, ["images/logo.png"])
    served = media.web("images/logo.png")
    assert served.path.endswith(".webp") and served.media_type == "image/webp"
    web = Image.open(io.BytesIO(dict(media.files())[served.path]))
    assert web.format == "WEBP" and web.size == (1600, 800) and web.mode == "RGBA"


def test_a_detailed_photo_is_brought_under_300_kb(data_dir: DataDir) -> None:
    """Lower quality until the copy fits: this one is 670 KB at the first quality tried."""
    detailed = Image.blend(photo((2400, 1800)), Image.effect_noise((2400, 1800), 60).convert("RGB"), 0.3)
    (data_dir.root / "images" / "chi-tiet.jpg").write_bytes(encoded(detailed, "JPEG", quality=95))
    media = Media(data_dir.root, ["images/chi-tiet.jpg"])
    web = dict(media.files())[media.web("images/chi-tiet.jpg").path]
    assert 200_000 < len(web) <= WEB_TARGET_BYTES
    assert Image.open(io.BytesIO(web)).size == (1600, 1200)
