"""`site-builder edit`: the web editor on this machine in one command.

Builds the site, starts decap-server (Decap's local git backend, `node_modules/.bin/decap-server`)
on the data's git repository, serves the built site on 127.0.0.1 and prints the editor's address.
Ctrl+C or SIGTERM stops all of it. Each save through the editor is a branch `cms/<kind>/<slug>`
in that repository, published by merging into the branch the configuration names (as on GitHub).

What must hold before anything starts, each refused with one Vietnamese line and exit 2: both
ports free, decap-server and Decap's bundle installed, the data folder the `data/` of a git
repository whose working tree has nothing uncommitted (decap-server commits with `git add .`,
so it would sweep a half-done hand edit into an editor's save) and a committer identity.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any

import yaml

from ..urls import URLS
from .build import Project
from .cms_config import DECAP_DIST, DECAP_SCRIPT, LOCAL_PORT
from .preview import Server
from .preview_server import Service, respond

DECAP_SERVER = Path("node_modules") / ".bin" / "decap-server"
HOST = "127.0.0.1"
# decap-server loads express and simple-git in about a second; a slow shared machine gets more.
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
_SETUP = "chạy 'bash tools/setup.sh dev' (cài decap-server theo package-lock.json) rồi thử lại"


class EditError(Exception):
    """Not the data's fault (exit 2): the message is one Vietnamese line for whoever runs the command."""


@dataclass(frozen=True)
class Repository:
    top: Path  # the working tree decap-server reads and commits in


def _git(top: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(top), *args], capture_output=True, text=True, check=False)


def uncommitted(top: Path) -> list[str]:
    """Paths in the working tree that `git add .` would commit: changed, or untracked and not ignored."""
    status = _git(top, "status", "--porcelain", "--untracked-files=all")
    if status.returncode != 0:
        raise EditError(f"không đọc được trạng thái kho git {top}: {status.stderr.strip()}")
    return [line[3:] for line in status.stdout.splitlines() if line.strip()]


def repository(project: Project) -> Repository:
    """The git repository the editor saves into; refused when saving there would go wrong."""
    try:
        found = _git(project.data_dir, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        raise EditError(
            "chưa cài git (trang biên tập lưu mỗi thay đổi thành một nhánh git); cài git rồi thử lại"
        ) from None
    if found.returncode != 0:
        raise EditError(
            f"thư mục dữ liệu {project.data_dir} không nằm trong một kho git; trang biên tập lưu mỗi thay đổi "
            "thành một nhánh git: dùng một bản sao (git clone) của kho dữ liệu"
        )
    top = Path(found.stdout.strip()).resolve()
    # The configuration's folders are data/campaigns, data/exemplars ... from the repository's top.
    if project.data_dir.resolve() != top / "data":
        raise EditError(
            f"trang biên tập ghi vào thư mục data/ ở gốc kho git {top}, còn dữ liệu đang dựng là "
            f"{project.data_dir}; chạy lệnh với --data {top / 'data'}"
        )
    dirty = uncommitted(top)
    if dirty:
        raise EditError(
            f"kho git {top} có thay đổi chưa commit ({dirty[0]} và {len(dirty) - 1} tệp khác); "
            "mỗi lần lưu, decap-server commit mọi thứ trong kho (git add .): commit hoặc cất đi (git stash -u) trước"
        )
    if _git(top, "var", "GIT_COMMITTER_IDENT").returncode != 0:
        raise EditError(
            f'git chưa biết tên người lưu trong kho {top}; chạy git config user.name "Tên" và '
            'git config user.email "thu@example.gov.vn" trong kho rồi thử lại'
        )
    return Repository(top)


def installed(root: Path) -> Path:
    """decap-server's program; refused when it or Decap's bundle is not installed."""
    server = root / DECAP_SERVER
    if not server.exists():
        raise EditError(f"chưa cài decap-server ({DECAP_SERVER}); {_SETUP}")
    if not (root / DECAP_DIST / DECAP_SCRIPT).is_file():
        raise EditError(f"chưa có {DECAP_DIST} (trang biên tập Decap CMS); {_SETUP}")
    return server


def port_taken(port: int) -> bool:
    """Whether something listens on 127.0.0.1:port (decap-server binds it itself, later)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return True
    return False


def busy(port: int, what: str, option: str) -> EditError:
    return EditError(
        f"cổng {HOST}:{port} ({what}) đã có chương trình khác dùng; dừng chương trình đó hoặc chọn cổng khác với {option}"
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    # The editor's preview pane asks here for a draft's page (preview_server.py); None: 501.
    service: Service | None = None

    def log_message(self, format: str, *args: Any) -> None:
        return  # the terminal is for the command's own messages

    def do_POST(self) -> None:
        if self.service is None:
            self.send_error(501)
            return
        respond(self, self.service)


def site_server(port: int, site: Path, service: Service | None = None) -> http.server.ThreadingHTTPServer:
    """A plain static server of the built site, with the editor's preview (OSError when the port is taken)."""
    handler = type("EditHandler", (_Quiet,), {"service": service})
    return Server((HOST, port), functools.partial(handler, directory=str(site)))


def editor_branch(site: Path, cms_port: int) -> str:
    """The branch the built editor saves into, with its decap-server address moved to cms_port."""
    config = site / URLS.editor().strip("/") / "config.yml"
    try:
        text = config.read_text(encoding="utf-8")
    except OSError:
        raise EditError(f"bản dựng không có {config} (trang biên tập); {_SETUP}") from None
    if cms_port != LOCAL_PORT:
        # The page asks decap-server where the configuration says, which the build wrote for LOCAL_PORT.
        text = text.replace(f"{HOST}:{LOCAL_PORT}/", f"{HOST}:{cms_port}/")
        config.write_text(text, encoding="utf-8")
    branch = (yaml.safe_load(text).get("backend") or {}).get("branch", "main")
    return str(branch)


def _die_with_parent() -> None:
    # In the child before exec: if this command is killed outright (SIGKILL, no clean-up), the
    # kernel stops decap-server too instead of leaving it holding the port (Linux only).
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Backend:
    """decap-server running in its own process group (git runs beneath it): stopped as a whole."""

    process: subprocess.Popen[bytes]
    log: IO[bytes]

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace").strip()

    def tail(self) -> str:
        return " | ".join(self.output().splitlines()[-3:])

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        # git children that outlived their parent are still in its group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def answers(port: int, repo: Repository) -> bool:
    """Whether decap-server in git mode on this repository answers on port (not merely something listening)."""
    request = urllib.request.Request(
        f"http://{HOST}:{port}/api/v1",
        data=json.dumps({"action": "info"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        # Straight to loopback, whatever proxy the environment names.
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=1) as response:
            info = json.loads(response.read())
    except (OSError, ValueError):
        return False
    return isinstance(info, dict) and info.get("type") == "local_git" and info.get("repo") == repo.top.name


def start_backend(program: Path, repo: Repository, port: int, stopping: threading.Event) -> Backend:
    """decap-server in git mode on 127.0.0.1:port, once it answers; EditError when it cannot start."""
    env = dict(os.environ, MODE="git", BIND_HOST=HOST, PORT=str(port), GIT_REPO_DIRECTORY=str(repo.top))
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Backend.stop
    try:
        process = subprocess.Popen(
            [str(program)],
            env=env,
            cwd=repo.top,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: a Ctrl+C reaches this command, which stops it in order
            preexec_fn=_die_with_parent,  # started before the site's serving thread
        )
    except OSError as exc:
        log.close()
        raise EditError(f"không chạy được {program}: {exc.strerror}; {_SETUP}") from None
    backend = Backend(process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while not stopping.is_set():
        if process.poll() is not None:
            output, tail = backend.output(), backend.tail()
            backend.stop()
            # Taken between the check and its start: node's error names the code some lines up.
            if "EADDRINUSE" in output:
                raise busy(port, "decap-server", "--cms-port")
            raise EditError(f"decap-server dừng ngay khi khởi động (mã {process.returncode}): {tail}")
        if answers(port, repo):
            return backend
        if time.monotonic() > deadline:
            backend.stop()
            raise EditError(f"decap-server không trả lời ở {HOST}:{port} sau {START_TIMEOUT:.0f} giây")
        stopping.wait(0.1)
    return backend


@contextlib.contextmanager
def stop_signals() -> Iterator[threading.Event]:
    """SIGINT (Ctrl+C) and SIGTERM set the event instead of interrupting, so clean-up runs in order."""
    stopping = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stopping
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run(
    project: Project,
    build_site: Callable[[], int],
    port: int,
    cms_port: int,
    stream: IO[str] = sys.stderr,
) -> int:
    """The whole command: checks, build, decap-server, the site; returns the exit status.

    build_site builds project into its out_dir as `site-builder build` does and returns its
    status (1: the data has errors, already reported).
    """
    if port == cms_port:
        raise EditError(f"--port và --cms-port cùng là {port}; trang và decap-server cần hai cổng khác nhau")
    program = installed(project.root)
    repo = repository(project)
    # Take the site's port before building and check decap-server's, so a port in use is said
    # at once, not after a build.
    try:
        server = site_server(port, project.out_dir, Service(project.data_dir))
    except OSError:
        raise busy(port, "trang", "--port") from None
    try:
        if port_taken(cms_port):
            raise busy(cms_port, "decap-server", "--cms-port")
        status = build_site()
        if status != 0:
            return status
        # A build into the repository where git does not ignore it (--out inside it, its cache
        # beside that) would go into the first save's commit.
        written = uncommitted(repo.top)
        if written:
            raise EditError(
                f"bản dựng đã ghi vào kho git {repo.top} ({written[0]}) mà git không bỏ qua, nên lần lưu đầu "
                "tiên sẽ commit cả nó; chọn --out ngoài kho (hoặc một thư mục có trong .gitignore)"
            )
        branch = editor_branch(project.out_dir, cms_port)
        if _git(repo.top, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}").returncode != 0:
            raise EditError(
                f"kho git {repo.top} chưa có nhánh {branch}, nhánh trang biên tập đọc và ghi vào (backend.branch "
                "trong cấu hình); tạo nhánh đó (git branch) rồi thử lại"
            )
        with stop_signals() as stopping:
            backend = start_backend(program, repo, cms_port, stopping)
            serving = threading.Thread(target=server.serve_forever, daemon=True)
            try:
                if stopping.is_set():
                    return 0
                serving.start()
                print(
                    f"Trang biên tập: http://{HOST}:{port}/{URLS.editor()} (bấm Đăng nhập, không cần tài khoản). "
                    f"Mỗi lần lưu là một nhánh cms/... trong kho {repo.top}; Công bố hợp nhất vào nhánh {branch}. "
                    "Ctrl+C để dừng.",
                    file=stream,
                    flush=True,
                )
                while not stopping.wait(0.2):
                    if backend.process.poll() is not None:
                        raise EditError(
                            f"decap-server đã dừng (mã {backend.process.returncode}): {backend.tail()}; "
                            "trang biên tập không lưu được nữa"
                        )
                print("Đã dừng trang biên tập và decap-server.", file=stream, flush=True)
                return 0
            finally:
                if serving.is_alive():
                    server.shutdown()  # waits for serve_forever, so only once it runs
                backend.stop()
    finally:
        server.server_close()
