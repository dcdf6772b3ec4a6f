"""What link previews, search engines and sitemaps read: Open Graph, JSON-LD, lastmod, the site's URL."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

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
