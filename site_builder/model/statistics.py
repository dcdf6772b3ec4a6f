"""The figures of the "Thống kê" section, and those on each campaign and province page.

A figure is a small table: rows of groups (a province, a field, a year, an award...), each with
one count or a few. The chart, the table under it, the CSV file and the JSON file are all drawn
from the same Figure, so they never disagree; everything is counted here, once per build.

What is counted, and how, as the page says to readers:
- an exemplar counts once in each group it is in: once per campaign, once per priority group;
- women are individuals whose record says "Bà" (honorific), men those that say "Ông"; records
  without an honorific are counted as not stated. No record kind has another field on it;
- nominees are counted in every published list (upcoming, open or closed), in the list's
  current version: someone proposed in two lists counts twice.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, get_args

from .. import vietnamese as vn
from ..inputs.load import Dataset
from ..inputs.records import STAGES, Campaign, CampaignLevel, Exemplar, NomineeList, PriorityGroup, RecipientKind

RECIPIENT_KINDS: Final[tuple[str, ...]] = get_args(RecipientKind)
PRIORITY_GROUPS: Final[tuple[str, ...]] = get_args(PriorityGroup)
CAMPAIGN_LEVELS: Final[tuple[str, ...]] = get_args(CampaignLevel)
# Honorifics as groups: what a record says about an individual's sex, and nothing more.
HONORIFICS: Final[tuple[tuple[str, str], ...]] = (
    ("Bà", "Nữ (ghi “Bà”)"),
    ("Ông", "Nam (ghi “Ông”)"),
    ("không ghi", "Không ghi danh xưng"),
)
# The count columns of nominees by award: one per recipient kind, in the order of RECIPIENT_KINDS.
NOMINEE_COLUMNS: Final[tuple[tuple[str, str], ...]] = (
    ("individuals", "Cá nhân"),
    ("collectives", "Tập thể"),
    ("households", "Hộ gia đình"),
)


@dataclass(frozen=True)
class Row:
    """One group: its value as in the records, what readers see, and its counts."""

    key: str
    label: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Figure:
    """One table of counts, with what its chart, its CSV file and its caption need."""

    id: str  # the file stem of its chart and CSV file under /thong-ke/
    title: str  # the caption, in Vietnamese
    group: str  # the header of the group column ("Tỉnh, thành phố")
    key_column: str  # the CSV column holding each row's key ("province")
    label_column: str | None  # the CSV column holding the label, when it is not the key ("province_name")
    columns: tuple[tuple[str, str], ...]  # (CSV column, Vietnamese header) of each count
    rows: tuple[Row, ...]
    note: str = ""  # what readers need to read the figure right

    @property
    def stacked(self) -> bool:
        """Several counts per row, drawn as one stacked bar (they add up to the row's total)."""
        return len(self.columns) > 1

    def total(self, row: Row) -> int:
        return sum(row.values)

    @property
    def empty(self) -> bool:
        return not any(any(row.values) for row in self.rows)

    def csv_rows(self) -> list[dict[str, Any]]:
        """Rows as the CSV file has them: key, label (if any), counts, and a total for stacked figures."""
        out = []
        for row in self.rows:
            record: dict[str, Any] = {self.key_column: row.key}
            if self.label_column:
                record[self.label_column] = row.label
            record.update(zip((name for name, _ in self.columns), row.values, strict=True))
            if self.stacked:
                record["total"] = self.total(row)
            out.append(record)
        return out

    def csv_columns(self) -> list[str]:
        names = [self.key_column, *([self.label_column] if self.label_column else []), *(n for n, _ in self.columns)]
        return [*names, "total"] if self.stacked else names


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _single(
    fid: str,
    title: str,
    group: str,
    key_column: str,
    counts: Mapping[str, int],
    order: Iterable[str],
    unit: tuple[str, str],
    labels: Mapping[str, str] | None = None,
    label_column: str | None = None,
    note: str = "",
) -> Figure:
    rows = tuple(Row(key, (labels or {}).get(key, upper_first(key)), (counts.get(key, 0),)) for key in order)
    return Figure(fid, title, group, key_column, label_column, (unit,), rows, note)


# The same few names (fields, provinces) are ordered on hundreds of pages: order each one once.
_sort_key = functools.lru_cache(maxsize=4096)(vn.sort_key)


def _by_count(counts: Mapping[str, int], name: Mapping[str, str] | None = None) -> list[str]:
    """Keys with a count, most first; ties in Vietnamese alphabetical order of their names."""
    return sorted(
        (key for key, count in counts.items() if count), key=lambda k: (-counts[k], _sort_key((name or {}).get(k, k)))
    )


def _honorific(exemplar_or_nominee: Any) -> str:
    return str(exemplar_or_nominee.honorific or "không ghi")


EXEMPLARS: Final = ("exemplars", "Gương điển hình")
CAMPAIGNS: Final = ("campaigns", "Phong trào")
NOMINEES: Final = ("nominees", "Người, tập thể")
WOMEN_NOTE: Final = (
    "Nữ là cá nhân có danh xưng “Bà” trong hồ sơ, nam là cá nhân có danh xưng “Ông”; "
    "hồ sơ không ghi danh xưng được tính riêng. Tập thể, hộ gia đình không tính ở đây."
)


def exemplar_figures(data: Dataset, exemplars: Sequence[Exemplar], prefix: str, whole_site: bool) -> list[Figure]:
    """The exemplars' figures for one set of exemplars (the whole site, a province, a campaign).

    Groups of a fixed list (kinds of recipient, stages, priority groups, honorifics) are all
    shown, with their zeros; open ones (provinces, fields, years) only when they have exemplars.
    """
    provinces: Counter[str] = Counter()
    fields: Counter[str] = Counter()
    recipients: Counter[str] = Counter()
    stages: Counter[str] = Counter()
    years: Counter[str] = Counter()
    priority: Counter[str] = Counter()
    honorifics: Counter[str] = Counter()
    for e in exemplars:
        provinces[e.locality.province] += 1
        fields[e.field] += 1
        recipients[e.recipient_kind] += 1
        stages[e.stage] += 1
        years[str(e.published.year)] += 1
        for group in dict.fromkeys(e.priority_groups):
            priority[group] += 1
        if e.recipient_kind == "cá nhân":
            honorifics[_honorific(e)] += 1
    names = {pid: p.name for pid, p in data.provinces.items()}
    figures = []
    if whole_site:
        figures.append(
            _single(
                f"{prefix}theo-tinh",
                "Gương điển hình theo tỉnh, thành phố",
                "Tỉnh, thành phố",
                "province",
                provinces,
                _by_count(provinces, names),
                EXEMPLARS,
                labels=names,
                label_column="province_name",
                note=f"{len(data.provinces) - len(+provinces)} tỉnh, thành phố khác chưa có gương điển hình nào.",
            )
        )
    figures.append(
        _single(
            f"{prefix}theo-linh-vuc",
            "Gương điển hình theo lĩnh vực",
            "Lĩnh vực",
            "field",
            fields,
            _by_count(fields),
            EXEMPLARS,
        )
    )
    figures.append(
        _single(
            f"{prefix}theo-doi-tuong",
            "Gương điển hình theo đối tượng",
            "Đối tượng",
            "recipient_kind",
            recipients,
            RECIPIENT_KINDS,
            EXEMPLARS,
        )
    )
    figures.append(
        _single(
            f"{prefix}theo-giai-doan",
            "Gương điển hình theo giai đoạn xây dựng điển hình",
            "Giai đoạn",
            "stage",
            stages,
            STAGES,
            EXEMPLARS,
            note="Bốn giai đoạn: phát hiện, bồi dưỡng, tổng kết, nhân rộng; mỗi gương ở giai đoạn đã đạt.",
        )
    )
    if whole_site:
        figures.append(
            _single(
                f"{prefix}theo-nam",
                "Gương điển hình theo năm đăng",
                "Năm",
                "year",
                years,
                sorted(years),
                EXEMPLARS,
                labels={year: year for year in years},
            )
        )
    figures.append(
        _single(
            f"{prefix}theo-doi-tuong-uu-tien",
            "Gương điển hình thuộc đối tượng cần ưu tiên khen thưởng",
            "Đối tượng ưu tiên",
            "priority_group",
            priority,
            PRIORITY_GROUPS,
            EXEMPLARS,
            note="Các đối tượng Luật Thi đua, khen thưởng yêu cầu chú trọng, theo hồ sơ ghi; "
            "một gương có thể thuộc nhiều đối tượng, hồ sơ không ghi thì không tính.",
        )
    )
    figures.append(
        _single(
            f"{prefix}ca-nhan-theo-danh-xung",
            "Gương điển hình là cá nhân: nữ và nam",
            "Danh xưng",
            "honorific",
            honorifics,
            [key for key, _ in HONORIFICS],
            EXEMPLARS,
            labels=dict(HONORIFICS),
            note=WOMEN_NOTE,
        )
    )
    return figures


def nominee_figures(data: Dataset, lists: Sequence[NomineeList], prefix: str) -> list[Figure]:
    """Nominees by award (one count per kind of recipient) and individuals by honorific."""
    by_award: dict[str, Counter[str]] = {}
    honorifics: Counter[str] = Counter()
    for item in lists:
        for group in item.groups:
            counts = by_award.setdefault(group.award, Counter())
            for nominee in group.nominees:
                counts[nominee.recipient_kind] += 1
                if nominee.recipient_kind == "cá nhân":
                    honorifics[_honorific(nominee)] += 1
    # Awards in the order of data/awards.yml: the order of precedence, from Huân chương Sao vàng down.
    rows = tuple(
        Row(aid, award.name, tuple(by_award[aid][kind] for kind in RECIPIENT_KINDS))
        for aid, award in data.awards.items()
        if aid in by_award
    )
    awards = Figure(
        f"{prefix}theo-hinh-thuc",
        "Người, tập thể được đề nghị khen thưởng theo hình thức khen thưởng",
        "Hình thức khen thưởng",
        "award",
        "award_name",
        NOMINEE_COLUMNS,
        rows,
        "Tính mọi danh sách đã đăng (sắp lấy ý kiến, đang lấy ý kiến và đã kết thúc), theo bản hiện hành; "
        "người có tên trong hai danh sách được tính hai lần.",
    )
    women = _single(
        f"{prefix}ca-nhan-theo-danh-xung",
        "Cá nhân được đề nghị khen thưởng: nữ và nam",
        "Danh xưng",
        "honorific",
        honorifics,
        [key for key, _ in HONORIFICS],
        NOMINEES,
        labels=dict(HONORIFICS),
        note=WOMEN_NOTE.replace(" Tập thể, hộ gia đình không tính ở đây.", ""),
    )
    return [awards, women]


COMMENTS: Final = ("comments", "Ý kiến")


def feedback_figures(data: Dataset, lists: Sequence[NomineeList], prefix: str) -> list[Figure]:
    """Comments the public sent, by the province of the list, as published in each list's feedback."""
    by_province: Counter[str] = Counter()
    for item in lists:
        if item.feedback is not None and item.feedback.status == "đã công bố" and item.province:
            by_province[item.province] += item.feedback.received.total()
    if not by_province:
        return []  # no list has published its feedback: no figure (nothing to chart)
    names = {pid: province.name for pid, province in data.provinces.items()}
    return [
        _single(
            f"{prefix}y-kien-theo-tinh",
            "Ý kiến nhân dân nhận được về các danh sách, theo tỉnh, thành phố",
            "Tỉnh, thành phố",
            "province",
            by_province,
            _by_count(by_province, names),
            COMMENTS,
            labels=names,
            label_column="province_name",
            note="Theo kết quả tổng hợp ý kiến đã công bố của từng danh sách (kể cả ý kiến không được xem xét); "
            "danh sách chưa công bố kết quả tổng hợp không được tính.",
        )
    ]


def campaign_figures(campaigns: Sequence[Campaign], prefix: str) -> list[Figure]:
    """Campaigns by level (all six levels) and by period (the years they run)."""
    levels: Counter[str] = Counter(c.level for c in campaigns)
    periods: Counter[str] = Counter()
    labels: dict[str, str] = {}
    starts: dict[str, tuple[int, int]] = {}
    for c in campaigns:
        start, end = c.period.start.year, c.period.end.year if c.period.end else None
        key = f"{start}-{end}" if end is not None else f"{start}-"
        periods[key] += 1
        labels[key] = (str(start) if end == start else f"{start}–{end}") if end is not None else f"từ {start}"
        starts[key] = (start, end if end is not None else 9999)
    return [
        _single(
            f"{prefix}theo-cap",
            "Phong trào thi đua theo cấp phát động",
            "Cấp",
            "level",
            levels,
            CAMPAIGN_LEVELS,
            CAMPAIGNS,
        ),
        _single(
            f"{prefix}theo-thoi-gian",
            "Phong trào thi đua theo thời gian thực hiện",
            "Thời gian",
            "period",
            periods,
            sorted(periods, key=lambda key: starts[key]),
            CAMPAIGNS,
            labels=labels,
            note="Theo năm bắt đầu và năm kết thúc ghi trong hồ sơ; “từ” là phong trào chưa ghi ngày kết thúc.",
        ),
    ]


@dataclass(frozen=True)
class Totals:
    exemplars: int
    campaigns: int
    lists: int
    nominees: int


def _nominees(lists: Iterable[NomineeList]) -> int:
    return sum(len(group.nominees) for item in lists for group in item.groups)


class Statistics:
    """Every figure of the site, counted once: the whole site, each campaign, each province."""

    def __init__(self, data: Dataset, lists_by_campaign: Mapping[str, Sequence[str]]) -> None:
        self.data = data
        exemplars = list(data.exemplars.values())
        lists = list(data.nominations.values())
        self.totals = Totals(len(exemplars), len(data.campaigns), len(lists), _nominees(lists))
        self.figures: list[Figure] = [
            *exemplar_figures(data, exemplars, "guong-dien-hinh-", whole_site=True),
            *campaign_figures(list(data.campaigns.values()), "phong-trao-"),
            *nominee_figures(data, lists, "de-nghi-"),
            *feedback_figures(data, lists, "de-nghi-"),
        ]
        by_province: dict[str, list[Exemplar]] = {}
        by_campaign: dict[str, list[Exemplar]] = {}
        for e in exemplars:
            by_province.setdefault(e.locality.province, []).append(e)
            for cid in dict.fromkeys(e.campaigns):
                by_campaign.setdefault(cid, []).append(e)
        lists_by_province: dict[str, list[NomineeList]] = {}
        for item in lists:
            if item.province:
                lists_by_province.setdefault(item.province, []).append(item)
        # Small figures of one place or one campaign: only those with something to count.
        self.provinces: dict[str, list[Figure]] = {
            pid: self._local(by_province.get(pid, []), lists_by_province.get(pid, []))
            for pid in data.provinces
            if pid in by_province or pid in lists_by_province
        }
        self.campaigns: dict[str, list[Figure]] = {
            cid: self._local(
                by_campaign.get(cid, []), [data.nominations[lid] for lid in lists_by_campaign.get(cid, [])]
            )
            for cid in data.campaigns
            if cid in by_campaign or lists_by_campaign.get(cid)
        }

    def _local(self, exemplars: Sequence[Exemplar], lists: Sequence[NomineeList]) -> list[Figure]:
        figures = exemplar_figures(self.data, exemplars, "", whole_site=False) if exemplars else []
        if lists:
            figures.append(nominee_figures(self.data, lists, "")[0])
        return figures

    def province(self, pid: str) -> list[Figure]:
        return self.provinces.get(pid, [])

    def campaign(self, cid: str) -> list[Figure]:
        return self.campaigns.get(cid, [])


def figure_csv(figure: Figure) -> bytes:
    """A figure as CSV, UTF-8 with a byte-order mark (as every CSV file of the site, for Excel)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=figure.csv_columns(), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(figure.csv_rows())
    return out.getvalue().encode("utf-8-sig")


def document(
    statistics: Statistics,
    site_url: str,
    today: str,
    files: Mapping[str, tuple[str, str]],
    head: Mapping[str, str] | None = None,
) -> bytes:
    """Every figure in one JSON file (schema in open_data.py); files: figure id -> (chart path, CSV
    path); head: members that open the file (its "$schema")."""
    totals = statistics.totals
    body = {
        **(head or {}),
        "title": "Số liệu thống kê thi đua, khen thưởng",
        "home_page_url": site_url,
        "date": today,
        "totals": {
            "exemplars": totals.exemplars,
            "campaigns": totals.campaigns,
            "lists": totals.lists,
            "nominees": totals.nominees,
        },
        "figures": [
            {
                "id": figure.id,
                "title": figure.title,
                "note": figure.note,
                "group": figure.group,
                "key_column": figure.key_column,
                "columns": [name for name, _ in figure.columns],
                "chart": site_url + files[figure.id][0],
                "csv": site_url + files[figure.id][1],
                "rows": [
                    {
                        "key": row.key,
                        "label": row.label,
                        "values": dict(zip((n for n, _ in figure.columns), row.values, strict=True)),
                    }
                    for row in figure.rows
                ],
            }
            for figure in statistics.figures
        ],
    }
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
