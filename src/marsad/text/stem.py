"""Content stems of Arabic text, for comparing what two articles are about.

PyStemmer's Snowball Arabic stemmer does the stemming; what is written here is
the Arabic-news preparation it lacks: it stems ``وبوتين`` to ``وتين`` and keeps
``و+ال`` on some words, so a leading conjunction (``و``/``ف``) is taken off
first, and digits, single letters and Latin noise are left out. Each stem is
weighed by a fixed inverse document frequency from ``resources/stem_idf.tsv``
(generated from wordfreq's Arabic frequencies by ``scripts/build_stem_idf.py``),
so an article's weights never depend on which other articles were read before it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import Stemmer

from marsad.resources import read_resource_table

_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{2,}|[a-z]{3,}")
_CONJUNCTIONS = ("و", "ف")
# The weight of a stem too rare to be in the table: a frequency of one in a million words.
_RARE_FREQUENCY = 1e-6
UNKNOWN_IDF = round(math.log(1 / _RARE_FREQUENCY), 3)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("arabic")


def words_of(normalized: str) -> list[str]:
    """Arabic words (and lower-cased Latin words) of normalised text, conjunction taken off."""
    words = []
    for word in _ARABIC_WORD.findall(normalized.lower()):
        if len(word) > 4 and word[0] in _CONJUNCTIONS:
            word = word[1:]
        words.append(word)
    return words


def stems_of(normalized: str) -> list[str]:
    """The stems of the words of normalised text, in order, one or two letters dropped."""
    return [stem for stem in _stemmer().stemWords(words_of(normalized)) if len(stem) > 2]


@lru_cache(maxsize=1)
def stem_idf() -> dict[str, float]:
    """Stem → inverse frequency (natural log of 1 / share of words), from the shipped table."""
    return {stem: float(idf) for stem, idf in read_resource_table("stem_idf.tsv")}
