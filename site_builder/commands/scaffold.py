"""`site-builder new`: a record to fill in, from a template commented in Vietnamese.

The template names every field (what it is, an example, required or not) and lists the values
the data already holds (provinces, fields, awards, campaigns). What the editor must still
write is marked "ĐIỀN: …"; validation names each such field until it is filled
(load.placeholder_problems).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..inputs.load import PLACEHOLDER, load_reference
from ..inputs.records import (
    RESERVED_PREFIXES,
    AwardCatalogue,
    HolidayList,
    ProvinceList,
    RuleBook,
    SiteSettings,
    is_record_id,
)
from ..model.consultation import rule_for_level, working_days
from ..problems import Problem
from ..urls import URLS

# The kinds `new` makes: the word an editor types -> (data folder, template, page URL of an id).
KINDS: dict[str, tuple[str, str]] = {
    "exemplar": ("exemplars", "exemplar"),
    "campaign": ("campaigns", "campaign"),
    "list": ("nominations", "nomination"),
}


class ScaffoldError(Exception):
    """The record cannot be written; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Written:
    path: Path
    placeholders: int


def _window(start: date, minimum: int, holidays: dict[date, str]) -> date:
    """The first closing day that gives the window `minimum` working days."""
    day = start
    while working_days(start, day, holidays) < minimum:
        day += timedelta(days=1)
    return day


def new_record(data_dir: Path, kind: str, record_id: str, today: date) -> Written:
    folder, page_kind = KINDS[kind]
    if not is_record_id(record_id) or record_id.startswith(RESERVED_PREFIXES):
        raise ScaffoldError(
            f"mã '{record_id}' không dùng được: chỉ chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ "
            "'nguyen-van-an' (không bắt đầu bằng 'theo-' hay 'trang-')"
        )
    target = data_dir / folder / f"{record_id}.yml"
    existing = [path for path in (target, target.with_suffix(".yaml")) if path.exists()]
    if existing:
        raise ScaffoldError(
            f"đã có {data_dir.name}/{folder}/{existing[0].name}; chọn mã khác, không ghi đè hồ sơ có sẵn"
        )
    problems: list[Problem] = []
    settings, _ = load_reference(data_dir, "site.yml", SiteSettings, problems)
    provinces, _ = load_reference(data_dir, "provinces.yml", ProvinceList, problems)
    awards, _ = load_reference(data_dir, "awards.yml", AwardCatalogue, problems)
    holidays, _ = load_reference(data_dir, "holidays.yml", HolidayList, problems)
    rules, _ = load_reference(data_dir, "rules.yml", RuleBook, problems)
    if settings is None or provinces is None or awards is None or holidays is None or rules is None:
        raise ScaffoldError("các tệp cài đặt trong data/ đang có lỗi; chạy site-builder validate để xem và sửa trước")
    campaign_folder = data_dir / "campaigns"
    campaigns = sorted(path.stem for path in campaign_folder.glob("*.yml")) if campaign_folder.is_dir() else []
    days = {holiday.date: holiday.name for holiday in holidays.holidays}
    opens = today + timedelta(days=7)
    # The window a new list is offered: the state-level rule in force on its opening day, or the
    # longest rule of the book when none is (the editor adjusts it; validate checks the real one).
    rule = rule_for_level(rules.rules, opens, "nhà nước")
    min_days = rule.min_working_days if rule else max(r.min_working_days for r in rules.rules)
    env = Environment(
        loader=PackageLoader("site_builder", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML; every value is the editor's own or from data/
    )
    text = env.get_template(f"new/{'list' if kind == 'list' else kind}.yml").render(
        id=record_id,
        url=URLS.record(page_kind, record_id),
        today=today.isoformat(),
        opens=opens.isoformat(),
        closes=_window(opens, min_days, days).isoformat(),
        min_days=min_days,
        provinces=", ".join(province.id for province in provinces.provinces),
        province_example=provinces.provinces[0].id,
        fields=", ".join(settings.fields),
        awards=", ".join(award.id for award in awards.awards),
        campaigns=", ".join(campaigns) or "chưa có phong trào nào",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as stream:  # "x": never overwrite, even in a race
        stream.write(text)
    holes = sum(1 for line in text.splitlines() if PLACEHOLDER in line and not line.lstrip().startswith("#"))
    return Written(target, holes)
