"""The one module that talks to MkDocs. Replace it to build with another generator."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .problems import BuildError

# src_uri -> (front matter, HTML body) of pages site_builder has already rendered.
Prerendered = Mapping[str, tuple[dict[str, Any], str]]


def _prerendered_plugin(pages: Prerendered) -> Any:
    """A plugin that hands MkDocs our finished pages instead of letting it re-read them.

    The Markdown files in the docs folder hold the same front matter and HTML, so any generator
    reading mkdocs.yml (Zensical, plain MkDocs) builds the same site from them; this only saves
    MkDocs from parsing front matter and running Markdown over HTML it would pass through
    unchanged, which dominated the build time on large sites.
    """
    from mkdocs.plugins import BasePlugin

    class Prerendered(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_page_read_source(self, page: Any, config: Any) -> str | None:
            return "" if page.file.src_uri in pages else None

        def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
            entry = pages.get(page.file.src_uri)
            if entry is None:
                return markdown
            page.meta = dict(entry[0])
            return ""

        def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
            entry = pages.get(page.file.src_uri)
            return html if entry is None else entry[1]

    return Prerendered()


def build(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    overrides: dict[str, Any],
    prerendered: Prerendered | None = None,
) -> None:
    """Run MkDocs on a prepared docs folder, writing into site_dir."""
    # mkdocs-material prints a notice about MkDocs 2.0 on every run; editors need not see it.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    extra = overrides.pop("extra", {})
    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), **overrides)
        config["extra"].update(extra)
        if prerendered:
            config.plugins["site-builder-prerendered"] = _prerendered_plugin(prerendered)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs: {exc}") from exc
