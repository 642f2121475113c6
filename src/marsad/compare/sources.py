"""Who reports what independently: copies, voices and the sources table of an event.

A *voice* is what counts once when marsad says how many outlets report something: all
articles of one outlet are one voice, an article of unknown outlet is a voice of its
own (and flagged), and an article that copies another (a near-duplicate, or one whose
paragraphs were first published by another outlet) speaks with the voice of the
article it copies: a wire story reprinted by five sites is one source, not five.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from marsad.model import Article


def publication_order(article: Article) -> tuple[str, str]:
    """A sort key: publication moment in UTC when the value has a time and offset, the day
    otherwise, unknown dates last; ties broken by id."""
    value = article.published.value if article.published else ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ("~", article.id)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return (moment.isoformat(), article.id)


@dataclass(frozen=True, slots=True)
class Voice:
    """An independent source: an outlet, or one article of unknown outlet."""

    key: str
    outlet_id: str | None
    outlet_name: str | None

    @property
    def unknown(self) -> bool:
        return self.outlet_id is None

    def to_dict(self) -> dict[str, Any]:
        name = self.outlet_name if self.outlet_id else f"unknown outlet ({self.key[8:16]})"
        return {"outlet": self.outlet_id, "name": name, "unknown_outlet": self.unknown}


def copies(
    articles: Sequence[Article],
    duplicates: Sequence[Sequence[str]],
    reuse: Sequence[Mapping[str, Any]],
) -> dict[str, str]:
    """Article id → the article it copies (the earliest of its near-duplicate group, or the
    first publisher of paragraphs it shares), for the articles that copy another."""
    order = {a.id: publication_order(a) for a in articles}
    copy_of: dict[str, str] = {}
    for group in duplicates:
        ordered = sorted(group, key=lambda article_id: order.get(article_id, ("~", article_id)))
        for article_id in ordered[1:]:
            copy_of[article_id] = ordered[0]
    for row in reuse:
        first = row.get("first")
        if first in (row["a"], row["b"]):
            later = row["b"] if first == row["a"] else row["a"]
            copy_of.setdefault(later, first)
    return copy_of


def voices(articles: Sequence[Article], copy_of: Mapping[str, str]) -> dict[str, Voice]:
    """Article id → the voice it speaks with."""
    own = {
        a.id: Voice(a.outlet.id, a.outlet.id, a.outlet.name)
        if a.outlet
        else Voice(f"article:{a.id}", None, None)
        for a in articles
    }
    resolved: dict[str, Voice] = {}
    for article in articles:
        original, seen = article.id, {article.id}
        while original in copy_of and copy_of[original] in own and copy_of[original] not in seen:
            original = copy_of[original]
            seen.add(original)
        resolved[article.id] = own[original]
    return resolved


def source_rows(
    articles: Sequence[Article],
    copy_of: Mapping[str, str],
    framing: Mapping[str, list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """The sources table: one row per article, earliest first."""
    ordered = sorted(articles, key=publication_order)
    return [
        {
            "article_id": article.id,
            "outlet": article.outlet.to_dict() if article.outlet else None,
            "published": article.published.value if article.published else None,
            "title": article.title,
            "cited_sources": _cited(article),
            "copy_of": copy_of.get(article.id),
            "framing": framing.get(article.id, []),
        }
        for article in ordered
    ]


def _cited(article: Article) -> list[dict[str, Any]]:
    """Each cited source once: its entity, or its words when anonymous."""
    seen: dict[str, dict[str, Any]] = {}
    for source in article.cited_sources:
        key = source.entity.id if source.entity else source.text
        seen.setdefault(
            key,
            {
                "kind": source.kind,
                "text": source.text,
                "entity": source.entity.to_dict() if source.entity else None,
            },
        )
    return list(seen.values())
