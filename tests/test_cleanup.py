"""Builds that clean up after themselves: no process outlives a killed build, staging folders
of dead builds go, two builds never write into one site at once, data/ is only ever read."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from . import procs
from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW

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
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def said(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def wait(self, timeout: float = 120) -> int:
        code = self.process.wait(timeout)
        self.reader.join(timeout)
        return code

    def forks(self) -> set[int]:
        """Children that are forks of the build (the same command line): render or MkDocs workers."""
        own = procs.cmdline(self.process.pid)
        return {pid for pid in procs.descendants(self.process.pid) if procs.cmdline(pid) == own}

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
                return build.said("Ghi trang nguồn") and bool(build.forks())
            return bool(build.pagefind())

        until(reached, 90)
        if stage == "pagefind":
            time.sleep(0.3)  # indexing, writing into the staging folder
        family.update(procs.descendants(build.process.pid))
        assert family, "the build had children to leave behind"
        # The staging folder exists from the write stage on (rendering happens before it).
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
    finally:
        if build.process.poll() is None:
            build.process.kill()
        for pid in procs.alive(family | procs.descendants(build.process.pid)):
            os.kill(pid, signal.SIGKILL)
