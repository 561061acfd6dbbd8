"""A stored article opened from a citation: scrolled to the cited sentence, highlighted.

The article is shown by the ordinary offline `ArticleView`; the sentence (its
`start:end` slice of the stored text) is found in the rendered document word by
word, whitespace-insensitive, marked with an extra selection and scrolled into the
upper third of the view. "Back to story" (Alt+Left, Backspace) returns; "Open
original" hands the article's link to the system browser.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.core.values import Article, MediaCache, StoredImage
from desktop_reader.ui.open_link import open_in_browser
from desktop_reader.ui.style_story import story_colors
from desktop_reader.ui.widgets.article_view import ArticleView

MAX_WORDS = 40  # a sentence is found by its first words and its last words (one run)


def sentence_pattern(sentence: str, *, last: bool = False) -> QRegularExpression | None:
    """The first (or the `last`) MAX_WORDS words of a sentence, whitespace-insensitive."""
    words = re.findall(r"\S+", sentence)
    words = words[-MAX_WORDS:] if last else words[:MAX_WORDS]
    if not words:
        return None
    return QRegularExpression(r"\s+".join(QRegularExpression.escape(w) for w in words))


def find_sentence(document: QTextDocument, sentence: str) -> QTextCursor | None:
    """A selection over the whole sentence in the rendered document, or None. A long
    sentence is found by its first words and stretched to the end of its last ones,
    so the highlight covers its last line too."""
    pattern = sentence_pattern(sentence)
    if pattern is None:
        return None
    cursor = document.find(pattern)
    if cursor.isNull():
        return None
    if len(re.findall(r"\S+", sentence)) > MAX_WORDS:
        tail_pattern = sentence_pattern(sentence, last=True)
        assert tail_pattern is not None
        tail = document.find(tail_pattern, cursor.selectionStart())
        # The tail belongs to this sentence if it starts within it (not a later repeat).
        if not tail.isNull() and tail.selectionStart() <= cursor.selectionEnd() + len(sentence):
            cursor.setPosition(cursor.selectionStart())
            cursor.setPosition(tail.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    return cursor


class HighlightingArticleView(ArticleView):
    """The article view that keeps one sentence highlighted across re-renders."""

    def __init__(self, media: MediaCache, parent: QWidget | None = None) -> None:
        super().__init__(media, parent)
        self._sentence = ""
        self.highlight: QTextCursor | None = None

    def set_sentence(self, sentence: str) -> None:
        self._sentence = sentence
        self._apply_highlight()

    def _render(self) -> None:
        super()._render()
        self._apply_highlight()  # setHtml replaced the document and its selections

    def _apply_highlight(self) -> None:
        self.highlight = None
        self.setExtraSelections([])
        cursor = find_sentence(self.document(), self._sentence)
        if cursor is None:
            return
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(story_colors(self.palette()).highlight)
        selection.format = fmt
        selection.cursor = cursor
        self.setExtraSelections([selection])
        self.highlight = cursor

    def scroll_to_highlight(self) -> None:
        if self.highlight is None:
            return
        start = QTextCursor(self.document())
        start.setPosition(self.highlight.selectionStart())
        rect = self.cursorRect(start)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def highlighted_text(self) -> str:
        return self.highlight.selectedText() if self.highlight is not None else ""


class CitedArticleView(QWidget):
    sig_back = Signal()

    def __init__(self, media: MediaCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton("← Back to story")
        self.back_button.setToolTip("Back to the story (Alt+Left)")
        self.back_button.clicked.connect(self.sig_back)
        self.open_button = QPushButton("Open original ↗")
        self.open_button.clicked.connect(self.open_original)
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)  # which citation, which outlet

        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        bar.addWidget(self.back_button)
        bar.addWidget(self.where, 1)
        bar.addWidget(self.open_button)
        self.view = HighlightingArticleView(media)
        self.view.setAccessibleName("Cited article")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        # Alt+Left is the window's Back action (a second shortcut on the same keys would
        # make both ambiguous, and neither would fire); Backspace is this view's own.
        back = QShortcut(
            QKeySequence("Backspace"),
            self,
            self.sig_back.emit,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        back.setWhatsThis("Back to the story (in a cited article)")
        self.article: Article | None = None

    def show_cited(
        self,
        article: Article,
        images: list[StoredImage],
        start: int = -1,
        end: int = -1,
        *,
        number: int | None = None,
        field: str = "text",
    ) -> bool:
        """Show the article with text[start:end] (or title[start:end]) highlighted; False
        if it was not found."""
        self.article = article
        body = article.title if field == "title" else article.text
        sentence = body[start:end] if 0 <= start < end <= len(body) else ""
        self.view.set_sentence("")
        self.view.show_article(article, images)
        self.view.set_sentence(sentence)
        self.view.scroll_to_highlight()
        label = f"[{number}] " if number else ""
        self.where.setText(f"{label}{article.outlet}")
        self.open_button.setEnabled(
            bool(article.url and article.url.startswith(("http://", "https://")))
        )
        return self.view.highlight is not None or not sentence

    def update_article(self, article: Article, images: list[StoredImage]) -> None:
        """The same article anew (its page or pictures arrived): the highlight and the
        reader's place stay."""
        position = self.view.verticalScrollBar().value()
        self.article = article
        self.view.show_article(article, images)
        self.view.verticalScrollBar().setValue(position)

    def open_original(self) -> None:
        if self.article is not None and self.article.url:
            open_in_browser(self.article.url, self.window())
