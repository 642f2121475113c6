"""Small articles run through the per-document pipeline, for the comparison tests."""

from __future__ import annotations

from marsad.config import Settings
from marsad.model import Article, Draft, Outlet, text_hash
from marsad.pipeline import process_draft

SETTINGS = Settings(today="2026-11-23")


def processed_article(
    raw: str,
    outlet: str | None = None,
    published: str | None = None,
    article_id: str | None = None,
) -> Article:
    """A processed plain-text article (headline on the first line)."""
    draft = Draft(
        id=article_id or text_hash(raw),
        source=f"in/{article_id or 'a'}.txt",
        input_format="txt",
        raw_text=raw,
        headline_first=True,
        group_key="in",
        outlet=Outlet(outlet, outlet) if outlet else None,
        published=published,
    )
    return process_draft(draft, SETTINGS)
