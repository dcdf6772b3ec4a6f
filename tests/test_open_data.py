"""Every JSON file the site publishes validates against the schema published beside it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from lxml import html

from site_builder.publish.open_data import SCHEMAS


def schema_for(rel: str) -> str:
    parts = rel.split("/")
    if parts[0] == "nguon-tin":
        return "nguon-tin"
    if parts[0] == "du-lieu":
        return parts[-1].removesuffix(".json")
    if parts[0] == "thong-ke":
        return "thong-ke"
    if parts[-2] == "phien-ban":
        return "phien-ban"
    if parts[-1] == "chi-muc.json":
        return "chi-muc"
    assert parts[-1] == "danh-sach.json", rel
    return "danh-sach"


def published_json(site: Path) -> list[Path]:
    return sorted(
        path
        for path in site.rglob("*.json")
        # oEmbed documents (/nhung/) follow the oEmbed specification (test_browser_embeds.py); the
        # web editor's files (/quan-tri/, written once node_modules holds Decap) are the editor's.
        if not {"pagefind", "luoc-do", "nhung", "quan-tri"} & set(path.relative_to(site).parts)
    )


def test_every_published_json_file_validates_against_its_schema(sample_site: Path) -> None:
    schemas = {
        published.name: json.loads((sample_site / "du-lieu" / "luoc-do" / f"{published.name}.schema.json").read_text())
        for published in SCHEMAS
    }
    checked: dict[str, int] = {}
    for path in published_json(sample_site):
        rel = path.relative_to(sample_site).as_posix()
        name = schema_for(rel)
        schema = schemas[name]
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = [
            f"{rel}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(json.loads(path.read_text()))
        ]
        assert errors == []
        checked[name] = checked.get(name, 0) + 1
    assert set(checked) == {published.name for published in SCHEMAS}
    assert checked["phien-ban"] >= 5 and checked["danh-sach"] == 4


def test_a_broken_file_fails_its_schema(sample_site: Path) -> None:
    schema = json.loads((sample_site / "du-lieu" / "luoc-do" / "danh-sach.schema.json").read_text())
    [first] = list((sample_site / "lay-y-kien").glob("dong-thap-*/danh-sach.json"))
    document = json.loads(first.read_text())
    document["groups"][0]["nominees"][0]["number"] = "một"
    del document["state_label"]
    messages = sorted(e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document))
    assert messages == ["'một' is not of type 'integer'", "'state_label' is a required property"]


def test_check_jsonschema_accepts_the_list_files(sample_site: Path) -> None:
    """The validator editors' and newsrooms' tools share, run as they would run it."""
    schema = sample_site / "du-lieu" / "luoc-do" / "danh-sach.schema.json"
    files = [str(p) for p in sorted((sample_site / "lay-y-kien").glob("*/danh-sach.json"))]
    command = [str(Path(sys.executable).parent / "check-jsonschema"), "--schemafile", str(schema), *files]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


SITE = "https://thidua-khenthuong.github.io/"


def test_every_file_names_its_schema_and_validates_alone(sample_site: Path) -> None:
    """A file names its schema in "$schema" (an absolute address on the site), so a tool checks it
    alone, without the mapping of the du-lieu page: here the address is read from the file, the
    schema loaded from the built site, and the file validated with it. Only list versions (their
    bytes are their fingerprint) and JSON Feeds (the format defines its members) name none."""
    named: dict[str, int] = {}
    unnamed: set[str] = set()
    for path in published_json(sample_site):
        rel = path.relative_to(sample_site).as_posix()
        document = json.loads(path.read_text(encoding="utf-8"))
        if "$schema" not in document:
            unnamed.add(schema_for(rel))
            continue
        assert next(iter(document)) == "$schema", rel
        url = document["$schema"]
        assert url.startswith(SITE) and url.endswith(".schema.json"), url
        schema_file = sample_site / url.removeprefix(SITE)
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        assert schema["$id"] == url and schema_file.stem.removesuffix(".schema") == schema_for(rel), rel
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        assert [e.message for e in validator.iter_errors(document)] == [], rel
        # The schema itself says the member is required: a file without it fails.
        assert "'$schema' is a required property" in [
            e.message for e in validator.iter_errors({k: v for k, v in document.items() if k != "$schema"})
        ]
        named[url.removeprefix(SITE)] = named.get(url.removeprefix(SITE), 0) + 1
    assert unnamed == {"phien-ban", "nguon-tin"}
    assert named == {
        "du-lieu/luoc-do/danh-sach.schema.json": 4,
        "du-lieu/luoc-do/chi-muc.schema.json": 1,
        "du-lieu/luoc-do/guong-dien-hinh.schema.json": 1,
        "du-lieu/luoc-do/phong-trao.schema.json": 1,
        "du-lieu/luoc-do/danh-sach-lay-y-kien.schema.json": 1,
        "du-lieu/luoc-do/thong-ke.schema.json": 1,
    }
    assert {p.name for p in SCHEMAS if p.self_describing} == {Path(u).name.removesuffix(".schema.json") for u in named}


def test_open_data_page_documents_every_file_and_field(sample_site: Path) -> None:
    """The du-lieu page links the files of the whole site first, then says where each list's and
    feed's files are; every kind of file has its row (an anchor) and a page of its fields below."""
    folder = sample_site / "du-lieu"
    page = html.fromstring((folder / "index.html").read_bytes())
    rows = {row.get("id"): row for row in page.xpath("//tr[@id]")}
    assert set(rows) == {published.name for published in SCHEMAS}
    headings = [h2.get("id") for h2 in page.cssselect("h2[id]")]
    assert headings.index("ca-trang") < headings.index("tung-danh-sach")
    whole = {published.name for published in SCHEMAS if published.file}
    assert whole == {"guong-dien-hinh", "phong-trao", "danh-sach-lay-y-kien", "chi-muc", "thong-ke"}
    first_table = page.xpath("(//table)[1]//tr[@id]/@id")
    assert set(first_table) == whole and first_table[0] == "guong-dien-hinh"
    documented: set[str] = set()
    for published in SCHEMAS:
        row = rows[published.name]
        downloads = row.xpath(".//a[@type='application/json' or @type='text/csv']/@href")
        # A whole-site file is one click away, JSON and CSV; the others are named by their pattern.
        assert len(downloads) == (2 if published.csv_file else 1 if published.file else 0), published.name
        for link in downloads:
            assert (folder / link).resolve().is_file(), link
        (schema,) = row.xpath(".//a[@type='application/schema+json']/@href")
        assert (folder / schema).resolve().is_file(), schema
        (fields_link,) = row.xpath(".//a[not(@type)]/@href")
        fields_page = (folder / fields_link / "index.html").resolve()
        sub = html.fromstring(fields_page.read_bytes())
        back = sub.xpath("//article//a[contains(@href, '#')]/@href")[0]
        assert (fields_page.parent / back.split("#")[0] / "index.html").resolve() == folder / "index.html"
        assert back.split("#")[1] == published.name
        documented |= {td.text_content().strip() for td in sub.cssselect("table.tdkt-fields td:first-child")}
    for field in ("groups[].nominees[].number", "versions[].sha256", "state", "state_label", "records[].guid"):
        assert field in documented, field
