"""Links that last: a renamed record's former addresses lead to it, a withdrawn record's address
says so, and validation (with --base, against what was published) keeps every address answering."""

from __future__ import annotations

import gzip
import json
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from lxml import html

from site_builder.commands.build import Progress, Project, build, check
from site_builder.model.consultation import TZ
from site_builder.problems import DataError

from .conftest import ROOT, DataDir
from .records import CAMPAIGN, EXEMPLAR, NOMINATION

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TZ)
SITE_URL = "https://thidua-khenthuong.github.io/"

WITHDRAWN = """
withdrawn:
  - kind: exemplars
    id: tran-thi-b
    date: 2026-11-20
    reason: Bài viết có thông tin chưa chính xác, đang được xác minh lại.
    title: Bà Trần Thị B
  - kind: campaigns
    id: phong-trao-cu
    date: 2026-10-01
    reason: Phong trào đã nhập vào phong trào chung của tỉnh.
"""


def moved(data: DataDir) -> DataDir:
    """The valid records, the exemplar and the list renamed once, two records withdrawn."""
    data.write("campaigns/ntm.yml", CAMPAIGN)
    data.write("exemplars/nguyen-van-an.yml", EXEMPLAR + "old_ids: [nguyen-van-a, ong-an]\n")
    data.write("nominations/hcld-2026.yml", NOMINATION + "old_ids:\n  - hcld-2026-cu\n")
    data.write("withdrawn.yml", WITHDRAWN)
    return data


def problems(data: DataDir, base: str | None = None, now: datetime = NOW) -> list[str]:
    try:
        _, found, _ = check(data.root, now, base=base)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return [str(p) for p in found]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("moved")
    (folder / "data").mkdir()
    data = moved(DataDir(folder / "data"))
    out = folder / "site"
    build(Project(ROOT, data.root, out), NOW, progress=Progress(None))
    return out


def parse(site: Path, url: str) -> html.HtmlElement:
    return html.fromstring((site / url / "index.html").read_bytes())


LIST_TITLE = "Lấy ý kiến đề nghị tặng Huân chương Lao động"


@pytest.mark.parametrize(
    ("old", "new", "href", "title"),
    [
        ("dien-hinh/nguyen-van-a/", "dien-hinh/nguyen-van-an/", "../nguyen-van-an/", "Nguyễn Văn An"),
        ("dien-hinh/ong-an/", "dien-hinh/nguyen-van-an/", "../nguyen-van-an/", "Nguyễn Văn An"),
        ("lay-y-kien/hcld-2026-cu/", "lay-y-kien/hcld-2026/", "../hcld-2026/", LIST_TITLE),
        (
            "lay-y-kien/hcld-2026-cu/thong-bao/",
            "lay-y-kien/hcld-2026/thong-bao/",
            "../../hcld-2026/thong-bao/",
            f"Thông báo: {LIST_TITLE}",
        ),
    ],
)
def test_a_former_address_leads_to_the_record(site: Path, old: str, new: str, href: str, title: str) -> None:
    page = parse(site, old)
    [refresh] = page.xpath('//head/meta[@http-equiv="refresh"]')
    assert refresh.get("content") == f"0; url={href}"
    assert page.xpath('//head/link[@rel="canonical"]/@href') == [SITE_URL + new]
    assert page.xpath('//head/meta[@name="robots"]/@content') == ["noindex"]
    assert page.xpath("//title/text()") == [f"Đã chuyển: {title} - Thi đua - Khen thưởng (dữ liệu mẫu)"]
    [heading] = page.xpath("//h1")
    assert heading.text_content() == "Trang đã chuyển địa chỉ"
    [link] = page.xpath('//p[@class="tdkt-lead"]/a')
    assert (link.get("href"), link.text_content()) == (href, title)
    assert (site / old / href / "index.html").resolve() == (site / new / "index.html").resolve()
    assert not page.xpath("//*[@data-pagefind-body]")


def test_a_withdrawn_record_says_so_at_its_address(site: Path) -> None:
    page = parse(site, "dien-hinh/tran-thi-b/")
    assert page.xpath("//title/text()") == ["Bà Trần Thị B (đã gỡ) - Thi đua - Khen thưởng (dữ liệu mẫu)"]
    assert page.xpath("//h1")[0].text_content() == "Bà Trần Thị B: gương điển hình đã gỡ"
    lead = page.xpath('//p[@class="tdkt-lead"]')[0]
    assert lead.text_content() == "Gương điển hình này đã được gỡ khỏi trang ngày 20 tháng 11 năm 2026."
    assert lead.xpath(".//time/@datetime") == ["2026-11-20"]
    assert "Lý do: Bài viết có thông tin chưa chính xác, đang được xác minh lại." in page.text_content()
    assert page.xpath('//a[text()="Xem các gương điển hình khác"]/@href') == ["../"]
    assert page.xpath('//head/meta[@name="robots"]/@content') == ["noindex"]
    assert page.xpath('//head/link[@rel="canonical"]/@href') == [SITE_URL + "dien-hinh/tran-thi-b/"]
    assert not page.xpath("//*[@data-pagefind-body]")

    untitled = parse(site, "phong-trao/phong-trao-cu/")
    assert untitled.xpath("//h1")[0].text_content() == "phong trào đã gỡ"
    assert untitled.xpath("//title/text()") == ["Phong trào đã gỡ - Thi đua - Khen thưởng (dữ liệu mẫu)"]
    assert "Phong trào đã nhập vào phong trào chung của tỉnh." in untitled.text_content()


def test_these_pages_stay_out_of_search_and_sitemap(site: Path) -> None:
    indexed = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(fragment.read_bytes())
        indexed.add(json.loads(raw[raw.index(b"{") :])["url"])
    assert "/dien-hinh/nguyen-van-an/" in indexed
    assert not {"/dien-hinh/nguyen-van-a/", "/dien-hinh/tran-thi-b/", "/lay-y-kien/hcld-2026-cu/"} & indexed
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}dien-hinh/nguyen-van-an/</loc>" in sitemap
    for gone in ("nguyen-van-a/", "ong-an/", "tran-thi-b/", "hcld-2026-cu/", "phong-trao-cu/"):
        assert gone not in sitemap


def test_the_record_itself_and_the_feeds_are_unchanged(site: Path) -> None:
    page = parse(site, "dien-hinh/nguyen-van-an/")
    assert page.xpath('//head/link[@rel="canonical"]/@href') == [SITE_URL + "dien-hinh/nguyen-van-an/"]
    assert not page.xpath('//meta[@http-equiv="refresh"]')
    feed = (site / "nguon-tin" / "tat-ca.json").read_text(encoding="utf-8")
    assert "nguyen-van-a/" not in feed and "tran-thi-b" not in feed


# -- the rules ------------------------------------------------------------------------------


def test_renamed_and_withdrawn_records_are_valid(data_dir: DataDir) -> None:
    assert problems(moved(data_dir)) == []


def test_an_old_id_must_be_nobodys_id_and_claimed_once(data_dir: DataDir) -> None:
    moved(data_dir)
    data_dir.write("exemplars/ong-an.yml", EXEMPLAR.replace("Nguyễn Văn An", "Lê Văn An"))
    data_dir.write(
        "exemplars/tran-van-c.yml",
        EXEMPLAR.replace("Nguyễn Văn An", "Trần Văn C") + "old_ids: [nguyen-van-a, tran-van-c, theo-ten, x, x]\n",
    )
    assert problems(data_dir) == [
        "data/exemplars/nguyen-van-an.yml:27:25: old_ids[1]: mã cũ 'ong-an' đang là mã của hồ sơ "
        "data/exemplars/ong-an.yml; một địa chỉ chỉ dẫn đến một hồ sơ — bỏ mã này khỏi old_ids, hoặc đổi tên tệp kia",
        "data/exemplars/tran-van-c.yml:27:11: old_ids[0]: mã cũ 'nguyen-van-a' đã ghi trong old_ids của "
        "data/exemplars/nguyen-van-an.yml; mỗi mã cũ chỉ dẫn đến một hồ sơ — bỏ một trong hai",
        "data/exemplars/tran-van-c.yml:27:25: old_ids[1]: 'tran-van-c' là mã hiện nay của hồ sơ này (tên tệp); "
        "old_ids chỉ ghi các mã trước khi đổi tên",
        "data/exemplars/tran-van-c.yml:27:37: old_ids[2]: 'theo-ten' không thể là mã cũ: tên tệp không bắt đầu "
        "bằng 'theo-' hay 'trang-'",
        "data/exemplars/tran-van-c.yml:27:50: old_ids[4]: mã cũ 'x' đã ghi ở dòng 27 của tệp này; mỗi mã cũ chỉ "
        "dẫn đến một hồ sơ — bỏ một trong hai",
    ]


def test_a_withdrawn_record_is_gone_listed_once_and_nobodys_old_id(data_dir: DataDir) -> None:
    moved(data_dir)
    data_dir.write(
        "withdrawn.yml",
        WITHDRAWN
        + """
  - kind: exemplars
    id: nguyen-van-an
    date: 2026-11-20
    reason: Nhầm.
  - kind: exemplars
    id: ong-an
    date: 2026-11-20
    reason: Nhầm.
  - kind: exemplars
    id: tran-thi-b
    date: 2026-11-21
    reason: Ghi hai lần.
""",
    )
    assert problems(data_dir) == [
        "data/withdrawn.yml:13:9: withdrawn[2].id: hồ sơ data/exemplars/nguyen-van-an.yml vẫn còn; muốn gỡ thì xóa "
        "tệp đó, muốn giữ thì bỏ mục này khỏi data/withdrawn.yml",
        "data/withdrawn.yml:17:9: withdrawn[3].id: 'ong-an' là mã cũ của data/exemplars/nguyen-van-an.yml (old_ids), "
        "địa chỉ đó chuyển về hồ sơ này; bỏ mục này, hoặc bỏ mã khỏi old_ids nếu hồ sơ cũ thật sự đã gỡ",
        "data/withdrawn.yml:21:9: withdrawn[4].id: 'tran-thi-b' (exemplars) đã ghi ở dòng 3; mỗi hồ sơ chỉ ghi một lần",
    ]


def test_withdrawn_yml_is_checked_like_any_file(data_dir: DataDir) -> None:
    moved(data_dir).write("withdrawn.yml", WITHDRAWN.replace("kind: campaigns", "kind: phong trào"))
    [message] = problems(data_dir)
    assert message.startswith("data/withdrawn.yml:7:11: withdrawn[1].kind: tìm thấy 'phong trào'")


# -- against what was published (--base) ----------------------------------------------------


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def published(data_dir: DataDir) -> DataDir:
    """A repository whose last commit published the records, renamed and withdrawn ones too."""
    moved(data_dir)
    data_dir.write("campaigns/ntm-tinh.yml", CAMPAIGN.replace("Cả nước", "Tỉnh"))
    git(data_dir.root.parent, "init", "-q", "-b", "main")
    git(data_dir.root.parent, "config", "user.email", "bien-tap@example.gov.vn")
    git(data_dir.root.parent, "config", "user.name", "Biên tập viên")
    git(data_dir.root.parent, "add", "-A")
    git(data_dir.root.parent, "commit", "-q", "-m", "công bố")
    return data_dir


def test_every_published_address_must_still_answer(published: DataDir) -> None:
    assert problems(published, "HEAD") == []
    short = git(published.root.parent, "rev-parse", "HEAD")[:10]
    (published.root / "campaigns" / "ntm-tinh.yml").unlink()
    published.write("exemplars/nguyen-van-an.yml", EXEMPLAR + "old_ids: [ong-an]\n")
    published.write("withdrawn.yml", WITHDRAWN.split("  - kind: campaigns")[0])
    assert problems(published, "HEAD") == [
        f"data/campaigns/ntm-tinh.yml:1:1: (tệp): phong trào 'ntm-tinh' đã đăng (theo bản {short}) nhưng tệp "
        "data/campaigns/ntm-tinh.yml không còn, địa chỉ trang sẽ báo không tìm thấy; nếu đã đổi tên tệp, ghi "
        "'ntm-tinh' vào old_ids của hồ sơ mới; nếu gỡ hồ sơ, thêm vào data/withdrawn.yml một mục: kind: campaigns, "
        "id: ntm-tinh, date (ngày gỡ) và reason (lý do)",
        f"data/exemplars/nguyen-van-an.yml:27:1: old_ids: 'nguyen-van-a' là mã cũ của gương điển hình "
        f"'nguyen-van-an' (old_ids, theo bản {short}), địa chỉ cũ đó đang chuyển về trang mới nhưng mã này không "
        "còn được ghi; nếu đã đổi tên tệp, ghi 'nguyen-van-a' vào old_ids của hồ sơ mới; nếu gỡ hồ sơ, thêm vào "
        "data/withdrawn.yml một mục: kind: exemplars, id: nguyen-van-a, date (ngày gỡ) và reason (lý do)",
        f"data/withdrawn.yml:1:1: withdrawn: phong trào 'phong-trao-cu' đã ghi là đã gỡ (theo bản {short}) nhưng "
        "không còn trong data/withdrawn.yml; giữ mục đó để địa chỉ cũ vẫn báo hồ sơ đã gỡ",
    ]


def test_a_record_renamed_or_withdrawn_since_the_base_passes(published: DataDir) -> None:
    exemplars = published.root / "exemplars"
    (exemplars / "nguyen-van-an.yml").rename(exemplars / "nguyen-van-an-dong-thap.yml")
    published.write(
        "exemplars/nguyen-van-an-dong-thap.yml", EXEMPLAR + "old_ids: [nguyen-van-a, ong-an, nguyen-van-an]\n"
    )
    (published.root / "campaigns" / "ntm-tinh.yml").unlink()
    published.write(
        "withdrawn.yml",
        WITHDRAWN + "  - kind: campaigns\n    id: ntm-tinh\n    date: 2026-11-24\n    reason: Trùng với ntm.\n",
    )
    assert problems(published, "HEAD") == []


def test_an_open_list_keeps_its_stricter_rule(published: DataDir) -> None:
    (published.root / "nominations" / "hcld-2026.yml").unlink()
    published.write(
        "withdrawn.yml",
        WITHDRAWN + "  - kind: nominations\n    id: hcld-2026\n    date: 2026-11-24\n    reason: Rút lại.\n",
    )
    [message] = problems(published, "HEAD")
    assert message.startswith("data/nominations/hcld-2026.yml:1:1: (tệp): danh sách 'hcld-2026' đã công khai")
    assert "khôi phục tệp data/nominations/hcld-2026.yml" in message
