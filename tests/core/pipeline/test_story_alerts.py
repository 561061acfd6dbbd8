"""Notification decisions: a story is announced once, when it reaches the chosen breadth."""

from __future__ import annotations

from desktop_reader.core.pipeline.story_alerts import alert_text, new_broad_stories

NOW = 1_770_000_000.0


def _story(conn, story_id: int, outlets: int, *, age_hours: float = 1, headline: str = "") -> None:
    conn.execute(
        "INSERT INTO stories(id, created, last_added, outlet_count, article_count, headline) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET outlet_count = excluded.outlet_count,"
        " article_count = excluded.article_count, last_added = excluded.last_added",
        (
            story_id,
            NOW - 86400,
            NOW - age_hours * 3600,
            outlets,
            outlets + 1,
            headline or f"Story {story_id}",
        ),
    )


def test_each_story_is_announced_once_when_it_crosses(conn) -> None:  # type: ignore[no-untyped-def]
    _story(conn, 1, 2)
    _story(conn, 2, 4)
    _story(conn, 3, 3, age_hours=72)  # broad but old: recorded, never announced
    assert [a.story_id for a in new_broad_stories(conn, 3, now=NOW)] == [2]
    # The next refresh: nothing changed, nothing to say.
    assert new_broad_stories(conn, 3, now=NOW + 60) == []
    # Story 1 gains a third outlet; story 2 a fifth (already announced).
    _story(conn, 1, 3)
    _story(conn, 2, 5)
    alerts = new_broad_stories(conn, 3, now=NOW + 120)
    assert [(a.story_id, a.outlet_count) for a in alerts] == [(1, 3)]
    _story(conn, 3, 6, age_hours=0)  # the old story comes back: it was already recorded
    assert new_broad_stories(conn, 3, now=NOW + 180) == []


def test_threshold_zero_turns_alerts_off(conn) -> None:  # type: ignore[no-untyped-def]
    _story(conn, 1, 9)
    assert new_broad_stories(conn, 0, now=NOW) == []
    assert [a.story_id for a in new_broad_stories(conn, 5, now=NOW)] == [1]


def test_one_notification_text_for_several_stories(conn) -> None:  # type: ignore[no-untyped-def]
    for i in range(1, 6):
        _story(conn, i, 3 + i, headline=f"Headline {i}")
    alerts = new_broad_stories(conn, 3, now=NOW)
    title, message = alert_text(alerts)
    assert title == "5 stories widely covered"
    assert message.splitlines() == [
        "• Headline 5 (8 outlets)",
        "• Headline 4 (7 outlets)",
        "• Headline 3 (6 outlets)",
        "and 2 more",
    ]
    assert alert_text(alerts[:1]) == ("Covered by 8 outlets", "Headline 5")
