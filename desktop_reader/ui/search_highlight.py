"""Search results show the words searched for: marked in the list's titles and in the
article opened from the results (title and text), as the index matched them
(ui/search_terms.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from desktop_reader.ui.models.article_list import ArticleListModel
from desktop_reader.ui.models.reader_list import ListSource
from desktop_reader.ui.search_terms import MARK_BACKGROUND, MARK_TEXT, SearchTerms
from desktop_reader.ui.widgets.search_title_delegate import SearchTitleDelegate

if TYPE_CHECKING:
    from desktop_reader.ui.window_surface import ReaderWindow


class SearchHighlight(QObject):
    def __init__(self, window: ReaderWindow) -> None:
        super().__init__(window)
        self.window = window
        self.delegate = SearchTitleDelegate(self.terms, window.article_list)
        window.article_list.setItemDelegateForColumn(ArticleListModel.TITLE, self.delegate)
        # The view re-renders its page (resize, theme): mark the words again after it.
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(0)
        self._again.timeout.connect(self.mark_article)
        window.article_view.document().contentsChanged.connect(self._again.start)
        window.article_view.textChanged.connect(self._again.start)
        window.article_model.modelReset.connect(self._again.start)  # a search began or ended

    def terms(self) -> SearchTerms | None:
        """The words of the search whose results are listed, if the list is one."""
        model = self.window.article_model
        if model.source is not ListSource.SEARCH or not model.query:
            return None
        return SearchTerms.from_query(model.query)

    def mark_article(self) -> int:
        """Mark the search's words in the article shown; how many were marked."""
        view = self.window.article_view
        terms = self.terms()
        selections: list[QTextEdit.ExtraSelection] = []
        if terms and view.article is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(MARK_BACKGROUND)
            fmt.setForeground(MARK_TEXT)
            document = view.document()
            text = document.toPlainText()
            for start, end in terms.spans(text):
                cursor = QTextCursor(document)
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
        view.setExtraSelections(selections)
        return len(selections)

    def marked_words(self) -> list[str]:
        """The words marked in the article shown (what a reader sees highlighted)."""
        return [s.cursor.selectedText() for s in self.window.article_view.extraSelections()]


def install(window: ReaderWindow) -> SearchHighlight:
    return SearchHighlight(window)
