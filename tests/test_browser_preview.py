"""`site-builder serve` in a browser: an edit shows without reloading by hand; broken data shows its errors."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW

RECORD = "exemplars/dinh-thi-hoa.yml"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "serve", "--data", str(data)]
    command += ["--out", str(tmp_path / "preview"), "--now", SAMPLE_NOW, "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    deadline = time.monotonic() + 90
    line = ""
    while "Xem trước tại" not in line and time.monotonic() < deadline:
        line = process.stderr.readline()
    assert "Xem trước tại" in line
    try:
        yield f"http://127.0.0.1:{port}/", data, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_page_reloads_after_an_edit_and_shows_data_errors(browser_page: Any, preview: tuple[str, Path, Any]) -> None:
    url, data, _process = preview
    browser_page.goto(url + "dien-hinh/dinh-thi-hoa/")
    assert "Đinh Thị Hoa" in browser_page.locator("h1").inner_text()
    path = data / RECORD
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("name: Đinh Thị Hoa", "name: Đinh Thị Hòa Mới"), encoding="utf-8")
    # Locators, not wait_for_function: the pages' Content Security Policy forbids evaluating strings.
    browser_page.locator("h1", has_text="Hòa Mới").wait_for(timeout=60_000)
    path.write_text(original.replace("published: ", "published: 31/12/", 1), encoding="utf-8")
    browser_page.locator("h1", has_text="Dữ liệu có").wait_for(timeout=60_000)
    assert "Lỗi dữ liệu" in browser_page.title()
    errors = browser_page.locator("li code").all_inner_texts()
    assert any("dinh-thi-hoa.yml:" in e and "published:" in e and "viết ngày theo dạng" in e for e in errors)
    assert "Dữ liệu có 1 lỗi" in browser_page.locator("h1").inner_text()
    path.write_text(original, encoding="utf-8")
    browser_page.locator("h1", has_text="Đinh Thị Hoa").wait_for(timeout=60_000)
