"""An open list never changes without a public amendment: checked against git history.

What the public was shown is what git holds at a base revision (a pull request's base, or the
previous commit on main). Nothing here is written by anyone: no file in data/ can be edited to
make a change pass, and an editor never has to run a build to record anything.
"""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from ..inputs.load import Dataset, SourceMap, decode_text, read_yaml_text, validate_model
from ..inputs.records import KIND_MODELS, RESERVED_PREFIXES, NomineeList, WithdrawnList, is_record_id
from ..model.consultation import opens_at
from ..model.fingerprint import published_content
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
    return Baseline(ref, commit, lists, files, records, moved, withdrawn)


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
    """Every list published at the base (its window opened by now) against the working tree."""
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
        for index, amendment in enumerate(before.amendments):
            if index >= len(after.amendments):
                problems.append(
                    smap.problem(
                        ("amendments",) if after.amendments else (),
                        f"đính chính thứ {index + 1} (ngày {amendment.date.isoformat()}) đã công bố nhưng bị xóa; "
                        "đính chính đã công bố chỉ được giữ nguyên, muốn sửa thì thêm một đính chính mới",
                    )
                )
                break
            if after.amendments[index] != amendment:
                edited = next(
                    name
                    for name in type(amendment).model_fields
                    if getattr(amendment, name) != getattr(after.amendments[index], name)
                )
                problems.append(
                    smap.problem(
                        ("amendments", index, edited),
                        f"đính chính thứ {index + 1} (ngày {amendment.date.isoformat()}) đã công bố nhưng bị sửa; "
                        "trả lại nội dung cũ, muốn sửa thì thêm một đính chính mới",
                    )
                )
        if current_content[lid] == published_content(before) or len(after.amendments) > len(before.amendments):
            continue
        changes, first = describe_changes(before, after)
        named = "; ".join(changes[:MAX_NAMED_CHANGES])
        if len(changes) > MAX_NAMED_CHANGES:
            named += f"; và {len(changes) - MAX_NAMED_CHANGES} thay đổi khác"
        problems.append(
            smap.problem(
                _locate_nominee(after, first),
                f"danh sách đã công khai lấy ý kiến từ {opened} nhưng đã thay đổi so với bản đã công bố "
                f"({short}): {named}; mà không có đính chính mới. Thêm một mục vào amendments (date, change, "
                "reason) nói rõ thay đổi và lý do, hoặc trả danh sách về như đã công bố",
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
