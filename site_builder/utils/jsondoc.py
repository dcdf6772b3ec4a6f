"""JSON files as the site publishes them: two-space indent, text as written (not \\u escapes),
one line end at the end.

orjson writes the bytes of `json.dumps(value, ensure_ascii=False, indent=2) + "\\n"` for the
values these files hold (text, whole numbers, booleans, null, lists, objects with text keys),
seven times faster: with an indent, Python's json runs its pure-Python encoder, 0.5 s of every
build at 10,000 exemplars for the nominee lists' files and versions alone. Those bytes must not
change, since a version's SHA-256 is published; tests/test_jsondoc.py compares both encoders on
tricky values and checks every indented JSON file of the sample site against json.dumps.
Floats are not for these files: orjson writes some otherwise (1e-07 as 1e-7). Dates and
dataclasses are refused as json.dumps refuses them, not written as orjson would.
"""

from __future__ import annotations

from typing import Any

import orjson

_OPTIONS = (
    orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)


def pretty(value: Any) -> bytes:
    """value as an indented JSON file, UTF-8."""
    return orjson.dumps(value, option=_OPTIONS)
