"""How ui/ hangs together: no import cycles, features use the window's public parts only,
and both reading modes answer the same keys."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from desktop_reader.ui.reading_modes import ArticleMode, ReadingMode
from desktop_reader.ui.story_mode import StoryMode

UI = Path(__file__).resolve().parents[2] / "desktop_reader" / "ui"


def _module(path: Path) -> str:
    parts = path.relative_to(UI.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    """Every import between ui modules, at any level (also typing-only and in functions)."""
    modules = {_module(p): p for p in UI.rglob("*.py") if "__pycache__" not in p.parts}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            deps.update(n for n in names if n in modules and n != name)
        graph[name] = deps
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state and (found := visit(dep)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_ui_modules_import_each_other_without_cycles() -> None:
    graph = _graph()
    assert "desktop_reader.ui.library_actions" in graph["desktop_reader.ui.main_window"]
    assert _cycle(graph) is None
    # The check finds a cycle when there is one.
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_features_use_only_the_windows_public_parts() -> None:
    private = re.compile(r"\b(?:window|w|self\.window)\._[a-z]\w*")
    found = {
        str(p.relative_to(UI)): private.findall(p.read_text(encoding="utf-8"))
        for p in UI.rglob("*.py")
    }
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_both_reading_modes_implement_the_reading_keys() -> None:
    keys = [name for name in vars(ReadingMode) if not name.startswith("_")]
    assert sorted(keys) == [
        "mark_all_read",
        "next",
        "next_unread",
        "open_original",
        "previous",
        "previous_unread",
        "toggle_read",
        "toggle_star",
    ]
    for mode in (ArticleMode, StoryMode):
        assert all(callable(getattr(mode, key, None)) for key in keys), mode


def test_both_lists_implement_the_item_list_protocol() -> None:
    from desktop_reader.ui.models.item_list import ItemListModel, ItemListView
    from desktop_reader.ui.models.reader_list import ReaderListModel
    from desktop_reader.ui.models.story_list import StoryListModel
    from desktop_reader.ui.widgets.article_list_view import ArticleListView
    from desktop_reader.ui.widgets.story_list_view import StoryListView

    for protocol, lists in (
        (ItemListModel, (ReaderListModel, StoryListModel)),
        (ItemListView, (ArticleListView, StoryListView)),
    ):
        names = [name for name in vars(protocol) if not name.startswith("_")]
        assert "select_row" in names or "reload" in names
        for cls in lists:
            assert all(callable(getattr(cls, name, None)) for name in names), (cls, names)
