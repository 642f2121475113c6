"""Whom an article cites: agencies, outlets, government bodies, officials, anonymous sources.

A cited source is a name (or an anonymous phrase such as ``مصادر مطلعة``) that
follows an attribution cue within the same clause: ``وحسب وكالة سبوتنيك``,
``ذكرت وكالة سانا``, ``نقل موقع الكرملين``, ``وفقًا لمصادر روسية``, ``أفاد
الكرملين``, ``المصدر: RT``, ``ذكرت مصادر لـ RT``. Names come from the gazetteer
(:mod:`marsad.extract.gazetteer`); after a generic noun (``وكالة``, ``صحيفة``) a
name one edit away from a known agency or outlet still counts (``سبوتنبك``), via
rapidfuzz. Words that give a name another sense (``سبوتنيك V``, ``لقاح سبوتنيك``)
keep it out. Cues, anonymous nouns and their adjectives live in
``resources/source_cues.tsv``.

Hand-written: no released tool finds Arabic attributions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from marsad.extract.gazetteer import Entry, Gazetteer, key_of_words
from marsad.model import CitedSource, OffsetMap
from marsad.resources import read_resource_table
from marsad.text.normalize import normalize, normalize_with_map

_TOKEN = re.compile(r"\w+|[^\w\s]|\n")
_CLAUSE_END = {"،", ",", ".", "؛", ";", "!", "?", "؟", "\n"}
_QUOTES = {'"', "“", "”", "«", "»", "'", "‘", "’", "(", ")"}
_WINDOW = 7  # words after a cue in which its source may stand
_MAX_NAME_WORDS = 6
_FUZZY_MIN_LENGTH = 5
_KIND_OF_ORGANIZATION = {
    "agency": "agency",
    "outlet": "outlet",
    "government": "government",
    "ministry": "government",
    "army": "government",
    "security": "government",
    "international": "government",
}


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str
    is_word: bool


@dataclass(frozen=True, slots=True)
class SourceWords:
    by_category: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # category → multi-word entries as tuples

    def has(self, category: str, word: str) -> bool:
        return word in self.by_category.get(category, frozenset())


@lru_cache(maxsize=1)
def source_words() -> SourceWords:
    single: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for row in read_resource_table("source_cues.tsv"):
        for word in row[1].split("|"):
            folded = normalize(word.strip()).lower()
            if " " in folded:
                phrases.setdefault(row[0], []).append(tuple(folded.split()))
            if folded:  # a phrase is also kept whole, for looking up a name of several words
                single.setdefault(row[0], set()).add(folded)
    return SourceWords(
        {category: frozenset(words) for category, words in single.items()},
        {category: tuple(found) for category, found in phrases.items()},
    )


def _strip_clitic(word: str) -> list[str]:
    """A word and its forms without a leading conjunction or preposition (``وللكرملين``…)."""
    forms = [word]
    for prefix in ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            rest = word[len(prefix) :]
            forms.append(rest)
            if prefix.endswith("ل") and rest.startswith("ل"):
                forms.append("ا" + rest)  # ل + الكرملين is written للكرملين
    if word.startswith("لل") and len(word) > 3:
        forms.append("ا" + word[1:])
    return forms


def _tokens(folded: str, start: int, end: int) -> list[_Token]:
    return [
        _Token(m.start(), m.end(), m.group().lower(), m.group()[0].isalnum() or m.group() == "_")
        for m in _TOKEN.finditer(folded, start, end)
    ]


def _name_at(
    tokens: Sequence[_Token], index: int, gazetteer: Gazetteer
) -> tuple[int, tuple[Entry, ...], int] | None:
    """The longest gazetteer name starting at word ``index``: (last index, entries, start)."""
    if not tokens[index].is_word:
        return None
    firsts = [form for form in _strip_clitic(tokens[index].text) if form in gazetteer.first_words]
    if not firsts:
        return None
    words: list[str] = []
    for token in tokens[index + 1 : index + _MAX_NAME_WORDS]:
        if not token.is_word:
            break
        words.append(token.text)
    for length in range(len(words), -1, -1):
        rest = " ".join(words[:length])
        for first in firsts:
            found = _fitting(
                first, gazetteer.by_key.get(key_of_words(f"{first} {rest}" if rest else first))
            )
            if found:
                start = tokens[index].end - len(first)
                return index + length, found, start
    return None


def _fitting(first: str, found: tuple[Entry, ...] | None) -> tuple[Entry, ...]:
    """Entries a name may mean given the noun it opens with: after ``وكالة`` only agencies
    (``وكالة الأنباء`` is "the news agency", not the paper الأنباء)."""
    if not found:
        return ()
    words = source_words()
    if words.has("generic_agency", first):
        return tuple(entry for entry in found if entry.kind == "agency")
    return found


def _kind_of(entry: Entry) -> str:
    if entry.type == "PER":
        return "official"
    return _KIND_OF_ORGANIZATION.get(entry.kind, "official")


@lru_cache(maxsize=4)
def _fuzzy_names(gazetteer: Gazetteer) -> tuple[list[str], list[Entry]]:
    keys: list[str] = []
    entries: list[Entry] = []
    for key, found in gazetteer.by_key.items():
        media = [entry for entry in found if entry.kind in {"agency", "outlet"}]
        common = source_words().has("common_name", key)
        if media and len(key) >= _FUZZY_MIN_LENGTH and " " not in key and not common:
            keys.append(key)
            entries.append(media[0])
    return keys, entries


def fuzzy_media_name(word: str, gazetteer: Gazetteer) -> Entry | None:
    """An agency or outlet one edit away from ``word`` (``سبوتنبك`` → Sputnik)."""
    if len(word) < _FUZZY_MIN_LENGTH:
        return None
    keys, entries = _fuzzy_names(gazetteer)
    best = process.extractOne(word, keys, scorer=Levenshtein.distance, score_cutoff=1)
    return entries[best[2]] if best is not None else None


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    entry: Entry | None


def _other_sense(tokens: Sequence[_Token], first: int, last: int) -> bool:
    words = source_words()
    after = tokens[last + 1].text if last + 1 < len(tokens) else ""
    if after in _QUOTES and last + 2 < len(tokens):
        after = tokens[last + 2].text
    before = next((t.text for t in reversed(tokens[:first]) if t.text not in _QUOTES), "")
    return words.has("not_after", after) or words.has("not_before", before)


def _bare_common_name(
    tokens: Sequence[_Token],
    first: int,
    last: int,
    entries: tuple[Entry, ...],
    *,
    after_agency_noun: bool = False,
) -> bool:
    """An outlet name that is also a common word (``العربية``) with no outlet noun or quotes
    before it, or a non-agency name after ``وكالة`` (``وكالة الأنباء`` is "the news agency")."""
    words = source_words()
    before = tokens[first - 1].text if first else ""
    if after_agency_noun or words.has("generic_agency", before):
        return not any(entry.kind == "agency" for entry in entries)
    name = " ".join(token.text for token in tokens[first : last + 1])
    if not any(words.has("common_name", form) for form in _strip_clitic(name)[:2]):
        return False
    quoted = before in _QUOTES
    return not (quoted or words.has("generic_outlet", before) or before == "ل")


def _anonymous_end(tokens: Sequence[_Token], index: int) -> int:
    """Last token of an anonymous phrase starting at ``index`` (``مصادر قريبة من اللقاء``)."""
    words = source_words()
    last = index
    position = index + 1
    while position < len(tokens) and position <= index + 4:
        text = tokens[position].text
        if words.has("anonymous_adjective", text):
            last = position
            if (
                text in {"قريبه", "مقربه", "قريب", "مقرب"}
                and position + 2 < len(tokens)
                and tokens[position + 1].text == "من"
                and tokens[position + 2].is_word
            ):
                last = position + 2
                position += 2
            position += 1
            continue
        break
    return last


def _scan_after_cue(
    tokens: Sequence[_Token], cue: int, gazetteer: Gazetteer, found: list[_Found]
) -> None:
    words = source_words()
    generic: str | None = None
    generic_at = -1
    role_start: int | None = None
    anonymous_seen = False
    seen_words = 0
    index = cue + 1
    if index < len(tokens) and tokens[index].text == ":":
        index += 1  # "المصدر: RT"
    while index < len(tokens) and seen_words < _WINDOW:
        token = tokens[index]
        if token.text in _CLAUSE_END or token.text == ":":
            break
        if not token.is_word:
            if (
                token.text in _QUOTES
                and generic is None
                and not _quoted_name_follows(tokens, index, gazetteer)
            ):
                break  # the quoted words are the report itself, not its source
            index += 1
            continue
        seen_words += 1
        forms = _strip_clitic(token.text)
        if any(words.has("stop", form) for form in forms[:1]):
            break
        name = _name_at(tokens, index, gazetteer)
        if name is not None:
            last, entries, start = name
            if role_start is not None and entries[0].type != "PER":
                # "الناطق باسم الكرملين دميتري بيسكوف": the person speaks, not the body
                person = _person_after(tokens, last + 1, gazetteer)
                if person is not None:
                    last, entries, start = person
            agency_noun = generic == "agency"
            if not _other_sense(tokens, index, last) and not _bare_common_name(
                tokens, index, last, entries, after_agency_noun=agency_noun
            ):
                found.append(_Found(start, tokens[last].end, _kind_of(entries[0]), entries[0]))
                return
            index = last + 1
            continue
        if generic is not None and _right_after(tokens, generic_at, index):
            near = fuzzy_media_name(token.text, gazetteer)
            if near is not None:
                found.append(_Found(token.start, token.end, _kind_of(near), near))
                return
        if any(words.has("anonymous", form) for form in forms):
            last = _anonymous_end(tokens, index)
            offset = len(token.text) - len(next(f for f in forms if words.has("anonymous", f)))
            found.append(_Found(token.start + offset, tokens[last].end, "anonymous", None))
            anonymous_seen = True
            index = last + 1
            continue
        if anonymous_seen and token.text not in {"ل"}:
            return  # "ذكرت مصادر لـ RT": only a name right after لـ goes with them
        if words.has("generic_agency", token.text) or words.has("generic_outlet", token.text):
            generic = "agency" if words.has("generic_agency", token.text) else "outlet"
            generic_at = index
        elif role_start is None and any(words.has("official_role", form) for form in forms):
            role_start = index
        index += 1
    if role_start is not None and not anonymous_seen:
        found.append(_role_phrase(tokens, role_start))


def _role_phrase(tokens: Sequence[_Token], start: int) -> _Found:
    """An unnamed official: the role and the definite words that complete it
    (``وزير الخارجية الروسي``, ``الناطق باسم الوزارة``)."""
    last = start
    for position in range(start + 1, min(start + 4, len(tokens))):
        text = tokens[position].text
        definite = text.startswith("ال") and not source_words().has("stop", text)
        if not tokens[position].is_word or not (definite or text == "باسم"):
            break
        last = position
    return _Found(tokens[start].start, tokens[last].end, "official", None)


def _right_after(tokens: Sequence[_Token], noun: int, index: int) -> bool:
    """Whether only quotation marks stand between an outlet noun and the word at ``index``."""
    return all(not token.is_word for token in tokens[noun + 1 : index])


def _quoted_name_follows(tokens: Sequence[_Token], index: int, gazetteer: Gazetteer) -> bool:
    """Whether a quotation mark opens (or closes) around a known name: ``قالت “سانا”``."""
    following = index + 1
    if following >= len(tokens) or not tokens[following].is_word:
        return True  # a closing mark, or marks in a row: look on
    return _name_at(tokens, following, gazetteer) is not None


def _person_after(
    tokens: Sequence[_Token], index: int, gazetteer: Gazetteer
) -> tuple[int, tuple[Entry, ...], int] | None:
    """A person's name within the next three words (after a role and the body they speak for)."""
    for position in range(index, min(index + 3, len(tokens))):
        if tokens[position].text in _CLAUSE_END:
            return None
        name = _name_at(tokens, position, gazetteer)
        if name is not None and name[1][0].type == "PER":
            return name
    return None


@lru_cache(maxsize=1)
def _cue_forms() -> frozenset[str]:
    """Cue words with and without a leading conjunction or preposition (``وذكرت``)."""
    cues = source_words().by_category.get("cue", frozenset())
    prefixes = ("", "وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
    return frozenset(prefix + cue for cue in cues for prefix in prefixes)


_WORD = re.compile(r"\w+")
_LABEL = re.compile(r"^[^\S\n]*((?:\w+\s+){0,2}\w+)\s*:", re.MULTILINE)
_SCAN_CHARS = 160  # how far after a cue its source is looked for


def find_cited_sources(
    text: str,
    *,
    normalized: str | None = None,
    normalized_to_clean: OffsetMap | None = None,
    gazetteer: Gazetteer,
) -> tuple[CitedSource, ...]:
    """Cited sources of a cleaned text, as spans of it, in order, one per place cited."""
    if normalized is None:
        normalized, normalized_to_clean = normalize_with_map(text)
    folded = normalized
    cues = _cue_forms()
    found: list[_Found] = []
    for word in _WORD.finditer(folded):
        if word.group().lower() in cues:
            window = _tokens(folded, word.start(), min(len(folded), word.end() + _SCAN_CHARS))
            _scan_after_cue(window, 0, gazetteer, found)
    for label in _LABEL.finditer(folded):
        _line_label(_tokens(folded, label.start(1), label.end()), found)
    seen: set[tuple[int, int]] = set()
    sources = []
    for item in sorted(found, key=lambda item: (item.start, item.end)):
        if (item.start, item.end) in seen:
            continue
        seen.add((item.start, item.end))
        start, end = item.start, item.end
        if normalized_to_clean is not None:
            start, end = normalized_to_clean.span_to_source_with_marks(start, end)
        entity = item.entry.ref if item.entry else None
        sources.append(CitedSource(start, end, text[start:end], item.kind, entity))
    return tuple(sources)


def _line_label(tokens: Sequence[_Token], found: list[_Found]) -> None:
    """``مصدر روسي: …`` opening a line: an anonymous label is the source of what follows."""
    words = source_words()
    if tokens and any(words.has("anonymous", form) for form in _strip_clitic(tokens[0].text)):
        found.append(_Found(tokens[0].start, tokens[-1].end, "anonymous", None))
