"""Per-document stages: from a reader's draft to a stored-ready article.

A stage is a plain function of the article and settings with no I/O, so that a
distributed engine can later map :func:`process_draft` over partitions.
"""

from __future__ import annotations

from marsad.config import Settings
from marsad.errors import InputError
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
    return Article(
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
        published=draft.published,
        removed=cleaned.removed,
        captions=cleaned.captions,
        group_key=draft.group_key,
    )
