"""The rules of one record as data, for the web editor's check before a save.

`validate` is Python; the editor is a page. What the page needs to refuse what `validate`
refuses is written here from the same sources, so that no table, bound or pattern has a second
copy: the record types' schemas (records.py through pydantic, with which texts are stripped),
the reference files of the data being built (awards and their recipients, provinces and their
former names, fields, campaigns, the rules of law with their dates, holidays, the default
comment channels), the personal-data patterns of privacy.py (translated to JavaScript's regular
expressions with Unicode classes), the control characters of guard.py and the bounds of
plausible dates. `editor/rulebook.js` evaluates them; tests/validation/test_rulebook_parity.py
runs a corpus through both and requires the same verdict and message for every record.

Every build writes it beside the editor page (`/quan-tri/rulebook.json`).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from ..inputs import privacy
from ..inputs.guard import CONTROL
from ..inputs.load import _PATTERN_HINTS, MAX_PROBLEMS_PER_FILE, PLACEHOLDER, Dataset
from ..inputs.records import IMAGE_RE, KIND_MODELS
from ..model.comments import PLACEHOLDERS
from ..model.fingerprint import SHOWN_LABELS
from .validate import (
    EARLIEST_DATE,
    EARLIEST_HISTORIC_DATE,
    HISTORIC_KEYS,
    PERIOD_KEYS,
    YEARS_AHEAD,
    YEARS_AHEAD_PERIOD,
)

# The messages and the logic are the evaluator's; a change of shape here is a change there.
VERSION = 1


class _Schema(GenerateJsonSchema):
    """JSON Schema plus what pydantic does that JSON Schema does not say: which texts it strips
    before measuring them (a name of 201 characters with a trailing space passes)."""

    def str_schema(self, schema: Any) -> dict[str, Any]:
        out = super().str_schema(schema)
        if schema.get("strip_whitespace"):
            out["x-strip"] = True
        return out


_CLASS_WORD = r"\p{L}\p{N}_"
# Escapes JavaScript's 'u' flag keeps: classes, controls, codes and the syntax characters.
_KEPT_ESCAPES = set("sSDWBntrfv0xu") | set("^$\\.*+?()[]{}|/")
_BOUNDARY = rf"(?:(?<=[{_CLASS_WORD}])(?![{_CLASS_WORD}])|(?<![{_CLASS_WORD}])(?=[{_CLASS_WORD}]))"


def js_pattern(pattern: str) -> str:
    """A Python pattern as a JavaScript one with the 'u' flag, with Python's Unicode meaning of
    \\d, \\w and \\b (JavaScript's are ASCII: "phố" would end before its last letter)."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            code = pattern[index + 1]
            if code == "d":
                out.append(r"\p{Nd}")
            elif code == "w":
                out.append(_CLASS_WORD if in_class else f"[{_CLASS_WORD}]")
            elif code == "b" and not in_class:
                out.append(_BOUNDARY)
            elif code in _KEPT_ESCAPES or (code == "-" and in_class):
                out.append(char + code)
            else:
                out.append(code)  # '\\"' in Python is '"'; the 'u' flag refuses escapes of plain letters
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        # Control characters and lone surrogates (guard.CONTROL's) written as escapes: JSON in
        # UTF-8 cannot hold a lone surrogate, and an escape reads the same in a pattern.
        unprintable = not char.isprintable() or "\ud800" <= char <= "\udfff"
        out.append(f"\\u{ord(char):04x}" if unprintable and ord(char) <= 0xFFFF else char)
        index += 1
    return "".join(out)


def _regex(compiled: re.Pattern[str]) -> dict[str, str]:
    flags = "u" + ("i" if compiled.flags & re.IGNORECASE else "")
    return {"source": js_pattern(compiled.pattern), "flags": flags}


def _translated(node: Any) -> Any:
    """A JSON Schema whose patterns are JavaScript's (js_pattern)."""
    if isinstance(node, dict):
        return {key: js_pattern(value) if key == "pattern" else _translated(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_translated(value) for value in node]
    return node


def schemas() -> dict[str, Any]:
    return {kind: _translated(model.model_json_schema(schema_generator=_Schema)) for kind, model in KIND_MODELS.items()}


def rulebook(data: Dataset) -> dict[str, Any]:
    """Everything editor/rulebook.js reads, for this data folder's reference files."""
    settings = data.settings
    return {
        "version": VERSION,
        "schemas": schemas(),
        "max_problems": MAX_PROBLEMS_PER_FILE,
        "patterns": {
            "image": js_pattern(IMAGE_RE),
            "hints": {js_pattern(pattern): hint for pattern, hint in _PATTERN_HINTS.items()},
        },
        "placeholder": PLACEHOLDER,
        "form_placeholders": list(PLACEHOLDERS),
        "control": {"source": js_pattern(CONTROL.pattern), "flags": "u"},
        "privacy": {
            "id_number": _regex(privacy._ID_NUMBER),
            "phone": _regex(privacy._PHONE),
            "birth": _regex(privacy._BIRTH),
            "street": _regex(privacy._STREET),
            "digit_run": _regex(privacy._DIGIT_RUN),
            "birth_gate": _regex(privacy._BIRTH_GATE),
            "street_after_number": _regex(privacy._STREET_AFTER_NUMBER),
            "lane_words": list(privacy._LANE_WORDS),
            "lane_number": _regex(privacy._LANE_NUMBER),
            "email": _regex(privacy._EMAIL),
            "quote": _regex(privacy._QUOTE),
            "keys": privacy.PERSONAL_KEYS,
        },
        "dates": {
            "earliest": EARLIEST_DATE.isoformat(),
            "earliest_historic": EARLIEST_HISTORIC_DATE.isoformat(),
            "historic_keys": list(HISTORIC_KEYS),
            "years_ahead": YEARS_AHEAD,
            "period_keys": list(PERIOD_KEYS),
            "years_ahead_period": YEARS_AHEAD_PERIOD,
        },
        "provinces": {
            pid: {"kind": p.kind, "name": p.name, "former": list(p.former)} for pid, p in data.provinces.items()
        },
        "awards": {
            aid: {"name": a.name, "recipients": list(a.recipients), "level": a.level} for aid, a in data.awards.items()
        },
        "fields": list(settings.fields),
        "campaigns": {cid: {"title": c.title, "parent": c.parent} for cid, c in data.campaigns.items()},
        "failed_campaigns": sorted(key.split("/", 1)[1] for key in data.failed if key.startswith("campaigns/")),
        "rules": [
            {
                "id": rule.id,
                "min_working_days": rule.min_working_days,
                "levels": list(rule.levels),
                "awards": list(rule.awards),
                "in_force_from": rule.in_force_from.isoformat(),
                "in_force_until": rule.in_force_until.isoformat() if rule.in_force_until else None,
                "files_begun_before": rule.files_begun_before.isoformat() if rule.files_begun_before else None,
                "label": rule.source.label(),
            }
            for rule in data.rules
        ],
        "holidays": sorted(day.isoformat() for day in data.holidays),
        "channels": settings.consultation.channels.model_dump(mode="json"),
        # The lists published with this build (/quan-tri/da-cong-bo/<id>.json): no request for others.
        "published": {"shown": PUBLISHED_SHOWN, "lists": sorted(data.nominations)},
    }


# What a list's page shows from the list's own file (fingerprint.shown), each with the words a
# message names it by: changed after the window opened, it needs an amendment.
PUBLISHED_SHOWN: dict[str, str] = {
    **{key: SHOWN_LABELS[key] for key in ("title", "summary", "proposing_body", "proposing_document", "legal_basis")},
    "consultation": SHOWN_LABELS["consultation"],
    "short_window_reason": SHOWN_LABELS["short_window_reason"],
    "province": "mã tỉnh, thành phố",
    "campaign": "mã phong trào",
    "groups": "người, tập thể được đề nghị và thông tin của họ",
    **{
        key: SHOWN_LABELS[key]
        for key in ("channels", "comment_requirements", "after_deadline", "notice", "first_published")
    },
}


def published_lists(data: Dataset) -> dict[str, dict[str, Any]]:
    """Each nominee list as the site publishes it, for the editor to compare a change with."""
    return {lid: {"record": item.model_dump(mode="json")} for lid, item in data.nominations.items()}
