"""An article's dates: every temporal expression, its publication date and its event date.

Order of work: find the expressions (:mod:`marsad.extract.timex`); take the
publication date from metadata, else derive it from the text (``يوم أمس الأربعاء
15 أيلول`` → published the day after, ``صباح اليوم الخميس`` → on a Thursday);
resolve every expression against it, counted shifts (``قبل يومين``) against a
day stated earlier in the same sentence when there is one; then choose the
event date.

The event date is the date attached to the words of the happening itself
(``اجتماع``, ``زيارة``, ``اتصال``…, ``resources/event_words.tsv``): a date between a
reporting verb and what it reports (``أعلن الكرملين صباح اليوم أن …``) is when it
was said, weaker evidence; a date of a recalled earlier happening (``آخر لقاء``,
``لقائهما السابق``, ``كان قد``) is background and never the event date.
Hand-written: no library ties Arabic dates to the events they date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from marsad.extract.dates import NO_ANCHOR, Anchor, Resolved, YearRange, resolve
from marsad.extract.timex import Timex, find_timexes
from marsad.model import DateMention, DateValue, OffsetMap, Span
from marsad.resources import read_resource_table
from marsad.text.normalize import normalize, normalize_with_map
from marsad.text.segment import sentence_bounds

_TOKEN = re.compile(r"[^\W\d_]+")
_CLITICS = ("و", "ف")
_SUFFIXES = ("", "ا", "ه", "ها", "هما", "هم", "نا", "ي", "ات", "ان", "ين", "و")
_LEAD_SENTENCES = 3
_BACKGROUND_WINDOW = 30  # characters before a trigger in which a background word counts
_FAR_BEFORE_DAYS = 20  # an attached date this long before publication is probably background


@dataclass(frozen=True, slots=True)
class ArticleDates:
    dates: tuple[DateMention, ...]
    published: DateValue | None
    event_date: DateValue | None


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    category: str
    first_person: bool = False  # اجتماعنا، زيارتي: a speaker's words, not the outlet's


@lru_cache(maxsize=1)
def _event_words() -> tuple[dict[str, tuple[str, bool, str]], dict[str, str]]:
    """Every written form of the single event words → (category, first person, kind), and
    phrases; the kind of a word is the first word of its line in the resource.

    Forms are spelled out once (word, with a conjunction و/ف before it and a pronoun or
    plural ending after it) so that reading an article costs one look-up a word.
    """
    forms: dict[str, tuple[str, bool, str]] = {}
    phrases: dict[str, str] = {}
    rows = read_resource_table("event_words.tsv")
    # ordinary words that a spelled-out form would collide with (و + زار + ه = وزاره)
    never = {
        normalize(word.strip()) for row in rows if row[0] == "never" for word in row[1].split("|")
    }
    for row in rows:
        if row[0] == "never":
            continue
        kind = normalize(row[1].split("|")[0].strip())
        for word in row[1].split("|"):
            folded = normalize(word.strip())
            if " " in folded:
                phrases[folded] = row[0]
                continue
            for suffix in _SUFFIXES:
                for clitic in ("", *_CLITICS):
                    form = clitic + folded + suffix
                    if (clitic and len(form) <= 3) or form in never:
                        continue
                    forms.setdefault(form, (row[0], suffix in {"نا", "ي"}, kind))
    return forms, phrases


def event_word(folded_word: str) -> tuple[str, str] | None:
    """(category, kind) of one normalised word, if it is an event word: ``("trigger",
    "اجتماع")`` for ``والتقى``; the kind is the first word of its line in the resource."""
    found = _event_words()[0].get(folded_word)
    return (found[0], found[2]) if found is not None else None


def _find_words(folded: str) -> list[_Word]:
    forms, phrases = _event_words()
    found = []
    for match in _TOKEN.finditer(folded):
        category = forms.get(match.group())
        if category is not None:
            found.append(_Word(match.start(), match.end(), category[0], category[1]))
    for phrase, phrase_category in phrases.items():
        if phrase not in folded:
            continue
        for hit in re.finditer(rf"(?<!\w)[وف]?{re.escape(phrase)}(?!\w)", folded):
            found.append(_Word(hit.start(), hit.end(), phrase_category))
    found.sort(key=lambda word: word.start)
    return found


def parse_period(text: str | None) -> YearRange | None:
    """``2011..2026`` → (2011, 2026); ``2021`` → (2021, 2021)."""
    if not text:
        return None
    first, _, last = text.partition("..")
    try:
        start = int(first)
        end = int(last) if last else start
    except ValueError as error:
        raise ValueError(f"period {text!r}: want YEAR or YEAR..YEAR") from error
    if end < start:
        raise ValueError(f"period {text!r}: the end is before the start")
    return start, end


def _metadata_anchor(published: str | None) -> tuple[Anchor, DateValue] | None:
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return Anchor(day=day), DateValue(published, "day", 1.0)


def _published_from_text(
    timexes: Sequence[Timex], *, period: YearRange | None, today: date
) -> tuple[Anchor, list[Timex], float] | None:
    """Publication day from ``أمس الأربعاء 15 أيلول``-style expressions (deictic word + date)."""
    by_day: list[tuple[Timex, Resolved]] = []
    by_weekday: list[tuple[Timex, int]] = []
    for timex in timexes:
        if timex.day_offset is None or timex.range_end is not None:
            continue
        if timex.month is not None and timex.day is not None:
            resolved = resolve(timex, NO_ANCHOR, period=period, today=today)
            if resolved.day is not None:
                by_day.append((timex, resolved))
        elif timex.weekday is not None:
            by_weekday.append((timex, (timex.weekday - 1 - timex.day_offset) % 7 + 1))
    if by_day:
        timex, resolved = by_day[0]
        offset = timedelta(days=-(timex.day_offset or 0))
        assert_day = resolved.day or date.min
        anchor = Anchor(
            day=assert_day + offset,
            alternatives=tuple(day + offset for day in resolved.alternative_days),
        )
        agreeing = [other for other, _ in by_day if other is not timex]
        confidence = (
            0.9 if timex.year is not None else (0.7 if not resolved.alternative_days else 0.6)
        )
        return anchor, [timex, *agreeing], confidence
    if by_weekday:
        weekday = by_weekday[0][1]
        agreeing = [timex for timex, other in by_weekday if other == weekday]
        return Anchor(weekday=weekday), agreeing, 0.6 if len(agreeing) > 1 else 0.5
    return None


def _stated_years(timexes: Sequence[Timex]) -> dict[int, int]:
    """Month → the year the article states with it (Gregorian months only)."""
    years: dict[int, int] = {}
    for timex in timexes:
        if timex.month is not None and timex.year is not None and not timex.hijri:
            years.setdefault(timex.month, timex.year)
    return years


def _published_month(timexes: Sequence[Timex]) -> tuple[str, Timex] | None:
    """The month of publication from ``الجاري`` (the current month) and a year stated with it."""
    years = _stated_years(timexes)
    for timex in timexes:
        if timex.month_direction == 0 and timex.month is not None:
            year = timex.year if timex.year is not None else years.get(timex.month)
            if year is not None:
                return f"{year}-{timex.month:02d}", timex
    return None


def _sentence_of(position: int, sentences: Sequence[tuple[int, int]]) -> int:
    for index, (start, end) in enumerate(sentences):
        if start <= position < end:
            return index
    return len(sentences) - 1


def _resolve_all(
    timexes: Sequence[Timex],
    anchor: Anchor,
    sentences: Sequence[tuple[int, int]],
    *,
    period: YearRange | None,
    today: date,
) -> list[Resolved]:
    resolved: list[Resolved] = []
    stated_days: dict[int, Resolved] = {}  # sentence → first day stated with a month
    years = _stated_years(timexes)
    for timex in timexes:
        if anchor.day is None and timex.month_direction == 0 and timex.month in years:
            # "5 آذار الجاري" in an article that names "23 آذار 2020": the same March
            result = resolve(replace(timex, year=years[timex.month]), anchor, today=today)
            resolved.append(replace(result, resolution="inferred"))
            continue
        sentence = _sentence_of(timex.start, sentences)
        own_anchor = anchor
        if timex.ago is not None and sentence in stated_days:
            stated = stated_days[sentence]
            own_anchor = Anchor(day=stated.day, alternatives=stated.alternative_days)
        result = resolve(timex, own_anchor, period=period, today=today)
        if timex.month is not None and timex.day is not None and result.day is not None:
            stated_days.setdefault(sentence, result)
        resolved.append(result)
    return resolved


def _to_clean(start: int, end: int, text: str, normalized_to_clean: OffsetMap | None) -> Span:
    if normalized_to_clean is not None:
        start, end = normalized_to_clean.span_to_source_with_marks(start, end)
    return Span(start, end, text[start:end])


def extract_article_dates(
    text: str,
    *,
    normalized: str | None = None,
    normalized_to_clean: OffsetMap | None = None,
    published: str | None = None,
    period: YearRange | None = None,
    today: date,
) -> ArticleDates:
    """Dates of one article. ``published`` is the metadata date (ISO 8601) when there is one.

    ``normalized``/``normalized_to_clean`` are the article's normal form and map
    (computed when not given). ``today`` is the processing date: no inferred date
    lies after it.
    """
    if normalized is None:
        normalized, normalized_to_clean = normalize_with_map(text)
    timexes = find_timexes(normalized)
    sentences = sentence_bounds(normalized)
    from_metadata = _metadata_anchor(published)
    evidence: list[Timex] = []
    if from_metadata is not None:
        anchor, published_value = from_metadata
    else:
        derived = _published_from_text(timexes, period=period, today=today)
        anchor, published_value = NO_ANCHOR, None
        if derived is not None:
            anchor, evidence, confidence = derived
            published_value = _anchor_value(
                anchor,
                confidence,
                tuple(_to_clean(t.start, t.end, text, normalized_to_clean) for t in evidence),
            )
        elif (month := _published_month(timexes)) is not None:
            value, timex = month
            span = _to_clean(timex.start, timex.end, text, normalized_to_clean)
            published_value = DateValue(value, "month", 0.4, (span,))
    resolved = _resolve_all(timexes, anchor, sentences, period=period, today=today)
    mentions = tuple(
        DateMention(
            *_span_fields(item.timex, text, normalized_to_clean),
            value=item.value,
            granularity=item.granularity,
            resolution=item.resolution,
            alternatives=item.alternatives,
            mod=item.timex.mod,
        )
        for item in resolved
    )
    event = _event_date(
        resolved, mentions, normalized, sentences, anchor, text, normalized_to_clean
    )
    return ArticleDates(mentions, published_value, event)


def _span_fields(
    timex: Timex, text: str, normalized_to_clean: OffsetMap | None
) -> tuple[int, int, str]:
    span = _to_clean(timex.start, timex.end, text, normalized_to_clean)
    return span.start, span.end, span.text


def _anchor_value(anchor: Anchor, confidence: float, evidence: tuple[Span, ...]) -> DateValue:
    if anchor.day is not None:
        return DateValue(
            anchor.day.isoformat(),
            "day",
            confidence,
            evidence,
            tuple(day.isoformat() for day in anchor.alternatives),
        )
    return DateValue(f"XXXX-WXX-{anchor.weekday}", "weekday", confidence, evidence)


@dataclass(slots=True)
class _Candidate:
    value: str
    granularity: str
    score: float
    certainty: float
    alternatives: tuple[str, ...]
    evidence: list[Span]
    attachment: float = 0.0  # how directly the best evidence dates the happening


_GRANULARITY_WEIGHT = {
    "day": 1.0,
    "part_of_day": 1.0,
    "weekday": 0.8,
    "week": 0.3,
    "month": 0.4,
    "year": 0.15,
    "range": 0.2,
}
_ATTACHMENT_WEIGHT = {"trigger": 1.0, "reporting": 0.45, "none": 0.3, "speech": 0.15}
# how much a date attached this way says about the event date, at best
_ATTACHMENT_CERTAINTY = {"trigger": 1.0, "reporting": 0.7, "none": 0.6, "speech": 0.4}
_QUOTED = re.compile(r"«[^»\n]*»|“[^”\n]*”|\"[^\"\n]*\"")
_SPEAKER_LABEL = re.compile(r"^[^:\n.،]{2,40}:\s")


def _attachment(
    timex: Timex, words: Sequence[_Word], sentence: tuple[int, int]
) -> tuple[str, _Word | None]:
    """What a date in a sentence dates: the happening, the reporting of it, or nothing known."""
    inside = [word for word in words if sentence[0] <= word.start < sentence[1]]
    reporting_before = [w for w in inside if w.category == "reporting" and w.end <= timex.start]
    if reporting_before:
        verb = reporting_before[-1]
        between = [w for w in inside if verb.end <= w.start < timex.start]
        if not any(w.category in {"complementiser", "trigger"} for w in between):
            return "reporting", verb
    triggers = [w for w in inside if w.category == "trigger"]
    if not triggers:
        return "none", None
    nearest = min(triggers, key=lambda w: min(abs(w.start - timex.end), abs(timex.start - w.end)))
    return ("speech" if nearest.first_person else "trigger"), nearest


def _in_speech(timex: Timex, folded: str) -> bool:
    """Inside quotation marks, or on a line that a speaker label opens (``الأسد: …``)."""
    line_start = folded.rfind("\n", 0, timex.start) + 1
    line_end = folded.find("\n", timex.start)
    line = folded[line_start : line_end if line_end >= 0 else len(folded)]
    if _SPEAKER_LABEL.match(line):
        return True
    offset = timex.start - line_start
    return any(match.start() < offset < match.end() for match in _QUOTED.finditer(line))


def _is_background(
    timex: Timex, trigger: _Word | None, words: Sequence[_Word], sentence: tuple[int, int]
) -> bool:
    """A recalled earlier happening: its sentence says so, or a marker stands by its trigger."""
    if any(
        w.category == "background_sentence" and sentence[0] <= w.start < timex.start for w in words
    ):
        return True
    if trigger is None:
        return False
    low = min(trigger.start, timex.start) - _BACKGROUND_WINDOW
    high = max(trigger.end, timex.end)
    return any(w.category == "background" and low <= w.start < high for w in words)


def _event_date(
    resolved: Sequence[Resolved],
    mentions: Sequence[DateMention],
    folded: str,
    sentences: Sequence[tuple[int, int]],
    anchor: Anchor,
    text: str,
    normalized_to_clean: OffsetMap | None,
) -> DateValue | None:
    words = _find_words(folded)
    candidates: dict[str, _Candidate] = {}
    for item, mention in zip(resolved, mentions, strict=True):
        value, granularity = _event_value(item)
        if value is None:
            continue
        sentence_index = _sentence_of(item.timex.start, sentences)
        sentence = sentences[sentence_index]
        attachment, word = _attachment(item.timex, words, sentence)
        if _is_background(item.timex, word, words, sentence):
            continue
        if _in_speech(item.timex, folded):
            attachment = "speech"
        if (
            attachment == "trigger"
            and anchor.day is not None
            and item.day is not None
            and (anchor.day - item.day).days > _FAR_BEFORE_DAYS
        ):
            continue  # a happening weeks before publication is recalled, not reported
        score = _GRANULARITY_WEIGHT[granularity] * _ATTACHMENT_WEIGHT[attachment]
        if sentence_index < _LEAD_SENTENCES:
            score *= 1.5
        certainty = {"explicit": 1.0, "relative": 0.9, "inferred": 0.8}[item.resolution]
        if item.alternatives:
            certainty *= 0.85
        candidate = candidates.setdefault(
            value,
            _Candidate(value, granularity, 0.0, certainty, _strip_parts(item.alternatives), []),
        )
        candidate.score += score
        candidate.certainty = max(candidate.certainty, certainty)
        candidate.attachment = max(candidate.attachment, _ATTACHMENT_CERTAINTY[attachment])
        candidate.evidence.append(Span(mention.start, mention.end, mention.text))
        if word is not None and attachment == "trigger":
            candidate.evidence.append(_to_clean(word.start, word.end, text, normalized_to_clean))
    if not candidates:
        return None
    total = sum(candidate.score for candidate in candidates.values())
    best = max(
        candidates.values(), key=lambda candidate: (candidate.score, candidate.granularity == "day")
    )
    share = best.score / total
    strength = min(1.0, best.score)
    confidence = round(best.certainty * best.attachment * (0.5 * share + 0.5 * strength), 3)
    evidence = tuple(sorted(set(best.evidence), key=lambda span: (span.start, span.end)))
    return DateValue(best.value, best.granularity, confidence, evidence, best.alternatives)


def _strip_parts(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(value.split("T")[0] for value in values)


def _event_value(item: Resolved) -> tuple[str | None, str]:
    """The value an event date takes from a mention: days without their part of the day."""
    if item.granularity in {"day", "part_of_day"}:
        value = item.value.split("T")[0]
        if value.startswith("XXXX-XX"):
            return None, "day"
        return value, "day"
    if item.granularity == "weekday":
        return item.value.split("T")[0], "weekday"
    if item.granularity in {"month", "week"} and "X" not in item.value:
        return item.value, item.granularity
    return None, item.granularity
