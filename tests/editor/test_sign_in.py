"""Where the editor saves and how editors sign in: GitHub with an OAuth service, or GitLab with PKCE
(no server of the agency's), on gitlab.com or the agency's own GitLab.

The GitLab flow is followed in Chromium as far as the network goes: Playwright's routing plays the
GitLab host, catches the redirect to its authorize address (with a code challenge), sends the
browser back with a code, and answers the token request, whose code verifier must hash to the
challenge sent first (RFC 7636, S256).
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import yaml

from site_builder.commands import cms_config
from site_builder.commands.cli import parse_now
from site_builder.inputs import records
from site_builder.inputs.load import Dataset, load_dataset
from site_builder.site import server
from site_builder.validation.validate import validate

from ..browser import serve
from ..conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW, DataDir

AGENCY_GITLAB = "https://gitlab.sonoivu.example.gov.vn"
APP_ID = "4f1c2b7a9e8d6c5b4a3f2e1d0c9b8a7f"


def with_editor(sample: Dataset, **editor: Any) -> Dataset:
    settings = sample.settings.model_copy(update={"editor": records.EditorSettings(**editor)})
    return Dataset(**{**sample.__dict__, "settings": settings})


@pytest.fixture(scope="module")
def sample() -> Dataset:
    data, problems = load_dataset(SAMPLE_DATA)
    assert data is not None and not problems
    return data


def test_gitlab_com_signs_in_with_pkce_and_no_service(sample: Dataset) -> None:
    config = cms_config.cms_config(with_editor(sample, host="gitlab", repo="so-noi-vu/thi-dua", app_id=APP_ID))
    assert config["backend"] == {
        "name": "gitlab",
        "repo": "so-noi-vu/thi-dua",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": APP_ID,
        "base_url": "https://gitlab.com",
        "auth_endpoint": "oauth/authorize",
        "api_root": "https://gitlab.com/api/v4",
        "commit_messages": config["backend"]["commit_messages"],
    }
    assert config["publish_mode"] == "editorial_workflow"


def test_the_agencys_own_gitlab_is_named_in_the_configuration_and_the_policy(sample: Dataset) -> None:
    data = with_editor(
        sample, host="gitlab", repo="thi-dua/du-lieu/trang-chinh", app_id=APP_ID, gitlab_url=AGENCY_GITLAB + "/"
    )
    backend = cms_config.cms_config(data)["backend"]
    assert backend["base_url"] == AGENCY_GITLAB and backend["api_root"] == f"{AGENCY_GITLAB}/api/v4"
    assert backend["repo"] == "thi-dua/du-lieu/trang-chinh"
    policy = server.editor_csp(data.settings.editor)
    connect = next(part for part in policy.split("; ") if part.startswith("connect-src"))
    assert AGENCY_GITLAB in connect and "api.github.com" not in policy
    # GitHub keeps its API and no GitLab.
    github = server.editor_csp(records.EditorSettings(repo="so-noi-vu/thi-dua"))
    assert "https://api.github.com" in github and "gitlab" not in github


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        (
            "  host: gitlab\n  repo: so-noi-vu/thi-dua\n",
            "editor.app_id: kho trên GitLab cần mã ứng dụng để biên tập viên đăng nhập",
        ),
        (
            f"  repo: so-noi-vu/thi-dua\n  app_id: {APP_ID}\n",
            "editor.app_id: app_id chỉ dùng khi kho ở GitLab (editor.host: gitlab); bỏ trường này",
        ),
        (
            f"  host: gitlab\n  repo: so-noi-vu/thi-dua\n  app_id: {APP_ID}\n  auth_url: https://dang-nhap.example.gov.vn\n",
            "editor.auth_url: đăng nhập GitLab không cần dịch vụ đăng nhập riêng",
        ),
    ],
    ids=["gitlab-without-app-id", "app-id-on-github", "oauth-service-on-gitlab"],
)
def test_what_each_host_needs_is_checked_in_vietnamese(data_dir: DataDir, editor: str, expected: str) -> None:
    site = (data_dir.root / "site.yml").read_text(encoding="utf-8")
    data_dir.write("site.yml", site + "editor:\n" + editor)
    data, problems = load_dataset(data_dir.root)
    assert data is not None and not problems, problems
    found = [f"{p.field}: {p.message}" for p in validate(data, parse_now(SAMPLE_NOW))]
    assert any(message.startswith(expected) for message in found), found


def test_the_sign_in_goes_to_gitlab_with_a_code_challenge_and_comes_back_for_a_token(
    sample: Dataset, chromium: Any, tmp_path: Path
) -> None:
    data = with_editor(sample, host="gitlab", repo="thi-dua/du-lieu", app_id=APP_ID, gitlab_url=AGENCY_GITLAB)
    files = cms_config.editor_files(ROOT, data)
    assert files is not None, "Decap's bundle is not installed"
    for path, content in files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    served = yaml.safe_load((tmp_path / "quan-tri" / "config.yml").read_text(encoding="utf-8"))
    assert served["backend"]["auth_type"] == "pkce"
    seen: dict[str, Any] = {}

    def gitlab(route: Any) -> None:
        request = route.request
        url = urlparse(request.url)
        if url.path == "/oauth/authorize":
            query = {key: values[0] for key, values in parse_qs(url.query).items()}
            seen["authorize"] = query
            back = f"{query['redirect_uri']}?{urlencode({'code': 'ma-thu', 'state': query['state']})}"
            route.fulfill(status=302, headers={"Location": back})
        elif url.path == "/oauth/token":
            seen["token"] = request.post_data or ""
            body = json.dumps({"access_token": "the-token", "token_type": "Bearer", "expires_in": 7200})
            route.fulfill(status=200, content_type="application/json", body=body)
        else:
            seen.setdefault("api", []).append((url.path, request.headers.get("authorization", "")))
            route.fulfill(status=404, content_type="application/json", body="{}")

    with serve(tmp_path) as url:
        context = chromium.new_context(locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(30_000)
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.route(f"{AGENCY_GITLAB}/**", gitlab)
        page.goto(url + "quan-tri/")
        button = page.get_by_role("button", name="GitLab")
        button.wait_for()
        assert not [error for error in errors if "Content Security Policy" in error], errors
        button.click()
        page.wait_for_function("() => window.location.search.includes('code=') || document.body.innerText.length > 0")
        page.wait_for_timeout(2_000)
        context.close()
    authorize = seen["authorize"]
    assert authorize["client_id"] == APP_ID
    assert authorize["response_type"] == "code" and authorize["code_challenge_method"] == "S256"
    assert authorize["redirect_uri"].startswith(url + "quan-tri/")
    # The token request proves the verifier the browser kept hashes to the challenge it sent.
    assert "token" in seen, seen
    sent = seen["token"]
    token = json.loads(sent) if sent.startswith("{") else {key: values[0] for key, values in parse_qs(sent).items()}
    assert token["code"] == "ma-thu" and token["client_id"] == APP_ID
    digest = hashlib.sha256(token["code_verifier"].encode("ascii")).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii") == authorize["code_challenge"]
    # Then the API of that host, with the token.
    assert any(auth == "Bearer the-token" for _, auth in seen.get("api", [])), seen.get("api")


def test_the_servers_header_for_the_editor_names_the_same_host_as_its_page(sample: Dataset) -> None:
    data = with_editor(sample, host="gitlab", repo="thi-dua/du-lieu", app_id=APP_ID, gitlab_url=AGENCY_GITLAB)
    policy = server.editor_csp(data.settings.editor)
    conf = server.nginx(server.Facts(data.settings.url, [], [], policy))
    assert f"{policy}; frame-ancestors 'none'" in conf
    # connect-src and img-src of the editor's location and of its preview's (quan-tri/xem-truoc), nowhere else
    assert conf.count(AGENCY_GITLAB) == 4
