"""The package's own import graph, read from the source (nothing is imported).

Used twice: the score cache keys on the code of every module the scoring entry point reaches
(:func:`reachable`), so a new module that changes scores can never serve stale ones; and a test
fails on any import cycle inside the package (:func:`cycles`).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from analysis import paths


def module_name(file: Path) -> str:
    """``analysis/measures/scoring.py`` -> ``analysis.measures.scoring`` (``__init__`` ->
    package)."""
    parts = file.relative_to(paths.PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_file(name: str) -> Path:
    """The source file of a module of the package."""
    relative = Path(*name.split(".")[1:])
    file = paths.PACKAGE / relative.with_suffix(".py")
    return file if file.exists() else paths.PACKAGE / relative / "__init__.py"


def _imported(tree: ast.Module, modules: frozenset[str]) -> set[str]:
    """The package's modules a source file imports, at any depth (lazy imports count)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # "from analysis.labelers import time_frame" imports a module, not a name.
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name in modules}


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Each module of the package -> the package modules it imports.

    Packages' ``__init__`` modules are left out as targets: importing ``analysis.x.y`` runs
    them, but they hold no code the others depend on (``analysis`` itself imports lazily).
    """
    files = sorted(paths.PACKAGE.rglob("*.py"))
    modules = frozenset(module_name(file) for file in files if file.name != "__init__.py")
    graph = {}
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        graph[module_name(file)] = frozenset(_imported(tree, modules) - {module_name(file)})
    return graph


def reachable(*entry_points: str) -> tuple[str, ...]:
    """Every package module the entry points import, directly or through others, sorted."""
    graph = import_graph()
    seen: set[str] = set()
    todo = list(entry_points)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(graph.get(name, ()))
    return tuple(sorted(seen))


def cycles() -> list[tuple[str, ...]]:
    """The import cycles inside the package (each as the modules around it), none when clean.

    Strongly connected components by Tarjan's algorithm: a component of two or more modules,
    or a module importing itself, is a cycle.
    """
    graph = import_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[tuple[str, ...]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(tuple(sorted(component)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found
