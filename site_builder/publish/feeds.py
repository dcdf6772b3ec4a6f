"""Records -> RSS 2.0, Atom and JSON Feed 1.1 per topic, an OPML list, and open data (JSON, CSV).

The functions that make documents are pure: they take the feed catalogue and the items (built by
each record kind's module from the site model, images as the site serves them), and return bytes
per path, identical for the same data and clock. Which feeds exist is decided by the record
kinds (kinds/) and gathered in site.py.

A topic's documents are kept in the build cache (cache.py), keyed by the topic, its items and
the settings: at 10,000 exemplars feedgen and JSON took 8 of the feeds' 12.6 s. Items are built
every time: their macros can read the whole data set and site model (template globals), so no
key short of all the data would be complete.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from email.utils import format_datetime
from html import escape as escape_html
from typing import Any

from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from markupsafe import Markup

from .. import vietnamese as vn
from ..inputs.load import Dataset
from ..inputs.records import DocumentRef, Image, SiteSettings
from ..model.site_model import SiteModel
from ..problems import BuildError
from ..urls import URLS
from ..utils import cache
from .feed_topics import (
    FORMATS,
    GROUPS,
    ID_PREFIXES,
    MAX_BYTES,
    Entry,
    Format,
    OpenData,
    Topic,
    at,
    newest_date,
    tag_uri,
)
from .open_data import schema_link

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_NS = "http://search.yahoo.com/mrss/"


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


def named(honorific: str | None, name: str) -> str:
    return f"{honorific} {name}" if honorific else name


ItemBuilder = Callable[["Items", Entry], Item]
ItemInputs = Callable[["SiteModel", Entry], "list[str] | None"]


class Items:
    """Builds each item once: an exemplar appears in several feeds, always the same.

    Each record kind builds its own items (by entry.kind); the full text comes from the macros
    of templates/feed_items.html. This class gives the kinds what every item needs: ids,
    absolute links, dates and images.
    """

    def __init__(
        self,
        model: SiteModel,
        html: Any,
        builders: Mapping[str, ItemBuilder],
        seconds: Mapping[str, int] | None = None,
        inputs: Mapping[str, ItemInputs] | None = None,
    ) -> None:
        self.model = model
        self.inputs = inputs or {}
        self.data: Dataset = model.data
        self.urls = model.urls
        self.settings: SiteSettings = model.data.settings
        self.html = html
        self.builders = builders
        self.seconds = seconds or {}  # feed_topics.same_day_seconds: an item's second in its day
        self.cache: dict[str, Item] = {}
        self.fingerprints: dict[str, str] = {}
        # Every field of the settings, not only those the feeds read today.
        self.settings_fingerprint = cache.key(self.settings.model_dump_json())

    def absolute(self, url: str) -> str:
        return self.settings.url + url

    def get(self, entry: Entry) -> Item:
        if entry.key not in self.cache:
            self.cache[entry.key] = self.builders[entry.kind](self, entry)
        return self.cache[entry.key]

    def forget(self, entry: Entry) -> None:
        """Let go of an entry's item once no feed left to write carries it."""
        self.cache.pop(entry.key, None)
        self.fingerprints.pop(entry.key, None)

    def fingerprint(self, entry: Entry) -> str:
        """A hash of every field of the entry's item (what a feed document takes from it), or of
        everything the item is made from where its kind says what that is (item_inputs): then
        a feed the build cache holds needs none of its items built (at 10,000 exemplars, 4,000
        items were built on every edit only to be hashed)."""
        if entry.key not in self.fingerprints:
            found = self.inputs.get(entry.kind)
            parts = found(self.model, entry) if found else None
            if parts is None:
                self.fingerprints[entry.key] = cache.fingerprint(self.get(entry))
            else:
                second = str(self.seconds.get(entry.key, 0))
                self.fingerprints[entry.key] = cache.key("item", cache.fingerprint(entry), second, *parts)
        return self.fingerprints[entry.key]

    def item(
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
            at(entry.updated) + timedelta(seconds=self.seconds.get(entry.key, 0)),
            authors,
            categories,
            pictures,
        )

    def picture(self, image: Image) -> Picture:
        """An image as feeds carry it: the web copy of a photo or the PNG copy of a drawing (most
        readers show no SVG), its type and its length in bytes."""
        media = self.model.media
        served = media.feed(image.src)
        return Picture(
            self.absolute(served.path),
            served.media_type,
            media.length(image.src),
            image.alt,
            image.caption,
            image.credit,
        )


class _Extension:
    """A feedgen extension that adds nothing: the base of ours."""

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_rss(self, element: Any) -> Any:
        return element

    def extend_atom(self, element: Any) -> Any:
        return element


class _MediaFeed(_Extension):
    """feedgen extension (feed level): declares the Media RSS namespace."""

    def extend_ns(self) -> dict[str, str]:
        return {"media": MEDIA_NS}


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


class _AtomLinks(_Extension):
    """feedgen extension (Atom entries): the entry's links, each with its rel.

    feedgen 1.0.0 writes entry links without rel, type or length (its loop variable hides the
    link's data), so the lead image became a second alternate link: readers opened the picture
    instead of the story and the W3C validator reported DuplicateAtomLink. Atom entries get
    their links here instead: one rel="alternate" (the page) and the lead image as
    rel="enclosure" with its type and length.
    """

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, element: Any) -> Any:
        # Every link of an Atom entry is written here: one feedgen wrote is a copy without its rel.
        for written in element.findall("link"):
            element.remove(written)
        for link in self.links:
            xml_elem("link", element, **link)
        return element


def html_text(text: str) -> str:
    """Plain text for an element that readers render as HTML (RSS title and description).

    XML escaping alone is undone by the XML parser, and a reader then renders `<script>` in an
    RSS description as markup; escaped once more for HTML, it shows as the text it is.
    """
    return escape_html(text, quote=False)


def rights(settings: SiteSettings) -> str:
    """The reuse notice carried by every feed (the press page explains it in full)."""
    text = (
        f"Nội dung do {settings.organisation} công bố. Khi đăng lại, ghi rõ nguồn “{settings.title}” "
        f"({settings.url}) và cơ quan báo chí đăng bài gốc; ghi tên tác giả ảnh như trong từng bài. "
        f"Hướng dẫn: {settings.url}{URLS.press()}"
    )
    if settings.sample_data:
        text += " Đây là dữ liệu mẫu để thử nghiệm: người và tập thể có tên là hư cấu, không đăng lại như tin thật."
    return text


def xml_feed(topic: Topic, items: Sequence[Item], fmt: Format, settings: SiteSettings, updated: datetime) -> bytes:
    """RSS 2.0 (with content:encoded, dc:creator, Media RSS) or Atom, with feedgen."""
    rss = fmt.key == "rss"
    # RSS title and description are read as HTML: escaped text there. Atom's title, subtitle
    # and summary are declared text; the full text is sanitised HTML in every format.
    text = html_text if rss else str
    fg = FeedGenerator()
    fg.register_extension("media", _MediaFeed, _MediaEntry)
    fg.register_extension("atomlinks", _Extension, _AtomLinks, atom=True, rss=False)
    fg.load_extension("dc", atom=False, rss=True)  # RSS <author> needs an e-mail address; dc:creator does not
    fg.id(tag_uri(settings, f"{ID_PREFIXES['feed']}/{topic.stem}"))
    fg.title(text(f"{topic.label} - {settings.title}"))
    fg.description(text(topic.description))
    fg.link(href=settings.url + topic.path(fmt), rel="self", type=fmt.media_type)
    fg.link(href=settings.url + topic.page_url, rel="alternate", type="text/html")  # last link: RSS <link>
    fg.language("vi")
    fg.rights(rights(settings))
    fg.author(name=settings.organisation, uri=settings.url)
    fg.updated(updated)  # also lastBuildDate; feedgen's default is the clock
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item.id)
        entry.title(text(item.title))
        if rss:
            entry.link(href=item.url, rel="alternate", type="text/html")
        else:
            entry.atomlinks.links.append({"href": item.url, "rel": "alternate", "type": "text/html"})
            if not item.content_html:
                # feedgen refuses an Atom entry without content unless it knows of an alternate
                # link; the one it writes (href alone) is replaced by ours (_AtomLinks).
                entry.link(href=item.url, rel="alternate")
        entry.summary(text(item.summary), type="text")
        if item.content_html:
            # Both summary and content set: RSS gets description + content:encoded. An item
            # past the topic's full_text has its summary and link only (Atom's alternate link
            # stands for the content).
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
            if rss:
                entry.enclosure(lead.url, lead.length, lead.media_type)
            else:
                enclosure = {"href": lead.url, "rel": "enclosure", "type": lead.media_type, "length": str(lead.length)}
                entry.atomlinks.links.append(enclosure)
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
        }
        # JSON Feed 1.1 wants content_html or content_text: the summary stands in for an item
        # without its full text.
        if item.content_html:
            entry["content_html"] = item.content_html
        else:
            entry["content_text"] = item.summary
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
    max_items: int | None = None,
    max_bytes: int = MAX_BYTES,
) -> dict[str, bytes]:
    """One topic in every format: the newest items (topic.carried, or max_items), as many as fit
    in max_bytes (same items in each)."""
    entries = topic.entries[: topic.carried if max_items is None else min(len(topic.entries), max_items)]
    # The documents are made from these and nothing else (besides code, which the cache salts
    # in): the topic's fields, the items it may carry (the 2 MB cut only drops from their end,
    # by their sizes), every setting, the byte limit, and the fallback date, which only a topic
    # without items reads. The build's clock does not reach them.
    head = {f.name: getattr(topic, f.name) for f in fields(topic) if f.name != "entries"}
    parts = [
        cache.fingerprint(head),
        items.settings_fingerprint,
        str(max_bytes),
        "" if entries else fallback.isoformat(),
        *(items.fingerprint(entry) for entry in entries),
    ]

    def make() -> list[bytes]:
        # Items are built only for a topic the cache does not hold (item_inputs).
        built = [items.get(entry) for entry in entries]
        chosen = [item if n < topic.full_text else replace(item, content_html="") for n, item in enumerate(built)]
        return _topic_documents(topic, chosen, items.settings, fallback, max_bytes)

    made = cache.current().memo_all("feeds", parts, make)
    return {topic.path(fmt): content for fmt, content in zip(FORMATS, made, strict=True)}


def _topic_documents(
    topic: Topic, items: Sequence[Item], settings: SiteSettings, fallback: date, max_bytes: int
) -> list[bytes]:
    """The documents of topic_documents, in the order of FORMATS."""
    count = len(items)
    while True:
        chosen = items[:count]
        updated = max((item.updated for item in chosen), default=at(fallback))
        documents = [
            json_feed(topic, chosen, settings) if fmt.key == "json" else xml_feed(topic, chosen, fmt, settings, updated)
            for fmt in FORMATS
        ]
        largest = max(len(content) for content in documents)
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
    # Only the head elements the W3C feed validator knows (it rejected <docs>, which OPML 2.0 allows).
    ET.SubElement(head, "dateCreated").text = format_datetime(at(created))
    ET.SubElement(head, "dateModified").text = format_datetime(at(created))
    ET.SubElement(head, "ownerName").text = settings.organisation
    ET.SubElement(head, "ownerId").text = settings.url + URLS.press()  # where to reach the owner
    body = ET.SubElement(root, "body")
    rss = FORMATS[0]
    for group, label in GROUPS.items():
        members = [topic for topic in topics if topic.group == group]
        if not members:
            continue
        # A folder has only its text: with a title and no type the validator asks what type it is.
        outline = ET.SubElement(body, "outline", text=label)
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


def document_label(ref: DocumentRef) -> str:
    """A document in one line of open data: 'Kế hoạch số 200/KH-UBND ngày 09/10/2021'."""
    return f"{ref.label()} ngày {vn.date_short(ref.date)}"


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(_cell(item)) for item in value)
    if isinstance(value, dict):
        # An amendment in one cell: "2026-09-17: what changed (Lý do: why)".
        if set(value) == {"date", "change", "reason"}:
            return f"{value['date']}: {value['change']} (Lý do: {value['reason']})"
        return ", ".join(str(item) for item in value.values() if item is not None)
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


def open_data(
    tables: Sequence[tuple[OpenData, list[dict[str, Any]]]], settings: SiteSettings, updated: date
) -> dict[str, bytes]:
    """The complete history as JSON and CSV under /du-lieu/ (feeds carry only the latest items)."""
    out: dict[str, bytes] = {}
    for spec, rows in tables:
        document = {
            **schema_link(settings.url, spec.stem),
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


def iter_feed_documents(
    topics: Sequence[Topic],
    items: Items,
    tables: Callable[[], Iterable[tuple[OpenData, list[dict[str, Any]]]]],
    *,
    max_bytes: int = MAX_BYTES,
) -> Iterator[tuple[str, bytes]]:
    """Every feed, the OPML list and the open data files as (site-relative path, bytes), one
    topic at a time: a build writes each as it comes instead of holding them all (230 MB at
    10,000 exemplars). An item is let go after the last topic that carries it, and the open
    data's rows (tables) are made only after the feeds: at 50,000 exemplars the two together
    were a fifth of the build's memory."""
    newest = newest_date(topics)
    last_use: dict[str, int] = {}
    for index, topic in enumerate(topics):
        for entry in topic.entries[: topic.carried]:
            last_use[entry.key] = index
    for index, topic in enumerate(topics):
        yield from topic_documents(topic, items, newest, max_bytes=max_bytes).items()
        for entry in topic.entries[: topic.carried]:
            if last_use[entry.key] == index:
                items.forget(entry)
    yield items.urls.opml(), opml(topics, items.settings, newest)
    # One kind's rows at a time: at 50,000 exemplars every kind's rows and files held together
    # were the build's peak.
    for table in tables():
        yield from open_data([table], items.settings, newest).items()


def feed_documents(
    topics: Sequence[Topic],
    items: Items,
    tables: Sequence[tuple[OpenData, list[dict[str, Any]]]],
    *,
    max_bytes: int = MAX_BYTES,
) -> dict[str, bytes]:
    """Every feed, the OPML list and the open data files: site-relative path -> bytes."""
    return dict(iter_feed_documents(topics, items, lambda: tables, max_bytes=max_bytes))
