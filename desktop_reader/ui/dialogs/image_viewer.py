"""A story's pictures at full size (from the local cache), one at a time.

Under the picture: "n of N", its caption, its credit and outlet (in text that keeps
a readable contrast with the dialog, light or dark) and a "Source" link naming the
article it came from; activating the link emits `sig_open_article(article_id)` and
closes the viewer. Previous / Next (buttons, or the Left / Right keys) step through
the story's other pictures.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPaintEvent, QPalette, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.core.values import MediaCache, StoryImage
from desktop_reader.ui.style_story import mix
from desktop_reader.ui.widgets.citation_popup import LinksLabel
from desktop_reader.ui.widgets.image_strip import image_lines, picture_name, read_image

FULL_WIDTH = 2400
CREDIT_MIX = 0.25  # credit text: this far from the text colour towards the background


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

    def set_pixmap(self, pixmap: QPixmap | None) -> None:
        self.pixmap = pixmap
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        if self.pixmap is None or self.pixmap.isNull():
            painter.drawText(
                self.rect(),
                int(Qt.AlignmentFlag.AlignCenter),
                "This picture is not in the local cache.",
            )
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

    def __init__(
        self,
        media: MediaCache,
        images: Sequence[StoryImage],
        index: int = 0,
        source_titles: Mapping[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not images:
            raise ValueError("the viewer needs at least one picture")
        self._media = media
        self.images = tuple(images)
        self._titles = dict(source_titles or {})
        self.index = max(0, min(index, len(self.images) - 1))
        self.picture = _Fit(None)
        self.position_label = QLabel()
        self.caption_label = self._plain_label()
        self.credit_label = self._plain_label()
        palette = self.credit_label.palette()  # muted, yet readable (not the disabled grey)
        palette.setColor(
            QPalette.ColorRole.WindowText,
            mix(
                palette.color(QPalette.ColorRole.WindowText),
                palette.color(QPalette.ColorRole.Window),
                CREDIT_MIX,
            ),
        )
        self.credit_label.setPalette(palette)
        self.source_link = LinksLabel()
        self.source_link.setTextFormat(Qt.TextFormat.RichText)
        self.source_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.source_link.linkActivated.connect(lambda _href: self.open_source())
        self.previous_button = QPushButton("← Previous")
        self.previous_button.setAccessibleName("Previous picture")
        self.previous_button.setToolTip("Previous picture (Left)")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("Next →")
        self.next_button.setAccessibleName("Next picture")
        self.next_button.setToolTip("Next picture (Right)")
        self.next_button.clicked.connect(lambda: self.step(1))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        for label in (self.position_label, self.caption_label, self.credit_label, self.source_link):
            layout.addWidget(label)
        layout.addWidget(buttons)
        # Shortcuts, so Left/Right step even while a button (which moves focus on
        # arrows) has the focus.
        for key, direction in ((Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1)):
            QShortcut(
                QKeySequence(key),
                self,
                lambda d=direction: self.step(d) if len(self.images) > 1 else None,
            )
        self.show_index(self.index)

    @staticmethod
    def _plain_label() -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @property
    def image(self) -> StoryImage:
        return self.images[self.index]

    def show_index(self, index: int) -> None:
        self.index = index % len(self.images)
        image = self.image
        decoded = read_image(self._media, image.sha256, FULL_WIDTH, thumbnail=False)
        self.picture.set_pixmap(QPixmap.fromImage(decoded) if decoded is not None else None)
        name = picture_name(image)
        self.picture.setAccessibleName(image.alt or name)
        self.setWindowTitle(name[:80])
        caption, credit, outlet = image_lines(image)
        self.caption_label.setText(caption)
        self.caption_label.setVisible(bool(caption))
        self.credit_label.setText(" · ".join(x for x in (credit, outlet) if x))
        self.credit_label.setVisible(bool(self.credit_label.text()))
        many = len(self.images) > 1
        self.position_label.setText(f"Picture {self.index + 1} of {len(self.images)}")
        self.position_label.setVisible(many)
        self.previous_button.setVisible(many)
        self.next_button.setVisible(many)
        title = self._titles.get(image.article_id) or image.outlet or "the article"
        self.source_link.setText(
            f'Source: <a href="article:{image.article_id}">{html.escape(title)}</a>'
        )
        self.source_link.setAccessibleName(f"Source: {title}")
        self.source_link.setAccessibleDescription("Opens the article this picture came from.")

    def step(self, direction: int) -> None:
        """The previous (-1) or next (+1) picture, wrapping around."""
        self.show_index(self.index + direction)

    def open_source(self) -> None:
        self.sig_open_article.emit(self.image.article_id)
        self.accept()
