"""Comment links for one nominee: a prefilled web form and a prefilled email."""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from urllib.parse import quote

from ..inputs.records import CommentChannels, Nominee, NomineeList

# Placeholders a form URL template may use; values are percent-encoded as UTF-8.
PLACEHOLDERS = ("list_title", "list_id", "list_url", "award", "nominee", "nominee_id", "unit")


def placeholders(template: str) -> list[str]:
    """The placeholder names in a form URL template ("{nominee}" -> "nominee")."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError:
        return ["{"]


def unknown_placeholders(template: str) -> list[str]:
    return [name for name in placeholders(template) if name not in PLACEHOLDERS]


def display_name(nominee: Nominee) -> str:
    return f"{nominee.honorific} {nominee.name}" if nominee.honorific else nominee.name


@functools.lru_cache(maxsize=8192)
def _quoted(value: str) -> str:
    # A list's title, URL and award repeat on each of its 20-80 rows.
    return quote(value, safe="")


_LINE_BREAK = quote("\r\n", safe="")
# What follows the lines about the nominee in every prefilled email: room for the comment and the
# commenter's name and contacts.
_FORM_TAIL = _LINE_BREAK + _LINE_BREAK.join(
    quote(line, safe="")
    for line in ["", "Nội dung góp ý:", "", "", "Họ tên người góp ý:", "Địa chỉ liên hệ:", "Số điện thoại:"]
)


def unit_text(nominee: Nominee) -> str:
    return ", ".join(part for part in (nominee.position, nominee.unit) if part)


@dataclass(frozen=True)
class CommentLinks:
    form: str | None
    email: str | None


def links(
    channels: CommentChannels,
    list_id: str,
    nominee_list: NomineeList,
    list_url: str,
    award_name: str = "",
    nominee: Nominee | None = None,
) -> CommentLinks:
    """The links a reader taps to comment, already filled in: on one nominee, or on the whole list."""
    who = display_name(nominee) if nominee else ""
    unit = unit_text(nominee) if nominee else ""
    values = {
        "list_title": nominee_list.title,
        "list_id": list_id,
        "list_url": list_url,
        "award": award_name,
        "nominee": who,
        "nominee_id": nominee.id if nominee else "",
        "unit": unit,
    }
    form = None
    if channels.form_url:
        encoded = {key: _quoted(value) for key, value in values.items()}
        form = channels.form_url.format(**encoded)
    email = None
    if channels.email:
        if nominee is not None:
            subject = f"Góp ý: {who} - {award_name}"
            about = [
                f"Danh sách: {nominee_list.title}",
                f"Hình thức khen thưởng: {award_name}",
                f"Người, tập thể được góp ý: {who}" + (f" ({unit})" if unit else ""),
                f"Trang danh sách: {list_url}#{nominee.id}",
            ]
        else:
            subject = f"Góp ý: {nominee_list.title}"
            about = [f"Danh sách: {nominee_list.title}", f"Trang danh sách: {list_url}"]
        # RFC 6068: spaces and line breaks percent-encoded, never "+". Encoded line by line (the
        # same as the whole, character by character): the lines of a list and the form's tail
        # repeat on each of its rows, and quote() was a third of rendering the lists' pages.
        body = _LINE_BREAK.join(_quoted(line) for line in about) + _FORM_TAIL
        email = f"mailto:{channels.email}?subject={quote(subject, safe='')}&body={body}"
    return CommentLinks(form, email)
