"""Two blocks of the story pane: the numbered Sources and "Why are these together".

Sources: "[n]  Outlet · time" over the article's title (opens the stored article)
and "link ↗" (the original, in the system browser, only when clicked).
Why together: a collapsible list of the members with how each joined the story:
its similarity score and the people/places and words it shares with the others, and
whether it came in later by a merge (a report that covered two early stories) or a split
(its story drifted apart and the newest part became this one).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop_reader.core.values import StoryMember
from desktop_reader.ui.open_link import open_in_browser
from desktop_reader.ui.style_story import StoryColors, TypeScale, show_focus
from desktop_reader.ui.widgets.citation_popup import LinksLabel

SHOWN_REASONS = 6


def tint(label: QWidget, color: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    label.setPalette(palette)


def member_time(member: StoryMember) -> str:
    if member.published is None:
        return "date unknown"
    return member.published.astimezone().strftime("%b %d, %Y, %H:%M").replace(" 0", " ")


def _links_label(text: str, font: Any) -> QLabel:
    label = LinksLabel(text)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setFont(font)
    label.setOpenExternalLinks(False)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.LinksAccessibleByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    )
    return label


class SourcesList(QWidget):
    sig_open_article = Signal(int)
    sig_open_url = Signal(str)  # emitted before the browser is asked (for tests/logging)

    def __init__(
        self,
        members: Sequence[StoryMember],
        *,
        colors: StoryColors,
        scale: TypeScale,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sources")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(1, 1)
        accent, muted = colors.accent.name(), colors.muted.name()
        self.rows: list[QLabel] = []
        for member in members:
            number = QLabel(str(member.number))
            number.setFont(scale.font(0.95, weight=scale.section.weight()))
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            number.setMinimumWidth(number.fontMetrics().horizontalAdvance("00"))
            tint(number, colors.accent)
            link = ""
            if member.url and member.url.startswith(("http://", "https://")):
                link = (
                    f' · <a href="{html.escape(member.url)}" style="color:{muted}">'
                    "link\u00a0↗</a>"
                )  # never "link" / "↗" on two lines
            text = (
                f'<span style="color:{muted}">{html.escape(member.outlet or "Unknown")}'
                f" · {html.escape(member_time(member))}</span>{link}<br>"
                f'<a href="article:{member.article_id}" style="color:{accent};'
                f' text-decoration:none">{html.escape(member.title or "(untitled)")}</a>'
            )
            label = _links_label(text, scale.font(0.92))
            label.setAccessibleName(
                f"Source {member.number}: {member.outlet}, {member.title}, {member_time(member)}"
            )
            label.linkActivated.connect(self._activated)
            row = len(self.rows)
            grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
            self.rows.append(label)

    def _activated(self, href: str) -> None:
        scheme, _, rest = href.partition(":")
        if scheme == "article" and rest.isdigit():
            self.sig_open_article.emit(int(rest))
        elif scheme in ("http", "https"):
            self.sig_open_url.emit(href)
            open_in_browser(href, self.window())


def reason_text(member: StoryMember, numbers: Mapping[int, int] | None = None) -> str:
    """How `member` joined the story, in plain words; `numbers` maps the story's article
    ids to their Sources numbers, to name the article that bridged a merge."""
    reasons = member.reasons or {}
    started = reasons.get("rule") == "new" or (
        member.number == 1 and not reasons.get("shared_terms")
    )
    moved = _moved_text(reasons, numbers or {}, started)
    if started:
        # A story's first article that came in by a merge began the story merged in.
        return " ".join(
            moved if isinstance(reasons.get("merged"), Mapping) else ["Started the story.", *moved]
        )
    parts = []
    if reasons.get("rule") == "fingerprint" or reasons.get("rule") == "duplicate":
        parts.append("Same text as another member")
    if reasons.get("rule") == "fitted":
        # The fitted scorer's score is a probability that the article belongs here.
        parts.append(f"{member.score:.0%} likely the same story")
    else:
        parts.append(f"similarity {member.score:.2f}")
    entities = [str(e) for e in reasons.get("shared_entities") or []][:SHOWN_REASONS]  # type: ignore[attr-defined]
    terms = [str(t) for t in reasons.get("shared_terms") or []][:SHOWN_REASONS]  # type: ignore[attr-defined]
    if entities:
        parts.append("shares " + ", ".join(e.title() for e in entities))
    if terms:
        parts.append("words: " + ", ".join(terms))
    gap = reasons.get("gap_days")
    if isinstance(gap, (int, float)):
        parts.append(f"{gap * 24:.0f} h after the last" if gap < 2 else f"{gap:.0f} days later")
    return " ".join(["; ".join(parts) + ".", *moved])


def _moved_text(
    reasons: Mapping[str, object], numbers: Mapping[int, int], started: bool
) -> list[str]:
    """Sentences for a membership moved after the article joined: its first story was
    merged into this one (`merged`), or this story was split off a drifted one (`split`)."""
    said = []
    merged = reasons.get("merged")
    if isinstance(merged, Mapping):
        bridge = numbers.get(merged.get("bridge_article"))  # type: ignore[arg-type]
        who = f"[{bridge}]" if bridge is not None else "a later article"
        alike = merged.get("centroid")
        first = "Started a separate story" if started else "It was first in a separate story"
        said.append(
            f"{first}, merged into this one when {who} reported on both"
            + (f" (the two were {alike:.2f} alike)." if isinstance(alike, float) else ".")
        )
    split = reasons.get("split")
    if isinstance(split, Mapping):
        cross = split.get("cross")
        said.append(
            "Moved here when its story drifted apart: its newest articles had "
            "little in common with the older ones"
            + (
                f" ({cross:.2f} alike), so they became this story."
                if isinstance(cross, float)
                else ", so they became this story."
            )
        )
    return said


class WhyTogether(QWidget):
    """A disclosure button over the member-by-member explanation (closed at first)."""

    def __init__(
        self,
        members: Sequence[StoryMember],
        *,
        colors: StoryColors,
        scale: TypeScale,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setText("Why are these together")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        show_focus(self.toggle, self.toggle.palette())
        self.toggle.setAccessibleDescription(
            "Shows how each article joined the story: its similarity and what it shares"
        )
        self.toggle.setFont(scale.font(0.9, weight=scale.section.weight()))
        tint(self.toggle, colors.muted)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(22, 4, 0, 0)
        body.setSpacing(8)
        self.lines: list[str] = []
        numbers = {m.article_id: m.number for m in members}
        for member in members:
            why = reason_text(member, numbers)
            line = f"[{member.number}] {member.outlet} — {member.title}: {why}"
            label = QLabel(
                f"<b>[{member.number}] {html.escape(member.outlet)}</b> "
                f"{html.escape(member.title)}<br>"
                f'<span style="color:{colors.muted.name()}">'
                f"{html.escape(why)}</span>"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setFont(scale.font(0.85))
            label.setAccessibleName(line)
            body.addWidget(label)
            self.lines.append(line)
        self.body.setVisible(False)
        self.toggle.toggled.connect(self.set_open)
        layout.addWidget(self.toggle)
        layout.addWidget(self.body)

    def set_open(self, opened: bool) -> None:
        self.body.setVisible(opened)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        if self.toggle.isChecked() != opened:
            self.toggle.setChecked(opened)
