"""Problems found in the data, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "cảnh báo: "
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {prefix}{self.message}"


class DataError(Exception):
    """The data cannot be published; carries every problem found in the run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} lỗi trong dữ liệu")


class BuildError(Exception):
    """A build step outside the data failed (MkDocs, Pagefind, the file system)."""
