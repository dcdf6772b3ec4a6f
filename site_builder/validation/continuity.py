"""Addresses that last: a record's page stays reachable when its file is renamed or removed.

A renamed record lists the ids it had (`old_ids`); its old addresses then lead to its page. A
removed record is listed in data/withdrawn.yml; its address then says it was withdrawn, and
when. Here: the rules those two follow, and, against the revision that was published (--base),
that every record address published there still answers. The pages themselves are made by
old_urls.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..inputs.load import Dataset, Key, SourceMap
from ..inputs.records import KIND_MODELS, RESERVED_PREFIXES
from ..model.consultation import opens_at
from ..problems import Problem
from .history import Baseline

# What each kind's records are called in a message.
LABELS = {
    "campaigns": "phong trào",
    "exemplars": "gương điển hình",
    "nominations": "danh sách lấy ý kiến",
}


def old_ids(data: Dataset) -> dict[str, dict[str, str]]:
    """Per record folder: each old id and the record now claiming it (the first, if two do)."""
    out: dict[str, dict[str, str]] = {}
    for folder in KIND_MODELS:
        claimed: dict[str, str] = {}
        for rid, record in data.by_kind.get(folder, {}).items():
            for old in record.old_ids:
                claimed.setdefault(old, rid)
        out[folder] = claimed
    return out


def withdrawn_source(data: Dataset) -> SourceMap:
    return data.sources.get("withdrawn") or SourceMap(f"{data.data_dir.name}/withdrawn.yml")


def _exists(data: Dataset, folder: str, rid: str) -> bool:
    """A record is there, loaded or not (a broken file's own errors speak for it)."""
    return rid in data.by_kind.get(folder, {}) or f"{folder}/{rid}" in data.failed


def check_addresses(data: Dataset) -> Iterable[Problem]:
    """An old id is nobody's current id, claimed once, never withdrawn; a withdrawn record is gone."""
    claims = old_ids(data)
    for folder in KIND_MODELS:
        first: dict[str, tuple[str, int]] = {}
        for rid, record in data.by_kind.get(folder, {}).items():
            smap = data.source(folder, rid)
            for index, old in enumerate(record.old_ids):
                loc: Key = ("old_ids", index)
                if old == rid:
                    yield smap.problem(
                        loc, f"'{old}' là mã hiện nay của hồ sơ này (tên tệp); old_ids chỉ ghi các mã trước khi đổi tên"
                    )
                elif _exists(data, folder, old):
                    yield smap.problem(
                        loc,
                        f"mã cũ '{old}' đang là mã của hồ sơ data/{folder}/{old}.yml; một địa chỉ chỉ dẫn đến một "
                        "hồ sơ — bỏ mã này khỏi old_ids, hoặc đổi tên tệp kia",
                    )
                elif old.startswith(RESERVED_PREFIXES):
                    yield smap.problem(
                        loc, f"'{old}' không thể là mã cũ: tên tệp không bắt đầu bằng 'theo-' hay 'trang-'"
                    )
                elif old in first:
                    owner, at = first[old]
                    where = (
                        f"ở dòng {smap.locate(('old_ids', at))[0]} của tệp này"
                        if owner == rid
                        else f"trong old_ids của data/{folder}/{owner}.yml"
                    )
                    yield smap.problem(
                        loc, f"mã cũ '{old}' đã ghi {where}; mỗi mã cũ chỉ dẫn đến một hồ sơ — bỏ một trong hai"
                    )
                else:
                    first[old] = (rid, index)
    smap = withdrawn_source(data)
    listed: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(data.withdrawn):
        entry_at: Key = ("withdrawn", index, "id")
        folder, rid = entry.kind, entry.id
        if _exists(data, folder, rid):
            yield smap.problem(
                entry_at,
                f"hồ sơ data/{folder}/{rid}.yml vẫn còn; muốn gỡ thì xóa tệp đó, muốn giữ thì bỏ mục này khỏi "
                "data/withdrawn.yml",
            )
        elif rid in claims[folder]:
            yield smap.problem(
                entry_at,
                f"'{rid}' là mã cũ của data/{folder}/{claims[folder][rid]}.yml (old_ids), địa chỉ đó chuyển về hồ sơ "
                "này; bỏ mục này, hoặc bỏ mã khỏi old_ids nếu hồ sơ cũ thật sự đã gỡ",
            )
        elif rid.startswith(RESERVED_PREFIXES):
            yield smap.problem(
                entry_at, f"'{rid}' không thể là mã hồ sơ: tên tệp không bắt đầu bằng 'theo-' hay 'trang-'"
            )
        elif (folder, rid) in listed:
            line = smap.locate(("withdrawn", listed[(folder, rid)], "id"))[0]
            yield smap.problem(entry_at, f"'{rid}' ({folder}) đã ghi ở dòng {line}; mỗi hồ sơ chỉ ghi một lần")
        else:
            listed[(folder, rid)] = index


def compare_addresses(data: Dataset, baseline: Baseline, now: datetime) -> list[Problem]:
    """Every record address published at the base still answers: with the record, a redirect
    from an old id, or a withdrawal notice.

    Nominee lists whose window had opened there keep their stricter rule (history.compare):
    neither renamed nor removed.
    """
    problems: list[Problem] = []
    short = baseline.commit[:10]
    claims = old_ids(data)
    withdrawn = {(entry.kind, entry.id) for entry in data.withdrawn}

    def answers(folder: str, rid: str) -> bool:
        return _exists(data, folder, rid) or rid in claims[folder] or (folder, rid) in withdrawn

    def remedy(folder: str, rid: str) -> str:
        return (
            f"nếu đã đổi tên tệp, ghi '{rid}' vào old_ids của hồ sơ mới; nếu gỡ hồ sơ, thêm vào data/withdrawn.yml "
            f"một mục: kind: {folder}, id: {rid}, date (ngày gỡ) và reason (lý do)"
        )

    # Their file must come back (history.compare says so): what they claimed comes back with it.
    opened = {("nominations", lid) for lid, item in baseline.lists.items() if now >= opens_at(item)}
    for folder in KIND_MODELS:
        label = LABELS[folder]
        for rid in sorted(baseline.records.get(folder, ())):
            if (folder, rid) in opened or answers(folder, rid):
                continue
            problems.append(
                Problem(
                    f"{data.data_dir.name}/{folder}/{rid}.yml",
                    1,
                    1,
                    "(tệp)",
                    f"{label} '{rid}' đã đăng (theo bản {short}) nhưng tệp data/{folder}/{rid}.yml không còn, địa chỉ "
                    f"trang sẽ báo không tìm thấy; {remedy(folder, rid)}",
                )
            )
        for old, owner in sorted(baseline.moved.get(folder, {}).items()):
            restored = (folder, owner) in opened and not _exists(data, folder, owner)
            if answers(folder, old) or f"{folder}/{owner}" in data.failed or restored:
                continue
            message = (
                f"'{old}' là mã cũ của {label} '{owner}' (old_ids, theo bản {short}), địa chỉ cũ đó đang chuyển về "
                f"trang mới nhưng mã này không còn được ghi; {remedy(folder, old)}"
            )
            if owner in data.by_kind.get(folder, {}):
                problems.append(data.source(folder, owner).problem(("old_ids",), message, key=True))
            else:
                problems.append(Problem(f"{data.data_dir.name}/{folder}/{owner}.yml", 1, 1, "old_ids", message))
    for folder, rid in sorted(baseline.withdrawn):
        if answers(folder, rid):
            continue
        problems.append(
            withdrawn_source(data).problem(
                ("withdrawn",),
                f"{LABELS[folder]} '{rid}' đã ghi là đã gỡ (theo bản {short}) nhưng không còn trong data/withdrawn.yml; "
                "giữ mục đó để địa chỉ cũ vẫn báo hồ sơ đã gỡ",
                key=True,
            )
        )
    return problems
