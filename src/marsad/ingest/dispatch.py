"""Choosing a reader: by extension first, then by sniffing the content.

Paths may be files, folders (read recursively, in sorted order), archives
(``.tar.gz``/``.tgz``/``.tar``, ``.gz``, ``.warc.gz``) or ``-`` for standard input.
Every problem becomes a :class:`~marsad.model.Failure` and reading goes on.
"""

from __future__ import annotations

import gzip
import io
import sys
import tarfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Literal

from marsad.errors import InputError
from marsad.ingest.decode import declared_encoding, decode_bytes
from marsad.ingest.feeds import read_feed
from marsad.ingest.html import draft_from_html
from marsad.ingest.records import looks_like_trec, read_jsonl, read_trec
from marsad.ingest.warc import gzip_is_complete, read_warc
from marsad.model import Draft, Failure, text_hash

Sniffed = Literal["txt", "html", "feed", "warc", "jsonl", "trec"]
_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
STDIN_SOURCE = "<stdin>"


def sniff_format(name: str, head: bytes) -> Sniffed:
    """The reader for a file called ``name`` whose first bytes are ``head``."""
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz")):
        return "warc"
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".rss", ".atom")):
        return "feed"
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"<doc>"):
        return "trec"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if any(marker in head.lower() for marker in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if b"<html" in head[:1024].lower():
        return "html"
    if start.startswith(b"{") and not lower.endswith(".txt"):
        return "jsonl"
    return "txt"


def _failure(error: InputError) -> Failure:
    return Failure(source=error.source, stage=error.stage, code=error.code, message=str(error))


def _records(items: Iterable[Draft | InputError]) -> Iterator[Draft | Failure]:
    for item in items:
        yield _failure(item) if isinstance(item, InputError) else item


def read_bytes(
    data: bytes, *, name: str, source: str, group_key: str, max_bytes: int
) -> Iterator[Draft | Failure]:
    """Articles in ``data``, read by the reader its name and content call for."""
    try:
        if len(data) > max_bytes:
            raise InputError(
                source, f"{len(data)} bytes, over the limit of {max_bytes}", code="INPUT_TOO_LARGE"
            )
        kind = sniff_format(name, data[:4096])
        if kind == "warc":
            yield from _records(read_warc(io.BytesIO(data), source=source, max_bytes=max_bytes))
            return
        if kind == "feed":
            yield from _records(read_feed(data, source=source))
            return
        text = decode_bytes(data, source=source, declared=declared_encoding(data))
        if kind == "txt" and looks_like_trec(text):
            kind = "trec"
        if kind == "txt" and text.lstrip("\ufeff \t\r\n").lower().startswith(
            ("<!doctype html", "<html")
        ):
            kind = "html"
        if kind == "html":
            yield draft_from_html(text, source=source, group_key=group_key)
        elif kind == "jsonl":
            yield from _records(read_jsonl(text, source=source, group_key=group_key))
        elif kind == "trec":
            yield from _records(read_trec(text, source=source, group_key=group_key))
        else:
            yield Draft(
                id=text_hash(text),
                source=source,
                input_format="txt",
                raw_text=text,
                headline_first=True,
                group_key=group_key,
            )
    except InputError as error:
        yield _failure(error)


def _read_tar(path: Path, *, max_bytes: int) -> Iterator[Draft | Failure]:
    try:
        with tarfile.open(path, mode="r|*") as archive:
            for member in archive:
                member_name = PurePosixPath(member.name)
                if not member.isfile() or member_name.name.startswith("._"):
                    continue
                source = f"{path}!{member.name}"
                if member.size > max_bytes:
                    yield Failure(
                        source,
                        "read",
                        "INPUT_TOO_LARGE",
                        f"{source}: {member.size} bytes, over the limit of {max_bytes}",
                    )
                    continue
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                yield from read_bytes(
                    handle.read(),
                    name=member_name.name,
                    source=source,
                    group_key=f"{path}!{member_name.parent}",
                    max_bytes=max_bytes,
                )
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        yield Failure(
            str(path),
            "read",
            "BAD_ARCHIVE",
            f"{path}: archive is truncated or corrupt ({error}); members before it were read",
        )


def _read_gzip(path: Path, *, max_bytes: int) -> Iterator[Draft | Failure]:
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        yield Failure(
            str(path), "read", "BAD_ARCHIVE", f"{path}: gzip file is truncated or corrupt ({error})"
        )
        return
    yield from read_bytes(
        data,
        name=path.name.removesuffix(".gz"),
        source=str(path),
        group_key=str(path.parent),
        max_bytes=max_bytes,
    )


def _read_warc_file(path: Path, *, max_bytes: int) -> Iterator[Draft | Failure]:
    with path.open("rb") as handle:
        yield from _records(read_warc(handle, source=str(path), max_bytes=max_bytes))
    if path.name.lower().endswith(".gz") and not gzip_is_complete(path):
        yield Failure(
            str(path),
            "read",
            "BAD_ARCHIVE",
            f"{path}: WARC archive is truncated or corrupt; records before the damage were read",
        )


def read_file(path: Path, *, max_bytes: int) -> Iterator[Draft | Failure]:
    """Articles of one file, whatever its format."""
    lower = path.name.lower()
    try:
        if lower.endswith((".warc", ".warc.gz")):
            yield from _read_warc_file(path, max_bytes=max_bytes)
        elif lower.endswith(_TAR_SUFFIXES):
            yield from _read_tar(path, max_bytes=max_bytes)
        elif lower.endswith(".gz"):
            yield from _read_gzip(path, max_bytes=max_bytes)
        else:
            size = path.stat().st_size
            if size > max_bytes:
                yield Failure(
                    str(path),
                    "read",
                    "INPUT_TOO_LARGE",
                    f"{path}: {size} bytes, over the limit of {max_bytes}",
                )
                return
            yield from read_bytes(
                path.read_bytes(),
                name=path.name,
                source=str(path),
                group_key=str(path.parent),
                max_bytes=max_bytes,
            )
    except OSError as error:
        yield Failure(str(path), "read", "UNREADABLE", f"{path}: cannot be read ({error.strerror})")


def _files_under(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def read_inputs(
    paths: Iterable[str], *, max_bytes: int, stdin: BinaryIO | None = None
) -> Iterator[Draft | Failure]:
    """Articles and failures from every path, in order; ``-`` reads standard input."""
    for path_text in paths:
        if path_text == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_bytes(
                stream.read(max_bytes + 1),
                name="",
                source=STDIN_SOURCE,
                group_key=STDIN_SOURCE,
                max_bytes=max_bytes,
            )
            continue
        path = Path(path_text)
        if path.is_dir():
            for file in _files_under(path):
                yield from read_file(file, max_bytes=max_bytes)
        elif path.exists():
            yield from read_file(path, max_bytes=max_bytes)
        else:
            yield Failure(
                path_text, "read", "INPUT_NOT_FOUND", f"{path_text}: no such file or folder"
            )
