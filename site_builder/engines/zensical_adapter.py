"""The one module that talks to Zensical (`site-builder build --engine zensical`).

Zensical, the successor of mkdocs-material, reads mkdocs.yml and the docs folder itself. The
generated pages are already complete Markdown files there (JSON front matter, HTML body: see
mkdocs_adapter.source_text), so the docs folder, its page URLs and the front matter are the
same for both engines and come from mkdocs_adapter; what is Zensical's own is here: the
configuration it is given and the build, run as `python -m zensical build` in a process of its
own. What differs from a MkDocs build is listed in docs/engines.md.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..problems import BuildError
from ..site.preview import Preview
from ..utils.writer import Writer
from .mkdocs_adapter import config_overrides, content_urls, front_matter, source_path, source_text
from .sitemap import sitemap, write_sitemap

if TYPE_CHECKING:
    from ..inputs.records import SiteSettings
    from ..publish.render import Page

__all__ = [
    "build",
    "config",
    "content_urls",
    "front_matter",
    "output_entries",
    "source_path",
    "source_text",
    "source_writer",
]


def source_writer(
    config_file: Path,
    content_dir: Path,
    settings: SiteSettings,
    docs: Writer,
    assets: Mapping[str, str] | None = None,
    preview: Preview | None = None,
) -> Callable[[Page], Page]:
    """Every page's Markdown file in the docs folder: Zensical reads them all."""

    def write(page: Page) -> Page:
        docs.text(source_path(page.url), source_text(page))
        return page

    return write


def output_entries(pages: Iterable[Page]) -> dict[str, str]:
    """No page of a Zensical build comes from the build cache or is kept there."""
    return {}


# The configuration written beside the docs folder: Zensical wants docs_dir and site_dir inside
# the folder of its configuration file and has no option to set them from the command line.
CONFIG_NAME = "mkdocs.yml"
# What Zensical prints on every build; anything else (a warning) is passed on to stderr.
ROUTINE = ("Build started", "No issues found", "Build finished")


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml for its theme folder only; tags (!ENV, !!python/name) are Zensical's business."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def config(
    config_file: Path,
    staging: Path,
    docs_dir: Path,
    site_dir: Path,
    settings: SiteSettings,
    assets: Mapping[str, str] | None = None,
    preview: Preview | None = None,
) -> dict[str, Any]:
    """Zensical's configuration: the project's mkdocs.yml (INHERIT) with what the build sets.

    As for MkDocs (mkdocs_adapter.config_overrides): the folders, and the site's name, address,
    description and extra values from data/site.yml. Also, for Zensical only:
    - theme.custom_dir as an absolute path (it is resolved against this file's folder);
    - theme.variant classic: mkdocs-material's look, which overrides/ and tdkt.css are made for
      (Zensical's default "modern" variant has other colours, fonts and icons);
    - its own search off: the site's search is Pagefind (search.py), over the built pages;
      Zensical's would write a second index, of every page, to search.json.
    assets: the hashed names of the site's own scripts and styles (engines/assets.py), in extra.
    """
    try:
        base = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Lenient) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"không đọc được {config_file}: {exc}") from exc
    theme: dict[str, Any] = base["theme"] if isinstance(base.get("theme"), dict) else {}
    return {
        "INHERIT": str(config_file.resolve()),
        "docs_dir": _inside(docs_dir, staging),
        "site_dir": _inside(site_dir, staging),
        **config_overrides(settings, assets, preview),
        "theme": {
            "variant": "classic",
            **({"custom_dir": _theme_folder(config_file, theme)} if theme.get("custom_dir") else {}),
        },
        "plugins": [{"search": {"enabled": False}}],
    }


def _theme_folder(config_file: Path, theme: dict[str, Any]) -> str:
    return str((config_file.parent / str(theme["custom_dir"])).resolve())


def _inside(folder: Path, staging: Path) -> str:
    try:
        return folder.resolve().relative_to(staging.resolve()).as_posix()
    except ValueError:
        raise BuildError(f"Zensical cần {folder} nằm trong {staging}") from None


def build(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    settings: SiteSettings,
    pages: Sequence[Page],
    clock: datetime | None = None,
    assets: Mapping[str, str] | None = None,
    preview: Preview | None = None,
) -> None:
    """Run Zensical on a prepared docs folder, writing into site_dir.

    Zensical reads every page from the docs folder (MkDocs is handed them already rendered, see
    mkdocs_adapter); pages give the sitemap its dates. clock: the build clock, as SOURCE_DATE_EPOCH.
    """
    if importlib.util.find_spec("zensical") is None:
        raise BuildError("chưa cài Zensical (có trong requirements.txt); chạy bash tools/setup.sh rồi dựng lại")
    staging = docs_dir.parent
    config_path = staging / CONFIG_NAME
    text = yaml.safe_dump(
        config(config_file, staging, docs_dir, site_dir, settings, assets, preview), allow_unicode=True
    )
    config_path.write_text(text, encoding="utf-8")
    environment = dict(os.environ)
    if clock is not None:
        environment["SOURCE_DATE_EPOCH"] = str(int(clock.timestamp()))
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", str(config_path)]
    result = subprocess.run(command, cwd=staging, env=environment, capture_output=True, text=True, check=False)
    said = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if result.returncode != 0:
        raise BuildError(f"Zensical báo lỗi: {said[-1] if said else f'mã {result.returncode}'}")
    for line in said:
        if not line.startswith(ROUTINE):
            print(f"Zensical: {line}", file=sys.stderr)
    # Zensical 0.0.73 writes a sitemap without a single URL (its template finds no pages): the
    # adapter writes the one the MkDocs adapter writes too (sitemap.py).
    write_sitemap(site_dir, sitemap(docs_dir, settings, pages, clock, listed=preview is None))
