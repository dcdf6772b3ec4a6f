"""The shape of the code: folders that import only downwards, no circles, one module for MkDocs.

Every import counts, including those inside functions and `if TYPE_CHECKING:` blocks: a
circle that only type checkers see is still a circle for the next reader.
"""

from __future__ import annotations

import ast
import graphlib
import re
from pathlib import Path

from site_builder.urls import FACET_SLUGS, URLS

from .conftest import ROOT

PACKAGE = ROOT / "site_builder"

# The folders of the package, each a stage of the build (site_builder/__init__.py), from the
# bottom up: a module imports modules of its own folder (no circles) or of folders below it.
# "" is the core beside the folders (problems, urls, vietnamese).
FOLDERS: dict[str, int] = {
    "": 0,
    "utils": 1,
    "inputs": 2,
    "model": 3,
    "validation": 4,
    "publish": 5,
    "kinds": 6,
    "site": 7,
    "engines": 8,
    "commands": 9,
    # synthetic data, beside the build: only the commands reach it (test below)
    "synthetic": 4,
}
# The entry point `python -m site_builder` sits above everything.
TOP = {"__main__": 10}
MAX_MODULES_PER_FOLDER = 12


def floor(module: str) -> int:
    if module in TOP:
        return TOP[module]
    folder = module.split(".")[0] if "." in module or module in FOLDERS else ""
    return FOLDERS[folder]


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
                found.add(candidate if candidate in MODULES else target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("site_builder."):
                    found.add(alias.name.removeprefix("site_builder."))
    found.discard("")
    return found


MODULES = {module_name(path) for path in PACKAGE.rglob("*.py")}


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports(path) for path in PACKAGE.rglob("*.py") if module_name(path) != "__init__"}


def test_every_folder_has_a_place_and_says_what_it_holds() -> None:
    folders = {path.parent.name for path in PACKAGE.rglob("*.py") if path.parent != PACKAGE}
    assert folders == set(FOLDERS) - {""}
    for folder in folders:
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "Import" in doc, f"{folder}/__init__.py must say what the folder holds and may import"
        modules = [path for path in (PACKAGE / folder).glob("*.py") if path.name != "__init__.py"]
        assert len(modules) <= MAX_MODULES_PER_FOLDER, folder


def test_every_core_module_is_listed() -> None:
    core = {module for module in MODULES if "." not in module and module not in FOLDERS and module != "__init__"}
    assert core == {"problems", "urls", "vietnamese", "__main__"}


def test_imports_go_down_only() -> None:
    upward = [
        f"{module} (floor {floor(module)}) imports {target} (floor {floor(target)})"
        for module, targets in graph().items()
        for target in targets
        if floor(target) > floor(module)
    ]
    assert upward == []


def test_the_architecture_test_sees_an_upward_import() -> None:
    assert floor("inputs.load") < floor("model.site_model") < floor("commands.build")
    assert floor("problems") < floor("utils.cache") < floor("kinds.base") < floor("__main__")


def test_no_import_circles() -> None:
    graphlib.TopologicalSorter(graph()).prepare()  # raises CycleError naming the circle


def test_only_the_adapter_imports_mkdocs() -> None:
    users = sorted(
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(from|import) mkdocs\b", path.read_text(encoding="utf-8"), re.M)
    )
    assert users == ["engines.mkdocs_adapter"]


def test_only_its_adapter_imports_zensical() -> None:
    users = sorted(
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if re.search(
            r"^\s*(from|import) zensical\b|[\"']zensical[\"'], [\"']build", path.read_text(encoding="utf-8"), re.M
        )
    )
    assert users == ["engines.zensical_adapter"]


def test_the_build_never_imports_the_synthetic_data_generator() -> None:
    importers = sorted(module for module, targets in graph().items() if any(t.startswith("synthetic") for t in targets))
    assert [m for m in importers if not m.startswith("synthetic")] == ["commands.cli"]


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


# Every slug the URL table gives a section: the first part of each page address.
SECTIONS = sorted(
    url.split("/")[0]
    for url in (
        URLS.exemplars(),
        URLS.campaigns(),
        URLS.nominations(),
        URLS.press(),
        URLS.how_to_comment(),
        URLS.statistics(),
        URLS.open_data_page(),
        URLS.feed("x", ".xml"),
        URLS.share_card("x/"),
    )
)
SLUGS = [*SECTIONS, *FACET_SLUGS.values()]
# In code: a string that is a section's slug or holds one as a part of a path ("dien-hinh/…",
# "…/thong-ke/"), or a grouping's slug beside a slash ("theo-tinh/"; alone, "theo-tinh" also names
# a statistics figure).
CODE_SLUG = re.compile(
    rf"(^|/)({'|'.join(SECTIONS)})(/|$)|(^|/)({'|'.join(FACET_SLUGS.values())})/|/({'|'.join(FACET_SLUGS.values())})$"
)
# In templates: a slug in quotes or after a slash, followed by a slash (an anchor "#thong-ke" is no path).
TEMPLATE_SLUG = re.compile(rf"(^|[\"'/])({'|'.join(SLUGS)})/")
# Comments of the templates: Jinja's and HTML's.
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|<!--.*?-->", re.S)


def slugs_in_template(text: str) -> list[tuple[int, str]]:
    """(line, text) of each path slug in a template, its comments blanked out."""
    text = TEMPLATE_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if TEMPLATE_SLUG.search(line)]


def slugs_in_code(path: Path) -> list[tuple[int, str]]:
    return [(line, text) for line, text in _strings(path) if CODE_SLUG.search(text)]


def test_no_url_slug_outside_the_url_table() -> None:
    """Paths the site publishes are spelt in urls.py only: code, our templates and the theme's."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "urls.py" and "synthetic" not in path.parts
        for line, text in slugs_in_code(path)
    ]
    templates = [*PACKAGE.rglob("*.html"), *(ROOT / "overrides").rglob("*.html"), *(ROOT / "overrides").rglob("*.xml")]
    for path in templates:
        found += [f"{path.relative_to(ROOT)}:{n}: {t}" for n, t in slugs_in_template(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_slug_check_finds_a_slug_put_back() -> None:
    """The check above fails on the links the 404 page had before they came from the URL table."""
    page = (ROOT / "overrides" / "404.html").read_text(encoding="utf-8")
    assert slugs_in_template(page) == []
    put_back = page.replace("{{ config.extra.paths.nominations | url }}", "{{ 'lay-y-kien/' | url }}")
    assert [text for _, text in slugs_in_template(put_back)] == [
        """<li><a href="{{ 'lay-y-kien/' | url }}">Lấy ý kiến nhân dân</a></li>"""
    ]
    assert slugs_in_template("{# a comment may say 'lay-y-kien/' #}<a href='#thong-ke'>") == []
    assert CODE_SLUG.search("phong-trao") and CODE_SLUG.search("du-lieu/x.json") and CODE_SLUG.search("a/thong-ke/")
    assert CODE_SLUG.search("theo-tinh/") and CODE_SLUG.search("x/theo-nam")
    assert not CODE_SLUG.search("danh-sach-lay-y-kien") and not CODE_SLUG.search("lay-y-kien-sap-het-han")
    assert not CODE_SLUG.search("theo-tinh")
