"""The published JSON files keep the bytes Python's json module gave them (a version's SHA-256
is published), now that orjson writes them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from site_builder.urls import URLS
from site_builder.utils.jsondoc import pretty


@dataclass
class Row:
    number: int


def stdlib(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [[]], "d": None, "e": True, "f": False},
        {"tên": "Nguyễn Thị Ánh", "ghi chú": 'có "ngoặc kép", \\ gạch chéo, \t tab,\nxuống dòng'},
        {"controls": "\x00\x01\x08\x0b\x0c\x1f\x7f \u2028 \u2029 \ufeff", "emoji": "👍🏽"},
        {"numbers": [0, -1, 2**53, 2**63 - 1, -(2**63)], "nested": {"x": [{"y": [1, {"z": None}]}]}},
        ["chuỗi", 1, None, {"k": "v"}],
    ],
)
def test_pretty_writes_what_json_dumps_writes(value: object) -> None:
    assert pretty(value) == stdlib(value)


@pytest.mark.parametrize("value", [{"day": date(2026, 11, 25)}, [datetime(2026, 11, 25, 9, 0)], {"row": Row(1)}])
def test_pretty_refuses_what_json_dumps_refuses(value: object) -> None:
    with pytest.raises(TypeError):
        stdlib(value)
    with pytest.raises(TypeError):
        pretty(value)


def test_every_indented_json_file_of_the_site_is_json_dumps_of_itself(sample_site: Path) -> None:
    checked: list[str] = []
    for path in sorted(sample_site.rglob("*.json")):
        raw = path.read_bytes()
        if URLS.EMBEDS in path.relative_to(sample_site).parts:
            continue  # oEmbed documents write <, > and & as \u escapes (site/embeds.py, test_hostile.py)
        if not raw.startswith(b"{\n  ") and not raw.startswith(b"[\n  "):
            continue  # compact files (feeds, search index) are the C encoder's own output
        assert raw == stdlib(json.loads(raw)), path
        checked.append(path.relative_to(sample_site).as_posix())
    # The files orjson now writes: each list's data and every version of it, and the index.
    assert any("/phien-ban/" in name for name in checked), checked
    assert sum(1 for name in checked if name.startswith("lay-y-kien/")) >= 3, checked
