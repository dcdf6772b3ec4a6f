"""The fast paths taken for national scale give exactly what the straightforward code gave."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder import load
from site_builder.generate import Options, generate
from site_builder.problems import Problem

from .conftest import ROOT


def reference_read(path: Path) -> tuple[Any, dict[Any, Any], dict[Any, Any], list[Problem]]:
    """read_yaml as it was: pure-Python loader, _walk, construct_document, nfc."""
    import unicodedata

    smap = load.SourceMap("x")
    problems: list[Problem] = []
    loader = yaml.SafeLoader(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")))
    node = loader.get_single_node()
    load._walk(node, (), smap, problems)
    data = load.nfc(loader.construct_document(node))
    return data, smap.values, smap.keys, problems


TRICKY = {
    "merge.yml": """
        base: &base {kind: Luật, number: 06/2022/QH15}
        doc:
          <<: *base
          date: 2022-06-15
    """,
    "keys.yml": """
        2021: năm
        "quoted": có
        ? plain
        : value
    """,
    "tags.yml": """
        set: !!set {a, b}
        text: !!str 2021-07-16
        list: !!seq [1, 2]
    """,
    "aliases.yml": """
        a: &x [Hà Nội, Huế]
        b: *x
        dup: 1
        dup: 2
        nfd: "Nguye\\u0302\\u0303n"
    """,
}


@pytest.fixture(scope="module")
def yaml_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("yaml")
    generate(folder / "data", Options(exemplars=30, seed=5, now=date(2026, 11, 25)), ROOT / "data")
    for name, text in TRICKY.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return sorted([*ROOT.glob("data/**/*.yml"), *folder.glob("data/**/*.yml"), *folder.glob("*.yml")])


def test_read_yaml_gives_what_pyyaml_gave(yaml_files: list[Path]) -> None:
    for path in yaml_files:
        data, smap, problems = load.read_yaml(path, "x")
        want_data, want_values, want_keys, want_problems = reference_read(path)
        assert data == want_data, path
        assert smap.values == want_values, path
        assert smap.keys == want_keys, path
        assert problems == want_problems, path
