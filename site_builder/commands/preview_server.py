"""The web editor's preview pane over HTTP: a draft's page as the build renders it (issue 38).

`POST <site>/quan-tri/xem-truoc` with JSON `{"kind": "nominations", "id": "<file name>",
"record": {…the form's fields…}, "now": <the reader's clock, ms since 1970>}` answers JSON:
`{"url", "title", "html"}` (the page's HTML, site/draft.py), or `{"problems": [{"field", "label",
"message"}]}` (what stops the build, in Vietnamese, under the form's labels), or `{"error": "…"}`
with a 4xx or 5xx status. `site-builder edit` answers it beside the site it serves;
`site-builder preview-server` answers it alone on 127.0.0.1, for the agency's nginx to pass on
(the configuration the build writes does, site/server.py).

Bounded: a request over MAX_REQUEST bytes is refused unread; one draft is rendered at a time, in a
forked child killed after TIMEOUT seconds (a request that waits longer than that for its turn is
told to try again); the answer is JSON with `nosniff`, never a page, so the service cannot be used
to show a page on the agency's address; no traceback reaches the browser (one line on stderr).
"""

from __future__ import annotations

import http.server
import json
import math
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..inputs.guard import MAX_RECORD_BYTES
from ..inputs.load import Dataset
from ..problems import Problem
from ..site import server
from ..site.draft import PREVIEWED, DraftError, Drafts, Preview
from ..urls import URLS
from ..utils import parallel
from . import cms_config
from .preview import Server

HOST = "127.0.0.1"
PORT = server.PREVIEW_PORT
# The record's file is refused over 1 MB by the build; its JSON and the envelope get a little more.
MAX_REQUEST = MAX_RECORD_BYTES + 64 * 1024
# A 50-nominee list takes a quarter of a second; 20 s is a page the build could not make either.
TIMEOUT = 20.0
# The reader's clock must be a moment a list can have: from 2000 to 2100.
EARLIEST, LATEST = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
_FIELD_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


class Refused(Exception):
    """A request the service does not render: its HTTP status and one Vietnamese sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _loc(field: str) -> list[str | int]:
    return [int(index) if index else name for index, name in _FIELD_PART.findall(field)]


def label_path(labels: dict[str, Any], field: str) -> str:
    """'groups[1].nominees[0].name' as the form names it: 'Nhóm khen thưởng 2 › Người, tập thể 1 › Họ tên'
    (the same words as editor/checks.js, from cms_config.labels)."""
    tree, node, parts = labels, None, []
    for part in _loc(field):
        if isinstance(part, int):
            if node is not None and node.get("item"):
                item = str(node["item"])
                parts[-1] = f"{item[:1].upper()}{item[1:]} {part + 1}"
            else:
                parts.append(f"mục {part + 1}")
            continue
        node = tree.get(part)
        if node is None:
            parts.append(part)
            tree = {}
            continue
        parts.append(str(node["label"]))
        tree = node.get("fields") or {}
    return " › ".join(parts) or "Cả hồ sơ"


def _request(body: bytes) -> tuple[str, str, Any, datetime]:
    """The request's kind, file name, record and clock; Refused when it is not one."""
    try:
        request = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Refused(400, "yêu cầu xem trước không phải JSON") from None
    if not isinstance(request, dict):
        raise Refused(400, "yêu cầu xem trước không đúng dạng")
    kind, record_id, record, now = (request.get(key) for key in ("kind", "id", "record", "now"))
    if kind not in PREVIEWED:
        raise Refused(400, f"không xem trước được loại hồ sơ '{kind}'; chỉ: {', '.join(PREVIEWED)}")
    if not isinstance(record_id, str) or not isinstance(record, dict):
        raise Refused(400, "yêu cầu xem trước thiếu mã hồ sơ (id) hoặc nội dung (record)")
    if isinstance(now, bool) or not isinstance(now, int | float) or not math.isfinite(now):
        raise Refused(400, "yêu cầu xem trước thiếu giờ của người đọc (now, mili giây)")
    if not EARLIEST.timestamp() * 1000 <= now < LATEST.timestamp() * 1000:
        raise Refused(400, "giờ của người đọc (now) phải trong khoảng năm 2000 đến 2100")
    moment = datetime.fromtimestamp(now / 1000, UTC)
    # The form's check box has no value; Decap may still hold its key.
    record.pop(cms_config.CHECK_FIELD["name"], None)
    return kind, record_id, record, moment


def _in_child(make: Callable[[], Preview], timeout: float) -> Preview:
    """make() in a forked child, which has the data folder as loaded; killed after timeout seconds."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, receive, make, os.getpid()), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise Refused(504, f"dựng bản xem trước quá {timeout:.0f} giây; thử lại sau")
        try:
            done, value = receive.recv()
        except EOFError:
            done, value = False, f"tiến trình dựng dừng với mã {process.exitcode}"
        if not done:
            print(f"site-builder preview-server: {value}", file=sys.stderr, flush=True)
            raise Refused(500, "site-builder không dựng được bản xem trước này (lỗi của chương trình, đã ghi lại)")
        preview: Preview = value
        return preview
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()


def _child(send: Any, receive: Any, make: Callable[[], Preview], parent: int) -> None:
    receive.close()
    parallel.die_with_parent(parent)
    try:
        outcome: tuple[bool, Any] = (True, make())
    except BaseException as exc:  # the parent logs one line; the browser gets a sentence
        outcome = (False, f"{type(exc).__name__}: {exc}")
    try:
        send.send(outcome)
    finally:
        send.close()


class Service:
    """Drafts rendered against one data folder, one at a time."""

    def __init__(self, data_dir: Path, timeout: float = TIMEOUT) -> None:
        self.drafts = Drafts(data_dir)
        self.timeout = timeout
        self._turn = threading.Lock()
        self._labels: tuple[Dataset, dict[str, Any]] | None = None

    def labels(self, data: Dataset, kind: str) -> dict[str, Any]:
        if self._labels is None or self._labels[0] is not data:
            self._labels = (data, cms_config.labels(cms_config.cms_config(data)))
        found: dict[str, Any] = self._labels[1].get(kind, {})
        return found

    def answer(self, body: bytes) -> dict[str, Any]:
        """The answer to one request's body (JSON); Refused for a request it does not render."""
        kind, record_id, record, now = _request(body)
        if not self._turn.acquire(timeout=self.timeout):
            raise Refused(503, "dịch vụ xem trước đang bận; thử lại sau ít giây")
        try:
            try:
                data, _ = self.drafts.dataset()  # in this process: kept for the next drafts
            except DraftError as exc:
                raise Refused(503, str(exc)) from None
            preview = _in_child(lambda: self.drafts.render(kind, record_id, record, now), self.timeout)
        finally:
            self._turn.release()
        if preview.problems:
            labels = self.labels(data, kind)
            return {"problems": [_problem(labels, problem) for problem in preview.problems]}
        return {"url": preview.url, "title": preview.title, "html": preview.body}


def _problem(labels: dict[str, Any], problem: Problem) -> dict[str, str]:
    return {"field": problem.field, "label": label_path(labels, problem.field), "message": problem.message}


def is_preview(path: str) -> bool:
    """Whether a request's path is the preview's, under any base path of the site."""
    return path.split("?", 1)[0].endswith("/" + URLS.editor_preview())


def respond(handler: http.server.BaseHTTPRequestHandler, service: Service) -> None:
    """Answer a POST to the preview's address on handler (the site server of `edit`, or the service's own)."""
    status, answer = 200, {}
    try:
        if not is_preview(handler.path):
            raise Refused(404, "không có địa chỉ này")
        if handler.headers.get_content_type() != "application/json":
            raise Refused(415, "yêu cầu xem trước phải là JSON (Content-Type: application/json)")
        try:
            length = int(handler.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(411, "yêu cầu xem trước thiếu độ dài (Content-Length)") from None
        if length < 0 or length > MAX_REQUEST:
            raise Refused(413, f"hồ sơ quá lớn để xem trước (tối đa {MAX_REQUEST // 1024} KB)")
        answer = service.answer(handler.rfile.read(length))
    except Refused as refused:
        status, answer = refused.status, {"error": str(refused)}
    content = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", str(len(content)))
    handler.send_header("Cache-Control", "no-store")
    handler.send_header("X-Content-Type-Options", "nosniff")
    if status == 413:
        handler.send_header("Connection", "close")  # the body was not read
        handler.close_connection = True
    handler.end_headers()
    handler.wfile.write(content)


class Handler(http.server.BaseHTTPRequestHandler):
    """The service alone: POST to the preview's address, nothing else."""

    service: Service
    server_version = "site-builder"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        return  # no request line: the body is an editor's draft, the path always the same

    def do_POST(self) -> None:
        respond(self, self.service)

    def do_GET(self) -> None:
        content = json.dumps({"error": "dịch vụ xem trước chỉ nhận POST"}, ensure_ascii=False).encode("utf-8")
        self.send_response(405)
        self.send_header("Allow", "POST")
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)


def service_server(port: int, service: Service, host: str = HOST) -> http.server.ThreadingHTTPServer:
    """The service's HTTP server on host:port (OSError when the port is taken)."""
    handler = type("PreviewServiceHandler", (Handler,), {"service": service})
    return Server((host, port), handler)
