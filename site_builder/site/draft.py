"""A record's page rendered from a draft the web editor holds, as the build would render it.

The web editor's preview pane (issue 38) sends the record as the form holds it (what a save would
write as YAML), its file name and the reader's clock. The draft goes the build's own way: it is
written as YAML and read back by the loader (guard, YAML, NFC, the record type), then put in the
data folder as loaded in place of the file of that name, the rules across records run on it, and
the site model and the record kind's own page (`Kind.record_page`) render it with the build's
templates. Nothing of a page is rendered here: what the pane shows is what the build publishes.

The data folder is loaded once and again only when one of its files changes (a deploy, a merge);
each draft then costs its own validation, a site model and one page.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from ..inputs.load import Dataset, load_dataset, read_record, read_yaml_text
from ..inputs.records import KIND_MODELS, RESERVED_PREFIXES, is_record_id
from ..kinds import KINDS
from ..model.site_model import SiteModel
from ..problems import Problem
from ..validation.continuity import check_addresses
from ..validation.history import History, read_history
from ..validation.validate import validate
from .site import Site

# The record kinds the editor previews: one page each (withdrawn records have none).
PREVIEWED = ("campaigns", "exemplars", "nominations")


@dataclass(frozen=True)
class Preview:
    """What the pane shows: the page as the build renders it, or the problems that stop it."""

    url: str  # the page's address in the site ("lay-y-kien/<id>/")
    title: str
    body: str  # the page's HTML, escaped by the templates; "" when problems stop it
    problems: tuple[Problem, ...] = ()


def narrow(data: Dataset, kind: str, record_id: str) -> Dataset:
    """The part of the data a record's page shows and its rules read: every reference table and
    campaign, and of the other records only those on the page. A list's page shows no other record,
    an exemplar's page names its campaigns (kinds/exemplars.py), a campaign's page shows its
    exemplars and lists and their figures. At 10,000 exemplars the whole data folder's rules and
    site model took 6.6 s a draft; tests/editor/test_preview_service.py compares every sample
    record's preview with its page in the whole build."""
    if kind == "campaigns":
        exemplars = {eid: e for eid, e in data.exemplars.items() if record_id in e.campaigns}
        lists = {lid: n for lid, n in data.nominations.items() if n.campaign == record_id}
    else:
        exemplars = {record_id: data.exemplars[record_id]} if kind == "exemplars" else {}
        lists = {record_id: data.nominations[record_id]} if kind == "nominations" else {}
    by_kind = {**data.by_kind, "exemplars": exemplars, "nominations": lists}
    return replace(data, exemplars=exemplars, nominations=lists, by_kind=by_kind)


class DraftError(Exception):
    """Not the draft's fault: the data folder on the server does not load (a Vietnamese message)."""


def _signature(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file of the data folder with its time and size: a change anywhere reloads it."""
    found: list[tuple[str, int, int]] = []
    for folder, folders, files in os.walk(data_dir):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


@dataclass(frozen=True)
class _Loaded:
    signature: tuple[tuple[str, int, int], ...]
    data: Dataset
    history: History


class Drafts:
    """The data folder as loaded, and each draft rendered against it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._loaded: _Loaded | None = None
        self._lock = threading.Lock()

    def dataset(self) -> tuple[Dataset, History]:
        """The data folder as loaded; loaded again when a file in it changed."""
        with self._lock:
            signature = _signature(self.data_dir)
            if self._loaded is None or self._loaded.signature != signature:
                data, problems = load_dataset(self.data_dir)
                errors = [problem for problem in problems if problem.severity == "error"]
                if data is None:
                    first = f": {errors[0]}" if errors else ""
                    raise DraftError(f"dữ liệu trên máy chủ ({self.data_dir}) không đọc được{first}")
                self._loaded = _Loaded(signature, data, read_history(self.data_dir, None, revisions=True))
            return self._loaded.data, self._loaded.history

    def render(self, kind: str, record_id: str, record: Any, now: datetime) -> Preview:
        """The page of `record` (the form's fields) saved as data/<kind>/<record_id>.yml, at `now`."""
        if kind not in PREVIEWED:
            raise ValueError(kind)
        data, history = self.dataset()
        site_kind = next(k for k in KINDS if k.folder == kind)
        display = f"{data.data_dir.name}/{kind}/{record_id}.yml"
        if not is_record_id(record_id) or record_id.startswith(RESERVED_PREFIXES):
            problem = Problem(
                display,
                1,
                1,
                "(tên tệp)",
                f"tên tệp '{record_id}.yml' không dùng được làm địa chỉ trang; đặt tên bằng chữ thường không dấu, "
                "chữ số và dấu gạch ngang (không bắt đầu bằng 'theo-' hay 'trang-')",
            )
            return Preview("", "", "", (problem,))
        # What a save writes, read back as the build reads the file.
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        parsed, smap, problems = read_yaml_text(text, display)
        loaded, ok = None, False
        if parsed is not None:
            # A record with field errors is salvaged, as the build does, so that the rules across
            # records still say what else is wrong; it is not rendered.
            loaded, ok, found = read_record(KIND_MODELS[kind], parsed, smap)
            problems = [*problems, *found]
        if loaded is None:
            return Preview("", "", "", tuple(sorted(p for p in problems if p.severity == "error")))
        records = {**data.by_kind[kind], record_id: loaded}
        changes: dict[str, Any] = {
            kind: records,  # Dataset's fields campaigns, exemplars, nominations: the folders' names
            "by_kind": {**data.by_kind, kind: records},
            "sources": {**data.sources, f"{kind}/{record_id}": smap},
        }
        draft = replace(data, **changes)
        shown = narrow(draft, kind, record_id)
        # The rules on what the page reads, and the addresses (old ids) across every record.
        across = {*validate(shown, now), *check_addresses(draft)}
        problems = [*problems, *(p for p in across if p.path == display)]
        errors = tuple(sorted(problem for problem in problems if problem.severity == "error"))
        if errors or not ok:
            return Preview("", "", "", errors)
        histories = {record_id: history.contents(f"{kind}/{record_id}.yml")} if kind == "nominations" else {}
        site = Site(SiteModel(shown, now, histories))
        page = site_kind.record_page(site.renderer, record_id)
        return Preview(page.url, page.title, page.body)
