"""From clusters to event records: stable ids, title, date, place, participants, story arcs.

Ids: an event keeps the id it had; when clusters that had different ids join, the
oldest id survives and the others become aliases; a new cluster gets an id derived
from its first article id. Nothing here reads the store: the pipeline passes what it
knows of previous memberships in and saves what comes out.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from marsad.group.features import EventFeatures
from marsad.model import Event, EventArticle, EventDate, EventEntity, Outlet

MAX_PARTICIPANTS = 6
_PLACE_TYPES = frozenset({"GPE", "LOC"})
_UNLISTED_MIN_ARTICLES = 2  # articles that must name a participant the gazetteer lacks


@dataclass(frozen=True, slots=True)
class IdAssignment:
    """Event ids for clusters, and retired ids that now alias a surviving event."""

    ids: tuple[str, ...]
    aliases: dict[str, str]


def new_event_id(first_article_id: str, taken: set[str]) -> str:
    """``ev-`` + a hash of the cluster's first article id (a counter added on collision)."""
    for attempt in range(1000):
        seed = first_article_id if attempt == 0 else f"{first_article_id}/{attempt}"
        candidate = "ev-" + hashlib.blake2b(seed.encode(), digest_size=6).hexdigest()
        if candidate not in taken:
            return candidate
    raise RuntimeError(f"no free event id for {first_article_id}")


def assign_event_ids(
    clusters: Sequence[Sequence[str]],
    previous: Mapping[str, str],
    age: Mapping[str, int],
    taken: set[str],
) -> IdAssignment:
    """Give each cluster an id.

    ``previous`` maps article id → its event id before this run; ``age`` maps event id →
    creation order (smaller is older); ``taken`` are ids in use anywhere (never reused).
    Larger clusters choose first; each takes the oldest previous id among its articles
    not already taken by another cluster of this run.
    """
    order = sorted(range(len(clusters)), key=lambda i: (-len(clusters[i]), min(clusters[i])))
    ids: list[str | None] = [None] * len(clusters)
    used: set[str] = set()
    for index in order:
        held = Counter(previous[a] for a in clusters[index] if a in previous)
        free = sorted((age.get(event, 0), event) for event in held if event not in used)
        if free:
            ids[index] = free[0][1]
        else:
            ids[index] = new_event_id(min(clusters[index]), taken | used)
        used.add(ids[index])  # type: ignore[arg-type]
    final = [event_id for event_id in ids if event_id is not None]
    aliases: dict[str, str] = {}
    retired = {event for event in previous.values()} - used
    for event in sorted(retired):
        shares = Counter(
            final[i]
            for i, cluster in enumerate(clusters)
            for article in cluster
            if previous.get(article) == event
        )
        if shares:
            aliases[event] = sorted(shares.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return IdAssignment(tuple(final), aliases)


def _representative(members: Sequence[EventFeatures]) -> EventFeatures:
    """The article whose title and lead are closest to the others' (earliest on a tie)."""

    def centrality(item: EventFeatures) -> float:
        return sum(
            sum(weight * other.terms.get(stem, 0.0) for stem, weight in item.terms.items())
            for other in members
        )

    return sorted(members, key=lambda item: (-centrality(item), item.published or "~"))[0]


def event_date(members: Sequence[EventFeatures]) -> EventDate | None:
    """The most supported event date of the members, confidence = support × mean confidence.

    A full date beats a weekday alone; a weekday alone stays unsure (its year is unknown).
    """
    days = Counter(item.event_date for item in members if item.event_day is not None)
    if days:
        value, support = sorted(days.items(), key=lambda item: (-item[1], item[0]))[0]
        sure = [item.event_confidence for item in members if item.event_date == value]
        dated = sum(days.values())
        return EventDate(value or "", "day", support / dated * sum(sure) / len(sure))
    weekdays = Counter(item.event_date for item in members if item.weekday is not None)
    if weekdays:
        value, support = sorted(weekdays.items(), key=lambda item: (-item[1], item[0]))[0]
        return EventDate(value or "", "weekday", min(0.4, 0.2 * support))
    months = Counter(item.event_date for item in members if item.event_granularity == "month")
    if months:
        value, support = sorted(months.items(), key=lambda item: (-item[1], item[0]))[0]
        return EventDate(value or "", "month", 0.3 * support / len(members))
    return None


def _entities(
    members: Sequence[EventFeatures], types: frozenset[str]
) -> list[tuple[str, EventFeatures]]:
    return [
        (key, item)
        for item in members
        for key, info in item.entity_info.items()
        if info.type in types
    ]


def _ranked(
    members: Sequence[EventFeatures], types: frozenset[str], *, places: bool = False
) -> list[EventEntity]:
    """Entities of the given types, by how many articles name them, then (for places, where
    the happening is usually named first: ``في دمشق``) how early, then mentions.

    Names the rules found without a gazetteer entry count too, after listed ones named by
    as many articles: a place (a town the gazetteer lacks is still where it happened), and
    a participant that at least two articles name (one article's unlisted name may be a
    misreading)."""
    articles: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    earliest: dict[str, int] = {}
    names: dict[str, EventEntity] = {}
    for key, item in _entities(members, types):
        info = item.entity_info[key]
        articles[key] += 1
        mentions[key] += item.mentions.get(key, 1)
        first = item.first_offsets.get(key, 0)
        earliest[key] = min(earliest.get(key, first), first)
        kind = "GPE" if info.type == "country" else info.type
        names.setdefault(key, EventEntity(info.id, info.name_en, info.name_ar, kind))

    def rank(key: str) -> tuple[int, bool, int, int, str]:
        unlisted = names[key].id is None
        return (-articles[key], unlisted, earliest[key] if places else 0, -mentions[key], key)

    kept = [
        key
        for key in articles
        if names[key].id is not None or places or articles[key] >= _UNLISTED_MIN_ARTICLES
    ]
    return [names[key] for key in sorted(kept, key=rank)]


def build_event(
    event_id: str,
    members: Sequence[EventFeatures],
    *,
    aliases: Sequence[str] = (),
    duplicates: Sequence[Sequence[str]] = (),
) -> Event:
    """The event record of one cluster (``related`` is filled by ``link_related``)."""
    ordered = sorted(members, key=lambda item: (item.published or "~", item.article_id))
    place = _ranked(members, _PLACE_TYPES, places=True) or _ranked(
        members, frozenset({"country"}), places=True
    )
    member_ids = {item.article_id for item in members}
    return Event(
        id=event_id,
        title=_representative(members).title or None,
        date=event_date(members),
        place=place[0] if place else None,
        participants=tuple(_ranked(members, frozenset({"PER", "ORG"}))[:MAX_PARTICIPANTS]),
        articles=tuple(
            EventArticle(
                id=item.article_id,
                source=item.source,
                outlet=Outlet(item.outlet_id, item.outlet_name or item.outlet_id)
                if item.outlet_id
                else None,
                title=item.title or None,
                published=item.published,
            )
            for item in ordered
        ),
        aliases=tuple(sorted(aliases)),
        duplicates=tuple(
            tuple(group) for group in duplicates if len(group) > 1 and set(group) <= member_ids
        ),
    )


def link_related(events: Sequence[Event], *, main: int = 2) -> list[Event]:
    """Fill ``related``: events sharing their ``main`` first person participants (at least
    two people, so a single head of state does not tie all his events) on other dates
    (or on dates not known)."""
    keys: dict[str, frozenset[str]] = {}
    for event in events:
        people = [p.id or f"name:{p.name_ar}" for p in event.participants if p.type == "PER"]
        if len(people) >= main:
            keys[event.id] = frozenset(people[:main])
    by_key: dict[frozenset[str], list[str]] = {}
    for event_id, key in keys.items():
        by_key.setdefault(key, []).append(event_id)
    dates = {event.id: event.date.value if event.date else None for event in events}
    linked = []
    for event in events:
        group = by_key.get(keys.get(event.id, frozenset()), [])
        others = tuple(
            sorted(
                other
                for other in group
                if other != event.id and (dates[other] is None or dates[other] != dates[event.id])
            )
        )
        linked.append(replace(event, related=others))
    return linked
