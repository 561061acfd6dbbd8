"""Article extraction and HTML sanitising.

- `extract_article(html, url, *, charset=None) -> ExtractedArticle`
- `extract_text(html, url=None) -> str`: just the main text; never raises
- `sanitize_html(html, base_url) -> str`: allowlist sanitiser (nh3)
- `rewrite_images(html, resolve) -> str`: remote <img> to local URLs, or dropped
- `html_to_text(html) -> str`: paragraph-aware plain text
"""

from desktop_reader.core.extract.article import extract_article, extract_text
from desktop_reader.core.extract.plaintext import html_to_text
from desktop_reader.core.extract.sanitize import rewrite_images, sanitize_html

__all__ = ["extract_article", "extract_text", "html_to_text", "rewrite_images", "sanitize_html"]
