"""The core must stay Qt-free so it runs from the CLI and in benchmarks."""

import subprocess
import sys


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
