"""YAML files -> typed records, with NFC text and source positions for messages.

Nothing here writes a file. Every problem of every file is collected; the caller
decides whether to stop.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
import yaml_rs
from pydantic import BaseModel, ValidationError

from .. import vietnamese as vn
from ..problems import Problem
from .guard import (
    CONTROL,
    MAX_RECORD_BYTES,
    MAX_REFERENCE_BYTES,
    Refusal,
    bad_link,
    control_message,
    decode,
    number,
    position,
    read_bounded,
    screen,
)
from .guard import decode_text as decode_text
from .privacy import PERSONAL_KEYS
from .records import (
    DOC_NUMBER_RE,
    ID_RE,
    IMAGE_RE,
    KIND_MODELS,
    RESERVED_PREFIXES,
    Award,
    AwardCatalogue,
    Campaign,
    ConsultationRule,
    Exemplar,
    HolidayList,
    Model,
    NomineeList,
    Province,
    ProvinceList,
    RuleBook,
    SiteSettings,
    Withdrawal,
    WithdrawnList,
    is_record_id,
)

Key = tuple[str | int, ...]
M = TypeVar("M", bound=Model)

# libyaml's parser, where PyYAML was built with it, is ten times faster than the pure-Python one
# and gives the same nodes, marks and errors.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceMap:
    """Where each value and key of one YAML file stands, for error messages.

    A file read by the fast parser has no positions yet: they are worked out from the file on
    the first question, which happens only when one of its fields has a problem.
    """

    def __init__(self, path: str, source: Path | None = None, limit: int = MAX_RECORD_BYTES) -> None:
        self.path = path
        self.file = source  # kept: a message may need the exact line of a text inside a value
        self.placeholders = True  # False when the file's text holds no "ĐIỀN:" (see read_yaml)
        # SHA-256 of the file's bytes (read_yaml): a record is made from its file alone
        # (validate_model), so the build cache keys what a record's pages show by it.
        self.digest = ""
        self._source = source
        self._limit = limit
        self._values: dict[Key, tuple[int, int]] = {}
        self._keys: dict[Key, tuple[int, int]] = {}

    @property
    def values(self) -> dict[Key, tuple[int, int]]:
        if self._source is not None:
            self._locate_all()
        return self._values

    @property
    def keys(self) -> dict[Key, tuple[int, int]]:
        if self._source is not None:
            self._locate_all()
        return self._keys

    def _locate_all(self) -> None:
        assert self._source is not None
        source, self._source = self._source, None
        try:
            text = decode(read_bounded(source, self._limit))
            screen(text)
            self._locate_events(text)
        except (OSError, Refusal, yaml.YAMLError):
            # The file changed or went away since it was read: messages point at line 1.
            self._values.clear()
            self._keys.clear()

    def _locate_events(self, text: str) -> None:
        """Every node's position from PyYAML's events, as _walk finds them in its nodes.

        Five times faster than composing nodes: a 1 MB file with 45,000 keys is located in under
        a second instead of four. Aliases never get here (screen refuses them).
        """
        values, keys = self._values, self._keys
        # Per open collection: its location, whether it is a mapping, how many nodes it has shown,
        # the key being read, and whether its nodes are located (not inside a key, as in _walk).
        stack: list[list[Any]] = []
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            mark = event.start_mark
            position = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            loc: Key = ()
            located = True
            if stack:
                parent, mapping, seen, key, located = stack[-1]
                stack[-1][2] = seen + 1
                if not mapping:
                    loc = (*parent, seen)
                elif seen % 2 == 0:
                    name = unicodedata.normalize("NFC", event.value) if isinstance(event, yaml.ScalarEvent) else "?"
                    stack[-1][3] = name
                    if located:
                        keys[(*parent, name)] = position
                    located = False  # nothing inside a key is located
                else:
                    loc = (*parent, key)
            if located:
                values[loc] = position
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([loc, isinstance(event, yaml.MappingStartEvent), 0, None, located])

    def locate(self, loc: Key, *, key: bool = False) -> tuple[int, int]:
        values = self.values
        table = self.keys if key else values
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if probe in values:
                return values[probe]
            probe = probe[:-1]
        return values.get((), (1, 1))

    def find(self, text: str, loc: Key) -> tuple[int, int] | None:
        """Where `text` first appears at or after the value at loc: the line of a number inside a story."""
        if self.file is None or not text:
            return None
        start_line, start_column = self.locate(loc)
        try:
            lines = decode(read_bounded(self.file, self._limit)).splitlines()
        except (OSError, Refusal):
            return None
        for index in range(start_line - 1, len(lines)):
            column = lines[index].find(text, start_column - 1 if index == start_line - 1 else 0)
            if column >= 0:
                return index + 1, column + 1
        return None

    def problem(
        self, loc: Key, message: str, *, key: bool = False, warning: bool = False, at: Key | None = None
    ) -> Problem:
        """A problem about the field at loc, placed at loc (or at another spot, such as the parent)."""
        line, column = self.locate(loc if at is None else at, key=key)
        return Problem(self.path, line, column, field_name(loc), message, "warning" if warning else "error")


def field_name(loc: Key) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + clip(part)
    return out or "(tệp)"


def clip(text: str, room: int = 80) -> str:
    """A text short enough to quote in a message: a pasted page must not fill the whole log."""
    return text if len(text) <= room else f"{text[: room - 20]}… ({number(len(text))} ký tự)"


@dataclass
class Dataset:
    """Everything loaded from data/: reference tables and the three record kinds."""

    data_dir: Path
    settings: SiteSettings
    awards: dict[str, Award]
    provinces: dict[str, Province]
    holidays: dict[date, str]
    # The rules of law the build enforces, with their sources and dates (data/rules.yml).
    rules: list[ConsultationRule]
    campaigns: dict[str, Campaign]
    exemplars: dict[str, Exemplar]
    nominations: dict[str, NomineeList]
    sources: dict[str, SourceMap]
    # Ids of files that exist but failed to load: references to them are not reported again.
    failed: set[str] = field(default_factory=set)
    # Every kind's records by folder name (KIND_MODELS), for kinds that have no field above.
    by_kind: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Records taken off the site (data/withdrawn.yml, optional).
    withdrawn: list[Withdrawal] = field(default_factory=list)

    def campaign_known(self, cid: str) -> bool:
        return cid in self.campaigns or f"campaigns/{cid}" in self.failed

    def source(self, kind: str, record_id: str) -> SourceMap:
        return self.sources[f"{kind}/{record_id}"]


def nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def _walk(node: yaml.Node, loc: Key, smap: SourceMap, problems: list[Problem]) -> None:
    smap.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = unicodedata.normalize("NFC", str(key_node.value))
            if key in seen:
                problems.append(
                    Problem(
                        smap.path,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        field_name((*loc, key)),
                        f"trường '{clip(key)}' được khai báo hai lần; chỉ giữ một lần",
                    )
                )
            seen.add(key)
            smap.keys[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _walk(value_node, (*loc, key), smap, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), smap, problems)


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class _Unusual(Exception):
    """A document with merge keys, non-text keys or explicit collection tags: PyYAML builds it."""


def _build(node: yaml.Node, loc: Key, smap: SourceMap, problems: list[Problem], loader: yaml.SafeLoader) -> Any:
    """_walk, construct_document and nfc in one pass, for the mappings, lists and scalars editors write.

    PyYAML's constructor and the two extra walks took two thirds of loading time at 10,000 records.
    """
    mark = node.start_mark
    smap.values[loc] = (mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR_TAG:
            return unicodedata.normalize("NFC", node.value)
        try:
            value = loader.construct_object(node)  # dates, numbers, booleans, null: PyYAML's rules
        except ValueError:
            # A date that does not exist (2021-13-45): kept as written, so the field's check
            # says what is wrong and where, as the fast parser's reading does.
            return node.value
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
        return [_build(item, (*loc, index), smap, problems, loader) for index, item in enumerate(node.value)]
    if not isinstance(node, yaml.MappingNode) or node.tag != _MAP_TAG:
        raise _Unusual
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
            raise _Unusual
        key = unicodedata.normalize("NFC", key_node.value)
        key_mark = key_node.start_mark
        if key in out:
            problems.append(
                Problem(
                    smap.path,
                    key_mark.line + 1,
                    key_mark.column + 1,
                    field_name((*loc, key)),
                    f"trường '{clip(key)}' được khai báo hai lần; chỉ giữ một lần",
                )
            )
        smap.keys[(*loc, key)] = (key_mark.line + 1, key_mark.column + 1)
        out[key] = _build(value_node, (*loc, key), smap, problems, loader)
    return out


# No record has aliases (guard.screen refuses them first); should one slip through, the Rust
# reader stops at once rather than expanding it.
_NO_ALIASES = yaml_rs.AliasLimits(max_total_replayed_events=0, max_replay_stack_depth=1)


def _fast_read(text: str) -> Any:
    """The file's data as the Rust parser reads it (YAML 1.2), or None where PyYAML must say why not.

    At 10,000 records PyYAML, even with libyaml, spent 20 s building nodes and positions that
    are needed only for the few files with a problem: positions are now worked out on demand.
    YAML 1.2 is also what editors expect: 'no', 'on' or 0755 stay as written, not a boolean or an
    octal number. Dates stay text here; the record's fields turn them into dates.
    """
    if "<<" in text:
        return None  # merge keys ("<<: *base") are YAML 1.1; PyYAML still honours them
    try:
        data = yaml_rs.loads(text, parse_datetime=False, alias_limits=_NO_ALIASES)
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None  # syntax errors, duplicate keys, several documents: PyYAML's path says where
    if not isinstance(data, dict):
        return None
    # The text is NFC already; only escapes such as "\u0301" can bring back decomposed letters.
    return nfc(data) if "\\" in text else data


def _refused(display: str, refusal: Refusal) -> tuple[Any, SourceMap, list[Problem]]:
    problem = Problem(display, refusal.line, refusal.column, field_name(refusal.loc), refusal.message)
    return None, SourceMap(display), [problem]


def read_yaml(
    path: Path, display: str, *, limit: int = MAX_RECORD_BYTES, root: Path | None = None
) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse one YAML file safely; the position of every key and value is known on demand.

    A file bigger than limit bytes, or a link leading out of root, is refused unread.
    """
    try:
        raw = read_bounded(path, limit, root)
        text = decode(raw)
    except Refusal as refusal:
        return _refused(display, refusal)
    data, smap, problems = read_yaml_text(text, display, path, limit=limit, checked=True)
    # One substring search here spares a walk over every value of every record (0.2 s at 10,000).
    smap.placeholders = PLACEHOLDER in text
    smap.digest = hashlib.sha256(raw).hexdigest()
    return data, smap, problems


def read_yaml_text(
    text: str, display: str, path: Path | None = None, *, limit: int = MAX_RECORD_BYTES, checked: bool = False
) -> tuple[Any, SourceMap, list[Problem]]:
    """read_yaml for a text already decoded (a file, or a version of it from git history).

    checked says that guard.decode has already looked for control characters (in the bytes,
    faster); a text from elsewhere is searched here.
    """
    control = None if checked else CONTROL.search(text)
    if control is not None:
        line, column = position(text, control.start())
        return _refused(display, Refusal(line, column, control_message(control.group())))
    try:
        fast = screen(text)
    except Refusal as refusal:
        return _refused(display, refusal)
    data = _fast_read(text) if fast else None
    problems: list[Problem] = []
    if data is not None:
        # Without a path (a version from git) positions are not needed: messages point at today's file.
        smap = SourceMap(display, path, limit)
    else:
        data, smap, problems = _read_with_positions(text, display)
    # Escapes in quoted text ("\0", "\x1b") bring back the control characters decode refused.
    found = _escaped_control(data, ()) if "\\" in text and data is not None else None
    if found is not None:
        return None, smap, [*problems, smap.problem(found[0], control_message(found[1]))]
    return data, smap, problems


def _escaped_control(value: Any, loc: Key) -> tuple[Key, str] | None:
    """The first control character in the texts of value, and where."""
    if isinstance(value, str):
        match = CONTROL.search(value)
        return None if match is None else (loc, match.group())
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _escaped_control(key, (*loc, key)) or _escaped_control(item, (*loc, key))
        if found is not None:
            return found
    return None


def _read_with_positions(text: str, display: str) -> tuple[Any, SourceMap, list[Problem]]:
    """PyYAML's reading of an NFC text, keeping the position of every key and value."""
    smap = SourceMap(display)
    problems: list[Problem] = []
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, smap, [Problem(display, 1, 1, "(tệp)", "tệp trống; cần các trường dạng 'khóa: giá trị'")]
        try:
            data = _build(node, (), smap, problems, loader)
        except _Unusual:
            smap.values.clear()
            smap.keys.clear()
            problems.clear()
            _walk(node, (), smap, problems)
            try:
                data = nfc(loader.construct_document(node))
            except ValueError as exc:
                return None, smap, [Problem(display, 1, 1, "(tệp)", f"giá trị không đọc được: {exc}")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, smap, [Problem(display, line, column, "(tệp)", _syntax_message(exc.problem or ""))]
    except yaml.YAMLError as exc:  # the reader's own complaints carry no line
        return None, smap, [Problem(display, 1, 1, "(tệp)", _syntax_message(str(exc)))]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, smap, [Problem(display, 1, 1, "(tệp)", "cần các trường dạng 'khóa: giá trị' ở đầu tệp")]
    return data, smap, problems


# What libyaml's commonest complaints mean for an editor, by the start of the complaint.
_SYNTAX_HINTS = {
    "did not find expected key": "thụt lề không khớp với các dòng trên, hoặc thiếu dấu ngoặc kép đóng ở phía trên",
    "did not find expected ',' or ']'": "thiếu dấu ']' đóng danh sách, hoặc dấu ',' giữa hai mục",
    "did not find expected ',' or '}'": "thiếu dấu '}' đóng, hoặc dấu ',' giữa hai mục",
    "did not find expected '-' indicator": "thụt lề không khớp trong danh sách; mỗi mục bắt đầu bằng '- ' ở cùng một cột",
    "found a tab character": "thụt lề bằng phím Tab; chỉ thụt lề bằng dấu cách",
    "found character that cannot start any token": (
        "giá trị bắt đầu bằng một ký tự YAML dành riêng (như Tab, @ hay `); đặt cả giá trị trong dấu ngoặc kép"
    ),
    "mapping values are not allowed": "có dấu ':' giữa giá trị; đặt cả giá trị trong dấu ngoặc kép",
    "could not find expected ':'": "thiếu dấu ':' sau tên trường",
    "found unexpected end of stream": "tệp hết giữa chừng: còn thiếu dấu ngoặc kép hay dấu ngoặc đóng",
    "found undefined alias": (
        "dấu * ở đầu giá trị là bí danh YAML, không dùng trong hồ sơ; nếu đó là chữ, đặt cả giá trị trong dấu ngoặc kép"
    ),
    "but found another document": "tệp có hơn một hồ sơ (ngăn bởi dòng '---'); mỗi tệp chỉ chứa một hồ sơ",
    "found unknown escape character": (
        "sau dấu \\ trong chuỗi ngoặc kép là một mã không có; viết \\\\ cho chính dấu \\, hoặc đặt giá trị "
        "trong dấu ngoặc đơn"
    ),
    "did not find expected node content": "thiếu giá trị ở chỗ này",
    "found invalid Unicode character escape code": (
        "mã \\u… trong chuỗi ngoặc kép không phải một ký tự; viết thẳng ký tự ra thay cho mã"
    ),
    "block sequence entries are not allowed": (
        "danh sách ('- ') không được bắt đầu trên cùng dòng với tên trường; xuống dòng rồi thụt lề"
    ),
}


def _syntax_message(problem: str) -> str:
    for start, hint in _SYNTAX_HINTS.items():
        if problem.startswith(start):
            return f"lỗi cú pháp YAML: {hint}"
    return f"lỗi cú pháp YAML ({problem or 'không rõ'}); kiểm tra thụt lề, dấu ':' và dấu '-'"


_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")

_PATTERN_HINTS = {
    ID_RE: "mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ 'nong-thon-moi'",
    IMAGE_RE: "ảnh phải là tệp trong data/images/, viết như images/ruong-lua.jpg (không lấy ảnh từ trang khác)",
    DOC_NUMBER_RE: "số, ký hiệu văn bản có dạng như 19/CT-TTg, 200/KH-UBND hoặc 06/2022/QH15",
}


def _image_name(src: str) -> str | None:
    """The path an image named with spaces or diacritics should have ("images/Ảnh lúa.JPG" -> "images/anh-lua.jpg")."""
    if "://" in src or ".." in src:
        return None  # a remote image or a way out of data/: no name fixes that
    folder, _, name = src.removeprefix("images/").rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        return None
    parts = [vn.slug(part) for part in folder.split("/") if part] if folder else []
    renamed = "/".join(["images", *parts, f"{vn.slug(stem)}.{suffix.lower()}"])
    return renamed if re.fullmatch(IMAGE_RE, renamed) else None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "giá trị đúng/sai"
    if isinstance(value, int) and value.bit_length() > 128:
        return "một số quá lớn"  # printing it could fill the log, or fail (over 4300 digits)
    if isinstance(value, (int, float)):
        return f"số {value}"
    if isinstance(value, date):
        return f"ngày {value.isoformat()}"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "các trường con"
    if value is None:
        return "giá trị trống"
    return f"'{clip(str(value))}'"


def _date_hint(value: Any) -> str:
    if isinstance(value, str):
        # Day first (31/12/2021) or year first without zero padding (2021-12-1): the ISO form.
        for pattern, order, impossible in (
            (_DMY, (2, 1, 0), "; viết ngày theo dạng năm-tháng-ngày, ví dụ 2021-12-31"),
            (_YMD, (0, 1, 2), " (tháng từ 1 đến 12, ngày không quá số ngày của tháng)"),
        ):
            if match := pattern.match(value):
                year, month, day = (int(match.group(i + 1)) for i in order)
                try:
                    return f"viết ngày theo dạng {date(year, month, day).isoformat()}"
                except ValueError:
                    return f"ngày {value} không có thật{impossible}"
    return "viết ngày theo dạng năm-tháng-ngày, ví dụ 2021-12-31"


def _allowed_keys(model: type[BaseModel], loc: Key) -> list[str]:
    """The field names valid at loc inside model, following nested models and lists."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(error: Any, model: type[BaseModel], data: Any) -> tuple[str, bool]:
    """Vietnamese text for one pydantic error; the flag says whether to point at the key."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"])
    found = f"tìm thấy {_type_name(value)}"
    if kind == "missing":
        return f"thiếu trường bắt buộc '{loc[-1]}'", False
    if kind == "extra_forbidden" and str(loc[-1]).lower() in PERSONAL_KEYS:
        what = PERSONAL_KEYS[str(loc[-1]).lower()]
        return (
            f"không được đăng {what} (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15); bỏ trường '{loc[-1]}'",
            True,
        )
    if kind == "invalid_key":
        return f"tìm thấy khóa {_type_name(value)}; tên trường phải là chữ, ví dụ 'name'", True
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        near = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.5)
        hint = f"; có phải ý bạn là '{near[0]}'?" if near else f"; các trường hợp lệ: {', '.join(allowed)}"
        return f"không có trường '{clip(str(loc[-1]))}'{hint}", True
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{found}; {_date_hint(value)}", False
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        near = difflib.get_close_matches(str(value), options, n=1, cutoff=0.4)
        hint = f"; có phải ý bạn là '{near[0]}'?" if near else ""
        # Quoted, since some values hold commas themselves ('bộ, ngành').
        choices = ", ".join(f"'{option}'" for option in options)
        return f"{found}; giá trị phải là một trong: {choices}{hint}", False
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == IMAGE_RE and isinstance(value, str) and (renamed := _image_name(value)):
            return (
                f"{found}; tên ảnh chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang: đổi tên tệp thành "
                f"'{renamed.removeprefix('images/')}' trong data/images/ và viết {renamed}"
            ), False
        if pattern in _PATTERN_HINTS:
            return f"{found}; {_PATTERN_HINTS[pattern]}", False
        if "https?" in pattern:
            return f"{found}; địa chỉ phải bắt đầu bằng https:// hoặc http://", False
        if "@" in pattern:
            return f"{found}; cần một địa chỉ thư điện tử, ví dụ gopy@example.gov.vn", False
        return f"{found}; không đúng dạng quy định", False
    if kind == "string_too_short":
        return "không được để trống", False
    if kind == "string_too_long":
        # The length checked is the one after stripping the spaces around the text.
        found_length = len(value.strip()) if isinstance(value, str) else 0
        return f"dài {number(found_length)} ký tự; tối đa {number(ctx['max_length'])} ký tự", False
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length', 1)} mục", False
    if kind == "too_long":
        found_items = ctx.get("actual_length") or (len(value) if isinstance(value, (list, dict)) else 0)
        return f"có {number(found_items)} mục; tối đa {number(ctx['max_length'])} mục", False
    if kind == "string_type":
        return f"{found}; cần một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{found}; cần một số nguyên", False
    if kind == "greater_than_equal":
        return f"{found}; cần lớn hơn hoặc bằng {ctx.get('ge')}", False
    if kind == "less_than_equal":
        return f"{found}; cần nhỏ hơn hoặc bằng {ctx.get('le')}", False
    if kind == "list_type":
        return f"{found}; cần một danh sách, mỗi mục trên một dòng bắt đầu bằng '- '", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{found}; cần các trường con dạng 'khóa: giá trị'", False
    if kind in ("bool_parsing", "bool_type"):
        return f"{found}; cần true hoặc false", False
    return f"{found}; {error.get('msg', 'giá trị không hợp lệ')}", False


# Messages given for one file; beyond, one line says how many more. A file of 45,000 unknown keys
# would otherwise print 13 MB, more than anyone reads or a CI log keeps.
MAX_PROBLEMS_PER_FILE = 200


def validate_model(model: type[M], data: Any, smap: SourceMap) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        errors = exc.errors(include_url=False)
        for error in errors[:MAX_PROBLEMS_PER_FILE]:
            message, at_key = _message(error, model, data)
            loc = tuple(error["loc"])
            at = loc[:-1] if error["type"] == "missing" else None
            problems.append(smap.problem(loc, message, key=at_key, at=at))
        if len(errors) > MAX_PROBLEMS_PER_FILE:
            rest = len(errors) - MAX_PROBLEMS_PER_FILE
            problems.append(
                smap.problem(
                    tuple(errors[MAX_PROBLEMS_PER_FILE]["loc"]),
                    f"từ đây còn {number(rest)} lỗi nữa chưa kể ra; sửa các lỗi trên rồi kiểm tra lại",
                    key=True,
                )
            )
        return None, problems


def salvage(model: type[M], data: Any, rounds: int = 3) -> M | None:
    """The record without its wrong values, for the rules across records of a file whose fields
    have errors (already reported). Only values the record can do without are left out (unknown
    keys, wrong optional values); None where a required value is wrong or missing, so that the
    rules never report what follows from a field error instead of the error itself."""
    current = copy.deepcopy(data)
    for _ in range(rounds):
        try:
            return model.model_validate(current)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        if any(error["type"] == "missing" for error in errors):
            return None
        for loc in sorted({tuple(error["loc"]) for error in errors}, key=str, reverse=True):
            parent = _at(current, loc[:-1]) if loc else None
            if not isinstance(parent, dict) or loc[-1] not in parent:
                return None  # an item of a list, or a rule of the whole record: not left out safely
            del parent[loc[-1]]
    return None


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value at loc in parsed YAML; None where there is none."""
    for part in loc:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        ):
            data = data[part]
        else:
            return None
    return data


# What `site-builder new` writes where the editor must still write something.
PLACEHOLDER = "ĐIỀN:"


def placeholder_problems(data: Any, smap: SourceMap, loc: Key = ()) -> list[Problem]:
    """A problem for every value still reading "ĐIỀN: …"."""
    if isinstance(data, str):
        if data.lstrip().startswith(PLACEHOLDER):
            hint = data.strip().removeprefix(PLACEHOLDER).strip()
            return [
                smap.problem(
                    loc, f"chưa điền: thay '{PLACEHOLDER} {hint}' bằng giá trị thật, hoặc xóa trường nếu không bắt buộc"
                )
            ]
        return []
    if isinstance(data, dict):
        return [
            problem for key, value in data.items() for problem in placeholder_problems(value, smap, (*loc, str(key)))
        ]
    if isinstance(data, list):
        return [
            problem for index, value in enumerate(data) for problem in placeholder_problems(value, smap, (*loc, index))
        ]
    return []


def read_record(model: type[M], data: Any, smap: SourceMap) -> tuple[M | None, bool, list[Problem]]:
    """A record file's parsed YAML as its record type: (record, whether it loaded, problems).

    A record with field errors is salvaged (the record without its wrong values, or None), so
    that the rules across records still see what is right in it and one run shows every problem
    of the file; a record still holding `site-builder new`'s placeholders gives None.
    """
    holes = placeholder_problems(data, smap) if smap.placeholders else []
    record, found = validate_model(model, data, smap)
    if holes:
        # A record made by `site-builder new` and not yet filled in: name what is left to
        # write, not what the placeholder text breaks, and publish nothing of it.
        filled = {problem.field for problem in holes}
        return None, False, [*holes, *(p for p in found if p.field not in filled)]
    if record is not None:
        return record, True, found
    # Its field errors stop the build anyway.
    return salvage(model, data), False, found


def load_reference(
    data_dir: Path, name: str, model: type[M], problems: list[Problem], *, optional: bool = False
) -> tuple[M | None, SourceMap]:
    """A reference file; an optional one that is missing reads as the model's defaults."""
    path = data_dir / name
    display = f"{data_dir.name}/{name}"
    if optional and not path.exists() and not path.is_symlink():
        return model(), SourceMap(display)
    if not path.exists():
        problems.append(Problem(display, 1, 1, "(tệp)", f"thiếu tệp {display}"))
        return None, SourceMap(display)
    data, smap, found = read_yaml(path, display, limit=MAX_REFERENCE_BYTES, root=data_dir.resolve())
    problems.extend(found)
    if data is None:
        return None, smap
    record, found = validate_model(model, data, smap)
    problems.extend(found)
    return record, smap


def shown(name: str) -> str:
    """A file name as a message can print it: bytes that are not UTF-8 become '�'."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def links_out(data_dir: Path, root: Path) -> list[Problem]:
    """Links under data/images/ that lead out of the data folder or nowhere.

    The build copies every file of data/images/ into the site, so a link to a file elsewhere
    (a key, a password file) would publish it, whether or not a record names it.
    """
    problems: list[Problem] = []
    for folder, folders, files in os.walk(data_dir / "images"):
        for name in sorted([*folders, *files]):
            path = Path(folder, name)
            message = bad_link(path, root) if path.is_symlink() else None
            if message is not None:
                display = shown(f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}")
                problems.append(Problem(display, 1, 1, "(tệp)", message))
    return problems


def load_dataset(data_dir: Path) -> tuple[Dataset | None, list[Problem]]:
    """Load every file under data_dir. Returns the dataset only if every file parsed."""
    problems: list[Problem] = []
    root = data_dir.resolve()
    problems.extend(links_out(data_dir, root))
    sources: dict[str, SourceMap] = {}
    settings, sources["site"] = load_reference(data_dir, "site.yml", SiteSettings, problems)
    catalogue, sources["awards"] = load_reference(data_dir, "awards.yml", AwardCatalogue, problems)
    province_list, sources["provinces"] = load_reference(data_dir, "provinces.yml", ProvinceList, problems)
    holiday_list, sources["holidays"] = load_reference(data_dir, "holidays.yml", HolidayList, problems)
    rule_book, sources["rules"] = load_reference(data_dir, "rules.yml", RuleBook, problems)
    withdrawn, sources["withdrawn"] = load_reference(data_dir, "withdrawn.yml", WithdrawnList, problems, optional=True)

    records: dict[str, dict[str, Any]] = {kind: {} for kind in KIND_MODELS}
    failed: set[str] = set()
    for kind, model in KIND_MODELS.items():
        folder = data_dir / kind
        if not folder.is_dir():
            continue
        if not folder.resolve().is_relative_to(root):
            message = bad_link(folder, root) or "thư mục nằm ngoài thư mục dữ liệu"
            problems.append(Problem(f"{data_dir.name}/{kind}", 1, 1, "(thư mục)", message))
            # Its records exist, unread: references to them are not reported as well.
            failed.update(f"{kind}/{unicodedata.normalize('NFC', path.stem)}" for path in folder.glob("*.y*ml"))
            continue
        files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")], key=lambda path: path.name)
        for path in files:
            display = shown(f"{data_dir.name}/{kind}/{path.name}")
            record_id = unicodedata.normalize("NFC", path.stem)
            if not is_record_id(record_id) or record_id.startswith(RESERVED_PREFIXES):
                problems.append(
                    Problem(
                        display,
                        1,
                        1,
                        "(tên tệp)",
                        f"tên tệp '{shown(path.name)}' không dùng được làm địa chỉ trang; "
                        "đặt tên bằng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ 'nguyen-van-an.yml' "
                        "(không bắt đầu bằng 'theo-' hay 'trang-')",
                    )
                )
                continue
            if record_id in records[kind]:
                problems.append(
                    Problem(
                        display,
                        1,
                        1,
                        "(tên tệp)",
                        f"mã '{record_id}' đã có ở tệp khác trong {kind}/; mỗi mã chỉ dùng một lần",
                    )
                )
                continue
            data, smap, found = read_yaml(path, display, root=root)
            problems.extend(found)
            sources[f"{kind}/{record_id}"] = smap
            if data is None:
                failed.add(f"{kind}/{record_id}")
                continue
            record, ok, found = read_record(model, data, smap)
            problems.extend(found)
            if not ok:
                failed.add(f"{kind}/{record_id}")
            if record is not None:
                records[kind][record_id] = record

    if (
        settings is None
        or catalogue is None
        or province_list is None
        or holiday_list is None
        or rule_book is None
        or withdrawn is None
    ):
        return None, problems
    awards = {award.id: award for award in catalogue.awards}
    provinces = {province.id: province for province in province_list.provinces}
    holidays = {holiday.date: holiday.name for holiday in holiday_list.holidays}
    tables: tuple[tuple[str, list[str]], ...] = (
        ("awards", [award.id for award in catalogue.awards]),
        ("provinces", [province.id for province in province_list.provinces]),
        ("rules", [rule.id for rule in rule_book.rules]),
    )
    for table, ids in tables:
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                problems.append(
                    sources[table].problem((table, index, "id"), f"mã '{item_id}' bị trùng; mỗi mã chỉ dùng một lần")
                )
            seen.add(item_id)
    dataset = Dataset(
        data_dir=data_dir,
        settings=settings,
        awards=awards,
        provinces=provinces,
        holidays=holidays,
        rules=list(rule_book.rules),
        campaigns=records["campaigns"],
        exemplars=records["exemplars"],
        nominations=records["nominations"],
        sources=sources,
        failed=failed,
        by_kind=records,
        withdrawn=list(withdrawn.withdrawn),
    )
    return dataset, problems
