"""The preview service renders a draft as the build renders the record (site/draft.py,
commands/preview_server.py), refuses what the build refuses under the form's labels, and answers
any request in bounded size and time with a Vietnamese sentence, never a traceback."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.commands import preview_server
from site_builder.commands.build import list_histories
from site_builder.inputs.load import load_dataset
from site_builder.model.site_model import SiteModel
from site_builder.site.draft import Drafts
from site_builder.site.site import Site
from site_builder.urls import URLS
from site_builder.validation.history import read_history

from ..browser import free_port
from ..conftest import SAMPLE_DATA

LIST = "can-tho-2026-khen-thuong-nha-nuoc"
READER_MS = int(datetime.fromisoformat("2026-11-25T09:00:00+07:00").timestamp() * 1000)
KINDS = {"campaigns": "campaign", "exemplars": "exemplar", "nominations": "nomination"}


def record(kind: str, rid: str) -> dict[str, Any]:
    """A record file as the form holds it: JSON values (dates as text)."""
    parsed = yaml.safe_load((SAMPLE_DATA / kind / f"{rid}.yml").read_text(encoding="utf-8"))
    return dict(json.loads(json.dumps(parsed, default=str)))


@pytest.fixture(scope="module")
def drafts() -> Drafts:
    return Drafts(SAMPLE_DATA)


def test_an_unchanged_record_s_preview_is_its_page_in_the_build(drafts: Drafts, now: datetime) -> None:
    """Every record of the sample, sent as the form holds it, comes back as the build renders its page."""
    data, _ = load_dataset(SAMPLE_DATA)
    assert data is not None
    history = read_history(SAMPLE_DATA, None, revisions=True)
    pages = {page.url: page for page in Site(SiteModel(data, now, list_histories(data, history))).pages()}
    compared = 0
    for kind in KINDS:
        for path in sorted((SAMPLE_DATA / kind).glob("*.yml")):
            preview = drafts.render(kind, path.stem, record(kind, path.stem), now)
            assert preview.problems == (), (path.name, preview.problems)
            page = pages[preview.url]
            assert (preview.title, preview.body) == (page.title, page.body), path.name
            compared += 1
    assert compared >= 10


def test_a_draft_is_rendered_at_the_reader_s_clock(drafts: Drafts) -> None:
    draft = record("nominations", LIST)
    draft["groups"][2]["nominees"][0]["name"] = "Võ Thị <b>Mới</b>"
    before = drafts.render("nominations", LIST, draft, datetime.fromisoformat("2026-11-25T09:00:00+07:00"))
    during = drafts.render("nominations", LIST, draft, datetime.fromisoformat("2026-12-08T09:00:00+07:00"))
    assert 'data-tdkt-state="upcoming">Sắp lấy ý kiến<' in before.body
    assert 'data-tdkt-state="open">Đang lấy ý kiến<' in during.body
    # Escaped by the templates, as on the site.
    assert "Võ Thị &lt;b&gt;Mới&lt;/b&gt;" in during.body and "<b>Mới" not in during.body


def test_what_the_build_refuses_comes_back_as_problems(drafts: Drafts, now: datetime) -> None:
    draft = record("nominations", LIST)
    draft["groups"][2]["nominees"][0]["name"] = ""
    preview = drafts.render("nominations", LIST, draft, now)
    assert preview.body == ""
    assert [(p.field, p.message) for p in preview.problems] == [("groups[2].nominees[0].name", "không được để trống")]
    # A rule across records (validate.py), as the build words it.
    draft = record("nominations", LIST)
    draft["groups"][1]["nominees"][0]["achievement"] = "Liên hệ 0912 345 678."
    preview = drafts.render("nominations", LIST, draft, now)
    assert preview.body == ""
    assert [p.field for p in preview.problems] == ["groups[1].nominees[0].achievement"]
    assert "có số điện thoại" in preview.problems[0].message
    assert drafts.render("nominations", "Tên Sai", draft, now).problems[0].field == "(tên tệp)"


def test_a_new_list_is_previewed_at_its_own_address(drafts: Drafts, now: datetime) -> None:
    draft = record("nominations", LIST)
    draft["title"] = "Danh sách mới đề nghị khen thưởng"
    preview = drafts.render("nominations", "danh-sach-moi", draft, now)
    assert preview.url == URLS.nomination("danh-sach-moi") and preview.title == draft["title"]


def test_the_data_folder_is_read_again_when_a_file_changes(tmp_path: Path, now: datetime) -> None:
    import shutil

    data = shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    drafts = Drafts(data)
    first, _ = drafts.dataset()
    assert drafts.dataset()[0] is first
    awards = data / "awards.yml"
    awards.write_text(awards.read_text(encoding="utf-8").replace("Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua TQ"))
    assert drafts.dataset()[0] is not first
    assert "Chiến sĩ thi đua TQ" in drafts.render("nominations", LIST, record("nominations", LIST), now).body


# -- over HTTP -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service() -> Iterator[tuple[str, int, preview_server.Service]]:
    service = preview_server.Service(SAMPLE_DATA, timeout=5.0)
    server = preview_server.service_server(0, service)
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield "127.0.0.1", server.server_address[1], service
    finally:
        server.shutdown()
        server.server_close()


def post(
    where: tuple[str, int],
    body: bytes,
    path: str = "/" + URLS.editor_preview(),
    kind: str = "application/json",
    length: int | None = None,
) -> tuple[int, dict[str, str], dict[str, Any]]:
    connection = http.client.HTTPConnection(*where, timeout=30)
    headers = {"Content-Type": kind, "Content-Length": str(len(body) if length is None else length)}
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    answer = json.loads(response.read())
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, answer


def asking(kind: str = "nominations", rid: str = LIST, draft: Any = None, now: Any = READER_MS) -> bytes:
    draft = draft if draft is not None else record("nominations", rid)
    return json.dumps({"kind": kind, "id": rid, "record": draft, "now": now}).encode()


def test_the_service_answers_a_page_or_the_problems_under_the_form_s_labels(
    service: tuple[str, int, preview_server.Service],
) -> None:
    where = service[:2]
    status, headers, answer = post(where, asking())
    assert status == 200 and answer["url"] == URLS.nomination(LIST)
    assert '<section class="tdkt-group" id="nhom-chien-si-thi-dua-toan-quoc">' in answer["html"]
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == "no-store"
    # Under a site's base path too (nginx passes the whole path).
    assert post(where, asking(), path="/thi-dua/" + URLS.editor_preview())[0] == 200
    draft = record("nominations", LIST)
    draft["groups"][2]["nominees"][0]["name"] = ""
    status, _, answer = post(where, asking(draft=draft))
    assert status == 200
    assert answer["problems"] == [
        {
            "field": "groups[2].nominees[0].name",
            "label": "Nhóm khen thưởng 3 › Người, tập thể 1 › Họ tên cá nhân, tên tập thể hoặc hộ gia đình",
            "message": "không được để trống",
        }
    ]


@pytest.mark.parametrize(
    ("body", "path", "kind", "status", "said"),
    [
        (b"{", None, "application/json", 400, "yêu cầu xem trước không phải JSON"),
        (b"[]", None, "application/json", 400, "yêu cầu xem trước không đúng dạng"),
        (asking(kind="withdrawn"), None, "application/json", 400, "không xem trước được loại hồ sơ 'withdrawn'"),
        (asking(now="hôm nay"), None, "application/json", 400, "thiếu giờ của người đọc"),
        (asking(now=1), None, "application/json", 400, "trong khoảng năm 2000 đến 2100"),
        (asking(), None, "text/plain", 415, "phải là JSON"),
        (asking(), "/quan-tri/khac", "application/json", 404, "không có địa chỉ này"),
        # Said by its length: refused unread.
        (b"{}", None, "application/json", 413, "hồ sơ quá lớn để xem trước"),
    ],
    ids=["not-json", "not-an-object", "kind", "no-clock", "clock-1970", "content-type", "path", "too-large"],
)
def test_the_service_refuses_what_it_does_not_render(
    service: tuple[str, int, preview_server.Service], body: bytes, path: str | None, kind: str, status: int, said: str
) -> None:
    length = preview_server.MAX_REQUEST + 1 if status == 413 else None
    got, _, answer = post(service[:2], body, path or "/" + URLS.editor_preview(), kind, length)
    assert got == status and said in answer["error"], answer


def test_a_draft_that_takes_too_long_or_breaks_is_stopped_without_a_traceback(
    service: tuple[str, int, preview_server.Service], monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    where, drafts = service[:2], service[2].drafts
    monkeypatch.setattr(drafts, "render", lambda *args: time.sleep(60))
    started = time.monotonic()
    status, _, answer = post(where, asking())
    assert status == 504 and answer == {"error": "dựng bản xem trước quá 5 giây; thử lại sau"}
    assert time.monotonic() - started < 10

    def broken(*args: Any) -> None:
        raise KeyError("a bug of ours")

    monkeypatch.setattr(drafts, "render", broken)
    status, _, answer = post(where, asking())
    assert status == 500 and "Traceback" not in json.dumps(answer) and "KeyError" not in json.dumps(answer)
    assert "KeyError: 'a bug of ours'" in capfd.readouterr().err


def test_preview_server_runs_alone_and_stops_on_sigterm() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "preview-server", "--data", str(SAMPLE_DATA), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert f"http://127.0.0.1:{port}/{URLS.editor_preview()}" in line, line
        status, _, answer = post(("127.0.0.1", port), asking())
        assert status == 200 and answer["url"] == URLS.nomination(LIST)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/" + URLS.editor_preview())
        assert connection.getresponse().status == 405
        connection.close()
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert "Đã dừng dịch vụ xem trước." in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_preview_server_refuses_a_port_in_use(service: tuple[str, int, preview_server.Service]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "site_builder", "preview-server", "--data", str(SAMPLE_DATA), "--port", str(service[1])],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert f"cổng 127.0.0.1:{service[1]} (dịch vụ xem trước) đã có chương trình khác dùng" in done.stderr


def test_the_pane_s_settings_come_from_a_built_page_and_name_the_pull_requests(sample_site: Path) -> None:
    """xem-truoc.json: the site's stylesheets as the build named them, the theme's elements around a
    page's body, and where a draft's pull request is (none without a repository in site.yml)."""
    from site_builder.commands import cms_config
    from site_builder.inputs.records import EditorSettings

    settings = json.loads((sample_site / URLS.editor_preview_settings()).read_bytes())
    assert settings["address"] == "xem-truoc" and settings["review"] is None
    assert settings["styles"] and all((sample_site / href).is_file() for href in settings["styles"])
    assert any(href.startswith("assets/tdkt.") and href.endswith(".min.css") for href in settings["styles"])
    assert [tag for tag, _ in settings["frame"]][:2] == ["html", "body"]
    assert settings["frame"][-1] == ["article", {"class": "md-content__inner md-typeset"}]
    data, _ = load_dataset(SAMPLE_DATA)
    assert data is not None
    for editor, url in [
        (EditorSettings(repo="so-noi-vu/thi-dua"), "https://github.com/so-noi-vu/thi-dua"),
        (
            EditorSettings(
                host="gitlab", repo="snv/tdkt", app_id="4f1c2b7a9e8d", gitlab_url="https://git.example.gov.vn/"
            ),
            "https://git.example.gov.vn/snv/tdkt",
        ),
    ]:
        data.settings = data.settings.model_copy(update={"editor": editor})
        assert cms_config.preview_settings(data, None)["review"] == {"host": editor.host, "url": url}
