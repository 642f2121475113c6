"""Numeric facts: numbers with their units, qualifiers and what they count.

``90 دقيقة`` (90 minutes), ``45 دقيقة أخرى`` (45 more: qualifier ``additional``),
``حوالي الساعتين وربع الساعة`` (about 135 minutes: a dual unit and a fraction),
``أكثر من 90 %``, ``3.5 مرات``, ``ثلاث طائرات`` (a count of planes), ``ست سنوات`` (six
years), ``5 ملايين دولار``, ``الـ80`` (an ordinal), in any digit script (the text is
normalised first) or in words. Durations of minutes and hours are given in minutes.
Numbers inside dates are left to the dates. Words live in ``resources/fact_words.tsv``.
Hand-written: no library reads Arabic quantities with their qualifiers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.model import DateMention, Entity, Fact, OffsetMap, Span
from marsad.resources import read_resource_table
from marsad.text.normalize import normalize, normalize_with_map
from marsad.text.segment import sentence_bounds, web_address_spans

_COUNTED = re.compile(r"\s+(\w+)")
_NOT_A_MEASURE = re.compile(r"^(?:\d|[^\w])|^(?:في|من|على|الى|عن|مع|او|و|ثم|بين|حتي|منذ|ان)$")


@dataclass(frozen=True, slots=True)
class FactWords:
    numbers: dict[str, float]
    scales: dict[str, float]
    fractions: dict[str, float]
    units: dict[str, tuple[str, float, float]]  # form → (unit, factor, count implied or 0)
    qualifiers: dict[str, str]
    additional: frozenset[str]


def _forms(cell: str) -> list[str]:
    return [normalize(word.strip()).lower() for word in cell.split("|") if word.strip()]


@lru_cache(maxsize=1)
def fact_words() -> FactWords:
    numbers: dict[str, float] = {}
    scales: dict[str, float] = {}
    fractions: dict[str, float] = {}
    units: dict[str, tuple[str, float, float]] = {}
    qualifiers: dict[str, str] = {}
    additional: set[str] = set()
    for row in read_resource_table("fact_words.tsv"):
        category, value, forms = row[0], row[1], _forms(row[2])
        if category == "number":
            numbers.update((form, float(value)) for form in forms)
        elif category == "scale":
            scales.update((form, float(value)) for form in forms)
        elif category == "fraction":
            fractions.update((form, float(value)) for form in forms)
        elif category == "unit":
            parts = value.split(":")
            unit = parts[0] if parts[0] != "money" else f"money:{parts[1]}"
            factor = float(parts[1]) if parts[0] != "money" else 1.0
            implied = float(parts[2]) if len(parts) > 2 else 0.0
            units.update((form, (unit, factor, implied)) for form in forms)
        elif category == "qualifier":
            qualifiers.update((form, value) for form in forms)
        elif category == "additional":
            additional.update(forms)
    return FactWords(numbers, scales, fractions, units, qualifiers, frozenset(additional))


def _alternation(items: Sequence[str]) -> str:
    ordered = sorted(set(items), key=len, reverse=True)
    return "|".join(re.escape(item).replace(r"\ ", r"\s+") for item in ordered)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    words = fact_words()
    dual = [form for form, (_, _, implied) in words.units.items() if implied]
    units = [form for form, (_, _, implied) in words.units.items() if not implied]
    qualifier = rf"(?:(?P<qual>{_alternation(list(words.qualifiers))})\s*)?"
    fraction = (
        rf"(?:\s+(?P<frac>{_alternation(list(words.fractions))})(?:\s+(?:ال)?(?:ساعه|دقيقه))?)?"
    )
    additional = rf"(?:\s+(?P<add>{_alternation(list(words.additional))}))?"
    number = rf"(?P<num>\d+(?:[.,٫٬]\d+)*)|(?P<word>{_alternation(list(words.numbers))})"
    return re.compile(
        rf"(?<![\w.,])(?:{qualifier}(?:ال\s*)?(?:{number})"
        rf"(?:\s*(?P<scale>{_alternation(list(words.scales))}))?"
        rf"(?:\s*(?P<unit>{_alternation(units)}))?"
        rf"|{qualifier.replace('qual', 'qual2')}(?P<dual>{_alternation(dual)})"
        # "ساعة ونصف", "نصف ساعة": one unit and a fraction of it
        rf"|(?P<single>ساعه|دقيقه)(?=\s+و(?:نصف|ربع))"
        rf"|(?P<part>نصف|ربع|ثلث)\s+(?P<part_unit>ساعه|دقيقه))"
        rf"{fraction}{additional}(?![\w])"
    )


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None
    measure: str | None


def _number(text: str) -> float | None:
    """``3.5`` → 3.5; ``2,314`` and ``2٬314`` → 2314; ``1.000.000`` → 1000000."""
    parts = re.split(r"[.,٫٬]", text)
    if len(parts) == 1:
        return float(text)
    if all(len(part) == 3 for part in parts[1:]):
        return float("".join(parts))
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    return None


def _read(match: re.Match[str], folded: str) -> _Found | None:
    words = fact_words()
    qualifier = words.qualifiers.get(
        re.sub(r"\s+", " ", match.group("qual") or match.group("qual2") or "")
    )
    if match.group("dual"):
        unit, factor, implied = words.units[re.sub(r"\s+", " ", match.group("dual"))]
        value = implied * factor
    elif match.group("single"):
        unit, factor, _ = words.units[match.group("single")]
        value = factor
    elif match.group("part"):
        unit, factor, _ = words.units[match.group("part_unit")]
        value = words.fractions[match.group("part")] * factor
    else:
        if match.group("num"):
            parsed = _number(match.group("num"))
        else:
            parsed = words.numbers.get(re.sub(r"\s+", " ", match.group("word")))
        if parsed is None:
            return None
        value = parsed * (words.scales.get(match.group("scale") or "", 1.0))
        unit_form = match.group("unit")
        factor = 1.0
        if unit_form:
            unit, factor, _ = words.units[re.sub(r"\s+", " ", unit_form)]
            value *= factor
        elif match.group("num") and folded[match.start("num") - 2 : match.start("num")] == "ال":
            unit = "ordinal"  # الـ80
        else:
            unit = "count"
    if match.group("frac"):
        value += words.fractions[match.group("frac")] * factor
    if match.group("add"):
        qualifier = "additional"
    measure = None
    end = match.end()
    if unit == "count":
        counted = _COUNTED.match(folded, end)
        if counted is not None and not _NOT_A_MEASURE.match(counted.group(1)):
            measure = counted.group(1)
            end = counted.end(1)
        elif match.group("word"):
            return None  # a number word alone is too often not a quantity
    return _Found(match.start(), end, value, unit, qualifier, measure)


def find_facts(
    text: str,
    *,
    normalized: str | None = None,
    normalized_to_clean: OffsetMap | None = None,
    dates: Sequence[DateMention] = (),
    entities: Sequence[Entity] = (),
) -> tuple[Fact, ...]:
    """Numeric facts of a cleaned text, in order; numbers inside ``dates`` and web
    addresses (``…/politics/2025/03/10/…``) are skipped."""
    if normalized is None:
        normalized, normalized_to_clean = normalize_with_map(text)
    folded = normalized.lower() if len(normalized.lower()) == len(normalized) else normalized
    sentences = sentence_bounds(text)
    addresses = web_address_spans(folded)
    facts = []
    for match in _pattern().finditer(folded):
        found = _read(match, folded)
        if found is None or any(a < found.end and found.start < b for a, b in addresses):
            continue
        start, end = found.start, found.end
        if normalized_to_clean is not None:
            start, end = normalized_to_clean.span_to_source_with_marks(start, end)
        if any(start < date.end and date.start < end for date in dates):
            continue
        sentence = next(((s, e) for s, e in sentences if s <= start < e), (start, end))
        ids = tuple(
            dict.fromkeys(
                entity.id
                for entity in entities
                if entity.id and sentence[0] <= entity.start < sentence[1]
            )
        )
        facts.append(
            Fact(
                start,
                end,
                text[start:end],
                round(found.value, 3),
                found.unit,
                found.qualifier,
                found.measure,
                Span(sentence[0], sentence[1], text[sentence[0] : sentence[1]]),
                ids,
            )
        )
    return tuple(facts)
