"""The announcement to read on the radio and the commune's loudspeakers (publish/radio.py)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from lxml import html

from site_builder.commands.build import Progress, Project, build
from site_builder.commands.cli import parse_now
from site_builder.inputs.load import load_dataset
from site_builder.publish.radio import RADIO_MAX_NAMES, spelt, spoken_number
from site_builder.urls import URLS

from ..conftest import ROOT, SAMPLE_NOW, DataDir
from ..records import NOMINATION
from ..test_validation import valid

SAMPLE = ROOT / "tests" / "fixtures" / "sample"
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")


def test_every_sample_list_reads_its_dates_in_words_and_names_every_nominee(sample_site: Path) -> None:
    dataset, _ = load_dataset(SAMPLE)
    assert dataset.nominations
    for lid, item in dataset.nominations.items():
        text = (sample_site / URLS.list_radio(lid)).read_bytes().decode("utf-8")
        assert NUMERIC_DATE.search(text) is None, (lid, NUMERIC_DATE.search(text))
        window = item.consultation
        assert f"từ ngày {window.opens.day} tháng {window.opens.month} năm {window.opens.year}" in text
        assert (
            f"Hạn cuối nhận góp ý: hết ngày {window.closes.day} tháng {window.closes.month} năm {window.closes.year}."
            in text
        )
        assert "Nghị định số 152 năm 2025 của Chính phủ, ban hành ngày 14 tháng 6 năm 2025" in text
        assert "khoản 2 Điều 44" in text
        nominees = [n for group in item.groups for n in group.nominees]
        if len(nominees) <= RADIO_MAX_NAMES:
            for number, nominee in enumerate(nominees, start=1):
                who = f"{nominee.honorific} {nominee.name}" if nominee.honorific else nominee.name
                assert f"Số {number}: {who}" in text, (lid, who)
        for number, group in enumerate(item.groups, start=1):
            assert f"Nhóm {number}: đề nghị tặng {dataset.awards[group.award].name}, gồm " in text
        assert "danh sách Danh sách" not in text
        # The channels read out in full.
        channels = item.channels or dataset.settings.consultation.channels
        assert channels.email and f"Qua thư điện tử, gửi tới địa chỉ: {spelt(channels.email)}." in text
        assert "@" not in text and "a còng" in text
        assert ("Qua đường bưu điện" in text) == bool(channels.postal_address)
        if channels.postal_address:
            assert f"Qua đường bưu điện, gửi về: {channels.postal_address}." in text
        assert ("Qua điện thoại" in text) == bool(channels.phone)
        if channels.phone:
            assert f"Qua điện thoại, gọi số: {channels.phone}." in text
        # The page links to it and states its reading time at 150 words a minute.
        page = html.fromstring((sample_site / URLS.nomination(lid) / "index.html").read_bytes())
        [radio] = page.xpath('//dd[@class="tdkt-radio"]')
        words = len(text.split())
        assert f"đọc khoảng {max(1, -(-words // 150))} phút: {words} chữ" in radio.text_content()
        assert radio.xpath("a/@href") == ["doc-tren-loa.txt"]
        notice = html.fromstring((sample_site / URLS.notice(lid) / "index.html").read_bytes())
        assert notice.xpath('//p[@class="tdkt-radio"]/a/@href') == ["../doc-tren-loa.txt"]


def test_a_long_list_names_its_groups_and_where_the_full_list_is(data_dir: DataDir, tmp_path: Path) -> None:
    record = yaml.safe_load(NOMINATION)
    first = record["groups"][0]["nominees"][0]
    record["groups"][0]["nominees"] = [
        {**first, "id": f"nguoi-{i}", "name": f"Nguyễn Văn Thứ{i}"} for i in range(RADIO_MAX_NAMES + 1)
    ]
    valid(data_dir).write("nominations/hcld-2026.yml", yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
    site = tmp_path / "site"
    build(Project(ROOT, data_dir.root, site), parse_now(SAMPLE_NOW), progress=Progress(stream=None))
    text = (site / URLS.list_radio("hcld-2026")).read_text(encoding="utf-8")
    assert "Nguyễn Văn Thứ" not in text and "Số 1:" not in text
    assert (
        f"Danh sách gồm {RADIO_MAX_NAMES + 1 + sum(len(g['nominees']) for g in record['groups'][1:])} cá nhân" in text
    )
    assert "nên không đọc hết tên trong bản tin này" in text
    assert "mục Lấy ý kiến nhân dân" in text
    # The transitional clause for this file, begun on 30/06/2025 under Decree 98/2023.
    assert "khoản 3 Điều 60 Nghị định số 152 năm 2025 của Chính phủ" in text
    page = html.fromstring((site / URLS.nomination("hcld-2026") / "index.html").read_bytes())
    assert "bản đọc chỉ nêu các nhóm" in page.xpath('string(//dd[@class="tdkt-radio"])')


def test_numbers_and_addresses_as_they_are_spoken() -> None:
    assert spoken_number("Nghị định", "152/2025/NĐ-CP") == "Nghị định số 152 năm 2025 của Chính phủ"
    assert spoken_number("Luật", "06/2022/QH15") == "Luật số 06 năm 2022 của Quốc hội"
    assert spoken_number("Tờ trình", "5376/TTr-UBND") == "Tờ trình số 5376"
    assert spelt("https://thidua.example.gov.vn/") == "thidua chấm example chấm gov chấm vn"
    assert spelt("gop-y@so_noi.vn") == "gop gạch ngang y a còng so gạch dưới noi chấm vn"
