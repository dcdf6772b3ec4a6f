"""The web editor's configuration (Decap CMS), generated from the record types.

The same source as the JSON Schemas (`records.py` through pydantic's JSON Schema): one
collection per record kind and one for the withdrawn records; each field with its Vietnamese
label and hint from its description, required or not, its length limit as a pattern; dates as
boxes typed dd/mm/yyyy writing YYYY-MM-DD (editor/editor.js); provinces, awards and fields as
selects showing their names (read from the data's reference files, like values.schema.json);
campaigns as relations.

`site-builder schema` writes `cms/config.yml` from the data folder it is given (committed, for
review; a test fails when it differs from what the sample's reference files give), and every
build writes `/quan-tri/config.yml` beside the editor page from the data it publishes.
docs/editor.md says why Decap and how the pieces fit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import lxml.html
import yaml

from ..inputs.load import Dataset
from ..inputs.records import KIND_MODELS, EditorSettings, Withdrawal, WithdrawnList
from ..site import server
from ..site.preview import CONTEXT as PREVIEW_CONTEXT
from ..urls import URLS
from ..validation.rulebook import published_lists, rulebook

# The pinned Decap CMS bundle (package-lock.json) the build copies beside the editor page.
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
DECAP_SCRIPT = "decap-cms.js"
COMMITTED = Path("cms") / "config.yml"
# The project's own files of the editor page (the rulebook's evaluator, the checks run before a
# save, the Vietnamese strings and widgets, the styles for phones), copied beside Decap's bundle.
EDITOR_ASSETS = Path("editor")
# Loaded before Decap's bundle (before.js: Decap waits) and after it, in this order: each
# registers itself with window.CMS, and start.js starts Decap once all have.
EDITOR_SCRIPTS_BEFORE = ("before.js",)
EDITOR_SCRIPTS = ("rulebook.js", "checks.js", "editor.js", "preview.js", "start.js")
EDITOR_STYLES = ("editor.css",)
# Where decap-server (the local git backend, tests and offline work) listens by default.
LOCAL_PORT = 8081

_COLLECTIONS: dict[str, tuple[str, str, str]] = {
    # folder -> (label, singular label, field the file name comes from)
    "campaigns": ("Phong trào thi đua", "phong trào", "title"),
    "exemplars": ("Gương điển hình", "gương điển hình", "name"),
    "nominations": ("Danh sách lấy ý kiến", "danh sách", "title"),
}
# What one item of a list of field groups is called: the button reads "Thêm văn bản".
_SINGULAR = {
    "DocumentRef": "văn bản",
    "NomineeGroup": "nhóm khen thưởng",
    "Nominee": "người, tập thể",
    "Image": "ảnh",
    "AwardReceived": "khen thưởng",
    "Amendment": "đính chính",
    "Correction": "đính chính kết quả",
    "NomineeResult": "kết quả",
    "Withdrawal": "hồ sơ đã gỡ",
}
# How a collapsed item of such a list reads.
_ITEM_SUMMARY = {
    "DocumentRef": "{{fields.kind}} {{fields.number}}",
    "NomineeGroup": "{{fields.award}}",
    "Nominee": "{{fields.name}}",
    "Image": "{{fields.src}}",
    "AwardReceived": "{{fields.award}} ({{fields.year}})",
    "Amendment": "{{fields.date}}: {{fields.change}}",
    "Correction": "{{fields.date}}: {{fields.change}}",
    "NomineeResult": "{{fields.nominee}}: {{fields.result}}",
    "Withdrawal": "{{fields.kind}}/{{fields.id}}",
}
# Fields that name a record of another kind: (model, field) -> what the form offers.
_CHOICES: dict[tuple[str, str], str] = {
    ("Locality", "province"): "province",
    ("Campaign", "province"): "province",
    ("NomineeList", "province"): "province",
    ("Exemplar", "field"): "field",
    ("AwardReceived", "award"): "award",
    ("NomineeGroup", "award"): "award",
    ("Exemplar", "campaigns"): "campaign",
    ("Campaign", "parent"): "campaign",
    ("NomineeList", "campaign"): "campaign",
}
# Markdown written by hand in a plain text box: Decap's rich editor rewrites Markdown it did not
# write (emphasis marks, escapes, line breaks) on every save, so a record opened and saved would change.
_MARKDOWN = {("Campaign", "contents"), ("Exemplar", "story")}
# Fields only the project manages: kept in the file as they are, not shown.
_HIDDEN = {"old_ids"}
# Decap offers no read-only fields; what must not change after a list opens says so in its hint.
_OPENED_RULE = "Từ ngày mở lấy ý kiến không sửa trường này; mọi thay đổi phải ghi thành một mục đính chính."
_EXTRA_HINTS: dict[tuple[str, str], str] = {
    ("NomineeList", "groups"): _OPENED_RULE,
    ("Nominee", "id"): (
        "Trang biên tập tự đề xuất mã từ họ tên khi ô mã còn trống (chữ thường không dấu, chữ số và dấu gạch "
        "ngang, ví dụ nguyen-van-an); có thể sửa trước khi công bố. Mã dùng trong địa chỉ góp ý và kết quả: "
        "không đổi mã khi danh sách đã công bố."
    ),
    ("Nominee", "name"): _OPENED_RULE,
    ("NomineeList", "consultation"): _OPENED_RULE,
    ("NomineeList", "amendments"): (
        "Quy tắc đính chính: trước ngày mở lấy ý kiến, danh sách được sửa thoải mái; từ ngày mở, mỗi thay "
        "đổi (tên, thành tích, thời gian...) phải thêm một mục ở đây, ghi ngày, nội dung và lý do; không "
        "sửa, không xóa mục đã có. Kiểm tra dữ liệu trên yêu cầu hợp nhất sẽ báo nếu thiếu."
    ),
    ("NomineeList", "corrections"): "Chỉ thêm mục mới; không sửa, không xóa mục đã có.",
    ("NomineeList", "outcome"): "Chỉ điền sau khi hết hạn góp ý và có quyết định khen thưởng.",
}
# A picker is named by what the editor picks (a province by its name), not by the id the file
# holds ("Mã tỉnh, thành phố" in the record type, which YAML writers read); its hint says how.
_PICKED: dict[str, tuple[str, str]] = {
    "province": ("Tỉnh, thành phố", "Gõ vài chữ của tên tỉnh, thành phố rồi chọn trong danh sách."),
    "award": ("Hình thức khen thưởng", "Gõ vài chữ của tên hình thức khen thưởng rồi chọn trong danh sách."),
    "field": ("Lĩnh vực", "Chọn trong danh sách lĩnh vực của trang."),
    "campaign": ("Phong trào thi đua", "Gõ vài chữ của tên phong trào rồi chọn trong danh sách."),
}
_PICKED_LABELS = {
    ("Campaign", "parent"): "Phong trào cấp trên",
    ("Exemplar", "campaigns"): "Các phong trào thi đua",
    ("Campaign", "province"): "Tỉnh, thành phố (với phong trào địa phương)",
}
_LABEL_END = re.compile(r":| \(|;|, (dạng|nếu|ví dụ|mỗi|hiện|không|chỉ|dùng|duy nhất|theo|có thể|do|bỏ trống)\b")
# First in every form: what the rulebook says of the record as it is typed (editor/checks.js).
# It never has a value, so Decap writes nothing for it.
CHECK_FIELD: dict[str, Any] = {
    "name": "kiem_tra",
    "label": "Kiểm tra trước khi lưu",
    "widget": "kiem-tra",
    "required": False,
    "hint": "Trang biên tập kiểm tra hồ sơ theo đúng các quy tắc của trang (như lệnh site-builder validate) trong "
    "khi bạn gõ, và không cho lưu khi còn lỗi.",
}
# Typed day first, as Vietnamese writes dates; stored YYYY-MM-DD (editor/editor.js, widget "ngay").
# Decap's own datetime widget is the browser's date box, whose order follows the browser's
# language (mm/dd/yyyy in an English Chromium): a tester's typed dates were saved as 1906-10-12
# and 1904-02-02 (issue 34).
_DATE = {"widget": "ngay"}
_DATE_HINT = "Gõ ngày/tháng/năm, ví dụ 16/11/2026."
# A nominee's id, proposed from the name while it is empty (editor/editor.js, widget "ma-tu-ten").
_PROPOSED_ID = {("Nominee", "id"): "name"}


def _label(description: str, name: str) -> str:
    """The field's name in the form: its description up to the first explanation."""
    if not description:
        return name
    return _LABEL_END.split(description, maxsplit=1)[0].strip() or description


def _optional(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of a field's value, without the `null` of an optional field."""
    options = [option for option in schema.get("anyOf", []) if option.get("type") != "null"]
    if len(options) == 1:
        return {**schema, **options[0], "anyOf": None}
    return schema


def _length(schema: dict[str, Any]) -> tuple[list[str] | None, str]:
    """A pattern and its Vietnamese message for a text's shape or length, and a hint for it."""
    pattern = schema.get("pattern")
    longest = schema.get("maxLength")
    if pattern and pattern.startswith("^[a-z0-9]"):
        return [pattern, "Chỉ chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ nguyen-van-an"], ""
    if pattern and "https?" in pattern:
        return [pattern, "Cần một địa chỉ bắt đầu bằng https:// hoặc http://"], ""
    if pattern and "@" in pattern:
        return [pattern, "Cần một địa chỉ thư điện tử, ví dụ gopy@example.gov.vn"], ""
    if pattern and pattern.startswith(r"^\d{1,6}"):
        return [pattern, "Cần số, ký hiệu văn bản dạng 19/CT-TTg hoặc 06/2022/QH15"], ""
    if pattern:
        return [pattern, "Giá trị không đúng dạng"], ""
    if longest:
        words = f"{longest:,}".replace(",", ".")
        return [rf"^[\s\S]{{1,{longest}}}$", f"Tối đa {words} ký tự"], f"Tối đa {words} ký tự."
    return None, ""


class _Generator:
    def __init__(self, defs: dict[str, Any], values: dict[str, Any]) -> None:
        self.defs = defs
        self.values = values

    def fields(self, model: str, schema: dict[str, Any], optional_group: bool = False) -> list[dict[str, Any]]:
        required = set(schema.get("required", []))
        return [
            self.field(model, name, sub, name in required and not optional_group)
            for name, sub in schema.get("properties", {}).items()
        ]

    def _group(self, ref: str) -> tuple[str, dict[str, Any]]:
        name = ref.rsplit("/", 1)[1]
        return name, self.defs[name]

    def field(self, model: str, name: str, raw: dict[str, Any], required: bool) -> dict[str, Any]:
        schema = _optional(raw)
        description = raw.get("description") or schema.get("description") or ""
        out: dict[str, Any] = {"name": name, "label": _label(description, name)}
        # The description is the hint unless the label already says all of it.
        hints = [description] if description and description != out["label"] else []
        if (model, name) in _EXTRA_HINTS:
            hints.append(_EXTRA_HINTS[(model, name)])
        if name in _HIDDEN:
            out["widget"] = "hidden"
            out["required"] = False
            return out
        choice = _CHOICES.get((model, name))
        kind = schema.get("type")
        if choice:
            label, how = _PICKED[choice]
            out["label"] = _PICKED_LABELS.get((model, name), label)
            hints = [how, *hints[1:]] if hints and hints[0] == description else [how, *hints]
        if choice == "campaign":
            out.update(
                widget="relation",
                collection="campaigns",
                value_field="{{slug}}",
                search_fields=["title"],
                display_fields=["title"],
                options_length=50,
            )
            if kind == "array":
                out["multiple"] = True
        elif choice:
            out.update(widget="select", options=self.values[choice])
            if kind == "array":
                out["multiple"] = True
        elif (model, name) in _PROPOSED_ID:
            out.update(widget="ma-tu-ten", proposed_from=_PROPOSED_ID[(model, name)])
            pattern, _ = _length(schema)
            if pattern:
                out["pattern"] = pattern
        elif (model, name) == ("Image", "src"):
            out.update(widget="image", choose_url=False)
            hints.append("Tải ảnh lên từ máy; ảnh được lưu trong data/images/.")
        elif "$ref" in schema:
            group, sub = self._group(schema["$ref"])
            optional_group = not required
            out.update(widget="object", collapsed=optional_group, fields=self.fields(group, sub, optional_group))
            if optional_group:
                hints.append("Không bắt buộc; nếu điền nhóm này thì điền đủ các trường bắt buộc của nó.")
        elif kind == "array":
            items = schema.get("items", {})
            if "$ref" in items:
                group, sub = self._group(items["$ref"])
                out.update(
                    widget="list",
                    label_singular=_SINGULAR.get(group, "mục"),
                    summary=_ITEM_SUMMARY.get(group, ""),
                    collapsed=True,
                    fields=self.fields(group, sub),
                )
            elif "enum" in items:
                out.update(widget="select", multiple=True, options=list(items["enum"]))
            else:
                item = self.field(model, name, items, True)
                item["name"] = name.removesuffix("s") or name
                item["label"] = out["label"]
                out.update(widget="list", field=item)
            if schema.get("minItems"):
                out["min"] = schema["minItems"]
            if schema.get("maxItems"):
                out["max"] = schema["maxItems"]
        elif (model, name) == ("Withdrawal", "kind"):
            # The file holds the folder's name; the form shows the kind of record it holds.
            out.update(widget="select", options=[{"label": _COLLECTIONS[v][0], "value": v} for v in schema["enum"]])
            out["label"] = "Loại hồ sơ"
            hints = ["Loại của hồ sơ đã gỡ."]
        elif "enum" in schema:
            out.update(widget="select", options=list(schema["enum"]))
        elif kind == "string" and schema.get("format") == "date":
            out.update(_DATE)
            # "dạng 2021-07-16" in a description is for those who write the file, not the form.
            hints = [re.sub(r", dạng \d{4}-\d{2}-\d{2}$", "", hint) for hint in hints]
            hints = [hint for hint in hints if hint != out["label"]] + [_DATE_HINT]
        elif kind == "integer":
            out.update(widget="number", value_type="int")
            if "minimum" in schema:
                out["min"] = schema["minimum"]
            if "maximum" in schema:
                out["max"] = schema["maximum"]
        elif kind == "boolean":
            out.update(widget="boolean")
        else:
            long_text = (schema.get("maxLength") or 0) >= 500 and "pattern" not in schema
            out["widget"] = "text" if long_text or (model, name) in _MARKDOWN else "string"
            pattern, limit = _length(schema)
            if pattern:
                out["pattern"] = pattern
            if limit:
                hints.append(limit)
            if (model, name) in _MARKDOWN:
                hints.append("Viết Markdown: **đậm**, *nghiêng*, dòng trống giữa hai đoạn.")
        if not required:
            out["required"] = False
        if hints:
            out["hint"] = " ".join(hint if hint.endswith((".", "?", "!")) else f"{hint}." for hint in hints)
        return out


def _values(data: Dataset) -> dict[str, Any]:
    return {
        "province": [{"label": f"{p.kind} {p.name}", "value": pid} for pid, p in data.provinces.items()],
        "award": [{"label": f"{a.name} ({', '.join(a.recipients)})", "value": aid} for aid, a in data.awards.items()],
        "field": list(data.settings.fields),
    }


def _schema_with_defs(model: type[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    schema = model.model_json_schema()
    return schema, schema.get("$defs", {})


def cms_config(data: Dataset, local_port: int = LOCAL_PORT) -> dict[str, Any]:
    """The whole Decap configuration for this data folder's reference values."""
    values = _values(data)
    editor = data.settings.editor
    local = f"http://127.0.0.1:{local_port}/api/v1"
    backend: dict[str, Any]
    if editor is None:
        # No repository named in site.yml (the sample): only decap-server on this machine.
        backend = {"name": "proxy", "proxy_url": local, "branch": "main"}
    elif editor.host == "gitlab":
        # PKCE: the browser signs in with GitLab itself, with no secret and no service of the agency's.
        gitlab = server.gitlab(editor)
        backend = {
            "name": "gitlab",
            "repo": editor.repo,
            "branch": editor.branch,
            "auth_type": "pkce",
            "app_id": editor.app_id,
            "base_url": gitlab,
            "auth_endpoint": "oauth/authorize",
            "api_root": f"{gitlab}/api/v4",
        }
    else:
        backend = {"name": "github", "repo": editor.repo, "branch": editor.branch}
        if editor.auth_url:
            backend["base_url"] = editor.auth_url.rstrip("/")
    backend["commit_messages"] = {
        "create": 'Thêm {{collection}} "{{slug}}" (trang biên tập)',
        "update": 'Sửa {{collection}} "{{slug}}" (trang biên tập)',
        "delete": 'Xóa {{collection}} "{{slug}}" (trang biên tập)',
        "uploadMedia": 'Tải ảnh "{{path}}" (trang biên tập)',
        "deleteMedia": 'Xóa ảnh "{{path}}" (trang biên tập)',
    }
    if backend["name"] == "github":
        # The draft's preview: the workflow posts its address as a commit status of this context
        # (docs/ci.md); Decap shows it as the entry's preview link, opened at the record's page
        # (preview_path). GitLab shows a merge request's preview as its environment instead.
        backend["preview_context"] = PREVIEW_CONTEXT
    pages = {"campaigns": URLS.campaign, "exemplars": URLS.exemplar, "nominations": URLS.nomination}
    collections: list[dict[str, Any]] = []
    for folder, model in KIND_MODELS.items():
        label, singular, identifier = _COLLECTIONS[folder]
        schema, defs = _schema_with_defs(model)
        generator = _Generator(defs, values)
        collections.append(
            {
                "name": folder,
                "label": label,
                "label_singular": singular,
                "description": (schema.get("description") or "").strip(),
                "folder": f"data/{folder}",
                "format": "yml",
                "extension": "yml",
                "create": True,
                # A published record is withdrawn (withdrawn.yml), never deleted: its address must answer.
                "delete": False,
                "identifier_field": identifier,
                "slug": "{{slug}}",
                "summary": f"{{{{{identifier}}}}} ({{{{published}}}})",
                "sortable_fields": [identifier, "published"],
                "preview_path": pages[folder]("{{slug}}"),
                # The record's page as the build renders it, from the draft (editor/preview.js).
                "editor": {"preview": True},
                "fields": [CHECK_FIELD, *generator.fields(model.__name__, schema)],
            }
        )
    schema, defs = _schema_with_defs(WithdrawnList)
    generator = _Generator(defs, values)
    collections.append(
        {
            "name": "withdrawn",
            "label": "Hồ sơ đã gỡ",
            "description": (Withdrawal.__doc__ or "").strip(),
            "delete": False,
            "editor": {"preview": False},
            "files": [
                {
                    "name": "withdrawn",
                    "label": "Danh sách hồ sơ đã gỡ",
                    "file": "data/withdrawn.yml",
                    "fields": generator.fields("WithdrawnList", schema),
                }
            ],
        }
    )
    config: dict[str, Any] = {"backend": backend}
    if editor is not None:
        # decap-server on this machine (editing a local clone offline): used instead of GitHub
        # only when the page itself is opened from 127.0.0.1 or localhost and the server answers.
        config["local_backend"] = {"url": local, "allowed_hosts": ["127.0.0.1", "localhost"]}
    return config | {
        "publish_mode": "editorial_workflow",
        "locale": "vi",
        "site_url": data.settings.url,
        "display_url": data.settings.url,
        "show_preview_links": True,
        "search": True,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "media_folder": "data/images",
        "public_folder": URLS.IMAGES,
        "collections": collections,
    }


HEADER = (
    "# Cấu hình trang biên tập /quan-tri/ (Decap CMS), do site-builder schema viết ra từ các kiểu hồ sơ\n"
    "# (site_builder/inputs/records.py) và các tệp tham chiếu trong data/; đừng sửa tay. Mỗi lần dựng trang\n"
    "# viết lại tệp này vào /quan-tri/config.yml theo dữ liệu đang dựng. Xem docs/editor.md.\n"
)


class _Dumper(yaml.SafeDumper):
    """Every value written out where it is used: no &anchors and *aliases for a reviewer to chase."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dumps(config: dict[str, Any]) -> str:
    return HEADER + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def write(root: Path, data: Dataset) -> Path:
    path = root / COMMITTED
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(cms_config(data)), encoding="utf-8")
    return path


EDITOR_PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="same-origin">
<title>Trang biên tập hồ sơ</title>
<link rel="icon" href="data:,">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
{styles}</head>
<body data-pagefind-ignore="all">
<noscript>Trang biên tập cần bật JavaScript.</noscript>
{before}<script src="{script}"></script>
{scripts}</body>
</html>
"""

# The editor's own policy, in one place with the pages' (site/server.py): its nginx location sends
# the same one as a header, with frame-ancestors.


editor_csp = server.editor_csp
EDITOR_CSP = server.EDITOR_CSP


def editor_page(assets: Sequence[str] = (), editor: EditorSettings | None = None) -> str:
    """The page, with those of the project's own scripts and styles that are among `assets`."""
    styles = "".join(f'<link rel="stylesheet" href="{name}">\n' for name in EDITOR_STYLES if name in assets)
    scripts = "".join(f'<script src="{name}"></script>\n' for name in EDITOR_SCRIPTS if name in assets)
    # Decap waits for start.js only where start.js is there to start it.
    before = "".join(
        f'<script src="{name}"></script>\n' for name in EDITOR_SCRIPTS_BEFORE if name in assets and "start.js" in assets
    )
    return EDITOR_PAGE.format(
        csp=editor_csp(editor), script=DECAP_SCRIPT, styles=styles, scripts=scripts, before=before
    )


# What the editor's check before a save reads (editor/checks.js): the rules of one record as data,
# and each nominee list as the site publishes it.
RULEBOOK = "rulebook.json"
PUBLISHED = "da-cong-bo/"


def labels(config: dict[str, Any]) -> dict[str, Any]:
    """Each collection's fields by name, with the label the form shows and those of their fields:
    a problem at groups[1].nominees[0].name is shown under the form's own words."""

    def tree(fields: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in fields:
            node: dict[str, Any] = {"label": field["label"]}
            if "label_singular" in field:
                node["item"] = field["label_singular"]
            inner = field.get("fields") or ([field["field"]] if "field" in field else [])
            if inner and "fields" in field:
                node["fields"] = tree(inner)
            out[field["name"]] = node
        return out

    return {c["name"]: tree(c["fields"]) for c in config["collections"] if "fields" in c}


def preview_settings(data: Dataset, page: bytes | None) -> dict[str, Any]:
    """What the preview pane (editor/preview.js) needs besides the draft's page: where to ask for it,
    the site's stylesheets (hashed by the build) and the theme's elements around a page's content,
    both read from `page`, a page the build made; and where a draft's pull request is.

    Taken from a built page rather than written here, so the pane shows a page as the site does
    whatever the theme or the assets' names become."""
    styles: list[str] = []
    frame: list[list[Any]] = []
    if page:
        tree = lxml.html.fromstring(page)
        styles = [
            str(href)
            for href in tree.xpath('//head/link[@rel="stylesheet"]/@href')
            if "://" not in str(href) and not str(href).startswith("/")
        ]
        found = tree.xpath('//article[contains(concat(" ", @class, " "), " md-typeset ")]')
        if found:
            # From <html> down to the article that holds a page's body: their tags and attributes.
            frame = [
                [element.tag, dict(element.attrib)] for element in [*reversed(list(found[0].iterancestors())), found[0]]
            ]
    editor = data.settings.editor
    review: dict[str, str] | None = None
    if editor is not None:
        host = server.gitlab(editor) if editor.host == "gitlab" else "https://github.com"
        review = {"host": editor.host, "url": f"{host}/{editor.repo}"}
    return {
        "address": URLS.editor_preview().removeprefix(URLS.editor()),
        "styles": styles,
        "frame": frame,
        "review": review,
    }


def compact(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def editor_files(root: Path, data: Dataset, page: bytes | None = None) -> dict[str, bytes] | None:
    """Every file of the editor page, by path in the site; None when the bundle is not installed.

    page: the site's home page as built, whose styles and frame the preview pane takes."""
    dist = root / DECAP_DIST
    if not (dist / DECAP_SCRIPT).is_file():
        return None
    base = URLS.editor()
    own = root / EDITOR_ASSETS
    names = (*EDITOR_SCRIPTS_BEFORE, *EDITOR_SCRIPTS, *EDITOR_STYLES)
    assets = {name: (own / name).read_bytes() for name in names if (own / name).is_file()}
    config = cms_config(data)
    book = rulebook(data) | {"labels": labels(config)}
    files = {
        f"{base}index.html": editor_page(tuple(assets), data.settings.editor).encode(),
        f"{base}config.yml": dumps(config).encode(),
        f"{base}{RULEBOOK}": compact(book),
        URLS.editor_preview_settings(): compact(preview_settings(data, page)),
        **{f"{base}{name}": content for name, content in assets.items()},
        **{f"{base}{PUBLISHED}{lid}.json": compact(item) for lid, item in published_lists(data).items()},
    }
    for path in sorted(dist.iterdir()):
        # The bundle, the parts it loads when needed, its WebAssembly and licence. Not the source maps
        # (3/4 of the package, for Decap's own developers) nor the second build (cms.js, N.cms.js).
        name = path.name
        extra = name.endswith((".wasm", ".LICENSE.txt")) and not name.startswith("cms.")
        if extra or name == DECAP_SCRIPT or name.endswith(f".{DECAP_SCRIPT}"):
            files[f"{base}{name}"] = path.read_bytes()
    return files
