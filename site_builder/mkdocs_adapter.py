"""The one module that talks to MkDocs. Replace it to build with another generator."""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .problems import BuildError

# Render navigation, tabs and the theme's config once per folder or depth (see overrides/main.html).
# A switch so that a test can build without it and compare every byte.
SHARE_CHROME = True

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
        # Navigation and tabs rendered once per folder for pages outside the navigation; see
        # overrides/main.html. They were over half of the theme's time on every record page.
        def __init__(self) -> None:
            super().__init__()
            self.shared: dict[tuple[str, Any], Any] = {}
            self.in_nav: set[str] = set()

        def on_nav(self, nav: Any, config: Any, files: Any) -> None:
            self.in_nav = {page.file.src_uri for page in nav.pages}
            self.shared = {}

        def on_env(self, env: Any, config: Any, files: Any) -> None:
            def shared(name: str, key: Any, caller: Any) -> Any:
                if (name, key) not in self.shared:
                    self.shared[(name, key)] = caller()
                return self.shared[(name, key)]

            if SHARE_CHROME:
                env.globals["site_builder_shared"] = shared

        def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
            # Outside the navigation nothing in it is active or current, so the navigation differs
            # only by its relative links, which are the same for every page in one folder.
            if not SHARE_CHROME or page.file.src_uri in self.in_nav or page.toc.items:
                context["site_builder_chrome"] = None
            else:
                folder = posixpath.dirname(page.url.rstrip("/"))
                context["site_builder_chrome"] = (folder, tuple((page.meta or {}).get("hide") or ()))
            return context

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
