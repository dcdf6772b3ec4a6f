"""Gzipped copies of the site's text files, for web servers that serve them as they are.

nginx's `gzip_static on` (and Caddy's `file_server { precompressed gzip }`) answers a reader whose
browser accepts gzip with `<file>.gz` when it lies beside the file: no compression per request,
and the best level once at build time. Bytes are reproducible: no name and mtime 0 in the gzip
header, so a build of the same data gives the same files.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# The suffixes of files that compress well (text); images, fonts and Pagefind's parts (already
# compressed) are left alone.
TEXT_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".mjs", ".map", ".xml", ".json", ".svg", ".ics", ".csv", ".opml", ".txt", ".webmanifest"}
)
# Below this size a response fits in one packet either way; the server sends the file itself.
MIN_SIZE = 512


def _candidates(site_dir: Path) -> Iterator[Path]:
    for parent, _dirs, names in os.walk(site_dir):
        present = set(names)
        for name in sorted(names):
            if os.path.splitext(name)[1] in TEXT_SUFFIXES and f"{name}.gz" not in present:
                yield Path(parent, name)


def _compress(path: Path) -> int:
    raw = path.read_bytes()
    if len(raw) < MIN_SIZE:
        return 0
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    if len(packed) >= len(raw):
        return 0
    path.with_name(f"{path.name}.gz").write_bytes(packed)
    return 1


def precompress(site_dir: Path) -> int:
    """Write `<file>.gz` beside every text file of site_dir worth it; return how many.

    A `.gz` the generator wrote itself (MkDocs's sitemap.xml.gz) is kept. zlib releases the GIL,
    so two threads use both cores.
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        return sum(pool.map(_compress, list(_candidates(site_dir))))
