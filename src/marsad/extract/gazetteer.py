"""The gazetteer: outlets, agencies, organisations and people marsad knows by name.

Read from ``resources/outlets.tsv`` (news outlets and agencies, with domains and the
user-set alignment label), ``resources/gazetteer/organizations.tsv`` and
``resources/gazetteer/persons.tsv`` (with terms of office), plus a user's own
outlet file (``cfg.outlets_file``) whose rows add to or replace shipped ones by id.
Every entry has one identity (``EntityRef``) shared by cited sources and named
entities. Names are matched on their normalised form (:func:`match_key`), so
hamza, alef, ya and ta marbuta variants need no separate rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.model import EntityRef
from marsad.resources import read_resource_table
from marsad.text.normalize import match_key

# generic nouns an outlet's name may carry in the file ("صحيفة حبر"); code adds them itself
_GENERIC_PREFIXES = ("وكاله ", "صحيفه ", "موقع ", "قناه ", "جريده ", "مجله ", "شبكه ", "اذاعه ")


@dataclass(frozen=True, slots=True)
class Term:
    """A role held over a period: ``head_of_state`` of ``SY`` from 2000-07-17 to 2024-12-08."""

    role: str
    country: str
    start: str
    end: str  # empty while in office


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry. ``kind`` is the outlet kind (agency, outlet), the organisation
    kind (government, ministry, army, …) or ``person``."""

    id: str
    type: str  # ORG or PER (GPE and LOC come with the entities issue)
    kind: str
    name_en: str
    name_ar: str
    names: tuple[str, ...]  # every Arabic and Latin name, as written
    country: str = ""
    qid: str | None = None
    domains: tuple[str, ...] = ()
    alignment: str = ""
    terms: tuple[Term, ...] = ()
    parent: str = ""  # places: the id of the containing unit (governorate, country-xx …)

    @property
    def ref(self) -> EntityRef:
        return EntityRef(self.id, self.name_en, self.name_ar)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split("|") if item.strip())


def _cell(row: tuple[str, ...], index: int) -> str:
    return row[index] if index < len(row) else ""


def _outlet_entry(row: tuple[str, ...]) -> Entry:
    names = (_cell(row, 2), _cell(row, 3), *_split(_cell(row, 4)))
    return Entry(
        id=row[0],
        type="ORG",
        kind=_cell(row, 1) or "outlet",
        name_ar=_cell(row, 2),
        name_en=_cell(row, 3),
        names=tuple(name for name in names if name),
        domains=tuple(domain.lower() for domain in _split(_cell(row, 5))),
        country=_cell(row, 6),
        qid=_cell(row, 7) or None,
        alignment=_cell(row, 8),
    )


def _organization_entry(row: tuple[str, ...]) -> Entry:
    arabic = _split(_cell(row, 3))
    return Entry(
        id=row[0],
        type="ORG",
        kind=_cell(row, 1) or "other",
        name_en=_cell(row, 2),
        name_ar=arabic[0] if arabic else _cell(row, 2),
        names=arabic + ((_cell(row, 2),) if _cell(row, 2) else ()),
        country=_cell(row, 4),
        qid=_cell(row, 5) or None,
    )


def _place_entry(row: tuple[str, ...]) -> Entry:
    """A row of ``countries.tsv`` / ``places.tsv``: id, type, kind, name_en, names_ar, country,
    qid, parent."""
    arabic = _split(_cell(row, 4))
    return Entry(
        id=row[0],
        type=_cell(row, 1) or "GPE",
        kind=_cell(row, 2) or "other",
        name_en=_cell(row, 3),
        name_ar=arabic[0] if arabic else _cell(row, 3),
        names=arabic,
        country=_cell(row, 5),
        qid=_cell(row, 6) or None,
        parent=_cell(row, 7),
    )


def _terms(cell: str) -> tuple[Term, ...]:
    terms = []
    for item in cell.split(";"):
        role_country, _, period = item.strip().partition(":")
        role, _, country = role_country.partition("@")
        start, _, end = period.partition("..")
        if role and country:
            terms.append(Term(role.strip(), country.strip(), start.strip(), end.strip()))
    return tuple(terms)


def _person_entry(row: tuple[str, ...]) -> Entry:
    arabic = _split(_cell(row, 2))
    return Entry(
        id=row[0],
        type="PER",
        kind="person",
        name_en=_cell(row, 1),
        name_ar=arabic[0] if arabic else _cell(row, 1),
        names=arabic,
        qid=_cell(row, 3) or None,
        terms=_terms(_cell(row, 4)),
    )


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity
class Gazetteer:
    entries: dict[str, Entry]
    by_key: dict[str, tuple[Entry, ...]]  # match key of a name → entries with that name
    by_domain: dict[str, Entry]
    first_words: frozenset[str]  # first word of every key and the generic nouns: a quick test

    def lookup(self, name: str) -> tuple[Entry, ...]:
        return self.by_key.get(name_key(name), ())

    def place_within(self, inner: str, outer: str) -> bool:
        """Whether place ``inner`` is ``outer`` or lies inside it (``parent`` chain, or the
        country code when ``outer`` is a country: ``country-sy``)."""
        seen: set[str] = set()
        current = inner
        while current and current not in seen:
            if current == outer:
                return True
            seen.add(current)
            entry = self.entries.get(current)
            if entry is None:
                return False
            if outer == f"country-{entry.country.lower()}":
                return True
            current = entry.parent
        return False

    def outlet_for_domain(self, domain: str | None) -> Entry | None:
        """The outlet whose domain is ``domain`` or a parent of it (``arabic.rt.com`` → RT)."""
        while domain:
            found = self.by_domain.get(domain)
            if found is not None:
                return found
            _, _, domain = domain.partition(".")
            if "." not in domain:
                return None
        return None


def name_key(name: str) -> str:
    """How names are compared: normalised, lower-cased, punctuation dropped, no generic noun."""
    return key_of_words(match_key(name).lower())


def key_of_words(key: str) -> str:
    """:func:`name_key` of words already normalised and lower-cased, joined by spaces."""
    for prefix in _GENERIC_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :]
    return key


_ABD = re.compile(r"\bعبد ال")
_ABD_JOINED = re.compile(r"\bعبدال")


def _spellings(key: str) -> tuple[str, ...]:
    """Other ways news writes the same name: ``عبد الفتاح`` and ``عبدالفتاح``."""
    forms = []
    if _ABD.search(key):
        forms.append(_ABD.sub("عبدال", key))
    if _ABD_JOINED.search(key):
        forms.append(_ABD_JOINED.sub("عبد ال", key))
    return tuple(forms)


def build_gazetteer(
    outlets: tuple[tuple[str, ...], ...],
    organizations: tuple[tuple[str, ...], ...],
    persons: tuple[tuple[str, ...], ...],
    places: tuple[tuple[str, ...], ...] = (),
) -> Gazetteer:
    entries: dict[str, Entry] = {}
    for row in outlets:
        entries[row[0]] = _outlet_entry(row)
    for row in organizations:
        entries.setdefault(row[0], _organization_entry(row))
    for row in persons:
        entries.setdefault(row[0], _person_entry(row))
    for row in places:
        entries.setdefault(row[0], _place_entry(row))
    by_key: dict[str, list[Entry]] = {}
    by_domain: dict[str, Entry] = {}
    for entry in entries.values():
        for name in entry.names:
            key = name_key(name)
            for form in (key, *_spellings(key)):
                if form and entry not in by_key.setdefault(form, []):
                    by_key[form].append(entry)
        for domain in entry.domains:
            by_domain[domain.removeprefix("www.")] = entry
    first_words = frozenset(key.split()[0] for key in by_key) | {
        prefix.strip() for prefix in _GENERIC_PREFIXES
    }
    return Gazetteer(
        entries, {key: tuple(found) for key, found in by_key.items()}, by_domain, first_words
    )


@lru_cache(maxsize=4)
def load_gazetteer(outlets_file: str = "") -> Gazetteer:
    """The shipped gazetteer, with the rows of ``outlets_file`` (a user's TSV) added last."""
    outlets = read_resource_table("outlets.tsv")
    if outlets_file:
        outlets = outlets + read_resource_table("", path=Path(outlets_file))
    return build_gazetteer(
        outlets,
        read_resource_table("gazetteer/organizations.tsv"),
        read_resource_table("gazetteer/persons.tsv"),
        read_resource_table("gazetteer/countries.tsv")
        + read_resource_table("gazetteer/places.tsv"),
    )
