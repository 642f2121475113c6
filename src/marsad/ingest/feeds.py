"""RSS and Atom feeds via feedparser; one article per entry.

feedparser leaves Arabic ``pubDate`` strings unparsed (``published_parsed`` is
None); those go through :func:`~marsad.ingest.published.parse_published`.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.html

from marsad.errors import InputError
from marsad.ingest.published import parse_published
from marsad.ingest.sources import domain_of, outlet_from
from marsad.model import Draft, text_hash

_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(?:p|div|h[1-6]|li|blockquote|tr|section|article)>")


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed's description), one line per block element."""
    if "<" not in fragment:
        return fragment
    marked = _BLOCK_END.sub(lambda match: match.group() + "\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return fragment
    return str(root.text_content())


def _published(entry: Any) -> str | None:
    for field in ("published", "updated"):
        value = parse_published(entry.get(field))  # keeps the feed's own UTC offset
        if value:
            return value
        parsed = entry.get(f"{field}_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return None


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [item.get("value", "") for item in contents if item.get("value")]
    if values:
        return str(max(values, key=len))
    return str(entry.get("summary") or entry.get("description") or "")


def read_feed(data: bytes, *, source: str) -> Iterator[Draft | InputError]:
    """Articles of a feed; ``EMPTY_FEED``/``BAD_FEED`` when it has none."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            reason = parsed.get("bozo_exception")
            raise InputError(
                source, f"not a readable feed ({reason})", code="BAD_FEED", stage="parse"
            )
        raise InputError(source, "the feed has no entries", code="EMPTY_FEED", stage="parse")
    feed = parsed.get("feed") or {}
    feed_title = feed.get("title")
    for index, entry in enumerate(entries):
        entry_source = f"{source}#{index}"
        text = html_fragment_to_text(_entry_html(entry))
        if not text.strip():
            yield InputError(
                entry_source, "feed entry has no text", code="BAD_RECORD", stage="parse"
            )
            continue
        link = entry.get("link") or None
        identity = json.dumps(
            [entry.get("id"), link, entry.get("title"), entry.get("published"), text],
            ensure_ascii=False,
        )
        yield Draft(
            id=text_hash(identity),
            source=entry_source,
            input_format="feed",
            raw_text=text,
            title=entry.get("title") or None,
            url=link,
            outlet=outlet_from(feed_title, link or feed.get("link")),
            published=_published(entry),
            byline=entry.get("author") or None,
            group_key=domain_of(link) or source,
        )
