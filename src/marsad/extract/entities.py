"""Named entities of an article: gazetteer names, roles, epithets, anaphors and context cues.

The default backend needs no download. In one pass over the normalised text:

1. **Names** from the gazetteer (:mod:`marsad.extract.gazetteer`: people with terms of
   office, organisations, outlets, countries and places), found with an Aho-Corasick
   automaton (pyahocorasick) over every name's normalised form, so that spelling
   variants of hamza, alef, ya and ta marbuta need no rows; a name may carry an attached
   clitic (``وبوتين``, ``للأسد``), which stays outside the span. Names with another
   sense are kept out (``سبوتنيك V``), outlet names that are ordinary words need an
   outlet noun or quotation marks (``قناة العربية``), and a name of several entries
   (``طرابلس``) takes the one whose country the article names most.
2. **Roles** (``الرئيس الروسي``, ``وزير خارجية النظام``; ``resources/roles.tsv``) are
   resolved to the holder on the article's event or publication date; without a date,
   to a holder of that office the article names. **Epithets** (``رأس النظام``;
   ``resources/epithets.tsv``) likewise, marked ``epithet``. ``نظيره السوري`` takes the
   office of the person named before it.
3. **Anaphors**: ``الأخير``/``الأخيرة`` as a subject or object (not as an adjective after a
   noun, ``الاجتماع الأخير``) is the person mentioned last.
4. **Context**: a person, place or organisation cue (``مبعوثه الخاص``, ``مدينة``,
   ``وكالة``; ``resources/person_cues.tsv``) followed by a name-shaped run finds names
   the gazetteer lacks; a later mention of such a name's last word is the same entity.

Hand-written because no released Arabic NER tool runs offline with identities, terms of
office and epithets; the automaton is pyahocorasick.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import ahocorasick
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from marsad.extract.gazetteer import Entry, Gazetteer, load_gazetteer
from marsad.extract.sources import fuzzy_media_name, source_words
from marsad.model import DateValue, Entity, OffsetMap
from marsad.resources import read_resource_table
from marsad.text.normalize import normalize, normalize_with_map
from marsad.text.segment import web_address_spans

_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"})
_FUSED_CLITICS = frozenset({"ل", "ول", "فل"})  # before a name whose ال fused with ل: للأسد
_WORD = re.compile(r"\w+")
_JOINING_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_ANAPHORS = frozenset({"الاخير", "الاخيره"})  # الأخير، الأخيرة: the one named last
_MAX_NAME_TOKENS = 3
_ROLE_HEADS = {"وزير", "وزيره", "مدير", "رئيس", "قائد", "باسم", "نائب", "مستشار"}
_NAME_JOINERS = {"ابو", "بن", "ابن", "عبد", "ام", "بنت"}  # words inside a name: زياد أبو عمر
# before باسم these mean "spokesperson on behalf of" or "known by the name of", not the
# given name Basim
_SPEAKER_NOUNS = frozenset(
    [
        "المعروف",
        "المعروفه",
        "يعرف",
        "تعرف",
        "المتحدثين",
        "المتحدثون",
        "لمتحدث",
        "المتحدث",
        "المتحدثه",
        "الناطق",
        "الناطقه",
        "متحدث",
        "متحدثه",
        "ناطق",
        "ناطقه",
        "متحدثا",
        "ناطقا",
        "الرسمي",
    ]
)
_CLITIC_LETTERS = frozenset("وفبل")  # one of them glued before a name or a cue: وبوتين


@dataclass(slots=True)
class _Hit:
    start: int  # offsets in the normalised text
    end: int
    type: str
    entries: tuple[Entry, ...] = ()
    via: str = "name"
    epithet: bool = False
    name: str = ""  # for names without an entry: their (fullest) form
    role: tuple[str, str] | None = None  # (role, country) of a role or an epithet
    until: str = ""  # an epithet's last day (ISO): later dates mean its holder on that day


@dataclass(frozen=True, slots=True)
class EntityWords:
    roles: dict[str, str]  # normalised phrase → role
    epithets: dict[str, tuple[str, str, str]]  # phrase → (role, country, until: ISO or "")
    demonyms: dict[str, str]  # adjective → country code
    cues: dict[str, str]  # cue phrase → entity type
    given: frozenset[str]
    stop: frozenset[str]
    first_names: dict[str, int]  # first word of a given name → its number of words
    state_bodies: frozenset[str]  # الجيش، الشرطة…: with a nationality adjective, an ORG
    ministries: frozenset[str]  # وزارة الدفاع…: an ORG even alone
    not_alone: frozenset[str]  # last words of names that never stand alone for the person
    designators: frozenset[str]  # محافظة، دولة…: open a place's name without being part of it
    place_heads: frozenset[str]  # سان، كفر، نورث…: open a place name of two words
    descriptors: frozenset[str]  # ميليشيا، حركة…: describe an organisation before its name
    institutions: frozenset[str]  # منظمة، المجلس…: bodies named by the definite words after them
    institution_generic: frozenset[str]  # الحاكم، السابقة…: describe a body, do not name it
    institution_vague: frozenset[str]  # الدولية، البلدي…: alone after the noun, a description
    name_alone_openers: frozenset[str]  # one-word person cues, ابنته، والدة…: a given name alone
    alone_names: frozenset[str]  # given names that are a person only after such a word
    noun_names: frozenset[str]  # باسم، وسام…: given names that are nouns before a definite word
    family_first: frozenset[str]  # كيم، مون: family names written first (Korean order)
    cue_starts: frozenset[str]  # first word of every cue: most words start none (fast test)
    name_starts: frozenset[str]  # first word of every given name


def _folded(word: str) -> str:
    return normalize(word.strip()).lower()


@lru_cache(maxsize=1)
def entity_words() -> EntityWords:
    roles = {
        _folded(phrase): row[0]
        for row in read_resource_table("roles.tsv")
        for phrase in row[1].split("|")
    }
    epithets = {
        _folded(row[0]): (row[1], row[2], row[3] if len(row) > 3 else "")
        for row in read_resource_table("epithets.tsv")
    }
    demonyms: dict[str, str] = {}
    for row in read_resource_table("gazetteer/demonyms.tsv"):
        for form in row[0].split("|"):
            demonyms[_folded(form)] = row[1].strip()
    cues: dict[str, str] = {}
    sets: dict[str, set[str]] = {
        "given": set(),
        "stop": set(),
        "state_body": set(),
        "ministry": set(),
        "not_alone": set(),
        "designator": set(),
        "place_head": set(),
        "descriptor": set(),
        "institution": set(),
        "institution_generic": set(),
        "institution_vague": set(),
        "relation": set(),
        "noun_name": set(),
        "family_first": set(),
    }
    for row in read_resource_table("person_cues.tsv"):
        words = {_folded(word) for word in row[1].split("|") if word.strip()}
        if row[0] in sets:
            sets[row[0]] |= words
        else:
            cues.update((word, row[0]) for word in words)
    first_names: dict[str, int] = {}
    alone_names: set[str] = set()
    for row in read_resource_table("given_names.tsv"):
        for name in row[1].split("|"):
            parts = _folded(name).split()
            if parts and row[0] == "alone":
                alone_names.add(" ".join(parts))
            elif parts:
                first_names[" ".join(parts)] = len(parts)
    one_word_person_cues = {cue for cue, kind in cues.items() if kind == "PER" and " " not in cue}
    return EntityWords(
        roles,
        epithets,
        demonyms,
        cues,
        frozenset(sets["given"]),
        frozenset(sets["stop"]),
        first_names,
        frozenset(sets["state_body"]),
        frozenset(sets["ministry"]),
        frozenset(sets["not_alone"]),
        frozenset(sets["designator"]),
        frozenset(sets["place_head"]),
        frozenset(sets["descriptor"]),
        frozenset(sets["institution"] | {"ال" + noun for noun in sets["institution"]}),
        frozenset(sets["institution_generic"]),
        frozenset(sets["institution_vague"]),
        frozenset(sets["relation"] | one_word_person_cues),
        frozenset(alone_names),
        frozenset(sets["noun_name"]),
        frozenset(sets["family_first"]),
        frozenset(cue.split()[0] for cue in cues),
        frozenset(name.split()[0] for name in first_names),
    )


# -- gazetteer names ---------------------------------------------------------------------


@lru_cache(maxsize=4)
def _automaton(gazetteer: Gazetteer) -> ahocorasick.Automaton:
    """Every name key, and its form after a fused ل (الأسد → لأسد in للأسد)."""
    automaton = ahocorasick.Automaton()
    for key in gazetteer.by_key:
        automaton.add_word(key, (key, False))
        if key.startswith("ال") and len(key) > 3:
            fused = "ل" + key[2:]
            if fused not in gazetteer.by_key:
                automaton.add_word(fused, (key, True))
    automaton.make_automaton()
    return automaton


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _digit_after_letter(folded: str, end: int) -> bool:
    """``جنيف2``: a number glued to an Arabic name (a conference, a series) ends the name."""
    return folded[end].isdigit() and "\u0621" <= folded[end - 1] <= "\u064a"


def _gazetteer_hits(folded: str, gazetteer: Gazetteer) -> list[_Hit]:
    found: list[tuple[int, int, str]] = []
    size = len(folded)
    for last, (key, fused) in _automaton(gazetteer).iter(folded):
        end = last + 1
        start = end - (len(key) - 1 if fused else len(key))
        if end < size and _is_word_char(folded[end]) and not _digit_after_letter(folded, end):
            continue
        token_start = start
        while token_start > 0 and _is_word_char(folded[token_start - 1]):
            token_start -= 1
        prefix = folded[token_start:start]
        if prefix not in (_FUSED_CLITICS if fused else _CLITICS):
            continue
        found.append((start, end, key))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    hits: list[_Hit] = []
    reached = 0
    for start, end, key in found:
        if start < reached:
            continue
        entries = gazetteer.by_key[key]
        hit = _Hit(start, end, entries[0].type, entries)
        _drop_designator(hit, key, gazetteer)
        _take_agency_noun(hit, folded)
        hits.append(hit)
        reached = end
    return hits


def _drop_designator(hit: _Hit, key: str, gazetteer: Gazetteer) -> None:
    """``محافظة نينوى`` → ``نينوى``: a designator that opens a listed name stays outside the
    span when the rest is a listed name too or the name is a place's (``مديرية الظاهر``,
    listed only with its designator because ``الظاهر`` alone is a common word); a
    descriptor before an organisation's name always does (``ميليشيا الحوثي`` → ``الحوثي``,
    still the group, not the person), and so does a title before a person's (``الملك سلمان``
    → ``سلمان``: titles and roles are not part of a person's name)."""
    first, _, rest = key.partition(" ")
    if not rest:
        return
    words = entity_words()
    if (
        (first in words.designators and (rest in gazetteer.by_key or hit.type == "GPE"))
        or (first in words.descriptors and hit.type == "ORG")
        or (hit.type == "PER" and words.cues.get(first) == "PER")
    ):
        hit.start = hit.end - len(rest)


_NEWS_AGENCY_NOUN = re.compile(r"(?:^|\s)[وفبل]?(وكاله)\s+$")


def _take_agency_noun(hit: _Hit, folded: str) -> None:
    """``وكالة الأنباء القطرية``: when an agency's listed name begins with الأنباء, the
    وكالة before it is part of the name (``الأنباء القطرية`` alone is not its name)."""
    if not folded.startswith("الانباء", hit.start) or not any(
        entry.kind == "agency" for entry in hit.entries
    ):
        return
    found = _NEWS_AGENCY_NOUN.search(folded, max(0, hit.start - 12), hit.start)
    if found is not None:
        hit.start = found.start(1)


def _keep_sense(hit: _Hit, folded: str) -> bool:
    """Out: ``سبوتنيك V`` (the vaccine); a bare outlet name that is an ordinary word."""
    words = source_words()
    after = folded[hit.end : hit.end + 12].split()
    before = folded[max(0, hit.start - 14) : hit.start].split()
    media = [entry for entry in hit.entries if entry.kind in {"agency", "outlet"}]
    if not media:
        return True
    if len(media) < len(hit.entries):
        # القدس: the city unless an outlet noun or quotation marks make it the paper
        previous = before[-1] if before else ""
        if not (words.has("generic_outlet", previous) or words.has("generic_agency", previous)):
            hit.entries = tuple(entry for entry in hit.entries if entry not in media)
            hit.type = hit.entries[0].type
        return True
    if after and (words.has("not_after", after[0].strip('"”»')) or after[0] in {"v", "V"}):
        return False
    if before and words.has("not_before", before[-1]):
        return False
    name = folded[hit.start : hit.end]
    if words.has("common_name", name):
        previous = before[-1] if before else ""
        quoted = folded[max(0, hit.start - 1) : hit.start] in {'"', "“", "«", "'"}
        agency_noun = words.has("generic_agency", previous)
        if agency_noun and not any(entry.kind == "agency" for entry in media):
            return False  # وكالة الأنباء: "the news agency", not the paper الأنباء
        noun = words.has("generic_outlet", previous) or agency_noun
        return quoted or noun or previous in {"ل"}
    return True


def _choose_entries(hits: list[_Hit], folded: str) -> None:
    """A name of several entries takes the one whose country the article names most, by
    name or by adjective (``العاصمة الليبية طرابلس``, ``مصادر ليبية``: Tripoli in Libya)."""
    countries = Counter(
        entry.country for hit in hits if len(hit.entries) == 1 for entry in hit.entries
    )
    if any(len(hit.entries) > 1 for hit in hits):
        demonyms = entity_words().demonyms
        countries.update(
            demonyms[word].upper() for word in _WORD.findall(folded) if word in demonyms
        )
    for hit in hits:
        if len(hit.entries) > 1:
            best = max(hit.entries, key=lambda entry: countries.get(entry.country, 0))
            hit.entries = (best,)
            hit.type = best.type


# -- roles and epithets ------------------------------------------------------------------


@lru_cache(maxsize=4)
def _role_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    words = entity_words()
    countries = sorted(
        {
            key
            for key, entries in gazetteer.by_key.items()
            if any(entry.kind == "country" for entry in entries)
        },
        key=len,
        reverse=True,
    )

    def alternation(items: Sequence[str]) -> str:
        ordered = sorted(set(items), key=len, reverse=True)
        return "|".join(re.escape(item) for item in ordered) or "(?!)"

    return re.compile(
        rf"(?<!\w)[وفبل]?(?:(?P<epithet>{alternation(list(words.epithets))})"
        rf"|(?P<role>{alternation(list(words.roles))})\s+(?:(?P<adj>{alternation(list(words.demonyms))})"
        rf"|(?P<country>{alternation(countries)}))"
        rf"|(?P<peer>نظيره|نظيرته|نظيرهم|نظيرها)\s+(?P<peer_adj>{alternation(list(words.demonyms))}))"
        r"(?!\w)"
    )


def _country_code(text: str, gazetteer: Gazetteer) -> str:
    entries = gazetteer.by_key.get(text, ())
    return next((entry.country for entry in entries if entry.country), "")


def _role_hits(folded: str, gazetteer: Gazetteer) -> list[_Hit]:
    words = entity_words()
    hits = []
    for match in _role_pattern(gazetteer).finditer(folded):
        head = "epithet" if match.group("epithet") else "role" if match.group("role") else "peer"
        start = match.start(head)
        if match.group("epithet"):
            role, country, until = words.epithets[match.group("epithet")]
            hits.append(
                _Hit(
                    start,
                    match.end(),
                    "PER",
                    via="epithet",
                    epithet=True,
                    role=(role, country),
                    until=until,
                )
            )
        elif match.group("role"):
            country = words.demonyms.get(match.group("adj") or "") or _country_code(
                match.group("country") or "", gazetteer
            )
            if country:
                role = words.roles[match.group("role")]
                hits.append(_Hit(start, match.end(), "PER", via="role", role=(role, country)))
        else:
            country = words.demonyms.get(match.group("peer_adj"), "")
            hits.append(
                _Hit(match.start("peer"), match.end(), "PER", via="role", role=("peer", country))
            )
    return hits


def _holds(entry: Entry, role: str, country: str, on: date | None) -> bool:
    for term in entry.terms:
        if term.role != role or term.country != country:
            continue
        if on is None:
            return True
        start = term.start or "0000"
        end = term.end or "9999"
        if start <= on.isoformat()[: len(start)] and on.isoformat()[: len(end)] <= end:
            return True
    return False


def _holder(
    role: str, country: str, on: date | None, named: Sequence[Entry], gazetteer: Gazetteer
) -> Entry | None:
    """Who held ``role`` for ``country``: on the date, else among the people the article names."""
    if on is not None:
        holders = [
            entry
            for entry in gazetteer.entries.values()
            if entry.type == "PER" and _holds(entry, role, country, on)
        ]
        if len(holders) == 1:
            return holders[0]
    return next((entry for entry in named if _holds(entry, role, country, None)), None)


# -- context cues ------------------------------------------------------------------------


def _context_hits(
    folded: str,
    tokens: Sequence[tuple[int, int, str]],
    taken: list[tuple[int, int]],
    gazetteer: Gazetteer,
    source_char: Callable[[int], str],
) -> list[_Hit]:
    """Names the gazetteer lacks: after a cue (``مبعوثه الخاص الكسندر لافرنتييف``) or opened
    by a given name (``صائب عريقات``). ``source_char(position)`` gives the letter before
    folding: ``على`` (on) folds like the name ``علي``, and و + hamza (``وإغلاق``, a
    conjunction) like a foreign W- (``واز``)."""
    words = entity_words()

    def is_preposition(start: int) -> bool:
        return folded[start : start + 3] == "علي" and source_char(start + 2) == "\u0649"

    def conjunction_glued(index: int) -> bool:
        """و glued to a word; a foreign W- is written وا/وي without hamza (ويسكنسن، واز)."""
        start, _, word = tokens[index]
        return word.startswith("و") and (word[1:2] not in "اي" or source_char(start + 1) in "أإآ")

    hits = []
    index = 0
    while index < len(tokens):
        kind, after = _cue_at(tokens, index, words)
        if kind is None:
            named = _given_name_run(tokens, index, folded, words)
            start = tokens[named[0]][0] if named else 0
            if named and _clitic_before_name(tokens[index][2], words):
                start += 1  # وصائب: the conjunction stays outside
            end = tokens[named[-1]][1] if named else 0
            if (
                named
                and not is_preposition(start)
                and not any(start < t_end and t_start < end for t_start, t_end in taken)
                and not _before_hashtag_name(folded, end, taken)
            ):
                hits.append(_context_hit(start, end, "PER", folded, gazetteer))
                index = named[-1] + 1
            else:
                index += 1
            continue
        position = after
        while position < len(tokens) and _is_role_complement(tokens[position][2], words, kind):
            position += 1
        run = (
            _name_run(tokens, position, kind, folded, words)
            if not (
                0 < position < len(tokens)
                and _SENTENCE_BREAK.search(_gap_before(tokens, position, folded))
            )
            else []  # بلدة". صورة من اجتماع: no name across a sentence's end
        )
        if (
            run
            and position
            and _APPOSITION_COMMA.fullmatch(_gap_before(tokens, position, folded))
            and _conjunction_glued(tokens[run[0]][2], words)
        ):
            run = []  # لرئيس الوزراء، وتوظيف طاهين: a clause after the role and a comma
        if run and kind == "GPE" and conjunction_glued(run[0]):
            run = []  # العاصمة ونشرت، العاصمة وإغلاق: a conjunction, not a place
        if not run and kind == "PER":
            run = _appositive_name(tokens, position, folded, words)
        if run:
            start, end = tokens[run[0]][0], tokens[run[-1]][1]
            if not any(
                start < t_end and t_start < end for t_start, t_end in taken
            ) and not _before_hashtag_name(folded, end, taken):
                hits.append(_context_hit(start, end, kind, folded, gazetteer))
            index = run[-1] + 1
        else:
            index = max(position, index + 1)
    return hits


def _gap_before(tokens: Sequence[tuple[int, int, str]], index: int, folded: str) -> str:
    return folded[tokens[index - 1][1] : tokens[index][0]]


def _before_hashtag_name(folded: str, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    """``رجب طيب #أردوغان``: the given names before a hashtag of a found name are not a name
    of their own (the hashtag is the mention, as gold sets annotate it)."""
    return folded.startswith(" #", end) and any(start == end + 2 for start, _ in taken)


_APPOSITION_COMMA = re.compile(r"\s*[،,]\s*")
_SENTENCE_BREAK = re.compile(r"[.!?؟;؛:]")


def _appositive_name(
    tokens: Sequence[tuple[int, int, str]], index: int, folded: str, words: EntityWords
) -> list[int]:
    """A name set off by commas after the rest of a role (``رئيس اللجنة العليا للانتخابات،
    سعدي غوفن،``; ``وزير الخارجية اليمني، خالد اليماني.``): up to four definite or
    ل-words, a comma, then a name-shaped run set off (:func:`_set_off`)."""
    position = index
    while position < len(tokens) and position - index < 4:
        word = tokens[position][2]
        if not word.startswith(("ال", "ل")) or word in words.stop:
            return []
        gap = (
            folded[tokens[position][1] : tokens[position + 1][0]]
            if position + 1 < len(tokens)
            else ""
        )
        position += 1
        if _APPOSITION_COMMA.fullmatch(gap):
            break
        if gap.strip():
            return []
    else:
        return []
    return _set_off(_name_run(tokens, position, "PER", folded, words), tokens, folded, words)


def _set_off(
    run: list[int], tokens: Sequence[tuple[int, int, str]], folded: str, words: EntityWords
) -> list[int]:
    """A name run after a comma stands only set off (``وزير الخارجية، خالد اليماني،``):
    closed by punctuation or the end, and not opened by a glued و that is no given name
    (``لرئيس الوزراء، وتوظيف طاهين`` is a clause)."""
    if not run or _conjunction_glued(tokens[run[0]][2], words):
        return []
    after = folded[tokens[run[-1]][1] : tokens[run[-1]][1] + 2].strip()
    return run if not after or after[0] in "،,.؛:" else []


def _conjunction_glued(word: str, words: EntityWords) -> bool:
    """Whether ``word`` is و glued to a word: a name opens with و only as a given name
    (``وليد``, ``وائل``)."""
    return word.startswith("و") and word not in words.name_starts


def _context_hit(start: int, end: int, kind: str, folded: str, gazetteer: Gazetteer) -> _Hit:
    """A context name; after an outlet noun, one edit from a known outlet is that outlet
    (``وكالة سبوتنبك``); a person's full name one edit from a listed one is that person."""
    name = folded[start:end]
    near = None
    if kind == "ORG" and " " not in name:
        near = fuzzy_media_name(name, gazetteer)
    elif kind == "PER":
        near = _misspelt_person(name, gazetteer)
    if near is not None:
        return _Hit(start, end, kind, (near,))
    return _Hit(start, end, kind, via="context", name=name)


_MISSPELT_WORD_MIN_LENGTH = 5
_WORD_BEFORE = re.compile(r"(\w+) $")


def _take_misspelt_given_name(hit: _Hit, folded: str, gazetteer: Gazetteer) -> None:
    """``ديميتري بيسكوف``: a listed surname whose given name before it is spelt one edit
    from the listed full name's takes that given name into its span."""
    if hit.type != "PER" or " " in folded[hit.start : hit.end]:
        return
    before = _WORD_BEFORE.search(folded, max(0, hit.start - 30), hit.start)
    if before is None or len(before.group(1)) < _MISSPELT_WORD_MIN_LENGTH:
        return  # most words before a surname (وقال، الرئيس) are short: no fuzzy search
    if before.group(1) in entity_words().cues:
        return  # a title the span has just left out (الأمير وليام, listed with its title)
    near = _misspelt_person(f"{before.group(1)} {folded[hit.start : hit.end]}", gazetteer)
    if near is not None and near in hit.entries:
        hit.start = before.start(1)


def _misspelt_person(name: str, gazetteer: Gazetteer) -> Entry | None:
    """The listed person whose full name has the same first or last word and differs from
    ``name`` by one edit (a swap counts as one) inside one word of at least five letters:
    transliterations drift (``ريكس تليرسون``, ``رجب طيب أرودغان``, ``ديميتري بيسكوف``), while
    one letter in a short word is another name (``أحمد حسن``, ``أحمد حسين``)."""
    if " " not in name:
        return None
    by_first, by_last = _person_names_by_end_word(gazetteer)
    first, _, rest = name.partition(" ")
    start, _, last = name.rpartition(" ")
    for candidates, changed, before, after in (
        (by_first.get(first), rest, f"{first} ", ""),
        (by_last.get(last), start, "", f" {last}"),
    ):
        if not candidates or len(changed) < _MISSPELT_WORD_MIN_LENGTH:
            continue
        for candidate, _, _ in process.extract(
            changed, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=1, limit=3
        ):
            if _one_long_word_apart(changed, candidate):
                found = gazetteer.by_key[before + candidate + after]
                return next(entry for entry in found if entry.type == "PER")
    return None


def _one_long_word_apart(ours: str, theirs: str) -> bool:
    """One word apart, a long one, and not a title (``للأمير هاري`` is no misspelling of
    ``الأمير هاري``)."""
    our_words, their_words = ours.split(" "), theirs.split(" ")
    differing = [
        (our, their) for our, their in zip(our_words, their_words, strict=False) if our != their
    ]
    return (
        len(our_words) == len(their_words)
        and len(differing) == 1
        and min(len(differing[0][0]), len(differing[0][1])) >= _MISSPELT_WORD_MIN_LENGTH
        and differing[0][1] not in entity_words().cues
    )


@lru_cache(maxsize=4)
def _person_names_by_end_word(
    gazetteer: Gazetteer,
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The listed full names of people by first word (the rest of each name) and by last
    word (the start of each name)."""
    by_first: dict[str, list[str]] = {}
    by_last: dict[str, list[str]] = {}
    for key, found in gazetteer.by_key.items():
        if " " in key and any(entry.type == "PER" for entry in found):
            first, _, rest = key.partition(" ")
            start, _, last = key.rpartition(" ")
            by_first.setdefault(first, []).append(rest)
            by_last.setdefault(last, []).append(start)
    return by_first, by_last


def _clitic_before_name(token: str, words: EntityWords) -> bool:
    """``وصائب``, ``وعبد``: a conjunction or preposition glued to a given name's first word."""
    return (
        token[:1] in _CLITIC_LETTERS
        and token not in words.name_starts
        and token[1:] in words.name_starts
    )


def _given_name_run(
    tokens: Sequence[tuple[int, int, str]], index: int, folded: str, words: EntityWords
) -> list[int]:
    """A given name (``صائب``, ``عبد الله``, ``مارك``) and the name words after it: one to
    three words, ``أبو``/``بن`` joining them, ended by punctuation, a function word or a cue."""
    token = tokens[index][2]
    if token in words.stop:
        return []  # لجان: committees, not ل + the name Jean
    bare = token[1:] if _clitic_before_name(token, words) else token
    if token in words.alone_names:
        return [index] if _opens_name_alone(tokens, index, folded, words) else []
    if bare not in words.name_starts:
        return []
    if bare == "باسم" and index and tokens[index - 1][2] in _SPEAKER_NOUNS:
        return []  # المتحدث باسم الخارجية: "on behalf of", not the name Basim
    following = _next_word(tokens, index, folded)
    if bare in words.noun_names and following.startswith("ال") and not following.endswith("ي"):
        return []  # باسم الحكومة "in the name of", وسام الشرف "medal": nouns, not names
    size = 0
    for length in (2, 1):
        phrase = " ".join([bare, *[item[2] for item in tokens[index + 1 : index + length]]])
        if words.first_names.get(phrase) == length or (
            length == 2 and bare == "عبد" and _theophoric(tokens, index, folded, words)
        ):
            size = length
            break
    if not size:
        return []
    run = list(range(index, index + size))
    position = index + size
    while position < len(tokens) and len(run) < size + 3:
        gap = folded[tokens[position - 1][1] : tokens[position][0]]
        word = tokens[position][2]
        if gap.strip() or word in words.stop or word in words.cues or word.isdigit():
            break
        if word in words.roles or word in words.demonyms or _glued_word(word, words):
            break
        if word[:1] == "و" and word[1:] in words.name_starts:
            break  # محمد وأحمد: a second person
        run.append(position)
        position += 1
        joins = word in _NAME_JOINERS or (
            position < len(tokens) and tokens[position][2] in _NAME_JOINERS
        )
        if not joins and (
            len(run) >= size + 2 or not _may_continue(tokens, position, folded, words)
        ):
            break
    if len(run) == size and not _opens_name_alone(tokens, index, folded, words):
        return []  # a given name alone is not enough
    return run


def _opens_name_alone(
    tokens: Sequence[tuple[int, int, str]], index: int, folded: str, words: EntityWords
) -> bool:
    """A given name alone is a person right after a title or a word of kinship (``الأميرة
    كريستينا``, ``وابنته يوليا``, ``والدة مريم``): the word before it opens it."""
    if not index or folded[tokens[index - 1][1] : tokens[index][0]].strip():
        return False
    before = tokens[index - 1][2]
    return before in words.name_alone_openers or (
        before[:1] in _CLITIC_LETTERS and before[1:] in words.name_alone_openers
    )


_GLUED_DEFINITE = re.compile(r"^(?:[وفبك]ال|لل)")


def _next_word(tokens: Sequence[tuple[int, int, str]], index: int, folded: str) -> str:
    """The word after ``tokens[index]`` when only spaces part them, else ``""``."""
    if index + 1 >= len(tokens) or folded[tokens[index][1] : tokens[index + 1][0]].strip():
        return ""
    return tokens[index + 1][2]


def _glued_word(token: str, words: EntityWords) -> bool:
    """A word with a conjunction or preposition glued on that no name word has: a definite
    noun after و/ف/ب/ك/ل (``للتحضير``, ``والدفاع``), or a role, cue or function word after
    one of و/ف/ب/ل (``ووزير``, ``لوكالة``, ``وبعد``): it ends a name-shaped run (``نادر حلبي
    ووزير الدفاع``, ``براين بلوك لوكالة فرانس برس``)."""
    if _GLUED_DEFINITE.match(token):
        return True
    rest = token[1:] if token[:1] in _CLITIC_LETTERS else ""
    return bool(rest) and (
        rest in words.roles
        or rest in words.cues
        or rest in _ROLE_HEADS
        or rest in words.stop
        or rest in words.name_alone_openers
    )


def _may_continue(
    tokens: Sequence[tuple[int, int, str]], position: int, folded: str, words: EntityWords
) -> bool:
    """Whether a third name word may follow: a definite nisba (``أحمد بيوض التميمي``), or
    an indefinite word that punctuation or the end closes (``قال أحمد بلال حقبين، نائب``)."""
    if position >= len(tokens):
        return False
    gap = folded[tokens[position - 1][1] : tokens[position][0]]
    word = tokens[position][2]
    if gap.strip():
        return False
    if word.startswith("ال"):
        return word.endswith("ي") and word not in words.demonyms
    after = folded[tokens[position][1] : tokens[position][1] + 2].strip()
    closed = position + 1 == len(tokens) or (bool(after) and after[0] in "،,.؛:(")
    return closed and word not in words.stop


def _theophoric(
    tokens: Sequence[tuple[int, int, str]], index: int, folded: str, words: EntityWords
) -> bool:
    """``عبد`` and a definite word are one given name (``عبد القوي``, ``عبد الباسط``)."""
    following = _next_word(tokens, index, folded)
    return (
        following.startswith("ال")
        and following not in words.stop
        and following not in words.demonyms
    )


def _later_mentions(
    folded: str, word: str, after: int, taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Free spans of ``word`` alone (a clitic before it allowed) after position ``after``;
    they are added to ``taken``. A ``str.find`` loop: names differ in every article, and a
    regular expression compiled per name cost more than the search."""
    spans = []
    start = folded.find(word)
    while start != -1:
        end = start + len(word)
        before = folded[start - 1] if start else " "
        glued = before in _CLITIC_LETTERS and (start < 2 or not _is_word_char(folded[start - 2]))
        alone = (not _is_word_char(before) or glued) and (
            end == len(folded) or not _is_word_char(folded[end])
        )
        if not alone:
            start = folded.find(word, start + 1)
            continue
        if (
            start > after
            and not any(s < end and start < e for s, e in taken)
            and not _inside_a_phrase(folded, start, word)
        ):
            spans.append((start, end))
            taken.append((start, end))
        start = folded.find(word, end)
    return spans


def _inside_a_phrase(folded: str, start: int, word: str) -> bool:
    """A surname met again that belongs to something else: a definite one right after a
    definite word is an adjective (``التمرد الحوثي``), and one a word after a given name is
    another person's name (``وأحمد بيوض التميمي``)."""
    before = folded[max(0, start - 40) : start]
    words = entity_words()
    previous: list[str] = []
    for token in reversed(before.split(" ")[:-1]):
        if not token or not all(_is_word_char(char) for char in token):
            break  # punctuation ends the phrase
        previous.append(token)
        if len(previous) == 2:
            break
    if not previous or previous[0] in words.stop or previous[0] in words.cues:
        return False
    if word.startswith("ال") and previous[0].startswith("ال"):
        return True
    return any(token in words.name_starts or token[1:] in words.name_starts for token in previous)


_NAME_PARTS = re.compile(r"[\s_]+")  # words of a name, also of a hashtag (#كيم_جونغ_أون)


def _surname_hits(folded: str, names: Sequence[_Hit], taken: list[tuple[int, int]]) -> list[_Hit]:
    """A gazetteer person's last name alone after the full name (``روحاني`` after ``حسن
    روحاني``), for surnames the gazetteer does not list alone because they are also words;
    for a family name written first (``resources/person_cues.tsv``, ``family_first``), the
    first word too (``كيم`` after ``كيم جونغ أون``)."""
    first_seen: dict[str, tuple[Entry, int]] = {}
    words = entity_words()
    for hit in names:
        if hit.type != "PER":
            continue
        surface = folded[hit.start : hit.end].split()
        if len(surface) > 1 and _may_stand_alone(surface[-1], words):
            first_seen.setdefault(surface[-1], (hit.entries[0], hit.start))
        parts = _NAME_PARTS.split(folded[hit.start : hit.end])
        if len(parts) > 1 and parts[0] in words.family_first:  # كيم جونغ أون … وكيم
            first_seen.setdefault(parts[0], (hit.entries[0], hit.start))
    return [
        _Hit(start, end, "PER", (entry,), via="short_form")
        for last_word, (entry, first) in first_seen.items()
        for start, end in _later_mentions(folded, last_word, first, taken)
    ]


def _short_form_hits(
    folded: str, context: Sequence[_Hit], taken: list[tuple[int, int]]
) -> list[_Hit]:
    """Later mentions of a context name's last word alone (``لافرنتييف``)."""
    words = entity_words()
    return [
        _Hit(start, end, "PER", via="context", name=full.name.split()[-1])
        for full in context
        if full.type == "PER"
        and " " in full.name
        and _may_stand_alone(full.name.split()[-1], words)
        for start, end in _later_mentions(folded, full.name.split()[-1], full.start, taken)
    ]


def _may_stand_alone(last_word: str, words: EntityWords) -> bool:
    """Whether a name's last word alone may mean that person later on: not an ordinary
    word or a common given name listed in ``person_cues.tsv`` as ``not_alone``
    (``السلام`` after ``صلاح عبد السلام``, ``حسين`` after ``صدام حسين``). Other given
    names stay: ``عباس`` after ``محمود عباس`` is him."""
    return len(last_word) > 2 and last_word not in words.not_alone


def _cue_at(
    tokens: Sequence[tuple[int, int, str]], index: int, words: EntityWords
) -> tuple[str | None, int]:
    token = tokens[index][2]
    if token not in words.cue_starts and not (
        token[:1] in _CLITIC_LETTERS and token[1:] in words.cue_starts
    ):
        return None, index
    for length in (3, 2, 1):
        phrase = " ".join(token[2] for token in tokens[index : index + length])
        for candidate in (phrase, phrase[1:] if phrase[:1] in _CLITIC_LETTERS else ""):
            if candidate and candidate in words.cues:
                return words.cues[candidate], index + length
    return None, index


def _is_role_complement(token: str, words: EntityWords, kind: str) -> bool:
    """A definite word after a cue that completes it rather than naming: ``الخارجية``,
    ``الروسي``, ``الخاص`` after a person cue; an adjective (``الروسية``) after a place cue."""
    if not token.startswith("ال") or token in words.given or token in words.stop:
        return False
    return kind == "PER" or token in words.demonyms


def _name_run(
    tokens: Sequence[tuple[int, int, str]],
    index: int,
    kind: str,
    folded: str,
    words: EntityWords,
) -> list[int]:
    """Word indexes of a name-shaped run: two or three words for a person; a place's one
    word (two when the second is a definite part of it, ``درعا البلد``, or the first opens a
    name of two, ``سان ميغيل``, ``كفر حلب``); an organisation's
    name only in quotation marks or Latin letters."""
    if index >= len(tokens):
        return []
    start, _, first = tokens[index]
    if first in words.stop or first.isdigit() or first in words.cues:
        return []
    if kind == "ORG":
        quoted = folded[max(0, start - 1) : start] in {'"', "“", "«"}
        return [index] if quoted or first.isascii() else []
    if kind == "GPE":
        if (first.startswith("ال") and first.endswith(("يه", "ي"))) or first in words.demonyms:
            return []  # an adjective (العاصمة الروسية، محافظة إيرانية), not a name
        if _glued_word(first, words):
            return []  # مخيم للنازحين، منطقة وبلدة: a preposition or conjunction, not a name
        run = [index]
        if index + 1 < len(tokens):
            gap = folded[tokens[index][1] : tokens[index + 1][0]]
            second = tokens[index + 1][2]
            if first in words.place_heads:
                if gap.strip() or second in words.stop or _glued_word(second, words):
                    return []  # سان alone is no place
                run.append(index + 1)
            elif (
                not gap.strip()
                and second.startswith("ال")
                and second not in words.demonyms
                and not second.endswith(("يه", "ي"))
                and second not in words.stop
            ):
                run.append(index + 1)
        return run
    run = []
    while index < len(tokens) and len(run) < _MAX_NAME_TOKENS:
        start, _, token = tokens[index]
        gap = folded[tokens[index - 1][1] : start] if run else ""
        if run and gap.strip():
            break  # punctuation between words ends a name
        if token in words.stop or token.isdigit() or token in words.cues:
            break
        if _glued_word(token, words):
            break
        if token.startswith("ال") and token not in words.given:
            break
        run.append(index)
        index += 1
    return run if len(run) >= 2 else []  # one word after a cue is too often a common noun


# -- the whole article -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _state_body_pattern() -> re.Pattern[str]:
    words = entity_words()

    def alternation(items: frozenset[str] | list[str]) -> str:
        return "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))

    return re.compile(
        rf"(?<!\w)[وفبل]?(?P<name>(?:{alternation(words.state_bodies)})\s+"
        rf"(?:{alternation(list(words.demonyms))})|(?:{alternation(words.ministries)}))(?!\w)"
    )


def _state_body_hits(folded: str, taken: Sequence[tuple[int, int]]) -> list[_Hit]:
    """``الجيش اليمني``, ``الشرطة الإسرائيلية``, ``وزارة الدفاع``: organisations by their form."""
    hits = []
    for match in _state_body_pattern().finditer(folded):
        start, end = match.span("name")
        before = folded[max(0, start - 12) : start].split()
        if before and before[-1] in _ROLE_HEADS:
            continue  # وزير الخارجية الأمريكي: a role, not the ministry
        if not any(start < t_end and t_start < end for t_start, t_end in taken):
            hits.append(_Hit(start, end, "ORG", via="context", name=match.group("name")))
    return hits


def _institution_hits(
    folded: str, tokens: Sequence[tuple[int, int, str]], taken: Sequence[tuple[int, int]]
) -> list[_Hit]:
    """``منظمة الرعاية الاجتماعية``, ``المجلس الأعلى لتنظيم الإعلام``, ``حزب الخضر``: an
    institution noun and the definite words that name it, up to a nationality adjective
    (``المركز الثقافي الفرنسي``) or a complement with ل (``للإغاثة``, ``لحقوق الإنسان``)."""
    words = entity_words()
    hits = []
    for index, (start, _, token) in enumerate(tokens):
        if token.startswith("لل") and "ال" + token[2:] in words.institutions:
            start += 1  # للجنة: the clitic ل stays outside
        elif token[:1] in _CLITIC_LETTERS and token[1:] in words.institutions:
            start += 1
        elif token not in words.institutions:
            continue
        last = _institution_name_end(tokens, index, folded, words)
        if last == index:
            continue
        end = tokens[last][1]
        if not any(start < t_end and t_start < end for t_start, t_end in taken):
            hits.append(_Hit(start, end, "ORG", via="context", name=folded[start:end]))
    return hits


def _institution_name_end(
    tokens: Sequence[tuple[int, int, str]], index: int, folded: str, words: EntityWords
) -> int:
    """Index of the last word naming the institution at ``index`` (``index`` when none):
    definite words, then at most one complement with ل and its definite words (``لحقوق
    الإنسان``, ``للأمم المتحدة``); a nationality adjective closes the name."""
    last = index
    position = index + 1
    complement = False
    while position < len(tokens) and position - index <= 5:
        if folded[tokens[position - 1][1] : tokens[position][0]].strip():
            break  # punctuation ends the name
        word = tokens[position][2]
        if word in words.stop or word in words.cues or word in words.roles:
            break
        if word in words.institution_generic:
            break  # الحزب الحاكم: a description; العدالة والتنمية الحاكم: the name ends
        if word in words.demonyms:
            # مجلس الوزراء السعودي; مؤسسة مصرية is "an Egyptian foundation"
            return position if word.startswith("ال") and last > index else last
        if last == index and word in words.institution_vague:
            break  # المنظمة الدولية
        if word.startswith("ل") and last == index:
            break  # a complement with ل needs a naming word before it: اللجنة العليا للإغاثة
        if word.startswith("لل") and not complement:
            complement = True  # للإغاثة, للأمم (المتحدة)
        elif word.startswith("ل") and not word.startswith("ال") and not complement:
            following = tokens[position + 1][2] if position + 1 < len(tokens) else ""
            gap = folded[tokens[position][1] : tokens[position + 1][0]] if following else ""
            if not following.startswith("ال") or gap.strip():
                break
            complement = True  # لتنظيم (الإعلام)
        elif not word.startswith("ال"):
            break
        last = position
        position += 1
    coordinated = position < len(tokens) and tokens[position][2].startswith("وال")
    if coordinated and not folded[tokens[position - 1][1] : tokens[position][0]].strip():
        return index  # حزب العدالة والتنمية: where a coordinated name ends is unclear
    return last


def _anaphor_hits(folded: str) -> list[_Hit]:
    hits = []
    for match in _WORD.finditer(folded):
        token = match.group()
        start = match.start()
        for clitic in ("", "و", "ف", "ل", "ب"):
            if token.startswith(clitic) and token[len(clitic) :] in _ANAPHORS:
                before = folded[max(0, start - 20) : start].split()
                previous = before[-1] if before else ""
                if clitic or not previous.startswith("ال"):  # الاجتماع الأخير: an adjective
                    hits.append(_Hit(start + len(clitic), match.end(), "PER", via="anaphor"))
                break
    return hits


def _article_day(event_date: DateValue | None, published: DateValue | None) -> date | None:
    for value in (event_date, published):
        if value is not None and len(value.value) >= 10 and value.value[:4].isdigit():
            try:
                return date.fromisoformat(value.value[:10])
            except ValueError:
                continue
    return None


def _resolve(
    hits: list[_Hit], on: date | None, gazetteer: Gazetteer, folded: str
) -> list[Entity | None]:
    """Identities for roles, epithets, anaphors and short forms, in text order."""
    named: list[Entry] = []  # people named so far (and all people named, for roles)
    everyone = [entry for hit in hits for entry in hit.entries if entry.type == "PER"]
    countries = _countries_named(hits, folded)
    last_person: Entity | None = None
    full_names: dict[str, Entity] = {}
    resolved: list[Entity | None] = []
    for hit in hits:
        entity: Entity | None = None
        if hit.epithet and hit.role is not None and hit.role[1] not in countries:
            resolved.append(None)  # رأس النظام with nothing of Syria named: whose regime?
            continue
        if hit.entries:
            entry = hit.entries[0]
            entity = Entity(
                hit.start,
                hit.end,
                "",
                entry.type,
                entry.id,
                entry.name_en,
                entry.name_ar,
                entry.qid,
                via="short_form" if hit.via == "short_form" else "name",
            )
            if entry.type == "PER":
                named.append(entry)
        elif hit.role is not None:
            entity = _role_entity(hit, on, named or everyone, last_person, gazetteer)
        elif hit.via == "anaphor":
            if last_person is not None:
                entity = _retarget(last_person, hit, "anaphor")
        else:
            entity = _context_entity(hit, full_names)
        if entity is not None and entity.type == "PER":
            last_person = entity
        resolved.append(entity)
    return resolved


def _countries_named(hits: Sequence[_Hit], folded: str) -> set[str]:
    """Country codes an article's names and roles point to: a listed place's or body's
    country, a person's countries of office, a role's country (``الرئيس السوري``, also
    inside an epithet: ``رأس النظام السوري``)."""
    demonyms = entity_words().demonyms
    countries = set()
    for hit in hits:
        if hit.role is not None and not hit.epithet:
            countries.add(hit.role[1])
        elif hit.role is not None:
            countries.update(
                demonyms[word] for word in folded[hit.start : hit.end].split() if word in demonyms
            )
        for entry in hit.entries:
            countries.add(entry.country)
            countries.update(term.country for term in entry.terms)
    return countries


def _retarget(entity: Entity, hit: _Hit, via: str, *, epithet: bool = False) -> Entity:
    return Entity(
        hit.start,
        hit.end,
        "",
        entity.type,
        entity.id,
        entity.name_en,
        entity.name_ar,
        entity.qid,
        epithet,
        via,
    )


def _role_entity(
    hit: _Hit,
    on: date | None,
    named: Sequence[Entry],
    last_person: Entity | None,
    gazetteer: Gazetteer,
) -> Entity | None:
    role, country = hit.role or ("", "")
    if hit.until and on is not None and on.isoformat() > hit.until:
        on = date.fromisoformat(hit.until)
    if role == "peer":
        previous = gazetteer.entries.get(last_person.id or "") if last_person else None
        role = _role_of(previous, on) if previous is not None else ""
        if not role:
            return None
    holder = _holder(role, country, on, named, gazetteer)
    if holder is None:
        return None
    return Entity(
        hit.start,
        hit.end,
        "",
        "PER",
        holder.id,
        holder.name_en,
        holder.name_ar,
        holder.qid,
        hit.epithet,
        hit.via,
    )


def _role_of(entry: Entry, on: date | None) -> str:
    for term in entry.terms:
        if _holds(entry, term.role, term.country, on):
            return term.role
    return ""


def _context_entity(hit: _Hit, full_names: dict[str, Entity]) -> Entity:
    name = hit.name
    last_word = name.split()[-1]
    if " " in name:
        entity = Entity(hit.start, hit.end, "", hit.type, None, "", name, None, False, "context")
        full_names[last_word] = entity
        return entity
    earlier = full_names.get(last_word)
    if earlier is not None:
        return _retarget(earlier, hit, "short_form")
    return Entity(hit.start, hit.end, "", hit.type, None, "", name, None, False, "context")


def find_entities(
    text: str,
    *,
    normalized: str | None = None,
    normalized_to_clean: OffsetMap | None = None,
    gazetteer: Gazetteer,
    event_date: DateValue | None = None,
    published: DateValue | None = None,
) -> tuple[Entity, ...]:
    """Entity mentions of a cleaned text, in order, with their identities (see module)."""
    if normalized is None:
        normalized, normalized_to_clean = normalize_with_map(text)
    folded = normalized.lower() if len(normalized.lower()) == len(normalized) else normalized
    folded = folded.replace("_", " ")  # #حزب_الله: a hashtag's words
    squeezed_from: list[int] | None = None
    unsqueezed = folded
    if "#" in folded or "- " in folded or " -" in folded:  # rare: most texts skip the copy
        folded, squeezed_from = _squeeze(folded)
    if "-" in folded:
        folded = _JOINING_HYPHEN.sub(" ", folded)  # كيم جونغ-أون: the parts of one name
    names = [hit for hit in _gazetteer_hits(folded, gazetteer) if _keep_sense(hit, folded)]
    for hit in names:
        _take_misspelt_given_name(hit, folded, gazetteer)
    _choose_entries(names, folded)
    roles = [hit for hit in _role_hits(folded, gazetteer) if not _titles_a_name(hit, names, folded)]
    taken = [(hit.start, hit.end) for hit in names + roles]
    names += _surname_hits(folded, names, taken)
    bodies = _state_body_hits(folded, taken)
    taken += [(hit.start, hit.end) for hit in bodies]
    tokens = [(match.start(), match.end(), match.group()) for match in _WORD.finditer(folded)]
    bodies += _institution_hits(folded, tokens, taken)
    taken += [(hit.start, hit.end) for hit in bodies]
    anaphors = [hit for hit in _anaphor_hits(folded) if not _inside(hit, taken)]
    taken += [(hit.start, hit.end) for hit in anaphors]

    def source_char(position: int) -> str:
        """The cleaned text's character behind ``folded[position]`` (before folding)."""
        position = squeezed_from[position] if squeezed_from else position
        source = normalized_to_clean.to_source(position) if normalized_to_clean else position
        return text[source : source + 1]

    context = _context_hits(folded, tokens, taken, gazetteer, source_char)
    taken += [(hit.start, hit.end) for hit in context]
    context += _short_form_hits(folded, context, taken)
    addresses = web_address_spans(folded)
    hits = sorted(
        (
            hit
            for hit in names + roles + anaphors + bodies + context
            if not any(a < hit.end and hit.start < b for a, b in addresses)
        ),
        key=lambda hit: (hit.start, -hit.end),
    )  # a name in a link (…aljazeera.net/…) is no mention
    entities = []
    on = _article_day(event_date, published)
    resolved = list(zip(hits, _resolve(hits, on, gazetteer, folded), strict=True))
    # a name inside a resolved role is only part of it (وزير خارجية روسيا); inside a role
    # that found no holder (رئيس وزراء ماليزيا) the name stands on its own
    held = [(hit.start, hit.end) for hit, entity in resolved if hit.role and entity]
    spelled: dict[str, str] = {}  # a name no entry holds, as the text first spells it
    for hit, entity in resolved:
        if entity is None or (not hit.role and _inside(hit, held)):
            continue
        start, end = hit.start, hit.end
        if squeezed_from is not None:
            start, end = squeezed_from[start], squeezed_from[end - 1] + 1
            hashtag = unsqueezed.find(" #", start, end)
            if hashtag != -1:
                start = hashtag + 2  # بمحافظة #البيضاء: the hashtag is the mention
        if normalized_to_clean is not None:
            start, end = normalized_to_clean.span_to_source_with_marks(start, end)
        name_ar = entity.name_ar
        if entity.id is None:
            if name_ar not in spelled and folded[hit.start : hit.end] == name_ar:
                spelled[name_ar] = " ".join(text[start:end].replace("_", " ").split())
            name_ar = spelled.get(name_ar, name_ar)
        entities.append(
            Entity(
                start,
                end,
                text[start:end],
                entity.type,
                entity.id,
                entity.name_en,
                name_ar,
                entity.qid,
                entity.epithet,
                entity.via,
            )
        )
    return tuple(entities)


_SPLIT_HYPHEN = re.compile(r"(?<=\w-) (?=\w)|(?<=\w) (?=-\w)|(?<=\w) (?=- \w)|(?<=\w -) (?=\w)")
_HASHTAG = re.compile(r"#(?=\w)")


def _squeeze(folded: str) -> tuple[str, list[int]]:
    """Drop what splits a word or name in scraped news: the hash sign of a hashtag after a
    glued conjunction or preposition (``و#المخابرات``) or after a designator (``بمحافظة
    #البيضاء``: the designator then tells the governorate from the adjective "white"), and
    the spaces beside a joining hyphen (``كيم جونغ- أون``, ``كيم جونغ - أون``). A hashtag
    after given names stays apart, as gold sets annotate it (``دونالد #ترمب``: the name is
    ``ترمب``). Returns the text and, for each of its characters, its position before."""
    dropped = {match.start() for match in _SPLIT_HYPHEN.finditer(folded)}
    designators = entity_words().designators
    for match in _HASHTAG.finditer(folded):
        at = match.start()
        word_start = folded.rfind(" ", 0, at - 1) + 1 if at and folded[at - 1] == " " else at
        previous = folded[word_start : at - 1]
        glued = at and folded[at - 1] in _CLITIC_LETTERS
        glued = glued and (at < 2 or not _is_word_char(folded[at - 2]))
        if (
            glued
            or previous in designators
            or (previous[:1] in _CLITIC_LETTERS and previous[1:] in designators)
        ):
            dropped.add(at)
    positions = [index for index in range(len(folded)) if index not in dropped]
    return "".join(folded[index] for index in positions), positions


def _inside(hit: _Hit, spans: Sequence[tuple[int, int]]) -> bool:
    return any(
        start <= hit.start and hit.end <= end and (start, end) != (hit.start, hit.end)
        for start, end in spans
    )


def _titles_a_name(role: _Hit, names: Sequence[_Hit], folded: str) -> bool:
    """``الرئيس الروسي فلاديمير بوتين``: the role only titles the name right after it."""
    for hit in names:
        if hit.type == "PER" and 0 <= hit.start - role.end <= 3:
            return not folded[role.end : hit.start].strip(" ،,")
    return False


_NAME_VIAS = {"name", "short_form", "context"}


def entity_spans(text: str) -> list[tuple[int, int, str]]:
    """The default NER backend for scoring: names only (roles, epithets and anaphors are not
    names in NER gold sets), as ``(start, end, type)``."""
    return [
        (entity.start, entity.end, entity.type)
        for entity in find_entities(text, gazetteer=load_gazetteer())
        if entity.via in _NAME_VIAS
    ]
