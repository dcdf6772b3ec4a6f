"""editor/rulebook.js run in Node over many records at once (run_rulebook.js), for the parity tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

from ..conftest import ROOT

NODE = shutil.which("node")


def run_rulebook(book: dict[str, Any], items: list[dict[str, Any]]) -> list[list[list[str]]]:
    """Each item's problems as [field, message, severity], in the items' order."""
    done = subprocess.run(
        [NODE or "node", str(ROOT / "tests" / "validation" / "run_rulebook.js")],
        input=json.dumps({"book": book, "items": items}),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    )
    found: list[list[list[str]]] = json.loads(done.stdout)
    return found
