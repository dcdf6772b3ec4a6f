"""What link previews, search engines and sitemaps read: Open Graph, JSON-LD, lastmod, the site's URL."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from lxml import etree, html

from .conftest import ROOT, SAMPLE_NOW, is_site_page
from .test_pages import sample

SITE = "https://thidua-khenthuong.github.io/"


def pages(site: Path) -> list[Path]:
    return sorted(
        path for path in site.rglob("index.html") if "pagefind" not in path.parts and is_site_page(site, path)
    )


def jsonld(path: Path) -> list[dict[str, object]]:
    doc = html.fromstring(path.read_bytes())
    return [json.loads(script.text) for script in doc.xpath("//script[@type='application/ld+json']")]


def meta(doc: html.HtmlElement) -> dict[str, str]:
    found = {}
    for tag in doc.xpath("//meta[@property or @name]"):
        found[tag.get("property") or tag.get("name")] = tag.get("content")
    return found


def test_every_page_has_share_tags_in_vietnamese(sample_site: Path) -> None:
    for path in pages(sample_site):
        tags = meta(html.fromstring(path.read_bytes()))
        rel = path.relative_to(sample_site).as_posix()
        assert tags["og:locale"] == "vi_VN", rel
        assert tags["og:site_name"] and tags["og:title"] and tags["twitter:card"] == "summary_large_image", rel
        assert tags["og:url"].startswith(SITE) and tags["og:url"].endswith("/"), rel


def test_every_preview_says_what_its_image_shows_and_each_story_has_its_own(sample_site: Path) -> None:
    """Issue 25: no og:image:alt on any page, and every story without a photo showed its campaign's
    card, so all stories of a campaign had one preview. Now each story's card names its person or
    collective, and every page says in words what its share image shows."""
    from PIL import Image

    site_name = "Thi đua - Khen thưởng (dữ liệu mẫu)"
    for path in pages(sample_site):
        tags = meta(html.fromstring(path.read_bytes()))
        rel = path.relative_to(sample_site).as_posix()
        assert tags["og:image:alt"] and tags["og:image:alt"] == tags["twitter:image:alt"], rel
        if tags["og:image"].startswith(f"{SITE}anh-chia-se/"):  # a card: its words and the site's name
            assert tags["og:image:alt"].endswith(f" - {site_name}"), rel
    exemplars = sample("exemplars")
    shown: dict[str, str] = {}
    for eid, record in exemplars.items():
        tags = meta(html.fromstring((sample_site / "dien-hinh" / eid / "index.html").read_bytes()))
        assert tags["og:image"] == f"{SITE}anh-chia-se/dien-hinh/{eid}.png", eid  # the sample has drawings only
        with Image.open(sample_site / tags["og:image"].removeprefix(SITE)) as card:
            assert card.size == (1200, 630)
        who = f"{record['honorific']} {record['name']}" if record.get("honorific") else record["name"]
        assert tags["og:image:alt"].startswith(who) and record["locality"]["name"] in tags["og:image:alt"], eid
        shown[tags["og:image"]] = eid
    assert len(shown) == len(exemplars)
    hoa = meta(html.fromstring((sample_site / "dien-hinh/dinh-thi-hoa/index.html").read_bytes()))
    assert hoa["og:image:alt"] == (
        "Bà Đinh Thị Hoa, Nhân viên y tế thôn, cô đỡ thôn bản, Trạm Y tế xã Ia Ka "
        f"(xã Ia Ka, huyện Chư Păh, tỉnh Gia Lai) - {site_name}"
    )
    home = meta(html.fromstring((sample_site / "index.html").read_bytes()))
    assert home["og:image:alt"].startswith("Trang công bố phong trào thi đua")  # the home card shows the description
    grouping = "dien-hinh/theo-phong-trao/lang-son-chung-suc-xay-dung-nong-thon-moi/index.html"
    shared = meta(html.fromstring((sample_site / grouping).read_bytes()))  # shows its campaign's card
    assert shared["og:image"] == f"{SITE}anh-chia-se/phong-trao/lang-son-chung-suc-xay-dung-nong-thon-moi.png"
    assert shared["og:image:alt"] == f"Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới - {site_name}"


def test_home_preview_is_the_site_not_the_menu_entry(sample_site: Path) -> None:
    tags = meta(html.fromstring((sample_site / "index.html").read_bytes()))
    assert tags["og:title"] == tags["og:site_name"] == "Thi đua - Khen thưởng (dữ liệu mẫu)"


def test_open_list_preview_gives_its_deadline(sample_site: Path) -> None:
    tags = meta(html.fromstring((sample_site / "lay-y-kien/dong-thap-2026-tong-ket-2021-2025/index.html").read_bytes()))
    assert tags["og:description"].startswith("Hạn góp ý: hết ngày 04/12/2026.")
    assert tags["description"].startswith("Hạn góp ý: hết ngày 04/12/2026.")
    assert tags["og:title"].startswith("Danh sách đề nghị khen thưởng cấp nhà nước")


def test_json_ld_of_every_page_parses_and_describes_it(sample_site: Path) -> None:
    seen: dict[str, int] = {}
    for path in pages(sample_site):
        for document in jsonld(path):
            assert document["@context"] == "https://schema.org"
            entities = document.get("@graph", [document])
            for entity in entities:  # type: ignore[union-attr]
                seen[entity["@type"]] = seen.get(entity["@type"], 0) + 1  # type: ignore[index]
    exemplars, lists = sample("exemplars"), sample("nominations")
    assert seen["Article"] == len(exemplars)
    assert seen["ItemList"] == len(lists)
    assert seen["GovernmentOrganization"] >= 1 and seen["WebSite"] == 1
    [article] = jsonld(sample_site / "dien-hinh/dinh-thi-hoa/index.html")
    assert article["datePublished"] == str(exemplars["dinh-thi-hoa"]["published"])
    assert article["publisher"] == {
        "@type": "GovernmentOrganization",
        "name": "Ban Thi đua - Khen thưởng (dữ liệu mẫu)",
        "url": SITE,
    }
    [listing] = jsonld(sample_site / "lay-y-kien/dong-thap-2026-tong-ket-2021-2025/index.html")
    record = lists["dong-thap-2026-tong-ket-2021-2025"]
    count = sum(len(group["nominees"]) for group in record["groups"])
    assert listing["numberOfItems"] == count == len(listing["itemListElement"])  # type: ignore[arg-type]
    assert [item["position"] for item in listing["itemListElement"]] == list(range(1, count + 1))  # type: ignore[union-attr,index]
    event = listing["subjectOf"]
    assert event["@type"] == "Event"  # type: ignore[index]
    assert event["startDate"] == "2026-11-16T00:00:00+07:00" and event["endDate"] == "2026-12-05T00:00:00+07:00"  # type: ignore[index]


def structured(site: Path, rel: str) -> dict[str, Any]:
    """The page's JSON-LD as extruct (the library behind many crawlers) reads it: one entity."""
    import extruct

    found = extruct.extract(
        (site / rel / "index.html").read_text(encoding="utf-8"), base_url=SITE + rel, syntaxes=["json-ld"]
    )["json-ld"]
    assert len(found) == 1, rel
    entity: dict[str, Any] = found[0]
    assert entity["@context"] == "https://schema.org" and "@graph" not in entity, rel
    return entity


def test_structured_data_as_crawlers_read_it(sample_site: Path) -> None:
    """Issue 25: Event without eventStatus, description, image or organizer address; isBasedOn as
    plain text; campaign, statistics and notice pages without any. Read back with extruct."""
    owner = {"@type": "GovernmentOrganization", "name": "Ban Thi đua - Khen thưởng (dữ liệu mẫu)", "url": SITE}

    def card(path: str) -> str:
        return f"{SITE}anh-chia-se/{path}.png"

    story = structured(sample_site, "dien-hinh/dinh-thi-hoa/")
    assert story["@type"] == "Article"
    assert story["isBasedOn"] == {
        "@type": "CreativeWork",
        "name": "Người tốt quanh ta - Báo Gia Lai (bài mẫu)",
        "publisher": {"@type": "NewsMediaOrganization", "name": "Báo Gia Lai (bài mẫu)"},
        "inLanguage": "vi",
        "datePublished": "2025-05-12",
    }

    lid = "dong-thap-2026-tong-ket-2021-2025"
    listing = structured(sample_site, f"lay-y-kien/{lid}/")
    assert listing["@type"] == "ItemList"
    event = listing["subjectOf"]
    assert event["@type"] == "Event" and event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["description"].startswith(
        "Ủy ban nhân dân tỉnh Đồng Tháp lấy ý kiến nhân dân đến hết ngày 04/12/2026."
    )
    assert event["image"] == card(f"lay-y-kien/{lid}") and (sample_site / event["image"].removeprefix(SITE)).is_file()
    assert event["organizer"] == owner and event["organizer"]["url"]
    assert event["contributor"] == {"@type": "GovernmentOrganization", "name": "Ủy ban nhân dân tỉnh Đồng Tháp"}
    assert event["about"]["@type"] == "Legislation" and event["about"]["legislationIdentifier"]

    campaign = structured(sample_site, "phong-trao/lang-son-chung-suc-xay-dung-nong-thon-moi/")
    assert campaign["@type"] == "CollectionPage" and campaign["publisher"] == owner
    for field in ("name", "description", "datePublished", "sourceOrganization", "temporalCoverage"):
        assert campaign[field], field
    assert campaign["image"] == card("phong-trao/lang-son-chung-suc-xay-dung-nong-thon-moi")
    assert campaign["isPartOf"]["url"] == f"{SITE}phong-trao/chung-suc-xay-dung-nong-thon-moi-2021-2025/"
    assert campaign["citation"] and all(c["@type"] == "Legislation" for c in campaign["citation"])
    exemplars = campaign["mainEntity"]
    assert exemplars["@type"] == "ItemList" and exemplars["numberOfItems"] == 1
    assert exemplars["itemListElement"][0]["url"] == f"{SITE}dien-hinh/ho-nguyen-van-loi/"

    statistics = structured(sample_site, "thong-ke/")
    assert statistics["@type"] == "Dataset" and statistics["creator"] == owner
    downloads = statistics["distribution"]
    assert {d["encodingFormat"] for d in downloads} == {"application/json", "text/csv"}
    assert all((sample_site / d["contentUrl"].removeprefix(SITE)).is_file() for d in downloads)

    notice = structured(sample_site, f"lay-y-kien/{lid}/thong-bao/")
    assert notice["@type"] == "DigitalDocument" and notice["isBasedOn"] == f"{SITE}lay-y-kien/{lid}/"
    assert notice["image"] == card(f"lay-y-kien/{lid}")


def test_sitemap_carries_each_records_last_change(sample_site: Path) -> None:
    tree = etree.parse(str(sample_site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in tree.findall("s:url", ns)
    }
    for eid, record in sample("exemplars").items():
        assert lastmod[f"{SITE}dien-hinh/{eid}/"] == str(record.get("updated") or record["published"])
    thai = sample("nominations")["thai-nguyen-2026-bang-khen-thu-tuong-nong-thon-moi"]
    assert lastmod[f"{SITE}lay-y-kien/thai-nguyen-2026-bang-khen-thu-tuong-nong-thon-moi/"] == str(
        thai["outcome"]["decision"]["date"]
    )
    assert lastmod[SITE] == "2026-11-25"  # pages of no record: the build clock, not the machine's


def test_site_url_puts_its_host_in_every_absolute_url(sample_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "build", "--data", str(sample_data)]
    command += [
        "--out",
        str(out),
        "--now",
        SAMPLE_NOW,
        "--quiet",
        "--site-url",
        "https://xem-truoc.example.org/thi-dua",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    preview = "https://xem-truoc.example.org/thi-dua/"
    leftovers = []
    for path in out.rglob("*"):
        if (
            path.is_file()
            and path.suffix in (".html", ".xml", ".json", ".ics", ".opml", ".csv")
            and "pagefind" not in path.parts
        ):
            text = path.read_text(encoding="utf-8-sig")
            if "thidua-khenthuong.github.io" in text:
                leftovers.append(path.relative_to(out).as_posix())
    assert leftovers == []
    assert f"<loc>{preview}dien-hinh/dinh-thi-hoa/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert preview in (out / "nguon-tin" / "tat-ca.opml").read_text(encoding="utf-8")
    assert re.search(
        r"URL:https://xem-truoc\.example\.org/thi-dua/lay-y-kien/", (out / "lay-y-kien" / "lich.ics").read_text()
    )
    bad = subprocess.run([*command[:-2], "--site-url", "khong-phai-dia-chi"], capture_output=True, text=True)
    assert bad.returncode == 2 and "'khong-phai-dia-chi' không phải địa chỉ trang" in bad.stderr
