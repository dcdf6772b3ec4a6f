"""Rules across records: references resolve, dates are in order, awards fit recipients."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel

from .. import vietnamese as vn
from ..inputs.load import Dataset, Key, SourceMap, field_name
from ..inputs.markup import removed_markup
from ..inputs.privacy import SEPARATOR, Finding, commenter_findings, findings
from ..inputs.records import Amendment, Correction
from ..model.comments import PLACEHOLDERS, unknown_placeholders
from ..model.consultation import closes_at, rule_for, working_days
from ..model.images import Finding as ImageFinding
from ..model.images import inspect as inspect_image
from ..problems import Problem
from .continuity import check_addresses

Check = Callable[[Dataset], Iterable[Problem]]


def _missing(kind_label: str, value: str, known: Iterable[str], where: str) -> str:
    near = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"; có phải ý bạn là '{near[0]}'?" if near else f"; xem {where}"
    return f"không tìm thấy {kind_label} '{value}'{hint}"


# Words that may stand before a province's name ("tỉnh Cà Mau", "TP. Cần Thơ"), as slugs.
_PROVINCE_PREFIXES = ("tinh-", "thanh-pho-", "tp-")
# The day the 63 provinces became 34 (Nghị quyết 202/2025/QH15).
_MERGED_ON = "01/07/2025"


def province_hint(data: Dataset, value: str) -> str:
    """What to write instead of an unknown province: its id, or where a former province went."""
    key = vn.slug(value)
    for prefix in _PROVINCE_PREFIXES:
        key = key.removeprefix(prefix)
    if key in data.provinces:
        province = data.provinces[key]
        return f"'{value}' là tên; viết mã '{key}' ({province.kind} {province.name})"
    for pid, province in data.provinces.items():
        for former in province.former:
            if vn.slug(former) == key:
                return (
                    f"tỉnh {former} đã nhập vào {province.kind} {province.name} từ ngày {_MERGED_ON}; "
                    f"dùng mã '{pid}' (ghi tên cũ trong locality.name nếu hồ sơ thuộc thời trước)"
                )
    near = difflib.get_close_matches(key, list(data.provinces), n=1, cutoff=0.6)
    return f"có phải ý bạn là '{near[0]}'?" if near else "xem mã các tỉnh, thành phố trong data/provinces.yml"


def _province(data: Dataset, smap: SourceMap, loc: Key, value: str | None) -> Iterable[Problem]:
    if value is not None and value not in data.provinces:
        yield smap.problem(loc, f"không tìm thấy tỉnh, thành phố '{value}'; {province_hint(data, value)}")


def _award(data: Dataset, smap: SourceMap, loc: Key, award_id: str, recipient: str, who: str = "") -> Iterable[Problem]:
    """An award that exists and goes to this kind of recipient; who names the recipient, if several share loc."""
    award = data.awards.get(award_id)
    if award is None:
        yield smap.problem(loc, _missing("hình thức khen thưởng", award_id, data.awards, "data/awards.yml"))
    elif recipient not in award.recipients:
        allowed = ", ".join(award.recipients)
        yield smap.problem(
            loc, f"'{award.name}' không trao cho {recipient}{who}; hình thức này chỉ dành cho: {allowed}"
        )


def _honorific(smap: SourceMap, loc: Key, honorific: str | None, recipient: str) -> Iterable[Problem]:
    if honorific is not None and recipient != "cá nhân":
        yield smap.problem(
            loc, f"danh xưng '{honorific}' chỉ dùng cho cá nhân, không dùng cho {recipient}; bỏ trường này"
        )


def check_campaigns(data: Dataset) -> Iterable[Problem]:
    for cid, campaign in data.campaigns.items():
        smap = data.source("campaigns", cid)
        yield from _province(data, smap, ("province",), campaign.province)
        if campaign.parent is not None:
            if campaign.parent == cid:
                yield smap.problem(("parent",), "phong trào không thể là cấp trên của chính nó")
            elif not data.campaign_known(campaign.parent):
                yield smap.problem(
                    ("parent",), _missing("phong trào", campaign.parent, data.campaigns, "data/campaigns/")
                )
            else:
                seen = {cid}
                current: str | None = campaign.parent
                while current is not None and current in data.campaigns:
                    if current in seen:
                        yield smap.problem(("parent",), f"các phong trào cấp trên tạo thành vòng lặp qua '{current}'")
                        break
                    seen.add(current)
                    current = data.campaigns[current].parent
        if campaign.period.end is not None and campaign.period.end < campaign.period.start:
            yield smap.problem(
                ("period", "end"),
                f"ngày kết thúc {campaign.period.end.isoformat()} trước ngày bắt đầu {campaign.period.start.isoformat()}",
            )
        if campaign.updated is not None and campaign.updated < campaign.published:
            yield smap.problem(("updated",), "ngày cập nhật trước ngày đăng")


def check_exemplars(data: Dataset) -> Iterable[Problem]:
    fields = data.settings.fields
    images_dir = (data.data_dir / "images").resolve()
    # Thousands of exemplars share a few photos: resolve and open each file once.
    image_found: dict[str, bool] = {}
    image_findings: dict[str, list[ImageFinding]] = {}
    for eid, exemplar in data.exemplars.items():
        smap = data.source("exemplars", eid)
        yield from _province(data, smap, ("locality", "province"), exemplar.locality.province)
        yield from _honorific(smap, ("honorific",), exemplar.honorific, exemplar.recipient_kind)
        if exemplar.field not in fields:
            yield smap.problem(
                ("field",), _missing("lĩnh vực", exemplar.field, fields, "danh sách fields trong data/site.yml")
            )
        for index, campaign in enumerate(exemplar.campaigns):
            if not data.campaign_known(campaign):
                yield smap.problem(
                    ("campaigns", index), _missing("phong trào", campaign, data.campaigns, "data/campaigns/")
                )
        for index, received in enumerate(exemplar.awards):
            yield from _award(data, smap, ("awards", index, "award"), received.award, exemplar.recipient_kind)
        for index, image in enumerate(exemplar.images):
            if image.src not in image_found:
                target = (data.data_dir / image.src).resolve()
                image_found[image.src] = target.is_relative_to(images_dir) and target.is_file()
            if not image_found[image.src]:
                yield smap.problem(("images", index, "src"), _missing_image(data, image.src, images_dir))
                continue
            if image.src not in image_findings:
                image_findings[image.src] = inspect_image(data.data_dir / image.src, image.src)
            for finding in image_findings[image.src]:
                yield smap.problem(("images", index, "src"), finding.message, warning=finding.warning)
        if exemplar.updated is not None and exemplar.updated < exemplar.published:
            yield smap.problem(("updated",), "ngày cập nhật trước ngày đăng")


def _missing_image(data: Dataset, src: str, images_dir: Path) -> str:
    """An image that is not there, and the file meant, where only the case of letters differs.

    On Windows and macOS "Ruong-Lua.JPG" opens "ruong-lua.jpg"; on the build machine it does not.
    """
    wanted = (data.data_dir / src).resolve()
    folder = wanted.parent
    if folder.is_relative_to(images_dir) and folder.is_dir():
        for candidate in sorted(folder.iterdir()):
            if candidate.name.lower() == wanted.name.lower():
                right = candidate.relative_to(data.data_dir).as_posix()
                return (
                    f"không tìm thấy ảnh '{src}'; trong data/images/ có '{right}', chỉ khác chữ hoa, chữ thường: "
                    f"viết đúng như tên tệp, {right}"
                )
    return f"không tìm thấy ảnh '{src}' trong data/images/"


def check_nominations(data: Dataset) -> Iterable[Problem]:
    for lid, nominee_list in data.nominations.items():
        smap = data.source("nominations", lid)
        yield from _province(data, smap, ("province",), nominee_list.province)
        if nominee_list.campaign is not None and not data.campaign_known(nominee_list.campaign):
            yield smap.problem(
                ("campaign",), _missing("phong trào", nominee_list.campaign, data.campaigns, "data/campaigns/")
            )
        window = nominee_list.consultation
        if window.closes < window.opens:
            yield smap.problem(
                ("consultation", "closes"),
                f"ngày kết thúc lấy ý kiến {window.closes.isoformat()} trước ngày bắt đầu {window.opens.isoformat()}",
            )
        seen: dict[str, Key] = {}
        for g, group in enumerate(nominee_list.groups):
            if group.award not in data.awards:  # once per group, whatever its recipients
                yield from _award(data, smap, ("groups", g, "award"), group.award, "")
            for n, nominee in enumerate(group.nominees):
                loc: Key = ("groups", g, "nominees", n)
                if group.award in data.awards:
                    # At the nominee's own line, naming it: the group's award is right for the others.
                    who = f" ('{nominee.id}', {nominee.name})"
                    yield from _award(data, smap, (*loc, "recipient_kind"), group.award, nominee.recipient_kind, who)
                yield from _honorific(smap, (*loc, "honorific"), nominee.honorific, nominee.recipient_kind)
                if nominee.id in seen:
                    first = smap.locate((*seen[nominee.id], "id"))[0]
                    yield smap.problem(
                        (*loc, "id"),
                        f"mã '{nominee.id}' đã dùng ở dòng {first}; mỗi người trong danh sách cần một mã riêng",
                    )
                else:
                    seen[nominee.id] = loc
        if nominee_list.proposing_document.date > nominee_list.published:
            yield smap.problem(
                ("proposing_document", "date"),
                f"tờ trình ghi ngày {nominee_list.proposing_document.date.isoformat()}, sau ngày đăng danh sách "
                f"{nominee_list.published.isoformat()}; danh sách chỉ công khai sau khi có tờ trình — kiểm tra lại "
                "ngày của tờ trình hoặc ngày đăng (published)",
                warning=True,
            )


def check_feedback(data: Dataset, now: datetime) -> Iterable[Problem]:
    """What the public said and what the council answered: after the window, about the list's own
    nominees, consistent with the amendments and the outcome, and naming nobody who commented."""
    today = now.date()
    for lid, item in data.nominations.items():
        feedback = item.feedback
        if feedback is None:
            continue
        smap = data.source("nominations", lid)
        closes = item.consultation.closes
        if today <= closes:
            yield smap.problem(
                ("feedback",),
                f"thời gian lấy ý kiến chưa kết thúc (hết ngày {closes.isoformat()}); chỉ thêm feedback khi đã "
                "hết hạn góp ý",
                key=True,
            )
            continue
        if feedback.expected < closes:
            yield smap.problem(
                ("feedback", "expected"),
                f"ngày dự kiến {feedback.expected.isoformat()} trước ngày hết hạn góp ý {closes.isoformat()}",
            )
        if feedback.status == "đã công bố" and feedback.published is None:
            yield smap.problem(
                ("feedback", "status"),
                "đã công bố thì ghi ngày công bố vào feedback.published, dạng 2026-12-15",
            )
        if feedback.published is not None and not closes < feedback.published <= today:
            yield smap.problem(
                ("feedback", "published"),
                f"ngày công bố {feedback.published.isoformat()} phải sau ngày hết hạn góp ý {closes.isoformat()} "
                f"và không sau hôm nay ({today.isoformat()})",
            )
        total = feedback.received.total()
        if feedback.about_list + feedback.not_considered > total:
            yield smap.problem(
                ("feedback", "about_list"),
                f"số ý kiến về cả danh sách ({feedback.about_list}) và không được xem xét ({feedback.not_considered}) "
                f"nhiều hơn số ý kiến nhận được ({total}, tổng các mục trong received)",
            )
        known = {nominee.id for group in item.groups for nominee in group.nominees}
        results = {result.nominee: result.result for result in item.outcome.results} if item.outcome else {}
        seen: set[str] = set()
        for index, entry in enumerate(feedback.nominees):
            loc: Key = ("feedback", "nominees", index)
            if entry.nominee not in known:
                yield smap.problem((*loc, "nominee"), _missing("người, tập thể", entry.nominee, known, "groups"))
                continue
            if entry.nominee in seen:
                yield smap.problem((*loc, "nominee"), f"'{entry.nominee}' đã có ở mục trước; gộp ý kiến vào một mục")
            seen.add(entry.nominee)
            if entry.comments > total - feedback.not_considered:
                yield smap.problem(
                    (*loc, "comments"),
                    f"{entry.comments} ý kiến về '{entry.nominee}', nhiều hơn số ý kiến được xem xét "
                    f"({total - feedback.not_considered})",
                )
            if entry.verification == "đang xác minh" and entry.decision not in (None, "tạm dừng chờ kết luận"):
                yield smap.problem(
                    (*loc, "decision"),
                    f"đang xác minh thì chưa có hướng xử lý '{entry.decision}'; bỏ trống hoặc ghi 'tạm dừng chờ kết luận'",
                )
            if entry.decision == "điều chỉnh thông tin" and (
                entry.amendment is None or entry.amendment > len(item.amendments)
            ):
                yield smap.problem(
                    (*loc, "amendment"),
                    f"điều chỉnh thông tin thì ghi số thứ tự đính chính đã làm (1 đến {len(item.amendments)}) vào "
                    "amendment"
                    if item.amendments
                    else "điều chỉnh thông tin thì phải có một đính chính (amendments) "
                    "nói rõ điều chỉnh; thêm đính chính rồi ghi số thứ tự của nó vào amendment",
                )
            if (
                entry.decision == "rút khỏi danh sách"
                and entry.nominee in results
                and results[entry.nominee] != entry.decision
            ):
                yield smap.problem(
                    (*loc, "decision"),
                    f"ý kiến dẫn tới rút '{entry.nominee}' khỏi danh sách nhưng kết quả (outcome) ghi "
                    f"'{results[entry.nominee]}'; ghi kết quả 'rút khỏi danh sách'",
                )
        texts: list[tuple[Key, str | None]] = [(("feedback", "late_reason"), feedback.late_reason)]
        for index, entry in enumerate(feedback.nominees):
            texts += [(("feedback", "nominees", index, "summary"), entry.summary)]
            texts += [(("feedback", "nominees", index, "answer"), entry.answer)]
        for loc, value in texts:
            for finding in commenter_findings(value or ""):
                yield _personal(
                    smap,
                    loc,
                    finding,
                    "không được công bố gì cho phép nhận ra người đã góp ý (họ tên, liên lạc, ngày của từng ý kiến, "
                    "trích nguyên văn); viết tóm tắt trung lập nội dung ý kiến",
                )


def check_dated_entries(data: Dataset, now: datetime) -> Iterable[Problem]:
    """Amendments, corrections and a first publication elsewhere, against the window and the clock."""
    for lid, nominee_list in data.nominations.items():
        smap = data.source("nominations", lid)
        window = nominee_list.consultation
        yield from _dated_entries(smap, "amendments", "đính chính", nominee_list.amendments, window.opens, now)
        feedback = nominee_list.feedback
        settled = (
            nominee_list.outcome.decision.date
            if nominee_list.outcome is not None
            else feedback.published
            if feedback is not None and feedback.status == "đã công bố"
            else None
        )
        if settled is not None:
            yield from _dated_entries(smap, "corrections", "đính chính kết quả", nominee_list.corrections, settled, now)
        elif nominee_list.corrections:
            yield smap.problem(
                ("corrections",),
                "chưa có kết quả (outcome) hay kết quả tổng hợp ý kiến đã công bố nên chưa có gì để đính chính; "
                "trước đó, thay đổi danh sách bằng một mục amendments",
            )
        first = nominee_list.first_published
        if first is not None and first.date > window.opens:
            yield smap.problem(
                ("first_published", "date"),
                f"ngày công khai lần đầu {first.date.isoformat()} sau ngày mở lấy ý kiến {window.opens.isoformat()}: "
                "danh sách phải công khai từ ngày đầu lấy ý kiến; ghi đúng ngày, hoặc mở lại thời gian lấy ý kiến",
            )


def _dated_entries(
    smap: SourceMap, key: str, label: str, entries: Sequence[Amendment | Correction], earliest: date, now: datetime
) -> Iterable[Problem]:
    """Amendments and corrections: dated from earliest to today, in the order they were made."""
    today = now.date()
    for index, entry in enumerate(entries):
        if entry.date < earliest:
            if key == "amendments":
                message = (
                    f"đính chính ghi ngày {entry.date.isoformat()}, trước khi mở lấy ý kiến ({earliest.isoformat()}); "
                    "trước ngày mở, sửa thẳng danh sách, không cần đính chính"
                )
            else:
                message = (
                    f"đính chính kết quả ghi ngày {entry.date.isoformat()}, trước ngày quyết định khen thưởng "
                    f"{earliest.isoformat()}; ghi ngày đính chính thật"
                )
            yield smap.problem((key, index, "date"), message)
        elif entry.date > today:
            yield smap.problem(
                (key, index, "date"),
                f"{label} ghi ngày {entry.date.isoformat()}, sau hôm nay ({today.isoformat()}); "
                f"chỉ ghi {label} đã làm, với ngày thật",
            )
        elif index and entry.date < entries[index - 1].date:
            yield smap.problem(
                (key, index, "date"),
                f"{label} thứ {index + 1} ghi ngày {entry.date.isoformat()}, trước {label} thứ {index} "
                f"({entries[index - 1].date.isoformat()}); thêm {label} mới vào cuối danh sách, theo thứ tự ngày",
            )


# A date typed with its day and month swapped, or in the wrong century (the browser's mm/dd/yyyy
# box gave 1906-10-12), is refused: no record of this site is dated before 2000 or more than two
# years ahead. The legal bases of a record, the decisions of awards received and a campaign's
# period may go back to the state's founding (a Hero of Labour of 1985, a movement launched in
# 1995), and a campaign's period runs up to ten years ahead (a programme for 2026-2035). The web
# editor's rulebook reads these bounds (validation/rulebook.py).
EARLIEST_DATE = date(2000, 1, 1)
EARLIEST_HISTORIC_DATE = date(1945, 9, 2)
YEARS_AHEAD = 2
YEARS_AHEAD_PERIOD = 10
# Where a date may be historic: the key of the list or group that holds the document.
HISTORIC_KEYS = ("legal_basis", "decision", "period")
PERIOD_KEYS = ("period",)


def latest_date(today: date, years: int = YEARS_AHEAD) -> date:
    """The last plausible date: some years from today (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year + years)
    except ValueError:
        return today.replace(year=today.year + years, day=28)


def record_dates(value: object, loc: Key = ()) -> Iterable[tuple[Key, date]]:
    """Every date of a record with where it is, depth first in field order."""
    if isinstance(value, date):
        yield loc, value
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from record_dates(item, (*loc, index))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from record_dates(getattr(value, name), (*loc, name))


def check_plausible_dates(data: Dataset, now: datetime) -> Iterable[Problem]:
    today = now.date()
    for kind, records in data.by_kind.items():
        for record_id, record in records.items():
            for loc, day in record_dates(record):
                earliest = EARLIEST_HISTORIC_DATE if any(key in loc for key in HISTORIC_KEYS) else EARLIEST_DATE
                years = YEARS_AHEAD_PERIOD if any(key in loc for key in PERIOD_KEYS) else YEARS_AHEAD
                latest = latest_date(today, years)
                if earliest <= day <= latest:
                    continue
                smap = data.source(kind, record_id)
                shown = vn.date_short(day)
                if day < earliest:
                    message = (
                        f"ngày {shown} trước ngày {vn.date_short(earliest)}, không thể đúng với hồ sơ này; "
                        "kiểm tra lại năm, và thứ tự ngày/tháng/năm (ví dụ 16/11/2026)"
                    )
                else:
                    message = (
                        f"ngày {shown} sau hôm nay hơn {years} năm (muộn nhất {vn.date_short(latest)}); "
                        "kiểm tra lại năm, và thứ tự ngày/tháng/năm (ví dụ 16/11/2026)"
                    )
                yield smap.problem(loc, message)


def check_outcomes(data: Dataset, now: datetime) -> Iterable[Problem]:
    """An outcome comes after the window has closed, and gives a result for every nominee once."""
    for lid, nominee_list in data.nominations.items():
        outcome = nominee_list.outcome
        if outcome is None:
            continue
        smap = data.source("nominations", lid)
        window = nominee_list.consultation
        if now < closes_at(nominee_list):
            yield smap.problem(
                ("outcome",),
                f"danh sách còn đang hoặc sắp lấy ý kiến (đến hết ngày {window.closes.strftime('%d/%m/%Y')}) nên "
                "chưa thể có kết quả; chỉ thêm outcome sau khi hết thời gian lấy ý kiến",
                key=True,
            )
        if outcome.decision.date < window.closes:
            yield smap.problem(
                ("outcome", "decision", "date"),
                f"quyết định ghi ngày {outcome.decision.date.isoformat()}, trước ngày cuối lấy ý kiến "
                f"{window.closes.isoformat()}; quyết định khen thưởng phải ghi ngày từ {window.closes.isoformat()} "
                "trở đi",
            )
        names = {nominee.id: nominee.name for group in nominee_list.groups for nominee in group.nominees}
        given: dict[str, int] = {}
        for index, result in enumerate(outcome.results):
            loc: Key = ("outcome", "results", index, "nominee")
            if result.nominee not in names:
                yield smap.problem(loc, _missing("người được đề nghị", result.nominee, names, "các mã id trong groups"))
            elif result.nominee in given:
                first = smap.locate(("outcome", "results", given[result.nominee], "nominee"))[0]
                yield smap.problem(
                    loc, f"kết quả của '{result.nominee}' đã ghi ở dòng {first}; mỗi người chỉ ghi một kết quả"
                )
            else:
                given[result.nominee] = index
        missing = [nid for nid in names if nid not in given]
        if missing:
            shown = ", ".join(f"'{nid}' ({names[nid]})" for nid in missing[:10])
            more = f" và {len(missing) - 10} người khác" if len(missing) > 10 else ""
            yield smap.problem(
                ("outcome", "results"),
                f"thiếu kết quả của {shown}{more}; ghi kết quả cho mọi người, tập thể trong danh sách "
                "(được khen thưởng, không được khen thưởng, rút khỏi danh sách hoặc chưa xét)",
                key=True,
            )


def check_windows(data: Dataset) -> Iterable[Problem]:
    """The minimum of working days of the rule a list follows (data/rules.yml), unless shortened with a reason."""
    for lid, nominee_list in data.nominations.items():
        window = nominee_list.consultation
        rule = rule_for(nominee_list, data.awards, data.rules)
        if window.closes < window.opens or rule is None:
            continue
        days = working_days(window.opens, window.closes, data.holidays)
        if days < rule.min_working_days and window.short_window_reason is None:
            smap = data.source("nominations", lid)
            yield smap.problem(
                ("consultation", "closes"),
                f"thời gian lấy ý kiến từ {window.opens.isoformat()} đến {window.closes.isoformat()} chỉ có "
                f"{days} ngày làm việc (đã trừ thứ Bảy, Chủ nhật và ngày nghỉ trong data/holidays.yml); "
                f"cần ít nhất {rule.min_working_days} ngày làm việc theo {rule.source.label()} "
                f"(quy định '{rule.id}' trong data/rules.yml, áp dụng cho danh sách mở từ "
                f"{rule.in_force_from.isoformat()}), hoặc ghi lý do rút ngắn vào consultation.short_window_reason",
            )


def check_rules(data: Dataset) -> Iterable[Problem]:
    """The rule book itself: dates in order, replacements that exist, awards that exist."""
    smap = data.sources["rules"]
    ids = {rule.id for rule in data.rules}
    for index, rule in enumerate(data.rules):
        if rule.in_force_until is not None and rule.in_force_until < rule.in_force_from:
            yield smap.problem(
                ("rules", index, "in_force_until"),
                f"ngày hết hiệu lực {rule.in_force_until.isoformat()} trước ngày có hiệu lực "
                f"{rule.in_force_from.isoformat()}",
            )
        if rule.replaced_by is not None and rule.replaced_by not in ids:
            yield smap.problem(
                ("rules", index, "replaced_by"), _missing("quy định", rule.replaced_by, ids, "data/rules.yml")
            )
        if not rule.levels and not rule.awards:
            yield smap.problem(
                ("rules", index),
                "quy định chưa nói áp dụng cho hình thức nào; ghi levels (ví dụ [nhà nước]) hoặc awards",
                key=True,
            )
        for a, award in enumerate(rule.awards):
            if award not in data.awards:
                yield smap.problem(
                    ("rules", index, "awards", a),
                    _missing("hình thức khen thưởng", award, data.awards, "data/awards.yml"),
                )


_NOMINEE_TEXT = ("name", "position", "unit", "locality", "achievement")
_EXEMPLAR_TEXT = ("name", "role", "unit", "summary", "story")


def _personal(smap: SourceMap, loc: Key, finding: Finding, rule: str) -> Problem:
    """Placed on the line that holds the data (inside a long story too), the data itself masked."""
    problem = smap.problem(loc, f"{finding}: {rule}")
    found = smap.find(finding.found, loc)
    if found is None:
        return problem
    return Problem(problem.path, found[0], found[1], problem.field, problem.message, problem.severity)


def check_personal_data(data: Dataset) -> Iterable[Problem]:
    """No ID numbers, phone numbers, birth dates or street addresses of the people named."""
    for lid, nominee_list in data.nominations.items():
        everything = SEPARATOR.join(
            getattr(nominee, name) or ""
            for group in nominee_list.groups
            for nominee in group.nominees
            for name in _NOMINEE_TEXT
        )
        if not any(findings(everything)):
            continue  # one pass over the whole list; field by field only where something was found
        smap = data.source("nominations", lid)
        for g, group in enumerate(nominee_list.groups):
            for n, nominee in enumerate(group.nominees):
                for name in _NOMINEE_TEXT:
                    value = getattr(nominee, name)
                    for finding in findings(value or ""):
                        yield _personal(
                            smap,
                            ("groups", g, "nominees", n, name),
                            finding,
                            "không được đăng dữ liệu cá nhân của người được đề nghị "
                            "(Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15); chỉ ghi họ tên, chức vụ, đơn vị, "
                            "địa phương (xã, tỉnh) và thành tích",
                        )
    for eid, exemplar in data.exemplars.items():
        texts: list[tuple[Key, str | None]] = [((name,), getattr(exemplar, name)) for name in _EXEMPLAR_TEXT]
        texts.append((("locality", "name"), exemplar.locality.name))
        if not any(findings(SEPARATOR.join(value or "" for _, value in texts))):
            continue
        smap = data.source("exemplars", eid)
        for loc, value in texts:
            for finding in findings(value or ""):
                yield _personal(
                    smap,
                    loc,
                    finding,
                    "không được đăng dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15); "
                    "bỏ thông tin này khỏi bài",
                )


def _channels(smap: SourceMap, loc: Key, form_url: str | None) -> Iterable[Problem]:
    for name in unknown_placeholders(form_url or ""):
        yield smap.problem(
            (*loc, "form_url"),
            f"chỗ điền '{{{name}}}' không có; chỉ dùng được: " + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS),
        )


def check_channels(data: Dataset) -> Iterable[Problem]:
    defaults = data.settings.consultation.channels
    yield from _channels(data.sources["site"], ("consultation", "channels"), defaults.form_url)
    for lid, nominee_list in data.nominations.items():
        smap = data.source("nominations", lid)
        channels = nominee_list.channels
        if channels is not None:
            yield from _channels(smap, ("channels",), channels.form_url)
        resolved = channels or defaults
        if not (resolved.form_url or resolved.email or resolved.postal_address or resolved.phone):
            yield smap.problem(
                ("channels",) if channels is not None else (),
                "danh sách chưa có cách nào để gửi góp ý; ghi ít nhất một trong form_url, email, "
                "postal_address, phone (ở đây hoặc trong consultation.channels của data/site.yml)",
            )


def check_markup(data: Dataset) -> Iterable[Problem]:
    """HTML in a story that the site will not show: said as a warning, so nothing vanishes silently."""
    texts: list[tuple[str, str, Key, str]] = [
        *(("exemplars", eid, ("story",), e.story) for eid, e in data.exemplars.items()),
        *(("campaigns", cid, ("contents",), c.contents) for cid, c in data.campaigns.items()),
    ]
    for kind, record_id, loc, text in texts:
        removed = removed_markup(text)
        if removed:
            smap = data.source(kind, record_id)
            shown = ", ".join(removed[:8]) + (f" và {len(removed) - 8} thứ khác" if len(removed) > 8 else "")
            first = removed[0].strip("<>")
            yield Problem(
                *_at(smap, loc, "<" + first if removed[0].startswith("<") else first),
                field_name(loc),
                f"mã HTML sẽ bị bỏ khi đăng: {shown}; chỉ viết bằng Markdown (**đậm**, *nghiêng*, "
                "[chữ](https://...), danh sách bắt đầu bằng '- '), không chèn HTML",
                "warning",
            )


def _at(smap: SourceMap, loc: Key, text: str) -> tuple[str, int, int]:
    line, column = smap.find(text, loc) or smap.locate(loc)
    return smap.path, line, column


def check_fields(data: Dataset) -> Iterable[Problem]:
    """Two fields of site.yml whose addresses would be the same ("Y tế", "Y-tế") would overwrite each other's pages."""
    seen: dict[str, int] = {}
    smap = data.sources["site"]
    for index, name in enumerate(data.settings.fields):
        key = vn.slug(name)
        if key in seen:
            other = data.settings.fields[seen[key]]
            yield smap.problem(
                ("fields", index),
                f"lĩnh vực '{name}' trùng địa chỉ trang với '{other}' (cùng thành '{key}'); bỏ một trong hai "
                "hoặc đặt tên khác hẳn",
            )
        else:
            seen[key] = index


def check_editor(data: Dataset) -> Iterable[Problem]:
    """The web editor's repository: what each host needs to sign editors in, and nothing of the other."""
    editor = data.settings.editor
    if editor is None:
        return
    smap = data.sources["site"]
    if editor.host == "gitlab":
        if editor.app_id is None:
            yield smap.problem(
                ("editor", "app_id"),
                "kho trên GitLab cần mã ứng dụng để biên tập viên đăng nhập: tạo một ứng dụng OAuth trên GitLab "
                "(Preferences › Applications, bỏ chọn 'Confidential', quyền 'api', địa chỉ chuyển về là trang "
                "/quan-tri/ của trang) rồi ghi Application ID vào editor.app_id",
                at=("editor",),
            )
        if editor.auth_url is not None:
            yield smap.problem(
                ("editor", "auth_url"),
                "đăng nhập GitLab không cần dịch vụ đăng nhập riêng (auth_url chỉ dùng với GitHub); bỏ trường này",
            )
    else:
        for name in ("gitlab_url", "app_id"):
            if getattr(editor, name) is not None:
                yield smap.problem(
                    ("editor", name),
                    f"{name} chỉ dùng khi kho ở GitLab (editor.host: gitlab); bỏ trường này, hoặc ghi host: gitlab",
                )


CHECKS: list[Check] = [
    check_fields,
    check_editor,
    check_channels,
    check_campaigns,
    check_exemplars,
    check_nominations,
    check_windows,
    check_rules,
    check_personal_data,
    check_markup,
    check_addresses,
]


def validate(data: Dataset, now: datetime, extra: Iterable[Check] = ()) -> list[Problem]:
    """Every rule across records; the clock decides which rules of a consultation apply."""
    problems: list[Problem] = []
    for check in [*CHECKS, *extra]:
        problems.extend(check(data))
    problems.extend(check_outcomes(data, now))
    problems.extend(check_dated_entries(data, now))
    problems.extend(check_feedback(data, now))
    problems.extend(check_plausible_dates(data, now))
    return problems
