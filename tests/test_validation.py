"""Every validation rule: the exact Vietnamese message and where it points."""

from __future__ import annotations

from site_builder.commands.cli import parse_now
from site_builder.inputs.load import load_dataset
from site_builder.validation.validate import validate

from .conftest import SAMPLE_NOW, DataDir
from .records import CAMPAIGN, EXEMPLAR, NOMINATION


def messages(data: DataDir) -> list[str]:
    dataset, problems = load_dataset(data.root)
    if dataset is not None:
        problems.extend(validate(dataset, parse_now(SAMPLE_NOW)))
    return [str(p) for p in sorted(problems)]


def valid(data: DataDir) -> DataDir:
    data.write("campaigns/ntm.yml", CAMPAIGN)
    data.write("exemplars/nguyen-van-an.yml", EXEMPLAR)
    data.write("nominations/hcld-2026.yml", NOMINATION)
    return data


def test_valid_records_have_no_problems(data_dir: DataDir) -> None:
    assert messages(valid(data_dir)) == []


def test_date_written_day_first_gets_iso_hint(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("published: 2024-05-02", "published: 31/12/2021")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:26:12: published: tìm thấy '31/12/2021'; viết ngày theo dạng 2021-12-31"
    ]


def test_impossible_date(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("published: 2024-05-02", "published: 31/02/2024")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:26:12: published: tìm thấy '31/02/2024'; "
        "ngày 31/02/2024 không có thật; viết ngày theo dạng năm-tháng-ngày, ví dụ 2021-12-31"
    ]


def test_a_date_typed_month_first_in_the_wrong_century_is_an_error(data_dir: DataDir) -> None:
    """The browser's mm/dd/yyyy box saved 1906-10-12 for 10/12/06 typed day first."""
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("published: 2024-05-02", "published: 1906-10-12")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:26:12: published: ngày 12/10/1906 trước ngày 01/01/2000, không thể đúng "
        "với hồ sơ này; kiểm tra lại năm, và thứ tự ngày/tháng/năm (ví dụ 16/11/2026)"
    ]


def test_a_date_more_than_two_years_ahead_is_an_error(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "nominations/hcld-2026.yml",
        NOMINATION.replace("published: 2026-11-16", "published: 2029-11-10"),
    )
    assert [m for m in messages(data_dir) if "published:" in m] == [
        "data/nominations/hcld-2026.yml:25:12: published: ngày 10/11/2029 sau hôm nay hơn 2 năm (muộn nhất "
        "25/11/2028); kiểm tra lại năm, và thứ tự ngày/tháng/năm (ví dụ 16/11/2026)"
    ]


def test_a_legal_basis_and_an_award_decision_may_be_historic(data_dir: DataDir) -> None:
    """A campaign launched under a 1998 directive, a Hero of Labour decided in 1985: from 02/09/1945."""
    valid(data_dir).write(
        "campaigns/ntm.yml", CAMPAIGN.replace("date: 2021-07-16\n    issuer", "date: 1998-07-16\n    issuer")
    )
    assert messages(data_dir) == []
    data_dir.write(
        "campaigns/ntm.yml", CAMPAIGN.replace("date: 2021-07-16\n    issuer", "date: 1930-07-16\n    issuer")
    )
    assert messages(data_dir) == [
        "data/campaigns/ntm.yml:12:11: legal_basis[0].date: ngày 16/07/1930 trước ngày 02/09/1945, không thể đúng "
        "với hồ sơ này; kiểm tra lại năm, và thứ tự ngày/tháng/năm (ví dụ 16/11/2026)"
    ]


def test_a_campaigns_period_may_start_long_ago_and_end_ten_years_ahead(data_dir: DataDir) -> None:
    """A movement launched in 1995, a programme for 2026-2035; a period ending in 2037 is a slip."""
    period = "period:\n  start: 2021-07-16\n  end: 2025-12-31"
    valid(data_dir).write(
        "campaigns/ntm.yml", CAMPAIGN.replace(period, "period:\n  start: 1995-07-16\n  end: 2035-12-31")
    )
    assert messages(data_dir) == []
    data_dir.write("campaigns/ntm.yml", CAMPAIGN.replace(period, "period:\n  start: 1995-07-16\n  end: 2037-12-31"))
    assert messages(data_dir) == [
        "data/campaigns/ntm.yml:8:8: period.end: ngày 31/12/2037 sau hôm nay hơn 10 năm (muộn nhất 25/11/2036); "
        "kiểm tra lại năm, và thứ tự ngày/tháng/năm (ví dụ 16/11/2026)"
    ]


def test_misspelt_key_suggests_nearest(data_dir: DataDir) -> None:
    valid(data_dir).write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("summary:", "sumary:"))
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:1:1: summary: thiếu trường bắt buộc 'summary'",
        "data/exemplars/nguyen-van-an.yml:11:1: sumary: không có trường 'sumary'; có phải ý bạn là 'summary'?",
    ]


def test_misspelt_nested_key(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("  province: dong-thap", "  provice: dong-thap")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:6:3: locality.province: thiếu trường bắt buộc 'province'",
        "data/exemplars/nguyen-van-an.yml:7:3: locality.provice: không có trường 'provice'; có phải ý bạn là 'province'?",
    ]


def test_value_outside_enumeration(data_dir: DataDir) -> None:
    valid(data_dir).write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("stage: tổng kết", "stage: tong ket"))
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:25:8: stage: tìm thấy 'tong ket'; giá trị phải là một trong: "
        "'phát hiện', 'bồi dưỡng', 'tổng kết', 'nhân rộng'; có phải ý bạn là 'tổng kết'?"
    ]


def test_nfd_input_is_normalised(data_dir: DataDir) -> None:
    import unicodedata

    valid(data_dir).write("exemplars/nguyen-van-an.yml", unicodedata.normalize("NFD", EXEMPLAR))
    dataset, problems = load_dataset(data_dir.root)
    assert problems == []
    assert dataset is not None
    assert dataset.exemplars["nguyen-van-an"].name == unicodedata.normalize("NFC", "Nguyễn Văn An")


def test_yaml_syntax_error_is_located(data_dir: DataDir) -> None:
    valid(data_dir).write("campaigns/ntm.yml", CAMPAIGN.replace("level: toàn quốc", "level: [toàn quốc"))
    [message] = messages(data_dir)[:1]
    assert message.startswith("data/campaigns/ntm.yml:")
    assert ": (tệp): lỗi cú pháp YAML" in message


def test_duplicate_key(data_dir: DataDir) -> None:
    valid(data_dir).write("campaigns/ntm.yml", CAMPAIGN + "title: Lặp lại\n")
    assert messages(data_dir) == [
        "data/campaigns/ntm.yml:16:1: title: trường 'title' được khai báo hai lần; chỉ giữ một lần"
    ]


def test_bad_file_name(data_dir: DataDir) -> None:
    valid(data_dir).write("exemplars/Nguyễn Văn Ba.yml", EXEMPLAR)
    assert messages(data_dir) == [
        "data/exemplars/Nguyễn Văn Ba.yml:1:1: (tên tệp): tên tệp 'Nguyễn Văn Ba.yml' không dùng được làm địa chỉ trang; "
        "đặt tên bằng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ 'nguyen-van-an.yml' "
        "(không bắt đầu bằng 'theo-' hay 'trang-')"
    ]


def test_same_id_twice(data_dir: DataDir) -> None:
    valid(data_dir).write("exemplars/nguyen-van-an.yaml", EXEMPLAR)
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:1:1: (tên tệp): mã 'nguyen-van-an' đã có ở tệp khác trong exemplars/; "
        "mỗi mã chỉ dùng một lần"
    ]


def test_unknown_campaign_reference(data_dir: DataDir) -> None:
    valid(data_dir).write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("  - ntm", "  - ntn"))
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:10:5: campaigns[0]: không tìm thấy phong trào 'ntn'; có phải ý bạn là 'ntm'?"
    ]


def test_unknown_parent_campaign(data_dir: DataDir) -> None:
    valid(data_dir).write("campaigns/ntm-dt.yml", CAMPAIGN + "parent: khong-co\n")
    assert messages(data_dir) == [
        "data/campaigns/ntm-dt.yml:16:9: parent: không tìm thấy phong trào 'khong-co'; xem data/campaigns/"
    ]


def test_parent_cycle(data_dir: DataDir) -> None:
    valid(data_dir).write("campaigns/a.yml", CAMPAIGN + "parent: b\n")
    data_dir.write("campaigns/b.yml", CAMPAIGN + "parent: a\n")
    assert messages(data_dir) == [
        "data/campaigns/a.yml:16:9: parent: các phong trào cấp trên tạo thành vòng lặp qua 'a'",
        "data/campaigns/b.yml:16:9: parent: các phong trào cấp trên tạo thành vòng lặp qua 'b'",
    ]


def test_unknown_province(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("province: dong-thap", "province: dong-thapp")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:7:13: locality.province: không tìm thấy tỉnh, thành phố 'dong-thapp'; "
        "có phải ý bạn là 'dong-thap'?"
    ]


def test_unknown_award(data_dir: DataDir) -> None:
    valid(data_dir).write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("award: giay-khen", "award: giay-khenn"))
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:23:12: awards[0].award: không tìm thấy hình thức khen thưởng 'giay-khenn'; "
        "có phải ý bạn là 'giay-khen'?"
    ]


def test_award_for_wrong_recipient_kind(data_dir: DataDir) -> None:
    broken = NOMINATION.replace("award: huan-chuong-lao-dong-hang-ba", "award: ba-me-viet-nam-anh-hung").replace(
        "        recipient_kind: cá nhân\n        honorific: Ông\n", "        recipient_kind: tập thể\n"
    )
    valid(data_dir).write("nominations/hcld-2026.yml", broken)
    assert messages(data_dir) == [
        "data/nominations/hcld-2026.yml:16:25: groups[0].nominees[0].recipient_kind: 'Bà mẹ Việt Nam anh hùng' "
        "không trao cho tập thể ('nguyen-van-binh', Nguyễn Văn Bình); hình thức này chỉ dành cho: cá nhân"
    ]


def test_unknown_field(data_dir: DataDir) -> None:
    valid(data_dir).write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("field: nông nghiệp", "field: nong nghiep"))
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:8:8: field: không tìm thấy lĩnh vực 'nong nghiep'; có phải ý bạn là 'nông nghiệp'?"
    ]


def test_period_end_before_start(data_dir: DataDir) -> None:
    valid(data_dir).write("campaigns/ntm.yml", CAMPAIGN.replace("end: 2025-12-31", "end: 2020-12-31"))
    assert messages(data_dir) == [
        "data/campaigns/ntm.yml:8:8: period.end: ngày kết thúc 2020-12-31 trước ngày bắt đầu 2021-07-16"
    ]


def test_consultation_closes_before_opening(data_dir: DataDir) -> None:
    valid(data_dir).write("nominations/hcld-2026.yml", NOMINATION.replace("closes: 2026-12-04", "closes: 2026-11-01"))
    problems = messages(data_dir)
    assert (
        "data/nominations/hcld-2026.yml:24:11: consultation.closes: ngày kết thúc lấy ý kiến 2026-11-01 "
        "trước ngày bắt đầu 2026-11-16"
    ) in problems


def test_duplicate_nominee_id(data_dir: DataDir) -> None:
    extra = """      - id: nguyen-van-binh
        recipient_kind: cá nhân
        name: Trần Văn Bình
"""
    broken = NOMINATION.replace("consultation:\n", extra + "consultation:\n")
    valid(data_dir).write("nominations/hcld-2026.yml", broken)
    assert messages(data_dir) == [
        "data/nominations/hcld-2026.yml:22:13: groups[0].nominees[1].id: mã 'nguyen-van-binh' đã dùng ở dòng 15; "
        "mỗi người trong danh sách cần một mã riêng"
    ]


def test_honorific_only_for_individuals(data_dir: DataDir) -> None:
    broken = EXEMPLAR.replace("recipient_kind: cá nhân", "recipient_kind: tập thể")
    valid(data_dir).write("exemplars/nguyen-van-an.yml", broken)
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:3:12: honorific: danh xưng 'Ông' chỉ dùng cho cá nhân, "
        "không dùng cho tập thể; bỏ trường này"
    ]


def test_remote_image_refused(data_dir: DataDir) -> None:
    broken = EXEMPLAR.replace("src: images/ruong-lua.svg", "src: https://example.com/a.jpg")
    valid(data_dir).write("exemplars/nguyen-van-an.yml", broken)
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:15:10: images[0].src: tìm thấy 'https://example.com/a.jpg'; "
        "ảnh phải là tệp trong data/images/, viết như images/ruong-lua.jpg (không lấy ảnh từ trang khác)"
    ]


def test_missing_image_file(data_dir: DataDir) -> None:
    broken = EXEMPLAR.replace("src: images/ruong-lua.svg", "src: images/khong-co.jpg")
    valid(data_dir).write("exemplars/nguyen-van-an.yml", broken)
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:15:10: images[0].src: không tìm thấy ảnh 'images/khong-co.jpg' trong data/images/"
    ]


def test_document_number_shape(data_dir: DataDir) -> None:
    valid(data_dir).write("campaigns/ntm.yml", CAMPAIGN.replace("number: 19/CT-TTg", "number: Chỉ thị 19"))
    assert messages(data_dir) == [
        "data/campaigns/ntm.yml:11:13: legal_basis[0].number: tìm thấy 'Chỉ thị 19'; "
        "số, ký hiệu văn bản có dạng như 19/CT-TTg, 200/KH-UBND hoặc 06/2022/QH15"
    ]


def test_every_error_of_every_file_in_one_run(data_dir: DataDir) -> None:
    valid(data_dir).write("campaigns/ntm.yml", CAMPAIGN.replace("level: toàn quốc", "level: quốc gia"))
    data_dir.write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("published: 2024-05-02", "published: 2/5/2024"))
    data_dir.write("nominations/hcld-2026.yml", NOMINATION.replace("opens: 2026-11-16", "opens: 16-11-2026"))
    found = messages(data_dir)
    assert [m.split(":")[0] for m in found] == [
        "data/campaigns/ntm.yml",
        "data/exemplars/nguyen-van-an.yml",
        "data/nominations/hcld-2026.yml",
    ]
    assert found[1].endswith("viết ngày theo dạng 2024-05-02")
    assert found[2].endswith("viết ngày theo dạng 2026-11-16")


def test_ineligible_award_names_each_nominee_it_does_not_fit(data_dir: DataDir) -> None:
    second = """      - id: hop-tac-xa-b
        recipient_kind: tập thể
        name: Hợp tác xã B
"""
    broken = (
        NOMINATION.replace("award: huan-chuong-lao-dong-hang-ba", "award: ba-me-viet-nam-anh-hung")
        .replace("        recipient_kind: cá nhân\n        honorific: Ông\n", "        recipient_kind: tập thể\n")
        .replace("consultation:\n", second + "consultation:\n")
    )
    valid(data_dir).write("nominations/hcld-2026.yml", broken)
    found = messages(data_dir)
    assert [m.split(": ")[1] for m in found] == [
        "groups[0].nominees[0].recipient_kind",
        "groups[0].nominees[1].recipient_kind",
    ]
    assert "('hop-tac-xa-b', Hợp tác xã B)" in found[1]


def test_unknown_award_reported_once_whatever_its_recipients(data_dir: DataDir) -> None:
    second = """      - id: hop-tac-xa-b
        recipient_kind: tập thể
        name: Hợp tác xã B
"""
    broken = NOMINATION.replace("award: huan-chuong-lao-dong-hang-ba", "award: huan-chuong-khong-co").replace(
        "consultation:\n", second + "consultation:\n"
    )
    valid(data_dir).write("nominations/hcld-2026.yml", broken)
    found = messages(data_dir)
    assert len(found) == 1 and found[0].startswith("data/nominations/hcld-2026.yml:13:12: groups[0].award: ")


def test_date_that_does_not_exist_in_iso_form(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("published: 2024-05-02", "published: 2024-13-45")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:26:12: published: tìm thấy '2024-13-45'; "
        "ngày 2024-13-45 không có thật (tháng từ 1 đến 12, ngày không quá số ngày của tháng)"
    ]


def test_date_without_leading_zeros_gets_the_padded_form(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("published: 2024-05-02", "published: 2024-5-2")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:26:12: published: tìm thấy '2024-5-2'; viết ngày theo dạng 2024-05-02"
    ]


def test_text_longer_than_its_field_allows(data_dir: DataDir) -> None:
    broken = EXEMPLAR.replace("name: Nguyễn Văn An", "name: " + "Nguyễn Văn An " * 20).replace(
        "story: |\n  Ông An làm **lúa sạch**.", "story: " + "lúa " * 12_501
    )
    valid(data_dir).write("exemplars/nguyen-van-an.yml", broken)
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:1:7: name: dài 279 ký tự; tối đa 200 ký tự",
        "data/exemplars/nguyen-van-an.yml:12:8: story: dài 50.003 ký tự; tối đa 50.000 ký tự",
    ]


def test_list_longer_than_its_field_allows(data_dir: DataDir) -> None:
    image = "  - src: images/ruong-lua.svg\n    alt: Ruộng lúa\n    caption: Cánh đồng lúa\n    credit: Ban biên tập\n"
    broken = EXEMPLAR.replace("images:\n", "images:\n" + image * 20)
    valid(data_dir).write("exemplars/nguyen-van-an.yml", broken)
    assert messages(data_dir) == ["data/exemplars/nguyen-van-an.yml:15:3: images: có 21 mục; tối đa 20 mục"]


def test_allowed_values_holding_commas_are_quoted(data_dir: DataDir) -> None:
    valid(data_dir).write("campaigns/ntm.yml", CAMPAIGN.replace("level: toàn quốc", "level: bo nganh"))
    [message] = messages(data_dir)
    assert "giá trị phải là một trong: 'toàn quốc', 'bộ, ngành', 'tỉnh', 'huyện', 'xã', 'cơ quan, đơn vị'" in message


def test_province_written_as_a_name_gets_its_id(data_dir: DataDir) -> None:
    for written in ("Dong Thap", "Đồng Tháp", "tỉnh Đồng Tháp"):
        valid(data_dir).write(
            "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("province: dong-thap", f"province: {written}")
        )
        assert messages(data_dir) == [
            f"data/exemplars/nguyen-van-an.yml:7:13: locality.province: không tìm thấy tỉnh, thành phố '{written}'; "
            f"'{written}' là tên; viết mã 'dong-thap' (tỉnh Đồng Tháp)"
        ]


def test_former_province_says_where_it_went(data_dir: DataDir) -> None:
    valid(data_dir).write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("province: dong-thap", "province: bac-lieu"))
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:7:13: locality.province: không tìm thấy tỉnh, thành phố 'bac-lieu'; "
        "tỉnh Bạc Liêu đã nhập vào tỉnh Cà Mau từ ngày 01/07/2025; dùng mã 'ca-mau' (ghi tên cũ trong "
        "locality.name nếu hồ sơ thuộc thời trước)"
    ]


def test_image_named_with_spaces_and_diacritics_gets_the_name_to_use(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("src: images/ruong-lua.svg", "src: images/Ảnh ruộng lúa.SVG")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:15:10: images[0].src: tìm thấy 'images/Ảnh ruộng lúa.SVG'; tên ảnh chỉ "
        "dùng chữ thường không dấu, chữ số và dấu gạch ngang: đổi tên tệp thành 'anh-ruong-lua.svg' trong "
        "data/images/ và viết images/anh-ruong-lua.svg"
    ]


def test_markup_that_will_be_removed_from_a_story_is_a_warning(data_dir: DataDir) -> None:
    story = 'story: |\n  Ông An làm **lúa sạch**.\n  <iframe src="https://x.vn"></iframe> <b onclick="x()">đậm</b>\n'
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("story: |\n  Ông An làm **lúa sạch**.\n", story)
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:14:3: story: cảnh báo: mã HTML sẽ bị bỏ khi đăng: <iframe>, src, onclick; "
        "chỉ viết bằng Markdown (**đậm**, *nghiêng*, [chữ](https://...), danh sách bắt đầu bằng '- '), không chèn HTML"
    ]


def test_missing_image_differing_only_in_case_names_the_file(data_dir: DataDir) -> None:
    valid(data_dir).write(
        "exemplars/nguyen-van-an.yml", EXEMPLAR.replace("src: images/ruong-lua.svg", "src: images/Ruong-Lua.SVG")
    )
    assert messages(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:15:10: images[0].src: không tìm thấy ảnh 'images/Ruong-Lua.SVG'; trong "
        "data/images/ có 'images/ruong-lua.svg', chỉ khác chữ hoa, chữ thường: viết đúng như tên tệp, images/ruong-lua.svg"
    ]


def test_fields_whose_addresses_collide_are_an_error(data_dir: DataDir) -> None:
    site = (data_dir.root / "site.yml").read_text(encoding="utf-8").replace("  - y tế\n", "  - y tế\n  - Y-tế\n", 1)
    (data_dir.root / "site.yml").write_text(site, encoding="utf-8")
    line = site.splitlines().index("  - Y-tế") + 1
    assert messages(valid(data_dir)) == [
        f"data/site.yml:{line}:5: fields[{site.split('fields:')[1].splitlines().index('  - Y-tế') - 1}]: lĩnh vực "
        "'Y-tế' trùng địa chỉ trang với 'y tế' (cùng thành 'y-te'); bỏ một trong hai hoặc đặt tên khác hẳn"
    ]


def test_one_run_shows_a_files_field_and_rule_problems(data_dir: DataDir) -> None:
    """A typo'd key and a wrong optional value do not hide the rules of the same file (an unknown
    award), nor another file's problems."""
    broken = NOMINATION.replace("award: huan-chuong-lao-dong-hang-ba", "award: huan-chuong-khong-co").replace(
        "province: dong-thap\n", "province: dong-thap\nsumary: Tóm tắt.\n"
    )
    valid(data_dir).write("nominations/hcld-2026.yml", broken)
    data_dir.write("campaigns/ntm.yml", CAMPAIGN.replace("end: 2025-12-31", "end: 2020-12-31"))
    fields = [m.split(": ", 2)[1] for m in messages(data_dir)]
    assert sorted(fields) == ["groups[0].award", "period.end", "sumary"]


def test_a_wrong_required_value_is_reported_alone(data_dir: DataDir) -> None:
    """Where the record cannot stand without the wrong value, no rule runs on a guess of it."""
    broken = NOMINATION.replace("opens: 2026-11-16", "opens: 16/11/2026").replace(
        "award: huan-chuong-lao-dong-hang-ba", "award: huan-chuong-khong-co"
    )
    valid(data_dir).write("nominations/hcld-2026.yml", broken)
    assert [m.split(": ", 2)[1] for m in messages(data_dir)] == ["consultation.opens"]
