"""Line classification: which lines of a scraped page are boilerplate, navigation or captions.

The rules live in ``resources/boilerplate.tsv``, ``navigation.txt``,
``captions.tsv`` and ``self_description.txt`` so users can edit them. Written by
hand because trafilatura keeps exactly this noise when it sits inside the
article body (see the libraries guide), and because Arabic sites glue
breadcrumbs together (``العناوين الرئيسيةسورية``), which no library undoes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from marsad.resources import read_resource_lines, read_resource_table
from marsad.text.normalize import normalize

_WORD_RUN = re.compile(r"[^\W_]+")


def _basic_plane_alphanumerics() -> str:
    r"""``[^\W_]`` spelt out for the Basic Multilingual Plane as a class of ranges, which the
    regular-expression engine tests with a bitmap instead of a Unicode category lookup."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF or not chr(code).isalnum():
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last in ranges)


# the same word runs as _WORD_RUN in text without characters beyond the BMP, found faster
_BASIC_PLANE_WORD_RUN = re.compile(f"[{_basic_plane_alphanumerics()}]+")
_BEYOND_BASIC_PLANE = re.compile("[\U00010000-\U0010ffff]")
DEFAULT_MAX_WORDS = 12  # a rule without max_words applies to lines of at most this many words
_SENTENCE_END = re.compile(r"[.!?؟…:]['\"”»)]*$")


@dataclass(frozen=True, slots=True)
class LineRule:
    """One boilerplate rule from ``boilerplate.tsv``."""

    kind: str
    mode: str
    pattern: str
    regex: re.Pattern[str] | None
    max_words: int
    next_lines: int
    starts_tail: bool
    head_only: bool
    needs: tuple[str, ...] = ()
    anchored: bool = False  # the pattern starts with ^: tried at the line start only

    def fits(self, folded: str, key: str) -> bool:
        """Whether the rule's pattern fits a line (length, position and ``needs`` checked apart)."""
        if self.mode == "exact":
            return key == self.pattern
        if self.mode == "prefix":
            return key == self.pattern or key.startswith(self.pattern + " ")
        if self.regex is None:
            return False
        target = folded if self.mode == "text" else key
        if self.anchored:
            return self.regex.match(target) is not None
        return self.regex.search(target) is not None


def fold_line(text: str) -> str:
    """A line normalised and lower-cased, punctuation kept: what ``text`` rules see."""
    return normalize(text).lower()


def key_of_folded(folded: str) -> str:
    """The key of a folded line: punctuation dropped, spaces collapsed (its words joined
    by single spaces: a little faster than replacing the runs between them)."""
    return " ".join(_WORD_RUN.findall(folded))


def key_maker(text: str) -> Callable[[str], str]:
    """:func:`key_of_folded` for the lines of ``text``: the faster word pattern when no
    character of ``text`` lies beyond the Basic Multilingual Plane (folding and
    lower-casing never take one there)."""
    if _BEYOND_BASIC_PLANE.search(text) is not None:
        return key_of_folded
    find_words = _BASIC_PLANE_WORD_RUN.findall
    return lambda folded: " ".join(find_words(folded))


def line_key(text: str) -> str:
    """Key used by most rules: normalised, lower-cased, punctuation dropped, spaces collapsed."""
    return key_of_folded(fold_line(text))


def _parse_rule(row: tuple[str, ...]) -> LineRule:
    if len(row) < 3 or row[1] not in {"exact", "prefix", "regex", "text"}:
        raise ValueError(f"bad boilerplate rule {row!r}: want kind, mode, pattern[, options]")
    kind, mode, raw_pattern = row[0], row[1], row[2]
    options = [item.strip() for item in row[3].split(",")] if len(row) > 3 else []
    max_words = DEFAULT_MAX_WORDS
    next_lines = 0
    needs: tuple[str, ...] = ()
    for option in options:
        if option.startswith("max_words="):
            max_words = int(option.split("=", 1)[1])
        elif option.startswith("next="):
            next_lines = int(option.split("=", 1)[1])
        elif option.startswith("needs="):
            needs = tuple(line_key(word) for word in option.split("=", 1)[1].split("|"))
    if mode in {"regex", "text"}:
        pattern = normalize(raw_pattern).lower()
        regex: re.Pattern[str] | None = re.compile(pattern, re.IGNORECASE)
    else:
        pattern = line_key(raw_pattern)
        regex = None
    return LineRule(
        kind=kind,
        mode=mode,
        pattern=pattern,
        regex=regex,
        max_words=max_words,
        next_lines=next_lines,
        starts_tail="tail" in options,
        head_only="head" in options,
        needs=needs,
        anchored=pattern.startswith("^") and "|" not in _top_level(pattern),
    )


def _top_level(pattern: str) -> str:
    """``pattern`` without its bracketed groups and classes: where a top-level ``|`` would be."""
    depth, kept, escaped = 0, [], False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[LineRule, ...]:
    return tuple(_parse_rule(row) for row in read_resource_table("boilerplate.tsv"))


@dataclass(frozen=True, slots=True)
class _RuleGroup:
    """The rules that still apply to lines of at most ``limit`` words, indexed for speed.

    Exact patterns are looked up by the line's key and prefix patterns by its first
    word. Most lines are paragraphs that no rule fits: the regular-expression rules
    are screened together first (the patterns anchored at the line start as one
    alternation per target, the ``needs`` words of the others) and tried one by one
    only when the screen passes. The first rule in file order that fits wins, as if
    all were tried in turn.
    """

    limit: int
    rules: tuple[LineRule, ...]
    by_key: dict[str, tuple[int, ...]]
    by_first_word: dict[str, tuple[int, ...]]
    scanned: tuple[int, ...]
    anchored_screens: tuple[tuple[str, re.Pattern[str]], ...]  # (mode, alternation)
    needs_screen: re.Pattern[str] | None  # the ``needs`` words of all rules, as one alternation
    unscreened: bool  # a regular-expression rule neither anchored nor with needs

    def screen_passes(self, folded: str, key: str) -> bool:
        if self.unscreened or (self.needs_screen and self.needs_screen.search(key)):
            return True
        return any(
            screen.match(folded if mode == "text" else key)
            for mode, screen in self.anchored_screens
        )


def _group(limit: int, rules: tuple[LineRule, ...]) -> _RuleGroup:
    by_key: dict[str, list[int]] = {}
    by_first_word: dict[str, list[int]] = {}
    scanned: list[int] = []
    for index, rule in enumerate(rules):
        if rule.mode == "exact":
            by_key.setdefault(rule.pattern, []).append(index)
        elif rule.mode == "prefix":
            by_first_word.setdefault(rule.pattern.partition(" ")[0], []).append(index)
        else:
            scanned.append(index)
    regex_rules = [rules[index] for index in scanned]
    screens = tuple(
        (mode, re.compile("|".join(f"(?:{rule.pattern[1:]})" for rule in anchored), re.I))
        for mode in ("regex", "text")
        if (anchored := [rule for rule in regex_rules if rule.anchored and rule.mode == mode])
    )
    needs = tuple(dict.fromkeys(word for rule in regex_rules for word in rule.needs))
    return _RuleGroup(
        limit=limit,
        rules=rules,
        by_key={key: tuple(found) for key, found in by_key.items()},
        by_first_word={word: tuple(found) for word, found in by_first_word.items()},
        scanned=tuple(scanned),
        anchored_screens=screens,
        needs_screen=re.compile("|".join(map(re.escape, needs))) if needs else None,
        unscreened=any(not rule.anchored and not rule.needs for rule in regex_rules),
    )


@lru_cache(maxsize=1)
def _rules_by_length() -> tuple[_RuleGroup, ...]:
    """The rules that still apply to a line, indexed by its word count (beyond the last
    index no rule applies).

    Most lines of an article are long paragraphs that only a few rules may match;
    grouping by length spares them the rest. One group per distinct ``max_words``.
    """
    rules = boilerplate_rules()
    groups = [
        _group(limit, tuple(rule for rule in rules if rule.max_words >= limit))
        for limit in sorted({rule.max_words for rule in rules})
    ]
    longest = groups[-1].limit if groups else -1
    return tuple(
        next(group for group in groups if words <= group.limit) for words in range(longest + 1)
    )


def match_boilerplate(folded: str, key: str, word_count: int, body_index: int) -> LineRule | None:
    """The boilerplate rule a line falls under, if any (the first in file order).

    ``body_index`` counts body lines before this one, for rules limited to the
    first lines (``head``).
    """
    groups = _rules_by_length()
    if word_count >= len(groups):
        return None
    group = groups[word_count]
    looked_up = (*group.by_key.get(key, ()), *group.by_first_word.get(key.partition(" ")[0], ()))
    if not looked_up and not group.screen_passes(folded, key):
        return None
    for index in sorted((*looked_up, *group.scanned)):
        rule = group.rules[index]
        if rule.head_only and body_index >= 5:
            continue
        if rule.needs and not any(word in key for word in rule.needs):
            continue
        if rule.fits(folded, key):
            return rule
    return None


@lru_cache(maxsize=1)
def _navigation_terms() -> tuple[frozenset[str], tuple[int, ...]]:
    terms = frozenset(
        line_key(line).replace(" ", "") for line in read_resource_lines("navigation.txt")
    )
    return terms, tuple(sorted({len(term) for term in terms}, reverse=True))


def is_navigation(key: str, word_count: int, *, single_term: bool = True) -> bool:
    """True when a short line consists only of section names and menu words.

    Handles glued forms (``العناوين الرئيسيةسورية``) by segmenting the line with
    spaces removed into known terms. A line of a single term (``سوريا``) counts
    only when ``single_term`` is set: in the body such a line is a subheading.
    """
    if word_count > 8 or not key:
        return False
    terms, lengths = _navigation_terms()
    compact = key.replace(" ", "")
    # fewest terms needed to spell compact[:i]; 0 means "not reachable" except at 0
    fewest = [0] + [len(compact) + 1] * len(compact)
    for start in range(len(compact)):
        if fewest[start] > len(compact):
            continue
        for length in lengths:
            end = start + length
            if end <= len(compact) and compact[start:end] in terms:
                fewest[end] = min(fewest[end], fewest[start] + 1)
    needed = fewest[-1]
    return needed <= len(compact) and (single_term or needed >= 2)


@lru_cache(maxsize=1)
def _caption_rules() -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple(
        (re.compile(normalize(row[0]).lower(), re.IGNORECASE), int(row[1]))
        for row in read_resource_table("captions.tsv")
    )


def is_caption(folded: str, word_count: int) -> bool:
    """A photo caption: ``folded`` is the line's normalised form (punctuation kept, so a
    closing credit such as ``(رويترز)`` can be seen)."""
    return word_count <= 40 and any(
        word_count <= limit and rx.search(folded) for rx, limit in _caption_rules()
    )


@lru_cache(maxsize=1)
def _self_description_terms() -> tuple[tuple[str, ...], re.Pattern[str]]:
    rows = read_resource_table("self_description.tsv")
    cues = tuple(line_key(row[1]) for row in rows if row[0] == "cue")
    nouns = "|".join(re.escape(line_key(row[1])) for row in rows if row[0] == "noun")
    return cues, re.compile(rf"^[«\"“][^«»\"“”]{{2,40}}[»\"”]\s*(?:{nouns})\b")


def is_self_description(folded: str, key: str, word_count: int) -> bool:
    """An outlet describing itself: «name» + an outlet noun, and at least one cue.

    Only paragraphs of at most 80 words: a description is a blurb, not a report.
    Cue words alone are not enough: officials say "نحن نسعى" in quotes all the time.
    """
    if word_count > 80:
        return False
    cues, opening = _self_description_terms()
    if opening.search(folded) is None:
        return False
    padded = f" {key} "
    return any(f" {cue} " in padded for cue in cues)


def looks_like_headline(text: str, word_count: int) -> bool:
    """A short line without sentence-final punctuation: a title, not a paragraph."""
    return word_count <= 25 and _SENTENCE_END.search(text) is None


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    rows = read_resource_table("other_stories.tsv")
    return re.compile(next(row[1] for row in rows if row[0] == "dateline"), re.IGNORECASE)


def opens_with_dateline(folded: str, word_count: int) -> bool:
    """A paragraph of at least 12 words opening with a dateline (``دبي، الإمارات (CNN)--``)."""
    if word_count < 12 or "(" not in folded[:90]:
        return False
    return _dateline().search(folded) is not None
