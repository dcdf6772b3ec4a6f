"""The search index over the built site: Pagefind, run as the last step of a build."""

from __future__ import annotations

import functools
import os
import posixpath
import re
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import parallel
from .problems import BuildError
from .urls import URLS

if TYPE_CHECKING:
    from .render import Page

INDEX_DIR = URLS.SEARCH_INDEX
# Bundles of Pagefind's own UIs; the site uses its own search box (overrides/assets/search.js).
UNUSED_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


@dataclass
class Indexing:
    """A Pagefind run in progress over a built site."""

    site_dir: Path
    process: subprocess.Popen[str]
    started: float

    def finish(self) -> tuple[int, int, float]:
        """Wait for Pagefind; (pages indexed, bytes of the index folder, seconds since the start)."""
        stdout, stderr = self.process.communicate()
        seconds = time.perf_counter() - self.started
        if self.process.returncode != 0:
            said = (stderr.strip() or stdout.strip()).splitlines()
            raise BuildError(
                f"Pagefind dừng với mã {self.process.returncode}: {said[-1] if said else 'không rõ lý do'}"
            )
        match = re.search(r"Indexed (\d+) pages", stdout)
        out = self.site_dir / INDEX_DIR
        for name in UNUSED_BUNDLES:
            (out / name).unlink(missing_ok=True)
        size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
        return (int(match.group(1)) if match else 0), size, seconds

    def cancel(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


# Page kinds left out of the index (overrides/main.html gives them no data-pagefind-body): list
# pages repeat the records' summaries and would crowd the results; a renamed record's former
# address (redirect) and a withdrawn record's notice (withdrawn) are no content of their own.
UNINDEXED_KINDS = frozenset({"list", "home", "notice", "redirect", "withdrawn"})


def searchable_urls(pages: Iterable[Page], hand_written: Iterable[str]) -> list[str]:
    """URLs of the pages that go into the index: generated pages of an indexed kind, and every
    hand-written page (their URLs as the site generator gives them)."""
    return [*(page.url for page in pages if page.meta.get("kind") not in UNINDEXED_KINDS), *hand_written]


def page_glob(urls: Iterable[str]) -> str:
    """A glob for Pagefind matching the folders of the given page URLs ("dien-hinh/x/" ...).

    Pagefind parses every file its glob matches; list pages are a third of a large site's
    HTML and hold nothing to index, so it is told where the indexed pages are instead.
    """
    patterns = set()
    for url in urls:
        folder = posixpath.dirname(url.rstrip("/"))
        patterns.add(f"{folder}/*/index.html" if folder else ("*/index.html" if url.strip("/") else "index.html"))
    ordered = sorted(patterns)
    return ordered[0] if len(ordered) == 1 else "{" + ",".join(ordered) + "}"


def start_indexing(site_dir: Path, glob: str = "**/*.{html}") -> Indexing:
    """Start Pagefind over the pages of site_dir that glob matches, in the background.

    It reads only the HTML pages, all written by the site generator before this is called, so
    the post-build steps that write feeds and data files run alongside it on the other core.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", INDEX_DIR]
    command += ["--glob", glob]
    # Pagefind writes into the staging folder: it must end with the build, even a killed one.
    guard = functools.partial(parallel.die_with_parent, os.getpid())
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=guard)
    return Indexing(site_dir, process, time.perf_counter())
