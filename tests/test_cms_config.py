"""The web editor's configuration follows the record types, and its page stays apart from the site.

cms/config.yml is what `site-builder schema` writes for the sample's reference files; it fails
here when a record type changes without regenerating it. The built sample has /quan-tri/ with its
own policy, out of the sitemap, the search index and the feeds.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import html
from pydantic import Field, create_model

from site_builder.commands import cms_config
from site_builder.inputs import records
from site_builder.inputs.load import Dataset, load_dataset
from site_builder.urls import URLS

from .conftest import ROOT, SAMPLE_DATA, DataDir


@pytest.fixture(scope="module")
def sample() -> Dataset:
    data, problems = load_dataset(SAMPLE_DATA)
    assert data is not None, problems
    return data


@pytest.fixture(scope="module")
def config(sample: Dataset) -> dict[str, Any]:
    return cms_config.cms_config(sample)


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(item for item in config["collections"] if item["name"] == name)


def fields(parent: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in parent["fields"]}


def test_committed_configuration_is_current(sample: Dataset) -> None:
    committed = (ROOT / cms_config.COMMITTED).read_text(encoding="utf-8")
    assert committed == cms_config.dumps(cms_config.cms_config(sample)), (
        "cms/config.yml is stale: run site-builder schema"
    )


def test_a_field_added_to_a_record_type_makes_it_stale(sample: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    wider = create_model(
        "Exemplar",
        __base__=records.Exemplar,
        nickname=(str | None, Field(default=None, description="Tên thường gọi")),
    )
    monkeypatch.setitem(records.KIND_MODELS, "exemplars", wider)
    monkeypatch.setattr(cms_config, "KIND_MODELS", records.KIND_MODELS)
    regenerated = cms_config.dumps(cms_config.cms_config(sample))
    assert "name: nickname" in regenerated
    assert regenerated != (ROOT / cms_config.COMMITTED).read_text(encoding="utf-8")


def declared(items: list[dict[str, Any]]) -> list[str]:
    return [item["name"] for item in items]


@pytest.mark.parametrize("kind", list(records.KIND_MODELS))
def test_every_key_of_a_record_is_declared_in_its_order(config: dict[str, Any], kind: str) -> None:
    """Decap writes keys in the configuration's order only when every key of the file is declared."""
    model = records.KIND_MODELS[kind]
    assert declared(collection(config, kind)["fields"]) == [cms_config.CHECK_FIELD["name"], *model.model_fields]


def test_collections_labels_requirements_and_limits(config: dict[str, Any]) -> None:
    assert [item["name"] for item in config["collections"]] == ["campaigns", "exemplars", "nominations", "withdrawn"]
    assert config["locale"] == "vi" and config["publish_mode"] == "editorial_workflow"
    assert config["media_folder"] == "data/images" and config["public_folder"] == "images"
    exemplar = fields(collection(config, "exemplars"))
    assert exemplar["name"]["label"] == "Họ tên cá nhân, tên tập thể hoặc hộ gia đình"
    assert exemplar["name"]["pattern"] == [r"^[\s\S]{1,200}$", "Tối đa 200 ký tự"]
    assert "required" not in exemplar["name"] and exemplar["role"]["required"] is False
    # Typed dd/mm/yyyy, stored YYYY-MM-DD by the project's own widget (editor/editor.js).
    assert exemplar["published"]["widget"] == "ngay" and "16/11/2026" in exemplar["published"]["hint"]
    assert exemplar["old_ids"]["widget"] == "hidden"
    assert {"widget": "relation", "collection": "campaigns", "multiple": True}.items() <= exemplar["campaigns"].items()
    # Pickers named by what the editor picks, not by the id the file holds.
    assert fields(exemplar["locality"])["province"]["label"] == "Tỉnh, thành phố"
    assert exemplar["field"]["label"] == "Lĩnh vực" and exemplar["campaigns"]["label"] == "Các phong trào thi đua"
    provinces = fields(exemplar["locality"])["province"]["options"]
    assert len(provinces) == 34 and {"label": "tỉnh Đồng Tháp", "value": "dong-thap"} in provinces
    assert "nông nghiệp" in exemplar["field"]["options"]
    assert fields(exemplar["images"])["src"]["widget"] == "image"
    listing = fields(collection(config, "nominations"))
    groups = fields(listing["groups"])
    assert listing["groups"]["min"] == 1 and groups["award"]["widget"] == "select"
    assert {"label": "Giấy khen (cá nhân, tập thể, hộ gia đình)", "value": "giay-khen"} in groups["award"]["options"]
    nominee = fields(groups["nominees"])
    assert nominee["recipient_kind"]["options"] == ["cá nhân", "tập thể", "hộ gia đình"]
    assert {"widget": "ma-tu-ten", "proposed_from": "name"}.items() <= nominee["id"].items()
    assert "không đổi mã khi danh sách đã công bố" in nominee["id"]["hint"] and nominee["id"]["pattern"]
    assert "không sửa" in listing["amendments"]["hint"]
    assert groups["award"]["label"] == "Hình thức khen thưởng" and listing["province"]["label"] == "Tỉnh, thành phố"
    assert listing["campaign"]["widget"] == "relation" and "multiple" not in listing["campaign"]
    assert listing["campaign"]["label"] == "Phong trào thi đua"
    # An optional group of fields: nothing inside it is required by the form (validate checks the rest).
    assert all(item.get("required") is False for item in listing["channels"]["fields"])
    withdrawn = collection(config, "withdrawn")["files"][0]
    assert withdrawn["file"] == "data/withdrawn.yml"
    assert declared(fields(withdrawn)["withdrawn"]["fields"]) == list(records.Withdrawal.model_fields)


def field_tree(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every field of a list of fields, nested ones included."""
    out = []
    for item in items:
        out.append(item)
        out.extend(field_tree(item.get("fields", []) + ([item["field"]] if "field" in item else [])))
    return out


def test_no_label_or_hint_names_a_key_of_the_file(config: dict[str, Any]) -> None:
    """The form speaks of what the editor sees ("ngày bắt đầu"), not the YAML keys ("opens, closes")."""
    every = [
        item
        for kind in config["collections"]
        for items in [kind.get("fields", []), *[file["fields"] for file in kind.get("files", [])]]
        for item in field_tree(items)
    ]
    keys = {item["name"] for item in every}
    words = re.compile(r"(?<![\w{/.'-])[a-z_]+(?![\w}/.'-])")
    named = {
        (item["name"], text): sorted(set(words.findall(text)) & keys)
        for item in every
        for text in (item["label"], item.get("hint", ""))
    }
    assert {where: found for where, found in named.items() if found} == {}
    assert not [
        item["label"]
        for item in every
        if item["label"].startswith("Mã ") and item.get("widget") in ("select", "relation")
    ]
    assert "dạng 2021" not in str(every) and "Chọn ngày trên lịch" not in str(every)


def test_an_optional_field_left_empty_by_the_editor_is_absent(data_dir: DataDir) -> None:
    """Decap writes `theme: ""` for an optional field typed in and cleared; a required one stays refused."""
    text = (SAMPLE_DATA / "campaigns" / "cho-don-2021.yml").read_text(encoding="utf-8")
    data_dir.write("campaigns/cho-don-2021.yml", text.replace("theme: ", 'updated: ""\ntheme: ', 1))
    data, problems = load_dataset(data_dir.root)
    assert data is not None and not [p for p in problems if p.severity == "error"], problems
    assert data.campaigns["cho-don-2021"].updated is None
    data_dir.write("campaigns/cho-don-2021.yml", text.replace("launched_by: ", 'launched_by: ""\nx: ', 1))
    _, problems = load_dataset(data_dir.root)
    assert any("launched_by" in str(problem) for problem in problems)


def test_without_the_bundle_there_is_no_editor(sample: Dataset, tmp_path: Path) -> None:
    assert cms_config.editor_files(tmp_path, sample) is None


def test_the_built_site_has_the_editor_page_with_its_own_policy(sample_site: Path) -> None:
    folder = sample_site / URLS.editor()
    page = html.fromstring((folder / "index.html").read_bytes())
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "script-src 'self' 'unsafe-eval'" in policy and "style-src 'self' 'unsafe-inline'" in policy
    assert page.xpath("//link[@rel='cms-config-url']/@href") == ["config.yml"]
    own = [name for name in cms_config.EDITOR_SCRIPTS if (ROOT / cms_config.EDITOR_ASSETS / name).is_file()]
    first = [name for name in cms_config.EDITOR_SCRIPTS_BEFORE if (ROOT / cms_config.EDITOR_ASSETS / name).is_file()]
    assert page.xpath("//script/@src") == [*first, cms_config.DECAP_SCRIPT, *own]
    assert first == ["before.js"] and own[-1] == "start.js"
    for name in [*first, *own]:
        assert (folder / name).read_bytes() == (ROOT / cms_config.EDITOR_ASSETS / name).read_bytes()
    assert (folder / cms_config.DECAP_SCRIPT).stat().st_size > 1_000_000
    assert not list(folder.glob("*.map")) and not (folder / "cms.js").exists()
    served = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
    assert [item["name"] for item in served["collections"]] == ["campaigns", "exemplars", "nominations", "withdrawn"]
    # The rest of the site keeps its own policy, without what Decap needs.
    home = html.fromstring((sample_site / "index.html").read_bytes())
    site_policy = home.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "'unsafe-eval'" not in site_policy and "'unsafe-inline'" not in site_policy


def test_the_editor_is_not_in_the_sitemap_the_search_index_or_the_feeds(sample_site: Path) -> None:
    editor = URLS.editor()
    assert editor not in (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    for folder in (URLS.SEARCH_INDEX, URLS.FEEDS):
        for path in (sample_site / folder).rglob("*"):
            if path.suffix in (".json", ".xml", ".opml", ".pf_meta") and path.is_file():
                assert editor.encode() not in path.read_bytes(), path


def test_the_repository_and_sign_in_service_of_site_yml_make_a_github_backend(sample: Dataset) -> None:
    editor = records.EditorSettings(repo="so-noi-vu/thi-dua", auth_url="https://dang-nhap.example.gov.vn/")
    original = sample.settings
    try:
        sample.settings = original.model_copy(update={"editor": editor})
        config = cms_config.cms_config(sample)
    finally:
        sample.settings = original
    assert {"name": "github", "repo": "so-noi-vu/thi-dua", "branch": "main"}.items() <= config["backend"].items()
    assert config["backend"]["base_url"] == "https://dang-nhap.example.gov.vn"
    assert config["local_backend"]["allowed_hosts"] == ["127.0.0.1", "localhost"]
    # Without it (the sample), only decap-server on this machine: no GitHub call from a page with no repository.
    assert cms_config.cms_config(sample)["backend"]["name"] == "proxy"


def test_the_built_sample_editor_loads_with_no_error_and_no_request_elsewhere(site_url: str, browser_page: Any) -> None:
    """Served as built, with no decap-server: the sign-in page shows in Vietnamese, nothing fails."""
    errors: list[str] = []
    requests: list[str] = []
    browser_page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.on("request", lambda request: requests.append(request.url))
    browser_page.goto(site_url + URLS.editor())
    browser_page.get_by_role("button", name="Đăng nhập").wait_for()
    browser_page.wait_for_timeout(500)
    assert errors == []
    assert requests and all(url.startswith(site_url) for url in requests), requests
    assert browser_page.title() == "Trang biên tập hồ sơ"


def test_the_editor_links_each_draft_to_its_preview(sample: Dataset, config: dict[str, Any]) -> None:
    """Decap shows the commit status the preview job posts (.github/workflows/site.yml) as the
    draft's preview link, opened at the record's page."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    [status] = [step for step in workflow["jobs"]["preview"]["steps"] if step.get("id") == "status"]
    original = sample.settings
    try:
        sample.settings = original.model_copy(update={"editor": records.EditorSettings(repo="so-noi-vu/thi-dua")})
        backend = cms_config.cms_config(sample)["backend"]
    finally:
        sample.settings = original
    assert f"-f context={backend['preview_context']} " in status["run"]
    assert "deploy" in backend["preview_context"]
    # Only GitHub gets the status: decap-server on this machine (the sample) has no previews.
    assert "preview_context" not in config["backend"]
    assert config["show_preview_links"] is True
    paths = {item["name"]: item.get("preview_path") for item in config["collections"]}
    assert paths == {
        "campaigns": URLS.campaign("{{slug}}"),
        "exemplars": URLS.exemplar("{{slug}}"),
        "nominations": URLS.nomination("{{slug}}"),
        "withdrawn": None,
    }
