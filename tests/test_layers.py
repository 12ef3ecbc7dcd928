"""The extension's layers: imports run one way, downward.

Read from the sources (every import, those for type checking too): the
import graph of ``strategy_pages`` has no circle; ``core`` uses neither
Sphinx, docutils nor git, nor any module of the extension outside it; and
the registry of components, the top layer's contract, is imported only by
the components and the Sphinx glue above them, never by the layers it
calls (reading, naming, checking, comparing, marking, rendering).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "_ext" / "strategy_pages"

#: Modules below the registry: they learn of the parts from the vocabulary
#: and from hooks the registry fills.
BELOW_REGISTRY = (
    "strategy_pages.located",
    "strategy_pages.recovery",
    "strategy_pages.loading",
    "strategy_pages.naming",
    "strategy_pages.messages",
    "strategy_pages.schema",
    "strategy_pages.model",
    "strategy_pages.history",
    "strategy_pages.reasons",
    "strategy_pages.marks",
    "strategy_pages.marknodes",
    "strategy_pages.render",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute; type-checking ones too."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            submodules = {f"{target}.{alias.name}" for alias in node.names}
            modules = submodules & MODULES.keys()
            found |= modules
            if len(modules) < len(submodules):
                found.add(target)
    return found


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}
GRAPH = {
    name: {target for target in imports(path) if target in MODULES} - {name}
    for name, path in MODULES.items()
}


def test_the_import_graph_has_no_circle():
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        if module in trail:
            circle = (*trail[trail.index(module) :], module)
            pytest.fail("import circle: " + " -> ".join(circle))
        if module in done:
            return
        for target in sorted(GRAPH[module]):
            # a package's __init__ runs before its modules anyway
            if not module.startswith(target + "."):
                visit(target, (*trail, module))
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, ())


def test_core_is_pure_python():
    for name, path in MODULES.items():
        if not name.startswith("strategy_pages.core"):
            continue
        for target in imports(path):
            assert not target.startswith(("sphinx", "docutils", "subprocess")), (
                name,
                target,
            )
            if target.startswith("strategy_pages"):
                assert target.startswith("strategy_pages.core"), (name, target)


@pytest.mark.parametrize("module", BELOW_REGISTRY)
def test_the_layers_below_the_registry_do_not_import_it(module):
    assert "strategy_pages.registry" not in GRAPH[module]
    assert not any(
        target.startswith("strategy_pages.components") for target in GRAPH[module]
    )
