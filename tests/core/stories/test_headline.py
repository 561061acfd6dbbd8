from desktop_reader.core.stories.headline import Candidate, choose, tidy


def test_questions_teasers_shouting_and_tickers_lose_to_a_plain_statement() -> None:
    vec = {"heist": 0.7, "westhaven": 0.7}
    centroid = {"heist": 1.0, "westhaven": 1.0}
    cands = [
        Candidate(1, "WESTHAVEN HEIST: WHAT DO WE KNOW SO FAR?", vec),
        Candidate(2, "LIVE: Westhaven heist latest updates", vec),
        Candidate(3, "You won't believe what thieves took in Westhaven", vec),
        Candidate(
            4,
            "Gang steals £3m in Westhaven jewellery heist - The Courier",
            {"heist": 0.8, "westhaven": 0.6},
        ),
    ]
    chosen = choose(cands, centroid)
    assert chosen is not None and chosen.article_id == 4
    assert tidy(chosen.title) == "Gang steals £3m in Westhaven jewellery heist"


def test_the_most_central_title_wins_among_plain_ones() -> None:
    centroid = {"leak": 1.0, "chlorine": 1.0, "ellery": 1.0}
    cands = [
        Candidate(1, "Residents angry at council over parking fees", {"council": 1.0}),
        Candidate(
            2,
            "Chlorine leak at Port Ellery plant forces evacuation",
            {"leak": 0.6, "chlorine": 0.6, "ellery": 0.5},
        ),
    ]
    assert choose(cands, centroid).article_id == 2  # type: ignore[union-attr]
    assert choose([], centroid) is None
