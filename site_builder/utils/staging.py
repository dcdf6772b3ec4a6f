"""What a build keeps beside its output folder, and how it finds what dead builds left there.

For a site built into `<parent>/<out>`:

- `<parent>/.<out>.lock`: held with flock(2) for the whole build, so two builds never write into
  one site at once; the second waits (see `exclusive`). It holds the pid of the build holding it
  and is removed when that build ends.
- `<parent>/.<out>.build-<pid>-<random>/`: the staging folder MkDocs and Pagefind write into,
  renamed into place at the end. A build that is killed leaves it behind (150-200 MB at a few
  thousand exemplars); the next build removes it once the process named in it is gone.
- `<parent>/.<out>.old-<pid>/`: the old site for the instant between the two renames of the
  swap. A build killed in that instant leaves no site at all: the next build puts it back.
- `<parent>/.<out>.trash-<pid>-<random>/`: on large sites, the old site after the swap, deleted
  by a process of its own; the next build removes what is left of it.
- `<parent>/.<out>.cache/`: the build cache (cache.py), unless --cache puts it elsewhere.
- `<parent>/<out>.server/`: the web server's configuration for the site (site/server.py), kept
  out of the site so that no host publishes it; swapped in by the same build just before the
  site. `<parent>/.<out>.server-old-<pid>/` is the previous one for the instant of the swap.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..problems import BuildError

# How long a build waits for another build into the same folder before giving up. Builds take
# seconds to two minutes; one still running after this is hung, and the wait says so.
LOCK_WAIT = 15 * 60
# Staging folders of builds from before pids were recorded in their names: a build older than
# this is over, whatever it was.
UNNAMED_AGE = 60 * 60

_OWNED = re.compile(r"^(\d+)-")


def lock_path(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}.lock")


def _holder(fd: int) -> int | None:
    """The pid written in the lock file, if any."""
    with contextlib.suppress(OSError, ValueError):
        return int(os.pread(fd, 32, 0).decode("ascii").strip())
    return None


@contextlib.contextmanager
def exclusive(
    out_dir: Path, wait: float = LOCK_WAIT, waiting: Callable[[int | None], None] | None = None
) -> Iterator[None]:
    """Hold the lock of out_dir: wait for any other build into it (telling `waiting` its pid once).

    Raises BuildError after `wait` seconds. Whoever holds the lock removes the file when done;
    a waiter that got the lock of a removed file tries again on the file now at the path.
    """
    path = lock_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            if time.monotonic() >= deadline:
                who = f"tiến trình {holder}" if holder else "một tiến trình khác"
                raise BuildError(
                    f"sau {wait / 60:.0f} phút vẫn có lần dựng khác ({who}) đang ghi vào {out_dir}; "
                    "chờ lần đó xong hoặc dừng nó rồi chạy lại"
                ) from None
            if not told and waiting is not None:
                waiting(holder)
            told = True
            time.sleep(0.1)
            continue
        try:
            now_there = os.stat(path)
            mine = os.fstat(fd)
            current = (now_there.st_dev, now_there.st_ino) == (mine.st_dev, mine.st_ino)
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(fd)  # the lock of a file its holder has just removed: take the new one
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        # Removed before it is unlocked, so nobody can take the lock of a file no longer there
        # while a third build creates a new one.
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(fd)


def new_folder(out_dir: Path) -> Path:
    """A fresh staging folder beside out_dir, named with this process's pid."""
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.build-{os.getpid()}-", dir=out_dir.parent))


def server_folder(out_dir: Path) -> Path:
    """Where the web server's configuration of the site in out_dir lies, beside it."""
    return out_dir.with_name(f"{out_dir.name}.server")


def old_server(out_dir: Path) -> Path:
    """Where the old server configuration waits during the swap."""
    return out_dir.with_name(f".{out_dir.name}.server-old-{os.getpid()}")


def old_site(out_dir: Path) -> Path:
    """Where the old site waits during the swap."""
    return out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")


def trash_folder(out_dir: Path) -> Path:
    """Where an old site waits to be deleted in the background, after the swap."""
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.trash-{os.getpid()}-", dir=out_dir.parent))


def _started(pid: int) -> float | None:
    """When a process started (seconds since the epoch), from /proc; None if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text(encoding="ascii").splitlines()
            if line.startswith("btime ")
        )
    except (OSError, StopIteration, ValueError):
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    if fields[0] in ("Z", "X"):
        return float("inf")  # a zombie runs no more: as good as a process started after anything
    return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")


def _owner_running(pid: int, folder: Path) -> bool:
    """Whether the process that made folder is still running.

    A pid is reused once its process is gone: a process with that pid started after the folder
    last changed (made, or renamed for the swap) did not make it, nor did this process (it makes
    its folders after looking).
    """
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: leave its folder alone
    started = _started(pid)
    return started is None or started <= folder.stat().st_ctime + 1


def _bytes(folder: Path) -> int:
    total = 0
    for parent, _dirs, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(parent, name)).st_size
    return total


@dataclass(frozen=True)
class Leftover:
    path: Path
    size: int
    restored: bool = False  # an old site put back in place of a site a killed swap left missing


def clean_up(out_dir: Path) -> list[Leftover]:
    """Remove what dead builds into out_dir left beside it; put back a site a killed swap removed.

    Call with the lock held: no other build into out_dir is running, so a folder whose process
    is gone is nobody's.
    """
    found: list[Leftover] = []
    name = glob.escape(out_dir.name)
    # Old sites being deleted after a swap: whatever their deletion left (killed, or still under
    # way) is nobody's site; removed without a word.
    for folder in [*out_dir.parent.glob(f".{name}.trash-*"), *out_dir.parent.glob(f".{name}.server-old-*")]:
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
    olds: list[Path] = []
    for kind in ("build", "old"):
        for folder in sorted(out_dir.parent.glob(f".{name}.{kind}-*")):
            rest = folder.name[len(f".{out_dir.name}.{kind}-") :]
            owner = _OWNED.match(f"{rest}-") if kind == "old" else _OWNED.match(rest)
            try:
                if not folder.is_dir() or folder.is_symlink():
                    continue
                if owner is not None:
                    if _owner_running(int(owner.group(1)), folder):
                        continue
                elif time.time() - folder.stat().st_mtime < UNNAMED_AGE:
                    continue
            except OSError:
                continue
            if kind == "old":
                olds.append(folder)
                continue
            size = _bytes(folder)
            shutil.rmtree(folder, ignore_errors=True)
            found.append(Leftover(folder, size))
    if olds and not out_dir.exists():
        newest = max(olds, key=lambda folder: folder.stat().st_mtime)
        newest.rename(out_dir)
        found.append(Leftover(newest, _bytes(out_dir), restored=True))
        olds.remove(newest)
    for folder in olds:
        size = _bytes(folder)
        shutil.rmtree(folder, ignore_errors=True)
        found.append(Leftover(folder, size))
    return found
