"""Quotes of an event merged across articles: one statement, all the articles that carry it.

Two quotes are one statement when they have the same speaker (the same entity, or the
same anonymous words) and their words mostly agree (rapidfuzz ``token_set_ratio`` on the
normalised text, so a shortened or reordered quote still matches). Each merged quote
keeps every wording, so differences between outlets stay visible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from marsad.compare.sources import Voice, publication_order
from marsad.model import Article, Quote
from marsad.text.normalize import match_key

SAME_STATEMENT = 75.0


@dataclass(slots=True)
class MergedQuote:
    """A statement and its wordings: ``(article id, quote)`` pairs, first reporter first."""

    speaker: dict[str, Any] | None
    wordings: list[tuple[str, Quote]] = field(default_factory=list)

    def to_dict(self, voices: Mapping[str, Voice]) -> dict[str, Any]:
        heard = {voices[a].key: voices[a] for a, _ in self.wordings if a in voices}
        return {
            "speaker": self.speaker,
            "text": self.wordings[0][1].text,
            "outlets": [voice.to_dict() for voice in heard.values()],
            "articles": [
                {
                    "article_id": article_id,
                    "start": quote.start,
                    "end": quote.end,
                    "text": quote.text,
                    "kind": quote.kind,
                    "cue": quote.cue,
                }
                for article_id, quote in self.wordings
            ],
            "wordings_differ": len({match_key(q.text) for _, q in self.wordings}) > 1,
        }


def _speaker_key(quote: Quote) -> str | None:
    if quote.speaker is not None:
        return quote.speaker.id or quote.speaker.name_ar
    return f"anonymous:{match_key(quote.anonymous)}" if quote.anonymous else None


def merge_quotes(articles: Sequence[Article]) -> list[MergedQuote]:
    """Quotes with a speaker, merged across articles; statements carried by the most
    articles first."""
    merged: list[tuple[str, MergedQuote]] = []
    ordered = sorted(articles, key=publication_order)
    for article in ordered:
        for quote in article.quotes:
            key = _speaker_key(quote)
            if key is None:
                continue
            words = match_key(quote.text)
            home = next(
                (
                    item
                    for speaker, item in merged
                    if speaker == key
                    and all(article_id != article.id for article_id, _ in item.wordings)
                    and fuzz.token_set_ratio(words, match_key(item.wordings[0][1].text))
                    >= SAME_STATEMENT
                ),
                None,
            )
            if home is None:
                speaker = quote.to_dict()["speaker"]
                home = MergedQuote(speaker)
                merged.append((key, home))
            home.wordings.append((article.id, quote))
    return [item for _, item in sorted(merged, key=lambda pair: -len(pair[1].wordings))]
