"""A store of build outputs keyed by the hash of everything they are made from.

A build reuses what an earlier build made from the same inputs: the HTML of a Markdown text,
a feed document from the same items, a web copy of the same image, the search index of a shard
whose pages are the same. Keys are SHA-256 over the inputs and the version of the code that
makes them, so a cached value is exactly what a cold build would produce. Each namespace has
its own code version (STAGE_CODE: its modules and what they import inside this package, the
libraries it calls, the project files it reads): a page template's change re-renders pages but
draws no share card again, and compresses or re-indexes only the pages whose HTML changed. A
namespace not named there, and render, which runs templates over the records, take the version
of everything (this package's source, its templates, the theme overrides, mkdocs.yml and the
versions of the libraries that shape the output).

Entries live in `<folder>/<namespace>/<ab>/<key>`, written to a temporary name and renamed, so
two processes of one build (the render and MkDocs workers) can share the store. Every hit
touches the entry; `sweep` removes what the build neither read nor wrote, so the store stays
about the size of one site's outputs.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import platform
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Final

# Libraries whose version changes what the build writes (their output is cached).
_LIBRARIES = (
    "Markdown",
    "cmarkgfm",  # editors' Markdown (markup.py)
    "nh3",
    "Jinja2",
    "feedgen",
    "lxml",  # feedgen serialises with it
    "Pillow",
    "resvg_py",  # draws the PNG copies of SVG drawings
    "mkdocs",
    "mkdocs-material",
    "pagefind",
    "pymdown-extensions",
    "segno",  # the QR code on a list's printed notice
    "icalendar",  # the lists' calendars
    "orjson",  # the lists' JSON files and versions (utils/jsondoc.py)
)
_PACKAGE = Path(__file__).resolve().parent.parent


def _files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@functools.lru_cache(maxsize=4)
def code_version(project_root: Path) -> str:
    """A hash of what turns data into the site besides the data: code, templates, theme, config."""
    files = [(_PACKAGE, path) for path in _files(_PACKAGE)]
    files += [(project_root, path) for path in [*_files(project_root / "overrides"), project_root / "mkdocs.yml"]]
    return _digest(files, _LIBRARIES)


@dataclasses.dataclass(frozen=True)
class StageCode:
    """What a namespace's values are made by, besides the inputs its keys hold."""

    modules: tuple[str, ...]  # files of this package; what they import from it is followed
    libraries: tuple[str, ...] = ()
    project: tuple[str, ...] = ()  # files or folders of the project (theme overrides, mkdocs.yml)


# Namespaces whose keys hold every input of the value (the text, the page's HTML, the file's
# bytes): the code that turns them into bytes is all that may change it. The rest (render,
# embeds, list-files, calendars) make values from records through templates and the site model,
# and take the version of everything.
STAGE_CODE: Final[dict[str, StageCode]] = {
    "markdown": StageCode(("inputs/markup.py",), ("Markdown", "cmarkgfm", "nh3", "pymdown-extensions")),
    "share-cards": StageCode(("model/images.py",), ("Pillow",)),
    "images": StageCode(("model/images.py",), ("Pillow", "resvg_py")),
    "feeds": StageCode(("publish/feeds.py",), ("feedgen", "lxml")),
    "files": StageCode(("utils/writer.py",)),
    "gzip": StageCode(("utils/precompress.py",)),
    "search": StageCode(("engines/search.py",), ("pagefind",)),
    "page": StageCode(
        ("engines/mkdocs_adapter.py",),
        ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2"),
        ("overrides", "mkdocs.yml"),
    ),
}


def _type_checking_only(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def _imported(path: Path) -> set[Path]:
    """The files of this package that the module at path imports (not those for type checks only)."""
    found: set[Path] = set()
    package = path.parent
    stack: list[ast.AST] = [ast.parse(path.read_bytes(), str(path))]
    while stack:
        node = stack.pop()
        if _type_checking_only(node):
            continue
        stack.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package
                for _ in range(node.level - 1):
                    base = base.parent
            elif (node.module or "").split(".")[0] == _PACKAGE.name:
                base = _PACKAGE.parent
            else:
                continue
            where = base.joinpath(*(node.module or "").split(".")) if node.module else base
            candidates = [where.with_suffix(".py"), where / "__init__.py"]
            candidates += [where / f"{alias.name}.py" for alias in node.names]
            found.update(c for c in candidates if c.is_file() and _PACKAGE in c.parents)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == _PACKAGE.name:
                    where = _PACKAGE.parent.joinpath(*alias.name.split("."))
                    found.update(c for c in (where.with_suffix(".py"), where / "__init__.py") if c.is_file())
    return found


def _closure(modules: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    todo = [path for path in modules if path.is_file()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(_imported(path) - seen)
    return sorted(seen)


def _digest(files: Iterable[tuple[Path, Path]], libraries: Iterable[str]) -> str:
    digest = hashlib.sha256()
    # Each file by its path inside the package or the project, not on this machine: a clone in
    # another folder (a CI runner's workspace, a second checkout) keeps the cache.
    for root, path in files:
        if path.is_file():
            digest.update(f"{root == _PACKAGE}:{path.relative_to(root).as_posix()}".encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in libraries:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}=={version}\0".encode())
    # The standard library writes output too (json, ElementTree, zoneinfo's offsets).
    digest.update(f"python=={platform.python_version()}\0".encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def stage_versions(project_root: Path) -> dict[str, str]:
    """The code version of each namespace of STAGE_CODE."""
    versions = {}
    for namespace, code in STAGE_CODE.items():
        files = [(_PACKAGE, path) for path in _closure(_PACKAGE / module for module in code.modules)]
        for name in code.project:
            where = project_root / name
            files += [(project_root, path) for path in (_files(where) if where.is_dir() else [where])]
        versions[namespace] = _digest(files, code.libraries)
    return versions


def key(*parts: str | bytes) -> str:
    """SHA-256 over the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Every field, by name: a field added later is in the key without anyone remembering it.
        return {"": type(value).__qualname__} | {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        # isoformat carries the UTC offset, the zone's name what %Z would print.
        return {"datetime": [value.isoformat(), str(value.tzinfo)]}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    # Anything else (a model, a path) must be turned into text by the caller: never skipped silently.
    raise TypeError(f"no fingerprint for {type(value).__qualname__}")


def fingerprint(value: object) -> str:
    """SHA-256 of a value made of dataclasses, dates, text, numbers, lists and dicts, field by field."""
    text = json.dumps(value, default=_plain, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def pack(values: Sequence[bytes]) -> bytes:
    """Several values in one entry, each length-prefixed."""
    return b"".join(len(value).to_bytes(8, "big") + value for value in values)


def unpack(data: bytes) -> list[bytes]:
    values, start = [], 0
    while start < len(data):
        length = int.from_bytes(data[start : start + 8], "big")
        values.append(data[start + 8 : start + 8 + length])
        start += 8 + length
    return values


class BuildCache:
    """The store of one build; folder None keeps nothing (every lookup misses)."""

    def __init__(self, folder: Path | None, version: str = "", versions: Mapping[str, str] | None = None) -> None:
        self.folder = folder
        self.version = version
        # Per namespace (stage_versions); any other namespace takes version.
        self.versions = dict(versions or {})
        self.started = time.time()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def path(self, namespace: str, entry: str) -> Path:
        assert self.folder is not None
        return self.folder / namespace / entry[:2] / entry

    def entry(self, namespace: str, *parts: str | bytes) -> str:
        """The key of an entry made from these inputs by the code version of its namespace."""
        return key(self.versions.get(namespace, self.version), namespace, *parts)

    def get(self, namespace: str, entry: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self.path(namespace, entry)
        try:
            data = path.read_bytes()
            os.utime(path)
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, namespace: str, entry: str, data: bytes) -> None:
        if self.folder is None:
            return
        path = self.path(namespace, entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def keep(self, namespace: str, entry: str, source: Path) -> None:
        """Store the file at source under entry as a hard link where the file system allows: a
        cold build of a large site wrote its pages, cards and gzipped copies twice otherwise
        (a gigabyte at 10,000 exemplars)."""
        if self.folder is None:
            return
        path = self.path(namespace, entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{entry}")
        try:
            try:
                os.link(source, temporary)
            except OSError:
                shutil.copyfile(source, temporary)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def link(self, namespace: str, entry: str, destination: Path) -> bool:
        """Put the value stored under entry at destination, as a hard link where the file system
        allows (nothing rewrites a built file in place: a build writes a new site and swaps it
        in); False if there is none."""
        if self.folder is None:
            return False
        stored = self.path(namespace, entry)
        try:
            os.utime(stored)
            destination.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(stored, destination)
        except OSError:
            self.misses += 1
            return False
        self.hits += 1
        return True

    def get_tree(self, namespace: str, entry: str, destination: Path) -> bool:
        """Put the folder stored under entry at destination, its files as hard links where the
        file system allows (as link: nothing rewrites a built file in place; an edit at 10,000
        exemplars copied 12,000 files of the search index's unchanged parts); False if there is none."""
        if self.folder is None:
            return False
        stored = self.path(namespace, entry)
        if not (stored / _COMPLETE).is_file():
            self.misses += 1
            return False
        for folder, _dirs, names in os.walk(stored):
            target = destination / os.path.relpath(folder, stored)
            target.mkdir(parents=True, exist_ok=True)
            for name in names:
                source = os.path.join(folder, name)
                os.utime(source)
                if name != _COMPLETE:
                    _link_or_copy(source, os.path.join(target, name))
        self.hits += 1
        return True

    def put_tree(self, namespace: str, entry: str, source: Path) -> None:
        """Store the folder source under entry, its files as hard links where the file system allows."""
        if self.folder is None:
            return
        stored = self.path(namespace, entry)
        stored.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=stored.parent, prefix=".tmp-"))
        try:
            shutil.copytree(source, temporary, dirs_exist_ok=True, copy_function=_link_or_copy)
            (temporary / _COMPLETE).touch()
            shutil.rmtree(stored, ignore_errors=True)
            os.replace(temporary, stored)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)

    def memo(self, namespace: str, parts: Iterable[str | bytes], make: Callable[[], bytes]) -> bytes:
        """The cached value made from parts, or make() stored under them."""
        if self.folder is None:
            return make()
        entry = self.entry(namespace, *parts)
        found = self.get(namespace, entry)
        if found is not None:
            return found
        data = make()
        self.put(namespace, entry, data)
        return data

    def memo_file(
        self, namespace: str, parts: Iterable[str | bytes], make: Callable[[], bytes], target: Path
    ) -> tuple[int, str]:
        """The value made from parts at target, as a hard link to the stored entry when there is
        one (not read: an edit at 10,000 exemplars read 10,500 embed views only to write them
        back), else make() written there and kept; its size and the entry ("" without a store),
        which names its bytes (precompress finds the file's gzipped copy by it)."""
        if self.folder is None:
            data = make()
            target.write_bytes(data)
            return len(data), ""
        entry = self.entry(namespace, *parts)
        if self.link(namespace, entry, target):
            return target.stat().st_size, entry
        data = make()
        target.write_bytes(data)
        self.keep(namespace, entry, target)
        return len(data), entry

    def memo_all(
        self, namespace: str, parts: Iterable[str | bytes], make: Callable[[], Sequence[bytes]]
    ) -> list[bytes]:
        """Values made together (a feed in every format, a photo's two copies), kept as one entry."""
        if self.folder is None:
            return list(make())
        return unpack(self.memo(namespace, parts, lambda: pack(make())))

    def sweep(self) -> int:
        """Remove the entries this build neither read nor wrote; how many were removed."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        # A second of slack: some file systems keep modification times in whole seconds.
        limit = self.started - 1
        for folder, dirs, names in os.walk(self.folder):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    if os.stat(path).st_mtime < limit:
                        os.unlink(path)
                        removed += 1
                except OSError:
                    continue
            if _COMPLETE in names and not os.path.exists(os.path.join(folder, _COMPLETE)):
                # A stored folder not used: whatever of it was newer goes too.
                shutil.rmtree(folder, ignore_errors=True)
                dirs.clear()
        return removed


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link at target to source, or a copy where the file system allows no link (another
    device, too many links). Never through a target that exists: copying onto it would write
    into whatever file it is a link to, perhaps another entry of the store."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        shutil.copyfile(source, target)


# Marks a stored folder as whole: written last, before the folder is renamed into place.
_COMPLETE = ".complete"

# The store a build uses; set by build.py for the length of one build (forked workers inherit
# it), so that deep helpers (Markdown, images) need not have it passed through every layer.
_current = BuildCache(None)


def current() -> BuildCache:
    return _current


def use(cache: BuildCache) -> None:
    global _current
    _current = cache
