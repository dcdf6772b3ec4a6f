"""The one place that writes the built site: no path twice, nothing outside the root."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from ..problems import BuildError


class Writer:
    def __init__(self, root: Path, *, keep_existing: bool = False) -> None:
        self.root = root.resolve()
        self.written: set[str] = set()
        # After MkDocs has run, post-build steps must not overwrite its pages.
        self.keep_existing = keep_existing

    def _target(self, rel: str) -> Path:
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts:
            raise BuildError(f"không ghi ra ngoài thư mục trang: {rel}")
        key = pure.as_posix()
        if key in self.written:
            raise BuildError(f"hai tệp cùng ghi vào một đường dẫn: {rel}")
        self.written.add(key)
        target = self.root.joinpath(*pure.parts)
        if self.keep_existing and target.exists():
            raise BuildError(f"không ghi đè trang MkDocs đã tạo: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def place(self, rel: str) -> Path:
        """Where to put a new file rel that the caller makes itself (a hard link from the build
        cache), with the checks of every write."""
        return self._target(rel)

    def text(self, rel: str, content: str) -> None:
        self._target(rel).write_text(content, encoding="utf-8", newline="\n")

    def bytes(self, rel: str, content: bytes) -> None:
        self._target(rel).write_bytes(content)

    def copy_tree(self, source: Path, prefix: str = "") -> int:
        """Copy every file under source to prefix/...; returns the count."""
        count = 0
        if not source.is_dir():
            return 0
        for path in sorted(source.rglob("*")):
            if path.is_file():
                rel = path.relative_to(source).as_posix()
                shutil.copyfile(path, self._target(f"{prefix}{rel}"))
                count += 1
        return count
