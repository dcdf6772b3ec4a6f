"""Failures that are not the data's fault: exit 2 and one Vietnamese line, never a traceback."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW


def site_builder(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)


def build_into(out: Path) -> subprocess.CompletedProcess[str]:
    return site_builder("build", "--data", str(SAMPLE_DATA), "--out", str(out), "--now", SAMPLE_NOW, "--quiet")


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 MB file system of its own (tmpfs); needs the right to mount, as root in CI has."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_exits_2_with_one_line_and_keeps_the_old_site(small_disk: Path) -> None:
    out = small_disk / "site"
    assert build_into(out).returncode == 0
    before = digest(out)
    free = subprocess.run(["df", "--output=avail", "-B1", str(small_disk)], capture_output=True, text=True)
    filler_size = int(free.stdout.split()[-1]) - 512 * 1024
    with open(small_disk / "filler", "wb") as filler:
        filler.truncate(0)
        chunk = b"\0" * (1024 * 1024)
        written = 0
        while written + len(chunk) <= filler_size:
            filler.write(chunk)
            written += len(chunk)
    result = build_into(out)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"Lỗi môi trường (không phải lỗi dữ liệu): {out}: hết chỗ trên đĩa. Trang cũ giữ nguyên."
    ]
    assert digest(out) == before
    # No staging left behind; the build cache (cache.py) holds only whole entries of the first build;
    # the web server's configuration is the first build's.
    assert sorted(p.name for p in small_disk.iterdir()) == [".site.cache", "filler", "site", "site.server"]
    assert not [p for p in (small_disk / ".site.cache").rglob(".tmp-*")]


def test_read_only_output_exits_2(small_disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = build_into(small_disk / "site")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"Lỗi môi trường (không phải lỗi dữ liệu): {small_disk / 'site'}: ổ đĩa chỉ cho đọc. Trang cũ giữ nguyên."
    ]


def test_port_in_use_exits_2_before_building(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = site_builder(
            "serve", "--data", str(SAMPLE_DATA), "--out", str(tmp_path / "s"), "--port", str(port), timeout=30
        )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"Lỗi môi trường (không phải lỗi dữ liệu): 127.0.0.1:{port}: cổng đã có chương trình khác dùng. "
        "Chọn cổng khác với --port."
    ]
    assert not (tmp_path / "s").exists()


def test_unreadable_base_revision_exits_2(tmp_path: Path) -> None:
    result = site_builder("validate", "--data", str(SAMPLE_DATA), "--base", "khong-co-phien-ban-nay")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Không kiểm tra được: không tìm thấy phiên bản 'khong-co-phien-ban-nay' trong git")
