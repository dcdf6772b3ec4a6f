"""Records + templates -> pages. Pure: no file is read or written here but templates."""

from __future__ import annotations

import functools
import json
import posixpath
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import markdown as md
import nh3
import segno
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import comments, parallel
from . import vietnamese as vn
from .consultation import Status, closes_at, opens_at, status, working_days
from .feed_topics import CLOSING, FORMATS, GROUPS, MAX_ITEMS, OPEN_DATA, OPML_PATH, SITE_WIDE, Topic, catalogue, tag_uri
from .fingerprint import fingerprint
from .load import Dataset
from .records import STAGES, Campaign, Exemplar, NomineeList

SECTION_EXEMPLARS = "dien-hinh"
SECTION_CAMPAIGNS = "phong-trao"
SECTION_NOMINATIONS = "lay-y-kien"

_STORY_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sup",
    "sub",
    "code",
    "pre",
}


@functools.cache
def _markdown() -> md.Markdown:
    # Building a Markdown instance costs more than converting a story: make one, reset it per use.
    return md.Markdown(extensions=["tables", "sane_lists"], output_format="html")


# Story and campaign HTML by Markdown source: converted once for the pages and again for the
# feeds otherwise. A plain dict, so that the conversions of a second rendering process join it.
_MARKDOWN_CACHE: dict[str, Markup] = {}


def markdown_html(text: str) -> Markup:
    """Editors' Markdown as sanitised HTML: no scripts, no remote images, no raw styles."""
    cached = _MARKDOWN_CACHE.get(text)
    if cached is None:
        cached = _MARKDOWN_CACHE[text] = _markdown_html(text)
    return cached


def _markdown_html(text: str) -> Markup:
    html = _markdown().reset().convert(text)
    clean = nh3.clean(
        html,
        tags=_STORY_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
    return Markup(clean)


# Stands for the relative way back to the site root in cached fragments (never in real text).
_ROOT_MARK = "\x00"


@dataclass
class Page:
    """One Markdown page for the site generator; body is already-escaped HTML."""

    path: str
    title: str
    body: str
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        stem = self.path.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"

    def front_matter(self) -> dict[str, Any]:
        # mkdocs-material prints the title and description from front matter without escaping
        # (in <title>, the header, <meta content="...">), so they go in already escaped.
        return {"title": str(escape(self.title)), "description": str(escape(self.description)), **self.meta}

    def text(self) -> str:
        # JSON is valid YAML front matter and far quicker to write than PyYAML's dumper.
        header = json.dumps(self.front_matter(), ensure_ascii=False, sort_keys=True, default=str)
        return f"---\n{header}\n---\n\n{self.body}\n"


# Path segments that need posixpath's normalisation.
_PLAIN_PARTS = frozenset({"", ".", ".."})


def relative(from_url: str, to_url: str) -> str:
    """A link from one directory URL to another that works under any base path."""
    target = to_url.rstrip("/")
    start = from_url.rstrip("/")
    target_parts = target.split("/") if target else []
    start_parts = start.split("/") if start else []
    if _PLAIN_PARTS.isdisjoint(target_parts) and _PLAIN_PARTS.isdisjoint(start_parts):
        # What posixpath.relpath gives for clean relative paths, without its calls to getcwd:
        # a page links to dozens of others, and relpath was a sixth of the render stage.
        common = 0
        for a, b in zip(target_parts, start_parts, strict=False):
            if a != b:
                break
            common += 1
        path = "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."
    else:
        path = posixpath.relpath(target or ".", start or ".")
    if to_url.endswith("/") or to_url == "":
        return "./" if path == "." else path + "/"
    return path


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    title: str
    url: str


class Renderer:
    """Builds every page of the site from a validated dataset at a given moment."""

    def __init__(self, data: Dataset, now: datetime) -> None:
        self.data = data
        self.now = now
        self.today = now.date()
        self.env = Environment(
            loader=PackageLoader("site_builder", "templates"),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["d"] = vn.date_short
        self.env.filters["dlong"] = vn.date_long
        self.env.filters["markdown"] = markdown_html
        self.env.globals.update(
            stages=STAGES,
            data=data,
            settings=data.settings,
            awards=data.awards,
            provinces=data.provinces,
            campaigns=data.campaigns,
            exemplars=data.exemplars,
        )
        ordered = sorted(data.exemplars.items(), key=lambda item: (item[1].published, item[0]), reverse=True)
        self.exemplar_order: list[str] = [eid for eid, _ in ordered]
        self.children: dict[str, list[str]] = defaultdict(list)
        for cid, campaign in sorted(data.campaigns.items(), key=lambda item: vn.sort_key(item[1].title)):
            if campaign.parent:
                self.children[campaign.parent].append(cid)
        self.statuses: dict[str, Status] = {
            lid: status(item, now, data.holidays, data.settings.consultation.closing_soon_working_days)
            for lid, item in data.nominations.items()
        }
        self.facets = self._facets()
        self._cards: dict[str, str] = {}
        self._card_template = self.env.from_string(
            '{% from "_macros.html" import exemplar_card %}{{ exemplar_card(eid, link) }}'
        )
        self.env.globals["window_attrs"] = self.window_attrs
        self.env.globals["search_tags"] = self.search_tags
        self.base_path = urlsplit(data.settings.url).path

    # -- helpers -----------------------------------------------------------------

    def _render(self, template: str, url: str, **context: Any) -> str:
        def link(target: str) -> str:
            return relative(url, target)

        def card(eid: str) -> Markup:
            return self._card(eid, url)

        return self.env.get_template(template).render(link=link, card=card, page_url=url, now=self.now, **context)

    def _card(self, eid: str, url: str) -> Markup:
        """An exemplar's card, rendered once and reused on every list it appears in.

        At 10,000 exemplars each card shows on about seven list pages; its links are made with a
        marker in place of the way back to the site root, which each page fills in.
        """
        html = self._cards.get(eid)
        if html is None:
            html = self._card_template.render(eid=eid, link=lambda target: _ROOT_MARK + target)
            self._cards[eid] = html
        return Markup(html.replace(_ROOT_MARK, relative(url, "")))

    @staticmethod
    def exemplar_url(eid: str) -> str:
        return f"{SECTION_EXEMPLARS}/{eid}/"

    @staticmethod
    def campaign_url(cid: str) -> str:
        return f"{SECTION_CAMPAIGNS}/{cid}/"

    @staticmethod
    def nomination_url(lid: str) -> str:
        return f"{SECTION_NOMINATIONS}/{lid}/"

    def _facets(self) -> dict[str, list[tuple[Facet, list[str]]]]:
        """Exemplar groupings for list pages: facet kind -> [(facet, exemplar ids newest first)]."""
        groups: dict[str, dict[str, list[str]]] = {
            k: defaultdict(list) for k in ("campaign", "province", "field", "year", "priority")
        }
        for eid in self.exemplar_order:
            exemplar = self.data.exemplars[eid]
            for cid in exemplar.campaigns:
                groups["campaign"][cid].append(eid)
            groups["province"][exemplar.locality.province].append(eid)
            groups["field"][exemplar.field].append(eid)
            groups["year"][str(exemplar.published.year)].append(eid)
            for priority in exemplar.priority_groups:
                groups["priority"][priority].append(eid)
        base = SECTION_EXEMPLARS
        campaigns, provinces = self.data.campaigns, self.data.provinces

        def facet(kind: str, key: str) -> Facet:
            if kind == "campaign":
                title = campaigns[key].title
                return Facet(key, title, f"Gương điển hình: {title}", f"{base}/theo-phong-trao/{key}/")
            if kind == "province":
                p = provinces[key]
                return Facet(key, p.name, f"Gương điển hình tại {p.kind} {p.name}", f"{base}/theo-tinh/{key}/")
            if kind == "field":
                return Facet(key, key, f"Gương điển hình lĩnh vực {key}", f"{base}/theo-linh-vuc/{vn.slug(key)}/")
            if kind == "year":
                return Facet(key, key, f"Gương điển hình đăng năm {key}", f"{base}/theo-nam/{key}/")
            return Facet(key, key, f"Gương điển hình: {key}", f"{base}/theo-doi-tuong/{vn.slug(key)}/")

        out: dict[str, list[tuple[Facet, list[str]]]] = {}
        for kind, members in groups.items():
            pairs = [(facet(kind, key), ids) for key, ids in members.items()]
            if kind == "year":
                pairs.sort(key=lambda pair: pair[0].key, reverse=True)
            else:
                pairs.sort(key=lambda pair: vn.sort_key(pair[0].label))
            out[kind] = pairs
        return out

    def _paginate(
        self, base_url: str, title: str, ids: Sequence[str], intro: str = "", meta: dict[str, Any] | None = None
    ) -> Iterable[Page]:
        size = self.data.settings.page_size
        chunks = [ids[i : i + size] for i in range(0, len(ids), size)] or [[]]
        urls = [base_url if n == 0 else f"{base_url}trang-{n + 1}/" for n in range(len(chunks))]
        for n, chunk in enumerate(chunks):
            url = urls[n]
            path = f"{url}index.md" if n == 0 else f"{url.rstrip('/')}.md"
            page_title = title if n == 0 else f"{title} (trang {n + 1})"
            body = self._render(
                "exemplar_list.html",
                url,
                title=page_title,
                ids=chunk,
                intro=intro,
                page_number=n + 1,
                page_urls=urls,
                page_window=page_window(n + 1, len(urls)),
                total=len(ids),
                facets=self.facets,
            )
            yield Page(path, page_title, body, description=intro or title, meta={"kind": "list", **(meta or {})})

    def window_attrs(self, lid: str) -> Markup:
        """Data attributes from which consultation.js recomputes the state in the reader's browser."""
        item = self.data.nominations[lid]
        window = item.consultation
        holidays = ",".join(sorted(d.isoformat() for d in self.data.holidays if window.opens <= d <= window.closes))
        attrs = {
            "data-tdkt-window": lid,
            "data-opens": opens_at(item).isoformat(),
            "data-closes": closes_at(item).isoformat(),
            "data-holidays": holidays,
            "data-closing-soon": str(self.data.settings.consultation.closing_soon_working_days),
            "data-decided": "1" if item.outcome else "",
        }
        return Markup(" ".join(f'{key}="{escape(value)}"' for key, value in attrs.items()))

    def search_fields(self, kind: str, record_id: str) -> tuple[dict[str, list[str]], dict[str, str]]:
        """Search filters and result metadata of one record page (see search.js for the labels)."""
        data = self.data
        filters: dict[str, list[str]] = {}
        meta: dict[str, str] = {}
        if kind == "exemplar":
            e = data.exemplars[record_id]
            filters = {
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
                meta["image"] = self.base_path + e.images[0].src
        elif kind == "campaign":
            c = data.campaigns[record_id]
            filters = {
                "loai": ["Phong trào thi đua"],
                "tinh": [data.provinces[c.province].name] if c.province in data.provinces else [],
                "phong_trao": [c.title],
                "nam": [str(c.period.start.year)],
            }
            meta = {"date": c.published.isoformat(), "summary": c.summary}
        elif kind == "nomination":
            n = data.nominations[record_id]
            filters = {
                "loai": ["Danh sách lấy ý kiến"],
                "tinh": [data.provinces[n.province].name] if n.province in data.provinces else [],
                "phong_trao": [data.campaigns[n.campaign].title] if n.campaign in data.campaigns else [],
                "nam": [str(n.consultation.opens.year)],
                "khen_thuong": [data.awards[g.award].name for g in n.groups],
                "doi_tuong": sorted({p.recipient_kind for g in n.groups for p in g.nominees}),
                "trang_thai": [self.statuses[record_id].label],
            }
            meta = {"date": n.published.isoformat(), "summary": n.summary or n.title}
        return filters, meta

    def search_tags(self, kind: str, record_id: str) -> Markup:
        """Invisible elements from which Pagefind reads filters, metadata and the sort date."""
        filters, meta = self.search_fields(kind, record_id)
        tags = []
        for key, values in filters.items():
            for value in dict.fromkeys(values):
                tags.append(f'<span data-pagefind-filter="{key}[data-value]" data-value="{escape(value)}"></span>')
        for key, value in meta.items():
            tags.append(f'<span data-pagefind-meta="{key}[data-value]" data-value="{escape(value)}"></span>')
        if "date" in meta:
            tags.append(f'<span data-pagefind-sort="date[data-value]" data-value="{escape(meta["date"])}"></span>')
        return Markup("".join(tags))

    # -- pages -------------------------------------------------------------------

    def pages(self, part: int | None = None) -> list[Page]:
        """Every page; or, for two processes, part 0 or part 1 of them (see render_pages)."""
        out: list[Page] = []
        if part in (None, 0):
            out.append(self.home())
            out.extend(self.campaign_pages())
            out.extend(self.exemplar_list_pages())
            out.append(self.press_page())
        out.extend(self.exemplar_pages(part))
        if part in (None, 1):
            out.extend(self.nomination_pages())
        for page in out:
            self._announce_feeds(page)
        return out

    def home(self) -> Page:
        lists = self.nominations_by_state()
        active = [
            cid
            for cid, c in self.data.campaigns.items()
            if c.period.start <= self.today and (c.period.end is None or c.period.end >= self.today)
        ]
        active.sort(key=lambda cid: (self.data.campaigns[cid].period.start, cid), reverse=True)
        body = self._render(
            "home.html",
            "",
            lists=lists,
            latest=self.exemplar_order[:6],
            active=active[:8],
            statuses=self.statuses,
            counts=self.counts(),
        )
        return Page("index.md", self.data.settings.title, body, self.data.settings.description, {"kind": "home"})

    def counts(self) -> dict[str, Any]:
        by_kind: dict[str, int] = defaultdict(int)
        by_priority: dict[str, int] = defaultdict(int)
        for exemplar in self.data.exemplars.values():
            by_kind[exemplar.recipient_kind] += 1
            for group in exemplar.priority_groups:
                by_priority[group] += 1
        return {
            "exemplars": len(self.data.exemplars),
            "campaigns": len(self.data.campaigns),
            "nominations": len(self.data.nominations),
            "by_kind": dict(by_kind),
            "by_priority": dict(by_priority),
        }

    def campaign_pages(self) -> Iterable[Page]:
        campaigns = self.data.campaigns
        roots = [cid for cid, c in campaigns.items() if c.parent is None or c.parent not in campaigns]
        roots.sort(key=lambda cid: vn.sort_key(campaigns[cid].title))
        exemplar_facets = {facet.key: (facet, ids) for facet, ids in self.facets["campaign"]}
        nominations_by_campaign: dict[str, list[str]] = defaultdict(list)
        for lid, item in self.data.nominations.items():
            if item.campaign:
                nominations_by_campaign[item.campaign].append(lid)
        url = f"{SECTION_CAMPAIGNS}/"
        yield Page(
            f"{SECTION_CAMPAIGNS}/index.md",
            "Phong trào thi đua",
            self._render("campaign_list.html", url, roots=roots, children=self.children, facets=exemplar_facets),
            "Các phong trào thi đua yêu nước: toàn quốc, bộ, ngành và địa phương",
            {"kind": "list"},
        )
        for cid, campaign in campaigns.items():
            url = self.campaign_url(cid)
            facet, ids = exemplar_facets.get(cid, (None, []))
            body = self._render(
                "campaign.html",
                url,
                cid=cid,
                c=campaign,
                children=self.children.get(cid, []),
                exemplar_ids=ids[:12],
                exemplar_total=len(ids),
                facet=facet,
                lists=sorted(nominations_by_campaign.get(cid, [])),
                statuses=self.statuses,
            )
            yield Page(
                f"{SECTION_CAMPAIGNS}/{cid}.md",
                campaign.title,
                body,
                campaign.summary,
                self.campaign_meta(cid, campaign),
            )

    def campaign_meta(self, cid: str, campaign: Campaign) -> dict[str, Any]:
        feeds = self.feed_links(self.campaign_url(cid), [f"dien-hinh/theo-phong-trao/{cid}", "phong-trao"])
        return {"kind": "campaign", "record_id": cid, "feeds": feeds}

    def exemplar_list_pages(self) -> Iterable[Page]:
        yield from self._paginate(
            f"{SECTION_EXEMPLARS}/",
            "Gương điển hình tiên tiến",
            self.exemplar_order,
            intro="Gương người tốt, việc tốt và điển hình tiên tiến trong các phong trào thi đua, mới nhất trước.",
        )
        labels = {
            "campaign": ("theo-phong-trao", "Gương điển hình theo phong trào"),
            "province": ("theo-tinh", "Gương điển hình theo tỉnh, thành phố"),
            "field": ("theo-linh-vuc", "Gương điển hình theo lĩnh vực"),
            "year": ("theo-nam", "Gương điển hình theo năm"),
            "priority": ("theo-doi-tuong", "Gương điển hình theo đối tượng ưu tiên"),
        }
        # Alphabetical, the Vietnamese way: people by given name (the last word), others by name.
        by_name = sorted(
            self.exemplar_order,
            key=lambda eid: self._name_key(self.data.exemplars[eid]),
        )
        yield from self._paginate(
            f"{SECTION_EXEMPLARS}/theo-ten/",
            "Gương điển hình theo tên",
            by_name,
            intro="Cá nhân xếp theo tên (chữ cuối của họ tên), tập thể và hộ gia đình theo tên gọi, theo thứ tự chữ cái tiếng Việt.",
            meta={"facet": "name"},
        )
        for kind, (slug, title) in labels.items():
            url = f"{SECTION_EXEMPLARS}/{slug}/"
            body = self._render(
                "facet_index.html", url, title=title, kind=kind, entries=self.facets[kind], facets=self.facets
            )
            yield Page(f"{url}index.md", title, body, title, {"kind": "list"})
            for facet, ids in self.facets[kind]:
                yield from self._paginate(facet.url, facet.title, ids, meta={"facet": kind})

    def exemplar_pages(self, part: int | None = None) -> Iterable[Page]:
        for eid, exemplar in self.data.exemplars.items():
            # Part 1 also renders the consultation pages, so it takes a little under half of these.
            if part is not None and (zlib.crc32(eid.encode("utf-8")) % 100 < 45) != (part == 1):
                continue
            url = self.exemplar_url(eid)
            body = self._render("exemplar.html", url, eid=eid, e=exemplar, facets=self.facets)
            yield Page(
                f"{SECTION_EXEMPLARS}/{eid}.md",
                exemplar.name,
                body,
                exemplar.summary,
                self.exemplar_meta(eid, exemplar),
            )

    @staticmethod
    def _name_key(exemplar: Exemplar) -> tuple[object, ...]:
        if exemplar.recipient_kind == "cá nhân":
            return vn.name_key(exemplar.name)
        return (vn.sort_key(exemplar.name), vn.sort_key(exemplar.name))

    def exemplar_meta(self, eid: str, exemplar: Exemplar) -> dict[str, Any]:
        stems = [
            "dien-hinh",
            f"dien-hinh/theo-tinh/{exemplar.locality.province}",
            *(f"dien-hinh/theo-phong-trao/{cid}" for cid in exemplar.campaigns),
        ]
        return {"kind": "exemplar", "record_id": eid, "feeds": self.feed_links(self.exemplar_url(eid), stems)}

    def nominations_by_state(self) -> dict[str, list[str]]:
        """Open lists (closing soonest first), upcoming (soonest first), closed (latest first)."""
        groups: dict[str, list[str]] = {"open": [], "upcoming": [], "closed": []}
        for lid, state in self.statuses.items():
            key = "open" if state.accepting else ("upcoming" if state.state == "upcoming" else "closed")
            groups[key].append(lid)
        lists = self.data.nominations
        groups["open"].sort(key=lambda lid: (lists[lid].consultation.closes, lid))
        groups["upcoming"].sort(key=lambda lid: (lists[lid].consultation.opens, lid))
        groups["closed"].sort(key=lambda lid: (lists[lid].consultation.closes, lid), reverse=True)
        return groups

    def nomination_pages(self) -> Iterable[Page]:
        url = f"{SECTION_NOMINATIONS}/"
        body = self._render("nomination_list.html", url, lists=self.nominations_by_state(), statuses=self.statuses)
        yield Page(
            f"{SECTION_NOMINATIONS}/index.md",
            "Lấy ý kiến nhân dân",
            body,
            "Danh sách đề nghị khen thưởng đang, sắp và đã lấy ý kiến nhân dân",
            {"kind": "list"},
        )
        for lid, item in self.data.nominations.items():
            url = self.nomination_url(lid)
            context = self.nomination_context(lid, item)
            state = self.statuses[lid]
            body = self._render("nomination.html", url, lid=lid, n=item, st=state, **context)
            description = item.summary or item.title
            yield Page(
                f"{SECTION_NOMINATIONS}/{lid}.md", item.title, body, description, self.nomination_meta(lid, item)
            )
            notice_url = f"{url}thong-bao/"
            # A fixed mask pattern (any is valid) skips segno's scoring of all eight, 4x faster.
            svg = segno.make(context["absolute_url"], error="m", mask=2).svg_inline(scale=3, title="Mã QR")
            qr = Markup(svg)  # trusted: SVG drawn by segno from the site's own URL
            body = self._render("notice.html", notice_url, lid=lid, n=item, st=state, qr=qr, **context)
            meta = {"kind": "notice", "record_id": lid, "hide": ["navigation", "toc"]}
            yield Page(f"{notice_url}index.md", f"Thông báo: {item.title}", body, description, meta)

    def nomination_context(self, lid: str, item: NomineeList) -> dict[str, Any]:
        """Everything a list page and its printed notice show beyond the record itself."""
        settings = self.data.settings.consultation
        channels = item.channels or settings.channels
        page_url = self.data.settings.url + self.nomination_url(lid)
        comment_links = {
            nominee.id: comments.links(channels, lid, item, page_url, self.data.awards[group.award].name, nominee)
            for group in item.groups
            for nominee in group.nominees
        }
        window = item.consultation
        results = {result.nominee: result for result in item.outcome.results} if item.outcome else {}
        return {
            "total": sum(len(group.nominees) for group in item.groups),
            "channels": channels,
            "comment_links": comment_links,
            "requirements": item.comment_requirements or settings.comment_requirements,
            "privacy_notice": settings.privacy_notice,
            "after_deadline": item.after_deadline or settings.after_deadline,
            "window_days": working_days(window.opens, window.closes, self.data.holidays),
            "min_days": settings.min_working_days,
            "fingerprint": fingerprint(item),
            "results": results,
            "absolute_url": page_url,
        }

    def nomination_meta(self, lid: str, item: NomineeList) -> dict[str, Any]:
        feeds = self.feed_links(self.nomination_url(lid), [f"lay-y-kien/{lid}", "lay-y-kien"])
        return {"kind": "nomination", "record_id": lid, "state": self.statuses[lid].state, "feeds": feeds}

    # -- feeds -------------------------------------------------------------------

    @functools.cached_property
    def feed_topics(self) -> dict[str, Topic]:
        """Every feed of the site by stem (see feed_topics.py)."""
        return {topic.stem: topic for topic in catalogue(self)}

    def feed_links(self, url: str, stems: Iterable[str]) -> list[dict[str, str]]:
        """`<link rel="alternate">` data for the page at url: each feed in every format, relative hrefs."""
        return [
            {
                "href": relative(url, topic.path(fmt)),
                "type": fmt.media_type,
                "title": f"{topic.label} ({fmt.label})",
            }
            for stem in dict.fromkeys(stems)
            if (topic := self.feed_topics.get(stem)) is not None
            for fmt in FORMATS
        ]

    def _announce_feeds(self, page: Page) -> None:
        """Pages without feeds of their own announce the nearest feed above their URL (feeds mirror URLs)."""
        if "feeds" not in page.meta:
            stem = re.sub(r"(^|/)trang-\d+/$", r"\1", page.url).rstrip("/")
            while stem and stem not in self.feed_topics:
                stem = stem.rpartition("/")[0]
            stems = [stem or SITE_WIDE]
            if stem == "lay-y-kien":
                stems.append(CLOSING)
            page.meta["feeds"] = self.feed_links(page.url, stems)
        if page.meta.get("kind") == "list":
            page.meta["feed_help"] = relative(page.url, "bao-chi/")

    def press_page(self) -> Page:
        url = "bao-chi/"
        groups = [
            (label, [topic for topic in self.feed_topics.values() if topic.group == group])
            for group, label in GROUPS.items()
        ]
        counts = {
            "guong-dien-hinh": len(self.data.exemplars),
            "phong-trao": len(self.data.campaigns),
            "danh-sach-lay-y-kien": len(self.data.nominations),
        }
        body = self._render(
            "press.html",
            url,
            groups=groups,
            formats=FORMATS,
            max_items=MAX_ITEMS,
            open_data=OPEN_DATA,
            open_data_counts=counts,
            opml=OPML_PATH,
            example_id=tag_uri(self.data.settings, f"{SECTION_EXEMPLARS}/{next(iter(self.exemplar_order), 'ma-bai')}"),
        )
        return Page(
            "bao-chi.md",
            "Dành cho báo chí",
            body,
            "Nguồn tin RSS, Atom, JSON Feed và dữ liệu mở để báo chí đăng lại gương điển hình, phong trào thi đua",
            {"kind": "press", "feeds": self.feed_links(url, [SITE_WIDE])},
        )


# Sites with at least this many exemplars are rendered by two processes, one per core.
MIN_EXEMPLARS_TO_SPLIT = 1000


def render_pages(renderer: Renderer) -> list[Page]:
    """Every page of the site; on large sites, on both cores.

    A forked process renders 45% of the exemplar pages and the consultation pages and sends
    them back with its Markdown conversions (the feeds need them); this process renders the
    rest. Each page is rendered by exactly one process, from the same data, so the pages are
    the ones a single process would give.
    """
    if len(renderer.data.exemplars) < MIN_EXEMPLARS_TO_SPLIT or parallel.cores() < 2:
        return renderer.pages()

    def second_half() -> tuple[list[Page], dict[str, Markup]]:
        before = set(_MARKDOWN_CACHE)
        pages = renderer.pages(1)
        return pages, {text: html for text, html in _MARKDOWN_CACHE.items() if text not in before}

    pages, (other_pages, conversions) = parallel.beside(second_half, lambda: renderer.pages(0), "rendering")
    _MARKDOWN_CACHE.update(conversions)
    return pages + other_pages


def page_window(current: int, count: int, around: int = 2) -> list[int]:
    """Page numbers to link from page `current`: the first, the last and a few around it.

    Linking every page from every page made list pages grow with the number of records, and the
    whole list quadratic (334 links on each of 334 pages at 10,000 exemplars).
    """
    near = range(max(1, current - around), min(count, current + around) + 1)
    return sorted({1, count, *near}) if count > 0 else []


def duplicate_paths(pages: Iterable[Page]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for page in pages:
        if page.path in seen:
            dupes.append(page.path)
        seen.add(page.path)
    return dupes
