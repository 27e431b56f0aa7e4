"""The package shows the pipeline: stages import only earlier stages, no import circles,
small modules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "medleaf"
STAGES = ["content", "i18n", "checks", "render", "publish", "serve", "cli"]
MAX_LINES = 320


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imports() -> dict[str, set[str]]:
    """Each module's imports of medleaf modules at module level (a function's own imports
    and TYPE_CHECKING ones do not run when the module loads)."""
    every = modules()
    graph = {}
    for name, path in every.items():
        found = set()
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("medleaf"):
                found |= {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in every
                          else node.module for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("medleaf")}
        graph[name] = {m for m in found if m in every and m != name}
    return graph


def stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 2 and parts[1] in STAGES else None


def test_each_stage_imports_only_the_stages_before_it():
    graph = imports()
    assert len(graph) > 40
    upward = [f"{m} -> {d}" for m, deps in graph.items() for d in deps
              if stage(m) is not None and stage(d) is not None and stage(d) > stage(m)]
    assert upward == []


def test_there_is_no_import_circle():
    graph, circles, done = imports(), [], set()

    def visit(module, path):
        for dep in graph[module]:
            if dep in path:
                circles.append(" -> ".join(path[path.index(dep):] + [dep]))
            elif dep not in done:
                visit(dep, path + [dep])
        done.add(module)

    for module in graph:
        visit(module, [module])
    assert circles == []


def test_modules_are_small():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}
