"""Heuristic named entities: people, organisations, places, and tickers.

No model: capitalised word sequences, with stoplists for sentence-initial words,
cue words before a name ("President X", "minister X") or at its end ("X Inc",
"X Council"), a small bundled gazetteer of countries and big cities, and a hand-made
table of listed companies and their tickers (data/tickers.tsv). Good enough to say
which names two articles share and to show a story's people and places; it does not
pretend to be a full NER.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

PERSON, ORG, PLACE = "person", "organisation", "place"
OTHER = "other"  # a name of unknown kind: used to match articles, not shown

_NAME_WORD = r"(?:[A-Z][\w'’\-&]*(?:\.[A-Z][\w]*)*)"
_CAP_SEQ = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:(?:of|de|del|da|van|von|der|la|le|al|bin|for|and|&)\s+)?{_NAME_WORD})*"
)
_SUFFIX = re.compile(r"(?:['’]s?|-[a-z][\w-]*)$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|[\"“‘(]\s*)$")

# Capitalised words that are not names on their own (sentence starts, months, titles).
_NOT_NAMES = frozenset("""A An The This That These Those It Its He She They We I You His Her Their
    Our In On At By For From With After Before When While As If But And Or So Yet Also
    However Meanwhile Earlier Later Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday January February March April May June July August September
    October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Police
    Officials Mr Mrs Ms Dr Sir Prof President Minister Prime Chief Senator Judge Governor Mayor
    King Queen Prince Princess Pope General Captain Officer Spokesman Spokeswoman Spokesperson
    Speaking According Asked Despite During Under Over Among Between Without Read More Live
    LIVE Watch WATCH Breaking BREAKING Update UPDATE Photo Video Opinion Analysis Editorial
    Here There What Why How Who Where Which Some Many Most All No Not One Two Three Several
    Both Each Every Another Other Such Its Until Since Though Although Because Once Now Then
    Last Next New Former Top Local National State Federal City Government Court""".split())
_PERSON_CUES = frozenset("""President Minister Chancellor Senator Sen Rep Representative Governor
    Mayor Judge Justice Mr Mrs Ms Dr Sir Dame Prof Professor Lord Lady King Queen Prince
    Princess Pope Rev Gen General Col Colonel Capt Captain Lt Sgt Officer Detective Inspector
    Superintendent Commissioner Secretary Ambassador Envoy Spokesman Spokeswoman Spokesperson
    CEO Chairman Chairwoman Chair Director Coach Manager Actor Actress Singer Rapper Star
    Striker Midfielder Defender Goalkeeper Leader""".split())
_PERSON_LOWER_CUES = frozenset("""minister president spokesman spokeswoman spokesperson
    singer actor actress rapper coach chief director executive chairman secretary envoy
    ambassador senator governor mayor judge lawyer attorney striker star leader
    economist analyst inspector detective officer told""".split())
_ORG_SUFFIXES = frozenset("""Inc Corp Corporation Ltd Limited LLC PLC plc Group Co Company Bank
    Holdings Partners Capital Council Ministry Department Agency Authority Commission
    Committee Party Union Association Foundation Trust Institute University College School
    Hospital Police Court Parliament Congress Senate Assembly Army Navy Force Forces Service
    Services Airlines Airways Energy Motors Systems Technologies Labs Media News Times Post
    Club FC United Board Office Bureau Fund Federation League Network Industries Airport
    Museum Church Society Organisation Organization Coalition Alliance Movement Academy
    Centre Center""".split())
# Words that make a longer name an organisation wherever they stand in it.
_ORG_HEADS = frozenset("""Institute University College Academy Ministry Department Council
    Agency Authority Commission Bank Museum Society Foundation School Hospital
    Centre Center""".split())
_ORG_PREFIXES = frozenset("""Ministry Department University Bank Office Bureau Council Court
    House Federal National Royal""".split())
_PLACE_SUFFIXES = frozenset("""City County Province Province State Region District Island
    Islands River Lake Valley Bay Street Road Avenue Square Bridge Port Harbour Harbor
    Mountains Heights Park Village Town Coast Sea Ocean""".split())
_PLACE_PREPOSITIONS = ("in ", "near ", "across ", "outside ", "to ", "from ")


@dataclass(frozen=True)
class Entity:
    name: str  # as written (most frequent form)
    kind: str  # PERSON, ORG or PLACE
    count: int = 1
    ticker: str | None = None

    @property
    def key(self) -> str:
        return entity_key(self.name)


def entity_key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data/places.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def tickers() -> dict[str, str]:
    """Company name or alias -> ticker, from the bundled table."""
    text = resources.files(__package__).joinpath("data/tickers.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        symbol, names = line.split("\t", 1)
        for name in names.split("|"):
            if name.strip():
                table[name.strip()] = symbol.strip()
    return table


def ticker_for(name: str) -> str | None:
    table = tickers()
    found = table.get(name)
    if found is None:
        words = name.split()
        # "Tesla Inc", "Shell plc": the company name without its legal suffix.
        if len(words) > 1 and words[-1].rstrip(".") in _ORG_SUFFIXES:
            found = table.get(" ".join(words[:-1]))
    return found


def _classify(name: str, before: str, sentence_initial: bool) -> str | None:
    words = name.split()
    prev_word = before.rstrip().rsplit(" ", 1)[-1].strip(",").rstrip(".") if before.strip() else ""
    if ticker_for(name):
        return ORG
    if name in _places():
        return PLACE
    if words[-1].rstrip(".") in _ORG_SUFFIXES or words[0] in _ORG_PREFIXES:
        return ORG
    if len(words) > 2 and any(w in _ORG_HEADS for w in words[1:-1]):
        return ORG  # "Kelmar Institute of Marine Science", "Royal Academy of Music"
    if words[-1] in _PLACE_SUFFIXES:
        return PLACE
    if prev_word in _PERSON_CUES or prev_word.lower() in _PERSON_LOWER_CUES:
        return PERSON
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6:
        return ORG  # an acronym: NATO, FBI, UNICEF
    if 2 <= len(words) <= 3 and all(w[0].isupper() and not w.isupper() for w in words):
        return PERSON  # "Anna Marsh": the commonest shape of a two-word name in news
    if len(words) == 1 and not sentence_initial and before.lower().endswith(_PLACE_PREPOSITIONS):
        return PLACE
    if len(words) == 1 and not sentence_initial and len(name) > 2:
        return OTHER  # "Belgrat", "Calloway": some name; a surname merges below
    return None


def extract(text: str) -> list[Entity]:
    """Entities in `text`, most mentioned first. Surnames alone count for the full name."""
    if not text:
        return []
    text = text[:20000]
    found: list[tuple[str, str]] = []
    for match in _CAP_SEQ.finditer(text):
        name = match.group(0).strip(" .,'’-&")
        before = text[max(0, match.start() - 40):match.start()]
        initial = bool(_SENTENCE_START.search(before))
        words = name.split()
        while words and (words[0] in _NOT_NAMES or words[0].rstrip(".") in _PERSON_CUES):
            before = before + " " + words[0]
            words = words[1:]
            initial = False
        while words and words[-1] in ("of", "de", "and", "&", "for", "the"):
            words = words[:-1]
        if not words:
            continue
        # "Northfield-built", "Lodestar's": the name is the part before the suffix.
        words[-1] = _SUFFIX.sub("", words[-1])
        name = " ".join(words)
        if len(name) < 2 or name.isdigit():
            continue
        kind = _classify(name, before, initial)
        if kind is not None:
            found.append((name, kind))
    return _merge(found)


def _merge(found: list[tuple[str, str]]) -> list[Entity]:
    counts: Counter[tuple[str, str]] = Counter(found)
    people = {n for n, k in counts if k == PERSON and " " in n}
    by_surname = {n.split()[-1]: n for n in sorted(people)}
    merged: Counter[tuple[str, str]] = Counter()
    for (name, kind), n in counts.items():
        if " " not in name and name in by_surname and kind in (PERSON, OTHER):
            merged[(by_surname[name], PERSON)] += n
        else:
            merged[(name, kind)] += n
    return [Entity(name, kind, n, ticker_for(name) if kind == ORG else None)
            for (name, kind), n in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))]
