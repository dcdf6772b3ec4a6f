"""tools/deploy.sh: releases copied whole before one rename switches `current`, rollback, pruning,
and nginx serving whatever `current` points to (docs/deploy.md); the first deploy into the empty
folder the guide makes, the guide's steps in its order with `nginx -t` after each, the hashed
assets of earlier releases still served after a switch, and a target reached over a shell (ssh)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html

from site_builder.utils import staging

from .browser import need_nginx, serve_nginx
from .conftest import ROOT
from .test_nginx import built, get  # noqa: F401 (the built site fixture)

DEPLOY = ROOT / "tools" / "deploy.sh"


def deploy(*args: str | Path, ok: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    if shutil.which("rsync") is None:
        pytest.skip("rsync is not installed (tools/setup.sh dev installs it)")
    result = subprocess.run(
        ["bash", str(DEPLOY), *map(str, args)], capture_output=True, text=True, check=False, env=env
    )
    assert (result.returncode == 0) == ok, result.stderr
    return result


def fake_site(folder: Path, marker: str) -> Path:
    site = folder / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text(f"<p>{marker}</p>\n", encoding="utf-8")
    (site / "same.css").write_text("body{}\n" * 100, encoding="utf-8")
    # rsync links a file to the earlier release's only when size and time agree: two sites made in
    # different seconds would otherwise differ.
    os.utime(site / "same.css", (1_700_000_000, 1_700_000_000))
    server = staging.server_folder(site)
    server.mkdir()
    (server / "nginx.conf").write_text(f"# {marker}\n", encoding="utf-8")
    return site


def current(target: Path) -> str:
    return (target / "current").readlink().as_posix()


def test_deploy_switches_current_and_rollback_switches_back(tmp_path: Path) -> None:
    target = tmp_path / "srv"
    first, second = fake_site(tmp_path / "a", "một"), fake_site(tmp_path / "b", "hai")
    out = deploy("--name", "20261125T010000Z-a", first, target).stdout
    assert out == f"Đã triển khai lần đầu vào {target}: current -> releases/20261125T010000Z-a\n"
    assert current(target) == "releases/20261125T010000Z-a"
    assert (target / "current" / "site" / "index.html").read_text(encoding="utf-8") == "<p>một</p>\n"
    assert (target / "current" / "server" / "nginx.conf").read_text(encoding="utf-8") == "# một\n"

    deploy("--name", "20261125T020000Z-b", second, target)
    assert current(target) == "releases/20261125T020000Z-b"
    assert (target / "current" / "site" / "index.html").read_text(encoding="utf-8") == "<p>hai</p>\n"
    # The earlier release is whole, and what did not change is shared, not copied.
    a, b = (target / "releases" / name / "site" for name in ("20261125T010000Z-a", "20261125T020000Z-b"))
    assert (a / "index.html").read_text(encoding="utf-8") == "<p>một</p>\n"
    assert (a / "same.css").stat().st_ino == (b / "same.css").stat().st_ino
    assert not list(target.glob(".current.tmp-*"))

    out = deploy("--rollback", target).stdout
    assert out == "Đã quay lại: current -> releases/20261125T010000Z-a (trước đó: releases/20261125T020000Z-b)\n"
    assert (target / "current" / "site" / "index.html").read_text(encoding="utf-8") == "<p>một</p>\n"
    # Nothing before the first release.
    assert "không có bản nào trước" in deploy("--rollback", target, ok=False).stderr


def test_old_releases_are_pruned_but_the_replaced_one_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "srv"
    site = fake_site(tmp_path / "a", "một")
    for name in ("r1", "r2", "r3", "r4"):
        deploy("--name", name, "--keep", "2", site, target)
    assert sorted(path.name for path in (target / "releases").iterdir()) == ["r2", "r3", "r4"]
    deploy("--rollback", target)
    deploy("--rollback", target)
    assert current(target) == "releases/r2"
    # A release deployed after a rollback replaces the one rolled back to: that one stays.
    deploy("--name", "r5", "--keep", "1", site, target)
    assert sorted(path.name for path in (target / "releases").iterdir()) == ["r2", "r5"]
    deploy("--rollback", target)
    assert current(target) == "releases/r2"


def test_a_site_without_its_server_configuration_is_refused(tmp_path: Path) -> None:
    site = fake_site(tmp_path / "a", "một")
    shutil.rmtree(staging.server_folder(site))
    result = deploy(site, tmp_path / "srv", ok=False)
    assert result.returncode == 2
    assert "nginx.conf" in result.stderr
    assert not (tmp_path / "srv").exists()


def test_a_release_name_is_never_reused(tmp_path: Path) -> None:
    deploy("--name", "x", fake_site(tmp_path / "a", "một"), tmp_path / "srv")
    again = deploy("--name", "x", fake_site(tmp_path / "b", "hai"), tmp_path / "srv", ok=False)
    assert "đã có bản releases/x" in again.stderr
    assert (tmp_path / "srv" / "current" / "site" / "index.html").read_text(encoding="utf-8") == "<p>một</p>\n"


def test_deploys_in_the_same_second_get_names_of_their_own(tmp_path: Path) -> None:
    """The default name is the time to the second: a second deploy within it is "<name>-2", after it."""
    clock = tmp_path / "bin"
    clock.mkdir()
    (clock / "date").write_text("#!/bin/sh\necho 20261207T063037Z\n", encoding="utf-8")
    (clock / "date").chmod(0o755)
    env = {**os.environ, "PATH": f"{clock}:{os.environ['PATH']}"}
    names = []
    for marker in ("một", "hai", "ba"):
        deploy(fake_site(tmp_path / marker, marker), tmp_path / "srv", env=env)
        names.append(current(tmp_path / "srv"))
    assert [name.split("-", 1)[0] for name in names] == ["releases/20261207T063037Z"] * 3
    assert len(set(names)) == 3 and names == sorted(names, key=lambda name: (len(name), name)), names


@pytest.fixture
def served(tmp_path: Path, built: Path) -> Iterator[tuple[Path, str]]:  # noqa: F811
    """nginx serving the deploy target's `current` release, as docs/deploy.md sets it up."""
    target = tmp_path / "srv"
    deploy("--name", "r1", built, target)
    with serve_nginx(
        target / "current" / "site", target / "current" / "server" / "nginx.conf", tmp_path / "nginx"
    ) as url:
        yield target, url


def test_nginx_serves_the_release_current_points_to(served: tuple[Path, str], built: Path, tmp_path: Path) -> None:  # noqa: F811
    target, origin = served
    assert get(origin, "")[0] == 200
    assert get(origin, "dien-hinh/nguyen-van-a/")[:2][0] == 301
    assert get(origin, "dien-hinh/tran-thi-b/")[0] == 410
    # A second release with a changed home page: served from the switch on, no reload needed.
    second = tmp_path / "second" / "site"
    shutil.copytree(built, second)
    shutil.copytree(staging.server_folder(built), staging.server_folder(second))
    (second / "index.html").write_bytes(
        (built / "index.html").read_bytes().replace(b"</body>", "<p>bản hai</p></body>".encode())
    )
    (second / "index.html.gz").unlink()
    deploy("--name", "r2", second, target)
    assert "bản hai" in get(origin, "")[2].decode("utf-8")
    deploy("--rollback", target)
    assert "bản hai" not in get(origin, "")[2].decode("utf-8")


def test_the_first_deploy_into_an_empty_folder_works_and_says_so(tmp_path: Path) -> None:
    """The guide makes the folder first (mkdir -p /srv/thidua): it has no releases/ yet."""
    target = tmp_path / "srv"
    target.mkdir()
    result = deploy("--name", "r1", fake_site(tmp_path / "a", "một"), target)
    assert result.stdout == f"Đã triển khai lần đầu vào {target}: current -> releases/r1\n"
    assert result.stderr == ""
    assert current(target) == "releases/r1"
    assert (target / "current" / "site" / "index.html").read_text(encoding="utf-8") == "<p>một</p>\n"
    # A rollback with nothing deployed says why, in one line.
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = deploy("--rollback", empty, ok=False)
    assert (refused.returncode, refused.stderr) == (2, f"tools/deploy.sh: chưa có bản nào được triển khai ở {empty}\n")


# The server block of the guide (docs/deploy.md, docs/vi/trien-khai-may-chu.md), for a target folder.
SERVER_BLOCK = """server {{
    listen 127.0.0.1:{port};
    server_name thidua.example.gov.vn;
    root {target}/current/site;
    include {target}/current/server/nginx.conf;
}}
"""


class GuideNginx:
    """nginx as a Debian host runs it: the main configuration includes sites-enabled/*, all under
    a prefix of its own (pid, logs and temporary files in scratch)."""

    def __init__(self, scratch: Path) -> None:
        self.binary = need_nginx()
        self.scratch = scratch
        self.sites = scratch / "sites-enabled"
        self.sites.mkdir(parents=True)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        temp = "\n".join(
            f"    {name}_temp_path {scratch / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        self.conf = scratch / "nginx.conf"
        self.conf.write_text(
            f"""
{"user root root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {scratch / "nginx.pid"};
error_log {scratch / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
{temp}
    include {self.sites}/*;
}}
""",
            encoding="utf-8",
        )

    def command(self, *args: str) -> list[str]:
        return [self.binary, "-p", str(self.scratch), "-c", str(self.conf), *args]

    def test(self) -> subprocess.CompletedProcess[str]:
        """nginx -t, as the guide runs it after each change."""
        return subprocess.run(self.command("-t"), capture_output=True, text=True, check=False)

    @contextlib.contextmanager
    def running(self) -> Iterator[str]:
        process = subprocess.Popen(self.command("-g", "daemon off;"), stderr=subprocess.PIPE)
        try:
            for _ in range(100):
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    break
                time.sleep(0.05)
            yield f"http://127.0.0.1:{self.port}/"
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_the_guides_order_from_nothing_passes_nginx_t_at_every_step(tmp_path: Path, built: Path) -> None:  # noqa: F811
    nginx = GuideNginx(tmp_path / "nginx")
    target = tmp_path / "srv" / "thidua"
    block = SERVER_BLOCK.format(port=nginx.port, target=target)
    # Step 1: nginx installed, the folder made.
    target.mkdir(parents=True)
    assert nginx.test().returncode == 0
    # The server block before any deploy names a file that is not there yet: why the guide deploys first.
    (nginx.sites / "thidua").write_text(block, encoding="utf-8")
    early = nginx.test()
    assert early.returncode != 0 and f"{target}/current/server/nginx.conf" in early.stderr
    (nginx.sites / "thidua").unlink()
    # Step 2: the first deploy into the empty folder (no reload: nginx does not serve it yet).
    out = deploy(built, target).stdout
    assert re.fullmatch(rf"Đã triển khai lần đầu vào {re.escape(str(target))}: current -> releases/\S+\n", out)
    assert nginx.test().returncode == 0
    # Step 3: the server block, nginx -t, and nginx serves the site.
    (nginx.sites / "thidua").write_text(block, encoding="utf-8")
    checked = nginx.test()
    assert checked.returncode == 0, checked.stderr
    with nginx.running() as origin:
        assert get(origin, "")[0] == 200
        assert get(origin, "dien-hinh/tran-thi-b/")[0] == 410
        # Step 4: every later deploy, with the reload the guide gives (here: this nginx's own).
        reload = " ".join(nginx.command("-s", "reload"))
        out = deploy("--reload", reload, built, target).stdout
        assert out.startswith("Đã triển khai: current -> releases/")
        assert out.endswith(f"Đã chạy: {reload}\n")
        assert nginx.test().returncode == 0
        assert get(origin, "")[0] == 200


def page_assets(page: bytes) -> list[str]:
    """The scripts and stylesheets a page loads, relative to the site root (the home page's links are)."""
    tree = html.fromstring(page)
    return sorted(str(url) for url in tree.xpath("//script/@src | //link[@rel='stylesheet']/@href"))


def changed_assets(site_built: Path, folder: Path) -> Path:
    """A copy of the built site as a later build with other theme and own assets: each hashed asset
    under a new hash (as a theme update or an edit of search.js gives), the pages naming them."""
    site = folder / "site"
    shutil.copytree(site_built, site)
    shutil.copytree(staging.server_folder(site_built), staging.server_folder(site))
    renames: dict[str, str] = {}
    for path in sorted(site.joinpath("assets").rglob("*")):
        found = re.fullmatch(r"(.+)\.([0-9a-f]{8})\.min\.(js|css)", path.name)
        if found:
            new = path.with_name(f"{found[1]}.{found[2][::-1]}.min.{found[3]}")
            new.write_bytes(path.read_bytes() + b"\n")
            path.unlink()
            path.with_name(path.name + ".gz").unlink(missing_ok=True)
            renames[path.relative_to(site).as_posix()] = new.relative_to(site).as_posix()
    assert any("bundle." in name for name in renames) and any("main." in name for name in renames)
    assert any(name.startswith("assets/search.") for name in renames)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for old, new in renames.items():
            text = text.replace(old, new)
        page.write_text(text, encoding="utf-8")
        page.with_name(page.name + ".gz").unlink(missing_ok=True)
    return site


def test_a_page_loaded_before_the_switch_still_gets_its_css_and_js(
    served: tuple[Path, str],
    built: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    target, origin = served
    status, _, before = get(origin, "")
    assert status == 200
    old_assets = page_assets(before)
    assert any("bundle." in url for url in old_assets) and any(url.startswith("assets/tdkt.") for url in old_assets)
    second = changed_assets(built, tmp_path / "second")
    out = deploy("--name", "r2", second, target).stdout
    assert "Giữ lại" in out
    # The new page names other files, and the old page's files are all still there, unchanged.
    after = get(origin, "")[2]
    assert set(page_assets(after)).isdisjoint(old_assets)
    for url in old_assets:
        status, headers, body = get(origin, url)
        assert status == 200, url
        assert body == (built / url).read_bytes(), url
        assert "immutable" in headers["cache-control"]
    # As hard links to the earlier release: no space taken.
    bundle = next(url for url in old_assets if "bundle." in url)
    r1, r2 = (target / "releases" / name / "site" / bundle for name in ("r1", "r2"))
    assert r1.stat().st_ino == r2.stat().st_ino
    # Bounded: a release carries only what earlier releases had of their own. r3 still gets r1's
    # (r1 is pruned after the switch); r4, deployed once r1 is gone, does not.
    deploy("--name", "r3", "--keep", "1", second, target)
    assert get(origin, bundle)[0] == 200
    assert not (target / "releases" / "r1").exists()
    deploy("--name", "r4", "--keep", "1", second, target)
    assert get(origin, bundle)[0] == 404


def test_a_target_over_a_remote_shell(tmp_path: Path) -> None:
    """user@host:/path goes through ssh for the scripts and rsync's copies: here an `ssh` that runs
    the command on this machine, as the server's shell would."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "ssh-calls"
    fake = bin_dir / "ssh"
    fake.write_text(
        f"""#!/bin/sh
# ssh [options] host command...: drop the options and the host, run the command here.
while [ $# -gt 0 ]; do
  case "$1" in -o|-l|-p|-i) shift 2 ;; -*) shift ;; *) break ;; esac
done
shift
echo "$*" >> {calls}
exec sh -c "$*"
""",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    target = tmp_path / "srv"
    target.mkdir()
    out = deploy("--name", "r1", fake_site(tmp_path / "a", "một"), f"deploy@may-chu:{target}", env=env).stdout
    assert out == f"Đã triển khai lần đầu vào deploy@may-chu:{target}: current -> releases/r1\n"
    deploy("--name", "r2", fake_site(tmp_path / "b", "hai"), f"deploy@may-chu:{target}", env=env)
    assert (target / "current" / "site" / "index.html").read_text(encoding="utf-8") == "<p>hai</p>\n"
    a, b = (target / "releases" / name / "site" / "same.css" for name in ("r1", "r2"))
    assert a.stat().st_ino == b.stat().st_ino
    out = deploy("--rollback", f"deploy@may-chu:{target}", env=env).stdout
    assert out == "Đã quay lại: current -> releases/r1 (trước đó: releases/r2)\n"
    # The scripts and the copies both went through the remote shell.
    commands = calls.read_text(encoding="utf-8").splitlines()
    assert any(command.startswith("bash -s") for command in commands)
    assert any(command.startswith("rsync --server") for command in commands)


def test_the_guide_gives_the_order_and_the_block_this_file_runs() -> None:
    """docs/vi/trien-khai-may-chu.md, what IT staff follow: the first deploy comes before the server
    block that includes what it brings, and the block is the one tested above."""
    guide = (ROOT / "docs" / "vi" / "trien-khai-may-chu.md").read_text(encoding="utf-8")
    first_deploy = guide.index("bash tools/deploy.sh site deploy@may-chu:/srv/thidua")
    block = guide.index("include /srv/thidua/current/server/nginx.conf;")
    assert (
        guide.index("mkdir -p /srv/thidua") < first_deploy < block < guide.index("nginx -t && systemctl reload nginx")
    )
    tested = SERVER_BLOCK.format(port=80, target="/srv/thidua").replace("127.0.0.1:80", "80")
    assert tested in guide
    english = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert tested in english and "**before** adding the server block" in english
