"""Records + templates -> pages. Pure: no file is read or written here but templates."""

from __future__ import annotations

import functools
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import markdown as md
import nh3
import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import vietnamese as vn
from .consultation import Status, status
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


def markdown_html(text: str) -> Markup:
    """Editors' Markdown as sanitised HTML: no scripts, no remote images, no raw styles."""
    html = _markdown().reset().convert(text)
    clean = nh3.clean(
        html,
        tags=_STORY_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
    return Markup(clean)


_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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

    def text(self) -> str:
        front = {"title": self.title, "description": self.description, **self.meta}
        # libyaml's emitter writes the same text six times faster than PyYAML's own.
        header = yaml.dump(front, Dumper=_SafeDumper, allow_unicode=True, sort_keys=True)
        return f"---\n{header}---\n\n{self.body}\n"


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


# Path segments that need posixpath's normalisation.
_PLAIN_PARTS = frozenset({"", ".", ".."})


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

    # -- helpers -----------------------------------------------------------------

    def _render(self, template: str, url: str, **context: Any) -> str:
        def link(target: str) -> str:
            return relative(url, target)

        return self.env.get_template(template).render(link=link, page_url=url, now=self.now, **context)

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
        out: dict[str, list[tuple[Facet, list[str]]]] = {}
        campaigns = self.data.campaigns
        provinces = self.data.provinces
        out["campaign"] = sorted(
            (
                (
                    Facet(
                        cid,
                        campaigns[cid].title,
                        f"Gương điển hình: {campaigns[cid].title}",
                        f"{base}/theo-phong-trao/{cid}/",
                    ),
                    ids,
                )
                for cid, ids in groups["campaign"].items()
            ),
            key=lambda pair: vn.sort_key(pair[0].label),
        )
        out["province"] = sorted(
            (
                (
                    Facet(
                        pid,
                        provinces[pid].name,
                        f"Gương điển hình tại {provinces[pid].kind} {provinces[pid].name}",
                        f"{base}/theo-tinh/{pid}/",
                    ),
                    ids,
                )
                for pid, ids in groups["province"].items()
            ),
            key=lambda pair: vn.sort_key(pair[0].label),
        )
        out["field"] = sorted(
            (
                (Facet(name, name, f"Gương điển hình lĩnh vực {name}", f"{base}/theo-linh-vuc/{vn.slug(name)}/"), ids)
                for name, ids in groups["field"].items()
            ),
            key=lambda pair: vn.sort_key(pair[0].label),
        )
        out["year"] = sorted(
            (
                (Facet(year, year, f"Gương điển hình đăng năm {year}", f"{base}/theo-nam/{year}/"), ids)
                for year, ids in groups["year"].items()
            ),
            key=lambda pair: pair[0].key,
            reverse=True,
        )
        out["priority"] = sorted(
            (
                (Facet(name, name, f"Gương điển hình: {name}", f"{base}/theo-doi-tuong/{vn.slug(name)}/"), ids)
                for name, ids in groups["priority"].items()
            ),
            key=lambda pair: vn.sort_key(pair[0].label),
        )
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

    # -- pages -------------------------------------------------------------------

    def pages(self) -> list[Page]:
        out: list[Page] = [self.home()]
        out.extend(self.campaign_pages())
        out.extend(self.exemplar_pages())
        out.extend(self.nomination_pages())
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
        return {"kind": "campaign", "record_id": cid}

    def exemplar_pages(self) -> Iterable[Page]:
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
        for kind, (slug, title) in labels.items():
            url = f"{SECTION_EXEMPLARS}/{slug}/"
            body = self._render(
                "facet_index.html", url, title=title, kind=kind, entries=self.facets[kind], facets=self.facets
            )
            yield Page(f"{url}index.md", title, body, title, {"kind": "list"})
            for facet, ids in self.facets[kind]:
                yield from self._paginate(facet.url, facet.title, ids, meta={"facet": kind})
        for eid, exemplar in self.data.exemplars.items():
            url = self.exemplar_url(eid)
            body = self._render("exemplar.html", url, eid=eid, e=exemplar, facets=self.facets)
            yield Page(
                f"{SECTION_EXEMPLARS}/{eid}.md",
                exemplar.name,
                body,
                exemplar.summary,
                self.exemplar_meta(eid, exemplar),
            )

    def exemplar_meta(self, eid: str, exemplar: Exemplar) -> dict[str, Any]:
        return {"kind": "exemplar", "record_id": eid}

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
            body = self._render(
                "nomination.html", url, lid=lid, n=item, st=self.statuses[lid], **self.nomination_context(lid, item)
            )
            yield Page(
                f"{SECTION_NOMINATIONS}/{lid}.md",
                item.title,
                body,
                item.summary or item.title,
                self.nomination_meta(lid, item),
            )

    def nomination_context(self, lid: str, item: NomineeList) -> dict[str, Any]:
        return {"total": sum(len(group.nominees) for group in item.groups)}

    def nomination_meta(self, lid: str, item: NomineeList) -> dict[str, Any]:
        return {"kind": "nomination", "record_id": lid, "state": self.statuses[lid].state}


def render_site(data: Dataset, now: datetime) -> list[Page]:
    return Renderer(data, now).pages()


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
