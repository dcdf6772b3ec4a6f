"""The GitLab pipeline (.gitlab-ci.yml) has the GitHub workflow's jobs and runs the same commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT


def load(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


@pytest.fixture(scope="module")
def gitlab() -> dict[str, Any]:
    return load(ROOT / ".gitlab-ci.yml")


@pytest.fixture(scope="module")
def github() -> dict[str, Any]:
    return load(ROOT / ".github" / "workflows" / "site.yml")


def commands(steps: list[dict[str, Any]]) -> list[str]:
    """The lines of a GitHub job's shell steps that call the project's tools."""
    return [
        line.strip()
        for step in steps
        for line in str(step.get("run", "")).splitlines()
        if "tools/" in line or "site-builder" in line
    ]


def test_the_jobs_are_there(gitlab: dict[str, Any]) -> None:
    jobs = {name for name, job in gitlab.items() if isinstance(job, dict) and "script" in job}
    assert jobs == {"code", "data", "pages", "deploy-server"}
    assert gitlab["stages"] == ["check", "deploy"]
    assert gitlab["default"]["image"].startswith("python:3.11")


def test_code_and_data_run_what_github_runs(gitlab: dict[str, Any], github: dict[str, Any]) -> None:
    for job in ("code", "data"):
        expected = commands(github["jobs"][job]["steps"])
        assert expected, job
        script = [line.strip() for line in gitlab[job]["script"]]
        for command in expected:
            assert command in script, (job, command)


def test_the_data_job_compares_with_the_merge_requests_base(gitlab: dict[str, Any]) -> None:
    data = gitlab["data"]
    assert data["variables"]["GIT_DEPTH"] == "0"
    script = "\n".join(data["script"])
    assert "CI_MERGE_REQUEST_DIFF_BASE_SHA" in script and "CI_COMMIT_BEFORE_SHA" in script
    # The report check-data.sh writes inside GitLab CI is the one GitLab reads.
    assert data["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "gl-code-quality-report.json" in (ROOT / "tools" / "check-data.sh").read_text(encoding="utf-8")
    assert data["artifacts"]["when"] == "always"


def test_deploys_wait_for_the_data_and_for_the_code_only_when_it_ran(gitlab: dict[str, Any]) -> None:
    for name in ("pages", "deploy-server"):
        job = gitlab[name]
        assert job["stage"] == "deploy"
        assert job["needs"] == [{"job": "data"}, {"job": "code", "optional": True}]
        assert all("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in rule["if"] for rule in job["rules"])
    assert "mv site public" in gitlab["pages"]["script"][-1]
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert "tools/deploy.sh" in gitlab["deploy-server"]["script"][-1]
    # The code job runs when code changes, and on every scheduled run.
    rules = gitlab["code"]["rules"]
    assert any("schedule" in rule.get("if", "") for rule in rules)
    changes = next(rule["changes"] for rule in rules if "changes" in rule)
    assert "site_builder/**/*" in changes and not any(path.startswith("data") for path in changes)


def test_virtual_environments_are_cached_by_the_pinned_requirements(gitlab: dict[str, Any]) -> None:
    for job in ("code", "data"):
        [venv, *_] = gitlab[job]["cache"]
        assert ".venv/" in venv["paths"]
        assert set(venv["key"]["files"]) == {"requirements.txt", "requirements-dev.txt", "pyproject.toml"}
