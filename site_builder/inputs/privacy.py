"""Personal data that must never be published (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).

Official notices publish name, position, unit, locality, award and achievements. ID numbers,
phone numbers, exact birth dates and street addresses of nominees are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# 9-digit CMND or 12-digit CCCD, possibly written in groups ("0791 2345 6789").
_ID_NUMBER = re.compile(r"(?<![\d/.,-])(?:(?:\d[ .]?){11}|(?:\d[ .]?){8})\d(?!\d|[/.,-]\d|\s*(?:đồng|VNĐ|USD))")
# Vietnamese phone numbers: 0 or +84, then 9 or 10 digits, possibly grouped.
_PHONE = re.compile(r"(?<![\d.,])(?:\+84|0)(?:[ .-]?\d){8,10}(?![\d])")
_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d{2}"
_BIRTH = re.compile(rf"(?:sinh|ngày sinh|sn)\s*(?:ngày|:)?\s*(?:{_DATE})", re.IGNORECASE)
_STREET = re.compile(
    r"(?:\bsố\s+(?:nhà\s+)?\d+[A-Za-z]?(?:/\d+)*\s*,?\s*(?:đường|phố|ngõ|ngách|hẻm|kiệt)\b)"
    r"|(?:\b\d+[A-Za-z]?(?:/\d+)+\s+(?:đường|phố)\b)"
    r"|(?:\b(?:ngõ|ngách|hẻm|kiệt)\s+\d+)",
    re.IGNORECASE,
)

# Keys an editor might add for data that has no place on the site.
PERSONAL_KEYS = {
    "birth_date": "ngày sinh",
    "date_of_birth": "ngày sinh",
    "birthday": "ngày sinh",
    "ngay_sinh": "ngày sinh",
    "id_number": "số căn cước",
    "cccd": "số căn cước",
    "cmnd": "số chứng minh nhân dân",
    "phone": "số điện thoại",
    "so_dien_thoai": "số điện thoại",
    "address": "địa chỉ",
    "dia_chi": "địa chỉ",
    "home_address": "địa chỉ nhà riêng",
    "religion": "tôn giáo",
    "ton_giao": "tôn giáo",
    "ethnicity": "dân tộc",
    "dan_toc": "dân tộc",
    "health": "tình trạng sức khỏe",
    # Those who comment on a list are never named (feedback): no field may hold them.
    "commenter": "thông tin người góp ý",
    "commenters": "thông tin người góp ý",
    "nguoi_gop_y": "thông tin người góp ý",
    "sender": "thông tin người góp ý",
    "email": "địa chỉ thư điện tử",
    "e_mail": "địa chỉ thư điện tử",
}


# Cheap gates, run on the case-folded text: each matches wherever its full pattern above could
# match, and most texts, long stories included, pass none of them. The full patterns
# (case-insensitive, with look-arounds) cost ten times more per character.
_DIGIT_RUN = re.compile(r"\d(?:[ .-]?\d){8}")  # nine digits, at most one space, dot or dash apart
_BIRTH_GATE = re.compile(r"s(?:inh|n)\s*(?:ngày|:)?\s*(?:\d|ngày)")
_STREET_AFTER_NUMBER = re.compile(r"\d[a-z]?(?:/\d+)*\s*,?\s*(?:đường|phố|ngõ|ngách|hẻm|kiệt)")
_LANE_WORDS = ("ngõ", "ngách", "hẻm", "kiệt")
_LANE_NUMBER = re.compile(r"(?:ngõ|ngách|hẻm|kiệt)\s+\d")

# Joins the texts of one record for a single pass: no pattern or gate crosses it.
SEPARATOR = "\x00"


@dataclass(frozen=True)
class Finding:
    """Personal data found in a text: what it is and the text that holds it."""

    what: str  # "số điện thoại"
    found: str  # the matched text, as written

    @property
    def masked(self) -> str:
        """The match with all but its first and last digit hidden, so messages and CI logs do not repeat it."""
        if "@" in self.found:
            local, _, domain = self.found.partition("@")
            return f"{local[:1]}***@{domain}"
        digits = [i for i, ch in enumerate(self.found) if ch.isdigit()]
        keep = {digits[0], digits[-1]} if len(digits) > 2 else set(digits)
        return "".join("*" if ch.isdigit() and i not in keep else ch for i, ch in enumerate(self.found))

    def __str__(self) -> str:
        return f"có {self.what} ('{self.masked}')"


def findings(text: str) -> Iterator[Finding]:
    """The personal data a text holds."""
    folded = text.casefold()
    if _BIRTH_GATE.search(folded) and (match := _BIRTH.search(text)):
        yield Finding("ngày sinh", match.group(0))
    if _DIGIT_RUN.search(text):
        if match := _PHONE.search(text):
            yield Finding("số điện thoại", match.group(0))
        elif match := _ID_NUMBER.search(text):
            yield Finding("dãy số giống số căn cước, chứng minh nhân dân", match.group(0))
    street = _STREET_AFTER_NUMBER.search(folded) or (
        any(word in folded for word in _LANE_WORDS) and _LANE_NUMBER.search(folded)
    )
    if street and (match := _STREET.search(text)):
        yield Finding("địa chỉ nhà riêng", match.group(0))


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A quotation of a comment: text of some length between quotation marks.
_QUOTE = re.compile(r"[“\"«][^”\"»]{12,}[”\"»]")


def commenter_findings(text: str) -> Iterator[Finding]:
    """What would identify someone who commented: personal data, an e-mail address, a quotation."""
    yield from findings(text)
    if "@" in text and (match := _EMAIL.search(text)):
        yield Finding("địa chỉ thư điện tử", match.group(0))
    if match := _QUOTE.search(text):
        yield Finding("trích nguyên văn ý kiến", match.group(0)[:40])
