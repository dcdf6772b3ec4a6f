"""Consultation outputs of the built sample site: pages, notice, CSV, JSON, ICS."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from lxml import html

from site_builder.commands.build import Progress, Project, build
from site_builder.commands.cli import parse_now
from site_builder.urls import URLS

from .conftest import ROOT, SAMPLE_NOW, DataDir
from .test_pages import Parse, sample, text
from .test_validation import valid

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


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


def test_one_numbering_in_page_notice_csv_and_json(sample_site: Path) -> None:
    """A reporter quoting "số 2" of a list names the same nominee in every place the list appears."""
    for lid, record in sample("nominations").items():
        folder = sample_site / "lay-y-kien" / lid
        expected = [
            (number, roman, nominee["id"])
            for number, (roman, nominee) in enumerate(
                ((label, n) for label, g in zip(ROMAN, record["groups"], strict=False) for n in g["nominees"]), 1
            )
        ]
        raw = (folder / "danh-sach.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "BOM for spreadsheet programs"
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert [(int(r["number"]), r["group"], r["id"]) for r in rows] == expected
        document = json.loads((folder / "danh-sach.json").read_text(encoding="utf-8"))
        assert [(n["number"], g["label"], n["id"]) for g in document["groups"] for n in g["nominees"]] == expected
        page = html.fromstring((folder / "index.html").read_bytes())
        on_page = []
        for section in page.cssselect("section.tdkt-group"):
            label = text(section.cssselect("h3")[0]).split(".")[0]
            on_page += [(int(text(tr.cssselect("td")[0])), label, tr.get("id")) for tr in section.cssselect("tbody tr")]
        assert on_page == expected
        notice = html.fromstring((folder / "thong-bao" / "index.html").read_bytes())
        printed = []
        for table in notice.cssselect("table.tdkt-nominees"):
            label = table.get("data-group")
            printed += [
                (int(text(tr.cssselect("td")[0])), label, tr.get("data-id")) for tr in table.cssselect("tbody tr")
            ]
        assert printed == expected
        feed = json.loads((sample_site / "nguon-tin" / "lay-y-kien" / f"{lid}.json").read_text(encoding="utf-8"))
        [published] = [item for item in feed["items"] if item["id"].endswith(f":lay-y-kien/{lid}")]
        content = html.fromstring(published["content_html"])
        in_feed = []
        for heading in content.cssselect("h4"):
            table = heading.getnext()
            label = text(heading).split(".")[0]
            in_feed += [(int(text(tr.cssselect("td")[0])), label) for tr in table.cssselect("tbody tr")]
        assert in_feed == [(number, label) for number, label, _ in expected]


def test_every_version_file_matches_its_fingerprint(sample_site: Path) -> None:
    """sha256sum of each published version equals the fingerprint the page shows for it."""
    for lid in sample("nominations"):
        folder = sample_site / "lay-y-kien" / lid
        page = html.fromstring((folder / "index.html").read_bytes())
        versions = sorted((folder / "phien-ban").glob("*.json"), key=lambda path: int(path.stem))
        assert versions, lid
        current = versions[-1]
        done = subprocess.run(
            ["sha256sum", current.name], cwd=current.parent, capture_output=True, text=True, check=True
        )
        digest = done.stdout.split()[0]
        assert digest == hashlib.sha256(current.read_bytes()).hexdigest()
        shown = text(page.cssselect(".tdkt-fingerprint")[0])
        assert digest in shown and f"{current.name}" in shown and "sha256sum" in shown
        index = json.loads((sample_site / "lay-y-kien" / "chi-muc.json").read_text(encoding="utf-8"))
        [entry] = [e for e in index["consultations"] if e["id"] == lid]
        assert entry["sha256"] == digest
        for version in versions:
            listed = [v for v in entry["versions"] if v["number"] == int(version.stem)]
            assert listed and listed[0]["sha256"] == hashlib.sha256(version.read_bytes()).hexdigest()


def test_amended_list_keeps_every_version_and_says_what_changed(sample_site: Path) -> None:
    lid = "thai-nguyen-2026-bang-khen-thu-tuong-nong-thon-moi"
    folder = sample_site / "lay-y-kien" / lid / "phien-ban"
    first = json.loads((folder / "1.json").read_text(encoding="utf-8"))
    second = json.loads((folder / "2.json").read_text(encoding="utf-8"))
    people = {n["id"]: n for g in first["groups"] for n in g["nominees"]}
    assert people["ma-van-tuan"]["position"] == "Bí thư Chi bộ"
    assert {n["id"]: n for g in second["groups"] for n in g["nominees"]}["ma-van-tuan"]["position"] == "Trưởng thôn"
    assert first["amendment"] is None and second["amendment"]["date"] == "2026-09-17"
    page = html.fromstring((sample_site / "lay-y-kien" / lid / "index.html").read_bytes())
    log = text(page.cssselect("#dinh-chinh")[0])
    assert "Phiên bản 1 → 2: sửa chức vụ của 'ma-van-tuan' (Ma Văn Tuấn)" in log


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


def test_calendars_follow_amendments_and_can_be_subscribed(sample_site: Path, page: Parse) -> None:
    records = sample("nominations")
    every = icalendar.Calendar.from_ical((sample_site / "lay-y-kien" / "lich.ics").read_bytes())
    assert every["X-PUBLISHED-TTL"] == "PT12H"
    assert every.decoded("REFRESH-INTERVAL").total_seconds() == 12 * 3600
    assert every["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    for event in every.walk("VEVENT"):
        lid = str(event["url"]).rstrip("/").rsplit("/", 1)[1]
        assert int(event["SEQUENCE"]) == len(records[lid].get("amendments") or [])
    subscribe = page("lay-y-kien/").xpath("//a[starts-with(@href, 'webcal://')]/@href")
    assert subscribe == ["webcal://thidua-khenthuong.github.io/lay-y-kien/lich.ics"]


def test_calendar_stamps_follow_the_latest_amendment(sample_site: Path) -> None:
    """DTSTAMP and LAST-MODIFIED are the day the event last changed (08:00 Vietnam time, in UTC), so a
    calendar that holds the first version replaces it: a SEQUENCE raised under an older DTSTAMP
    was kept by some apps. From the data, never the clock."""
    records = sample("nominations")
    every = icalendar.Calendar.from_ical((sample_site / "lay-y-kien" / "lich.ics").read_bytes())
    amended = 0
    for event in every.walk("VEVENT"):
        lid = str(event["url"]).rstrip("/").rsplit("/", 1)[1]
        record = records[lid]
        days = [record["published"], *(a["date"] for a in record.get("amendments") or [])]
        expected = datetime.combine(max(days), time(8), ZoneInfo("Asia/Ho_Chi_Minh")).astimezone(UTC)
        for name in ("DTSTAMP", "LAST-MODIFIED"):
            assert event.decoded(name) == expected, (lid, name)
            assert event.decoded(name).utcoffset() == timedelta(0) and "TZID" not in event[name].params
        assert event.decoded("CREATED").date() == record["published"]
        if record.get("amendments"):
            amended += 1
            assert int(event["SEQUENCE"]) >= 1
            assert event.decoded("DTSTAMP") > event.decoded("CREATED")
    assert amended == 1
    one = sample_site / "lay-y-kien" / "thai-nguyen-2026-bang-khen-thu-tuong-nong-thon-moi" / "lich.ics"
    assert b"DTSTAMP:20260917T010000Z" in one.read_bytes()


def test_calendars_import_in_khal(sample_site: Path, tmp_path: Path) -> None:
    """khal (a calendar client on vdirsyncer's vdir format) imports every calendar, amended event included."""
    khal = shutil.which("khal")
    if khal is None:
        pytest.exit("Lỗi môi trường: không có khal; chạy 'bash tools/setup.sh dev' hoặc 'apt-get install khal'.", 2)
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[tdkt]]\npath = {tmp_path / 'cal'}\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Asia/Ho_Chi_Minh\ndefault_timezone = Asia/Ho_Chi_Minh\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}

    def run(*args: str) -> str:
        done = subprocess.run([khal, "-c", str(config), *args], capture_output=True, text=True, env=env, check=True)
        assert "error" not in done.stderr.lower(), done.stderr
        return done.stdout

    run("import", "--batch", "-a", "tdkt", str(sample_site / "lay-y-kien" / "lich.ics"))
    records = sample("nominations")
    assert len(list((tmp_path / "cal").glob("*.ics"))) == len(records)
    listed = run("list", "--format", "{start-date} {title}", "2026-01-01", "730d")
    for record in records.values():
        assert f"{record['consultation']['opens']:%Y-%m-%d} Lấy ý kiến nhân dân: {record['title']}" in listed
    # The amended list, imported again, replaces its event instead of adding a second one.
    lid = "thai-nguyen-2026-bang-khen-thu-tuong-nong-thon-moi"
    run("import", "--batch", "-a", "tdkt", str(sample_site / "lay-y-kien" / lid / "lich.ics"))
    assert len(list((tmp_path / "cal").glob("*.ics"))) == len(records)


def test_calendars_read_in_vobject(sample_site: Path) -> None:
    """vobject, the parser behind many calendar tools, reads every calendar with its events."""
    import vobject

    for path in (sample_site / "lay-y-kien").rglob("lich.ics"):
        calendar = vobject.readOne(path.read_text(encoding="utf-8"))
        events = list(calendar.vevent_list)
        assert events, path
        for event in events:
            assert event.dtend.value > event.dtstart.value
            assert event.summary.value.startswith("Lấy ý kiến nhân dân: ")


def test_every_list_of_the_sample_cites_the_decree_in_force_on_its_opening_day(sample_site: Path) -> None:
    """All four sample lists open after 1 July 2025 on files begun after it: their page and notice
    cite the general clause of Decree 152/2025/NĐ-CP, with the decree's date."""
    for lid in (
        "can-tho-2026-khen-thuong-nha-nuoc",
        "dong-thap-2026-tong-ket-2021-2025",
        "lang-son-2026-huan-chuong-lao-dong",
    ):
        page = html.fromstring((sample_site / URLS.nomination(lid) / "index.html").read_bytes())
        [rule] = page.xpath('//dd[@class="tdkt-rule"]')
        assert "Ít nhất 10 ngày làm việc" in rule.text_content()
        assert "khoản 2 Điều 44 Nghị định số 152/2025/NĐ-CP ngày 14/06/2025" in rule.text_content()
        notice = (sample_site / URLS.notice(lid) / "index.html").read_text(encoding="utf-8")
        assert "tối thiểu 10 ngày làm việc theo khoản 2 Điều 44 Nghị định số 152/2025/NĐ-CP ngày 14/06/2025" in notice
    index = html.fromstring((sample_site / URLS.nominations() / "index.html").read_bytes())
    assert "(khoản 2 Điều 44 Nghị định số 152/2025/NĐ-CP ngày 14/06/2025)" in index.xpath(
        'string(//p[@class="tdkt-lead"])'
    )


def test_a_rules_figure_changes_the_pages_sentence(data_dir: DataDir, tmp_path: Path) -> None:
    valid(data_dir)
    rules = data_dir.root / "rules.yml"
    text = rules.read_text(encoding="utf-8")
    cut = text.index("  - id: nd-152-2025-dieu-60")
    rules.write_text(text[:cut] + text[cut:].replace("min_working_days: 10", "min_working_days: 12"), encoding="utf-8")
    site = tmp_path / "site"
    build(Project(ROOT, data_dir.root, site), parse_now(SAMPLE_NOW), progress=Progress(stream=None))
    page = html.fromstring((site / URLS.nomination("hcld-2026") / "index.html").read_bytes())
    assert page.xpath('string(//dd[@class="tdkt-rule"])').startswith("Ít nhất 12 ngày làm việc")
    notice = (site / URLS.notice("hcld-2026") / "index.html").read_text(encoding="utf-8")
    assert "tối thiểu 12 ngày làm việc theo khoản 3 Điều 60" in notice
