"""Work shared between this process and its children: builds run on two cores.

`beside` forks a child, which starts with everything this process has loaded (records, the
site model, caches) without copying or pickling them; only its result comes back, pickled, over
a pipe. Used for rendering. `fresh_processes` starts new Python processes instead, which hold
only what they load themselves: a forked child's memory counts everything it inherited, the
whole dataset, so MkDocs on large sites runs in these.

No child outlives the build: a child asks the kernel to kill it when this process dies, even by
SIGKILL (Linux, `die_with_parent`), and holds no copy of the pipe's reading end, so that where
that is not available its write fails on a dead parent instead of waiting for ever.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ..problems import BuildError

Result = TypeVar("Result")
Mine = TypeVar("Mine")
Theirs = TypeVar("Theirs")

# Environment variables overriding the sizes from which work is split over two processes
# (SITE_BUILDER_MIN_EXEMPLARS_TO_SPLIT, SITE_BUILDER_MIN_PAGES_TO_SPLIT): tests force the split
# on small data with them. Read by the build only; documented in docs/development.md.
THRESHOLD_PREFIX = "SITE_BUILDER_"


def cores() -> int:
    """Cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def threshold(name: str, default: int) -> int:
    """The size from which work `name` is split, or the whole number in SITE_BUILDER_<name>."""
    value = os.environ.get(THRESHOLD_PREFIX + name, "").strip()
    return int(value) if value.isdigit() else default


def _libc_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


# Looked up once, here: a child between fork and exec (Pagefind's preexec_fn) only calls it.
_PRCTL = _libc_prctl()
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a child of `parent`: be killed the moment the parent dies, however it dies.

    Linux sends the signal when the thread that started the child ends, so children are
    started from the thread that waits for them. If the parent died before the request was
    made, the child ends now. Elsewhere only the second half applies.
    """
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def beside(child: Callable[[], Theirs], here: Callable[[], Mine], what: str) -> tuple[Mine, Theirs]:
    """Run child() in a forked process while here() runs in this one; both results.

    A failure on either side raises BuildError naming `what`; the child never outlives the call,
    nor this process if it is killed.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_run_child, args=(send, receive, child, os.getpid()), daemon=True)
    process.start()
    send.close()
    try:
        mine = here()
        try:
            done, value = receive.recv()
        except EOFError:
            process.join()
            done, value = False, f"tiến trình kết thúc với mã {process.exitcode}, không trả kết quả"
        process.join()
        if not done:
            raise BuildError(f"{what} (tiến trình thứ hai): {value}")
        theirs: Theirs = value
        return mine, theirs
    finally:
        if process.is_alive():
            process.kill()
            process.join()
        receive.close()


def _run_child(send: Any, receive: Any, child: Callable[[], Any], parent: int) -> None:
    # The reading end is the parent's: a copy kept open here would let a large result wait for
    # ever on a full pipe that nobody reads.
    receive.close()
    die_with_parent(parent)
    try:
        outcome: tuple[bool, Any] = (True, child())
    except BaseException as exc:  # sent to the parent, which raises it
        outcome = (False, str(exc) if isinstance(exc, BuildError) else f"{type(exc).__name__}: {exc}")
    try:
        send.send(outcome)
    finally:
        send.close()


def fresh_processes(target: Callable[..., Result], calls: Sequence[tuple[Any, ...]], what: str) -> list[Result]:
    """target(*arguments) for each tuple of arguments, each in a new Python process, all at once;
    the results in order. target and its arguments must pickle; the processes end with this one."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=len(calls), mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        futures = [pool.submit(target, *arguments) for arguments in calls]
        results = []
        for future in futures:
            try:
                results.append(future.result())
            except BuildError:
                raise
            except BrokenProcessPool:
                raise BuildError(f"{what}: một tiến trình dừng giữa chừng") from None
            except Exception as exc:
                raise BuildError(f"{what}: {type(exc).__name__}: {exc}") from exc
        return results
