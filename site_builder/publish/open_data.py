"""The shape of every JSON file the site publishes, as JSON Schemas with Vietnamese descriptions.

One source for three things: the schemas published under /du-lieu/luoc-do/ (newsrooms and
tools validate against them), the "Dữ liệu mở" page that documents every file and column, and
the tests that validate every published file. A CSV file has the columns of its JSON rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from ..urls import URLS

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]


def text(description: str, *, optional: bool = False, fmt: str | None = None) -> Schema:
    schema: Schema = {"type": ["string", "null"] if optional else "string", "description": description}
    if fmt:
        schema["format"] = fmt
    return schema


def day(description: str, *, optional: bool = False) -> Schema:
    return text(description + " (năm-tháng-ngày)", optional=optional, fmt="date")


def integer(description: str) -> Schema:
    return {"type": "integer", "minimum": 0, "description": description}


def items(description: str, item: Schema) -> Schema:
    return {"type": "array", "description": description, "items": item}


def record(description: str, properties: dict[str, Schema], *, optional: bool = False) -> Schema:
    schema: Schema = {
        "type": ["object", "null"] if optional else "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return schema


STATES = ["upcoming", "open", "closing", "closed", "decided"]

DOCUMENT = record(
    "Văn bản",
    {
        "kind": text("Loại văn bản: Tờ trình, Quyết định..."),
        "number": text("Số, ký hiệu văn bản, ví dụ 5376/TTr-UBND"),
        "date": day("Ngày ban hành"),
        "issuer": text("Cơ quan ban hành", optional=True),
        "title": text("Trích yếu", optional=True),
        "url": text("Địa chỉ văn bản trên mạng", optional=True),
    },
)
AMENDMENT = record(
    "Một lần đính chính sau khi mở lấy ý kiến",
    {"date": day("Ngày đính chính"), "change": text("Nội dung thay đổi"), "reason": text("Lý do")},
)
CORRECTION = record(
    "Một lần đính chính sau khi có kết quả",
    {
        "date": day("Ngày đính chính"),
        "change": text("Nội dung thay đổi"),
        "reason": text("Lý do"),
        "document": {**DOCUMENT, "type": ["object", "null"], "description": "Văn bản đính chính, nếu có"},
    },
)
FIRST_PUBLISHED = record(
    "Nơi, ngày danh sách đã công khai lần đầu trước khi đưa lên trang, nếu có",
    {"date": day("Ngày công khai lần đầu"), "where": text("Nơi công khai"), "url": text("Địa chỉ", optional=True)},
    optional=True,
)
NOMINEE_FIELDS: dict[str, Schema] = {
    "number": integer("Số thứ tự trong cả danh sách, giống trên trang, thông báo và tệp CSV"),
    "id": text("Mã người, tập thể được đề nghị; cũng là neo #mã trên trang danh sách"),
    "recipient_kind": {"enum": ["cá nhân", "tập thể", "hộ gia đình"], "description": "Đối tượng"},
    "honorific": {"enum": ["Ông", "Bà", None], "description": "Danh xưng (cá nhân)"},
    "name": text("Họ tên, hoặc tên tập thể, hộ gia đình"),
    "position": text("Chức vụ", optional=True),
    "unit": text("Đơn vị", optional=True),
    "locality": text("Địa phương", optional=True),
    "achievement": text("Tóm tắt thành tích", optional=True),
}
FEEDBACK = record(
    "Ý kiến nhân dân sau khi hết hạn góp ý: tình trạng tổng hợp, và khi đã công bố, toàn bộ kết quả",
    {
        "status": {"enum": ["đang tổng hợp ý kiến", "đã báo cáo Hội đồng", "đã công bố"], "description": "Tình trạng"},
        "expected": day("Ngày dự kiến công bố", optional=True),
        "late": {"type": "boolean", "description": "Đã quá ngày dự kiến mà chưa công bố (lúc dựng trang)"},
        "published": {
            "type": ["object", "null"],
            "description": "Kết quả tổng hợp đã công bố: số ý kiến theo cách gửi (received, có total), về cả danh "
            "sách (about_list), không được xem xét (not_considered), và từng người (nominees: comments, issues, "
            "summary, verification, verified_by, document, decision, amendment, answer); không có thông tin người góp ý",
        },
    },
    optional=True,
)
RESULT = {
    "enum": ["được khen thưởng", "không được khen thưởng", "rút khỏi danh sách", "chưa xét", None],
    "description": "Kết quả khen thưởng (khi đã có quyết định)",
}
LIST_SUMMARY: dict[str, Schema] = {
    "id": text("Mã danh sách; cũng là phần cuối địa chỉ trang"),
    "title": text("Tên danh sách"),
    "url": text("Địa chỉ trang danh sách", fmt="uri"),
    "proposing_body": text("Cơ quan đề nghị"),
    "proposing_document": DOCUMENT,
    "province": text("Mã tỉnh, thành phố", optional=True),
    "opens": day("Ngày bắt đầu lấy ý kiến"),
    "closes": day("Ngày cuối cùng nhận góp ý (hết ngày)"),
    "opens_at": text("Thời điểm bắt đầu, giờ Việt Nam", fmt="date-time"),
    "closes_at": text("Thời điểm hết hạn, giờ Việt Nam (0 giờ ngày sau ngày cuối)", fmt="date-time"),
    "working_days": integer("Số ngày làm việc của thời gian lấy ý kiến"),
    "short_window_reason": text("Lý do rút ngắn thời gian lấy ý kiến", optional=True),
    "state": {"enum": STATES, "description": "Trạng thái lúc dựng trang (mã)"},
    "state_label": text("Trạng thái lúc dựng trang (bằng chữ)"),
    "nominees": integer("Số người, tập thể được đề nghị"),
    "decision_expected": day("Ngày dự kiến có quyết định", optional=True),
    "amendments": items("Các lần đính chính, cũ trước", AMENDMENT),
    "corrections": items("Các lần đính chính sau khi có kết quả, cũ trước", CORRECTION),
    "first_published": FIRST_PUBLISHED,
    "feedback": FEEDBACK,
    "outcome": record(
        "Kết quả khen thưởng, khi đã có",
        {
            "decision": DOCUMENT,
            "results": items(
                "Kết quả từng người",
                record("", {"nominee": text("Mã người"), "result": RESULT, "note": text("Ghi chú", optional=True)}),
            ),
            "summary": text("Tóm tắt kết quả", optional=True),
        },
        optional=True,
    ),
    "sha256": text("Dấu vân tay SHA-256 của phiên bản hiện hành (tệp phien-ban/<số>.json)"),
    "versions": items(
        "Các phiên bản đã công bố",
        record(
            "",
            {
                "number": integer("Số phiên bản, từ 1"),
                "date": day("Ngày mở lấy ý kiến (phiên bản 1) hoặc ngày đính chính"),
                "url": text("Địa chỉ tệp phiên bản", fmt="uri"),
                "sha256": text("SHA-256 của tệp; kiểm tra bằng sha256sum"),
            },
        ),
    ),
    "csv": text("Địa chỉ tệp CSV của danh sách", fmt="uri"),
    "json": text("Địa chỉ tệp JSON của danh sách", fmt="uri"),
    "ics": text("Địa chỉ lịch ICS của danh sách", fmt="uri"),
}
LIST_ROW = record(
    "Một người, tập thể được đề nghị",
    {
        **NOMINEE_FIELDS,
        "result": RESULT,
        "comments": {
            "type": ["integer", "null"],
            "minimum": 0,
            "description": "Số ý kiến nhân dân về người, tập thể này, khi đã công bố kết quả tổng hợp",
        },
    },
)
GROUP_FIELDS: dict[str, Schema] = {
    "label": text("Nhóm theo hình thức khen thưởng: I, II, III..."),
    "award": text("Mã hình thức khen thưởng"),
}


def _open_data(description: str, row: Schema) -> Schema:
    return names_schema(
        record(
            description,
            {
                "title": text("Tên tệp dữ liệu"),
                "description": text("Mô tả"),
                "home_page_url": text("Địa chỉ trang", fmt="uri"),
                "license": text("Điều kiện sử dụng lại"),
                "updated": day("Ngày của bài mới nhất"),
                "count": integer("Số bài"),
                "records": items("Mỗi bài một dòng, mới nhất trước", row),
            },
        )
    )


COMMON_ROW: dict[str, Schema] = {
    "id": text("Mã bài; cũng là phần cuối địa chỉ trang"),
    "guid": text("Mã cố định, trùng với mã trong nguồn tin (tag:)"),
    "url": text("Địa chỉ trang", fmt="uri"),
}


def names_schema(schema: Schema) -> Schema:
    """The schema of a file that names its own schema in "$schema" (first, and required), so that a
    tool checks one file alone (check-jsonschema, editors) without the mapping of the du-lieu page."""
    properties = {"$schema": text("Địa chỉ lược đồ của tệp này", fmt="uri"), **schema["properties"]}
    return {**schema, "properties": properties, "required": ["$schema", *schema["required"]]}


def schema_link(site_url: str, name: str) -> dict[str, str]:
    """The "$schema" member that opens a published file: the absolute address of its schema."""
    return {"$schema": site_url + URLS.schema(name)}


LIST_SCHEMA: Final = "danh-sach"
INDEX_SCHEMA: Final = "chi-muc"
VERSION_SCHEMA: Final = "phien-ban"


@dataclass(frozen=True)
class Published:
    """A kind of JSON file the site publishes."""

    name: str  # the schema's file name: /du-lieu/luoc-do/<name>.schema.json
    title: str
    where: str  # where the files are, for readers
    csv: str | None  # where its CSV twin is, if any
    schema: Schema
    # For a file of the whole site (one file, every record of a kind): its path and its CSV twin's,
    # linked first on the open-data page. None for the files of each list, version or feed.
    file: str | None = None
    csv_file: str | None = None

    @property
    def self_describing(self) -> bool:
        """Whether each file names this schema in "$schema". Two kinds do not: a list version's bytes
        are its fingerprint and may never change after publication, and JSON Feed defines its own
        members (its "version" names the format)."""
        return "$schema" in self.schema.get("properties", {})


SCHEMAS: Final[tuple[Published, ...]] = (
    Published(
        LIST_SCHEMA,
        "Một danh sách lấy ý kiến",
        "/" + URLS.list_json("<mã>"),
        "/" + URLS.list_csv("<mã>") + " (mỗi người một dòng: number, group, award, award_name và các cột của người)",
        names_schema(
            record(
                "Danh sách đề nghị khen thưởng lấy ý kiến nhân dân, với mọi người, tập thể được đề nghị",
                {
                    **LIST_SUMMARY,
                    "groups": items(
                        "Các nhóm theo hình thức khen thưởng, theo thứ tự cơ quan đề nghị",
                        record(
                            "Một nhóm",
                            {
                                **GROUP_FIELDS,
                                "award_name": text("Tên hình thức khen thưởng"),
                                "nominees": items("Người, tập thể trong nhóm", LIST_ROW),
                            },
                        ),
                    ),
                },
            )
        ),
    ),
    Published(
        INDEX_SCHEMA,
        "Chỉ mục mọi danh sách lấy ý kiến",
        "/" + URLS.consultations_index(),
        None,
        names_schema(
            record(
                "Mọi danh sách lấy ý kiến: đang lấy ý kiến trước, rồi sắp lấy ý kiến, rồi đã kết thúc",
                {
                    "generated_at": text("Thời điểm dựng trang, giờ Việt Nam", fmt="date-time"),
                    "site": text("Địa chỉ trang", fmt="uri"),
                    "consultations": items("Các danh sách", record("Một danh sách", LIST_SUMMARY)),
                },
            )
        ),
        file=URLS.consultations_index(),
    ),
    Published(
        VERSION_SCHEMA,
        "Một phiên bản của danh sách",
        "/" + URLS.list_version("<mã>", "<số>"),
        None,
        record(
            "Danh sách như đã công bố ở một phiên bản; SHA-256 của tệp là dấu vân tay ghi trên trang",
            {
                "list": text("Mã danh sách"),
                "version": integer("Số phiên bản: 1 là khi mở lấy ý kiến, mỗi đính chính thêm một"),
                "date": day("Ngày mở lấy ý kiến hoặc ngày đính chính"),
                "amendment": {"oneOf": [AMENDMENT, {"type": "null"}], "description": "Đính chính tạo ra phiên bản"},
                "title": text("Tên danh sách"),
                "proposing_body": text("Cơ quan đề nghị"),
                "proposing_document": DOCUMENT,
                "consultation": record(
                    "Thời gian lấy ý kiến", {"opens": day("Ngày bắt đầu"), "closes": day("Ngày cuối cùng")}
                ),
                "groups": items(
                    "Các nhóm theo hình thức khen thưởng",
                    record(
                        "Một nhóm",
                        {**GROUP_FIELDS, "nominees": items("Người, tập thể", record("", NOMINEE_FIELDS))},
                    ),
                ),
            },
        ),
    ),
    Published(
        URLS.OPEN_DATA_STEMS["exemplar"],
        "Dữ liệu mở: gương điển hình",
        "/" + URLS.open_data(URLS.OPEN_DATA_STEMS["exemplar"], ".json"),
        "/"
        + URLS.open_data(URLS.OPEN_DATA_STEMS["exemplar"], ".csv")
        + " (các cột như các trường của mỗi dòng; danh sách nối bằng '; ')",
        _open_data(
            "Mọi gương điển hình đã đăng",
            record(
                "Một gương điển hình",
                {
                    **COMMON_ROW,
                    "name": text("Họ tên, tên tập thể hoặc hộ gia đình"),
                    "honorific": text("Danh xưng", optional=True),
                    "recipient_kind": text("Đối tượng: cá nhân, tập thể, hộ gia đình"),
                    "role": text("Chức vụ, nghề nghiệp", optional=True),
                    "unit": text("Đơn vị", optional=True),
                    "locality": text("Địa phương như ghi trong hồ sơ"),
                    "province": text("Mã tỉnh, thành phố hiện nay"),
                    "province_name": text("Tên tỉnh, thành phố hiện nay"),
                    "field": text("Lĩnh vực"),
                    "campaigns": items("Mã các phong trào", {"type": "string"}),
                    "stage": text("Giai đoạn: phát hiện, bồi dưỡng, tổng kết, nhân rộng"),
                    "priority_groups": items("Đối tượng ưu tiên", {"type": "string"}),
                    "awards": items("Khen thưởng đã nhận: mã và năm", {"type": "string"}),
                    "summary": text("Tóm tắt"),
                    "image": text("Địa chỉ ảnh đại diện", optional=True),
                    "image_credit": text("Tác giả ảnh", optional=True),
                    "source_outlet": text("Cơ quan báo chí đăng bài gốc"),
                    "source_column": text("Chuyên mục", optional=True),
                    "source_author": text("Tác giả", optional=True),
                    "source_date": day("Ngày đăng bài gốc", optional=True),
                    "source_url": text("Địa chỉ bài gốc", optional=True),
                    "published": day("Ngày đăng"),
                    "updated": day("Ngày cập nhật", optional=True),
                },
            ),
        ),
        file=URLS.open_data(URLS.OPEN_DATA_STEMS["exemplar"], ".json"),
        csv_file=URLS.open_data(URLS.OPEN_DATA_STEMS["exemplar"], ".csv"),
    ),
    Published(
        URLS.OPEN_DATA_STEMS["campaign"],
        "Dữ liệu mở: phong trào thi đua",
        "/" + URLS.open_data(URLS.OPEN_DATA_STEMS["campaign"], ".json"),
        "/" + URLS.open_data(URLS.OPEN_DATA_STEMS["campaign"], ".csv"),
        _open_data(
            "Mọi phong trào thi đua đã đăng",
            record(
                "Một phong trào",
                {
                    **COMMON_ROW,
                    "title": text("Tên phong trào"),
                    "summary": text("Tóm tắt"),
                    "launched_by": text("Cơ quan, người phát động"),
                    "level": text("Cấp phát động"),
                    "kind": text("Loại: thường xuyên, chuyên đề, cao điểm"),
                    "theme": text("Chủ đề, khẩu hiệu", optional=True),
                    "province": text("Mã tỉnh, thành phố", optional=True),
                    "parent": text("Mã phong trào cấp trên", optional=True),
                    "period_start": day("Ngày bắt đầu"),
                    "period_end": day("Ngày kết thúc", optional=True),
                    "legal_basis": items("Căn cứ: số, ký hiệu và ngày văn bản", {"type": "string"}),
                    "published": day("Ngày đăng"),
                    "updated": day("Ngày cập nhật", optional=True),
                },
            ),
        ),
        file=URLS.open_data(URLS.OPEN_DATA_STEMS["campaign"], ".json"),
        csv_file=URLS.open_data(URLS.OPEN_DATA_STEMS["campaign"], ".csv"),
    ),
    Published(
        URLS.OPEN_DATA_STEMS["nomination"],
        "Dữ liệu mở: danh sách lấy ý kiến",
        "/" + URLS.open_data(URLS.OPEN_DATA_STEMS["nomination"], ".json"),
        "/"
        + URLS.open_data(URLS.OPEN_DATA_STEMS["nomination"], ".csv")
        + " (đính chính nối bằng '; ', mỗi lần 'ngày: nội dung (Lý do: ...)')",
        _open_data(
            "Mọi danh sách lấy ý kiến đã đăng",
            record(
                "Một danh sách",
                {
                    **COMMON_ROW,
                    "title": text("Tên danh sách"),
                    "proposing_body": text("Cơ quan đề nghị"),
                    "proposing_document": text("Tờ trình: số, ký hiệu và ngày"),
                    "province": text("Mã tỉnh, thành phố", optional=True),
                    "campaign": text("Mã phong trào", optional=True),
                    "awards": items("Mã các hình thức khen thưởng đề nghị", {"type": "string"}),
                    "nominees": integer("Số người, tập thể được đề nghị"),
                    "opens": day("Ngày bắt đầu lấy ý kiến"),
                    "closes": day("Ngày cuối cùng nhận góp ý"),
                    "state": {"enum": STATES, "description": "Trạng thái lúc dựng trang (mã)"},
                    "state_label": text("Trạng thái lúc dựng trang (bằng chữ)"),
                    "amendments": items("Các lần đính chính", AMENDMENT),
                    "corrections": items("Các lần đính chính kết quả", CORRECTION),
                    "outcome_decision": text("Quyết định khen thưởng: số, ký hiệu và ngày", optional=True),
                    "outcome_date": day("Ngày quyết định", optional=True),
                    "published": day("Ngày đăng"),
                },
            ),
        ),
        file=URLS.open_data(URLS.OPEN_DATA_STEMS["nomination"], ".json"),
        csv_file=URLS.open_data(URLS.OPEN_DATA_STEMS["nomination"], ".csv"),
    ),
    Published(
        URLS.STATISTICS,
        "Số liệu thống kê",
        "/" + URLS.statistics_json(),
        "/"
        + URLS.statistics_file("<bảng>", ".csv")
        + " (mỗi bảng một tệp: cột key_column, rồi tên nhóm nếu khác mã, rồi các cột của columns; bảng có nhiều cột"
        + " đếm thêm cột total)",
        names_schema(
            record(
                "Mọi bảng số liệu của trang Thống kê: gương điển hình, phong trào, người và tập thể được đề nghị",
                {
                    "title": text("Tên tệp dữ liệu"),
                    "home_page_url": text("Địa chỉ trang", fmt="uri"),
                    "date": day("Ngày tính số liệu (ngày dựng trang, giờ Việt Nam)"),
                    "totals": record(
                        "Tổng số",
                        {
                            "exemplars": integer("Số gương điển hình"),
                            "campaigns": integer("Số phong trào thi đua"),
                            "lists": integer("Số danh sách lấy ý kiến"),
                            "nominees": integer("Số người, tập thể được đề nghị trong mọi danh sách"),
                        },
                    ),
                    "figures": items(
                        "Các bảng, theo thứ tự trên trang",
                        record(
                            "Một bảng",
                            {
                                "id": text("Mã bảng; cũng là tên tệp biểu đồ (.svg) và tệp CSV"),
                                "title": text("Tên bảng"),
                                "note": text("Cách tính, nếu cần"),
                                "group": text("Tên cột nhóm (tỉnh, lĩnh vực, năm...)"),
                                "key_column": text("Tên cột mã nhóm trong tệp CSV"),
                                "columns": items("Tên các cột số đếm", {"type": "string"}),
                                "chart": text("Địa chỉ biểu đồ SVG", fmt="uri"),
                                "csv": text("Địa chỉ tệp CSV", fmt="uri"),
                                "rows": items(
                                    "Các nhóm, theo thứ tự trên trang",
                                    record(
                                        "Một nhóm",
                                        {
                                            "key": text("Mã nhóm như trong hồ sơ (mã tỉnh, lĩnh vực, năm...)"),
                                            "label": text("Tên nhóm như trên trang"),
                                            "values": {
                                                "type": "object",
                                                "description": "Số đếm theo từng cột của columns",
                                                "additionalProperties": {"type": "integer", "minimum": 0},
                                            },
                                        },
                                    ),
                                ),
                            },
                        ),
                    ),
                },
            )
        ),
        file=URLS.statistics_json(),
    ),
    Published(
        URLS.FEEDS,
        "Nguồn tin JSON Feed",
        "/" + URLS.feed("<chủ đề>", ".json"),
        None,
        {
            "type": "object",
            "description": "JSON Feed 1.1 (https://jsonfeed.org/version/1.1): các mục mới nhất của một chủ đề",
            "required": ["version", "title", "items"],
            "properties": {
                "version": {"const": "https://jsonfeed.org/version/1.1", "description": "Phiên bản JSON Feed"},
                "title": text("Tên nguồn tin"),
                "home_page_url": text("Trang mà nguồn tin theo dõi", fmt="uri"),
                "feed_url": text("Địa chỉ nguồn tin", fmt="uri"),
                "description": text("Mô tả"),
                "user_comment": text("Điều kiện đăng lại"),
                "language": {"const": "vi", "description": "Ngôn ngữ"},
                "authors": items("Cơ quan công bố", {"type": "object"}),
                "items": items(
                    "Các mục, mới nhất trước",
                    {
                        "type": "object",
                        "required": ["id", "url", "title", "date_published"],
                        # The newest items carry the full text, older ones their summary (feed_full_text).
                        "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                        "properties": {
                            "id": text("Mã cố định của mục (tag:)"),
                            "url": text("Địa chỉ trang", fmt="uri"),
                            "title": text("Tiêu đề"),
                            "summary": text("Tóm tắt"),
                            "content_html": text("Toàn văn (HTML đã làm sạch)"),
                            "content_text": text("Tóm tắt thay cho toàn văn (mục cũ hơn)"),
                            "image": text("Ảnh đại diện", fmt="uri"),
                            "date_published": text("Ngày đăng", fmt="date-time"),
                            "date_modified": text("Ngày cập nhật", fmt="date-time"),
                            "authors": items("Tác giả, cơ quan", {"type": "object"}),
                            "tags": items("Phân loại", {"type": "string"}),
                            "language": {"const": "vi", "description": "Ngôn ngữ"},
                            "attachments": items("Ảnh kèm theo", {"type": "object"}),
                        },
                    },
                ),
            },
        },
    ),
)


def document(published: Published, site_url: str, schema_path: str) -> Schema:
    """The schema as published, with its own address as $id."""
    return {"$schema": DRAFT, "$id": site_url + schema_path, "title": published.title, **published.schema}


def fields(schema: Schema, prefix: str = "") -> list[tuple[str, str, str]]:
    """(field path, type, description) of every field, nested ones as a.b[].c, for the documentation page."""
    out: list[tuple[str, str, str]] = []
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        kind = sub.get("type", "giá trị")
        if isinstance(kind, list):
            kind = " hoặc ".join(k for k in kind if k != "null") + (" (có thể trống)" if "null" in kind else "")
        if "enum" in sub:
            kind = "một trong: " + ", ".join(str(v) for v in sub["enum"] if v is not None)
        if "const" in sub:
            kind = f"luôn là {sub['const']}"
        out.append((path, str(kind), sub.get("description", "")))
        inner = sub.get("items") if sub.get("type") == "array" else sub
        if isinstance(inner, dict) and "oneOf" in sub:
            inner = sub["oneOf"][0]
        if isinstance(inner, dict) and "properties" in inner:
            out += fields(inner, f"{path}[]." if sub.get("type") == "array" else f"{path}.")
    return out
