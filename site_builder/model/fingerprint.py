"""What the public was shown of a nominee list, to compare two states of it.

Whether a published list changed without an amendment is checked against git history
(history.py); the fingerprint a page shows is the SHA-256 of its version file (versions.py).
"""

from __future__ import annotations

from typing import Any

from ..inputs.records import NomineeList


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
