"""Work shared between this process and one forked child: builds run on two cores.

The child is forked, so it starts with everything this process has loaded (records, rendered
pages, caches) without copying or pickling them; only its result comes back, pickled, over a
pipe. Used for rendering and for MkDocs on large sites.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any, TypeVar

from .problems import BuildError

Mine = TypeVar("Mine")
Theirs = TypeVar("Theirs")


def cores() -> int:
    """Cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def beside(child: Callable[[], Theirs], here: Callable[[], Mine], what: str) -> tuple[Mine, Theirs]:
    """Run child() in a forked process while here() runs in this one; both results.

    A failure on either side raises BuildError naming `what`; the child never outlives the call.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_run_child, args=(send, child), daemon=True)
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


def _run_child(send: Any, child: Callable[[], Any]) -> None:
    try:
        outcome: tuple[bool, Any] = (True, child())
    except BaseException as exc:  # sent to the parent, which raises it
        outcome = (False, str(exc) if isinstance(exc, BuildError) else f"{type(exc).__name__}: {exc}")
    try:
        send.send(outcome)
    finally:
        send.close()
