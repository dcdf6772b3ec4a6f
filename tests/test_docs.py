"""Docs and code stay in step: every record field is documented, links resolve, the README stays short."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from site_builder.inputs import records

from .conftest import ROOT


def models(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    if model in seen:
        return seen
    seen.add(model)
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            item = stack.pop()
            if isinstance(item, type) and issubclass(item, BaseModel):
                models(item, seen)
            stack.extend(getattr(item, "__args__", ()) or ())
    return seen


def test_workflow_gates_deploy_on_code_and_data() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    assert triggers["schedule"][0]["cron"]
    jobs = workflow["jobs"]
    assert any("bash tools/test.sh" in step.get("run", "") for step in jobs["code"]["steps"])
    data = jobs["data"]["steps"]
    assert data[0]["with"]["fetch-depth"] == 0  # the base revision must be in the clone
    gate = next(step for step in data if "tools/check-data.sh" in step.get("run", ""))
    assert '--base "$BASE"' in gate["run"]
    assert "${{ github.event.pull_request.base.sha }}" in str(data) and "${{ github.event.before }}" in str(data)
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in data)
    assert set(jobs["deploy"]["needs"]) == {"code", "data"}
    # Deploys from main only, once the data gate passed and the code tests passed or did not run.
    assert "github.ref == 'refs/heads/main'" in jobs["deploy"]["if"]
    assert "needs.data.result == 'success'" in jobs["deploy"]["if"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in jobs["deploy"]["steps"])


def test_workflow_passes_actionlint() -> None:
    import subprocess
    import sys

    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(actionlint), "-no-color", str(ROOT / ".github" / "workflows" / "site.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_quick_start_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["bash tools/build-sample.sh", "bash tools/test.sh"]


def test_readme_is_short_and_its_links_resolve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 170
    for document in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        text = document.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", text):
            assert (document.parent / target).is_file(), f"{document.name}: {target}"


def test_field_reference_page_is_current_and_complete() -> None:
    """The field reference under content/ is written by `site-builder schema` from the fields' own descriptions."""
    from site_builder.commands.reference import reference_pages

    pages = reference_pages()
    for name, text in pages.items():
        assert (ROOT / "content" / name).read_text(encoding="utf-8") == text, (
            f"{name}: run .venv/bin/site-builder schema"
        )
    committed = "".join(pages.values())
    found: set[type[BaseModel]] = set()
    for model in (*records.KIND_MODELS.values(), *records.REFERENCE_MODELS.values()):
        models(model, found)
    undescribed = sorted(
        f"{m.__name__}.{n}" for m in found for n, info in m.model_fields.items() if not info.description
    )
    assert undescribed == []
    for model in found:
        for name in model.model_fields:
            assert f"| `{name}` |" in committed, f"{model.__name__}.{name}"
