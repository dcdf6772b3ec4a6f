"""Nominee lists put to public consultation: pages, printable notices, feeds, files, open data.

The rules of the consultation itself (windows, working days, states) are in consultation.py;
this module shows a list and publishes the files beside its page (CSV, JSON, calendars).
"""

from __future__ import annotations

import csv
import functools
import io
import zlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, timedelta
from typing import Any

import segno
from icalendar import Calendar, Event
from markupsafe import Markup

from .. import vietnamese as vn
from ..inputs.load import Dataset
from ..inputs.records import NomineeFeedback, NomineeList
from ..model import comments
from ..model.consultation import GROUP_ORDER, Status
from ..model.images import card_alt
from ..model.site_model import SiteModel
from ..publish import jsonld
from ..publish.embed_code import code_box
from ..publish.feed_topics import (
    CLOSING,
    ID_PREFIXES,
    Entry,
    OpenData,
    Topic,
    at,
    newest_first,
    record_key,
    tag_uri,
)
from ..publish.feeds import Author, Category, Item, Items, document_label, named
from ..publish.open_data import INDEX_SCHEMA, LIST_SCHEMA, schema_link
from ..publish.radio import announcement
from ..publish.render import Page, Renderer
from ..urls import URLS
from ..utils import cache, parallel
from ..utils.jsondoc import pretty
from .base import Kind, SearchFields, newest

CSV_COLUMNS = (
    "number",
    "group",
    "award",
    "award_name",
    "id",
    "recipient_kind",
    "honorific",
    "name",
    "position",
    "unit",
    "locality",
    "achievement",
    "result",
    "comments",
)


# How many lists of each state the section page shows; the rest are one level down
# (SITE_BUILDER_SHOWN_ON_INDEX overrides it, for tests on the small sample).
SHOWN_ON_INDEX = 20


def lists_by_year(model: SiteModel) -> dict[int, list[str]]:
    """Finished lists by the year their window closed, newest year first, latest first within."""
    years: dict[int, list[str]] = {}
    for lid in model.lists_by_state["closed"]:
        years.setdefault(model.data.nominations[lid].consultation.closes.year, []).append(lid)
    return dict(sorted(years.items(), reverse=True))


class Nominations(Kind):
    name = "nomination"
    folder = "nominations"
    open_data = OpenData(
        URLS.OPEN_DATA_STEMS["nomination"],
        "Danh sách lấy ý kiến",
        "mọi danh sách lấy ý kiến: mã, tên, cơ quan đề nghị, thời gian lấy ý kiến, số người, kết quả",
    )

    def records(self, data: Dataset) -> Mapping[str, NomineeList]:
        return data.nominations

    # -- pages ---------------------------------------------------------------------

    def pages(self, renderer: Renderer, part: int | None) -> Iterable[Page]:
        if part in (None, 1):
            yield from self.index_pages(renderer)
        model = renderer.model
        for lid, item in model.data.nominations.items():
            # Half the lists each: on a build after the clock moved (a day on, every list's days
            # left change) the lists' pages are most of the rendering.
            if part is None or zlib.crc32(lid.encode("utf-8")) % 2 == part:
                yield from self.list_pages(renderer, lid, item)

    def index_pages(self, renderer: Renderer) -> Iterable[Page]:
        """The section page and the numbered pages of the lists by state and by year."""
        model, urls = renderer.model, renderer.urls
        url = urls.nominations()
        groups = model.lists_by_state
        years = lists_by_year(model)
        shown = parallel.threshold("SHOWN_ON_INDEX", SHOWN_ON_INDEX)
        body = renderer.render(
            "nomination_list.html",
            url,
            lists={group: lids[:shown] for group, lids in groups.items()},
            totals={group: len(lids) for group, lids in groups.items()},
            more={group: urls.nominations_by_state(group) for group in ("open", "upcoming")},
            years=[(year, len(lids), urls.nominations_by_year(year)) for year, lids in years.items()],
            statuses=model.statuses,
            rule=model.state_rule,
        )
        yield Page(
            url,
            "Lấy ý kiến nhân dân",
            body,
            "Danh sách đề nghị khen thưởng đang, sắp và đã lấy ý kiến nhân dân",
            {"kind": "list"},
        )
        # Beyond what the section page shows: every list of a state, and the finished ones by year,
        # on numbered pages (all 500 lists on one page was 3,200 elements at 10,000 exemplars).
        titles = {"open": "Danh sách đang lấy ý kiến", "upcoming": "Danh sách sắp lấy ý kiến"}
        pages = [(group, title, groups[group], urls.nominations_by_state(group)) for group, title in titles.items()]
        pages += [
            ("closed", f"Danh sách kết thúc lấy ý kiến năm {year}", lids, urls.nominations_by_year(year))
            for year, lids in years.items()
        ]
        for group, title, lids, first in pages:
            if len(groups[group]) <= shown:
                continue  # the section page shows them all
            yield from renderer.numbered_pages(
                "nomination_pages.html", first, title, lids, "lids", group=group, statuses=model.statuses
            )

    def record_page(self, renderer: Renderer, record_id: str) -> Page:
        # The list's page: the first of list_pages (its printed notice follows).
        return next(iter(self.list_pages(renderer, record_id, renderer.model.data.nominations[record_id])))

    def list_pages(self, renderer: Renderer, lid: str, item: NomineeList) -> Iterable[Page]:
        """A list's page and its printed notice, from the build cache while what they show is
        unchanged: the list's file, state, window, rule and versions today (list_fingerprint),
        the tables and settings, and the feeds they link to. Rendering them was 3 s of every
        build at 10,000 exemplars (comment links for 25,000 nominees, 500 QR codes)."""
        model, urls = renderer.model, renderer.urls
        url = urls.nomination(lid)
        feeds = renderer.feed_links(url, [urls.feed_stem(url), urls.feed_stem(urls.nominations())])
        parts = [model.tables_fingerprint, model.list_fingerprint(lid), cache.fingerprint(feeds)]
        context = functools.cache(lambda: self.context(model, lid, item))
        yield renderer.memo(["nomination", *parts], lambda: self.list_page(renderer, lid, item, context(), feeds))
        yield renderer.memo(["notice", *parts], lambda: self.notice_page(renderer, lid, item, context()))

    def list_page(
        self, renderer: Renderer, lid: str, item: NomineeList, context: dict[str, Any], feeds: list[dict[str, str]]
    ) -> Page:
        model = renderer.model
        url = renderer.urls.nomination(lid)
        state = model.statuses[lid]
        embed = code_box(model.data.settings.url, url, item.title, self.name)
        body = renderer.render("nomination.html", url, lid=lid, n=item, st=state, embed=embed, **context)
        meta = {
            "kind": self.name,
            "record_id": lid,
            "state": state.state,
            "feeds": feeds,
            "updated": last_change(item).isoformat(),
            "jsonld": self.jsonld(model, lid),
            "oembed": {"href": embed["oembed"], "title": item.title},
        }
        return Page(url, item.title, body, list_description(item, state), meta)

    def notice_page(self, renderer: Renderer, lid: str, item: NomineeList, context: dict[str, Any]) -> Page:
        model, urls = renderer.model, renderer.urls
        url, notice_url = urls.nomination(lid), urls.notice(lid)
        state = model.statuses[lid]
        # A fixed mask pattern (any is valid) skips segno's scoring of all eight, 4x faster.
        svg = segno.make(context["absolute_url"], error="m", mask=2).svg_inline(scale=3, title="Mã QR")
        qr = Markup(svg)  # trusted: SVG drawn by segno from the site's own URL
        body = renderer.render("notice.html", notice_url, lid=lid, n=item, st=state, qr=qr, **context)
        meta = {
            "kind": "notice",
            "record_id": lid,
            "hide": ["navigation", "toc"],
            "share_image": urls.share_card(url),  # the list's card
            "share_image_alt": card_alt(item.title, model.data.settings.title),
            "jsonld": self.notice_jsonld(model, lid),
        }
        return Page(notice_url, f"Thông báo: {item.title}", body, list_description(item, state), meta)

    @staticmethod
    def context(model: SiteModel, lid: str, item: NomineeList) -> dict[str, Any]:
        """Everything a list page and its printed notice show beyond the record itself."""
        data = model.data
        settings = data.settings.consultation
        channels = item.channels or settings.channels
        page_url = data.settings.url + model.urls.nomination(lid)
        comment_links = {
            nominee.id: comments.links(channels, lid, item, page_url, data.awards[group.award].name, nominee)
            for group in item.groups
            for nominee in group.nominees
        }
        results = {result.nominee: result for result in item.outcome.results} if item.outcome else {}
        return {
            "rows": model.rows[lid],
            "versions": model.versions[lid],
            "changes": model.changes[lid],
            "list_links": comments.links(channels, lid, item, page_url),
            "total": sum(len(group.nominees) for group in item.groups),
            "channels": channels,
            "comment_links": comment_links,
            "requirements": item.comment_requirements or settings.comment_requirements,
            "privacy_notice": settings.privacy_notice,
            "after_deadline": item.after_deadline or settings.after_deadline,
            "window": model.windows[lid],
            "rule": model.rules[lid],
            "feedback_state": model.feedback[lid],
            "feedback_by_id": published_feedback(item),
            "rows_by_id": {row.nominee.id: row for row in model.rows[lid]},
            "fingerprint": model.fingerprints[lid],
            "results": results,
            "absolute_url": page_url,
            "radio": announcement(model, lid, item),
            "radio_url": data.settings.url + model.urls.list_radio(lid),
        }

    def jsonld(self, model: SiteModel, lid: str) -> dict[str, Any]:
        """An ItemList of the nominees, numbered as everywhere, with the consultation as an Event."""
        item, settings, window = model.data.nominations[lid], model.data.settings, model.windows[lid]
        url = settings.url + model.urls.nomination(lid)
        awards = model.data.awards
        elements = [
            {
                "@type": "ListItem",
                "position": row.number,
                "name": named(row.nominee.honorific, row.nominee.name),
                "description": f"{row.group_label}. {awards[row.award].name}",
                "url": f"{url}#{row.nominee.id}",
            }
            for row in model.rows[lid]
        ]
        consultation = {
            "@type": "Event",
            "name": f"Lấy ý kiến nhân dân: {item.title}",
            "description": window_sentence(item, url),
            "startDate": window.opens_at.isoformat(),
            "endDate": window.closes_at.isoformat(),
            # An amendment keeps the event (the calendars raise SEQUENCE); a list is never cancelled.
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
            "location": {"@type": "VirtualLocation", "url": url},
            "image": settings.url + model.urls.share_card(model.urls.nomination(lid)),
            # The site's owner runs the consultation (its channels take the comments); the body that
            # proposed the list contributes it. Only the owner has an address of its own in the data.
            "organizer": jsonld.organisation(settings),
            "contributor": jsonld.government(item.proposing_body),
            "about": jsonld.legislation(item.proposing_document),
        }
        listing = {
            "@type": "ItemList",
            "name": item.title,
            "description": item.summary or item.title,
            "url": url,
            "inLanguage": "vi",
            "numberOfItems": len(elements),
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "itemListElement": elements,
            "subjectOf": consultation,
            "publisher": jsonld.organisation(settings),
        }
        return jsonld.document(listing)

    def notice_jsonld(self, model: SiteModel, lid: str) -> dict[str, Any]:
        """The printable notice: a document made from the list, to post at the office."""
        item, settings, urls = model.data.nominations[lid], model.data.settings, model.urls
        list_url = settings.url + urls.nomination(lid)
        notice = {
            "@type": "DigitalDocument",
            "name": f"Thông báo: {item.title}",
            "description": window_sentence(item, list_url),
            "url": settings.url + urls.notice(lid),
            "inLanguage": "vi",
            "datePublished": item.published.isoformat(),
            "dateModified": event_changed(item).isoformat(),
            "publisher": jsonld.organisation(settings),
            "image": settings.url + urls.share_card(urls.nomination(lid)),
            "isBasedOn": list_url,
            "about": {"@type": "ItemList", "name": item.title, "url": list_url},
        }
        return jsonld.document(notice)

    def search_fields(self, model: SiteModel, record_id: str) -> SearchFields:
        data = model.data
        n = data.nominations[record_id]
        filters: dict[str, list[str]] = {
            "loai": ["Danh sách lấy ý kiến"],
            "tinh": [data.provinces[n.province].name] if n.province in data.provinces else [],
            "phong_trao": [data.campaigns[n.campaign].title] if n.campaign in data.campaigns else [],
            "nam": [str(n.consultation.opens.year)],
            "khen_thuong": [data.awards[g.award].name for g in n.groups],
            "doi_tuong": sorted({p.recipient_kind for g in n.groups for p in g.nominees}),
            "trang_thai": [model.statuses[record_id].label],
        }
        return filters, {"date": n.published.isoformat(), "summary": n.summary or n.title}

    # -- feeds -----------------------------------------------------------------------

    def entries(self, model: SiteModel) -> dict[str, list[Entry]]:
        """Each list's publication, its amendments, its outcome and, while closing soon, a reminder."""
        out: dict[str, list[Entry]] = {}
        for lid, item in model.data.nominations.items():
            events = [Entry(self.name, "published", lid, record_key(self.name, lid), item.published, last_change(item))]
            seen: dict[date, int] = {}
            for index, amendment in enumerate(item.amendments):
                # Keyed by date, not position: an amendment inserted above another keeps the other's id.
                seen[amendment.date] = seen.get(amendment.date, 0) + 1
                suffix = "" if seen[amendment.date] == 1 else f"-{seen[amendment.date]}"
                key = record_key(self.name, lid, "dieu-chinh", amendment.date.isoformat() + suffix)
                events.append(Entry(self.name, "amended", lid, key, amendment.date, amendment.date, index))
            if item.outcome is not None:
                decided = item.outcome.decision.date
                events.append(Entry(self.name, "decided", lid, record_key(self.name, lid, "ket-qua"), decided, decided))
            if item.feedback is not None and item.feedback.published is not None:
                day = item.feedback.published
                events.append(
                    Entry(self.name, "feedback", lid, record_key(self.name, lid, "y-kien-nhan-dan"), day, day)
                )
            for index, correction in enumerate(item.corrections):
                # Appended only (the data gate), so the position is a permanent id.
                key = record_key(self.name, lid, "dinh-chinh-ket-qua", str(index + 1))
                events.append(Entry(self.name, "corrected", lid, key, correction.date, correction.date, index))
            if model.statuses[lid].state == "closing":
                since = model.windows[lid].closing_since
                key = record_key(self.name, lid, "sap-het-han")
                events.append(Entry(self.name, "closing", lid, key, since, since))
            out[lid] = events
        return out

    def topics(self, model: SiteModel, entries: Mapping[str, list[Entry]]) -> list[Topic]:
        urls = model.urls
        section = urls.nominations()
        stem = urls.feed_stem(section)
        publications = [events[0] for events in entries.values()]
        closing = [entry for events in entries.values() for entry in events if entry.event == "closing"]
        topics = [
            Topic(
                stem,
                "chung",
                "Danh sách lấy ý kiến nhân dân",
                "Danh sách đề nghị khen thưởng mới công khai để lấy ý kiến nhân dân, kèm toàn bộ danh sách.",
                section,
                newest_first(publications),
            ),
            Topic(
                CLOSING,
                "chung",
                "Danh sách sắp hết hạn góp ý",
                f"Danh sách đang lấy ý kiến, còn không quá {model.closing_soon} ngày làm việc là hết hạn góp ý.",
                section,
                newest_first(closing),
                announced_with=stem,
            ),
        ]
        lists = model.data.nominations
        for lid in sorted(lists, key=lambda lid: (lists[lid].published, lid), reverse=True):
            url = urls.nomination(lid)
            events = [entry for entry in entries[lid] if entry.event != "closing"]
            topics.append(
                Topic(
                    urls.feed_stem(url),
                    "danh-sach",
                    lists[lid].title,
                    "Công bố danh sách, các lần điều chỉnh và kết quả khen thưởng.",
                    url,
                    newest_first(events),
                )
            )
        return topics

    def item_inputs(self, model: SiteModel, entry: Entry) -> list[str] | None:
        # The list's file (its nominees, numbering, amendments, outcome), its window (the file
        # and the holidays), the names it shows, the settings; the clock only through the entry.
        lid = entry.record_id
        return [
            model.tables_fingerprint,
            model.record_fingerprint("nominations", lid),
            cache.fingerprint(model.windows[lid]),
        ]

    def item(self, items: Items, entry: Entry) -> Item:
        item = items.data.nominations[entry.record_id]
        url = items.absolute(items.urls.nomination(entry.record_id))
        window = items.model.windows[entry.record_id]
        if entry.event == "amended":
            amendment = item.amendments[entry.index]
            html = items.html.amendment(item, amendment, url)
            return self._item(items, entry, url, f"Điều chỉnh danh sách: {item.title}", amendment.change, html)
        if entry.event == "feedback":
            assert item.feedback is not None  # feedback entries exist only for published feedback
            total = item.feedback.received.total()
            summary = (
                f"Đã tổng hợp {total} ý kiến nhân dân về danh sách; "
                f"{len(item.feedback.nominees)} người, tập thể được góp ý, kèm kết quả xác minh và trả lời."
            )
            html = items.html.feedback(item, url, {row.nominee.id: row for row in items.model.rows[entry.record_id]})
            title = f"Kết quả tổng hợp ý kiến nhân dân: {item.title}"
            return self._item(items, entry, f"{url}#y-kien-nhan-dan", title, summary, html)
        if entry.event == "corrected":
            correction = item.corrections[entry.index]
            html = items.html.correction(item, correction, url)
            title = f"Đính chính kết quả: {item.title}"
            return self._item(items, entry, f"{url}#dinh-chinh-ket-qua", title, correction.change, html)
        if entry.event == "decided":
            assert item.outcome is not None  # decided entries exist only for lists with an outcome
            decision = item.outcome.decision
            nominees = {p.id: (p, group.award) for group in item.groups for p in group.nominees}
            summary = item.outcome.summary or f"{decision.label()} ngày {vn.date_short(decision.date)}."
            html = items.html.outcome(item, url, nominees)
            return self._item(items, entry, f"{url}#ket-qua", f"Kết quả khen thưởng: {item.title}", summary, html)
        if entry.event == "closing":
            summary = f"Hạn cuối nhận góp ý: hết {vn.date_long(window.closes)}."
            html = items.html.closing(item, url)
            return self._item(items, entry, url, f"Sắp hết hạn góp ý: {item.title}", summary, html)
        summary = f"{item.summary or ''} Thời gian lấy ý kiến: {window.text}."
        html = items.html.nomination(item, url, items.model.rows[entry.record_id])
        return self._item(items, entry, url, item.title, summary, html)

    @staticmethod
    def _item(items: Items, entry: Entry, url: str, title: str, summary: str, html: Markup) -> Item:
        """Items about a nominee list share its author and categories."""
        data = items.data
        item = data.nominations[entry.record_id]
        categories = [Category(ID_PREFIXES["nomination"], "Lấy ý kiến nhân dân")]
        if item.province in data.provinces:
            categories.append(Category(item.province, data.provinces[item.province].name))
        if item.campaign in data.campaigns:
            categories.append(Category(item.campaign, data.campaigns[item.campaign].title))
        categories.extend(Category(g.award, data.awards[g.award].name) for g in item.groups)
        return items.item(
            entry,
            url,
            title,
            summary,
            html,
            authors=(Author(item.proposing_body),),
            categories=tuple(dict.fromkeys(categories)),
        )

    # -- open data and files -----------------------------------------------------------

    def open_data_rows(self, model: SiteModel) -> list[dict[str, Any]]:
        data, settings = model.data, model.data.settings
        rows = []
        for lid in newest(data.nominations):
            n = data.nominations[lid]
            rows.append(
                {
                    "id": lid,
                    "guid": tag_uri(settings, record_key(self.name, lid)),
                    "url": settings.url + model.urls.nomination(lid),
                    "title": n.title,
                    "proposing_body": n.proposing_body,
                    "proposing_document": document_label(n.proposing_document),
                    "province": n.province,
                    "campaign": n.campaign,
                    "awards": list(dict.fromkeys(group.award for group in n.groups)),
                    "nominees": sum(len(group.nominees) for group in n.groups),
                    "opens": n.consultation.opens.isoformat(),
                    "closes": n.consultation.closes.isoformat(),
                    "state": model.statuses[lid].state,
                    "state_label": model.statuses[lid].label,
                    "amendments": [a.model_dump(mode="json") for a in n.amendments],
                    "corrections": [c.model_dump(mode="json") for c in n.corrections],
                    "outcome_decision": document_label(n.outcome.decision) if n.outcome else None,
                    "outcome_date": n.outcome.decision.date.isoformat() if n.outcome else None,
                    "published": n.published.isoformat(),
                }
            )
        return rows

    def files(self, model: SiteModel) -> Iterator[tuple[str, bytes]]:
        """Per list: CSV, JSON and a calendar; for all lists: an index and a calendar."""
        data, urls = model.data, model.urls
        site = data.settings.url
        index: list[dict[str, Any]] = []
        ordered = sorted(data.nominations.items())
        store = cache.current()
        for lid, item in ordered:
            entry = summary(model, lid, item)
            index.append(entry)
            # From the build cache while the list's pages are (see list_pages): they show the same.
            parts = [model.tables_fingerprint, model.list_fingerprint(lid)]
            yield urls.list_csv(lid), store.memo("list-files", ["csv", *parts], functools.partial(list_csv, model, lid))
            make = functools.partial(list_json, model, lid, entry)
            yield urls.list_json(lid), store.memo("list-files", ["json", *parts], make)
            yield urls.list_calendar(lid), calendar(model, [(lid, item)], item.title)
            make_radio = functools.partial(radio_text, model, lid, item)
            yield urls.list_radio(lid), store.memo("list-files", ["radio", *parts], make_radio)
            for version in model.versions[lid]:
                if version is not None:
                    yield urls.list_version(lid, version.number), version.document
        order = {group: rank for rank, group in enumerate(GROUP_ORDER)}
        index.sort(key=lambda entry: (order[model.statuses[entry["id"]].group], entry["closes"], entry["id"]))
        document = {
            **schema_link(site, INDEX_SCHEMA),
            "generated_at": model.now.isoformat(),
            "site": site,
            "consultations": index,
        }
        yield urls.consultations_index(), pretty(document)
        yield urls.consultations_calendar(), calendar(model, ordered, "Lấy ý kiến nhân dân về khen thưởng")


def list_description(item: NomineeList, state: Status) -> str:
    """What a link preview in Zalo or Facebook shows of a list's pages: first the deadline, while
    there is one to keep."""
    description = item.summary or item.title
    if state.state in ("upcoming", "open", "closing"):
        return f"Hạn góp ý: hết ngày {vn.date_short(item.consultation.closes)}. {description}"
    return description


def last_change(item: NomineeList) -> date:
    """The day a list last changed: its publication, its latest amendment or its decision."""
    days = [item.published, *(amendment.date for amendment in item.amendments)]
    if item.outcome is not None:
        days.append(item.outcome.decision.date)
    return max(days)


def event_changed(item: NomineeList) -> date:
    """The day a list's calendar event last changed: its publication or latest amendment (an
    outcome does not move the window)."""
    return max([item.published, *(amendment.date for amendment in item.amendments)])


def nominee_rows(model: SiteModel, lid: str) -> list[dict[str, Any]]:
    """One row per nominee, with the number and group label it carries on the page and the notice."""
    data, item = model.data, model.data.nominations[lid]
    results = {r.nominee: r.result for r in item.outcome.results} if item.outcome else {}
    feedback = published_feedback(item)
    return [
        {
            "number": row.number,
            "group": row.group_label,
            "award": row.award,
            "award_name": data.awards[row.award].name,
            "id": row.nominee.id,
            "recipient_kind": row.nominee.recipient_kind,
            "honorific": row.nominee.honorific,
            "name": row.nominee.name,
            "position": row.nominee.position,
            "unit": row.nominee.unit,
            "locality": row.nominee.locality,
            "achievement": row.nominee.achievement,
            "result": results.get(row.nominee.id),
            # Comments about the nominee, once the feedback is published (0 where none was received).
            "comments": (feedback[row.nominee.id].comments if row.nominee.id in feedback else 0)
            if item.feedback and item.feedback.status == "đã công bố"
            else None,
        }
        for row in model.rows[lid]
    ]


def nominee_groups(model: SiteModel, lid: str) -> list[dict[str, Any]]:
    """The rows in their award groups, as the page shows them."""
    groups: list[dict[str, Any]] = []
    for row in nominee_rows(model, lid):
        if not groups or groups[-1]["label"] != row["group"]:
            groups.append(
                {"label": row["group"], "award": row["award"], "award_name": row["award_name"], "nominees": []}
            )
        groups[-1]["nominees"].append({k: v for k, v in row.items() if k not in ("group", "award", "award_name")})
    return groups


def list_json(model: SiteModel, lid: str, entry: dict[str, Any]) -> bytes:
    """A list's JSON file: its entry in the index of lists (summary), then its nominees."""
    head = schema_link(model.data.settings.url, LIST_SCHEMA)
    return pretty({**head, **entry, "groups": nominee_groups(model, lid)})


def radio_text(model: SiteModel, lid: str, item: NomineeList) -> bytes:
    return announcement(model, lid, item).text.encode("utf-8")


def list_csv(model: SiteModel, lid: str) -> bytes:
    """CSV with a byte-order mark, so spreadsheet programs read the Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in nominee_rows(model, lid))
    return buffer.getvalue().encode("utf-8-sig")


def summary(model: SiteModel, lid: str, item: NomineeList) -> dict[str, Any]:
    """One list in the index of all lists (and at the top of its own JSON file)."""
    urls, window, state = model.urls, model.windows[lid], model.statuses[lid]
    site = model.data.settings.url
    return {
        "id": lid,
        "title": item.title,
        "url": site + urls.nomination(lid),
        "proposing_body": item.proposing_body,
        "proposing_document": item.proposing_document.model_dump(mode="json"),
        "province": item.province,
        "opens": window.opens.isoformat(),
        "closes": window.closes.isoformat(),
        "opens_at": window.opens_at.isoformat(),
        "closes_at": window.closes_at.isoformat(),
        "working_days": window.working_days,
        "short_window_reason": item.consultation.short_window_reason,
        "state": state.state,
        "state_label": state.label,
        "nominees": sum(len(group.nominees) for group in item.groups),
        "decision_expected": item.consultation.decision_expected.isoformat()
        if item.consultation.decision_expected
        else None,
        "amendments": [a.model_dump(mode="json") for a in item.amendments],
        "outcome": item.outcome.model_dump(mode="json") if item.outcome else None,
        "corrections": [c.model_dump(mode="json") for c in item.corrections],
        "first_published": item.first_published.model_dump(mode="json") if item.first_published else None,
        "feedback": feedback_document(model, lid),
        "sha256": model.fingerprints[lid],
        "versions": [
            {
                "number": v.number,
                "date": v.date.isoformat(),
                "url": site + urls.list_version(lid, v.number),
                "sha256": v.sha256,
            }
            for v in model.versions[lid]
            if v is not None
        ],
        "csv": site + urls.list_csv(lid),
        "json": site + urls.list_json(lid),
        "ics": site + urls.list_calendar(lid),
    }


def window_sentence(item: NomineeList, url: str) -> str:
    """What the consultation is, in one line (calendars and the page's Event)."""
    return (
        f"{item.proposing_body} lấy ý kiến nhân dân đến hết ngày {item.consultation.closes:%d/%m/%Y}. "
        f"Xem danh sách và gửi góp ý: {url}"
    )


def _event(model: SiteModel, lid: str, item: NomineeList) -> Event:
    settings = model.data.settings
    url = settings.url + model.urls.nomination(lid)
    host = settings.url.split("//", 1)[-1].strip("/")
    event = Event()
    event.add("uid", f"{ID_PREFIXES['nomination']}-{lid}@{host}")  # permanent, like the feeds' ids
    # DTSTAMP and LAST-MODIFIED from the data, not the clock, so the same data gives the same file:
    # the day the event last changed (publication or latest amendment), in UTC as RFC 5545 asks.
    # A DTSTAMP older than an amendment let calendar apps keep the old event despite SEQUENCE.
    changed = at(event_changed(item)).astimezone(UTC)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("created", at(item.published).astimezone(UTC))
    event.add("dtstart", item.consultation.opens)
    event.add("dtend", item.consultation.closes + timedelta(days=1))
    event.add("summary", f"Lấy ý kiến nhân dân: {item.title}")
    event.add("url", url)
    event.add("description", window_sentence(item, url))
    event.add("transp", "TRANSPARENT")
    # Raised with each amendment, so a calendar that subscribed shows a moved deadline.
    event.add("sequence", len(item.amendments))
    return event


# How often a subscribed calendar fetches the file again; the web server's cache lifetime of the
# calendars (site/server.py) follows it.
CALENDAR_REFRESH = timedelta(hours=12)


def calendar(model: SiteModel, entries: list[tuple[str, NomineeList]], name: str) -> bytes:
    """A calendar of these lists' windows: made from their files and the site's address only
    (no clock), so from the build cache while those are unchanged (icalendar took 0.6 s for the
    501 calendars of 10,000 exemplars on every build)."""
    parts = [model.data.settings.url, name, *(model.record_fingerprint("nominations", lid) for lid, _ in entries)]
    return cache.current().memo("calendars", parts, lambda: _calendar(model, entries, name))


def _calendar(model: SiteModel, entries: list[tuple[str, NomineeList]], name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//site-builder//{ID_PREFIXES['nomination']}//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    # How often a subscribed calendar should fetch the file again (RFC 7986, and Outlook's name).
    cal.add("refresh-interval", CALENDAR_REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", f"PT{CALENDAR_REFRESH.seconds // 3600}H")
    for lid, item in entries:
        cal.add_component(_event(model, lid, item))
    return bytes(cal.to_ical())


def published_feedback(item: NomineeList) -> dict[str, NomineeFeedback]:
    """Each nominee's feedback, once the feedback is published (nothing before)."""
    if item.feedback is None or item.feedback.status != "đã công bố":
        return {}
    return {entry.nominee: entry for entry in item.feedback.nominees}


def feedback_document(model: SiteModel, lid: str) -> dict[str, Any] | None:
    """Where the compiling of comments stands, and once published the whole feedback."""
    state = model.feedback[lid]
    if state is None:
        return None
    item = model.data.nominations[lid]
    published = item.feedback.model_dump(mode="json") if state.published and item.feedback else None
    if published is not None and item.feedback is not None:
        published["received"]["total"] = item.feedback.received.total()
    return {
        "status": state.stage,
        "expected": state.expected.isoformat() if state.expected else None,
        "late": state.late,
        "published": published,
    }
