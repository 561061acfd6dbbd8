"""Colours and type for the story pane, taken from the widget's palette.

Everything is derived from the system palette (light or dark), so the pane follows
the desktop theme: muted text is the text colour mixed towards the background, the
accent is the palette's link colour. The type scale is relative to the application
font times the user's zoom.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QWidget

MEASURE_EM = 40  # widest line of running text, in em
ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8)
BODY_SCALE = 1.12  # running text a little larger than the UI font
PAGE_MARGIN = 18  # px round a reading pane's page and its note
NOTE_MUTE = 0.4  # a pane's note ("3 stories"): the text colour this far towards the page

# Entity kinds: a hue each, so chips of the same kind share a colour.
KIND_HUES = {
    "person": 210,
    "organisation": 28,
    "organization": 28,
    "place": 140,
    "ticker": 280,
    "company": 28,
}
# Plain geometric marks: present in every font (emoji are not).
KIND_SYMBOLS = {
    "person": "●",
    "organisation": "■",
    "organization": "■",
    "place": "▲",
    "company": "■",
    "ticker": "◆",
}


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of the way from a to b."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def page_font(font: QFont) -> QFont:
    """The reading panes' text: the UI font a little larger (at least 10 pt)."""
    page = QFont(font)
    page.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
    return page


def note_font(font: QFont) -> QFont:
    """A pane's note instead of a page (an empty list, a count): the page font, italic,
    the same in the article pane and the story pane."""
    note = page_font(font)
    note.setItalic(True)
    return note


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


@dataclass(frozen=True)
class StoryColors:
    text: QColor
    muted: QColor  # meta lines, captions
    faint: QColor  # rules, placeholders
    accent: QColor  # links, timeline nodes
    card: QColor  # chip and placeholder backgrounds
    base: QColor
    highlight: QColor  # the cited sentence in an article
    dark: bool

    def css(self, color: QColor) -> str:
        return color.name()


def story_colors(palette: QPalette) -> StoryColors:
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    accent = palette.color(QPalette.ColorRole.Link)
    dark = is_dark(palette)
    highlight = QColor("#6b5a1e") if dark else QColor("#fff1a8")
    return StoryColors(
        text=text,
        muted=mix(text, base, 0.38),
        faint=mix(text, base, 0.82),
        accent=accent,
        card=mix(text, base, 0.93),
        base=base,
        highlight=highlight,
        dark=dark,
    )


def show_focus(button: QWidget, palette: QPalette) -> None:
    """A frame in the selection colour round a flat (auto-raised) tool button while
    it has the keyboard focus: the style draws none for a button without a bevel."""
    ring = palette.color(QPalette.ColorRole.Highlight).name()
    button.setStyleSheet(
        "QToolButton { border: 1px solid transparent; border-radius: 3px; padding: 2px 4px; }"
        f"QToolButton:focus {{ border-color: {ring}; }}"
    )


def kind_color(kind: str, dark: bool) -> QColor:
    hue = KIND_HUES.get(kind.lower(), 200)
    return QColor.fromHsl(hue, 90 if dark else 110, 175 if dark else 70)


def kind_background(kind: str, dark: bool) -> QColor:
    hue = KIND_HUES.get(kind.lower(), 200)
    return QColor.fromHsl(hue, 60 if dark else 120, 55 if dark else 236)


@dataclass(frozen=True)
class TypeScale:
    """Fonts of the pane for one zoom level."""

    base: QFont
    zoom: float = 1.0

    def font(
        self, scale: float = 1.0, *, weight: QFont.Weight | None = None, italic: bool = False
    ) -> QFont:
        font = QFont(self.base)
        size = self.base.pointSizeF() if self.base.pointSizeF() > 0 else 10.0
        font.setPointSizeF(max(size, 9.0) * BODY_SCALE * scale * self.zoom)
        if weight is not None:
            font.setWeight(weight)
        font.setItalic(italic)
        return font

    @property
    def body(self) -> QFont:
        return self.font()

    @property
    def headline(self) -> QFont:
        return self.font(1.85, weight=QFont.Weight.Bold)

    @property
    def section(self) -> QFont:
        return self.font(1.08, weight=QFont.Weight.DemiBold)

    @property
    def heading(self) -> QFont:
        """ "Sources", "Timeline"…: small caps-like labels above each block."""
        font = self.font(0.82, weight=QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        return font

    @property
    def meta(self) -> QFont:
        return self.font(0.86)

    @property
    def small(self) -> QFont:
        return self.font(0.8)


def zoom_step(current: float, direction: int) -> float:
    """The next zoom level up (+1) or down (-1), clamped; 0 resets."""
    if direction == 0:
        return 1.0
    nearest = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - current))
    return ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, nearest + direction))]
