"""`site-builder serve`: a live preview that rebuilds on change and reloads the reader's page.

Every HTML page it serves gets one extra script, /__site-builder/reload.js (a file, so that the
pages' Content Security Policy allows it), which asks the server for its build generation every
second and reloads the page when a rebuild has finished. While the data has errors, every page
shows those errors, located as the command line prints them, instead of the last good site.
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from ..problems import Problem

PREFIX = "/__site-builder/"
SCRIPT_TAG = b'<script src="/__site-builder/reload.js"></script>'

RELOAD_JS = b"""// site-builder serve: reload when a rebuild has finished (preview only, never published).
(function () {
  "use strict";
  var seen = null;
  function check() {
    fetch("/__site-builder/state", { cache: "no-store" }).then(function (response) {
      return response.json();
    }).then(function (state) {
      if (seen !== null && state.generation !== seen) { location.reload(); return; }
      seen = state.generation;
    }).catch(function () {}).finally(function () { setTimeout(check, 1000); });
  }
  check();
})();
"""


@dataclass
class State:
    """What the last build gave, shared between the rebuilding loop and the HTTP threads."""

    generation: int = 0
    problems: list[Problem] = field(default_factory=list)
    failure: str | None = None  # the last build stopped on errors: the page to show instead
    lock: threading.Lock = field(default_factory=threading.Lock)

    def finished(self, problems: list[Problem], failure: str | None) -> None:
        with self.lock:
            self.generation += 1
            self.problems = problems
            self.failure = failure


def error_page(state: State) -> bytes:
    errors = [p for p in state.problems if p.severity == "error"]
    rows = "".join(f"<li><code>{escape(str(problem))}</code></li>" for problem in state.problems)
    heading = (
        f"Dữ liệu có {len(errors)} lỗi và {len(state.problems) - len(errors)} cảnh báo"
        if state.problems
        else "Không dựng được trang"
    )
    body = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lỗi dữ liệu - xem trước</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:1.5rem;max-width:60rem}}code{{white-space:pre-wrap;word-break:break-word}}
li{{margin:.4rem 0}}h1{{color:#b71c1c;font-size:1.4rem}}</style></head>
<body><h1>{escape(heading)}</h1>
<p>Trang chưa được dựng lại. Sửa các chỗ dưới đây (tệp:dòng:cột: trường: lỗi) rồi lưu tệp; trang này tự tải lại.</p>
<ul>{rows}</ul>{f"<p>{escape(state.failure)}</p>" if state.failure and not state.problems else ""}
{SCRIPT_TAG.decode()}</body></html>"""
    return body.encode("utf-8")


class Handler(http.server.SimpleHTTPRequestHandler):
    state: State

    def log_message(self, format: str, *args: Any) -> None:
        return  # the terminal is for build messages

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == PREFIX + "reload.js":
            self._send(RELOAD_JS, "text/javascript; charset=utf-8")
            return
        if path == PREFIX + "state":
            with self.state.lock:
                state = {"generation": self.state.generation, "ok": self.state.failure is None}
            self._send(json.dumps(state).encode("utf-8"), "application/json")
            return
        wants_page = path.endswith("/") or path.endswith(".html")
        if wants_page and self.state.failure is not None:
            self._send(error_page(self.state), "text/html; charset=utf-8")
            return
        target = Path(self.translate_path(path))
        if wants_page and target.is_dir():
            target = target / "index.html"
        if wants_page and target.is_file():
            html = target.read_bytes()
            cut = html.rfind(b"</body>")
            html = html[:cut] + SCRIPT_TAG + html[cut:] if cut >= 0 else html + SCRIPT_TAG
            self._send(html, "text/html; charset=utf-8")
            return
        super().do_GET()


class Server(http.server.ThreadingHTTPServer):
    """A reader who reloads or leaves while a page is being sent closes the connection under the
    handler (BrokenPipeError, ConnectionResetError): nothing went wrong, so nothing is printed;
    socketserver printed a traceback for each, between the build messages."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def server(host: str, port: int, site: Path, state: State) -> http.server.ThreadingHTTPServer:
    """The preview's HTTP server on host:port (OSError when the port is taken)."""
    handler = type("PreviewHandler", (Handler,), {"state": state})
    return Server((host, port), functools.partial(handler, directory=str(site)))


def signature(folders: list[Path], files: list[Path]) -> tuple[int, float, int]:
    """What changes when any watched file is added, removed or saved."""
    count, total, size = 0, 0.0, 0
    for path in [p for folder in folders if folder.is_dir() for p in folder.rglob("*")] + files:
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            count += 1
            total += stat.st_mtime
            size += stat.st_size
    return count, total, size


def watch(
    folders: list[Path],
    files: list[Path],
    rebuild: Callable[[], None],
    sleep: Callable[[float], None],
    stamp: tuple[int, float, int] | None = None,
) -> None:
    """Rebuild whenever the watched files change from stamp (now, if not given); runs until interrupted."""
    stamp = stamp or signature(folders, files)
    while True:
        sleep(1.0)
        current = signature(folders, files)
        if current != stamp:
            stamp = current
            rebuild()
