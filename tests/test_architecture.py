"""The shape of the code: floors that import only downwards, no circles, one module for MkDocs.

Every import counts, including those inside functions and `if TYPE_CHECKING:` blocks: a
circle that only type checkers see is still a circle for the next reader.
"""

from __future__ import annotations

import ast
import graphlib
import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "site_builder"

# Lower floors know nothing of higher ones. Modules on one floor may import each other as long
# as no circle forms.
FLOORS: dict[str, int] = {
    # plain values and helpers
    "records": 0,
    "open_data": 1,
    "problems": 0,
    "vietnamese": 0,
    "privacy": 0,
    "guard": 0,
    "urls": 0,
    "writer": 0,
    "parallel": 0,
    "staging": 0,
    "cache": 0,
    # rules and reading
    "consultation": 1,
    "fingerprint": 1,
    "comments": 1,
    "markup": 1,
    "load": 1,
    "images": 1,
    "feed_topics": 1,
    "report": 1,
    "jsonld": 1,
    "reference": 1,
    # checks and the site model
    "validate": 2,
    "history": 2,
    "scaffold": 2,
    "editor_schemas": 2,
    "continuity": 2,
    "model": 2,
    "statistics": 2,
    "versions": 2,
    # rendering means and feed formats
    "render": 3,
    "feeds": 3,
    "charts": 3,
    # the record kinds
    "kinds.base": 4,
    "kinds.exemplars": 4,
    "kinds.campaigns": 4,
    "kinds.nominations": 4,
    "kinds": 4,
    "statistics_section": 4,
    # the whole site, the search index
    "site": 5,
    "old_urls": 5,
    "search": 5,
    # the generator and the build
    "mkdocs_adapter": 6,
    "zensical_adapter": 6,
    "build": 6,
    "preview": 6,
    # commands
    "cli": 7,
    "__main__": 7,
    # synthetic data, beside the build: only the command line reaches it (test below)
    "synthetic": 2,
    "synthetic.generate": 2,
    "synthetic.text": 2,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or "__init__"


def imports(path: Path) -> set[str]:
    """The site_builder modules a file imports, anywhere in it."""
    name = module_name(path)
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("site_builder"):
                target = node.module.removeprefix("site_builder").lstrip(".")
            else:
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}" if target else alias.name
                found.add(candidate if candidate in FLOORS else target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("site_builder."):
                    found.add(alias.name.removeprefix("site_builder."))
    found.discard("")
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports(path) for path in PACKAGE.rglob("*.py") if module_name(path) != "__init__"}


def test_every_module_has_a_floor() -> None:
    assert set(graph()) == set(FLOORS)


def test_imports_go_down_only() -> None:
    upward = [
        f"{module} (floor {FLOORS[module]}) imports {target} (floor {FLOORS[target]})"
        for module, targets in graph().items()
        for target in targets
        if FLOORS[target] > FLOORS[module]
    ]
    assert upward == []


def test_no_import_circles() -> None:
    graphlib.TopologicalSorter(graph()).prepare()  # raises CycleError naming the circle


def test_only_the_adapter_imports_mkdocs() -> None:
    users = sorted(
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(from|import) mkdocs\b", path.read_text(encoding="utf-8"), re.M)
    )
    assert users == ["mkdocs_adapter"]


def test_only_its_adapter_imports_zensical() -> None:
    users = sorted(
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if re.search(
            r"^\s*(from|import) zensical\b|[\"']zensical[\"'], [\"']build", path.read_text(encoding="utf-8"), re.M
        )
    )
    assert users == ["zensical_adapter"]


def test_the_build_never_imports_the_synthetic_data_generator() -> None:
    importers = sorted(module for module, targets in graph().items() if any(t.startswith("synthetic") for t in targets))
    assert [m for m in importers if not m.startswith("synthetic")] == ["cli"]


def _strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, docstrings left out (they may show a URL as an example)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_url_slug_outside_the_url_table() -> None:
    """Paths the site publishes are spelt in urls.py only (ids and categories are not paths)."""
    slug = re.compile(
        r"(^|[\"'/])(dien-hinh|phong-trao|lay-y-kien|nguon-tin|du-lieu|bao-chi|cach-gop-y|thong-bao|thong-ke)/"
    )
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "urls.py" and "synthetic" not in path.parts
        for line, text in _strings(path)
        if slug.search(text)
    ]
    for path in PACKAGE.rglob("*.html"):
        for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if slug.search(text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text.strip()}")
    assert found == []
