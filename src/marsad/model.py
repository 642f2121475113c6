"""The data model every stage reads and enriches.

Records are frozen dataclasses. A stage returns a new record with
``dataclasses.replace``; nothing mutates a record in place. Every record has one
serialisation path, ``to_dict``/``from_dict``, used by the store, JSON output and
golden files. Offsets are half-open ``[start, end)`` character offsets into a
Python ``str``.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

SCHEMA_VERSION = 3

Language = Literal["ar", "en", "other", "mixed"]
InputFormat = Literal["txt", "html", "feed", "warc", "jsonl", "trec"]
RemovalKind = Literal[
    "adblock_plea",
    "breadcrumb",
    "button",
    "byline",
    "comment_prompt",
    "cookie_notice",
    "counter",
    "evasion_mark",
    "invisible",
    "other_headline",
    "other_story",
    "read_also",
    "recurring_line",
    "related_header",
    "repeated_paragraph",
    "self_description",
    "subscribe",
    "tags_header",
    "tatweel",
]
FailureStage = Literal["read", "decode", "parse", "clean", "store"]
Granularity = Literal["day", "month", "year", "week", "weekday", "part_of_day", "range"]
Resolution = Literal["explicit", "relative", "inferred"]
SourceKind = Literal["agency", "outlet", "government", "official", "anonymous"]
EntityType = Literal["PER", "ORG", "GPE", "LOC"]
EntityVia = Literal["name", "short_form", "anaphor", "role", "epithet", "context"]

LANGUAGES: tuple[str, ...] = get_args(Language)
INPUT_FORMATS: tuple[str, ...] = get_args(InputFormat)
REMOVAL_KINDS: tuple[str, ...] = get_args(RemovalKind)
GRANULARITIES: tuple[str, ...] = get_args(Granularity)
RESOLUTIONS: tuple[str, ...] = get_args(Resolution)
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
ENTITY_VIAS: tuple[str, ...] = get_args(EntityVia)


def text_hash(text: str) -> str:
    """Stable 16-hex-digit identity of a text (SHA-256 of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the cleaned text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(start=int(data["start"]), end=int(data["end"]), text=str(data["text"]))


@dataclass(frozen=True, slots=True)
class Removal:
    """Text that cleaning took out of the raw text, with its raw offsets.

    Kept so that nothing disappears silently: later stages read outlet
    signatures and bylines from here.
    """

    kind: str
    text: str
    raw_start: int
    raw_end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "raw_start": self.raw_start,
            "raw_end": self.raw_end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Removal:
        return cls(
            kind=str(data["kind"]),
            text=str(data["text"]),
            raw_start=int(data["raw_start"]),
            raw_end=int(data["raw_end"]),
        )


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps character positions of a derived text back to its source text.

    Stored as breakpoints (``derived_breaks`` non-decreasing). Between two
    breakpoints lies a stretch: when it is no longer in the derived text than in
    the source, positions advance one for one from ``source_breaks[i]`` (the rest
    of the source stretch was deleted); when it is longer (one source character
    expanded into several, or inserted text), every position in it maps to
    ``source_breaks[i]``. Of breakpoints sharing a derived position the last counts.
    """

    derived_breaks: tuple[int, ...]
    source_breaks: tuple[int, ...]
    derived_length: int
    source_length: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((0,), (0,), length, length)

    def to_source(self, position: int) -> int:
        """Source position of a derived position (``0 <= position <= derived_length``)."""
        if not 0 <= position <= self.derived_length:
            raise ValueError(f"position {position} outside 0..{self.derived_length}")
        index = bisect.bisect_right(self.derived_breaks, position) - 1
        derived_start, source_start = self.derived_breaks[index], self.source_breaks[index]
        if index + 1 < len(self.derived_breaks):
            derived_room = self.derived_breaks[index + 1] - derived_start
            source_room = self.source_breaks[index + 1] - source_start
        else:
            derived_room = self.derived_length - derived_start
            source_room = self.source_length - source_start
        if derived_room > source_room:
            # an expansion (ﻻ → لا) or an insertion: all of it stands for where it starts
            return source_start
        return min(source_start + position - derived_start, self.source_length)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of a derived half-open span, covering every character of it."""
        if start == end:
            point = self.to_source(start)
            return point, point
        return self.to_source(start), self.to_source(end - 1) + 1

    def span_to_source_with_marks(self, start: int, end: int) -> tuple[int, int]:
        """Like :meth:`span_to_source`, but the source span also takes in what the derived
        text dropped right after it (a final haraka, the tatweel of ``هـ``)."""
        if start == end:
            return self.span_to_source(start, end)
        return self.to_source(start), max(self.to_source(end), self.to_source(end - 1) + 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "breaks": [
                list(pair) for pair in zip(self.derived_breaks, self.source_breaks, strict=True)
            ],
            "derived_length": self.derived_length,
            "source_length": self.source_length,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OffsetMap:
        breaks = [(int(a), int(b)) for a, b in data["breaks"]]
        return cls(
            derived_breaks=tuple(a for a, _ in breaks),
            source_breaks=tuple(b for _, b in breaks),
            derived_length=int(data["derived_length"]),
            source_length=int(data["source_length"]),
        )


@dataclass(frozen=True, slots=True)
class Outlet:
    """Who published an article, as far as the input tells.

    ``id`` is a stable slug (of the domain when there is one, else of the name).
    """

    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outlet:
        return cls(id=str(data["id"]), name=str(data["name"]))


@dataclass(frozen=True, slots=True)
class EntityRef:
    """The identity of a real-world entity, shared by cited sources and named entities."""

    id: str
    name_en: str
    name_ar: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name_en": self.name_en, "name_ar": self.name_ar}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityRef:
        return cls(id=str(data["id"]), name_en=str(data["name_en"]), name_ar=str(data["name_ar"]))


@dataclass(frozen=True, slots=True)
class Entity:
    """A mention of a named entity in the cleaned text (an attached clitic stays outside).

    ``id``/``name_en``/``name_ar``/``qid`` identify it (gazetteer identity; ``id`` is None for
    a name only the contextual rules found, whose ``name_ar`` is then its fullest form in the
    article). ``via`` says how the mention was tied to the entity: its ``name``, a
    ``short_form`` of a name met earlier, an ``anaphor`` (``الأخير``), a ``role``
    (``الرئيس الروسي`` on the article's date), an ``epithet`` (``رأس النظام``; then
    ``epithet`` is true, as framing evidence) or ``context`` (a cue such as ``مبعوثه الخاص``).
    """

    start: int
    end: int
    text: str
    type: str
    id: str | None
    name_en: str
    name_ar: str
    qid: str | None = None
    epithet: bool = False
    via: str = "name"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "id": self.id,
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "qid": self.qid,
            "epithet": self.epithet,
            "via": self.via,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            type=str(data["type"]),
            id=data.get("id"),
            name_en=str(data.get("name_en", "")),
            name_ar=str(data.get("name_ar", "")),
            qid=data.get("qid"),
            epithet=bool(data.get("epithet", False)),
            via=str(data.get("via", "name")),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """Speech in the cleaned text: ``direct`` (in quotation marks, or after a speaker's colon)
    or ``indirect`` (reported after a speech verb and أن/إن).

    ``speaker`` is the entity that speaks; an anonymous or unidentified speaker has
    ``anonymous`` (its words, ``مصادر روسية``) instead; both are None when no speaker could be
    found. ``cue`` is the speech verb as written (``":"`` for colon speech); ``stance`` is
    ``claim`` (``زعم``) or ``denial`` (``نفى``) when the verb gives one.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    speaker: EntityRef | None
    anonymous: str | None
    speaker_span: Span | None
    stance: str | None = None

    def to_dict(self) -> dict[str, Any]:
        speaker: dict[str, Any] | None = None
        if self.speaker is not None:
            speaker = self.speaker.to_dict()
        elif self.anonymous is not None:
            speaker = {"anonymous": self.anonymous}
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "stance": self.stance,
            "speaker": speaker,
            "speaker_span": self.speaker_span.to_dict() if self.speaker_span else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        speaker = data.get("speaker") or {}
        span = data.get("speaker_span")
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            kind=str(data["kind"]),
            cue=data.get("cue"),
            speaker=EntityRef.from_dict(speaker) if "id" in speaker else None,
            anonymous=speaker.get("anonymous"),
            speaker_span=Span.from_dict(span) if span else None,
            stance=data.get("stance"),
        )


@dataclass(frozen=True, slots=True)
class Fact:
    """A number in the cleaned text with its unit and what it counts.

    ``unit`` is from a closed vocabulary (``docs/schema.md``): ``minute`` (durations of
    minutes and hours, in minutes), ``day``, ``week``, ``month``, ``year``, ``percent``,
    ``times``, ``km``, ``ton``, ``money:<ISO 4217>``, ``ordinal``, ``count``. ``measure`` is
    the counted noun of a count (``طائرات``); ``entities`` are ids of the entities of its
    sentence.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str | None
    measure: str | None
    sentence: Span
    entities: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": int(self.value) if float(self.value).is_integer() else self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "measure": self.measure,
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
            "entities": list(self.entities),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> Fact:
        sentence = data["sentence"]
        start, end = int(sentence["start"]), int(sentence["end"])
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            value=float(data["value"]),
            unit=str(data["unit"]),
            qualifier=data.get("qualifier"),
            measure=data.get("measure"),
            sentence=Span(start, end, text[start:end]),
            entities=tuple(str(item) for item in data.get("entities", ())),
        )


@dataclass(frozen=True, slots=True)
class CitedSource:
    """Whom an article cites for what it reports: a span with a kind and, when known, an entity.

    Anonymous sources (``مصادر مطلعة``) have no entity.
    """

    start: int
    end: int
    text: str
    kind: str
    entity: EntityRef | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "entity": self.entity.to_dict() if self.entity else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CitedSource:
        entity = data.get("entity")
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            kind=str(data["kind"]),
            entity=EntityRef.from_dict(entity) if entity else None,
        )


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression in the cleaned text and what it means in the calendar.

    ``value`` is TIMEX3-style (``2021-09-15``, ``XXXX-09-15``, ``2020-03``,
    ``2018-W11``, ``XXXX-WXX-3``, ``2021-09-14TMO``, ``2011/2014``, ``2017-SU``);
    ``alternatives`` are other values that fit as well (other years with the same
    weekday and day). ``mod`` is ``START``/``MID``/``END`` for ``مطلع``/``منتصف``/``أواخر``.
    """

    start: int
    end: int
    text: str
    value: str
    granularity: str
    resolution: str
    alternatives: tuple[str, ...] = ()
    mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "granularity": self.granularity,
            "resolution": self.resolution,
            "alternatives": list(self.alternatives),
            "mod": self.mod,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateMention:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            value=str(data["value"]),
            granularity=str(data["granularity"]),
            resolution=str(data["resolution"]),
            alternatives=tuple(str(value) for value in data.get("alternatives", ())),
            mod=data.get("mod"),
        )


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date marsad concludes for an article (published, event), with its evidence.

    ``confidence`` is in [0, 1]: 1 for a date given by metadata. ``evidence`` are
    the spans of the cleaned text it rests on (none for metadata).
    """

    value: str
    granularity: str
    confidence: float
    evidence: tuple[Span, ...] = ()
    alternatives: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "granularity": self.granularity,
            "confidence": round(self.confidence, 3),
            "evidence": [span.to_dict() for span in self.evidence],
            "alternatives": list(self.alternatives),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateValue:
        return cls(
            value=str(data["value"]),
            granularity=str(data["granularity"]),
            confidence=float(data["confidence"]),
            evidence=tuple(Span.from_dict(span) for span in data.get("evidence", ())),
            alternatives=tuple(str(value) for value in data.get("alternatives", ())),
        )


@dataclass(frozen=True, slots=True)
class Draft:
    """One document as a reader found it, before cleaning.

    ``raw_text`` is the text cleaning starts from (for HTML, the main text that
    trafilatura extracted); ``id`` is the hash of the decoded input as read.
    ``headline_first`` says the headline is the first line of ``raw_text``
    (plain-text scrapes) rather than a separate field.
    """

    id: str
    source: str
    input_format: str
    raw_text: str
    title: str | None = None
    url: str | None = None
    outlet: Outlet | None = None
    published: str | None = None
    byline: str | None = None
    headline_first: bool = False
    group_key: str = ""
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned, normalised news article: the record every later stage enriches."""

    id: str
    source: str
    input_format: str
    content_hash: str
    raw_text: str
    text: str
    normalized: str
    clean_to_raw: OffsetMap
    normalized_to_clean: OffsetMap
    language: str
    title: str | None = None
    url: str | None = None
    outlet: Outlet | None = None
    published: DateValue | None = None
    duplicate_of: str | None = None
    removed: tuple[Removal, ...] = ()
    captions: tuple[Span, ...] = ()
    byline: str | None = None
    cited_sources: tuple[CitedSource, ...] = ()
    dates: tuple[DateMention, ...] = ()
    event_date: DateValue | None = None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    facts: tuple[Fact, ...] = ()
    group_key: str = ""
    external_id: str | None = None
    schema_version: int = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "source": self.source,
            "input_format": self.input_format,
            "external_id": self.external_id,
            "content_hash": self.content_hash,
            "duplicate_of": self.duplicate_of,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet.to_dict() if self.outlet else None,
            "published": self.published.to_dict() if self.published else None,
            "event_date": self.event_date.to_dict() if self.event_date else None,
            "byline": self.byline,
            "language": self.language,
            "text": self.text,
            "removed": [removal.to_dict() for removal in self.removed],
            "captions": [span.to_dict() for span in self.captions],
            "cited_sources": [source.to_dict() for source in self.cited_sources],
            "dates": [mention.to_dict() for mention in self.dates],
            "entities": [entity.to_dict() for entity in self.entities],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "facts": [fact.to_dict() for fact in self.facts],
            "raw_text": self.raw_text,
            "clean_to_raw": self.clean_to_raw.to_dict(),
            "normalized": self.normalized,
            "normalized_to_clean": self.normalized_to_clean.to_dict(),
            "group_key": self.group_key,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        outlet = data.get("outlet")
        return cls(
            schema_version=int(data.get("schema_version", SCHEMA_VERSION)),
            id=str(data["id"]),
            source=str(data["source"]),
            input_format=str(data["input_format"]),
            external_id=data.get("external_id"),
            content_hash=str(data["content_hash"]),
            duplicate_of=data.get("duplicate_of"),
            url=data.get("url"),
            title=data.get("title"),
            outlet=Outlet.from_dict(outlet) if outlet else None,
            published=_date_value(data.get("published")),
            event_date=_date_value(data.get("event_date")),
            byline=data.get("byline"),
            cited_sources=tuple(
                CitedSource.from_dict(item) for item in data.get("cited_sources", ())
            ),
            dates=tuple(DateMention.from_dict(item) for item in data.get("dates", ())),
            entities=tuple(Entity.from_dict(item) for item in data.get("entities", ())),
            quotes=tuple(Quote.from_dict(item) for item in data.get("quotes", ())),
            facts=tuple(Fact.from_dict(item, str(data["text"])) for item in data.get("facts", ())),
            language=str(data["language"]),
            text=str(data["text"]),
            removed=tuple(Removal.from_dict(item) for item in data.get("removed", ())),
            captions=tuple(Span.from_dict(item) for item in data.get("captions", ())),
            raw_text=str(data["raw_text"]),
            clean_to_raw=OffsetMap.from_dict(data["clean_to_raw"]),
            normalized=str(data["normalized"]),
            normalized_to_clean=OffsetMap.from_dict(data["normalized_to_clean"]),
            group_key=str(data.get("group_key", "")),
        )


def _date_value(data: dict[str, Any] | str | None) -> DateValue | None:
    """A stored date; schema 1 kept ``published`` as the metadata string alone."""
    if data is None:
        return None
    if isinstance(data, str):
        return DateValue(data, "day", 1.0)
    return DateValue.from_dict(data)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input (or part of one) that could not be processed, and why."""

    source: str
    stage: str
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "stage": self.stage,
            "code": self.code,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Failure:
        return cls(
            source=str(data["source"]),
            stage=str(data["stage"]),
            code=str(data["code"]),
            message=str(data["message"]),
        )


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as its articles tell: a TIMEX value, its granularity and how
    sure marsad is (a weekday without a year, or a date only one article gives, is unsure)."""

    value: str
    granularity: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "granularity": self.granularity,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventDate:
        return cls(str(data["value"]), str(data["granularity"]), float(data["confidence"]))


@dataclass(frozen=True, slots=True)
class EventEntity:
    """A participant or place of an event: gazetteer identity (``id`` None when only the
    contextual rules found the name) and entity type (``PER``, ``ORG``, ``GPE``, ``LOC``)."""

    id: str | None
    name_en: str
    name_ar: str
    type: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name_en": self.name_en, "name_ar": self.name_ar, "type": self.type}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventEntity:
        return cls(
            data.get("id"), str(data["name_en"]), str(data["name_ar"]), str(data.get("type", ""))
        )


@dataclass(frozen=True, slots=True)
class EventArticle:
    """An article of an event as the event lists it."""

    id: str
    source: str
    outlet: Outlet | None
    title: str | None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet.to_dict() if self.outlet else None,
            "title": self.title,
            "published": self.published,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventArticle:
        outlet = data.get("outlet")
        return cls(
            id=str(data["id"]),
            source=str(data["source"]),
            outlet=Outlet.from_dict(outlet) if outlet else None,
            title=data.get("title"),
            published=data.get("published"),
        )


@dataclass(frozen=True, slots=True)
class Event:
    """A real-world happening and the articles that report it.

    ``aliases`` are ids of events merged into this one (they still resolve to it);
    ``duplicates`` are the near-duplicate groups among its articles; ``related`` are
    events with the same main participants on other dates (a story arc).
    """

    id: str
    title: str | None
    date: EventDate | None
    place: EventEntity | None
    participants: tuple[EventEntity, ...]
    articles: tuple[EventArticle, ...]
    aliases: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, ...], ...] = ()
    related: tuple[str, ...] = ()
    schema_version: int = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "aliases": list(self.aliases),
            "title": self.title,
            "date": self.date.to_dict() if self.date else None,
            "place": self.place.to_dict() if self.place else None,
            "participants": [entity.to_dict() for entity in self.participants],
            "articles": [article.to_dict() for article in self.articles],
            "duplicates": [list(group) for group in self.duplicates],
            "related": list(self.related),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        date_data = data.get("date")
        place = data.get("place")
        return cls(
            id=str(data["id"]),
            title=data.get("title"),
            date=EventDate.from_dict(date_data) if date_data else None,
            place=EventEntity.from_dict(place) if place else None,
            participants=tuple(EventEntity.from_dict(item) for item in data["participants"]),
            articles=tuple(EventArticle.from_dict(item) for item in data["articles"]),
            aliases=tuple(data.get("aliases", ())),
            duplicates=tuple(tuple(group) for group in data.get("duplicates", ())),
            related=tuple(data.get("related", ())),
        )
