"""Everything marsad compares for one event, in one record (what ``marsad event ID`` shows)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from marsad.compare.claims import Claim, align_claims
from marsad.compare.framing import FramingMark, Term, find_framing, outlet_framing
from marsad.compare.quotes import MergedQuote, merge_quotes
from marsad.compare.sources import Voice, copies, source_rows, voices
from marsad.compare.summary import SummarySentence, summarize
from marsad.model import Article, Event


@dataclass(frozen=True, slots=True)
class EventComparison:
    """The cross-source comparison of an event's articles."""

    event: Event
    articles: Sequence[Article]
    sources: list[dict[str, Any]]
    claims: list[Claim]
    checks: list[dict[str, Any]]
    quotes: list[MergedQuote]
    marks: list[FramingMark]
    framing: list[dict[str, Any]]
    summary: list[SummarySentence]
    voices: Mapping[str, Voice]
    passage_reuse: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.event.to_dict(),
            "sources": self.sources,
            "claims": [claim.to_dict() for claim in self.claims],
            "checks": self.checks,
            "quotes": [quote.to_dict(self.voices) for quote in self.quotes],
            "framing": self.framing,
            "framing_marks": [mark.to_dict() for mark in self.marks],
            "summary": [sentence.to_dict() for sentence in self.summary],
            "passage_reuse": self.passage_reuse,
        }


def compare_event(
    event: Event,
    articles: Sequence[Article],
    reuse: Sequence[Mapping[str, Any]],
    lexicon: tuple[Term, ...],
) -> EventComparison:
    """Compare an event's articles: sources, claims, quotes, framing and a cited summary."""
    copy_of = copies(articles, event.duplicates, reuse)
    heard = voices(articles, copy_of)
    marks = [mark for article in articles for mark in find_framing(article, lexicon)]
    by_article: dict[str, list[dict[str, Any]]] = {}
    for mark in marks:
        by_article.setdefault(mark.article_id, []).append(mark.to_dict())
    claims, checks = align_claims(articles, heard)
    return EventComparison(
        event=event,
        articles=articles,
        sources=source_rows(articles, copy_of, by_article),
        claims=claims,
        checks=checks,
        quotes=merge_quotes(articles),
        marks=marks,
        framing=outlet_framing(marks, heard),
        summary=summarize(articles, marks, heard),
        voices=heard,
        passage_reuse=[dict(row) for row in reuse],
    )
