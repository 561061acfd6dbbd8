from desktop_reader.core.stories.entities import ORG, PERSON, PLACE, extract, ticker_for


def _kinds(text: str) -> dict[str, str]:
    return {e.name: e.kind for e in extract(text)}


def test_people_organisations_and_places_from_cues() -> None:
    kinds = _kinds(
        "President Anna Marsh met Tesla Inc executives in Berlin on Monday. "
        "The Westhaven City Council voted, and NATO said it was watching."
    )
    assert kinds["Anna Marsh"] == PERSON
    assert kinds["Tesla Inc"] == ORG
    assert kinds["Berlin"] == PLACE
    assert kinds["Westhaven City Council"] == ORG
    assert kinds["NATO"] == ORG
    # Sentence-initial words and weekdays are not names.
    assert "The Westhaven City Council" not in kinds and "Monday" not in kinds


def test_surname_alone_counts_for_the_full_name() -> None:
    found = extract(
        "Detective Inspector Ruth Calloway led the inquiry. Officers said "
        "that Calloway had asked for footage."
    )
    assert [e.count for e in found if e.name == "Ruth Calloway"] == [2]


def test_listed_companies_get_their_ticker_from_the_bundled_table() -> None:
    assert ticker_for("Siemens") == "SIEGY"
    assert ticker_for("Microsoft") == "MSFT"
    assert ticker_for("Tesla Inc") == "TSLA"
    assert ticker_for("Dorran Chemicals") is None
    found = {e.name: e.ticker for e in extract("Shares in Nvidia rose after Boeing said so.")}
    assert found == {"Nvidia": "NVDA", "Boeing": "BA"}
