"""The right-hand pane in story mode: the story, or a cited article with Back.

Clicking citation [n] (or a Sources title, or an image's "Source") shows the stored
article with the cited sentence highlighted; Back returns to the story where the
reader left it, and Forward to the cited article again (ui/navigation.py keeps the trail).

A star toggle sits at the right end of the headline row and scrolls with it (the
text below keeps the column's whole width): starring keeps the story (and its
articles) in Starred ▸ Stories.
S toggles it from anywhere in story mode (the window's Article ▸ Star routes here).

A story not described yet (a refresh only groups; describing is ~0.5 s of CPU) shows
at once with its headline, pictures and Sources and "Preparing the summary…"; a task
describes it and the page fills in where the reader is (scroll and focus kept).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStackedWidget, QToolButton, QWidget
from shiboken6 import isValid

from desktop_reader.core.reader import Reader
from desktop_reader.core.values import MediaCache, StoryDetail
from desktop_reader.ui.navigation import CitedPlace, History, StoryPlace
from desktop_reader.ui.style_story import show_focus
from desktop_reader.ui.tasks import TaskContext, TaskRunner
from desktop_reader.ui.widgets.citation_popup import Citation
from desktop_reader.ui.widgets.cited_article import CitedArticleView
from desktop_reader.ui.widgets.story_view import StoryView

STAR_MARGIN = 16  # px between the headline's words and the star


def _as_shown(detail: StoryDetail) -> StoryDetail:
    """What the pane draws of a story: its read state is not drawn there."""
    return replace(detail, row=replace(detail.row, seen_count=0))


class StoryPane(QStackedWidget):
    sig_article_opened = Signal(int)  # a member article is being read (mark it read?)
    sig_entity_clicked = Signal(str)
    sig_star_changed = Signal(int, bool)  # story id, starred (written to the library)
    sig_followed = Signal(int, int)  # the story shown was merged away: (gone, now shown)
    sig_trail_changed = Signal()  # Back or Forward may have become possible, or not

    def __init__(
        self,
        reader: Reader,
        cache: MediaCache,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        # Describing runs off the GUI thread: the window's runner, or one of its own.
        self._runner = runner or TaskRunner(reader.library, self)
        self._describing: set[int] = set()  # stories a task is describing now
        self._undescribable: set[int] = set()  # the describer failed: say so, not "Preparing"
        self.story_view = StoryView(cache, reader)
        self.cited = CitedArticleView(cache)
        self.addWidget(self.story_view)
        self.addWidget(self.cited)
        self._number: int | None = None
        self._story_scroll = 0
        self.history: History[StoryPlace | CitedPlace] = History()
        self.story_view.sig_citation.connect(self._citation)
        self.story_view.sig_open_article.connect(lambda a: self.open_article(a))
        self.story_view.sig_entity_clicked.connect(self.sig_entity_clicked)
        self.cited.sig_back.connect(self.back)
        self.star_button = self._star_button()
        self.story_view.installEventFilter(self)
        self.story_view.viewport().installEventFilter(self)
        self.story_view.sig_page_built.connect(self._follow_headline)

    def _star_button(self) -> QToolButton:
        # A child of the story view's viewport (not of its scrolled page, which is
        # rebuilt for every story), moved with the headline over the room the headline
        # leaves for it. In the viewport, not beside it, so it is in the accessibility
        # tree (a scroll area lists only its viewport and bars).
        button = QToolButton(self.story_view.viewport())
        button.setObjectName("storyStar")
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        show_focus(button, button.palette())
        button.clicked.connect(
            lambda checked: (
                self.set_story_starred(self.story_view.detail.row.id, checked)
                if self.story_view.detail
                else None
            )
        )
        button.hide()
        widths = []
        for on in (True, False):  # as wide as its longer label, so neither is elided
            self._show_star_state(button, on)
            widths.append(button.sizeHint().width())
        button.setFixedWidth(max(widths))
        self.story_view.headline_reserve = button.width() + STAR_MARGIN
        return button

    @staticmethod
    def _show_star_state(button: QToolButton, on: bool) -> None:
        button.setChecked(on)
        button.setText("★ Starred" if on else "☆ Star")
        name = "Remove star" if on else "Star this story"
        button.setAccessibleName(name)
        button.setToolTip(f"{name} (S)")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() in (QEvent.Type.Resize, QEvent.Type.Move)
            and isinstance(watched, QWidget)
            and watched in self._star_anchors()
        ):
            self._place_star()  # scrolled, zoomed, resized, the scroll bar came or went
        elif event.type() == QEvent.Type.ChildAdded and watched is self.story_view.viewport():
            self.star_button.raise_()  # a new page went on top: the star goes back over it
        return super().eventFilter(watched, event)

    def _star_anchors(self) -> list[QWidget]:
        """What the star's place follows: the view, and the page, column and headline."""
        view = self.story_view
        anchors: list[QWidget] = [view, view.viewport()]
        headline = view.headline_label
        if headline is not None and view.detail is not None:
            anchors += [
                w for w in (headline, headline.parentWidget(), view.widget()) if w is not None
            ]
        return anchors

    def _follow_headline(self) -> None:
        for widget in self._star_anchors()[2:]:
            widget.installEventFilter(self)
        self._place_star()

    def _place_star(self) -> None:
        button = self.star_button
        button.resize(button.width(), button.sizeHint().height())
        headline = self.story_view.headline_label
        if headline is None or self.story_view.detail is None:
            return
        # At the right end of the headline's first line, in the room it leaves there.
        corner = headline.mapTo(self.story_view.viewport(), QPoint(headline.width(), 0))
        first_line = QFontMetrics(headline.font()).height()
        button.move(
            corner.x() - button.width(), corner.y() + max(0, (first_line - button.height()) // 2)
        )
        button.raise_()

    @property
    def story_id(self) -> int | None:
        """The story shown (or last shown, under a cited article), if any."""
        return self.story_view.detail.row.id if self.story_view.detail else None

    def set_story_starred(self, story_id: int, on: bool) -> None:
        """Star or unstar a story (shown or not) and tell the window to redraw Starred."""
        self._reader.set_story_starred(story_id, on)
        if story_id == self.story_id:
            self._show_star_state(self.star_button, on)
        self.sig_star_changed.emit(story_id, on)

    def refresh_star(self) -> None:
        """The star of the story shown as stored (an undo may have changed it)."""
        if self.story_id is not None:
            self._show_star_state(self.star_button, self._reader.is_story_starred(self.story_id))

    def toggle_star(self, story_id: int) -> bool:
        """Flip a story's star; returns whether it is starred now."""
        on = not self._reader.is_story_starred(story_id)
        self.set_story_starred(story_id, on)
        return on

    @property
    def detail(self) -> StoryDetail | None:
        return self.story_view.detail

    def show_story(self, story_id: int) -> StoryDetail | None:
        detail = self._reader.story(story_id)  # described first if it was not yet
        self.history.start(StoryPlace(story_id))
        self.sig_trail_changed.emit()
        self.setCurrentWidget(self.story_view)
        if detail is None:
            self.story_view.show_message("This story is no longer in the library.")
            self.star_button.hide()
        else:
            self.story_view.show_story(detail, preparing=self._preparing(detail))
            self._show_star_state(self.star_button, self._reader.is_story_starred(story_id))
            self._place_star()
            self.star_button.show()
            self._describe(detail)
        return detail

    @property
    def describing(self) -> bool:
        """Whether a summary is being prepared for the story shown."""
        return self.story_id is not None and self.story_id in self._describing

    def _preparing(self, detail: StoryDetail) -> bool:
        return not detail.described and detail.row.id not in self._undescribable

    def _describe(self, detail: StoryDetail) -> None:
        """Describe a story shown undescribed (or stale), in a task; the page fills in
        when it ends, if the story is still shown."""
        story_id = detail.row.id
        if not self._preparing(detail) or story_id in self._describing:
            return
        self._describing.add(story_id)

        def work(ctx: TaskContext) -> StoryDetail | None:
            fresh = ctx.reader.describe_story(story_id, cancel=ctx.cancel)
            ctx.cancel.raise_if_cancelled()  # the window is closing: report nothing
            return fresh

        def ended(fresh: StoryDetail | None, failed: bool = False) -> None:
            if not isValid(self) or self._reader.closed:
                return  # the window closed before the task's result arrived
            self._describing.discard(story_id)
            if failed or (fresh is not None and not fresh.described):
                self._undescribable.add(story_id)  # no endless retries; Sources remain
            if self.story_id == story_id:
                self.refresh()

        self._runner.start(
            "describe story",
            work,
            on_finished=ended,
            on_failed=lambda _error: ended(None, failed=True),
            on_cancelled=lambda: self._describing.discard(story_id) if isValid(self) else None,
        )

    def refresh(self) -> None:
        """Re-read the story shown and the article open over it; redraw what differs (a
        new title, more articles, pictures that arrived) where the reader is, without
        taking the keyboard focus."""
        shown = self.story_view.detail
        if shown is None:
            return
        fresh = self._reader.story(shown.row.id)
        if fresh is None:  # merged into another story (or removed): never show it stale
            self._follow(shown)
        else:
            if fresh.members != shown.members:  # members changed: worth trying again
                self._undescribable.discard(fresh.row.id)
            if (
                _as_shown(fresh) != _as_shown(shown)
                or self._preparing(fresh) != self.story_view.preparing
            ):
                self._redraw(fresh, keep_place=True)
            self._describe(fresh)
        article = self.cited.article
        if article is not None:
            again = self._reader.article(article.id)
            images = self._reader.article_images(article.id)
            if again is not None and (
                (again.content_html, again.page_state) != (article.content_html, article.page_state)
                or images != self.cited.view.images
            ):
                self.cited.update_article(again, images)

    def _redraw(self, detail: StoryDetail, *, keep_place: bool) -> None:
        """Lay the story out again where the reader is, without taking the focus."""
        view = self.story_view
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is view or view.isAncestorOf(focus))
        position = view.verticalScrollBar().value()
        view.show_story(detail, load_images_now=True, preparing=self._preparing(detail))
        if keep_place:
            page = view.widget()
            layout = page.layout() if page is not None else None
            if layout is not None:
                layout.activate()  # the scroll range of the new page, now
            view.verticalScrollBar().setValue(position)
        if had_focus:  # its focused child was rebuilt away
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _follow(self, gone: StoryDetail) -> None:
        """The story shown is gone: show the one its articles are in now (a refresh
        merged the two), or say it is gone."""
        successor = self._reader.story_holding([m.article_id for m in gone.members])
        detail = self._reader.story(successor) if successor is not None else None
        if detail is None:
            self.story_view.show_message("This story is no longer in the library.")
            self.star_button.hide()
            return
        self._redraw(detail, keep_place=False)  # another page: from its top
        self._describe(detail)
        self._story_scroll = 0
        self.history.replace(StoryPlace(gone.row.id), StoryPlace(detail.row.id))  # Back too
        self.sig_trail_changed.emit()
        self._show_star_state(self.star_button, self._reader.is_story_starred(detail.row.id))
        self._place_star()
        self.star_button.show()
        self.sig_followed.emit(gone.row.id, detail.row.id)

    def show_message(self, text: str) -> None:
        self.setCurrentWidget(self.story_view)
        self.story_view.show_message(text)
        self.star_button.hide()

    def _citation(self, citation: Citation) -> None:
        self.open_article(
            citation.article_id,
            citation.start,
            citation.end,
            number=citation.number,
            field=citation.field,
        )

    def open_article(
        self,
        article_id: int,
        start: int = -1,
        end: int = -1,
        *,
        number: int | None = None,
        field: str = "text",
        new_trail: bool = False,
    ) -> bool:
        """Show a stored article, highlighting text[start:end] (title[start:end] when
        `field` is "title"); False if it is gone. It joins the Back/Forward trail (or
        starts one: an article opened straight from the list)."""
        place = CitedPlace(article_id, start, end, number, field)
        if not self._show_cited(place):
            return False
        if new_trail:
            self.history.start(place)
        else:
            self.history.visit(place)
        self.sig_trail_changed.emit()
        self.sig_article_opened.emit(article_id)
        return True

    def _show_cited(self, place: CitedPlace) -> bool:
        article = self._reader.article(place.article_id)
        if article is None:
            return False
        if self.currentWidget() is self.story_view:
            self._story_scroll = self.story_view.verticalScrollBar().value()
        self.setCurrentWidget(self.cited)
        self.cited.show_cited(
            article,
            self._reader.article_images(place.article_id),
            place.start,
            place.end,
            number=place.number,
            field=place.field,
        )
        self.cited.view.setFocus()
        return True

    def back(self) -> bool:
        """The previous place on the trail (the story, where the reader left it)."""
        return self._go(self.history.back())

    def forward(self) -> bool:
        """The place Back left (the cited article, its sentence highlighted again)."""
        return self._go(self.history.forward())

    def _go(self, place: StoryPlace | CitedPlace | None) -> bool:
        self.sig_trail_changed.emit()
        if isinstance(place, CitedPlace):
            return self._show_cited(place)
        if isinstance(place, StoryPlace) and self.story_id == place.story_id:
            self.setCurrentWidget(self.story_view)
            self.story_view.verticalScrollBar().setValue(self._story_scroll)
            self.story_view.setFocus()
            return True
        return False
