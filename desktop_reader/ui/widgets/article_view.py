"""The article pane: one stored article, read offline in a QTextBrowser.

Nothing is ever fetched while displaying: `loadResource` answers only `media:<sha256>`
images, from the local cache, and returns nothing for every other URL (http, file,
data…). Links do not navigate inside the view; http(s) links open in the system
browser, and only when the user clicks them.

The text keeps a comfortable measure (about 40em): the root frame's side margins
grow with the window so lines never run wider than that.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFontInfo,
    QImage,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QStyle, QTextBrowser, QWidget

from desktop_reader.core.values import MEDIA_SCHEME, Article, MediaCache, StoredImage
from desktop_reader.ui.open_link import open_in_browser
from desktop_reader.ui.style_story import NOTE_MUTE, PAGE_MARGIN, page_font
from desktop_reader.ui.widgets.article_html import PageColors, article_page, stylesheet

MEASURE_EM = 40  # the widest a line of text may be, in em
MIN_MARGIN = PAGE_MARGIN


def _mix(a: QColor, b: QColor, amount: float) -> str:
    """`amount` of the way from a to b, as #rrggbb."""
    mixed = QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )
    return mixed.name()


class ArticleView(QTextBrowser):
    sig_link_clicked = Signal(QUrl)  # every click on a link, before it is acted on

    def __init__(self, media: MediaCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._media = media
        self._article: Article | None = None
        self._images: list[StoredImage] = []
        self._image_width = 0
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Article")
        self.verticalScrollBar().setAccessibleName("Scroll the article")
        self.horizontalScrollBar().setAccessibleName("Scroll the article sideways")
        self.anchorClicked.connect(self._on_anchor)
        self.document().setDefaultFont(page_font(self.font()))
        self.show_message("Select an article to read it.")

    # ------------------------------------------------------------------ content

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def images(self) -> list[StoredImage]:
        """The images the article is shown with (downloaded ones appear in the page)."""
        return self._images

    def show_article(self, article: Article, images: list[StoredImage]) -> None:
        self._article, self._images = article, images
        self._render()
        self.verticalScrollBar().setValue(0)

    def show_message(self, text: str) -> None:
        """A short centred note instead of an article (empty list, nothing selected)."""
        self._article, self._images = None, []
        self.document().setDefaultStyleSheet(stylesheet(self._colors()))
        self.setHtml(f'<p class="note" align="center"><br><br>{text}</p>')
        self._apply_measure()

    def _render(self) -> None:
        if self._article is None:
            return
        self._image_width = self._content_width()
        self.document().setDefaultStyleSheet(stylesheet(self._colors()))
        self.setHtml(article_page(self._article, self._images))
        self._apply_measure()

    def _colors(self) -> PageColors:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        return PageColors(
            text=text.name(),
            muted=_mix(text, base, NOTE_MUTE),
            link=palette.color(QPalette.ColorRole.Link).name(),
            rule=_mix(text, base, 0.8),
        )

    # ------------------------------------------------------------------ measure

    def _measure(self) -> int:
        # A CSS em: the text font's pixel size (an "M" is narrower than that).
        return QFontInfo(self.document().defaultFont()).pixelSize() * MEASURE_EM

    def _content_width(self) -> int:
        available = self.viewport().width() - 2 * MIN_MARGIN
        if not self.verticalScrollBar().isVisible():
            # A long article brings the scroll bar once laid out, narrowing the page:
            # pictures sized to the wider page would then need a sideways scroll bar.
            available -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return max(120, min(self._measure(), available))

    def _apply_measure(self) -> None:
        margin = max(MIN_MARGIN, (self.viewport().width() - self._measure()) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if fmt.leftMargin() != margin:
            fmt.setLeftMargin(margin)
            fmt.setRightMargin(margin)
            fmt.setTopMargin(MIN_MARGIN)
            fmt.setBottomMargin(MIN_MARGIN)
            frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_measure()
        # Images are scaled to the text width; redo them when they no longer fit, or
        # when that width really grew.
        width = self._content_width()
        if self._article is not None and (
            self._image_width > width or width - self._image_width > 48
        ):
            position = self.verticalScrollBar().value()
            self._render()
            self.verticalScrollBar().setValue(position)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._article is not None:
            self._render()

    # ------------------------------------------------------------------ offline only

    def loadResource(self, resource_type: int, url: QUrl | str) -> Any:  # noqa: N802
        """Only local cache images; None (nothing) for anything else, remote or not."""
        url = QUrl(url) if isinstance(url, str) else url
        if url.scheme() != MEDIA_SCHEME:
            return None
        sha256 = url.path().strip().lower()
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            return None
        path = self._media.find(sha256)
        if path is None:
            return None
        image = QImage(str(path))
        if image.isNull():
            return None
        width = self._image_width or self._content_width()
        if image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return image

    def _on_anchor(self, url: QUrl) -> None:
        self.sig_link_clicked.emit(url)
        if url.scheme() in ("http", "https"):
            open_in_browser(url.toString(), self.window())
