"""The one module that talks to MkDocs. Replace it to build with another generator."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from .problems import BuildError


def build(config_file: Path, docs_dir: Path, site_dir: Path, overrides: dict[str, Any]) -> None:
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
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs: {exc}") from exc
