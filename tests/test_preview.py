"""`site-builder serve`'s HTTP server, without a browser: what a reader who reloads leaves behind."""

from __future__ import annotations

import shutil
import socket
import struct
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.commands import preview


@pytest.fixture
def served(sample_site: Path, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The built sample, with a page and a file too large for the socket's buffers, so that the
    server is still writing when the reader goes away."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site, ignore=shutil.ignore_patterns("pagefind"))
    home = (site / "index.html").read_bytes()
    (site / "lon").mkdir()
    (site / "lon" / "index.html").write_bytes(home.replace(b"</body>", b"<!--" + b"x" * 8_000_000 + b"--></body>"))
    (site / "lon.bin").write_bytes(b"\0" * 8_000_000)
    httpd = preview.server("127.0.0.1", 0, site, preview.State())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


def hang_up(host: str, port: int, path: str) -> None:
    """Ask for path and go away before reading, as a browser that reloads does (a reset, not a close)."""
    with socket.create_connection((host, port)) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        conn.recv(1)  # the server has started to answer
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_a_reader_who_goes_away_leaves_no_traceback(served: tuple[str, int], capfd: pytest.CaptureFixture[str]) -> None:
    """Reloading the browser printed BrokenPipeError and ConnectionResetError tracebacks (issue 25)."""
    host, port = served
    for path in ("/lon/", "/lon.bin", "/lon/", "/lon.bin"):
        hang_up(host, port, path)
    time.sleep(0.5)  # the handler threads meet the closed sockets
    with urllib.request.urlopen(f"http://{host}:{port}/") as response:  # and the server still answers
        assert response.status == 200 and b"/__site-builder/reload.js" in response.read()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipe" not in err and "ConnectionReset" not in err, err
