"""The site: the model of the records at the build clock, turned into everything published.

Asks each record kind (kinds.KINDS) for its entries, feeds, pages, items, rows and files, and
gathers them: the feed catalogue, every page (with the site's own home and press pages), the
feed documents, the open data and the files beside the pages. Names no kind itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..kinds import KINDS, Kind
from ..model.images import CardMaker
from ..model.site_model import SiteModel
from ..problems import BuildError
from ..publish import open_data, statistics_section
from ..publish.feed_topics import GROUPS, SITE_WIDE, Entry, OpenData, Topic, newest_first, same_day_seconds
from ..publish.feeds import Items, iter_feed_documents
from ..publish.open_data import SCHEMAS
from ..publish.render import Page, Renderer, card_words, render_pages
from ..utils.writer import Writer
from . import embeds, old_urls, server
from .preview import BANNER, MARKER, Preview
from .preview import robots as preview_robots


def catalogue(model: SiteModel, kinds: Sequence[Kind], entries: Mapping[str, dict[str, list[Entry]]]) -> list[Topic]:
    """Every feed of the site, in the order the press page and the OPML file list them."""
    publications = [events[0] for kind in kinds for events in entries[kind.name].values()]
    site_wide = Topic(
        SITE_WIDE,
        "chung",
        "Tất cả tin mới",
        "Gương điển hình, phong trào thi đua và danh sách lấy ý kiến nhân dân mới đăng.",
        model.urls.home(),
        newest_first(publications),
    )
    topics = [site_wide, *(topic for kind in kinds for topic in kind.topics(model, entries[kind.name]))]
    rank = {group: index for index, group in enumerate(GROUPS)}
    ordered = sorted(topics, key=lambda topic: rank[topic.group])  # stable: each kind's order within a group
    settings = model.data.settings
    return [replace(topic, limit=settings.feed_items, full_text=settings.feed_full_text) for topic in ordered]


# What the build does with each finished page: write it out, keep what later steps read.
Keep = Callable[[Page], Page]


class Site:
    """Everything published, computed from one site model."""

    def __init__(self, model: SiteModel, kinds: Sequence[Kind] = KINDS, preview: Preview | None = None) -> None:
        """preview: a preview build (site/preview.py): its pages say so, robots.txt disallows everything."""
        self.model = model
        self.preview = preview
        self.kinds = {kind.name: kind for kind in kinds}
        self.entries = {kind.name: kind.entries(model) for kind in kinds}
        self.topics = {topic.stem: topic for topic in catalogue(model, kinds, self.entries)}
        self.renderer = Renderer(model, self.topics, self.search_fields)
        self.renderer.env.globals["preview_banner"] = BANNER if preview else None
        self.cards: dict[str, str] | None = None  # share cards of the rendered pages, path -> title
        # Set by render: (former address, address now) of renamed records' pages; withdrawn ones'.
        self.moves: list[tuple[str, str]] = []
        self.gone: list[str] = []

    def search_fields(self, kind: str, record_id: str) -> tuple[dict[str, list[str]], dict[str, str]]:
        return self.kinds[kind].search_fields(self.model, record_id)

    def open_data(self) -> Iterator[tuple[OpenData, list[dict[str, Any]]]]:
        """Each kind's open data rows, made when asked for, one kind at a time."""
        return ((kind.open_data, kind.open_data_rows(self.model)) for kind in self.kinds.values())

    def pages(self, part: int | None = None, keep: Keep | None = None) -> list[Page]:
        """Every page; or, for two processes, part 0 or part 1 of them (see render.render_pages).

        keep: what becomes of each finished page (the build writes it out and keeps it without
        its body, so that a large site's pages are never all in memory at once).
        """
        renderer = self.renderer
        out: list[Page] = []

        def add(page: Page) -> None:
            renderer.announce_feeds(page)
            renderer.share_image(page)
            out.append(keep(page) if keep else page)

        if part in (None, 0):
            add(renderer.home())
        for kind in self.kinds.values():
            for page in kind.pages(renderer, part):
                add(page)
        if part in (None, 0):
            counts = [(kind.open_data, len(kind.records(self.model.data))) for kind in self.kinds.values()]
            add(renderer.press_page(counts))
            for page in renderer.press_feed_pages():
                add(page)
            add(renderer.open_data_page(SCHEMAS))
            for page in renderer.open_data_field_pages(SCHEMAS):
                add(page)
            add(statistics_section.page(renderer))
        return out

    def render(self, keep: Keep | None = None) -> list[Page]:
        """Every page, on both cores for large sites; then the pages at the addresses of records
        renamed or withdrawn (old_urls.py), which take the titles of the others."""
        pages = render_pages(lambda part: self.pages(part, keep), len(self.model.data.exemplars))
        self.cards = self.share_cards(pages)
        kinds = list(self.kinds.values())
        self.moves = old_urls.moves(self.model, kinds, {page.url for page in pages})
        self.gone = old_urls.gone(self.model, kinds)
        kept = [*old_urls.redirects(self.renderer, kinds, pages), *old_urls.withdrawals(self.renderer, kinds)]
        for page in kept:
            self.renderer.announce_feeds(page)
        return pages + [keep(page) if keep else page for page in kept]

    def server_files(self) -> dict[str, bytes]:
        """The web server's configuration (server.py), from the pages render made."""
        facts = server.Facts(
            self.model.data.settings.url, self.moves, self.gone, server.editor_csp(self.model.data.settings.editor)
        )
        files = server.files(facts)
        if self.preview is not None:
            files[MARKER] = self.preview.marker()
        return files

    def files(self) -> Iterator[tuple[str, bytes]]:
        """The files each kind publishes beside its pages, the statistics' charts and tables, and
        the schemas of every JSON file, robots.txt; one at a time (the build writes each as it comes)."""
        for kind in self.kinds.values():
            yield from kind.files(self.model)
        yield from statistics_section.files(self.model).items()
        site_url = self.model.data.settings.url
        yield self.model.urls.robots(), preview_robots() if self.preview else server.robots(site_url)
        for published in SCHEMAS:
            path = self.model.urls.schema(published.name)
            schema = open_data.document(published, site_url, path)
            yield path, (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def embed_files(self) -> Iterator[tuple[str, bytes | embeds.Placed]]:
        """The views other sites may frame, their oEmbed documents and framable error pages
        (embeds.py): HTML, so written before Pagefind starts, which is never given them."""
        return embeds.files(self.renderer)

    def items(self) -> Items:
        """Feed items, each built once by its kind, whatever feeds it is in."""
        html = self.renderer.env.get_template("feed_items.html").module
        builders = {name: kind.item for name, kind in self.kinds.items()}
        inputs = {name: kind.item_inputs for name, kind in self.kinds.items()}
        return Items(self.model, html, builders, same_day_seconds(self.topics.values()), inputs)

    def feed_documents(self, **limits: int) -> dict[str, bytes]:
        """Every feed in every format, the OPML list and the open data."""
        return dict(self.iter_feed_documents(**limits))

    def iter_feed_documents(self, **limits: int) -> Iterator[tuple[str, bytes]]:
        """The same, one document at a time (see feeds.iter_feed_documents)."""
        return iter_feed_documents(list(self.topics.values()), self.items(), self.open_data, **limits)

    def share_cards(self, pages: Sequence[Page]) -> dict[str, str]:
        """The share cards the pages show (path -> title): each is drawn once, for the page it mirrors.

        A page shows the photo of its record, or the card of the page it belongs to (the first
        page of a list, a nominee list for its notice, a campaign for its exemplars without
        photo), or its own card.
        """
        urls, settings = self.model.urls, self.model.data.settings
        owners = {urls.share_card(page.url): page for page in pages}
        cards: dict[str, str] = {}
        for page in pages:
            path = page.meta["share_image"]
            if path.startswith(f"{urls.SHARE}/") and path not in cards:
                owner = owners.get(path)
                if owner is None:
                    raise BuildError(f"ảnh chia sẻ {path} của trang {page.url} không ứng với trang nào")
                cards[path] = card_words(owner, settings)
        return cards

    def media_files(self) -> Iterator[tuple[str, bytes]]:
        """The records' image files: web copies, share crops, SVG drawings and their PNG copies."""
        yield from self.model.media.files()

    def card_titles(self) -> list[tuple[str, str]]:
        """The share cards to draw: (path, the words on the card), in the order of the pages."""
        cards = self.cards if self.cards is not None else self.share_cards(self.pages())
        return list(cards.items())

    def write_cards(self, writer: Writer, part: int | None = None) -> tuple[int, int]:
        """Draw the share cards (or, for two processes, every other one from part 0 or 1) into
        writer's folder; how many and their bytes."""
        maker = CardMaker()
        name = self.model.data.settings.title
        cards = self.card_titles()
        count = size = 0
        for path, title in cards if part is None else cards[part::2]:
            size += maker.write(title, name, writer.place(path))
            count += 1
        return count, size
