"""An open list never changes without a public amendment: checked against git history.

What the public was shown is what git holds at a base revision (a pull request's base, or the
previous commit on main). Nothing here is written by anyone: no file in data/ can be edited to
make a change pass, and an editor never has to run a build to record anything.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from ..inputs.load import Dataset, Key, SourceMap, decode_text, load_dataset, read_yaml_text, validate_model
from ..inputs.records import (
    KIND_MODELS,
    RESERVED_PREFIXES,
    Amendment,
    Correction,
    NomineeList,
    WithdrawnList,
    is_record_id,
)
from ..model.consultation import opens_at
from ..model.fingerprint import SHOWN_LABELS, SHOWN_SOURCES, decided, published_content, shown
from ..model.versions import describe_changes
from ..problems import BuildError, Problem

# How many changes one message names before it says "and N more".
MAX_NAMED_CHANGES = 8


@dataclass(frozen=True)
class Baseline:
    """The nominee lists as they stood at a git revision, and every record address published there."""

    ref: str
    commit: str
    lists: dict[str, NomineeList]
    # Files under data/ at the revision, by path relative to the data folder: for the job summary.
    files: dict[str, str]
    # Record ids per folder ("exemplars": {...}), whether their files loaded or not.
    records: dict[str, set[str]] = field(default_factory=dict)
    # Old ids per folder, each with the record that claimed it (old_ids).
    moved: dict[str, dict[str, str]] = field(default_factory=dict)
    # (folder, id) of the records listed in withdrawn.yml.
    withdrawn: set[tuple[str, str]] = field(default_factory=set)
    # What each list's page showed at the revision (fingerprint.shown, with the reference files
    # and settings of then), and a decided list's outcome; None if the data there did not load.
    shown: dict[str, dict[str, Any]] | None = None
    outcomes: dict[str, dict[str, Any] | None] = field(default_factory=dict)


def _git(top: Path, *args: str, stdin: bytes | None = None, allowed: tuple[int, ...] = (0,)) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(top), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise BuildError("không tìm thấy lệnh git; cài git để so sánh với bản đã công bố (--base)") from None
    if done.returncode not in allowed:
        raise BuildError(f"git {args[0]} không chạy được trong {top}: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def _repository(data_dir: Path) -> tuple[Path, PurePosixPath]:
    """The repository holding data_dir, and data_dir's path inside it."""
    try:
        done = subprocess.run(
            ["git", "-C", str(data_dir), "rev-parse", "--show-toplevel"], capture_output=True, check=False
        )
    except FileNotFoundError:
        raise BuildError("không tìm thấy lệnh git; cài git để so sánh với bản đã công bố (--base)") from None
    if done.returncode != 0:
        raise BuildError(f"thư mục {data_dir} không nằm trong một kho git; --base chỉ dùng được trong kho git")
    top = Path(done.stdout.decode("utf-8").strip()).resolve()
    return top, PurePosixPath(data_dir.resolve().relative_to(top).as_posix())


def _cat_file(top: Path, objects: list[str]) -> list[bytes | None]:
    """The contents of many blobs ("<commit>:<path>" or a blob id) through one 'git cat-file --batch'."""
    if not objects:
        return []
    out = _git(top, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in objects).encode("utf-8"))
    contents: list[bytes | None] = []
    position = 0
    for _ in objects:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) != 3 or header[1] != b"blob":
            contents.append(None)  # "<name> missing", or not a file
            continue
        size = int(header[2])
        contents.append(out[position : position + size])
        position += size + 1
    return contents


def _blobs(top: Path, commit: str, paths: list[str]) -> dict[str, bytes]:
    """Contents of many files at one commit (linear, one process)."""
    found = _cat_file(top, [f"{commit}:{path}" for path in paths])
    return {path: content for path, content in zip(paths, found, strict=True) if content is not None}


def read_baseline(data_dir: Path, ref: str) -> Baseline:
    """The lists at ref. Lists that did not load there were never shown, so they are left out."""
    return _baseline(*_repository(data_dir), ref)


def _baseline(top: Path, rel: PurePosixPath, ref: str) -> Baseline:
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except BuildError:
        raise BuildError(
            f"không tìm thấy phiên bản '{ref}' trong git; lấy đủ lịch sử (git fetch, hoặc fetch-depth: 0 "
            "trong GitHub Actions) rồi chạy lại"
        ) from None
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", f"{rel}/")
    files: dict[str, str] = {}
    wanted: list[str] = []
    records: dict[str, set[str]] = {folder: set() for folder in KIND_MODELS}
    for raw in listing.split(b"\0"):
        if not raw:
            continue
        path = PurePosixPath(raw.decode("utf-8", "replace"))
        inside = path.relative_to(rel).as_posix()
        files[inside] = path.as_posix()
        if path.parent.parent == rel and path.parent.name in KIND_MODELS and path.suffix in (".yml", ".yaml"):
            rid = unicodedata.normalize("NFC", path.stem)
            if is_record_id(rid) and not rid.startswith(RESERVED_PREFIXES):
                records[path.parent.name].add(rid)
        if path.parent.name == "nominations" and path.parent.parent == rel and path.suffix in (".yml", ".yaml"):
            wanted.append(path.as_posix())
    lists: dict[str, NomineeList] = {}
    for name, raw_bytes in _blobs(top, commit, wanted).items():
        lid = unicodedata.normalize("NFC", PurePosixPath(name).stem)
        if not is_record_id(lid):
            continue
        try:
            text = decode_text(raw_bytes)
        except UnicodeDecodeError:
            continue
        data, smap, problems = read_yaml_text(text, name)
        if data is None or problems:
            continue
        record, _ = validate_model(NomineeList, data, smap)
        if record is not None:
            lists[lid] = record
    moved, withdrawn = _addresses(top, rel, commit, files)
    shown_then = _shown_at(top, rel, commit, files)
    outcomes = {lid: decided(item) for lid, item in lists.items()}
    return Baseline(ref, commit, lists, files, records, moved, withdrawn, shown_then, outcomes)


# The files a list's page draws on besides the lists themselves (fingerprint.SHOWN_SOURCES).
_SHOWN_FROM = ("site.yml", "awards.yml", "provinces.yml", "holidays.yml", "rules.yml", "campaigns/", "nominations/")


def _shown_at(top: Path, rel: PurePosixPath, commit: str, files: dict[str, str]) -> dict[str, dict[str, Any]] | None:
    """What every list's page showed at commit: the data of then (without exemplars and images,
    which a list's page does not show) loaded as a build loads it, into a temporary folder."""
    wanted = sorted({f"{rel}/{name}" for name in _SHOWN_FROM if any(path.startswith(name) for path in files)})
    if not wanted:
        return None
    archive = _git(top, "archive", "--format=tar", commit, "--", *wanted)
    with tempfile.TemporaryDirectory(prefix="site-builder-base-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        data, _ = load_dataset(Path(folder) / rel)
        if data is None:
            return None
        return {lid: shown(item, data) for lid, item in data.nominations.items()}


def _read(name: str, raw: bytes) -> object:
    """A file's YAML as read at a revision; None if it did not read."""
    try:
        text = decode_text(raw)
    except UnicodeDecodeError:
        return None
    data, _, problems = read_yaml_text(text, name)
    return None if problems else data


def _addresses(
    top: Path, rel: PurePosixPath, commit: str, files: dict[str, str]
) -> tuple[dict[str, dict[str, str]], set[tuple[str, str]]]:
    """The old ids claimed and the records withdrawn at a revision.

    Only files that mention old_ids are read ('git grep' finds them among thousands at once);
    only the field itself is taken, so a record written for an older shape still counts.
    """
    folders = [f"{rel}/{folder}/" for folder in KIND_MODELS]
    found = _git(top, "grep", "-l", "-z", "-F", "-e", "old_ids", commit, "--", *folders, allowed=(0, 1))
    paths = [raw.decode("utf-8", "replace").split(":", 1)[1] for raw in found.split(b"\0") if raw]
    moved: dict[str, dict[str, str]] = {folder: {} for folder in KIND_MODELS}
    for name, raw in _blobs(top, commit, paths).items():
        path = PurePosixPath(name)
        data = _read(name, raw)
        if path.parent.name not in moved or not isinstance(data, dict):
            continue
        olds = data.get("old_ids")
        for old in olds if isinstance(olds, list) else []:
            if isinstance(old, str) and is_record_id(old):
                moved[path.parent.name].setdefault(old, unicodedata.normalize("NFC", path.stem))
    withdrawn: set[tuple[str, str]] = set()
    if "withdrawn.yml" in files:
        name = files["withdrawn.yml"]
        raw_list = _blobs(top, commit, [name]).get(name)
        data = _read(name, raw_list) if raw_list is not None else None
        if data is not None:
            listed, _ = validate_model(WithdrawnList, data, SourceMap(name))
            if listed is not None:
                withdrawn = {(entry.kind, entry.id) for entry in listed.withdrawn}
    return moved, withdrawn


def _locate_nominee(after: NomineeList, first: tuple[str, str] | None) -> tuple[str | int, ...]:
    for g, group in enumerate(after.groups):
        for n, nominee in enumerate(group.nominees):
            if first is not None and nominee.id == first[0]:
                return ("groups", g, "nominees", n, first[1])
    return ("groups",)


def compare(data: Dataset, baseline: Baseline, now: datetime) -> list[Problem]:
    """Every list published at the base (its window opened by now) against the working tree:
    what its page showed, from whichever file, changes only with a new amendment while it is
    open and only with a new correction once it is decided. A list new since the base must not
    have opened already (the public never had its whole window)."""
    problems: list[Problem] = []
    current_content = {lid: published_content(item) for lid, item in data.nominations.items()}
    short = baseline.commit[:10]
    for lid, before in sorted(baseline.lists.items()):
        if now < opens_at(before):
            continue  # not shown to the public yet: drafts change and move freely
        opened = before.consultation.opens.isoformat()
        after = data.nominations.get(lid)
        if after is None:
            if f"nominations/{lid}" in data.failed:
                continue  # the file is there but broken: its own errors say so
            content = published_content(before)
            renamed = [other for other, value in current_content.items() if value == content]
            where = f"đổi tên thành data/nominations/{renamed[0]}.yml" if renamed else "bị xóa"
            problems.append(
                Problem(
                    f"{data.data_dir.name}/nominations/{lid}.yml",
                    1,
                    1,
                    "(tệp)",
                    f"danh sách '{lid}' đã công khai lấy ý kiến từ {opened} (theo bản {short}) nhưng tệp đã {where}; "
                    "danh sách đã công khai phải giữ nguyên tên tệp và địa chỉ trang — khôi phục tệp "
                    f"data/nominations/{lid}.yml",
                )
            )
            continue
        smap = data.source("nominations", lid)
        problems.extend(_kept(smap, "amendments", "đính chính", before.amendments, after.amendments))
        problems.extend(_kept(smap, "corrections", "đính chính kết quả", before.corrections, after.corrections))
        problems.extend(_changed(data, baseline, lid, before, after, short))
    problems.extend(_opened_before_publication(data, baseline, now))
    return problems


def _kept(
    smap: SourceMap,
    key: str,
    label: str,
    before: Sequence[Amendment | Correction],
    after: Sequence[Amendment | Correction],
) -> list[Problem]:
    """Published entries stay as they were, and new ones come after them."""
    if list(after[: len(before)]) == list(before):
        return []
    if _subsequence(before, after):
        inserted = next(index for index, entry in enumerate(after) if index >= len(before) or entry != before[index])
        return [
            smap.problem(
                (key, inserted),
                f"{label} thứ {inserted + 1} (ngày {after[inserted].date.isoformat()}) được chèn vào trước "
                f"{label} đã công bố; {label} mới chỉ thêm vào cuối danh sách",
            )
        ]
    for index, entry in enumerate(before):
        if index >= len(after):
            return [
                smap.problem(
                    (key,) if after else (),
                    f"{label} thứ {index + 1} (ngày {entry.date.isoformat()}) đã công bố nhưng bị xóa; "
                    f"{label} đã công bố chỉ được giữ nguyên, muốn sửa thì thêm một {label} mới",
                )
            ]
        if after[index] != entry:
            edited = next(
                name for name in type(entry).model_fields if getattr(entry, name) != getattr(after[index], name)
            )
            return [
                smap.problem(
                    (key, index, edited),
                    f"{label} thứ {index + 1} (ngày {entry.date.isoformat()}) đã công bố nhưng bị sửa; "
                    f"trả lại nội dung cũ, muốn sửa thì thêm một {label} mới",
                )
            ]
    return []


def _subsequence(short: Sequence[object], long: Sequence[object]) -> bool:
    rest = iter(long)
    return all(any(entry == other for other in rest) for entry in short)


def _changed(
    data: Dataset, baseline: Baseline, lid: str, before: NomineeList, after: NomineeList, short: str
) -> list[Problem]:
    """What the page shows of the list, and a decided list's outcome, against the base."""
    smap = data.source("nominations", lid)
    compared = _Compared.of(data, baseline, lid, before, after)
    was_decided = bool(compared.then_settled)
    if not compared.changed and not compared.outcome_changed:
        return []
    described, found = _changes(data, baseline, lid, before, after)
    loc: Key = found if found is not None else ("outcome",) if after.outcome is not None else ("feedback",)
    named = "; ".join(described[:MAX_NAMED_CHANGES])
    if len(described) > MAX_NAMED_CHANGES:
        named += f"; và {len(described) - MAX_NAMED_CHANGES} thay đổi khác"
    if was_decided:
        if len(after.corrections) > len(before.corrections):
            return []
        decision = f"kết quả ({before.outcome.decision.label()})" if before.outcome else "kết quả tổng hợp ý kiến"
        return [
            smap.problem(
                loc,
                f"danh sách đã có {decision} nhưng đã thay đổi so với bản đã công bố ({short}): {named}; "
                "mà không có đính chính kết quả mới. Thêm một mục vào corrections (date, change, reason, document) "
                "nói rõ thay đổi và lý do, hoặc trả lại như đã công bố",
            )
        ]
    if len(after.amendments) > len(before.amendments):
        return []
    opened = before.consultation.opens.isoformat()
    return [
        smap.problem(
            loc,
            f"danh sách đã công khai lấy ý kiến từ {opened} nhưng đã thay đổi so với bản đã công bố "
            f"({short}): {named}; mà không có đính chính mới. Thêm một mục vào amendments (date, change, "
            "reason) nói rõ thay đổi và lý do, hoặc trả danh sách về như đã công bố",
        )
    ]


def _changes(
    data: Dataset, baseline: Baseline, lid: str, before: NomineeList, after: NomineeList
) -> tuple[list[str], Key | None]:
    """What the public sees change on a published list's page, in Vietnamese (none if nothing),
    and the place in the list's file of the first change."""
    c = _Compared.of(data, baseline, lid, before, after)
    described, found = _described(data, before, after, c.then, c.now_shown, c.changed) if c.changed else ([], None)
    if c.outcome_changed:
        if c.then_settled.get("outcome") != c.now_settled.get("outcome"):
            described.append("sửa kết quả khen thưởng (outcome)")
        if c.then_settled.get("feedback") != c.now_settled.get("feedback"):
            described.append("sửa kết quả tổng hợp ý kiến đã công bố (feedback)")
    return described, found


@dataclass(frozen=True)
class _Compared:
    """A published list's page at the base against this change's, as the gate and the
    reviewer's summary compare them."""

    then: dict[str, Any]
    now_shown: dict[str, Any]
    changed: list[str]
    then_settled: dict[str, Any]
    now_settled: dict[str, Any]
    outcome_changed: bool

    @classmethod
    def of(cls, data: Dataset, baseline: Baseline, lid: str, before: NomineeList, after: NomineeList) -> _Compared:
        then = baseline.shown.get(lid) if baseline.shown is not None else None
        now_shown = shown(after, data)
        if then is None:  # the data at the base did not load: compare the list's own proposal
            then, now_shown = published_content(before), published_content(after)
        changed = [key for key in now_shown if now_shown[key] != then.get(key)]
        # What was settled at the base (an outcome, published feedback) changes only with a
        # correction; what was not settled yet may be added (publishing feedback after a
        # decision is no change).
        then_settled, now_settled = baseline.outcomes.get(lid) or {}, decided(after) or {}
        outcome_changed = any(
            then_settled.get(key) is not None and then_settled.get(key) != now_settled.get(key)
            for key in ("outcome", "feedback")
        )
        return cls(then, now_shown, changed, then_settled, now_settled, outcome_changed)


@dataclass(frozen=True)
class PublicChange:
    """A list the public has seen, as this change will show it differently."""

    lid: str
    title: str
    changes: list[str]
    # The amendments and corrections this change adds: what the page will say about itself.
    notes: list[Amendment | Correction]


def public_changes(data: Dataset, baseline: Baseline, now: datetime) -> list[PublicChange]:
    """Every list published at the base (its window opened by now) whose page this change alters,
    with what changes in Vietnamese: the reviewer's view of a change (issue 38). Lists removed at
    the base's address are the gate's errors, not listed here."""
    found: list[PublicChange] = []
    for lid, before in sorted(baseline.lists.items()):
        after = data.nominations.get(lid)
        if after is None or now < opens_at(before):
            continue
        described, _ = _changes(data, baseline, lid, before, after)
        notes: list[Amendment | Correction] = [
            *after.amendments[len(before.amendments) :],
            *after.corrections[len(before.corrections) :],
        ]
        if described or notes:
            found.append(PublicChange(lid, after.title, described, notes))
    return found


# Where in the list's file each shown fact is written (or would be).
_SHOWN_AT: dict[str, Key] = {
    "title": ("title",),
    "summary": ("summary",),
    "proposing_body": ("proposing_body",),
    "proposing_document": ("proposing_document",),
    "legal_basis": ("legal_basis",),
    "short_window_reason": ("consultation", "short_window_reason"),
    "province": ("province",),
    "campaign": ("campaign",),
    "channels": ("channels",),
    "comment_requirements": ("comment_requirements",),
    "after_deadline": ("after_deadline",),
    "notice": ("notice",),
    "first_published": ("first_published",),
}
# The list's own proposal, which describe_changes names nominee by nominee.
_PROPOSAL = ("title", "proposing_body", "proposing_document", "consultation", "groups")


def _described(
    data: Dataset,
    before: NomineeList,
    after: NomineeList,
    then: dict[str, Any],
    now: dict[str, Any],
    changed: list[str],
) -> tuple[list[str], Key | None]:
    """Each change in Vietnamese, and the place in the list's file of the first one."""
    described: list[str] = []
    loc: Key | None = None
    if any(key in _PROPOSAL for key in changed):
        changes, first = describe_changes(before, after)
        described.extend(changes)
        if "consultation" in changed:
            end = "opens" if then["consultation"]["opens"] != now["consultation"]["opens"] else "closes"
            loc = ("consultation", end)
        elif "proposing_document" in changed:
            loc = ("proposing_document",)
        elif first is not None:
            loc = _locate_nominee(after, first)
        elif "title" in changed or "proposing_body" in changed:
            loc = ("title",) if "title" in changed else ("proposing_body",)
        else:
            loc = ("groups",)
    for key in changed:
        if key in _PROPOSAL:
            continue
        source = SHOWN_SOURCES.get(key)
        if key == "awards":
            for g, group in enumerate(after.groups):
                old, new = then["awards"].get(group.award), now["awards"].get(group.award)
                if old is not None and new is not None and old != new:
                    described.append(
                        f"tên hình thức khen thưởng '{group.award}' đổi từ '{old['name']}' thành '{new['name']}' "
                        f"(trong {source})"
                        if old["name"] != new["name"]
                        else f"thông tin hình thức khen thưởng '{group.award}' đổi trong {source}"
                    )
                    loc = loc or ("groups", g, "award")
            continue
        own = key in _SHOWN_AT and getattr(after, str(_SHOWN_AT[key][0]), None) is not None
        where = f" (trong {source})" if source and not own else ""
        described.append(f"đổi {SHOWN_LABELS[key]}{where}")
        if loc is None:
            loc = _SHOWN_AT.get(key, ()) if (own or key == "short_window_reason") else ()
    return described, loc


def _opened_before_publication(data: Dataset, baseline: Baseline, now: datetime) -> list[Problem]:
    """A list the published branch did not have, whose window has opened by now: the public never
    had its whole window, unless it was made public elsewhere first (first_published)."""
    problems: list[Problem] = []
    for lid, item in sorted(data.nominations.items()):
        if lid in baseline.lists or lid in baseline.records.get("nominations", set()) or now < opens_at(item):
            continue
        if item.first_published is not None or any(old in baseline.lists for old in item.old_ids):
            continue  # made public elsewhere first; or a renamed list, which has a message of its own
        opens, closes = item.consultation.opens.isoformat(), item.consultation.closes.isoformat()
        ended = now.date() > item.consultation.closes
        problems.append(
            data.source("nominations", lid).problem(
                ("consultation", "opens"),
                f"danh sách mới đưa lên trang hôm nay ({now.date().isoformat()}) nhưng thời gian lấy ý kiến "
                f"{'đã kết thúc' if ended else 'đã bắt đầu'} ({opens} đến {closes}): nhân dân không có đủ thời gian "
                "góp ý theo quy định. Đặt lại thời gian lấy ý kiến từ ngày đăng trở đi; nếu danh sách đã công khai "
                "ở nơi khác từ ngày mở, ghi first_published (date, where, url)",
            )
        )
    return problems


def changed_files(data_dir: Path, baseline: Baseline) -> list[tuple[str, str]]:
    """(status, path inside data/) for each file added (A), changed (M) or removed (D) since the base."""
    top, rel = _repository(data_dir)
    now_files = {path.relative_to(data_dir).as_posix() for path in data_dir.rglob("*") if path.is_file()}
    changed: list[tuple[str, str]] = []
    for inside in sorted(set(baseline.files) | now_files):
        if inside not in now_files:
            changed.append(("D", inside))
        elif inside not in baseline.files:
            changed.append(("A", inside))
    if baseline.files:
        # git compares the working tree with the base quickly through its index of file stats.
        names = _git(top, "diff", "--name-only", "-z", baseline.commit, "--", f"{rel}/")
        for raw in names.split(b"\0"):
            if raw:
                inside = PurePosixPath(raw.decode("utf-8", "replace")).relative_to(rel).as_posix()
                if inside in now_files and inside in baseline.files:
                    changed.append(("M", inside))
    return sorted(changed, key=lambda item: item[1])


@dataclass(frozen=True)
class Revision:
    """One committed content of a file: the commit, its committer date and the bytes."""

    commit: str
    date: datetime
    content: bytes


@dataclass(frozen=True)
class History:
    """What git holds of data/, read once per build and handed to validation and the versions.

    baseline: the lists and record addresses at --base (None without it). revisions: every
    committed content of each nominee list's file (paths relative to the data folder), oldest
    first; None when the data folder is not in a git repository (a build from a copy).
    """

    baseline: Baseline | None
    revisions: dict[str, list[Revision]] | None

    def contents(self, name: str) -> list[bytes]:
        """The committed contents of one file, oldest first (none outside git)."""
        return [revision.content for revision in (self.revisions or {}).get(name, [])]


def read_history(data_dir: Path, base: str | None, revisions: bool = True) -> History:
    """The baseline at base (if given) and, with revisions, every committed content of each
    nominee list's file: one 'git log' and one 'git cat-file --batch' whatever the number of files.

    A shallow clone gives only the history it has. Without base, a data folder outside git is
    no error: earlier versions of a list are then unknown.
    """
    if base is None and not revisions:
        return History(None, None)
    try:
        top, rel = _repository(data_dir)
    except BuildError:
        if base is not None:
            raise
        return History(None, None)
    baseline = _baseline(top, rel, base) if base is not None else None
    return History(baseline, _revisions(top, rel) if revisions else None)


def _revisions(top: Path, rel: PurePosixPath) -> dict[str, list[Revision]]:
    """Every committed content of each file in the nominee lists' folder, oldest first."""
    raw = _git(
        top, "log", "--reverse", "--no-renames", "--raw", "--no-abbrev", "--format=@%H %cI", "--", f"{rel}/nominations/"
    )
    changes: list[tuple[str, str, str, str]] = []
    commit = date = ""
    for line in raw.decode("utf-8", "replace").splitlines():
        if line.startswith("@"):
            commit, _, date = line[1:].partition(" ")
        elif line.startswith(":"):
            meta, _, path = line.partition("\t")
            blob = meta.split()[3]
            if set(blob) != {"0"}:  # a deletion has no content
                changes.append((commit, date, path, blob))
    ids = list(dict.fromkeys(blob for *_, blob in changes))
    blobs = dict(zip(ids, _cat_file(top, ids), strict=True))
    out: dict[str, list[Revision]] = {}
    for commit, date, path, blob in changes:
        content = blobs.get(blob)
        if content is not None:
            name = PurePosixPath(path).relative_to(rel).as_posix()
            out.setdefault(name, []).append(Revision(commit, datetime.fromisoformat(date), content))
    return out
