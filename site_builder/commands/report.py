"""How problems reach people: the terminal, GitHub annotations, a job summary, one line for failures."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from ..inputs.load import Dataset
from ..problems import Problem
from ..urls import URLS
from ..validation.history import PublicChange
from ..vietnamese import date_short

FORMATS = ("text", "github", "gitlab")

KIND_LABELS = {
    "campaigns": "Phong trào thi đua",
    "exemplars": "Gương điển hình",
    "nominations": "Danh sách lấy ý kiến",
}

_CHANGE_LABELS = {"A": "thêm", "M": "sửa", "D": "xóa"}


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: a message may not hold raw line breaks or '%'.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_path(problem: Problem, data_dir: Path) -> str:
    """The problem's file relative to the working folder (the repository root in CI).

    A data folder outside the working folder keeps the problem's own path ("data/exemplars/x.yml").
    """
    # Problem paths start with the data folder's own name.
    relative = Path(os.path.relpath(data_dir.parent / problem.path, Path.cwd())).as_posix()
    return problem.path if relative.startswith("../") else relative


def github_annotation(problem: Problem, data_dir: Path) -> str:
    """`::error file=…,line=…,col=…,title=…::message`: GitHub shows it on that line of the pull request."""
    command = "error" if problem.severity == "error" else "warning"
    props = ",".join(
        f"{key}={_escape_property(value)}"
        for key, value in (
            ("file", repository_path(problem, data_dir)),
            ("line", str(problem.line)),
            ("col", str(problem.column)),
            ("title", problem.field),
        )
    )
    return f"::{command} {props}::{_escape_data(problem.message)}"


def gitlab_report(problems: Sequence[Problem], data_dir: Path) -> str:
    """A GitLab Code Quality report (a JSON array): GitLab shows each problem on its line of the
    merge request. The fingerprint leaves out the line, so a problem that only moved is the same one."""
    items = []
    for problem in problems:
        path = repository_path(problem, data_dir)
        key = f"{path}\0{problem.field}\0{problem.message}".encode()
        items.append(
            {
                "description": f"{problem.field}: {problem.message}" if problem.field else problem.message,
                "check_name": problem.field or "data",
                "fingerprint": hashlib.sha256(key).hexdigest(),
                "severity": "major" if problem.severity == "error" else "minor",
                "location": {"path": path, "lines": {"begin": max(problem.line, 1)}},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2)


def format_problem(problem: Problem, fmt: str, data_dir: Path) -> str:
    return github_annotation(problem, data_dir) if fmt == "github" else str(problem)


def _cell(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|").replace("\n", " ")


def record_counts(data_dir: Path) -> dict[str, int]:
    """Record files per kind, counted from the folder so a summary has them even when loading failed."""
    counts = {}
    for kind in KIND_LABELS:
        folder = data_dir / kind
        counts[kind] = sum(1 for p in folder.iterdir() if p.suffix in (".yml", ".yaml")) if folder.is_dir() else 0
    return counts


def summary_markdown(
    data_dir: Path,
    problems: Sequence[Problem],
    strict: bool,
    base: tuple[str, str] | None,
    changes: Iterable[tuple[str, str]] = (),
    published_lists: int = 0,
    public: Sequence[PublicChange] | None = None,
    new: Sequence[tuple[str, str]] = (),
) -> str:
    """A job summary (`$GITHUB_STEP_SUMMARY`): the verdict, the counts, what changed, every problem.

    public: the published lists whose pages the change alters (history.public_changes), named for
    the reviewer as the public will see them; None when the data did not pass. new: the pages the
    change adds (new_pages)."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    failed = bool(errors) or (strict and bool(warnings))
    lines = [
        f"## Kiểm tra dữ liệu: {'có lỗi, chưa xuất bản được' if failed else 'đạt'}",
        "",
        f"{len(errors)} lỗi, {len(warnings)} cảnh báo{' (cảnh báo cũng tính là lỗi: --strict)' if strict else ''}.",
        "",
        "| Loại hồ sơ | Số tệp |",
        "| --- | ---: |",
    ]
    counts = record_counts(data_dir)
    lines += [f"| {label} | {counts[kind]} |" for kind, label in KIND_LABELS.items()]
    if base is not None:
        ref, commit = base
        changed = list(changes)
        lines += ["", f"### Thay đổi so với `{_cell(ref)}` ({commit[:10]})", ""]
        if changed:
            lines += [f"- {_CHANGE_LABELS[status]}: `{_cell(f'{data_dir.name}/{path}')}`" for status, path in changed]
        else:
            lines.append("Không có tệp nào trong dữ liệu thay đổi.")
        lines += [
            "",
            f"Đã so {published_lists} danh sách đã công khai lấy ý kiến với bản đã công bố.",
        ]
        if public is not None:
            lines += ["", public_markdown(public, new)]
    if problems:
        lines += ["", "### Các lỗi và cảnh báo", "", "| Tệp | Dòng | Trường | Nội dung |", "| --- | ---: | --- | --- |"]
        for problem in problems:
            kind = "" if problem.severity == "error" else "cảnh báo: "
            lines.append(
                f"| `{_cell(problem.path)}` | {problem.line} | `{_cell(problem.field)}` "
                f"| {kind}{_cell(problem.message)} |"
            )
    return "\n".join(lines) + "\n"


def new_pages(data: Dataset, changes: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The record pages a change adds (files added under data/): (title, address), in file order."""
    pages = []
    for status, path in changes:
        folder, _, name = path.partition("/")
        rid = PurePosixPath(name).stem
        if status != "A":
            continue
        if folder == "exemplars" and rid in data.exemplars:
            pages.append((data.exemplars[rid].name, URLS.exemplar(rid)))
        elif folder == "campaigns" and rid in data.campaigns:
            pages.append((data.campaigns[rid].title, URLS.campaign(rid)))
        elif folder == "nominations" and rid in data.nominations:
            pages.append((data.nominations[rid].title, URLS.nomination(rid)))
    return pages


def public_markdown(public: Sequence[PublicChange], new: Sequence[tuple[str, str]] = ()) -> str:
    """What the public will see change, in Vietnamese (for the reviewer): the lists already open
    whose pages change, with the amendments they will show, and the new pages."""
    lines = ["### Người xem sẽ thấy thay đổi gì", ""]
    if not public:
        lines.append("Không danh sách nào đã công khai lấy ý kiến thay đổi trên trang.")
    for item in public:
        said = "; ".join(item.changes) if item.changes else "không đổi nội dung, chỉ thêm đính chính"
        lines.append(f"- **{_cell(item.title)}** (`{URLS.nomination(item.lid)}`): {_cell(said)}.")
        for note in item.notes:
            lines.append(
                f"  - Trang sẽ ghi đính chính ngày {date_short(note.date)}: {_cell(note.change)} "
                f"(lý do: {_cell(note.reason)})"
            )
    if new:
        lines += ["", "Trang mới:", ""]
        lines += [f"- **{_cell(title)}** (`{url}`)" for title, url in new]
    return "\n".join(lines)


_CAUSES = {
    errno.ENOSPC: "hết chỗ trên đĩa",
    errno.EDQUOT: "hết hạn mức đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không có quyền",
    errno.ENOENT: "không tìm thấy",
    errno.ENOTDIR: "không phải thư mục",
    errno.EISDIR: "là một thư mục",
    errno.EADDRINUSE: "cổng đã có chương trình khác dùng",
    errno.EADDRNOTAVAIL: "địa chỉ không dùng được trên máy này",
    errno.EMFILE: "mở quá nhiều tệp",
    errno.ENOMEM: "hết bộ nhớ",
}


DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def environment_line(exc: OSError, what: str = "", output: Path | None = None) -> str:
    """One Vietnamese line for a failure that is not the data's fault: the path and the cause.

    With output (the folder a build writes), a full disk or a failure while writing names that
    folder: the file named by the error is often a source being copied or a temporary name.
    """
    cause = _CAUSES.get(exc.errno or 0, exc.strerror or str(exc))
    path = exc.filename if exc.filename is not None else what
    if output is not None and (
        exc.errno in DISK_FULL or path is None or str(path).startswith(str(output.parent) + os.sep)
    ):
        path = output
    where = f" {path}" if path else ""
    return f"Lỗi môi trường (không phải lỗi dữ liệu):{where}: {cause}."
