"""Images: checked before publishing, served at web size, and a share image for every page.

- `inspect` checks one file of data/images/: what it really is (by its bytes, not its name),
  its size, its pixels, and for SVG that it carries nothing that runs or loads (no script, no
  event handler, no foreignObject, no reference outside the file). validate.py turns what it
  finds into located Vietnamese messages.
- `Media` plans what the site serves for every image a record references, before rendering:
  photos (JPEG, PNG, WebP) as web copies at most 1600 px wide and about 300 KB, with the EXIF
  orientation applied and no metadata (GPS positions, camera serials: personal data), plus a
  1200 x 630 crop for share previews; SVG as it is. Paths carry a digest of the file, so a
  replaced photo gets a new URL and a copy is made once per content whatever its name.
- `share_card` draws the 1200 x 630 PNG shown when a page without a photo is shared: its title
  and the site's name, in a font from a Debian package that renders Vietnamese.

Encoding happens in the build's post-build step (`Media.files`), beside Pagefind; pages only
need paths and sizes, which come from the files' headers. Copies and cards are kept in the build
cache (cache.py), keyed by what they are drawn from: at 10,000 exemplars they took 7.7 s a build.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

import resvg_py
from lxml import etree
from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError, features

from .. import vietnamese as vn
from ..problems import BuildError
from ..urls import URLS, Urls
from ..utils import cache

# Sizes as editors see them in the messages: decimal megabytes, like the record size limit.
WARN_BYTES: Final = 1_000_000
MAX_BYTES: Final = 10_000_000
MAX_PIXELS: Final = 50_000_000
# Web copies: wide enough for any phone and a desktop column, small enough for slow mobile data.
WEB_WIDTH: Final = 1600
WEB_TARGET_BYTES: Final = 300_000
WEB_QUALITIES: Final = (84, 78, 72, 66, 60, 54, 48, 42)
SHARE_SIZE: Final = (1200, 630)
SHARE_QUALITY: Final = 80
# Changes whenever the way copies are made changes, so their paths (and readers' caches) change too.
RECIPE: Final = "web-1600-300k-v1"
SVG_RECIPE: Final = "svg-png-1200-v1"
# The longer side of a drawing's PNG copy: a share preview's width, sharp on a phone.
RASTER_SIDE: Final = 1200

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
                f"ảnh '{src}' nặng {vn.megabytes(size)}; tối đa {MAX_BYTES // 1_000_000} MB: thu nhỏ ảnh "
                f"(rộng khoảng {WEB_WIDTH} điểm ảnh là đủ cho trang) rồi lưu lại"
            )
        )
        return found  # not opened: a file that large is refused anyway
    if size > WARN_BYTES:
        found.append(
            Finding(
                f"ảnh '{src}' nặng {vn.megabytes(size)}, nên dưới {WARN_BYTES // 1_000_000} MB: trang tự làm bản nhỏ "
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


# -- what the site serves --------------------------------------------------------------------


@dataclass(frozen=True)
class Served:
    """An image file the site serves: its site-relative path, media type and pixel size."""

    path: str
    media_type: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class _Plan:
    src: str
    source: Path
    kind: str  # jpeg, png, webp or svg
    digest: str
    web: Served
    share: Served | None  # the 1200 x 630 crop of a photo
    alpha: bool = False
    orientation: int = 1
    raster: Served | None = None  # the PNG copy of a drawing (SVG), for feeds


def _svg_size(path: Path) -> tuple[int | None, int | None]:
    """Width and height of an SVG from its root (plain numbers or px), else from its viewBox."""
    try:
        root = etree.parse(str(path), _safe_parser()).getroot()
    except etree.XMLSyntaxError:
        return None, None
    sizes = [re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*", root.get(name) or "") for name in ("width", "height")]
    if sizes[0] and sizes[1]:
        return round(float(sizes[0].group(1))), round(float(sizes[1].group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        return round(float(box[2])), round(float(box[3]))
    except (IndexError, ValueError):
        return None, None


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info


class Media:
    """Every image the records reference, as the site serves it."""

    def __init__(self, data_dir: Path, sources: Iterable[str], urls: Urls = URLS) -> None:
        self.data_dir = data_dir
        self.urls = urls
        self.plans: dict[str, _Plan] = {}
        for src in sorted(set(sources)):
            self.plans[src] = self._plan(src)
        self._lengths: dict[str, int] = {}

    def _plan(self, src: str) -> _Plan:
        source = self.data_dir / src
        raw = source.read_bytes()
        kind = SUFFIXES.get(PurePosixPath(src).suffix.lower(), "")
        if kind == "svg":
            # SVG is served as it is, once checked, and pages show it; feeds carry a PNG copy.
            width, height = _svg_size(source)
            digest = hashlib.sha256(SVG_RECIPE.encode() + raw).hexdigest()[:12]
            raster = Served(self.urls.web_image(src, digest, ".png"), MEDIA_TYPES["png"], *_raster_size(width, height))
            return _Plan(src, source, kind, digest, Served(src, MEDIA_TYPES["svg"], width, height), None, raster=raster)
        if kind not in MEDIA_TYPES:  # never passes validation
            return _Plan(src, source, kind, "", Served(src, "application/octet-stream"), None)
        digest = hashlib.sha256(RECIPE.encode() + raw).hexdigest()[:12]
        with Image.open(io.BytesIO(raw)) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
            alpha = _has_alpha(image)
        if orientation in (5, 6, 7, 8):
            width, height = height, width
        # At most 1600 px wide, and as tall for photos taken upright (a phone shows them narrower).
        scale = min(1.0, WEB_WIDTH / width, WEB_WIDTH / height)
        if scale < 1:
            width, height = max(1, round(width * scale)), max(1, round(height * scale))
        suffix, media_type = (".webp", MEDIA_TYPES["webp"]) if alpha else (".jpg", MEDIA_TYPES["jpeg"])
        web = Served(self.urls.web_image(src, digest, suffix), media_type, width, height)
        share = Served(self.urls.share_photo(src, digest), "image/jpeg", *SHARE_SIZE)
        return _Plan(src, source, kind, digest, web, share, alpha, orientation)

    def web(self, src: str) -> Served:
        """What pages and feeds show for the image src of a record."""
        return self.plans[src].web

    def share_photo(self, src: str) -> str | None:
        """The 1200 x 630 crop of a photo for share previews; None for SVG (not shown by networks)."""
        share = self.plans[src].share
        return share.path if share else None

    def feed(self, src: str) -> Served:
        """What feeds carry for the image src: the web copy of a photo, the PNG copy of a drawing.

        Most feed readers, and the networks and chat apps that show a feed's images, show no SVG.
        """
        plan = self.plans[src]
        return plan.raster or plan.web

    def length(self, src: str) -> int:
        """Bytes of the file feeds carry for src (made now if the build has not made it yet)."""
        if src not in self._lengths:
            plan = self.plans[src]
            if plan.raster is not None:
                self._lengths[src] = len(_rasterised(plan))
            elif plan.share is None:
                self._lengths[src] = plan.source.stat().st_size
            else:
                self._lengths[src] = len(_made(plan)[0])
        return self._lengths[src]

    def files(self) -> Iterator[tuple[str, bytes]]:
        """Every file served for the records' images: SVGs as they are with their PNG copies, web
        copies and crops of photos."""
        made: dict[str, tuple[bytes, bytes]] = {}
        for src, plan in self.plans.items():
            if plan.share is None:
                yield plan.web.path, plan.source.read_bytes()
                if plan.raster is not None:
                    png = _rasterised(plan)
                    self._lengths[src] = len(png)
                    yield plan.raster.path, png
                continue
            if plan.digest not in made:
                made[plan.digest] = _made(plan)
            web, share = made[plan.digest]
            self._lengths[src] = len(web)
            yield plan.web.path, web
            yield plan.share.path, share


def _raster_size(width: int | None, height: int | None) -> tuple[int | None, int | None]:
    """The PNG copy of a drawing: RASTER_SIDE on its longer side (drawings are often drawn small)."""
    if not width or not height:
        return None, None
    scale = RASTER_SIDE / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _rasterised(plan: _Plan) -> bytes:
    """The PNG copy of an SVG, drawn by resvg, from the build cache when it has it."""
    raster = plan.raster
    assert raster is not None
    raw = plan.source.read_bytes()
    size = f"{raster.width}x{raster.height}"
    parts = [hashlib.sha256(raw).hexdigest(), size, _font_key()]  # resvg_py's version: in the code version
    return cache.current().memo("images", parts, lambda: _rasterise(plan.src, raw, raster.width, raster.height))


@functools.cache
def _font_key() -> str:
    """The fonts a drawing's text is set in, by content (a system update may replace the files)."""
    return cache.key(*(Path(path).read_bytes() for path in font_paths()))


def _rasterise(src: str, raw: bytes, width: int | None, height: int | None) -> bytes:
    """An SVG (already checked: nothing outside the file) as a PNG of the given size, on white.

    resvg is a complete SVG renderer in Rust that pip installs as a wheel, with no system library
    (CairoSVG needs libcairo from the system; Pillow reads no SVG). System fonts are not read:
    text in a drawing is set in the share cards' fonts, so every machine draws the same PNG.
    """
    bold, regular = font_paths()
    family = "DejaVu Sans" if "dejavu" in regular.lower() else "Noto Sans"
    try:
        png: bytes = resvg_py.svg_to_bytes(
            svg_string=raw.decode("utf-8-sig"),
            width=width,
            height=height,
            background="#ffffff",  # readers show transparency as black, or on their own background
            skip_system_fonts=True,
            font_files=[regular, bold],
            font_family=family,
            sans_serif_family=family,
        )
    except (ValueError, UnicodeDecodeError) as error:
        raise BuildError(
            f"ảnh '{src}': không vẽ được bản PNG của ảnh SVG ({error}); xuất lại ảnh từ phần mềm vẽ"
        ) from error
    return png


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours as a phone shows them: an embedded profile (Display P3, Adobe RGB, CMYK) converted to sRGB."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted if converted is not None else image


def _bare(image: Image.Image) -> Image.Image:
    """The pixels only: no EXIF (GPS position, camera, date), XMP, comment or profile is carried over."""
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _encode(image: Image.Image, fmt: str, qualities: Iterable[int], target: int) -> bytes:
    data = b""
    for quality in qualities:
        out = io.BytesIO()
        if fmt == "WEBP":
            image.save(out, "WEBP", quality=quality, method=4)
        else:
            image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        data = out.getvalue()
        if len(data) <= target:
            break
    return data


@functools.cache
def _libraries() -> str:
    """The versions of the libraries inside Pillow that decode, convert, encode and draw.

    Pillow's own version is in the cache's code version, but a Pillow built from source uses
    the system's libraries, which the system may update on its own.
    """
    names = ("jpg", "libjpeg_turbo", "zlib", "webp", "littlecms2", "freetype2")
    return " ".join(f"{name}={features.version(name)}" for name in names)


def _made(plan: _Plan) -> tuple[bytes, bytes]:
    """The web copy and the share crop of one photo, from the build cache when it has them.

    _copies reads nothing but the file's bytes, the copy's size, the orientation and whether
    the photo has transparency (all derived from those bytes at planning, but keyed as they
    are, in case the file changed since); the hash is of the very bytes decoded.
    """
    raw = plan.source.read_bytes()
    web = plan.web
    parts = [
        hashlib.sha256(raw).hexdigest(),
        f"{web.width}x{web.height}",
        f"orientation={plan.orientation}",
        f"alpha={plan.alpha}",
        _libraries(),
    ]
    made = cache.current().memo_all("images", parts, lambda: _copies(plan, raw))
    web_bytes, share_bytes = made
    return web_bytes, share_bytes


def _copies(plan: _Plan, raw: bytes) -> tuple[bytes, bytes]:
    """The web copy and the share crop of one photo (raw: its file's bytes), decoded once."""
    web = plan.web
    assert web.width is not None and web.height is not None
    with Image.open(io.BytesIO(raw)) as opened:
        if opened.format == "JPEG":
            # Decode at the smallest power-of-two scale that is still at least the copy's size.
            stored = (web.height, web.width) if plan.orientation in (5, 6, 7, 8) else (web.width, web.height)
            opened.draft("RGB", stored)
        image = ImageOps.exif_transpose(opened)
        image = _to_srgb(image)
        image = image.convert("RGBA" if plan.alpha else "RGB")
    if image.size != (web.width, web.height):
        image = image.resize((web.width, web.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    image = _bare(image)
    web_bytes = _encode(image, "WEBP" if plan.alpha else "JPEG", WEB_QUALITIES, WEB_TARGET_BYTES)
    if plan.alpha:
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    crop = ImageOps.fit(image, SHARE_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    return web_bytes, _encode(_bare(crop), "JPEG", (SHARE_QUALITY,), 0)


# -- share cards --------------------------------------------------------------------------------

# Fonts by path, from Debian packages (installed by tools/setup.sh), never downloaded: the first
# pair found is used. DejaVu Sans (fonts-dejavu-core, which Chromium brings) and Noto Sans
# (fonts-noto-core) both cover Vietnamese.
FONTS: Final = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)
# The card is drawn in one 8-bit channel and coloured by its palette: values 0-127 run from the
# background red to white (the title), 128-255 from the band's yellow to dark red (the site's
# name), so antialiased edges blend with their own background: a card is drawn and encoded in
# about 6 ms on one core (8 times faster than an RGB image quantised to a palette). It is then
# cut to 4 shades of each ramp, 8 colours in a 3-bit PNG: at 1200 x 630 the edges look the same
# and a card weighs 14 KB instead of 30 KB (11,000 cards at 10,000 exemplars: 150 MB instead of
# 305 MB, of GitHub Pages' 1 GB). zlib at level 4: 3.5 ms a card; level 6 saved 0.7 KB for 2.4 ms
# more (26 s of CPU at 10,000), level 3 cost 2.6 KB for 0.4 ms less.
_RED, _WHITE, _YELLOW, _DARK = (142, 22, 22), (255, 255, 255), (246, 199, 68), (90, 16, 16)
_TITLE, _BAND, _NAME = 127, 128, 255
_MARGIN, _BAND_TOP = 72, 540
_SIZES: Final = ((68, 4), (56, 5), (46, 6))  # font size, lines allowed
_SHADES: Final = 4  # per ramp: 0-3 red to white, 4-7 yellow to dark red


def _ramp(start: tuple[int, int, int], end: tuple[int, int, int]) -> list[int]:
    last = _SHADES - 1
    return [round(a + (b - a) * step / last) for step in range(_SHADES) for a, b in zip(start, end, strict=True)]


_PALETTE: Final = _ramp(_RED, _WHITE) + _ramp(_YELLOW, _DARK)
# 0-127 to the red ramp's shades (0-3), 128-255 to the yellow ramp's (4-7).
_TO_SHADES: Final = [value * _SHADES // 128 for value in range(256)]


def font_paths() -> tuple[str, str]:
    for bold, regular in FONTS:
        if Path(bold).is_file() and Path(regular).is_file():
            return bold, regular
    raise BuildError(
        "không tìm thấy phông chữ tiếng Việt để vẽ ảnh chia sẻ (DejaVu Sans của gói fonts-dejavu-core, "
        f"tại {FONTS[0][0]}); chạy 'bash tools/setup.sh' hoặc 'apt-get install fonts-dejavu-core' rồi thử lại"
    )


def card_alt(words: str, site_name: str) -> str:
    """The text alternative of a share card (og:image:alt): what it shows, the words and the site's name."""
    return f"{words} - {site_name}"


class CardMaker:
    """Draws share cards; fonts are loaded once."""

    def __init__(self) -> None:
        bold, regular = font_paths()
        # The fonts by content: a system update may replace the files under the same paths.
        self.fonts = cache.key(Path(bold).read_bytes(), Path(regular).read_bytes())
        basic = ImageFont.Layout.BASIC  # the same glyphs on every machine, with or without libraqm
        self.title_fonts = [(ImageFont.truetype(bold, size, layout_engine=basic), lines) for size, lines in _SIZES]
        self.name_font = ImageFont.truetype(regular, 34, layout_engine=basic)
        base = Image.new("L", SHARE_SIZE, 0)
        ImageDraw.Draw(base).rectangle((0, _BAND_TOP, SHARE_SIZE[0], SHARE_SIZE[1]), fill=_BAND)
        self.base = base

    def card(self, title: str, site_name: str) -> bytes:
        """A 1200 x 630 PNG: the title on the site's red, the site's name on a yellow band.

        From the build cache when it has it: a card is drawn from nothing but these two texts,
        the fonts and the constants of this module (code, salted in by the cache).
        """
        return cache.current().memo("share-cards", self._parts(title, site_name), lambda: self._draw(title, site_name))

    def write(self, title: str, site_name: str, target: Path) -> int:
        """The card at target, linked from the build cache or drawn (and kept there); its size."""
        store = cache.current()
        entry = store.entry("share-cards", *self._parts(title, site_name))
        if store.link("share-cards", entry, target):
            return target.stat().st_size
        card = self._draw(title, site_name)
        target.write_bytes(card)
        store.keep("share-cards", entry, target)
        return len(card)

    def _parts(self, title: str, site_name: str) -> list[str]:
        return [self.fonts, title, site_name, _libraries()]

    def _draw(self, title: str, site_name: str) -> bytes:
        width = SHARE_SIZE[0] - 2 * _MARGIN
        font, lines = self.title_fonts[-1][0], _wrap(title, self.title_fonts[-1][0], width)
        for candidate, allowed in self.title_fonts:
            wrapped = _wrap(title, candidate, width)
            if len(wrapped) <= allowed:
                font, lines = candidate, wrapped
                break
        else:
            lines = _cut(lines, font, width, self.title_fonts[-1][1])
        image = self.base.copy()
        draw = ImageDraw.Draw(image)
        size = int(font.size)
        step = round(size * 1.3)
        top = (_BAND_TOP - step * len(lines)) // 2 + (step - size) // 2
        for number, line in enumerate(lines):
            draw.text((_MARGIN, top + number * step), line, font=font, fill=_TITLE)
        name = _cut([site_name], self.name_font, width, 1)[0]
        draw.text((_MARGIN, _BAND_TOP + 45), name, font=self.name_font, fill=_NAME, anchor="lm")
        shaded = Image.frombytes("P", image.size, image.point(_TO_SHADES).tobytes())
        shaded.putpalette(_PALETTE)
        out = io.BytesIO()
        shaded.save(out, "PNG", compress_level=4, bits=3)
        return out.getvalue()


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    # A word longer than the line (a pasted address) is cut where it overflows.
    return [_fit(line, font, width) for line in lines] or [""]


def _fit(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if font.getlength(line) <= width:
        return line
    while line and font.getlength(line + "…") > width:
        line = line[:-1]
    return line + "…"


def _cut(lines: list[str], font: ImageFont.FreeTypeFont, width: int, allowed: int) -> list[str]:
    """At most `allowed` lines, the last one ending with an ellipsis when text was left out."""
    if len(lines) <= allowed:
        return [_fit(line, font, width) for line in lines]
    kept = lines[:allowed]
    last = kept[-1]
    while last and font.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = f"{last} …"
    return kept
