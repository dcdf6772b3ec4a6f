"""Small valid records for tests; each test breaks one thing."""

CAMPAIGN = """
title: Cả nước chung sức xây dựng nông thôn mới
summary: Phong trào thi đua toàn quốc giai đoạn 2021 - 2025.
launched_by: Thủ tướng Chính phủ
level: toàn quốc
kind: thường xuyên
period:
  start: 2021-07-16
  end: 2025-12-31
legal_basis:
  - kind: Chỉ thị
    number: 19/CT-TTg
    date: 2021-07-16
    issuer: Thủ tướng Chính phủ
contents: Nội dung phong trào.
published: 2021-08-01
"""

EXEMPLAR = """
name: Nguyễn Văn An
recipient_kind: cá nhân
honorific: Ông
role: Nông dân
locality:
  name: xã Mỹ Hiệp, huyện Cao Lãnh, tỉnh Đồng Tháp
  province: dong-thap
field: nông nghiệp
campaigns:
  - ntm
summary: Nông dân sản xuất giỏi.
story: |
  Ông An làm **lúa sạch**.
images:
  - src: images/ruong-lua.svg
    alt: Ruộng lúa
    caption: Cánh đồng lúa
    credit: "Minh họa: Ban biên tập"
source:
  outlet: Báo Đồng Tháp
  date: 2024-05-02
awards:
  - award: giay-khen
    year: 2023
stage: tổng kết
published: 2024-05-02
"""

NOMINATION = """
title: Lấy ý kiến đề nghị tặng Huân chương Lao động
proposing_body: Ủy ban nhân dân tỉnh Đồng Tháp
proposing_document:
  kind: Tờ trình
  number: 5376/TTr-UBND
  date: 2025-06-30
legal_basis:
  - kind: Luật
    number: 06/2022/QH15
    date: 2022-06-15
province: dong-thap
groups:
  - award: huan-chuong-lao-dong-hang-ba
    nominees:
      - id: nguyen-van-binh
        recipient_kind: cá nhân
        honorific: Ông
        name: Nguyễn Văn Bình
        position: Giám đốc
        unit: Hợp tác xã Tân Thuận
        achievement: Hoàn thành xuất sắc nhiệm vụ 5 năm liền.
consultation:
  opens: 2026-11-16
  closes: 2026-12-04
published: 2026-11-16
"""

# The same list, its window closed on 2026-10-20 (the sample clock is 2026-11-25): for what comes
# after a consultation (outcome, feedback, corrections).
CLOSED_NOMINATION = (
    NOMINATION.replace("opens: 2026-11-16", "opens: 2026-10-01")
    .replace("closes: 2026-12-04", "closes: 2026-10-20")
    .replace("published: 2026-11-16", "published: 2026-10-01")
)
