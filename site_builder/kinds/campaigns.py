"""Campaigns (phong trào thi đua): the tree of campaigns, their pages, feeds and open data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .. import vietnamese as vn
from ..inputs.load import Dataset
from ..inputs.records import Campaign
from ..model.site_model import SiteModel
from ..publish.feed_topics import Entry, OpenData, Topic, newest_first, record_key, tag_uri
from ..publish.feeds import Author, Category, Item, Items, document_label
from ..publish.render import Page, Renderer
from ..urls import URLS
from .base import Kind, SearchFields, newest


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
                "campaign_list.html", url, roots=model.campaign_roots, children=model.children, facets=exemplar_facets
            ),
            "Các phong trào thi đua yêu nước: toàn quốc, bộ, ngành và địa phương",
            {"kind": "list"},
        )
        for cid, campaign in model.data.campaigns.items():
            url = urls.campaign(cid)
            facet, ids = exemplar_facets.get(cid, (None, []))
            body = renderer.render(
                "campaign.html",
                url,
                cid=cid,
                c=campaign,
                children=model.children.get(cid, []),
                exemplar_ids=ids[:12],
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
            }
            yield Page(url, campaign.title, body, campaign.summary, meta)

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
