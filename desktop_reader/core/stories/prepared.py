"""An article's grouping features, computed where its text is at hand and kept for later.

`Clusterer.place` needs each article's `Features` (tokens, names, fingerprints: about a
third of grouping's CPU for full pages). They depend only on the title, the text and
the publication date the clusterer is given, so the page workers compute them right
after extraction (`prepare`) and the grouping uses them instead of computing them again.
`inputs_key` digests exactly those inputs: the grouping uses stored features only when
the article it places has the same key (same title, same stored text, same date), so
the result is the one computing them in place would give; anything else (no page, a
feed's text kept, an old library) is computed as before.

The encoding is JSON, compressed: a library file is data, never code to run.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import time
import zlib
from dataclasses import dataclass

from desktop_reader.core.stories import entities as ner
from desktop_reader.core.stories import temporal
from desktop_reader.core.stories import vectors as vx

FORMAT = 1  # bump when what `prepare` computes changes: older stored features are ignored


@dataclass(frozen=True)
class Prepared:
    """What the clusterer derives from an article before looking at any story."""

    published: float | None  # the feed's date, or the date the text states, or None
    features: vx.Features


def prepare(title: str, text: str, published: float | None) -> Prepared:
    """The article's date and features as `Clusterer.place` computes them; `published`
    is None when the feed gave no date."""
    if published is None:  # unknown, unless the text states its own date
        published = stated_date(title, text)
    year = time.gmtime(published).tm_year if published is not None else None
    return Prepared(published, vx.features(title, text, year))


def stated_date(title: str, text: str) -> float | None:
    """Noon (UTC) of the day an undated article's dateline states, or None. Reports of
    one event without a feed date often carry their date at the top ("June 11, 2012 at
    12: 36 PM ET"); read as the article's date, it lets time tell apart two events of
    the same kind years apart, as it does for dated articles."""
    day = temporal.dateline(title, text)
    return None if day is None else calendar.timegm((*day.timetuple()[:3], 12, 0, 0))


def inputs_key(title: str, text: str, published: float | None) -> bytes:
    """A digest of everything `prepare` reads (and of FORMAT)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT}\0{published!r}\0{title}\0".encode("utf-8", "surrogatepass"))
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def encode(prepared: Prepared) -> bytes:
    feat = prepared.features
    record = {
        "format": FORMAT,
        "published": prepared.published,
        "language": feat.language,
        "tf": list(feat.tf.items()),  # in its order: every derived set is built from it
        "entities": [[e.name, e.kind, e.count, e.ticker] for e in feat.entities],
        "fingerprints": list(feat.fingerprints),
        "title": feat.title,
        "actors": sorted(feat.actors),
        "names": sorted(feat.names),
        "words": feat.words,
    }
    return zlib.compress(json.dumps(record, ensure_ascii=False).encode("utf-8"), 1)


def decode(blob: bytes) -> Prepared | None:
    """The stored features, or None when the blob is not one of this FORMAT (the caller
    then computes them)."""
    try:
        record = json.loads(zlib.decompress(blob))
        if record["format"] != FORMAT:
            return None
        tf = {str(t): float(w) for t, w in record["tf"]}
        features = vx.Features(
            language=record["language"],
            terms=tuple(sorted(tf)),
            tf=tf,
            entities=tuple(
                ner.Entity(name, kind, count, ticker)
                for name, kind, count, ticker in record["entities"]
            ),
            fingerprints=tuple(record["fingerprints"]),
            title=record["title"],
            numbers=frozenset(t for t in tf if t[0].isdigit()),
            actors=frozenset(record["actors"]),
            names=frozenset(record["names"]),
            words=int(record["words"]),
        )
        published = record["published"]
        return Prepared(None if published is None else float(published), features)
    except (zlib.error, ValueError, KeyError, TypeError, IndexError):
        return None
