"""Vietnamese text: folding, alphabetical order, slugs, dates."""

from __future__ import annotations

import unicodedata
from datetime import date

from site_builder import vietnamese as vn

from .test_pages import Parse, sample, text


def test_fold_removes_tone_and_letter_marks_and_d() -> None:
    assert vn.fold("Đồng Tháp") == "dong thap"
    assert vn.fold(unicodedata.normalize("NFD", "nông thôn mới")) == "nong thon moi"
    assert vn.fold("đường") == "duong"


def test_alphabet_order() -> None:
    words = ["đông", "dân", "ăn", "an", "ân", "bê", "ơn", "ôn", "on", "ưu", "uy"]
    assert sorted(words, key=vn.sort_key) == ["an", "ăn", "ân", "bê", "dân", "đông", "on", "ôn", "ơn", "uy", "ưu"]


def test_tone_breaks_ties() -> None:
    assert sorted(["má", "mà", "ma", "mạ", "mả", "mã"], key=vn.sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_names_by_given_name() -> None:
    names = ["Trần Văn Đức", "Nguyễn Thị Anh", "Lê Văn Dũng", "Bùi Thị Ánh"]
    assert sorted(names, key=vn.name_key) == ["Nguyễn Thị Anh", "Bùi Thị Ánh", "Lê Văn Dũng", "Trần Văn Đức"]


def test_slug_folds_dj() -> None:
    assert vn.slug("Đồng Tháp") == "dong-thap"
    assert vn.slug("văn hóa - xã hội") == "van-hoa-xa-hoi"


def test_dates() -> None:
    assert vn.date_short(date(2021, 7, 16)) == "16/07/2021"
    assert vn.date_long(date(2021, 7, 16)) == "ngày 16 tháng 7 năm 2021"


def test_alphabetical_page_orders_people_by_given_name(page: Parse) -> None:
    exemplars = sample("exemplars")
    doc = page("dien-hinh/theo-ten/")
    shown = [a.get("href").strip("/").rsplit("/", 1)[-1] for a in doc.cssselect(".tdkt-card__title a")]

    def key(eid: str) -> object:
        record = exemplars[eid]
        name = record["name"]
        return vn.name_key(name) if record["recipient_kind"] == "cá nhân" else (vn.sort_key(name), vn.sort_key(name))

    assert shown == sorted(exemplars, key=key)[: len(shown)]
    assert "Gương điển hình theo tên" in text(doc.cssselect("h1")[0])


def test_relative_links_match_posixpath() -> None:
    import posixpath

    from site_builder.publish.render import relative

    urls = ["", "dien-hinh/", "dien-hinh/abc/", "dien-hinh/theo-tinh/dong-thap/trang-2/", "lay-y-kien/x/thong-bao/"]
    for start in urls:
        for target in [*urls, "images/a.svg", "dien-hinh/abc/danh-sach.csv"]:
            expected = posixpath.relpath(target.rstrip("/") or ".", start.rstrip("/") or ".")
            if target.endswith("/") or target == "":
                expected = "./" if expected == "." else expected + "/"
            assert relative(start, target) == expected, (start, target)
