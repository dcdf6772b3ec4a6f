"""README and code stay in step: every record field is documented."""

from __future__ import annotations

from pydantic import BaseModel

from site_builder import records

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


def test_every_field_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found: set[type[BaseModel]] = set()
    for model in (*records.KIND_MODELS.values(), *records.REFERENCE_MODELS.values()):
        models(model, found)
    missing = sorted(
        f"{model.__name__}.{name}" for model in found for name in model.model_fields if f"`{name}`" not in readme
    )
    assert missing == []


def test_every_enumerated_value_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for literal in (
        records.RecipientKind,
        records.Stage,
        records.CampaignLevel,
        records.CampaignKind,
        records.PriorityGroup,
    ):
        for value in literal.__args__:
            assert f"`{value}`" in readme, value
