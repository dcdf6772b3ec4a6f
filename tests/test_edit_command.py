"""`site-builder edit`: one command builds the site, starts decap-server and serves the editor.

Each run works on a copy of the sample (tests/fixtures/sample) committed in a scratch git
repository, never on data/. The command is run as a user runs it (its own process, stopped by a
signal), and after it every process it started must be gone and both ports free again.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from site_builder.commands.cms_config import DECAP_DIST, DECAP_SCRIPT
from site_builder.commands.edit import DECAP_SERVER
from site_builder.urls import URLS

from . import procs
from .browser import free_port
from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW

needs_decap = pytest.mark.skipif(
    not (ROOT / DECAP_SERVER).exists() or not (ROOT / DECAP_DIST / DECAP_SCRIPT).is_file(),
    reason="decap-server or Decap's bundle is not installed: run 'bash tools/setup.sh dev'",
)


def in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the sample as the data/ of a git repository, committed, with a committer."""
    top = tmp_path / "kho"
    shutil.copytree(SAMPLE_DATA, top / "data")
    git(top, "init", "-q", "-b", "main")
    git(top, "config", "user.name", "Biên tập")
    git(top, "config", "user.email", "bt@example.gov.vn")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "dữ liệu mẫu")
    return top


def command(repo: Path, out: Path, port: int, cms_port: int, root: Path = ROOT) -> list[str]:
    return [
        sys.executable,
        "-m",
        "site_builder",
        "--root",
        str(root),
        "edit",
        "--data",
        str(repo / "data"),
        "--out",
        str(out),
        "--now",
        SAMPLE_NOW,
        "--port",
        str(port),
        "--cms-port",
        str(cms_port),
    ]


def run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False, env=env)


def post(port: int, body: dict[str, object]) -> object:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


class Running:
    """The command in its own process, its stderr collected line by line."""

    def __init__(self, args: list[str]) -> None:
        self.process = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)

    @property
    def stderr(self) -> str:
        return "".join(self.lines)

    def wait_for(self, start: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in self.lines if line.startswith(start)]
            if found:
                return found[0]
            assert self.process.poll() is None, f"exit {self.process.returncode}: {self.stderr}"
            time.sleep(0.1)
        raise AssertionError(f"no '{start}' after {timeout} s: {self.stderr}")


@pytest.fixture
def started(repo: Path, tmp_path: Path) -> Iterator[tuple[Running, int, int, set[int]]]:
    port, cms_port = free_port(), free_port()
    running = Running(command(repo, tmp_path / "site", port, cms_port))
    children: set[int] = set()
    try:
        running.wait_for("Trang biên tập: http://", timeout=180)
        # Everything the command started, before it is asked to stop.
        children = procs.descendants(running.process.pid)
        yield running, port, cms_port, children
    finally:
        # A failed test must not leave a decap-server behind either (reparented once the command ended).
        leftover = children | procs.descendants(running.process.pid)
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait()
        for pid in procs.alive(leftover):
            os.kill(pid, signal.SIGKILL)


@needs_decap
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_edit_serves_the_editor_and_decap_server_then_stops_everything(
    started: tuple[Running, int, int, set[int]], repo: Path, stop: signal.Signals
) -> None:
    running, port, cms_port, children = started
    line = running.wait_for("Trang biên tập: http://", timeout=1)
    assert line.startswith(f"Trang biên tập: http://127.0.0.1:{port}/quan-tri/ ")
    assert "Ctrl+C để dừng" in line

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/quan-tri/", timeout=10) as response:
        page = response.read().decode()
    assert '<script src="decap-cms.js"></script>' in page
    # The built editor asks this run's decap-server, not the default port.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/quan-tri/config.yml", timeout=10) as response:
        config = response.read().decode()
    assert f"proxy_url: http://127.0.0.1:{cms_port}/api/v1" in config
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
        assert response.status == 200
    # The editor's preview pane is answered beside the site, from the repository's data/.
    lid = "can-tho-2026-khen-thuong-nha-nuoc"
    draft = json.loads(
        json.dumps(yaml.safe_load((repo / "data" / "nominations" / f"{lid}.yml").read_text()), default=str)
    )
    asked = urllib.request.Request(
        f"http://127.0.0.1:{port}/{URLS.editor_preview()}",
        data=json.dumps({"kind": "nominations", "id": lid, "record": draft, "now": 1795572000000}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(asked, timeout=30) as response:
        answer = json.loads(response.read())
    assert answer["url"] == URLS.nomination(lid) and 'data-tdkt-state="upcoming"' in answer["html"]

    # decap-server answers on loopback, in git mode, on this repository.
    assert post(cms_port, {"action": "info"}) == {
        "repo": repo.name,
        "publish_modes": ["simple", "editorial_workflow"],
        "type": "local_git",
    }
    entries = post(
        cms_port,
        {
            "action": "entriesByFolder",
            "params": {"branch": "main", "folder": "data/campaigns", "extension": "yml", "depth": 1},
        },
    )
    assert isinstance(entries, list)
    assert len(entries) == len(list((SAMPLE_DATA / "campaigns").glob("*.yml")))

    servers = [pid for pid in children if any("decap-server" in part for part in procs.cmdline(pid))]
    assert len(servers) == 1, [procs.cmdline(pid) for pid in children]

    running.process.send_signal(stop)
    assert running.process.wait(timeout=30) == 0, running.stderr
    running.reader.join(timeout=5)
    assert procs.alive(children) == set()
    assert not in_use(port) and not in_use(cms_port)
    assert "Đã dừng trang biên tập và decap-server." in running.stderr
    assert "Traceback" not in running.stderr


@needs_decap
@pytest.mark.parametrize("which", ["site", "decap-server"])
def test_a_busy_port_is_one_vietnamese_line_and_exit_2_before_anything_starts(
    repo: Path, tmp_path: Path, which: str
) -> None:
    port, cms_port = free_port(), free_port()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", port if which == "site" else cms_port))
        holder.listen()
        done = run(command(repo, tmp_path / "site", port, cms_port))
    taken, option, what = (port, "--port", "trang") if which == "site" else (cms_port, "--cms-port", "decap-server")
    assert done.returncode == 2
    assert done.stderr == (
        f"Lỗi môi trường (không phải lỗi dữ liệu): cổng 127.0.0.1:{taken} ({what}) đã có chương trình khác "
        f"dùng; dừng chương trình đó hoặc chọn cổng khác với {option}.\n"
    )
    assert not (tmp_path / "site").exists()  # nothing built
    assert not in_use(port if which == "decap-server" else cms_port)  # nothing left listening


def test_without_decap_server_it_says_to_run_the_dev_set_up(repo: Path, tmp_path: Path) -> None:
    bare = tmp_path / "du-an"  # a project folder with no node_modules
    bare.mkdir()
    done = run(command(repo, tmp_path / "site", free_port(), free_port(), root=bare))
    assert done.returncode == 2
    assert done.stderr == (
        "Lỗi môi trường (không phải lỗi dữ liệu): chưa cài decap-server (node_modules/.bin/decap-server); "
        "chạy 'bash tools/setup.sh dev' (cài decap-server theo package-lock.json) rồi thử lại.\n"
    )


@needs_decap
def test_data_errors_exit_1_as_build_does_and_start_nothing(repo: Path, tmp_path: Path) -> None:
    campaign = sorted((repo / "data" / "campaigns").glob("*.yml"))[0]
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace("title:", "tittle:", 1), encoding="utf-8")
    git(repo, "commit", "-qam", "lỗi")
    cms_port = free_port()
    done = run(command(repo, tmp_path / "site", free_port(), cms_port))
    assert done.returncode == 1, done.stderr
    assert f"{campaign.name}:1:1: tittle: không có trường 'tittle'" in done.stderr
    assert "Dữ liệu có " in done.stderr and "Traceback" not in done.stderr
    assert "Trang biên tập: http" not in done.stderr
    assert not in_use(cms_port)


@needs_decap
def test_uncommitted_changes_are_refused_before_decap_server_could_commit_them(repo: Path, tmp_path: Path) -> None:
    (repo / "ghi-chu.txt").write_text("nháp\n", encoding="utf-8")
    done = run(command(repo, tmp_path / "site", free_port(), free_port()))
    assert done.returncode == 2
    assert done.stderr.startswith(
        f"Lỗi môi trường (không phải lỗi dữ liệu): kho git {repo} có thay đổi chưa commit (ghi-chu.txt và 0 tệp khác)"
    )
    assert "git stash -u" in done.stderr and done.stderr.count("\n") == 1


@needs_decap
def test_data_outside_a_git_repository_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "rieng" / "data"
    shutil.copytree(SAMPLE_DATA, data)
    env = dict(os.environ, GIT_CEILING_DIRECTORIES=str(tmp_path))
    done = run(command(data.parent, tmp_path / "site", free_port(), free_port()), env=env)
    assert done.returncode == 2
    assert "không nằm trong một kho git" in done.stderr and done.stderr.count("\n") == 1


@needs_decap
def test_a_repository_without_a_committer_is_refused(repo: Path, tmp_path: Path) -> None:
    git(repo, "config", "--unset", "user.name")
    git(repo, "config", "--unset", "user.email")
    # No identity from the machine either (the user's or the system's git configuration).
    env = dict(os.environ, HOME=str(tmp_path), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    env.pop("GIT_AUTHOR_NAME", None)
    env.pop("GIT_COMMITTER_NAME", None)
    env.pop("GIT_AUTHOR_EMAIL", None)
    env.pop("GIT_COMMITTER_EMAIL", None)
    env.pop("EMAIL", None)
    done = run(command(repo, tmp_path / "site", free_port(), free_port()), env=env)
    assert done.returncode == 2
    assert "git chưa biết tên người lưu" in done.stderr and done.stderr.count("\n") == 1


@needs_decap
def test_decap_servers_port_taken_after_the_check_stops_what_had_started(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The port is free when checked and taken when decap-server binds it: the site's port is let go."""
    from site_builder.commands import edit
    from site_builder.commands.build import Project

    out = tmp_path / "site"

    def build_site() -> int:
        # What a build leaves for the command: the editor's configuration (the rest is not read).
        (out / "quan-tri").mkdir(parents=True)
        (out / "quan-tri" / "config.yml").write_text("backend:\n  branch: main\n", encoding="utf-8")
        return 0

    monkeypatch.setattr(edit, "port_taken", lambda port: False)
    port, cms_port = free_port(), free_port()
    before = procs.descendants(os.getpid())
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", cms_port))
        holder.listen()
        with pytest.raises(edit.EditError) as refused:
            edit.run(Project(ROOT, repo / "data", out), build_site, port, cms_port)
    assert str(refused.value) == (
        f"cổng 127.0.0.1:{cms_port} (decap-server) đã có chương trình khác dùng; dừng chương trình đó hoặc "
        "chọn cổng khác với --cms-port"
    )
    assert not in_use(port)
    assert procs.alive(procs.descendants(os.getpid()) - before) == set()


@needs_decap
def test_killed_outright_it_takes_decap_server_with_it(started: tuple[Running, int, int, set[int]]) -> None:
    """SIGKILL runs no clean-up: the kernel's parent-death signal stops decap-server instead."""
    running, _port, cms_port, children = started
    assert any("decap-server" in part for pid in children for part in procs.cmdline(pid))
    running.process.kill()
    running.process.wait(timeout=10)
    deadline = time.monotonic() + 15
    while procs.alive(children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert procs.alive(children) == set()
    # The kernel closes a dead process's socket a moment after it is reaped, later on a loaded machine.
    while in_use(cms_port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not in_use(cms_port)


@needs_decap
def test_a_build_into_the_repository_that_git_would_commit_is_refused(repo: Path, tmp_path: Path) -> None:
    cms_port = free_port()
    done = run(command(repo, repo / "ban-dung", free_port(), cms_port))
    assert done.returncode == 2, done.stderr
    last = done.stderr.splitlines()[-1]
    assert last.startswith(f"Lỗi môi trường (không phải lỗi dữ liệu): bản dựng đã ghi vào kho git {repo} (")
    assert last.endswith("chọn --out ngoài kho (hoặc một thư mục có trong .gitignore).")
    assert not in_use(cms_port)
