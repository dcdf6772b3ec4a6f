"""The statistics, recounted from the sample's YAML files without site_builder's loader, model or
statistics module, and compared with what the built site publishes: every table of the
"Thống kê" page, its CSV and JSON twins, and the figures on each campaign and province page."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import html

from site_builder.vietnamese import sort_key

from .conftest import SAMPLE_DATA

Counts = dict[str, tuple[int, ...]]
KINDS = ("cá nhân", "tập thể", "hộ gia đình")
STAGES = ("phát hiện", "bồi dưỡng", "tổng kết", "nhân rộng")
PRIORITY = (
    "trực tiếp sản xuất",
    "tập thể nhỏ",
    "cơ sở",
    "vùng sâu, vùng xa",
    "biên giới",
    "vùng đồng bào dân tộc thiểu số",
)
LEVELS = ("toàn quốc", "bộ, ngành", "tỉnh", "huyện", "xã", "cơ quan, đơn vị")
HONORIFICS = ("Bà", "Ông", "không ghi")


def records(folder: str) -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((SAMPLE_DATA / folder).glob("*.yml"))}


def reference(name: str, key: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((SAMPLE_DATA / name).read_text(encoding="utf-8"))[key])


EXEMPLARS = records("exemplars")
CAMPAIGNS = records("campaigns")
LISTS = records("nominations")
PROVINCES = {p["id"]: p["name"] for p in reference("provinces.yml", "provinces")}
AWARDS = [a["id"] for a in reference("awards.yml", "awards")]


def single(counter: Counter[str], order: list[str] | tuple[str, ...]) -> Counts:
    return {key: (counter[key],) for key in order}


def by_count(counter: Counter[str], names: dict[str, str] | None = None) -> list[str]:
    """Groups with a count, most first, ties in Vietnamese alphabetical order of their names."""
    return sorted(counter, key=lambda key: (-counter[key], sort_key((names or {}).get(key, key))))


def exemplar_counts(exemplars: list[dict[str, Any]], whole_site: bool) -> dict[str, Counts]:
    """What each exemplar table should hold, keyed by the table's id (without its prefix)."""
    count = Counter
    fields = count(e["field"] for e in exemplars)
    individuals = [e for e in exemplars if e["recipient_kind"] == "cá nhân"]
    out = {
        "theo-linh-vuc": single(fields, by_count(fields)),
        "theo-doi-tuong": single(count(e["recipient_kind"] for e in exemplars), KINDS),
        "theo-giai-doan": single(count(e["stage"] for e in exemplars), STAGES),
        "theo-doi-tuong-uu-tien": single(
            count(g for e in exemplars for g in set(e.get("priority_groups") or [])), PRIORITY
        ),
        "ca-nhan-theo-danh-xung": single(count(e.get("honorific") or "không ghi" for e in individuals), HONORIFICS),
    }
    if whole_site:
        provinces = count(e["locality"]["province"] for e in exemplars)
        out["theo-tinh"] = single(provinces, by_count(provinces, PROVINCES))
        years = count(str(e["published"].year) for e in exemplars)
        out["theo-nam"] = single(years, sorted(years))
    return out


def nominee_counts(lists: list[dict[str, Any]]) -> dict[str, Counts]:
    awards: dict[str, Counter[str]] = {}
    honorifics: Counter[str] = Counter()
    for item in lists:
        for group in item["groups"]:
            for nominee in group["nominees"]:
                awards.setdefault(group["award"], Counter())[nominee["recipient_kind"]] += 1
                if nominee["recipient_kind"] == "cá nhân":
                    honorifics[nominee.get("honorific") or "không ghi"] += 1
    return {
        "theo-hinh-thuc": {a: tuple(awards[a][k] for k in KINDS) for a in AWARDS if a in awards},
        "ca-nhan-theo-danh-xung": single(honorifics, HONORIFICS),
    }


def campaign_counts() -> dict[str, Counts]:
    periods: Counter[str] = Counter()
    starts = {}
    for c in CAMPAIGNS.values():
        start, end = c["period"]["start"].year, c["period"].get("end")
        key = f"{start}-{end.year}" if end else f"{start}-"
        periods[key] += 1
        starts[key] = (start, end.year if end else 9999)
    return {
        "theo-cap": single(Counter(c["level"] for c in CAMPAIGNS.values()), LEVELS),
        "theo-thoi-gian": single(periods, sorted(periods, key=starts.__getitem__)),
    }


def expected_site_wide() -> dict[str, Counts]:
    out = {f"guong-dien-hinh-{k}": v for k, v in exemplar_counts(list(EXEMPLARS.values()), True).items()}
    out.update({f"phong-trao-{k}": v for k, v in campaign_counts().items()})
    out.update({f"de-nghi-{k}": v for k, v in nominee_counts(list(LISTS.values())).items()})
    return out


def number(cell: str) -> int:
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", cell), cell  # counts written the Vietnamese way
    return int(cell.replace(".", ""))


def tables(doc: html.HtmlElement) -> dict[str, Counts]:
    """Every figure table of a page: id -> {row key: counts}, checking each is an accessible table."""
    out = {}
    for table in doc.cssselect("table.tdkt-numbers"):
        assert table.cssselect("caption")[0].text_content().strip()
        heads = table.cssselect("thead th")
        assert heads and all(th.get("scope") == "col" for th in heads)
        rows: Counts = {}
        for tr in table.cssselect("tbody tr"):
            assert tr.cssselect("th")[0].get("scope") == "row"
            values = tuple(number(td.text_content().strip()) for td in tr.cssselect("td"))
            rows[tr.get("data-key")] = values[:3] if len(values) == 4 else values
            if len(values) == 4:  # stacked: the last column is the row's total
                assert values[3] == sum(values[:3])
        out[table.get("data-figure")] = rows
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path  # UTF-8 with a byte-order mark, as every CSV of the site
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_statistics_page_shows_every_figure_recounted_from_the_records(sample_site: Path) -> None:
    doc = html.fromstring((sample_site / "thong-ke" / "index.html").read_bytes())
    expected = expected_site_wide()
    found = tables(doc)
    assert set(found) == set(expected)
    for fid, counts in expected.items():
        # The same groups in the same order (provinces and fields: most exemplars first).
        assert list(found[fid].items()) == list(counts.items()), fid
    lead = " ".join(doc.cssselect(".tdkt-lead")[0].text_content().split())
    nominees = sum(len(g["nominees"]) for item in LISTS.values() for g in item["groups"])
    assert f"{len(EXEMPLARS)} gương điển hình, {len(CAMPAIGNS)} phong trào thi đua, {len(LISTS)} danh sách" in lead
    assert f"với {nominees} người, tập thể được đề nghị" in lead


def test_provinces_are_named_and_ranked_most_first(sample_site: Path) -> None:
    doc = html.fromstring((sample_site / "thong-ke" / "index.html").read_bytes())
    rows = doc.cssselect("table[data-figure='guong-dien-hinh-theo-tinh'] tbody tr")
    counted = Counter(e["locality"]["province"] for e in EXEMPLARS.values())
    assert [(tr.get("data-key"), tr.cssselect("th")[0].text_content()) for tr in rows] == sorted(
        ((pid, PROVINCES[pid]) for pid in counted), key=lambda pair: (-counted[pair[0]], sort_key(pair[1]))
    )


def test_each_table_is_published_as_csv_and_json_with_the_same_numbers(sample_site: Path) -> None:
    expected = expected_site_wide()
    folder = sample_site / "thong-ke"
    document = json.loads((folder / "so-lieu.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in document["figures"]] == list(tables(html.fromstring((folder / "index.html").read_bytes())))
    for figure in document["figures"]:
        fid = figure["id"]
        rows = read_csv(folder / f"{fid}.csv")
        columns = figure["columns"]
        assert next(iter(rows[0])) == figure["key_column"] and all(re.fullmatch(r"[a-z_]+", c) for c in rows[0])
        from_csv = {row[figure["key_column"]]: tuple(int(row[c]) for c in columns) for row in rows}
        from_json = {row["key"]: tuple(row["values"][c] for c in columns) for row in figure["rows"]}
        assert list(from_csv.items()) == list(expected[fid].items()) == list(from_json.items()), fid
        if len(columns) > 1:
            assert all(int(row["total"]) == sum(int(row[c]) for c in columns) for row in rows)
        assert figure["csv"].endswith(f"thong-ke/{fid}.csv") and figure["chart"].endswith(f"thong-ke/{fid}.svg")
    assert document["totals"] == {
        "exemplars": len(EXEMPLARS),
        "campaigns": len(CAMPAIGNS),
        "lists": len(LISTS),
        "nominees": sum(len(g["nominees"]) for item in LISTS.values() for g in item["groups"]),
    }
    provinces = read_csv(folder / "guong-dien-hinh-theo-tinh.csv")
    assert list(provinces[0]) == ["province", "province_name", "exemplars"]
    assert all(row["province_name"] == PROVINCES[row["province"]] for row in provinces)


@pytest.mark.parametrize("cid", sorted(CAMPAIGNS))
def test_each_campaign_page_shows_its_own_figures(sample_site: Path, cid: str) -> None:
    members = [e for e in EXEMPLARS.values() if cid in (e.get("campaigns") or [])]
    lists = [item for item in LISTS.values() if item.get("campaign") == cid]
    expected = exemplar_counts(members, False) if members else {}
    if lists:
        expected["theo-hinh-thuc"] = nominee_counts(lists)["theo-hinh-thuc"]
    doc = html.fromstring((sample_site / "phong-trao" / cid / "index.html").read_bytes())
    assert tables(doc) == expected
    assert bool(doc.cssselect("#so-lieu")) == bool(expected)


@pytest.mark.parametrize("pid", sorted(PROVINCES))
def test_each_province_page_shows_its_own_figures(sample_site: Path, pid: str) -> None:
    members = [e for e in EXEMPLARS.values() if e["locality"]["province"] == pid]
    lists = [item for item in LISTS.values() if item.get("province") == pid]
    expected = exemplar_counts(members, False) if members else {}
    if lists:
        expected["theo-hinh-thuc"] = nominee_counts(lists)["theo-hinh-thuc"]
    page = sample_site / "dien-hinh" / "theo-tinh" / pid / "index.html"
    if not members:
        # Only provinces with exemplars have a page of their own (a list whose province has none is
        # counted on the statistics page and in the list's own page).
        assert not page.exists()
        return
    assert tables(html.fromstring(page.read_bytes())) == expected


def test_charts_are_images_without_scripts_the_same_size_as_their_img(sample_site: Path) -> None:
    doc = html.fromstring((sample_site / "thong-ke" / "index.html").read_bytes())
    images = doc.cssselect("figure.tdkt-chart img")
    assert len(images) == len(expected_site_wide())
    for img in images:
        assert img.get("alt", "").startswith("Biểu đồ cột: ")
        svg = (sample_site / "thong-ke" / img.get("src")).read_text(encoding="utf-8")
        assert (
            "<script" not in svg
            and "<!--" not in svg
            and "http://"
            not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
                'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
            )
        )
        assert f'viewBox="0 0 {img.get("width")} {img.get("height")}"' in svg
        assert re.search(r"<title>[^<]+</title>", svg) and "<title>Pygal</title>" not in svg
