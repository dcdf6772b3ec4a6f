"""Two built sites compared file by file: the same bytes everywhere, except where Pagefind writes
the same content in an order that changes from run to run.

Pagefind writes the values of each filter, and the list of filters, in its hash maps' order,
which changes from run to run: two builds of the same pages differ there, with or without the
build cache (github.com/Pagefind/pagefind/issues/638: "filter/metadata indexes" still vary; so
in 1.5.2). In every part of the search index (`pagefind/`, `pagefind/1/`... as `shards.json`
lists them, and the quick index's `pagefind/nhanh/`) those files are compared as the same bytes in any order, with filters named by
their key instead of their content hash, and `pagefind-entry.json` without the metadata file's
hash; every other file, `shards.json` included, byte for byte.

Used by tests/test_build_cache.py and bench/run.py (a rebuild from the cache against a cold
build of the same data). Standard library only: the benchmark imports it outside pytest.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from site_builder.urls import URLS

_META = re.compile(r"pagefind\.[^/]+\.pf_meta")
_ENTRY = "pagefind-entry.json"


def index_parts(site: Path) -> list[str]:
    """The folders of the search index's parts, relative to the site ("pagefind/", "pagefind/1/"...):
    those shards.json lists, or the index folder alone in a site without it."""
    manifest = site / URLS.search_manifest()
    if manifest.is_file():
        return [str(folder) for folder in json.loads(manifest.read_text(encoding="utf-8"))["shards"]]
    return [URLS.search_index()] if (site / URLS.search_index()).is_dir() else []


def index_folders(site: Path) -> list[str]:
    """Every Pagefind index of the site: the parts and the quick index (site_builder/engines/search.py)."""
    quick = [URLS.search_quick()] if (site / URLS.search_quick()).is_dir() else []
    return index_parts(site) + quick


def _filter_name(path: Path, raw: bytes) -> bytes:
    # After the "pagefind_dcd" signature and an array head, the filter's key as short CBOR text.
    if len(raw) < 14 or not 0x60 <= raw[13] < 0x78:
        raise ValueError(f"{path}: not a Pagefind filter file as this comparison knows them")
    return b"filter:" + raw[14 : 14 + raw[13] - 0x60]


def _part(site: Path, part: str) -> tuple[dict[str, bytes], set[str]]:
    """One part's files of varying order, normalised (by a name of their own under the part's
    folder), and the paths of the files they stand for."""
    folder = site / part
    normalised: dict[str, bytes] = {}
    replaced: set[str] = set()
    names: dict[bytes, bytes] = {}
    filters = folder / "filter"
    for path in sorted(filters.iterdir()) if filters.is_dir() else []:
        raw = gzip.decompress(path.read_bytes())
        name = _filter_name(path, raw)
        names[path.stem.encode()] = name
        normalised[part + name.decode("utf-8")] = bytes(sorted(raw))
        replaced.add(path.relative_to(site).as_posix())
    metas = [path for path in folder.iterdir() if path.is_file() and _META.fullmatch(path.name)]
    if len(metas) == 1:
        (meta,) = metas
        raw = gzip.decompress(meta.read_bytes())
        for stem, name in names.items():
            if raw.count(stem) != 1:
                raise ValueError(f"{meta}: names filter {stem.decode()} {raw.count(stem)} times, not once")
            raw = raw.replace(stem, name)
        normalised[part + "pagefind.pf_meta"] = bytes(sorted(raw))
        replaced.add(meta.relative_to(site).as_posix())
    # Else compared byte for byte: a missing or second metadata file shows as a difference.
    entry_file = folder / _ENTRY
    if entry_file.is_file():
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        for language in entry["languages"].values():
            language.pop("hash")  # of the metadata file
        normalised[part + _ENTRY] = json.dumps(entry, sort_keys=True).encode("utf-8")
        replaced.add(entry_file.relative_to(site).as_posix())
    return normalised, replaced


def index_files(site: Path, parts: list[str] | None = None) -> tuple[dict[str, bytes], set[str]]:
    """The Pagefind files of varying order of every part, normalised, and the paths they replace."""
    normalised: dict[str, bytes] = {}
    replaced: set[str] = set()
    for part in index_folders(site) if parts is None else parts:
        if (site / part).is_dir():
            files, paths = _part(site, part)
            normalised |= files
            replaced |= paths
    return normalised, replaced


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def _same_bytes(first: Path, second: Path) -> bool:
    if first.stat().st_size != second.stat().st_size:
        return False
    return first.read_bytes() == second.read_bytes()


def differences(first: Path, second: Path) -> list[str]:
    """The files that differ between two built sites, sorted: in one only, or with other bytes
    (a normalised Pagefind file named as `<part>filter:<key>`, `<part>pagefind.pf_meta` or
    `<part>pagefind-entry.json`). [] when the sites are the same. Reads one file at a time."""
    parts = sorted(set(index_folders(first)) | set(index_folders(second)))
    first_index, first_replaced = index_files(first, parts)
    second_index, second_replaced = index_files(second, parts)
    first_files, second_files = _files(first) - first_replaced, _files(second) - second_replaced
    differing = {
        path
        for path in first_files | second_files
        if path not in first_files or path not in second_files or not _same_bytes(first / path, second / path)
    }
    differing |= {
        name for name in first_index.keys() | second_index.keys() if first_index.get(name) != second_index.get(name)
    }
    return sorted(differing)
