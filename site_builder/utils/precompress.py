"""Gzipped copies of the site's text files, for web servers that serve them as they are.

nginx's `gzip_static on` (and Caddy's `file_server { precompressed gzip }`) answers a reader whose
browser accepts gzip with `<file>.gz` when it lies beside the file: no compression per request,
and compressed once at build time. Bytes are reproducible: no name and mtime 0 in the gzip
header, so a build of the same data gives the same files.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import cache

# The suffixes of files that compress well (text); images, fonts and Pagefind's parts (already
# compressed) are left alone. .yml: the editor's configuration, 67 KB on the sample.
TEXT_SUFFIXES = frozenset(
    {
        ".html",
        ".css",
        ".js",
        ".mjs",
        ".map",
        ".xml",
        ".json",
        ".svg",
        ".ics",
        ".csv",
        ".opml",
        ".txt",
        ".webmanifest",
        ".yml",
    }
)
# Below this size a response fits in one packet either way; the server sends the file itself.
MIN_SIZE = 512


def _candidates(site_dir: Path, present_copies: list[int]) -> Iterator[tuple[Path, str]]:
    """The text files without a gzipped copy yet, with their site-relative paths; counts those
    with one in present_copies[0]."""
    start = len(os.path.join(site_dir, ""))
    for parent, _dirs, names in os.walk(site_dir):
        present = set(names)
        for name in sorted(names):
            if os.path.splitext(name)[1] in TEXT_SUFFIXES:
                if f"{name}.gz" not in present:
                    path = os.path.join(parent, name)
                    yield Path(path), path[start:].replace(os.sep, "/")
                else:
                    present_copies[0] += 1


BATCH = 2000

# zlib's level 6: at 10,000 exemplars 37% quicker than 9 for files 1% larger (3,000 pages: 1.54
# against 2.45 s, 18.36 against 18.18 MB), and the build waits for it.
LEVEL = 6


def link_known(path: Path, known: str) -> bool:
    """Put path's gzipped copy beside it from the build cache, found by known, a cache entry
    naming path's bytes (the page it was linked from, or kept as); False if the cache has none."""
    store = cache.current()
    return store.link("gzip", store.entry("gzip", "of", known), path.with_name(f"{path.name}.gz"))


def _compress(path: Path, known: str | None = None, digest: bytes | None = None) -> int:
    """Write path's gzipped copy; known: as for link_known; digest: the SHA-256 of path's bytes,
    when the writer knows it (Writer.digests), by which the copy is found without reading the file."""
    store = cache.current()
    target = path.with_name(f"{path.name}.gz")
    named = store.entry("gzip", "of", known) if known else ""
    if named and store.link("gzip", named, target):
        return 1
    # By content: an edit changes a few hundred of a large site's 19,000 text files, and the
    # others' copies come from the cache (a hard link) instead of zlib.
    if digest is not None and store.link("gzip", store.entry("gzip", digest), target):
        return 1
    raw = path.read_bytes()
    if len(raw) < MIN_SIZE:
        return 0
    # The bytes read, not the digest the writer gave: an entry must hold the copy of its key.
    entry = store.entry("gzip", hashlib.sha256(raw).digest())
    if not store.link("gzip", entry, target):
        packed = gzip.compress(raw, compresslevel=LEVEL, mtime=0)
        if len(packed) >= len(raw):
            return 0
        target.write_bytes(packed)
        store.keep("gzip", entry, target)
    if named:
        store.keep("gzip", named, target)
    return 1


def precompress(
    site_dir: Path, known: Mapping[str, str] | None = None, digests: Mapping[str, bytes] | None = None
) -> int:
    """Write `<file>.gz` beside every text file of site_dir worth it; return how many text files
    have one.

    known: cache entries of files whose bytes they name (site-relative path -> entry): on an
    edit of a large site the 14,000 pages linked from the cache were read and hashed again to
    find copies the cache had (2 of the stage's 4 s).
    digests: site-relative path -> SHA-256 of the file's bytes, for files whose writer hashed them.
    A `.gz` the generator wrote itself (MkDocs's sitemap.xml.gz), or one already linked beside a
    page (link_known), is kept. zlib and hashlib release the GIL, so two threads use both cores.
    """
    known, digests = known or {}, digests or {}
    present = [0]
    jobs = ((path, known.get(name), digests.get(name)) for path, name in _candidates(site_dir, present))
    written = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        # A batch at a time: the pool's map makes a future for every item at once; for the
        # 92,600 text files of 50,000 exemplars those and the paths took 198 MB (7 MB batched),
        # after the feeds the build's peak.
        while batch := list(itertools.islice(jobs, BATCH)):
            written += sum(pool.map(lambda job: _compress(*job), batch))
    return present[0] + written
