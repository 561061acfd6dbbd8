"""Headings like a newspaper's, on invented sentences and titles.

A section heading is a whole phrase of its own section's words (or a whole article
title); never a fragment cut mid-phrase ("...Would Publish the Full", "...Dictator
Augusto"), never opening on a pronoun, never lower case first. Title labels are
stripped from headlines.
"""

from __future__ import annotations

import re

import pytest

from desktop_reader.core.stories.headings import make_heading, section_heading, strip_label
from desktop_reader.core.stories.headline import tidy

# sentence -> the heading a sub-editor would accept ("" = no clean heading in it)
SENTENCES = {
    "The Lodestar probe entered orbit around Mars on Tuesday after a journey that began in "
    "2024, the agency said.": "The Lodestar Probe Entered Orbit Around Mars",
    "Bergstrom said the Marovia Olympic Committee would publish the full report of its "
    "ethics panel next month.": "",
    # Not "Jonas Eklund Scored Seven Minutes": the measure keeps its "from the end".
    "Jonas Eklund scored seven minutes from the end to give Rovers the cup.": "",
    "Europe's top official said Friday that he hoped former Chilean dictator Augusto "
    "Pinochet would be extradited to Spain.": "",
    "Police in Westhaven arrested three men on Monday over the jewellery raid, a "
    "spokesman said.": "Police in Westhaven Arrested Three Men",
    "They won last May's final after extra time.": "",
    "“We are not going anywhere,” the union leader told reporters.": "",
    "After a night of talks, union and port owners agreed to meet again on Friday.": (
        "Union and Port Owners Agreed to Meet Again"
    ),
    "After a night of talks, the two sides agreed to meet again on Friday.": "",
    "The outage began at about 5.40 a.m. and lasted four hours.": "The Outage Began",
    # Each leaves its phrase open: the verb's complement or clause was cut away.
    "The surprise visit came as talks on the harbour treaty stalled.": "",
    "Proposals were made that the league should expand.": "",
    "Prosecutors charge Dalby helped finance the smuggling ring.": "",
    "Ostrava became the first city in the region to ban cars.": "",
    "The strike marked the first time dockers had walked out since 1989.": "",
    "Harbour officials questioned whether the ferry was safe.": "",
    "Port union leaders said Friday that the strike would go on.": "",
    "The mayor of Westhaven said in Calder that the bridge would reopen.": "",
    "The harbour strike ended after nine days.": "The Harbour Strike Ended After Nine Days",
    # "At least" counts; it sets no scene to strip (not "The Strongest of Magnitude 5.1").
    "At least a dozen aftershocks followed, the strongest of magnitude 5.1 at 5 a.m.": "",
    "The Bank of England raised interest rates to 5.25 percent, its highest level since "
    "2008.": "The Bank of England Raised Interest Rates to 5.25 Percent",
}
DANGLING = set(
    "a an the and or but nor of to in on at for with from by as than that which "
    "who whose is are was were be been has have had will would can could should "
    "its their his her our this these said says".split()
)


@pytest.mark.parametrize("sentence", sorted(SENTENCES))
def test_a_heading_is_a_whole_clause_or_nothing(sentence: str) -> None:
    assert make_heading(sentence) == SENTENCES[sentence]


@pytest.mark.parametrize("sentence", sorted(SENTENCES))
def test_headings_use_the_sentence_words_in_order_and_end_cleanly(sentence: str) -> None:
    heading = make_heading(sentence)
    if not heading:
        return
    words = heading.split()
    assert 3 <= len(words) <= 10 and words[0][0].isupper()
    assert words[-1].lower() not in DANGLING
    flat = " ".join(sentence.lower().split())
    pattern = r"\b" + r"\b.*\b".join(re.escape(w.lower()) for w in words) + r"\b"
    assert re.search(pattern, flat), heading


def test_a_section_falls_back_to_a_fitting_title_then_to_its_name() -> None:
    quotes = [
        "“We are not going anywhere,” the union leader told reporters at Calder port.",
        "“Nobody wants a long strike,” the port's owner said of the Calder port dispute.",
    ]
    titles = [
        "LIVE: Calder port strike enters its second week",
        "Calder port owner and union trade blame",
    ]
    assert section_heading(quotes, titles, set()) == "Calder port strike enters its second week"
    assert (
        section_heading(quotes, titles, {"calder port strike enters its second week"})
        == "Calder port owner and union trade blame"
    )
    assert section_heading(quotes, [], set()) == "Calder"  # the one name: a whole phrase
    plain = [
        "Harbour Park will hold 41,000 fans for the final, the league said.",
        "Harbour Park will open its gates at noon.",
    ]
    assert section_heading(plain, [], set()) == "Harbour Park Will Hold 41,000 Fans for the Final"
    assert (
        section_heading(plain, [], {"harbour park will hold 41,000 fans for the final"})
        == "Harbour Park Will Open Its Gates at Noon"
    )


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Analysis: why the pound keeps falling", "Why the pound keeps falling"),
        ("LIVE: Storm Hala hits the coast - Northern Wire", "Storm Hala hits the coast"),
        (
            "Live updates: Storm Hala makes landfall near Calder",
            "Storm Hala makes landfall near Calder",
        ),
        ("Opinion | The bridge Calder needs", "The bridge Calder needs"),
        (
            "UPDATE 2-Ostra agrees to buy Brightwell for 1.2 bln stg",
            "Ostra agrees to buy Brightwell for 1.2 bln stg",
        ),
        ("UPDATE 2-EXCLUSIVE-Ostra weighs bid for Brightwell", "Ostra weighs bid for Brightwell"),
        (
            "Explainer: what the Brightwell deal means for farmers",
            "What the Brightwell deal means for farmers",
        ),
        (
            "Live-streamed concert draws a million viewers",
            "Live-streamed concert draws a million viewers",
        ),
        ("Opinion: Live music venues need help", "Live music venues need help"),
        ("Update: Storm", "Update: Storm"),  # nothing left worth showing: the label stays
    ],
)
def test_headline_labels_are_stripped_and_it_starts_upper_case(title: str, shown: str) -> None:
    assert tidy(title) == shown
    assert tidy(title)[0].isupper()


def test_strip_label_leaves_a_plain_title_alone() -> None:
    assert (
        strip_label("Watchdog fines Ostra over dairy prices")
        == "Watchdog fines Ostra over dairy prices"
    )
