"""tools/decap_bundle.py: Decap's dist/ from one tarball, installed only when its SHA-512 is the pinned one.

No network: each test builds a small npm-shaped tarball (package/package.json, package/dist/...)
and a pin file beside it, as tools/decap-cms.json pins the real one.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

from site_builder.commands.cms_config import DECAP_DIST, DECAP_SCRIPT

from .conftest import ROOT

SCRIPT = ROOT / "tools" / "decap_bundle.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("decap_bundle", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["decap_bundle"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


bundle = load()


def tarball(folder: Path, files: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    path = folder / "decap-cms-3.16.3.tgz"
    with tarfile.open(path, "w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            archive.addfile(info)
    return path


def sri(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def pin_file(folder: Path, integrity: str) -> Path:
    path = folder / "decap-cms.json"
    path.write_text(json.dumps({"name": "decap-cms", "version": "3.16.3", "integrity": integrity}), encoding="utf-8")
    return path


FILES = {
    "package/package.json": b'{"name": "decap-cms", "version": "3.16.3"}',
    "package/README.md": b"Decap CMS",
    "package/dist/decap-cms.js": b"window.CMS = {};",
    "package/dist/decap-cms.js.map": b"{}",
    "package/dist/12.decap-cms.js": b"/* a lazy part */",
    "package/dist/decap-cms.js.LICENSE.txt": b"MIT",
    "package/src/index.js": b"export {};",
}


def install(tmp_path: Path, archive: Path, pin: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), "--pin", str(pin), "--dest", str(tmp_path / "nm" / "dist")]
    return subprocess.run([*command, "--tarball", str(archive)], capture_output=True, text=True, check=False)


def test_the_pinned_tarball_installs_dist_only(tmp_path: Path) -> None:
    archive = tarball(tmp_path, FILES)
    done = install(tmp_path, archive, pin_file(tmp_path, sri(archive)))
    assert done.returncode == 0, done.stderr
    dest = tmp_path / "nm" / "dist"
    assert sorted(path.name for path in dest.iterdir()) == [
        ".installed-integrity",
        "12.decap-cms.js",
        "decap-cms.js",
        "decap-cms.js.LICENSE.txt",
    ]
    assert (dest / "decap-cms.js").read_bytes() == b"window.CMS = {};"
    assert sorted(path.name for path in (tmp_path / "nm").iterdir()) == ["dist"]  # no package.json, no src/
    assert done.stderr == f"Đã cài decap-cms@3.16.3: 3 tệp dist/ vào {dest} (mã kiểm tra khớp).\n"
    # In place now: --check says so and a second run fetches nothing (no tarball given, no npm run).
    check = [sys.executable, str(SCRIPT), "--pin", str(tmp_path / "decap-cms.json"), "--dest", str(dest), "--check"]
    assert subprocess.run(check, check=False).returncode == 0


def test_a_tampered_tarball_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    good = tarball(tmp_path, FILES)
    pin = pin_file(tmp_path, sri(good))
    tampered = tarball(tmp_path, {**FILES, "package/dist/decap-cms.js": b"window.CMS = {}; steal();"})
    done = install(tmp_path, tampered, pin)
    assert done.returncode == 2
    assert done.stderr.startswith(
        "Lỗi môi trường: tệp decap-cms-3.16.3.tgz không khớp mã kiểm tra đã ghi cho decap-cms@3.16.3 (cần sha512-"
    )
    assert f"nhận được {sri(tampered)}); không cài." in done.stderr
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "nm").exists()


def test_a_tampered_tarball_leaves_an_installed_bundle_as_it_was(tmp_path: Path) -> None:
    good = tarball(tmp_path, FILES)
    pin = pin_file(tmp_path, sri(good))
    assert install(tmp_path, good, pin).returncode == 0
    bad = tmp_path / "bad.tgz"
    raw = bytearray(good.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # one byte changed in transit
    bad.write_bytes(bytes(raw))
    done = [sys.executable, str(SCRIPT), "--pin", str(pin), "--dest", str(tmp_path / "nm" / "dist")]
    result = subprocess.run([*done, "--tarball", str(bad), "--force"], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "không khớp mã kiểm tra" in result.stderr
    assert (tmp_path / "nm" / "dist" / "decap-cms.js").read_bytes() == b"window.CMS = {};"


def test_a_link_inside_dist_is_refused_even_with_a_matching_pin(tmp_path: Path) -> None:
    archive = tarball(tmp_path, FILES, links={"package/dist/passwd": "/etc/passwd"})
    done = install(tmp_path, archive, pin_file(tmp_path, sri(archive)))
    assert done.returncode == 2
    assert "mục lạ trong gói (package/dist/passwd)" in done.stderr
    assert not (tmp_path / "nm" / "dist").exists()
    assert [path.name for path in (tmp_path / "nm").iterdir()] == []  # the staging folder went too


def test_the_integrity_is_npms() -> None:
    """npm's Subresource-Integrity: sha512, standard base64 with padding."""
    empty = "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
    assert bundle.integrity(Path("/dev/null")) == empty


def test_the_pin_is_the_version_the_build_expects() -> None:
    pin = bundle.Pin.read(bundle.PIN)
    assert (pin.name, pin.version) == ("decap-cms", "3.16.3")
    assert bundle.DEST == ROOT / DECAP_DIST
    assert DECAP_SCRIPT == "decap-cms.js"
    # decap-cms is no longer an npm dependency: `npm ci` would bring its ~500 packages back.
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert "decap-cms" not in {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert "node_modules/decap-cms" not in lock["packages"]


@pytest.mark.skipif(not (ROOT / DECAP_DIST / DECAP_SCRIPT).is_file(), reason="Decap's bundle is not installed")
def test_the_installed_bundle_is_the_pinned_one() -> None:
    assert bundle.installed(bundle.DEST, bundle.Pin.read(bundle.PIN))
