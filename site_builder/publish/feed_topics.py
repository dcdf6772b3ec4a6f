"""What a feed is, before any format: topics, entries, formats, permanent ids.

Each record kind (kinds/) says which entries and topics it has; `site.py` gathers them into
the catalogue that the pages (head links, the press page) and the feed writer (`feeds.py`)
read. Nothing here knows a feed format, HTML or a record kind.

A feed's path mirrors the page it follows: the page `/dien-hinh/theo-tinh/dong-thap/` has the
feed `/nguon-tin/dien-hinh/theo-tinh/dong-thap.xml` (RSS), `.atom.xml` (Atom) and `.json`
(JSON Feed). The home page's feed is `/nguon-tin/tat-ca.*` (see urls.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Final
from urllib.parse import urlsplit

from ..inputs.records import SiteSettings
from ..model.consultation import TZ
from ..urls import URLS

SITE_WIDE: Final = URLS.SITE_WIDE_FEED
CLOSING: Final = URLS.CLOSING_FEED

# The first part of every item's permanent id (tag: URI): frozen, see Urls.TAG_PREFIXES.
ID_PREFIXES: Final = URLS.TAG_PREFIXES

# Aggregators (and readers on slow mobile data) want small feeds: the latest items only (site.yml's
# feed_items, 20 unless set, as GOV.UK's Atom feeds; at most MAX_ITEMS), and never more than 2 MB;
# the whole history is in the open data files.
MAX_ITEMS = 50
MAX_BYTES = 2_000_000
# Only the newest items carry the full text (site.yml's feed_full_text, 5 unless set); older ones
# carry their summary and link. A new story reaches a reader's app whole, and the same story is
# not repeated in full by each of the 1,700 feeds that carry it at 10,000 exemplars (its site-wide,
# province, field and campaign feeds): full text in every item made 146 MB of feeds there.
FULL_TEXT_ITEMS = 5

# The date part of every tag: URI. Fixed on purpose: ids must not change when a record's
# publication date is corrected.
ID_YEAR = 2026
# Records carry dates only. 08:00 Vietnam time keeps the same calendar day in UTC, so a reader
# that shows UTC does not move an item to the previous day.
ITEM_TIME = time(8, 0)


@dataclass(frozen=True)
class Format:
    key: str
    suffix: str
    media_type: str
    label: str


FORMATS: tuple[Format, ...] = (
    Format("rss", ".xml", "application/rss+xml", "RSS"),
    Format("atom", ".atom.xml", "application/atom+xml", "Atom"),
    Format("json", ".json", "application/feed+json", "JSON Feed"),
)

GROUPS: dict[str, str] = {
    "chung": "Nguồn tin chung",
    "phong-trao-thi-dua": "Gương điển hình theo phong trào",
    "tinh": "Gương điển hình theo tỉnh, thành phố",
    "linh-vuc": "Gương điển hình theo lĩnh vực",
    "danh-sach": "Từng danh sách lấy ý kiến",
}


@dataclass(frozen=True)
class Entry:
    """One feed item, before it has a format: what it is about and its dates."""

    kind: str  # the record kind ("exemplar", ...) whose module builds the item
    event: str  # what happened to the record: "published", "amended", "decided", "feedback", "corrected", "closing"
    record_id: str
    key: str  # the part of the tag: URI after the date; never built from a title or URL
    published: date
    updated: date
    index: int = -1  # position in the list's amendments, for amendment entries

    def sort_key(self) -> tuple[date, str]:
        return (self.published, self.key)


@dataclass(frozen=True)
class Topic:
    """One feed, published in every format of FORMATS."""

    stem: str
    group: str
    label: str
    description: str
    page_url: str
    entries: tuple[Entry, ...]  # every entry, newest first
    announced_with: str | None = None  # pages announcing that feed announce this one too
    limit: int = MAX_ITEMS  # the newest items the feed carries (site.yml's feed_items)
    full_text: int = FULL_TEXT_ITEMS  # of which the newest carry their full text (site.yml's feed_full_text)

    def path(self, fmt: Format) -> str:
        return URLS.feed(self.stem, fmt.suffix)

    @property
    def carried(self) -> int:
        """How many items the feed carries (before the 2 MB cut, which sample-sized data never hits)."""
        return min(len(self.entries), self.limit)


@dataclass(frozen=True)
class OpenData:
    stem: str
    label: str
    description: str

    def path(self, suffix: str) -> str:
        return URLS.open_data(self.stem, suffix)


def record_key(kind: str, record_id: str, *rest: str) -> str:
    """The key of a record's id ("dien-hinh/nguyen-van-an"), with more parts for its events."""
    return "/".join((ID_PREFIXES[kind], record_id, *rest))


def tag_uri(settings: SiteSettings, key: str) -> str:
    """A permanent id (RFC 4151) from the site's host and a record key, e.g. tag:host,2026:dien-hinh/an."""
    host = urlsplit(settings.url).hostname or "localhost"
    return f"tag:{host},{ID_YEAR}:{key}"


def at(day: date) -> datetime:
    """The moment an item dated `day` is published: 08:00 in Asia/Ho_Chi_Minh."""
    return datetime.combine(day, ITEM_TIME, TZ)


def newest_first(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Newest publication first; the key breaks ties so the order never depends on file order."""
    return tuple(sorted(entries, key=Entry.sort_key, reverse=True))


def newest_date(topics: Iterable[Topic]) -> date:
    """The newest date in the data, for files that need one and have no item of their own."""
    dates = [entry.updated for topic in topics for entry in topic.entries]
    return max(dates, default=date(ID_YEAR, 1, 1))


def same_day_seconds(topics: Iterable[Topic]) -> dict[str, int]:
    """A second for each entry among those updated on the same day (0, 1, 2, ... oldest first).

    Records carry dates only, so every item of a day had the same atom:updated and the W3C
    validator warned of two entries with the same atom:updated in a feed (readers use it to
    spot changed items). The rank is taken over the whole site, so an item has the same time in
    every feed that carries it and no two items of any feed share one; it is the feeds' own
    order (publication, then key), so the newest first stays the latest. From the data alone.
    """
    unique = {entry.key: entry for topic in topics for entry in topic.entries}
    by_day: dict[date, list[Entry]] = {}
    for entry in unique.values():
        by_day.setdefault(entry.updated, []).append(entry)
    seconds: dict[str, int] = {}
    for day_entries in by_day.values():
        for rank, entry in enumerate(sorted(day_entries, key=Entry.sort_key)):
            seconds[entry.key] = rank
    return seconds
