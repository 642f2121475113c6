"""A short Arabic summary of an event, made of its articles' own sentences, each cited.

Extractive, written here because it must follow Arabic-news rules no summariser knows:
sentences are scored by centrality (cosine of fixed-idf stem vectors to the event's
centroid, with a bonus for the lead, where news puts the facts) and picked by maximal
marginal relevance, so a fact told by three outlets is picked once; a sentence whose
wording takes a side (own-voice framing terms) loses to a neutral one carrying the same
fact; a sentence too close to one already picked is never added; a sentence that only
continues a quote whose speaker is named elsewhere is left out, so quotes keep their
speaker. The picked sentences are put in event order (earliest article first, then
their place in it), and each cites every article that carries the same sentence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from marsad.compare.framing import CONTEXT, FramingMark
from marsad.compare.sources import Voice, publication_order
from marsad.model import Article
from marsad.text.normalize import normalize
from marsad.text.segment import sentence_bounds
from marsad.text.stem import UNKNOWN_IDF, stem_idf, stems_of

MIN_WORDS = 6
MAX_WORDS = 60
RELEVANCE = 0.7  # MMR weight of centrality against redundancy
NEAR_DUPLICATE = 0.5
LOADED_PENALTY = 0.15
LEAD_SENTENCES = 3
LEAD_BONUS = 0.2  # tuned on the dev half of the summary gold set


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence of an article that may enter the summary."""

    article_id: str
    position: int
    start: int
    end: int
    text: str
    vector: dict[str, float]
    loaded: bool


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A summary sentence, with every article (and outlet) that carries it."""

    text: str
    evidence: tuple[tuple[str, int, int], ...]
    voices: tuple[Voice, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "articles": [
                {"article_id": article_id, "start": start, "end": end}
                for article_id, start, end in self.evidence
            ],
            "outlets": [voice.to_dict() for voice in self.voices],
        }


def _vector(text: str) -> dict[str, float]:
    idf = stem_idf()
    counts = Counter(stems_of(normalize(text)))
    weights = {s: (1 + math.log(c)) * idf.get(s, UNKNOWN_IDF) for s, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {s: w / norm for s, w in weights.items()} if norm else {}


def _cosine(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(weight * second.get(key, 0.0) for key, weight in first.items())


def candidates(article: Article, marks: Sequence[FramingMark]) -> list[Candidate]:
    """The article's sentences that can stand alone in a summary."""
    loaded_at = [(m.start, m.end) for m in marks if m.voice == "own" and m.entry.side != CONTEXT]
    orphan_quotes = [
        (q.start, q.end)
        for q in article.quotes
        if q.speaker_span is None or not (q.start - 200 <= q.speaker_span.start <= q.end)
    ]
    found = []
    for position, (start, end) in enumerate(sentence_bounds(article.text)):
        text = article.text[start:end]
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS or text[-1:] not in '.!؟?"”»':
            continue  # too short or long, or a heading (no closing punctuation)
        if any(a <= start and end <= b for a, b in orphan_quotes):
            continue
        loaded = any(start <= a < end for a, _ in loaded_at)
        found.append(Candidate(article.id, position, start, end, text, _vector(text), loaded))
    return found


def summarize(
    articles: Sequence[Article],
    marks: Sequence[FramingMark],
    voices: Mapping[str, Voice],
    *,
    size: int | None = None,
) -> list[SummarySentence]:
    """Three to six cited sentences (more voices, more sentences)."""
    pool = [c for a in articles for c in candidates(a, [m for m in marks if m.article_id == a.id])]
    if not pool:
        return []
    wanted = size or min(6, max(3, 2 + len({v.key for v in voices.values()})))
    centroid: Counter[str] = Counter()
    for item in pool:
        centroid.update(item.vector)
    norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
    centre = {key: weight / norm for key, weight in centroid.items()}

    def relevance(item: Candidate) -> float:
        lead = LEAD_BONUS if item.position < LEAD_SENTENCES else 0.0
        return _cosine(item.vector, centre) + lead - (LOADED_PENALTY if item.loaded else 0.0)

    chosen: list[Candidate] = []
    remaining = sorted(pool, key=lambda c: (c.article_id, c.position))
    while remaining and len(chosen) < wanted:
        best, best_score = None, -math.inf
        for item in remaining:
            redundancy = max((_cosine(item.vector, c.vector) for c in chosen), default=0.0)
            if redundancy >= NEAR_DUPLICATE:
                continue
            score = RELEVANCE * relevance(item) - (1 - RELEVANCE) * redundancy
            if score > best_score:
                best, best_score = item, score
        if best is None:
            break
        chosen.append(best)
        remaining.remove(best)
    return _ordered(chosen, pool, articles, voices)


def _ordered(
    chosen: Sequence[Candidate],
    pool: Sequence[Candidate],
    articles: Sequence[Article],
    voices: Mapping[str, Voice],
) -> list[SummarySentence]:
    order = {a.id: publication_order(a) for a in articles}
    ordered = sorted(chosen, key=lambda c: (order[c.article_id], c.position))
    summary = []
    for item in ordered:
        carriers = [item] + [
            other
            for other in pool
            if other.article_id != item.article_id
            and _cosine(other.vector, item.vector) >= NEAR_DUPLICATE
        ]
        evidence: dict[str, tuple[str, int, int]] = {}
        for carrier in carriers:
            evidence.setdefault(
                carrier.article_id, (carrier.article_id, carrier.start, carrier.end)
            )
        heard = {voices[a].key: voices[a] for a in evidence}
        summary.append(SummarySentence(item.text, tuple(evidence.values()), tuple(heard.values())))
    return summary


def lead_baseline(articles: Sequence[Article], size: int = 3) -> list[str]:
    """The first ``size`` sentences of the earliest article (the lead-3 baseline)."""
    earliest = min(articles, key=publication_order)
    return [earliest.text[a:b] for a, b in sentence_bounds(earliest.text)[:size]]
