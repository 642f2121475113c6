"""Per-document stages: from a reader's draft to a stored-ready article.

A stage is a plain function of the article and settings with no I/O, so that a
distributed engine can later map :func:`process_draft` over partitions.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from marsad.config import Settings
from marsad.errors import ConfigError, InputError
from marsad.extract.article_dates import extract_article_dates, parse_period
from marsad.extract.entities import find_entities
from marsad.extract.facts import find_facts
from marsad.extract.gazetteer import load_gazetteer
from marsad.extract.outlets import find_byline, identify_outlet
from marsad.extract.quotes import find_quotes
from marsad.extract.sources import find_cited_sources
from marsad.ingest.sources import domain_of
from marsad.model import Article, Draft, text_hash
from marsad.text.boilerplate import line_key
from marsad.text.clean import clean_line, clean_text
from marsad.text.language import detect_language


def process_draft(
    draft: Draft, cfg: Settings, *, recurring: frozenset[str] = frozenset()
) -> Article:
    """Clean, normalise and identify the language of one draft.

    ``recurring`` are line keys found to be boilerplate of the draft's outlet
    (corpus-level pass). ``content_hash`` is taken before they are removed, so
    it depends on the article alone, not on what else is stored.
    Raises :class:`InputError` ``EMPTY_TEXT`` when nothing of the body is left.
    """
    cleaned = clean_text(
        draft.raw_text,
        headline_first=draft.headline_first,
        title=draft.title,
        min_repeat_chars=cfg.min_repeat_chars,
    )
    content_hash = text_hash(cleaned.normalized)
    if recurring and any(line_key(line) in recurring for line in cleaned.text.split("\n")):
        cleaned = clean_text(
            draft.raw_text,
            headline_first=draft.headline_first,
            title=draft.title,
            recurring=recurring,
            min_repeat_chars=cfg.min_repeat_chars,
        )
    if not cleaned.text.strip():
        raise InputError(
            draft.source, "no article text left after cleaning", code="EMPTY_TEXT", stage="clean"
        )
    title = clean_line(draft.title) if draft.title else cleaned.headline
    article = Article(
        id=draft.id,
        source=draft.source,
        input_format=draft.input_format,
        external_id=draft.external_id,
        content_hash=content_hash,
        raw_text=draft.raw_text,
        text=cleaned.text,
        normalized=cleaned.normalized,
        clean_to_raw=cleaned.clean_to_raw,
        normalized_to_clean=cleaned.normalized_to_clean,
        language=detect_language(cleaned.text, sample_chars=cfg.language_sample_chars),
        title=title or None,
        url=draft.url,
        outlet=draft.outlet,
        removed=cleaned.removed,
        captions=cleaned.captions,
        group_key=draft.group_key,
    )
    article = extract_dates(article, cfg, metadata_published=draft.published)
    article = extract_outlet_and_sources(article, cfg, metadata_byline=draft.byline)
    return extract_entities(article, cfg)


def processing_date(cfg: Settings) -> date:
    """The date no inferred date may pass: ``cfg.today`` or the real date."""
    if not cfg.today:
        return date.today()
    try:
        return date.fromisoformat(cfg.today)
    except ValueError as error:
        raise ConfigError(f"setting today: {cfg.today!r} is not an ISO date") from error


def corpus_period(cfg: Settings) -> tuple[int, int] | None:
    try:
        return parse_period(cfg.period)
    except ValueError as error:
        raise ConfigError(f"setting {error}") from error


def extract_dates(article: Article, cfg: Settings, *, metadata_published: str | None) -> Article:
    """Stage: temporal expressions, publication date and event date."""
    found = extract_article_dates(
        article.text,
        normalized=article.normalized,
        normalized_to_clean=article.normalized_to_clean,
        published=metadata_published,
        period=corpus_period(cfg),
        today=processing_date(cfg),
    )
    return dataclasses.replace(
        article, dates=found.dates, published=found.published, event_date=found.event_date
    )


def extract_outlet_and_sources(
    article: Article, cfg: Settings, *, metadata_byline: str | None
) -> Article:
    """Stage: the publisher (registry, metadata or signatures), the byline, cited sources."""
    gazetteer = load_gazetteer(cfg.outlets_file)
    outlet = identify_outlet(
        article.outlet,
        url_domain=domain_of(article.url),
        removed=article.removed,
        gazetteer=gazetteer,
    )
    return dataclasses.replace(
        article,
        outlet=outlet,
        byline=find_byline(metadata_byline, article.removed, outlet),
        cited_sources=find_cited_sources(
            article.text,
            normalized=article.normalized,
            normalized_to_clean=article.normalized_to_clean,
            gazetteer=gazetteer,
        ),
    )


def extract_entities(article: Article, cfg: Settings) -> Article:
    """Stage: named entities with identities (roles resolved on the article's date), the
    quotes they speak, and the numeric facts."""
    entities = find_entities(
        article.text,
        normalized=article.normalized,
        normalized_to_clean=article.normalized_to_clean,
        gazetteer=load_gazetteer(cfg.outlets_file),
        event_date=article.event_date,
        published=article.published,
    )
    gazetteer = load_gazetteer(cfg.outlets_file)
    kinds = {e.id: gazetteer.entries[e.id].kind for e in entities if e.id in gazetteer.entries}
    quotes = find_quotes(
        article.text, entities=entities, sources=article.cited_sources, kinds=kinds
    )
    facts = find_facts(
        article.text,
        normalized=article.normalized,
        normalized_to_clean=article.normalized_to_clean,
        dates=article.dates,
        entities=entities,
    )
    return dataclasses.replace(article, entities=entities, quotes=quotes, facts=facts)


def metadata_published(article: Article) -> str | None:
    """The publication date metadata gave (not one derived from the text), if any."""
    published = article.published
    if published is None or published.evidence or published.confidence < 1.0:
        return None
    return published.value
