"""The GitLab pipeline (.gitlab-ci.yml) has the GitHub workflow's jobs and runs the same commands."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT, git


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
    assert jobs == {"code", "data", "pages", "deploy-server", "pages-preview", "preview-server"}
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


def run_base_step(gitlab: dict[str, Any], clone: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The data job's first script entry (which revision was published), run as GitLab would."""
    step = gitlab["data"]["script"][0]
    return subprocess.run(
        ["bash", "-euc", f'{step}\necho "BASE=$BASE"'],
        cwd=clone,
        env={"PATH": os.environ["PATH"], "HOME": str(clone), "CI_DEFAULT_BRANCH": "main", **env},
        capture_output=True,
        text=True,
        check=True,
    )


def test_the_data_job_finds_what_was_published(gitlab: dict[str, Any], tmp_path: Path) -> None:
    origin, clone = tmp_path / "origin", tmp_path / "clone"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    (origin / "a.yml").write_text("a: 1\n", encoding="utf-8")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "đầu")
    published = subprocess.run(["git", "-C", str(origin), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    git(clone, "checkout", "-qb", "sua-du-lieu")
    (clone / "a.yml").write_text("a: 2\n", encoding="utf-8")
    git(clone, "commit", "-qam", "sửa")
    zeros = "0" * 40
    # A merge request: its base. A push: the commit before it.
    out = run_base_step(
        gitlab, clone, CI_MERGE_REQUEST_DIFF_BASE_SHA=published.strip(), CI_PIPELINE_SOURCE="merge_request_event"
    )
    assert out.stdout.splitlines()[-1] == f"BASE={published.strip()}"
    # A new branch (all zeros): where it left the default branch.
    out = run_base_step(gitlab, clone, CI_COMMIT_BEFORE_SHA=zeros, CI_PIPELINE_SOURCE="push")
    assert out.stdout.splitlines()[-1] == f"BASE={published.strip()}"
    # A schedule: no base. A commit the clone lacks: no base, and it says so.
    out = run_base_step(gitlab, clone, CI_COMMIT_BEFORE_SHA=zeros, CI_PIPELINE_SOURCE="schedule")
    assert out.stdout.splitlines()[-1] == "BASE="
    out = run_base_step(gitlab, clone, CI_COMMIT_BEFORE_SHA="1" * 40, CI_PIPELINE_SOURCE="push")
    assert out.stdout.splitlines() == [
        f"data gate: commit {'1' * 40} is not in the clone: this run checks the data without --base",
        "BASE=",
    ]


def test_a_merge_request_publishes_its_preview_as_github_does(gitlab: dict[str, Any], github: dict[str, Any]) -> None:
    """GitHub's preview job runs tools/deploy.sh --preview as GitLab's preview-server does; on GitLab
    Pages the preview is a parallel deployment; both name the address the build wrote."""
    expected = commands(github["jobs"]["preview"]["steps"])
    assert expected == ['bash tools/deploy.sh --preview "$PREVIEW" site "$PREVIEW_TARGET"']
    server_job = gitlab["preview-server"]
    assert [line.strip() for line in server_job["script"]][-1] == expected[0]
    assert server_job["variables"]["PREVIEW"] == "mr-$CI_MERGE_REQUEST_IID"
    assert server_job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event" && $PREVIEW_TARGET'}]
    pages = gitlab["pages-preview"]
    assert pages["pages"] == {"path_prefix": "mr-$CI_MERGE_REQUEST_IID", "expire_in": "14 days"}
    assert pages["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event" && $PREVIEW_TARGET == null'}]
    assert pages["script"] == ["rm -rf public && mv site public"]
    for job in (pages, server_job):
        assert job["needs"] == ["data"]
        # PREVIEW_URL comes from the data job's dotenv report: the build's own preview.env.
        assert job["environment"] == {"name": "review/mr-$CI_MERGE_REQUEST_IID", "url": "$PREVIEW_URL"}
    assert gitlab["data"]["artifacts"]["reports"]["dotenv"] == "site.server/preview.env"
    # The default branch never publishes a preview, a merge request never the public site.
    for name in ("pages", "deploy-server"):
        assert all("merge_request_event" not in rule["if"] for rule in gitlab[name]["rules"])


def test_the_data_job_builds_a_merge_request_as_its_preview(gitlab: dict[str, Any], tmp_path: Path) -> None:
    """The data job's preview entry: mr-N, for GitLab Pages' <pages url>/mr-N/ unless the agency's
    server publishes it (at <site url>xem-truoc/mr-N/, the build's default)."""
    [step] = [entry for entry in gitlab["data"]["script"] if "PREVIEW=" in entry]
    assert 'bash tools/check-data.sh ${BASE:+--base "$BASE"} ${PREVIEW:+--preview "$PREVIEW"} --out site' in [
        entry.strip() for entry in gitlab["data"]["script"]
    ]

    def run(**env: str) -> str:
        done = subprocess.run(
            ["bash", "-euc", f'{step}\necho "PREVIEW=$PREVIEW SITE_URL=${{SITE_URL:-}}"'],
            cwd=tmp_path,
            env={"PATH": os.environ["PATH"], **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    pages = "https://thidua.gitlab.io/trang"
    assert run(CI_MERGE_REQUEST_IID="5", CI_PAGES_URL=pages) == f"PREVIEW=mr-5 SITE_URL={pages}/mr-5/"
    assert run(CI_MERGE_REQUEST_IID="5", CI_PAGES_URL=pages, PREVIEW_TARGET="d@h:/srv") == "PREVIEW=mr-5 SITE_URL="
    assert run(CI_PAGES_URL=pages) == "PREVIEW= SITE_URL="
