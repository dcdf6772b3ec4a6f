"""Every rule of a public consultation, in one place.

Working days, the window's first and last moments, the state of a list at a moment, the
"closing soon" rule, the order and labels of states and the sentence that states a window.
Pages, feeds, files and validation call these; the browser script (overrides/assets/
consultation.js) reads the thresholds, holidays and labels from data the pages carry
(`browser_rules`), so it holds no second copy of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from .. import vietnamese as vn
from ..inputs.records import Award, AwardLevel, ConsultationRule, NomineeList

TZ: Final = ZoneInfo("Asia/Ho_Chi_Minh")

STATE_LABELS: Final[dict[str, str]] = {
    "upcoming": "Sắp lấy ý kiến",
    "open": "Đang lấy ý kiến",
    "closing": "Sắp hết hạn góp ý",
    "closed": "Đã hết hạn góp ý",
    "decided": "Đã có kết quả",
}
# Where each state is listed: lists taking comments first, then upcoming, then finished ones.
STATE_GROUPS: Final[dict[str, str]] = {
    "open": "open",
    "closing": "open",
    "upcoming": "upcoming",
    "closed": "closed",
    "decided": "closed",
}
GROUP_ORDER: Final[tuple[str, ...]] = ("open", "upcoming", "closed")


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


def window_text(opens: date, closes: date) -> str:
    """The sentence that states a window: 'từ ngày 16 tháng 11 năm 2026 đến hết ngày …'."""
    return f"từ {vn.date_long(opens)} đến hết {vn.date_long(closes)}"


def closing_since(item: NomineeList, holidays: Mapping[date, str], closing_soon: int) -> date:
    """The first day on which the list counts as closing soon (see `status`)."""
    day = item.consultation.opens
    while day < item.consultation.closes and working_days(day, item.consultation.closes, holidays) > closing_soon:
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Window:
    """The facts of one list's window that pages, feeds and files show."""

    opens: date
    closes: date
    opens_at: datetime
    closes_at: datetime
    working_days: int
    closing_since: date
    holidays: tuple[date, ...]  # public holidays inside the window, for the browser's count

    @property
    def text(self) -> str:
        return window_text(self.opens, self.closes)


def window(item: NomineeList, holidays: Mapping[date, str], closing_soon: int) -> Window:
    consultation = item.consultation
    return Window(
        consultation.opens,
        consultation.closes,
        opens_at(item),
        closes_at(item),
        working_days(consultation.opens, consultation.closes, holidays),
        closing_since(item, holidays, closing_soon),
        tuple(sorted(d for d in holidays if consultation.opens <= d <= consultation.closes)),
    )


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

    @property
    def group(self) -> str:
        return STATE_GROUPS[self.state]


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


def group_lists(statuses: Mapping[str, Status], lists: Mapping[str, NomineeList]) -> dict[str, list[str]]:
    """Lists taking comments (closing soonest first), upcoming (opening soonest first), finished (latest first)."""
    groups: dict[str, list[str]] = {name: [] for name in GROUP_ORDER}
    for lid, state in statuses.items():
        groups[state.group].append(lid)
    groups["open"].sort(key=lambda lid: (lists[lid].consultation.closes, lid))
    groups["upcoming"].sort(key=lambda lid: (lists[lid].consultation.opens, lid))
    groups["closed"].sort(key=lambda lid: (lists[lid].consultation.closes, lid), reverse=True)
    return groups


def browser_rules(closing_soon: int) -> dict[str, object]:
    """What consultation.js needs besides each window's dates: the threshold and the labels."""
    return {"closing_soon": closing_soon, "labels": STATE_LABELS}


# -- the rules of law, as data (data/rules.yml) ------------------------------------------------


def rules_in_force(
    rules: Sequence[ConsultationRule], day: date, award: Award, begun: date | None = None
) -> list[ConsultationRule]:
    """The rules in force on day for an award: those naming it, else those of its level. For a
    file begun on `begun` (its proposing document's date), a transitional rule that covers it
    (files begun under the old decree) wins over the general ones; without `begun`, the general."""
    current = [rule for rule in rules if rule.in_force(day)]
    if begun is not None:
        transitional = [rule for rule in current if rule.files_begun_before is not None and rule.covers_file(begun)]
        if found := _covering(transitional, award):
            return found
    return _covering([rule for rule in current if rule.files_begun_before is None], award)


def _covering(rules: Sequence[ConsultationRule], award: Award) -> list[ConsultationRule]:
    named = [rule for rule in rules if award.id in rule.awards]
    return named or [rule for rule in rules if not rule.awards and award.level in rule.levels]


def rule_for(
    item: NomineeList, awards: Mapping[str, Award], rules: Sequence[ConsultationRule]
) -> ConsultationRule | None:
    """The rule a list follows: in force on its opening day, for its awards and its file (a file
    begun under Decree 98/2023 follows the transitional clause); the strictest where its awards
    fall under several. None where no rule covers its awards."""
    found: list[ConsultationRule] = []
    begun = item.proposing_document.date
    for group in item.groups:
        if group.award in awards:
            found.extend(rules_in_force(rules, item.consultation.opens, awards[group.award], begun))
    return max(found, key=lambda rule: rule.min_working_days, default=None)


def rule_for_level(rules: Sequence[ConsultationRule], day: date, level: AwardLevel) -> ConsultationRule | None:
    """The general rule in force on day for a level of awards (the state level on index pages);
    transitional rules are for old files only, never the general statement."""
    found = [
        rule
        for rule in rules
        if rule.in_force(day) and not rule.awards and level in rule.levels and rule.files_begun_before is None
    ]
    return max(found, key=lambda rule: rule.min_working_days, default=None)


# -- after the window: the public's feedback --------------------------------------------------


@dataclass(frozen=True)
class FeedbackState:
    """Where the compiling of comments stands for a closed list, at the build clock."""

    stage: str  # "đang tổng hợp ý kiến", "đã báo cáo Hội đồng" or "đã công bố"
    expected: date | None
    late: bool
    published: bool


def feedback_state(item: NomineeList, today: date) -> FeedbackState | None:
    """None while the window is open; "đang tổng hợp ý kiến" once closed without feedback. Late
    once past the expected date (the feedback's, else the decision expected) and not published."""
    if today <= item.consultation.closes:
        return None
    feedback = item.feedback
    if feedback is None:
        expected = item.consultation.decision_expected if item.outcome is None else None
        return FeedbackState("đang tổng hợp ý kiến", expected, expected is not None and today > expected, False)
    published = feedback.status == "đã công bố"
    return FeedbackState(feedback.status, feedback.expected, not published and today > feedback.expected, published)
