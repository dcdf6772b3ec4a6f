"""The fingerprint of a nominee list: a SHA-256 over what the public was shown.

Computed by the build from the data; nobody writes or edits it. Whether a published list
changed without an amendment is checked against git history (history.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .records import NomineeList


def published_content(nominee_list: NomineeList) -> dict[str, Any]:
    """What the public was shown: the proposal, its window and every nominee entry."""
    return {
        "title": nominee_list.title,
        "proposing_body": nominee_list.proposing_body,
        "proposing_document": nominee_list.proposing_document.model_dump(mode="json"),
        "consultation": {
            "opens": nominee_list.consultation.opens.isoformat(),
            "closes": nominee_list.consultation.closes.isoformat(),
        },
        "groups": [group.model_dump(mode="json") for group in nominee_list.groups],
    }


def fingerprint(nominee_list: NomineeList) -> str:
    canonical = json.dumps(published_content(nominee_list), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
