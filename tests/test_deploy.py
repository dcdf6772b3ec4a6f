"""tools/deploy.sh: releases copied whole before one rename switches `current`, rollback, pruning,
and nginx serving whatever `current` points to (docs/deploy.md)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.utils import staging

from .browser import serve_nginx
from .conftest import ROOT
from .test_nginx import built, get  # noqa: F401 (the built site fixture)

DEPLOY = ROOT / "tools" / "deploy.sh"


def deploy(*args: str | Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    if shutil.which("rsync") is None:
        pytest.skip("rsync is not installed (tools/setup.sh dev installs it)")
    result = subprocess.run(["bash", str(DEPLOY), *map(str, args)], capture_output=True, text=True, check=False)
    assert (result.returncode == 0) == ok, result.stderr
    return result


def fake_site(folder: Path, marker: str) -> Path:
    site = folder / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text(f"<p>{marker}</p>\n", encoding="utf-8")
    (site / "same.css").write_text("body{}\n" * 100, encoding="utf-8")
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
    assert out == "Đã triển khai: current -> releases/20261125T010000Z-a\n"
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
