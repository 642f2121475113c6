"""Cleaning: from the raw text a reader produced to the cleaned text marsad shows.

Everything cleaning takes out is recorded as a :class:`~marsad.model.Removal`
with raw offsets, and the cleaned text comes with an offset map back to the raw
text, so evidence can always be shown where it was found. Whitespace-only
changes (collapsed runs, trimmed line ends, blank lines) are tracked by the
offset map alone: they carry no words.

Steps, in one pass over the lines of the raw text:

1. classify each line (boilerplate rules, navigation residue, headline, photo
   captions, "read previous/next" headlines, lists of other articles after a
   "related" header, outlet self-descriptions at the end);
2. drop repeated paragraphs, compared on a punctuation-free normalised key, also
   when a copy is glued to its twin without a space (``قبل يومين.كشفت``);
3. inside kept lines repair censorship-evasion spellings (``إطـ.ـلاق`` →
   ``إطلاق``), drop word-internal tatweel and invisible characters, collapse
   whitespace; real dots, dashes and tatweel between words survive.

Hand-written: these are Arabic-news specifics no cleaning library handles.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.model import OffsetMap, Removal, Span
from marsad.text.boilerplate import (
    is_caption,
    is_navigation,
    is_self_description,
    key_maker,
    key_of_folded,
    line_key,
    looks_like_headline,
    match_boilerplate,
    opens_with_dateline,
)
from marsad.text.normalize import (
    INVISIBLES,
    find_changes,
    fold,
    normalize,
    normalize_folded_slice,
    normalize_with_map,
)
from marsad.text.offsets import OffsetMapBuilder

_LINE_BREAK_CHARS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_HSPACE = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# whitespace and invisible characters trimmed from both ends of a line
_STRIP_CHARS = (
    " \t\r\n\u00a0\u1680\u202f\u205f\u3000\ufeff\u061c\u00ad"
    + "".join(chr(code) for code in range(0x2000, 0x2010))  # spaces, ZWSP, ZWNJ, ZWJ, LRM, RLM
    + "".join(chr(code) for code in range(0x202A, 0x202F))  # bidi embeddings and overrides
    + "".join(chr(code) for code in range(0x2060, 0x206A))  # word joiner, bidi isolates
)
_LINE_STRIP_CHARS = _STRIP_CHARS + _LINE_BREAK_CHARS
_LETTER = "\u0621-\u063a\u0641-\u065f\u0670-\u06d3"  # Arabic letters and harakat, not tatweel
_MARK = ".\\-_*·•"
# A dot next to tatweel, or marks with tatweel on both sides, inside a word: إطـ.ـلاق, النـ.-ار,
# حـ-ـرب. A tatweel then a hyphen alone (بـ-ذا, لـ-العربية) is a prefix joined by a hyphen: kept.
_EVASION = "|".join(
    (
        f"\u0640+\\.[{_MARK}\u0640]*",  # tatweel, dot, then any marks: ـ.ـ  ـ.-
        f"\\.+\u0640[{_MARK}\u0640]*",  # dot then tatweel: .ـ
        f"\u0640+[{_MARK}]+\u0640+[{_MARK}\u0640]*",  # marks between tatweels: ـ-ـ
    )
)
_HSPACE_NOT_SPACE = _HSPACE[1:]
_INLINE_EDIT = re.compile(
    # whitespace runs other than a single plain space (with any invisibles inside them)
    f"(?P<space> [{_HSPACE}{INVISIBLES}]+|[{_HSPACE_NOT_SPACE}][{_HSPACE}{INVISIBLES}]*"
    f"|[{INVISIBLES}]+[{_HSPACE}][{_HSPACE}{INVISIBLES}]*)"
    f"|(?P<invisible>[{INVISIBLES}]+)"
    f"|(?<=[{_LETTER}])(?:(?P<evasion_mark>{_EVASION})"
    f"|(?P<tatweel>\u0640+))(?=[{_LETTER}])"
)
# any character an in-line edit may touch: lines without one are copied as they are
# (a character class alone, which the engine scans fast; two plain spaces are a str test)
_MAY_NEED_EDIT = re.compile(f"[{_HSPACE_NOT_SPACE}{INVISIBLES}\u0640]")
_SELF_DESCRIPTION_WINDOW = 4
_NEWLINE_MAP = OffsetMap.identity(1)


@dataclass(frozen=True, slots=True)
class CleanedText:
    """Result of :func:`clean_text`: the cleaned text, and its normalised form with both maps."""

    text: str
    clean_to_raw: OffsetMap
    normalized: str
    normalized_to_clean: OffsetMap
    removed: tuple[Removal, ...]
    captions: tuple[Span, ...]
    headline: str | None


@dataclass(slots=True)
class _Line:
    start: int  # raw offsets of the line without surrounding whitespace
    end: int
    text: str
    normalized: str  # normalize(text), with its map back to text
    normalized_map: OffsetMap
    key: str  # line_key(text)
    words: int
    kind: str = "content"  # "content", "caption", "headline" or a removal kind


def _identity(key: str) -> str:
    """A paragraph's identity for repeat detection: its key without spaces.

    Copies that differ in quotation marks, punctuation or spacing (also a copy glued
    to its twin without a space) get the same identity.
    """
    return key.replace(" ", "")


@lru_cache(maxsize=4096)
def _identity_map(length: int) -> OffsetMap:
    """The map of a line that normalisation leaves as it is (maps are immutable: shared)."""
    return OffsetMap.identity(length)


def _split_lines(raw: str) -> list[_Line]:
    # Fold and scan the whole article once: folding never changes lengths, so the
    # folded text lines up with the raw text and a line without changes is its own slice.
    folded = fold(raw)
    changes = find_changes(folded)
    change_ends = [end for _, end, _ in changes]
    # lower-casing the article once is cheaper than line by line; a few characters
    # (``İ``) lengthen when lower-cased, and then the lines are lower-cased one by one
    lowered = folded.lower()
    if len(lowered) != len(folded):
        lowered = ""
    key_of_line = key_maker(raw)
    lines = []
    position = 0
    # ``str.splitlines`` breaks on exactly ``_LINE_BREAK_CHARS`` (``\r\n`` as one), much
    # faster than a regular-expression scan; each piece ends in at most one break
    for piece in raw.splitlines(keepends=True):
        stripped = piece.strip(_LINE_STRIP_CHARS)
        if stripped:
            start = position + (len(piece) - len(piece.lstrip(_LINE_STRIP_CHARS)))
            end = start + len(stripped)
            first = bisect.bisect_right(change_ends, start)
            if first < len(changes) and changes[first][0] < end:
                last = bisect.bisect_left(change_ends, end, lo=first)
                normalized, normalized_map = normalize_folded_slice(
                    folded, start, end, changes[first : last + 1]
                )
                lower = normalized.lower()
            else:
                normalized = folded[start:end]
                normalized_map = _identity_map(len(stripped))
                lower = lowered[start:end] if lowered else normalized.lower()
            key = key_of_line(lower)
            words = key.count(" ") + 1
            lines.append(_Line(start, end, stripped, normalized, normalized_map, key, words))
        position += len(piece)
    return lines


def _classify(lines: list[_Line], *, headline_first: bool, recurring: frozenset[str]) -> None:
    pending_next = 0
    in_tail = False
    body_index = 0
    headline_found = not headline_first
    for line in lines:
        if pending_next:
            line.kind = "other_headline"
            pending_next -= 1
            continue
        if is_navigation(line.key, line.words, single_term=not headline_found):
            line.kind = "breadcrumb"
            continue
        # "head" rules (bylines) count body lines; before the headline there are none yet
        position = body_index if headline_found else len(lines)
        rule = match_boilerplate(line.normalized, line.key, line.words, position)
        if rule is not None:
            line.kind = rule.kind
            pending_next = rule.next_lines
            in_tail = in_tail or rule.starts_tail
            continue
        if not headline_found:
            line.kind = "headline"
            headline_found = True
            continue
        if line.key in recurring:
            line.kind = "recurring_line"
            continue
        if in_tail:
            if looks_like_headline(line.text, line.words):
                line.kind = "other_headline"
                continue
            in_tail = False
        body_index += 1
        if is_caption(line.normalized, line.words):
            line.kind = "caption"
    _mark_self_description(lines)
    _mark_other_stories(lines)


def _mark_other_stories(lines: list[_Line]) -> None:
    """The leads of other stories at the end of a page (``resources/other_stories.tsv``):
    when the article opens with a dateline, a second dateline paragraph and all after it."""
    body = [index for index, line in enumerate(lines) if line.kind == "content"]
    datelined = [
        position
        for position, index in enumerate(body)
        if opens_with_dateline(lines[index].normalized, lines[index].words)
    ]
    if len(datelined) < 2 or datelined[0] > 1:
        return  # the article itself must open with its dateline
    for index in body[datelined[1] :]:
        lines[index].kind = "other_story"


def _mark_self_description(lines: list[_Line]) -> None:
    """An outlet's description of itself among the last paragraphs, and its name line."""
    body = [index for index, line in enumerate(lines) if line.kind == "content"]
    for index in body[1:][-_SELF_DESCRIPTION_WINDOW:]:
        line = lines[index]
        if not is_self_description(line.normalized, line.key, line.words):
            continue
        line.kind = "self_description"
        previous = lines[index - 1] if index else None
        if (
            previous is not None
            and previous.kind == "content"
            and previous.words <= 4
            and ":" not in previous.text
        ):
            previous.kind = "byline"


def _smallest_period(key: str) -> int:
    return (key + key).find(key, 1)


def _second_copy_offset(text: str, period: int) -> int:
    """Character offset in ``text`` where the identity position ``period`` begins."""
    consumed = 0
    for offset, char in enumerate(text):
        piece = _identity(key_of_folded(normalize(char).lower()))
        if piece and consumed >= period:
            return offset
        consumed += len(piece)
    return len(text)


def _drop_repeats(lines: list[_Line], *, min_chars: int, seen: set[str]) -> list[Removal]:
    """Mark repeated paragraphs; trim lines that hold their own twin glued on."""
    removals: list[Removal] = []
    for line in lines:
        if line.kind not in {"content", "caption"}:
            continue
        key = _identity(line.key)
        if len(key) < min_chars:
            continue
        if key in seen:
            line.kind = "repeated_paragraph"
            continue
        period = _smallest_period(key)
        if period < len(key) and len(key) % period == 0 and period >= min_chars:
            cut = _second_copy_offset(line.text, period)
            removals.append(
                Removal("repeated_paragraph", line.text[cut:], line.start + cut, line.end)
            )
            line.text = line.text[:cut].rstrip(_STRIP_CHARS)
            line.end = line.start + len(line.text)
            line.normalized, line.normalized_map = normalize_with_map(line.text)
            line.key = key_of_folded(line.normalized.lower())
            key = key[:period]
        seen.add(key)
    return removals


class _Builder:
    """Assembles the cleaned text from raw pieces and records the offset map."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.breaks = OffsetMapBuilder()
        self.length = 0
        self.expected_source: int | None = 0

    def add(self, text: str, source: int) -> None:
        """Append ``text`` standing for ``raw[source:source + len(text)]``."""
        if not text:
            return
        if self.expected_source != source:
            self.breaks.add_break(self.length, source)
        self.pieces.append(text)
        self.length += len(text)
        self.expected_source = source + len(text)

    def insert(self, text: str, source: int) -> None:
        """Append ``text`` that has no raw counterpart; it maps to ``source``."""
        self.breaks.add_break(self.length, source)
        self.pieces.append(text)
        self.length += len(text)
        self.expected_source = None

    def offset_map(self, source_length: int) -> OffsetMap:
        return self.breaks.build(self.length, source_length)


class _NormalizedBuilder:
    """Assembles the normalised text line by line, stitching the lines' offset maps."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.breaks = OffsetMapBuilder()
        self.length = 0

    def add(self, normalized: str, mapping: OffsetMap, clean_start: int) -> None:
        """Append ``normalized``, the normal form of the cleaned text from ``clean_start`` on."""
        if len(mapping.derived_breaks) == 1:  # nothing deleted or expanded: one break
            self.breaks.add_break(self.length, clean_start)
        else:
            self.breaks.add_map(self.length, clean_start, mapping)
        self.pieces.append(normalized)
        self.length += len(normalized)

    def offset_map(self, clean_length: int) -> OffsetMap:
        return self.breaks.build(self.length, clean_length)


def _emit_line(line: _Line, builder: _Builder, removals: list[Removal]) -> bool:
    """Append one kept line with in-line edits applied; False when there were none."""
    text = line.text
    if "  " not in text and _MAY_NEED_EDIT.search(text) is None:
        builder.add(text, line.start)
        return False
    last = 0
    for match in _INLINE_EDIT.finditer(text):
        start, end = match.span()
        kind = match.lastgroup
        builder.add(text[last:start], line.start + last)
        if kind == "space":
            builder.add(" ", line.start + start)
        else:
            removals.append(Removal(str(kind), match.group(), line.start + start, line.start + end))
        last = end
    builder.add(text[last:], line.start + last)
    return True


def clean_line(text: str) -> str:
    """One line (a headline from metadata) with the in-line repairs of :func:`clean_text`."""
    stripped = text.strip(_STRIP_CHARS)
    builder = _Builder()
    _emit_line(_Line(0, len(stripped), stripped, "", OffsetMap.identity(0), "", 0), builder, [])
    return "".join(builder.pieces)


def clean_text(
    raw: str,
    *,
    headline_first: bool = False,
    title: str | None = None,
    recurring: frozenset[str] = frozenset(),
    min_repeat_chars: int = 20,
) -> CleanedText:
    """Clean ``raw``; see the module docstring.

    ``headline_first``: the first line that is not navigation or boilerplate is
    the headline (plain-text scrapes); it becomes ``headline`` and leaves the
    body. ``title``: a headline known from metadata; a body paragraph repeating
    it is dropped as a repeat. ``recurring``: line keys found to be boilerplate
    of this article's outlet by the corpus-level pass.
    """
    lines = _split_lines(raw)
    _classify(lines, headline_first=headline_first, recurring=recurring)
    headline_line = next((line for line in lines if line.kind == "headline"), None)
    seen: set[str] = set()
    body_lines = sum(1 for line in lines if line.kind == "content")
    for known_title in (title, headline_line.text if headline_line else None):
        if known_title and body_lines > 1:  # a body that only repeats its title is kept
            seen.add(_identity(line_key(known_title)))
    removals = _drop_repeats(lines, min_chars=min_repeat_chars, seen=seen)

    builder = _Builder()
    normalized = _NormalizedBuilder()
    captions: list[Span] = []
    for line in lines:
        if line.kind in {"content", "caption"}:
            if builder.length:
                normalized.add("\n", _NEWLINE_MAP, builder.length)
                builder.insert("\n", line.start)
            start, first_piece = builder.length, len(builder.pieces)
            if _emit_line(line, builder, removals):
                emitted = "".join(builder.pieces[first_piece:])
                normalized.add(*normalize_with_map(emitted), start)
            else:
                normalized.add(line.normalized, line.normalized_map, start)
            if line.kind == "caption":
                captions.append(Span(start, builder.length, "".join(builder.pieces)[start:]))
        elif line.kind != "headline":
            removals.append(Removal(line.kind, line.text, line.start, line.end))
    headline = None
    if headline_line is not None:
        headline_builder = _Builder()
        _emit_line(headline_line, headline_builder, removals)
        headline = "".join(headline_builder.pieces)
    removals.sort(key=lambda removal: (removal.raw_start, removal.raw_end))
    text = "".join(builder.pieces)
    return CleanedText(
        text=text,
        clean_to_raw=builder.offset_map(len(raw)),
        normalized="".join(normalized.pieces),
        normalized_to_clean=normalized.offset_map(len(text)),
        removed=tuple(removals),
        captions=tuple(captions),
        headline=headline,
    )
