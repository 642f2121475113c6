"""HTML pages: main text and page metadata via trafilatura."""

from __future__ import annotations

import trafilatura

from marsad.errors import InputError
from marsad.ingest.published import parse_published
from marsad.ingest.sources import domain_of, outlet_from
from marsad.model import Draft, text_hash

# Only dates the page states in its metadata: trafilatura's extensive search
# falls back to footer years ("© 2021"), which is too weak to call a publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def draft_from_html(
    html: str,
    *,
    source: str,
    url: str | None = None,
    group_key: str = "",
    identity: str | None = None,
) -> Draft:
    """One article from an HTML page, or :class:`InputError` ``NO_MAIN_TEXT``."""
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError) as error:
        raise InputError(
            source, f"HTML could not be parsed ({error})", code="NO_MAIN_TEXT", stage="parse"
        ) from error
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(
            source, "the page has no main text to extract", code="NO_MAIN_TEXT", stage="parse"
        )
    page_url = url or getattr(document, "url", None)
    site_name = getattr(document, "sitename", None)
    return Draft(
        id=identity or text_hash(html),
        source=source,
        input_format="html",
        raw_text=text,
        title=getattr(document, "title", None),
        url=page_url,
        outlet=outlet_from(site_name, page_url),
        published=parse_published(getattr(document, "date", None)),
        byline=getattr(document, "author", None) or None,
        group_key=domain_of(page_url) or group_key,
    )
