"""The web editor's rulebook refuses what `validate` refuses, with the same message at the same field.

The corpus: every valid sample record; every record the validation tests write, each breaking
one rule (tests/fixtures/rulebook-corpus/, gathered by tools/rulebook-corpus.sh); every case of
the malformed and hostile corpus that a form could hold (a YAML mapping: what the reader
refuses before that, an alias or a UTF-16 file, a form cannot write); and every hostile string
in a nominee's and an exemplar's texts. Each record is validated by `site-builder`'s own load
and rules, in a data folder with the sample's reference files and campaigns, and by
editor/rulebook.js in Node with the rulebook the build writes from the same folder. Both must
give the same problems: field, message and severity.

Left out of the comparison, each for a reason the form itself answers:
- problems of the file as a file (its name, its encoding, YAML syntax): the form writes the file;
- the image file's own checks (is it there, its size and format): the form uploads the image,
  and the build checks the file it publishes;
- HTML that the build will strip from a story (a warning, nh3's verdict; nothing is refused);
- old_ids and withdrawn records: the form never shows old_ids (hidden) and cannot withdraw.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from site_builder.commands.cli import parse_now
from site_builder.inputs.load import decode_text, field_name, load_dataset, read_yaml_text
from site_builder.validation.rulebook import rulebook
from site_builder.validation.validate import validate

from ..conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW, DataDir
from ..hostile import HOSTILE
from ..records import CAMPAIGN, EXEMPLAR, NOMINATION
from ..test_malformed import CASES
from .node import NODE, run_rulebook

CORPUS = ROOT / "tests" / "fixtures" / "rulebook-corpus"
KINDS = ("campaigns", "exemplars", "nominations")
TODAY = parse_now(SAMPLE_NOW)

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed to run editor/rulebook.js")


@dataclass(frozen=True)
class Item:
    origin: str
    kind: str
    id: str
    text: str


def corpus(scratch: Path) -> Iterator[Item]:
    for kind in KINDS:
        for path in sorted((SAMPLE_DATA / kind).glob("*.yml")):
            yield Item(f"sample/{kind}/{path.name}", kind, path.stem, path.read_text(encoding="utf-8"))
        for path in sorted((CORPUS / kind).glob("*.yml")):
            yield Item(f"tests/{kind}/{path.name}", kind, f"t{path.stem}", path.read_text(encoding="utf-8"))
    for index, case in enumerate(CASES):
        data = scratch / f"case-{index}" / "data"
        outside = scratch / f"case-{index}" / "outside"
        outside.mkdir(parents=True)
        base = DataDir(_fresh(data))
        before = {kind: {p.name: p.read_bytes() for p in (data / kind).iterdir()} for kind in KINDS}
        base.write("campaigns/ntm.yml", CAMPAIGN)
        base.write("exemplars/nguyen-van-an.yml", EXEMPLAR)
        base.write("nominations/hcld-2026.yml", NOMINATION)
        written = {kind: {p.name: p.read_bytes() for p in (data / kind).iterdir()} for kind in KINDS}
        case.write(data, outside)
        for kind in KINDS:
            for position, path in enumerate(sorted((data / kind).iterdir())):
                if path.is_symlink() or not path.is_file() or path.suffix != ".yml" or path.stat().st_size > 1_000_000:
                    continue
                raw = path.read_bytes()
                if written[kind].get(path.name) == raw or before[kind].get(path.name) == raw:
                    continue
                try:
                    text = decode_text(raw)
                except UnicodeDecodeError:
                    continue
                yield Item(f"malformed/{case.name}", kind, f"m{index}-{position}", text)
        shutil.rmtree(data.parent)
    for index, hostile in enumerate(HOSTILE):
        text = hostile.replace("\\", "\\\\").replace('"', '\\"')
        nomination = NOMINATION.replace("name: Nguyễn Văn Bình", f'name: "{text}"', 1)
        yield Item(f"hostile/{index}", "nominations", f"h{index}", nomination)
        exemplar = EXEMPLAR.replace("summary: Nông dân sản xuất giỏi.", f'summary: "{text}"', 1)
        yield Item(f"hostile/{index}", "exemplars", f"h{index}", exemplar)


def _fresh(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _left_out(field: str, message: str, severity: str) -> bool:
    return (
        field in ("(tệp)", "(tên tệp)")
        or field.startswith("old_ids")
        or (field.startswith("images[") and field.endswith(".src") and not message.startswith("tìm thấy"))
        or message.startswith("mã HTML sẽ bị bỏ khi đăng")
    )


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Item, list[list[str]], list[list[str]]]]:
    scratch = tmp_path_factory.mktemp("parity")
    base = DataDir(_fresh(scratch / "base" / "data"))
    for path in (SAMPLE_DATA / "campaigns").glob("*.yml"):
        shutil.copyfile(path, base.root / "campaigns" / path.name)
    base.write("campaigns/ntm.yml", CAMPAIGN)
    for path in (SAMPLE_DATA / "images").iterdir():
        shutil.copyfile(path, base.root / "images" / path.name)
    data, problems = load_dataset(base.root)
    assert data is not None and not problems, problems
    book = rulebook(data)
    items, python, inputs = [], [], []
    for item in corpus(scratch):
        target = base.root / item.kind / f"{item.id}.yml"
        existed = target.read_bytes() if target.exists() else None
        target.write_text(item.text, encoding="utf-8")
        try:
            entry, smap, refused = read_yaml_text(item.text, str(target), target)
            if entry is None or refused or not isinstance(entry, dict):
                continue  # refused as a file (syntax, aliases, controls): a form writes none of these
            dataset, found = load_dataset(base.root)
            if dataset is not None:
                found.extend(validate(dataset, TODAY))
            mine = [p for p in found if p.path.endswith(f"/{item.kind}/{item.id}.yml")]
            others = [p for p in found if p not in mine]
            assert not others, (item.origin, others)
            if any(p.field in ("(tệp)", "(tên tệp)") for p in mine):
                continue
            source = dataset.sources.get(f"{item.kind}/{item.id}", smap) if dataset is not None else smap
            lines = {field_name(loc): line for loc, (line, _) in source.values.items()}
            try:
                form = json.loads(json.dumps(entry, default=_json))
            except (TypeError, ValueError):
                continue  # a key that is not a text, a number of 5,000 digits: no form writes these
            inputs.append(
                {
                    "kind": item.kind,
                    "id": item.id,
                    "entry": form,
                    "today": TODAY.date().isoformat(),
                    "lines": lines,
                }
            )
            python.append(
                sorted([p.field, p.message, p.severity] for p in mine if not _left_out(p.field, p.message, p.severity))
            )
            items.append(item)
        finally:
            if existed is None:
                target.unlink()
            else:
                target.write_bytes(existed)
    found_by_node = run_rulebook(book, inputs)
    javascript = [sorted(p for p in found if not _left_out(*p)) for found in found_by_node]
    return list(zip(items, python, javascript, strict=True))


def test_the_corpus_holds_every_kind_of_input(verdicts: list[tuple[Item, list[list[str]], list[list[str]]]]) -> None:
    origins = {item.origin.split("/")[0] for item, _, _ in verdicts}
    assert origins == {"sample", "tests", "malformed", "hostile"}
    refused = [item for item, python, _ in verdicts if any(p[2] == "error" for p in python)]
    accepted = [item for item, python, _ in verdicts if not python]
    # Both verdicts are well represented: a rulebook that refused everything, or nothing, fails.
    assert len(refused) >= 60 and len(accepted) >= 40, (len(refused), len(accepted))


def test_the_editor_gives_validates_verdict_and_message_on_every_record(
    verdicts: list[tuple[Item, list[list[str]], list[list[str]]]],
) -> None:
    differ = [(item.origin, python, javascript) for item, python, javascript in verdicts if python != javascript]
    assert not differ, f"{len(differ)} of {len(verdicts)} differ; first: {differ[:3]}"
