"""Who published an article, and its byline.

In order of trust: the URL's domain in the outlet registry; the outlet name the
input gave (``og:site_name``, a feed's title, a JSONL ``outlet``, TREC ``SRC``),
matched against the registry's names; else signatures in the text, above all in
what cleaning removed: a byline (``مدى بوست – فريق التحرير``), an outlet's
description of itself with its name line (``أجواء برس``), a subscribe line
(``اشترك في قناة صحيفة حبر على تلغرام``). A name found nowhere in the registry is
still kept from a byline, with an id made from it. ``outlet`` stays None when
nothing names the publisher: a cited source (``المصدر: RT``) is not a publisher.

Hand-written: outlet signatures in Arabic scraped pages are not a library's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from marsad.extract.gazetteer import Entry, Gazetteer, name_key
from marsad.model import Outlet, Removal
from marsad.text.normalize import match_key

# where a signature may be, most telling first
_SIGNATURE_KINDS = ("byline", "self_description", "subscribe", "recurring_line")
_BYLINE_SEPARATOR = re.compile(r"\s*[–—\-|:،,]\s*")
_TEAM_WORDS = ("فريق التحرير", "هيئة التحرير", "التحرير")
_SLUG_JUNK = re.compile(r"[^\w]+")
_MAX_NAME_WORDS = 4


def _registered(entry: Entry) -> Outlet:
    return Outlet(entry.id, entry.name_ar or entry.name_en)


def _media(entries: Sequence[Entry]) -> Entry | None:
    return next((entry for entry in entries if entry.kind in {"outlet", "agency"}), None)


def _names_in(text: str, gazetteer: Gazetteer) -> Entry | None:
    """The first outlet or agency named in ``text`` (longest name at each word)."""
    words = match_key(text).lower().split()
    for start in range(len(words)):
        for length in range(min(_MAX_NAME_WORDS, len(words) - start), 0, -1):
            entry = _media(
                gazetteer.by_key.get(name_key(" ".join(words[start : start + length])), ())
            )
            if entry is not None:
                return entry
    return None


def _byline_name(text: str) -> tuple[str | None, str | None]:
    """``مدى بوست – فريق التحرير`` → (outlet name, byline); ``بقلم X`` → (None, X)."""
    parts = [part for part in _BYLINE_SEPARATOR.split(text.strip()) if part]
    if len(parts) >= 2 and any(parts[-1].endswith(word) for word in _TEAM_WORDS):
        return " ".join(parts[:-1]), parts[-1]
    return None, text.strip() or None


def _slug(name: str) -> str:
    return _SLUG_JUNK.sub("-", match_key(name).lower()).strip("-") or name


def identify_outlet(
    given: Outlet | None,
    *,
    url_domain: str | None,
    removed: Sequence[Removal],
    gazetteer: Gazetteer,
) -> Outlet | None:
    """The publisher: registry by domain, by the given name (exactly), else text signatures."""
    by_domain = gazetteer.outlet_for_domain(url_domain)
    if by_domain is not None:
        return _registered(by_domain)
    if given is not None:
        if url_domain:
            return given  # a domain the registry lacks: the input's own name stays
        by_name = _media(gazetteer.lookup(given.name))
        return _registered(by_name) if by_name is not None else given
    for kind in _SIGNATURE_KINDS:
        for removal in removed:
            if removal.kind != kind:
                continue
            entry = _names_in(removal.text, gazetteer)
            if entry is not None:
                return _registered(entry)
    for removal in removed:
        if removal.kind == "byline":
            name, _ = _byline_name(removal.text)
            if name:
                return Outlet(_slug(name), name)
    return None


def find_byline(given: str | None, removed: Sequence[Removal], outlet: Outlet | None) -> str | None:
    """The author line: from metadata, else a removed byline that is more than the outlet's name."""
    if given and given.strip():
        return " ".join(given.split())
    for removal in removed:
        if removal.kind != "byline":
            continue
        name, byline = _byline_name(removal.text)
        if byline and not (outlet is not None and name_key(byline) == name_key(outlet.name)):
            if name is None and outlet is not None and name_key(outlet.name) in name_key(byline):
                continue  # a line that only signs the outlet ("أجواء برس")
            return byline
    return None
