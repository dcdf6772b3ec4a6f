"""Feeds, the OPML list and open data, read back from the built sample site."""

from __future__ import annotations

import csv
import functools
import io
import json
import posixpath
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
import yaml
from lxml import etree, html

from site_builder.commands.build import check
from site_builder.model.site_model import SiteModel
from site_builder.publish.feed_topics import MAX_BYTES
from site_builder.publish.feeds import topic_documents
from site_builder.site.site import Site

from .conftest import SAMPLE_DATA

Parse = Callable[[str], html.HtmlElement]

SITE = "https://thidua-khenthuong.github.io/"
ID_PREFIX = "tag:thidua-khenthuong.github.io,2026:"
RFC3339 = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
MEDIA = "{http://search.yahoo.com/mrss/}"

# The rules of https://www.jsonfeed.org/version/1.1/ that a reader relies on.
_AUTHORS = {
    "type": "array",
    "items": {
        "type": "object",
        "anyOf": [{"required": ["name"]}, {"required": ["url"]}],
        "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
    },
}
JSON_FEED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "pattern": "^https?://"},
        "feed_url": {"type": "string", "pattern": "^https?://"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "authors": _AUTHORS,
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": "^https?://"},
                    "title": {"type": "string"},
                    "summary": {"type": "string"},
                    "content_html": {"type": "string"},
                    "image": {"type": "string", "pattern": "^https?://"},
                    "date_published": {"type": "string", "pattern": RFC3339},
                    "date_modified": {"type": "string", "pattern": RFC3339},
                    "authors": _AUTHORS,
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "language": {"type": "string"},
                    "attachments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["url", "mime_type"],
                            "properties": {"size_in_bytes": {"type": "integer"}},
                        },
                    },
                },
            },
        },
    },
}


def sample(kind: str) -> dict[str, dict[str, Any]]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((SAMPLE_DATA / kind).glob("*.yml"))
    }


def xml_feeds(site: Path) -> list[Path]:
    return sorted(p for p in (site / "nguon-tin").rglob("*.xml"))


def rss_feeds(site: Path) -> list[Path]:
    return [p for p in xml_feeds(site) if not p.name.endswith(".atom.xml")]


@functools.cache
def _parsed(path: Path) -> Any:
    return feedparser.parse(path.read_bytes())


def parse(site: Path, rel: str) -> Any:
    return _parsed(site / rel)


def json_feed(site: Path, rel: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / rel).read_text(encoding="utf-8"))
    return data


def newest_first(records: dict[str, dict[str, Any]]) -> list[str]:
    return [rid for rid, _ in sorted(records.items(), key=lambda item: (item[1]["published"], item[0]), reverse=True)]


def documents(data_dir: Path, now: datetime) -> dict[str, bytes]:
    data, _, _ = check(data_dir, now)
    return Site(SiteModel(data, now)).feed_documents()


def test_every_feed_parses_newest_first_with_the_same_items_in_each_format(sample_site: Path) -> None:
    feeds = rss_feeds(sample_site)
    assert len(feeds) > 20
    for rss in feeds:
        stem = str(rss.relative_to(sample_site)).removesuffix(".xml")
        parsed = {suffix: parse(sample_site, stem + suffix) for suffix in (".xml", ".atom.xml")}
        for suffix, feed in parsed.items():
            assert not feed.bozo, (stem + suffix, feed.get("bozo_exception"))
            assert feed.feed.language == "vi" or feed.feed.get("language") == "vi", stem + suffix
            dates = [entry.published_parsed for entry in feed.entries]
            assert dates == sorted(dates, reverse=True), stem + suffix
        ids = [entry.id for entry in parsed[".xml"].entries]
        assert ids == [entry.id for entry in parsed[".atom.xml"].entries], stem
        assert ids == [item["id"] for item in json_feed(sample_site, stem + ".json")["items"]], stem


def test_feeds_hold_the_expected_records(sample_site: Path) -> None:
    exemplars = sample("exemplars")
    ids = [entry.id for entry in parse(sample_site, "nguon-tin/dien-hinh.xml").entries]
    assert ids == [f"{ID_PREFIX}dien-hinh/{eid}" for eid in newest_first(exemplars)]

    in_dong_thap = {eid: e for eid, e in exemplars.items() if e["locality"]["province"] == "dong-thap"}
    ids = [entry.id for entry in parse(sample_site, "nguon-tin/dien-hinh/theo-tinh/dong-thap.xml").entries]
    assert ids == [f"{ID_PREFIX}dien-hinh/{eid}" for eid in newest_first(in_dong_thap)]

    everything = parse(sample_site, "nguon-tin/tat-ca.xml").entries
    records = len(exemplars) + len(sample("campaigns")) + len(sample("nominations"))
    carried = yaml.safe_load((SAMPLE_DATA / "site.yml").read_text(encoding="utf-8")).get("feed_items", 20)
    assert records > carried
    assert len(everything) == carried
    # Only the newest: the site-wide feed's last item is the carried-th newest record.
    press = html.fromstring((sample_site / "bao-chi" / "index.html").read_bytes())
    assert f"Mỗi nguồn tin giữ {carried} mục mới nhất" in press.text_content()

    campaigns = sample("campaigns")
    assert len(parse(sample_site, "nguon-tin/phong-trao.xml").entries) == len(campaigns)
    for cid in campaigns:
        members = {eid for eid, e in exemplars.items() if cid in e.get("campaigns", [])}
        feed = parse(sample_site, f"nguon-tin/dien-hinh/theo-phong-trao/{cid}.xml")
        assert {entry.id.removeprefix(f"{ID_PREFIX}dien-hinh/") for entry in feed.entries} == members


def test_consultation_feeds_follow_the_build_clock_and_each_list(sample_site: Path) -> None:
    lists = sample("nominations")
    new_lists = parse(sample_site, "nguon-tin/lay-y-kien.xml").entries
    assert [entry.id for entry in new_lists] == [f"{ID_PREFIX}lay-y-kien/{lid}" for lid in newest_first(lists)]
    # At the documented date only the Lạng Sơn list has three working days or fewer left.
    closing = parse(sample_site, "nguon-tin/lay-y-kien-sap-het-han.xml").entries
    assert [entry.id for entry in closing] == [f"{ID_PREFIX}lay-y-kien/lang-son-2026-huan-chuong-lao-dong/sap-het-han"]
    assert "27/11/2026" in closing[0].summary or "27 tháng 11 năm 2026" in closing[0].summary

    lid = "thai-nguyen-2026-bang-khen-thu-tuong-nong-thon-moi"
    events = parse(sample_site, f"nguon-tin/lay-y-kien/{lid}.xml").entries
    assert [entry.id.removeprefix(f"{ID_PREFIX}lay-y-kien/{lid}") for entry in events] == [
        "/ket-qua",
        "/dieu-chinh/2026-09-17",
        "",
    ]
    amendment = lists[lid]["amendments"][0]
    assert amendment["change"] in events[1].content[0].value.replace("&quot;", '"')
    assert lists[lid]["outcome"]["decision"]["number"] in events[0].content[0].value
    for other in lists:
        if other != lid:
            assert len(parse(sample_site, f"nguon-tin/lay-y-kien/{other}.xml").entries) == 1


def test_json_feeds_follow_json_feed_1_1(sample_site: Path) -> None:
    paths = sorted((sample_site / "nguon-tin").rglob("*.json"))
    assert len(paths) == len(rss_feeds(sample_site))
    validator = jsonschema.Draft202012Validator(JSON_FEED_SCHEMA)
    for path in paths:
        feed = json.loads(path.read_text(encoding="utf-8"))
        validator.validate(feed)
        assert feed["feed_url"] == SITE + str(path.relative_to(sample_site))
        for item in feed["items"]:
            for key in ("date_published", "date_modified"):
                assert datetime.fromisoformat(item[key]).utcoffset() is not None
                assert item[key].endswith("+07:00")


def test_exemplar_items_carry_full_text_image_credit_and_categories(sample_site: Path) -> None:
    exemplars = sample("exemplars")
    eid, record = next((k, v) for k, v in exemplars.items() if v.get("images") and v.get("campaigns"))
    rel = f"nguon-tin/dien-hinh/theo-tinh/{record['locality']['province']}.xml"
    entry = next(e for e in parse(sample_site, rel).entries if e.id == f"{ID_PREFIX}dien-hinh/{eid}")
    assert entry.link == f"{SITE}dien-hinh/{eid}/"
    assert entry.summary == " ".join(record["summary"].split())
    last_words = " ".join(record["story"].replace("**", "").split()[-6:])
    assert last_words in " ".join(html.fromstring(entry.content[0].value).text_content().split())

    image = record["images"][0]
    enclosure = entry.enclosures[0]
    # The sample's images are drawings: feeds carry their PNG copy beside them.
    png = re.escape(SITE + image["src"].removesuffix(".svg")) + r"-[0-9a-f]{12}\.png"
    assert re.fullmatch(png, enclosure.href)
    assert int(enclosure.length) == (sample_site / enclosure.href.removeprefix(SITE)).stat().st_size
    assert enclosure.type == "image/png"
    tree = etree.fromstring((sample_site / rel).read_bytes())
    item = next(i for i in tree.iter("item") if i.findtext("guid") == f"{ID_PREFIX}dien-hinh/{eid}")
    media = item.find(f"{MEDIA}content")
    assert media is not None and media.get("url") == enclosure.href
    assert media.findtext(f"{MEDIA}credit") == image["credit"]
    assert media.findtext(f"{MEDIA}description") == image["caption"]
    assert item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is not None

    provinces = {p["id"]: p["name"] for p in yaml.safe_load((SAMPLE_DATA / "provinces.yml").read_text())["provinces"]}
    campaigns = sample("campaigns")
    tags = {tag.term for tag in entry.tags}
    assert provinces[record["locality"]["province"]] in tags
    assert record["field"] in tags
    assert record["recipient_kind"] in tags
    assert {campaigns[cid]["title"] for cid in record["campaigns"]} <= tags
    assert entry.author == record["source"]["outlet"] or record["source"]["outlet"] in entry.author

    item_json = next(
        i
        for i in json_feed(sample_site, rel.replace(".xml", ".json"))["items"]
        if i["id"] == f"{ID_PREFIX}dien-hinh/{eid}"
    )
    assert item_json["image"] == enclosure.href
    assert image["credit"] in item_json["content_html"]


def test_only_the_newest_items_carry_their_full_text(now: datetime) -> None:
    """A story is in every feed of its province, field and campaigns: in full only where it is
    among the newest (feed_full_text), else its summary and link, in all three formats."""
    data, _, _ = check(SAMPLE_DATA, now)
    data.settings = data.settings.model_copy(update={"feed_items": 10, "feed_full_text": 2})
    site = Site(SiteModel(data, now))
    documents = dict(site.feed_documents())
    rss = etree.fromstring(documents["nguon-tin/tat-ca.xml"])
    items = list(rss.iter("item"))
    assert len(items) == 10
    encoded = [item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is not None for item in items]
    assert encoded == [True, True] + [False] * 8
    assert all(item.findtext("description") and item.findtext("link") for item in items)
    atom = etree.fromstring(documents["nguon-tin/tat-ca.atom.xml"])
    entries = list(atom.iter(f"{ATOM}entry"))
    assert [entry.find(f"{ATOM}content") is not None for entry in entries] == encoded
    for entry in entries:
        links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
        assert len(links) == 1 and links[0].get("type") == "text/html"
    feed = json.loads(documents["nguon-tin/tat-ca.json"])
    assert ["content_html" in item for item in feed["items"]] == encoded
    assert all(item["content_text"] == item["summary"] for item in feed["items"][2:])


def test_feeds_carry_raster_copies_of_drawings(sample_site: Path) -> None:
    """Issue 25: all 72 enclosures and JSON Feed images were SVG, which most readers, networks and
    chat apps do not show. Every image a feed carries is now PNG or JPEG, a file of the site with
    the length given, and the PNG copy of a drawing is the drawing (its sky, 1200 px wide)."""
    from PIL import Image

    carried: dict[str, int] = {}
    for path in (sample_site / "nguon-tin").rglob("*.xml"):
        tree = etree.fromstring(path.read_bytes())
        links = [(e.get("url"), e.get("type"), e.get("length")) for e in tree.iter("enclosure")]
        links += [(m.get("url"), m.get("type"), m.get("fileSize")) for m in tree.iter(f"{MEDIA}content")]
        links += [
            (link.get("href"), link.get("type"), link.get("length"))
            for link in tree.iter(f"{ATOM}link")
            if link.get("rel") == "enclosure"
        ]
        for url, media_type, length in links:
            assert media_type in ("image/png", "image/jpeg"), (path, url)
            carried[url or ""] = int(length or 0)
    for path in (sample_site / "nguon-tin").rglob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            if "image" in item:
                assert item["image"] in carried
                assert {a["url"] for a in item["attachments"]} <= set(carried)
                assert all(a["mime_type"] in ("image/png", "image/jpeg") for a in item["attachments"])
                if "content_html" in item:  # the newest items carry their full text (feed_full_text)
                    assert f'<img src="{item["image"]}"' in item["content_html"]
    assert len(carried) >= 10
    for url, length in carried.items():
        file = sample_site / url.removeprefix(SITE)
        assert file.stat().st_size == length, url
        with Image.open(file) as image:
            assert image.format in ("PNG", "JPEG") and max(image.size) == 1200, url
    [rice] = [url for url in carried if "/ruong-lua-" in url]
    with Image.open(sample_site / rice.removeprefix(SITE)) as image:
        assert image.size == (1200, 750)
        assert image.convert("RGB").getpixel((10, 10)) == (0xDF, 0xF1, 0xFB)  # the drawing's sky
        assert image.convert("RGB").getpixel((600, 700)) != (0xDF, 0xF1, 0xFB)  # and its field


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_entries_link_their_page_once_and_the_image_as_an_enclosure(sample_site: Path) -> None:
    """RFC 4287 4.1.1: at most one rel="alternate" link per type and hreflang; a link without rel
    is an alternate one. The lead image is rel="enclosure" with its type and length (feedgen
    1.0.0 wrote it as a second link without rel: readers opened the picture, not the story)."""
    enclosures = 0
    for path in sorted((sample_site / "nguon-tin").rglob("*.atom.xml")):
        tree = etree.parse(str(path))
        parsed = _parsed(path)
        for entry, parsed_entry in zip(tree.iter(f"{ATOM}entry"), parsed.entries, strict=True):
            links = entry.findall(f"{ATOM}link")
            alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
            assert len(alternates) == 1, (path.name, [link.attrib for link in links])
            page = alternates[0].get("href")
            assert alternates[0].get("type") == "text/html" and page.startswith(SITE)
            assert parsed_entry.link == page, path.name
            assert not page.startswith(f"{SITE}images/")
            rels = [link.get("rel") for link in links]
            assert set(rels) <= {"alternate", "enclosure"} and rels.count("enclosure") <= 1, rels
            for link in links:
                if link.get("rel") == "enclosure":
                    enclosures += 1
                    served = sample_site / link.get("href").removeprefix(SITE)
                    assert int(link.get("length")) == served.stat().st_size, link.attrib
                    assert link.get("type", "").startswith("image/")
                    assert [e.href for e in parsed_entry.enclosures] == [link.get("href")]
    assert enclosures > 10


def test_ids_are_tag_uris_unique_per_feed(sample_site: Path) -> None:
    for path in xml_feeds(sample_site):
        ids = [entry.id for entry in _parsed(path).entries]
        assert all(i.startswith(ID_PREFIX) for i in ids), path
        assert len(ids) == len(set(ids)), path


def test_ids_survive_changed_titles(tmp_path: Path, now: datetime) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data_dir)
    before = documents(data_dir, now)
    for kind, key in (("exemplars", "name"), ("campaigns", "title"), ("nominations", "title")):
        path = next(iter(sorted((data_dir / kind).glob("*.yml"))))
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"^{key}: .*$", f"{key}: Tên mới hoàn toàn khác", text, count=1, flags=re.M), "utf-8")
    after = documents(data_dir, now)
    assert before.keys() == after.keys()
    changed = 0
    for rel, content in before.items():
        if rel.endswith(".json") and rel.startswith("nguon-tin/"):
            old, new = json.loads(content)["items"], json.loads(after[rel])["items"]
            assert sorted(i["id"] for i in old) == sorted(i["id"] for i in new), rel
            changed += sum(a["title"] != b["title"] for a, b in zip(old, new, strict=True))
    assert changed >= 3


def test_builds_are_byte_identical(sample_site: Path, now: datetime) -> None:
    first = documents(SAMPLE_DATA, now)
    assert first == documents(SAMPLE_DATA, now)
    for rel, content in first.items():
        assert (sample_site / rel).read_bytes() == content, rel


def test_feeds_are_cut_to_the_newest_items_that_fit(now: datetime) -> None:
    data, _, _ = check(SAMPLE_DATA, now)
    site = Site(SiteModel(data, now))
    items = site.items()
    topic = site.topics["dien-hinh"]
    full = topic_documents(topic, items, now.date())
    limit = len(full["nguon-tin/dien-hinh.xml"]) // 2
    cut = topic_documents(topic, items, now.date(), max_bytes=limit)
    assert all(len(content) <= limit for content in cut.values())
    ids = [entry.id for entry in feedparser.parse(cut["nguon-tin/dien-hinh.xml"]).entries]
    assert 0 < len(ids) < len(topic.entries)
    assert ids == [f"{ID_PREFIX}{entry.key}" for entry in topic.entries[: len(ids)]]
    assert [i["id"] for i in json.loads(cut["nguon-tin/dien-hinh.json"])["items"]] == ids
    few = topic_documents(topic, items, now.date(), max_items=3)
    assert len(feedparser.parse(few["nguon-tin/dien-hinh.atom.xml"]).entries) == 3


def test_feed_items_in_site_yml_sets_how_many_items_every_feed_carries(now: datetime) -> None:
    data, _, _ = check(SAMPLE_DATA, now)
    data.settings = data.settings.model_copy(update={"feed_items": 5})
    site = Site(SiteModel(data, now))
    documents = site.feed_documents()
    everything = feedparser.parse(documents["nguon-tin/tat-ca.atom.xml"]).entries
    assert len(everything) == 5
    assert [entry.id for entry in everything] == [
        f"{ID_PREFIX}{entry.key}" for entry in site.topics["tat-ca"].entries[:5]
    ]
    assert len(json.loads(documents["nguon-tin/tat-ca.json"])["items"]) == 5
    assert all(topic.carried == min(5, len(topic.entries)) for topic in site.topics.values())


def test_feeds_stay_under_two_megabytes(sample_site: Path) -> None:
    for path in (sample_site / "nguon-tin").rglob("*"):
        assert path.stat().st_size <= MAX_BYTES, path


def test_opml_lists_every_rss_feed(sample_site: Path) -> None:
    root = ET.fromstring((sample_site / "nguon-tin/tat-ca.opml").read_bytes())
    assert root.get("version") == "2.0"
    outlines = [o for o in root.iter("outline") if o.get("type") == "rss"]
    listed = {o.get("xmlUrl", "").removeprefix(SITE) for o in outlines}
    assert listed == {str(p.relative_to(sample_site)) for p in rss_feeds(sample_site)}
    assert all(o.get("text") and o.get("htmlUrl", "").startswith(SITE) for o in outlines)


# The head elements the W3C feed validator knows (feedvalidator/opml.py); any other is an error there.
OPML_HEAD = {
    "title",
    "dateCreated",
    "dateModified",
    "ownerName",
    "ownerEmail",
    "ownerId",
    "expansionState",
    "vertScrollState",
    "windowTop",
    "windowLeft",
    "windowBottom",
    "windowRight",
}


def test_no_two_entries_of_a_feed_share_a_time(sample_site: Path) -> None:
    """The W3C validator warned of two Atom entries with the same atom:updated (9 times in three
    feeds): records carry dates only. An item's second in its day is the same in every feed."""
    times: dict[str, set[str]] = {}
    feeds = list((sample_site / "nguon-tin").rglob("*.atom.xml"))
    for path in feeds:
        entries = ET.fromstring(path.read_bytes()).findall(f"{ATOM}entry")
        updated = [entry.findtext(f"{ATOM}updated") or "" for entry in entries]
        assert len(set(updated)) == len(updated), path
        # Still the record's day, at 08:00 Vietnam time and a few seconds.
        assert all(datetime.fromisoformat(value).strftime("%H:%M%z") == "08:00+0700" for value in updated), path
        for entry, value in zip(entries, updated, strict=True):
            times.setdefault(entry.findtext(f"{ATOM}id") or "", set()).add(value)
    assert len(feeds) > 20 and all(len(values) == 1 for values in times.values())
    # JSON Feed and RSS carry the same moments.
    every = json.loads((sample_site / "nguon-tin/tat-ca.json").read_text(encoding="utf-8"))["items"]
    modified = [item["date_modified"] for item in every]
    assert len(set(modified)) == len(modified)
    assert {item["id"]: {item["date_modified"]} for item in every}.items() <= times.items()


def test_opml_follows_the_validator(sample_site: Path) -> None:
    """No head element the validator rejects (it rejected <docs>), and every outline typed as it
    expects: a folder carries only its text, a feed is type="rss" with its xmlUrl and title."""
    root = ET.fromstring((sample_site / "nguon-tin/tat-ca.opml").read_bytes())
    head = root.find("head")
    assert head is not None and {child.tag for child in head} <= OPML_HEAD
    assert head.findtext("title") and head.findtext("dateModified")
    body = root.find("body")
    assert body is not None
    folders = body.findall("outline")
    assert folders
    for outline in root.iter("outline"):
        assert outline.get("text"), outline.attrib
        if len(outline):
            assert set(outline.attrib) == {"text"}, outline.attrib
        else:
            assert outline.get("type") == "rss" and outline.get("xmlUrl", "").startswith(SITE)
            assert outline.get("title") and outline.get("language") == "vi"


def test_open_data_lists_every_record(sample_site: Path) -> None:
    for stem, kind in (
        ("guong-dien-hinh", "exemplars"),
        ("phong-trao", "campaigns"),
        ("danh-sach-lay-y-kien", "nominations"),
    ):
        records = sample(kind)
        document = json.loads((sample_site / f"du-lieu/{stem}.json").read_text(encoding="utf-8"))
        assert [r["id"] for r in document["records"]] == newest_first(records)
        assert document["count"] == len(records)
        assert all(r["guid"].startswith(ID_PREFIX) and r["url"].startswith(SITE) for r in document["records"])
        raw = (sample_site / f"du-lieu/{stem}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert [row["id"] for row in rows] == newest_first(records)
    exemplars = json.loads((sample_site / "du-lieu/guong-dien-hinh.json").read_text(encoding="utf-8"))["records"]
    an = next(r for r in exemplars if r["campaigns"])
    assert isinstance(an["campaigns"], list) and an["province_name"]


def _resolve(site: Path, url: str, href: str) -> Path:
    return (site / url / href).resolve()


def test_pages_announce_their_feeds(sample_site: Path, page: Parse) -> None:
    eid, record = next((k, v) for k, v in sample("exemplars").items() if v.get("campaigns"))
    url = f"dien-hinh/{eid}/"
    # The oEmbed discovery link (absolute, as consumers expect) is the embeds' (test_browser_embeds.py).
    links = [
        link
        for link in page(url).cssselect('head link[rel="alternate"]')
        if link.get("type") != "application/json+oembed"
    ]
    hrefs = {link.get("href") for link in links}
    expected = {
        "nguon-tin/dien-hinh",
        f"nguon-tin/dien-hinh/theo-tinh/{record['locality']['province']}",
        *(f"nguon-tin/dien-hinh/theo-phong-trao/{cid}" for cid in record["campaigns"]),
    }
    for stem in expected:
        for suffix, media_type in ((".xml", "rss"), (".atom.xml", "atom"), (".json", "feed+json")):
            href = f"../../{stem}{suffix}"
            assert href in hrefs, href
            link = next(link for link in links if link.get("href") == href)
            assert media_type in link.get("type") and link.get("title")
    for link in links:
        assert _resolve(sample_site, url, link.get("href")).is_file(), link.get("href")

    home = {link.get("href") for link in page("").cssselect('head link[rel="alternate"]')}
    assert "nguon-tin/tat-ca.xml" in home
    lid = next(iter(sample("nominations")))
    own = {link.get("href") for link in page(f"lay-y-kien/{lid}/").cssselect('head link[rel="alternate"]')}
    assert {f"../../nguon-tin/lay-y-kien/{lid}.xml", "../../nguon-tin/lay-y-kien.xml"} <= own
    cid = next(iter(sample("campaigns")))
    own = {link.get("href") for link in page(f"phong-trao/{cid}/").cssselect('head link[rel="alternate"]')}
    assert f"../../nguon-tin/dien-hinh/theo-phong-trao/{cid}.xml" in own
    handwritten = page("gioi-thieu/").cssselect('head link[rel="alternate"]')
    assert [link.get("href") for link in handwritten] == ["../nguon-tin/tat-ca.xml"]


@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("dien-hinh/", "dien-hinh.xml"),
        ("dien-hinh/theo-tinh/dong-thap/", "dien-hinh/theo-tinh/dong-thap.xml"),
        ("dien-hinh/theo-linh-vuc/nong-nghiep/", "dien-hinh/theo-linh-vuc/nong-nghiep.xml"),
        ("phong-trao/", "phong-trao.xml"),
        ("lay-y-kien/", "lay-y-kien.xml"),
    ],
)
def test_list_pages_show_a_feed_link(sample_site: Path, page: Parse, url: str, feed: str) -> None:
    links = page(url).cssselect(".tdkt-feed-link a")
    assert links and " ".join(links[0].text_content().split()) == "Theo dõi qua RSS"
    assert _resolve(sample_site, url, links[0].get("href")) == (sample_site / "nguon-tin" / feed).resolve()


def test_press_page_lists_every_feed_and_the_opml(sample_site: Path, page: Parse) -> None:
    """The press page lists the general feeds and links a page per group (numbered beyond the page
    size): together they list every feed once."""
    doc = page("bao-chi/")
    assert "5 mục mới nhất của mỗi nguồn tin có toàn văn" in " ".join(doc.text_content().split())
    rows = doc.cssselect("tr[data-feed]")
    assert [r.get("data-feed") for r in rows] == [
        "tat-ca",
        "dien-hinh",
        "phong-trao",
        "lay-y-kien",
        "lay-y-kien-sap-het-han",
    ]
    groups = [a.get("href") for a in doc.cssselect("h3 + p > a")]
    assert groups == ["phong-trao-thi-dua/", "tinh/", "linh-vuc/", "danh-sach/"]
    below: list[Any] = []
    for href in groups:
        at: str | None = f"bao-chi/{href}"
        while at is not None:  # the group's numbered pages, by their "next" links
            sub = page(at)
            below += sub.cssselect("tr[data-feed]")
            for row in sub.cssselect("tr[data-feed]"):
                for a in row.cssselect("a[type]"):
                    assert _resolve(sample_site, at, a.get("href")).is_file(), a.get("href")
            following = sub.cssselect("nav.tdkt-pages a[rel=next]")
            at = posixpath.normpath(posixpath.join(at, following[0].get("href"))) + "/" if following else None
    every = [r.get("data-feed") for r in rows + below]
    assert len(every) == len(set(every)) == len(rss_feeds(sample_site))
    for row in rows:
        for a in row.cssselect("a[type]"):
            assert _resolve(sample_site, "bao-chi", a.get("href")).is_file(), a.get("href")
    row = next(r for r in rows if r.get("data-feed") == "dien-hinh")
    assert row.cssselect("td")[1].text_content().strip() == str(len(sample("exemplars")))
    opml = [a for a in doc.cssselect("a") if a.get("href", "").endswith(".opml")]
    assert opml and _resolve(sample_site, "bao-chi", opml[0].get("href")).is_file()
    assert "ghi rõ nguồn" in doc.text_content().lower() or "Ghi rõ nguồn" in doc.text_content()
    nav = {a.get("href") for a in page("").cssselect("nav.md-nav--primary a")}
    assert any(href and href.rstrip("/").endswith("bao-chi") for href in nav)
