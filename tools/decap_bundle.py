"""Install Decap CMS's browser bundle (its dist/ folder) from one verified npm tarball.

Usage: python3 tools/decap_bundle.py [--check] [--tarball FILE]

tools/setup.sh runs it in both profiles (`--check` first: exit 0 when the pinned bundle is in
place, 1 when it is not, without touching the network).

The build copies only `dist/` of the decap-cms package beside the editor page
(`cms_config.DECAP_DIST`). `npm ci` installed the package with its 629 dependencies (React,
webpack loaders, CodeMirror ...) that the bundle already contains: 381 MB to keep 13 MB. Here
`npm pack decap-cms@VERSION` fetches the package's tarball alone, its SHA-512 is compared with
the integrity pinned in tools/decap-cms.json (the registry's own, as package-lock.json recorded
it), and only `package/dist/` is extracted (without its source maps), into a staging folder renamed into place, so a
failed install never leaves half a bundle. A mismatch refuses to install (exit 2).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = ROOT / "tools" / "decap-cms.json"
# The folder the build reads (site_builder/commands/cms_config.py, DECAP_DIST).
DEST = ROOT / "node_modules" / "decap-cms" / "dist"
# Written last: setup.sh skips the download while it holds the pinned integrity.
STAMP = ".installed-integrity"
PREFIX = "package/dist/"


class BundleError(Exception):
    """The bundle cannot be installed; the message is for the person running set-up (Vietnamese)."""


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    integrity: str  # "sha512-<base64>", as npm's lock files write it

    @classmethod
    def read(cls, path: Path) -> Pin:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            pin = cls(raw["name"], raw["version"], raw["integrity"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BundleError(f"không đọc được {path} (tên, phiên bản và integrity của gói): {exc}") from None
        if not pin.integrity.startswith("sha512-"):
            raise BundleError(f"{path}: integrity phải là sha512-..., như trong package-lock.json")
        return pin

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


def integrity(tarball: Path) -> str:
    """The tarball's Subresource-Integrity string, as npm computes it (sha512, base64)."""
    digest = hashlib.sha512()
    with tarball.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")


def verify(tarball: Path, pin: Pin) -> None:
    found = integrity(tarball)
    if found != pin.integrity:
        raise BundleError(
            f"tệp {tarball.name} không khớp mã kiểm tra đã ghi cho {pin.spec} "
            f"(cần {pin.integrity}, nhận được {found}); không cài. Tệp có thể đã bị sửa hoặc tải hỏng: "
            "xóa bộ nhớ đệm npm (npm cache clean --force) rồi chạy lại 'bash tools/setup.sh'."
        )


def extract(tarball: Path, dest: Path, pin: Pin) -> int:
    """Only package/dist/ of the verified tarball into dest (replacing it); the number of files."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dist-", dir=dest.parent))
    count = 0
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            for member in archive:
                if not member.name.startswith(PREFIX) or member.name == PREFIX:
                    continue
                relative = Path(member.name[len(PREFIX) :])
                if member.isdir() or relative.suffix == ".map":
                    # Source maps are 3/4 of dist/ and only for Decap's own developers; the build never copies them.
                    continue
                # The bundle is plain files; anything else (a link, a path climbing out) is not Decap's.
                if not member.isfile() or relative.is_absolute() or ".." in relative.parts:
                    raise BundleError(f"{tarball.name}: mục lạ trong gói ({member.name}); không cài")
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                assert source is not None  # a regular file always has content
                with source, target.open("wb") as out:
                    shutil.copyfileobj(source, out)
                count += 1
        if count == 0:
            raise BundleError(f"{tarball.name} không có thư mục dist/; không cài")
        (staging / STAMP).write_text(pin.integrity + "\n", encoding="utf-8")
        if dest.exists():
            old = dest.with_name(dest.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            dest.rename(old)
            shutil.rmtree(old)
        staging.rename(dest)
    except (OSError, tarfile.TarError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BundleError(f"không giải nén được {tarball.name} vào {dest}: {exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def installed(dest: Path, pin: Pin) -> bool:
    """Whether dest holds the pinned bundle already (its stamp is written only after a verified install)."""
    try:
        return (dest / STAMP).read_text(encoding="utf-8").strip() == pin.integrity
    except OSError:
        return False


def pack(pin: Pin, folder: Path) -> Path:
    """`npm pack NAME@VERSION`: the package's tarball alone, no dependencies, no install scripts."""
    npm = shutil.which("npm")
    if npm is None:
        raise BundleError("chưa có npm để tải Decap CMS; cài Node.js và npm (apt-get install nodejs npm) rồi chạy lại")
    done = subprocess.run(
        [npm, "pack", pin.spec, "--pack-destination", str(folder), "--json", "--loglevel=error"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BundleError(f"npm pack {pin.spec} không tải được gói: {done.stderr.strip()[-500:]}")
    try:
        name = json.loads(done.stdout)[0]["filename"]
    except (ValueError, LookupError, TypeError):
        raise BundleError(f"npm pack {pin.spec} trả lời lạ: {done.stdout[:300]}") from None
    return folder / Path(name).name


def install(tarball: Path, pin: Pin, dest: Path) -> int:
    """Verify, then extract: nothing is written unless the tarball is exactly the pinned one."""
    verify(tarball, pin)
    return extract(tarball, dest, pin)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Install Decap CMS's dist/ from its verified npm tarball.")
    parser.add_argument("--pin", type=Path, default=PIN, help="name, version and integrity (default: %(default)s)")
    parser.add_argument("--dest", type=Path, default=DEST, help="where dist/ goes (default: %(default)s)")
    parser.add_argument("--tarball", type=Path, help="a tarball already fetched (default: npm pack it)")
    parser.add_argument("--force", action="store_true", help="install even when the pinned bundle is in place")
    parser.add_argument("--check", action="store_true", help="only say (exit 0 or 1) whether it is in place")
    args = parser.parse_args(argv)
    try:
        pin = Pin.read(args.pin)
        if args.check:
            return 0 if installed(args.dest, pin) else 1
        if installed(args.dest, pin) and not args.force:
            return 0
        with tempfile.TemporaryDirectory() as scratch:
            tarball = args.tarball or pack(pin, Path(scratch))
            count = install(tarball, pin, args.dest)
    except BundleError as exc:
        print(f"Lỗi môi trường: {exc}.", file=sys.stderr)
        return 2
    print(f"Đã cài {pin.spec}: {count} tệp dist/ vào {args.dest} (mã kiểm tra khớp).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
