"""The record types: one place that says what every YAML file may hold.

Field names are English snake_case; enumerated values are Vietnamese, as editors
write them. Every model forbids unknown keys so that a misspelt key is reported
instead of silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# Official document numbers: "19/CT-TTg", "200/KH-UBND", "06/2022/QH15", "98/2023/NĐ-CP".
DOC_NUMBER_RE = r"^\d{1,6}(/\d{4})?/[0-9A-Za-zĐđ]+(-[0-9A-Za-zĐđ]+)*$"
ID_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
IMAGE_RE = r"^images/[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$"

# Every text has a ceiling, in characters, generous for real records: without one a pasted book
# or a runaway script would be published whole, in every page, feed and search index it reaches.
# Label: a name, role, unit, place, body, outlet, document kind.
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# Title: a record's title, a campaign's slogan.
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# Caption: an image's caption and description, a document's abstract (trích yếu), an address.
Caption = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
# Summary: a summary, a nominee's achievement, a note, an amendment, a criterion.
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
# Notice: the standing texts of a consultation (what a comment needs, privacy, after the deadline).
Notice = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
# Story: an exemplar's story, a campaign's contents (Markdown); a long feature is 20,000.
Story = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50_000)]
RecordId = Annotated[str, StringConstraints(pattern=ID_RE, max_length=100)]
# A province is checked against data/provinces.yml, not by shape, so that a name written in its
# place ("Cà Mau", "Dong Thap") or a former province ("bac-lieu") gets the id to use instead.
ProvinceRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://", max_length=2000)]

RecipientKind = Literal["cá nhân", "tập thể", "hộ gia đình"]
AwardLevel = Literal["nhà nước", "bộ, ngành, tỉnh", "cơ sở"]
CampaignLevel = Literal["toàn quốc", "bộ, ngành", "tỉnh", "huyện", "xã", "cơ quan, đơn vị"]
CampaignKind = Literal["thường xuyên", "chuyên đề", "cao điểm"]
Stage = Literal["phát hiện", "bồi dưỡng", "tổng kết", "nhân rộng"]
PriorityGroup = Literal[
    "trực tiếp sản xuất",
    "tập thể nhỏ",
    "cơ sở",
    "vùng sâu, vùng xa",
    "biên giới",
    "vùng đồng bào dân tộc thiểu số",
]
Honorific = Literal["Ông", "Bà"]

# Record ids that would collide with generated list pages inside a section.
RESERVED_PREFIXES = ("theo-", "trang-")

STAGES: tuple[str, ...] = ("phát hiện", "bồi dưỡng", "tổng kết", "nhân rộng")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: object) -> object:
        """An optional field written as "" is a field left empty, not a text too short.

        The web editor (Decap CMS) writes `theme: ""` for an optional field typed in and then
        cleared; refusing it would make editors hunt for a field they believe they emptied.
        A required field written "" is still refused, with its located message.
        """
        if not isinstance(data, dict) or "" not in data.values():
            return data
        fields = cls.model_fields
        return {
            key: value
            for key, value in data.items()
            if not (value == "" and key in fields and not fields[key].is_required())
        }


def old_ids_field() -> list[str]:
    """The `old_ids` field every record kind has: the ids (file names) it was published under."""
    return Field(
        default=[],
        max_length=50,
        description=(
            "Mã cũ (tên tệp cũ, bỏ đuôi .yml) của hồ sơ này nếu đã đổi tên tệp sau khi đăng; "
            "địa chỉ trang cũ sẽ chuyển về trang mới"
        ),
    )


class DocumentRef(Model):
    """An official document: legal basis, proposing document, decision."""

    kind: Label = Field(description="Loại văn bản: Chỉ thị, Kế hoạch, Tờ trình, Quyết định...")
    number: Annotated[str, StringConstraints(pattern=DOC_NUMBER_RE, max_length=60)] = Field(
        description="Số, ký hiệu văn bản, ví dụ 19/CT-TTg"
    )
    date: dt.date = Field(description="Ngày ban hành, dạng 2021-07-16")
    issuer: Label | None = Field(default=None, description="Cơ quan ban hành")
    title: Caption | None = Field(default=None, description="Trích yếu")
    url: Url | None = Field(default=None, description="Địa chỉ văn bản trên mạng, nếu có")

    def label(self) -> str:
        return f"{self.kind} số {self.number}"


class Locality(Model):
    """A place as written at the time, with its present-day province for filtering."""

    name: Label = Field(description="Địa danh như ghi trong hồ sơ, ví dụ 'xã Bằng Lãng, huyện Chợ Đồn'")
    province: ProvinceRef = Field(description="Mã tỉnh, thành phố hiện nay (xem data/provinces.yml)")


class Period(Model):
    start: dt.date = Field(description="Ngày bắt đầu")
    end: dt.date | None = Field(default=None, description="Ngày kết thúc, nếu có")


class Image(Model):
    src: Annotated[str, StringConstraints(pattern=IMAGE_RE, max_length=300)] = Field(
        description="Đường dẫn ảnh trong data/images/, không dùng ảnh từ trang khác"
    )
    alt: Caption = Field(description="Mô tả ảnh cho người không xem được ảnh")
    caption: Caption = Field(description="Chú thích ảnh")
    credit: Label = Field(description="Tác giả ảnh, ví dụ 'Ảnh: Nguyễn Văn A'")


class Source(Model):
    outlet: Label = Field(description="Cơ quan báo chí, đơn vị cung cấp")
    column: Label | None = Field(default=None, description="Chuyên mục, chương trình")
    author: Label | None = Field(default=None, description="Tác giả bài")
    date: dt.date | None = Field(default=None, description="Ngày đăng bài gốc")
    url: Url | None = Field(default=None, description="Địa chỉ bài gốc")


class AwardReceived(Model):
    award: RecordId = Field(description="Mã hình thức khen thưởng trong data/awards.yml")
    year: Annotated[int, Field(ge=1945, le=2100)] = Field(description="Năm được khen thưởng")
    decision: DocumentRef | None = Field(default=None, description="Quyết định khen thưởng, nếu có")


class Campaign(Model):
    """Phong trào thi đua."""

    title: Title = Field(description="Tên phong trào thi đua")
    summary: Summary = Field(description="Tóm tắt một, hai câu, hiện trong danh sách phong trào")
    launched_by: Label = Field(description="Cơ quan, người phát động")
    level: CampaignLevel = Field(description="Cấp phát động")
    kind: CampaignKind = Field(description="Loại phong trào")
    period: Period = Field(description="Thời gian thực hiện: ngày bắt đầu và ngày kết thúc")
    theme: Title | None = Field(default=None, description="Chủ đề, khẩu hiệu")
    province: ProvinceRef | None = Field(default=None, description="Mã tỉnh, thành phố (với phong trào địa phương)")
    parent: RecordId | None = Field(default=None, description="Mã phong trào cấp trên")
    legal_basis: list[DocumentRef] = Field(
        min_length=1, max_length=50, description="Căn cứ: các văn bản phát động, kế hoạch (ít nhất một)"
    )
    contents: Story = Field(description="Nội dung, tiêu chí (Markdown)")
    criteria: list[Summary] = Field(
        default=[], max_length=100, description="Các tiêu chí thi đua, mỗi tiêu chí một dòng"
    )
    published: dt.date = Field(description="Ngày đăng, dạng 2021-08-01")
    updated: dt.date | None = Field(default=None, description="Ngày cập nhật gần nhất, nếu có")
    old_ids: list[RecordId] = old_ids_field()


class Exemplar(Model):
    """Điển hình tiên tiến, gương người tốt việc tốt."""

    name: Label = Field(description="Họ tên cá nhân, tên tập thể hoặc hộ gia đình")
    recipient_kind: RecipientKind = Field(description="Đối tượng: cá nhân, tập thể hoặc hộ gia đình")
    honorific: Honorific | None = Field(default=None, description="Danh xưng Ông hoặc Bà (chỉ với cá nhân)")
    role: Label | None = Field(default=None, description="Chức vụ, nghề nghiệp")
    unit: Label | None = Field(default=None, description="Đơn vị công tác")
    locality: Locality = Field(description="Địa phương: địa danh như ghi trong hồ sơ và tỉnh, thành phố hiện nay")
    field: Label = Field(description="Lĩnh vực, một trong danh sách fields của data/site.yml")
    campaigns: list[RecordId] = Field(
        default=[], max_length=50, description="Mã các phong trào thi đua gắn với gương điển hình"
    )
    summary: Summary = Field(description="Tóm tắt một, hai câu")
    story: Story = Field(description="Câu chuyện (Markdown)")
    images: list[Image] = Field(
        default=[], max_length=20, description="Ảnh (tối đa 20), mỗi ảnh với mô tả, chú thích và tác giả"
    )
    source: Source = Field(description="Nguồn bài: cơ quan báo chí, chuyên mục, tác giả, ngày đăng, địa chỉ bài gốc")
    awards: list[AwardReceived] = Field(
        default=[], max_length=100, description="Khen thưởng đã nhận: hình thức, năm, quyết định"
    )
    stage: Stage = Field(description="Giai đoạn xây dựng điển hình")
    priority_groups: list[PriorityGroup] = Field(
        default=[], max_length=6, description="Đối tượng cần ưu tiên khen thưởng, nếu có"
    )
    published: dt.date = Field(description="Ngày đăng, dạng 2024-05-02")
    updated: dt.date | None = Field(default=None, description="Ngày cập nhật gần nhất, nếu có")
    old_ids: list[RecordId] = old_ids_field()


class Nominee(Model):
    id: RecordId = Field(description="Mã người, tập thể được đề nghị, duy nhất trong danh sách")
    recipient_kind: RecipientKind = Field(description="Đối tượng: cá nhân, tập thể hoặc hộ gia đình")
    honorific: Honorific | None = Field(default=None, description="Danh xưng Ông hoặc Bà (chỉ với cá nhân)")
    name: Label = Field(description="Họ tên cá nhân, tên tập thể hoặc hộ gia đình")
    position: Label | None = Field(default=None, description="Chức vụ")
    unit: Label | None = Field(default=None, description="Đơn vị công tác")
    locality: Label | None = Field(default=None, description="Địa phương (xã, tỉnh); không ghi địa chỉ nhà")
    achievement: Summary | None = Field(default=None, description="Tóm tắt thành tích")


class NomineeGroup(Model):
    award: RecordId = Field(description="Mã hình thức khen thưởng đề nghị cho cả nhóm")
    nominees: list[Nominee] = Field(
        min_length=1, max_length=5000, description="Người, tập thể được đề nghị, theo thứ tự của cơ quan đề nghị"
    )


class Consultation(Model):
    opens: dt.date = Field(description="Ngày bắt đầu lấy ý kiến")
    closes: dt.date = Field(description="Ngày cuối cùng nhận góp ý (hết ngày)")
    short_window_reason: Summary | None = Field(
        default=None, description="Lý do rút ngắn thời gian lấy ý kiến dưới mức tối thiểu"
    )
    decision_expected: dt.date | None = Field(
        default=None, description="Ngày dự kiến có quyết định khen thưởng, nếu đã biết"
    )


class CommentChannels(Model):
    form_url: Url | None = Field(
        default=None,
        description="Mẫu địa chỉ biểu mẫu, có thể dùng {list_title} {award} {nominee} {unit} {nominee_id} {list_id}",
    )
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)] | None = Field(
        default=None, description="Hộp thư nhận góp ý"
    )
    postal_address: Caption | None = Field(default=None, description="Địa chỉ nhận thư góp ý qua bưu điện")
    phone: Label | None = Field(default=None, description="Số điện thoại của cơ quan nhận góp ý")


class Amendment(Model):
    date: dt.date = Field(description="Ngày đính chính (từ ngày mở lấy ý kiến trở đi)")
    change: Summary = Field(description="Nội dung thay đổi")
    reason: Summary = Field(description="Lý do")


class Correction(Model):
    """Đính chính một danh sách đã có kết quả: kết quả, hoặc điều gì khác trang đã công bố."""

    date: dt.date = Field(description="Ngày đính chính kết quả (sau ngày quyết định)")
    change: Summary = Field(description="Nội dung thay đổi")
    reason: Summary = Field(description="Lý do")
    document: DocumentRef | None = Field(default=None, description="Văn bản đính chính, nếu có")


class FirstPublished(Model):
    """Nơi và ngày danh sách đã công khai lần đầu, nếu được đưa lên trang sau ngày mở lấy ý kiến."""

    date: dt.date = Field(description="Ngày công khai lần đầu, dạng 2026-11-02")
    where: Label = Field(description="Nơi công khai lần đầu: cổng thông tin, báo, nơi niêm yết")
    url: Url | None = Field(default=None, description="Địa chỉ bản công khai lần đầu, nếu có")


FeedbackStatus = Literal["đang tổng hợp ý kiến", "đã báo cáo Hội đồng", "đã công bố"]
IssueRaised = Literal["thành tích", "tiêu chuẩn", "kỷ luật", "thông tin sai", "khác"]
Verification = Literal["không cần", "đang xác minh", "không có cơ sở", "có cơ sở một phần", "có cơ sở"]
FeedbackDecision = Literal["giữ nguyên", "điều chỉnh thông tin", "tạm dừng chờ kết luận", "rút khỏi danh sách"]
Count = Annotated[int, Field(ge=0, le=10_000_000)]


class ReceivedBy(Model):
    """Số ý kiến nhận được theo từng cách gửi."""

    form: Count = Field(default=0, description="Qua biểu mẫu trực tuyến")
    email: Count = Field(default=0, description="Qua thư điện tử")
    post: Count = Field(default=0, description="Qua bưu điện")
    phone: Count = Field(default=0, description="Qua điện thoại")
    in_person: Count = Field(default=0, description="Trực tiếp")
    forwarded: Count = Field(default=0, description="Do cơ quan khác chuyển đến")

    def total(self) -> int:
        return self.form + self.email + self.post + self.phone + self.in_person + self.forwarded


class NomineeFeedback(Model):
    """Ý kiến về một người, tập thể trong danh sách và việc xem xét: không ghi ai đã góp ý."""

    nominee: RecordId = Field(description="Mã người, tập thể trong danh sách")
    comments: Annotated[int, Field(ge=1, le=10_000_000)] = Field(description="Số ý kiến về người, tập thể này")
    issues: list[IssueRaised] = Field(min_length=1, max_length=5, description="Vấn đề được nêu")
    summary: Summary = Field(
        description="Tóm tắt trung lập nội dung ý kiến, không trích nguyên văn, không nêu người góp ý"
    )
    verification: Verification = Field(description="Kết quả xác minh")
    verified_by: Label | None = Field(default=None, description="Cơ quan xác minh")
    document: DocumentRef | None = Field(default=None, description="Văn bản xác minh, kết luận")
    decision: FeedbackDecision | None = Field(default=None, description="Hướng xử lý; bỏ trống khi đang xác minh")
    amendment: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        default=None, description="Số thứ tự của mục đính chính khi điều chỉnh thông tin"
    )
    answer: Summary | None = Field(default=None, description="Trả lời của Hội đồng Thi đua - Khen thưởng")


class Feedback(Model):
    """Tổng hợp ý kiến nhân dân sau khi hết hạn góp ý, và trả lời của Hội đồng."""

    status: FeedbackStatus = Field(description="đang tổng hợp ý kiến, đã báo cáo Hội đồng hoặc đã công bố")
    expected: dt.date = Field(description="Ngày dự kiến công bố kết quả tổng hợp ý kiến")
    late_reason: Summary | None = Field(default=None, description="Lý do chậm so với ngày dự kiến, nếu chậm")
    report: DocumentRef | None = Field(default=None, description="Báo cáo tổng hợp ý kiến gửi Hội đồng")
    published: dt.date | None = Field(default=None, description="Ngày công bố kết quả tổng hợp (khi đã công bố)")
    received: ReceivedBy = Field(default_factory=ReceivedBy, description="Số ý kiến nhận được theo cách gửi")
    about_list: Count = Field(default=0, description="Số ý kiến về cả danh sách, không về riêng ai")
    not_considered: Count = Field(
        default=0, description="Số ý kiến không được xem xét (không ghi tên, mạo danh, không rõ nội dung)"
    )
    nominees: list[NomineeFeedback] = Field(
        default=[], max_length=10_000, description="Ý kiến về từng người, tập thể và việc xem xét"
    )


class NomineeResult(Model):
    nominee: RecordId = Field(description="Mã người, tập thể trong danh sách")
    result: Literal["được khen thưởng", "không được khen thưởng", "rút khỏi danh sách", "chưa xét"] = Field(
        description="Kết quả"
    )
    note: Summary | None = Field(default=None, description="Ghi chú")


class Outcome(Model):
    decision: DocumentRef = Field(description="Quyết định khen thưởng")
    results: list[NomineeResult] = Field(
        default=[],
        max_length=10_000,
        description="Kết quả của từng người, tập thể trong danh sách (mỗi người đúng một lần)",
    )
    summary: Summary | None = Field(default=None, description="Tóm tắt kết quả")


class PrintedNotice(Model):
    """Thông báo niêm yết in ra giấy, theo thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP)."""

    number: Annotated[str, StringConstraints(pattern=DOC_NUMBER_RE, max_length=60)] | None = Field(
        default=None, description="Số, ký hiệu của thông báo, ví dụ 12/TB-UBND; bỏ trống để in chỗ trống ghi tay"
    )
    place: Label | None = Field(default=None, description="Địa danh ghi trước ngày tháng, ví dụ 'Cần Thơ'")
    date: dt.date | None = Field(default=None, description="Ngày ký thông báo; mặc định là ngày đăng danh sách")
    signer_title: Caption | None = Field(
        default=None,
        description="Quyền hạn, chức vụ người ký, ví dụ 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH'",
    )
    signer_name: Label | None = Field(default=None, description="Họ tên người ký")
    recipients: list[Label] = Field(default=[], max_length=30, description="Nơi nhận, mỗi nơi một dòng")


class NomineeList(Model):
    """Danh sách đề nghị khen thưởng, lấy ý kiến nhân dân."""

    title: Title = Field(description="Tên danh sách")
    summary: Summary | None = Field(default=None, description="Tóm tắt")
    proposing_body: Label = Field(description="Cơ quan đề nghị khen thưởng")
    proposing_document: DocumentRef = Field(description="Tờ trình đề nghị khen thưởng")
    legal_basis: list[DocumentRef] = Field(
        min_length=1, max_length=50, description="Căn cứ pháp lý (ít nhất một văn bản)"
    )
    province: ProvinceRef | None = Field(default=None, description="Mã tỉnh, thành phố")
    campaign: RecordId | None = Field(default=None, description="Mã phong trào thi đua, nếu có")
    groups: list[NomineeGroup] = Field(
        min_length=1,
        max_length=100,
        description="Các nhóm theo hình thức khen thưởng, mỗi nhóm với người, tập thể được đề nghị",
    )
    consultation: Consultation = Field(description="Thời gian lấy ý kiến: ngày bắt đầu và ngày cuối cùng nhận góp ý")
    channels: CommentChannels | None = Field(default=None, description="Bỏ trống để dùng cài đặt chung")
    comment_requirements: Notice | None = Field(
        default=None, description="Nội dung góp ý cần có, nếu khác cài đặt chung"
    )
    after_deadline: Notice | None = Field(
        default=None, description="Việc gì xảy ra sau khi hết hạn góp ý, nếu khác cài đặt chung"
    )
    amendments: list[Amendment] = Field(
        default=[],
        max_length=1000,
        description="Các lần đính chính sau khi mở lấy ý kiến: ngày, nội dung thay đổi, lý do (chỉ thêm, không sửa)",
    )
    outcome: Outcome | None = Field(default=None, description="Kết quả khen thưởng, chỉ thêm sau khi hết hạn góp ý")
    feedback: Feedback | None = Field(
        default=None, description="Tổng hợp ý kiến nhân dân và trả lời, chỉ thêm sau khi hết hạn góp ý"
    )
    corrections: list[Correction] = Field(
        default=[],
        max_length=1000,
        description="Các lần đính chính sau khi có kết quả: ngày, nội dung thay đổi, lý do, văn bản (chỉ thêm, không sửa)",
    )
    published: dt.date = Field(description="Ngày đăng danh sách")
    first_published: FirstPublished | None = Field(
        default=None,
        description="Nơi và ngày công khai lần đầu, nếu danh sách đã công khai ở nơi khác trước khi đưa lên trang",
    )
    notice: PrintedNotice | None = Field(default=None, description="Thông tin in trên thông báo niêm yết")
    old_ids: list[RecordId] = old_ids_field()


class Award(Model):
    id: RecordId = Field(description="Mã hình thức khen thưởng, dùng trong các hồ sơ")
    name: Label = Field(description="Tên hình thức khen thưởng")
    level: AwardLevel = Field(description="Cấp khen thưởng")
    group: Label = Field(description="Huân chương, Danh hiệu vinh dự nhà nước, Bằng khen...")
    recipients: list[RecipientKind] = Field(min_length=1, max_length=3, description="Đối tượng được nhận")


class AwardCatalogue(Model):
    awards: list[Award] = Field(max_length=1000, description="Các hình thức khen thưởng")


class Province(Model):
    id: RecordId = Field(description="Mã tỉnh, thành phố, dùng trong các hồ sơ")
    name: Label = Field(description="Tên tỉnh, thành phố")
    kind: Literal["tỉnh", "thành phố"] = Field(description="Tỉnh hoặc thành phố")
    former: list[Label] = Field(default=[], max_length=100, description="Tên các tỉnh cũ nhập vào (trước 01/07/2025)")


class ProvinceList(Model):
    provinces: list[Province] = Field(max_length=1000, description="Các tỉnh, thành phố hiện nay")


class Holiday(Model):
    date: dt.date = Field(description="Ngày nghỉ, dạng 2026-02-17")
    name: Label = Field(description="Tên ngày lễ, Tết")


class HolidayList(Model):
    holidays: list[Holiday] = Field(
        max_length=10_000, description="Các ngày nghỉ lễ, Tết (không tính là ngày làm việc)"
    )


class ConsultationSettings(Model):
    closing_soon_working_days: Annotated[int, Field(ge=1, le=10)] = Field(
        default=3, description="Còn từ bấy nhiêu ngày làm việc trở xuống thì báo sắp hết hạn (mặc định 3)"
    )
    channels: CommentChannels = Field(description="Cách gửi góp ý mặc định cho mọi danh sách")
    comment_requirements: Notice = Field(description="Nội dung góp ý cần có (mặc định)")
    privacy_notice: Notice = Field(description="Thông báo bảo vệ thông tin của người góp ý")
    after_deadline: Notice = Field(description="Việc gì xảy ra sau khi hết hạn góp ý (mặc định)")


class EditorSettings(Model):
    """Where the web editor (/quan-tri/) saves, GitHub or GitLab, and how editors sign in."""

    host: Literal["github", "gitlab"] = Field(
        default="github",
        description="Nơi đặt kho dữ liệu: github, hoặc gitlab (gitlab.com hay máy chủ GitLab của cơ quan)",
    )
    repo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$", max_length=200)] = Field(
        description="Kho chứa dữ liệu, dạng to-chuc/ten-kho (trên GitLab có thể là nhom/nhom-con/ten-kho)"
    )
    branch: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+$", max_length=200)] = Field(
        default="main", description="Nhánh chính của kho (mặc định main)"
    )
    auth_url: Url | None = Field(
        default=None,
        description=(
            "Chỉ với GitHub: địa chỉ dịch vụ đăng nhập GitHub (OAuth) do bộ phận tin học cài đặt, ví dụ "
            "https://dang-nhap.example.gov.vn"
        ),
    )
    gitlab_url: Annotated[str, StringConstraints(pattern=r"^https?://[^/\s]+/?$", max_length=200)] | None = Field(
        default=None,
        description="Chỉ với GitLab của cơ quan: địa chỉ máy chủ GitLab, ví dụ https://gitlab.sonoivu.gov.vn; "
        "bỏ trống khi dùng gitlab.com",
    )
    app_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,128}$")] | None = Field(
        default=None,
        description="Chỉ với GitLab: mã ứng dụng (Application ID) của ứng dụng OAuth tạo trên GitLab, để biên tập viên "
        "đăng nhập không cần dịch vụ đăng nhập riêng (PKCE)",
    )


class SiteSettings(Model):
    title: Title = Field(description="Tên trang")
    description: Summary = Field(description="Mô tả trang")
    url: Annotated[str, StringConstraints(pattern=r"^https?://.+/$", max_length=2000)] = Field(
        description="Địa chỉ gốc của trang, kết thúc bằng /"
    )
    organisation: Label = Field(description="Cơ quan quản lý trang")
    sample_data: bool = Field(default=False, description="Hiện thông báo đây là dữ liệu mẫu")
    fields: list[Label] = Field(min_length=1, max_length=200, description="Danh sách lĩnh vực")
    page_size: Annotated[int, Field(ge=5, le=500)] = Field(
        default=30, description="Số gương điển hình trên một trang danh sách"
    )
    feed_items: Annotated[int, Field(ge=5, le=50)] = Field(
        default=20,
        description="Số mục mới nhất mỗi nguồn tin RSS, Atom, JSON Feed giữ (toàn bộ có trong dữ liệu mở)",
    )
    feed_full_text: Annotated[int, Field(ge=0, le=50)] = Field(
        default=5,
        description="Trong các mục đó, số mục mới nhất kèm toàn văn; mục cũ hơn chỉ có tóm tắt và đường dẫn",
    )
    consultation: ConsultationSettings = Field(description="Cài đặt chung của việc lấy ý kiến")
    editor: EditorSettings | None = Field(
        default=None, description="Trang biên tập /quan-tri/: kho GitHub và dịch vụ đăng nhập (bỏ trống khi chưa dùng)"
    )


class Withdrawal(Model):
    """Một hồ sơ đã gỡ khỏi trang: địa chỉ của nó hiện thông báo đã gỡ thay vì báo không tìm thấy."""

    kind: Literal["campaigns", "exemplars", "nominations"] = Field(
        description="Thư mục của hồ sơ đã gỡ: campaigns, exemplars hoặc nominations"
    )
    id: RecordId = Field(description="Mã hồ sơ đã gỡ (tên tệp cũ, bỏ đuôi .yml)")
    date: dt.date = Field(description="Ngày gỡ, dạng 2026-12-01")
    reason: Summary = Field(description="Lý do gỡ, hiện trên trang thông báo")
    title: Title | None = Field(
        default=None,
        description="Tên hồ sơ hiện trên trang thông báo; bỏ trống nếu không nên nhắc lại tên (ví dụ gỡ vì lý do cá nhân)",
    )


class WithdrawnList(Model):
    withdrawn: list[Withdrawal] = Field(
        default=[], max_length=10_000, description="Các hồ sơ đã gỡ: loại hồ sơ, mã, ngày gỡ, lý do, tên hồ sơ"
    )


class RuleSource(Model):
    """Văn bản quy định một quy tắc: loại, số, điều khoản."""

    kind: Label = Field(description="Loại văn bản: Luật, Nghị định, Thông tư...")
    number: Annotated[str, StringConstraints(pattern=DOC_NUMBER_RE, max_length=60)] = Field(
        description="Số, ký hiệu văn bản, ví dụ 152/2025/NĐ-CP"
    )
    article: Label = Field(description="Điều, khoản quy định, ví dụ 'khoản 3 Điều 60'")
    date: dt.date | None = Field(default=None, description="Ngày ban hành, nếu đã đối chiếu văn bản")
    title: Caption | None = Field(default=None, description="Trích yếu")
    url: Url | None = Field(default=None, description="Địa chỉ văn bản trên mạng, nếu có")

    def label(self) -> str:
        """As agencies cite it: 'khoản 2 Điều 44 Nghị định số 152/2025/NĐ-CP ngày 14/06/2025'."""
        dated = f" ngày {self.date:%d/%m/%Y}" if self.date else ""
        return f"{self.article} {self.kind} số {self.number}{dated}"


class ConsultationRule(Model):
    """Một quy định về lấy ý kiến nhân dân mà trang kiểm tra, với văn bản và thời gian hiệu lực."""

    id: RecordId = Field(description="Mã quy định, dùng trong replaced_by")
    min_working_days: Annotated[int, Field(ge=1, le=60)] = Field(
        description="Số ngày làm việc tối thiểu công khai danh sách, trừ thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết"
    )
    where: Caption = Field(description="Nơi phải công khai danh sách, như văn bản quy định")
    levels: list[AwardLevel] = Field(
        default=[], max_length=3, description="Các cấp khen thưởng quy định này áp dụng (ví dụ: nhà nước)"
    )
    awards: list[RecordId] = Field(
        default=[],
        max_length=200,
        description="Các hình thức khen thưởng có quy định riêng (mã trong awards.yml); ưu tiên hơn levels",
    )
    files_begun_before: dt.date | None = Field(
        default=None,
        description=(
            "Quy định chuyển tiếp: chỉ áp dụng cho hồ sơ bắt đầu trước ngày này theo văn bản cũ, tức danh sách có "
            "tờ trình đề nghị (proposing_document.date) ký trước ngày này; được ưu tiên hơn quy định chung"
        ),
    )
    source: RuleSource = Field(description="Văn bản quy định: kind, number, article")
    in_force_from: dt.date = Field(description="Ngày có hiệu lực")
    in_force_until: dt.date | None = Field(default=None, description="Ngày cuối còn hiệu lực, nếu đã bị thay thế")
    replaced_by: RecordId | None = Field(default=None, description="Mã quy định thay thế, nếu có")

    def in_force(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None or day <= self.in_force_until)

    def covers_file(self, begun: dt.date) -> bool:
        """Whether a file begun on that day (its proposing document's date) may follow this rule:
        a transitional rule covers only the files begun before its date; a general one, any."""
        return self.files_begun_before is None or begun < self.files_begun_before


class RuleBook(Model):
    rules: list[ConsultationRule] = Field(
        min_length=1, max_length=200, description="Các quy định về lấy ý kiến nhân dân, theo thời gian hiệu lực"
    )


KIND_MODELS: dict[str, type[Model]] = {
    "campaigns": Campaign,
    "exemplars": Exemplar,
    "nominations": NomineeList,
}

REFERENCE_MODELS: dict[str, type[Model]] = {
    "site.yml": SiteSettings,
    "awards.yml": AwardCatalogue,
    "provinces.yml": ProvinceList,
    "holidays.yml": HolidayList,
    "rules.yml": RuleBook,
    # Optional: without it, nothing was withdrawn.
    "withdrawn.yml": WithdrawnList,
}


def is_record_id(value: str) -> bool:
    return re.fullmatch(ID_RE, value) is not None
