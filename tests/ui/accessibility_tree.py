"""Walk Qt's accessibility tree (what a screen reader is given) and list the interactive
nodes it could not announce: no accessible name. Item views are walked a few rows deep
(each row is named by its text) so a 15,000-article list stays quick."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget

Role = QAccessible.Role

# Roles a user can act on: each must have a name a screen reader can say.
INTERACTIVE = {
    Role.PushButton,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.SpinBox,
    Role.Slider,
    Role.Dial,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.ButtonDropGrid,
    Role.Link,
    Role.PageTab,
    Role.List,
    Role.Tree,
    Role.Table,
    Role.ListItem,
    Role.TreeItem,
    Role.Cell,
    Role.MenuItem,
    Role.ScrollBar,
    Role.HotkeyField,
}
# Parts Qt names by position, never by the app (a scroll bar's arrows and pages).
ANONYMOUS_PARENTS = {Role.ScrollBar, Role.Slider, Role.SpinBox}
ITEM_CHILDREN = 40  # the first cells of an item view looked at (headers, then rows)
ITEM_VIEWS = {Role.List, Role.Tree, Role.Table}


@dataclass(frozen=True)
class Unnamed:
    role: str
    where: str  # the object's class and name, and its named ancestors

    def __str__(self) -> str:
        return f"{self.role} in {self.where}"


def _describe(node: QAccessibleInterface, path: list[str]) -> str:
    target = node.object()
    kind = type(target).__name__ if target is not None else "?"
    name = target.objectName() if target is not None else ""
    return " / ".join([*path[-3:], f"{kind}{'#' + name if name else ''}"])


def _visible(node: QAccessibleInterface) -> bool:
    target = node.object()
    if isinstance(target, QWidget):
        return target.isVisible()
    return not node.state().invisible


def unnamed_controls(root: QWidget) -> list[Unnamed]:
    """Every visible, interactive node under `root` whose accessible name is empty."""
    top = QAccessible.queryAccessibleInterface(root)
    assert top is not None and top.isValid()
    found: list[Unnamed] = []
    seen: set[int] = set()

    def walk(node: QAccessibleInterface, path: list[str], parent_role: Role | None) -> None:
        key = id(node.object()) if node.object() is not None else 0
        role = node.role()
        if (
            role in INTERACTIVE
            and _visible(node)
            and parent_role not in ANONYMOUS_PARENTS
            and not node.text(QAccessible.Text.Name).strip()
        ):
            found.append(Unnamed(role.name, _describe(node, path)))
        label = node.text(QAccessible.Text.Name).strip()[:40]
        here = [*path, f"{role.name}:{label}" if label else role.name]
        limit = ITEM_CHILDREN if role in ITEM_VIEWS else node.childCount()
        for i in range(min(node.childCount(), limit)):
            child = node.child(i)
            if child is None or not child.isValid():
                continue
            if child.object() is not None and role not in ITEM_VIEWS:
                ident = id(child.object())
                if ident in seen and ident != key:
                    continue
                seen.add(ident)
            walk(child, here, role)

    walk(top, [], None)
    return found


def interactive_nodes(root: QWidget) -> list[tuple[str, str, str]]:
    """(role, name, description) of every visible interactive node (for a look by eye)."""
    out: list[tuple[str, str, str]] = []

    def walk(node: QAccessibleInterface, depth: int) -> None:
        if depth > 40:
            return
        role = node.role()
        if role in INTERACTIVE and _visible(node):
            out.append(
                (
                    role.name,
                    node.text(QAccessible.Text.Name),
                    node.text(QAccessible.Text.Description),
                )
            )
        limit = ITEM_CHILDREN if role in ITEM_VIEWS else node.childCount()
        for i in range(min(node.childCount(), limit)):
            child = node.child(i)
            if child is not None and child.isValid():
                walk(child, depth + 1)

    top = QAccessible.queryAccessibleInterface(root)
    assert top is not None
    walk(top, 0)
    return out
