"""JSON Schemas of the record files, for editors' tools (VS Code's YAML extension, check-jsonschema).

Two parts, so that the code's part never depends on the data:
- one schema per record kind and reference file, from the record types (`records.py`): fields,
  Vietnamese descriptions, types and limits. Tests keep them current.
- `values.schema.json`, the values a field that names another record may take, read from the
  data: the 34 provinces (with their names), the awards, the fields of `site.yml`, the campaign
  ids. The record schemas refer to it, so completion offers the real values. The data gate says
  when it is stale (only completion suffers; nothing is refused because of it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..inputs.load import Dataset
from ..inputs.records import KIND_MODELS, REFERENCE_MODELS, Model

DRAFT = "https://json-schema.org/draft/2020-12/schema"
VALUES = "values.schema.json"

# Fields that name a record of another kind: (model, field) -> the definition in values.schema.json.
REFERENCES: dict[tuple[str, str], str] = {
    ("Locality", "province"): "ProvinceId",
    ("Campaign", "province"): "ProvinceId",
    ("NomineeList", "province"): "ProvinceId",
    ("Exemplar", "field"): "FieldName",
    ("Exemplar", "campaigns"): "CampaignId",
    ("Campaign", "parent"): "CampaignId",
    ("NomineeList", "campaign"): "CampaignId",
    ("AwardReceived", "award"): "AwardId",
    ("NomineeGroup", "award"): "AwardId",
}

NAMES = {"campaigns": "campaign", "exemplars": "exemplar", "nominations": "nomination"}


def _refer(schema: dict[str, Any], definition: str) -> dict[str, Any]:
    """The field's schema with its value checked against values.schema.json (lists: each item)."""
    reference = {"$ref": f"{VALUES}#/$defs/{definition}"}
    if schema.get("type") == "array":
        return {**schema, "items": reference}
    if "anyOf" in schema:
        return {
            **schema,
            "anyOf": [reference if option.get("type") != "null" else option for option in schema["anyOf"]],
        }
    return {key: value for key, value in schema.items() if key in ("description", "default", "title")} | reference


def record_schema(model: type[Model]) -> dict[str, Any]:
    schema = model.model_json_schema()
    for name, part in [(schema.get("title", ""), schema), *schema.get("$defs", {}).items()]:
        for field, sub in part.get("properties", {}).items():
            definition = REFERENCES.get((name, field))
            if definition:
                part["properties"][field] = _refer(sub, definition)
    schema["$schema"] = DRAFT
    return schema


def record_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema of every record kind and reference file."""
    models = {NAMES[folder]: model for folder, model in KIND_MODELS.items()}
    models.update({name.removesuffix(".yml"): model for name, model in REFERENCE_MODELS.items()})
    return {f"{name}.schema.json": record_schema(model) for name, model in models.items()}


def _choices(pairs: list[tuple[str, str]], description: str) -> dict[str, Any]:
    # oneOf with const and description: the YAML extension offers each value with its meaning.
    return {"description": description, "oneOf": [{"const": value, "description": label} for value, label in pairs]}


def values_schema(data: Dataset) -> dict[str, Any]:
    """The values of the data folder that other records name."""
    return {
        "$schema": DRAFT,
        "title": "Giá trị có trong dữ liệu",
        "description": "Do site-builder schema viết ra từ data/; chạy lại lệnh này khi thêm tỉnh, hình thức "
        "khen thưởng, lĩnh vực hay phong trào.",
        "$defs": {
            "ProvinceId": _choices(
                [(pid, f"{p.kind} {p.name}") for pid, p in data.provinces.items()], "Mã tỉnh, thành phố hiện nay"
            ),
            "AwardId": _choices(
                [(aid, f"{a.name} ({', '.join(a.recipients)})") for aid, a in data.awards.items()],
                "Mã hình thức khen thưởng",
            ),
            "FieldName": {"description": "Lĩnh vực (data/site.yml)", "enum": list(data.settings.fields)},
            "CampaignId": _choices(
                [(cid, c.title) for cid, c in sorted(data.campaigns.items())], "Mã phong trào thi đua"
            ),
        },
    }


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(out: Path, data: Dataset | None) -> list[Path]:
    """Write the record schemas and, when the data loaded, the values; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    schemas = record_schemas()
    if data is not None:
        schemas[VALUES] = values_schema(data)
    for name, schema in schemas.items():
        path = out / name
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    return written


def stale_values(out: Path, data: Dataset) -> bool:
    path = out / VALUES
    return not path.is_file() or path.read_text(encoding="utf-8") != dumps(values_schema(data))
