"""Vietnamese names, places and sentence templates for the data generator (generate.py).

Made up, in the tone of official articles and provincial lists: stories are assembled from
these sentences, so the more variants here, the less alike generated stories read.
Profile templates take {c} (a commune or ward), {p} ("tỉnh Lạng Sơn", "thành phố Huế") and {n} (a
number); story sentences take the names in Generator.exemplar's context.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Surnames roughly in order of frequency, repeated to weight the common ones.
HO = (
    ("Nguyễn",) * 12
    + ("Trần",) * 5
    + ("Lê",) * 5
    + ("Phạm",) * 3
    + ("Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
    + ("Đinh", "Đoàn", "Lâm", "Mai", "Trịnh", "Đào", "Cao", "Hà", "Tạ", "Lương", "Triệu", "Nông")
    + ("Lò", "Bế", "Ma", "Hứa", "Thạch", "Lưu", "Tô", "Châu", "La", "Kiều", "Quách", "Vi")
)
DEM_NAM: tuple[str, ...] = ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thanh", "Xuân", "Đình", "Ngọc")
DEM_NAM += ("Quang", "Trọng", "Bá", "Thế", "Hoàng", "Anh", "Tiến", "Duy", "Hải", "Mạnh", "Khắc", "Gia")
DEM_NU: tuple[str, ...] = ("Thị", "Thị", "Thị", "Thị Thu", "Thị Ngọc", "Thị Kim", "Thị Thanh", "Thị Mỹ", "Ngọc", "Thu")
DEM_NU += ("Thanh", "Minh", "Bích", "Hồng", "Phương", "Mỹ", "Diệu", "Kim", "Hoài", "Thùy", "Khánh", "Tuyết")
TEN_NAM: tuple[str, ...] = ("An", "Bình", "Cường", "Dũng", "Đức", "Đạt", "Định", "Hải", "Hùng", "Huy", "Khánh", "Khoa")
TEN_NAM += ("Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phúc", "Phong", "Quân", "Sơn", "Tâm", "Thắng", "Thành")
TEN_NAM += ("Tiến", "Toàn", "Trung", "Tuấn", "Tùng", "Vinh", "Việt", "Đông", "Hiếu", "Hòa", "Lực", "Mạnh")
TEN_NAM += ("Nhân", "Quý", "Sang", "Tài", "Thiện", "Thịnh", "Trí", "Vũ", "Bảo", "Hậu", "Luân", "Thọ")
TEN_NU: tuple[str, ...] = ("Anh", "Ánh", "Bích", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa")
TEN_NU += ("Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Ngọc", "Nhung")
TEN_NU += ("Oanh", "Phương", "Quyên", "Thảo", "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Xuân")
TEN_NU += ("Yến", "Đào", "Điệp", "Hạnh", "Kiều", "Lụa", "My", "Nguyệt", "Sen", "Thắm", "Tươi", "Vy")

# Place-name syllables: communes, districts and hamlets are made of two of them.
PLACE_A: tuple[str, ...] = ("Tân", "Mỹ", "Phú", "An", "Bình", "Hòa", "Long", "Vĩnh", "Thạnh", "Hưng", "Đông", "Tây")
PLACE_A += ("Quang", "Minh", "Đức", "Phước", "Xuân", "Thanh", "Yên", "Hồng", "Đại", "Trung", "Kim")
PLACE_A += ("Ngọc", "Lạc", "Hải", "Sơn", "Hiệp", "Đồng", "Cẩm", "Tiên", "Quế", "Nghĩa", "Châu")
PLACE_B: tuple[str, ...] = ("Thuận", "Hiệp", "Lợi", "An", "Hòa", "Thành", "Phú", "Lộc", "Hưng", "Bình", "Tiến", "Thịnh")
PLACE_B += ("Phong", "Sơn", "Xuân", "Trung", "Khánh", "Long", "Mỹ", "Đông", "Hải", "Lâm", "Định", "Phát")
PLACE_B += ("Thạnh", "Đức", "Lạc", "Quang", "Hội", "Nghĩa", "Điền", "Tân", "Ninh", "Vinh")
PLACE_HIGHLAND_A = ("Nà", "Bản", "Pác", "Khuổi", "Nậm", "Mường", "Tà", "Phìn", "Pò", "Lũng", "Cốc", "Na")
PLACE_HIGHLAND_B = ("Lầu", "Ngần", "Hin", "Rì", "Mòn", "Xá", "Chang", "Sảng", "Tấu", "Pục", "Quang", "Kheo")

HIGHLAND = frozenset(
    {"cao-bang", "tuyen-quang", "dien-bien", "lai-chau", "son-la", "lao-cai", "thai-nguyen", "lang-son"}
)
CENTRAL_HIGHLAND = frozenset({"gia-lai", "dak-lak", "lam-dong", "quang-ngai"})
SOUTH = frozenset({"dong-nai", "ho-chi-minh", "tay-ninh", "dong-thap", "vinh-long", "an-giang", "can-tho", "ca-mau"})
BORDER = frozenset(
    {
        "cao-bang",
        "tuyen-quang",
        "dien-bien",
        "lai-chau",
        "son-la",
        "lao-cai",
        "lang-son",
        "quang-ninh",
        "thanh-hoa",
        "nghe-an",
        "ha-tinh",
        "quang-tri",
        "hue",
        "da-nang",
        "quang-ngai",
        "gia-lai",
        "dak-lak",
        "lam-dong",
        "dong-nai",
        "tay-ninh",
        "dong-thap",
        "an-giang",
    }
)

OUTLET_COLUMNS = (
    "Thi đua là yêu nước",
    "Gương người tốt, việc tốt",
    "Điển hình tiên tiến",
    "Người tốt quanh ta",
    "Những bông hoa đẹp",
    "Gương sáng giữa đời thường",
)
NATIONAL_OUTLETS = ("Báo Nhân Dân", "Báo Lao Động", "Báo Tin tức và Dân tộc", "Báo Nông nghiệp và Môi trường")


@dataclass(frozen=True)
class Profile:
    """What people in one field do: roles, units, collectives, work and results.

    Templates take {c} (a commune or ward), {p} ("tỉnh Lạng Sơn", "thành phố Huế") and {n} (a number).
    """

    roles: tuple[str, ...]
    units: tuple[str, ...]
    collectives: tuple[str, ...]
    work: tuple[str, ...]
    results: tuple[str, ...]


PROFILES: dict[str, Profile] = {
    "nông nghiệp": Profile(
        roles=("Nông dân", "Giám đốc Hợp tác xã", "Kỹ sư nông nghiệp", "Tổ trưởng tổ hợp tác", "Cán bộ khuyến nông"),
        units=("Hợp tác xã Nông nghiệp {c}", "Hội Nông dân xã {c}", "Trung tâm Khuyến nông {p}"),
        collectives=(
            "Hợp tác xã Nông nghiệp {c}",
            "Tổ hợp tác trồng rau an toàn {c}",
            "Hội quán nông dân {c}",
            "Hợp tác xã Dịch vụ nông nghiệp {c}",
            "Chi hội Nông dân {c}",
        ),
        work=(
            "chuyển đổi đất lúa kém hiệu quả sang trồng cây ăn quả",
            "áp dụng quy trình canh tác lúa giảm phát thải",
            "liên kết với doanh nghiệp bao tiêu sản phẩm cho bà con",
            "đưa cơ giới hóa vào khâu làm đất và thu hoạch",
            "xây dựng vùng nguyên liệu đạt tiêu chuẩn VietGAP",
            "nuôi trồng thủy sản kết hợp trồng cây ăn trái",
            "ghi chép nhật ký đồng ruộng, giảm lượng giống và phân bón",
            "xây dựng sản phẩm OCOP từ nông sản của địa phương",
        ),
        results=(
            "thu nhập của các hộ tham gia tăng gần gấp đôi so với trước",
            "năng suất bình quân đạt hơn {n} tạ mỗi héc-ta",
            "nông sản được doanh nghiệp thu mua ổn định với giá cao hơn thị trường",
            "{n} hộ nông dân trong vùng học tập, làm theo",
            "chi phí sản xuất mỗi vụ giảm đáng kể, lợi nhuận tăng rõ rệt",
        ),
    ),
    "xây dựng nông thôn mới": Profile(
        roles=("Trưởng thôn", "Bí thư Chi bộ thôn", "Nông dân", "Cựu chiến binh", "Trưởng ban công tác Mặt trận"),
        units=("Ủy ban nhân dân xã {c}", "Ban công tác Mặt trận khu dân cư {c}", "Hội Cựu chiến binh xã {c}"),
        collectives=(
            "Nhân dân và cán bộ thôn {c}",
            "Ban phát triển thôn {c}",
            "Ủy ban nhân dân xã {c}",
            "Chi hội Cựu chiến binh thôn {c}",
        ),
        work=(
            "vận động bà con hiến đất, góp ngày công làm đường giao thông nông thôn",
            "vận động Nhân dân trồng hoa, lắp đèn chiếu sáng dọc các tuyến đường",
            "huy động nguồn lực xây dựng nhà văn hóa thôn",
            "xây dựng tuyến đường kiểu mẫu xanh, sạch, đẹp",
            "vận động các hộ chỉnh trang nhà cửa, vườn tược, hàng rào",
            "huy động xã hội hóa làm cầu dân sinh",
        ),
        results=(
            "xã về đích nông thôn mới nâng cao trước kế hoạch",
            "{n} tuyến đường bê tông được hoàn thành với phần lớn kinh phí do Nhân dân đóng góp",
            "thôn được công nhận khu dân cư nông thôn mới kiểu mẫu",
            "bộ mặt nông thôn thay đổi rõ rệt, đời sống bà con ngày càng khấm khá",
            "thu nhập bình quân đầu người của thôn tăng khá so với đầu nhiệm kỳ",
        ),
    ),
    "giáo dục": Profile(
        roles=("Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng", "Tổng phụ trách Đội", "Tổ trưởng chuyên môn"),
        units=(
            "Trường Tiểu học {c}",
            "Trường Trung học cơ sở {c}",
            "Trường Mầm non {c}",
            "Trường Phổ thông dân tộc bán trú {c}",
        ),
        collectives=(
            "Trường Tiểu học {c}",
            "Trường Trung học cơ sở {c}",
            "Trường Mầm non {c}",
            "Tổ Toán - Tin, Trường Trung học phổ thông {c}",
        ),
        work=(
            "đổi mới phương pháp dạy học, lấy học sinh làm trung tâm",
            "vận động học sinh bỏ học trở lại lớp",
            "ứng dụng công nghệ thông tin trong giảng dạy",
            "mở lớp học tình thương cho trẻ em có hoàn cảnh khó khăn",
            "bồi dưỡng học sinh giỏi và phụ đạo học sinh yếu",
            "xây dựng thư viện thân thiện, khuyến khích văn hóa đọc",
            "kêu gọi xã hội hóa tặng xe đạp, sách vở cho học sinh nghèo",
        ),
        results=(
            "tỷ lệ trẻ trong độ tuổi đến lớp gần như tuyệt đối",
            "nhà trường đạt chuẩn quốc gia mức độ 2",
            "{n} học sinh đạt giải trong các kỳ thi học sinh giỏi cấp tỉnh",
            "không còn học sinh bỏ học giữa chừng",
            "chất lượng giáo dục toàn diện được nâng lên rõ rệt",
        ),
    ),
    "y tế": Profile(
        roles=("Bác sĩ", "Điều dưỡng", "Y sĩ", "Trạm trưởng Trạm Y tế", "Nhân viên y tế thôn bản", "Hộ sinh"),
        units=(
            "Trạm Y tế xã {c}",
            "Trung tâm Y tế khu vực {c}",
            "Bệnh viện Đa khoa {p}",
            "Trung tâm Kiểm soát bệnh tật {p}",
        ),
        collectives=(
            "Trạm Y tế xã {c}",
            "Khoa Hồi sức cấp cứu, Bệnh viện Đa khoa {p}",
            "Trung tâm Y tế khu vực {c}",
            "Đội y tế lưu động xã {c}",
        ),
        work=(
            "khám, chữa bệnh tận tình cho người dân vùng sâu",
            "tổ chức tiêm chủng mở rộng đến từng thôn, bản",
            "cải tiến quy trình tiếp đón người bệnh, giảm thời gian chờ",
            "truyền thông phòng, chống dịch bệnh đến từng hộ gia đình",
            "chăm sóc sức khỏe ban đầu cho người cao tuổi và trẻ em",
            "ứng dụng kỹ thuật mới trong cấp cứu, hồi sức",
        ),
        results=(
            "tỷ lệ trẻ em được tiêm chủng đầy đủ luôn đạt trên chín mươi phần trăm",
            "không để xảy ra dịch bệnh lớn trên địa bàn",
            "người bệnh hài lòng với thái độ phục vụ của nhân viên y tế",
            "trạm y tế đạt Bộ tiêu chí quốc gia về y tế xã",
            "{n} ca cấp cứu được xử trí kịp thời, an toàn",
        ),
    ),
    "công nghiệp": Profile(
        roles=("Công nhân", "Kỹ sư", "Tổ trưởng sản xuất", "Quản đốc phân xưởng", "Kỹ thuật viên"),
        units=(
            "Công ty Cổ phần Cơ khí {c}",
            "Nhà máy Chế biến thủy sản {c}",
            "Công ty TNHH Dệt may {c}",
            "Xí nghiệp Gạch ngói {c}",
        ),
        collectives=(
            "Phân xưởng lắp ráp, Công ty Cổ phần Cơ khí {c}",
            "Tổ sản xuất, Công ty TNHH Dệt may {c}",
            "Công đoàn cơ sở Nhà máy Chế biến thủy sản {c}",
        ),
        work=(
            "cải tiến dây chuyền sản xuất, tiết kiệm nguyên liệu và điện năng",
            "nghiên cứu sáng kiến cải tiến kỹ thuật",
            "kèm cặp, truyền nghề cho công nhân trẻ",
            "bảo đảm an toàn, vệ sinh lao động tại phân xưởng",
            "hưởng ứng phong trào lao động giỏi, lao động sáng tạo",
        ),
        results=(
            "năng suất lao động của tổ tăng khoảng {n} phần trăm",
            "{n} sáng kiến được công nhận và áp dụng trong sản xuất",
            "doanh nghiệp tiết kiệm hàng trăm triệu đồng mỗi năm",
            "nhiều năm liền không để xảy ra tai nạn lao động",
            "thu nhập của người lao động được cải thiện",
        ),
    ),
    "kinh doanh": Profile(
        roles=("Giám đốc", "Chủ cơ sở sản xuất", "Chủ hộ kinh doanh", "Phó Giám đốc"),
        units=(
            "Công ty TNHH Thương mại {c}",
            "Cơ sở sản xuất bánh tráng {c}",
            "Hợp tác xã Thương mại dịch vụ {c}",
            "Công ty Cổ phần Nông sản {c}",
        ),
        collectives=(
            "Công ty TNHH Thương mại {c}",
            "Hợp tác xã Thương mại dịch vụ {c}",
            "Hiệp hội Doanh nghiệp {p}",
            "Công ty Cổ phần Nông sản {c}",
        ),
        work=(
            "mở rộng sản xuất, tạo việc làm ổn định cho lao động địa phương",
            "xây dựng thương hiệu cho đặc sản của quê hương",
            "đưa sản phẩm lên sàn thương mại điện tử",
            "thực hiện tốt nghĩa vụ thuế và chăm lo đời sống người lao động",
            "liên kết với nông dân theo chuỗi giá trị",
        ),
        results=(
            "tạo việc làm cho {n} lao động địa phương",
            "sản phẩm đạt chứng nhận OCOP 4 sao",
            "doanh thu tăng trưởng đều qua các năm",
            "sản phẩm có mặt tại nhiều siêu thị, cửa hàng lớn",
            "đóng góp tích cực vào các quỹ an sinh xã hội của địa phương",
        ),
    ),
    "văn hóa - xã hội": Profile(
        roles=("Nghệ nhân", "Chủ nhiệm câu lạc bộ", "Công chức Văn hóa - Xã hội", "Diễn viên", "Thủ thư"),
        units=("Câu lạc bộ Đờn ca tài tử {c}", "Nhà văn hóa xã {c}", "Trung tâm Văn hóa {p}"),
        collectives=(
            "Câu lạc bộ Đờn ca tài tử {c}",
            "Đội văn nghệ thôn {c}",
            "Câu lạc bộ Hát then {c}",
            "Thư viện xã {c}",
        ),
        work=(
            "bảo tồn, truyền dạy làn điệu dân ca cho thế hệ trẻ",
            "tổ chức các hoạt động văn hóa, văn nghệ phục vụ bà con",
            "xây dựng gia đình văn hóa, khu dân cư văn hóa",
            "mở lớp truyền dạy nghề truyền thống",
            "duy trì tủ sách cộng đồng cho thiếu nhi",
        ),
        results=(
            "câu lạc bộ thu hút {n} hội viên sinh hoạt thường xuyên",
            "nhiều làn điệu cổ được phục dựng và biểu diễn trở lại",
            "phong trào văn hóa, văn nghệ ở cơ sở ngày càng sôi nổi",
            "tỷ lệ gia đình đạt danh hiệu gia đình văn hóa tăng qua từng năm",
            "nghề truyền thống của địa phương được gìn giữ và phát triển",
        ),
    ),
    "an sinh xã hội": Profile(
        roles=("Chủ tịch Hội Liên hiệp Phụ nữ xã", "Chi hội trưởng Phụ nữ", "Chủ tịch Hội Chữ thập đỏ xã"),
        units=("Hội Liên hiệp Phụ nữ xã {c}", "Hội Chữ thập đỏ xã {c}", "Ủy ban Mặt trận Tổ quốc xã {c}"),
        collectives=(
            "Chi hội Phụ nữ thôn {c}",
            "Hội Chữ thập đỏ xã {c}",
            "Tổ tiết kiệm và vay vốn thôn {c}",
            "Bếp ăn từ thiện {c}",
        ),
        work=(
            "vận động xây dựng nhà tình nghĩa, nhà tình thương cho hộ khó khăn",
            "giúp hội viên vay vốn, phát triển kinh tế gia đình",
            "trao học bổng cho học sinh nghèo vượt khó",
            "tổ chức bếp ăn miễn phí cho người bệnh",
            "giúp đỡ người cao tuổi, người khuyết tật neo đơn",
        ),
        results=(
            "{n} hộ thoát nghèo bền vững",
            "{n} căn nhà đại đoàn kết được bàn giao cho các hộ khó khăn",
            "hàng trăm suất cơm miễn phí đến tay người bệnh mỗi tuần",
            "không còn hộ nghèo thiếu nhà ở trên địa bàn",
            "tinh thần tương thân tương ái lan tỏa trong cộng đồng",
        ),
    ),
    "an ninh - quốc phòng": Profile(
        roles=("Trưởng Công an xã", "Chỉ huy trưởng Ban Chỉ huy quân sự xã", "Dân quân thường trực", "Cựu chiến binh"),
        units=("Công an xã {c}", "Ban Chỉ huy quân sự xã {c}", "Đồn Biên phòng {c}"),
        collectives=(
            "Công an xã {c}",
            "Tổ tự quản đường biên, cột mốc thôn {c}",
            "Đồn Biên phòng {c}",
            "Tổ bảo vệ an ninh, trật tự ở cơ sở thôn {c}",
        ),
        work=(
            "tuần tra, giữ gìn an ninh trật tự trên địa bàn",
            "vận động bà con tham gia tự quản đường biên, cột mốc",
            "tuyên truyền phòng, chống tội phạm và tệ nạn xã hội",
            "giúp đỡ người lầm lỗi tái hòa nhập cộng đồng",
            "xây dựng mô hình camera an ninh ở khu dân cư",
        ),
        results=(
            "tình hình an ninh trật tự trên địa bàn luôn ổn định",
            "{n} vụ việc được hòa giải thành ngay tại cơ sở",
            "đường biên, cột mốc được bảo vệ nguyên trạng",
            "tội phạm và tệ nạn xã hội trên địa bàn giảm rõ rệt",
            "Nhân dân tin tưởng, tích cực cung cấp thông tin cho lực lượng chức năng",
        ),
    ),
    "chuyển đổi số": Profile(
        roles=("Thành viên tổ công nghệ số cộng đồng", "Bí thư Đoàn xã", "Công chức Văn phòng - Thống kê"),
        units=("Tổ công nghệ số cộng đồng xã {c}", "Đoàn Thanh niên xã {c}", "Sở Khoa học và Công nghệ {p}"),
        collectives=("Tổ công nghệ số cộng đồng xã {c}", "Chi đoàn thôn {c}", "Bộ phận một cửa xã {c}"),
        work=(
            "hướng dẫn người dân sử dụng dịch vụ công trực tuyến",
            "hỗ trợ bà con cài đặt ứng dụng định danh điện tử",
            "đưa nông sản của người dân lên sàn thương mại điện tử",
            "số hóa hồ sơ, tài liệu lưu trữ của xã",
            "mở lớp bồi dưỡng kỹ năng số cho người cao tuổi",
        ),
        results=(
            "tỷ lệ hồ sơ trực tuyến toàn trình của xã tăng mạnh",
            "{n} hộ dân chuyển sang thanh toán không dùng tiền mặt",
            "người dân tiết kiệm thời gian, chi phí đi lại khi làm thủ tục",
            "nông sản của bà con có thêm kênh tiêu thụ ổn định",
            "xã được tỉnh chọn làm điểm về chuyển đổi số cấp cơ sở",
        ),
    ),
    "cải cách hành chính": Profile(
        roles=(
            "Công chức Tư pháp - Hộ tịch",
            "Công chức Bộ phận một cửa",
            "Chủ tịch Ủy ban nhân dân xã",
            "Chuyên viên",
        ),
        units=("Ủy ban nhân dân xã {c}", "Trung tâm Phục vụ hành chính công {p}", "Sở Nội vụ {p}"),
        collectives=(
            "Bộ phận tiếp nhận và trả kết quả xã {c}",
            "Trung tâm Phục vụ hành chính công {p}",
            "Ủy ban nhân dân phường {c}",
        ),
        work=(
            "rút ngắn thời gian giải quyết thủ tục hành chính",
            "niêm yết công khai, minh bạch các thủ tục",
            "tiếp nhận hồ sơ ngoài giờ hành chính để phục vụ người dân",
            "tiếp dân tận tình, giải thích cặn kẽ từng thủ tục",
            "áp dụng hệ thống quản lý chất lượng trong công việc",
        ),
        results=(
            "nhiều năm liền không có hồ sơ trễ hạn",
            "chỉ số hài lòng của người dân đạt mức cao",
            "thời gian giải quyết hồ sơ rút ngắn gần một nửa",
            "không có đơn thư phản ánh về thái độ phục vụ",
            "xã dẫn đầu tỉnh về chỉ số cải cách hành chính cấp xã",
        ),
    ),
    "bảo vệ môi trường": Profile(
        roles=("Tổ trưởng tổ thu gom rác", "Chi hội trưởng Phụ nữ", "Bí thư Chi đoàn", "Nông dân"),
        units=("Hợp tác xã Vệ sinh môi trường {c}", "Hội Liên hiệp Phụ nữ xã {c}", "Đoàn Thanh niên xã {c}"),
        collectives=(
            "Tổ thu gom rác thải thôn {c}",
            "Chi hội Phụ nữ thôn {c}",
            "Câu lạc bộ Thanh niên vì môi trường xanh {c}",
            "Hợp tác xã Vệ sinh môi trường {c}",
        ),
        work=(
            "vận động bà con phân loại rác thải tại nguồn",
            "trồng cây xanh dọc các tuyến đường",
            "thu gom bao bì thuốc bảo vệ thực vật trên đồng ruộng",
            "nạo vét kênh mương, khơi thông dòng chảy",
            "làm phân hữu cơ từ rác thải sinh hoạt",
        ),
        results=(
            "lượng rác thải phải chôn lấp giảm rõ rệt",
            "{n} cây xanh được trồng mới",
            "các tuyến kênh mương trong xã sạch, thông thoáng",
            "không còn tình trạng vứt rác bừa bãi ở khu dân cư",
            "mô hình được nhiều xã trong tỉnh học tập",
        ),
    ),
}
GENERIC = Profile(
    roles=("Cán bộ", "Chuyên viên", "Người lao động"),
    units=("Ủy ban nhân dân xã {c}", "Ủy ban Mặt trận Tổ quốc xã {c}"),
    collectives=("Ủy ban nhân dân xã {c}", "Chi hội thôn {c}"),
    work=("hoàn thành xuất sắc nhiệm vụ được giao", "tích cực tham gia các phong trào của địa phương"),
    results=("được cấp ủy, chính quyền và Nhân dân ghi nhận", "nhiều chỉ tiêu hoàn thành vượt kế hoạch"),
)
# Households are written up for their farm, business or community work, not for industry or security.
HOUSEHOLD_FIELDS = (
    "nông nghiệp",
    "xây dựng nông thôn mới",
    "an sinh xã hội",
    "văn hóa - xã hội",
    "bảo vệ môi trường",
    "kinh doanh",
)
HOUSEHOLD_WORK = (
    "cải tạo vườn tạp thành vườn cây ăn trái kết hợp nuôi cá",
    "hiến đất làm đường giao thông nông thôn",
    "phát triển kinh tế gia đình, thoát nghèo bền vững",
    "giúp đỡ các hộ khó khăn trong xóm cùng vươn lên",
    "giữ gìn nếp nhà, xây dựng gia đình văn hóa tiêu biểu",
)

OPENINGS = (
    "Ở {place}, nhắc đến {full}, bà con thường nghĩ ngay tới chuyện {work}.",
    "Hơn {n} năm nay, {full} gắn bó với {place}, bền bỉ {work}.",
    "Về {place} hôm nay, ai cũng có thể kể cho khách nghe về {full} và những việc làm thiết thực trong lĩnh vực {field}.",
    "{Full} là một trong những gương điển hình tiên tiến tiêu biểu của {place} trong phong trào thi đua yêu nước những năm gần đây.",
    "Không ồn ào, phô trương, {full} lặng lẽ {work}, góp phần làm nên diện mạo mới của {place}.",
    "Trong phong trào thi đua của {place}, {full} được xem là lá cờ đầu ở lĩnh vực {field}.",
)
BACKGROUNDS = (
    "Trước đây, đời sống của bà con trong {hamlet} còn nhiều khó khăn, cơ sở hạ tầng thiếu thốn, nhiều hộ chưa có nguồn thu nhập ổn định.",
    "Những ngày đầu bắt tay vào việc, {ref} gặp không ít khó khăn: thiếu vốn, thiếu kinh nghiệm, nhiều người còn nghi ngại.",
    "Xuất phát điểm của địa phương vốn thấp, phần lớn người dân sống bằng nghề nông, thu nhập bấp bênh.",
    "Có thời điểm tưởng như phải bỏ cuộc, nhưng {ref} vẫn kiên trì học hỏi, đi tham quan các mô hình làm hay ở địa phương bạn.",
    "Địa bàn rộng, giao thông đi lại khó khăn, mùa mưa nhiều tuyến đường bị chia cắt, công việc vì thế càng vất vả hơn.",
    "Khi mới bắt đầu, không ít ý kiến băn khoăn liệu cách làm mới có phù hợp với điều kiện của địa phương hay không.",
)
ACTIONS = (
    'Hưởng ứng phong trào "{campaign}", {ref} mạnh dạn {work}.',
    "Năm {year}, {ref} bắt đầu {work}, rồi từng bước {work2}.",
    "Được cấp ủy, chính quyền địa phương quan tâm, tạo điều kiện, {ref} đã {work2}.",
    'Với phương châm "dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng", {ref} cùng bà con {work}.',
    "Không chỉ lo cho công việc của mình, {ref} còn tích cực {work2}.",
    "{Ref} luôn xác định phải làm trước để bà con noi theo, nói đi đôi với làm, việc gì đã hứa thì làm đến nơi đến chốn.",
    "Mỗi khi triển khai một việc mới, {ref} đều họp bàn công khai, lắng nghe ý kiến của mọi người rồi mới thống nhất cách làm.",
    "Từ những kinh nghiệm tích lũy được, {ref} chủ động đề xuất nhiều cách làm mới, phù hợp với thực tế của địa phương.",
)
RESULTS = (
    "Đến nay, {result}.",
    "Nhờ cách làm bài bản, {result}; {result2}.",
    "Sau {n} năm kiên trì, {result}.",
    "Kết quả đó đã được cấp ủy, chính quyền và Nhân dân địa phương ghi nhận, đánh giá cao.",
    "Chỉ tính riêng năm {year}, {result2}.",
)
COMMUNITY = (
    "Điều khiến bà con quý mến là {ref} không giữ kinh nghiệm cho riêng mình mà sẵn sàng chia sẻ, hướng dẫn những ai cần.",
    "Nhiều hộ trong {hamlet} đã học tập cách làm này và có thu nhập ổn định hơn.",
    "Những việc làm giản dị ấy đã lan tỏa tinh thần tương thân tương ái trong cộng đồng.",
    "Từ cách làm của {ref}, nhiều nơi trong xã đã chủ động học tập, làm theo.",
    "Các đoàn thể ở địa phương thường mời {ref} đến chia sẻ kinh nghiệm tại các buổi sinh hoạt.",
)
QUOTES_PERSON = (
    '"Mình làm được thì phải giúp bà con cùng làm, để cả {hamlet} cùng khá lên", {ref} chia sẻ.',
    '"Phần thưởng lớn nhất là thấy bà con tin tưởng và cùng góp sức", {ref} nói.',
    '"Còn sức khỏe thì tôi còn làm, còn đóng góp cho quê hương", {ref} tâm sự.',
    '"Việc nhỏ mà làm đều đặn, làm bằng cả tấm lòng thì sẽ thành việc lớn", {ref} chia sẻ.',
)
QUOTES_GROUP = (
    '"Thành tích hôm nay là công sức chung của tập thể và sự ủng hộ của Nhân dân", đại diện {ref} chia sẻ.',
    '"Chúng tôi sẽ tiếp tục đổi mới cách làm để xứng đáng với sự tin tưởng của bà con", đại diện {ref} cho biết.',
)
FILLERS = (
    "Thi đua là yêu nước, yêu nước thì phải thi đua: lời dạy của Chủ tịch Hồ Chí Minh được {ref} thấm nhuần bằng những việc làm cụ thể hằng ngày.",
    "Mỗi năm, {ref} đều đăng ký thi đua và hoàn thành vượt mức các chỉ tiêu đề ra.",
    "Bên cạnh đó, {ref} còn tích cực tham gia các hoạt động của Mặt trận Tổ quốc và các đoàn thể ở địa phương.",
    "{Ref} thường xuyên tham gia các lớp tập huấn để cập nhật kiến thức, kỹ năng mới.",
    "Các phong trào của địa phương đều có sự đóng góp tích cực của {ref}.",
    "Trong điều kiện còn nhiều khó khăn, {ref} vẫn luôn giữ vững tinh thần trách nhiệm, tận tụy với công việc.",
    "Những đóng góp ấy góp phần thực hiện thắng lợi các chỉ tiêu phát triển kinh tế - xã hội của địa phương.",
    "Cấp ủy, chính quyền địa phương đánh giá đây là cách làm sáng tạo, phù hợp với điều kiện thực tế.",
    "Cách làm ấy không cần nhiều kinh phí nhưng đòi hỏi sự bền bỉ, tận tâm và khả năng vận động quần chúng.",
    "Nhiều khó khăn, vướng mắc ở cơ sở đã được tháo gỡ kịp thời nhờ sự phối hợp chặt chẽ giữa {ref} và chính quyền địa phương.",
    "Ngoài công việc chính, {ref} còn dành thời gian tham gia công tác xã hội, từ thiện ở địa phương.",
    "Mọi việc đều được bàn bạc dân chủ, công khai, minh bạch, tạo được sự đồng thuận cao trong Nhân dân.",
    "Ban Thi đua - Khen thưởng đánh giá đây là điển hình có sức lan tỏa, cần được tiếp tục bồi dưỡng và nhân rộng.",
    "Những kết quả ấy là minh chứng sinh động cho hiệu quả của phong trào thi đua yêu nước ở cơ sở.",
    "Từ thực tiễn ở {place}, có thể thấy khi người dân được bàn và được làm, mọi chủ trương đều đi vào cuộc sống.",
    "Những việc làm ấy tuy bình dị nhưng có ý nghĩa thiết thực, góp phần xây dựng quê hương ngày càng giàu đẹp.",
)
RECOGNITION = (
    "Năm {award_year}, {ref} vinh dự được tặng {award} vì có thành tích xuất sắc trong phong trào thi đua.",
    "Với những đóng góp đó, {ref} nhiều năm liền được biểu dương, khen thưởng; năm {award_year} được tặng {award}.",
)
CLOSINGS = {
    "phát hiện": "Qua theo dõi, Hội đồng Thi đua - Khen thưởng xã đã phát hiện và đề xuất đưa {ref} vào danh sách điển hình để tiếp tục bồi dưỡng.",
    "bồi dưỡng": "Hiện nay, cấp ủy, chính quyền địa phương đang tiếp tục bồi dưỡng, tạo điều kiện để {ref} phát huy vai trò nêu gương.",
    "tổng kết": "Ban Thi đua - Khen thưởng đã tổng kết cách làm của {ref} để giới thiệu với các địa phương có điều kiện tương tự.",
    "nhân rộng": 'Mô hình của {ref} đã được nhân rộng ra {n} xã, phường trong tỉnh, đúng tinh thần "phát hiện - bồi dưỡng - tổng kết - nhân rộng" điển hình tiên tiến.',
}
SUMMARIES = (
    "{Who} {work}, góp phần để {result}.",
    "{Who} tiêu biểu trong lĩnh vực {field}: {work}.",
    "{Who} {work}; {result}.",
)
ACHIEVEMENTS = (
    "Hoàn thành xuất sắc nhiệm vụ {k} năm liên tục ({y1} - {y2}).",
    "{k} lần đạt danh hiệu Chiến sĩ thi đua cấp tỉnh; có sáng kiến được áp dụng rộng rãi.",
    "Có {k} sáng kiến được công nhận hiệu quả áp dụng cấp tỉnh.",
    "{Work}; {result}.",
    "{Work}.",
    "Dẫn đầu phong trào thi đua của cụm, khối thi đua năm {y2}.",
)

IMAGE_TEXT = {
    "ao-ca.svg": ("Hình vẽ vườn cây ăn trái và ao cá", "Mô hình vườn cây ăn trái kết hợp nuôi cá"),
    "chuyen-doi-so.svg": ("Hình vẽ người dân dùng điện thoại làm thủ tục", "Hướng dẫn người dân dùng dịch vụ công"),
    "cot-moc.svg": ("Hình vẽ cột mốc biên giới giữa núi rừng", "Tuần tra bảo vệ đường biên, cột mốc"),
    "doi-che.svg": ("Hình vẽ đồi chè xanh", "Vùng chè của các hộ thành viên"),
    "don-ca-tai-tu.svg": ("Hình vẽ đàn kìm và đàn tranh", "Buổi sinh hoạt đờn ca tài tử"),
    "duong-nong-thon.svg": ("Hình vẽ con đường bê tông giữa cánh đồng", "Tuyến đường nông thôn do Nhân dân góp công"),
    "moi-truong.svg": ("Hình vẽ thùng rác phân loại và cây xanh", "Phân loại rác thải tại nguồn"),
    "nha-may.svg": ("Hình vẽ nhà máy và dây chuyền sản xuất", "Dây chuyền sản xuất của nhà máy"),
    "ruong-lua.svg": ("Hình vẽ cánh đồng lúa chín", "Cánh đồng lúa của bà con"),
    "tram-y-te.svg": ("Hình vẽ trạm y tế xã", "Trạm y tế xã"),
    "truong-hoc.svg": ("Hình vẽ ngôi trường và sân trường", "Ngôi trường của các em học sinh"),
    "xuong-det.svg": ("Hình vẽ xưởng dệt", "Xưởng dệt của cơ sở"),
}


@dataclass(frozen=True)
class CampaignSeed:
    """A national campaign: the template for its provincial and commune editions."""

    slug: str
    title: str
    local: str  # the local edition's title, with {p} for the locality
    kind: str
    contents: tuple[str, ...]
    criteria: tuple[str, ...]


NATIONAL = (
    CampaignSeed(
        "chung-suc-xay-dung-nong-thon-moi",
        "Cả nước chung sức xây dựng nông thôn mới",
        "{p} cùng cả nước chung sức xây dựng nông thôn mới",
        "chuyên đề",
        (
            "Thực hiện đồng bộ, toàn diện các tiêu chí xây dựng nông thôn mới, tập trung vào các xã còn khó khăn",
            "Tái cơ cấu ngành nông nghiệp gắn với Chương trình mỗi xã một sản phẩm",
            "Huy động sức dân và các nguồn lực xã hội xây dựng kết cấu hạ tầng nông thôn",
        ),
        ("Số xã đạt chuẩn nông thôn mới nâng cao, kiểu mẫu", "Mức đóng góp của Nhân dân cho công trình công cộng"),
    ),
    CampaignSeed(
        "chung-tay-vi-nguoi-ngheo",
        "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
        "{p} chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
        "chuyên đề",
        (
            "Huy động mọi nguồn lực hỗ trợ hộ nghèo, hộ cận nghèo phát triển sinh kế",
            "Xóa nhà tạm, nhà dột nát cho hộ nghèo, gia đình chính sách",
            "Khơi dậy ý chí tự lực, tự cường vươn lên thoát nghèo",
        ),
        ("Tỷ lệ giảm hộ nghèo hằng năm", "Số nhà ở được xây mới, sửa chữa cho hộ khó khăn"),
    ),
    CampaignSeed(
        "doanh-nghiep-hoi-nhap-va-phat-trien",
        "Doanh nghiệp Việt Nam hội nhập và phát triển",
        "Doanh nghiệp {p} hội nhập và phát triển",
        "thường xuyên",
        (
            "Đổi mới công nghệ, nâng cao năng suất, chất lượng, sức cạnh tranh của sản phẩm",
            "Thực hiện tốt chính sách đối với người lao động và nghĩa vụ với Nhà nước",
            "Tham gia các hoạt động an sinh xã hội ở địa phương",
        ),
        ("Tăng trưởng doanh thu và nộp ngân sách", "Thu nhập bình quân của người lao động"),
    ),
    CampaignSeed(
        "van-hoa-cong-so",
        "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
        "Cán bộ, công chức, viên chức {p} thi đua thực hiện văn hóa công sở",
        "thường xuyên",
        (
            "Chấp hành nghiêm kỷ luật, kỷ cương hành chính",
            "Xây dựng phong cách ứng xử chuẩn mực, tận tụy phục vụ Nhân dân",
            "Nâng cao chất lượng giải quyết thủ tục hành chính",
        ),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn", "Mức độ hài lòng của người dân, doanh nghiệp"),
    ),
    CampaignSeed(
        "doi-moi-sang-tao-trong-day-va-hoc",
        "Đổi mới, sáng tạo trong dạy và học",
        "{p} đổi mới, sáng tạo trong dạy và học",
        "thường xuyên",
        (
            "Đổi mới phương pháp dạy học và kiểm tra, đánh giá theo hướng phát triển phẩm chất, năng lực",
            "Ứng dụng công nghệ thông tin, chuyển đổi số trong giáo dục",
            "Xây dựng trường học xanh, sạch, đẹp, an toàn",
        ),
        ("Tỷ lệ trường đạt chuẩn quốc gia", "Số sáng kiến, đề tài được áp dụng trong giảng dạy"),
    ),
    CampaignSeed(
        "xay-dung-xa-hoi-hoc-tap",
        "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
        "{p} thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
        "thường xuyên",
        (
            "Phát triển các mô hình gia đình học tập, dòng họ học tập, cộng đồng học tập",
            "Nâng cao hiệu quả hoạt động của trung tâm học tập cộng đồng",
            "Khuyến khích người lao động học tập nâng cao trình độ, kỹ năng",
        ),
        ("Số gia đình, dòng họ đạt danh hiệu học tập", "Tỷ lệ người lớn tham gia học tập thường xuyên"),
    ),
    CampaignSeed(
        "toan-dan-doan-ket-xay-dung-doi-song-van-hoa",
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        "{p} đoàn kết xây dựng đời sống văn hóa",
        "thường xuyên",
        (
            "Xây dựng gia đình văn hóa, thôn, tổ dân phố văn hóa",
            "Thực hiện nếp sống văn minh trong việc cưới, việc tang và lễ hội",
            "Bảo tồn, phát huy giá trị di sản văn hóa của địa phương",
        ),
        ("Tỷ lệ gia đình văn hóa", "Tỷ lệ thôn, tổ dân phố văn hóa"),
    ),
    CampaignSeed(
        "toan-dan-bao-ve-an-ninh-to-quoc",
        "Toàn dân bảo vệ an ninh Tổ quốc",
        "{p} chung sức bảo vệ an ninh Tổ quốc",
        "thường xuyên",
        (
            "Xây dựng thế trận an ninh nhân dân vững chắc ở cơ sở",
            "Nhân rộng các mô hình tự quản về an ninh, trật tự",
            "Phòng ngừa, đấu tranh với tội phạm và tệ nạn xã hội",
        ),
        ("Số mô hình tự quản về an ninh, trật tự hoạt động hiệu quả", "Số vụ việc hòa giải thành ở cơ sở"),
    ),
    CampaignSeed(
        "chuyen-doi-so",
        "Thi đua đẩy mạnh chuyển đổi số quốc gia",
        "{p} thi đua đẩy mạnh chuyển đổi số",
        "chuyên đề",
        (
            "Phát triển chính quyền số, kinh tế số, xã hội số",
            "Phổ cập kỹ năng số cho người dân thông qua tổ công nghệ số cộng đồng",
            "Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
        ),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình", "Tỷ lệ người dân có tài khoản định danh điện tử"),
    ),
    CampaignSeed(
        "xoa-nha-tam-nha-dot-nat",
        "Chung tay xóa nhà tạm, nhà dột nát",
        "{p} chung tay xóa nhà tạm, nhà dột nát",
        "cao điểm",
        (
            "Huy động nguồn lực xã hội hóa hỗ trợ xây mới, sửa chữa nhà ở",
            "Ưu tiên hộ nghèo, gia đình chính sách, vùng đồng bào dân tộc thiểu số",
            "Bảo đảm tiến độ, chất lượng và công khai, minh bạch",
        ),
        ("Số căn nhà được xây mới, sửa chữa", "Tỷ lệ hoàn thành so với kế hoạch"),
    ),
    CampaignSeed(
        "cai-cach-hanh-chinh",
        "Thi đua đẩy mạnh cải cách hành chính, nâng cao sự hài lòng của người dân",
        "{p} thi đua đẩy mạnh cải cách hành chính",
        "chuyên đề",
        (
            "Đơn giản hóa thủ tục hành chính, cắt giảm thời gian giải quyết hồ sơ",
            "Nâng cao chất lượng hoạt động của bộ phận một cửa các cấp",
            "Tăng cường kỷ luật, kỷ cương trong thực thi công vụ",
        ),
        ("Chỉ số cải cách hành chính", "Chỉ số hài lòng về sự phục vụ hành chính"),
    ),
    CampaignSeed(
        "bao-ve-moi-truong",
        "Chung tay bảo vệ môi trường, ứng phó với biến đổi khí hậu",
        "{p} chung tay bảo vệ môi trường",
        "chuyên đề",
        (
            "Phân loại rác thải tại nguồn, giảm thiểu rác thải nhựa",
            "Trồng cây xanh, bảo vệ rừng và nguồn nước",
            "Xây dựng các mô hình sản xuất xanh, thích ứng với biến đổi khí hậu",
        ),
        ("Tỷ lệ rác thải được phân loại tại nguồn", "Số cây xanh được trồng mới"),
    ),
    CampaignSeed(
        "thay-thuoc-nhu-me-hien",
        "Thầy thuốc như mẹ hiền",
        "Ngành Y tế {p} thi đua làm theo lời Bác: thầy thuốc như mẹ hiền",
        "thường xuyên",
        (
            "Đổi mới phong cách, thái độ phục vụ hướng tới sự hài lòng của người bệnh",
            "Nâng cao chất lượng khám, chữa bệnh ở tuyến cơ sở",
            "Chủ động phòng, chống dịch bệnh",
        ),
        ("Tỷ lệ người bệnh hài lòng", "Số kỹ thuật mới được triển khai"),
    ),
    CampaignSeed(
        "thi-dua-phat-trien-kinh-te-xa-hoi",
        "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội",
        "{p} thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội",
        "thường xuyên",
        (
            "Hoàn thành và vượt các chỉ tiêu phát triển kinh tế - xã hội",
            "Bảo đảm quốc phòng, an ninh, giữ vững ổn định chính trị",
            "Chăm lo đời sống vật chất, tinh thần của Nhân dân",
        ),
        ("Mức độ hoàn thành các chỉ tiêu kế hoạch", "Số tập thể, cá nhân được khen thưởng đột xuất"),
    ),
)
CYCLES = ((2016, 2020), (2021, 2025), (2026, 2030))
MINISTRIES = (
    ("Bộ Y tế", "thay-thuoc-nhu-me-hien", "BYT"),
    ("Bộ Giáo dục và Đào tạo", "doi-moi-sang-tao-trong-day-va-hoc", "BGDĐT"),
    ("Bộ Công an", "toan-dan-bao-ve-an-ninh-to-quoc", "BCA"),
    ("Bộ Nông nghiệp và Môi trường", "chung-suc-xay-dung-nong-thon-moi", "BNNMT"),
    ("Bộ Văn hóa, Thể thao và Du lịch", "toan-dan-doan-ket-xay-dung-doi-song-van-hoa", "BVHTTDL"),
    ("Bộ Khoa học và Công nghệ", "chuyen-doi-so", "BKHCN"),
    ("Bộ Nội vụ", "van-hoa-cong-so", "BNV"),
    ("Bộ Tài chính", "thi-dua-phat-trien-kinh-te-xa-hoi", "BTC"),
)
PROVINCIAL_AGENCIES = (
    ("Sở Nội vụ", "SNV"),
    ("Sở Y tế", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Tài chính", "STC"),
    ("Sở Xây dựng", "SXD"),
)
PEAK_CONTENTS = (
    "Phấn đấu hoàn thành vượt mức các chỉ tiêu, nhiệm vụ được giao trong thời gian thi đua",
    "Đẩy nhanh tiến độ các công trình, dự án, hồ sơ còn tồn đọng",
    "Lập thành tích thiết thực chào mừng sự kiện, không phô trương, hình thức",
)
PEAK_EVENTS = (
    "chào mừng Đại hội Đảng bộ các cấp",
    "chào mừng kỷ niệm Ngày Quốc khánh 2 tháng 9",
    "chào mừng Đại hội Thi đua yêu nước",
    "hoàn thành các chỉ tiêu kinh tế - xã hội",
)
LAW = {
    "kind": "Luật",
    "number": "06/2022/QH15",
    "date": date(2022, 6, 15),
    "issuer": "Quốc hội",
    "title": "Luật Thi đua, khen thưởng",
}
DECREE = {
    "kind": "Nghị định",
    "number": "98/2023/NĐ-CP",
    "date": date(2023, 12, 31),
    "issuer": "Chính phủ",
    "title": "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
}
# How often each state-level award appears in real lists; anything not named here is rare.
STATE_AWARD_WEIGHTS = {
    "bang-khen-thu-tuong": 10.0,
    "huan-chuong-lao-dong-hang-ba": 6.0,
    "huan-chuong-lao-dong-hang-nhi": 3.0,
    "huan-chuong-lao-dong-hang-nhat": 1.0,
    "chien-si-thi-dua-toan-quoc": 4.0,
    "co-thi-dua-chinh-phu": 4.0,
    "nha-giao-uu-tu": 2.0,
    "thay-thuoc-uu-tu": 2.0,
    "nghe-nhan-uu-tu": 1.0,
    "nghe-si-uu-tu": 1.0,
    # Given on other paths (foreigners, heroic mothers): not in a provincial list.
    "ba-me-viet-nam-anh-hung": 0.0,
    "huan-chuong-huu-nghi": 0.0,
    "huy-chuong-huu-nghi": 0.0,
}
# The field a nominee for an honorary title works in.
AWARD_FIELDS = {
    "nha-giao": "giáo dục",
    "thay-thuoc": "y tế",
    "nghe-nhan": "văn hóa - xã hội",
    "nghe-si": "văn hóa - xã hội",
    "quan-cong": "an ninh - quốc phòng",
    "bao-ve-to-quoc": "an ninh - quốc phòng",
    "chien-cong": "an ninh - quốc phòng",
    "luc-luong-vu-trang": "an ninh - quốc phòng",
}
KIND_WEIGHTS = {"cá nhân": 6.0, "tập thể": 3.0, "hộ gia đình": 1.5}
RESULT_NOTES = {
    "không được khen thưởng": "Hội đồng Thi đua - Khen thưởng xét chưa đủ tiêu chuẩn theo quy định.",
    "rút khỏi danh sách": "Cơ quan đề nghị rút hồ sơ để xét hình thức khen thưởng khác phù hợp hơn.",
    "chưa xét": "Hồ sơ cần bổ sung ý kiến của cơ quan có thẩm quyền, sẽ xét ở đợt sau.",
}
