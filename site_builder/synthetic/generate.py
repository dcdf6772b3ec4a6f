"""Realistic synthetic data at national scale: a valid data folder of any size.

For benchmarks and tests. The reference files (site, awards, provinces, holidays) are the
project's real ones; campaigns, exemplars and nominee lists are made up from Vietnamese name
lists and sentence templates in the tone of official articles. Everything is drawn from one
random.Random(seed) in a fixed order, so the same options give byte-identical files.

Records are written as YAML text by a few string rules rather than by PyYAML's emitter: the
pure-Python emitter needs about a millisecond per story, and 10,000 stories must take seconds.
The rules quote anything that is not obviously a plain string, and the tests load every file
back to check the round trip.
"""

from __future__ import annotations

import functools
import itertools
import json
import random
import re
import shutil
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .. import vietnamese as vn
from ..inputs.records import (
    RESERVED_PREFIXES,
    STAGES,
    Award,
    AwardCatalogue,
    ConsultationRule,
    HolidayList,
    Province,
    ProvinceList,
    RuleBook,
    SiteSettings,
)
from ..model.consultation import is_working_day, working_days
from .text import (
    ACHIEVEMENTS,
    ACTIONS,
    AWARD_FIELDS,
    BACKGROUNDS,
    BORDER,
    CENTRAL_HIGHLAND,
    CLOSINGS,
    COMMUNITY,
    CYCLES,
    DECREE,
    DEM_NAM,
    DEM_NU,
    FILLERS,
    GENERIC,
    HIGHLAND,
    HO,
    HOUSEHOLD_FIELDS,
    HOUSEHOLD_WORK,
    IMAGE_TEXT,
    KIND_WEIGHTS,
    LAW,
    MINISTRIES,
    NATIONAL,
    NATIONAL_OUTLETS,
    OPENINGS,
    OUTLET_COLUMNS,
    PEAK_CONTENTS,
    PEAK_EVENTS,
    PLACE_A,
    PLACE_B,
    PLACE_HIGHLAND_A,
    PLACE_HIGHLAND_B,
    PROFILES,
    PROVINCIAL_AGENCIES,
    QUOTES_GROUP,
    QUOTES_PERSON,
    RECOGNITION,
    RESULT_NOTES,
    RESULTS,
    SOUTH,
    STATE_AWARD_WEIGHTS,
    SUMMARIES,
    TEN_NAM,
    TEN_NU,
    CampaignSeed,
    Profile,
)

T = TypeVar("T")

REFERENCE_FILES = ("site.yml", "awards.yml", "provinces.yml", "holidays.yml", "rules.yml")
RECORD_FOLDERS = ("campaigns", "exemplars", "nominations", "images")

# At 10,000 exemplars the national picture is about 300 campaigns and 500 nominee lists.
CAMPAIGNS_PER_EXEMPLAR = 300 / 10_000
LISTS_PER_EXEMPLAR = 500 / 10_000
DEFAULT_NOMINEES_PER_LIST = 50

STORY_WORDS = (250, 500)

# --- YAML text ------------------------------------------------------------------------------


class Literal(str):
    """Text written as a YAML literal block (``|``): Markdown stories and contents."""

    __slots__ = ()


class Folded(str):
    """One paragraph written as a folded block (``>-``), wrapped the way editors write it."""

    __slots__ = ()


_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
# Only text starting with one of these can resolve to a number, date, boolean or null.
_RESOLVABLE = frozenset(key for key in yaml.resolver.Resolver.yaml_implicit_resolvers if key)
# Anything that could end a plain scalar early or change its meaning gets quoted instead.
_UNSAFE = re.compile(r"[\t\n\r\[\]{}`\\]|: |\s#|:$|\s$")
# Markdown would read a line starting with these as a list, quote or heading, so a
# wrapped paragraph never breaks before them.
_NO_BREAK_BEFORE = r"[-–*+](?: |$)|[>#]|\d+[.)](?: |$)"


_PLAIN_CACHE: dict[str, str] = {}


def scalar(value: object) -> str:
    """One YAML scalar: plain when that is unambiguous, otherwise double-quoted."""
    if type(value) is str:
        # Kinds, award ids, roles and places repeat thousands of times.
        cached = _PLAIN_CACHE.get(value)
        if cached is None:
            if len(_PLAIN_CACHE) > 200_000:
                _PLAIN_CACHE.clear()
            cached = _PLAIN_CACHE[value] = _text_scalar(value)
        return cached
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    return _text_scalar(str(value))


def _resolves_to_str(text: str) -> bool:
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def _text_scalar(text: str) -> str:
    if (
        text
        and text[0].isalnum()
        and not _UNSAFE.search(text)
        # "yes", "null", "2021-07-16" or "1:20" would load as something else than this text.
        and (text[0] not in _RESOLVABLE or _resolves_to_str(text))
    ):
        return text
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


@functools.cache
def _line_pattern(width: int) -> re.Pattern[str]:
    # The longest run of at most `width` characters that ends before a space (one Markdown
    # would not take as the start of a list, quote or heading) or at the end of the text.
    return re.compile(rf"(.{{1,{width}}})(?: +(?!{_NO_BREAK_BEFORE})|$)")


def wrap(text: str, width: int = 100) -> list[str]:
    """Greedy word wrap by one regular expression (textwrap is several times slower)."""
    lines = [line for line in _line_pattern(width).findall(text) if line]
    if " ".join(lines) == text:
        return lines
    # A word longer than the width, or a run of spaces: keep the paragraph on one line.
    return [text]


def _emit(mapping: Mapping[str, Any], indent: str, out: list[str], first: str | None = None) -> None:
    for key, value in mapping.items():
        if value is None or (isinstance(value, list) and not value):
            continue
        # The first key written (not the first key given) carries the list item's "- ".
        lead, first = (indent, None) if first is None else (first, None)
        kind = type(value)
        if kind is str or kind is date or kind is int:
            out.append(f"{lead}{key}: {scalar(value)}")
        elif kind is Literal:
            out.append(f"{lead}{key}: |")
            out.extend(f"{indent}  {line}" if line else "" for line in value.rstrip("\n").split("\n"))
        elif kind is Folded:
            out.append(f"{lead}{key}: >-")
            out.extend(f"{indent}  {line}" for line in wrap(value, 96 - len(indent)))
        elif kind is dict:
            out.append(f"{lead}{key}:")
            _emit(value, indent + "  ", out)
        elif kind is list:
            out.append(f"{lead}{key}:")
            for item in value:
                if isinstance(item, dict):
                    _emit(item, indent + "    ", out, first=indent + "  - ")
                else:
                    out.append(f"{indent}  - {scalar(item)}")
        else:
            out.append(f"{lead}{key}: {scalar(value)}")


def dump(record: Mapping[str, Any]) -> str:
    """A record as YAML text in the style of the sample data (block style, keys in order)."""
    out: list[str] = []
    _emit(record, "", out)
    return "\n".join(out) + "\n"


# --- the generator -------------------------------------------------------------------------


@dataclass
class Options:
    """What to generate; None counts scale with the number of exemplars."""

    exemplars: int
    campaigns: int | None = None
    lists: int | None = None
    nominees_per_list: int = DEFAULT_NOMINEES_PER_LIST
    seed: int = 1
    now: date = field(default_factory=date.today)

    @property
    def campaign_count(self) -> int:
        if self.campaigns is not None:
            return self.campaigns
        return max(3, round(self.exemplars * CAMPAIGNS_PER_EXEMPLAR))

    @property
    def list_count(self) -> int:
        if self.lists is not None:
            return self.lists
        return max(3, round(self.exemplars * LISTS_PER_EXEMPLAR))

    @property
    def nominee_range(self) -> tuple[int, int]:
        """Nominees per list: 40% to 160% of the average, so 20 to 80 around 50."""
        mean = self.nominees_per_list
        return max(1, round(mean * 0.4)), max(1, round(mean * 1.6))


@dataclass
class Summary:
    """What was written, for the command's report and the benchmark."""

    campaigns: int = 0
    exemplars: int = 0
    lists: int = 0
    nominees: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    states: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass(frozen=True)
class Place:
    """A commune or ward of a province, with the names of its time before 01/07/2025."""

    province: Province
    prefix: str  # xã or phường
    name: str
    district: str
    former_province: str  # the province as written before the merger
    hamlet: str  # thôn, ấp, bản or khu phố, with its name

    @property
    def today(self) -> str:
        return f"{self.prefix} {self.name}, {self.province.kind} {self.province.name}"

    @property
    def short(self) -> str:
        return f"{self.prefix} {self.name}"

    def as_of(self, day: date) -> str:
        """The locality as written on that day: districts and old provinces before the reform."""
        if day >= date(2025, 7, 1):
            return self.today
        district = "quận" if self.prefix == "phường" else "huyện"
        old_kind = self.province.kind if self.former_province == self.province.name else "tỉnh"
        return f"{self.prefix} {self.name}, {district} {self.district}, {old_kind} {self.former_province}"


class FastRandom(random.Random):
    """random.Random drawing integers with one call to random() instead of bit-by-bit rejection
    sampling in Python, which took a third of the generator's time. Still deterministic for a
    seed; the bias of int(random() * n) is far below anything made-up data could show."""

    def _randbelow(self, n: int) -> int:
        return int(self.random() * n)

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            start, stop = 0, start
        if step != 1 or stop <= start:
            return super().randrange(start, stop, step)
        return start + int(self.random() * (stop - start))

    def draw(self, items: Sequence[T], k: int | None = None) -> list[T]:
        """Like sample(items, k) (all of them, shuffled, by default), without sample's checks."""
        pool = list(items)
        size = len(pool)
        count = size if k is None else min(k, size)
        rand = self.random
        for i in range(count):
            j = i + int(rand() * (size - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:count]


class Generator:
    """Draws every record from one random.Random in a fixed order."""

    def __init__(self, reference_dir: Path, options: Options) -> None:
        self.options = options
        self.rng = FastRandom(options.seed)
        self.now = options.now
        self.settings = SiteSettings.model_validate(_read(reference_dir / "site.yml"))
        self.awards: dict[str, Award] = {
            a.id: a for a in AwardCatalogue.model_validate(_read(reference_dir / "awards.yml")).awards
        }
        self.provinces: list[Province] = ProvinceList.model_validate(_read(reference_dir / "provinces.yml")).provinces
        self.holidays: dict[date, str] = {
            h.date: h.name for h in HolidayList.model_validate(_read(reference_dir / "holidays.yml")).holidays
        }
        self.rules: list[ConsultationRule] = list(RuleBook.model_validate(_read(reference_dir / "rules.yml")).rules)
        images = reference_dir / "images"
        self.images: list[str] = sorted(p.name for p in images.iterdir() if p.is_file()) if images.is_dir() else []
        self.places: dict[str, list[Place]] = {p.id: self._places(p) for p in self.provinces}
        self.campaigns: dict[str, dict[str, Any]] = {}
        self.campaigns_by_province: dict[str, list[str]] = {}
        self.national_ids: list[str] = []
        self.state_awards = [a for a in self.awards.values() if a.level == "nhà nước"]
        self.state_weights = [STATE_AWARD_WEIGHTS.get(a.id, 0.3) for a in self.state_awards]
        # Exemplars mostly hold grassroots and provincial awards; of the state ones, the PM's Bằng khen.
        self.exemplar_awards = {
            kind: [
                a
                for a in self.awards.values()
                if kind in a.recipients and (a.level != "nhà nước" or a.id == "bang-khen-thu-tuong")
            ]
            for kind in KIND_WEIGHTS
        }

    # -- small draws ----------------------------------------------------------------------

    def _pick(self, items: Sequence[str]) -> str:
        return items[int(self.rng.random() * len(items))]

    def _date_between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def _syllables(self, province_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if province_id in HIGHLAND and self.rng.random() < 0.6:
            return PLACE_HIGHLAND_A, PLACE_HIGHLAND_B
        return PLACE_A, PLACE_B

    def _place_name(self, province_id: str) -> str:
        first, second = self._syllables(province_id)
        a = self._pick(first)
        b = self._pick(second)
        while b == a:
            b = self._pick(second)
        return f"{a} {b}"

    def _places(self, province: Province) -> list[Place]:
        if province.id in SOUTH:
            hamlet_word = "ấp"
        elif province.id in HIGHLAND or province.id in CENTRAL_HIGHLAND:
            hamlet_word = "bản" if province.id in HIGHLAND else "buôn"
        else:
            hamlet_word = "thôn"
        former = [province.name, *province.former]
        places = []
        for _ in range(24):
            ward = province.kind == "thành phố" and self.rng.random() < 0.6
            places.append(
                Place(
                    province=province,
                    prefix="phường" if ward else "xã",
                    name=self._place_name(province.id),
                    district=self._place_name(province.id),
                    former_province=self._pick(former),
                    hamlet=f"{'khu phố' if ward else hamlet_word} {self._place_name(province.id)}",
                )
            )
        return places

    def _person(self) -> tuple[str, str, str]:
        """(honorific, full name, given name)."""
        female = self.rng.random() < 0.45
        given = self._pick(TEN_NU if female else TEN_NAM)
        middle = self._pick(DEM_NU if female else DEM_NAM)
        return ("Bà" if female else "Ông"), f"{self._pick(HO)} {middle} {given}", given

    def _profile(self, field_name: str) -> Profile:
        return PROFILES.get(field_name, GENERIC)

    def _fill(self, template: str, place: Place) -> str:
        return template.format(c=place.name, p=f"{place.province.kind} {place.province.name}")

    def _doc(self, kind: str, suffix: str, day: date, issuer: str, title: str | None = None) -> dict[str, Any]:
        return {
            "kind": kind,
            "number": f"{self.rng.randrange(1, 2000):02d}/{suffix}",
            "date": day,
            "issuer": issuer,
            "title": title,
        }

    # -- campaigns --------------------------------------------------------------------------

    def campaigns_all(self) -> list[tuple[str, dict[str, Any]]]:
        total = self.options.campaign_count
        cycles = [c for c in CYCLES if date(c[0], 2, 15) <= self.now] or [CYCLES[0]]
        national_slots = [(seed, cycle) for cycle in reversed(cycles) for seed in NATIONAL]
        n_national = min(len(national_slots), max(1, round(total * 0.1))) if total else 0
        rest = total - n_national
        n_ministry = round(rest * 0.06)
        n_local = round(rest * 0.2)
        n_provincial = rest - n_ministry - n_local
        ids: set[str] = set()
        out: list[tuple[str, dict[str, Any]]] = []
        seeds_by_slug = {seed.slug: seed for seed in NATIONAL}
        national: list[tuple[str, CampaignSeed, tuple[int, int]]] = []
        by_id: dict[str, dict[str, Any]] = {}
        for seed, cycle in national_slots[:n_national]:
            cid = _unique(f"{seed.slug}-{cycle[0]}-{cycle[1]}", ids)
            national.append((cid, seed, cycle))
            by_id[cid] = self._national(seed, cycle)
            out.append((cid, by_id[cid]))
        self.national_ids = [cid for cid, _, _ in national]
        for index in range(n_ministry):
            body, slug, code = MINISTRIES[index % len(MINISTRIES)]
            seed = seeds_by_slug.get(slug, NATIONAL[0])
            turn = index // len(MINISTRIES)
            # A ministry's campaign answers the national one of its field, when there is one.
            matching = [item for item in national if item[1].slug == slug]
            if matching:
                parent_id, _, cycle = matching[turn % len(matching)]
            else:
                parent_id, cycle = None, cycles[::-1][turn % len(cycles)]
            cid = _unique(f"{vn.slug(body)}-{seed.slug}-{cycle[0]}-{cycle[1]}", ids)
            out.append((cid, self._ministry(body, code, seed, cycle, parent_id)))
            self.national_ids.append(cid)
        # One edition per province and national campaign, until every pair is taken.
        pairs = [(item, province) for item in national for province in self.provinces]
        editions: list[tuple[tuple[str, CampaignSeed, tuple[int, int]], Province]] = []
        while pairs and len(editions) < n_provincial:
            editions += self.rng.draw(pairs, n_provincial - len(editions))
        provincial: list[tuple[str, CampaignSeed, Province, dict[str, Any]]] = []
        for (parent_id, seed, cycle), province in editions:
            cid = _unique(f"{province.id}-{seed.slug}-{cycle[0]}-{cycle[1]}", ids)
            record = self._provincial(seed, province, parent_id, by_id[parent_id])
            provincial.append((cid, seed, province, record))
            out.append((cid, record))
            self.campaigns_by_province.setdefault(province.id, []).append(cid)
        for _ in range(n_local if provincial else 0):
            parent_id, seed, province, parent = provincial[self.rng.randrange(len(provincial))]
            place = self._pick_place(province.id)
            if self.rng.random() < 0.4:
                cid = _unique(f"{province.id}-dot-thi-dua-cao-diem", ids)
                out.append((cid, self._peak(place, parent["period"]["start"])))
            else:
                cid = _unique(f"{vn.slug(place.name)}-{seed.slug}", ids)
                out.append((cid, self._local(seed, place, parent_id, parent)))
            self.campaigns_by_province.setdefault(province.id, []).append(cid)
        self.campaigns = dict(out)
        return out

    def _pick_place(self, province_id: str) -> Place:
        places = self.places[province_id]
        return places[self.rng.randrange(len(places))]

    def _contents(self, seed: CampaignSeed | None, where: str) -> Literal:
        intro = (
            f"Phát động sâu rộng phong trào thi đua trong toàn {where}, khơi dậy tinh thần yêu nước, ý chí tự lực, "
            "tự cường và khát vọng cống hiến của các tầng lớp Nhân dân; gắn phong trào thi đua với việc thực hiện "
            "nhiệm vụ chính trị của từng cơ quan, đơn vị, địa phương."
        )
        bullets = [f"- {item}." for item in (seed.contents if seed else PEAK_CONTENTS)]
        closing = (
            "Trong quá trình thực hiện, các cấp, các ngành chú trọng phát hiện, bồi dưỡng, tổng kết và nhân rộng "
            "điển hình tiên tiến; kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc, bảo "
            "đảm chính xác, công khai, minh bạch, công bằng, kịp thời."
        )
        return Literal("\n".join([*wrap(intro), "", *bullets, "", *wrap(closing)]) + "\n")

    def _published(self, start: date) -> date:
        return min(start + timedelta(days=self.rng.randrange(2, 25)), self.now)

    def _national(self, seed: CampaignSeed, cycle: tuple[int, int]) -> dict[str, Any]:
        start = date(cycle[0], 1, 1)
        directive = date(cycle[0], 1, 1) + timedelta(days=self.rng.randrange(10, 150))
        return {
            "title": f"{seed.title} giai đoạn {cycle[0]} - {cycle[1]}",
            "summary": Folded(
                f"Phong trào thi đua do Thủ tướng Chính phủ phát động trong cả nước giai đoạn {cycle[0]} - "
                f"{cycle[1]}, nhằm {seed.contents[0][0].lower()}{seed.contents[0][1:]}."
            ),
            "launched_by": "Thủ tướng Chính phủ",
            "level": "toàn quốc",
            "kind": seed.kind,
            "period": {"start": start, "end": date(cycle[1], 12, 31)},
            "legal_basis": [self._doc("Chỉ thị", "CT-TTg", directive, "Thủ tướng Chính phủ", f"Về việc {seed.title}")],
            "contents": self._contents(seed, "quốc"),
            "criteria": list(seed.criteria),
            "published": self._published(max(start, directive)),
        }

    def _ministry(
        self, body: str, code: str, seed: CampaignSeed, cycle: tuple[int, int], parent_id: str | None
    ) -> dict[str, Any]:
        start = date(cycle[0], 1, 1) + timedelta(days=self.rng.randrange(30, 120))
        return {
            "title": f"{seed.title} trong toàn ngành giai đoạn {cycle[0]} - {cycle[1]}",
            "summary": Folded(f"{body} phát động phong trào thi đua trong toàn ngành, hưởng ứng phong trào chung."),
            "launched_by": body,
            "level": "bộ, ngành",
            "kind": seed.kind,
            "period": {"start": start, "end": date(cycle[1], 12, 31)},
            "parent": parent_id,
            "legal_basis": [self._doc("Kế hoạch", f"KH-{code}", start, body)],
            "contents": self._contents(seed, "ngành"),
            "criteria": list(seed.criteria),
            "published": self._published(start),
        }

    def _provincial(
        self, seed: CampaignSeed, province: Province, parent_id: str, parent: dict[str, Any]
    ) -> dict[str, Any]:
        period = parent["period"]
        start = min(period["start"] + timedelta(days=self.rng.randrange(20, 240)), max(period["start"], self.now))
        issuer = f"Ủy ban nhân dân {province.kind} {province.name}"
        year = start.year
        record: dict[str, Any] = {
            "title": f"{seed.local.format(p=province.name)} giai đoạn {period['start'].year} - {period['end'].year}",
            "summary": Folded(
                f'Phiên bản địa phương của phong trào "{seed.title}", do {issuer} phát động, tập trung vào '
                f"{seed.contents[1][0].lower()}{seed.contents[1][1:]}."
            ),
            "launched_by": issuer,
            "level": "tỉnh",
            "kind": seed.kind,
            "period": {"start": start, "end": period["end"]},
            "theme": (
                f"Đoàn kết, sáng tạo, quyết tâm hoàn thành xuất sắc nhiệm vụ năm {year}"
                if self.rng.random() < 0.3
                else None
            ),
            "province": province.id,
            "parent": parent_id,
            "legal_basis": [
                self._doc("Kế hoạch", "KH-UBND", start, issuer, f"Triển khai phong trào thi đua {seed.title}"),
                parent["legal_basis"][0],
            ],
            "contents": self._contents(seed, f"{province.kind} {province.name}"),
            "criteria": list(seed.criteria),
            "published": self._published(start),
        }
        return record

    def _peak(self, place: Place, after: date) -> dict[str, Any]:
        """A short drive of a provincial department: three months, no national parent."""
        start = min(after + timedelta(days=self.rng.randrange(10, 400)), max(after, self.now))
        event = self._pick(PEAK_EVENTS)
        agency, code = PROVINCIAL_AGENCIES[self.rng.randrange(len(PROVINCIAL_AGENCIES))]
        issuer = f"{agency} {place.province.kind} {place.province.name}"
        return {
            "title": f"Đợt thi đua cao điểm {event} năm {start.year}",
            "summary": Folded(f"{issuer} phát động đợt thi đua cao điểm {event}, trong thời gian ba tháng."),
            "launched_by": issuer,
            "level": "cơ quan, đơn vị",
            "kind": "cao điểm",
            "period": {"start": start, "end": start + timedelta(days=90)},
            "province": place.province.id,
            "legal_basis": [self._doc("Kế hoạch", f"KH-{code}", start, issuer)],
            "contents": self._contents(None, "cơ quan, đơn vị"),
            "published": self._published(start),
        }

    def _local(self, seed: CampaignSeed, place: Place, parent_id: str, parent: dict[str, Any]) -> dict[str, Any]:
        """A commune's edition of its province's campaign."""
        period = parent["period"]
        start = min(period["start"] + timedelta(days=self.rng.randrange(10, 400)), max(period["start"], self.now))
        issuer = f"Ủy ban nhân dân {place.short}"
        return {
            "title": seed.local.format(p=f"{place.prefix.capitalize()} {place.name}"),
            "summary": Folded(
                f'{issuer} hưởng ứng phong trào "{seed.title}" ở cơ sở, do {parent["launched_by"]} phát động.'
            ),
            "launched_by": issuer,
            "level": "xã",
            "kind": seed.kind,
            "period": {"start": start, "end": period["end"]},
            "theme": f"Đoàn kết, sáng tạo, quyết tâm hoàn thành xuất sắc nhiệm vụ năm {start.year}",
            "province": place.province.id,
            "parent": parent_id,
            "legal_basis": [self._doc("Kế hoạch", "KH-UBND", start, issuer)],
            "contents": self._contents(seed, place.short),
            "published": self._published(start),
        }

    # -- exemplars --------------------------------------------------------------------------

    def _kind(self, index: int) -> str:
        kinds = ("cá nhân", "tập thể", "hộ gia đình")
        if index < len(kinds):
            return kinds[index]  # every kind shows up even in a tiny dataset
        roll = self.rng.random()
        return "cá nhân" if roll < 0.62 else ("tập thể" if roll < 0.88 else "hộ gia đình")

    def _exemplar_campaigns(self, province_id: str, published: date) -> list[str]:
        local = [c for c in self.campaigns_by_province.get(province_id, []) if self._started(c, published)]
        national = [c for c in self.national_ids if self._started(c, published)]
        chosen: list[str] = []
        if local and self.rng.random() < 0.7:
            chosen.append(self._pick(local))
            parent = self.campaigns[chosen[0]].get("parent")
            if parent and self.rng.random() < 0.5:
                chosen.append(parent)
        elif national and self.rng.random() < 0.85:
            chosen.append(self._pick(national))
        return chosen

    def _started(self, cid: str, day: date) -> bool:
        start: date = self.campaigns[cid]["period"]["start"]
        return start <= day

    def _awards_for(self, kind: str, province: Province, published: date) -> list[dict[str, Any]]:
        allowed = self.exemplar_awards[kind]
        count = self.rng.choice((0, 1, 1, 1, 2, 2, 3))
        out: list[dict[str, Any]] = []
        for award in self.rng.draw(allowed, count):
            year = self.rng.randrange(max(2015, published.year - 6), published.year + 1)
            item: dict[str, Any] = {"award": award.id, "year": year}
            if self.rng.random() < 0.3:
                signer = (
                    "Thủ tướng Chính phủ"
                    if award.level == "nhà nước"
                    else f"Ủy ban nhân dân {province.kind} {province.name}"
                )
                suffix = "QĐ-TTg" if award.level == "nhà nước" else "QĐ-UBND"
                item["decision"] = self._doc("Quyết định", suffix, date(year, self.rng.randrange(1, 13), 15), signer)
            out.append(item)
        out.sort(key=lambda a: (a["year"], a["award"]))
        return out

    def _story(self, ctx: dict[str, Any], kind: str, stage: str, awards: list[dict[str, Any]]) -> Literal:
        rng = self.rng
        target = rng.randrange(STORY_WORDS[0], STORY_WORDS[1] - 60)
        # Each sentence takes the next work and result of the exemplar's own shuffled lists, so a
        # story does not say the same thing twice before it has said everything once.
        works = itertools.cycle(ctx["works"])
        results = itertools.cycle(ctx["results"])

        def say(template: str) -> str:
            if "{" not in template:
                return template
            fill = dict(ctx)
            if "{n}" in template:
                fill["n"] = rng.randrange(2, 30)
            if "{year}" in template:
                fill["year"] = rng.randrange(2016, ctx["published"].year + 1)
            for key, source in (("work", works), ("work2", works), ("result", results), ("result2", results)):
                if "{" + key + "}" in template:
                    phrase = next(source)
                    fill[key] = phrase.format(n=rng.randrange(5, 200)) if "{n}" in phrase else phrase
            return template.format(**fill)

        first = [say(rng.choice(OPENINGS)), *(say(t) for t in rng.draw(BACKGROUNDS, 2))]
        middle = [say(t) for t in rng.draw(ACTIONS, 3)]
        bullets = [say("{result}") for _ in range(3)] if rng.random() < 0.25 else []
        outcomes = [say(t) for t in rng.draw(RESULTS, 2)] + [say(rng.choice(COMMUNITY))]
        closing: list[str] = []
        if awards:
            last = awards[-1]
            award_ctx = {"award": self.awards[last["award"]].name, "award_year": last["year"]}
            closing.append(rng.choice(RECOGNITION).format(**ctx, **award_ctx))
        closing.append(CLOSINGS[stage].format(**ctx, n=rng.randrange(3, 40)))
        quote = say(rng.choice(QUOTES_PERSON if kind != "tập thể" else QUOTES_GROUP)) if rng.random() < 0.6 else None
        fixed = [*first, *middle, *outcomes, *closing, *bullets, *([quote] if quote else [])]
        words = sum(len(s.split()) for s in fixed)
        groups = (middle, outcomes, first)
        turn = 0
        for template in rng.draw(FILLERS):
            if words >= target:
                break
            sentence = say(template)
            size = len(sentence.split())
            if words + size > STORY_WORDS[1]:
                continue
            groups[turn % len(groups)].append(sentence)
            turn += 1
            words += size
        paragraphs = [" ".join(first), " ".join(middle)]
        if bullets:
            paragraphs.append("Một số kết quả nổi bật:")
            paragraphs.append("\n".join(f"- {item[0].upper()}{item[1:]}." for item in bullets))
        paragraphs.append(" ".join(outcomes))
        if quote:
            paragraphs.append("\n".join(f"> {line}" for line in wrap(quote, 98)))
        paragraphs.append(" ".join(closing))
        lines: list[str] = []
        for paragraph in paragraphs:
            if lines:
                lines.append("")
            if paragraph.startswith(("- ", "> ")):
                lines.extend(paragraph.split("\n"))
            else:
                lines.extend(wrap(paragraph))
        return Literal("\n".join(lines) + "\n")

    def exemplar(self, index: int, ids: set[str]) -> tuple[str, dict[str, Any], str]:
        rng = self.rng
        kind = self._kind(index)
        stage = STAGES[index % len(STAGES)] if index < len(STAGES) else self._pick(STAGES)
        province = self.provinces[rng.randrange(len(self.provinces))]
        place = self._pick_place(province.id)
        fields = self.settings.fields
        if kind == "hộ gia đình":
            fields = [f for f in fields if f in HOUSEHOLD_FIELDS] or fields
        field_name = self._pick(fields)
        profile = self._profile(field_name)
        published = self._date_between(self.now - timedelta(days=5 * 365), self.now - timedelta(days=1))
        honorific: str | None = None
        role: str | None = None
        unit: str | None = None
        if kind == "cá nhân":
            honorific, name, given = self._person()
            role = self._pick(profile.roles)
            unit = self._fill(self._pick(profile.units), place)
            full, ref = f"{honorific.lower()} {name}", f"{honorific.lower()} {given}"
            who = f"{role} {name}"
        elif kind == "tập thể":
            name = self._fill(self._pick(profile.collectives), place)
            unit = f"Ủy ban nhân dân {province.kind} {province.name}" if rng.random() < 0.5 else None
            full, ref = name, "tập thể đơn vị" if rng.random() < 0.5 else name
            who = name
        else:
            honorific_h, head, given = self._person()
            name = f"Hộ {honorific_h.lower()} {head}"
            full, ref = f"gia đình {honorific_h.lower()} {head}", f"gia đình {honorific_h.lower()} {given}"
            who = f"Gia đình {honorific_h.lower()} {head}"
        campaigns = self._exemplar_campaigns(province.id, published)
        campaign_title = (
            self.campaigns[campaigns[0]]["title"].split(" giai đoạn")[0] if campaigns else "Thi đua là yêu nước"
        )
        work_pool = [*HOUSEHOLD_WORK, *profile.work] if kind == "hộ gia đình" else profile.work
        works = rng.draw(work_pool)
        results = rng.draw(profile.results)
        summary_result = results[-1].format(n=rng.randrange(5, 200))
        ctx = {
            "full": full,
            "Full": full[0].upper() + full[1:],
            "ref": ref,
            "Ref": ref[0].upper() + ref[1:],
            "place": place.short,
            "hamlet": place.hamlet,
            "field": field_name,
            "works": works,
            "results": results,
            "campaign": campaign_title,
            "published": published,
        }
        awards = self._awards_for(kind, province, published)
        # The summary leads with the work the story tells last, so the two do not open alike.
        summary = rng.choice(SUMMARIES).format(Who=who, work=works[-1], result=summary_result, field=field_name)
        priority = self._priority(kind, province.id, field_name)
        images = self._images(rng.choice((0, 1, 1, 1, 2)))
        source_date = published - timedelta(days=rng.randrange(0, 20))
        outlet = (f"Báo {province.name}" if rng.random() < 0.7 else self._pick(NATIONAL_OUTLETS)) + (
            "" if rng.random() < 0.8 else " điện tử"
        )
        record: dict[str, Any] = {
            "name": name,
            "recipient_kind": kind,
            "honorific": honorific,
            "role": role,
            "unit": unit,
            "locality": {"name": place.as_of(published), "province": province.id},
            "field": field_name,
            "campaigns": campaigns,
            "summary": Folded(summary),
            "story": self._story(ctx, kind, stage, awards),
            "images": images,
            "source": {
                "outlet": outlet,
                "column": self._pick(OUTLET_COLUMNS) if rng.random() < 0.8 else None,
                "author": f"{self._person()[1]}" if rng.random() < 0.4 else None,
                "date": source_date,
            },
            "awards": awards,
            "stage": stage,
            "priority_groups": priority,
            "published": published,
            "updated": (
                self._date_between(published + timedelta(days=1), self.now)
                if rng.random() < 0.2 and published < self.now
                else None
            ),
        }
        eid = _unique(_slug(name), ids)
        return eid, record, kind

    def _priority(self, kind: str, province_id: str, field_name: str) -> list[str]:
        rng = self.rng
        out: list[str] = []
        if kind != "tập thể" and field_name in ("nông nghiệp", "công nghiệp", "kinh doanh") and rng.random() < 0.7:
            out.append("trực tiếp sản xuất")
        if kind == "tập thể" and rng.random() < 0.4:
            out.append("tập thể nhỏ")
        if rng.random() < 0.5:
            out.append("cơ sở")
        if province_id in HIGHLAND or province_id in CENTRAL_HIGHLAND:
            if rng.random() < 0.5:
                out.append("vùng sâu, vùng xa")
            if rng.random() < 0.5:
                out.append("vùng đồng bào dân tộc thiểu số")
        if province_id in BORDER and rng.random() < 0.25:
            out.append("biên giới")
        return out

    def _images(self, count: int) -> list[dict[str, Any]]:
        if not self.images or not count:
            return []
        out = []
        for name in self.rng.draw(self.images, count):
            alt, caption = IMAGE_TEXT.get(name, ("Hình minh họa", "Ảnh minh họa"))
            out.append(
                {
                    "src": f"images/{name}",
                    "alt": alt,
                    "caption": f"{caption} (ảnh minh họa).",
                    "credit": "Minh họa: Ban biên tập (dữ liệu tổng hợp)",
                }
            )
        return out

    # -- nominee lists ----------------------------------------------------------------------

    def _state(self, index: int) -> str:
        states = ("open", "upcoming", "closed")
        if index < len(states):
            return states[index]
        roll = self.rng.random()
        return "closed" if roll < 0.6 else ("open" if roll < 0.85 else "upcoming")

    def _forward(self, opens: date, days: int) -> date:
        """The last day of a window of `days` working days starting on opens."""
        day, count = opens, 0
        while True:
            if is_working_day(day, self.holidays):
                count += 1
                if count >= days:
                    return day
            day += timedelta(days=1)

    def _next_working_day(self, day: date, step: int = 1) -> date:
        while not is_working_day(day, self.holidays):
            day += timedelta(days=step)
        return day

    def _window(self, state: str) -> tuple[date, date]:
        minimum = max(rule.min_working_days for rule in self.rules)
        length = minimum + self.rng.choice((0, 0, 0, 1, 2, 5))
        today = self.now
        if state == "upcoming":
            opens = self._next_working_day(today + timedelta(days=self.rng.randrange(1, 25)))
        elif state == "open":
            opens = self._next_working_day(today - timedelta(days=self.rng.randrange(0, 14)), step=-1)
        else:
            opens = self._next_working_day(today - timedelta(days=self.rng.randrange(45, 600)))
        closes = self._forward(opens, length)
        if state == "open" and closes < today:
            closes = self._next_working_day(today)
        # The brief's promise, checked with the same function the site uses.
        assert working_days(opens, closes, self.holidays) >= minimum
        assert (state == "upcoming") == (opens > today) and (state == "closed") == (closes < today)
        return opens, closes

    def _nominee(self, kind: str, award: Award, province: Province, ids: set[str]) -> dict[str, Any]:
        rng = self.rng
        field_name = next((f for key, f in AWARD_FIELDS.items() if key in award.id), None)
        field_name = field_name or self._pick(self.settings.fields)
        profile = self._profile(field_name)
        place = self._pick_place(province.id)
        honorific: str | None = None
        position: str | None = None
        if kind == "cá nhân":
            honorific, name, _ = self._person()
            position = self._pick(profile.roles)
            unit: str | None = self._fill(self._pick(profile.units), place)
        elif kind == "tập thể":
            name = self._fill(self._pick(profile.collectives), place)
            unit = f"Ủy ban nhân dân {province.kind} {province.name}"
        else:
            h, head, _ = self._person()
            name = f"Hộ {h.lower()} {head}"
            unit = None
        y2 = self.now.year - 1
        work = self._pick(HOUSEHOLD_WORK if kind == "hộ gia đình" else profile.work)
        template = rng.choice(ACHIEVEMENTS) if kind != "hộ gia đình" else rng.choice(ACHIEVEMENTS[3:5])
        years = rng.randrange(2, 6)
        achievement = template.format(
            k=years,
            y1=y2 - years + 1,
            y2=y2,
            Work=work[0].upper() + work[1:],
            result=self._pick(profile.results).format(n=rng.randrange(5, 300)),
        )
        return {
            "id": _unique(_slug(name), ids),
            "recipient_kind": kind,
            "honorific": honorific,
            "name": name,
            "position": position,
            "unit": unit,
            "locality": place.today,
            "achievement": achievement,
        }

    def nomination(self, index: int, ids: set[str]) -> tuple[str, dict[str, Any], str, int]:
        rng = self.rng
        state = self._state(index)
        opens, closes = self._window(state)
        low, high = self.options.nominee_range
        total = rng.randrange(low, high + 1)
        province = self.provinces[rng.randrange(len(self.provinces))]
        usable = sum(1 for weight in self.state_weights if weight > 0)
        group_count = min(total, usable, rng.choice((1, 2, 2, 3, 3, 4)))
        awards: list[Award] = []
        while len(awards) < group_count:
            award = rng.choices(self.state_awards, self.state_weights)[0]
            if award not in awards:
                awards.append(award)
        # Split the nominees between the groups, at least one each.
        cuts = sorted(rng.sample(range(1, total), group_count - 1)) if group_count > 1 else []
        sizes = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        nominee_ids: set[str] = set()
        groups = []
        for award, size in zip(awards, sizes, strict=True):
            kinds = [k for k in KIND_WEIGHTS if k in award.recipients]
            weights = [KIND_WEIGHTS[k] for k in kinds]
            nominees = [
                self._nominee(rng.choices(kinds, weights)[0], award, province, nominee_ids) for _ in range(size)
            ]
            groups.append({"award": award.id, "nominees": nominees})
        body = f"Ủy ban nhân dân {province.kind} {province.name}"
        year = opens.year
        names = [a.name for a in awards]
        what = "tặng " + " và ".join(names) if len(names) <= 2 else "khen thưởng cấp nhà nước"
        title = f"Danh sách đề nghị {what} năm {year} của {province.kind} {province.name}"
        lid = _unique(f"{province.id}-{year}-{_slug(names[0]) if len(names) == 1 else 'khen-thuong-nha-nuoc'}", ids)
        published = min(opens - timedelta(days=rng.randrange(0, 4)), self.now)
        proposed = min(opens - timedelta(days=rng.randrange(3, 20)), published)
        campaign_choices = self.campaigns_by_province.get(province.id, []) or self.national_ids
        record: dict[str, Any] = {
            "title": Folded(title) if len(title) > 90 else title,
            "summary": Folded(
                f"{body} lấy ý kiến nhân dân đối với {total} tập thể, cá nhân, hộ gia đình đề nghị "
                f"{what}. Đây là dữ liệu tổng hợp để thử nghiệm trang."
            ),
            "proposing_body": body,
            "proposing_document": self._doc(
                "Tờ trình", "TTr-UBND", proposed, body, "Đề nghị khen thưởng cấp nhà nước (văn bản tổng hợp)"
            ),
            "legal_basis": [dict(LAW), dict(DECREE)],
            "province": province.id,
            "campaign": self._pick(campaign_choices) if campaign_choices and rng.random() < 0.6 else None,
            "groups": groups,
            "consultation": {"opens": opens, "closes": closes},
            "channels": (
                {
                    "email": f"tdkt.{province.id.replace('-', '')}@example.gov.vn",
                    "postal_address": f"Ban Thi đua - Khen thưởng, Sở Nội vụ {province.kind} {province.name} (địa chỉ mẫu)",
                }
                if rng.random() < 0.25
                else None
            ),
            "amendments": self._amendments(groups, opens, closes) if state != "upcoming" else [],
            "outcome": self._outcome(groups, closes, awards) if state == "closed" else None,
            "published": published,
        }
        return lid, record, state, total

    def _amendments(self, groups: list[dict[str, Any]], opens: date, closes: date) -> list[dict[str, Any]]:
        if self.rng.random() > 0.12:
            return []
        nominee = self.rng.choice(groups[0]["nominees"])
        return [
            {
                "date": self._date_between(opens, min(closes, self.now)),
                "change": f"Sửa đơn vị công tác của {nominee['name']} cho đúng hồ sơ gốc.",
                "reason": "Sai sót khi tổng hợp hồ sơ, đã đối chiếu lại với hồ sơ gốc.",
            }
        ]

    def _outcome(self, groups: list[dict[str, Any]], closes: date, awards: list[Award]) -> dict[str, Any] | None:
        earliest = closes + timedelta(days=15)
        if earliest > self.now or self.rng.random() < 0.3:
            return None
        decided = self._date_between(earliest, min(closes + timedelta(days=90), self.now))
        president = any(a.group in ("Huân chương", "Danh hiệu vinh dự nhà nước") for a in awards)
        signer, suffix = ("Chủ tịch nước", "QĐ-CTN") if president else ("Thủ tướng Chính phủ", "QĐ-TTg")
        results = []
        counts = {"được khen thưởng": 0}
        for group in groups:
            for nominee in group["nominees"]:
                roll = self.rng.random()
                if roll < 0.9:
                    result = "được khen thưởng"
                elif roll < 0.95:
                    result = "rút khỏi danh sách"
                elif roll < 0.98:
                    result = "không được khen thưởng"
                else:
                    result = "chưa xét"
                counts[result] = counts.get(result, 0) + 1
                results.append({"nominee": nominee["id"], "result": result, "note": RESULT_NOTES.get(result)})
        return {
            "decision": self._doc("Quyết định", suffix, decided, signer, "Về việc khen thưởng (quyết định tổng hợp)"),
            "results": results,
            "summary": Folded(
                f"Hết thời hạn lấy ý kiến không nhận được ý kiến phản ánh. {counts['được khen thưởng']} tập thể, "
                "cá nhân, hộ gia đình được khen thưởng theo quyết định."
            ),
        }


def _read(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


_NOT_ID = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    """A record id from a name, as vn.slug makes it but several times faster.

    Dropping what is not ASCII after NFD removes the tone and letter marks; đ has no
    decomposition, so it is replaced first.
    """
    ascii_text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore")
    return _NOT_ID.sub("-", ascii_text.decode().lower()).strip("-") or "khac"


def _unique(stem: str, taken: set[str]) -> str:
    stem = stem[:80].rstrip("-")
    if stem.startswith(RESERVED_PREFIXES):
        stem = f"tt-{stem}"  # "theo-" and "trang-" are the list pages' prefixes
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate)
    return candidate


def generate(out_dir: Path, options: Options, reference_dir: Path) -> Summary:
    """Write a complete, valid data folder into out_dir.

    Args:
        out_dir: the folder to create; its record folders must not hold files yet.
        options: sizes, seed and the date the consultation windows are placed around.
        reference_dir: the project's data/ folder, source of the reference files and images.

    Returns:
        Counts of what was written.

    Raises:
        FileExistsError: out_dir already holds records (nothing is overwritten or deleted).
    """
    start = time.perf_counter()
    for folder in RECORD_FOLDERS:
        target = out_dir / folder
        if target.is_dir() and any(target.iterdir()):
            raise FileExistsError(target)
    generator = Generator(reference_dir, options)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in REFERENCE_FILES:
        shutil.copyfile(reference_dir / name, out_dir / name)
    for folder in RECORD_FOLDERS:
        (out_dir / folder).mkdir(exist_ok=True)
    for name in generator.images:
        shutil.copyfile(reference_dir / "images" / name, out_dir / "images" / name)

    summary = Summary()
    for cid, record in generator.campaigns_all():
        _write(out_dir / "campaigns" / f"{cid}.yml", record)
        summary.campaigns += 1
    ids: set[str] = set()
    for index in range(options.exemplars):
        eid, record, kind = generator.exemplar(index, ids)
        _write(out_dir / "exemplars" / f"{eid}.yml", record)
        summary.exemplars += 1
        summary.kinds[kind] = summary.kinds.get(kind, 0) + 1
    list_ids: set[str] = set()
    for index in range(options.list_count):
        lid, record, state, count = generator.nomination(index, list_ids)
        _write(out_dir / "nominations" / f"{lid}.yml", record)
        summary.lists += 1
        summary.nominees += count
        summary.states[state] = summary.states.get(state, 0) + 1
    summary.seconds = time.perf_counter() - start
    return summary


def _write(path: Path, record: Mapping[str, Any]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(dump(record))
