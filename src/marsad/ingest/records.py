"""Record collections: JSONL lines and TREC-style ``<DOC>`` blocks."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

from marsad.errors import InputError
from marsad.ingest.published import parse_published
from marsad.ingest.sources import domain_of, outlet_from
from marsad.model import Draft, text_hash

_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.DOTALL | re.IGNORECASE)
_FIELD = re.compile(
    r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1>", re.DOTALL | re.IGNORECASE
)


def looks_like_trec(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").upper().startswith("<DOC>")


def read_jsonl(text: str, *, source: str, group_key: str) -> Iterator[Draft | InputError]:
    """One article per line ``{"text", "title"?, "url"?, "published"?, "outlet"?, "id"?}``."""
    # Only "\n" ends a record: JSON strings may hold U+2028 and friends unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_source = f"{source}#L{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(
                line_source, f"not JSON ({error.msg})", code="BAD_RECORD", stage="parse"
            )
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            yield InputError(
                line_source, "no non-empty string field 'text'", code="BAD_RECORD", stage="parse"
            )
            continue
        url = record.get("url") if isinstance(record.get("url"), str) else None
        outlet = record.get("outlet") if isinstance(record.get("outlet"), str) else None
        title = record.get("title") if isinstance(record.get("title"), str) else None
        published = record.get("published")
        byline = record.get("byline") or record.get("author")
        external = record.get("id")
        record_outlet = outlet_from(outlet, url)
        yield Draft(
            id=text_hash(line.strip()),
            source=line_source,
            input_format="jsonl",
            raw_text=body,
            title=title or None,
            url=url,
            outlet=record_outlet,
            published=parse_published(published) if isinstance(published, str) else None,
            byline=byline if isinstance(byline, str) and byline.strip() else None,
            group_key=record_outlet.id if record_outlet else group_key,
            external_id=str(external) if external is not None else None,
        )


def read_trec(text: str, *, source: str, group_key: str) -> Iterator[Draft | InputError]:
    """Articles of a TREC-style file (fields DOCNO, URL, SRC, TITLE, TIME, TEXT)."""
    blocks = _DOC.findall(text)
    if not blocks:
        yield InputError(source, "no complete <DOC>…</DOC> block", code="BAD_RECORD", stage="parse")
        return
    for index, block in enumerate(blocks):
        fields = {
            name.upper(): html.unescape(value.strip()) for name, value in _FIELD.findall(block)
        }
        docno = fields.get("DOCNO") or None
        record_source = f"{source}#{docno or index}"
        body = fields.get("TEXT", "")
        if not body.strip():
            yield InputError(
                record_source, "<DOC> without <TEXT>", code="BAD_RECORD", stage="parse"
            )
            continue
        url = fields.get("URL") or None
        outlet = outlet_from(fields.get("SRC"), url)
        yield Draft(
            id=text_hash(block),
            source=record_source,
            input_format="trec",
            raw_text=body,
            title=fields.get("TITLE") or None,
            url=url,
            outlet=outlet,
            published=parse_published(fields.get("TIME")),
            byline=fields.get("AUTHOR") or None,
            group_key=domain_of(url) or (outlet.id if outlet else group_key),
            external_id=docno,
        )
