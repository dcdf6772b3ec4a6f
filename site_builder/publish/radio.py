"""A nominee list as an announcement to read aloud: the radio, the commune's loudspeakers.

Plain text (UTF-8), written for the ear: dates in words ("ngày 16 tháng 11 năm 2026"),
document numbers as they are spoken ("Nghị định số 152 năm 2025 của Chính phủ"), e-mail
and web addresses spelt out, the nominees by group with their honorifics, positions and
units. A long list is not read name by name: past RADIO_MAX_NAMES nominees, the text names the
groups and their counts and says where the full list is posted (docs/consultation.md).
Pure: the model in, text out; the list's page shows the reading time it returns.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from .. import vietnamese as vn
from ..inputs.records import CommentChannels, DocumentRef, Nominee, NomineeList
from ..model.site_model import SiteModel

# An announcer reads about 150 words a minute (the pace the issue set for the page's estimate).
WORDS_PER_MINUTE: Final = 150
# Past this many nominees the text summarises the groups. A nominee's line is 15-25 words, so 30
# names are 3-4 minutes of reading: about what a commune's bulletin gives one notice; the 80
# names of a provincial list would take 10 minutes nobody listens to.
RADIO_MAX_NAMES: Final = 30

# Who issues a document, from the tail of its number, as it is said aloud.
_ISSUERS: Final[dict[str, str]] = {
    "NĐ-CP": "của Chính phủ",
    "QĐ-TTg": "của Thủ tướng Chính phủ",
    "CT-TTg": "của Thủ tướng Chính phủ",
    "TT-BNV": "của Bộ Nội vụ",
}
_NUMBER = re.compile(r"^(\d+)/(\d{4})/([^/\s]+)$")
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    """One line of the announcement: a field's own line breaks could forge a line of it."""
    return _SPACES.sub(" ", text).strip()


def spoken_number(kind: str, number: str) -> str:
    """'Nghị định số 152 năm 2025 của Chính phủ' for 'Nghị định', '152/2025/NĐ-CP'; a number
    without a year ('5376/TTr-UBND') is read as its figure."""
    match = _NUMBER.match(number)
    if match:
        figure, year, tail = match.groups()
        issuer = _ISSUERS.get(tail) or ("của Quốc hội" if tail.startswith("QH") else "")
        return _clean(f"{kind} số {figure} năm {year} {issuer}")
    return _clean(f"{kind} số {number.split('/', 1)[0]}")


def spoken_document(document: DocumentRef) -> str:
    return f"{spoken_number(document.kind, document.number)} {vn.date_long(document.date)}"


def spelt(address: str) -> str:
    """An e-mail or web address as it is read out: 'gopy chấm tdkt a còng example chấm gov chấm vn'."""
    address = re.sub(r"^https?://", "", address).rstrip("/")
    words = {"@": " a còng ", ".": " chấm ", "-": " gạch ngang ", "_": " gạch dưới ", "/": " gạch chéo "}
    return _clean("".join(words.get(char, char) for char in address))


def _nominee(nominee: Nominee) -> str:
    who = f"{nominee.honorific} {nominee.name}" if nominee.honorific else nominee.name
    parts = [who, *(part for part in (nominee.position, nominee.unit, nominee.locality) if part)]
    return _clean(", ".join(parts))


def _kinds(nominees: list[Nominee]) -> str:
    counts: dict[str, int] = {}
    for nominee in nominees:
        counts[nominee.recipient_kind] = counts.get(nominee.recipient_kind, 0) + 1
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())


def _where(site_url: str, title: str) -> str:
    """Where the list is on the site, as it can be said: the host spelt out, then the section."""
    title = _clean(title)
    # Most titles start "Danh sách ...": said once, not "danh sách Danh sách".
    named = title[:1].lower() + title[1:] if title.lower().startswith("danh sách") else f"danh sách {title}"
    return f"trang {spelt(site_url)}, mục Lấy ý kiến nhân dân, {named}"


def _channels(channels: CommentChannels, where: str) -> list[str]:
    lines = []
    if channels.form_url:
        lines.append(f"- Qua biểu mẫu góp ý trực tuyến trên {where}.")
    else:
        lines.append(f"- Xem danh sách trên {where}.")
    if channels.email:
        lines.append(f"- Qua thư điện tử, gửi tới địa chỉ: {spelt(channels.email)}.")
    if channels.postal_address:
        lines.append(f"- Qua đường bưu điện, gửi về: {_clean(channels.postal_address)}.")
    if channels.phone:
        lines.append(f"- Qua điện thoại, gọi số: {_clean(channels.phone)}.")
    return lines


@dataclass(frozen=True)
class Announcement:
    text: str
    words: int
    summarised: bool  # groups named instead of every nominee

    @property
    def minutes(self) -> int:
        """Reading time in whole minutes, rounded up, at WORDS_PER_MINUTE."""
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))


def announcement(model: SiteModel, lid: str, item: NomineeList) -> Announcement:
    """The text to read aloud for one list (see the module's docstring)."""
    data = model.data
    settings = data.settings.consultation
    channels = item.channels or settings.channels
    where = _where(data.settings.url, item.title)
    rule = model.rules[lid]
    window = model.windows[lid]
    rows = model.rows[lid]
    summarised = len(rows) > RADIO_MAX_NAMES
    lines = [
        "THÔNG BÁO LẤY Ý KIẾN NHÂN DÂN",
        _clean(item.title),
        "",
        _clean(
            f"{item.proposing_body} thông báo lấy ý kiến nhân dân về danh sách đề nghị khen thưởng, "
            f"theo {spoken_document(item.proposing_document)}."
        ),
    ]
    if rule is not None:
        source = rule.source
        dated = f", ban hành {vn.date_long(source.date)}" if source.date else ""
        lines.append(
            _clean(
                f"Căn cứ {source.article} {spoken_number(source.kind, source.number)}{dated}, danh sách được công "
                f"khai ít nhất {rule.min_working_days} ngày làm việc {rule.where} để nhân dân góp ý."
            )
        )
    for basis in item.legal_basis:
        lines.append(_clean(f"Căn cứ {spoken_document(basis)}."))
    lines += [
        "",
        f"Thời gian lấy ý kiến: {window.text}.",
        "",
        f"Danh sách gồm {len(rows)} cá nhân, tập thể, trong {len(item.groups)} nhóm.",
    ]
    for number, group in enumerate(item.groups, start=1):
        award = data.awards[group.award].name
        lines += ["", _clean(f"Nhóm {number}: đề nghị tặng {award}, gồm {_kinds(group.nominees)}.")]
        if not summarised:
            numbers = {row.nominee.id: row.number for row in rows}
            lines += [f"Số {numbers[n.id]}: {_nominee(n)}." for n in group.nominees]
    if summarised:
        lines += [
            "",
            _clean(
                f"Danh sách có {len(rows)} cá nhân, tập thể nên không đọc hết tên trong bản tin này. Danh sách đầy "
                f"đủ, có họ tên, chức vụ, đơn vị và thành tích của từng người, được đăng trên {where}, và "
                f"niêm yết tại trụ sở {item.proposing_body}."
            ),
        ]
    lines += ["", "Nhân dân góp ý bằng một trong các cách sau:", *_channels(channels, where)]
    requirements = item.comment_requirements or settings.comment_requirements
    if requirements:
        lines.append(_clean(requirements))
    lines += ["", f"Hạn cuối nhận góp ý: hết {vn.date_long(window.closes)}."]
    after = item.after_deadline or settings.after_deadline
    if after:
        lines.append(_clean(after))
    lines += ["", "Xin trân trọng thông báo.", ""]
    text = "\n".join(lines)
    return Announcement(text, len(text.split()), summarised)
