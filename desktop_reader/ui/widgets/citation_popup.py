"""Paragraphs with clickable citations [1] [2], and the hover card that explains them.

A `CitationLabel` is a rich-text QLabel whose links are `cite:<k>` (k indexes its own
list of `Citation`s). Hovering a link shows a tooltip with the source's outlet, title
and the quoted sentence; clicking emits `sig_citation`. A sentence shows at most
MAX_SHOWN citations -- the article it is quoted from first, then the closest others
(the order the summary gives) -- and "+N more", whose hover card lists the rest
(`more:<r>` links, r indexing `hidden`). Every piece of text is
escaped, so nothing in an article can become markup (or a remote image) here.
Citations are reachable with Tab (links accessible by keyboard) and are spelled out
in the label's accessible description for screen readers.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor, QFocusEvent
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QToolTip, QWidget

CITE_SCHEME = "cite"
MORE_SCHEME = "more"
MAX_SHOWN = 3  # more numbers than this on one sentence is noise, not evidence
QUOTE_LIMIT = 400


@dataclass(frozen=True)
class Citation:
    """Citation [number]: member `number` of the story's Sources, at a sentence."""

    number: int
    article_id: int
    outlet: str
    title: str
    start: int = -1  # offsets of the cited sentence in the article's text (-1: unknown)
    end: int = -1
    quote: str = ""  # the sentence as written in that article, when known up front
    field: str = "text"  # "title": the offsets are in the article's title


@dataclass(frozen=True)
class CitedRun:
    """A run of text followed by its citations."""

    text: str
    citations: tuple[Citation, ...]


QuoteLookup = Callable[[Citation], str]


def citation_tooltip(citation: Citation, quote: str) -> str:
    quote = " ".join(quote.split())
    if len(quote) > QUOTE_LIMIT:
        quote = quote[:QUOTE_LIMIT].rsplit(" ", 1)[0] + "…"
    parts = [
        f"<b>[{citation.number}] {html.escape(citation.outlet or 'Source')}</b>",
        html.escape(citation.title),
    ]
    if quote:
        parts.append(f"<i>“{html.escape(quote)}”</i>")
    return '<p style="white-space:pre-wrap">' + "<br>".join(parts) + "</p>"


def more_tooltip(citations: Sequence[Citation]) -> str:
    """The hover card of "+N more": every further source, one a line."""
    lines = [
        f"<b>[{c.number}] {html.escape(c.outlet or 'Source')}</b> — {html.escape(c.title)}"
        for c in citations
    ]
    return '<p style="white-space:pre-wrap">Also reported by:<br>' + "<br>".join(lines) + "</p>"


def describe(citation: Citation) -> str:
    """What a screen reader says for one citation."""
    return f"citation {citation.number}: {citation.outlet}, {citation.title}"


class LinksLabel(QLabel):
    """A rich-text label whose links are followed with Tab and Enter. Tab into it lands
    on its first link (Shift+Tab: its last), so the focus shows at once; QLabel alone
    takes the focus with no link marked and waits for a second Tab."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        reason = event.reason()
        if (
            reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
            and not self.hasSelectedText()
        ):
            super().focusNextPrevChild(reason == Qt.FocusReason.TabFocusReason)


class CitationLabel(LinksLabel):
    sig_citation = Signal(object)  # Citation

    def __init__(
        self,
        runs: Sequence[CitedRun],
        *,
        quote: QuoteLookup | None = None,
        link_color: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._quote = quote
        self.citations: list[Citation] = []  # the shown links, in order
        self.hidden: list[tuple[Citation, ...]] = []  # behind each "+N more"
        parts: list[str] = []
        style = f' style="color:{link_color}; text-decoration:none"' if link_color else ""
        for run in runs:
            links = []
            for citation in run.citations[:MAX_SHOWN]:
                links.append(
                    f'<a href="{CITE_SCHEME}:{len(self.citations)}"{style}>[{citation.number}]</a>'
                )
                self.citations.append(citation)
            rest = run.citations[MAX_SHOWN:]
            if rest:
                links.append(
                    f'<a href="{MORE_SCHEME}:{len(self.hidden)}"{style}>+{len(rest)}\u00a0more</a>'
                )
                self.hidden.append(tuple(rest))
            cites = ("\u00a0" + "\u2009".join(links)) if links else ""  # keep [n] with its text
            parts.append(html.escape(run.text) + cites)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText('<p style="line-height:145%">' + " ".join(parts) + "</p>")
        self.setWordWrap(True)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        # Reached with Tab only when it has links to follow (focus shows on a link).
        self.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if self.citations or self.hidden else Qt.FocusPolicy.NoFocus
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        plain = " ".join(
            r.text
            + "".join(f" [{c.number}]" for c in r.citations[:MAX_SHOWN])
            + (f" +{len(r.citations) - MAX_SHOWN} more" if len(r.citations) > MAX_SHOWN else "")
            for r in runs
        )
        self.setAccessibleName(plain)
        if self.citations:
            everything = self.citations + [c for rest in self.hidden for c in rest]
            self.setAccessibleDescription("; ".join(describe(c) for c in everything))
        self.linkActivated.connect(self._activated)
        self.linkHovered.connect(self._hovered)

    def _lookup(self, href: str) -> Citation | None:
        scheme, _, key = href.partition(":")
        if scheme != CITE_SCHEME or not key.isdigit() or int(key) >= len(self.citations):
            return None
        return self.citations[int(key)]

    def tooltip_for(self, citation: Citation) -> str:
        quote = citation.quote or (self._quote(citation) if self._quote else "")
        return citation_tooltip(citation, quote)

    def more_for(self, href: str) -> tuple[Citation, ...]:
        """The sources behind a "+N more" link (empty for any other link)."""
        scheme, _, key = href.partition(":")
        if scheme != MORE_SCHEME or not key.isdigit() or int(key) >= len(self.hidden):
            return ()
        return self.hidden[int(key)]

    def more_links(self) -> list[str]:
        return [f"{MORE_SCHEME}:{r}" for r in range(len(self.hidden))]

    def tooltip_for_link(self, href: str) -> str:
        """What hovering `href` shows ("" for nothing)."""
        more = self.more_for(href)
        if more:
            return more_tooltip(more)
        citation = self._lookup(href)
        return self.tooltip_for(citation) if citation is not None else ""

    def _hovered(self, href: str) -> None:
        tip = self.tooltip_for_link(href)
        if not tip:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), tip, self)

    def more_menu(self, href: str) -> QMenu:
        """The further sources of a "+N more" link as a menu: each item opens that
        citation, so they are reachable from the keyboard, not only on hover."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setAccessibleName("Also reported by")
        for citation in self.more_for(href):
            title = citation.title if len(citation.title) <= 70 else citation.title[:69] + "…"
            action = menu.addAction(
                f"[{citation.number}] {citation.outlet or 'Source'} — {title}".replace("&", "&&")
            )
            action.triggered.connect(lambda _=False, c=citation: self.sig_citation.emit(c))
        return menu

    def _activated(self, href: str) -> None:
        if self.more_for(href):  # "+N more", clicked or Enter: pick one of the rest
            QToolTip.hideText()
            where = (
                QCursor.pos() if self.underMouse() else self.mapToGlobal(self.rect().bottomLeft())
            )
            self.more_menu(href).popup(where)
            return
        citation = self._lookup(href)
        if citation is not None:
            self.sig_citation.emit(citation)

    def activate(self, k: int) -> None:
        """Click citation link k (0-based in this label), as the mouse would."""
        self._activated(f"{CITE_SCHEME}:{k}")
