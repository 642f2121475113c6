"""WARC archives (plain or gzipped) via FastWARC: every HTML response is an article."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from marsad.errors import InputError
from marsad.ingest.decode import decode_bytes
from marsad.ingest.html import draft_from_html
from marsad.model import Draft, text_hash

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def gzip_is_complete(path: Path) -> bool:
    """True when ``path`` decompresses to the end of its last gzip member.

    FastWARC stops quietly at a truncated record, so truncation is checked here.
    """
    try:
        with gzip.open(path, "rb") as handle:
            while handle.read(1 << 20):
                pass
    except (OSError, EOFError, zlib.error):
        return False
    return True


def read_warc(stream: BinaryIO, *, source: str, max_bytes: int) -> Iterator[Draft | InputError]:
    """HTML responses of a WARC stream, each decoded with its HTTP charset."""
    iterator = ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True)
    for index, record in enumerate(iterator):
        uri = record.headers.get("WARC-Target-URI") or None
        record_source = f"{source}#{uri or index}"
        content_type = (record.http_content_type or "").lower()
        if not content_type.startswith(_HTML_TYPES):
            continue
        body = record.reader.read(max_bytes + 1)
        if len(body) > max_bytes:
            yield InputError(
                record_source,
                f"response over {max_bytes} bytes",
                code="INPUT_TOO_LARGE",
                stage="read",
            )
            continue
        if (record.http_headers.get("Content-Encoding") or "").lower() in {"gzip", "x-gzip"}:
            try:
                body = gzip.decompress(body)
            except (OSError, EOFError, zlib.error) as error:
                yield InputError(
                    record_source, f"bad gzip body ({error})", code="BAD_ARCHIVE", stage="read"
                )
                continue
        try:
            page = decode_bytes(body, source=record_source, declared=record.http_charset)
            yield draft_from_html(
                page, source=record_source, url=uri, identity=text_hash(f"{uri}\n{page}")
            )
        except InputError as error:
            yield error
