"""Properties of the dates and cited-source extractors, checked with hypothesis.

Texts are built from the words the extractors react to (month names, weekdays,
relative words, cues, agency names, numbers) mixed with diacritics, tatweel and
punctuation, so that odd combinations reach the recognisers.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.article_dates import extract_article_dates
from marsad.extract.gazetteer import load_gazetteer
from marsad.extract.sources import find_cited_sources
from marsad.model import GRANULARITIES, RESOLUTIONS, SOURCE_KINDS

WORDS = [
    "أمس", "اليوم", "غداً", "قبل", "منذ", "بعد", "يومين", "ثلاثة", "أيام", "أسبوع", "الشهر",
    "العام", "الماضي", "المقبل", "الجاري", "من", "بين", "و", "إلى", "يوم", "الأربعاء",
    "الاثنين", "صباح", "مساء", "مطلع", "أواخر", "صيف", "التسعينيات", "أيلول", "مارس", "آذار",
    "ماي", "رمضان", "شهر", "هـ", "عام", "15", "٢٣", "2021", "1445", "3.5", "90", "/", "-",
    "،", ".", ":", "\n", "قال", "ذكرت", "وكالة", "سانا", "سبوتنيك", "V", "مصادر", "مطلعة",
    "الكرملين", "أن", "لـ", "RT", "المصدر", "وزير", "الخارجية", "اجتماع", "عقد", "آخر",
    "كان", "قد", "الثامن", "عشر", "أول", "يناير", "كانون", "الثاني", "ـ", "\u064e", "«", "»",
]  # fmt: skip
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
published = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2026, 1, 1)).map(str))


@settings(max_examples=300, deadline=None)
@given(texts, published)
def test_property_dates_spans_and_vocabularies(text: str, published_on: str | None) -> None:
    found = extract_article_dates(text, published=published_on, today=date(2026, 11, 23))
    previous_end = 0
    for mention in found.dates:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end  # in order, never overlapping
        previous_end = mention.end
        assert mention.granularity in GRANULARITIES
        assert mention.resolution in RESOLUTIONS
        assert mention.value
    for value in (found.published, found.event_date):
        if value is not None:
            assert 0 <= value.confidence <= 1
            for span in value.evidence:
                assert text[span.start : span.end] == span.text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_property_cited_sources_spans_and_kinds(text: str) -> None:
    for source in find_cited_sources(text, gazetteer=load_gazetteer()):
        assert text[source.start : source.end] == source.text
        assert source.kind in SOURCE_KINDS
        assert (source.entity is None) or source.kind != "anonymous"


PEOPLE = ["بوتين", "وبوتين", "للأسد", "الأسد", "رأس النظام", "الأخير", "قال", "إن", "“", "”",
          "مدينة", "حلب", "90", "دقيقة", "أكثر من", "%", "ثلاث", "طائرات", "صائب", "عريقات",
          "الرئيس", "الروسي", ":", "على", "وزير", "الخارجية", "السوري"]  # fmt: skip
article_texts = st.lists(st.sampled_from(WORDS + PEOPLE), max_size=50).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(article_texts)
def test_property_entities_quotes_facts_spans(text: str) -> None:
    from marsad.extract.entities import find_entities
    from marsad.extract.facts import find_facts
    from marsad.extract.quotes import find_quotes
    from marsad.model import ENTITY_TYPES

    gazetteer = load_gazetteer()
    entities = find_entities(text, gazetteer=gazetteer)
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
        assert entity.type in ENTITY_TYPES
    sources = find_cited_sources(text, gazetteer=gazetteer)
    for quote in find_quotes(text, entities=entities, sources=sources):
        assert text[quote.start : quote.end] == quote.text
        assert quote.kind in {"direct", "indirect"}
        if quote.speaker_span is not None:
            span = quote.speaker_span
            assert text[span.start : span.end] == span.text
    for fact in find_facts(text, entities=entities):
        assert text[fact.start : fact.end] == fact.text
        assert fact.sentence.start <= fact.start <= fact.sentence.end
