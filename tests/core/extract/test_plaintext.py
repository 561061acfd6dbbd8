"""html_to_text: paragraph-aware plain text, also used for feed content."""

from __future__ import annotations

from desktop_reader.core.extract import html_to_text


def test_blocks_become_paragraphs_and_headings_stay_their_own() -> None:
    html = (
        "<h2>What happened</h2><p>First   line\n of text.<br>Second line.</p>"
        "<ul><li>one</li><li>two</li></ul><blockquote>Quoted.</blockquote>"
        "<figure><img src='x.jpg'><figcaption>A caption</figcaption></figure>"
        "<p>Last <!-- hidden --> words.</p><script>var x = 1;</script>"
    )
    assert html_to_text(html) == (
        "What happened\n\nFirst line of text.\nSecond line.\n\none\n\ntwo\n\nQuoted.\n\nLast words."
    )


def test_preformatted_text_keeps_its_layout() -> None:
    assert (
        html_to_text("<p>Code:</p><pre>def f():\n    return 1</pre>")
        == "Code:\n\ndef f():\n    return 1"
    )


def test_plain_text_and_odd_input() -> None:
    assert html_to_text("Just words, no tags.") == "Just words, no tags."
    assert html_to_text("") == "" and html_to_text("   ") == ""
    assert html_to_text("<p>&lt;b&gt; is &amp; stays text</p>") == "<b> is & stays text"
    assert "deep" in html_to_text("<div>" * 200 + "deep" + "</div>" * 200)
    assert len(html_to_text("<p>" + "x" * 20000 + "</p>")) == 20000
