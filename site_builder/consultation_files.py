"""Files beside the list pages: CSV and JSON of each list, calendars, an index of all lists."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from icalendar import Calendar, Event

from .consultation import TZ, Status, closes_at, opens_at, working_days
from .fingerprint import fingerprint
from .load import Dataset
from .records import NomineeList
from .render import SECTION_NOMINATIONS, Renderer

if TYPE_CHECKING:
    from .build import BuildContext

CSV_COLUMNS = (
    "stt",
    "nhom_khen_thuong",
    "ma_khen_thuong",
    "ma",
    "doi_tuong",
    "danh_xung",
    "ho_ten",
    "chuc_vu",
    "don_vi",
    "dia_phuong",
    "thanh_tich",
    "ket_qua",
)


def nominee_rows(data: Dataset, item: NomineeList) -> list[dict[str, str]]:
    results = {r.nominee: r.result for r in item.outcome.results} if item.outcome else {}
    rows: list[dict[str, str]] = []
    for group in item.groups:
        for nominee in group.nominees:
            rows.append(
                {
                    "stt": str(len(rows) + 1),
                    "nhom_khen_thuong": data.awards[group.award].name,
                    "ma_khen_thuong": group.award,
                    "ma": nominee.id,
                    "doi_tuong": nominee.recipient_kind,
                    "danh_xung": nominee.honorific or "",
                    "ho_ten": nominee.name,
                    "chuc_vu": nominee.position or "",
                    "don_vi": nominee.unit or "",
                    "dia_phuong": nominee.locality or "",
                    "thanh_tich": nominee.achievement or "",
                    "ket_qua": results.get(nominee.id, ""),
                }
            )
    return rows


def list_csv(data: Dataset, item: NomineeList) -> bytes:
    """CSV with a byte-order mark, so spreadsheet programs read the Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(nominee_rows(data, item))
    return buffer.getvalue().encode("utf-8-sig")


def summary(data: Dataset, lid: str, item: NomineeList, state: Status, url: str) -> dict[str, Any]:
    window = item.consultation
    return {
        "id": lid,
        "title": item.title,
        "url": url,
        "proposing_body": item.proposing_body,
        "proposing_document": item.proposing_document.model_dump(mode="json"),
        "province": item.province,
        "opens": window.opens.isoformat(),
        "closes": window.closes.isoformat(),
        "opens_at": opens_at(item).isoformat(),
        "closes_at": closes_at(item).isoformat(),
        "working_days": working_days(window.opens, window.closes, data.holidays),
        "short_window_reason": window.short_window_reason,
        "state": state.state,
        "state_label": state.label,
        "nominees": sum(len(group.nominees) for group in item.groups),
        "amendments": [a.model_dump(mode="json") for a in item.amendments],
        "outcome": item.outcome.model_dump(mode="json") if item.outcome else None,
        "sha256": fingerprint(item),
        "csv": url + "danh-sach.csv",
        "json": url + "danh-sach.json",
        "ics": url + "lich.ics",
    }


def _event(data: Dataset, lid: str, item: NomineeList, url: str) -> Event:
    host = data.settings.url.split("//", 1)[-1].strip("/")
    event = Event()
    event.add("uid", f"lay-y-kien-{lid}@{host}")
    # DTSTAMP from the data, not the clock, so the same data gives the same file.
    event.add("dtstamp", datetime.combine(item.published, datetime.min.time(), TZ).astimezone(TZ))
    event.add("dtstart", item.consultation.opens)
    event.add("dtend", item.consultation.closes + timedelta(days=1))
    event.add("summary", f"Lấy ý kiến nhân dân: {item.title}")
    event.add("url", url)
    event.add(
        "description",
        f"{item.proposing_body} lấy ý kiến nhân dân đến hết ngày {item.consultation.closes:%d/%m/%Y}. "
        f"Xem danh sách và gửi góp ý: {url}",
    )
    event.add("transp", "TRANSPARENT")
    return event


def calendar(data: Dataset, entries: list[tuple[str, NomineeList]], name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//site-builder//lay-y-kien//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for lid, item in entries:
        cal.add_component(_event(data, lid, item, data.settings.url + Renderer.nomination_url(lid)))
    return bytes(cal.to_ical())


def write(context: BuildContext) -> str:
    """Post-build step: per-list CSV, JSON and ICS, plus the index and calendar of all lists."""
    data, renderer, writer = context.data, context.renderer, context.writer
    index: list[dict[str, Any]] = []
    ordered = sorted(data.nominations.items())
    for lid, item in ordered:
        url = data.settings.url + Renderer.nomination_url(lid)
        base = f"{SECTION_NOMINATIONS}/{lid}/"
        entry = summary(data, lid, item, renderer.statuses[lid], url)
        index.append(entry)
        writer.bytes(base + "danh-sach.csv", list_csv(data, item))
        document = {**entry, "groups": nominee_rows(data, item)}
        writer.text(base + "danh-sach.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        writer.bytes(base + "lich.ics", calendar(data, [(lid, item)], item.title))
    order = {"open": 0, "closing": 0, "upcoming": 1, "closed": 2, "decided": 2}
    index.sort(key=lambda entry: (order[entry["state"]], entry["closes"], entry["id"]))
    writer.text(
        f"{SECTION_NOMINATIONS}/chi-muc.json",
        json.dumps(
            {"generated_at": context.now.isoformat(), "site": data.settings.url, "consultations": index},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
    )
    writer.bytes(f"{SECTION_NOMINATIONS}/lich.ics", calendar(data, ordered, "Lấy ý kiến nhân dân về khen thưởng"))
    return f"{len(ordered)} danh sách: CSV, JSON, lịch ICS và chỉ mục"
