"""What a record kind says about itself. Each module of this package answers for one kind.

A kind owns its data folder, its pages, its search fields, its feed entries and topics, the
feed items built from them, its open-data rows and any files beside its pages. `site.py`
asks every kind in `kinds.KINDS` and never names one. docs/adding-a-record-kind.md walks
through adding one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from ..inputs.load import Dataset
from ..model.site_model import SiteModel
from ..publish.feed_topics import Entry, OpenData, Topic, record_key
from ..publish.feeds import Item, Items
from ..publish.render import Page, Renderer

SearchFields = tuple[dict[str, list[str]], dict[str, str]]


class Kind:
    """One record kind. Subclasses set the class attributes and override what they have."""

    name: ClassVar[str]  # "exemplar": the page kind in Page.meta and the key of its feed items
    folder: ClassVar[str]  # "exemplars": its folder under data/
    open_data: ClassVar[OpenData]  # its open-data files under /du-lieu/

    def records(self, data: Dataset) -> Mapping[str, Any]:
        """Every record of the kind by id, as loaded."""
        raise NotImplementedError

    def pages(self, renderer: Renderer, part: int | None) -> Iterable[Page]:
        """The kind's pages. With two rendering processes, part 0 or 1 renders its share of them."""
        raise NotImplementedError

    def record_page(self, renderer: Renderer, record_id: str) -> Page:
        """The page of one record, as pages() renders it (the web editor's preview, site/draft.py)."""
        raise NotImplementedError

    def search_fields(self, model: SiteModel, record_id: str) -> SearchFields:
        """Search filters (name -> values) and result metadata of one record's page."""
        raise NotImplementedError

    def entries(self, model: SiteModel) -> dict[str, list[Entry]]:
        """Feed entries by record id; a record's publication comes first, then its later events.

        By default a record has one entry, its publication, updated when the record says so.
        """
        return {
            rid: [
                Entry(
                    self.name,
                    "published",
                    rid,
                    record_key(self.name, rid),
                    record.published,
                    max(record.published, record.updated or record.published),
                )
            ]
            for rid, record in self.records(model.data).items()
        }

    def topics(self, model: SiteModel, entries: Mapping[str, list[Entry]]) -> list[Topic]:
        """The feeds about this kind, given every entry of the kind."""
        raise NotImplementedError

    def item(self, items: Items, entry: Entry) -> Item:
        """The feed item of one of this kind's entries, in any format."""
        raise NotImplementedError

    def item_inputs(self, model: SiteModel, entry: Entry) -> list[str] | None:
        """Fingerprints of everything the entry's item is made from besides the entry itself
        (and code), so that a feed the build cache holds is found without building its items;
        None: build the item and take its fingerprint."""
        return None

    def open_data_rows(self, model: SiteModel) -> list[dict[str, Any]]:
        """Every record as one flat row, newest first; field names as in the YAML files."""
        raise NotImplementedError

    def files(self, model: SiteModel) -> Iterator[tuple[str, bytes]]:
        """Files published beside the kind's pages (site-relative path, bytes), one at a time: a
        build writes each as it comes (at 50,000 exemplars the nominee lists' files held
        together were 160 MB of the build's peak)."""
        return iter(())


def newest(records: Mapping[str, Any]) -> list[str]:
    """Record ids, newest publication first; the id breaks ties."""
    return sorted(records, key=lambda rid: (records[rid].published, rid), reverse=True)
