"""The story pane: one story laid out like the reference story page, from the library only.

Top to bottom: headline; "Updated (N articles) · age"; the images with caption, credit
and outlet; the summary sections with citation links [n]; Sources; the Timeline; the
related entities; "Why are these together". Native widgets in a scroll area, in a
centred column of about 40em, coloured from the palette (light/dark) and zoomable
(Ctrl+= / Ctrl+- / Ctrl+0). Number keys 1–9 open citation n.

Nothing here reaches the network: all text is escaped into labels, pictures come from
the media cache, and only a click on a Sources link hands a URL to the system browser.

`python -m desktop_reader.ui.widgets.story_view OUT.png` renders a demo story (light
and dark) — see tools/story_screenshots.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFontInfo,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.core.reader import Reader
from desktop_reader.core.values import (
    MediaCache,
    SentenceSource,
    StoryDetail,
    StoryImage,
    StoryMember,
    Summary,
    Timeline,
)
from desktop_reader.ui.dialogs.image_viewer import ImageViewer
from desktop_reader.ui.models.article_list import age_text
from desktop_reader.ui.style_story import (
    MEASURE_EM,
    NOTE_MUTE,
    PAGE_MARGIN,
    StoryColors,
    TypeScale,
    mix,
    note_font,
    story_colors,
    zoom_step,
)
from desktop_reader.ui.widgets.citation_popup import Citation, CitationLabel, CitedRun
from desktop_reader.ui.widgets.entity_chips import EntityChips, TickerChips
from desktop_reader.ui.widgets.image_strip import ImageStrip
from desktop_reader.ui.widgets.story_sections import SourcesList, WhyTogether, tint
from desktop_reader.ui.widgets.timeline_widget import TimelineWidget

PAGE_SIDE = 24  # px either side of the story column
NARROW_PAGE_SIDE = 12  # … in a pane narrower than WIDE_PAGE
WIDE_PAGE = 600


def updated_line(detail: StoryDetail) -> str:
    count = detail.row.article_count
    text = f"Updated ({count} article{'s' if count != 1 else ''})"
    if detail.row.last_published is not None:
        text += f" · {age_text(detail.row.last_published)} ago".replace("now ago", "just now")
    return text


class StoryView(QScrollArea):
    sig_open_citation = Signal(int, int, int)  # article id, start, end (-1, -1: no sentence)
    sig_citation = Signal(object)  # the Citation itself (number, outlet…), same moment
    sig_open_article = Signal(int)  # a Sources title or an image's "Source"
    sig_entity_clicked = Signal(str)
    sig_page_built = Signal()  # a new story page (and headline) replaced the old one

    def __init__(
        self, media: MediaCache, reader: Reader | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._media, self._reader = media, reader
        self.detail: StoryDetail | None = None
        self.preparing = False  # the summary of the story shown is being made
        self.zoom = 1.0
        self.headline_reserve = 0  # px kept clear right of the headline (the star's place)
        self.headline_label: QLabel | None = None
        self._page_layout: QHBoxLayout | None = None
        self._quotes: dict[tuple[int, int, int], str] = {}
        self.summary_labels: list[CitationLabel] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Story")
        self.verticalScrollBar().setAccessibleName("Scroll the story")
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.timeline = TimelineWidget()
        self.images = ImageStrip(media)
        self.chips = EntityChips()
        self.tickers = TickerChips()
        shortcut = Qt.ShortcutContext.WidgetWithChildrenShortcut
        names = {1: "Zoom in (story)", -1: "Zoom out (story)", 0: "Actual size (story)"}
        for keys, step in (("Ctrl+=", 1), ("Ctrl++", 1), ("Ctrl+-", -1), ("Ctrl+0", 0)):
            QShortcut(
                QKeySequence(keys),
                self,
                lambda s=step: self.set_zoom(zoom_step(self.zoom, s)),
                context=shortcut,
            ).setWhatsThis(names[step])
        self.show_message("Select a story to read it.")

    # ------------------------------------------------------------------ content

    def show_message(self, text: str) -> None:
        self.detail = None
        self._page_layout = None
        self.headline_label = None
        note = QLabel(text)
        # Worded and placed like the article pane's note: the page font in italic, the
        # muted colour, centred two lines down.
        font = note_font(QApplication.font())
        note.setFont(font)
        note.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        note.setWordWrap(True)
        # The article pane's note starts after two blank lines at its 145 % line height,
        # below the page margin and the text document's own 4 px.
        top = PAGE_MARGIN + 4 + round(2 * 1.45 * QFontMetrics(font).lineSpacing())
        note.setContentsMargins(PAGE_MARGIN, top, PAGE_MARGIN, 0)
        # The page's colour edge to edge, and muted text that stays readable (not the
        # disabled grey).
        note.setBackgroundRole(QPalette.ColorRole.Base)
        note.setAutoFillBackground(True)
        palette = self.palette()
        tint(
            note,
            mix(
                palette.color(QPalette.ColorRole.Text),
                palette.color(QPalette.ColorRole.Base),
                NOTE_MUTE,
            ),
        )
        self.setWidget(note)

    def show_story(
        self, detail: StoryDetail, *, load_images_now: bool = False, preparing: bool = False
    ) -> None:
        """Lay the story out; pictures follow from the cache right after (boxes fixed).
        `preparing`: its summary is being made (a stale one is not shown meanwhile)."""
        if self.detail is None or self.detail.row.id != detail.row.id:
            self._quotes = {}
        self.detail = detail
        self.preparing = preparing
        self._build(detail)
        self.verticalScrollBar().setValue(0)
        if load_images_now:
            self.images.load_images()
        else:
            QTimer.singleShot(0, self, self._load_images)

    def _load_images(self) -> None:
        if self.detail is not None:  # a message since replaced the story (and its strip)
            self.images.load_images()  # the strip of the story shown now, not the one queued

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        if self.detail is not None:
            position = self.verticalScrollBar().value()
            self._build(self.detail)
            self.images.load_images()
            self.verticalScrollBar().setValue(position)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Digits reach here from any child that ignores them (labels, chips, the strip).
        text = event.text()
        if (
            len(text) == 1
            and text in "123456789"
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.open_citation_number(int(text))
        ):
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.detail is not None:
            self.set_zoom(self.zoom)

    def _build(self, detail: StoryDetail) -> None:
        colors = story_colors(self.palette())
        scale = TypeScale(QApplication.font(), self.zoom)
        column = QWidget()
        column.setMaximumWidth(QFontInfo(scale.body).pixelSize() * MEASURE_EM)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 28, 0, 40)
        layout.setSpacing(10)

        headline = self._label(
            detail.row.headline or "(untitled story)", scale.headline, colors.text
        )
        headline.setAccessibleName(f"Headline: {detail.row.headline}")
        # Only the headline row leaves room for the star: the text below takes the
        # column's whole width.
        headline.setContentsMargins(0, 0, self.headline_reserve, 0)
        self.headline_label = headline
        layout.addWidget(headline)
        self.meta_label = self._label(updated_line(detail), scale.meta, colors.muted)
        layout.addWidget(self.meta_label)
        layout.addSpacing(10)

        self.images = ImageStrip(self._media)
        self.images.set_images(detail.images, colors=colors, scale=scale)
        self.images.sig_image_clicked.connect(self.open_image)
        self.images.sig_open_source.connect(self.sig_open_article)
        if detail.images:
            layout.addWidget(self.images)
            layout.addSpacing(14)

        self.summary_labels = []
        # While preparing, a summary of earlier members (if any) would cite the wrong
        # Sources: headline, pictures and Sources show at once, the summary follows.
        summary = (
            Summary.from_dict(detail.summary)
            if detail.summary and not self.preparing
            else Summary(())
        )
        for section in summary.sections:
            heading = self._label(section.heading, scale.section, colors.text)
            heading.setAccessibleName(f"Section: {section.heading}")
            layout.addWidget(heading)
            runs = [
                CitedRun(s.text, self._citations(detail.members, s.citations, s.sources))
                for s in section.sentences
            ]
            paragraph = CitationLabel(runs, quote=self._quote, link_color=colors.accent.name())
            paragraph.setFont(scale.body)
            paragraph.setContentsMargins(0, 0, 0, 12)
            paragraph.sig_citation.connect(self._emit_citation)
            layout.addWidget(paragraph)
            self.summary_labels.append(paragraph)
        if self.preparing:
            note = self._label("Preparing the summary…", scale.font(italic=True), colors.muted)
            note.setAccessibleName("Preparing the summary")
            layout.addWidget(note)
        elif not summary.sections:
            layout.addWidget(
                self._label(
                    "No summary yet: read the sources below.", scale.font(italic=True), colors.muted
                )
            )

        self.sources = SourcesList(detail.members, colors=colors, scale=scale)
        self.sources.sig_open_article.connect(self.sig_open_article)
        self._block(layout, "Sources", self.sources, colors, scale)

        self.timeline = TimelineWidget()
        events = (
            Timeline.from_dict(detail.timeline).events
            if detail.timeline and not self.preparing
            else ()
        )
        self.timeline.set_events(
            events,
            lambda e: self._citations(detail.members, e.citations, e.sources),
            colors=colors,
            scale=scale,
            quote=self._quote,
        )
        self.timeline.sig_citation.connect(self._emit_citation)
        if events:
            self._block(layout, "Timeline", self.timeline, colors, scale)

        self.chips = EntityChips()
        self.chips.set_entities(detail.entities, colors=colors, scale=scale)
        self.chips.sig_entity_clicked.connect(self.sig_entity_clicked)
        if self.chips.chips:
            self._block(layout, "Related", self.chips, colors, scale)

        self.tickers = TickerChips()
        self.tickers.set_entities(detail.entities, colors=colors, scale=scale)
        self.tickers.sig_entity_clicked.connect(self.sig_entity_clicked)
        if self.tickers.chips:
            self._block(layout, "Related Tickers", self.tickers, colors, scale)

        self.why = WhyTogether(detail.members, colors=colors, scale=scale)
        layout.addSpacing(18)
        layout.addWidget(self.why)
        layout.addStretch(1)

        page = QWidget()
        page.setBackgroundRole(QPalette.ColorRole.Base)
        page.setAutoFillBackground(True)
        outer = QHBoxLayout(page)
        self._page_layout = outer
        self._fit_page_margins()
        outer.addStretch(1)
        outer.addWidget(column, 100)
        outer.addStretch(1)
        self.setWidget(page)
        self.sig_page_built.emit()

    def _fit_page_margins(self) -> None:
        """Wide panes keep a generous margin; a narrow one (a 1024 px window) gives it
        to the text."""
        if self._page_layout is None:
            return
        side = PAGE_SIDE if self.viewport().width() >= WIDE_PAGE else NARROW_PAGE_SIDE
        if self._page_layout.contentsMargins().left() != side:
            self._page_layout.setContentsMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_page_margins()

    def _block(
        self, layout: QVBoxLayout, title: str, body: QWidget, colors: StoryColors, scale: TypeScale
    ) -> None:
        layout.addSpacing(22)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFixedHeight(1)
        rule.setStyleSheet(f"background: {colors.faint.name()}; border: none;")
        layout.addWidget(rule)
        layout.addSpacing(6)
        heading = self._label(title, scale.heading, colors.muted)
        heading.setAccessibleName(title)
        layout.addWidget(heading)
        layout.addSpacing(4)
        layout.addWidget(body)

    @staticmethod
    def _label(text: str, font: Any, color: Any) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setFont(font)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tint(label, color)
        return label

    # ------------------------------------------------------------------ citations

    @staticmethod
    def _citations(
        members: Sequence[StoryMember], numbers: Sequence[int], sources: Sequence[SentenceSource]
    ) -> tuple[Citation, ...]:
        found = []
        for n in numbers:
            if not 1 <= n <= len(members):
                continue  # a summary older than its Sources: skip rather than mislead
            member = members[n - 1]
            source = next((s for s in sources if str(s.article_id) == str(member.article_id)), None)
            found.append(
                Citation(
                    n,
                    member.article_id,
                    member.outlet,
                    member.title,
                    source.start if source else -1,
                    source.end if source else -1,
                    field=getattr(source, "field", "text"),
                )
            )
        return tuple(found)

    def _quote(self, citation: Citation) -> str:
        """The cited sentence as that article words it (read once, on hover)."""
        key = (citation.article_id, citation.start, citation.end)
        if key not in self._quotes:
            text = ""
            if self._reader is not None and citation.start >= 0:
                article = self._reader.article(citation.article_id)
                body = (
                    (article.title if citation.field == "title" else article.text)
                    if article
                    else ""
                )
                text = body[citation.start : citation.end]
            self._quotes[key] = text
        return self._quotes[key]

    def citation_links(self) -> list[Citation]:
        """Every citation link in the pane: summary first, then the timeline."""
        found = [c for label in self.summary_labels for c in label.citations]
        return found + [c for row in self.timeline.rows for c in row.text_label.citations]

    def _emit_citation(self, citation: Citation) -> None:
        self.sig_citation.emit(citation)
        self.sig_open_citation.emit(citation.article_id, citation.start, citation.end)

    def open_citation_number(self, number: int) -> bool:
        """Open source n at the first sentence that cites it (key n)."""
        if self.detail is None or not 1 <= number <= len(self.detail.members):
            return False
        cited = next((c for c in self.citation_links() if c.number == number), None)
        if cited is None:
            member = self.detail.members[number - 1]
            cited = Citation(number, member.article_id, member.outlet, member.title)
        self._emit_citation(cited)
        return True

    # ------------------------------------------------------------------ images

    def open_image(self, image: StoryImage) -> ImageViewer:
        """The viewer on this picture; Left/Right step through the story's others."""
        images = list(self.detail.images) if self.detail else []
        if image not in images:
            images = [image]
        titles = {m.article_id: m.title for m in self.detail.members} if self.detail else {}
        viewer = ImageViewer(self._media, images, images.index(image), titles, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.sig_open_article.connect(self.sig_open_article)
        viewer.resize(960, 720)
        viewer.open()
        return viewer
