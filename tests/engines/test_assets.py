"""The site's own scripts and styles (site_builder/engines/assets.py): minified by esbuild, named by
the hash of what is served; a change of content is a change of name, the same content the same name."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_builder.engines import assets

from ..conftest import ROOT

ESBUILD = ROOT / assets.ESBUILD


def project(folder: Path, with_esbuild: bool = True) -> Path:
    """A project folder with a copy of overrides/assets/ and, if asked, the installed esbuild."""
    shutil.copytree(ROOT / assets.SOURCE, folder / assets.SOURCE)
    if with_esbuild:
        (folder / "node_modules").mkdir()
        (folder / "node_modules" / "esbuild").symlink_to(ROOT / "node_modules" / "esbuild")
        (folder / "node_modules" / "@esbuild").symlink_to(ROOT / "node_modules" / "@esbuild")
    return folder


@pytest.fixture
def esbuild() -> None:
    if not ESBUILD.is_file():
        pytest.skip("esbuild is not installed: run 'bash tools/setup.sh'")


def test_the_name_follows_the_content(tmp_path: Path, esbuild: None) -> None:
    root = project(tmp_path / "p")
    first = assets.build(root)
    assert first.minified
    assert set(first.names) == {f"assets/{path.name}" for path in (root / assets.SOURCE).iterdir()}
    for source, target in first.names.items():
        stem, suffix = source.rsplit(".", 1)
        if source in assets.STABLE:  # the embeds' files, at the addresses other sites paste
            assert target == source
            continue
        assert re.fullmatch(rf"{re.escape(stem)}\.[0-9a-f]{{8}}\.min\.{suffix}", target)
    # The same sources give the same names and bytes (reproducible builds).
    assert assets.build(root) == first
    # A change to one file renames that file only.
    search = root / assets.SOURCE / "search.js"
    search.write_text(search.read_text(encoding="utf-8") + "\nvar tdktChanged = 1;\n", encoding="utf-8")
    second = assets.build(root)
    changed = {source for source in first.names if first.names[source] != second.names[source]}
    assert changed == {"assets/search.js"}
    # A comment changes nothing that is served, so nothing is renamed.
    search.write_text(search.read_text(encoding="utf-8") + "// a note for developers\n", encoding="utf-8")
    assert assets.build(root).names == second.names


def test_esbuild_minifies_and_keeps_vietnamese_as_text(tmp_path: Path, esbuild: None) -> None:
    root = project(tmp_path / "p")
    built = assets.build(root)
    for source, target in built.names.items():
        original = (root / assets.SOURCE / source.removeprefix(assets.FOLDER)).read_bytes()
        content = built.files[target]
        # A small stylesheet with little to drop (nhung.css) shrinks by less than a fifth.
        assert len(content) < 0.85 * len(original), source
        assert b"/*" not in content and b"\n//" not in content, source
    search = built.files[built.names["assets/search.js"]].decode("utf-8")
    # Vietnamese strings stay UTF-8 (not \\u escapes, three times longer) and as they were written.
    assert "\\u1" not in search
    vietnamese = re.findall(r'"([^"\n]*[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ][^"\n]*)"', original_text())
    assert vietnamese and all(text in search for text in vietnamese)


def original_text() -> str:
    return (ROOT / assets.SOURCE / "search.js").read_text(encoding="utf-8")


def test_without_esbuild_the_site_is_still_published_with_hashed_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path / "p", with_esbuild=False)
    built = assets.build(root)
    assert not built.minified
    assert "chưa có node_modules/esbuild" in capsys.readouterr().err
    source = (root / assets.SOURCE / "search.js").read_bytes()
    assert built.files[built.names["assets/search.js"]] == source
    assert built.names["assets/search.js"] == assets.hashed_name("assets/search.js", source)
