"""Events in time order, each placed by its best evidence and marked when unsure.

An event with a full event date sits at that date. One with only a weekday or a month,
or none, is placed by the earliest publication day of its articles (or the month's first
day), and marked ``dated: false`` with what placed it, so the reader sees it is an
estimate. Events with no date evidence at all come last.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from marsad.model import Event

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}$")


def place_event(event: Event) -> tuple[str | None, str | None]:
    """``(sort date, what placed it)`` for one event."""
    if event.date is not None and _DAY.fullmatch(event.date.value):
        return event.date.value, "event_date"
    published = sorted(
        (a.published or "")[:10] for a in event.articles if _DAY.match(a.published or "")
    )
    if published:
        return published[0], "published"
    if event.date is not None and _MONTH.match(event.date.value):
        return event.date.value + "-01", "month"
    return None, None


def timeline(events: Sequence[Event]) -> list[dict[str, Any]]:
    """Rows of the timeline, oldest first."""
    rows = []
    for event in events:
        sort_date, placed_by = place_event(event)
        rows.append(
            {
                "id": event.id,
                "title": event.title,
                "date": event.date.to_dict() if event.date else None,
                "dated": placed_by == "event_date",
                "sort_date": sort_date,
                "placed_by": placed_by,
                "articles": len(event.articles),
                "related": list(event.related),
            }
        )
    return sorted(
        rows, key=lambda row: (row["sort_date"] is None, row["sort_date"] or "", row["id"])
    )
