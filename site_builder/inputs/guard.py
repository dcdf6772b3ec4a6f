"""What a data file must be before a YAML parser sees it: small, UTF-8, flat, without aliases.

A YAML reader can be made to spend minutes and gigabytes on a file of a few hundred bytes
(aliases that expand exponentially, "billion laughs"), to crash (the Rust reader overflows its
stack on deep nesting) or to misread (it stops a value at a NUL byte). Editors never need
aliases, control characters or more than a few levels of nesting, so such files are refused with
a located message before either reader runs. Every check is linear in the file's size; the only
costly one, PyYAML's event stream, runs only on the few files that a cheap scan cannot clear.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from functools import cache
from pathlib import Path

import yaml

# A record of a few hundred nominees is about 100 KB; a whole province's nominee list for a
# state award stays well under 1 MB. Reference files (provinces, holidays) may grow larger.
MAX_RECORD_BYTES = 1_000_000
MAX_REFERENCE_BYTES = 5_000_000
# The deepest record (a nominee list: groups, nominees, ...) needs 6 levels.
MAX_DEPTH = 20

Loc = tuple[str | int, ...]

# libyaml's parser where PyYAML has it; the pure-Python one gives the same events otherwise.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Refusal(Exception):
    """A file that no reader may take; carries where and why, in Vietnamese."""

    def __init__(self, line: int, column: int, message: str, loc: Loc = ()) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.loc = loc


def number(value: int) -> str:
    """12345678 -> '12.345.678', as Vietnamese writes thousands."""
    return f"{value:,}".replace(",", ".")


def _too_big(size: int, limit: int) -> str:
    return (
        f"tệp nặng {number(size)} byte; tối đa {number(limit)} byte ({limit // 1_000_000} MB) cho mỗi tệp; "
        "rút gọn nội dung (ảnh đặt trong data/images/, không dán vào tệp)"
    )


def bad_link(path: Path, root: Path | None) -> str | None:
    """What is wrong with the symbolic link at path, if it leads nowhere or out of root."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return "liên kết (symlink) trỏ tới một tệp không tồn tại; xóa liên kết hoặc chép tệp thật vào đây"
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        return "liên kết (symlink) vòng quanh, không dẫn tới tệp nào; xóa liên kết này"
    if root is not None and not target.is_relative_to(root):
        return (
            f"là liên kết (symlink) tới {target}, nằm ngoài thư mục dữ liệu; trang không đăng gì từ ngoài thư mục "
            "này: chép tệp thật vào thay cho liên kết"
        )
    return None


def read_bounded(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of a regular file inside root, refused unread if it is bigger than limit.

    root is the resolved data folder: a link that leads out of it would publish whatever it
    points at (a key, a password file), so it is refused, as is anything that is not a regular
    file (a folder named x.yml, a pipe that would block the read forever).
    """
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        problem = bad_link(path, root)
        if problem is not None:
            raise Refusal(1, 1, problem)
        info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise Refusal(1, 1, "là một thư mục, không phải tệp; đổi tên thư mục (bỏ đuôi .yml) hoặc chuyển nó ra chỗ khác")
    if not stat.S_ISREG(info.st_mode):
        raise Refusal(1, 1, "không phải một tệp thông thường (là đường ống hay thiết bị); xóa nó")
    if info.st_size > limit:
        raise Refusal(1, 1, _too_big(info.st_size, limit))
    chunks: list[bytes] = []
    read = 0
    with path.open("rb", buffering=0) as stream:
        # As many bytes as the file holds, and one more to see whether it grew since measured.
        while chunk := stream.read(max(info.st_size, 1) + 1 if not chunks else limit + 1 - read):
            chunks.append(chunk)
            read += len(chunk)
            if read > limit:
                raise Refusal(1, 1, _too_big(max(read, os.fstat(stream.fileno()).st_size), limit))
    return b"".join(chunks)


def decode_text(raw: bytes) -> str:
    """UTF-8 bytes as the readers expect them: no byte-order mark, Unix line ends, NFC.

    Windows Notepad starts UTF-8 files with a byte-order mark; read as text it would make the
    first key '\\ufeffname'. Raises UnicodeDecodeError for bytes that are not UTF-8.
    """
    text = raw.decode("utf-8")
    if text[:1] == "\ufeff":
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(raw: bytes) -> str:
    """decode_text, or a Refusal saying how to save the file as UTF-8 and where it is not."""
    wide = _wide_encoding(raw)
    if wide is not None:
        raise Refusal(
            1,
            1,
            f"tệp được lưu với mã {wide} (Notepad gọi là 'Unicode'), không phải UTF-8; mở tệp, chọn "
            "'Save As' (Lưu thành), ở ô 'Encoding' chọn UTF-8 rồi lưu lại",
        )
    try:
        text = decode_text(raw)
    except UnicodeDecodeError as exc:
        start = exc.start
        # The bytes before the first bad one are valid UTF-8, so they give its line and column.
        before = decode_text(raw[:start])
        line, column = position(before, len(before))
        raise Refusal(
            line,
            column,
            f"tệp không phải UTF-8: byte 0x{raw[start]:02X} không đọc được (có lẽ tệp được lưu với mã "
            "Windows-1258, TCVN3 hay VNI); mở tệp và lưu lại với mã UTF-8",
        ) from None
    # Searching the bytes for C0 controls is ten times faster than a pattern over the text; C1
    # controls and U+FFFE, U+FFFF start with bytes (C2, EF) rare in Vietnamese text, and the
    # pattern for the bidirectional controls skips from one E2 byte to the next.
    if raw.translate(None, _NOT_C0) or b"\xc2" in raw or b"\xef" in raw or _BIDI_BYTES.search(raw):
        control = CONTROL.search(text)
        if control is not None:
            line, column = position(text, control.start())
            raise Refusal(line, column, control_message(control.group()))
    return text


def control_message(char: str) -> str:
    return (
        f"ký tự điều khiển U+{ord(char):04X} không được phép (thường lẫn vào khi chép từ Word, PDF hay "
        "trang web); xóa ký tự này"
    )


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' for a file saved so, with or without a byte-order mark."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    # Without a mark: text in UTF-16 has a NUL byte beside every ASCII letter; UTF-8 text has none.
    if len(raw) >= 2 and (raw[0] == 0) != (raw[1] == 0):
        return "UTF-16"
    return None


def position(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of text[index]."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


# What YAML 1.2 does not count as printable (section 5.1), bar the line ends: C0 and C1 controls
# and DEL are invisible in an editor, and the Rust reader even ends a value at a NUL byte; these,
# lone surrogates and U+FFFE, U+FFFF also make the feeds invalid XML. And the bidirectional
# overrides and isolates, which Vietnamese never needs and which can make a published name read
# as another ("Trojan Source").
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# The same overrides and isolates in UTF-8 (E2 80 AA-AE, E2 81 A6-A9).
_BIDI_BYTES = re.compile(b"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")
_NOT_C0 = bytes(byte for byte in range(256) if byte in (0x09, 0x0A, 0x0D) or 0x20 <= byte < 0x7F or byte > 0x7F)
# Anchors (&a) and tags (!t) stand at a token's start: after a space, a line break or a flow
# indicator. Markdown bold (**) is an alias-like token too, but an alias without an anchor is an
# error that expands nothing; only anchors need the full check.
_PROPERTY = re.compile(r"[\s\[{,:](?:&[^\s\[\]{},]|!)")
# Characters that may stand before a block collection's first entry on its line.
_PREFIX_CHARS = " \t?:-"


@cache
def _deep_prefix(width: int) -> re.Pattern[str]:
    return re.compile(f"\\n[{re.escape(_PREFIX_CHARS)}]{{{width}}}")


def _may_be_deep(text: str) -> bool:
    """False only where nesting certainly stays within MAX_DEPTH, judged without parsing.

    Each nested block collection starts further right than its parent, except a list directly
    under a key, so two levels cost at least one column: a text whose lines start with at most
    P spaces and indicators ('- ', '? ', ': ') nests at most 2P + 2 levels in block style. Flow
    style adds at most two levels per bracket: '[a: b]' is a list holding a mapping.
    """
    brackets = text.count("[") + text.count("{")
    room = MAX_DEPTH - 2 - 2 * brackets
    if room < 0:
        return True
    width = room // 2 + 1  # the smallest line prefix that could go deeper than allowed
    return _deep_prefix(width).search(text) is not None or _deep_prefix(width).match("\n" + text[:width]) is not None


def screen(text: str) -> bool:
    """Refuse what no reader may take; True if the fast reader may read the text.

    False means PyYAML's event stream found a syntax error before anything harmful: PyYAML,
    which stops at the same place, must read it and say where.
    """
    # Substring tests first: they run at memory speed, a pattern over the text ten times slower.
    properties = ("&" in text or "!" in text) and (_PROPERTY.search(text) is not None or text[:1] in ("&", "!"))
    old_breaks = "\x85" in text or "\u2028" in text or "\u2029" in text
    if not properties and not old_breaks and not _may_be_deep(text):
        return True
    try:
        _scan_events(text)
    except yaml.YAMLError:
        return False
    return True


class _Frame:
    """A collection open in the event stream, and how far into it the stream has gone."""

    __slots__ = ("key", "loc", "mapping", "seen")

    def __init__(self, loc: Loc, mapping: bool) -> None:
        self.loc = loc
        self.mapping = mapping
        self.seen = 0  # nodes read inside it: in a mapping, keys and values alternate
        self.key: str | int = "?"


def _scan_events(text: str) -> None:
    """Refuse the first alias and the first collection nested deeper than MAX_DEPTH.

    Walks PyYAML's events, which libyaml produces without recursion and which hold nothing
    expanded, so this is linear and stops at the first problem.
    """
    stack: list[_Frame] = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        loc: Loc = ()
        is_key = False
        if stack:
            frame = stack[-1]
            if not frame.mapping:
                loc = (*frame.loc, frame.seen)
            elif frame.seen % 2 == 0:
                is_key, loc = True, frame.loc
                frame.key = "?"  # a key that is not text (a list, an alias) has no name to show
            else:
                loc = (*frame.loc, frame.key)
            frame.seen += 1
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if isinstance(event, yaml.AliasEvent):
            raise Refusal(
                line,
                column,
                f"bí danh YAML '*{event.anchor}' không được dùng trong hồ sơ (một bí danh có thể làm tệp phình "
                f"ra hàng tỉ giá trị); bỏ neo '&{event.anchor}' và bí danh, viết thẳng giá trị ra",
                loc,
            )
        if isinstance(event, yaml.ScalarEvent):
            if is_key:
                stack[-1].key = unicodedata.normalize("NFC", event.value)
            continue
        if len(stack) >= MAX_DEPTH:
            raise Refusal(
                line,
                column,
                f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp; hồ sơ chỉ cần vài cấp, kiểm tra lại thụt lề "
                "và các dấu ngoặc [ ] { }",
                loc,
            )
        stack.append(_Frame(loc, isinstance(event, yaml.MappingStartEvent)))
