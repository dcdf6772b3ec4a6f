"""What the public was shown of a nominee list, to compare two states of it.

Whether a published list changed without an amendment is checked against git history
(history.py); the fingerprint a page shows is the SHA-256 of its version file (versions.py).
"""

from __future__ import annotations

from typing import Any

from ..inputs.load import Dataset
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


# What shown() covers beyond the list's own proposal, each with the words a message uses for it.
# Left out on purpose: amendments and corrections (rules of their own), the outcome (a decided
# list's rule), consultation.decision_expected (a forecast the office updates) and old_ids.
SHOWN_LABELS: dict[str, str] = {
    "title": "tiêu đề",
    "summary": "tóm tắt",
    "proposing_body": "cơ quan đề nghị",
    "proposing_document": "tờ trình",
    "legal_basis": "căn cứ pháp lý",
    "consultation": "thời gian lấy ý kiến",
    "short_window_reason": "lý do rút ngắn thời gian lấy ý kiến",
    "province": "tỉnh, thành phố",
    "campaign": "phong trào",
    "awards": "tên hình thức khen thưởng",
    "channels": "cách gửi góp ý",
    "comment_requirements": "nội dung góp ý cần có",
    "after_deadline": "việc sau khi hết hạn góp ý",
    "privacy_notice": "thông báo bảo vệ thông tin người góp ý",
    "notice": "thông tin in trên thông báo niêm yết",
    "first_published": "nơi, ngày công khai lần đầu",
    "organisation": "tên cơ quan trên trang",
}
# Where a fact shown about a list is kept when it is not in the list's own file.
SHOWN_SOURCES: dict[str, str] = {
    "province": "data/provinces.yml",
    "campaign": "data/campaigns/",
    "awards": "data/awards.yml",
    "channels": "data/site.yml",
    "comment_requirements": "data/site.yml",
    "after_deadline": "data/site.yml",
    "privacy_notice": "data/site.yml",
    "organisation": "data/site.yml",
}


def shown(item: NomineeList, data: Dataset) -> dict[str, Any]:
    """Everything the list's page and printed notice show about the list, from whichever file it
    comes: its own fields, the award names of the catalogue, its province's and campaign's names,
    the site's default comment channels and notices. Two states of a list that give the same
    dict showed the public the same list."""
    settings = data.settings.consultation
    province = data.provinces.get(item.province) if item.province else None
    campaign = data.campaigns.get(item.campaign) if item.campaign else None
    return {
        **published_content(item),
        "summary": item.summary,
        "legal_basis": [document.model_dump(mode="json") for document in item.legal_basis],
        "short_window_reason": item.consultation.short_window_reason,
        "province": province.model_dump(mode="json") if province else item.province,
        "campaign": campaign.title if campaign else item.campaign,
        "awards": {
            group.award: data.awards[group.award].model_dump(mode="json") if group.award in data.awards else None
            for group in item.groups
        },
        "channels": (item.channels or settings.channels).model_dump(mode="json"),
        "comment_requirements": item.comment_requirements or settings.comment_requirements,
        "after_deadline": item.after_deadline or settings.after_deadline,
        "privacy_notice": settings.privacy_notice,
        "notice": item.notice.model_dump(mode="json") if item.notice else None,
        "first_published": item.first_published.model_dump(mode="json") if item.first_published else None,
        "organisation": data.settings.organisation,
    }


def decided(item: NomineeList) -> dict[str, Any] | None:
    """What a decided list shows of its decision: the outcome and every nominee's result."""
    return item.outcome.model_dump(mode="json") if item.outcome else None
