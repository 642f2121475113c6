"""Claims of an event's articles aligned across articles: figures and discussed items.

Written here because no library aligns Arabic news claims. Two kinds of claim:

* **figures**: the numeric facts of each article (durations, counts, percentages, money),
  aligned by unit, value and counted noun; the same figure in several articles is one
  claim with all of them; the same quantity with different values (same unit and
  counted noun, in sentences about the same thing) is a *conflict*, shown side by side;
  a figure that equals the sum of others (``حوالي الساعتين وربع الساعة`` = 90 + 45
  minutes) is recorded as a consistency *check*;
* **when and where**: the event date and the place each article states for the event
  (``compare.places``), one claim when they agree, a conflict when they do not;
* **statements**: the items listed after a cue (``بحث الجانبان …``, ``تمحور حول …``,
  ``اتفقا على …``: ``resources/claim_cues.tsv``), split at commas, ``و`` and list words,
  aligned when their content stems mostly agree. Items, not topic words: an item needs
  two content words.

Each claim counts the *voices* that report it (``compare.sources``: copies count once,
an article of unknown outlet is a voice of its own and flagged) and the sources it rests
on: the sources an article cites in the claim's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from marsad.compare.places import nested, stated_places
from marsad.compare.sources import Voice
from marsad.model import Article, Fact
from marsad.resources import read_resource_table
from marsad.text.normalize import fold, normalize
from marsad.text.segment import sentence_bounds
from marsad.text.stem import stem_idf, stems_of

_SKIPPED_UNITS = frozenset({"ordinal", "year"})
_MIN_ITEM_STEMS = 2
_CONTENT_IDF = 7.0  # stems more common than this are function words for claims
_ITEM_OVERLAP = 0.5
_TOTAL_TOLERANCE = 0.05
_HARAKAT = "[\u064b-\u0652\u0670\u0640]*"
_PREPOSITION = re.compile(r"^[وف]?[بلك](?=[\u0621-\u064a]{4,})")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim stands in one article: the span (claim text) and its sentence."""

    article_id: str
    start: int
    end: int
    text: str
    sentence: str
    disputes: bool = False  # the article states it only to deny or contradict it

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
            "disputes": self.disputes,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """One fact or statement across the articles that report it."""

    text: str
    kind: str  # corroborated | single | conflict | disputed
    basis: str  # figure | statement
    evidence: tuple[Evidence, ...]
    values: tuple[dict[str, Any], ...] = ()
    voices: tuple[Voice, ...] = ()
    cited_sources: tuple[dict[str, Any], ...] = ()
    disputed_by: tuple[Voice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "basis": self.basis,
            "values": list(self.values),
            "outlets": [voice.to_dict() for voice in self.voices],
            "disputed_by": [voice.to_dict() for voice in self.disputed_by],
            "cited_sources": list(self.cited_sources),
            "articles": [item.to_dict() for item in self.evidence],
        }


@dataclass(slots=True)
class _Group:
    evidence: list[Evidence] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    stems: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for kind, words in read_resource_table("claim_cues.tsv"):
        table[kind] = tuple(normalize(word) for word in words.split("|"))
    return table


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    skipped = ("separator", "subject", "disputed")
    cues = {w for kind, ws in _cues().items() if kind not in skipped for w in ws}
    words = sorted(cues, key=len)
    alternatives = "|".join(_tolerant(word) for word in reversed(words))
    return re.compile(rf"(?<![\w])[وفبل]?(?:{alternatives})(?![\w])")


_RELATIVE = "الذي|التي|الذين|اللذان|اللذين|اللتان|اللتين|اللواتي|اللاتي"


@lru_cache(maxsize=1)
def _dispute_pattern() -> re.Pattern[str]:
    words = sorted(_cues()["disputed"], key=len, reverse=True)
    alternatives = "|".join(_tolerant(word) for word in words)
    return re.compile(
        rf"(?<![\w])(?:(?P<relative>{_RELATIVE})\s+)?[وفبل]?(?:{alternatives})(?![\w])"
    )


def disputes(before: str) -> bool:
    """Whether the words of a sentence before a figure deny or contradict it
    (``resources/claim_cues.tsv``, kind ``disputed``: ``خلافاً لما أوردته الوكالة عن توقيع
    ثلاث مذكرات``); a denial in a relative clause is about its own noun (``كافانو الذي نفى
    الاتهامات، حصل على 50 صوتاً``)."""
    return any(
        match.group("relative") is None for match in _dispute_pattern().finditer(normalize(before))
    )


def _tolerant(word: str) -> str:
    """A regex for a normalised word in folded text, which may still carry harakat
    (``موضوعًا``) and any run of spaces."""
    return "".join(r"\s+" if char == " " else re.escape(char) + _HARAKAT for char in word)


@lru_cache(maxsize=1)
def _separator_pattern() -> re.Pattern[str]:
    words = sorted(_cues()["separator"], key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words)
    # a comma, a list word, or a word-initial و before a definite or long word
    return re.compile(rf"،|\s(?:{alternatives})\s|\sو(?=ال|[\u0621-\u064a]{{4,}})")


def content_stems(text: str) -> set[str]:
    """Stems of a piece of text that carry content (rarer than function words), a leading
    preposition taken off first (``لمسار`` → ``مسار``), cut to five letters so that
    ``الكهرباء`` and ``الكهربائية`` agree."""
    idf = stem_idf()
    words = [_PREPOSITION.sub("", word) for word in normalize(text).split()]
    return {stem[:5] for stem in stems_of(" ".join(words)) if idf.get(stem, 99.0) >= _CONTENT_IDF}


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence bounds of an article text, kept while its claims are aligned."""
    return tuple(sentence_bounds(text))


def _sentence_of(text: str, start: int) -> tuple[int, int]:
    for first, last in _sentences(text):
        if first <= start < last:
            return first, last
    return start, start


def _sources_in(article: Article, start: int, end: int) -> list[dict[str, Any]]:
    """The sources the article cites between ``start`` and ``end`` (a claim's sentence)."""
    return [
        {
            "id": source.entity.id if source.entity else None,
            "name_ar": source.entity.name_ar if source.entity else source.text,
            "name_en": source.entity.name_en if source.entity else None,
            "kind": source.kind,
        }
        for source in article.cited_sources
        if start <= source.start < end
    ]


def _statement_items(article: Article) -> list[Evidence]:
    """The items listed after claim cues in the article's sentences."""
    text = article.text
    folded = fold(text)
    items: list[Evidence] = []
    for first, last in _sentences(text):
        match = _cue_pattern().search(folded, first, last)
        if match is None:
            continue
        start = match.end()
        pieces = [(start, last)]
        for separator in _separator_pattern().finditer(folded, start, last):
            pieces[-1] = (pieces[-1][0], separator.start())
            pieces.append((separator.end(), last))
        pieces[0] = (_after_subject(folded, pieces[0][0], pieces[0][1]), pieces[0][1])
        sentence = text[first:last]
        sourced = [(s.start, s.end) for s in article.cited_sources if first <= s.start < last]
        for piece_start, piece_end in pieces:
            piece = text[piece_start:piece_end].strip(" .،:\"'“”«»")
            if len(content_stems(piece)) < _MIN_ITEM_STEMS:
                continue
            if any(start <= piece_end and piece_start <= end for start, end in sourced):
                continue  # "مصادر روسية" after "أكدت" says who, not what
            offset = text.index(piece, piece_start)
            items.append(Evidence(article.id, offset, offset + len(piece), piece, sentence))
    return items


def _after_subject(folded: str, start: int, end: int) -> int:
    """Where the first item starts once the subject after the cue is skipped
    (``بحث الجانبان …``, ``ناقش الوزيران …``)."""
    match = _subject_pattern().match(folded, start, end)
    return match.end() if match else start


@lru_cache(maxsize=1)
def _subject_pattern() -> re.Pattern[str]:
    words = sorted(_cues()["subject"], key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"\s*(?:{alternatives})(?![\w])")


def _overlap(first: set[str], second: set[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _claim(
    group: _Group,
    basis: str,
    voices: Mapping[str, Voice],
    articles: Mapping[str, Article],
    values: tuple[dict[str, Any], ...] = (),
    kind: str | None = None,
) -> Claim:
    heard = {
        voices[item.article_id].key: voices[item.article_id]
        for item in group.evidence
        if not item.disputes
    }
    disputing = {
        voices[item.article_id].key: voices[item.article_id]
        for item in group.evidence
        if item.disputes and voices[item.article_id].key not in heard
    }
    sources: list[dict[str, Any]] = []
    for item in group.evidence:
        first, last = _sentence_of(articles[item.article_id].text, item.start)
        for source in _sources_in(articles[item.article_id], first, last):
            credited = {**source, "article_id": item.article_id}
            if credited not in sources:
                sources.append(credited)
    return Claim(
        text=group.evidence[0].text,
        kind=kind or ("disputed" if disputing else "corroborated" if len(heard) > 1 else "single"),
        basis=basis,
        evidence=tuple(group.evidence),
        values=values,
        voices=tuple(sorted(heard.values(), key=lambda voice: voice.key)),
        cited_sources=tuple(sources),
        disputed_by=tuple(sorted(disputing.values(), key=lambda voice: voice.key)),
    )


def _figure_key(fact: Fact) -> tuple[str, float, str, bool]:
    words = [_PREPOSITION.sub("", word) for word in normalize(fact.measure or "").split()]
    measure = " ".join(sorted({stem[:5] for stem in stems_of(" ".join(words))}))
    return (fact.unit, round(fact.value, 2), measure, fact.qualifier == "additional")


def _value(fact: Fact, article_id: str) -> dict[str, Any]:
    return {
        "value": fact.to_dict()["value"],
        "unit": fact.unit,
        "text": fact.text,
        "article_id": article_id,
    }


def align_claims(
    articles: Sequence[Article], voices: Mapping[str, Voice]
) -> tuple[list[Claim], list[dict[str, Any]]]:
    """Claims of the event (corroborated first) and the consistency checks of its figures."""
    by_id = {article.id: article for article in articles}
    figures: dict[tuple[str, float, str, bool], _Group] = {}
    for article in articles:
        for fact in article.facts:
            if fact.unit in _SKIPPED_UNITS:
                continue
            sentence = article.text[fact.sentence.start : fact.sentence.end]
            group = figures.setdefault(_figure_key(fact), _Group())
            before = article.text[fact.sentence.start : fact.start]
            group.evidence.append(
                Evidence(article.id, fact.start, fact.end, fact.text, sentence, disputes(before))
            )
            group.facts.append(fact)
            group.stems |= content_stems(sentence)
    checks = _consistency_checks(figures)
    conflicts, conflicting = _conflicts(figures, voices, by_id)
    claims = [
        _claim(
            group, "figure", voices, by_id, (_value(group.facts[0], group.evidence[0].article_id),)
        )
        for key, group in figures.items()
        if key not in conflicting
    ]
    claims += conflicts
    claims += _date_claims(articles, voices, by_id)
    claims += _place_claims(articles, voices, by_id)
    claims += [_claim(group, "statement", voices, by_id) for group in _statement_groups(articles)]
    order = {"conflict": 0, "disputed": 1, "corroborated": 2, "single": 3}
    claims.sort(key=lambda claim: (order[claim.kind], -len(claim.voices), claim.basis))
    return claims, checks


def _side_by_side(groups: Mapping[str, _Group], unit: str) -> tuple[dict[str, Any], ...]:
    """One value a group (a date or a place), with the first article that states it."""
    return tuple(
        {
            "value": value,
            "unit": unit,
            "text": group.evidence[0].text,
            "article_id": group.evidence[0].article_id,
        }
        for value, group in sorted(groups.items())
    )


def _date_claims(
    articles: Sequence[Article], voices: Mapping[str, Voice], by_id: Mapping[str, Article]
) -> list[Claim]:
    """When the event happened, by each article that states a full date for it: one claim
    when all agree, a conflict with every value side by side when they do not."""
    groups: dict[str, _Group] = {}
    for article in articles:
        event = article.event_date
        if event is None or event.granularity != "day" or not event.evidence:
            continue
        # the span that states the date (a trigger such as اجتماع is evidence too)
        span = next((e for e in event.evidence if any(c.isdigit() for c in e.text)), None)
        span = span or event.evidence[-1]
        first, last = _sentence_of(article.text, span.start)
        text = f"{event.value[:10]} ({span.text})"
        evidence = Evidence(article.id, span.start, span.end, text, article.text[first:last])
        groups.setdefault(event.value[:10], _Group()).evidence.append(evidence)
    if not groups:
        return []
    values = _side_by_side(groups, "date")
    if len(groups) == 1:
        (group,) = groups.values()
        return [_claim(group, "date", voices, by_id, values)]
    merged = _Group(evidence=[e for group in groups.values() for e in group.evidence])
    return [_claim(merged, "date", voices, by_id, values, "conflict")]


def _place_claims(
    articles: Sequence[Article], voices: Mapping[str, Voice], by_id: Mapping[str, Article]
) -> list[Claim]:
    """Where the event happened, by each article that says so (``compare.places``), one
    claim per kind of happening (a meeting, an attack …): the places agree when they are
    one or lie one inside another (Douma, Rif Dimashq), and conflict, side by side, when
    two are apart."""
    by_happening: dict[str, dict[str, _Group]] = {}
    for place in stated_places(articles):
        entity, text = place.entity, by_id[place.article_id].text
        sentence = text[place.sentence_start : place.sentence_end]
        evidence = Evidence(place.article_id, entity.start, entity.end, entity.text, sentence)
        groups = by_happening.setdefault(place.happening, {})
        groups.setdefault(entity.id or entity.name_ar, _Group()).evidence.append(evidence)
    claims = []
    for groups in by_happening.values():
        values = _side_by_side(groups, "place")
        places = sorted(groups)
        apart = any(
            not nested(first, second)
            for i, first in enumerate(places)
            for second in places[i + 1 :]
        )
        merged = _Group(evidence=[item for group in groups.values() for item in group.evidence])
        claims.append(_claim(merged, "place", voices, by_id, values, "conflict" if apart else None))
    return claims


def _statement_groups(articles: Sequence[Article]) -> list[_Group]:
    groups: list[_Group] = []
    for article in articles:
        for item in _statement_items(article):
            stems = content_stems(item.text)
            home = next(
                (
                    group
                    for group in groups
                    if _overlap(group.stems, stems) >= _ITEM_OVERLAP
                    and len(group.stems & stems) >= _MIN_ITEM_STEMS
                    and all(e.article_id != article.id for e in group.evidence)
                ),
                None,
            )
            if home is None:
                groups.append(_Group(evidence=[item], stems=set(stems)))
            else:
                home.evidence.append(item)
                home.stems |= stems
    return groups


def _conflicts(
    figures: Mapping[tuple[str, float, str, bool], _Group],
    voices: Mapping[str, Voice],
    articles: Mapping[str, Article],
) -> tuple[list[Claim], set[tuple[str, float, str, bool]]]:
    """Figures of one quantity (unit, counted noun, context) with different values reported
    by different voices."""
    keys = sorted(figures)
    conflicts: list[Claim] = []
    conflicting: set[tuple[str, float, str, bool]] = set()
    for i, first in enumerate(keys):
        for second in keys[i + 1 :]:
            same_quantity = (
                first[0] == second[0] and first[2] == second[2] and first[3] == second[3]
            )
            if not same_quantity or first[1] == second[1]:
                continue
            if not first[2] and first[0] not in ("percent",) and not first[0].startswith("money"):
                continue  # an uncounted number: nothing says the two are one quantity
            a, b = figures[first], figures[second]
            voices_a = {voices[e.article_id].key for e in a.evidence}
            voices_b = {voices[e.article_id].key for e in b.evidence}
            if voices_a == voices_b or _overlap(a.stems, b.stems) < 0.3:
                continue
            merged = _Group(evidence=[*a.evidence, *b.evidence], facts=[*a.facts, *b.facts])
            values = (
                _value(a.facts[0], a.evidence[0].article_id),
                _value(b.facts[0], b.evidence[0].article_id),
            )
            conflicts.append(_claim(merged, "figure", voices, articles, values, "conflict"))
            conflicting |= {first, second}
    return conflicts, conflicting


def _consistency_checks(
    figures: Mapping[tuple[str, float, str, bool], _Group],
) -> list[dict[str, Any]]:
    """A figure equal (within 5 %) to the sum of two other figures of its unit and counted
    noun."""
    checks = []
    keys = sorted(figures)
    for total in keys:
        for i, part_a in enumerate(keys):
            for part_b in keys[i + 1 :]:
                if total in (part_a, part_b) or not total[0] == part_a[0] == part_b[0]:
                    continue
                if not total[2] == part_a[2] == part_b[2] or min(part_a[1], part_b[1]) < 2:
                    continue  # other things counted, or a "one" that is a pronoun
                if part_a[1] >= total[1] or part_b[1] >= total[1]:
                    continue
                expected = part_a[1] + part_b[1]
                if abs(expected - total[1]) <= _TOTAL_TOLERANCE * total[1]:
                    evidence = figures[total].evidence[0]
                    checks.append(
                        {
                            "total": _value(figures[total].facts[0], evidence.article_id),
                            "parts": [
                                _value(figures[key].facts[0], figures[key].evidence[0].article_id)
                                for key in (part_a, part_b)
                            ],
                            "consistent": True,
                        }
                    )
    return checks
