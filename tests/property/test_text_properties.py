"""Properties of normalisation, cleaning and the data model, checked with hypothesis."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import Article, OffsetMap, Removal, Span
from marsad.text.boilerplate import (
    LineRule,
    boilerplate_rules,
    fold_line,
    key_maker,
    key_of_folded,
    line_key,
    match_boilerplate,
)
from marsad.text.clean import clean_text
from marsad.text.normalize import normalize, normalize_with_map

# Arabic letters, harakat, tatweel, digits of three scripts, ligatures, punctuation,
# invisible characters, whitespace of several kinds and newlines.
ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة"
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲"
    "\ufdfa\ufefb\ufe8e\ufe70"
    '.-_*،؛؟!:"“”«»()'
    "\u200b\u200c\u200d\u200f\u202b\ufeff\u00ad"
    " \t\u00a0\u2009\n\r"
    "abcRTUS"
)
texts = st.text(alphabet=ALPHABET, max_size=400)
# Articles made of a few paragraphs that recur, sometimes glued to each other without a
# line break: exercises repeated-paragraph and glued-twin removal.
paragraphs = st.text(alphabet=ALPHABET, min_size=15, max_size=120)
articles = st.lists(paragraphs, min_size=1, max_size=3).flatmap(
    lambda pool: st.lists(
        st.tuples(st.sampled_from(pool), st.sampled_from(["\n", "\n\n", "", " "])),
        min_size=1,
        max_size=8,
    ).map(lambda parts: "".join(text + separator for text, separator in parts))
)
ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a]")


@given(texts)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(texts)
def test_normalize_with_map_agrees_and_maps_in_range(text: str) -> None:
    normalized, mapping = normalize_with_map(text)
    assert normalized == normalize(text)
    assert mapping.derived_length == len(normalized)
    assert mapping.source_length == len(text)
    previous = 0
    for position in range(len(normalized) + 1):
        source = mapping.to_source(position)
        assert 0 <= source <= len(text)
        assert source >= previous
        previous = source
    for position, char in enumerate(normalized):
        source = mapping.to_source(position)
        assert source < len(text)
        assert char in normalize(text[source]) or normalize(text[source]) == ""


@settings(max_examples=200)
@given(texts | articles, st.booleans())
def test_clean_text_never_raises_and_offsets_map_back(text: str, headline_first: bool) -> None:
    cleaned = clean_text(text, headline_first=headline_first)
    mapping = cleaned.clean_to_raw
    assert mapping.derived_length == len(cleaned.text)
    assert mapping.source_length == len(text)
    for position, char in enumerate(cleaned.text):
        source = mapping.to_source(position)
        assert 0 <= source <= len(text)
        if not char.isspace():
            assert text[source] == char
    for removal in cleaned.removed:
        assert text[removal.raw_start : removal.raw_end] == removal.text
    for span in cleaned.captions:
        assert cleaned.text[span.start : span.end] == span.text


@settings(max_examples=200)
@given(texts | articles, st.booleans())
def test_clean_text_normalized_form_matches_normalize(text: str, headline_first: bool) -> None:
    cleaned = clean_text(text, headline_first=headline_first)
    assert cleaned.normalized == normalize(cleaned.text)
    mapping = cleaned.normalized_to_clean
    assert mapping.derived_length == len(cleaned.normalized)
    assert mapping.source_length == len(cleaned.text)
    previous = 0
    for position, char in enumerate(cleaned.normalized):
        source = mapping.to_source(position)
        assert previous <= source < len(cleaned.text)
        assert char in normalize(cleaned.text[source]) or char == "\n"
        previous = source


@settings(max_examples=200)
@given(texts | articles)
def test_clean_text_loses_no_arabic_letter_outside_removed_parts(text: str) -> None:
    cleaned = clean_text(text)
    covered: set[int] = set()
    for position in range(len(cleaned.text)):
        covered.add(cleaned.clean_to_raw.to_source(position))
    for removal in cleaned.removed:
        covered.update(range(removal.raw_start, removal.raw_end))
    for match in ARABIC_LETTER.finditer(text):
        assert match.start() in covered, f"letter at {match.start()} lost from {text!r}"


@given(texts)
def test_offset_map_and_records_round_trip(text: str) -> None:
    _, mapping = normalize_with_map(text)
    assert OffsetMap.from_dict(mapping.to_dict()) == mapping
    removal = Removal("counter", text, 0, len(text))
    assert Removal.from_dict(removal.to_dict()) == removal
    span = Span(0, len(text), text)
    assert Span.from_dict(span.to_dict()) == span


@settings(max_examples=50)
@given(texts.filter(lambda value: bool(value.strip())))
def test_article_round_trips_through_dict(text: str) -> None:
    cleaned = clean_text(text)
    normalized, to_clean = normalize_with_map(cleaned.text)
    article = Article(
        id="0" * 16,
        source="x.txt",
        input_format="txt",
        content_hash="1" * 16,
        raw_text=text,
        text=cleaned.text,
        normalized=normalized,
        clean_to_raw=cleaned.clean_to_raw,
        normalized_to_clean=to_clean,
        language="ar",
        removed=cleaned.removed,
        captions=cleaned.captions,
    )
    assert Article.from_dict(article.to_dict()) == article


def _first_rule_tried_in_turn(
    folded: str, key: str, words: int, body_index: int
) -> LineRule | None:
    """The reference :func:`match_boilerplate` replaces: every rule tried in file order."""
    for rule in boilerplate_rules():
        if words > rule.max_words or (rule.head_only and body_index >= 5):
            continue
        if rule.needs and not any(word in key for word in rule.needs):
            continue
        if rule.fits(folded, key):
            return rule
    return None


# Lines built from the words boilerplate rules look for, so that rules do fit.
RULE_WORDS = [
    "قبول",
    "موافق",
    "اقرأ",
    "أيضا",
    "المزيد",
    "تابعونا",
    "على",
    "تلغرام",
    "نستخدم",
    "ملفات",
    "تعريف",
    "الارتباط",
    "لتحسين",
    "تجربتك",
    "الإعلانات",
    "حجب",
    "read",
    "also",
    "more",
    "cookies",
    "we",
    "use",
    "الخبر",
    "السابق",
    "التالي",
    "اشترك",
    "في",
    "قناة",
    "بقلم",
    "أحمد",
    "مشاهدة",
    "12",
    "1,234",
    "فريق",
    "التحرير",
    "سياسة",
    "الخصوصية",
    ":",
    "الرئيس",
    "قال",
    "إن",
    "مدينة",
    "www",
    "https",
    "Leave",
    "a",
    "reply",
    "الاسم",
]
rule_lines = st.lists(st.sampled_from(RULE_WORDS), min_size=1, max_size=70).map(" ".join)


@given(rule_lines, st.integers(min_value=0, max_value=8))
def test_match_boilerplate_is_the_first_rule_in_file_order(line: str, body_index: int) -> None:
    folded = fold_line(line)
    key = line_key(line)
    words = key.count(" ") + 1
    expected = _first_rule_tried_in_turn(folded, key, words, body_index)
    assert match_boilerplate(folded, key, words, body_index) is expected


@given(st.text(max_size=200))
def test_property_fast_line_key_is_the_key(text: str) -> None:
    # any Unicode text, characters beyond the Basic Multilingual Plane included
    folded = text.lower()
    assert key_maker(text)(folded) == key_of_folded(folded)
