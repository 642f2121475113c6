"""Who said what: direct and reported quotes with their speakers.

Three forms, in this order of precedence:

* **marked** direct quotes in ``“…”``, ``«…»`` or ``"…"`` of at least three words (a
  word or two in marks is a name or a scare quote, ``“الثوار”``). Marks are paired
  within one paragraph only, in order, so unbalanced marks (``004_…`` opens 14 and
  closes 16) never swallow a paragraph;
* **colon speech** without marks: a line opened by a speaker label (``بوتين: أنا سعيد
  جدا برؤيتكم``, ``بوتين للأسد: …``, ``مصدر روسي: …``) and the unmarked paragraphs that
  follow in the first person until another label or narration takes over. A source line
  (``المصدر: RT``) is not speech;
* **reported** speech: a speech verb (``resources/quote_cues.tsv``; any person, tense,
  gender) and ``أن``/``إن``: the report runs from the complementiser to the end of the
  sentence, unless a marked quote starts there (then that quote is the speech).

The speaker is the person, organisation or anonymous source between the verb and its
speech; a verb without one (``وأضاف أنه``، ``مؤكداً أن``) continues the last speaker.
A marked quote without a verb before it takes a speaker named right after it
(``…”، قال بوتين``) or in ``وفق تعبيره``-style endings. Stance verbs (``زعم``، ``نفى``)
are kept as such. Hand-written: no released tool attributes Arabic quotes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.model import CitedSource, Entity, EntityRef, Quote, Span
from marsad.resources import read_resource_table
from marsad.text.normalize import normalize
from marsad.text.segment import sentence_bounds

_OPENING = {"“": "”", "«": "»", '"': '"', "„": "”"}
_ANY_MARK = re.compile(r"[“”«»\"„]")
_WORD = re.compile(r"\w+")
_LABEL = re.compile(r"(?P<label>[^:\n]{2,80}?)\s*:\s*(?=\S)")  # used with match() at a line start
_MIN_QUOTE_WORDS = 3
_MAX_LABEL_WORDS = 8
_SPEAKER_WINDOW = 8  # words between a verb and its speaker's name at most
_IMPERSONAL = {"يذكر", "يشار"}  # يذكر أن: "it is worth noting that", a narrator's aside
_SOURCE_LABELS = {"المصدر", "مصدر", "المصادر", "source", "المرجع"}


@dataclass(frozen=True, slots=True)
class QuoteWords:
    cues: dict[str, str]  # normalised form → stance
    complementisers: frozenset[str]
    first_person: frozenset[str]
    nominal: dict[str, str]  # a definite noun → the kind of speaker it points back to
    title_nouns: frozenset[str]  # أغنية "…": the marks hold a name, not speech


@lru_cache(maxsize=1)
def quote_words() -> QuoteWords:
    cues: dict[str, str] = {}
    complementisers: set[str] = set()
    first_person: set[str] = set()
    nominal: dict[str, str] = {}
    title_nouns: set[str] = set()
    for row in read_resource_table("quote_cues.tsv"):
        forms = {normalize(word.strip()).lower() for word in row[1].split("|") if word.strip()}
        if row[0] == "complementiser":
            complementisers |= forms
        elif row[0] == "title_noun":
            title_nouns |= forms
        elif row[0] == "first_person":
            first_person |= forms
        elif row[0].startswith("nominal_"):
            nominal.update((form, row[0].removeprefix("nominal_")) for form in forms)
        else:
            cues.update((form, row[0]) for form in forms)
    return QuoteWords(
        cues, frozenset(complementisers), frozenset(first_person), nominal, frozenset(title_nouns)
    )


@dataclass(frozen=True, slots=True)
class _Speaker:
    start: int
    end: int
    ref: EntityRef | None
    anonymous: str | None
    person: bool = False
    kind: str = ""  # the gazetteer kind of an organisation (agency, ministry, company…)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    form: str  # normalised, lower-cased, without a leading و or ف


@lru_cache(maxsize=65536)
def _token_form(word: str) -> str:
    """A word's form for cue look-ups (words recur: cached)."""
    form = normalize(word).lower()
    if form[:1] in {"و", "ف"} and len(form) > 3:
        form = form[1:]
    return form


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(match.start(), match.end(), _token_form(match.group()))
        for match in _WORD.finditer(text)
    ]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for line in text.split("\n"):
        bounds.append((start, start + len(line)))
        start += len(line) + 1
    return bounds


def _marked_quotes(text: str, paragraph: tuple[int, int]) -> list[tuple[int, int]]:
    """Spans inside paired quotation marks of one paragraph (the marks excluded)."""
    found = []
    marks = [m.start() for m in _ANY_MARK.finditer(text, paragraph[0], paragraph[1])]
    index = 0
    while index + 1 < len(marks):
        opening, closing = marks[index], marks[index + 1]
        char = text[opening]
        opens = char in {"“", "«", '"', "„"} or (
            char == "”" and (opening == paragraph[0] or not text[opening - 1].isalnum())
        )
        closes = text[closing] in {"”", "»", '"', "“"}
        if opens and closes:
            found.append((opening + 1, closing))
            index += 2
        else:
            index += 1
    return found


_DATIVE = re.compile(r"(?:^|\W)(?:ل|لـ|وفقا ل|وفقاً ل)\s*[\"“«]?\s*$")
# في اتصال مع وكالة فرانس برس, في مقابلة مع صحيفة …: the outlet listens
_CONVERSATION_WITH = re.compile(
    r"(?:اتصال|حديث|مقابلة|لقاء|تصريحات?)\S*(?:\s+هاتفي\S*)?\s+مع\s+(?:\S+\s+)?[\"“«]?$"
)


def _speakers(
    text: str,
    entities: Sequence[Entity],
    sources: Sequence[CitedSource],
    kinds: Mapping[str, str],
) -> list[_Speaker]:
    """Who may speak: people, organisations and anonymous sources, but not one spoken *to*
    (``وقال لرويترز``, ``في حديث لتلفزيون فلسطين``, ``في اتصال مع وكالة فرانس برس``: the
    outlet is the listener)."""
    speakers = [
        _Speaker(
            e.start,
            e.end,
            EntityRef(e.id, e.name_en, e.name_ar) if e.id else None,
            None if e.id else e.text,
            e.type == "PER",
            kinds.get(e.id or "", "organization" if e.type == "ORG" else ""),
        )
        for e in entities
        if e.type in {"PER", "ORG", "GPE"}  # a country speaks too: وتقول إسرائيل إنها
        and not _DATIVE.search(text[max(0, e.start - 8) : e.start])
        and not (
            e.type == "ORG" and _CONVERSATION_WITH.search(text[max(0, e.start - 40) : e.start])
        )
    ]
    speakers += [
        _Speaker(s.start, s.end, None, s.text, kind="anonymous")
        for s in sources
        if s.kind == "anonymous"
    ]
    return sorted(speakers, key=lambda speaker: speaker.start)


def _first_speaker(speakers: Sequence[_Speaker], start: int, end: int) -> _Speaker | None:
    """The speaker named between ``start`` and ``end``: a person before an organisation
    (``الناطق باسم الكرملين دميتري بيسكوف``: Peskov speaks)."""
    inside = [s for s in speakers if start <= s.start and s.end <= end]
    return next((s for s in inside if s.person), inside[0] if inside else None)


@dataclass(slots=True)
class _State:
    """The last speaker met, for verbs without a subject (``وأضاف أن``)."""

    last: _Speaker | None = None


def _quote(
    text: str,
    span: tuple[int, int],
    kind: str,
    cue: str | None,
    speaker: _Speaker | None,
    stance: str | None,
) -> Quote | None:
    start, end = span
    while start < end and text[start] in " \t،,":
        start += 1
    while end > start and text[end - 1] in " \t.،,":
        end -= 1
    if start >= end:
        return None
    return Quote(
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,
        cue=cue,
        speaker=speaker.ref if speaker else None,
        anonymous=speaker.anonymous if speaker and speaker.ref is None else None,
        speaker_span=Span(speaker.start, speaker.end, text[speaker.start : speaker.end])
        if speaker
        else None,
        stance=stance if stance and stance != "neutral" else None,
    )


def _unmarked(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Colon speech that is itself in quotation marks (``بوتين للأسد: “…”``) without them."""
    start, end = span
    stripped = text[start:end].strip()
    offset = start + text[start:end].find(stripped)
    if len(stripped) > 2 and stripped[0] in '“«"„”' and stripped[-1] in '”»"“':
        return offset + 1, offset + len(stripped) - 1
    return span


def _cue_before(tokens: Sequence[_Token], position: int, floor: int) -> tuple[_Token, str] | None:
    """The nearest speech verb before ``position`` (not before ``floor``)."""
    cues = quote_words().cues
    for token in reversed(tokens):
        if token.end > position:
            continue
        if token.start < floor:
            return None
        stance = cues.get(token.form)
        if stance is not None:
            return token, stance
    return None


def find_quotes(
    text: str,
    *,
    entities: Sequence[Entity],
    sources: Sequence[CitedSource],
    kinds: Mapping[str, str] | None = None,
) -> tuple[Quote, ...]:
    """Quotes of a cleaned text, in order (see module); spans are offsets into ``text``.

    ``kinds`` gives the gazetteer kind of entity ids (``sana`` → ``agency``), for nouns
    that point back to a speaker (``وقالت الوكالة``)."""
    tokens = _tokens(text)
    speakers = _speakers(text, entities, sources, kinds or {})
    sentences = sentence_bounds(text)
    quotes: list[Quote] = []
    state = _State()
    covered: list[tuple[int, int]] = []
    labelled_until = -1
    for paragraph_index, paragraph in enumerate(paragraphs := _paragraphs(text)):
        if paragraph[0] <= labelled_until:
            continue
        label = _colon_speech(text, paragraphs, paragraph_index, speakers, tokens)
        marked = _marked_quotes(text, paragraph)
        if label is not None:
            label_speaker, spans, last_paragraph = label
            for span in spans:
                made = _quote(text, _unmarked(text, span), "direct", ":", label_speaker, None)
                if made is not None:
                    quotes.append(made)
                    covered.append(span)
            state.last = label_speaker
            labelled_until = paragraphs[last_paragraph][1]
            continue
        for span in marked:
            if len(text[span[0] : span[1]].split()) < _MIN_QUOTE_WORDS or _titled(text, span[0]):
                continue
            speaker, cue, stance = _attribute(
                text, span, paragraph, tokens, speakers, sentences, state
            )
            if (made := _quote(text, span, "direct", cue, speaker, stance)) is not None:
                quotes.append(made)
                covered.append(span)
        quotes += _reported(text, paragraph, tokens, speakers, sentences, covered, state)
    quotes.sort(key=lambda quote: quote.start)
    return tuple(quotes)


def _attribute(
    text: str,
    span: tuple[int, int],
    paragraph: tuple[int, int],
    tokens: Sequence[_Token],
    speakers: Sequence[_Speaker],
    sentences: Sequence[tuple[int, int]],
    state: _State,
) -> tuple[_Speaker | None, str | None, str | None]:
    """Speaker, verb and stance of a marked quote."""
    sentence_start = next((s for s, e in sentences if s <= span[0] - 1 < e), paragraph[0])
    found = _cue_before(tokens, span[0], max(paragraph[0], sentence_start - 1))
    if found is not None:
        cue, stance = found
        complement = next(
            (
                token
                for token in tokens
                if cue.end <= token.start < span[0] and _complementiser(token, text)
            ),
            None,
        )
        speech_start = complement.start if complement is not None else span[0]
        speaker = (
            _relayed_speaker(tokens, cue, speech_start, speakers, text)
            or _first_speaker(speakers, cue.end, speech_start)
            or _nominal_speaker(tokens, cue, speakers, text)
            or _described_speaker(tokens, cue, speech_start, text)
            or state.last
        )
        state.last = speaker or state.last
        return speaker, text[cue.start : cue.end], stance
    after = _first_speaker(speakers, span[1], min(paragraph[1], span[1] + 40))
    if after is not None:
        state.last = after
        return after, None, None
    return None, None, None


def _nominal_speaker(
    tokens: Sequence[_Token], cue: _Token, speakers: Sequence[_Speaker], text: str
) -> _Speaker | None:
    """``وقالت الوكالة``: the noun after the verb points back to the last speaker of its
    kind; with none before, the noun itself is an unidentified speaker."""
    following = next((token for token in tokens if token.start >= cue.end), None)
    if following is None:
        return None
    kind = quote_words().nominal.get(following.form)
    if kind is None:
        return None
    earlier = [s for s in speakers if s.end <= cue.start]
    wanted = {"organization": None}.get(kind, kind)
    for speaker in reversed(earlier):
        if speaker.kind == wanted or (
            wanted is None and not speaker.person and speaker.kind != "anonymous"
        ):
            return _Speaker(
                following.start,
                following.end,
                speaker.ref,
                speaker.anonymous,
                speaker.person,
                speaker.kind,
            )
    return _Speaker(
        following.start, following.end, None, text[following.start : following.end], kind=kind
    )


# a preposition (with or without a pronoun: فيه، عنها), a pronoun or a time word: not a subject
_NOT_A_SUBJECT = re.compile(
    r"^(?:(?:في|من|علي|الي|عن|مع|ل|ب)(?:ه|ها|هم|هما|نا|ي|ك)?|خلال|عبر|امس|اليوم|ايضا|كذلك"
    r"|بدوره|بدورها|اني|انني|انه|انها|انهم|انه|مين|اللي|هذا|هذه|ذلك|الذي|التي)$"
)
_MAX_DESCRIPTION_WORDS = 4


def _titled(text: str, opening: int) -> bool:
    """Whether the word before the quotation mark at ``opening - 1`` names a work, a
    campaign or a body (``أغنية "…"``, ``بعنوان "…"``): the marks hold its name."""
    words = _WORD.findall(normalize(text[max(0, opening - 30) : opening - 1]).lower())
    if not words:
        return False
    titles = quote_words().title_nouns
    last = words[-1]
    return last in titles or (last[:1] in "وبل" and last[1:] in titles)


def _complementiser(token: _Token, text: str) -> bool:
    """``أن``/``إن`` … opening reported speech; not a letter group of an abbreviation
    written with dots (``سي.إن.إن``)."""
    if token.form not in quote_words().complementisers:
        return False
    return (
        not (token.start and text[token.start - 1] == ".")
        and text[token.end : token.end + 1] != "."
    )


_SAYING_FORMS = frozenset({"قوله", "قولها", "قولهم", "قولهما", "قولهن"})


def _relayed_speaker(
    tokens: Sequence[_Token],
    cue: _Token,
    speech_start: int,
    speakers: Sequence[_Speaker],
    text: str,
) -> _Speaker | None:
    """``نقلت رويترز عن شاهد قوله إن …``: the one quoted through the outlet speaks (``عن``
    X ``قوله``), named or only described."""
    between = [token for token in tokens if cue.end <= token.start < speech_start]
    saying = next((i for i, token in enumerate(between) if token.form in _SAYING_FORMS), None)
    if saying is None:
        return None
    source = next((i for i in range(saying - 1, -1, -1) if between[i].form == "عن"), None)
    if source is None or source + 1 == saying:
        return None
    named = _first_speaker(speakers, between[source].end, between[saying].start)
    if named is not None:
        return named
    words = between[source + 1 : saying][:_MAX_DESCRIPTION_WORDS]
    start, end = words[0].start, words[-1].end
    return _Speaker(start, end, None, text[start:end], kind="anonymous")


def _described_speaker(
    tokens: Sequence[_Token], cue: _Token, speech_start: int, text: str
) -> _Speaker | None:
    """A speaker described but not named (``وقال المتحدث، ميكي روزنفيلد،``, ``وقال ممثلو
    الادعاء``): the words between the verb and the speech, up to a comma, as an
    unidentified speaker. None when they open with a preposition or a time word
    (``وأضاف في بيان أن``: the last speaker goes on)."""
    words = [token for token in tokens if cue.end <= token.start < speech_start]
    if not words or _NOT_A_SUBJECT.match(words[0].form):
        return None
    end = words[0].end
    for token in words[1:_MAX_DESCRIPTION_WORDS]:
        if text[end : token.start].strip() or _NOT_A_SUBJECT.match(token.form):
            break  # a comma, a mark or a preposition ends the description
        end = token.end
    return _Speaker(words[0].start, end, None, text[words[0].start : end], kind="anonymous")


def _reported(
    text: str,
    paragraph: tuple[int, int],
    tokens: Sequence[_Token],
    speakers: Sequence[_Speaker],
    sentences: Sequence[tuple[int, int]],
    covered: list[tuple[int, int]],
    state: _State,
) -> list[Quote]:
    words = quote_words()
    quotes = []
    inside = [token for token in tokens if paragraph[0] <= token.start < paragraph[1]]
    for index, token in enumerate(inside):
        stance = words.cues.get(token.form)
        if stance is None:
            continue
        complement = next(
            (
                later
                for later in inside[index + 1 : index + 1 + _SPEAKER_WINDOW + 2]
                if _complementiser(later, text)
            ),
            None,
        )
        if complement is None:
            continue
        if token.form in _IMPERSONAL and inside[index + 1 : index + 2] == [complement]:
            continue
        if any(quote_start <= complement.start < quote_end for quote_start, quote_end in covered):
            continue
        sentence_end = next((e for s, e in sentences if s <= complement.start < e), paragraph[1])
        speaker = (
            _relayed_speaker(tokens, token, complement.start, speakers, text)
            or _first_speaker(speakers, token.end, complement.start)
            or _nominal_speaker(tokens, token, speakers, text)
            or _described_speaker(tokens, token, complement.start, text)
            or state.last
        )
        state.last = speaker or state.last
        if any(complement.end <= start < sentence_end for start, _ in covered):
            continue  # the speech goes on in quotation marks: the marked quote carries it
        span = (complement.end, sentence_end)
        if (
            made := _quote(text, span, "indirect", text[token.start : token.end], speaker, stance)
        ) is not None:
            quotes.append(made)
            covered.append(span)
    return quotes


def _colon_speech(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    index: int,
    speakers: Sequence[_Speaker],
    tokens: Sequence[_Token],
) -> tuple[_Speaker, list[tuple[int, int]], int] | None:
    """A speaker label opening the paragraph, the speech after it, and its continuation."""
    start, end = paragraphs[index]
    match = _LABEL.match(text, start, end)
    if match is None:
        return None
    label = match.group("label").strip()
    if normalize(label).lower() in _SOURCE_LABELS or len(label.split()) > _MAX_LABEL_WORDS:
        return None
    speaker = _first_speaker(speakers, start, match.end("label"))
    if speaker is None:
        return None
    spans = [(match.end(), end)]
    last = index
    first_person = quote_words().first_person
    for following in range(index + 1, len(paragraphs)):
        p_start, p_end = paragraphs[following]
        if p_start == p_end:
            continue
        other = _LABEL.match(text, p_start, p_end)
        if other is not None and _first_speaker(speakers, p_start, other.end("label")):
            break
        forms = {token.form for token in tokens if p_start <= token.start < p_end}
        if not forms & first_person:
            break
        spans.append((p_start, p_end))
        last = following
    return speaker, spans, last
