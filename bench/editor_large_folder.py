"""The web editor with a large folder: how long Decap takes to list, search and open exemplars.

    .venv/bin/python bench/editor_large_folder.py --exemplars 10000

Writes synthetic data (`site-builder generate`) into a scratch git repository, serves the
editor page (as a build writes it) on 127.0.0.1 with decap-server (MODE=git) beside it, and
drives Chromium: sign in, open the exemplars, search one name, open that entry. Prints the
seconds of each step (docs/benchmark.md, "The web editor"). Not a test: figures only.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.commands.cms_config import LOCAL_PORT, editor_files  # noqa: E402
from site_builder.inputs.load import load_dataset  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def measure(admin: str, name: str, slug: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    seconds: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page: Any = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(300_000)
        start = time.monotonic()
        page.goto(admin)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_role("link", name="Gương điển hình").first.wait_for()
        seconds["page and sign-in"] = time.monotonic() - start
        start = time.monotonic()
        page.goto(admin + "#/collections/exemplars")
        page.locator('a[href*="/collections/exemplars/entries/"]').first.wait_for()
        seconds["exemplars listed (first cards shown)"] = time.monotonic() - start
        seconds["cards rendered"] = page.locator('a[href*="/collections/exemplars/entries/"]').count()
        box = page.locator('input[placeholder="Tìm kiếm tất cả"]').first
        start = time.monotonic()
        box.fill(name)
        box.press("Enter")
        page.wait_for_url("**/search/**")
        page.locator(f'a[href*="/collections/exemplars/entries/{slug}"]').first.wait_for()
        seconds[f"search {name!r} answered"] = time.monotonic() - start
        start = time.monotonic()
        page.locator(f'a[href*="/collections/exemplars/entries/{slug}"]').first.click()
        page.locator('input[id^="name-field-"]').first.wait_for()
        seconds["one entry opened from the results"] = time.monotonic() - start
        browser.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exemplars", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="editor-bench-"))
    repo, www = work / "repo", work / "www"
    started = time.monotonic()
    generate = ["generate", "--exemplars", str(args.exemplars), "--out", str(repo / "data"), "--now", "2026-11-25"]
    subprocess.run(
        [sys.executable, "-m", "site_builder", "--root", str(ROOT), *generate], check=True, capture_output=True
    )
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "synthetic data"]):
        subprocess.run(
            ["git", "-C", str(repo), "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", *command],
            check=True,
        )
    subprocess.run(["git", "-C", str(repo), "config", "user.name", "bench"], check=True)
    subprocess.run(["git", "-C", str(repo), "config", "user.email", "bench@example.invalid"], check=True)
    data, _ = load_dataset(repo / "data")
    assert data is not None
    files = editor_files(ROOT, data)
    assert files is not None, "node_modules/decap-cms is missing: run tools/setup.sh"
    port = free_port()
    for path, content in files.items():
        target = www / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.endswith("config.yml"):
            content = content.replace(f"127.0.0.1:{LOCAL_PORT}/".encode(), f"127.0.0.1:{port}/".encode())
        target.write_bytes(content)
    name, slug = sorted((item.name, key) for key, item in data.exemplars.items())[len(data.exemplars) // 2]
    print(f"{len(data.exemplars)} exemplars written and committed in {time.monotonic() - started:.1f} s", flush=True)
    env = dict(os.environ, PORT=str(port), BIND_HOST="127.0.0.1", MODE="git", GIT_REPO_DIRECTORY=str(repo))
    server = subprocess.Popen(
        [str(ROOT / "node_modules" / ".bin" / "decap-server")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            time.sleep(0.1)
        admin = f"http://127.0.0.1:{httpd.server_address[1]}/quan-tri/"
        for step, value in measure(admin, name, slug).items():
            print(f"{step}: {value:.1f}" + ("" if step == "cards rendered" else " s"))
    finally:
        httpd.shutdown()
        os.killpg(server.pid, signal.SIGTERM)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
