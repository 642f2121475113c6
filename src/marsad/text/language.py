"""Language of an article, from a leading sample of its cleaned text.

Script counts decide the easy cases and ``mixed``; lingua (offline models) decides
the rest. Arabic-script text without the letters only Persian, Urdu and their
neighbours use (پ چ ژ گ ک ی ے ہ ۀ) is Arabic; anything else goes to lingua, loaded lazily with
a short list of candidate languages for speed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_ARABIC_SCRIPT = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_NON_ARABIC_LETTERS = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06d2\u06c1\u06c0]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_MIXED_SHARE = 0.25


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.ARABIC,
        Language.PERSIAN,
        Language.URDU,
        Language.ENGLISH,
        Language.FRENCH,
        Language.SPANISH,
        Language.GERMAN,
        Language.TURKISH,
        Language.RUSSIAN,
        Language.HEBREW,
    ).build()


def _lingua_code(sample: str) -> str:
    language = _detector().detect_language_of(sample)
    if language is None:
        return "other"
    code = str(language.iso_code_639_1.name).lower()
    return code if code in {"ar", "en"} else "other"


def detect_language(text: str, *, sample_chars: int = 1000) -> str:
    """``ar``, ``en``, ``other`` or ``mixed`` (Arabic and Latin script each ≥ 25 % of letters)."""
    sample = text[:sample_chars]
    arabic = len(_ARABIC_SCRIPT.findall(sample))
    latin = len(_LATIN.findall(sample))
    total = arabic + latin + len(_OTHER_LETTERS.findall(sample))
    if total == 0:
        return "other"
    if arabic >= _MIXED_SHARE * total and latin >= _MIXED_SHARE * total:
        return "mixed"
    if arabic >= latin and arabic >= 0.5 * total and not _NON_ARABIC_LETTERS.search(sample):
        return "ar"
    return _lingua_code(sample)
