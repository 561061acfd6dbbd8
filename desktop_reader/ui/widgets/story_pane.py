"""The right-hand pane in story mode: the story, or a cited article with Back.

Clicking citation [n] (or a Sources title, or an image's "Source") shows the stored
article with the cited sentence highlighted; Back returns to the story where the
reader left it.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop_reader.core.pipeline.stories import describe_stories
from desktop_reader.core.storage import articles, media, stories
from desktop_reader.core.storage.media import MediaCache
from desktop_reader.core.storage.stories import StoryDetail
from desktop_reader.ui.widgets.cited_article import CitedArticleView
from desktop_reader.ui.widgets.citation_popup import Citation
from desktop_reader.ui.widgets.story_view import StoryView


class StoryPane(QStackedWidget):
    sig_article_opened = Signal(int)  # a member article is being read (mark it read?)
    sig_entity_clicked = Signal(str)

    def __init__(self, conn: sqlite3.Connection, cache: MediaCache,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self.story_view = StoryView(cache, conn)
        self.cited = CitedArticleView(cache)
        self.addWidget(self.story_view)
        self.addWidget(self.cited)
        self._number: int | None = None
        self._story_scroll = 0
        self.story_view.sig_citation.connect(self._citation)
        self.story_view.sig_open_article.connect(lambda a: self.open_article(a))
        self.story_view.sig_entity_clicked.connect(self.sig_entity_clicked)
        self.cited.sig_back.connect(self.back)

    @property
    def detail(self) -> StoryDetail | None:
        return self.story_view.detail

    def show_story(self, story_id: int) -> StoryDetail | None:
        detail = stories.story(self._conn, story_id)
        if detail is not None and detail.summary is None:
            # Single-article stories are summarised when first shown (a few ms).
            describe_stories(self._conn, [story_id], min_articles=1)
            detail = stories.story(self._conn, story_id)
        self.setCurrentWidget(self.story_view)
        if detail is None:
            self.story_view.show_message("This story is no longer in the library.")
        else:
            self.story_view.show_story(detail)
        return detail

    def show_message(self, text: str) -> None:
        self.setCurrentWidget(self.story_view)
        self.story_view.show_message(text)

    def _citation(self, citation: Citation) -> None:
        self.open_article(citation.article_id, citation.start, citation.end,
                          number=citation.number)

    def open_article(self, article_id: int, start: int = -1, end: int = -1, *,
                     number: int | None = None) -> bool:
        """Show a stored article, highlighting text[start:end]; False if it is gone."""
        article = articles.get_article(self._conn, article_id)
        if article is None:
            return False
        if self.currentWidget() is self.story_view:
            self._story_scroll = self.story_view.verticalScrollBar().value()
        self.setCurrentWidget(self.cited)
        self.cited.show_cited(article, media.article_images(self._conn, article_id), start, end,
                              number=number)
        self.cited.view.setFocus()
        self.sig_article_opened.emit(article_id)
        return True

    def back(self) -> None:
        if self.currentWidget() is self.cited:
            self.setCurrentWidget(self.story_view)
            self.story_view.verticalScrollBar().setValue(self._story_scroll)
            self.story_view.setFocus()
