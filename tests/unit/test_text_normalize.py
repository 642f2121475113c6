from __future__ import annotations

import pytest

from marsad.text.normalize import match_key, normalize, normalize_with_map


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد وإبراهيم وآمنة", "احمد وابراهيم وامنه"),
        ("مستشفى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("٢٠٢١ و۱۲", "2021 و12"),
        ("مُحَمَّدٌ", "محمد"),
        ("عـــاجل", "عاجل"),
        ("ﻻ", "لا"),
        ("a\u200bb\u200f", "ab"),
    ],
)
def test_normalize_folds_spelling_variants(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_with_map_points_back_past_deleted_marks() -> None:
    text = "عَـلِي"
    normalized, mapping = normalize_with_map(text)
    assert normalized == "علي"
    assert [text[mapping.to_source(i)] for i in range(len(normalized))] == ["ع", "ل", "ي"]
    assert mapping.span_to_source(1, 3) == (3, 6)


def test_normalize_with_map_expansion_maps_to_the_ligature() -> None:
    text = "قال ﷺ ثم"
    normalized, mapping = normalize_with_map(text)
    assert "صلي الله عليه وسلم" in normalized
    start = normalized.index("صلي")
    assert mapping.span_to_source(start, start + 3) == (4, 5)
    assert text[mapping.to_source(normalized.index("ثم"))] == "ث"


def test_match_key_drops_punctuation() -> None:
    assert match_key("“اقرأ أيضاً:”  قرارات") == "اقرا ايضا قرارات"


def test_normalize_with_map_expansion_followed_by_deleted_mark() -> None:
    text = "ﻻً بد"
    normalized, mapping = normalize_with_map(text)
    assert normalized == "لا بد"
    assert [mapping.to_source(i) for i in range(len(normalized) + 1)] == [0, 0, 2, 3, 4, 5]
