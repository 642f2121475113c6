"""The timeline of events (``compare.timeline``): dated events at their date, the rest placed
by publication and marked unsure, events with no date evidence last."""

from __future__ import annotations

from marsad.compare.timeline import place_event, timeline
from marsad.model import Event, EventArticle, EventDate, Outlet


def _event(
    event_id: str,
    date: EventDate | None,
    published: tuple[str | None, ...] = (),
    related: tuple[str, ...] = (),
) -> Event:
    articles = tuple(
        EventArticle(
            id=f"{event_id}-{index}",
            source=f"in/{event_id}-{index}.txt",
            outlet=Outlet(f"outlet{index}.example", f"outlet{index}.example"),
            title=f"خبر رقم {index}",
            published=value,
        )
        for index, value in enumerate(published)
    )
    return Event(
        id=event_id,
        title=f"حدث {event_id}",
        date=date,
        place=None,
        participants=(),
        articles=articles,
        related=related,
    )


def test_dated_events_sorted_by_date() -> None:
    late = _event("ev-late", EventDate("2026-11-20", "day", 0.9), ("2026-11-21",))
    early = _event("ev-early", EventDate("2026-11-02", "day", 1.0), ("2026-11-22T10:00:00+03:00",))
    middle = _event("ev-middle", EventDate("2026-11-10", "day", 0.5), (), related=("ev-late",))
    rows = timeline([late, early, middle])
    assert [row["id"] for row in rows] == ["ev-early", "ev-middle", "ev-late"]
    assert all(row["dated"] is True for row in rows)
    assert all(row["placed_by"] == "event_date" for row in rows)
    assert [row["sort_date"] for row in rows] == ["2026-11-02", "2026-11-10", "2026-11-20"]
    middle_row = rows[1]
    assert middle_row["date"] == {"value": "2026-11-10", "granularity": "day", "confidence": 0.5}
    assert middle_row["related"] == ["ev-late"]
    assert middle_row["articles"] == 0
    assert middle_row["title"] == "حدث ev-middle"


def test_weekday_only_and_undated_events_are_placed_by_earliest_publication() -> None:
    weekday = _event(
        "ev-weekday",
        EventDate("XXXX-WXX-3", "weekday", 0.2),
        ("2026-11-19T08:30:00+03:00", "2026-11-18T22:00:00+03:00", None),
    )
    undated = _event("ev-undated", None, ("2026-11-15",))
    dated = _event("ev-dated", EventDate("2026-11-17", "day", 1.0), ("2026-11-17",))
    rows = timeline([weekday, undated, dated])
    assert [row["id"] for row in rows] == ["ev-undated", "ev-dated", "ev-weekday"]
    by_id = {row["id"]: row for row in rows}

    assert by_id["ev-weekday"]["sort_date"] == "2026-11-18"
    assert by_id["ev-weekday"]["placed_by"] == "published"
    assert by_id["ev-weekday"]["dated"] is False
    assert by_id["ev-weekday"]["date"]["granularity"] == "weekday"
    assert by_id["ev-weekday"]["articles"] == 3

    assert by_id["ev-undated"]["sort_date"] == "2026-11-15"
    assert by_id["ev-undated"]["placed_by"] == "published"
    assert by_id["ev-undated"]["dated"] is False
    assert by_id["ev-undated"]["date"] is None

    assert by_id["ev-dated"]["dated"] is True


def test_month_only_event_without_publication_uses_the_first_of_the_month() -> None:
    month = _event("ev-month", EventDate("2026-10", "month", 0.3))
    assert place_event(month) == ("2026-10-01", "month")
    (row,) = timeline([month])
    assert row["dated"] is False
    # with a publication day, that day places it
    published = _event("ev-month-pub", EventDate("2026-10", "month", 0.3), ("2026-10-12",))
    assert place_event(published) == ("2026-10-12", "published")


def test_events_without_date_evidence_come_last() -> None:
    nothing_b = _event("ev-b-nothing", None, (None, "غير معروف"))
    nothing_a = _event("ev-a-nothing", EventDate("XXXX-WXX-5", "weekday", 0.2))
    dated = _event("ev-dated", EventDate("2026-11-17", "day", 1.0))
    published = _event("ev-published", None, ("2026-11-22",))
    rows = timeline([nothing_b, nothing_a, dated, published])
    assert [row["id"] for row in rows] == [
        "ev-dated",
        "ev-published",
        "ev-a-nothing",
        "ev-b-nothing",
    ]
    for row in rows[2:]:
        assert row["sort_date"] is None
        assert row["placed_by"] is None
        assert row["dated"] is False
    assert place_event(nothing_b) == (None, None)


def test_same_day_events_keep_a_stable_order() -> None:
    second = _event("ev-2", EventDate("2026-11-17", "day", 1.0))
    first = _event("ev-1", None, ("2026-11-17T23:59:00+03:00",))
    assert [row["id"] for row in timeline([second, first])] == ["ev-1", "ev-2"]
    assert timeline([]) == []
