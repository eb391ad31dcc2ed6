"""The adapters' modules stay small, import one another without a loop, and import at the top."""
import ast
from pathlib import Path

ADAPTERS = Path(__file__).resolve().parents[1] / "sp_data" / "adapters"
PACKAGE = "sp_data.adapters"


def _trees() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(ADAPTERS.glob("*.py"))}


def _imports(tree: ast.Module) -> set[str]:
    """The sibling modules a module imports (at any depth)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == PACKAGE:
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE + "."):
            out.add(node.module.removeprefix(PACKAGE + "."))
    return out


def test_no_import_loop():
    graph = {name: _imports(tree) - {name} for name, tree in _trees().items()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"import loop: {' -> '.join(path + (name,))}"
        if name in done:
            return
        for dep in sorted(graph.get(name, ())):
            visit(dep, path + (name,))
        done.add(name)

    for name in graph:
        visit(name, ())
    assert {"sheets", "headers", "records", "context", "mapping", "run"} <= done


def test_imports_at_the_top_except_openpyxl():
    local = []
    for name, tree in _trees().items():
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                local += [f"{name}.{fn.name}: {ast.unparse(n)}" for n in ast.walk(fn)
                          if isinstance(n, (ast.Import, ast.ImportFrom))]
    # openpyxl is deferred on purpose: it takes about 0.2 s to import and only spreadsheets need it.
    assert local == ["sheets._read_xlsx: import openpyxl"]


def test_modules_and_functions_are_short():
    long_modules = {p.name: n for p in ADAPTERS.glob("*.py") if (n := len(p.read_text().splitlines())) > 250}
    assert long_modules == {}
    long_functions = [f"{name}.{fn.name}" for name, tree in _trees().items() for fn in ast.walk(tree)
                      if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and fn.end_lineno - fn.lineno + 1 > 50]
    assert long_functions == []
