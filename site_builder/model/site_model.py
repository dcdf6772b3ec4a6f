"""The site model: every fact the site shows, computed once from the records and the clock.

Pages, feeds, consultation files and the search fields read it; none of them recomputes a
state, a window, a grouping or an order. The clock is converted to Vietnam time here, once,
so "today" is the same day for the home page, the consultation states and the feeds.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from .. import vietnamese as vn
from ..inputs.load import Dataset
from ..inputs.records import ConsultationRule, Exemplar
from ..urls import URLS, Urls
from ..utils import cache
from .consultation import (
    TZ,
    FeedbackState,
    Status,
    Window,
    feedback_state,
    group_lists,
    rule_for,
    rule_for_level,
    status,
    window,
)
from .images import Media
from .statistics import Statistics
from .versions import Row, Version, describe_changes, numbered, versions

# The exemplar groupings, in the order the list pages offer them.
FACET_KINDS: tuple[str, ...] = ("campaign", "province", "field", "year", "priority")


@dataclass(frozen=True)
class Facet:
    """One group of exemplars (a campaign, a province, a field, a year, a priority group)."""

    kind: str
    key: str
    label: str
    title: str
    url: str


def _name_key(exemplar: Exemplar) -> tuple[object, ...]:
    # Alphabetical, the Vietnamese way: people by given name (the last word), others by name.
    if exemplar.recipient_kind == "cá nhân":
        return vn.name_key(exemplar.name)
    return (vn.sort_key(exemplar.name), vn.sort_key(exemplar.name))


class SiteModel:
    """Records plus what follows from them at one moment."""

    def __init__(
        self,
        data: Dataset,
        now: datetime,
        histories: Mapping[str, Sequence[bytes]] | None = None,
        urls: Urls = URLS,
    ) -> None:
        """histories: committed contents of each amended list's file, oldest first (see versions.py)."""
        self.data = data
        self.urls = urls
        self.now = now.astimezone(TZ)
        self.today: date = self.now.date()
        settings = data.settings
        # The path of the site under its host ("/" or "/thi-dua/"), for links outside relative pages.
        self.base_path = urlsplit(settings.url).path
        self.closing_soon = settings.consultation.closing_soon_working_days

        # Consultations: state, window and fingerprint of every list; lists grouped by state.
        lists = data.nominations
        self.statuses: dict[str, Status] = {
            lid: status(item, self.now, data.holidays, self.closing_soon) for lid, item in lists.items()
        }
        self.windows: dict[str, Window] = {
            lid: window(item, data.holidays, self.closing_soon) for lid, item in lists.items()
        }
        # The rule of law each list follows (in force on its opening day), and the general rule of
        # state-level awards today, which the section page states (data/rules.yml).
        self.rules: dict[str, ConsultationRule | None] = {
            lid: rule_for(item, data.awards, data.rules) for lid, item in lists.items()
        }
        self.state_rule: ConsultationRule | None = rule_for_level(data.rules, self.today, "nhà nước")
        self.feedback: dict[str, FeedbackState | None] = {
            lid: feedback_state(item, self.today) for lid, item in lists.items()
        }
        # One numbering of each list's nominees; every version of it, and what each amendment changed.
        self.rows: dict[str, list[Row]] = {lid: numbered(item) for lid, item in lists.items()}
        self.versions: dict[str, list[Version | None]] = {
            lid: versions(lid, item, (histories or {}).get(lid)) for lid, item in lists.items()
        }
        self.fingerprints: dict[str, str] = {lid: self.current_version(lid).sha256 for lid in lists}
        self.changes: dict[str, list[list[str] | None]] = {
            lid: [
                describe_changes(before.record, after.record)[0] if before and after else None
                for before, after in itertools.pairwise(found)
            ]
            for lid, found in self.versions.items()
        }
        self.lists_by_state: dict[str, list[str]] = group_lists(self.statuses, lists)
        self.lists_by_campaign: dict[str, list[str]] = defaultdict(list)
        for lid in sorted(lists):
            list_campaign = lists[lid].campaign
            if list_campaign:
                self.lists_by_campaign[list_campaign].append(lid)

        # Images as served: web copies of photos and their share crops, SVG as it is.
        self.media = Media(data.data_dir, (image.src for e in data.exemplars.values() for image in e.images), urls)

        # Exemplars: newest first, by name, and grouped.
        ordered = sorted(data.exemplars.items(), key=lambda item: (item[1].published, item[0]), reverse=True)
        self.exemplar_order: list[str] = [eid for eid, _ in ordered]
        self.exemplars_by_name: list[str] = sorted(self.exemplar_order, key=lambda eid: _name_key(data.exemplars[eid]))
        self.facets: dict[str, list[tuple[Facet, list[str]]]] = self._facets()
        self.facet_members: dict[str, dict[str, list[str]]] = {
            kind: {facet.key: ids for facet, ids in pairs} for kind, pairs in self.facets.items()
        }

        # Campaigns: the tree and those running today.
        campaigns = data.campaigns
        self.children: dict[str, list[str]] = defaultdict(list)
        for cid, campaign in sorted(campaigns.items(), key=lambda item: vn.sort_key(item[1].title)):
            if campaign.parent:
                self.children[campaign.parent].append(cid)
        self.campaign_roots: list[str] = sorted(
            (cid for cid, c in campaigns.items() if c.parent is None or c.parent not in campaigns),
            key=lambda cid: vn.sort_key(campaigns[cid].title),
        )
        self.active_campaigns: list[str] = sorted(
            (
                cid
                for cid, c in campaigns.items()
                if c.period.start <= self.today and (c.period.end is None or c.period.end >= self.today)
            ),
            key=lambda cid: (campaigns[cid].period.start, cid),
            reverse=True,
        )

        by_kind: dict[str, int] = defaultdict(int)
        by_priority: dict[str, int] = defaultdict(int)
        for exemplar in data.exemplars.values():
            by_kind[exemplar.recipient_kind] += 1
            for group in exemplar.priority_groups:
                by_priority[group] += 1
        # The figures of the "Thống kê" page and of each campaign and province page (statistics.py).
        self.statistics = Statistics(data, self.lists_by_campaign)

        self._exemplar_fingerprints: dict[str, str] = {}
        self._list_fingerprints: dict[str, str] = {}
        self.counts = {
            "exemplars": len(data.exemplars),
            "campaigns": len(campaigns),
            "nominations": len(lists),
            "by_kind": dict(by_kind),
            "by_priority": dict(by_priority),
        }

    # -- what pages are made from, for the build cache of rendered pages (render.Renderer.memo)

    @functools.cached_property
    def tables_fingerprint(self) -> str:
        """What the pages of exemplars read besides the exemplars: the settings and the tables
        of campaigns, provinces and awards (a campaign's title, a province's name)."""
        data = self.data
        parts = [data.settings.model_dump_json()]
        for table in (data.campaigns, data.provinces, data.awards):
            for key in sorted(table):
                parts += [key, table[key].model_dump_json()]
        return cache.key(*parts)

    def record_fingerprint(self, folder: str, record_id: str) -> str:
        """A record of data/<folder>/: its id and its file's SHA-256 (a record is made from its
        file alone); its fields where it was not read from a file."""
        source = self.data.sources.get(f"{folder}/{record_id}")
        if source is not None and source.digest:
            return cache.key(folder, record_id, source.digest)
        return cache.key(folder, record_id, self.data.by_kind[folder][record_id].model_dump_json())

    def exemplar_fingerprint(self, eid: str) -> str:
        """An exemplar as its page, its cards and its feed item show it: its file and its images
        as served (the files' digests, the web copies' paths and sizes)."""
        found = self._exemplar_fingerprints.get(eid)
        if found is None:
            exemplar = self.data.exemplars[eid]
            served = [
                (self.media.plans[image.src].digest, self.media.web(image.src), self.media.share_photo(image.src))
                for image in exemplar.images
            ]
            found = cache.key(self.record_fingerprint("exemplars", eid), cache.fingerprint(served) if served else "")
            self._exemplar_fingerprints[eid] = found
        return found

    def list_fingerprint(self, lid: str) -> str:
        """A nominee list as its pages and files show it today: its file; its state, window,
        rule of law and feedback stage, which follow the clock, the holidays and data/rules.yml;
        and each of its versions (from git history) with what each amendment changed."""
        found = self._list_fingerprints.get(lid)
        if found is None:
            rule = self.rules[lid]
            versions = [
                None if v is None else [v.number, v.date, v.sha256, v.amendment and v.amendment.model_dump_json()]
                for v in self.versions[lid]
            ]
            today = [self.statuses[lid], self.windows[lid], self.feedback[lid], versions, self.changes[lid]]
            found = cache.key(
                self.record_fingerprint("nominations", lid),
                cache.fingerprint(today),
                rule.model_dump_json() if rule else "-",
            )
            self._list_fingerprints[lid] = found
        return found

    def current_version(self, lid: str) -> Version:
        current = self.versions[lid][-1]
        assert current is not None  # the working tree's version is always known
        return current

    def _facets(self) -> dict[str, list[tuple[Facet, list[str]]]]:
        """Exemplar groupings: facet kind -> [(facet, exemplar ids newest first)], in display order."""
        groups: dict[str, dict[str, list[str]]] = {kind: defaultdict(list) for kind in FACET_KINDS}
        exemplars = self.data.exemplars
        for eid in self.exemplar_order:
            exemplar = exemplars[eid]
            for cid in dict.fromkeys(exemplar.campaigns):
                groups["campaign"][cid].append(eid)
            groups["province"][exemplar.locality.province].append(eid)
            groups["field"][exemplar.field].append(eid)
            groups["year"][str(exemplar.published.year)].append(eid)
            for priority in exemplar.priority_groups:
                groups["priority"][priority].append(eid)
        out: dict[str, list[tuple[Facet, list[str]]]] = {}
        for kind, members in groups.items():
            pairs = [(self._facet(kind, key), ids) for key, ids in members.items()]
            if kind == "year":
                pairs.sort(key=lambda pair: pair[0].key, reverse=True)
            else:
                pairs.sort(key=lambda pair: vn.sort_key(pair[0].label))
            out[kind] = pairs
        return out

    def _facet(self, kind: str, key: str) -> Facet:
        url = self.urls.facet(kind, key)
        if kind == "campaign":
            title = self.data.campaigns[key].title
            return Facet(kind, key, title, f"Gương điển hình: {title}", url)
        if kind == "province":
            p = self.data.provinces[key]
            return Facet(kind, key, p.name, f"Gương điển hình tại {p.kind} {p.name}", url)
        if kind == "field":
            return Facet(kind, key, key, f"Gương điển hình lĩnh vực {key}", url)
        if kind == "year":
            return Facet(kind, key, key, f"Gương điển hình đăng năm {key}", url)
        return Facet(kind, key, key, f"Gương điển hình: {key}", url)
