"""Framing evidence: which side's vocabulary an article uses, in whose voice.

The lexicon (``resources/framing.tsv``, user-editable) pairs opposed words for one
referent (``رأس النظام`` / ``الرئيس الأسد``) by category and side; words both sides use
(``سيطرة``) have the side ``context`` and are shown with their sentence, never counted
for a side. Written here because what matters is Arabic-news specific: *whose* word it
is. A term inside a direct quote counts for the quoted speaker (voice ``quoted``); reported
speech (``أكدت مصادر أن …``) is the outlet's paraphrase, so its words are the outlet's; a term in
quotation marks followed by ``على حد تعبيرهم`` and the like is the other side's wording
held at a distance (voice ``attributed``), and only the rest is the outlet's own voice
(``own``). marsad shows the evidence; it never labels an outlet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.compare.sources import Voice
from marsad.model import Article
from marsad.resources import read_resource_table
from marsad.text.normalize import fold, normalize
from marsad.text.segment import sentence_bounds

CONTEXT = "context"
_CLITICS = "(?:[وف]??(?:لل|[بلك])??(?:ال)??)"
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»\n]{1,80})[\"“”«»]")
_DISTANCING = re.compile(
    r"[\s\"“”«»]*(?:على حد تعبير|حسب تعبير|بحسب تعبير|كما يصف|كما تصف|كما يسمي|كما تسمي"
    r"|كما يسميها|كما يسميهم|بحسب وصف|حسب وصف|على حد وصف|وفق تعبير)"
)


@dataclass(frozen=True, slots=True)
class Term:
    """A lexicon entry."""

    term: str
    category: str
    side: str
    referent: str
    note: str


@dataclass(frozen=True, slots=True)
class FramingMark:
    """One use of a lexicon term in an article's cleaned text."""

    article_id: str
    start: int
    end: int
    text: str
    entry: Term
    voice: str  # own | quoted | attributed
    speaker: dict[str, Any] | None
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "term": self.entry.term,
            "category": self.entry.category,
            "side": self.entry.side,
            "voice": self.voice,
            "speaker": self.speaker,
            "sentence": self.sentence,
        }


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> tuple[Term, ...]:
    """The framing lexicon (the shipped one, or the user's file)."""
    entries = []
    for row in read_resource_table("framing.tsv", path=path):
        term, category, side, referent, *rest = (*row, "", "")[:5]
        if term and category and side:
            entries.append(Term(term, category, side, referent, rest[0] if rest else ""))
    return tuple(entries)


@lru_cache(maxsize=4)
def _pattern(lexicon: tuple[Term, ...]) -> tuple[re.Pattern[str], dict[str, Term]]:
    """One regex over every term and its written variants: a term with ``ال`` also as
    ``لل…`` (``للاحتلال``), one without it after ``لل`` too (``للشهيد``). Clitics are
    lazy, so at each position the longest listed term wins over a shorter one inside it
    (``الاحتلال الإسرائيلي`` over ``احتلال``)."""
    by_key: dict[str, Term] = {}
    for entry in lexicon:
        key = normalize(entry.term)
        by_key.setdefault(key, entry)
        if key.startswith("ال"):
            by_key.setdefault("لل" + key[2:], entry)
    keys = sorted(by_key, key=len, reverse=True)
    alternatives = "|".join(re.escape(key).replace(r"\ ", r"\s+") for key in keys)
    pattern = re.compile(rf"(?<![\w]){_CLITICS}(?P<term>{alternatives})(?![\w])")
    return pattern, by_key


def _distanced_spans(text: str) -> list[tuple[int, int]]:
    """Quotation-marked words followed by a distancing phrase (``على حد تعبيرهم``), with
    the quoted words right before them (``“الإرهابيين” “الثوار” على حد تعبيرهم``)."""
    spans: list[tuple[int, int]] = []
    quoted = list(_QUOTED.finditer(text))
    for index, match in enumerate(quoted):
        if not _DISTANCING.match(text, match.end()):
            continue
        first = index
        while first > 0 and text[quoted[first - 1].end() : quoted[first].start()].strip() in (
            "",
            "و",
            "،",
            "أو",
        ):
            first -= 1
        spans.extend((q.start(), q.end()) for q in quoted[first : index + 1])
    return spans


def find_framing(article: Article, lexicon: tuple[Term, ...]) -> list[FramingMark]:
    """Every lexicon term in the article's cleaned text, with its voice."""
    if not lexicon:
        return []
    pattern, by_key = _pattern(lexicon)
    text = article.text
    folded = fold(text)  # same length as text: offsets carry over (harakat stay, unmatched)
    distanced = _distanced_spans(text)
    sentences = sentence_bounds(text)
    marks = []
    for match in pattern.finditer(folded):
        start, end = match.start("term"), match.end("term")
        entry = by_key.get(re.sub(r"\s+", " ", match.group("term")))
        if entry is None:
            continue
        voice, speaker = "own", None
        if any(first <= start and end <= last for first, last in distanced):
            voice = "attributed"
        else:
            for quote in article.quotes:
                if quote.kind == "direct" and quote.start <= start and end <= quote.end:
                    voice, speaker = "quoted", quote.to_dict()["speaker"]
                    break
        sentence = next((text[a:b] for a, b in sentences if a <= start < b), "")
        marks.append(
            FramingMark(article.id, start, end, text[start:end], entry, voice, speaker, sentence)
        )
    return marks


def outlet_framing(
    marks: Sequence[FramingMark], voices: Mapping[str, Voice]
) -> list[dict[str, Any]]:
    """Per outlet (voice): each term used, by voice, with its count and spans."""
    table: dict[str, dict[tuple[str, str, str, str], list[FramingMark]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for mark in marks:
        key = (mark.entry.term, mark.entry.category, mark.entry.side, mark.voice)
        table[voices[mark.article_id].key][key].append(mark)
    rows = []
    for voice_key, terms in table.items():
        voice = next(voices[m.article_id] for ms in terms.values() for m in ms)
        rows.append(
            {
                "outlet": voice.to_dict(),
                "voice_key": voice_key,
                "terms": [
                    {
                        "term": term,
                        "category": category,
                        "side": side,
                        "voice": voice_name,
                        "count": len(found),
                        "spans": [
                            {"article_id": m.article_id, "start": m.start, "end": m.end}
                            for m in found
                        ],
                    }
                    for (term, category, side, voice_name), found in sorted(
                        terms.items(), key=lambda item: (item[0][3] != "own", -len(item[1]))
                    )
                ],
            }
        )
    return rows
