"""Who published an article, and its byline.

In order of trust: the URL's domain in the outlet registry; the outlet name the
input gave (``og:site_name``, a feed's title, a JSONL ``outlet``, TREC ``SRC``),
matched against the registry's names; else signatures in the text, above all in
what cleaning removed: a byline (``مدى بوست – فريق التحرير``), an outlet's
description of itself with its name line (``أجواء برس``; ``«النشرة الدولية» موقع
إخباري …``), a subscribe line (``اشترك في قناة صحيفة حبر على تلغرام``). Only the
name a signature states is read — the name part of a byline, the quoted name that
opens a description, the channel's name in a subscribe line — never any registered
name that happens to occur in it (``تواكب مسيرة الوطن`` does not make Al-Watan the
publisher, ``لمتابعة آخر الأخبار`` does not make it Al-Akhbar). A stated name found
nowhere in the registry is still kept, with an id made from it. ``outlet`` stays None
when nothing names the publisher: a cited source (``المصدر: RT``) is not a publisher.

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
# «النشرة الدولية» موقع إخباري … ; “أجواء” مجموعة …
_QUOTED_NAME = re.compile(r"^[«\"“]([^«»\"“”]{2,40})[»\"”]")
# اشترك في قناة صحيفة حبر على تلغرام ; تابعوا حساب X عبر …
_CHANNEL_NAME = re.compile(r"(?:قناة|قناه|صفحة|صفحه|حساب)\s+(\S+(?:\s+\S+){0,3}?)\s+(?:على|عبر)\s")


def _registered(entry: Entry) -> Outlet:
    return Outlet(entry.id, entry.name_ar or entry.name_en)


def _media(entries: Sequence[Entry]) -> Entry | None:
    return next((entry for entry in entries if entry.kind in {"outlet", "agency"}), None)


def _registered_name(name: str, gazetteer: Gazetteer) -> Entry | None:
    return _media(gazetteer.lookup(name))


def _stated_names(removal: Removal) -> tuple[list[str], str | None]:
    """Names a signature line states: (names to look up in the registry, the name to keep
    even when unregistered, or None when the line's shape does not say which part it is)."""
    text = removal.text.strip()
    if removal.kind == "self_description":
        quoted = _QUOTED_NAME.match(text)
        return ([quoted.group(1)], quoted.group(1).strip()) if quoted else ([], None)
    if removal.kind == "subscribe":
        channel = _CHANNEL_NAME.search(text)
        if channel is None:
            return [], None
        name = channel.group(1)
        words = name.split()
        if len(words) > 1 and name_key(name) == name_key(" ".join(words[1:])):
            name = " ".join(words[1:])  # a generic noun dropped: صحيفة حبر → حبر
        return [channel.group(1)], name
    parts = [part for part in _BYLINE_SEPARATOR.split(text) if part]
    name, _ = _byline_name(text)
    return [text, *parts], name


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
    unregistered: str | None = None
    for kind in _SIGNATURE_KINDS:
        for removal in removed:
            if removal.kind != kind:
                continue
            names, kept = _stated_names(removal)
            for name in names:
                entry = _registered_name(name, gazetteer)
                if entry is not None:
                    return _registered(entry)
            unregistered = unregistered or kept
    return Outlet(_slug(unregistered), unregistered) if unregistered else None


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
