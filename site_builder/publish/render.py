"""Records + templates -> pages. Pure: no file is read or written here but templates."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .. import vietnamese as vn
from ..inputs.markup import MARKDOWN_CACHE, markdown_html
from ..inputs.records import STAGES, SiteSettings
from ..model.consultation import browser_rules, window_text
from ..model.images import card_alt
from ..model.site_model import SiteModel
from ..model.statistics import Figure
from ..utils import cache, parallel
from . import jsonld
from .feed_topics import FORMATS, GROUPS, SITE_WIDE, OpenData, Topic, record_key, tag_uri
from .open_data import Published, fields

# Stands for the relative way back to the site root in cached fragments (never in real text).
_ROOT_MARK = "\x00"


@dataclass
class Page:
    """One page of the site, engine-neutral: its URL, title, description and HTML body.

    body is escaped HTML; title and description are plain text (the adapter escapes them for
    a theme that prints them raw). meta carries what templates of the theme need: the page's
    kind, its record id, its feeds.
    """

    url: str
    title: str
    body: str
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


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


SearchFields = Callable[[str, str], tuple[dict[str, list[str]], dict[str, str]]]


def page_bytes(page: Page) -> bytes | None:
    """A page as the build cache keeps it; None for one whose metadata JSON would not give back
    as it is (a tuple, a date): such a page is made each time rather than come back different."""
    meta = json.dumps(page.meta, ensure_ascii=False, separators=(",", ":"))
    if json.loads(meta) != page.meta:
        return None
    head = json.dumps([page.url, page.title, page.description], ensure_ascii=False, separators=(",", ":"))
    return cache.pack([head.encode("utf-8"), meta.encode("utf-8"), page.body.encode("utf-8")])


def page_from(data: bytes) -> Page:
    head, meta, body = cache.unpack(data)
    url, title, description = json.loads(head)
    return Page(url, title, body.decode("utf-8"), description, json.loads(meta))


def card_words(page: Page, settings: SiteSettings) -> str:
    """What a page's own share card says above the site's name: its card_title (the pages of a
    list, an exemplar), else its title; the home page, whose title is the site's name, its description."""
    words = str(page.meta.get("card_title") or page.title)
    return settings.description if words == settings.title else words


class Renderer:
    """Turns the site model into pages: the Jinja environment, links, cards, pagination, head links.

    What each record kind's pages hold is the kind's business (kinds/); this class gives them
    the means and renders the pages that belong to no kind (home, press).
    """

    def __init__(self, model: SiteModel, topics: Mapping[str, Topic], search_fields: SearchFields) -> None:
        self.model = model
        self.data = model.data
        self.urls = model.urls
        self.feed_topics = topics
        self._search_fields = search_fields
        data = model.data
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
        self.env.filters["lowerfirst"] = lambda text: text[:1].lower() + text[1:]
        # Calendar apps subscribe (and refresh) from webcal:// links; a plain link only imports once.
        self.env.filters["webcal"] = lambda path: "webcal://" + (data.settings.url + path).split("://", 1)[1]
        self.env.globals.update(
            stages=STAGES,
            data=data,
            model=model,
            urls=model.urls,
            settings=data.settings,
            awards=data.awards,
            provinces=data.provinces,
            campaigns=data.campaigns,
            exemplars=data.exemplars,
            media=model.media,
            window_sentence=window_text,
            window_attrs=self.window_attrs,
            search_tags=self.search_tags,
            # Set by a preview build (site/preview.py): the banner every page of it shows.
            preview_banner=None,
        )
        self._cards: dict[str, str] = {}
        self._card_template = self.env.from_string(
            '{% from "_macros.html" import exemplar_card %}{{ exemplar_card(eid, link) }}'
        )
        self.base_path = urlsplit(data.settings.url).path
        self._rules = json.dumps(browser_rules(model.closing_soon), ensure_ascii=False, separators=(",", ":"))

    def render(self, template: str, url: str, **context: Any) -> str:
        """A template rendered for the page at url: link() makes relative links from there."""

        def link(target: str) -> str:
            return relative(url, target)

        def card(eid: str) -> Markup:
            return self._card(eid, url)

        return self.env.get_template(template).render(link=link, card=card, page_url=url, **context)

    def memo(self, parts: Sequence[str], make: Callable[[], Page]) -> Page:
        """The page made from parts, from the build cache, or make() and kept there.

        parts must name everything the page shows besides code and templates (in every key):
        on an edit of one exemplar a 10,000-exemplar site rendered all its 14,000 pages again
        (7 s of 44), where only the pages that show the edited record change.
        """
        store = cache.current()
        if not store.enabled:
            return make()
        entry = store.entry("render", *parts)
        found = store.get("render", entry)
        if found is not None:
            return page_from(found)
        page = make()
        data = page_bytes(page)
        if data is not None:
            store.put("render", entry, data)
        return page

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

    def numbered_pages(
        self,
        template: str,
        first_url: str,
        title: str,
        items: Sequence[Any],
        chunk_as: str,
        *,
        size: int | None = None,
        description: str = "",
        meta: Mapping[str, Any] | None = None,
        inputs: Callable[[Sequence[Any]], list[str]] | None = None,
        **context: Any,
    ) -> Iterator[Page]:
        """A long list over numbered pages of the site's page size (or size items): template
        rendered for each page with its items (as chunk_as), the page's title (the list's own on
        the first page, "(trang N)" after), the total, and what the pagination macro needs
        (page_number, page_urls, page_window). Lists of lists stay out of the search index.

        inputs: what a page shows of its items (their fingerprints), for lists whose pages come
        from the build cache when neither that nor anything else they are made from changed.
        """
        size = size or self.data.settings.page_size
        chunks = [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]
        urls = [self.urls.numbered(first_url, n + 1) for n in range(len(chunks))]
        page_meta = dict(meta or {"kind": "list"})
        shared = ""
        if inputs is not None and cache.current().enabled:
            shared = cache.fingerprint([template, title, len(items), urls, description, page_meta, context])
        for n, chunk in enumerate(chunks):
            number = n + 1
            page_title = title if number == 1 else f"{title} (trang {number})"
            numbering = {"page_number": number, "page_urls": urls, "page_window": page_window(number, len(urls))}

            def make(
                n: int = n,
                chunk: Sequence[Any] = chunk,
                page_title: str = page_title,
                numbering: dict[str, Any] = numbering,
            ) -> Page:
                body = self.render(
                    template, urls[n], title=page_title, total=len(items), **{chunk_as: chunk}, **numbering, **context
                )
                return Page(urls[n], page_title, body, description or title, dict(page_meta))

            if inputs is None or not shared:
                yield make()
            else:
                yield self.memo(["list", self.model.tables_fingerprint, shared, str(number), *inputs(chunk)], make)

    def paginate(
        self,
        first_url: str,
        title: str,
        ids: Sequence[str],
        intro: str = "",
        meta: dict[str, Any] | None = None,
        figures: tuple[str, Sequence[Figure]] = ("", ()),
    ) -> Iterable[Page]:
        """A list of exemplars over as many pages as the page size asks.

        figures: a heading and figures of statistics.py, shown under the first page's list.
        """
        # Every page of the list shares the first page's card, which says the list's title.
        return self.numbered_pages(
            "exemplar_list.html",
            first_url,
            title,
            ids,
            "ids",
            description=intro,
            meta={"kind": "list", "card_title": title, **(meta or {})},
            inputs=lambda ids: [self.model.exemplar_fingerprint(eid) for eid in ids],
            intro=intro,
            figures_heading=figures[0],
            figures=figures[1],
        )

    def window_attrs(self, lid: str) -> Markup:
        """Data attributes from which consultation.js recomputes the state in the reader's browser."""
        window = self.model.windows[lid]
        attrs = {
            "data-tdkt-window": lid,
            "data-opens": window.opens_at.isoformat(),
            "data-closes": window.closes_at.isoformat(),
            "data-holidays": ",".join(day.isoformat() for day in window.holidays),
            "data-rules": self._rules,
            "data-decided": "1" if self.data.nominations[lid].outcome else "",
        }
        return Markup(" ".join(f'{key}="{escape(value)}"' for key, value in attrs.items()))

    def search_tags(self, kind: str, record_id: str) -> Markup:
        """Invisible elements from which Pagefind reads filters, metadata and the sort date."""
        filters, meta = self._search_fields(kind, record_id)
        tags = []
        for key, values in filters.items():
            for value in dict.fromkeys(values):
                tags.append(f'<span data-pagefind-filter="{key}[data-value]" data-value="{escape(value)}"></span>')
        for key, value in meta.items():
            tags.append(f'<span data-pagefind-meta="{key}[data-value]" data-value="{escape(value)}"></span>')
        if "date" in meta:
            tags.append(f'<span data-pagefind-sort="date[data-value]" data-value="{escape(meta["date"])}"></span>')
        return Markup("".join(tags))

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

    def announce_feeds(self, page: Page) -> None:
        """Pages without feeds of their own announce the nearest feed above their URL (feeds mirror URLs)."""
        if "feeds" not in page.meta:
            stem = self.urls.feed_stem(self.urls.unnumbered(page.url))
            while stem and stem not in self.feed_topics:
                stem = stem.rpartition("/")[0]
            stem = stem or SITE_WIDE
            companions = [topic.stem for topic in self.feed_topics.values() if topic.announced_with == stem]
            page.meta["feeds"] = self.feed_links(page.url, [stem, *companions])
        if page.meta.get("kind") == "list":
            page.meta["feed_help"] = relative(page.url, self.urls.press())

    def share_image(self, page: Page) -> None:
        """The image shown when the page is shared (Open Graph): set by the page's kind (a record's
        photo), else the share card of the first page of its list, which is its own card for most;
        and its text alternative (og:image:alt), which the kind gives with an image of its choice
        and is otherwise the card's words (card_words) and the site's name."""
        if "share_image" not in page.meta:
            page.meta["share_image"] = self.urls.share_card(self.urls.unnumbered(page.url))
        if "share_image_alt" not in page.meta:
            page.meta["share_image_alt"] = card_alt(card_words(page, self.data.settings), self.data.settings.title)

    def home(self) -> Page:
        model = self.model
        body = self.render(
            "home.html",
            self.urls.home(),
            # The lists closing soonest and opening soonest; the section page has the rest.
            lists={
                "open": model.lists_by_state["open"][:HOME_LISTS],
                "upcoming": model.lists_by_state["upcoming"][:HOME_LISTS],
            },
            totals={group: len(lids) for group, lids in model.lists_by_state.items()},
            latest=model.exemplar_order[:6],
            active=model.active_campaigns[:8],
            statuses=model.statuses,
            counts=model.counts,
        )
        settings = self.data.settings
        website: dict[str, Any] = {"@type": "WebSite", "name": settings.title, "url": settings.url, "inLanguage": "vi"}
        website["publisher"] = jsonld.organisation(settings)
        meta = {"kind": "home", "jsonld": jsonld.document(jsonld.organisation(settings), website)}
        return Page(self.urls.home(), settings.title, body, settings.description, meta)

    def open_data_page(self, schemas: Sequence[Published]) -> Page:
        """The "Dữ liệu mở" page: the files of the whole site first, linked, then the kinds of file each
        list, version or feed has; each with its schema and a page of its columns one level below (the
        columns of every file on this page were 2,002 elements, over a cheap phone's budget)."""
        url = self.urls.open_data_page()
        rows = [
            (published, self.urls.open_data_fields(published.name), self.urls.schema(published.name))
            for published in schemas
        ]
        # The files of every record of a kind, with a CSV twin, before the other whole-site files.
        whole = sorted((row for row in rows if row[0].file), key=lambda row: row[0].csv_file is None)
        body = self.render(
            "open_data.html",
            url,
            whole=whole,
            each=[row for row in rows if not row[0].file],
            index=self.urls.consultations_index(),
        )
        description = "Các tệp dữ liệu mở: danh sách lấy ý kiến, phiên bản, gương điển hình, phong trào, nguồn tin"
        return Page(url, "Dữ liệu mở", body, description, {"kind": "press"})

    def open_data_field_pages(self, schemas: Sequence[Published]) -> Iterable[Page]:
        """One page per kind of data file: where it is, its schema and every field, one level below
        the open-data page."""
        for published in schemas:
            url = self.urls.open_data_fields(published.name)
            title = f"{published.title} (các trường)"
            body = self.render(
                "open_data_fields.html",
                url,
                title=title,
                published=published,
                rows=fields(published.schema),
                schema_url=self.urls.schema(published.name),
            )
            description = f"{published.title}: nơi có tệp, lược đồ JSON Schema và ý nghĩa từng trường"
            yield Page(url, title, body, description, {"kind": "press"})

    def press_groups(self) -> list[tuple[str, str, list[Topic]]]:
        """The feeds by group, in the order of GROUPS: (group, label, topics)."""
        return [
            (group, label, [topic for topic in self.feed_topics.values() if topic.group == group])
            for group, label in GROUPS.items()
        ]

    def press_feed_pages(self) -> Iterable[Page]:
        """The feeds of each group but the general one, on pages of their own one level below the
        press page (every feed on one page was 10,600 elements at 10,000 exemplars)."""
        for group, label, topics in self.press_groups():
            if group == PRESS_PAGE_GROUP or not topics:
                continue
            yield from self.numbered_pages(
                "press_feeds.html",
                self.urls.press_feeds(group),
                label,
                topics,
                "topics",
                description=f"{label}: địa chỉ RSS, Atom và JSON Feed",
                formats=FORMATS,
            )

    def press_page(self, open_data: Sequence[tuple[OpenData, int]]) -> Page:
        url = self.urls.press()
        groups = [
            (label, topics if group == PRESS_PAGE_GROUP else [], len(topics), self.urls.press_feeds(group))
            for group, label, topics in self.press_groups()
        ]
        example = next(iter(self.model.exemplar_order), "ma-bai")
        body = self.render(
            "press.html",
            url,
            groups=groups,
            formats=FORMATS,
            max_items=self.data.settings.feed_items,
            full_text=min(self.data.settings.feed_full_text, self.data.settings.feed_items),
            open_data=open_data,
            opml=self.urls.opml(),
            example_id=tag_uri(self.data.settings, record_key("exemplar", example)),
        )
        return Page(
            url,
            "Dành cho báo chí",
            body,
            "Nguồn tin RSS, Atom, JSON Feed và dữ liệu mở để báo chí đăng lại gương điển hình, phong trào thi đua",
            {"kind": "press", "feeds": self.feed_links(url, [SITE_WIDE])},
        )


# Sites with at least this many exemplars are rendered by two processes, one per core.
MIN_EXEMPLARS_TO_SPLIT = 1000


def render_pages(pages: Callable[[int | None], list[Page]], exemplars: int) -> list[Page]:
    """Every page of the site (`pages(None)`); on large sites, on both cores.

    A forked process renders part 1 (62% of the exemplar pages, half the nominee lists' pages) and
    sends it back with its Markdown conversions (the feeds need them); this process renders
    part 0. Each page is rendered by exactly one process, from the same data, so the pages are
    the ones a single process would give.
    """
    if exemplars < parallel.threshold("MIN_EXEMPLARS_TO_SPLIT", MIN_EXEMPLARS_TO_SPLIT) or parallel.cores() < 2:
        return pages(None)

    def second_half() -> tuple[list[Page], dict[str, Markup]]:
        before = set(MARKDOWN_CACHE)
        made = pages(1)
        return made, {text: html for text, html in MARKDOWN_CACHE.items() if text not in before}

    mine, (theirs, conversions) = parallel.beside(second_half, lambda: pages(0), "rendering")
    MARKDOWN_CACHE.update(conversions)
    return mine + theirs


# How many lists taking comments, and how many upcoming, the home page shows.
HOME_LISTS = 10
# The group of feeds the press page lists itself; the others are one level down.
PRESS_PAGE_GROUP = "chung"


def page_window(current: int, count: int, around: int = 2) -> list[int]:
    """Page numbers to link from page `current`: the first, the last and a few around it.

    Linking every page from every page made list pages grow with the number of records, and the
    whole list quadratic (334 links on each of 334 pages at 10,000 exemplars).
    """
    near = range(max(1, current - around), min(count, current + around) + 1)
    return sorted({1, count, *near}) if count > 0 else []
