"""The editors' reference of every field, written from the record types' own descriptions.

`site-builder schema` writes it under content/ (pages of the site, at URLS.field_reference()):
a first page that links one page per record kind and one for the reference files, so that no
page outgrows a cheap phone (one page for all was 2,059 elements at issue 28). A test fails when
the committed pages differ from what the records say, so they cannot go stale.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from ..inputs.records import KIND_MODELS, REFERENCE_MODELS, Model
from ..urls import URLS
from ..vietnamese import heading_id

_KIND_TITLES = {
    "campaigns": ("Phong trào thi đua", "data/campaigns/<mã>.yml"),
    "exemplars": ("Gương điển hình", "data/exemplars/<mã>.yml"),
    "nominations": ("Danh sách lấy ý kiến", "data/nominations/<mã>.yml"),
}
_REFERENCE_PART = ("Các tệp dùng chung", "Cài đặt của trang và các danh mục mà mọi hồ sơ dùng chung")
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


def _section(title: str, where: str, model: type[Model], level: int) -> list[str]:
    """The fields of one file under a heading of `level`, its nested groups one level below."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    lines = ["#" * level + f" {title}", "", f"Tệp `{where}`.", ""]
    rows, pending = _table(schema["properties"], set(schema.get("required", [])), defs)
    lines += [*rows, ""]
    seen: set[str] = set()
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        seen.add(name)
        sub = defs[name]
        lines += ["#" * (level + 1) + f" Nhóm trường `{name}`", ""]
        if sub.get("description"):
            lines += [sub["description"], ""]
        rows, more = _table(sub.get("properties", {}), set(sub.get("required", [])), defs)
        lines += [*rows, ""]
        pending += more
    return lines


def page_file(url: str) -> str:
    """The file under content/ that MkDocs publishes at url ("truong-du-lieu/x/" -> "truong-du-lieu/x.md")."""
    return url.rstrip("/") + ".md"


def _link(source: str, target: str) -> str:
    """A Markdown link from the page at URL source to the page at URL target, file to file as MkDocs checks them."""
    return posixpath.relpath(page_file(target), posixpath.dirname(page_file(source)))


_NOTICE = "<!-- Trang này do site-builder schema viết ra từ mô tả của từng trường; đừng sửa tay. -->"


def _page(title: str, description: str, body: list[str]) -> str:
    # Quoted: a title may hold ": ", which a plain YAML value may not. JSON's quoting is YAML's.
    front = [
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
    ]
    lines = ["---", *front, "---", "", _NOTICE, "", *body]
    return "\n".join(lines).rstrip() + "\n"


def _back(url: str) -> list[str]:
    return [f"Các loại hồ sơ khác: trang [Các trường dữ liệu]({_link(url, URLS.field_reference())}).", ""]


def reference_pages() -> dict[str, str]:
    """Every page, Markdown with front matter, by its file under content/ (as committed)."""
    first = URLS.field_reference()
    parts: list[str] = []
    pages: dict[str, str] = {}
    for folder, model in KIND_MODELS.items():
        title, where = _KIND_TITLES[folder]
        url = URLS.field_reference(folder)
        heading = f"Các trường dữ liệu: {title.lower()}"
        parts.append(f"- [{title}]({_link(first, url)}): tệp `{where}`.")
        body = [*_section(heading, where, model, 1), *_back(url)]
        pages[page_file(url)] = _page(heading, f"Mọi trường của tệp {where}, viết thế nào và nghĩa là gì", body)
    url = URLS.field_reference("reference")
    title, description = _REFERENCE_PART
    parts.append(f"- [{title}]({_link(first, url)}):")
    parts += [
        f"    - [`data/{name}`]({_link(first, url)}#{heading_id(_REFERENCE_TITLES[name], '-')}): {_REFERENCE_TITLES[name]}"
        for name in REFERENCE_MODELS
    ]
    body = [f"# {title}", "", description + ", mỗi tệp một mục dưới đây.", ""]
    for name, model in REFERENCE_MODELS.items():
        body += _section(_REFERENCE_TITLES[name], f"data/{name}", model, 2)
    pages[page_file(url)] = _page(title, description, [*body, *_back(url)])
    intro = [
        "# Các trường dữ liệu",
        "",
        "Mỗi hồ sơ là một tệp YAML trong `data/`; tên tệp (bỏ đuôi `.yml`) là mã của hồ sơ. Tên "
        "trường viết như trong bảng; giá trị có dấu viết đúng như liệt kê. Trình soạn thảo VS Code "
        "gợi ý các trường này khi gõ (xem Hướng dẫn biên tập).",
        "",
        "Mỗi loại hồ sơ một trang: mọi trường, có bắt buộc không, viết thế nào và nghĩa là gì.",
        "",
        *parts,
    ]
    description = "Mọi trường của mọi loại hồ sơ trong data/, viết thế nào và nghĩa là gì"
    return {page_file(first): _page("Các trường dữ liệu", description, intro), **pages}
