"""The site's own scripts and styles (overrides/assets/*.js, *.css): minified by esbuild and named
by a hash of what is served, so the web server can let browsers keep them for a year.

esbuild is the npm package pinned in package-lock.json (tools/setup.sh installs it with Decap). Each
file becomes `assets/<stem>.<8 hex>.min.<suffix>`, the shape of the theme's own hashed assets
(main.57a0d79d.min.css), which the server configuration already caches for good (site/server.py)
and the deploy script carries into the next release (tools/deploy.sh). The pages name them through
the engines' configuration, `config.extra.assets` (source name -> hashed name), which
overrides/main.html and overrides/partials/javascripts/base.html read.

Without esbuild (node_modules missing) the files keep their text, still named by their hash, and
the build says so: a consultation's deadline must not wait for a JavaScript package.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import BuildError
from ..urls import URLS

SOURCE = Path("overrides") / "assets"
ESBUILD = Path("node_modules") / "esbuild" / "bin" / "esbuild"
# Where the theme copies overrides/assets/ in the site, and where the hashed copies go: the scripts
# find the site root from their own address (theme-scope.js), so they stay in the same folder.
FOLDER = "assets/"
SUFFIXES = (".js", ".css")
# Files other sites and the embeddable views name at a fixed address: the script a newspaper
# pastes beside an embedded list (it must keep working for years) and the views' own script and
# style (site/embeds.py). Minified, but not renamed: served for a page's lifetime, not for good.
STABLE = frozenset({URLS.EMBED_FRAME_SCRIPT, URLS.EMBED_VIEW_SCRIPT, URLS.EMBED_STYLE})
# Named by their hash for the pages, and also kept at their own name for the embeddable views,
# whose list shows its state by the reader's clock with the pages' own script.
ALSO_STABLE = frozenset({URLS.CONSULTATION_SCRIPT})


@dataclass(frozen=True)
class Assets:
    """The hashed files, by the path the engine's configuration and templates give (assets/x.js)."""

    names: Mapping[str, str] = field(default_factory=dict)  # assets/search.js -> assets/search.1a2b3c4d.min.js
    files: Mapping[str, bytes] = field(default_factory=dict)  # the new path -> its bytes
    minified: bool = True

    def note(self) -> str:
        size = sum(len(content) for content in self.files.values())
        how = "esbuild thu gọn" if self.minified else "chưa thu gọn (thiếu esbuild)"
        return f"{len(self.files)} tệp, {size / 1000:.1f} KB, {how}".replace(".", ",")

    def place(self, site_dir: Path) -> None:
        """Write the hashed files and remove the copies the engine made of the sources: a page names
        only the hashed ones, and one name per content is what lets nginx cache them for good.
        The files other sites or the embeddable views name at a fixed address are written there."""
        for source in self.names:
            (site_dir / source).unlink(missing_ok=True)
        for target, content in self.files.items():
            path = site_dir / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def hashed_name(source: str, content: bytes) -> str:
    """assets/search.js -> assets/search.<first 8 hex of the SHA-256 of content>.min.js."""
    stem, dot, suffix = source.rpartition(".")
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:8]}.min{dot}{suffix}"


def build(root: Path) -> Assets:
    """Minify every script and style of overrides/assets/ with esbuild and name each by its hash."""
    folder = root / SOURCE
    sources = sorted(path for path in folder.iterdir() if path.suffix in SUFFIXES) if folder.is_dir() else []
    if not sources:
        return Assets()
    esbuild = root / ESBUILD
    if esbuild.is_file() and shutil.which("node"):
        outputs, minified = _esbuild(esbuild, sources), True
    else:
        print(
            f"Cảnh báo: chưa có {ESBUILD} nên các tệp JS, CSS riêng của trang không được thu gọn; chạy "
            "'bash tools/setup.sh' (cài theo package-lock.json) rồi dựng lại.",
            file=sys.stderr,
        )
        outputs, minified = {path.name: path.read_bytes() for path in sources}, False
    names: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for path in sources:
        content = outputs[path.name]
        source = FOLDER + path.name
        names[source] = source if source in STABLE else hashed_name(source, content)
        files[names[source]] = content
        if source in ALSO_STABLE:
            files[source] = content
    return Assets(names, files, minified)


def _esbuild(esbuild: Path, sources: list[Path]) -> dict[str, bytes]:
    """One esbuild run over every file: minified, each on its own (no bundling, so top-level names
    the theme's bundle reads, like __md_scope, stay as they are). Text stays UTF-8 instead of
    \\u escapes, which would make the Vietnamese strings of search.js three times longer."""
    with tempfile.TemporaryDirectory(prefix="tdkt-assets-") as out:
        command = [
            "node",
            str(esbuild),
            *map(str, sources),
            "--minify",
            "--charset=utf8",
            "--legal-comments=none",
            "--log-level=error",
            f"--outdir={out}",
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BuildError(f"không chạy được esbuild ({esbuild}): {exc}") from exc
        if result.returncode != 0:
            said = [line for line in result.stderr.splitlines() if line.strip()]
            raise BuildError(f"esbuild báo lỗi khi thu gọn {SOURCE}: {said[0] if said else result.returncode}")
        return {path.name: (Path(out) / path.name).read_bytes() for path in sources}
