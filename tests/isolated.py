"""Run site-builder commands each in its own process, with a time limit and its peak memory.

    python -m tests.isolated < runs.json > results.json

stdin holds a JSON list of runs ({"args": [...], "timeout": seconds}); stdout gets one result
per run: exit status (or the signal that ended it), seconds, peak resident memory in MB and
everything written to stderr. Each run is a child forked from this process once the builder is
imported, so it costs tens of milliseconds rather than a fresh interpreter's half second, and
every malformed input can have a process, a time limit and a memory measurement of its own.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
from typing import Any

from site_builder.commands.cli import main

# A run that goes wrong must not take the machine with it: well above any bound a test sets.
ADDRESS_SPACE = 4 * 1024**3


def _child(args: list[str], stderr_fd: int) -> None:
    """In the forked child: the command line as a user runs it, stderr into stderr_fd."""
    os.dup2(stderr_fd, 2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    code = 70
    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:
        traceback.print_exc()  # what the interpreter would print: the tests look for it
    finally:
        sys.stderr.flush()
        sys.stdout.flush()
        os._exit(code)


def run(args: list[str], timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryFile() as stderr:
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(args, stderr.fileno())
        status, usage, timed_out = 0, None, False
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() - start > timeout:
                os.kill(pid, signal.SIGKILL)
                _, status, usage = os.wait4(pid, 0)
                timed_out = True
                break
            time.sleep(0.005)
        seconds = time.monotonic() - start
        stderr.seek(0)
        text = stderr.read().decode("utf-8", "backslashreplace")
    return {
        "exit": os.waitstatus_to_exitcode(status),
        "timed_out": timed_out,
        "seconds": round(seconds, 3),
        # Linux gives ru_maxrss in kilobytes.
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "stderr": text,
    }


if __name__ == "__main__":
    runs = json.load(sys.stdin)
    json.dump([run(item["args"], item["timeout"]) for item in runs], sys.stdout, ensure_ascii=False)
