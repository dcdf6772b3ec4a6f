"""Builds that clean up after themselves: no process outlives a killed build, staging folders
of dead builds go, two builds never write into one site at once, data/ is only ever read."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from . import procs
from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW, DataDir

# Enough exemplars for the build to fork its rendering (from 1,000) and for Pagefind to work for
# seconds; the environment forces the two MkDocs processes, which start at 1,500 pages.
EXEMPLARS = 1000
SPLIT_ENV = {"SITE_BUILDER_MIN_PAGES_TO_SPLIT": "0"}
# Children must be gone this soon after the build is killed: with the fix it takes milliseconds;
# without it the render worker never ends, the MkDocs worker and Pagefind go on for seconds.
GONE_WITHIN = 1.5


@pytest.fixture(scope="module")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("big") / "data"
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "generate", "--exemplars", str(EXEMPLARS)]
    command += ["--out", str(out), "--now", "2026-11-25", "--reference", str(SAMPLE_DATA)]
    subprocess.run(command, check=True, capture_output=True)
    return out


class Build:
    """A build in a process of its own; its progress lines are collected as they come."""

    def __init__(self, data: Path, out: Path, env: dict[str, str] | None = None, now: str = SAMPLE_NOW) -> None:
        command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "build"]
        command += ["--data", str(data), "--out", str(out), "--now", now]
        self.process = subprocess.Popen(
            command, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, cwd=ROOT
        )
        self.lines: list[str] = []
        self.times: list[float] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.times.append(time.monotonic())
            self.lines.append(line.rstrip("\n"))

    def said(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def when(self, text: str) -> float:
        """When the first line holding text came."""
        return next(at for at, line in zip(self.times, self.lines, strict=True) if text in line)

    def wait(self, timeout: float = 120) -> int:
        code = self.process.wait(timeout)
        self.reader.join(timeout)
        return code

    def forks(self) -> set[int]:
        """Children that are forks of the build (the same command line): render or MkDocs workers."""
        own = procs.cmdline(self.process.pid)
        return {pid for pid in procs.descendants(self.process.pid) if procs.cmdline(pid) == own}

    def spawned(self) -> set[int]:
        """Children started afresh by multiprocessing's spawn: the MkDocs workers of a large site."""
        return {pid for pid in procs.descendants(self.process.pid) if "--multiprocessing-fork" in procs.cmdline(pid)}

    def pagefind(self) -> set[int]:
        return {
            pid for pid in procs.descendants(self.process.pid) if any("pagefind" in a for a in procs.cmdline(pid)[:3])
        }


def until(condition: Callable[[], object], timeout: float, step: float = 0.005) -> float:
    """Seconds until condition() holds; fails after timeout."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            pytest.fail(f"not reached within {timeout} s")
        time.sleep(step)
    return time.monotonic() - start


def run_build(data: Path, out: Path, *more: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "build", "--data", str(data)]
    command += ["--out", str(out), "--now", SAMPLE_NOW, *more]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT, timeout=300)


def staging_folders(parent: Path) -> list[Path]:
    return sorted(parent.glob(".site.build-*"))


@pytest.mark.parametrize("stage", ["render", "mkdocs", "pagefind"])
def test_a_killed_build_leaves_no_process_behind(big_data: Path, tmp_path: Path, stage: str) -> None:
    out = tmp_path / "site"
    build = Build(big_data, out, SPLIT_ENV)
    family: set[int] = set()
    try:
        render_fork: set[int] = set()

        def reached() -> bool:
            family.update(procs.descendants(build.process.pid))
            if stage == "render":
                render_fork.update(build.forks())
                return bool(render_fork) and not build.said("Dựng trang")
            if stage == "mkdocs":
                return build.said("Ghi trang nguồn") and bool(build.spawned())
            return bool(build.pagefind())

        until(reached, 90)
        if stage == "pagefind":
            time.sleep(0.3)  # indexing, writing into the staging folder
        family.update(procs.descendants(build.process.pid))
        assert family, "the build had children to leave behind"
        # The staging folder exists from the render stage on (pages are written as rendered).
        staging = staging_folders(tmp_path)
        build.process.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        build.process.wait()

        def clean() -> bool:
            return not procs.alive(family) and not any(procs.holding(folder) for folder in staging)

        gone = until(clean, 30, 0.01)
        sizes = [procs.size(folder) for folder in staging]
        print(f"\n{stage}: {len(family)} children gone {gone:.3f} s after SIGKILL; staging bytes {sizes}")
        assert gone < GONE_WITHIN, f"children still there {time.monotonic() - killed:.1f} s after the build died"
        # Nothing writes into the staging folder any more: it stays as it is.
        time.sleep(0.5)
        assert [procs.size(folder) for folder in staging] == sizes
        # The next build into the same folder removes what this one left.
        after = run_build(SAMPLE_DATA, out)
        assert after.returncode == 0, after.stderr
        assert staging_folders(tmp_path) == []
        for folder, size in zip(staging, sizes, strict=True):
            assert (
                f"Đã xóa {folder.name}, thư mục dở dang của một lần dựng đã dừng ({size / 1e6:.0f} MB)." in after.stderr
            )
    finally:
        if build.process.poll() is None:
            build.process.kill()
        for pid in procs.alive(family | procs.descendants(build.process.pid)):
            os.kill(pid, signal.SIGKILL)


# -- what dead builds leave beside the site ------------------------------------------------


def sleeper() -> subprocess.Popen[bytes]:
    return subprocess.Popen(["sleep", "60"])


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def leftover(parent: Path, name: str, megabytes: int = 1) -> Path:
    folder = parent / name
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "index.html").write_bytes(b"x" * (megabytes * 1_000_000))
    return folder


def test_leftovers_of_dead_builds_go_and_those_of_live_ones_stay(tmp_path: Path) -> None:
    out = tmp_path / "site"
    live = sleeper()
    try:
        dead = leftover(tmp_path, f".site.build-{dead_pid()}-abcd1234", 3)
        running = leftover(tmp_path, f".site.build-{live.pid}-efgh5678")
        unnamed_old = leftover(tmp_path, ".site.build-k2j4h5g6")  # from before pids were recorded
        two_hours = time.time() - 2 * 3600
        os.utime(unnamed_old, (two_hours, two_hours))
        unnamed_new = leftover(tmp_path, ".site.build-q9w8e7r6")
        other_site = leftover(tmp_path, f".site2.build-{dead_pid()}-abcd1234")
        old_site = leftover(tmp_path, f".site.old-{dead_pid()}")
        out.mkdir()  # a site is in place: the old one a killed swap left is not needed
        result = run_build(SAMPLE_DATA, out)
        assert result.returncode == 0, result.stderr
        remaining = sorted(path.name for path in tmp_path.iterdir())
        # The build cache beside the site (cache.py) and the web server's configuration
        # (site/server.py) are the build's own, not leftovers.
        assert remaining == sorted(
            [running.name, unnamed_new.name, other_site.name, "site", ".site.cache", "site.server"]
        )
        assert f"Đã xóa {dead.name}, thư mục dở dang của một lần dựng đã dừng (3 MB)." in result.stderr
        assert f"Đã xóa {unnamed_old.name}," in result.stderr
        assert f"Đã xóa {old_site.name}," in result.stderr
        assert not (tmp_path / ".site.lock").exists()
    finally:
        live.kill()
        live.wait()


def test_a_reused_pid_does_not_keep_a_dead_builds_folder(tmp_path: Path) -> None:
    from site_builder.utils import staging

    out = tmp_path / "site"
    mine = leftover(tmp_path, f".site.build-{os.getpid()}-abcd1234")  # this process makes its own later
    later = sleeper()  # a process started after the folder was made cannot have made it
    try:
        time.sleep(1.5)  # /proc's start times count in clock ticks, the folder's times in ns
        reused = leftover(tmp_path, ".site.build-1-placeholder")
        os.utime(reused, (time.time() - 60, time.time() - 60))
        named = reused.rename(tmp_path / f".site.build-{later.pid}-abcd1234")
        # Renaming changed the folder's ctime: the started-after test reads it, so ask /proc as
        # if the process had started after that too.
        real_started = staging._started
        staging._started = lambda pid: time.time() + 60 if pid == later.pid else real_started(pid)
        try:
            removed = {left.path.name for left in staging.clean_up(out)}
        finally:
            staging._started = real_started
        assert removed == {mine.name, named.name}
    finally:
        later.kill()
        later.wait()


def test_a_swap_killed_between_its_renames_gets_the_old_site_back(tmp_path: Path) -> None:
    out = tmp_path / "site"
    old = leftover(tmp_path, f".site.old-{dead_pid()}")
    (old / "site" / "index.html").rename(old / "index.html")
    # The data is broken: nothing new is published, but the old site is back in its place.
    result = run_build(tmp_path / "khong-co-du-lieu", out)
    assert result.returncode == 1
    assert "Đã đặt lại trang cũ từ .site.old-" in result.stderr
    assert (out / "index.html").read_bytes() == b"x" * 1_000_000
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


# -- one build at a time --------------------------------------------------------------------


def test_a_second_build_into_the_same_folder_waits_for_the_first(data_dir: DataDir, tmp_path: Path) -> None:
    from .records import CAMPAIGN, EXEMPLAR, NOMINATION

    data_dir.write("campaigns/ntm.yml", CAMPAIGN)
    data_dir.write("exemplars/nguyen-van-an.yml", EXEMPLAR)
    data_dir.write("nominations/hcld-2026.yml", NOMINATION)
    out = tmp_path / "site"
    first = Build(SAMPLE_DATA, out)
    lock = tmp_path / ".site.lock"
    until(lambda: lock.exists() and lock.read_text().strip() == str(first.process.pid), 60)
    second = Build(data_dir.root, out)
    try:
        assert first.wait() == 0, first.lines
        assert second.wait() == 0, second.lines
    finally:
        for build in (first, second):
            if build.process.poll() is None:
                build.process.kill()
    assert second.lines[1] == f"Đang chờ lần dựng khác (tiến trình {first.process.pid}) ghi xong vào {out}…"
    # The second read its data only once the first had put its site in place.
    assert second.when("Đọc và kiểm tra dữ liệu") > first.when("Thay trang cũ bằng trang mới")
    # The site is the second build's, whole: its one exemplar, none of the sample's.
    exemplars = sorted(path.parent.name for path in (out / "dien-hinh").glob("*/index.html"))
    assert [name for name in exemplars if not name.startswith(("theo-", "trang-"))] == ["nguyen-van-an"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.cache", "data", "site", "site.server"]


def test_serve_waits_for_a_build_into_its_folder(tmp_path: Path) -> None:
    import socket

    from site_builder.utils import staging

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = tmp_path / "preview"
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "serve", "--data", str(SAMPLE_DATA)]
    command += ["--out", str(out), "--now", SAMPLE_NOW, "--port", str(port)]
    with staging.exclusive(out):  # a build holds the folder
        process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        try:
            assert process.stderr is not None
            assert process.stderr.readline().startswith(f"Đang chờ lần dựng khác (tiến trình {os.getpid()})")
            time.sleep(1)
            assert not out.exists(), "serve built while another build held the folder"
            released = time.monotonic()
        except BaseException:
            process.kill()
            raise
    try:
        line = ""
        while "Xem trước tại" not in line:
            line = process.stderr.readline()
            assert line, "serve ended"
        assert time.monotonic() > released
        assert (out / "index.html").is_file()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_waiting_has_an_end(tmp_path: Path) -> None:
    from site_builder.problems import BuildError
    from site_builder.utils import staging

    out = tmp_path / "site"
    told: list[int | None] = []
    with staging.exclusive(out):
        with pytest.raises(BuildError) as raised, staging.exclusive(out, wait=0.3, waiting=told.append):
            pass
        assert told == [os.getpid()]
    assert str(raised.value) == (
        f"sau 0 phút vẫn có lần dựng khác (tiến trình {os.getpid()}) đang ghi vào {out}; "
        "chờ lần đó xong hoặc dừng nó rồi chạy lại"
    )
    assert not (tmp_path / ".site.lock").exists()


# -- data/ is only read ---------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, int, int, bytes]]:
    """Every file and folder under folder: mode, owner, modification time and content."""
    out = {}
    for path in sorted([folder, *folder.rglob("*")]):
        info = path.lstat()
        content = path.read_bytes() if path.is_file() else b""
        out[path.relative_to(folder).as_posix()] = (info.st_mode, info.st_uid, info.st_mtime_ns, content)
    return out


def editors_copy(tmp_path: Path) -> Path:
    """The sample as an editor's checkout may hold it: modes of every kind."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    (data / "site.yml").chmod(0o600)
    (data / "awards.yml").chmod(0o444)
    next((data / "exemplars").glob("*.yml")).chmod(0o664)
    (data / "images").chmod(0o750)
    return data


def test_a_build_leaves_data_as_it_was(tmp_path: Path) -> None:
    data = editors_copy(tmp_path)
    before = snapshot(data)
    result = run_build(data, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert snapshot(data) == before


def test_a_read_only_data_folder_builds(tmp_path: Path) -> None:
    data = editors_copy(tmp_path)
    before = snapshot(data)
    read_only = tmp_path / "ro"
    read_only.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(data), str(read_only)], capture_output=True).returncode == 0
    if mounted:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(read_only)], check=True)
    elif os.geteuid() != 0:
        read_only.rmdir()
        shutil.copytree(data, read_only)
        for path in [read_only, *read_only.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
    else:
        pytest.skip("root without the right to mount: a read-only data folder cannot be made here")
    try:
        with pytest.raises(OSError):
            (read_only / "probe").write_text("x")
        result = run_build(read_only, tmp_path / "site")
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "site" / "dien-hinh" / "index.html").is_file()
        assert snapshot(data) == before
    finally:
        if mounted:
            subprocess.run(["umount", str(read_only)], check=False)
        else:
            for path in [read_only, *read_only.rglob("*")]:
                path.chmod(path.stat().st_mode | 0o200)


@pytest.mark.parametrize("where", ["data", "project", "inside data"])
def test_an_output_folder_holding_the_data_is_refused(tmp_path: Path, where: str) -> None:
    project = tmp_path / "du-an"
    data = project / "data"
    shutil.copytree(SAMPLE_DATA, data)
    for name in ("mkdocs.yml",):
        shutil.copyfile(ROOT / name, project / name)
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    before = snapshot(project)
    out = {"data": data, "project": project, "inside data": data / "site"}[where]
    command = [sys.executable, "-m", "site_builder", "--root", str(project), "build", "--data", str(data)]
    command += ["--out", str(out), "--now", SAMPLE_NOW, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"Lỗi khi xây dựng trang: thư mục xuất trang {out} không được chứa hay nằm trong thư mục dữ liệu {data} "
        f"hoặc thư mục dự án {project}: mỗi lần dựng, thư mục xuất được thay toàn bộ; chọn một thư mục riêng, "
        f"ví dụ {project / 'site'}"
    ]
    assert snapshot(project) == before
