"""The record types: one place that says what every YAML file may hold.

Field names are English snake_case; enumerated values are Vietnamese, as editors
write them. Every model forbids unknown keys so that a misspelt key is reported
instead of silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Official document numbers: "19/CT-TTg", "200/KH-UBND", "06/2022/QH15", "98/2023/NĐ-CP".
DOC_NUMBER_RE = r"^\d{1,6}(/\d{4})?/[0-9A-Za-zĐđ]+(-[0-9A-Za-zĐđ]+)*$"
ID_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
IMAGE_RE = r"^images/[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
RecordId = Annotated[str, StringConstraints(pattern=ID_RE)]

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


class DocumentRef(Model):
    """An official document: legal basis, proposing document, decision."""

    kind: Text = Field(description="Loại văn bản: Chỉ thị, Kế hoạch, Tờ trình, Quyết định...")
    number: Annotated[str, StringConstraints(pattern=DOC_NUMBER_RE)] = Field(
        description="Số, ký hiệu văn bản, ví dụ 19/CT-TTg"
    )
    date: dt.date = Field(description="Ngày ban hành, dạng 2021-07-16")
    issuer: Text | None = Field(default=None, description="Cơ quan ban hành")
    title: Text | None = Field(default=None, description="Trích yếu")
    url: Annotated[str, StringConstraints(pattern=r"^https?://")] | None = None

    def label(self) -> str:
        return f"{self.kind} số {self.number}"


class Locality(Model):
    """A place as written at the time, with its present-day province for filtering."""

    name: Text = Field(description="Địa danh như ghi trong hồ sơ, ví dụ 'xã Bằng Lãng, huyện Chợ Đồn'")
    province: RecordId = Field(description="Mã tỉnh, thành phố hiện nay (xem data/provinces.yml)")


class Period(Model):
    start: dt.date
    end: dt.date | None = None


class Image(Model):
    src: Annotated[str, StringConstraints(pattern=IMAGE_RE)] = Field(
        description="Đường dẫn ảnh trong data/images/, không dùng ảnh từ trang khác"
    )
    alt: Text
    caption: Text
    credit: Text


class Source(Model):
    outlet: Text = Field(description="Cơ quan báo chí, đơn vị cung cấp")
    column: Text | None = Field(default=None, description="Chuyên mục, chương trình")
    author: Text | None = None
    date: dt.date | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://")] | None = None


class AwardReceived(Model):
    award: RecordId = Field(description="Mã hình thức khen thưởng trong data/awards.yml")
    year: Annotated[int, Field(ge=1945, le=2100)]
    decision: DocumentRef | None = None


class Campaign(Model):
    """Phong trào thi đua."""

    title: Text
    summary: Text
    launched_by: Text = Field(description="Cơ quan, người phát động")
    level: CampaignLevel
    kind: CampaignKind
    period: Period
    theme: Text | None = Field(default=None, description="Chủ đề, khẩu hiệu")
    province: RecordId | None = Field(default=None, description="Tỉnh, thành phố (với phong trào địa phương)")
    parent: RecordId | None = Field(default=None, description="Mã phong trào cấp trên")
    legal_basis: list[DocumentRef] = Field(min_length=1)
    contents: Text = Field(description="Nội dung, tiêu chí (Markdown)")
    criteria: list[Text] = []
    published: dt.date
    updated: dt.date | None = None


class Exemplar(Model):
    """Điển hình tiên tiến, gương người tốt việc tốt."""

    name: Text = Field(description="Họ tên cá nhân, tên tập thể hoặc hộ gia đình")
    recipient_kind: RecipientKind
    honorific: Honorific | None = None
    role: Text | None = Field(default=None, description="Chức vụ, nghề nghiệp")
    unit: Text | None = Field(default=None, description="Đơn vị công tác")
    locality: Locality
    field: Text = Field(description="Lĩnh vực, một trong danh sách fields của data/site.yml")
    campaigns: list[RecordId] = []
    summary: Text = Field(description="Tóm tắt một, hai câu")
    story: Text = Field(description="Câu chuyện (Markdown)")
    images: list[Image] = []
    source: Source
    awards: list[AwardReceived] = []
    stage: Stage
    priority_groups: list[PriorityGroup] = []
    published: dt.date
    updated: dt.date | None = None


class Nominee(Model):
    id: RecordId = Field(description="Mã người, tập thể được đề nghị, duy nhất trong danh sách")
    recipient_kind: RecipientKind
    honorific: Honorific | None = None
    name: Text
    position: Text | None = None
    unit: Text | None = None
    locality: Text | None = None
    achievement: Text | None = Field(default=None, description="Tóm tắt thành tích")


class NomineeGroup(Model):
    award: RecordId
    nominees: list[Nominee] = Field(min_length=1)


class Consultation(Model):
    opens: dt.date
    closes: dt.date = Field(description="Ngày cuối cùng nhận góp ý (hết ngày)")
    short_window_reason: Text | None = Field(
        default=None, description="Lý do rút ngắn thời gian lấy ý kiến dưới mức tối thiểu"
    )
    decision_expected: dt.date | None = Field(
        default=None, description="Ngày dự kiến có quyết định khen thưởng, nếu đã biết"
    )


class CommentChannels(Model):
    form_url: Annotated[str, StringConstraints(pattern=r"^https?://")] | None = Field(
        default=None,
        description="Mẫu địa chỉ biểu mẫu, có thể dùng {list_title} {award} {nominee} {unit} {nominee_id} {list_id}",
    )
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    postal_address: Text | None = None
    phone: Text | None = None


class Amendment(Model):
    date: dt.date
    change: Text = Field(description="Nội dung thay đổi")
    reason: Text = Field(description="Lý do")


class NomineeResult(Model):
    nominee: RecordId
    result: Literal["được khen thưởng", "không được khen thưởng", "rút khỏi danh sách", "chưa xét"]
    note: Text | None = None


class Outcome(Model):
    decision: DocumentRef
    results: list[NomineeResult] = []
    summary: Text | None = None


class Notice(Model):
    """Thông báo niêm yết in ra giấy, theo thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP)."""

    number: Annotated[str, StringConstraints(pattern=DOC_NUMBER_RE)] | None = Field(
        default=None, description="Số, ký hiệu của thông báo, ví dụ 12/TB-UBND; bỏ trống để in chỗ trống ghi tay"
    )
    place: Text | None = Field(default=None, description="Địa danh ghi trước ngày tháng, ví dụ 'Cần Thơ'")
    date: dt.date | None = Field(default=None, description="Ngày ký thông báo; mặc định là ngày đăng danh sách")
    signer_title: Text | None = Field(
        default=None,
        description="Quyền hạn, chức vụ người ký, ví dụ 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH'",
    )
    signer_name: Text | None = Field(default=None, description="Họ tên người ký")
    recipients: list[Text] = Field(default=[], description="Nơi nhận, mỗi nơi một dòng")


class NomineeList(Model):
    """Danh sách đề nghị khen thưởng, lấy ý kiến nhân dân."""

    title: Text
    summary: Text | None = None
    proposing_body: Text
    proposing_document: DocumentRef
    legal_basis: list[DocumentRef] = Field(min_length=1)
    province: RecordId | None = None
    campaign: RecordId | None = None
    groups: list[NomineeGroup] = Field(min_length=1)
    consultation: Consultation
    channels: CommentChannels | None = Field(default=None, description="Bỏ trống để dùng cài đặt chung")
    comment_requirements: Text | None = None
    after_deadline: Text | None = None
    amendments: list[Amendment] = []
    outcome: Outcome | None = None
    published: dt.date
    notice: Notice | None = Field(default=None, description="Thông tin in trên thông báo niêm yết")


class Award(Model):
    id: RecordId
    name: Text
    level: AwardLevel
    group: Text = Field(description="Huân chương, Danh hiệu vinh dự nhà nước, Bằng khen...")
    recipients: list[RecipientKind] = Field(min_length=1)


class AwardCatalogue(Model):
    awards: list[Award]


class Province(Model):
    id: RecordId
    name: Text
    kind: Literal["tỉnh", "thành phố"]
    former: list[Text] = Field(default=[], description="Tên các tỉnh cũ nhập vào (trước 01/07/2025)")


class ProvinceList(Model):
    provinces: list[Province]


class Holiday(Model):
    date: dt.date
    name: Text


class HolidayList(Model):
    holidays: list[Holiday]


class ConsultationSettings(Model):
    min_working_days: Annotated[int, Field(ge=1, le=60)] = 10
    closing_soon_working_days: Annotated[int, Field(ge=1, le=10)] = 3
    channels: CommentChannels
    comment_requirements: Text
    privacy_notice: Text
    after_deadline: Text


class SiteSettings(Model):
    title: Text
    description: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://.+/$")] = Field(
        description="Địa chỉ gốc của trang, kết thúc bằng /"
    )
    organisation: Text
    sample_data: bool = Field(default=False, description="Hiện thông báo đây là dữ liệu mẫu")
    fields: list[Text] = Field(min_length=1, description="Danh sách lĩnh vực")
    page_size: Annotated[int, Field(ge=5, le=500)] = 30
    consultation: ConsultationSettings


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
}


def is_record_id(value: str) -> bool:
    return re.fullmatch(ID_RE, value) is not None
