"""Scoring named-entity backends against gold sets: conlleval-style precision, recall, F1.

Gold formats read here:

* ``bio`` — CoNLL-style ``token TAG [TAG…]`` lines (AQMAR, Wojood): column 2 is the outer
  tag, further columns (Wojood's nested entities) are ignored; a blank line or a ``$#$``
  line ends a sentence. The text is the tokens joined by single spaces.
* ``standoff`` — marsad's JSONL for gold sets on licensed corpora: each line points at a
  paragraph of a TREC corpus by DOCNO and offsets, and gives its entities as character
  offsets into that paragraph, so the repository carries labels only.

Only PER, ORG, GPE and LOC are kept (PERS → PER); every other type — AQMAR's MIS0-3,
Wojood's NORP, OCC, FAC, EVENT, DATE… — is dropped, because marsad extracts these four.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from marsad.evaluate import precision_recall_f1
from marsad.evaluate.dates import trec_bodies
from marsad.extract.ner_backends import (
    ENTITY_TYPES,
    NerBackend,
    NerSpan,
    bio_to_spans,
    map_entity_type,
)

_Label = TypeVar("_Label")


class NerSentence(NamedTuple):
    """A gold sentence or paragraph; a named tuple so that ``train_crf`` takes it as is."""

    text: str
    spans: tuple[NerSpan, ...]


def _sentence(words: Sequence[str], tags: Sequence[str]) -> NerSentence:
    tokens, position = [], 0
    for word in words:
        tokens.append((position, position + len(word)))
        position += len(word) + 1
    return NerSentence(" ".join(words), tuple(bio_to_spans(tokens, tags)))


def read_bio(path: Path) -> list[NerSentence]:
    """Sentences of a CoNLL-style BIO file (AQMAR, Wojood) with their outer entities."""
    sentences: list[NerSentence] = []
    words: list[str] = []
    tags: list[str] = []
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for number, line in enumerate([*lines, ""], start=1):
        parts = line.split()
        if not parts or parts[0] == "$#$":
            if words:
                sentences.append(_sentence(words, tags))
            words, tags = [], []
        elif len(parts) == 1:
            raise ValueError(f"{path}:{number}: want 'token TAG', got {line!r}")
        else:
            words.append(parts[0])
            tags.append(parts[1])
    return sentences


def read_standoff(path: Path, corpus: Path, *, split: str | None = None) -> list[NerSentence]:
    """Paragraphs of a standoff gold file, their text taken from the TREC ``corpus``.

    Each line: ``{"docno", "paragraph_start", "paragraph_end", "paragraph_sha256", "split",
    "entities": [{"start", "end", "text", "type"}]}``; offsets of entities are relative to
    the paragraph. The sha256 prefix and each entity's text are checked, so a different
    copy of the corpus, or shifted offsets, fail loudly instead of scoring nonsense.
    """
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from error
        if split is None or row.get("split") == split:
            rows.append((number, row))
    if not corpus.exists():
        raise ValueError(f"{path}: the corpus {corpus} does not exist")
    bodies = trec_bodies(corpus, {str(row.get("docno")) for _, row in rows})
    sentences = []
    for number, row in rows:
        try:
            sentences.append(_standoff_paragraph(row, bodies))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
    return sentences


def standoff_articles(path: Path, corpus: Path) -> dict[str, tuple[str, int]]:
    """Each paragraph of a standoff gold file → (its whole article body, its offset there)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    bodies = trec_bodies(corpus, {str(row.get("docno")) for row in rows})
    articles: dict[str, tuple[str, int]] = {}
    for row in rows:
        body = bodies.get(row["docno"], "")
        start, end = int(row["paragraph_start"]), int(row["paragraph_end"])
        articles.setdefault(body[start:end], (body, start))
    return articles


def in_article(
    backend: Callable[[str], Sequence[tuple[int, int, _Label]]],
    articles: dict[str, tuple[str, int]],
) -> Callable[[str], list[tuple[int, int, _Label]]]:
    """``backend`` reading each gold paragraph inside its whole article, as ``marsad analyze``
    does (a surname alone then finds the full name given in an earlier paragraph); only the
    paragraph's own spans are kept, shifted to its offsets. ``backend`` yields ``(start,
    end, label)``: a type for scoring, an entity id for :func:`gazetteer_coverage`."""

    def read_in_article(text: str) -> list[tuple[int, int, _Label]]:
        body, offset = articles.get(text, (text, 0))
        end = offset + len(text)
        return [
            (start - offset, stop - offset, label)
            for start, stop, label in backend(body)
            if offset <= start and stop <= end
        ]

    return read_in_article


def _standoff_paragraph(row: dict[str, Any], bodies: dict[str, str]) -> NerSentence:
    body = bodies.get(row["docno"])
    if body is None:
        raise ValueError(f"DOCNO {row['docno']} is not in the corpus")
    text = body[int(row["paragraph_start"]) : int(row["paragraph_end"])]
    expected = str(row.get("paragraph_sha256") or "")
    if hashlib.sha256(text.encode("utf-8")).hexdigest()[: len(expected)] != expected:
        raise ValueError(f"DOCNO {row['docno']}: the paragraph text differs (sha256)")
    spans = []
    for entity in row.get("entities", ()):
        start, end = int(entity["start"]), int(entity["end"])
        if "text" in entity and text[start:end] != entity["text"]:
            raise ValueError(
                f"DOCNO {row['docno']}: entity {entity['text']!r} is {text[start:end]!r} "
                f"at {start}-{end}"
            )
        kind = map_entity_type(str(entity["type"]))
        if kind is not None:
            spans.append((start, end, kind))
    return NerSentence(text, tuple(sorted(spans)))


# -- scoring ------------------------------------------------------------------------------


@dataclass(slots=True)
class NerCounts:
    """Gold, predicted and matched entities; ``relaxed`` also counts overlaps of one type."""

    gold: int = 0
    predicted: int = 0
    correct: int = 0
    relaxed: int = 0

    def add(self, other: NerCounts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.correct += other.correct
        self.relaxed += other.relaxed

    def to_dict(self) -> dict[str, Any]:
        return {
            **precision_recall_f1(self.correct, self.gold, self.predicted),
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "relaxed": {
                **precision_recall_f1(self.relaxed, self.gold, self.predicted),
                "correct": self.relaxed,
            },
        }


@dataclass(slots=True)
class NerScores:
    """Counts by type; ``to_dict`` gives overall and per-type precision, recall and F1."""

    sentences: int = 0
    per_type: dict[str, NerCounts] = field(default_factory=dict)

    def counts(self, kind: str) -> NerCounts:
        return self.per_type.setdefault(kind, NerCounts())

    @property
    def overall(self) -> NerCounts:
        total = NerCounts()
        for counts in self.per_type.values():
            total.add(counts)
        return total

    def to_dict(self) -> dict[str, Any]:
        order = [*ENTITY_TYPES, *sorted(set(self.per_type) - set(ENTITY_TYPES))]
        return {
            "sentences": self.sentences,
            "overall": self.overall.to_dict(),
            "per_type": {k: self.per_type[k].to_dict() for k in order if k in self.per_type},
        }


def _merged(spans: Iterable[NerSpan], merge_gpe_loc: bool) -> list[NerSpan]:
    if not merge_gpe_loc:
        return list(spans)
    return [(start, end, "LOC" if kind == "GPE" else kind) for start, end, kind in spans]


def _overlaps(first: NerSpan, second: NerSpan) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def match_spans(gold: Sequence[NerSpan], predicted: Sequence[NerSpan]) -> dict[str, NerCounts]:
    """Counts by type for one text: exact matches first, then overlaps, one to one."""
    by_type: dict[str, NerCounts] = {}
    for kind, count in Counter(span[2] for span in gold).items():
        by_type.setdefault(kind, NerCounts()).gold += count
    for kind, count in Counter(span[2] for span in predicted).items():
        by_type.setdefault(kind, NerCounts()).predicted += count
    unused = list(predicted)
    missed = []
    for span in gold:
        if span in unused:
            unused.remove(span)
            by_type[span[2]].correct += 1
            by_type[span[2]].relaxed += 1
        else:
            missed.append(span)
    for span in missed:
        near = next((p for p in unused if p[2] == span[2] and _overlaps(p, span)), None)
        if near is not None:
            unused.remove(near)
            by_type[span[2]].relaxed += 1
    return by_type


def score_ner(
    sentences: Iterable[NerSentence], backend: NerBackend, *, merge_gpe_loc: bool
) -> NerScores:
    """Run ``backend`` on every gold text and count entity matches by type.

    ``merge_gpe_loc`` is for gold sets that do not tell states and cities from other
    places (AQMAR tags both LOC): GPE and LOC of both sides then count as LOC.
    """
    scores = NerScores()
    for sentence in sentences:
        scores.sentences += 1
        gold = _merged(sentence.spans, merge_gpe_loc)
        predicted = _merged(backend(sentence.text), merge_gpe_loc)
        for kind, counts in match_spans(gold, predicted).items():
            scores.counts(kind).add(counts)
    return scores


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many gold mentions of the counted types an extracted entity with a gazetteer id
    overlaps: the share of mentions that resolve to an entry."""

    mentions: int
    resolved: int

    @property
    def share(self) -> float:
        return self.resolved / self.mentions if self.mentions else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"mentions": self.mentions, "resolved": self.resolved, "share": self.share}


def gazetteer_coverage(
    sentences: Iterable[NerSentence],
    resolver: Callable[[str], Sequence[tuple[int, int, str | None]]],
    *,
    types: frozenset[str] = frozenset({"PER", "GPE"}),
) -> Coverage:
    """Gold mentions of ``types`` overlapped by a resolved entity. ``resolver(text)`` gives
    ``(start, end, entry id or None)`` for every entity it finds (ids come from the
    gazetteer, directly or through a short form, role or epithet)."""
    mentions = resolved = 0
    for sentence in sentences:
        found = [(start, end) for start, end, key in resolver(sentence.text) if key]
        for start, end, kind in sentence.spans:
            if kind not in types:
                continue
            mentions += 1
            resolved += any(start < f_end and f_start < end for f_start, f_end in found)
    return Coverage(mentions, resolved)
