"""A published list changes only with a new amendment: checked against git history, not a file."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from site_builder.commands.build import check
from site_builder.model.consultation import TZ
from site_builder.problems import BuildError, DataError
from site_builder.validation.history import read_baseline

from .conftest import DataDir
from .records import CLOSED_NOMINATION, NOMINATION
from .test_validation import valid

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TZ)
AMENDMENT = "amendments:\n  - date: 2026-11-20\n    change: Sửa tên ông Nguyễn Văn Bính.\n    reason: Gõ sai dấu.\n"
LIST = "nominations/hcld-2026.yml"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(data: DataDir, message: str = "dữ liệu") -> None:
    git(data.root.parent, "add", "-A")
    git(data.root.parent, "commit", "-q", "-m", message)


@pytest.fixture
def repo(data_dir: DataDir) -> DataDir:
    """A git repository whose last commit published the valid records."""
    git(data_dir.root.parent, "init", "-q", "-b", "main")
    git(data_dir.root.parent, "config", "user.email", "bien-tap@example.gov.vn")
    git(data_dir.root.parent, "config", "user.name", "Biên tập viên")
    commit(valid(data_dir), "công bố")
    return data_dir


def problems(data: DataDir, base: str = "HEAD", now: datetime = NOW) -> list[str]:
    try:
        _, found, _ = check(data.root, now, base=base)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return [str(p) for p in found]


def test_unchanged_published_list_passes(repo: DataDir) -> None:
    assert problems(repo) == []


def test_change_without_amendment_names_the_list_and_what_changed(repo: DataDir) -> None:
    repo.write(LIST, NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    commit_id = git(repo.root.parent, "rev-parse", "HEAD")[:10]
    assert problems(repo) == [
        f"data/nominations/hcld-2026.yml:18:15: groups[0].nominees[0].name: danh sách đã công khai lấy ý kiến từ "
        f"2026-11-16 nhưng đã thay đổi so với bản đã công bố ({commit_id}): sửa họ tên của 'nguyen-van-binh' "
        "(Nguyễn Văn Bính); mà không có đính chính mới. Thêm một mục vào amendments (date, change, reason) nói rõ "
        "thay đổi và lý do, hoặc trả danh sách về như đã công bố"
    ]


def test_added_removed_and_moved_nominees_are_named(repo: DataDir) -> None:
    changed = NOMINATION.replace("nguyen-van-binh", "le-thi-hoa").replace(
        "award: huan-chuong-lao-dong-hang-ba", "award: huan-chuong-lao-dong-hang-nhi"
    )
    repo.write(LIST, changed.replace("closes: 2026-12-04", "closes: 2026-12-07"))
    [message] = problems(repo)
    assert (
        "đổi thời gian lấy ý kiến; thêm 'le-thi-hoa' (Nguyễn Văn Bình); bỏ 'nguyen-van-binh' (Nguyễn Văn Bình)"
        in message
    )


def test_deleting_any_fingerprint_file_changes_nothing(repo: DataDir) -> None:
    """The old data/fingerprints.yml is not read: removing or editing it cannot let a change through."""
    (repo.root / "fingerprints.yml").write_text("lists: {}\n", encoding="utf-8")
    commit(repo)
    repo.write(LIST, NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    (repo.root / "fingerprints.yml").unlink()
    assert len(problems(repo, "HEAD")) == 1


def test_change_with_a_new_amendment_passes(repo: DataDir) -> None:
    repo.write(LIST, NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính") + AMENDMENT)
    assert problems(repo) == []


def test_amendments_are_only_appended(repo: DataDir) -> None:
    repo.write(LIST, NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính") + AMENDMENT)
    commit(repo, "đính chính")
    repo.write(LIST, NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính") + AMENDMENT.replace("Gõ sai", "Nhầm"))
    assert problems(repo) == [
        "data/nominations/hcld-2026.yml:29:13: amendments[0].reason: đính chính thứ 1 (ngày 2026-11-20) đã công bố nhưng bị "
        "sửa; trả lại nội dung cũ, muốn sửa thì thêm một đính chính mới"
    ]
    repo.write(LIST, NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    assert problems(repo) == [
        "data/nominations/hcld-2026.yml:1:1: (tệp): đính chính thứ 1 (ngày 2026-11-20) đã công bố nhưng bị xóa; "
        "đính chính đã công bố chỉ được giữ nguyên, muốn sửa thì thêm một đính chính mới"
    ]


def test_change_before_opening_needs_no_amendment(repo: DataDir) -> None:
    before_opening = datetime(2026, 11, 10, tzinfo=TZ)
    repo.write(LIST, NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    assert problems(repo, now=before_opening) == []


def test_draft_can_be_renamed_with_its_old_id_but_published_list_cannot(repo: DataDir) -> None:
    """An upcoming list's page was public too: renamed, it names its old id, which then redirects."""
    moved = repo.root / "nominations" / "hcld-2026-moi.yml"
    (repo.root / LIST).rename(moved)
    before_opening = datetime(2026, 11, 10, tzinfo=TZ)
    assert problems(repo, now=before_opening) == [
        "data/nominations/hcld-2026.yml:1:1: (tệp): danh sách lấy ý kiến 'hcld-2026' đã đăng (theo bản "
        f"{git(repo.root.parent, 'rev-parse', 'HEAD')[:10]}) nhưng tệp data/nominations/hcld-2026.yml không còn, "
        "địa chỉ trang sẽ báo không tìm thấy; nếu đã đổi tên tệp, ghi 'hcld-2026' vào old_ids của hồ sơ mới; nếu "
        "gỡ hồ sơ, thêm vào data/withdrawn.yml một mục: kind: nominations, id: hcld-2026, date (ngày gỡ) và "
        "reason (lý do)"
    ]
    moved.write_text(moved.read_text(encoding="utf-8") + "old_ids: [hcld-2026]\n", encoding="utf-8")
    assert problems(repo, now=before_opening) == []
    assert problems(repo) == [
        "data/nominations/hcld-2026.yml:1:1: (tệp): danh sách 'hcld-2026' đã công khai lấy ý kiến từ 2026-11-16 "
        f"(theo bản {git(repo.root.parent, 'rev-parse', 'HEAD')[:10]}) nhưng tệp đã đổi tên thành "
        "data/nominations/hcld-2026-moi.yml; danh sách đã công khai phải giữ nguyên tên tệp và địa chỉ trang — "
        "khôi phục tệp data/nominations/hcld-2026.yml"
    ]


def test_removed_published_list_is_refused(repo: DataDir) -> None:
    (repo.root / LIST).unlink()
    [message] = problems(repo)
    assert "nhưng tệp đã bị xóa" in message


def test_list_broken_at_the_base_was_never_shown(repo: DataDir) -> None:
    repo.write(LIST, NOMINATION.replace("opens: 2026-11-16", "opens: 16/11/2026"))
    commit(repo, "hỏng")
    repo.write(LIST, NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    assert problems(repo) == []
    assert read_baseline(repo.root, "HEAD").lists == {}


def test_unknown_revision_and_folder_outside_git_are_environment_errors(
    repo: DataDir, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with pytest.raises(BuildError, match="không tìm thấy phiên bản 'khong-co'"):
        problems(repo, "khong-co")
    outside = DataDir(tmp_path_factory.mktemp("ngoai"))
    with pytest.raises(BuildError, match="không nằm trong một kho git"):
        read_baseline(outside.root, "HEAD")


def test_a_build_reads_git_history_once(repo: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The baseline (validation) and the lists' earlier contents (versions) come from one reading:
    no git command runs twice with the same input, and one 'git log' gives every version."""
    from site_builder.commands.build import Progress, Project, build
    from site_builder.validation import history

    repo.write(LIST, NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính") + AMENDMENT)
    commit(repo, "đính chính")
    calls: list[tuple[object, ...]] = []
    real_run = history.subprocess.run

    def counted(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        calls.append((*args[3:], kwargs.get("input")))  # after "git -C <top>"
        return real_run(args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(history.subprocess, "run", counted)
    project = Project(Path(__file__).resolve().parents[1], repo.root, tmp_path / "site")
    build(project, NOW, progress=Progress(stream=None), base="HEAD~1", cache_dir=None)
    commands = [call[0] for call in calls]
    assert commands.count("log") == 1
    assert commands.count("rev-parse") == 2  # the repository's top, then the base's commit
    assert len(calls) == len(set(calls)), calls
    from site_builder.urls import URLS

    first = json.loads((tmp_path / "site" / URLS.list_version("hcld-2026", 1)).read_text(encoding="utf-8"))
    assert "Nguyễn Văn Bình" in json.dumps(first, ensure_ascii=False)  # the version before the amendment


# -- issue 22: everything a list shows, whole windows, amendments and corrections ------------------


def _awards(repo: DataDir, old: str, new: str) -> None:
    path = repo.root / "awards.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_an_award_renamed_in_the_catalogue_changes_the_open_list(repo: DataDir) -> None:
    """The open list's page shows the award's name: a change in data/awards.yml is a change of the list."""
    _awards(repo, "name: Huân chương Lao động hạng Ba,", "name: Huân chương Lao động hạng Nhất,")
    [message] = problems(repo)
    assert message.startswith("data/nominations/hcld-2026.yml:13:12: groups[0].award: danh sách đã công khai")
    assert (
        "tên hình thức khen thưởng 'huan-chuong-lao-dong-hang-ba' đổi từ 'Huân chương Lao động hạng Ba' thành "
        "'Huân chương Lao động hạng Nhất' (trong data/awards.yml); mà không có đính chính mới" in message
    )
    repo.write(LIST, NOMINATION + AMENDMENT)  # the control: the same change with its amendment
    assert problems(repo) == []


def test_site_wide_text_the_list_shows_is_covered(repo: DataDir) -> None:
    site = repo.root / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("không được xem xét.", "vẫn được xem xét."), encoding="utf-8"
    )
    [message] = problems(repo)
    assert "đổi nội dung góp ý cần có (trong data/site.yml)" in message


def test_short_window_reason_added_without_amendment(repo: DataDir) -> None:
    repo.write(
        LIST, NOMINATION.replace("  closes: 2026-12-04\n", "  closes: 2026-12-04\n  short_window_reason: Cần gấp.\n")
    )
    [message] = problems(repo)
    assert message.startswith("data/nominations/hcld-2026.yml:25:24: consultation.short_window_reason: ")
    assert "đổi lý do rút ngắn thời gian lấy ý kiến" in message


def test_window_and_proposing_document_changes_point_at_their_lines(repo: DataDir) -> None:
    repo.write(LIST, NOMINATION.replace("closes: 2026-12-04", "closes: 2026-12-07"))
    assert problems(repo)[0].startswith("data/nominations/hcld-2026.yml:24:11: consultation.closes: ")
    repo.write(LIST, NOMINATION.replace("5376/TTr-UBND", "5377/TTr-UBND"))
    assert problems(repo)[0].startswith("data/nominations/hcld-2026.yml:4:3: proposing_document: ")


def _amended(*dates: str) -> str:
    entries = "".join(
        f"  - date: {day}\n    change: Sửa tên.\n    reason: Gõ sai dấu {n}.\n" for n, day in enumerate(dates)
    )
    return NOMINATION.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính") + "amendments:\n" + entries


def test_amendments_dated_in_the_future_or_out_of_order_are_refused(repo: DataDir) -> None:
    repo.write(LIST, _amended("2027-03-01"))
    assert problems(repo) == [
        "data/nominations/hcld-2026.yml:27:11: amendments[0].date: đính chính ghi ngày 2027-03-01, sau hôm nay "
        "(2026-11-25); chỉ ghi đính chính đã làm, với ngày thật"
    ]
    repo.write(LIST, _amended("2026-11-20", "2026-11-18"))
    assert problems(repo) == [
        "data/nominations/hcld-2026.yml:30:11: amendments[1].date: đính chính thứ 2 ghi ngày 2026-11-18, trước "
        "đính chính thứ 1 (2026-11-20); thêm đính chính mới vào cuối danh sách, theo thứ tự ngày"
    ]
    repo.write(LIST, _amended("2026-11-25"))  # the control: dated today
    assert problems(repo) == []


def test_an_amendment_inserted_before_a_published_one_is_named_as_such(repo: DataDir) -> None:
    repo.write(LIST, _amended("2026-11-20"))
    commit(repo, "đính chính")
    first = "  - date: 2026-11-20\n    change: Sửa tên.\n    reason: Gõ sai dấu 0.\n"
    inserted = "  - date: 2026-11-20\n    change: Sửa chức vụ.\n    reason: Nhầm.\n"
    repo.write(LIST, _amended("2026-11-20").replace("amendments:\n" + first, "amendments:\n" + inserted + first))
    assert problems(repo) == [
        "data/nominations/hcld-2026.yml:27:5: amendments[0]: đính chính thứ 1 (ngày 2026-11-20) được chèn vào trước "
        "đính chính đã công bố; đính chính mới chỉ thêm vào cuối danh sách"
    ]


DECIDED = (
    CLOSED_NOMINATION
    + """outcome:
  decision:
    kind: Quyết định
    number: 1234/QĐ-CTN
    date: 2026-11-10
  results:
    - nominee: nguyen-van-binh
      result: được khen thưởng
"""
)


def test_a_decided_lists_result_changes_only_with_a_correction(repo: DataDir) -> None:
    repo.write(LIST, DECIDED)
    commit(repo, "quyết định")
    repo.write(LIST, DECIDED.replace("result: được khen thưởng", "result: không được khen thưởng"))
    [message] = problems(repo)
    assert message.startswith("data/nominations/hcld-2026.yml:27:3: outcome: danh sách đã có kết quả (Quyết định số ")
    assert "sửa kết quả khen thưởng (outcome); mà không có đính chính kết quả mới" in message
    correction = "corrections:\n  - date: 2026-11-24\n    change: Sửa kết quả.\n    reason: Nhầm khi nhập.\n"
    repo.write(LIST, DECIDED.replace("result: được khen thưởng", "result: không được khen thưởng") + correction)
    assert problems(repo) == []
    # A correction dated before the decision is refused.
    repo.write(LIST, DECIDED + correction.replace("2026-11-24", "2026-11-01"))
    assert problems(repo)[0].startswith("data/nominations/hcld-2026.yml:")
    assert "trước ngày quyết định khen thưởng 2026-11-10" in problems(repo)[0]


def test_a_new_list_whose_window_has_opened_is_refused(repo: DataDir) -> None:
    late = NOMINATION.replace("Lấy ý kiến đề nghị", "Danh sách mới, lấy ý kiến đề nghị")
    repo.write("nominations/hcld-2026-b.yml", late)
    assert problems(repo) == [
        "data/nominations/hcld-2026-b.yml:23:10: consultation.opens: danh sách mới đưa lên trang hôm nay "
        "(2026-11-25) nhưng thời gian lấy ý kiến đã bắt đầu (2026-11-16 đến 2026-12-04): nhân dân không có đủ thời "
        "gian góp ý theo quy định. Đặt lại thời gian lấy ý kiến từ ngày đăng trở đi; nếu danh sách đã công khai ở "
        "nơi khác từ ngày mở, ghi first_published (date, where, url)"
    ]
    archived = late + "first_published:\n  date: 2026-11-16\n  where: Cổng thông tin điện tử tỉnh Đồng Tháp\n"
    repo.write("nominations/hcld-2026-b.yml", archived)
    assert problems(repo) == []
    # Control: a new list that opens later is no problem.
    repo.write(
        "nominations/hcld-2026-b.yml",
        late.replace("opens: 2026-11-16", "opens: 2026-11-30").replace("closes: 2026-12-04", "closes: 2026-12-14"),
    )
    assert problems(repo) == []


def test_changes_to_a_list_not_yet_open_and_to_an_exemplar_pass(repo: DataDir) -> None:
    upcoming = NOMINATION.replace("opens: 2026-11-16", "opens: 2026-11-30").replace(
        "closes: 2026-12-04", "closes: 2026-12-14"
    )
    repo.write(LIST, upcoming)
    commit(repo, "danh sách sắp mở")
    repo.write(LIST, upcoming.replace("Nguyễn Văn Bình", "Trần Văn Bình"))
    _awards(repo, "name: Huân chương Lao động hạng Ba,", "name: Huân chương Lao động hạng Ba (sửa),")
    exemplar = repo.root / "exemplars" / "nguyen-van-an.yml"
    exemplar.write_text(
        exemplar.read_text(encoding="utf-8").replace("Báo Đồng Tháp", "Báo Đồng Tháp điện tử"), encoding="utf-8"
    )
    assert problems(repo) == []


def test_a_correction_and_a_first_publication_are_shown_on_the_page_in_feeds_and_open_data(
    repo: DataDir, tmp_path: Path
) -> None:
    import feedparser
    from lxml import html as lxml_html

    from site_builder.commands.build import Progress, Project, build
    from site_builder.urls import URLS

    correction = (
        "corrections:\n  - date: 2026-11-24\n    change: Sửa kết quả của ông Nguyễn Văn Bình.\n"
        "    reason: Nhầm khi nhập.\n    document:\n      kind: Quyết định\n      number: 1300/QĐ-CTN\n"
        "      date: 2026-11-23\n"
    )
    first = "first_published:\n  date: 2026-10-01\n  where: Cổng thông tin điện tử tỉnh Đồng Tháp\n"
    repo.write(LIST, DECIDED.replace("result: được khen thưởng", "result: không được khen thưởng") + correction + first)
    site = tmp_path / "site"
    build(Project(Path(__file__).resolve().parents[1], repo.root, site), NOW, progress=Progress(stream=None))
    page = lxml_html.fromstring((site / URLS.nomination("hcld-2026") / "index.html").read_bytes())
    [entry] = page.xpath('//h3[@id="dinh-chinh-ket-qua"]/following-sibling::ol[1]/li')
    assert "Sửa kết quả của ông Nguyễn Văn Bình." in entry.text_content()
    assert "Quyết định số 1300/QĐ-CTN" in entry.text_content()
    [note] = page.xpath('//p[@class="tdkt-first-published"]')
    assert "Cổng thông tin điện tử tỉnh Đồng Tháp" in note.text_content()
    feed = feedparser.parse((site / URLS.feed(URLS.feed_stem(URLS.nomination("hcld-2026")), ".atom.xml")).read_bytes())
    titles = [e.title for e in feed.entries]
    assert titles[0].startswith("Đính chính kết quả: ")
    listed = json.loads((site / URLS.list_json("hcld-2026")).read_text(encoding="utf-8"))
    assert listed["corrections"][0]["document"]["number"] == "1300/QĐ-CTN"
    assert listed["first_published"]["where"] == "Cổng thông tin điện tử tỉnh Đồng Tháp"


def test_published_feedback_changes_only_with_a_correction(repo: DataDir) -> None:
    from .test_feedback import CLOSED, FEEDBACK, OUTCOME

    repo.write(LIST, CLOSED + OUTCOME + FEEDBACK)
    commit(repo, "công bố ý kiến")
    repo.write(
        LIST, CLOSED + OUTCOME + FEEDBACK.replace("verification: có cơ sở\n", "verification: có cơ sở một phần\n")
    )
    [message] = problems(repo)
    assert "sửa kết quả tổng hợp ý kiến đã công bố (feedback); mà không có đính chính kết quả mới" in message
    correction = "corrections:\n  - date: 2026-11-24\n    change: Sửa kết quả xác minh.\n    reason: Nhầm khi nhập.\n"
    repo.write(
        LIST,
        CLOSED
        + OUTCOME
        + FEEDBACK.replace("verification: có cơ sở\n", "verification: có cơ sở một phần\n")
        + correction,
    )
    assert problems(repo) == []
