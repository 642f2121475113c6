"""Arabic normalisation for matching and search, with an offset map back to the cleaned text.

The cleaned text keeps the original spelling for display; the normalised form
folds what spelling varies on and search should not care about:

* alef variants (أ إ آ ٱ) → ا; alef maqsura ى and Persian ی → ي; Persian ک → ك;
  ta marbuta ة → ه;
* Arabic-Indic (٠-٩) and Persian (۰-۹) digits → ASCII digits;
* diacritics (harakat, tanween, shadda, sukun, dagger alef, Quranic marks) and
  tatweel are deleted; so are zero-width and bidi control characters;
* presentation forms and ligatures (ﻻ, ﷺ, ﷲ …) are expanded to plain letters.

Hand-written because no library does this with offsets: pyarabic's hamza folding
goes the other way (to ء) and ``str.translate``/NFKC are many times slower than
chained ``str.replace`` (see docs/libraries in the architecture guide).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from marsad.model import OffsetMap
from marsad.text.offsets import OffsetMapBuilder

# One-for-one substitutions: (characters, replacement). Lengths never change here.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("\u0623\u0625\u0622\u0671", "\u0627"),  # أ إ آ ٱ → ا
    ("\u0649\u06cc", "\u064a"),  # alef maqsura ى, Persian yeh ی → ي
    ("\u06a9", "\u0643"),  # Persian keheh ک → ك
    ("\u0629", "\u0647"),  # ta marbuta ة → ه
    ("\u0660\u06f0", "0"),
    ("\u0661\u06f1", "1"),
    ("\u0662\u06f2", "2"),
    ("\u0663\u06f3", "3"),
    ("\u0664\u06f4", "4"),
    ("\u0665\u06f5", "5"),
    ("\u0666\u06f6", "6"),
    ("\u0667\u06f7", "7"),
    ("\u0668\u06f8", "8"),
    ("\u0669\u06f9", "9"),
)
_FOLD_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (char, target) for chars, target in _FOLDS for char in chars
)

# Characters deleted by normalisation.
DIACRITICS = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
TATWEEL = "\u0640"
# zero-width space/non-joiner/joiner, LRM, RLM, bidi embeddings and isolates,
# Arabic letter mark, word joiner, soft hyphen, BOM / zero-width no-break space
INVISIBLES = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\u00ad\ufeff"
_HARAKAT_FORMS = "\ufe70-\ufe7f"  # isolated/medial presentation forms of harakat and tatweel
_DELETED_CLASS = f"[{DIACRITICS}{TATWEEL}{INVISIBLES}{_HARAKAT_FORMS}]"
_EXPANDED_CLASS = "[\ufb50-\ufdff\ufe80-\ufefc]"  # presentation forms and ligatures
_CHANGING = re.compile(f"(?P<deleted>{_DELETED_CLASS}+)|(?P<expanded>{_EXPANDED_CLASS})")
_DELETED = re.compile(_DELETED_CLASS)
# a run of characters that normalisation deletes or expands
_CHANGED_RUN = re.compile(f"[{_DELETED_CLASS[1:-1]}{_EXPANDED_CLASS[1:-1]}]+")
_EXPANDED = re.compile(_EXPANDED_CLASS)
_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """The one-for-one substitutions of normalisation alone (lengths never change)."""
    for char, target in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, target)
    return text


@lru_cache(maxsize=1024)
def _expansion(char: str) -> str:
    """Plain-letter form of a presentation form or ligature, already normalised."""
    return _DELETED.sub("", fold(unicodedata.normalize("NFKC", char)))


Change = tuple[int, int, bool]
"""A stretch of folded text that normalisation changes: (start, end, is_expansion)."""


def find_changes(folded: str) -> list[Change]:
    """Every stretch of a folded text that normalisation deletes or expands, in order.

    One scan for runs of either kind (a single character class is what the regular
    expression engine scans fastest); the rare run that holds a presentation form is
    split into its deletions and expansions."""
    changes: list[Change] = []
    for start, end in map(re.Match.span, _CHANGED_RUN.finditer(folded)):
        if _EXPANDED.search(folded, start, end) is None:
            changes.append((start, end, False))
            continue
        changes.extend(
            (match.start(), match.end(), match.lastgroup == "expanded")
            for match in _CHANGING.finditer(folded, start, end)
        )
    return changes


def normalize_folded_slice(
    folded: str, start: int, end: int, changes: list[Change]
) -> tuple[str, OffsetMap]:
    """Normal form of ``folded[start:end]`` and its map, given the changes that overlap it.

    Lets a caller fold and scan a whole article once and then normalise its lines
    one by one without scanning them again.
    """
    pieces: list[str] = []
    breaks = OffsetMapBuilder()
    derived = 0
    last = start
    for change_start, change_end, expanded in changes:
        change_start, change_end = max(change_start, start), min(change_end, end)
        if change_start >= change_end:
            continue
        pieces.append(folded[last:change_start])
        derived += change_start - last
        if expanded:
            replacement = _expansion(folded[change_start])
            breaks.add_break(derived, change_start - start)
            pieces.append(replacement)
            derived += len(replacement)
        # kept even when equal to the break above: an expansion followed by a deletion
        breaks.add_break(derived, change_end - start)
        last = change_end
    pieces.append(folded[last:end])
    derived += end - last
    return "".join(pieces), breaks.build(derived, end - start)


def normalize_with_map(text: str) -> tuple[str, OffsetMap]:
    """Normalise ``text``; return the normalised form and its map back to ``text``."""
    folded = fold(text)
    changes = find_changes(folded)
    if not changes:
        return folded, OffsetMap.identity(len(text))
    return normalize_folded_slice(folded, 0, len(folded), changes)


def normalize(text: str) -> str:
    """The normalised form of ``text`` (see the module docstring)."""
    folded = fold(text)
    if _CHANGING.search(folded) is None:
        return folded
    return _CHANGING.sub(lambda m: "" if m.group("deleted") else _expansion(m.group()), folded)


def match_key(text: str) -> str:
    """A key for comparing short strings: normalised, punctuation dropped, spaces collapsed."""
    return _NON_WORD.sub(" ", normalize(text)).strip()
