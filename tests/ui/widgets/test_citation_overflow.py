"""A fact reported by many outlets: three citations, then "+N more" that lists the rest.

Five invented outlets report one bridge closure, each in its own words; the story is
stored and described the way a refresh does it, then shown in the real story pane.
"""

from __future__ import annotations

from desktop_reader.core.reader import Reader
from desktop_reader.core.stories.summary import Summary
from desktop_reader.ui.widgets.story_pane import StoryPane
from tests.ui.story_fixtures import store_story

LEADS = [
    "The Harrow Street bridge in Calder will close for eight weeks of repairs from Monday, "
    "the city council said.",
    "Calder city council will close the Harrow Street bridge for eight weeks of repairs "
    "starting Monday.",
    "The Harrow Street bridge in Calder closes on Monday for eight weeks of repairs, the "
    "council announced.",
    "Repairs will close Calder's Harrow Street bridge for eight weeks from Monday, the city "
    "council said.",
    "From Monday the Harrow Street bridge in Calder will be closed for eight weeks of repairs, "
    "council officials said.",
]
DETAILS = [
    "Engineers found corroded steel cables under the deck during an inspection in March.",
    "Buses on routes 4 and 11 will be diverted over the Mill Lane crossing until June.",
    "Cyclists and pedestrians can use a temporary walkway on the east side of the bridge.",
    "The repairs will cost 2.4 million pounds, paid from the council's roads budget.",
    "Shops on Harrow Street said they feared losing trade while the bridge is closed.",
]
OUTLETS = ["Calder Post", "Northern Wire", "Valley Times", "City Radio", "The Courier"]


def _library_with_story(tmp_path):  # type: ignore[no-untyped-def]
    from desktop_reader.core.pipeline.library import Library

    library = Library.open(tmp_path / "library")
    items = [
        (outlet, f"Harrow Street bridge to close ({outlet})", f"{lead}\n\n{detail}")
        for outlet, lead, detail in zip(OUTLETS, LEADS, DETAILS, strict=True)
    ]
    return library, store_story(library, items)


def test_at_most_three_citations_then_more_with_the_rest_on_hover(qtbot, tmp_path):
    library, story_id = _library_with_story(tmp_path)
    reader = Reader(library)
    pane = StoryPane(reader, library.media)
    qtbot.addWidget(pane)
    pane.resize(1000, 800)
    pane.show()
    detail = pane.show_story(story_id)
    assert detail is not None and len(detail.members) == 5
    summary = Summary.from_dict(detail.summary)
    crowded = [s for s in summary.sentences if len(s.citations) > 3]
    assert crowded, [s.cited_text() for s in summary.sentences]
    sentence = crowded[0]
    label = next(
        lb for lb in pane.story_view.summary_labels if sentence.text in lb.accessibleName()
    )
    # Shown: the quoted article first, then the two closest others; never more than three.
    shown = [c.number for c in label.citations if f"[{c.number}]" in label.text()]
    assert shown[:3] == list(sentence.citations[:3])
    assert label.text().count('href="cite:') <= 3 * len(
        [s for s in summary.sentences if s.text in label.accessibleName()]
    )
    rest = sentence.citations[3:]
    assert f"+{len(rest)}\u00a0more" in label.text()
    more = label.more_links()
    assert more
    tip = label.tooltip_for_link(more[0])
    for number in rest:
        member = detail.members[number - 1]
        assert f"[{number}] {member.outlet}" in tip and member.title in tip
    for number in sentence.citations[:3]:
        assert f"[{number}] {detail.members[number - 1].outlet}" not in tip
    # A screen reader still hears every source.
    for number in sentence.citations:
        assert f"citation {number}:" in label.accessibleDescription()


def test_each_shown_citation_opens_the_sentence_that_supports_it(qtbot, tmp_path):
    library, story_id = _library_with_story(tmp_path)
    reader = Reader(library)
    pane = StoryPane(reader, library.media)
    qtbot.addWidget(pane)
    pane.resize(1000, 800)
    pane.show()
    detail = pane.show_story(story_id)
    summary = Summary.from_dict(detail.summary)
    sentence = max(summary.sentences, key=lambda s: len(s.citations))
    index = next(i for i, sec in enumerate(summary.sections) if sentence in sec.sentences)
    label = pane.story_view.summary_labels[index]
    before = summary.sections[index].sentences
    first = sum(min(3, len(s.citations)) for s in before[: before.index(sentence)])
    for k in range(first, first + min(3, len(sentence.citations))):
        assert label.citations[k].number == sentence.citations[k - first]
        with qtbot.waitSignal(pane.story_view.sig_open_citation) as blocker:
            label.activate(k)
        article = reader.article(blocker.args[0])
        supporting = article.text[blocker.args[1] : blocker.args[2]]
        # The highlighted sentence is this outlet's own telling of the same closure.
        assert "bridge" in supporting and "eight weeks" in supporting
        assert " ".join(pane.cited.view.highlighted_text().split()) == " ".join(supporting.split())
        pane.back()
