"""Schemas for editors' tools: current with the record types, offering the data's real values,
accepted by check-jsonschema for every sample record and refusing broken ones; VS Code set up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.commands import editor_schemas

from .conftest import ROOT, SAMPLE_DATA

CHECK = str(Path(sys.executable).parent / "check-jsonschema")


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`site-builder schema` for the sample: record schemas, its values and the field reference page."""
    root = tmp_path_factory.mktemp("schema-root")
    command = [sys.executable, "-m", "site_builder", "--root", str(root), "schema", "--data", str(SAMPLE_DATA)]
    done = subprocess.run([*command, "--out", str(root / "schemas")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (root / "content" / "truong-du-lieu.md").is_file()
    return root / "schemas"


def test_committed_record_schemas_are_current() -> None:
    """schemas/ holds what the record types say (values.schema.json is the data's, checked by the data gate)."""
    for name, schema in editor_schemas.record_schemas().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == editor_schemas.dumps(schema), f"schemas/{name} is stale: run site-builder schema"


def test_values_offer_provinces_with_names_awards_fields_and_campaigns(schemas: Path) -> None:
    values = json.loads((schemas / "values.schema.json").read_text(encoding="utf-8"))["$defs"]
    provinces = {choice["const"]: choice["description"] for choice in values["ProvinceId"]["oneOf"]}
    assert len(provinces) == 34
    assert provinces["dong-thap"] == "tỉnh Đồng Tháp" and provinces["can-tho"] == "thành phố Cần Thơ"
    awards = {choice["const"] for choice in values["AwardId"]["oneOf"]}
    assert "huan-chuong-lao-dong-hang-ba" in awards and "giay-khen" in awards
    assert "nông nghiệp" in values["FieldName"]["enum"]
    campaigns = {choice["const"] for choice in values["CampaignId"]["oneOf"]}
    assert campaigns == {path.stem for path in (SAMPLE_DATA / "campaigns").glob("*.yml")}
    exemplar = json.loads((schemas / "exemplar.schema.json").read_text(encoding="utf-8"))
    assert exemplar["$defs"]["Locality"]["properties"]["province"]["$ref"] == "values.schema.json#/$defs/ProvinceId"
    assert exemplar["properties"]["campaigns"]["items"]["$ref"] == "values.schema.json#/$defs/CampaignId"


@pytest.mark.parametrize(
    ("kind", "schema"), [("campaigns", "campaign"), ("exemplars", "exemplar"), ("nominations", "nomination")]
)
def test_check_jsonschema_accepts_every_sample_record(schemas: Path, kind: str, schema: str) -> None:
    files = sorted(str(path) for path in (SAMPLE_DATA / kind).glob("*.yml"))
    done = subprocess.run(
        [CHECK, "--schemafile", str(schemas / f"{schema}.schema.json"), *files], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


def test_check_jsonschema_refuses_broken_records(schemas: Path, tmp_path: Path) -> None:
    text = (SAMPLE_DATA / "exemplars" / "dinh-thi-hoa.yml").read_text(encoding="utf-8")
    broken = {
        "province": text.replace("  province: gia-lai", "  province: bac-lieu"),
        "field": text.replace("field: y tế", "field: y te"),
        "campaign": text.replace("  - chung-tay-vi-nguoi-ngheo", "  - khong-co-phong-trao-nay"),
        "key": text + "sumary: x\n",
        "date": text.replace("published: 2025-", "published: 31/12/"),
    }
    for name, content in broken.items():
        path = tmp_path / f"{name}.yml"
        path.write_text(content, encoding="utf-8")
        done = subprocess.run(
            [CHECK, "--schemafile", str(schemas / "exemplar.schema.json"), str(path)], capture_output=True, text=True
        )
        assert done.returncode == 1, name
        assert "Schema validation errors were encountered" in done.stdout, name


def test_check_mode_says_when_values_are_stale(schemas: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "site_builder", "--root", str(tmp_path), "schema", "--data", str(SAMPLE_DATA)]
    current = subprocess.run([*command, "--out", str(schemas), "--check"], capture_output=True, text=True, check=False)
    assert current.returncode == 0 and current.stderr == ""
    stale_dir = tmp_path / "stale"
    stale_dir.mkdir()
    stale = subprocess.run([*command, "--out", str(stale_dir), "--check"], capture_output=True, text=True, check=False)
    assert stale.returncode == 0
    assert stale.stderr.startswith("Lưu ý: stale/values.schema.json chưa theo kịp dữ liệu")


def test_vscode_maps_every_schema_to_its_files_and_recommends_the_yaml_extension() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for name in editor_schemas.record_schemas():
        assert f"./schemas/{name}" in mapping, name
    assert mapping["./schemas/exemplar.schema.json"] == "data/exemplars/*.yml"
    assert settings["[yaml]"]["editor.insertSpaces"] is True
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert recommended["recommendations"] == ["redhat.vscode-yaml"]
