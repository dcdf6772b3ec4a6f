"""Which feeds the site offers: their topics, files, titles and the entries in each.

Shared by the pages (head links, the press page) and by the feed writer (`feeds.py`). Nothing
here knows a feed format or HTML, so `render.py` can import it without importing `feeds.py`.

A feed's path mirrors the page it follows: the page `/dien-hinh/theo-tinh/dong-thap/` has the
feed `/nguon-tin/dien-hinh/theo-tinh/dong-thap.xml` (RSS), `.atom.xml` (Atom) and `.json`
(JSON Feed). The home page's feed is `/nguon-tin/tat-ca.*`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from . import vietnamese as vn
from .consultation import TZ, working_days
from .records import NomineeList, SiteSettings

if TYPE_CHECKING:
    from .render import Renderer

FEED_DIR = "nguon-tin"
OPEN_DATA_DIR = "du-lieu"
OPML_PATH = f"{FEED_DIR}/tat-ca.opml"
SITE_WIDE = "tat-ca"
CLOSING = "lay-y-kien-sap-het-han"

# Aggregators (and readers on slow mobile data) want small feeds: the latest items only, and
# never more than 2 MB; the whole history is in the open data files.
MAX_ITEMS = 50
MAX_BYTES = 2_000_000

# The date part of every tag: URI. Fixed on purpose: ids must not change when a record's
# publication date is corrected.
ID_YEAR = 2026
# Records carry dates only. 08:00 Vietnam time keeps the same calendar day in UTC, so a reader
# that shows UTC does not move an item to the previous day.
ITEM_TIME = time(8, 0)

EntryKind = Literal["exemplar", "campaign", "nomination", "amendment", "outcome", "closing"]


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
    "phong-trao": "Gương điển hình theo phong trào",
    "tinh": "Gương điển hình theo tỉnh, thành phố",
    "linh-vuc": "Gương điển hình theo lĩnh vực",
    "danh-sach": "Từng danh sách lấy ý kiến",
}


@dataclass(frozen=True)
class Entry:
    """One feed item, before it has a format: what it is about and its dates."""

    kind: EntryKind
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

    def path(self, fmt: Format) -> str:
        return f"{FEED_DIR}/{self.stem}{fmt.suffix}"

    @property
    def carried(self) -> int:
        """How many items the feed carries (before the 2 MB cut, which sample-sized data never hits)."""
        return min(len(self.entries), MAX_ITEMS)


@dataclass(frozen=True)
class OpenData:
    stem: str
    label: str
    description: str

    def path(self, suffix: str) -> str:
        return f"{OPEN_DATA_DIR}/{self.stem}{suffix}"


OPEN_DATA: tuple[OpenData, ...] = (
    OpenData(
        "guong-dien-hinh", "Gương điển hình", "mọi gương điển hình: mã, tên, địa phương, lĩnh vực, phong trào, nguồn"
    ),
    OpenData("phong-trao", "Phong trào thi đua", "mọi phong trào: mã, tên, cấp, loại, thời gian, căn cứ"),
    OpenData(
        "danh-sach-lay-y-kien",
        "Danh sách lấy ý kiến",
        "mọi danh sách lấy ý kiến: mã, tên, cơ quan đề nghị, thời gian lấy ý kiến, số người, kết quả",
    ),
)


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


def closing_since(item: NomineeList, holidays: Mapping[date, str], closing_soon: int) -> date:
    """The first day on which the list counts as closing soon (see consultation.status)."""
    day = item.consultation.opens
    while day < item.consultation.closes and working_days(day, item.consultation.closes, holidays) > closing_soon:
        day += timedelta(days=1)
    return day


def list_entries(lid: str, item: NomineeList) -> list[Entry]:
    """A nominee list's own events: its publication, each amendment, its outcome."""
    updated = max([item.published, *(a.date for a in item.amendments)])
    if item.outcome is not None:
        updated = max(updated, item.outcome.decision.date)
    out = [Entry("nomination", lid, f"lay-y-kien/{lid}", item.published, updated)]
    seen: dict[date, int] = {}
    for index, amendment in enumerate(item.amendments):
        # Keyed by date, not position: an amendment inserted above another keeps the other's id.
        seen[amendment.date] = seen.get(amendment.date, 0) + 1
        suffix = "" if seen[amendment.date] == 1 else f"-{seen[amendment.date]}"
        key = f"lay-y-kien/{lid}/dieu-chinh/{amendment.date.isoformat()}{suffix}"
        out.append(Entry("amendment", lid, key, amendment.date, amendment.date, index))
    if item.outcome is not None:
        decided = item.outcome.decision.date
        out.append(Entry("outcome", lid, f"lay-y-kien/{lid}/ket-qua", decided, decided))
    return out


def catalogue(renderer: Renderer) -> list[Topic]:
    """Every feed of the site, in the order the press page and the OPML file list them."""
    data = renderer.data
    settings = data.settings
    exemplars = {
        eid: Entry("exemplar", eid, f"dien-hinh/{eid}", e.published, max(e.published, e.updated or e.published))
        for eid, e in data.exemplars.items()
    }
    campaigns = {
        cid: Entry("campaign", cid, f"phong-trao/{cid}", c.published, max(c.published, c.updated or c.published))
        for cid, c in data.campaigns.items()
    }
    lists = {lid: list_entries(lid, item) for lid, item in data.nominations.items()}
    closing_soon = settings.consultation.closing_soon_working_days
    closing: list[Entry] = []
    for lid, item in data.nominations.items():
        if renderer.statuses[lid].state == "closing":
            since = closing_since(item, data.holidays, closing_soon)
            closing.append(Entry("closing", lid, f"lay-y-kien/{lid}/sap-het-han", since, since))
    publications = [events[0] for events in lists.values()]

    topics = [
        Topic(
            SITE_WIDE,
            "chung",
            "Tất cả tin mới",
            "Gương điển hình, phong trào thi đua và danh sách lấy ý kiến nhân dân mới đăng.",
            "",
            newest_first([*exemplars.values(), *campaigns.values(), *publications]),
        ),
        Topic(
            "dien-hinh",
            "chung",
            "Gương điển hình tiên tiến",
            "Toàn văn câu chuyện gương người tốt, việc tốt, điển hình tiên tiến, kèm ảnh và nguồn bài gốc.",
            "dien-hinh/",
            newest_first(exemplars.values()),
        ),
        Topic(
            "phong-trao",
            "chung",
            "Phong trào thi đua",
            "Phong trào thi đua yêu nước: căn cứ, nội dung, tiêu chí.",
            "phong-trao/",
            newest_first(campaigns.values()),
        ),
        Topic(
            "lay-y-kien",
            "chung",
            "Danh sách lấy ý kiến nhân dân",
            "Danh sách đề nghị khen thưởng mới công khai để lấy ý kiến nhân dân, kèm toàn bộ danh sách.",
            "lay-y-kien/",
            newest_first(publications),
        ),
        Topic(
            CLOSING,
            "chung",
            "Danh sách sắp hết hạn góp ý",
            f"Danh sách đang lấy ý kiến, còn không quá {closing_soon} ngày làm việc là hết hạn góp ý.",
            "lay-y-kien/",
            newest_first(closing),
        ),
    ]
    # Members of each campaign, province and field in one pass (in the data's order), not one
    # pass over every exemplar per campaign: that was 2.5 s at 10,000 exemplars and 300 campaigns.
    by_campaign: dict[str, list[Entry]] = defaultdict(list)
    by_province: dict[str, list[Entry]] = defaultdict(list)
    by_field: dict[str, list[Entry]] = defaultdict(list)
    for eid, e in data.exemplars.items():
        for cid in dict.fromkeys(e.campaigns):
            by_campaign[cid].append(exemplars[eid])
        by_province[e.locality.province].append(exemplars[eid])
        by_field[e.field].append(exemplars[eid])
    for cid, campaign in sorted(data.campaigns.items(), key=lambda pair: vn.sort_key(pair[1].title)):
        members = by_campaign.get(cid, [])
        topics.append(
            Topic(
                f"dien-hinh/theo-phong-trao/{cid}",
                "phong-trao",
                f"Gương điển hình: {campaign.title}",
                f"Gương điển hình trong phong trào “{campaign.title}”.",
                renderer.campaign_url(cid),
                newest_first(members),
            )
        )
    for pid, province in sorted(data.provinces.items(), key=lambda pair: vn.sort_key(pair[1].name)):
        members = by_province.get(pid, [])
        former = ""
        if province.former:
            former = (
                f" Kể cả địa bàn {'các tỉnh' if len(province.former) > 1 else 'tỉnh'} {', '.join(province.former)} cũ."
            )
        url = f"dien-hinh/theo-tinh/{pid}/"
        topics.append(
            Topic(
                url.rstrip("/"),
                "tinh",
                f"Gương điển hình tại {province.kind} {province.name}",
                f"Gương điển hình ở {province.kind} {province.name}.{former}",
                url if members else "dien-hinh/theo-tinh/",
                newest_first(members),
            )
        )
    fields = list(dict.fromkeys([*settings.fields, *(e.field for e in data.exemplars.values())]))
    for name in fields:
        members = by_field.get(name, [])
        url = f"dien-hinh/theo-linh-vuc/{vn.slug(name)}/"
        topics.append(
            Topic(
                url.rstrip("/"),
                "linh-vuc",
                f"Gương điển hình lĩnh vực {name}",
                f"Gương điển hình trong lĩnh vực {name}.",
                url if members else "dien-hinh/theo-linh-vuc/",
                newest_first(members),
            )
        )
    for lid, item in sorted(data.nominations.items(), key=lambda pair: (pair[1].published, pair[0]), reverse=True):
        topics.append(
            Topic(
                f"lay-y-kien/{lid}",
                "danh-sach",
                item.title,
                "Công bố danh sách, các lần điều chỉnh và kết quả khen thưởng.",
                renderer.nomination_url(lid),
                newest_first(lists[lid]),
            )
        )
    return topics


def newest_date(topics: Iterable[Topic]) -> date:
    """The newest date in the data, for files that need one and have no item of their own."""
    dates = [entry.updated for topic in topics for entry in topic.entries]
    return max(dates, default=date(ID_YEAR, 1, 1))
