"""The command line end to end: build, validate, schema, and a failed build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SAMPLE_NOW, DataDir
from .records import CAMPAIGN, EXEMPLAR, NOMINATION


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_builder", "--root", str(ROOT), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def full(data: DataDir) -> DataDir:
    data.write("campaigns/ntm.yml", CAMPAIGN)
    data.write("exemplars/nguyen-van-an.yml", EXEMPLAR)
    data.write("nominations/hcld-2026.yml", NOMINATION)
    return data


def test_build_then_broken_record_leaves_site_untouched(data_dir: DataDir, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = run("build", "--data", str(full(data_dir).root), "--out", str(out), "--now", SAMPLE_NOW)
    assert first.returncode == 0, first.stderr
    page = out / "dien-hinh" / "nguyen-van-an" / "index.html"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert "Nguyễn Văn An" in page.read_text(encoding="utf-8")

    data_dir.write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("published: 2024-05-02", "published: 31/12/2021"))
    data_dir.write("exemplars/tran-thi-b.yml", EXEMPLAR.replace("Nguyễn Văn An", "Trần Thị B"))
    second = run("build", "--data", str(data_dir.root), "--out", str(out), "--now", SAMPLE_NOW)
    assert second.returncode == 1
    assert (
        "data/exemplars/nguyen-van-an.yml:26:12: published: tìm thấy '31/12/2021'; viết ngày theo dạng 2021-12-31"
        in second.stderr
    )
    assert "chưa xuất bản gì, trang cũ giữ nguyên" in second.stderr
    assert "Traceback" not in second.stderr
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    # No staging folder left behind: beside the site only the build cache of the first build.
    assert [p.name for p in tmp_path.glob(".site.*")] == [".site.cache"]


def test_build_progress_on_stderr(data_dir: DataDir, tmp_path: Path) -> None:
    result = run("build", "--data", str(full(data_dir).root), "--out", str(tmp_path / "s"), "--now", SAMPLE_NOW)
    assert result.returncode == 0
    assert "Đọc và kiểm tra dữ liệu: 1 phong trào, 1 gương điển hình, 1 danh sách lấy ý kiến" in result.stderr
    assert "MkDocs (" in result.stderr


def test_validate_reports_and_exits_1(data_dir: DataDir) -> None:
    full(data_dir).write("campaigns/ntm.yml", CAMPAIGN.replace("kind: thường xuyên", "kind: thuong xuyen"))
    result = run("validate", "--data", str(data_dir.root))
    assert result.returncode == 1
    assert "data/campaigns/ntm.yml:5:7: kind: tìm thấy 'thuong xuyen'" in result.stderr


def test_validate_ok(data_dir: DataDir) -> None:
    result = run("validate", "--data", str(full(data_dir).root))
    assert result.returncode == 0, result.stderr
    assert "Dữ liệu hợp lệ: 1 phong trào, 1 gương điển hình, 1 danh sách lấy ý kiến" in result.stderr


def test_bad_now_is_a_usage_error() -> None:
    result = run("build", "--now", "hôm nay")
    assert result.returncode == 2
    assert "--now: 'hôm nay' không phải thời điểm ISO-8601" in result.stderr


def test_markup_in_editor_text_is_escaped_everywhere(data_dir: DataDir, tmp_path: Path) -> None:
    hostile = "Phong trào <script>alert(1)</script> & <b>đậm</b>"
    full(data_dir).write(
        "campaigns/ntm.yml", CAMPAIGN.replace("title: Cả nước chung sức xây dựng nông thôn mới", f"title: '{hostile}'")
    )
    data_dir.write(
        "exemplars/nguyen-van-an.yml",
        EXEMPLAR.replace(
            "Ông An làm **lúa sạch**.", "Ông An <script>alert(2)</script><img src=x onerror=alert(3)> **lúa**."
        ),
    )
    out = tmp_path / "site"
    result = run("build", "--data", str(data_dir.root), "--out", str(out), "--now", SAMPLE_NOW)
    assert result.returncode == 0, result.stderr
    for path in out.rglob("*"):
        if path.suffix in {".html", ".xml"}:
            content = path.read_text(encoding="utf-8")
            assert "<script>alert" not in content, path
            assert "<img src=x" not in content, path
    # JSON carries plain text, except the HTML of JSON Feed items, which must be sanitised.
    for path in (out / "nguon-tin").rglob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            assert "<script" not in item.get("content_html", "") and "onerror" not in item.get("content_html", "")
    page = (out / "phong-trao" / "ntm" / "index.html").read_text(encoding="utf-8")
    assert "Phong trào &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in page


def test_serve_builds_and_serves_then_stops(data_dir: DataDir, tmp_path: Path) -> None:
    import select
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "serve", "--data", str(full(data_dir).root)]
    command += ["--out", str(tmp_path / "preview"), "--now", SAMPLE_NOW, "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)

    def wait_for(words: str) -> str:
        """The first line of the server's messages holding words, within the deadline (a server
        that says nothing more fails the test instead of blocking it)."""
        assert process.stderr is not None
        while time.monotonic() < deadline:
            ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            line = process.stderr.readline()
            if words in line or not line:
                return line
        return ""

    try:
        deadline = time.monotonic() + 60
        assert "Xem trước tại" in wait_for("Xem trước tại")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/dien-hinh/nguyen-van-an/") as response:
            assert "Nguyễn Văn An" in response.read().decode("utf-8")
        data_dir.write("exemplars/nguyen-van-an.yml", EXEMPLAR.replace("Nguyễn Văn An", "Nguyễn Văn Ân"))
        assert "Đã dựng lại" in wait_for("Đã dựng lại")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/dien-hinh/nguyen-van-an/") as response:
            assert "Nguyễn Văn Ân" in response.read().decode("utf-8")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_build_for_github_pages_writes_no_gzip_copies_and_says_its_size(data_dir: DataDir, tmp_path: Path) -> None:
    """GitHub Pages serves files only: the .gz copies an nginx sends were 144 MB of its 1 GB."""
    full(data_dir)
    for host, out in (("github-pages", tmp_path / "pages"), ("server", tmp_path / "server")):
        result = run("build", "--data", str(data_dir.root), "--out", str(out), "--now", SAMPLE_NOW, "--host", host)
        assert result.returncode == 0, result.stderr
        files = [path for path in out.rglob("*") if path.is_file()]
        size = sum(path.stat().st_size for path in files)
        said = f"trang công bố {size / 1e6:.1f} MB trong {len(files)} tệp ({host})".replace(".", ",")
        assert said in result.stderr
    # MkDocs' own sitemap.xml.gz is a file of the site, not a copy for the server to send.
    assert [path.name for path in (tmp_path / "pages").rglob("*.gz")] == ["sitemap.xml.gz"]
    # Pagefind names its files by a hash of contents it orders as it likes: not compared here.
    pages = {p.relative_to(tmp_path / "pages") for p in (tmp_path / "pages").rglob("*") if "pagefind" not in p.parts}
    served = {p.relative_to(tmp_path / "server") for p in (tmp_path / "server").rglob("*") if "pagefind" not in p.parts}
    assert pages == {path for path in served if path.suffix != ".gz" or path.name == "sitemap.xml.gz"}
    assert len(served) > len(pages) + 50


def test_the_size_warning_names_the_limit_of_github_pages() -> None:
    from site_builder.commands.build import size_warning

    assert size_warning("github-pages", 799_000_000, 60_000) is None
    assert size_warning("server", 5_000_000_000, 300_000) is None
    warning = size_warning("github-pages", 812_400_000, 70_123)
    assert warning is not None
    assert warning.startswith("Cảnh báo: trang nặng 812 MB trong 70.123 tệp, gần giới hạn 1.000 MB của GitHub Pages")
    assert "docs/deploy.md" in warning
