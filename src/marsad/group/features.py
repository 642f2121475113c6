"""What event clustering keeps of an article: weighted stems, entities and dates.

Computed once per article and stored beside it, so clustering never re-reads
article texts. Every weight depends on the article alone (stems weigh by the fixed
table of ``text.stem``), which is what lets clustering give the same memberships
whatever order articles arrive in.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from marsad.extract.gazetteer import load_gazetteer
from marsad.model import Article
from marsad.text.normalize import normalize
from marsad.text.stem import UNKNOWN_IDF, stem_idf, stems_of

LEAD_WORDS = 100  # the news is told first; pages often end with other stories: weigh the lead only
TITLE_REPEAT = 2
MAX_EVENT_LAG_DAYS = 7
FIGURE_WEIGHT = 2.0
_MEDIA_KINDS = frozenset({"agency", "outlet"})
_PLACES = frozenset({"GPE", "LOC"})  # whole countries have the kind "country"
# How much each kind of entity says about which event an article reports.
ENTITY_WEIGHTS = {"PER": 3.0, "ORG": 2.0, "LOC": 2.0, "GPE": 2.0, "country": 1.0, "media": 2.0}
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])")


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """A canonical entity as events show it."""

    id: str | None
    type: str
    name_en: str
    name_ar: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name_en": self.name_en, "name_ar": self.name_ar}


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """One article as event clustering sees it.

    ``terms`` (title and lead), ``title_terms`` and ``entities`` are L2-normalised
    weight vectors (stem → weight, entity key → weight); ``entity_info`` names the
    entity keys; ``mentions`` counts mentions per entity key and ``first_offsets`` gives
    where each is first named. Dates are TIMEX values
    as the article has them.
    """

    article_id: str
    title: str
    outlet_id: str | None
    outlet_name: str | None
    source: str
    published: str | None
    event_date: str | None
    event_granularity: str | None
    event_confidence: float
    terms: dict[str, float]
    title_terms: dict[str, float]
    entities: dict[str, float]
    mentions: dict[str, int] = field(default_factory=dict)
    entity_info: dict[str, EntityInfo] = field(default_factory=dict)
    first_offsets: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "outlet_id": self.outlet_id,
            "outlet_name": self.outlet_name,
            "source": self.source,
            "published": self.published,
            "event_date": self.event_date,
            "event_granularity": self.event_granularity,
            "event_confidence": self.event_confidence,
            "terms": self.terms,
            "title_terms": self.title_terms,
            "entities": self.entities,
            "mentions": self.mentions,
            "entity_info": {key: info.to_dict() for key, info in self.entity_info.items()},
            "first_offsets": self.first_offsets,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventFeatures:
        info = {key: EntityInfo(**value) for key, value in data["entity_info"].items()}
        return cls(**{**data, "entity_info": info})

    def day(self, value: str | None) -> date | None:
        """The calendar day of a TIMEX value when it names one."""
        match = _DAY.match(value or "")
        if not match:
            return None
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None

    @property
    def event_day(self) -> date | None:
        """The event's day, unless it lies more than ``MAX_EVENT_LAG_DAYS`` before the
        publication day (or after it): such a date is more often background than the news."""
        day = self.day(self.event_date) if self.event_granularity == "day" else None
        published = self.published_day
        if day is None or published is None:
            return day
        return day if -1 <= (published - day).days <= MAX_EVENT_LAG_DAYS else None

    @property
    def places(self) -> frozenset[str]:
        """Keys of the places the article names that are smaller than a country."""
        return frozenset(key for key, info in self.entity_info.items() if info.type in _PLACES)

    @property
    def published_day(self) -> date | None:
        return self.day(self.published)

    @property
    def weekday(self) -> int | None:
        """ISO weekday of the event (1 = Monday), from a full date or a weekday-only value."""
        if self.event_day is not None:
            return self.event_day.isoweekday()
        match = _WEEKDAY.fullmatch(self.event_date or "")
        return int(match[1]) if match else None


def _kind(entity_id: str | None, entity_type: str, media: frozenset[str]) -> str:
    """The entity type, with whole countries (``country``) and news media (``media``) set
    apart: media report events and seldom take part in them, so events never list them
    as participants (for clustering they weigh as any organisation). ``media`` are the
    ids the article itself knows as media (its outlet, the outlets and agencies it cites:
    a user's registered outlets are among them) beside the shipped registry's."""
    if entity_id is None:
        return entity_type
    if entity_id.startswith("country-"):
        return "country"
    if entity_id in media:
        return "media"
    entry = load_gazetteer().entries.get(entity_id)
    return "media" if entry is not None and entry.kind in _MEDIA_KINDS else entity_type


def entity_key(entity_id: str | None, name_ar: str) -> str:
    """Gazetteer id, else the folded name (names only the rules found)."""
    return entity_id or "name:" + normalize(name_ar)


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(value * value for value in weights.values()))
    return {key: round(value / norm, 5) for key, value in weights.items()} if norm else {}


def term_weights(title: str, normalized_body: str) -> dict[str, float]:
    """Sublinear tf × fixed idf over the title (repeated) and the lead of the body."""
    lead = " ".join(normalized_body.split()[:LEAD_WORDS])
    counts = Counter(stems_of(normalize(title)) * TITLE_REPEAT + stems_of(lead))
    idf = stem_idf()
    return _unit(
        {stem: (1 + math.log(count)) * idf.get(stem, UNKNOWN_IDF) for stem, count in counts.items()}
    )


def reported_figures(article: Article) -> set[str]:
    """Keys of the figures an article reports (``count:55:محتجز``, ``minute:90``): two
    reports of one happening tend to share them, two happenings seldom do. Small counts,
    ordinals and years say nothing about which happening it is."""
    figures = set()
    for fact in article.facts:
        if fact.unit in ("ordinal", "year") or (fact.unit == "count" and fact.value < 3):
            continue
        measure = normalize(fact.measure or "")[:4]
        figures.add(f"{fact.unit}:{fact.value:g}:{measure}")
    return figures


def features_of(article: Article) -> EventFeatures:
    """The clustering features of an analysed article."""
    mentions: Counter[str] = Counter()
    info: dict[str, EntityInfo] = {}
    first_offsets: dict[str, int] = {}
    media = frozenset(
        [
            source.entity.id
            for source in article.cited_sources
            if source.entity is not None and source.kind in _MEDIA_KINDS
        ]
        + ([article.outlet.id] if article.outlet else [])
    )
    for entity in article.entities:
        key = entity_key(entity.id, entity.name_ar)
        mentions[key] += 1
        first_offsets[key] = min(first_offsets.get(key, entity.start), entity.start)
        kind = _kind(entity.id, entity.type, media)
        info.setdefault(key, EntityInfo(entity.id, kind, entity.name_en, entity.name_ar))
    weights = {
        key: ENTITY_WEIGHTS.get(info[key].type, 1.0) * (1 + math.log(count))
        for key, count in mentions.items()
    }
    weights.update(dict.fromkeys(reported_figures(article), FIGURE_WEIGHT))
    event = article.event_date
    return EventFeatures(
        article_id=article.id,
        title=article.title or "",
        outlet_id=article.outlet.id if article.outlet else None,
        outlet_name=article.outlet.name if article.outlet else None,
        source=article.source,
        published=article.published.value if article.published else None,
        event_date=event.value if event else None,
        event_granularity=event.granularity if event else None,
        event_confidence=event.confidence if event else 0.0,
        terms=term_weights(article.title or "", article.normalized),
        title_terms=term_weights(article.title or "", ""),
        entities=_unit(weights),
        mentions=dict(mentions),
        entity_info=info,
        first_offsets=first_offsets,
    )
