"""Exemplars (gương điển hình tiên tiến, người tốt việc tốt): pages, groupings, feeds, open data."""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from .. import vietnamese as vn
from ..inputs.load import Dataset
from ..inputs.records import Exemplar, Source
from ..model.images import card_alt
from ..model.site_model import FACET_KINDS, SiteModel
from ..model.statistics import Figure
from ..publish import jsonld
from ..publish.embed_code import code_box
from ..publish.feed_topics import Entry, OpenData, Topic, newest_first, record_key, tag_uri
from ..publish.feeds import Author, Category, Item, Items, named
from ..publish.render import Page, Renderer
from ..urls import URLS
from .base import Kind, SearchFields, newest

# Titles of the pages that list every group of one kind.
FACET_INDEX_TITLES = {
    "campaign": "Gương điển hình theo phong trào",
    "province": "Gương điển hình theo tỉnh, thành phố",
    "field": "Gương điển hình theo lĩnh vực",
    "year": "Gương điển hình theo năm",
    "priority": "Gương điển hình theo đối tượng ưu tiên",
}


def card_title(e: Exemplar) -> str:
    """What an exemplar's share card says: who (Ông/Bà and the name, or the collective), their
    role and unit, and where."""
    who = ", ".join(part for part in (named(e.honorific, e.name), e.role, e.unit) if part)
    return f"{who} ({e.locality.name})"


def based_on(source: Source) -> dict[str, Any]:
    """The press article a story is based on, as the CreativeWork schema.org expects of isBasedOn
    (plain text was read as nothing): its column or outlet, publisher, author, date and link."""
    work: dict[str, Any] = {
        "@type": "NewsArticle" if source.url else "CreativeWork",
        "name": f"{source.column} - {source.outlet}" if source.column else source.outlet,
        "publisher": {"@type": "NewsMediaOrganization", "name": source.outlet},
        "inLanguage": "vi",
    }
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.date:
        work["datePublished"] = source.date.isoformat()
    if source.url:
        work["url"] = source.url
    return work


class Exemplars(Kind):
    name = "exemplar"
    folder = "exemplars"
    open_data = OpenData(
        URLS.OPEN_DATA_STEMS["exemplar"],
        "Gương điển hình",
        "mọi gương điển hình: mã, tên, địa phương, lĩnh vực, phong trào, nguồn",
    )

    def records(self, data: Dataset) -> Mapping[str, Exemplar]:
        return data.exemplars

    # -- pages ---------------------------------------------------------------------

    # Entries on a page of an index by province, campaign, field or year: under a phone's budget
    # of 1,500 elements with the theme around them (issue 28).
    FACET_INDEX_PAGE = 250

    def pages(self, renderer: Renderer, part: int | None) -> Iterable[Page]:
        if part in (None, 0):
            yield from self.list_pages(renderer)
        model = renderer.model
        for eid, exemplar in model.data.exemplars.items():
            # Part 0 also renders the lists of exemplars, so part 1 takes more of these (measured
            # at 10,000: 5.8 against 3.7 CPU seconds with 45% here).
            if part is not None and (zlib.crc32(eid.encode("utf-8")) % 100 < 62) != (part == 1):
                continue
            # An exemplar's page shows its record and images, and names its campaigns, province
            # and awards: nothing of other exemplars, of the lists or of the clock.
            parts = ["exemplar", model.tables_fingerprint, model.exemplar_fingerprint(eid)]
            yield renderer.memo(parts, functools.partial(self.page, renderer, eid, exemplar))

    def record_page(self, renderer: Renderer, record_id: str) -> Page:
        return self.page(renderer, record_id, renderer.model.data.exemplars[record_id])

    def page(self, renderer: Renderer, eid: str, exemplar: Exemplar) -> Page:
        """An exemplar's own page."""
        model = renderer.model
        url = model.urls.exemplar(eid)
        title = f"{exemplar.honorific} {exemplar.name}" if exemplar.honorific else exemplar.name
        embed = code_box(model.data.settings.url, url, title, self.name)
        body = renderer.render("exemplar.html", url, eid=eid, e=exemplar, embed=embed)
        stems = [
            model.urls.feed_stem(model.urls.exemplars()),
            model.urls.feed_stem(model.urls.facet("province", exemplar.locality.province)),
            *(model.urls.feed_stem(model.urls.facet("campaign", cid)) for cid in exemplar.campaigns),
        ]
        meta = {
            "kind": self.name,
            "record_id": eid,
            "feeds": renderer.feed_links(url, stems),
            "updated": (exemplar.updated or exemplar.published).isoformat(),
            "jsonld": self.jsonld(model, eid),
            "share_image": self.share_image(model, eid),
            "oembed": {"href": embed["oembed"], "title": title},
        }
        photo = model.media.share_photo(exemplar.images[0].src) if exemplar.images else None
        if photo:
            meta["share_image_alt"] = exemplar.images[0].alt
        else:
            meta["card_title"] = card_title(exemplar)
        return Page(url, exemplar.name, body, exemplar.summary, meta)

    def jsonld(self, model: SiteModel, eid: str) -> dict[str, Any]:
        """An Article about a person or a collective, published by the site's owner."""
        e, settings = model.data.exemplars[eid], model.data.settings
        url = settings.url + model.urls.exemplar(eid)
        source = e.source
        author: dict[str, Any] = (
            {"@type": "Person", "name": source.author}
            if source.author
            else {"@type": "Organization", "name": source.outlet}
        )
        about = {"@type": "Person" if e.recipient_kind == "cá nhân" else "Organization", "name": e.name}
        article: dict[str, Any] = {
            "@type": "Article",
            "headline": named(e.honorific, e.name),
            "description": e.summary,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": "vi",
            "datePublished": e.published.isoformat(),
            "dateModified": (e.updated or e.published).isoformat(),
            "author": author,
            "publisher": jsonld.organisation(settings),
            "about": about,
            "isBasedOn": based_on(source),
            "image": settings.url + self.share_image(model, eid),
        }
        return jsonld.document(article)

    @staticmethod
    def share_image(model: SiteModel, eid: str) -> str:
        """The crop of the lead photo; without one (or with a drawing), the exemplar's own card
        (card_title): with its campaign's card every story of a campaign had the same preview.
        A card costs about 10 ms once, then comes from the build cache (docs/images.md)."""
        exemplar = model.data.exemplars[eid]
        photo = model.media.share_photo(exemplar.images[0].src) if exemplar.images else None
        return photo or model.urls.share_card(model.urls.exemplar(eid))

    def list_pages(self, renderer: Renderer) -> Iterable[Page]:
        model, urls = renderer.model, renderer.urls
        settings = model.data.settings
        yield from renderer.paginate(
            urls.exemplars(),
            "Gương điển hình tiên tiến",
            model.exemplar_order,
            intro="Gương người tốt, việc tốt và điển hình tiên tiến trong các phong trào thi đua, mới nhất trước.",
        )
        yield from renderer.paginate(
            urls.facet_index("name"),
            "Gương điển hình theo tên",
            model.exemplars_by_name,
            intro="Cá nhân xếp theo tên (chữ cuối của họ tên), tập thể và hộ gia đình theo tên gọi, theo thứ tự chữ cái tiếng Việt.",
            meta={"facet": "name"},
        )
        for kind in FACET_KINDS:
            # A national board's 1,500 campaigns on one page were 4,375 elements for a phone.
            yield from renderer.numbered_pages(
                "facet_index.html",
                urls.facet_index(kind),
                FACET_INDEX_TITLES[kind],
                model.facets[kind],
                "entries",
                size=self.FACET_INDEX_PAGE,
                kind=kind,
            )
            for facet, ids in model.facets[kind]:
                meta: dict[str, Any] = {"facet": kind}
                if kind == "campaign":  # the campaign's own card: one card per campaign, not two
                    meta["share_image"] = urls.share_card(urls.campaign(facet.key))
                    meta["share_image_alt"] = card_alt(model.data.campaigns[facet.key].title, settings.title)
                # A province's page shows the province's own figures (statistics.py) above its exemplars.
                figures: tuple[str, list[Figure]] = ("", [])
                if kind == "province":
                    place = model.data.provinces[facet.key]
                    figures = (f"Số liệu của {place.kind} {place.name}", model.statistics.province(facet.key))
                yield from renderer.paginate(facet.url, facet.title, ids, meta=meta, figures=figures)

    def search_fields(self, model: SiteModel, record_id: str) -> SearchFields:
        data = model.data
        e = data.exemplars[record_id]
        filters: dict[str, list[str]] = {
            "loai": ["Gương điển hình"],
            "tinh": [data.provinces[e.locality.province].name],
            "phong_trao": [data.campaigns[c].title for c in e.campaigns if c in data.campaigns],
            "linh_vuc": [e.field],
            "nam": [str(e.published.year)],
            "khen_thuong": [data.awards[a.award].name for a in e.awards if a.award in data.awards],
            "doi_tuong": [e.recipient_kind],
        }
        meta = {"date": e.published.isoformat(), "summary": e.summary}
        if e.images:
            meta["image"] = model.base_path + model.media.web(e.images[0].src).path
        return filters, meta

    # -- feeds -----------------------------------------------------------------------

    def topics(self, model: SiteModel, entries: Mapping[str, list[Entry]]) -> list[Topic]:
        data, urls = model.data, model.urls
        section = urls.exemplars()
        topics = [
            Topic(
                urls.feed_stem(section),
                "chung",
                "Gương điển hình tiên tiến",
                "Toàn văn câu chuyện gương người tốt, việc tốt, điển hình tiên tiến, kèm ảnh và nguồn bài gốc.",
                section,
                newest_first(events[0] for events in entries.values()),
            )
        ]

        def members(kind: str, key: str) -> list[Entry]:
            return [entries[eid][0] for eid in model.facet_members[kind].get(key, [])]

        for cid, campaign in sorted(data.campaigns.items(), key=lambda pair: vn.sort_key(pair[1].title)):
            topics.append(
                Topic(
                    urls.feed_stem(urls.facet("campaign", cid)),
                    "phong-trao-thi-dua",
                    f"Gương điển hình: {campaign.title}",
                    f"Gương điển hình trong phong trào “{campaign.title}”.",
                    urls.campaign(cid),
                    newest_first(members("campaign", cid)),
                )
            )
        for pid, province in sorted(data.provinces.items(), key=lambda pair: vn.sort_key(pair[1].name)):
            found = members("province", pid)
            former = ""
            if province.former:
                places = "các tỉnh" if len(province.former) > 1 else "tỉnh"
                former = f" Kể cả địa bàn {places} {', '.join(province.former)} cũ."
            url = urls.facet("province", pid)
            topics.append(
                Topic(
                    urls.feed_stem(url),
                    "tinh",
                    f"Gương điển hình tại {province.kind} {province.name}",
                    f"Gương điển hình ở {province.kind} {province.name}.{former}",
                    url if found else urls.facet_index("province"),
                    newest_first(found),
                )
            )
        fields = list(dict.fromkeys([*data.settings.fields, *(e.field for e in data.exemplars.values())]))
        for name in fields:
            found = members("field", name)
            url = urls.facet("field", name)
            topics.append(
                Topic(
                    urls.feed_stem(url),
                    "linh-vuc",
                    f"Gương điển hình lĩnh vực {name}",
                    f"Gương điển hình trong lĩnh vực {name}.",
                    url if found else urls.facet_index("field"),
                    newest_first(found),
                )
            )
        return topics

    def item_inputs(self, model: SiteModel, entry: Entry) -> list[str] | None:
        # The record, its images (their files as feeds carry them), the names it shows, the settings.
        return [model.tables_fingerprint, model.exemplar_fingerprint(entry.record_id)]

    def item(self, items: Items, entry: Entry) -> Item:
        data, urls = items.data, items.urls
        e = data.exemplars[entry.record_id]
        url = items.absolute(urls.exemplar(entry.record_id))
        pictures = tuple(items.picture(image) for image in e.images)
        categories = (
            Category("guong-dien-hinh", "Gương điển hình"),
            *(
                Category(cid, data.campaigns[cid].title, items.absolute(urls.facet_index("campaign")))
                for cid in e.campaigns
                if cid in data.campaigns
            ),
            Category(
                e.locality.province,
                data.provinces[e.locality.province].name,
                items.absolute(urls.facet_index("province")),
            ),
            Category(vn.slug(e.field), e.field, items.absolute(urls.facet_index("field"))),
            Category(vn.slug(e.recipient_kind), e.recipient_kind),
            *(
                Category(vn.slug(group), group, items.absolute(urls.facet_index("priority")))
                for group in e.priority_groups
            ),
        )
        source = e.source
        author = f"{source.author} ({source.outlet})" if source.author else source.outlet
        return items.item(
            entry,
            url,
            named(e.honorific, e.name),
            e.summary,
            items.html.exemplar(e, url, pictures),
            authors=(Author(author, source.url),),
            categories=categories,
            pictures=pictures,
        )

    # -- open data -------------------------------------------------------------------

    def open_data_rows(self, model: SiteModel) -> list[dict[str, Any]]:
        data, settings = model.data, model.data.settings
        rows = []
        for eid in newest(data.exemplars):
            e = data.exemplars[eid]
            rows.append(
                {
                    "id": eid,
                    "guid": tag_uri(settings, record_key(self.name, eid)),
                    "url": settings.url + model.urls.exemplar(eid),
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
                    "image": settings.url + model.media.web(e.images[0].src).path if e.images else None,
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
        return rows
