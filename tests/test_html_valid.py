"""Every page of the sample is valid HTML for the Nu HTML checker (vnu-jar, the W3C validator's
engine), apart from the theme's own errors listed in docs/accessibility.md."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, is_site_page

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# mkdocs-material's markup, not ours: (start of the checker's message, text of the element it
# points at). Each is explained in docs/accessibility.md.
THEME_ERRORS = (
    # The drawer and search toggles keep autocomplete="off" so that Firefox does not restore
    # their state on reload (squidfunk/mkdocs-material#1513, closed as intended).
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # The table of contents' title labels the toggle that only the navigation renders: on a
    # hand-written page outside the navigation (the field reference) the toggle is not there.
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden", 'for="__toc"'),
)


def theirs(message: dict[str, str]) -> bool:
    return any(
        message["message"].startswith(start) and element in message.get("extract", "")
        for start, element in THEME_ERRORS
    )


@pytest.fixture(scope="module")
def checked(sample_site: Path) -> list[dict[str, str]]:
    """The checker's errors over the whole sample site, in one run (it takes about 10 s)."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        # Not a test failure: the machine lacks the tool. One line, exit 2, as for Chromium and axe.
        pytest.exit(
            "Lỗi môi trường: thiếu Java hoặc node_modules/vnu-jar; chạy 'bash tools/setup.sh dev' rồi chạy lại.",
            returncode=2,
        )
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", "--errors-only", str(sample_site)],
        capture_output=True,
        text=True,
        check=False,
    )
    # The checker writes its report to stderr and exits 1 when it found errors.
    assert run.returncode in (0, 1), run.stderr[-2000:]
    messages: list[dict[str, str]] = json.loads(run.stderr)["messages"]
    return [m for m in messages if m["type"] == "error"]


def test_the_checker_read_every_page(checked: list[dict[str, str]], sample_site: Path) -> None:
    # The theme's errors are on every page: each page was read and its errors came back.
    # The web editor's page is an application of its own, without the theme (tests/test_browser_cms.py).
    pages = {Path(m["url"].removeprefix("file:")).resolve() for m in checked}
    assert pages == {p.resolve() for p in sample_site.rglob("*.html") if is_site_page(sample_site, p)}


def test_our_markup_is_valid(checked: list[dict[str, str]]) -> None:
    ours = [
        f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']} {m.get('extract', '').strip()[:120]}"
        for m in checked
        if not theirs(m)
    ]
    assert ours == []


def test_the_search_box_keeps_its_combobox(sample_site: Path) -> None:
    # Valid as a text field: the checker refuses role=combobox and aria-expanded on type=search.
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'type="text" inputmode="search"' in home and 'role="combobox" aria-expanded="false"' in home
