"""Accessibility and language facts read from the built sample's HTML: headings in order, a skip
link on every page, no English a reader sees or hears, titles, and document references written
as official writing cites them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from lxml import html

from site_builder import vietnamese as vn
from site_builder.inputs.records import DocumentRef
from site_builder.urls import URLS

from .conftest import ROOT, is_site_page
from .test_pages import Parse, text


def every_page(site: Path) -> list[tuple[str, html.HtmlElement]]:
    return [
        (p.relative_to(site).as_posix(), html.fromstring(p.read_bytes()))
        for p in sorted(site.rglob("*.html"))
        if is_site_page(site, p)
    ]


def test_headings_go_down_one_level_at_a_time(sample_site: Path) -> None:
    skipped = {}
    for url, doc in every_page(sample_site):
        levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels.count(1) == 1, url
        jumps = [(a, b) for a, b in zip([0, *levels], levels, strict=False) if b > a + 1]
        if jumps:
            skipped[url] = jumps
    assert skipped == {}


def test_exemplar_list_cards_sit_under_an_h2(page: Parse) -> None:
    doc = page("dien-hinh/")
    heading = doc.cssselect("h2.tdkt-list-count")[0]
    assert re.fullmatch(r"\d+ gương điển hình( · trang \d+/\d+)?", text(heading))
    assert doc.cssselect(".tdkt-card h3")


def test_every_page_has_a_vietnamese_skip_link_to_its_content(sample_site: Path) -> None:
    for url, doc in every_page(sample_site):
        links = [a for a in doc.iter("a") if a.get("href") == "#noi-dung"]
        assert [text(a) for a in links] == ["Chuyển đến nội dung chính"], url
        # The first link a keyboard reaches (the theme's own skip link, on hand-written pages only,
        # is not displayed).
        first_link = next(a for a in doc.iter("a") if not a.xpath("ancestor::*[@data-md-component='skip']"))
        assert first_link.get("href") == "#noi-dung", url
        target = doc.get_element_by_id("noi-dung")
        assert target.get("tabindex") == "-1" and target.cssselect("h1"), url


ENGLISH = (
    "Made with",
    "Material for MkDocs",
    "Not found",
    "Skip to content",
    "Back to top",
    "Tabs",
    "Permanent link",
)


def test_no_english_a_reader_sees_or_hears(sample_site: Path) -> None:
    for url, doc in every_page(sample_site):
        for script in doc.iter("script", "style"):
            script.drop_tree()
        heard = [text(doc.body)] + [
            value
            for node in doc.iter()
            for name, value in node.attrib.items()
            if name in ("aria-label", "title", "alt")
        ]
        found = [word for word in ENGLISH if any(re.search(rf"\b{word}\b", h) for h in heard)]
        assert found == [], url
        assert "Trở lại mục lục" not in text(doc.body), url


HAND_WRITTEN = sorted(p.stem for p in (ROOT / "content").glob("*.md"))


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_heading_anchors_fold_vietnamese_as_addresses_do(page: Parse, name: str) -> None:
    doc = page(f"{name}/")
    headings = doc.xpath("//article//*[self::h1 or self::h2 or self::h3 or self::h4][@id]")
    assert headings
    for heading in headings:
        links = heading.cssselect("a.headerlink")
        assert [a.get("title") for a in links] == ["Liên kết đến mục này"], heading.get("id")
        for link in links:
            link.drop_tree()
        anchor = heading.get("id")
        # ASCII, "đ" as "d" (Python-Markdown's own slugify dropped it), a repeat numbered "_1".
        assert re.fullmatch(r"[a-z0-9-]+(_\d+)?", anchor), anchor
        assert re.sub(r"_\d+$", "", anchor) == vn.slug(text(heading)), anchor


def test_heading_anchors_keep_dj_as_d(page: Parse) -> None:
    ids = {h.get("id") for h in page(URLS.field_reference("reference")).xpath("//article//h2[@id]")}
    assert {"cai-dat-chung", "quy-dinh-ve-lay-y-kien-nhan-dan", "ngay-nghi-le-tet"} <= ids
    (title,) = page(URLS.field_reference("campaigns")).xpath("//article//h1/@id")
    assert title == "cac-truong-du-lieu-phong-trao-thi-dua"
    assert vn.heading_id("Bắt đầu một hồ sơ mới", "-") == "bat-dau-mot-ho-so-moi"


def test_theme_labels_are_vietnamese(page: Parse) -> None:
    home = page("")
    assert home.cssselect("nav.md-tabs")[0].get("aria-label") == "Chuyên mục"
    assert text(home.cssselect("button.md-top")[0]) == "Lên đầu trang"
    footer = text(home.cssselect(".md-copyright")[0])
    assert "biên tập và công bố" in footer and "Made with" not in footer


def test_not_found_page_is_vietnamese(page: Parse) -> None:
    doc = page("404.html")
    assert text(doc.cssselect("h1")[0]) == "Không tìm thấy trang"
    assert doc.findtext(".//title").startswith("Không tìm thấy trang - ")
    assert {a.get("href") for a in doc.cssselect("#noi-dung li a")} >= {"/", "/lay-y-kien/", "/dien-hinh/"}


def test_titles_name_the_site_once(sample_site: Path, page: Parse) -> None:
    site_name = page("").findtext(".//title")
    assert site_name == "Thi đua - Khen thưởng (dữ liệu mẫu)"
    for url, doc in every_page(sample_site):
        assert doc.findtext(".//title").count(site_name) == 1, url
    assert page("bao-chi/").findtext(".//title") == f"Dành cho báo chí - {site_name}"


# -- document references -------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc_macro() -> object:
    env = Environment(
        loader=PackageLoader("site_builder", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["d"] = vn.date_short
    env.filters["dlong"] = vn.date_long
    return env.get_template("_macros.html").module.doc  # type: ignore[attr-defined]


def ref(kind: str, number: str, title: str | None = None, issuer: str | None = None) -> DocumentRef:
    return DocumentRef(kind=kind, number=number, date=dt.date(2026, 11, 12), issuer=issuer, title=title)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            ref("Tờ trình", "03/TTr-UBND", "Đề nghị khen thưởng cấp nhà nước", "Ủy ban nhân dân tỉnh Đồng Tháp"),
            "Tờ trình số 03/TTr-UBND ngày 12/11/2026 của Ủy ban nhân dân tỉnh Đồng Tháp "
            "về việc đề nghị khen thưởng cấp nhà nước",
        ),
        (
            ref("Quyết định", "12/QĐ-TTg", "Về việc tặng Bằng khen"),
            "Quyết định số 12/QĐ-TTg ngày 12/11/2026 về việc tặng Bằng khen",
        ),
        (
            ref("Công văn", "15/UBND-VP", "V/v tặng Bằng khen"),
            "Công văn số 15/UBND-VP ngày 12/11/2026 về việc tặng Bằng khen",
        ),
        (
            ref("Chỉ thị", "19/CT-TTg", "Về đẩy mạnh thi đua"),
            "Chỉ thị số 19/CT-TTg ngày 12/11/2026 về đẩy mạnh thi đua",
        ),
        (
            ref("Kế hoạch", "5/KH-UBND", "Hồ Chí Minh trong trái tim tôi"),
            "Kế hoạch số 5/KH-UBND ngày 12/11/2026 về việc Hồ Chí Minh trong trái tim tôi",
        ),
        (
            ref("Nghị định", "98/2023/NĐ-CP", "Quy định chi tiết thi hành", "Chính phủ"),
            "Nghị định số 98/2023/NĐ-CP ngày 12/11/2026 của Chính phủ quy định chi tiết thi hành",
        ),
        (
            ref("Luật", "06/2022/QH15", "Luật Thi đua, khen thưởng", "Quốc hội"),
            "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 12/11/2026 của Quốc hội",
        ),
        (ref("Tờ trình", "03/TTr-UBND"), "Tờ trình số 03/TTr-UBND ngày 12/11/2026"),
    ],
)
def test_document_reference_reads_as_official_writing(doc_macro: object, document: DocumentRef, expected: str) -> None:
    assert " ".join(str(doc_macro(document)).split()) == expected  # type: ignore[operator]


def test_document_references_on_the_pages(page: Parse, sample_site: Path) -> None:
    facts = text(page("lay-y-kien/dong-thap-2026-tong-ket-2021-2025/").cssselect(".tdkt-facts")[0])
    assert (
        "Tờ trình số 03/TTr-MAU ngày 12/11/2026 của Ủy ban nhân dân tỉnh Đồng Tháp về việc đề nghị khen thưởng cấp nhà nước"
        in facts
    )
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/06/2022 của Quốc hội" in facts
    for url, doc in every_page(sample_site):
        body = text(doc.body).lower()
        assert "về việc về việc" not in body and "về việc v/v" not in body and "về việc về " not in body, url
