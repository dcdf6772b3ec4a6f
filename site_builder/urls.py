"""Every path the site publishes, in one table (after Datasette's url_builder).

Paths are relative to the site root; a page's URL ends with "/" (the home page is ""), a
file's does not. Pages, feeds, open data, consultation files and templates all ask here;
no other module or template spells a slug. Which file a generator writes for a page URL is
the generator's business (see mkdocs_adapter.source_path).
"""

from __future__ import annotations

import re
from typing import Final, Literal

from . import vietnamese as vn

FacetKind = Literal["campaign", "province", "field", "year", "priority", "name"]

# The slug of each exemplar grouping, under the exemplars' section.
FACET_SLUGS: Final[dict[str, str]] = {
    "campaign": "theo-phong-trao",
    "province": "theo-tinh",
    "field": "theo-linh-vuc",
    "year": "theo-nam",
    "priority": "theo-doi-tuong",
    "name": "theo-ten",
}
# The pages of lists by state group ("theo-" is reserved: no list id starts with it).
NOMINATION_STATE_SLUGS: Final[dict[str, str]] = {
    "open": "theo-trang-thai/dang-lay-y-kien",
    "upcoming": "theo-trang-thai/sap-lay-y-kien",
}
_NUMBERED = re.compile(r"(^|/)trang-\d+/$")
# Facets whose key is free text (a field, a priority group): the slug is made from it.
_SLUGGED = frozenset({"field", "priority"})


class Urls:
    """The URL table. Stateless: one shared instance, `URLS`, is handed to every stage and template."""

    EXEMPLARS: Final = "dien-hinh"
    CAMPAIGNS: Final = "phong-trao"
    NOMINATIONS: Final = "lay-y-kien"
    FEEDS: Final = "nguon-tin"
    OPEN_DATA: Final = "du-lieu"
    STATISTICS: Final = "thong-ke"
    SEARCH_INDEX: Final = "pagefind"
    IMAGES: Final = "images"
    SHARE: Final = "anh-chia-se"
    # Views made to be framed by other sites (site/embeds.py): the only pages nginx lets any site
    # frame, so they live under one prefix of their own.
    EMBEDS: Final = "nhung"
    # Previews of a change before it is published (site/preview.py, tools/deploy.sh --preview):
    # each under a folder of its own below this one, never indexed.
    PREVIEWS: Final = "xem-truoc"
    # The embedded view's own script (sends its height), its style, and the script an embedding
    # page may add to resize the frame: theme assets (overrides/assets/).
    EMBED_VIEW_SCRIPT: Final = "assets/nhung.js"
    EMBED_STYLE: Final = "assets/nhung.css"
    EMBED_FRAME_SCRIPT: Final = "assets/nhung-khung.js"
    CONSULTATION_SCRIPT: Final = "assets/consultation.js"
    # Stems of the feeds that follow no single page: everything, and lists closing soon.
    SITE_WIDE_FEED: Final = "tat-ca"
    CLOSING_FEED: Final = "lay-y-kien-sap-het-han"
    # The stem of each kind's open data files (du-lieu/<stem>.json, .csv) and of its schema.
    OPEN_DATA_STEMS: Final[dict[str, str]] = {
        "exemplar": "guong-dien-hinh",
        "campaign": CAMPAIGNS,
        "nomination": "danh-sach-lay-y-kien",
    }
    # The editors' reference of every field (hand-written pages that `site-builder schema` writes
    # under content/), and its parts one level below: a record kind's folder in data/, or the
    # reference files. One page for all was 2,059 elements, over a cheap phone's budget (issue 28).
    FIELD_REFERENCE: Final = "truong-du-lieu"
    FIELD_REFERENCE_PARTS: Final[dict[str, str]] = {
        "campaigns": "phong-trao-thi-dua",
        "exemplars": "guong-dien-hinh",
        "nominations": "danh-sach-lay-y-kien",
        "reference": "tep-dung-chung",
    }
    # The first part of every permanent id (feed items' tag: URIs, calendar UIDs, feed
    # categories). Frozen on purpose: the sections' slugs when the site began, and an id must not
    # change when a section's URL does. Kept here so that every slug-like string has one home.
    TAG_PREFIXES: Final[dict[str, str]] = {
        "exemplar": "dien-hinh",
        "campaign": "phong-trao",
        "nomination": "lay-y-kien",
        "feed": "nguon-tin",
    }

    # -- sections and site pages ---------------------------------------------------

    def home(self) -> str:
        return ""

    def exemplars(self) -> str:
        return f"{self.EXEMPLARS}/"

    def campaigns(self) -> str:
        return f"{self.CAMPAIGNS}/"

    def nominations(self) -> str:
        return f"{self.NOMINATIONS}/"

    def press(self) -> str:
        return "bao-chi/"

    def press_feeds(self, group: str) -> str:
        """The feeds of one group ("tinh", "danh-sach"...), one level below the press page."""
        return f"{self.press()}{group}/"

    def how_to_comment(self) -> str:
        return "cach-gop-y/"

    def field_reference(self, part: str | None = None) -> str:
        """The field reference's first page, or one part of it (a key of FIELD_REFERENCE_PARTS)."""
        first = f"{self.FIELD_REFERENCE}/"
        return first if part is None else f"{first}{self.FIELD_REFERENCE_PARTS[part]}/"

    def editor(self) -> str:
        """The web editor of the records (Decap CMS): a page of its own, outside search, sitemap and feeds."""
        return "quan-tri/"

    def editor_preview(self) -> str:
        """Where the web editor's preview pane asks for a draft's page (a service of the project's, not
        a file: `site-builder edit`, or `site-builder preview-server` behind the agency's nginx)."""
        return f"{self.editor()}xem-truoc"

    def editor_preview_settings(self) -> str:
        """The pane's settings, written by the build: the site's styles, the theme's frame of a page."""
        return f"{self.editor()}xem-truoc.json"

    def sitemap(self) -> str:
        """The sitemap every engine's build ends with (engines/sitemap.py)."""
        return "sitemap.xml"

    def preview(self, name: str) -> str:
        """Where a preview of a change is served beside the public site (tools/deploy.sh --preview NAME)."""
        return f"{self.PREVIEWS}/{name}/"

    def robots(self) -> str:
        """What crawlers read first: where the sitemap is, and to keep out of the editor."""
        return "robots.txt"

    def statistics(self) -> str:
        """The "Thống kê" page: every figure, its chart and its table."""
        return f"{self.STATISTICS}/"

    # -- records ---------------------------------------------------------------------

    def exemplar(self, eid: str) -> str:
        return f"{self.EXEMPLARS}/{eid}/"

    def campaign(self, cid: str) -> str:
        return f"{self.CAMPAIGNS}/{cid}/"

    def nomination(self, lid: str) -> str:
        return f"{self.NOMINATIONS}/{lid}/"

    def record(self, kind: str, record_id: str) -> str:
        """A record's page by kind name ("exemplar", "campaign", "nomination")."""
        builders = {"exemplar": self.exemplar, "campaign": self.campaign, "nomination": self.nomination}
        return builders[kind](record_id)

    def record_pages(self, kind: str, record_id: str) -> list[str]:
        """Every page a record has: its own, and a nominee list's printed notice."""
        pages = [self.record(kind, record_id)]
        if kind == "nomination":
            pages.append(self.notice(record_id))
        return pages

    def section(self, kind: str) -> str:
        """The section listing a kind's records."""
        sections = {"exemplar": self.exemplars, "campaign": self.campaigns, "nomination": self.nominations}
        return sections[kind]()

    # -- exemplar groupings ----------------------------------------------------------

    def facet_index(self, kind: str) -> str:
        """The page listing every group of one kind ("dien-hinh/theo-tinh/")."""
        return f"{self.EXEMPLARS}/{FACET_SLUGS[kind]}/"

    def facet(self, kind: str, key: str) -> str:
        """The exemplars of one group ("dien-hinh/theo-tinh/dong-thap/")."""
        return f"{self.facet_index(kind)}{vn.slug(key) if kind in _SLUGGED else key}/"

    @staticmethod
    def numbered(first: str, number: int) -> str:
        """Page `number` (from 1) of a paginated list whose first page is `first`."""
        return first if number == 1 else f"{first}trang-{number}/"

    @staticmethod
    def unnumbered(url: str) -> str:
        """The first page of the paginated list that the page at url belongs to."""
        return _NUMBERED.sub(r"\1", url)

    # -- files beside a nominee list -------------------------------------------------

    def notice(self, lid: str) -> str:
        return f"{self.nomination(lid)}thong-bao/"

    def list_csv(self, lid: str) -> str:
        return f"{self.nomination(lid)}danh-sach.csv"

    def list_json(self, lid: str) -> str:
        return f"{self.nomination(lid)}danh-sach.json"

    def list_calendar(self, lid: str) -> str:
        return f"{self.nomination(lid)}lich.ics"

    def list_radio(self, lid: str) -> str:
        """The announcement to read on the radio and the commune's loudspeakers (publish/radio.py)."""
        return f"{self.nomination(lid)}doc-tren-loa.txt"

    def list_version(self, lid: str, number: int | str) -> str:
        """Version `number` of a list as published; its SHA-256 is the fingerprint on the page."""
        return f"{self.nomination(lid)}phien-ban/{number}.json"

    def consultations_index(self) -> str:
        return f"{self.NOMINATIONS}/chi-muc.json"

    def nominations_by_state(self, state: str) -> str:
        """Every list of one state group ("open", "upcoming"), beyond those the section page shows."""
        return f"{self.NOMINATIONS}/{NOMINATION_STATE_SLUGS[state]}/"

    def nominations_by_year(self, year: int) -> str:
        """The lists whose window closed in one year."""
        return f"{self.NOMINATIONS}/theo-nam/{year}/"

    def consultations_calendar(self) -> str:
        return f"{self.NOMINATIONS}/lich.ics"

    # -- feeds and open data ---------------------------------------------------------

    def feed(self, stem: str, suffix: str) -> str:
        """A feed file: the stem mirrors the page it follows ("dien-hinh/theo-tinh/dong-thap")."""
        return f"{self.FEEDS}/{stem}{suffix}"

    def feed_stem(self, page_url: str) -> str:
        """The stem of the feed that follows the page at page_url ("" for the home page)."""
        return page_url.rstrip("/")

    def opml(self) -> str:
        return f"{self.FEEDS}/{self.SITE_WIDE_FEED}.opml"

    def open_data(self, stem: str, suffix: str) -> str:
        return f"{self.OPEN_DATA}/{stem}{suffix}"

    def open_data_page(self) -> str:
        """The page that documents every published data file and its columns."""
        return f"{self.OPEN_DATA}/"

    def open_data_fields(self, name: str) -> str:
        """The fields of one kind of data file (its schema's name), a page below the open-data page."""
        return f"{self.OPEN_DATA}/cac-truong/{name}/"

    def schema(self, name: str) -> str:
        return f"{self.OPEN_DATA}/luoc-do/{name}.schema.json"

    # -- statistics ------------------------------------------------------------------

    def statistics_file(self, stem: str, suffix: str) -> str:
        """A figure's chart (.svg) or table (.csv) beside the statistics page, or every figure (.json)."""
        return f"{self.STATISTICS}/{stem}{suffix}"

    def statistics_json(self) -> str:
        return self.statistics_file("so-lieu", ".json")

    def search_index(self) -> str:
        return f"{self.SEARCH_INDEX}/"

    def search_shard(self, number: int) -> str:
        """The folder of one part of the search index: the first is the index folder itself, so
        a site small enough for one part keeps the layout Pagefind gives."""
        return self.search_index() if number == 0 else f"{self.SEARCH_INDEX}/{number}/"

    def search_quick(self) -> str:
        """The quick index: titles and summaries only, small enough to answer a phone's first
        screen while the whole index loads (site_builder/engines/search.py)."""
        return f"{self.SEARCH_INDEX}/nhanh/"

    def search_manifest(self) -> str:
        """The list of the search index's parts the browser merges (overrides/assets/search.js)."""
        return f"{self.SEARCH_INDEX}/shards.json"

    # -- embeddable views (site/embeds.py) --------------------------------------------

    def embed(self, page_url: str) -> str:
        """The embeddable view of a list's or a story's page: "nhung/lay-y-kien/<id>/"."""
        return f"{self.EMBEDS}/{page_url}"

    def oembed(self, page_url: str) -> str:
        """The oEmbed document (JSON) of the embeddable view of the page at page_url."""
        return f"{self.embed(page_url)}oembed.json"

    def embed_error(self, status: int) -> str:
        """The page a frame shows for an unknown (404) or withdrawn (410) record: framable too."""
        return f"{self.EMBEDS}/{status}.html"

    # -- images and share previews ---------------------------------------------------

    @staticmethod
    def _stem(src: str) -> str:
        path = src.rpartition("/")
        name = path[2].rpartition(".")[0] or path[2]
        return f"{path[0]}/{name}" if path[0] else name

    def web_image(self, src: str, digest: str, suffix: str) -> str:
        """The web copy of the photo src ("images/a.jpg"), beside it: "images/a-<digest>.jpg"."""
        return f"{self._stem(src)}-{digest}{suffix}"

    def share_photo(self, src: str, digest: str) -> str:
        """The 1200 x 630 crop of the photo src shown when a page is shared."""
        return f"{self._stem(src)}-{digest}-chia-se.jpg"

    def share_card(self, page_url: str) -> str:
        """The share card (1200 x 630 PNG) of the page at page_url; it mirrors the page's URL."""
        return f"{self.SHARE}/{self.feed_stem(page_url) or 'trang-chu'}.png"


URLS: Final = Urls()
