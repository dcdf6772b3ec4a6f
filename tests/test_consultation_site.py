"""Consultation outputs of the built sample site: pages, notice, CSV, JSON, ICS."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
from lxml import html

from site_builder.fingerprint import fingerprint
from site_builder.load import load_dataset

from .conftest import SAMPLE_DATA
from .test_pages import Parse, sample, text


def test_index_json_has_every_list_with_state(sample_site: Path) -> None:
    index = json.loads((sample_site / "lay-y-kien" / "chi-muc.json").read_text(encoding="utf-8"))
    states = {entry["id"]: entry["state"] for entry in index["consultations"]}
    assert set(states) == set(sample("nominations"))
    # The sample is documented at 2026-11-25: one list in each state.
    assert sorted(states.values()) == ["closing", "decided", "open", "upcoming"]
    assert [entry["state"] for entry in index["consultations"]][:2] in (["open", "closing"], ["closing", "open"])
    for entry in index["consultations"]:
        assert entry["working_days"] >= 10
        assert entry["csv"].endswith(f"/lay-y-kien/{entry['id']}/danh-sach.csv")


def test_csv_and_json_of_each_list_match_the_record(sample_site: Path) -> None:
    for lid, record in sample("nominations").items():
        folder = sample_site / "lay-y-kien" / lid
        raw = (folder / "danh-sach.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "BOM for spreadsheet programs"
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        expected = [n for g in record["groups"] for n in g["nominees"]]
        assert [r["ma"] for r in rows] == [n["id"] for n in expected]
        assert [r["ho_ten"] for r in rows] == [n["name"] for n in expected]
        document = json.loads((folder / "danh-sach.json").read_text(encoding="utf-8"))
        assert [g["ma"] for g in document["groups"]] == [n["id"] for n in expected]


def test_ics_files_parse_and_match_windows(sample_site: Path) -> None:
    records = sample("nominations")
    every = icalendar.Calendar.from_ical((sample_site / "lay-y-kien" / "lich.ics").read_bytes())
    events = {str(e["uid"]): e for e in every.walk("VEVENT")}
    assert len(events) == len(records)
    for lid, record in records.items():
        one = icalendar.Calendar.from_ical((sample_site / "lay-y-kien" / lid / "lich.ics").read_bytes())
        [event] = one.walk("VEVENT")
        assert event.decoded("dtstart") == record["consultation"]["opens"]
        assert (event.decoded("dtend") - record["consultation"]["closes"]).days == 1
        assert str(event["url"]).endswith(f"/lay-y-kien/{lid}/")
        assert str(event["uid"]) in events


def test_open_list_has_comment_links_and_notice_once(page: Parse) -> None:
    doc = page("lay-y-kien/dong-thap-2026-tong-ket-2021-2025/")
    assert len(doc.cssselect("section.tdkt-how")) == 1
    how = text(doc.cssselect("section.tdkt-how")[0])
    for needle in (
        "gopy.tdkt@example.gov.vn",
        "Nội dung góp ý cần có",
        "Bảo vệ thông tin người góp ý",
        "Sau khi hết hạn",
    ):
        assert needle in how
    rows = doc.cssselect("table.tdkt-nominees tbody tr")
    assert rows and all(row.cssselect("a.tdkt-comment--form") for row in rows)
    assert all(row.cssselect("a.tdkt-comment--email")[0].get("href").startswith("mailto:") for row in rows)


def test_closed_list_shows_outcome_results_and_no_comment_links(page: Parse) -> None:
    lid, record = next((k, v) for k, v in sample("nominations").items() if v.get("outcome"))
    doc = page(f"lay-y-kien/{lid}/")
    assert not doc.cssselect("a.tdkt-comment")
    assert "Đã hết thời hạn góp ý" in text(doc.cssselect(".tdkt-when-closed")[0])
    assert record["outcome"]["decision"]["number"] in text(doc.cssselect("#ket-qua")[0])
    results = {r["nominee"]: r["result"] for r in record["outcome"]["results"]}
    for nominee_id, result in results.items():
        row = doc.cssselect(f"tr[id='{nominee_id}']")[0]
        assert result.capitalize() in text(row)
    if record.get("amendments"):
        log = text(doc.cssselect("#dinh-chinh")[0])
        assert record["amendments"][0]["reason"] in log


def test_upcoming_list_hides_links_until_it_opens(page: Parse) -> None:
    lid = next(k for k, v in sample("nominations").items() if str(v["consultation"]["opens"]) > "2026-11-25")
    doc = page(f"lay-y-kien/{lid}/")
    assert doc.cssselect("section.tdkt-how")[0].get("hidden") is not None
    assert "Sắp lấy ý kiến" in text(doc.cssselect(".tdkt-status")[0])


def test_fingerprint_on_page_is_computed_from_the_data(page: Parse) -> None:
    dataset, _ = load_dataset(SAMPLE_DATA)
    assert dataset is not None
    for lid, item in dataset.nominations.items():
        assert fingerprint(item) in text(page(f"lay-y-kien/{lid}/").cssselect(".tdkt-fingerprint")[0])


def test_printable_notice_has_list_window_channels_and_qr(sample_site: Path) -> None:
    lid, record = next(iter(sample("nominations").items()))
    doc = html.fromstring((sample_site / "lay-y-kien" / lid / "thong-bao" / "index.html").read_bytes())
    notice = doc.cssselect(".tdkt-notice")[0]
    assert text(notice.cssselect("h1")[0]) == "THÔNG BÁO"
    names = [text(row.cssselect("td")[1]) for row in notice.cssselect("tbody tr")]
    assert len(names) == sum(len(g["nominees"]) for g in record["groups"])
    assert notice.cssselect(".tdkt-qr svg")
    assert f"/lay-y-kien/{lid}/" in text(notice)


def test_home_lists_open_consultations_with_days_left(page: Parse) -> None:
    doc = page("")
    items = doc.cssselect(".tdkt-home__open ul.tdkt-lists")[0].cssselect("li")
    assert items and all("ngày làm việc" in text(li) for li in items)
    closes = [li.get("data-closes") for li in items]
    assert closes == sorted(closes)
