"""Nothing changes silently once a list is public.

Each nominee list's published content has a SHA-256 fingerprint, kept in
``data/fingerprints.yml`` and committed with the data. Once a consultation has opened,
a list whose fingerprint changed must carry a new amendment entry explaining the change.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from .consultation import opens_at
from .load import Dataset, SafeLoader
from .problems import Problem
from .records import NomineeList

FILE_NAME = "fingerprints.yml"


def published_content(nominee_list: NomineeList) -> dict[str, Any]:
    """What the public was shown: the proposal, its window and every nominee entry."""
    return {
        "title": nominee_list.title,
        "proposing_body": nominee_list.proposing_body,
        "proposing_document": nominee_list.proposing_document.model_dump(mode="json"),
        "consultation": {
            "opens": nominee_list.consultation.opens.isoformat(),
            "closes": nominee_list.consultation.closes.isoformat(),
        },
        "groups": [group.model_dump(mode="json") for group in nominee_list.groups],
    }


def fingerprint(nominee_list: NomineeList) -> str:
    canonical = json.dumps(published_content(nominee_list), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    sha256: str
    amendments: int


def read_store(path: Path) -> tuple[dict[str, Entry], list[Problem]]:
    display = f"{path.parent.name}/{path.name}"
    if not path.exists():
        return {}, []
    try:
        raw = (
            yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
        )  # libyaml: 500 lists in 0.1 s, not 0.6
        lists = raw.get("lists") or {}
        return {
            str(lid): Entry(str(item["sha256"]), int(item["amendments"])) for lid, item in sorted(lists.items())
        }, []
    except (yaml.YAMLError, AttributeError, KeyError, TypeError, ValueError) as exc:
        return {}, [
            Problem(
                display,
                1,
                1,
                "(tệp)",
                f"không đọc được tệp dấu vân tay ({exc}); tệp này do site-builder ghi, đừng sửa tay — "
                "lấy lại bản cũ từ lịch sử git",
            )
        ]


@dataclass
class Review:
    """The outcome of comparing the lists with the recorded fingerprints."""

    problems: list[Problem]
    current: dict[str, Entry]
    recorded: dict[str, Entry]
    new: list[str]

    @property
    def changed(self) -> bool:
        return self.current != self.recorded


def review(data: Dataset, now: datetime) -> Review:
    path = data.data_dir / FILE_NAME
    recorded, problems = read_store(path)
    current: dict[str, Entry] = dict(recorded)
    new: list[str] = []
    for lid, nominee_list in sorted(data.nominations.items()):
        entry = Entry(fingerprint(nominee_list), len(nominee_list.amendments))
        before = recorded.get(lid)
        opened = now >= opens_at(nominee_list)
        if before is None:
            current[lid] = entry
            new.append(lid)
            continue
        if entry.sha256 == before.sha256:
            current[lid] = Entry(before.sha256, entry.amendments)
            continue
        if not opened or entry.amendments > before.amendments:
            current[lid] = entry
            continue
        smap = data.source("nominations", lid)
        problems.append(
            smap.problem(
                ("groups",),
                f"danh sách đã công khai lấy ý kiến từ {nominee_list.consultation.opens.isoformat()} nhưng nội dung "
                f"đã đổi (dấu vân tay {before.sha256[:12]}… thành {entry.sha256[:12]}…) mà không có đính chính mới; "
                "thêm một mục vào amendments (date, change, reason) nói rõ thay đổi và lý do, "
                "hoặc trả danh sách về như đã công bố",
            )
        )
    for lid in recorded:
        if lid not in data.nominations and f"nominations/{lid}" not in data.failed:
            problems.append(
                Problem(
                    f"{data.data_dir.name}/{FILE_NAME}",
                    1,
                    1,
                    f"lists.{lid}",
                    f"danh sách '{lid}' đã được công bố nhưng không còn tệp data/nominations/{lid}.yml; "
                    "danh sách đã công khai phải giữ nguyên địa chỉ — khôi phục tệp",
                )
            )
    return Review(problems, current, recorded, new)


def dump_store(entries: dict[str, Entry]) -> str:
    header = (
        "# Dấu vân tay SHA-256 của từng danh sách lấy ý kiến như đã công bố, do site-builder ghi.\n"
        "# Đừng sửa tay. Commit tệp này cùng dữ liệu: sau khi mở lấy ý kiến, danh sách chỉ được\n"
        "# thay đổi kèm một mục đính chính (amendments) mới.\n"
    )
    body = {"lists": {lid: {"sha256": e.sha256, "amendments": e.amendments} for lid, e in sorted(entries.items())}}
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=True)


def write_store(path: Path, entries: dict[str, Entry]) -> None:
    """Replace the store in one rename so an interrupted build never leaves half a file."""
    handle, temp = tempfile.mkstemp(prefix=".fingerprints-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(dump_store(entries))
    os.replace(temp, path)
