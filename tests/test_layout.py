"""The layout shows the architecture: the shipped package never reaches for the developer tools or its own faces
from below, every folder says what it holds, and what is packaged and documented is what is on disk.

Rules over every module found, not a list of today's modules: a module another branch adds is held to them too."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "generator"
TOOLS = ROOT / "tools"
# The faces: what runs the stages for a person (the command line) or for a site engine (engines/).
FACES = ("generator.cli", "generator.engines")


def modules(folder: Path) -> list[Path]:
    """Every Python module under a folder."""
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def dotted(path: Path) -> str:
    """generator/input/load.py -> generator.input.load; a package's __init__.py -> the package."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every import in a module, at any depth, relative ones resolved."""
    package = dotted(path) if path.name == "__init__.py" else dotted(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield node.lineno, module
            # `from generator import cli` imports the module generator.cli.
            yield from ((node.lineno, f"{module}.{alias.name}") for alias in node.names)


def is_within(module: str, prefix: str) -> bool:
    """Whether a dotted module is `prefix` or inside it."""
    return module == prefix or module.startswith(prefix + ".")


def names_in_strings(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every string constant that names a module of tools/ (`import_module("tools.synth")`,
    `[python, "-m", "tools.bench"]`)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.fullmatch(r"tools(\.\w+)*", node.value)
        ):
            yield node.lineno, node.value


def test_nothing_shipped_imports_the_tools() -> None:
    """No module of the package imports tools/ (the benchmark, the corpora, the driven preview), nor names one to
    import or run later: the wheel does not carry them."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in modules(PACKAGE)
        for line, what in [*((n, m) for n, m in imported(path) if is_within(m, "tools")), *names_in_strings(path)]
    ]
    assert len(modules(PACKAGE)) > 10
    assert found == []


def test_the_stages_never_import_the_faces() -> None:
    """Data flows one way: input, checks, model, output, the recipe and the tables beside them import neither the
    command line nor the site engines' faces, which call them."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in modules(PACKAGE)
        if not any(is_within(dotted(path), face) for face in FACES) and path.name != "__main__.py"
        for line, module in imported(path)
        if any(is_within(module, face) for face in FACES)
    ]
    assert found == []


def packages() -> list[Path]:
    """Every folder of the package and of tools/ that holds Python modules."""
    folders = {p.parent for root in (PACKAGE, TOOLS) for p in modules(root)}
    return sorted(folders)


def test_every_folder_of_code_is_a_package_that_says_what_it_holds() -> None:
    """Each folder with modules has an __init__.py (setuptools ships no implicit namespace folder) whose one-line
    docstring says what the folder holds: a newcomer reads the folder names, then these lines."""
    missing, undocumented = [], []
    for folder in packages():
        init = folder / "__init__.py"
        if not init.is_file():
            missing.append(str(folder.relative_to(ROOT)))
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        if not doc or "\n" in doc or not doc.endswith("."):
            undocumented.append(f"{init.relative_to(ROOT)}: {doc!r}")
    assert len(packages()) > 2
    assert (missing, undocumented) == ([], [])


def test_the_wheel_lists_every_package_and_no_tools() -> None:
    """pyproject.toml's package list is the package's folders on disk plus the templates, and not tools/."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {dotted(folder / "__init__.py") for folder in packages() if folder.is_relative_to(PACKAGE)}
    assert listed == on_disk | {"generator.site_templates"}
    assert "tools" in config["tool"]["mypy"]["packages"]


def layout_rows() -> list[str]:
    """The paths in the first column of the README's Layout table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [path for row in rows for path in re.findall(r"`([^`]+)`", row.split(" | ")[0])]


@pytest.mark.parametrize("folder", ["generator", "tools"])
def test_the_readme_layout_has_a_row_for_every_folder_of_code(folder: str) -> None:
    """Every sub-package (and tools/) has its row in the README's Layout table, and every path the table names
    exists."""
    named = layout_rows()
    wanted = [f"{p.relative_to(ROOT).as_posix()}/" for p in packages() if p.is_relative_to(ROOT / folder)]
    assert wanted and [w for w in wanted if w not in named] == []
    paths = [p.split("<")[0].rstrip("/") for p in named]
    assert [p for p in paths if p and not (ROOT / p).exists()] == []
