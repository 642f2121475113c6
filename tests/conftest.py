"""Shared fixtures: a store in a temporary folder and a small WARC writer."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from marsad.store.sqlite import Store

# (target URI, HTTP Content-Type, body)
WarcResponse = tuple[str, str, bytes]
WarcWriter = Callable[[Path, Sequence[WarcResponse]], list[int]]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in ``tmp_path/db/marsad.db`` (outside any input folder)."""
    with Store(tmp_path / "db" / "marsad.db") as opened:
        yield opened


def _write_warc(path: Path, responses: Sequence[WarcResponse]) -> list[int]:
    """Write HTTP responses to a WARC (gzipped when ``path`` ends in .gz).

    Returns the file offset after each record, so tests can cut the file inside a record.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ends = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for uri, content_type, body in responses:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            # an explicit length keeps warcio from spooling to an unclosed temporary file
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)
            ends.append(handle.tell())
    return ends


@pytest.fixture
def write_warc() -> WarcWriter:
    return _write_warc
