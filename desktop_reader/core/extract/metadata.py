"""Page metadata: title, byline, date, site name, canonical URL, description, language.

Sources in order of trust: JSON-LD (schema.org Article), OpenGraph/article: meta,
other <meta> names, then the visible page (h1, rel=author, .byline, <time>).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

_SPACES = re.compile(r"\s+")
# " | Site", " - Site", " — Site", " :: Site", " · Site", " » Site"
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|»|/|\\)\s+")
_BY_PREFIX = re.compile(r"^\s*(by|from|von|par|por|di)\s*[:\s]\s*", re.IGNORECASE)
_ARTICLE_TYPES = re.compile(
    r"Article|BlogPosting|Report|NewsArticle|Posting|WebPage", re.IGNORECASE
)


@dataclass(frozen=True)
class PageMetadata:
    title: str = ""
    byline: str = ""
    published: datetime | None = None
    site_name: str = ""
    canonical_url: str | None = None
    description: str = ""
    language: str | None = None
    article_body: str = ""  # JSON-LD articleBody, a fallback for the text


def clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def parse_date(value: str | None) -> datetime | None:
    """An aware UTC datetime from ISO 8601 or RFC 2822 text; naive times are taken as UTC."""
    value = clean(value)
    if not value:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            match = re.match(r"\d{4}-\d{2}-\d{2}", value)
            parsed = datetime.fromisoformat(match.group(0)) if match else None
    if parsed is None or not 1990 <= parsed.year <= 2100:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _meta_values(root: HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for key in (
            meta.get("property"),
            meta.get("name"),
            meta.get("itemprop"),
            meta.get("http-equiv"),
        ):
            for word in (key or "").lower().split():  # property="og:title twitter:title"
                values.setdefault(word, content.strip())
    return values


def _json_ld_objects(root: HtmlElement) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads((script.text or "").strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        pending = [data]
        while pending and len(found) < 50:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending.extend(graph)
    return found


def _json_ld_article(root: HtmlElement) -> dict[str, Any]:
    """The schema.org Article-like object of the page, or {}."""
    best: dict[str, Any] = {}
    for item in _json_ld_objects(root):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        is_article = any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds)
        if is_article and ("WebPage" not in str(kinds) or not best):
            best = item
    return best


def _name(value: Any) -> str:
    """A person or organisation name from a JSON-LD value (string, object or list)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [_name(v) for v in value[:5]]
        return ", ".join(n for n in names if n)
    return ""


def strip_site_suffix(title: str, site_name: str, *, declared: bool = False) -> str:
    """ "Headline | Site" -> "Headline"; a title without a separator is kept as is.

    A `declared` title (og:title...) loses only a suffix naming the site, or a short
    one after " | ", since its other separators are usually part of the headline.
    """
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    if declared:
        last = parts[-1].strip()
        named = site_name and last.casefold() == site_name.casefold()
        piped = title.rstrip().endswith(f"| {last}") and len(last.split()) <= 3
        head = clean(title[: title.rfind(last)].rstrip(" |-–—:·»/\\"))
        return head if (named or piped) and len(head.split()) >= 2 else title
    site = site_name.casefold()
    kept = [p for p in parts if p.strip().casefold() != site] if site else parts
    if site and len(kept) < len(parts):
        return clean(" - ".join(kept))
    # Unknown site: drop the last part, unless that leaves a very short headline.
    head = clean(title[: title.rfind(_TITLE_SEPARATOR.findall(title)[-1])])
    return head if len(head.split()) >= 3 else title


def _overlap(a: str, b: str) -> float:
    words_a, words_b = set(a.casefold().split()), set(b.casefold().split())
    return len(words_a & words_b) / len(words_a) if words_a else 0.0


def _declared_title(
    meta: dict[str, str], ld: dict[str, Any], document_title: str, h1: str, site_name: str
) -> str:
    """The first declared title that agrees with what the page shows (<title> or <h1>).

    Declared titles are sometimes something else entirely (Wikipedia's JSON-LD
    "headline" is a description), hence the check; with nothing visible to check
    against, the first one wins.
    """
    candidates = [
        clean(c)
        for c in (
            _name(ld.get("headline")),
            meta.get("dc:title"),
            meta.get("dcterm:title"),
            meta.get("dcterms:title"),
            meta.get("og:title"),
            meta.get("twitter:title"),
            meta.get("parsely-title"),
            meta.get("dc.title"),
            _name(ld.get("name")),
        )
        if c
    ]
    if not candidates:
        return ""
    shown = f"{document_title} {h1}"
    chosen = next(
        (c for c in candidates if not shown.strip() or _overlap(c, shown) >= 0.5), candidates[0]
    )
    return strip_site_suffix(chosen, site_name, declared=True)


def _first_text(root: HtmlElement, xpath: str) -> str:
    for element in root.xpath(xpath):
        text = clean(element.text_content() if hasattr(element, "text_content") else str(element))
        if text:
            return text
    return ""


def _byline(root: HtmlElement, meta: dict[str, str], ld: dict[str, Any]) -> str:
    def candidates() -> Iterator[str]:
        # In order of trust; the page-wide XPath searches only run when metadata is silent.
        yield _name(ld.get("author"))
        yield meta.get("author", "")
        author = meta.get("article:author", "")
        yield "" if author.startswith("http") else author
        yield meta.get("dc.creator", "")
        yield meta.get("parsely-author", "")
        yield _first_text(root, "//*[@rel='author'] | //*[@itemprop='author']")
        yield _first_text(
            root,
            "//*[contains(concat(' ', normalize-space(@class), ' '), "
            "' byline ') or contains(@class, 'author-name')]",
        )

    for candidate in candidates():
        candidate = _BY_PREFIX.sub("", clean(candidate))
        if candidate and len(candidate) <= 120:
            return candidate.split(" · ")[0].strip()
    return ""


def page_metadata(root: HtmlElement, base_url: str | None) -> PageMetadata:
    """Read everything but the body text from a parsed page."""
    meta = _meta_values(root)
    ld = _json_ld_article(root)
    site_name = clean(
        meta.get("og:site_name") or _name(ld.get("publisher")) or meta.get("application-name")
    )
    document_title = _first_text(root, "//head/title") or _first_text(root, "//title")
    h1 = _first_text(root, "//h1")
    title = _declared_title(meta, ld, document_title, h1, site_name)
    if not title and document_title:
        title = strip_site_suffix(document_title, site_name)
        if h1 and h1.casefold() in document_title.casefold():
            title = h1
    title = title or h1
    published = None
    for candidate in (
        meta.get("article:published_time"),
        _name(ld.get("datePublished")),
        meta.get("datepublished"),
        meta.get("pubdate"),
        meta.get("publishdate"),
        meta.get("date"),
        meta.get("dc.date"),
        meta.get("dc.date.issued"),
        meta.get("sailthru.date"),
        meta.get("og:published_time"),
        _first_text(root, "(//time/@datetime)[1]"),
    ):
        published = parse_date(candidate)
        if published:
            break
    canonical = _first_text(root, "//link[@rel='canonical']/@href") or meta.get("og:url", "")
    if canonical:
        try:
            canonical = urljoin(base_url, canonical) if base_url else canonical
        except ValueError:
            canonical = ""
    if canonical and urlsplit(canonical).scheme not in ("http", "https"):
        canonical = ""
    language = clean(
        root.get("lang")
        or root.get("xml:lang")
        or meta.get("content-language")
        or meta.get("og:locale")
        or ""
    )
    body = ld.get("articleBody")
    return PageMetadata(
        title=title,
        byline=_byline(root, meta, ld),
        published=published,
        site_name=site_name,
        canonical_url=canonical or None,
        description=clean(
            meta.get("og:description")
            or meta.get("description")
            or meta.get("twitter:description")
            or _name(ld.get("description"))
        ),
        language=language.replace("_", "-") or None,
        article_body=body.strip() if isinstance(body, str) else "",
    )
