"""A story picture at full size (from the local cache) with its caption and source.

The "Source" link names the article the picture came from; activating it emits
`sig_open_article(article_id)` and closes the viewer.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop_reader.core.values import MediaCache, StoryImage
from desktop_reader.ui.widgets.image_strip import read_image

FULL_WIDTH = 2400


class _Fit(QWidget):
    """The picture scaled to fit (never up), centred."""

    def __init__(self, pixmap: QPixmap | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap = pixmap
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)

    def sizeHint(self) -> QSize:  # noqa: N802
        if self.pixmap is None:
            return QSize(480, 320)
        return self.pixmap.size().boundedTo(QSize(1100, 700))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        if self.pixmap is None or self.pixmap.isNull():
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter),
                             "This picture is not in the local cache.")
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        size = self.pixmap.size()
        if size.width() > self.width() or size.height() > self.height():
            size = size.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) // 2
        y = (self.height() - size.height()) // 2
        painter.drawPixmap(x, y, size.width(), size.height(), self.pixmap)


class ImageViewer(QDialog):
    sig_open_article = Signal(int)

    def __init__(self, media: MediaCache, image: StoryImage, source_title: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.setWindowTitle(image.caption[:80] or "Picture")
        decoded = read_image(media, image.sha256, FULL_WIDTH, thumbnail=False)
        self.picture = _Fit(QPixmap.fromImage(decoded) if decoded is not None else None)
        self.picture.setAccessibleName(image.alt or image.caption or "Picture")
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        self.caption_label = QLabel(image.caption)
        self.caption_label.setTextFormat(Qt.TextFormat.PlainText)
        self.caption_label.setWordWrap(True)
        credit = " · ".join(x for x in (image.credit, f"Image: {image.outlet}"
                                        if image.outlet else "") if x)
        self.credit_label = QLabel(credit)
        self.credit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.credit_label.setEnabled(False)  # muted, follows the palette
        title = html.escape(source_title or image.outlet or "the article")
        self.source_link = QLabel(f'Source: <a href="article:{image.article_id}">{title}</a>')
        self.source_link.setTextFormat(Qt.TextFormat.RichText)
        self.source_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.source_link.setAccessibleName(f"Source: {source_title or image.outlet}")
        self.source_link.linkActivated.connect(lambda _href: self.open_source())
        for label in (self.caption_label, self.credit_label, self.source_link):
            layout.addWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def open_source(self) -> None:
        self.sig_open_article.emit(self.image.article_id)
        self.accept()
