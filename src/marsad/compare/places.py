"""Where each article says the event happened, for place claims and place conflicts.

An article's *stated place* is the first settlement, governorate or site, in its
first two sentences, that a locative introduces (``في موسكو``, ``بموسكو``,
``إلى موسكو``, ``في العاصمة الروسية موسكو``, ``في مدينة سوتشي``) within a few
words after a word for the happening itself (``اجتماع``, ``زار``, ``غارة``: the
``trigger`` words of ``resources/event_words.tsv``). The locative keeps out
datelines, which name where the reporter filed from and carry none
(``دبي، الإمارات العربية المتحدة (CNN) --``); the trigger keeps out places that
only describe someone (``السفير السعودي في واشنطن``, ``حين كان في بنسلفانيا``).
Countries and regions are left out: ``في سوريا`` is the setting of almost every
article of a Syrian event, not where it happened.

Hand-written: no library reads event locations from Arabic news leads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.extract.article_dates import event_word
from marsad.extract.gazetteer import load_gazetteer
from marsad.model import Article, Entity
from marsad.text.normalize import normalize
from marsad.text.segment import sentence_bounds

_LEAD_SENTENCES = 2
_PLACE_TYPES = frozenset({"GPE", "LOC"})
_PLACE_KINDS = frozenset({"capital", "city", "town", "governorate", "other"})
_TRIGGER_REACH = 20  # words between the happening and the place
_TOPIC_REACH = 4  # a topic word this close before the place makes it a subject
# place nouns and definite adjectives that may stand between the locative and the name
_DESCRIPTOR = r"(?:ال\S+|مدينه|بلده|قريه|منتجع|محافظه|ولايه|عاصمه|مخيم|ميناء|مطار|قاعده)"
_LOCATIVE_BEFORE = re.compile(rf"(?:^|[\s(«\"“])(?:و?في|و?ب|و?الي)(?:\s+{_DESCRIPTOR}){{0,2}}\s+$")
_ATTACHED_LOCATIVE = re.compile(r"(?:^|[\s(«\"“])و?ب$")  # بموسكو: ب glued to the name
_WINDOW = 40
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class StatedPlace:
    """The place an article names for the event, with the sentence that names it."""

    article_id: str
    entity: Entity
    sentence_start: int
    sentence_end: int
    happening: str  # the kind of the happening word before it (``اجتماع`` for التقى, زيارة …)


def _introduced_by_locative(text: str, start: int) -> bool:
    before = normalize(text[max(0, start - _WINDOW) : start])
    return bool(_ATTACHED_LOCATIVE.search(before) or _LOCATIVE_BEFORE.search(before))


def _happening(text: str, sentence_start: int, start: int) -> str | None:
    """The kind of the last happening word shortly before ``start``, unless a word marks an
    earlier happening recalled for context (``كانا قد التقيا في مدينة درنة``) or the place
    is a subject (``topic`` words of ``resources/event_words.tsv``)."""
    words = _WORD.findall(normalize(text[sentence_start:start]))[-_TRIGGER_REACH:]
    found = [event_word(word) for word in words]
    if any(item is not None and item[0] == "background" for item in found):
        return None
    if any(item is not None and item[0] == "topic" for item in found[-_TOPIC_REACH:]):
        return None  # what is discussed: لبحث الأوضاع في القدس
    kinds = [item[1] for item in found if item is not None and item[0] == "trigger"]
    return kinds[-1] if kinds else None


def stated_place(article: Article) -> StatedPlace | None:
    """The place ``article`` says its event happened in, or None (see the module)."""
    entries = load_gazetteer().entries
    in_order = sorted(article.entities, key=lambda item: item.start)
    for first, last in sentence_bounds(article.text)[:_LEAD_SENTENCES]:
        for entity in in_order:
            if not first <= entity.start < last or entity.type not in _PLACE_TYPES:
                continue
            entry = entries.get(entity.id or "")
            if entry is None or entry.kind not in _PLACE_KINDS or entry.id.startswith("country-"):
                continue
            if not _introduced_by_locative(article.text, entity.start):
                continue
            happening = _happening(article.text, first, entity.start)
            if happening is not None:
                return StatedPlace(article.id, entity, first, last, happening)
    return None


def stated_places(articles: Sequence[Article]) -> list[StatedPlace]:
    return [found for article in articles if (found := stated_place(article)) is not None]


def nested(first: str, second: str) -> bool:
    """Whether one of two places lies inside the other (Douma and Rif Dimashq agree)."""
    gazetteer = load_gazetteer()
    return gazetteer.place_within(first, second) or gazetteer.place_within(second, first)
