"""What /proc says about processes: parents, states, groups and the files they hold open (Linux)."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    state: str
    pgid: int

    @property
    def alive(self) -> bool:
        """Running or sleeping; a zombie (Z) or a dead process (X) no longer runs nor writes."""
        return self.state not in ("Z", "X")


def table() -> dict[int, Proc]:
    """Every process now, by pid."""
    out: dict[int, Proc] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # ended meanwhile
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        fields = raw[raw.rindex(")") + 2 :].split()
        out[int(entry)] = Proc(int(entry), int(fields[1]), fields[0], int(fields[2]))
    return out


def descendants(root: int, procs: dict[int, Proc] | None = None) -> set[int]:
    """Children, grandchildren, ... of root (not root itself)."""
    procs = table() if procs is None else procs
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {p.pid for p in procs.values() if p.ppid in frontier and p.pid not in found}
        found |= frontier
    return found


def cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")[:-1]
    except OSError:
        return []


def alive(pids: set[int]) -> set[int]:
    procs = table()
    return {pid for pid in pids if pid in procs and procs[pid].alive}


def holding(folder: Path) -> set[int]:
    """Live processes whose working folder or any open file is inside folder."""
    inside = str(folder.resolve())
    found: set[int] = set()
    for pid, proc in table().items():
        if not proc.alive:
            continue
        try:
            names = [f"/proc/{pid}/cwd", *(f"/proc/{pid}/fd/{fd}" for fd in os.listdir(f"/proc/{pid}/fd"))]
        except OSError:
            continue  # ended meanwhile
        links = []
        for name in names:
            with contextlib.suppress(OSError):  # closed meanwhile
                links.append(os.readlink(name))
        if any(link == inside or link.startswith(inside + "/") for link in links):
            found.add(pid)
    return found


def size(folder: Path) -> int:
    """Bytes of the files under folder."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
