from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from site_builder.commands.build import Progress, Project, build
from site_builder.commands.cli import parse_now

ROOT = Path(__file__).resolve().parent.parent
# Code tests build from this frozen copy of the sample, never from data/: data/ belongs to the
# editors, and any valid edit there must leave the tests green (test_data_gate checks data/ itself).
SAMPLE_DATA = ROOT / "tests" / "fixtures" / "sample"
SAMPLE_NOW = "2026-11-25T09:00:00+07:00"
REFERENCE_FILES = ("site.yml", "awards.yml", "provinces.yml", "holidays.yml", "rules.yml")


def is_site_page(site: Path, path: Path) -> bool:
    """Whether a built HTML file is one of the site's pages: the web editor (/quan-tri/) is an
    application with a page and a policy of its own (tests/test_cms_config.py, test_browser_cms.py),
    and the embeddable views (/nhung/) are pages without the theme, made for other sites' frames
    (tests/publish/test_browser_embeds.py, test_hostile.py)."""
    from site_builder.urls import URLS

    rel = path.relative_to(site).as_posix()
    return not rel.startswith((URLS.editor(), f"{URLS.EMBEDS}/"))


@pytest.fixture(scope="session")
def now() -> datetime:
    return parse_now(SAMPLE_NOW)


# Earlier states of sample records: committed before the sample itself in the scratch repository
# that the sample site is built from, so that versions of an amended list come from git history.
HISTORY = ROOT / "tests" / "fixtures" / "history"


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=Biên tập", "-c", "user.email=bt@example.gov.vn", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def sample_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample in a git repository of its own: first the earlier states, then the sample."""
    repo = tmp_path_factory.mktemp("sample-repo")
    data = repo / "data"
    shutil.copytree(SAMPLE_DATA, data)
    for earlier in HISTORY.rglob("*.yml"):
        shutil.copyfile(earlier, data / earlier.relative_to(HISTORY))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "phiên bản đầu")
    for earlier in HISTORY.rglob("*.yml"):
        shutil.copyfile(SAMPLE_DATA / earlier.relative_to(HISTORY), data / earlier.relative_to(HISTORY))
    git(repo, "commit", "-qam", "đính chính")
    return data


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory, sample_data: Path, now: datetime) -> Path:
    """The sample data built once for the whole session, at the documented date."""
    out = tmp_path_factory.mktemp("sample") / "site"
    build(Project(ROOT, sample_data, out), now, progress=Progress(None))
    return out


@pytest.fixture
def page(sample_site: Path) -> Callable[[str], html.HtmlElement]:
    def parse(url: str) -> html.HtmlElement:
        path = sample_site / url.strip("/") / "index.html" if not url.endswith(".html") else sample_site / url
        return html.fromstring(path.read_bytes())

    return parse


# With RULEBOOK_CORPUS=<folder>, every record a test writes is kept there too: the corpus of
# the rulebook's parity test (tests/validation/test_rulebook_parity.py, tools/rulebook-corpus.sh).
CORPUS = os.environ.get("RULEBOOK_CORPUS")


def harvest(path: Path) -> None:
    if not CORPUS or path.parent.name not in ("campaigns", "exemplars", "nominations"):
        return
    raw = path.read_bytes()
    folder = Path(CORPUS) / path.parent.name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{hashlib.sha256(raw).hexdigest()[:16]}.yml").write_bytes(raw)


class DataDir:
    """A scratch data folder with the real reference files and records written by a test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in REFERENCE_FILES:
            shutil.copyfile(SAMPLE_DATA / name, root / name)
        for kind in ("campaigns", "exemplars", "nominations", "images"):
            (root / kind).mkdir()
        shutil.copyfile(SAMPLE_DATA / "images" / "ruong-lua.svg", root / "images" / "ruong-lua.svg")

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        harvest(path)
        return path

    def copy_sample(self, kind: str, record_id: str) -> Path:
        target = self.root / kind / f"{record_id}.yml"
        shutil.copyfile(SAMPLE_DATA / kind / f"{record_id}.yml", target)
        harvest(target)
        return target


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    folder = tmp_path / "data"
    folder.mkdir()
    return DataDir(folder)


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    from .browser import serve

    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).is_file():
        # Not a test failure: the machine lacks the browser. One line, exit 2, as the build does.
        pytest.exit(
            f"Lỗi môi trường: không có Chromium tại {CHROMIUM}; chạy 'bash tools/setup.sh dev' "
            "hoặc 'apt-get install chromium' rồi chạy lại.",
            returncode=2,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    yield page
    context.close()
