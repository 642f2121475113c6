"""Sentences and web addresses of a cleaned or normalised Arabic text, as character offsets.

A sentence ends at a line break, or at ``.``, ``!``, ``?``, ``؟`` or ``…`` followed
by a space, a closing quotation mark or the end of the text; a dot between
digits (``3.5``) or glued to the next word (``د.ب.أ``) does not end one.
Hand-written because the Arabic question mark and the news habit of gluing a
paragraph's last dot to the next sentence (``قبل يومين.كشفت``) need handling
that general sentence splitters lack, and offsets are what marsad needs.
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(
    r"\n+"
    r"|[.!?؟…]+[\"'»”)\]]*(?=\s|$)"
    r"|(?<=[\u0621-\u064a])\.(?=[\u0621-\u064a]{3})"  # a dot glued to the next sentence
)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` of each sentence, without surrounding whitespace."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        _add(text, start, match.end(), bounds)
        start = match.end()
    _add(text, start, len(text), bounds)
    return bounds


def _add(text: str, start: int, end: int, bounds: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + len(piece) - len(piece.lstrip())
        bounds.append((offset, offset + len(stripped)))


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")


def web_address_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the links in ``text``: numbers and names inside a link
    (``…/politics/2025/03/10/…``, ``aljazeera.net``) are neither facts nor mentions."""
    return [match.span() for match in _WEB_ADDRESS.finditer(text)]
