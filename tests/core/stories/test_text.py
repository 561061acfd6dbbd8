from desktop_reader.core.stories import text as tx
from desktop_reader.core.stories.vectors import features


def test_languages_are_told_apart_cheaply() -> None:
    assert tx.detect_language("The minister said the talks would resume next week.") == "en"
    assert tx.detect_language("Die Gewerkschaft fordert mehr Lohn für die Beschäftigten.") == "de"
    assert tx.detect_language("Le feu est fixé selon la préfecture, pour les habitants.") == "fr"
    assert tx.detect_language("南方多地遭遇强降雨") == "zh"
    assert tx.detect_language("東京で地震がありました") == "ja"
    assert tx.detect_language("서울에서 지진이 발생했다") == "ko"
    assert tx.detect_language("") == "und"


def test_cjk_text_becomes_character_bigrams_and_odd_text_does_not_crash() -> None:
    assert tx.tokens("北京地震", "zh") == ["北京", "京地", "地震"]
    for odd in ["", "   ", "\u200b\u200d👩‍👩‍👧", "x" * 100_000, "مرحبا Ahmed 2026", "𝐁𝐨𝐥𝐝"]:
        feat = features(odd[:50], odd)
        assert isinstance(feat.tf, dict)


def test_republished_text_gets_the_same_fingerprint() -> None:
    body = "A magnitude 6.2 earthquake struck the north early on Thursday. " * 6
    again = tx.fingerprints("B", body.upper() + " More follows.")
    assert set(tx.fingerprints("A", body)) & set(again)
    assert not set(tx.fingerprints("A", body)) & set(tx.fingerprints("A", "Another text " * 30))


def test_outlet_suffix_is_removed_from_titles() -> None:
    assert (
        tx.clean_title("Gang steals £3m of jewellery from store - Westhaven Courier")
        == "Gang steals £3m of jewellery from store"
    )
    assert tx.clean_title("Alstom - a profile") == "Alstom - a profile"
