"""Consultation windows: working days and the state of a nominee list at a moment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .records import NomineeList

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

STATE_LABELS = {
    "upcoming": "Sắp lấy ý kiến",
    "open": "Đang lấy ý kiến",
    "closing": "Sắp hết hạn góp ý",
    "closed": "Đã hết hạn góp ý",
    "decided": "Đã có kết quả",
}


def is_working_day(day: date, holidays: Mapping[date, str]) -> bool:
    return day.weekday() < 5 and day not in holidays


def working_days(start: date, end: date, holidays: Mapping[date, str]) -> int:
    """Working days from start to end, both included."""
    count = 0
    day = start
    while day <= end:
        if is_working_day(day, holidays):
            count += 1
        day += timedelta(days=1)
    return count


def opens_at(nominee_list: NomineeList) -> datetime:
    return datetime.combine(nominee_list.consultation.opens, time(0, 0), TZ)


def closes_at(nominee_list: NomineeList) -> datetime:
    """The window closes at the end of its last day, Vietnam time."""
    return datetime.combine(nominee_list.consultation.closes + timedelta(days=1), time(0, 0), TZ)


@dataclass(frozen=True)
class Status:
    state: str
    working_days_left: int
    days_left: int

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def accepting(self) -> bool:
        return self.state in ("open", "closing")


def status(nominee_list: NomineeList, now: datetime, holidays: Mapping[date, str], closing_soon: int = 3) -> Status:
    today = now.astimezone(TZ).date()
    window = nominee_list.consultation
    if now < opens_at(nominee_list):
        return Status("upcoming", working_days(window.opens, window.closes, holidays), (window.opens - today).days)
    if now >= closes_at(nominee_list):
        return Status("decided" if nominee_list.outcome is not None else "closed", 0, 0)
    left = working_days(today, window.closes, holidays)
    state = "closing" if left <= closing_soon else "open"
    return Status(state, left, (window.closes - today).days + 1)
