"""Heuristic named entities: people, organisations, places, and tickers.

No model: capitalised word sequences, with stoplists for sentence-initial words,
cue words before a name ("President X", "minister X") or at its end ("X Inc",
"X Council"), a small bundled gazetteer of countries and big cities, and a hand-made
table of listed companies and their tickers (data/tickers.tsv). Good enough to say
which names two articles share and to show a story's people and places; it does not
pretend to be a full NER.

Two passes. The first finds the names (what story grouping compares) and merges a
surname into its full name. The second types each name from all its mentions, and
only with evidence, since a wrong chip is worse than a missing one:
- a person has a title or role before it ("Chief executive X", "Match-winner X"),
  "Mr/Ms/Dr <surname>" elsewhere, or a common given name first (data/first_names.txt);
- an organisation ends with a legal, institutional, company or club word ("Holdings",
  "Semiconductor", "Rovers"), is a listed company, or is an acronym;
- a place is in the gazetteer, ends with a place word ("Stadium", "Quay", "Street"),
  or is a single name written after "in"/"near" and never the subject of "said";
- anything else is OTHER: used for grouping, never shown.
Fragments are cut before the first pass: a time word's possessive ("Saturday's
National Cup"), a hyphenated role ("Match-winner Jonas Eklund"), an inner possessive
("Harbour's Anika Stroud") and "X and Y" (two names). Acronyms that are not names
("AI", "CEO", "GDP") are dropped. Tickers the text states ("(NYSE: XYZ)", "(XYZ.N)",
"$XYZ") are attached to the company named just before them.
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
_NOT_NAMES = frozenset(
    """A An The This That These Those It Its He She They We I You His Her Their
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
    Last Next New Former Top Local National State Federal City Government Court""".split()
)
_PERSON_CUES = frozenset(
    """President Minister Chancellor Senator Sen Rep Representative Governor
    Mayor Judge Justice Mr Mrs Ms Dr Sir Dame Prof Professor Lord Lady King Queen Prince
    Princess Pope Rev Gen General Col Colonel Capt Captain Lt Sgt Officer Detective Inspector
    Superintendent Commissioner Secretary Ambassador Envoy Spokesman Spokeswoman Spokesperson
    CEO Chairman Chairwoman Chair Director Coach Manager Actor Actress Singer Rapper Star
    Striker Midfielder Defender Goalkeeper Leader""".split()
)
_PERSON_LOWER_CUES = frozenset(
    """minister president spokesman spokeswoman spokesperson
    singer actor actress rapper coach chief director executive chairman secretary envoy
    ambassador senator governor mayor judge lawyer attorney striker star leader
    economist analyst inspector detective officer told""".split()
)
_ORG_SUFFIXES = frozenset(
    """Inc Corp Corporation Ltd Limited LLC PLC plc Group Co Company Bank
    Holdings Partners Capital Council Ministry Department Agency Authority Commission
    Committee Party Union Association Foundation Trust Institute University College School
    Hospital Police Court Parliament Congress Senate Assembly Army Navy Force Forces Service
    Services Airlines Airways Energy Motors Systems Technologies Labs Media News Times Post
    Club FC United Board Office Bureau Fund Federation League Network Industries Airport
    Museum Church Society Organisation Organization Coalition Alliance Movement Academy
    Centre Center""".split()
)
# Words that make a longer name an organisation wherever they stand in it.
_ORG_HEADS = frozenset(
    """Institute University College Academy Ministry Department Council
    Agency Authority Commission Bank Museum Society Foundation School Hospital
    Centre Center""".split()
)
_ORG_PREFIXES = frozenset(
    """Ministry Department University Bank Office Bureau Council Court
    House Federal National Royal""".split()
)
_PLACE_SUFFIXES = frozenset(
    """City County Province Province State Region District Island
    Islands River Lake Valley Bay Street Road Avenue Square Bridge Port Harbour Harbor
    Mountains Heights Park Village Town Coast Sea Ocean""".split()
)
_PLACE_PREPOSITIONS = ("in ", "near ", "across ", "outside ", "to ", "from ")
# Second pass (typing): evidence words.
_NON_NAMES = frozenset(
    """AI CEO CFO COO CTO GDP TV IPO EV EVs PM AM OK ID DNA RNA VAR MP MPs
    CCTV GPS SUV VAT PR HR FAQ PDF USB MW GW KW kWh MPH""".split()
)
# Acronyms that name things, not organisations: kept for grouping, never a chip.
_THING_ACRONYMS = frozenset("""AIDS HIV EBITDA CAT LTE SMS MRI CT LED GMO SARS COVID""".split())
_PLACE_ACRONYMS = frozenset("""US U.S USA U.S.A UK U.K UAE DRC L.A""".split())
_DEMONYM = re.compile(r"(?:ian|ean|can|ese|ish)$")  # "American", "Christian", "Chinese"
_JUNK = re.compile(r"\d|['’](?:m|re|ve|ll|d)$|n['’]t$|^[DRI]-[A-Z]|\s[A-Z]$")
_TIME_WORDS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Tonight
    Yesterday Tomorrow January February March April May June July August September October
    November December Weekend""".split()
)
_ORG_WORDS = _ORG_SUFFIXES | frozenset(
    """Semiconductor Semiconductors Microsystems Logic Homes
    Securities Mutual Wire Pharma Pharmaceuticals Therapeutics Biosciences Electric Electronics
    Foods Brands Retail Stores Mining Resources Petroleum Oil Gas Steel Telecom Communications
    Software Robotics Dynamics Aerospace Logistics Shipping Insurance Financial Investments
    Ventures Records Studios Pictures Entertainment Broadcasting Press Journal Herald Gazette
    Tribune Review Airline Rail Railways Transport Terminals Motors Automotive Chemicals Labs
    Rovers Athletic Wanderers Rangers Albion Hotspur Harriers Dynamo Sporting Olympic
    Olympiacos FC AFC CF SC Ministry Directorate Secretariat Cabinet Government Police""".split()
)
_PLACE_WORDS = _PLACE_SUFFIXES | frozenset(
    """Stadium Arena Ground Station Palace Castle Gardens
    Quay Dock Docks Wharf Pier Canal Reservoir Dam Motorway Highway Beach Peninsula Strait
    Gulf Desert Forest Mount Mountain Hill Hills Square Lane Way Crescent Terrace Estate
    Marina Cathedral Valley""".split()
)
_SPEECH_AFTER = re.compile(
    r"^\s*(?:said|says|told|announced|reported|confirmed|added|"
    r"agreed|has|had|will|would|shares)\b"
)
_IN_PLACE = re.compile(r"\b(?:in|near|outside|across)\s+$", re.IGNORECASE)
_NOT_PLACE_IN = re.compile(
    r"\b(?:shares?|stakes?|investments?|investors?|interest|holdings?)\s+"
    r"in\s*$",
    re.IGNORECASE,
)
_ADJECTIVE = re.compile(r"(?:al|ic|ive|ing|ous)$")  # "Electrical and Technical Workers' Union"
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Miss|Sir|Dame)\.?\s+([A-Z][\w'’\-]+)")
# "Shares of X", "Residents of X" at a sentence start: the name is X.
_LEADING_NOUNS = frozenset(
    """Shares Stocks Investors Analysts Officials Residents Fans Workers
    Members Leaders Staff Employees Customers Owners Parts Much Most Some All Many""".split()
)
_ROLE_PREFIX = re.compile(r"^[A-Z][a-z]+-[a-z]+$")  # "Match-winner", "Co-founder"
_EXCHANGE_TICKER = re.compile(
    r"\(\s*(?:[A-Z]{2,8}(?:\s[A-Z][a-z]+)?\s*:\s*(?P<sym>[A-Z]{1,5}(?:\.[A-Z])?)"
    r"|(?P<ric>[A-Z]{1,5})\.(?:N|O|OQ|L|TO|PA|DE|AS|HK|T|AX|MI|MC|SW|ST|CO|OL|HE))\s*\)"
)
_CASHTAG = re.compile(r"(?<![\w$])\$(?P<sym>[A-Z]{1,5})\b")


@dataclass(frozen=True)
class Entity:
    name: str  # as written (most frequent form)
    kind: str  # PERSON, ORG or PLACE
    count: int = 1
    ticker: str | None = None

    @property
    def key(self) -> str:
        return entity_key(self.name)


@lru_cache(maxsize=65536)  # stored names are keyed again each time a story is loaded
def entity_key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data/places.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


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
    evidence: dict[str, set[str]] = {}
    stated, spans = _stated_tickers(text)
    tickers_of: dict[str, str] = {}
    for match in _CAP_SEQ.finditer(text):
        if any(a <= match.start() < b for a, b in spans):
            continue  # the symbol itself ("NYSE: XYZ") is not a name
        before = text[max(0, match.start() - 40) : match.start()]
        names = _names_in(match.group(0), before)
        for i, (name, before, initial, role) in enumerate(names):
            kind = _classify(name, before, initial)
            if kind is None:
                continue
            found.append((name, kind))
            seen = evidence.setdefault(name, set())
            after = text[match.end() : match.end() + 30]
            last = i == len(names) - 1
            if role or _person_cue(before):
                seen.add("role")
            if last and _SPEECH_AFTER.match(after):
                seen.add("speaks")
            if not initial and _IN_PLACE.search(before) and not _NOT_PLACE_IN.search(before):
                seen.add("in")
            symbol = stated.get(len(match.group(0).rstrip(" .,'’-&")) + match.start())
            if symbol and last:
                tickers_of[name] = symbol
    honorifics = {m.group(1) for m in _HONORIFIC.finditer(text)}
    entities = _merge(found)
    out = []
    attached = set(tickers_of.values())
    for e in entities:
        kind = _type(e, evidence.get(e.name, set()), honorifics)
        ticker = tickers_of.get(e.name) or (ticker_for(e.name) if kind == ORG else None)
        out.append(Entity(e.name, ORG if ticker else kind, e.count, ticker))
    out = _same_names_once(out)
    for symbol, n in Counter(stated[p] for p in stated if stated[p] not in attached).items():
        out.append(Entity(symbol, ORG, n, symbol))  # "$XYZ" with no company named beside it
    return out


def _same_names_once(entities: list[Entity]) -> list[Entity]:
    """One entry a name: the first pass may type a name two ways ("in Brannoch", "Brannoch
    said"); its counts add up under the kind of its most frequent entry."""
    first: dict[str, Entity] = {}
    counts: Counter[str] = Counter()
    for e in entities:
        first.setdefault(e.name, e)
        counts[e.name] += e.count
    merged = [Entity(n, first[n].kind, counts[n], first[n].ticker) for n in first]
    return sorted(merged, key=lambda e: (-e.count, e.name))


def _stated_tickers(text: str) -> tuple[dict[int, str], list[tuple[int, int]]]:
    """Tickers written in the text, keyed by where the name they follow ends (a cashtag
    follows no name: keyed below zero), and the spans they take."""
    out: dict[int, str] = {}
    spans: list[tuple[int, int]] = []
    for m in _EXCHANGE_TICKER.finditer(text):
        out[len(text[: m.start()].rstrip())] = m["sym"] or m["ric"]
        spans.append((m.start(), m.end()))
    for m in _CASHTAG.finditer(text):
        out[-m.start() - 1] = m["sym"]
        spans.append((m.start(), m.end()))
    return out, spans


def _names_in(raw: str, before: str) -> list[tuple[str, str, bool, bool]]:
    """The clean names in one capitalised run: (name, text before, sentence-initial, role)."""
    name = raw.strip(" .,'’-&")
    initial = bool(_SENTENCE_START.search(before))
    words = name.split()
    role = False
    if len(words) > 2 and initial and words[0] in _LEADING_NOUNS and words[1] in ("of", "in"):
        before, words, initial = before + " " + " ".join(words[:2]), words[2:], False
    while words and (
        words[0] in ("of", "and", "&", "for", "de", "the")
        or words[0] in _NOT_NAMES
        or words[0].rstrip(".") in _PERSON_CUES
        or _SUFFIX.sub("", words[0]) in _TIME_WORDS
        or (len(words) > 1 and _ROLE_PREFIX.match(words[0]) is not None)
    ):
        role = (
            role or _ROLE_PREFIX.match(words[0]) is not None or words[0].rstrip(".") in _PERSON_CUES
        )
        before = before + " " + words[0]
        words = words[1:]
        initial = False
    out: list[tuple[str, str, bool, bool]] = []
    part: list[str] = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        if (
            word == "and"
            and part
            and " of " not in " ".join(part)
            and not (len(part) == 1 and _ADJECTIVE.search(part[0]))
        ):
            out.append((" ".join(part), before, initial, role))  # "Kingsbridge and Harbour City"
            before, initial, role, part = before + " and", False, False, []
            continue
        if (
            not last
            and re.search(r"['’]s$", word)
            and i + 1 < len(words)
            and words[i + 1][:1].isupper()
        ):
            part.append(_SUFFIX.sub("", word))  # "Harbour's Anika Stroud": two names
            out.append((" ".join(part), before, initial, False))
            before, initial, role, part = before + " " + word, False, False, []
            continue
        if (
            part
            and word.rstrip(".") in _PERSON_CUES
            and not last
            and word[0].isupper()
            and words[i + 1][:1].isupper()
            and words[i + 1].rstrip(".") not in _PERSON_CUES
        ):
            # "Central Bank Chairman Viktor Gerashchenko": an organisation, then a person.
            out.append((" ".join(part), before, initial, False))
            before, initial, role, part = before + " " + word, False, True, []
            continue
        part.append(word)
    if part:
        out.append((" ".join(part), before, initial, role))
    clean = []
    for name, before, initial, role in out:
        words = name.split()
        while words and words[-1] in ("of", "de", "and", "&", "for", "the"):
            words = words[:-1]
        if not words:
            continue
        # "Northfield-built", "Lodestar's": the name is the part before the suffix.
        words[-1] = _SUFFIX.sub("", words[-1])
        name = " ".join(words)
        if len(name) < 2 or name.isdigit() or name in _NON_NAMES:
            continue
        clean.append((name, before, initial, role))
    return clean


def _person_cue(before: str) -> bool:
    prev = before.rstrip().rsplit(" ", 1)[-1].strip(",").rstrip(".") if before.strip() else ""
    return prev in _PERSON_CUES or prev.lower() in _PERSON_LOWER_CUES


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data/first_names.txt").read_text("utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


def _type(entity: Entity, seen: set[str], honorifics: set[str]) -> str:
    """The kind shown for a name, from every mention of it (see the module rules)."""
    name, words = entity.name, entity.name.split()
    if _JUNK.search(name) or name in _THING_ACRONYMS:
        return OTHER  # "Q10", "I'm", "D-N.Y", "Richard M", "AIDS"
    if ticker_for(name):
        return ORG
    if name in _places() or name.rstrip(".") in _PLACE_ACRONYMS:
        return PLACE
    if words[0] in ("Radio", "Television", "Channel") and len(words) > 1:
        return ORG
    if len(words) == 1 and (name in _ORG_WORDS or name in _PLACE_WORDS):
        return OTHER  # "Bank", "Union", "Port": a generic word, not a name
    if (
        words[-1].rstrip(".") in _ORG_WORDS
        or words[0] in _ORG_PREFIXES
        or (len(words) > 2 and any(w in _ORG_HEADS for w in words[1:-1]))
    ):
        return ORG
    if "role" in seen and len(words) in (2, 3):
        return PERSON  # "chief executive Anna Park"
    if words[-1] in _PLACE_WORDS or words[0] in ("Mount", "Lake", "Cape", "Port"):
        return PLACE if len(words) > 1 else OTHER
    if len(words) == 1 and name.isupper() and 2 <= len(name) <= 6:
        return ORG  # an acronym: NATO, FBI, UNICEF
    if entity.kind == PERSON or len(words) in (2, 3):
        if "role" in seen or words[-1] in honorifics or words[0] in _first_names():
            return PERSON
        return OTHER
    if len(words) == 1 and "in" in seen and "speaks" not in seen and not _DEMONYM.search(name):
        return PLACE
    return OTHER


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
    return [
        Entity(name, kind, n, None)
        for (name, kind), n in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
