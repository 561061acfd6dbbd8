"""Text normalisation for the story engine: tokens, language/script, fingerprints.

Everything here is cheap and deterministic: the clusterer runs it on every new
article, so no models, no downloads. Languages are told apart by Unicode script and,
for Latin text, by which stopword list matches best.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WORD = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a about above after again against all also am an and any are as at be
        because been before being below between both but by can could did do does doing down
        during each few for from further had has have having he her here hers herself him
        himself his how i if in into is it its itself just me more most my no nor not now of
        off on once only or other our ours out over own same she should so some such than that
        the their theirs them then there these they this those through to too under until up
        very was we were what when where which while who whom why will with would you your
        said says say told according week weeks year years day days monday tuesday wednesday
        thursday friday saturday sunday today yesterday tomorrow new one two three first last
        since may might must shall us per via mr mrs ms dr many much well back still even
        around near another including without within across among people time news report
        reported reports officials official statement earlier later late early morning evening
        night just like get got make made take took go went come came""".split()
    ),
    "de": frozenset(
        """der die das und ist nicht ein eine einen dem den des mit auf für von
        zu im in sich auch es sie er wir ihr sind war wurde werden hat haben bei nach aus
        als am an oder aber wie noch nur so vor über um durch dass diese dieser""".split()
    ),
    "fr": frozenset(
        """le la les et est un une des du de dans pour que qui sur pas par
        avec au aux ce cette il elle ils sont été plus ont se ne sa son ses mais ou où
        après avant selon lors""".split()
    ),
    "es": frozenset(
        """el la los las y es un una de del en que por con para no se su sus
        al lo como más pero fue son ha han este esta ese esa sobre tras según""".split()
    ),
    "it": frozenset(
        """il lo la gli le e è un una di del della dei in che per con non si
        al alla sono ha hanno questo questa anche dopo secondo""".split()
    ),
    "nl": frozenset(
        """de het een en is van in op te dat die niet met voor zijn aan er
        ook als bij door maar om dan naar werd worden heeft""".split()
    ),
}

# Unicode script blocks (first code point of the range) for non-Latin languages.
_SCRIPTS = (
    ("ko", 0xAC00, 0xD7AF),
    ("ja", 0x3040, 0x30FF),
    ("zh", 0x4E00, 0x9FFF),
    ("ru", 0x0400, 0x04FF),
    ("el", 0x0370, 0x03FF),
    ("ar", 0x0600, 0x06FF),
    ("he", 0x0590, 0x05FF),
    ("hi", 0x0900, 0x097F),
    ("th", 0x0E00, 0x0E7F),
)


def normalise(text: str) -> str:
    """NFKC, lower case, no diacritics on Latin letters, collapsed whitespace."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = unicodedata.normalize("NFD", text)
    if not text.isascii():  # combining marks are never ASCII: most news skips the scan
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def detect_language(text: str) -> str:
    """A language code good enough to keep stories within one language.

    Non-Latin scripts decide by majority script (Japanese wins over Chinese when any
    kana is present); Latin text picks the stopword list with most hits, "en" on a tie.
    Returns "und" for text with no letters.
    """
    sample = (text or "")[:3000]
    counts: dict[str, int] = {}
    if sample.isascii():  # the common case, counted without a Python loop
        latin = sum(map(str.isalpha, sample))
    else:
        latin = 0
        for ch in sample:
            code = ord(ch)
            if code < 0x250:
                latin += ch.isalpha()
                continue
            for lang, lo, hi in _SCRIPTS:
                if lo <= code <= hi:
                    counts[lang] = counts.get(lang, 0) + 1
                    break
    if counts.get("ja") and counts.get("zh"):
        counts["ja"] += counts.pop("zh")
    if counts:
        lang, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if n >= latin:
            return lang
    if not latin:
        return "und"
    words = [w for w in _WORD.findall(normalise(sample))][:400]
    best, best_hits = "en", 0
    for lang, stops in STOPWORDS.items():
        hits = sum(w in stops for w in words)
        if hits > best_hits or (hits == best_hits and lang == "en"):
            best, best_hits = lang, hits
    return best


def stem(word: str) -> str:
    """Fold plurals so "heists" meets "heist"; nothing cleverer (no lemmatiser offline)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _is_number(token: str) -> bool:
    return token[0].isdigit()


def tokens(text: str, language: str = "en") -> list[str]:
    """Content tokens: stopwords and short numbers dropped, CJK as character bigrams.

    Numbers of three or more digits are kept (amounts, casualties, flight numbers are
    distinctive); "1" or "12" are not.
    """
    norm = normalise(text)
    stops = STOPWORDS.get(language, frozenset()) | STOPWORDS["en"]
    out: list[str] = []
    cjk = not norm.isascii()  # only then can a token hold CJK characters
    for raw in _WORD.findall(norm):
        if cjk and _CJK.search(raw):
            out.extend(_cjk_bigrams(raw))
            continue
        word = raw.replace("’", "'").split("'")[0] if "'" in raw or "’" in raw else raw
        if not word:
            continue
        if _is_number(word):
            digits = sum(c.isdigit() for c in word)
            if digits >= 3:
                out.append(word.replace(",", ""))
            continue
        word = word.replace(",", "").replace(".", "")
        if len(word) < 2 or word in stops:
            continue
        out.append(stem(word))
    return out


def _cjk_bigrams(run: str) -> list[str]:
    chars = [c for c in run if not c.isspace()]
    if len(chars) == 1:
        return chars
    return [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]


def fingerprints(title: str, text: str) -> list[str]:
    """Hashes that match when the same text is republished (wire copies).

    One over the whole normalised body and one over its first 300 characters, so a
    copy with a different tail (an outlet's own "Read more") still matches. Bodies
    too short to be distinctive fall back to title + body.
    """
    body = re.sub(r"[^\w]+", " ", normalise((text or "")[:20000])).strip()
    found: list[str] = []
    if len(body) >= 150:
        found.append("b:" + hashlib.sha1(body.encode()).hexdigest()[:20])
        if len(body) >= 300:
            found.append("h:" + hashlib.sha1(body[:300].encode()).hexdigest()[:20])
    elif body:
        head = re.sub(r"[^\w]+", " ", normalise(title)).strip()
        if len(head) + len(body) >= 60:
            found.append("t:" + hashlib.sha1((head + "|" + body).encode()).hexdigest()[:20])
    return found


def lead(text: str, words: int = 120) -> str:
    """The first paragraphs, about `words` words: where news puts the who/what/where."""
    parts = (text or "")[:20000].split()
    return " ".join(parts[:words])


def clean_title(title: str) -> str:
    """A title without a trailing " - Outlet" / " | Outlet" and with spaces collapsed."""
    title = " ".join((title or "").split())
    match = re.match(r"^(.{15,}?)\s+[-–—|]\s+[^-–—|]{2,40}$", title)
    if match and len(match.group(1).split()) >= 3:
        return match.group(1).strip()
    return title
