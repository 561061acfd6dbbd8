"""The core must stay Qt-free so it runs from the CLI and in benchmarks."""

import ast
import subprocess
import sys
from pathlib import Path


def test_core_imports_without_pyside6() -> None:
    code = (
        "import sys, pkgutil, importlib, desktop_reader.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'desktop_reader.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import desktop_reader.cli\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


PACKAGE = Path(__file__).resolve().parents[2] / "desktop_reader"
SQL_CALLS = {"execute", "executemany", "executescript"}


def _modules(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _sql_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_CALLS
    ]


def test_only_storage_runs_sql() -> None:
    """SQL lives in core/storage: a query anywhere else is a second place to change a table."""
    storage = PACKAGE / "core" / "storage"
    outside = {
        str(p.relative_to(PACKAGE)): lines
        for p in _modules(PACKAGE)
        if storage not in p.parents and (lines := _sql_calls(p))
    }
    assert outside == {}
    assert _sql_calls(storage / "articles.py")  # the check does see queries
    assert _sql_calls(storage / "sync_queue.py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


#: What ui/ may import of the core: the facade, the values it hands out, the Changes.
FACADE = ("desktop_reader.core.reader", "desktop_reader.core.values", "desktop_reader.core.changes")
#: The pipeline handles a task is given (the library to open a Reader on, the cancel
#: token), and the only modules that run tasks of their own and so take them.
TASK_HANDLES = {
    "ui/tasks.py": ("desktop_reader.core.pipeline.library", "desktop_reader.core.pipeline.cancel"),
    "ui/background_search.py": ("desktop_reader.core.pipeline.library",),
    "ui/main_window.py": ("desktop_reader.core.pipeline.library",),
    "ui/window_surface.py": ("desktop_reader.core.pipeline.library",),
}


def _core_imports_beyond_the_facade(path: Path, module: str) -> list[str]:
    """What `path` (ui/`module`) imports of sqlite3 or the core beyond what it may."""
    allowed = FACADE + TASK_HANDLES.get(module, ())
    return sorted(
        name
        for name in _imports(path)
        if name == "sqlite3"
        or name.startswith("sqlite3.")
        or (
            name.startswith("desktop_reader.core.")  # the package alone is empty
            and not any(name == a or name.startswith(a + ".") for a in allowed)
        )
    )


def test_ui_talks_to_the_reader_facade_not_to_storage() -> None:
    """The UI reads and writes through core.reader, its values and Changes, nothing else."""
    ui = PACKAGE / "ui"
    offending = {
        module: bad
        for p in _modules(ui)
        if (bad := _core_imports_beyond_the_facade(p, module := str(p.relative_to(PACKAGE))))
    }
    assert offending == {}
    assert "desktop_reader.core.reader.Reader" in _imports(ui / "main_window.py")


def test_the_ui_import_check_catches_what_it_forbids(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    lines = {
        "from desktop_reader.core.storage import feeds": True,
        "import sqlite3": True,
        "from desktop_reader.core.models import Feed": True,
        "from desktop_reader.core.sync import engine": True,
        "from desktop_reader.core import errors": True,
        "from desktop_reader.core.pipeline.library import Library": True,
        "from desktop_reader.core import values": False,
        "from desktop_reader.core.values import Feed": False,
        "from desktop_reader.core.reader import Reader": False,
    }
    for line, forbidden in lines.items():
        probe.write_text(line + "\n", encoding="utf-8")
        assert bool(_core_imports_beyond_the_facade(probe, "ui/probe.py")) is forbidden, line
    probe.write_text(
        "from desktop_reader.core.pipeline.cancel import CancelToken\n", encoding="utf-8"
    )
    assert _core_imports_beyond_the_facade(probe, "ui/tasks.py") == []
