"""The editors' reference of every field, written from the record types' own descriptions.

`site-builder schema` writes it to content/truong-du-lieu.md (a page of the site) beside the
JSON Schemas, and a test fails when the committed page differs from what the records say, so
it cannot go stale.
"""

from __future__ import annotations

from typing import Any

from ..inputs.records import KIND_MODELS, REFERENCE_MODELS, Model

PAGE = "truong-du-lieu.md"

_KIND_TITLES = {
    "campaigns": ("Phong trào thi đua", "data/campaigns/<mã>.yml"),
    "exemplars": ("Gương điển hình", "data/exemplars/<mã>.yml"),
    "nominations": ("Danh sách lấy ý kiến", "data/nominations/<mã>.yml"),
}
_REFERENCE_TITLES = {
    "site.yml": "Cài đặt chung",
    "awards.yml": "Hình thức khen thưởng",
    "provinces.yml": "Tỉnh, thành phố",
    "holidays.yml": "Ngày nghỉ lễ, Tết",
    "rules.yml": "Quy định về lấy ý kiến nhân dân",
    "withdrawn.yml": "Hồ sơ đã rút (không bắt buộc)",
}


def _number(value: int) -> str:
    """10.000, as Vietnamese writes thousands."""
    return f"{value:,}".replace(",", ".")


def _kind(schema: dict[str, Any], defs: dict[str, Any]) -> tuple[str, str | None]:
    """(what to write, the name of a nested group of fields described below, if any)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return f"nhóm trường `{name}` (xem dưới)", name
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        if len(options) == 1:
            return _kind(options[0], defs)
    if "enum" in schema:
        return "một trong: " + ", ".join(f"`{value}`" for value in schema["enum"]), None
    if "const" in schema:
        return f"`{schema['const']}`", None
    kind = schema.get("type")
    if kind == "array":
        item, nested = _kind(schema.get("items", {}), defs)
        limit = f", tối đa {_number(schema['maxItems'])} mục" if "maxItems" in schema else ""
        least = f", ít nhất {schema['minItems']} mục" if schema.get("minItems") else ""
        return f"danh sách, mỗi mục là {item}{least}{limit}", nested
    if kind == "string":
        if schema.get("format") == "date":
            return "ngày, dạng 2026-11-25", None
        if "pattern" in schema and schema["pattern"].startswith("^[a-z0-9]"):
            return "mã: chữ thường không dấu, chữ số, dấu gạch ngang", None
        if "pattern" in schema and "https?" in schema["pattern"]:
            return "địa chỉ bắt đầu bằng https:// hoặc http://", None
        if "maxLength" in schema:
            return f"chữ, tối đa {_number(schema['maxLength'])} ký tự", None
        return "chữ", None
    if kind == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        return (f"số nguyên từ {low} đến {high}" if low is not None and high is not None else "số nguyên"), None
    if kind == "boolean":
        return "true hoặc false", None
    return "giá trị", None


def _table(properties: dict[str, Any], required: set[str], defs: dict[str, Any]) -> tuple[list[str], list[str]]:
    rows = ["| Trường | Bắt buộc | Viết thế nào | Ý nghĩa |", "| --- | --- | --- | --- |"]
    nested: list[str] = []
    for name, schema in properties.items():
        written, group = _kind(schema, defs)
        if group:
            nested.append(group)
        default = schema.get("default")
        needed = (
            "có" if name in required else ("không" + (f" (mặc định {default})" if default not in (None, []) else ""))
        )
        description = (schema.get("description") or "").replace("|", "\\|")
        rows.append(f"| `{name}` | {needed} | {written} | {description} |")
    return rows, nested


def _section(title: str, where: str, model: type[Model]) -> list[str]:
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    lines = [f"## {title}", "", f"Tệp `{where}`.", ""]
    rows, pending = _table(schema["properties"], set(schema.get("required", [])), defs)
    lines += [*rows, ""]
    seen: set[str] = set()
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        seen.add(name)
        sub = defs[name]
        lines += [f"### Nhóm trường `{name}`", ""]
        if sub.get("description"):
            lines += [sub["description"], ""]
        rows, more = _table(sub.get("properties", {}), set(sub.get("required", [])), defs)
        lines += [*rows, ""]
        pending += more
    return lines


def reference_page() -> str:
    """The whole page, Markdown with front matter, as committed under content/."""
    lines = [
        "---",
        "title: Các trường dữ liệu",
        "description: Mọi trường của mọi loại hồ sơ trong data/, viết thế nào và nghĩa là gì",
        "---",
        "",
        "<!-- Trang này do site-builder schema viết ra từ mô tả của từng trường; đừng sửa tay. -->",
        "",
        "# Các trường dữ liệu",
        "",
        "Mỗi hồ sơ là một tệp YAML trong `data/`; tên tệp (bỏ đuôi `.yml`) là mã của hồ sơ. Tên "
        "trường viết như trong bảng; giá trị có dấu viết đúng như liệt kê. Trình soạn thảo VS Code "
        "gợi ý các trường này khi gõ (xem Hướng dẫn biên tập).",
        "",
    ]
    for folder, model in KIND_MODELS.items():
        title, where = _KIND_TITLES[folder]
        lines += _section(title, where, model)
    for name, model in REFERENCE_MODELS.items():
        lines += _section(_REFERENCE_TITLES[name], f"data/{name}", model)
    return "\n".join(lines).rstrip() + "\n"
