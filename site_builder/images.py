"""Images: checked before publishing.

`inspect` checks one file of data/images/: what it really is (by its bytes, not its name), its
size, its pixels, and for SVG that it carries nothing that runs or loads (no script, no event
handler, no foreignObject, no reference outside the file). validate.py turns what it finds into
located Vietnamese messages.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

from lxml import etree
from PIL import Image, UnidentifiedImageError

# Sizes as editors see them in the messages: decimal megabytes, like the record size limit.
WARN_BYTES: Final = 1_000_000
MAX_BYTES: Final = 10_000_000
MAX_PIXELS: Final = 50_000_000
# The width advised to editors (and, later, of the web copies).
WEB_WIDTH: Final = 1600

MEDIA_TYPES: Final = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "svg": "image/svg+xml",
}
# What each accepted file name ending must hold.
SUFFIXES: Final = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".svg": "svg"}
ACCEPTED: Final = "JPEG (.jpg, .jpeg), PNG (.png), WebP (.webp) hoặc SVG (.svg)"
NAMES: Final = {
    "jpeg": "ảnh JPEG",
    "png": "ảnh PNG",
    "webp": "ảnh WebP",
    "svg": "ảnh SVG",
    "gif": "ảnh GIF",
    "bmp": "ảnh BMP",
    "tiff": "ảnh TIFF",
    "heic": "ảnh HEIC (định dạng ảnh của iPhone)",
    "avif": "ảnh AVIF",
    "pdf": "tệp PDF",
    "zip": "tệp nén (hoặc tài liệu Word, Excel)",
    "html": "trang web (HTML)",
}
_PIL_FORMATS: Final = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}

SVG_NS: Final = "http://www.w3.org/2000/svg"
XLINK_HREF: Final = "{http://www.w3.org/1999/xlink}href"
# Elements that run code, embed documents or pull in other files.
_SVG_FORBIDDEN: Final = {
    "script": "thẻ <script>",
    "foreignobject": "thẻ <foreignObject>",
    "handler": "thẻ <handler>",
    "listener": "thẻ <listener>",
    "iframe": "thẻ <iframe>",
    "embed": "thẻ <embed>",
    "object": "thẻ <object>",
    "include": "thẻ <xi:include>",
}
# Pictures embedded in an SVG as data: URLs are part of the file, not references outside it.
_EMBEDDED_PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\xa0\u00ad\u200b-\u200f\u2060-\u206f\ufeff]")


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


# -- what a file is ------------------------------------------------------------------------


def sniff(head: bytes) -> str | None:
    """What a file is, from its first bytes; None for anything this module does not know."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head[4:8] == b"ftyp":
        return "avif" if head[8:12] in (b"avif", b"avis") else "heic"
    if head.startswith(b"BM"):
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return "html"
    if text.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")):
        return "svg"
    return None


@dataclass(frozen=True)
class Finding:
    """One thing wrong with an image file, in Vietnamese; a warning does not stop publication."""

    message: str
    warning: bool = False


def inspect(path: Path, src: str) -> list[Finding]:
    """Everything wrong with the image file at path (referenced as src); empty when it can be published."""
    suffix = PurePosixPath(src).suffix.lower()
    expected = SUFFIXES.get(suffix)
    if expected is None:
        ending = f"đuôi '{suffix}'" if suffix else "tên tệp không có đuôi"
        return [Finding(f"'{src}': {ending} không dùng được; chỉ dùng ảnh {ACCEPTED}")]
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(64)
    actual = sniff(head)
    if actual != expected:
        return [Finding(_mismatch(src, suffix, expected, actual))]
    found: list[Finding] = []
    if size > MAX_BYTES:
        found.append(
            Finding(
                f"ảnh '{src}' nặng {megabytes(size)}; tối đa {MAX_BYTES // 1_000_000} MB: thu nhỏ ảnh "
                f"(rộng khoảng {WEB_WIDTH} điểm ảnh là đủ cho trang) rồi lưu lại"
            )
        )
        return found  # not opened: a file that large is refused anyway
    if size > WARN_BYTES:
        found.append(
            Finding(
                f"ảnh '{src}' nặng {megabytes(size)}, nên dưới {WARN_BYTES // 1_000_000} MB: trang tự làm bản nhỏ "
                f"cho web, nhưng ảnh gốc lớn làm kho dữ liệu nặng dần; thu nhỏ ảnh (rộng khoảng {WEB_WIDTH} "
                "điểm ảnh) rồi lưu lại",
                warning=True,
            )
        )
    problem = _check_svg(path, src) if expected == "svg" else _check_raster(path, src, expected)
    if problem:
        found.append(Finding(problem))
    return found


def _mismatch(src: str, suffix: str, expected: str, actual: str | None) -> str:
    what = NAMES.get(actual or "", "tệp không phải ảnh")
    if actual in MEDIA_TYPES:
        right = next(s for s, kind in SUFFIXES.items() if kind == actual)
        renamed = str(PurePosixPath(src).with_suffix(right))
        return (
            f"'{src}' có đuôi {suffix} nhưng thực ra là {what}, không phải {NAMES[expected]}; "
            f"đổi tên tệp thành '{renamed}' và sửa src theo tên mới"
        )
    return (
        f"'{src}' có đuôi {suffix} nhưng thực ra là {what}, không phải {NAMES[expected]}; chỉ dùng ảnh "
        f"{ACCEPTED}: mở tệp, lưu lại thành ảnh JPEG rồi sửa src theo tên tệp mới"
    )


def _too_many_pixels(src: str, size: tuple[int, int] | None) -> str:
    shown = f"{size[0]} × {size[1]} điểm ảnh" if size else f"hơn {MAX_PIXELS // 1_000_000} triệu điểm ảnh"
    return (
        f"ảnh '{src}' có {shown}; tối đa {MAX_PIXELS // 1_000_000} triệu điểm ảnh: thu nhỏ ảnh "
        f"(rộng khoảng {WEB_WIDTH} điểm ảnh) rồi lưu lại"
    )


def _check_raster(path: Path, src: str, expected: str) -> str | None:
    broken = f"'{src}' là {NAMES[expected]} hỏng hoặc chưa chép xong; mở ảnh bằng phần mềm xem ảnh, lưu lại rồi thử lại"
    try:
        with warnings.catch_warnings(), Image.open(path) as image:
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the pixel limit below says more
            if _PIL_FORMATS.get(image.format or "") != expected:
                return broken
            width, height = image.size
            if width * height > MAX_PIXELS:
                return _too_many_pixels(src, image.size)
            if expected == "png":
                image.verify()  # every chunk and its checksum, without decoding the pixels
            else:
                # A JPEG decoded at an eighth of its size still reads every block to the end.
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except Image.DecompressionBombError:
        return _too_many_pixels(src, None)
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return broken
    return None


def _safe_parser() -> etree.XMLParser:
    """No entities expanded, no DTD loaded, nothing fetched, no huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _external(reference: str) -> bool:
    """A reference that leaves the file: anything but '#id' and an embedded picture."""
    value = _URL_NOISE.sub("", reference)
    return bool(value) and not value.startswith("#") and not _EMBEDDED_PICTURE.match(value)


def svg_findings(root: etree._Element, docinfo: etree.DocInfo) -> list[str]:
    """What makes an SVG unsafe to publish, in Vietnamese, in document order."""
    found: list[str] = []
    if docinfo.internalDTD is not None and list(docinfo.internalDTD.iterentities()):
        found.append("khai báo ENTITY")
    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
            found.append("chỉ thị xml-stylesheet (tải tệp khác)")
    for element in root.iter():
        if isinstance(element, etree._ProcessingInstruction) and element.target == "xml-stylesheet":
            found.append("chỉ thị xml-stylesheet (tải tệp khác)")
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname.lower()
        if name in _SVG_FORBIDDEN:
            found.append(_SVG_FORBIDDEN[name])
        if name == "style" and element.text:
            found.extend(_css_findings(element.text))
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname.lower()
            if local.startswith("on"):
                found.append(f"thuộc tính sự kiện {local}")
            elif local == "href" and _external(value):
                found.append(f"tham chiếu ra ngoài '{value[:60]}'")
            elif local == "style":
                found.extend(_css_findings(value))
            elif "javascript:" in _URL_NOISE.sub("", value).lower():
                found.append(f"đường dẫn javascript: trong thuộc tính {local}")
    return list(dict.fromkeys(found))


def _css_findings(css: str) -> list[str]:
    found = ["@import trong style"] if "@import" in css.lower() else []
    found.extend(f"tham chiếu ra ngoài '{url[:60]}'" for url in _CSS_URL.findall(css) if _external(url))
    return found


def _check_svg(path: Path, src: str) -> str | None:
    if b"<!ENTITY" in path.read_bytes():
        # Refused before parsing: entities are how an SVG grows to gigabytes ("billion laughs").
        return _unsafe_svg(src, ["khai báo ENTITY"])
    try:
        tree = etree.parse(str(path), _safe_parser())
    except etree.XMLSyntaxError as error:
        line = f" (lỗi ở dòng {error.lineno})" if error.lineno else ""
        return f"'{src}' không phải ảnh SVG đọc được{line}; xuất lại ảnh từ phần mềm vẽ rồi thử lại"
    root = tree.getroot()
    if root.tag != f"{{{SVG_NS}}}svg":
        return f"'{src}' không phải ảnh SVG (thẻ gốc không phải <svg> của SVG); xuất lại ảnh từ phần mềm vẽ rồi thử lại"
    found = svg_findings(root, tree.docinfo)
    return _unsafe_svg(src, found) if found else None


def _unsafe_svg(src: str, found: list[str]) -> str:
    shown = ", ".join(found[:3]) + (f" và {len(found) - 3} chỗ khác" if len(found) > 3 else "")
    return (
        f"ảnh SVG '{src}' có {shown}; không đăng ảnh SVG có mã chạy hay tham chiếu ra ngoài tệp: "
        "xuất lại ảnh dạng SVG thường (không kèm mã, phông chữ hay ảnh liên kết) hoặc dùng ảnh PNG"
    )
