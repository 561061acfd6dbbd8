"""Sentences from different articles side by side still read true (invented stories).

Rules (desktop_reader/core/stories/coherence.py): a sentence opening on a reference it
does not resolve comes only right after the sentence before it in its own article;
sentences keep the order of events (publication time, then position); no two say the
same; every section has two or more sentences.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop_reader.core.models import NewsItem
from desktop_reader.core.stories.coherence import needs_antecedent, split_sections
from desktop_reader.core.stories.sentences import content_sentences, title_sentence
from desktop_reader.core.stories.summary import Summary, first_person, summarize

T0 = datetime(2026, 5, 16, 9, 0, tzinfo=UTC)


def _item(n: int, hours: float, title: str, text: str) -> NewsItem:
    return NewsItem(
        id=f"a{n}",
        title=title,
        text=text,
        published=T0 + timedelta(hours=hours),
        source=f"Outlet {n}",
        url=None,
    )


# A cup final: a preview (earliest), the result (two outlets), a report on the other club.
CUP = [
    _item(
        1,
        0,
        "Rovers and Athletic meet in the National Cup final",
        "Rovers face Athletic in the National Cup final at Harbour Park on Saturday. "
        "Rovers have not won the National Cup since 1994. "
        "Athletic won the National Cup final last May after extra time. "
        "They are the favourites again, according to the bookmakers in Calder.\n\n"
        "Harbour Park will hold 41,000 fans for the National Cup final, the league said.",
    ),
    _item(
        2,
        30,
        "Rovers beat Athletic to win the National Cup",
        "Rovers beat Athletic 2-1 in the National Cup final at Harbour Park on Saturday. "
        "Jonas Eklund scored the winning goal for Rovers seven minutes from the end. "
        "It was the first National Cup for Rovers since 1994.\n\n"
        "The club said fans would celebrate with a parade through Calder on Sunday.",
    ),
    _item(
        3,
        31,
        "Eklund goal wins the National Cup for Rovers",
        "Rovers won the National Cup on Saturday, beating Athletic 2-1 at Harbour Park. "
        "Eklund scored the winning goal for Rovers late in the National Cup final. "
        "He joined Rovers from Athletic two years ago.\n\n"
        "Athletic had won the National Cup final last May after extra time. "
        "Their manager said the defeat at Harbour Park would hurt for a long time.",
    ),
]

# A takeover told by three outlets over two days, with many "The company" sentences.
TAKEOVER = [
    _item(
        1,
        0,
        "Brightwell agrees takeover by Ostra",
        "Ostra Foods agreed to buy the dairy group Brightwell for 1.2 billion pounds on "
        "Monday. The company said the takeover of Brightwell would close in the autumn. "
        "Brightwell shares rose 18 percent in London after the Ostra offer.\n\n"
        "Ostra Foods makes frozen meals in six countries and employs 9,000 people.",
    ),
    _item(
        2,
        4,
        "Ostra to buy Brightwell for 1.2 billion pounds",
        "Ostra Foods will buy Brightwell for 1.2 billion pounds, the two companies said on "
        "Monday. The deal needs the approval of the competition regulator in London. "
        "Brightwell shares jumped 18 percent in London after the Ostra offer.\n\n"
        "Unions at Brightwell asked Ostra Foods for a promise that no dairy would close.",
    ),
    _item(
        3,
        26,
        "Regulator to review the Ostra takeover of Brightwell",
        "The competition regulator said on Tuesday it would review the Ostra Foods "
        "takeover of Brightwell. It will decide within 40 working days whether to open a "
        "full inquiry into the takeover of Brightwell.\n\n"
        "Ostra Foods said it expected the takeover of Brightwell to close in the autumn. "
        "Brightwell runs eleven dairies and supplies milk to four supermarket chains.",
    ),
]
STORIES = {"cup": CUP, "takeover": TAKEOVER}


def _placed(items: list[NewsItem], summary: Summary) -> list[tuple[NewsItem, int]]:
    """(article, sentence position) of every summary sentence, in summary order."""
    by_id = {i.id: i for i in items}
    out = []
    for sentence in summary.sentences:
        src = sentence.sources[0]
        item = by_id[src.article_id]
        position = (
            -1
            if src.field == "title"
            else next(k for k, s in enumerate(content_sentences(item.text)) if s.start == src.start)
        )
        out.append((item, position))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "They won last May's final after extra time.",
        "He said the club would appeal.",
        "The company said the deal would close in the autumn.",
        "The two men were arrested at the scene.",
        "The 32-year-old joined the club in 2024.",
        "The procedure is part of the agreement signed last month.",
        "But the future of the measure was in doubt.",
        "However, the regulator may still block the deal.",
        "Their manager said the defeat would hurt.",
        "It will decide within 40 working days.",
        "“We are delighted,” she said.".replace("“We are delighted,” she", "She"),
        "In the second half, they scored twice more.",
        "The harbour authority, however, does not accept the figures.",
        "One would cap fares on the night ferries.",
        "All three were charged with fraud.",
        "Each of the ferries was at least an hour late.",
    ],
)
def test_openings_that_lean_on_the_sentence_before(text: str) -> None:
    assert needs_antecedent(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rovers beat Athletic 2-1 in the final on Saturday.",
        "Ostra Foods agreed to buy Brightwell for 1.2 billion pounds.",
        "The Dow Jones industrial average fell 210 points.",
        "Theresa Lind, the council leader, said the bridge would reopen in June.",
        "Police in Calder arrested two men on Monday.",
        "Thieves drove a stolen van into the shop front.",
        "In Westhaven, police arrested three men.",
        "Oneida County voted to close the ferry.",
        "On Monday, it was reported that the port had closed.",
    ],
)
def test_openings_that_stand_alone(text: str) -> None:
    assert not needs_antecedent(text)


def test_a_definite_subject_is_a_first_mention_only_when_it_opens_the_article() -> None:
    text = "The competition regulator said on Tuesday it would review the takeover."
    assert not needs_antecedent(text, opening=True)
    assert needs_antecedent(text)
    assert needs_antecedent("They said on Tuesday it would review the takeover.", opening=True)


@pytest.mark.parametrize("name", sorted(STORIES))
@pytest.mark.parametrize("words", [40, 70, 100, None])
def test_a_leaning_sentence_follows_its_own_antecedent(name: str, words: int | None) -> None:
    items = STORIES[name]
    summary = summarize(items, max_words=words)
    placed = _placed(items, summary)
    texts = [s.text for s in summary.sentences]
    for k, text in enumerate(texts):
        item, position = placed[k]
        opening = position == -1 or (
            position == 0 and title_sentence(item.title, item.text) is None
        )
        if needs_antecedent(text, opening=opening):
            assert k > 0, (name, text)
            prev_item, prev_position = placed[k - 1]
            # Right after the sentence before it in the same article, in the same section.
            assert prev_item.id == item.id and prev_position == position - 1, (name, texts)
            section = next(s for s in summary.sections if summary.sentences[k] in s.sentences)
            assert section.sentences.index(summary.sentences[k]) > 0, (name, texts)


def test_they_is_never_read_as_another_club() -> None:
    # "They are the favourites" (Athletic) must not follow a sentence about Rovers.
    for words in (40, 60, 80, 100, 140):
        texts = [s.text for s in summarize(CUP, max_words=words).sentences]
        if "They are the favourites again, according to the bookmakers in Calder." in texts:
            k = texts.index("They are the favourites again, according to the bookmakers in Calder.")
            assert (
                texts[k - 1] == "Athletic won the National Cup final last May after extra time."
            ), texts


@pytest.mark.parametrize("name", sorted(STORIES))
def test_sentences_keep_the_order_of_events(name: str) -> None:
    items = STORIES[name]
    summary = summarize(items, max_words=100)
    placed = _placed(items, summary)
    keys = [(item.published, int(item.id[1:]), position) for item, position in placed]
    assert len(keys) >= 3
    assert keys == sorted(keys), [s.text for s in summary.sentences]


def test_the_preview_comes_before_the_result() -> None:
    texts = [s.text for s in summarize(CUP, max_words=100).sentences]
    preview = [
        k
        for k, t in enumerate(texts)
        if "face Athletic" in t or "favourites" in t or "will hold" in t
    ]
    result = [
        k for k, t in enumerate(texts) if "beat" in t or "beating" in t or "winning goal" in t
    ]
    assert result, texts
    assert all(p < r for p in preview for r in result), texts


@pytest.mark.parametrize("name", sorted(STORIES))
def test_no_two_sentences_say_the_same(name: str) -> None:
    summary = summarize(STORIES[name], max_words=100)
    texts = [s.text for s in summary.sentences]
    # Each outlet's telling of the 2-1 win / the 1.2 billion offer / the 18 percent rise.
    for marker in ("2-1", "1.2 billion", "18 percent", "winning goal", "close in the autumn"):
        assert sum(marker in t for t in texts) <= 1, (marker, texts)


@pytest.mark.parametrize("name", sorted(STORIES))
@pytest.mark.parametrize("words", [40, 70, 100, None])
def test_every_section_has_two_or_more_sentences(name: str, words: int | None) -> None:
    summary = summarize(STORIES[name], max_words=words)
    if len(summary.sentences) >= 2:
        assert all(len(s.sentences) >= 2 for s in summary.sections), summary.to_text()


def test_sections_cut_where_the_topic_changes_but_never_off_an_antecedent() -> None:
    # Sentences 0-2 are one topic, 3-5 another; when 3 leans on 2 the cut moves off 3.
    topic = [0, 0, 0, 1, 1, 1]

    def similar(i: int, j: int) -> float:
        return 1.0 if topic[i] == topic[j] else 0.0

    assert split_sections(6, 2, similar, lambda i: False) == [(0, 3), (3, 6)]
    cut = split_sections(6, 2, similar, lambda i: i == 3)
    assert len(cut) == 2 and cut[0][1] != 3 and all(b - a >= 2 for a, b in cut)
    assert split_sections(3, 2, similar, lambda i: False) == [(0, 3)]  # no room for two
    assert split_sections(1, 3, similar, lambda i: False) == [(0, 1)]


def test_quote_tails_and_first_person_sentences_are_not_picked() -> None:
    # A quote whose marks were lost leaves "we" sentences and "Name, description." tails.
    text = (
        "The Calder council voted on Monday to close the Harrow Street bridge for repairs. "
        "We cannot wait any longer for the Harrow Street bridge repairs. "
        "Theresa Lind, the council leader at Calder. "
        "The Harrow Street bridge repairs will cost 2.4 million pounds, the council said."
    )
    items = [
        _item(n, n, f"Calder bridge {n}", text.replace("Monday", day))
        for n, day in ((1, "Monday"), (2, "Monday"), (3, "Monday"))
    ]
    texts = [s.text for s in summarize(items, max_words=60).sentences]
    assert texts, texts
    assert not any(t.startswith(("We cannot", "Theresa Lind, the council")) for t in texts)


def test_a_roman_numeral_i_is_not_a_first_person_sentence() -> None:
    # "World War I" and "Henry I" are history, told in the third person; "I" is a quote.
    assert not first_person("The memorial to the dead of World War I was restored in May.")
    assert not first_person("Henry I granted the town its charter in 1120, the museum says.")
    assert not first_person("Part I of the Harlow inquiry report was published on Monday.")
    assert first_person("When I saw the water rising, I ran to the school.")
    assert first_person("I think the Harlow bridge should never have reopened.")
    assert first_person("In March I told the council the bridge was unsafe.")
    assert first_person("The mayor said: \u201cI'm proud of the volunteers.\u201d")
    assert first_person("We will rebuild the Harlow bridge.")


def test_a_summary_keeps_a_sentence_naming_world_war_i() -> None:
    text = (
        "The Harlow war memorial, built after World War I, reopened on Monday after repairs. "
        "The Harlow council paid 80,000 pounds for the memorial repairs, the mayor said. "
        "I was moved to tears when the Harlow war memorial reopened."
    )
    items = [_item(n, n, f"Harlow memorial {n}", text) for n in (1, 2, 3)]
    texts = [s.text for s in summarize(items, max_words=60).sentences]
    assert any("World War I," in t for t in texts), texts
    assert not any(t.startswith("I was moved") for t in texts), texts
