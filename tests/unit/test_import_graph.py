"""No module of Salesboy imports, directly or through others, a module that imports it back.

import-linter checks the direction between layers; this checks every module against every
other, inside a layer too. A cycle is what made imports hide inside functions: with none,
every import can sit at the top of its module.
"""

from __future__ import annotations

import grimp
import pytest

PACKAGES = ("api", "workers", "services", "pipelines", "schemas")


def with_package_inits(graph: grimp.ImportGraph) -> grimp.ImportGraph:
    """Importing `a.b.c` first runs `a/__init__.py` and `a/b/__init__.py`: a module importing `a.b.c` from
    outside `a.b` depends on `a.b` too, an edge grimp does not draw (it follows import statements)."""
    for importer in list(graph.modules):
        for imported in list(graph.find_modules_directly_imported_by(importer)):
            parts = imported.split(".")
            for depth in range(1, len(parts)):
                package = ".".join(parts[:depth])
                if importer != package and not importer.startswith(package + "."):
                    graph.add_import(importer=importer, imported=package)
    return graph


def import_cycles(graph: grimp.ImportGraph) -> list[tuple[str, ...]]:
    """One cycle per edge that closes one, each as the chain a -> ... -> a; the same cycle once."""
    cycles: list[tuple[str, ...]] = []
    seen: set[frozenset[str]] = set()
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is None:
                continue
            cycle = (importer, *back)
            members = frozenset(cycle)
            if members not in seen:
                seen.add(members)
                cycles.append(cycle)
    return cycles


def _describe(cycles: list[tuple[str, ...]]) -> str:
    return "\n".join(" -> ".join(cycle) for cycle in cycles)


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # Function-level imports count: a cycle hidden inside a function is still a cycle.
    return with_package_inits(grimp.build_graph(*PACKAGES, cache_dir=None))


def test_the_graph_holds_every_layer(graph):
    for package in PACKAGES:
        assert len(graph.find_children(package)) > 0, package
    assert "services.bootstrap" in graph.modules


def test_no_module_imports_itself_back(graph):
    cycles = import_cycles(graph)
    assert not cycles, f"import cycles:\n{_describe(cycles)}"


def test_a_cycle_is_reported_with_its_path():
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c", "pkg.d"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.c")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    graph.add_import(importer="pkg.d", imported="pkg.a")

    cycles = import_cycles(graph)

    assert cycles == [("pkg.a", "pkg.b", "pkg.c", "pkg.a")]
    assert _describe(cycles) == "pkg.a -> pkg.b -> pkg.c -> pkg.a"


def test_a_cycle_through_a_package_init_is_found():
    """x.auth imports x.ui.web, which runs x/ui/__init__.py first; that imports x.auth back."""
    graph = grimp.ImportGraph()
    for module in ("x", "x.auth", "x.ui", "x.ui.web"):
        graph.add_module(module)
    graph.add_import(importer="x.auth", imported="x.ui.web")
    graph.add_import(importer="x.ui", imported="x.auth")
    assert import_cycles(graph) == []

    assert import_cycles(with_package_inits(graph)) == [("x.auth", "x.ui", "x.auth")]
