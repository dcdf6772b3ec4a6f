"""The editors' data passes the same gate CI runs, and the gate speaks to pull requests.

These tests take whatever data/ holds (a fork may have replaced every record) and add records
built from its own reference files, so they hold for any valid data/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from site_builder.commands.cli import parse_now

from .conftest import ROOT, SAMPLE_DATA
from .test_history import AMENDMENT

GATE = ROOT / "tools" / "check-data.sh"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)


def repository(tmp_path: Path, data: Path) -> Path:
    """A git repository holding a copy of data as its first commit; returns the copy's path."""
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "bien-tap@example.gov.vn")
    git(tmp_path, "config", "user.name", "Biên tập viên")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "dữ liệu")
    return copy


def reference(folder: Path, name: str) -> Any:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def new_records(folder: Path, today: date) -> dict[str, dict[str, Any]]:
    """A campaign, an exemplar and a list opening in a week, valid against folder's reference files."""
    site = reference(folder, "site.yml")
    province = reference(folder, "provinces.yml")["provinces"][0]["id"]
    award = next(a["id"] for a in reference(folder, "awards.yml")["awards"] if "cá nhân" in a["recipients"])
    document = {"kind": "Kế hoạch", "number": "01/KH-KT", "date": today.isoformat(), "issuer": "Ủy ban nhân dân"}
    campaign = {
        "title": "Phong trào kiểm thử",
        "summary": "Phong trào thêm vào để kiểm tra cổng dữ liệu.",
        "launched_by": "Ủy ban nhân dân tỉnh",
        "level": "tỉnh",
        "kind": "thường xuyên",
        "period": {"start": today.isoformat()},
        "province": province,
        "legal_basis": [document],
        "contents": "Nội dung phong trào.",
        "published": today.isoformat(),
    }
    exemplar = {
        "name": "Người Kiểm Thử",
        "recipient_kind": "cá nhân",
        "honorific": "Ông",
        "locality": {"name": "xã Kiểm Thử", "province": province},
        "field": site["fields"][0],
        "campaigns": ["kiem-thu-phong-trao"],
        "summary": "Gương điển hình thêm vào để kiểm tra cổng dữ liệu.",
        "story": "Câu chuyện **ngắn**.",
        "source": {"outlet": "Ban biên tập"},
        "stage": "phát hiện",
        "published": today.isoformat(),
    }
    opens = today + timedelta(days=7)
    nominee_list = {
        "title": "Danh sách kiểm thử",
        "proposing_body": "Ủy ban nhân dân tỉnh",
        "proposing_document": {**document, "kind": "Tờ trình", "number": "01/TTr-KT"},
        "legal_basis": [document],
        "province": province,
        "groups": [
            {
                "award": award,
                "nominees": [{"id": "nguoi-kiem-thu", "recipient_kind": "cá nhân", "name": "Người Kiểm Thử"}],
            }
        ],
        "consultation": {"opens": opens.isoformat(), "closes": (opens + timedelta(days=40)).isoformat()},
        "channels": {"email": "gopy@example.gov.vn"},
        "published": today.isoformat(),
    }
    return {
        "campaigns/kiem-thu-phong-trao.yml": campaign,
        "exemplars/kiem-thu-guong.yml": exemplar,
        "nominations/kiem-thu-danh-sach.yml": nominee_list,
    }


def gate(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(GATE), *args], capture_output=True, text=True, check=False, env=env)


def test_new_records_added_to_data_pass_the_gate(tmp_path: Path) -> None:
    """What a province does first: add records to its data/. The gate CI runs passes."""
    copy = repository(tmp_path, ROOT / "data")
    today = parse_now(None).date()
    for rel, record in new_records(copy, today).items():
        (copy / rel).write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = gate("--base", "HEAD", "--data", str(copy), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    for url in ("phong-trao/kiem-thu-phong-trao", "dien-hinh/kiem-thu-guong", "lay-y-kien/kiem-thu-danh-sach"):
        assert (site / url / "index.html").is_file(), url


def test_github_annotations_point_at_the_lines(tmp_path: Path) -> None:
    copy = repository(tmp_path, SAMPLE_DATA)
    path = copy / "nominations" / "dong-thap-2026-tong-ket-2021-2025.yml"
    text = path.read_text(encoding="utf-8").replace("opens: 2026-11-16", "opens: 16/11/2026")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  opens: 16/11/2026") + 1
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "validate", "--format", "github"]
    result = subprocess.run(
        [*command, "--data", "data", "--now", "2026-11-25"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file=data/nominations/dong-thap-2026-tong-ket-2021-2025.yml,line={line},col=10,"
        "title=consultation.opens::tìm thấy '16/11/2026'; viết ngày theo dạng 2026-11-16"
    ]


def test_gitlab_code_quality_report_points_at_the_lines(tmp_path: Path) -> None:
    """GitLab's report: a JSON array of issues GitLab shows on the merge request's lines."""
    copy = repository(tmp_path, SAMPLE_DATA)
    path = copy / "nominations" / "dong-thap-2026-tong-ket-2021-2025.yml"
    text = path.read_text(encoding="utf-8").replace("opens: 2026-11-16", "opens: 16/11/2026")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  opens: 16/11/2026") + 1
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "validate", "--format", "gitlab"]
    run = [*command, "--data", "data", "--now", "2026-11-25"]
    result = subprocess.run(run, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 1
    [issue] = json.loads(result.stdout)
    assert issue == {
        "description": "consultation.opens: tìm thấy '16/11/2026'; viết ngày theo dạng 2026-11-16",
        "check_name": "consultation.opens",
        "fingerprint": issue["fingerprint"],
        "severity": "major",
        "location": {"path": "data/nominations/dong-thap-2026-tong-ket-2021-2025.yml", "lines": {"begin": line}},
    }
    assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    # People read the same problem as text in the job's log.
    assert "dong-thap-2026-tong-ket-2021-2025.yml:" in result.stderr
    # Valid data: an empty report, which GitLab reads as "no issues".
    path.write_text(text.replace("opens: 16/11/2026", "opens: 2026-11-16"), encoding="utf-8")
    result = subprocess.run(run, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_changed_open_list_fails_until_amended_and_summary_says_why(tmp_path: Path) -> None:
    """The 'Done when' of the issue, by the command line: HEAD~1 is what was published."""
    copy = repository(tmp_path, SAMPLE_DATA)
    (copy / "fingerprints.yml").write_text("lists: {}\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "tệp cũ")
    path = copy / "nominations" / "dong-thap-2026-tong-ket-2021-2025.yml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("Đoàn Văn Định", "Đoàn Văn Đính"), encoding="utf-8")
    (copy / "fingerprints.yml").unlink()
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "sửa tên")
    summary = tmp_path / "summary.md"
    command = [sys.executable, "-m", "site_builder", "--root", str(ROOT), "validate", "--data", str(copy)]
    command += ["--now", "2026-11-25", "--base", "HEAD~1", "--summary", str(summary)]
    failed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert "data/nominations/dong-thap-2026-tong-ket-2021-2025.yml:" in failed.stderr
    assert "sửa họ tên của 'doan-van-dinh' (Đoàn Văn Đính)" in failed.stderr
    report = summary.read_text(encoding="utf-8")
    assert report.startswith("## Kiểm tra dữ liệu: có lỗi, chưa xuất bản được\n")
    assert "- sửa: `data/nominations/dong-thap-2026-tong-ket-2021-2025.yml`" in report
    assert "- xóa: `data/fingerprints.yml`" in report
    assert "| `data/nominations/dong-thap-2026-tong-ket-2021-2025.yml` |" in report

    amended = original.replace("Đoàn Văn Định", "Đoàn Văn Đính")
    path.write_text(amended + AMENDMENT.replace("2026-11-20", "2026-11-24"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "đính chính")
    passed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert passed.returncode == 0, passed.stderr
    assert "đã so với bản HEAD~1" in passed.stderr


def test_outcome_on_an_open_list_fails_the_gate(tmp_path: Path) -> None:
    copy = repository(tmp_path, SAMPLE_DATA)
    path = copy / "nominations" / "dong-thap-2026-tong-ket-2021-2025.yml"
    outcome = "outcome:\n  decision:\n    kind: Quyết định\n    number: 12/QĐ-CTN\n    date: 2026-12-20\n"
    path.write_text(path.read_text(encoding="utf-8") + outcome, encoding="utf-8")
    result = gate("--data", str(copy), "--now", "2026-11-25", "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "outcome: danh sách còn đang hoặc sắp lấy ý kiến" in result.stderr
    assert not (tmp_path / "site").exists()


def _base_step() -> str:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["data"]["steps"] if s.get("id") == "base"]
    return str(step["run"])


def _run_base_step(repo: Path, tmp_path: Path, **env: str) -> tuple[str, str]:
    output = tmp_path / "github-output"
    output.write_text("", encoding="utf-8")
    done = subprocess.run(
        ["bash", "-e", "-c", _base_step()],
        cwd=repo,
        env={**os.environ, "GITHUB_OUTPUT": str(output), "DEFAULT_BRANCH": "main", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return output.read_text(encoding="utf-8").strip(), done.stdout


def test_a_new_branch_is_gated_against_where_it_left_the_default_branch(tmp_path: Path) -> None:
    """A push that opens a branch has no previous commit: the gate compares with the merge base,
    as the pull request will, instead of running without --base (a green check beside a red one)."""

    def git(folder: Path, *args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.gov.vn", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    git(origin, "commit", "-q", "--allow-empty", "-m", "đã công bố")
    published = git(origin, "rev-parse", "HEAD")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", "-b", "sua-danh-sach")
    git(clone, "commit", "-q", "--allow-empty", "-m", "sửa")
    found, _ = _run_base_step(clone, tmp_path, EVENT="push", BEFORE="0" * 40)
    assert found == f"ref={published}"
    found, _ = _run_base_step(clone, tmp_path, EVENT="pull_request", PR_BASE=published)
    assert found == f"ref={published}"
    found, said = _run_base_step(clone, tmp_path, EVENT="push", BEFORE="f" * 40)
    assert found == "" and "is not in the clone" in said


def _changes_step() -> str:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["changes"]["steps"] if s.get("id") == "diff"]
    return str(step["run"])


def test_a_data_only_change_does_not_wait_for_the_code_tests(tmp_path: Path) -> None:
    """The workflow's 'changes' step says code=false for a change inside data/ only, code=true
    otherwise; the code job runs only then, and the deploy waits for it only when it ran."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(tmp_path / "repo"), "-c", "user.name=t", "-c", "user.email=t@example.gov.vn", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    (tmp_path / "repo" / "data").mkdir(parents=True)
    (tmp_path / "repo" / "data" / "a.yml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "repo" / "code.py").write_text("x = 1\n", encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "một")

    def code_changed(before: str) -> str:
        output = tmp_path / "out"
        output.write_text("", encoding="utf-8")
        subprocess.run(
            ["bash", "-e", "-c", _changes_step()],
            cwd=tmp_path / "repo",
            env={**os.environ, "GITHUB_OUTPUT": str(output), "EVENT": "push", "BEFORE": before},
            check=True,
        )
        return output.read_text(encoding="utf-8").strip()

    first = git("rev-parse", "HEAD")
    (tmp_path / "repo" / "data" / "a.yml").write_text("a: 2\n", encoding="utf-8")
    git("commit", "-q", "-am", "dữ liệu")
    assert code_changed(first) == "code=false"
    data_only = git("rev-parse", "HEAD")
    (tmp_path / "repo" / "code.py").write_text("x = 2\n", encoding="utf-8")
    git("commit", "-q", "-am", "mã")
    assert code_changed(data_only) == "code=true"
    assert code_changed("0" * 40) == "code=true"  # a new branch: no previous commit to compare
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    assert workflow["jobs"]["code"]["if"] == "needs.changes.outputs.code == 'true'"
    assert "skipped" in workflow["jobs"]["deploy"]["if"] and workflow["jobs"]["deploy"]["needs"] == ["code", "data"]
