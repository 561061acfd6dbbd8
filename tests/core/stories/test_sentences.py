"""Sentence segmentation with offsets, and the filter that keeps only content."""

from desktop_reader.core.stories.sentences import (
    content_sentences,
    rejection_reason,
    split_sentences,
    strip_dateline,
)

ARTICLE = (
    "KYIV, Ukraine (AP) — The U.S. envoy met Gen. Mark Ellis on Jan. 30 in Washington to "
    "discuss a pause in strikes on the power grid.\n\n"
    "By Jane Doe and Tim Roe\n\n"
    "Power use fell 3.5 percent in the last week, the grid operator said. "
    "J. R. Hollis, an analyst, said the figure was the lowest since 2019. "
    "Det. Sgt. Amira Haddad said the inquiry would take weeks.\n\n"
    '"Is this the end?" one resident asked. "We will not leave," another said.\n\n'
    "A firefighter works at the scene of a strike in Kyiv on Tuesday.\n\n"
    "(Photo: AP/Efrem Lukatsky)\n\n"
    "Read more: Why the talks failed\n\n"
    "Sign up for our morning newsletter to get the latest.\n\n"
    "Subscribe now and follow us on social media for live updates.\n\n"
    "© 2026 Example Wire. All rights reserved.\n\n"
    "What happens next for the grid?\n\n"
    "He declined."
)


def test_offsets_are_exact_and_abbreviations_do_not_split() -> None:
    sentences = split_sentences(ARTICLE)
    for s in sentences:
        assert ARTICLE[s.start : s.end] == s.text
    texts = [s.text for s in sentences]
    assert any(t.startswith("KYIV") and t.endswith("power grid.") for t in texts)
    assert "Power use fell 3.5 percent in the last week, the grid operator said." in texts
    assert any(t.startswith("J. R. Hollis") for t in texts)
    assert "Det. Sgt. Amira Haddad said the inquiry would take weeks." in texts


def test_dateline_is_stripped_by_moving_the_offset() -> None:
    first = strip_dateline(split_sentences(ARTICLE)[0])
    assert first.text.startswith("The U.S. envoy met Gen. Mark Ellis on Jan. 30")
    assert ARTICLE[first.start : first.end] == first.text


def test_only_content_survives_the_filter() -> None:
    kept = [s.text for s in content_sentences(ARTICLE)]
    assert kept[0].startswith("The U.S. envoy")
    joined = " ".join(kept)
    for junk in (
        "By Jane Doe",
        "Is this the end",
        "firefighter works",
        "Photo",
        "Read more",
        "Sign up",
        "Subscribe",
        "©",
        "What happens next",
        "He declined",
    ):
        assert junk not in joined, junk
    assert '"We will not leave," another said.' in kept


def test_rejection_reasons_name_the_kind_of_boilerplate() -> None:
    by_text = {s.text: rejection_reason(strip_dateline(s)) for s in split_sentences(ARTICLE)}
    assert by_text["By Jane Doe and Tim Roe"] == "byline"
    assert by_text["Read more: Why the talks failed"] == "boilerplate"
    assert by_text["What happens next for the grid?"] == "question or teaser"
    assert by_text["He declined."] == "too short"


def test_caption_with_inline_credit_is_dropped_but_neighbours_are_kept() -> None:
    text = (
        "Prices rose sharply in the last quarter of the year.\n\n"
        "Shoppers queue outside a store in Leeds. REUTERS/Phil Noble\n\n"
        "The central bank is expected to raise rates again in March."
    )
    kept = [s.text for s in content_sentences(text)]
    assert kept == [
        "Prices rose sharply in the last quarter of the year.",
        "The central bank is expected to raise rates again in March.",
    ]


def test_odd_input_does_not_crash() -> None:
    for text in ("", "\n\n\n", "no punctuation at all here", "…", "ÄÖÜ. 日本語のテキストです。"):
        for s in split_sentences(text):
            assert text[s.start : s.end] == s.text
        content_sentences(text)


def test_a_title_before_a_name_does_not_end_a_sentence_across_a_line_break() -> None:
    # Wire copy broken into lines after "Cmndr." or "Gov.": the name belongs to the sentence.
    text = (
        "The tribunal cleared Cmndr.\nAnselm Varga of every charge.\nHe was freed.\n"
        "The spill reached the marsh, said Calder Gov.\nIrena Holt."
    )
    assert [" ".join(s.text.split()) for s in split_sentences(text)] == [
        "The tribunal cleared Cmndr. Anselm Varga of every charge.",
        "He was freed.",
        "The spill reached the marsh, said Calder Gov. Irena Holt.",
    ]


def test_a_names_initials_do_not_end_a_sentence_across_a_line_break() -> None:
    # "President B.J.\nHabibie": the surname belongs to the sentence; "U.S." and a single
    # letter before a new sentence ("World War Z.\nHe...") still end one.
    text = (
        "The envoy was to meet President K.T.\nOdunsi on Tuesday.\n"
        "His lawyer, Marta L.\nVance, said the ruling was wrong.\n"
        "The talks were held in the U.S.\nOfficials said little.\n"
        "She starred in Planet Q.\nHe directed it."
    )
    assert [" ".join(s.text.split()) for s in split_sentences(text)] == [
        "The envoy was to meet President K.T. Odunsi on Tuesday.",
        "His lawyer, Marta L. Vance, said the ruling was wrong.",
        "The talks were held in the U.S.",
        "Officials said little.",
        "She starred in Planet Q.",
        "He directed it.",
    ]
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
