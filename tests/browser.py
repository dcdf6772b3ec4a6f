"""Headless Chromium (Debian's package) against the built site, served on loopback (by Python, or by
a real nginx with the server configuration the build writes)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serving(server: http.server.HTTPServer) -> Iterator[str]:
    """The server answering in a thread of its own, at the address yielded; stopped after."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve(root: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(root))
    with serving(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as url:
        yield url


def nginx_binary() -> str | None:
    """Debian's nginx (tools/setup.sh dev installs it); /usr/sbin is not on every PATH."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def need_nginx() -> str:
    """nginx, or a skip outside CI: in CI (CI=true) a missing nginx fails the test."""
    binary = nginx_binary()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing: tools/setup.sh dev installs it (apt-get install nginx-light)")
        pytest.skip("nginx is not installed (tools/setup.sh dev installs it)")
    return binary


@contextmanager
def serve_nginx(root: Path, include: Path, scratch: Path) -> Iterator[str]:
    """A real nginx on 127.0.0.1 serving root with the server configuration the build wrote.

    Everything nginx writes (pid, logs, temporary files) stays in scratch; it runs in the
    foreground as a child of this process and is stopped by its pid.
    """
    binary = need_nginx()
    scratch.mkdir(parents=True, exist_ok=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    temp = "\n".join(
        f"    {name}_temp_path {scratch / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = scratch / "nginx.conf"
    conf.write_text(
        f"""
{"user root root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {scratch / "nginx.pid"};
error_log {scratch / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
{temp}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        include {include};
    }}
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen([binary, "-p", str(scratch), "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            if process.poll() is not None:
                assert process.stderr is not None
                raise AssertionError(f"nginx did not start: {process.stderr.read().decode()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def scratch_repository(data: Path, repo: Path) -> Path:
    """A git repository holding a copy of a data folder as `data/`, committed on main."""
    shutil.copytree(data, repo / "data")
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.name", "Biên tập"),
        ("config", "user.email", "bt@example.gov.vn"),
        ("add", "-A"),
        ("commit", "-qm", "dữ liệu mẫu"),
    ):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return repo


@contextmanager
def editor_with_decap_server(site: Path, repo: Path, folder: Path, preview: bool = False) -> Iterator[str]:
    """The built site's editor (/quan-tri/) served on loopback, with decap-server (MODE=git, the
    pinned dev package) over repo on a free port that the editor's configuration is pointed at;
    yields the site's address. decap-server's process group is stopped after.

    By default the site is served by a plain static server (the preview pane finds no service, as
    on GitHub Pages). With preview, as `site-builder edit` serves it: with the preview service over
    repo's data/ (commands/preview_server.py)."""
    from site_builder.commands.cms_config import LOCAL_PORT

    www = folder / "www"
    shutil.copytree(site, www)  # the editor and the site's stylesheets, which the preview pane uses
    port = free_port()
    config = www / "quan-tri" / "config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"127.0.0.1:{LOCAL_PORT}/", f"127.0.0.1:{port}/"), encoding="utf-8"
    )
    with open(folder / "decap-server.log", "w") as log, decap_server(repo, port, log):
        if not preview:
            with serve(www) as url:
                yield url
            return
        from site_builder.commands import edit, preview_server

        with serving(edit.site_server(free_port(), www, preview_server.Service(repo / "data"))) as url:
            yield url


@contextmanager
def decap_server(repo: Path, port: int, log: Any = subprocess.DEVNULL) -> Iterator[None]:
    """decap-server (MODE=git, the pinned dev package) over repo on 127.0.0.1:port, until it answers;
    its process group is stopped after."""
    binary = Path(__file__).resolve().parent.parent / "node_modules" / ".bin" / "decap-server"
    env = dict(os.environ, PORT=str(port), BIND_HOST="127.0.0.1", MODE="git", GIT_REPO_DIRECTORY=str(repo))
    server = subprocess.Popen([str(binary)], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"decap-server did not start on 127.0.0.1:{port}")
            time.sleep(0.1)
        yield
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def editor_page(chromium: Any, now: datetime | None = None) -> tuple[Any, Any]:
    """A browser context and page as an editor in Vietnam has them (1280 px), the reader's clock
    started at `now` and running (a fixed clock would stop Decap's debounced searches)."""
    context = chromium.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    if now is not None:
        page.clock.install(time=now)
        page.clock.resume()
    return context, page


@contextmanager
def serve_site(site: Path, python: bool = False) -> Iterator[str]:
    """A built site served as deployed: Debian's nginx with the configuration the build wrote beside
    it (SITE.server/nginx.conf), or Python's server where nginx or that file is missing (or asked)."""
    conf = site.with_name(site.name + ".server") / "nginx.conf"
    if not python and nginx_binary() and conf.is_file():
        with (
            tempfile.TemporaryDirectory(prefix="serve-nginx-") as scratch,
            serve_nginx(site, conf, Path(scratch)) as url,
        ):
            yield url
    else:
        with serve(site) as url:
            yield url
