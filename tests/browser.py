"""Headless Chromium (Debian's package) against the built site, served on loopback (by Python, or by
a real nginx with the server configuration the build writes)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
def serve(root: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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
