"""The folder listing is the architecture: each stage is a package, and
imports run one way, from a higher stage to a lower one, never back up
and never in a circle."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "docgen"
# Lowest first.  A module may import from its own stage or a lower one.
LAYERS = [
    {"errors"},
    {"model"},
    {"figures"},
    {"source"},
    {"checks"},
    {"documents"},
    {"render"},
    {"own_templates", "cycle"},
    {"importing"},
    {"pipeline"},
    {"serve"},
    {"cli", "__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
TOP_LEVEL_MODULES = {"__init__.py", "__main__.py", "pipeline.py", "errors.py"}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The docgen modules ``name`` imports (at any depth in the file)."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                target = f"{module}.{alias.name}"
                found.add(target if target in known else module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in known and m != name}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_module_lies_loose_in_the_package():
    loose = {p.name for p in PACKAGE.glob("*.py")} - TOP_LEVEL_MODULES
    assert not loose, f"moduler uden for en pakke: {sorted(loose)}"
    for folder in PACKAGE.iterdir():
        if folder.is_dir() and any(folder.glob("*.py")):
            init = folder / "__init__.py"
            assert init.is_file(), folder
            assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{init} mangler en docstring"


def test_every_stage_has_its_layer():
    stages = {stage(m) for m in modules()} - {"__init__"}
    assert stages <= set(RANK), f"ukendte trin: {sorted(stages - set(RANK))}"


def test_imports_run_down_the_stages():
    found = modules()
    wrong = []
    for name, path in found.items():
        for target in imports_of(name, path, set(found)):
            source_stage, target_stage = stage(name), stage(target)
            if target_stage == "__init__":
                continue
            if RANK.get(target_stage, -1) > RANK.get(source_stage, 99):
                wrong.append(f"{name} -> {target}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle():
    found = modules()
    graph = {name: imports_of(name, path, set(found)) for name, path in found.items()}
    # a package imports its own __init__ implicitly; only explicit edges count
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend(trail[trail.index(nxt):] + [node, nxt] if nxt in trail else [node, nxt])
                return True
            if nxt not in state and visit(nxt, trail + [node]):
                return True
        state[node] = 2
        return False

    for name in sorted(graph):
        if name not in state and visit(name, []):
            break
    assert not cycle, " -> ".join(cycle)


def test_the_checker_fails_on_an_import_back_up(tmp_path):
    """The rule the test above applies catches an arrow back up."""
    fake = tmp_path / "m.py"
    fake.write_text("from ..render import docx\n", encoding="utf-8")
    found = modules()
    targets = imports_of("docgen.figures.m", fake, set(found))
    assert targets == {"docgen.render.docx"}
    assert RANK[stage("docgen.render.docx")] > RANK[stage("docgen.figures.m")]


def test_the_two_ways_in_each_keep_to_their_own_room():
    """importing/: built/ (documents docgen made) and handmade/ (a plan's
    own documents) both stand on shared/, never on each other; shared/
    stands on neither."""
    known = set(modules())
    allowed = {"shared": {"shared"}, "built": {"shared", "built"}, "handmade": {"shared", "handmade"}}
    wrong = []
    for name, path in modules().items():
        parts = name.split(".")
        if len(parts) < 3 or parts[1] != "importing" or parts[2] not in allowed:
            continue
        for target in imports_of(name, path, known):
            bits = target.split(".")
            if len(bits) >= 3 and bits[1] == "importing" and bits[2] in allowed and bits[2] not in allowed[parts[2]]:
                wrong.append(f"{name} → {target}")
    assert not wrong, wrong
    rooms = {p.name for p in (PACKAGE / "importing").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert rooms == set(allowed)
    assert not [p.name for p in (PACKAGE / "importing").glob("*.py") if p.name != "__init__.py"], "moduler uden rum"
