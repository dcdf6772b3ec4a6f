"""The search index over the built site: Pagefind, run as the last step of a build."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import BuildError

if TYPE_CHECKING:
    from .build import BuildContext

INDEX_DIR = "pagefind"
# Bundles of Pagefind's own UIs; the site uses its own search box (overrides/assets/search.js).
UNUSED_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def index_site(site_dir: Path) -> tuple[int, int]:
    """Index site_dir in place; returns (pages indexed, bytes of the index folder)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", INDEX_DIR]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError(f"Pagefind failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}")
    match = re.search(r"Indexed (\d+) pages", result.stdout)
    out = site_dir / INDEX_DIR
    for name in UNUSED_BUNDLES:
        (out / name).unlink(missing_ok=True)
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    return (int(match.group(1)) if match else 0), size


def write(context: BuildContext) -> str:
    pages, size = index_site(context.site_dir)
    return f"{pages} trang trong chỉ mục, {size / 1024:.0f} KB"
