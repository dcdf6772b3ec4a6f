"""Facts about the built sample site, read from its HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml
from lxml import html

from site_builder.vietnamese import date_short

from .conftest import SAMPLE_DATA

Parse = Callable[[str], html.HtmlElement]


def text(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def sample(kind: str) -> dict[str, dict]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((SAMPLE_DATA / kind).glob("*.yml"))
    }


def test_every_record_has_a_page_at_its_id(sample_site: Path) -> None:
    for kind, section in (("campaigns", "phong-trao"), ("exemplars", "dien-hinh"), ("nominations", "lay-y-kien")):
        for record_id in sample(kind):
            assert (sample_site / section / record_id / "index.html").is_file(), (kind, record_id)


def test_pages_are_vietnamese_and_say_the_data_is_a_sample(page: Parse) -> None:
    home = page("")
    assert home.get("lang") == "vi"
    assert "Dữ liệu mẫu" in text(home.cssselect("[data-md-component=announce]")[0])


def test_record_pages_stay_out_of_navigation(page: Parse) -> None:
    nav_links = {a.get("href") for a in page("").cssselect("nav.md-nav--primary a")}
    assert not any(re.search(r"dien-hinh/[a-z0-9-]+/$", h or "") and "theo-" not in h for h in nav_links)
    assert len(nav_links) < 20


def test_exemplar_page_shows_story_image_credit_source_awards_stage(page: Parse) -> None:
    records = sample("exemplars")
    eid, record = next((k, v) for k, v in records.items() if v.get("images") and v.get("awards"))
    doc = page(f"dien-hinh/{eid}/")
    body = doc.cssselect(".tdkt-exemplar")[0]
    assert record["name"] in text(body.cssselect("h1")[0])
    figure = body.cssselect("figure")[0]
    assert figure.cssselect("img")[0].get("alt") == record["images"][0]["alt"]
    assert record["images"][0]["credit"] in text(figure)
    assert record["source"]["outlet"] in text(body.cssselect(".tdkt-source")[0])
    current = body.cssselect(".tdkt-stages [aria-current=step]")[0]
    assert text(current).lower() == record["stage"]
    awards = yaml.safe_load((SAMPLE_DATA / "awards.yml").read_text(encoding="utf-8"))["awards"]
    names = {a["id"]: a["name"] for a in awards}
    assert names[record["awards"][0]["award"]] in text(body.cssselect(".tdkt-awards")[0])
    story_words = record["story"].split()[:4]
    assert " ".join(story_words).replace("**", "") in text(body.cssselect(".tdkt-story")[0])


def test_campaign_page_lists_its_exemplars_and_children(page: Parse) -> None:
    campaigns = sample("campaigns")
    exemplars = sample("exemplars")
    parent = next(c["parent"] for c in campaigns.values() if c.get("parent"))
    children = [cid for cid, c in campaigns.items() if c.get("parent") == parent]
    doc = page(f"phong-trao/{parent}/")
    hrefs = [a.get("href") for a in doc.cssselect(".tdkt-campaign a")]
    for child in children:
        assert f"../{child}/" in hrefs
    with_exemplars = next(cid for cid in campaigns if any(cid in e.get("campaigns", []) for e in exemplars.values()))
    members = [eid for eid, e in exemplars.items() if with_exemplars in e.get("campaigns", [])]
    doc = page(f"phong-trao/{with_exemplars}/")
    cards = doc.cssselect(".tdkt-campaign .tdkt-card a")
    assert {a.get("href") for a in cards} == {f"../../dien-hinh/{eid}/" for eid in members[:12]}
    heading = next(text(h) for h in doc.cssselect("h2") if text(h).startswith("Gương điển hình"))
    assert heading == f"Gương điển hình ({len(members)})"


def test_campaign_page_shows_legal_basis_with_vietnamese_dates(page: Parse) -> None:
    cid, record = next(iter(sample("campaigns").items()))
    doc = page(f"phong-trao/{cid}/")
    ref = record["legal_basis"][0]
    docs = text(doc.cssselect(".tdkt-docs")[0])
    assert f"{ref['kind']} số {ref['number']} ngày {date_short(ref['date'])}" in docs


def test_list_pages_by_province_field_year(page: Parse) -> None:
    exemplars = sample("exemplars")
    by_province: dict[str, int] = {}
    for e in exemplars.values():
        by_province[e["locality"]["province"]] = by_province.get(e["locality"]["province"], 0) + 1
    index = page("dien-hinh/theo-tinh/")
    counts = {
        a.get("href").strip("/"): int(text(li.cssselect(".tdkt-count")[0]))
        for li in index.cssselect(".tdkt-facet-index li")
        for a in li.cssselect("a")
    }
    assert counts == by_province
    province, count = max(by_province.items(), key=lambda item: item[1])
    listing = page(f"dien-hinh/theo-tinh/{province}/")
    assert len(listing.cssselect(".tdkt-card")) == count
    years = {str(e["published"].year) for e in exemplars.values()}
    year_links = {a.get("href").strip("/") for a in page("dien-hinh/theo-nam/").cssselect(".tdkt-facet-index a")}
    assert year_links == years
    assert page("dien-hinh/theo-linh-vuc/").cssselect(".tdkt-facet-index a")


def test_exemplar_list_newest_first_with_short_dates(page: Parse) -> None:
    exemplars = sample("exemplars")
    newest = max(exemplars.items(), key=lambda item: (item[1]["published"], item[0]))
    doc = page("dien-hinh/")
    first = doc.cssselect(".tdkt-card")[0]
    assert (
        first.cssselect("a")[0].get("href") == f"../dien-hinh/{newest[0]}/"
        or first.cssselect("a")[0].get("href") == f"{newest[0]}/"
    )
    assert date_short(newest[1]["published"]) in text(first)


def test_nomination_list_split_by_state(page: Parse) -> None:
    doc = page("lay-y-kien/")
    headings = [text(h) for h in doc.cssselect(".tdkt-list h2")]
    assert [h.split(" (")[0] for h in headings] == ["Đang lấy ý kiến", "Sắp lấy ý kiến", "Đã kết thúc"]
    lists = sample("nominations")
    total = sum(int(re.search(r"\((\d+)\)", h).group(1)) for h in headings)
    assert total == len(lists)


def test_nomination_page_groups_by_award_with_counts_and_row_anchors(page: Parse) -> None:
    lid, record = max(
        sample("nominations").items(), key=lambda item: sum(len(g["nominees"]) for g in item[1]["groups"])
    )
    doc = page(f"lay-y-kien/{lid}/")
    groups = doc.cssselect("section.tdkt-group")
    assert len(groups) == len(record["groups"])
    for section, group in zip(groups, record["groups"], strict=True):
        assert int(text(section.cssselect(".tdkt-count")[0])) == len(group["nominees"])
        rows = section.cssselect("tbody tr")
        assert [row.get("id") for row in rows] == [n["id"] for n in group["nominees"]]
        assert group["nominees"][0]["name"] in text(rows[0])
    window = record["consultation"]
    status = text(doc.cssselect(".tdkt-status")[0])
    opens, closes = window["opens"], window["closes"]
    assert f"từ ngày {opens.day} tháng {opens.month} năm {opens.year}" in status
    assert f"đến hết ngày {closes.day} tháng {closes.month} năm {closes.year}" in status


def test_home_page_open_consultations_first(page: Parse) -> None:
    doc = page("")
    sections = [text(h) for h in doc.cssselect(".tdkt-home h2")]
    assert sections[0] == "Đang lấy ý kiến nhân dân"
    assert sections[1] == "Gương điển hình mới"


def test_story_markup_is_sanitised(page: Parse, sample_site: Path) -> None:
    for path in (sample_site / "dien-hinh").glob("*/index.html"):
        doc = html.fromstring(path.read_bytes())
        for story in doc.cssselect(".tdkt-story"):
            assert not story.cssselect("script, iframe, img, style")


def test_cached_cards_leave_no_marker_and_link_right(sample_site: Path, page: Parse) -> None:
    for path in sample_site.rglob("*.html"):
        assert b"\x00" not in path.read_bytes(), path
    hrefs = [a.get("href") for a in page("dien-hinh/theo-tinh/dong-thap/").cssselect(".tdkt-card__title a")]
    assert hrefs and all(h.startswith("../../../dien-hinh/") for h in hrefs)


def test_one_clock_in_vietnam_time_for_states_and_campaigns() -> None:
    """20:00 UTC on the 25th is the 26th in Vietnam: the campaigns running and the states agree on it."""
    from datetime import UTC, date, datetime

    from site_builder.inputs.load import load_dataset
    from site_builder.inputs.records import Period
    from site_builder.model.site_model import SiteModel

    data, _ = load_dataset(SAMPLE_DATA)
    assert data is not None
    cid = next(iter(data.campaigns))
    data.campaigns[cid] = data.campaigns[cid].model_copy(
        update={"period": Period(start=date(2020, 1, 1), end=date(2026, 11, 25))}
    )
    late = SiteModel(data, datetime(2026, 11, 25, 20, 0, tzinfo=UTC))
    assert late.today == date(2026, 11, 26)
    assert cid not in late.active_campaigns
    evening = SiteModel(data, datetime(2026, 11, 25, 16, 59, tzinfo=UTC))  # 23:59 in Vietnam
    assert evening.today == date(2026, 11, 25)
    assert cid in evening.active_campaigns
    for lid, item in data.nominations.items():
        if item.consultation.closes == date(2026, 11, 25):
            assert late.statuses[lid].group == "closed" and evening.statuses[lid].group == "open"
