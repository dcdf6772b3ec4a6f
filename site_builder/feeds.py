"""Records -> RSS 2.0, Atom and JSON Feed 1.1 per topic, an OPML list, and open data (JSON, CSV).

The functions that make documents are pure: they take the renderer (records, page URLs, the
consultation states at the build clock) and the sizes of the images, and return bytes per
path, identical for the same data and clock. `write_feeds` is the post-build step that writes
them through the build's Writer. Which feeds exist is decided in `feed_topics.py`.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import format_datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from markupsafe import Markup

from . import vietnamese as vn
from .feed_topics import (
    FEED_DIR,
    FORMATS,
    GROUPS,
    MAX_BYTES,
    MAX_ITEMS,
    OPEN_DATA,
    OPML_PATH,
    Entry,
    Format,
    Topic,
    at,
    newest_date,
    tag_uri,
)
from .load import Dataset
from .problems import BuildError
from .records import DocumentRef, Image, SiteSettings
from .render import SECTION_EXEMPLARS, Renderer

if TYPE_CHECKING:
    from .build import BuildContext

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_NS = "http://search.yahoo.com/mrss/"
# A fixed table, not the mimetypes module: that one reads the machine's /etc/mime.types.
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class Category:
    term: str
    label: str
    scheme: str | None = None


@dataclass(frozen=True)
class Author:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Picture:
    url: str
    media_type: str
    length: int
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class Item:
    """One feed item, ready for any format."""

    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: datetime
    updated: datetime
    authors: tuple[Author, ...]
    categories: tuple[Category, ...]
    pictures: tuple[Picture, ...] = ()


def _named(honorific: str | None, name: str) -> str:
    return f"{honorific} {name}" if honorific else name


class Items:
    """Builds each item once: an exemplar appears in several feeds, always the same.

    The full text comes from the macros of templates/feed_items.html; this class adds what
    feeds need around it: ids, links, dates, authors, categories and images.
    """

    def __init__(self, renderer: Renderer, image_sizes: Mapping[str, int]) -> None:
        self.renderer = renderer
        self.data: Dataset = renderer.data
        self.settings: SiteSettings = renderer.data.settings
        self.image_sizes = image_sizes
        self.html: Any = renderer.env.get_template("feed_items.html").module
        self.cache: dict[str, Item] = {}
        self.builders: dict[str, Callable[[Entry], Item]] = {
            "exemplar": self._exemplar,
            "campaign": self._campaign,
            "nomination": self._nomination,
            "amendment": self._amendment,
            "outcome": self._outcome,
            "closing": self._closing,
        }

    def absolute(self, url: str) -> str:
        return self.settings.url + url

    def get(self, entry: Entry) -> Item:
        if entry.key not in self.cache:
            self.cache[entry.key] = self.builders[entry.kind](entry)
        return self.cache[entry.key]

    def _item(
        self,
        entry: Entry,
        url: str,
        title: str,
        summary: str,
        html: Markup,
        *,
        authors: tuple[Author, ...],
        categories: tuple[Category, ...],
        pictures: tuple[Picture, ...] = (),
    ) -> Item:
        return Item(
            tag_uri(self.settings, entry.key),
            url,
            title,
            " ".join(summary.split()),
            str(html).strip(),
            at(entry.published),
            at(entry.updated),
            authors,
            categories,
            pictures,
        )

    def _picture(self, image: Image) -> Picture:
        suffix = PurePosixPath(image.src).suffix.lower()
        return Picture(
            self.absolute(image.src),
            IMAGE_TYPES.get(suffix, "application/octet-stream"),
            self.image_sizes[image.src],
            image.alt,
            image.caption,
            image.credit,
        )

    def _exemplar(self, entry: Entry) -> Item:
        e = self.data.exemplars[entry.record_id]
        url = self.absolute(self.renderer.exemplar_url(entry.record_id))
        pictures = tuple(self._picture(image) for image in e.images)
        facet = self.absolute(f"{SECTION_EXEMPLARS}/")
        categories = (
            Category("guong-dien-hinh", "Gương điển hình"),
            *(
                Category(cid, self.data.campaigns[cid].title, f"{facet}theo-phong-trao/")
                for cid in e.campaigns
                if cid in self.data.campaigns
            ),
            Category(e.locality.province, self.data.provinces[e.locality.province].name, f"{facet}theo-tinh/"),
            Category(vn.slug(e.field), e.field, f"{facet}theo-linh-vuc/"),
            Category(vn.slug(e.recipient_kind), e.recipient_kind),
            *(Category(vn.slug(group), group, f"{facet}theo-doi-tuong/") for group in e.priority_groups),
        )
        source = e.source
        author = f"{source.author} ({source.outlet})" if source.author else source.outlet
        return self._item(
            entry,
            url,
            _named(e.honorific, e.name),
            e.summary,
            self.html.exemplar(e, url, pictures),
            authors=(Author(author, source.url),),
            categories=categories,
            pictures=pictures,
        )

    def _campaign(self, entry: Entry) -> Item:
        c = self.data.campaigns[entry.record_id]
        parent = c.parent if c.parent in self.data.campaigns else None
        parent_url = self.absolute(self.renderer.campaign_url(parent)) if parent else None
        categories = [
            Category("phong-trao-thi-dua", "Phong trào thi đua"),
            Category(vn.slug(c.level), f"cấp {c.level}"),
            Category(vn.slug(c.kind), c.kind),
        ]
        if c.province in self.data.provinces:
            categories.append(Category(c.province, self.data.provinces[c.province].name))
        if parent:
            categories.append(Category(parent, self.data.campaigns[parent].title))
        return self._item(
            entry,
            self.absolute(self.renderer.campaign_url(entry.record_id)),
            c.title,
            c.summary,
            self.html.campaign(c, parent_url),
            authors=(Author(c.launched_by),),
            categories=tuple(categories),
        )

    def _list_item(self, entry: Entry, url: str, title: str, summary: str, html: Markup) -> Item:
        """Items about a nominee list share its author and categories."""
        item = self.data.nominations[entry.record_id]
        categories = [Category("lay-y-kien", "Lấy ý kiến nhân dân")]
        if item.province in self.data.provinces:
            categories.append(Category(item.province, self.data.provinces[item.province].name))
        if item.campaign in self.data.campaigns:
            categories.append(Category(item.campaign, self.data.campaigns[item.campaign].title))
        categories.extend(Category(g.award, self.data.awards[g.award].name) for g in item.groups)
        return self._item(
            entry,
            url,
            title,
            summary,
            html,
            authors=(Author(item.proposing_body),),
            categories=tuple(dict.fromkeys(categories)),
        )

    def _nomination(self, entry: Entry) -> Item:
        item = self.data.nominations[entry.record_id]
        url = self.absolute(self.renderer.nomination_url(entry.record_id))
        window = f"từ {vn.date_long(item.consultation.opens)} đến hết {vn.date_long(item.consultation.closes)}"
        summary = f"{item.summary or ''} Thời gian lấy ý kiến: {window}."
        return self._list_item(entry, url, item.title, summary, self.html.nomination(item, url))

    def _amendment(self, entry: Entry) -> Item:
        item = self.data.nominations[entry.record_id]
        amendment = item.amendments[entry.index]
        url = self.absolute(self.renderer.nomination_url(entry.record_id))
        html = self.html.amendment(item, amendment, url)
        return self._list_item(entry, url, f"Điều chỉnh danh sách: {item.title}", amendment.change, html)

    def _outcome(self, entry: Entry) -> Item:
        item = self.data.nominations[entry.record_id]
        assert item.outcome is not None  # outcome entries exist only for lists with an outcome
        decision = item.outcome.decision
        url = self.absolute(self.renderer.nomination_url(entry.record_id))
        nominees = {p.id: (p, group.award) for group in item.groups for p in group.nominees}
        summary = item.outcome.summary or f"{decision.label()} ngày {vn.date_short(decision.date)}."
        html = self.html.outcome(item, url, nominees)
        return self._list_item(entry, f"{url}#ket-qua", f"Kết quả khen thưởng: {item.title}", summary, html)

    def _closing(self, entry: Entry) -> Item:
        item = self.data.nominations[entry.record_id]
        url = self.absolute(self.renderer.nomination_url(entry.record_id))
        summary = f"Hạn cuối nhận góp ý: hết {vn.date_long(item.consultation.closes)}."
        html = self.html.closing(item, url)
        return self._list_item(entry, url, f"Sắp hết hạn góp ý: {item.title}", summary, html)


class _MediaFeed:
    """feedgen extension (feed level): declares the Media RSS namespace."""

    def extend_ns(self) -> dict[str, str]:
        return {"media": MEDIA_NS}

    def extend_rss(self, element: Any) -> Any:
        return element

    def extend_atom(self, element: Any) -> Any:
        return element


class _MediaEntry(_MediaFeed):
    """feedgen extension (item level): the lead image with its caption and credit.

    feedgen's own media extension has no media:credit nor media:description.
    """

    def __init__(self) -> None:
        self.picture: Picture | None = None

    def extend_rss(self, element: Any) -> Any:
        picture = self.picture
        if picture is not None:
            content = xml_elem(
                f"{{{MEDIA_NS}}}content",
                element,
                url=picture.url,
                type=picture.media_type,
                fileSize=str(picture.length),
                medium="image",
            )
            for tag, text, attributes in (
                ("title", picture.alt, {"type": "plain"}),
                ("description", picture.caption, {"type": "plain"}),
                ("credit", picture.credit, {}),
            ):
                xml_elem(f"{{{MEDIA_NS}}}{tag}", content, **attributes).text = text
        return element

    def extend_atom(self, element: Any) -> Any:
        return self.extend_rss(element)


def rights(settings: SiteSettings) -> str:
    """The reuse notice carried by every feed (the press page explains it in full)."""
    text = (
        f"Nội dung do {settings.organisation} công bố. Khi đăng lại, ghi rõ nguồn “{settings.title}” "
        f"({settings.url}) và cơ quan báo chí đăng bài gốc; ghi tên tác giả ảnh như trong từng bài. "
        f"Hướng dẫn: {settings.url}bao-chi/"
    )
    if settings.sample_data:
        text += " Đây là dữ liệu mẫu để thử nghiệm: người và tập thể có tên là hư cấu, không đăng lại như tin thật."
    return text


def xml_feed(topic: Topic, items: Sequence[Item], fmt: Format, settings: SiteSettings, updated: datetime) -> bytes:
    """RSS 2.0 (with content:encoded, dc:creator, Media RSS) or Atom, with feedgen."""
    fg = FeedGenerator()
    fg.register_extension("media", _MediaFeed, _MediaEntry)
    fg.load_extension("dc", atom=False, rss=True)  # RSS <author> needs an e-mail address; dc:creator does not
    fg.id(tag_uri(settings, f"{FEED_DIR}/{topic.stem}"))
    fg.title(f"{topic.label} - {settings.title}")
    fg.description(topic.description)
    fg.link(href=settings.url + topic.path(fmt), rel="self", type=fmt.media_type)
    fg.link(href=settings.url + topic.page_url, rel="alternate", type="text/html")  # last link: RSS <link>
    fg.language("vi")
    fg.rights(rights(settings))
    fg.author(name=settings.organisation, uri=settings.url)
    fg.updated(updated)  # also lastBuildDate; feedgen's default is the clock
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item.id)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.summary(item.summary)
        # Both summary and content set: RSS gets description + content:encoded.
        entry.content(item.content_html, type="html")
        entry.published(item.published)
        entry.updated(item.updated)
        for author in item.authors:
            entry.author({"name": author.name, **({"uri": author.url} if author.url else {})})
        entry.dc.dc_creator([author.name for author in item.authors])
        for category in item.categories:
            scheme = {"scheme": category.scheme} if category.scheme else {}
            entry.category({"term": category.term, "label": category.label, **scheme})
        if item.pictures:
            lead = item.pictures[0]
            entry.enclosure(lead.url, lead.length, lead.media_type)
            entry.media.picture = lead
    out: bytes = fg.rss_str(pretty=True) if fmt.key == "rss" else fg.atom_str(pretty=True)
    return out


def _json(document: object) -> bytes:
    """Compact JSON: Python's C encoder runs only without indent, and indenting 851 feeds and the
    open data took 5 s at 10,000 exemplars; readers and tools do not need the spaces."""
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def json_feed(topic: Topic, items: Sequence[Item], settings: SiteSettings) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    json_format = next(fmt for fmt in FORMATS if fmt.key == "json")
    entries: list[dict[str, Any]] = []
    for item in items:
        entry: dict[str, Any] = {
            "id": item.id,
            "url": item.url,
            "title": item.title,
            "summary": item.summary,
            "content_html": item.content_html,
        }
        if item.pictures:
            entry["image"] = item.pictures[0].url
        entry["date_published"] = item.published.isoformat()
        entry["date_modified"] = item.updated.isoformat()
        entry["authors"] = [{"name": a.name, **({"url": a.url} if a.url else {})} for a in item.authors]
        entry["tags"] = list(dict.fromkeys(category.label for category in item.categories))
        entry["language"] = "vi"
        if item.pictures:
            entry["attachments"] = [
                {
                    "url": p.url,
                    "mime_type": p.media_type,
                    "title": f"{p.caption} ({p.credit})",
                    "size_in_bytes": p.length,
                }
                for p in item.pictures
            ]
        entries.append(entry)
    document = {
        "version": JSON_FEED_VERSION,
        "title": f"{topic.label} - {settings.title}",
        "home_page_url": settings.url + topic.page_url,
        "feed_url": settings.url + topic.path(json_format),
        "description": topic.description,
        "user_comment": rights(settings),
        "language": "vi",
        "authors": [{"name": settings.organisation, "url": settings.url}],
        "items": entries,
    }
    return _json(document)


def topic_documents(
    topic: Topic,
    items: Items,
    fallback: date,
    *,
    max_items: int = MAX_ITEMS,
    max_bytes: int = MAX_BYTES,
) -> dict[str, bytes]:
    """One topic in every format: the newest items, as many as fit in max_bytes (same items in each)."""
    settings = items.settings
    count = min(len(topic.entries), max_items)
    while True:
        chosen = [items.get(entry) for entry in topic.entries[:count]]
        updated = max((item.updated for item in chosen), default=at(fallback))
        documents = {
            topic.path(fmt): json_feed(topic, chosen, settings)
            if fmt.key == "json"
            else xml_feed(topic, chosen, fmt, settings, updated)
            for fmt in FORMATS
        }
        largest = max(len(content) for content in documents.values())
        if largest <= max_bytes:
            return documents
        if count <= 1:
            raise BuildError(f"nguồn tin {topic.stem} vượt {max_bytes} byte dù chỉ còn {count} mục")
        count = max(1, min(count - 1, count * max_bytes // largest))


def opml(topics: Sequence[Topic], settings: SiteSettings, created: date) -> bytes:
    """OPML 2.0 listing the RSS version of every feed, grouped as on the press page."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = f"Nguồn tin - {settings.title}"
    ET.SubElement(head, "dateCreated").text = format_datetime(at(created))
    ET.SubElement(head, "ownerName").text = settings.organisation
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    rss = FORMATS[0]
    for group, label in GROUPS.items():
        members = [topic for topic in topics if topic.group == group]
        if not members:
            continue
        outline = ET.SubElement(body, "outline", text=label, title=label)
        for topic in members:
            ET.SubElement(
                outline,
                "outline",
                type="rss",
                text=topic.label,
                title=topic.label,
                description=topic.description,
                xmlUrl=settings.url + topic.path(rss),
                htmlUrl=settings.url + topic.page_url,
                language="vi",
            )
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def _doc_label(ref: DocumentRef) -> str:
    return f"{ref.label()} ngày {vn.date_short(ref.date)}"


def open_data_records(renderer: Renderer) -> dict[str, list[dict[str, Any]]]:
    """Every record of each kind as flat rows, newest first; field names as in the YAML files."""
    data = renderer.data
    settings = data.settings

    def newest(records: Mapping[str, Any]) -> list[str]:
        return sorted(records, key=lambda rid: (records[rid].published, rid), reverse=True)

    exemplars = []
    for eid in newest(data.exemplars):
        e = data.exemplars[eid]
        exemplars.append(
            {
                "id": eid,
                "guid": tag_uri(settings, f"dien-hinh/{eid}"),
                "url": settings.url + renderer.exemplar_url(eid),
                "name": e.name,
                "honorific": e.honorific,
                "recipient_kind": e.recipient_kind,
                "role": e.role,
                "unit": e.unit,
                "locality": e.locality.name,
                "province": e.locality.province,
                "province_name": data.provinces[e.locality.province].name,
                "field": e.field,
                "campaigns": list(e.campaigns),
                "stage": e.stage,
                "priority_groups": list(e.priority_groups),
                "awards": [f"{a.award} {a.year}" for a in e.awards],
                "summary": e.summary,
                "image": settings.url + e.images[0].src if e.images else None,
                "image_credit": e.images[0].credit if e.images else None,
                "source_outlet": e.source.outlet,
                "source_column": e.source.column,
                "source_author": e.source.author,
                "source_date": e.source.date.isoformat() if e.source.date else None,
                "source_url": e.source.url,
                "published": e.published.isoformat(),
                "updated": e.updated.isoformat() if e.updated else None,
            }
        )
    campaigns = []
    for cid in newest(data.campaigns):
        c = data.campaigns[cid]
        campaigns.append(
            {
                "id": cid,
                "guid": tag_uri(settings, f"phong-trao/{cid}"),
                "url": settings.url + renderer.campaign_url(cid),
                "title": c.title,
                "summary": c.summary,
                "launched_by": c.launched_by,
                "level": c.level,
                "kind": c.kind,
                "theme": c.theme,
                "province": c.province,
                "parent": c.parent,
                "period_start": c.period.start.isoformat(),
                "period_end": c.period.end.isoformat() if c.period.end else None,
                "legal_basis": [_doc_label(ref) for ref in c.legal_basis],
                "published": c.published.isoformat(),
                "updated": c.updated.isoformat() if c.updated else None,
            }
        )
    lists = []
    for lid in newest(data.nominations):
        n = data.nominations[lid]
        lists.append(
            {
                "id": lid,
                "guid": tag_uri(settings, f"lay-y-kien/{lid}"),
                "url": settings.url + renderer.nomination_url(lid),
                "title": n.title,
                "proposing_body": n.proposing_body,
                "proposing_document": _doc_label(n.proposing_document),
                "province": n.province,
                "campaign": n.campaign,
                "awards": list(dict.fromkeys(group.award for group in n.groups)),
                "nominees": sum(len(group.nominees) for group in n.groups),
                "opens": n.consultation.opens.isoformat(),
                "closes": n.consultation.closes.isoformat(),
                "state": renderer.statuses[lid].label,
                "amendments": len(n.amendments),
                "outcome_decision": _doc_label(n.outcome.decision) if n.outcome else None,
                "outcome_date": n.outcome.decision.date.isoformat() if n.outcome else None,
                "published": n.published.isoformat(),
            }
        )
    return {"guong-dien-hinh": exemplars, "phong-trao": campaigns, "danh-sach-lay-y-kien": lists}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else value


def _csv(rows: Sequence[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _cell(value) for key, value in row.items()})
    # The byte-order mark makes Excel, which many newsrooms open CSV with, read UTF-8 Vietnamese correctly.
    return out.getvalue().encode("utf-8-sig")


def open_data(renderer: Renderer, updated: date) -> dict[str, bytes]:
    """The complete history as JSON and CSV under /du-lieu/ (feeds carry only the latest items)."""
    settings = renderer.data.settings
    records = open_data_records(renderer)
    out: dict[str, bytes] = {}
    for spec in OPEN_DATA:
        rows = records[spec.stem]
        document = {
            "title": f"{spec.label} - {settings.title}",
            "description": spec.description,
            "home_page_url": settings.url,
            "license": rights(settings),
            "updated": updated.isoformat(),
            "count": len(rows),
            "records": rows,
        }
        out[spec.path(".json")] = _json(document)
        out[spec.path(".csv")] = _csv(rows)
    return out


def feed_documents(
    renderer: Renderer,
    image_sizes: Mapping[str, int],
    *,
    max_items: int = MAX_ITEMS,
    max_bytes: int = MAX_BYTES,
) -> dict[str, bytes]:
    """Every feed, the OPML list and the open data files: site-relative path -> bytes."""
    topics = list(renderer.feed_topics.values())
    newest = newest_date(topics)
    items = Items(renderer, image_sizes)
    out: dict[str, bytes] = {}
    for topic in topics:
        out.update(topic_documents(topic, items, newest, max_items=max_items, max_bytes=max_bytes))
    out[OPML_PATH] = opml(topics, renderer.data.settings, newest)
    out.update(open_data(renderer, newest))
    return out


def image_sizes(data: Dataset) -> dict[str, int]:
    """Bytes of every exemplar image, for RSS enclosures (the one place feeds read a file)."""
    return {
        image.src: (data.data_dir / image.src).stat().st_size for e in data.exemplars.values() for image in e.images
    }


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def write_feeds(context: BuildContext) -> str:
    """Post-build step: write every feed and open data file beside MkDocs' pages."""
    documents = feed_documents(context.renderer, image_sizes(context.data))
    for path, content in documents.items():
        context.writer.bytes(path, content)
    total = sum(len(content) for content in documents.values())
    return f"{len(context.renderer.feed_topics)} nguồn tin, {len(OPEN_DATA) * 2} tệp dữ liệu mở, {_megabytes(total)}"
