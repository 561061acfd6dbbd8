"""The story's images: a lead picture across the column, the others two by two.

Every picture sits in a box of fixed aspect ratio drawn before its file is read, so
nothing moves when the image arrives from the cache. Files come only from the local
media cache (the thumbnail if one was made, else the original, decoded at the size
shown); a picture that was never downloaded stays a quiet placeholder with its alt
text. Under each: caption, credit and "Image: <outlet>". Click (or Enter) opens it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop_reader.core.values import MediaCache, StoryImage
from desktop_reader.ui.style_story import StoryColors, TypeScale

LEAD_RATIO = 9 / 16
THUMB_RATIO = 2 / 3
DECODE_WIDTH = 900  # pixels decoded for a box; plenty for a 40em column


def read_image(media: MediaCache, sha256: str | None, width: int = DECODE_WIDTH,
               *, thumbnail: bool = True) -> QImage | None:
    """A cached picture decoded at about `width` pixels (never from the network)."""
    if not sha256:
        return None
    path = media.thumb_path(sha256) if thumbnail else None
    if path is None or not path.exists():
        path = media.find(sha256)
    if path is None:
        return None
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > width:
        reader.setScaledSize(QSize(width, max(1, round(size.height() * width / size.width()))))
    image = reader.read()
    return None if image.isNull() else image


class Thumbnail(QWidget):
    """A box of fixed aspect ratio showing a picture cropped to fill it."""

    def __init__(self, ratio: float, colors: StoryColors, alt: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ratio, self._colors, self._alt = ratio, colors, alt
        self.pixmap: QPixmap | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # the box is sized before the picture is read
        self.setSizePolicy(policy)
        self.setMinimumWidth(120)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return round(width * self._ratio)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, self.heightForWidth(320))

    def set_image(self, image: QImage | None) -> None:
        self.pixmap = QPixmap.fromImage(image) if image is not None else None
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = self.rect()
        painter.fillRect(rect, self._colors.card)
        if self.pixmap is None or self.pixmap.isNull():
            painter.setPen(self._colors.muted)
            painter.drawText(rect.adjusted(12, 12, -12, -12),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                             self._alt or "Picture not downloaded")
            return
        scaled = self.pixmap.size().scaled(rect.size(),
                                           Qt.AspectRatioMode.KeepAspectRatioByExpanding)
        sx = (scaled.width() - rect.width()) / 2 * self.pixmap.width() / max(1, scaled.width())
        sy = (scaled.height() - rect.height()) / 2 * self.pixmap.height() / max(1, scaled.height())
        source = QRect(round(sx), round(sy), round(self.pixmap.width() - 2 * sx),
                       round(self.pixmap.height() - 2 * sy))
        painter.drawPixmap(rect, self.pixmap, source)


class ImageCard(QFrame):
    sig_clicked = Signal(object)  # StoryImage

    def __init__(self, image: StoryImage, *, lead: bool, colors: StoryColors, scale: TypeScale,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.thumbnail = Thumbnail(LEAD_RATIO if lead else THUMB_RATIO, colors, image.alt)
        layout.addWidget(self.thumbnail)
        layout.addSpacing(3)
        self.caption_label = self._label(image.caption, scale.font(0.86 if lead else 0.8),
                                         colors.text)
        self.credit_label = self._label(image.credit, scale.font(0.76), colors.muted)
        self.outlet_label = self._label(f"Image: {image.outlet}" if image.outlet else "",
                                        scale.font(0.76, italic=True), colors.muted)
        for label in (self.caption_label, self.credit_label, self.outlet_label):
            if label.text():
                layout.addWidget(label)
        layout.addStretch(1)
        self.setAccessibleName(f"Image: {image.caption or image.alt or 'picture'}")
        self.setAccessibleDescription(" ".join(x for x in (image.credit, self.outlet_label.text(),
                                                            "Press Enter to view full size.") if x))

    @staticmethod
    def _label(text: str, font, color) -> QLabel:  # type: ignore[no-untyped-def]
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setFont(font)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        label.setPalette(palette)
        return label

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.sig_clicked.emit(self.image)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.sig_clicked.emit(self.image)
            return
        super().keyPressEvent(event)


class ImageStrip(QWidget):
    sig_image_clicked = Signal(object)  # StoryImage

    def __init__(self, media: MediaCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._media = media
        self.cards: list[ImageCard] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(18)
        self.setAccessibleName("Images")

    def set_images(self, images: Sequence[StoryImage], *, colors: StoryColors,
                   scale: TypeScale) -> None:
        """Lay out the cards at once (placeholders); `load_images` fills them in."""
        self.cards = []
        for n, image in enumerate(images):
            card = ImageCard(image, lead=n == 0, colors=colors, scale=scale)
            card.sig_clicked.connect(self.sig_image_clicked)
            if n == 0:
                self._grid.addWidget(card, 0, 0, 1, 2)
            else:
                self._grid.addWidget(card, 1 + (n - 1) // 2, (n - 1) % 2,
                                     Qt.AlignmentFlag.AlignTop)
            self.cards.append(card)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1)

    def load_images(self) -> int:
        """Read the pictures from the cache; returns how many were found."""
        found = 0
        for card in self.cards:
            if card.thumbnail.pixmap is None:
                image = read_image(self._media, card.image.sha256)
                card.thumbnail.set_image(image)
                found += image is not None
        return found
