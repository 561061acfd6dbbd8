"""The story's images: at most two large pictures, then a strip of small ones.

A story of many articles has many pictures; laying them all out large pushed the first
sentence several screens down. So: one picture fills the column; of two or more, the
first two sit side by side, each with its caption, credit, "Image: <outlet>" and the
links "Source" (the article it came from, in the reader) and "Full size" (the viewer).
The rest follow as a single row of thumbnails that scrolls sideways.

Every picture sits in a box of fixed size or aspect ratio drawn before its file is
read, so nothing moves when the image arrives from the cache. Files come only from the
local media cache (the thumbnail if one was made, else the original, decoded at the
size shown); a picture that was never downloaded stays a quiet placeholder with its
alt text. Each picture is a button: click, Enter or Space opens it full size.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QImageReader,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.core.values import MediaCache, StoryImage
from desktop_reader.ui.style_story import StoryColors, TypeScale

LEAD_RATIO = 9 / 16
PAIR_RATIO = 2 / 3
LARGE_COUNT = 2  # pictures shown large; the rest go to the strip
DECODE_WIDTH = 900  # pixels decoded for a large box; plenty for a 40em column
STRIP_DECODE_WIDTH = 240
STRIP_RATIO = 2 / 3
_IMAGE_PREFIX = re.compile(r"^\s*image\s*(credit)?\s*[:：]\s*", re.IGNORECASE)


def read_image(
    media: MediaCache, sha256: str | None, width: int = DECODE_WIDTH, *, thumbnail: bool = True
) -> QImage | None:
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


def image_lines(image: StoryImage) -> tuple[str, str, str]:
    """Caption, credit and "Image: <outlet>" as shown: a caption or credit that already
    says "Image: …" loses that prefix (the outlet line says it once), a credit the
    caption already ends with is not repeated, and blank parts are empty strings."""
    caption = _IMAGE_PREFIX.sub("", image.caption.strip())
    credit = _IMAGE_PREFIX.sub("", image.credit.strip())
    if credit and (credit == caption or caption.endswith(credit)):
        credit = ""
    outlet = f"Image: {image.outlet.strip()}" if image.outlet.strip() else ""
    if outlet and credit.casefold() == image.outlet.strip().casefold():
        credit = ""  # "Image: Outlet" says it already
    return caption, credit, outlet


def picture_name(image: StoryImage) -> str:
    caption, _credit, _outlet = image_lines(image)
    return caption or image.alt.strip() or "Picture"


class Picture(QAbstractButton):
    """A picture cropped to fill its box (fixed aspect ratio, or a fixed size): a
    button that opens the picture full size; a placeholder until a file is set."""

    def __init__(
        self,
        image: StoryImage,
        colors: StoryColors,
        *,
        ratio: float,
        fixed_width: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.image = image
        self._ratio, self._colors = ratio, colors
        self.pixmap: QPixmap | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if fixed_width:
            self.setFixedSize(fixed_width, round(fixed_width * ratio))
        else:
            policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            policy.setHeightForWidth(True)  # the box is sized before the picture is read
            self.setSizePolicy(policy)
            self.setMinimumWidth(100)
        caption, credit, outlet = image_lines(image)
        self.setAccessibleName(f"Picture: {picture_name(image)}")
        self.setAccessibleDescription(
            " ".join(x for x in (credit, outlet, "Opens the picture full size.") if x)
        )
        self.setToolTip(caption or image.alt or "Open the picture full size")

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return self.sizePolicy().hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return round(width * self._ratio)

    def sizeHint(self) -> QSize:  # noqa: N802
        if not self.hasHeightForWidth():
            return self.size()
        return QSize(320, self.heightForWidth(320))

    def set_image(self, image: QImage | None) -> None:
        self.pixmap = QPixmap.fromImage(image) if image is not None else None
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = self.rect()
        painter.fillRect(rect, self._colors.card)
        if self.pixmap is None or self.pixmap.isNull():
            painter.setPen(self._colors.muted)
            if self.hasHeightForWidth():  # a strip thumbnail is too small for words
                painter.drawText(
                    rect.adjusted(12, 12, -12, -12),
                    int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                    self.image.alt or "Picture not downloaded",
                )
        else:
            scaled = self.pixmap.size().scaled(
                rect.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding
            )
            sx = (scaled.width() - rect.width()) / 2 * self.pixmap.width() / max(1, scaled.width())
            sy = (
                (scaled.height() - rect.height())
                / 2
                * self.pixmap.height()
                / max(1, scaled.height())
            )
            source = QRect(
                round(sx),
                round(sy),
                round(self.pixmap.width() - 2 * sx),
                round(self.pixmap.height() - 2 * sy),
            )
            painter.drawPixmap(rect, self.pixmap, source)
        if self.hasFocus():  # a ring in the selection colour, inside the box, both themes
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))


class LinkButton(QPushButton):
    """A flat, underlined text button in the link colour ("Source", "Full size"):
    reachable with Tab, named for screen readers, with the style's focus frame."""

    def __init__(
        self, text: str, name: str, colors: StoryColors, font: QFont, parent: QWidget | None = None
    ) -> None:
        super().__init__(text, parent)
        focus = self.palette().color(QPalette.ColorRole.Highlight)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAutoDefault(False)
        font = QFont(font)
        font.setUnderline(True)
        self.setFont(font)
        # A link look: no bevel, text flush with the caption above, and a frame in the
        # selection colour while focused (the style's own focus frame needs the bevel).
        self.setStyleSheet(
            f"QPushButton {{ border: 1px solid transparent; border-radius: 2px;"
            f" padding: 1px 2px; margin: 0; background: transparent;"
            f" color: {colors.accent.name()}; }}"
            f"QPushButton:focus {{ border-color: {focus.name()}; }}"
            f"QPushButton:pressed {{ background: {colors.card.name()}; }}"
        )
        self.setAccessibleName(name)
        self.setFixedWidth(QFontMetrics(font).horizontalAdvance(text) + 8)


class ImageCard(QFrame):
    """A large picture with its caption, credit, outlet and the Source / Full size links."""

    sig_full_size = Signal(object)  # StoryImage
    sig_source = Signal(int)  # article id

    def __init__(
        self,
        image: StoryImage,
        *,
        ratio: float,
        colors: StoryColors,
        scale: TypeScale,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.image = image
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.thumbnail = Picture(image, colors, ratio=ratio)
        self.thumbnail.clicked.connect(lambda: self.sig_full_size.emit(self.image))
        layout.addWidget(self.thumbnail)
        layout.addSpacing(3)
        caption, credit, outlet = image_lines(image)
        self.caption_label = self._label(caption, scale.font(0.86), colors.text)
        self.credit_label = self._label(credit, scale.font(0.76), colors.muted)
        self.outlet_label = self._label(outlet, scale.font(0.76, italic=True), colors.muted)
        for label in (self.caption_label, self.credit_label, self.outlet_label):
            if label.text():
                layout.addWidget(label)
        links = QHBoxLayout()
        links.setContentsMargins(0, 0, 0, 0)
        links.setSpacing(8)
        name = picture_name(image)
        self.source_button = LinkButton(
            "Source",
            f"Source of the picture: {image.outlet}" if image.outlet else "Source of the picture",
            colors,
            scale.font(0.8),
        )
        self.source_button.setAccessibleDescription(
            f"Opens the article this picture came from ({name}) in the reader."
        )
        self.source_button.setToolTip("Open the article this picture came from")
        self.source_button.clicked.connect(lambda: self.sig_source.emit(self.image.article_id))
        self.full_button = LinkButton("Full size", f"Full size: {name}", colors, scale.font(0.8))
        self.full_button.setAccessibleDescription("Opens the picture in the image viewer.")
        self.full_button.setToolTip("View the picture full size")
        self.full_button.clicked.connect(lambda: self.sig_full_size.emit(self.image))
        links.addWidget(self.source_button)
        links.addWidget(self.full_button)
        links.addStretch(1)
        layout.addLayout(links)
        layout.addStretch(1)
        self.setAccessibleName(f"Image: {name}")

    @staticmethod
    def _label(text: str, font: QFont, color: QColor) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setFont(font)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        label.setPalette(palette)
        return label


class _StripScroll(QScrollArea):
    """The sideways-scrolling row; a thumbnail reached with Tab is scrolled into view."""

    def __init__(self, row: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(row)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalScrollBar().setAccessibleName("Scroll the pictures")
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.setFixedHeight(
            row.sizeHint().height() + self.horizontalScrollBar().sizeHint().height() + 2
        )

    def follow_focus(self, widget: QWidget) -> None:
        self.ensureWidgetVisible(widget, 8, 0)


class ImageStrip(QWidget):
    sig_image_clicked = Signal(object)  # StoryImage: open it in the viewer
    sig_open_source = Signal(int)  # article id: open the article a picture came from

    def __init__(self, media: MediaCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._media = media
        self.images: tuple[StoryImage, ...] = ()
        self.cards: list[ImageCard] = []  # the large pictures
        self.thumbs: list[Picture] = []  # the strip
        self.strip: _StripScroll | None = None
        self.more_label: QLabel | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self.setAccessibleName("Images")

    def set_images(
        self, images: Sequence[StoryImage], *, colors: StoryColors, scale: TypeScale
    ) -> None:
        """Lay out the cards at once (placeholders); `load_images` fills them in."""
        self.images = tuple(images)
        self.cards, self.thumbs = [], []
        large, rest = self.images[:LARGE_COUNT], self.images[LARGE_COUNT:]
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        ratio = LEAD_RATIO if len(large) == 1 else PAIR_RATIO
        for n, image in enumerate(large):
            card = ImageCard(image, ratio=ratio, colors=colors, scale=scale)
            card.sig_full_size.connect(self.sig_image_clicked)
            card.sig_source.connect(self.sig_open_source)
            grid.addWidget(card, 0, n, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(n, 1)
            self.cards.append(card)
        self._layout.addLayout(grid)
        if rest:
            self.more_label = QLabel(f"{len(rest)} more picture{'s' if len(rest) != 1 else ''}")
            self.more_label.setFont(scale.font(0.8))
            palette = self.more_label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, colors.muted)
            self.more_label.setPalette(palette)
            self._layout.addWidget(self.more_label)
            row = QWidget()
            row.setBackgroundRole(QPalette.ColorRole.Base)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(8)
            width = round(QFontMetrics(scale.body).height() * 5)
            for k, image in enumerate(rest):
                thumb = Picture(image, colors, ratio=STRIP_RATIO, fixed_width=width)
                thumb.setAccessibleName(
                    f"Picture {LARGE_COUNT + k + 1} of {len(self.images)}: {picture_name(image)}"
                )
                thumb.clicked.connect(lambda _=False, i=image: self.sig_image_clicked.emit(i))
                row_layout.addWidget(thumb)
                self.thumbs.append(thumb)
            row.adjustSize()
            self.strip = _StripScroll(row)
            self.strip.setAccessibleName("More pictures")
            for thumb in self.thumbs:
                thumb.installEventFilter(self)
            self._layout.addWidget(self.strip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.FocusIn
            and self.strip is not None
            and isinstance(watched, QWidget)
        ):
            self.strip.follow_focus(watched)
        return super().eventFilter(watched, event)

    def pictures(self) -> list[Picture]:
        """Every picture button, large first, in the story's order."""
        return [card.thumbnail for card in self.cards] + self.thumbs

    def load_images(self) -> int:
        """Read the pictures from the cache; returns how many were found."""
        found = 0
        for picture in self.pictures():
            if picture.pixmap is None:
                width = DECODE_WIDTH if picture.hasHeightForWidth() else STRIP_DECODE_WIDTH
                image = read_image(self._media, picture.image.sha256, width)
                picture.set_image(image)
                found += image is not None
        return found
