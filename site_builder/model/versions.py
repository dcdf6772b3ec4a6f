"""Versions of a nominee list, and the one numbering of its nominees.

Version 1 is the list as it opened for comment; each amendment makes the next version. Every
version is published as a JSON file at a permanent URL, and the fingerprint a page shows is the
SHA-256 of that file's bytes, so a reader checks it with `sha256sum` (or `Get-FileHash` on
Windows). Earlier versions come from git history (validation.history.read_history, once per build), which the build
reads and hands over as bytes: nothing here reads a file.

One numbering: nominees are numbered 1..N through the whole list, in the proposing body's
order, and each award group is labelled I, II, III... The page, the printed notice, the CSV,
the JSON files, the feeds and the search results all use these numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..inputs.load import decode_text, read_yaml_text, validate_model
from ..inputs.records import Amendment, Nominee, NomineeList
from ..utils.jsondoc import pretty
from .fingerprint import published_content

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


@dataclass(frozen=True)
class Row:
    """One nominee in its place: the number and group label it carries everywhere."""

    number: int
    group: int
    group_label: str
    award: str
    nominee: Nominee


def numbered(item: NomineeList) -> list[Row]:
    rows: list[Row] = []
    for index, group in enumerate(item.groups):
        for nominee in group.nominees:
            rows.append(Row(len(rows) + 1, index, roman(index + 1), group.award, nominee))
    return rows


@dataclass(frozen=True)
class Version:
    number: int
    date: date  # the day the list opened, or the amendment's date
    amendment: Amendment | None
    record: NomineeList
    document: bytes  # the file published at /lay-y-kien/<id>/phien-ban/<number>.json
    sha256: str


def document(lid: str, number: int, day: date, amendment: Amendment | None, record: NomineeList) -> bytes:
    """A version as published: the list's own data only (award ids, not names from the catalogue),
    so that its bytes, and its fingerprint, never change after publication."""
    groups: list[dict[str, Any]] = []
    for row in numbered(record):
        if row.group == len(groups):
            groups.append({"label": row.group_label, "award": row.award, "nominees": []})
        groups[row.group]["nominees"].append({"number": row.number, **row.nominee.model_dump(mode="json")})
    content = {
        "list": lid,
        "version": number,
        "date": day.isoformat(),
        "amendment": amendment.model_dump(mode="json") if amendment else None,
        "title": record.title,
        "proposing_body": record.proposing_body,
        "proposing_document": record.proposing_document.model_dump(mode="json"),
        "consultation": {
            "opens": record.consultation.opens.isoformat(),
            "closes": record.consultation.closes.isoformat(),
        },
        "groups": groups,
    }
    return pretty(content)


def _parse(lid: str, raw: bytes) -> NomineeList | None:
    try:
        data, smap, problems = read_yaml_text(decode_text(raw), f"{lid}.yml")
    except UnicodeDecodeError:
        return None
    if data is None or problems:
        return None
    record, _ = validate_model(NomineeList, data, smap)
    return record


def versions(lid: str, current: NomineeList, history: Sequence[bytes] | None = None) -> list[Version | None]:
    """Every version of a list, from 1; None where history does not hold it.

    The content of version k+1 is the last committed state with exactly k amendments (the same
    ones as today): once a list is open, the data gate lets it change only with a new amendment,
    so that state is what the public saw. The last version is the working tree's.
    """
    amendments = current.amendments
    states: dict[int, NomineeList] = {}
    if amendments:
        for raw in history or ():
            record = _parse(lid, raw)
            if record is None:
                continue
            count = len(record.amendments)
            if count < len(amendments) and list(record.amendments) == list(amendments[:count]):
                states[count] = record  # oldest first: the last state with that count wins
    states[len(amendments)] = current
    out: list[Version | None] = []
    for count in range(len(amendments) + 1):
        record = states.get(count)
        if record is None:
            out.append(None)
            continue
        amendment = amendments[count - 1] if count else None
        day = amendment.date if amendment else current.consultation.opens
        body = document(lid, count + 1, day, amendment, record)
        out.append(Version(count + 1, day, amendment, record, body, hashlib.sha256(body).hexdigest()))
    return out


# A nominee's fields as a reader names them, in change logs and in editors' messages.
FIELD_LABELS = {
    "recipient_kind": "đối tượng",
    "honorific": "danh xưng",
    "name": "họ tên",
    "position": "chức vụ",
    "unit": "đơn vị",
    "locality": "địa phương",
    "achievement": "thành tích",
}


def _person(entry: dict[str, Any]) -> str:
    return f"'{entry['id']}' ({entry['name']})"


def _nominees(content: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {n["id"]: (group["award"], n) for group in content["groups"] for n in group["nominees"]}


def describe_changes(before: NomineeList, after: NomineeList) -> tuple[list[str], tuple[str, str] | None]:
    """What changed in the published content, in Vietnamese; and the first nominee and field concerned."""
    old, new = published_content(before), published_content(after)
    changes: list[str] = []
    first: tuple[str, str] | None = None
    labels = {
        "title": "tiêu đề",
        "proposing_body": "cơ quan đề nghị",
        "proposing_document": "tờ trình",
        "consultation": "thời gian lấy ý kiến",
    }
    for key, label in labels.items():
        if old[key] != new[key]:
            changes.append(f"đổi {label}")
    old_people, new_people = _nominees(old), _nominees(new)
    for nid, (_, entry) in new_people.items():
        if nid not in old_people:
            changes.append(f"thêm {_person(entry)}")
            first = first or (nid, "id")
    for nid, (_, entry) in old_people.items():
        if nid not in new_people:
            changes.append(f"bỏ {_person(entry)}")
    for nid, (award, entry) in new_people.items():
        if nid not in old_people:
            continue
        old_award, old_entry = old_people[nid]
        if award != old_award:
            changes.append(f"chuyển {_person(entry)} từ '{old_award}' sang '{award}'")
            first = first or (nid, "id")
        fields = [name for name in sorted(set(entry) | set(old_entry)) if entry.get(name) != old_entry.get(name)]
        if fields:
            changes.append(f"sửa {', '.join(FIELD_LABELS.get(name, name) for name in fields)} của {_person(entry)}")
            first = first or (nid, fields[0])
    if not changes:
        changes.append("đổi thứ tự người, tập thể trong danh sách")
    return changes, first
