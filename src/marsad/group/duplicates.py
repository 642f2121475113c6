"""Near-duplicate articles (MinHash over word shingles) and paragraphs reused across outlets.

rensa computes the MinHash signatures. The banding that turns signatures into
candidate pairs is the textbook one, written here in a few lines of numpy so that
band keys can be rebuilt from signatures kept in the store: an incremental run
compares new articles with every stored one without re-reading their texts, which
an in-memory LSH index cannot do. A candidate pair is a duplicate when its estimated
shingle overlap says one text is mostly the other: Jaccard similarity, or
containment of the shorter in the longer when the shorter is at least half as long
(an agency story with one paragraph dropped or added). Bodies shorter than
``MIN_BODY_CHARS`` get no signature: captions and disclaimers never form groups.

Passage reuse is paragraph-level: a paragraph (long enough to be news, not a dateline)
whose match key appears in articles of two outlets is a shared passage; who published
first comes from the publication dates.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import numpy.typing as npt
import rensa

from marsad.group.links import connected_groups
from marsad.text.normalize import match_key

NUM_PERM = 240
BANDS = 80  # 80 bands of 3 rows: a pair with Jaccard 0.34 becomes a candidate 96 % of the time
SEED = 20180930
SHINGLE_WORDS = 3
MIN_BODY_CHARS = 200
MIN_PARAGRAPH_CHARS = 80
_CHUNK = 1000

Signatures = npt.NDArray[np.uint32]
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|T)")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What duplicate detection keeps of an article: its MinHash signature and shingle count."""

    article_id: str
    signature: Signatures
    shingles: int


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two articles judged near-duplicates, ``a < b``, with the estimated Jaccard similarity."""

    a: str
    b: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a candidate pair counts as a near-duplicate."""

    jaccard: float = 0.34
    containment: float = 0.68
    length_ratio: float = 0.5


def shingles_of(normalized: str) -> set[str]:
    """Overlapping runs of ``SHINGLE_WORDS`` words of the normalised text."""
    words = match_key(normalized).split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def fingerprint_articles(bodies: Sequence[tuple[str, str]]) -> list[Fingerprint]:
    """Fingerprints of ``(article id, normalised body)`` pairs; short bodies are left out.

    Shingle sets are built a chunk at a time: holding them for a whole corpus at once
    takes gigabytes."""
    kept = [(article_id, body) for article_id, body in bodies if len(body) >= MIN_BODY_CHARS]
    fingerprints: list[Fingerprint] = []
    for start in range(0, len(kept), _CHUNK):
        chunk = kept[start : start + _CHUNK]
        shingle_sets = [shingles_of(body) for _, body in chunk]
        matrix = rensa.RMinHash.digest_matrix_from_token_sets(shingle_sets, NUM_PERM, SEED)
        rows = np.asarray(matrix.to_rows(), dtype=np.uint32)
        fingerprints.extend(
            Fingerprint(article_id, rows[i], len(shingle_sets[i]))
            for i, (article_id, _) in enumerate(chunk)
        )
    return fingerprints


def band_keys(signatures: Signatures) -> npt.NDArray[np.uint64]:
    """One 64-bit key per band and article (rows: articles, columns: bands)."""
    rows_per_band = NUM_PERM // BANDS
    shaped = signatures.astype(np.uint64).reshape(len(signatures), BANDS, rows_per_band)
    keys = np.zeros((len(signatures), BANDS), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for row in range(rows_per_band):
            keys = keys * np.uint64(0x100000001B3) + shaped[:, :, row]
    return keys


def candidate_pairs(
    new: Sequence[Fingerprint], stored: Sequence[Fingerprint]
) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)`` into ``new + stored`` with ``i < j`` sharing a band, each
    involving at least one new fingerprint (stored pairs were compared when stored).

    Buckets are built for the new fingerprints only; stored band keys are matched
    against them column by column, so a small batch against a large store stays cheap."""
    if not new:
        return set()
    new_keys = band_keys(np.stack([fingerprint.signature for fingerprint in new]))
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, row in enumerate(new_keys.tolist()):
        for band, key in enumerate(row):
            buckets[(band, key)].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        pairs.update(itertools.combinations(members, 2))
    if not stored:
        return pairs
    stored_keys = band_keys(np.stack([fingerprint.signature for fingerprint in stored]))
    for band in range(BANDS):
        column = stored_keys[:, band]
        for j in np.flatnonzero(np.isin(column, new_keys[:, band])).tolist():
            for i in buckets[(band, int(column[j]))]:
                pairs.add((i, len(new) + j))
    return pairs


def judge_pair(first: Fingerprint, second: Fingerprint, thresholds: Thresholds) -> float | None:
    """The estimated Jaccard similarity when the pair is a near-duplicate, else None."""
    jaccard = float(np.mean(first.signature == second.signature))
    if jaccard >= thresholds.jaccard:
        return jaccard
    shorter, longer = sorted((first.shingles, second.shingles))
    if shorter == 0 or shorter / longer < thresholds.length_ratio:
        return None
    shared = jaccard * (shorter + longer) / (1 + jaccard)
    return jaccard if shared / shorter >= thresholds.containment else None


def find_duplicate_pairs(
    new: Sequence[Fingerprint],
    stored: Sequence[Fingerprint],
    *,
    thresholds: Thresholds | None = None,
) -> list[DuplicatePair]:
    """Near-duplicate pairs among new fingerprints and between new and stored ones."""
    rule = thresholds or Thresholds()
    everything = [*new, *stored]
    found = []
    for i, j in sorted(candidate_pairs(new, stored)):
        similarity = judge_pair(everything[i], everything[j], rule)
        if similarity is not None:
            a, b = sorted((everything[i].article_id, everything[j].article_id))
            found.append(DuplicatePair(a, b, round(similarity, 3)))
    return found


def duplicate_groups(pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of near-duplicate articles, each sorted, groups sorted."""
    return sorted(sorted(group) for group in connected_groups(pairs))


# -- passage reuse ------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class Paragraph:
    """A paragraph of an article's cleaned text, by index, with its match-key hash."""

    article_id: str
    index: int
    key_hash: str


@dataclass(frozen=True, slots=True)
class PassageReuse:
    """Paragraphs shared by two articles of different outlets.

    ``paragraphs`` pairs the paragraph indexes in ``a`` and ``b``; ``first`` is the
    article published earlier, None when the dates do not tell.
    """

    a: str
    b: str
    paragraphs: tuple[tuple[int, int], ...]
    first: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "paragraphs": [list(pair) for pair in self.paragraphs],
            "first": self.first,
        }


def paragraphs_of(article_id: str, text: str) -> list[Paragraph]:
    """Paragraphs of cleaned text long enough to be reported news, hashed by match key."""
    found = []
    for index, line in enumerate(text.split("\n")):
        key = match_key(line)
        if len(key) >= MIN_PARAGRAPH_CHARS:
            digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
            found.append(Paragraph(article_id, index, digest))
    return found


def find_passage_reuse(
    paragraphs: Iterable[Paragraph],
    outlets: Mapping[str, str | None],
    published: Mapping[str, str | None],
) -> list[PassageReuse]:
    """Pairs of articles of different known outlets sharing at least one paragraph.

    ``outlets`` and ``published`` map article ids to outlet ids and ISO dates
    (None when unknown: an article of unknown outlet is never called a reuse).
    """
    by_hash: dict[str, list[Paragraph]] = defaultdict(list)
    for paragraph in paragraphs:
        by_hash[paragraph.key_hash].append(paragraph)
    shared: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for group in by_hash.values():
        for first in group:
            for second in group:
                outlet_a, outlet_b = outlets.get(first.article_id), outlets.get(second.article_id)
                if (
                    first.article_id < second.article_id
                    and outlet_a
                    and outlet_b
                    and outlet_a != outlet_b
                ):
                    shared[(first.article_id, second.article_id)].add((first.index, second.index))
    return [
        PassageReuse(a, b, tuple(sorted(pairs)), _first_published(a, b, published))
        for (a, b), pairs in sorted(shared.items())
    ]


def _first_published(a: str, b: str, published: Mapping[str, str | None]) -> str | None:
    """The article published first, when both dates say so: exact times (UTC offsets
    honoured) when both have them, else different days."""
    moment_a, moment_b = _moment(published.get(a)), _moment(published.get(b))
    if moment_a is None or moment_b is None:
        return None
    if isinstance(moment_a, datetime) and isinstance(moment_b, datetime):
        if moment_a.tzinfo is None or moment_b.tzinfo is None:
            moment_a, moment_b = moment_a.replace(tzinfo=None), moment_b.replace(tzinfo=None)
        if moment_a == moment_b:
            return None
        return a if moment_a < moment_b else b
    day_a, day_b = _day_of(moment_a), _day_of(moment_b)
    if day_a == day_b:
        return None
    return a if day_a < day_b else b


def _moment(value: str | None) -> datetime | date | None:
    if not value or not _DAY.match(value):
        return None
    try:
        return datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    except ValueError:
        return None


def _day_of(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
