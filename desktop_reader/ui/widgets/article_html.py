"""The HTML page the article view shows for one stored article.

Pure string work (no widgets), so it can be read and tested on its own. The stored
content is already sanitised; here it is only arranged for QTextDocument, which
knows no <figure>: figures become blocks with their caption under the image, images
get the caption and credit stored with them, and any image that is not a local
`media:` one is dropped rather than shown as a broken placeholder.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from desktop_reader.core.values import MEDIA_SCHEME, Article, StoredImage, status_line

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SIZE_ATTR = re.compile(
    r"""\s(?:width|height|style)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE
)
_MEDIA_SRC = re.compile(rf"^{MEDIA_SCHEME}:([0-9a-f]{{64}})$")


@dataclass(frozen=True)
class PageColors:
    """Colours taken from the widget's palette, so the page follows light and dark."""

    text: str
    muted: str
    link: str
    rule: str


def stylesheet(colors: PageColors) -> str:
    return f"""
        body {{ color: {colors.text}; }}
        h1 {{ font-size: 165%; font-weight: 600; margin-bottom: 4px; }}
        p {{ line-height: 145%; margin-top: 0; margin-bottom: 12px; }}
        a {{ color: {colors.link}; text-decoration: none; }}
        .meta {{ color: {colors.muted}; margin-bottom: 16px; }}
        .note {{ color: {colors.muted}; font-style: italic; }}
        .figure {{ margin-top: 6px; margin-bottom: 16px; }}
        .caption {{ color: {colors.muted}; font-size: 90%; margin-top: 4px; }}
        .credit {{ color: {colors.muted}; font-size: 85%; }}
        blockquote {{ color: {colors.muted}; margin-left: 16px; }}
        hr {{ color: {colors.rule}; }}
    """


def _src(tag: str) -> str:
    match = _SRC.search(tag)
    return next((g for g in match.groups() if g is not None), "") if match else ""


def _caption_html(image: StoredImage) -> str:
    parts = []
    if image.caption:
        parts.append(html.escape(image.caption))
    if image.credit:
        parts.append(
            f'<span class="credit">{"— " if parts else ""}{html.escape(image.credit)}</span>'
        )
    return f'<p class="caption">{" ".join(parts)}</p>' if parts else ""


def _image_block(sha256: str, caption: str) -> str:
    return f'<div class="figure"><img src="{MEDIA_SCHEME}:{sha256}">{caption}</div>'


def arrange_content(content_html: str, images: list[StoredImage]) -> str:
    """Local images with caption/credit under them; others dropped."""
    by_sha = {i.sha256: i for i in images if i.sha256}
    content = re.sub(r"<figcaption\b[^>]*>", '<p class="caption">', content_html, flags=re.I)
    content = re.sub(r"</figcaption\s*>", "</p>", content, flags=re.I)
    content = re.sub(r"<figure\b[^>]*>", '<div class="figure">', content, flags=re.I)
    content = re.sub(r"</figure\s*>", "</div>", content, flags=re.I)

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        local = _MEDIA_SRC.match(_src(tag))
        if local is None:
            return ""  # remote or odd: never fetched, so not shown either
        # The view scales the picture itself (never up), so stored sizes must not stretch it.
        tag = _SIZE_ATTR.sub("", tag)
        image = by_sha.get(local.group(1))
        # Add the stored caption unless the page's own figcaption already says it.
        if image is not None and image.caption and html.escape(image.caption) not in content:
            return f"{tag}{_caption_html(image)}"
        if (
            image is not None
            and not image.caption
            and image.credit
            and html.escape(image.credit) not in content
        ):
            return f"{tag}{_caption_html(image)}"
        return tag

    return _IMG.sub(replace, content)


def _date_line(article: Article) -> str:
    if article.published is None:
        return ""
    local = article.published.astimezone()
    text = local.strftime("%A %d %B %Y, %H:%M").lstrip("0")
    return f"first seen {text}" if article.date_is_guess else text


def article_page(article: Article, images: list[StoredImage]) -> str:
    """The whole page body: headline, meta line, lead image, text, link to the original."""
    parts = [f"<h1>{html.escape(article.title or '(untitled)')}</h1>"]
    meta = [
        html.escape(x)
        for x in (article.outlet, article.author and f"By {article.author}", _date_line(article))
        if x
    ]
    if meta:
        parts.append(f'<p class="meta">{" · ".join(meta)}</p>')

    content = article.content_html
    lead = next((i for i in images if i.role == "lead" and i.sha256), None)
    if lead is not None and lead.sha256 and lead.sha256 not in content:
        parts.append(_image_block(lead.sha256, _caption_html(lead)))

    if content.strip():
        parts.append(arrange_content(content, images))
    elif article.text.strip():
        parts.extend(f"<p>{html.escape(p)}</p>" for p in article.text.split("\n\n") if p.strip())
    else:
        parts.append('<p class="note">No text was stored for this article.</p>')

    status = status_line(article)  # pending, retrying or given up: the same words as the CLI
    if status:
        parts.append(f'<p class="note">{html.escape(status, quote=False)}</p>')
    if article.url and article.url.startswith(("http://", "https://")):
        parts.append(f'<p><a href="{html.escape(article.url)}">Open original ↗</a></p>')
    return "\n".join(parts)
