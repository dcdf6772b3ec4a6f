"""Campaigns (phong trào thi đua): the tree of campaigns, their pages, feeds and open data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .. import vietnamese as vn
from ..inputs.load import Dataset
from ..inputs.records import Campaign
from ..model.site_model import Facet, SiteModel
from ..publish import jsonld
from ..publish.feed_topics import Entry, OpenData, Topic, newest_first, record_key, tag_uri
from ..publish.feeds import Author, Category, Item, Items, document_label, named
from ..publish.render import Page, Renderer
from ..urls import URLS
from ..utils import parallel
from .base import Kind, SearchFields, newest

# How many of a campaign's exemplars its page shows (the rest are on its exemplar list pages).
SHOWN = 12


# Up to this many campaigns the section page shows the whole tree.
WHOLE_TREE_UP_TO = 100


class Campaigns(Kind):
    name = "campaign"
    folder = "campaigns"
    open_data = OpenData(
        URLS.OPEN_DATA_STEMS["campaign"], "Phong trào thi đua", "mọi phong trào: mã, tên, cấp, loại, thời gian, căn cứ"
    )

    def records(self, data: Dataset) -> Mapping[str, Campaign]:
        return data.campaigns

    def pages(self, renderer: Renderer, part: int | None) -> Iterable[Page]:
        if part not in (None, 0):
            return
        model, urls = renderer.model, renderer.urls
        exemplar_facets = {facet.key: (facet, ids) for facet, ids in model.facets["campaign"]}
        url = urls.campaigns()
        yield Page(
            url,
            "Phong trào thi đua",
            renderer.render(
                "campaign_list.html",
                url,
                roots=model.campaign_roots,
                children=model.children,
                facets=exemplar_facets,
                # The whole tree while it is short; past that, the campaigns at its top, each with the
                # number of its local editions, which its own page lists (1,500 campaigns at national
                # scale were 5,000 elements on one page).
                whole_tree=len(model.data.campaigns) <= parallel.threshold("WHOLE_TREE_UP_TO", WHOLE_TREE_UP_TO),
            ),
            "Các phong trào thi đua yêu nước: toàn quốc, bộ, ngành và địa phương",
            {"kind": "list"},
        )
        for cid, campaign in model.data.campaigns.items():
            yield self.page(renderer, cid, campaign, exemplar_facets)

    def record_page(self, renderer: Renderer, record_id: str) -> Page:
        model = renderer.model
        facets = {facet.key: (facet, ids) for facet, ids in model.facets["campaign"]}
        return self.page(renderer, record_id, model.data.campaigns[record_id], facets)

    def page(
        self, renderer: Renderer, cid: str, campaign: Campaign, exemplar_facets: Mapping[str, tuple[Facet, list[str]]]
    ) -> Page:
        """A campaign's own page."""
        model, urls = renderer.model, renderer.urls
        url = urls.campaign(cid)
        facet, ids = exemplar_facets.get(cid, (None, []))
        body = renderer.render(
            "campaign.html",
            url,
            cid=cid,
            c=campaign,
            children=model.children.get(cid, []),
            exemplar_ids=ids[:SHOWN],
            exemplar_total=len(ids),
            facet=facet,
            lists=model.lists_by_campaign.get(cid, []),
            statuses=model.statuses,
            figures=model.statistics.campaign(cid),
        )
        stems = [urls.feed_stem(urls.facet("campaign", cid)), urls.feed_stem(urls.campaigns())]
        meta = {
            "kind": self.name,
            "record_id": cid,
            "feeds": renderer.feed_links(url, stems),
            "updated": (campaign.updated or campaign.published).isoformat(),
            "jsonld": self.jsonld(model, cid, ids),
        }
        return Page(url, campaign.title, body, campaign.summary, meta)

    def jsonld(self, model: SiteModel, cid: str, exemplar_ids: list[str]) -> dict[str, Any]:
        """A page about the campaign with its exemplars: a CollectionPage whose main entity lists the
        exemplars the page shows (and counts them all).

        schema.org has no type for an emulation campaign, and an Event would ask for a place to go;
        the legal basis is Legislation, who launched it the page's sourceOrganization.
        """
        c, settings, urls = model.data.campaigns[cid], model.data.settings, model.urls
        url = settings.url + urls.campaign(cid)
        exemplars = model.data.exemplars
        page: dict[str, Any] = {
            "@type": "CollectionPage",
            "name": c.title,
            "headline": c.title,
            "description": c.summary,
            "url": url,
            "inLanguage": "vi",
            "datePublished": c.published.isoformat(),
            "dateModified": (c.updated or c.published).isoformat(),
            "publisher": jsonld.organisation(settings),
            "sourceOrganization": jsonld.government(c.launched_by),
            "image": settings.url + urls.share_card(urls.campaign(cid)),
            "temporalCoverage": f"{c.period.start.isoformat()}/{c.period.end.isoformat() if c.period.end else '..'}",
            "citation": [jsonld.legislation(ref) for ref in c.legal_basis],
            "mainEntity": {
                "@type": "ItemList",
                "name": f"Gương điển hình của phong trào {c.title}",
                "numberOfItems": len(exemplar_ids),
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": named(exemplars[eid].honorific, exemplars[eid].name),
                        "url": settings.url + urls.exemplar(eid),
                    }
                    for position, eid in enumerate(exemplar_ids[:SHOWN], 1)
                ],
            },
        }
        if c.theme:
            page["alternativeHeadline"] = c.theme
        if c.parent and c.parent in model.data.campaigns:
            page["isPartOf"] = {
                "@type": "CollectionPage",
                "name": model.data.campaigns[c.parent].title,
                "url": settings.url + urls.campaign(c.parent),
            }
        return jsonld.document(page)

    def search_fields(self, model: SiteModel, record_id: str) -> SearchFields:
        data = model.data
        c = data.campaigns[record_id]
        filters: dict[str, list[str]] = {
            "loai": ["Phong trào thi đua"],
            "tinh": [data.provinces[c.province].name] if c.province in data.provinces else [],
            "phong_trao": [c.title],
            "nam": [str(c.period.start.year)],
        }
        return filters, {"date": c.published.isoformat(), "summary": c.summary}

    def topics(self, model: SiteModel, entries: Mapping[str, list[Entry]]) -> list[Topic]:
        section = model.urls.campaigns()
        return [
            Topic(
                model.urls.feed_stem(section),
                "chung",
                "Phong trào thi đua",
                "Phong trào thi đua yêu nước: căn cứ, nội dung, tiêu chí.",
                section,
                newest_first(events[0] for events in entries.values()),
            )
        ]

    def item_inputs(self, model: SiteModel, entry: Entry) -> list[str] | None:
        # The campaign, its parent and province by name, the settings: all in the tables.
        return [model.tables_fingerprint]

    def item(self, items: Items, entry: Entry) -> Item:
        data, urls = items.data, items.urls
        c = data.campaigns[entry.record_id]
        parent = c.parent if c.parent in data.campaigns else None
        parent_url = items.absolute(urls.campaign(parent)) if parent else None
        categories = [
            Category("phong-trao-thi-dua", "Phong trào thi đua"),
            Category(vn.slug(c.level), f"cấp {c.level}"),
            Category(vn.slug(c.kind), c.kind),
        ]
        if c.province in data.provinces:
            categories.append(Category(c.province, data.provinces[c.province].name))
        if parent:
            categories.append(Category(parent, data.campaigns[parent].title))
        return items.item(
            entry,
            items.absolute(urls.campaign(entry.record_id)),
            c.title,
            c.summary,
            items.html.campaign(c, parent_url),
            authors=(Author(c.launched_by),),
            categories=tuple(categories),
        )

    def open_data_rows(self, model: SiteModel) -> list[dict[str, Any]]:
        data, settings = model.data, model.data.settings
        rows = []
        for cid in newest(data.campaigns):
            c = data.campaigns[cid]
            rows.append(
                {
                    "id": cid,
                    "guid": tag_uri(settings, record_key(self.name, cid)),
                    "url": settings.url + model.urls.campaign(cid),
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
                    "legal_basis": [document_label(ref) for ref in c.legal_basis],
                    "published": c.published.isoformat(),
                    "updated": c.updated.isoformat() if c.updated else None,
                }
            )
        return rows
