"""The synthetic data generator: deterministic, valid, realistic in shape, free of personal data."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from site_builder.commands.cli import main, parse_now
from site_builder.inputs.load import Dataset, load_dataset
from site_builder.inputs.records import STAGES
from site_builder.model.consultation import status, working_days
from site_builder.synthetic.generate import Options, generate, scalar
from site_builder.validation.validate import validate

from .conftest import ROOT, SAMPLE_DATA, SAMPLE_NOW

NOW = date(2026, 11, 25)
OPTIONS = Options(exemplars=40, seed=7, now=NOW)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated") / "data"
    generate(folder, OPTIONS, SAMPLE_DATA)
    return folder


@pytest.fixture(scope="module")
def dataset(generated: Path) -> Dataset:
    data, problems = load_dataset(generated)
    assert problems == []
    assert data is not None
    return data


def test_same_seed_same_bytes(generated: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", OPTIONS, SAMPLE_DATA)
    generate(tmp_path / "other", Options(exemplars=40, seed=8, now=NOW), SAMPLE_DATA)
    assert files(tmp_path / "again") == files(generated)
    assert files(tmp_path / "other") != files(generated)


def test_output_validates(dataset: Dataset) -> None:
    assert validate(dataset, parse_now(SAMPLE_NOW)) == []
    assert len(dataset.exemplars) == 40
    assert len(dataset.campaigns) >= 3
    assert len(dataset.nominations) >= 3


def test_reference_files_are_the_projects(generated: Path) -> None:
    for name in ("site.yml", "awards.yml", "provinces.yml", "holidays.yml"):
        assert (generated / name).read_bytes() == (SAMPLE_DATA / name).read_bytes()
    assert sorted(p.name for p in (generated / "images").iterdir()) == sorted(
        p.name for p in (SAMPLE_DATA / "images").iterdir()
    )


def test_every_recipient_kind_and_stage(dataset: Dataset) -> None:
    exemplars = dataset.exemplars.values()
    assert {e.recipient_kind for e in exemplars} == {"cá nhân", "tập thể", "hộ gia đình"}
    assert {e.stage for e in exemplars} == set(STAGES)
    nominees = [n for item in dataset.nominations.values() for g in item.groups for n in g.nominees]
    assert {n.recipient_kind for n in nominees} == {"cá nhân", "tập thể", "hộ gia đình"}


def test_national_campaigns_have_local_editions(dataset: Dataset) -> None:
    campaigns = dataset.campaigns
    children = [c for c in campaigns.values() if c.parent]
    assert children
    assert all(campaigns[c.parent].level == "toàn quốc" for c in children if c.level == "tỉnh" and c.parent)
    assert any(c.level == "toàn quốc" and c.parent is None for c in campaigns.values())


def test_one_provincial_edition_per_campaign_and_province(dataset: Dataset) -> None:
    pairs = [(c.parent, c.province) for c in dataset.campaigns.values() if c.level == "tỉnh"]
    assert len(pairs) == len(set(pairs))


def test_nothing_is_published_after_now(dataset: Dataset) -> None:
    for campaign in dataset.campaigns.values():
        assert campaign.published <= NOW
    for exemplar in dataset.exemplars.values():
        assert exemplar.published <= NOW
        assert exemplar.updated is None or exemplar.published < exemplar.updated <= NOW
    for item in dataset.nominations.values():
        assert item.proposing_document.date <= item.published <= min(item.consultation.opens, NOW)


def test_lists_open_upcoming_and_closed_with_ten_working_days(dataset: Dataset) -> None:
    now = parse_now(SAMPLE_NOW)
    states = set()
    for item in dataset.nominations.values():
        states.add(status(item, now, dataset.holidays).state)
        window = item.consultation
        assert working_days(window.opens, window.closes, dataset.holidays) >= 10
    assert "upcoming" in states
    assert states & {"open", "closing"}
    assert states & {"closed", "decided"}


def test_nominee_lists_shape(dataset: Dataset) -> None:
    for item in dataset.nominations.values():
        total = sum(len(g.nominees) for g in item.groups)
        assert 20 <= total <= 80
        ids = [n.id for g in item.groups for n in g.nominees]
        assert len(ids) == len(set(ids))
        for group in item.groups:
            assert dataset.awards[group.award].level == "nhà nước"


def test_stories_are_article_length(dataset: Dataset) -> None:
    for exemplar in dataset.exemplars.values():
        assert 250 <= len(exemplar.story.split()) <= 500


# What the personal-data check refuses in nominee entries: phone numbers, ID numbers, birth
# dates, street addresses.
PERSONAL = re.compile(
    r"\d{9,}|\d{3,4}[ .]\d{3}[ .]\d{3}|\d{1,2}/\d{1,2}/\d{4}|\bsinh (năm|ngày)\b|\bsố \d+,? (đường|phố)\b",
    re.IGNORECASE,
)


def test_no_personal_data_in_nominee_entries(dataset: Dataset) -> None:
    for item in dataset.nominations.values():
        for group in item.groups:
            for nominee in group.nominees:
                for value in nominee.model_dump().values():
                    assert not PERSONAL.search(str(value or "")), value


@pytest.mark.parametrize(
    "text",
    ["yes", "No", "null", "~", "2021-07-16", "12", "1:20", "a: b", "x #y", "- item", '"q"', "tab\there", "Đỗ Văn An"],
)
def test_scalars_load_back_as_the_same_text(text: str) -> None:
    assert yaml.safe_load(f"key: {scalar(text)}\n") == {"key": text}


def test_refuses_a_folder_with_records(generated: Path) -> None:
    with pytest.raises(FileExistsError):
        generate(generated, OPTIONS, SAMPLE_DATA)


def test_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d"
    args = ["--root", str(ROOT), "generate", "--reference", str(SAMPLE_DATA), "--exemplars", "12", "--lists", "3"]
    args += ["--out", str(out)]
    assert main([*args, "--now", "2026-11-25", "--seed", "3"]) == 0
    assert "12 gương điển hình" in capsys.readouterr().err
    assert len(list((out / "exemplars").glob("*.yml"))) == 12
    assert main(["--root", str(ROOT), "validate", "--data", str(out)]) == 0


def test_bench_smoke_prints_the_table() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--now", "2026-11-25"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    for row in (
        "exemplars",
        "validate, fresh process (s)",
        "cold build (s)",
        "  CPU of all its processes (s)",
        "  stage load (s, wall / CPU)",
        "  stage render (s, wall / CPU)",
        "  stage mkdocs (s, wall / CPU)",
        "  stage search (s, wall / CPU)",
        "peak memory, any one process (MB)",
        "  site-builder itself (MB)",
        "pages written (HTML files)",
        "site size (MB)",
        "search index (MB)",
        "search parts",
        "  pages per part",
        "Pagefind alone, same parts (s)",
        "cold build / Pagefind alone (x)",
        "edit rebuilt from the cache (s)",
        "  search parts indexed again",
        "edit rebuild / cold build (x)",
        "cold build of the edit, no cache (s)",
        "Search parts: pages, and seconds of each",
        "Targets",
        "  cold build at 200 exemplars",
        "  validation alone at 200",
    ):
        assert any(line.startswith(row) for line in lines), row
    assert re.search(r"^  parts as in the build +yes$", result.stdout, re.M)
    # Wall and CPU seconds of a stage, and a whole build's CPU, as figures.
    assert re.search(r"^  stage render \(s, wall / CPU\) +\d+\.\d\d / \d+\.\d$", result.stdout, re.M)
    assert re.search(r"^  CPU of all its processes \(s\) +\d+\.\d$", result.stdout, re.M)
    assert re.search(r"^edit rebuild = its cold build +same$", result.stdout, re.M)
    assert re.search(r"edit rebuild = its cold build, byte for byte .* PASS$", result.stdout, re.M)
    assert re.search(r"peak memory, any one process of any build at 200 .* (PASS|MISS)$", result.stdout, re.M)
