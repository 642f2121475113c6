"""Scoring event clustering and near-duplicate detection against gold sets.

Gold formats read here (JSONL, one object a line, blank lines skipped):

* events — ``{"id": article id or DOCNO, "event": label, "split"?: str}``; the label is a
  string or an integer, other fields are ignored;
* duplicates — ``{"a": id, "b": id, "duplicate": bool, "kind"?: str, "split"?: str,
  "note"?: str}``, one unordered pair a line.

A malformed line raises ``InputError`` (``BAD_RECORD``) naming ``file:line``, so that a
typo in a hand-made gold set fails loudly instead of quietly shrinking it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass
from math import comb
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.evaluate import precision_recall_f1

NO_KIND = "unspecified"  # the ``per_kind`` key of duplicate pairs that give no kind


# -- gold formats -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One article of an event gold set and the event it reports."""

    id: str
    event: str
    split: str = ""


@dataclass(frozen=True, slots=True)
class GoldPair:
    """Two articles and whether they are duplicates; ``kind`` groups the scores."""

    a: str
    b: str
    duplicate: bool
    kind: str = ""
    split: str = ""
    note: str = ""


def _bad(where: str, reason: str) -> InputError:
    return InputError(where, reason, code="BAD_RECORD", stage="parse")


def _jsonl_objects(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``("file:line", object)`` for every non-blank line."""
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise _bad(where, f"not JSON ({error.msg})") from error
        if not isinstance(row, dict):
            raise _bad(where, f"want a JSON object, got {type(row).__name__}")
        yield where, row


def _required(row: dict[str, Any], key: str, where: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _bad(where, f"want a non-empty string {key!r}, got {value!r}")
    return value


def _optional(row: dict[str, Any], key: str, where: str) -> str:
    value = row.get(key, "")
    if not isinstance(value, str):
        raise _bad(where, f"want a string {key!r}, got {value!r}")
    return value


def read_event_gold(path: Path) -> dict[str, GoldEvent]:
    """Gold events by article id; an id given twice is an error, not a silent overwrite."""
    events: dict[str, GoldEvent] = {}
    first_seen: dict[str, str] = {}
    for where, row in _jsonl_objects(path):
        item = _required(row, "id", where)
        label = row.get("event")
        # integer labels are common in clustering gold sets; bool is an int but no label
        if isinstance(label, bool) or not isinstance(label, str | int) or not str(label).strip():
            raise _bad(where, f"want a non-empty string or integer 'event', got {label!r}")
        if item in events:
            raise _bad(where, f"id {item!r} is given again (first at {first_seen[item]})")
        events[item] = GoldEvent(item, str(label), _optional(row, "split", where))
        first_seen[item] = where
    return events


def read_duplicate_gold(path: Path) -> list[GoldPair]:
    """Gold pairs in file order; a pair given twice (either way round) is an error."""
    pairs: list[GoldPair] = []
    first_seen: dict[frozenset[str], str] = {}
    for where, row in _jsonl_objects(path):
        a, b = _required(row, "a", where), _required(row, "b", where)
        if a == b:
            raise _bad(where, f"'a' and 'b' are both {a!r}")
        duplicate = row.get("duplicate")
        if not isinstance(duplicate, bool):
            raise _bad(where, f"want true or false 'duplicate', got {duplicate!r}")
        key = frozenset((a, b))
        if key in first_seen:
            raise _bad(where, f"pair {a!r}, {b!r} is given again (first at {first_seen[key]})")
        first_seen[key] = where
        pairs.append(
            GoldPair(
                a,
                b,
                duplicate,
                kind=_optional(row, "kind", where),
                split=_optional(row, "split", where),
                note=_optional(row, "note", where),
            )
        )
    return pairs


# -- event clustering ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BCubed:
    """B-cubed precision and recall (Bagga & Baldwin 1998), each averaged over items."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean of the averaged precision and recall (not an average of F1s)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class PairCounts:
    """Unordered item pairs in one cluster: in the gold, in the prediction, in both.

    With no predicted pairs (all singletons) precision is 0, as ``precision_recall_f1``
    gives for 0 of 0: a partition that links nothing gets no credit for precision.
    """

    correct: int
    gold: int
    predicted: int

    def to_dict(self) -> dict[str, float | int]:
        return {
            **precision_recall_f1(self.correct, self.gold, self.predicted),
            "correct": self.correct,
            "gold": self.gold,
            "predicted": self.predicted,
        }


@dataclass(frozen=True, slots=True)
class PartitionScores:
    """The three measures of one predicted partition of the gold items."""

    bcubed: BCubed
    pairwise: PairCounts
    ari: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "bcubed": self.bcubed.to_dict(),
            "pairwise": self.pairwise.to_dict(),
            "ari": round(self.ari, 4),
        }


@dataclass(frozen=True, slots=True)
class ClusterScores:
    """Scores of a clustering and of the all-singletons baseline, with the worst errors.

    ``predicted_events`` counts the clusters among gold items, missing items included as
    singletons. ``split_gold`` maps a gold label spread over several predicted clusters to
    its item ids grouped by predicted cluster; ``merged`` maps a predicted cluster that
    mixes gold labels to its item ids by label. Both are JSON-able and worst first.
    """

    items: int
    gold_events: int
    predicted_events: int
    missing: int
    system: PartitionScores
    baseline: PartitionScores
    split_gold: dict[str, list[list[str]]]
    merged: dict[str, dict[str, list[str]]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "missing": self.missing,
            **self.system.to_dict(),
            "baseline": self.baseline.to_dict(),
        }


def _adjusted_rand(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    # imported here: scikit-learn takes about a second to import, and the CLI imports
    # the evaluate modules for every command
    from sklearn.metrics import adjusted_rand_score

    # sklearn wants flat label arrays: number the labels (tuples would become 2-D)
    def codes(labels: Sequence[Hashable]) -> list[int]:
        numbers: dict[Hashable, int] = {}
        return [numbers.setdefault(label, len(numbers)) for label in labels]

    return float(adjusted_rand_score(codes(gold), codes(predicted)))


def _partition_scores(
    gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]
) -> PartitionScores:
    """B-cubed, pairwise and ARI of ``predicted`` against ``gold`` (the same item keys)."""
    items = list(gold)
    cells = Counter((gold[item], predicted[item]) for item in items)
    gold_sizes = Counter(gold[item] for item in items)
    predicted_sizes = Counter(predicted[item] for item in items)
    # every item of a cell sees `size` items of its own gold label in its predicted cluster
    precision = sum(size * size / predicted_sizes[p] for (_, p), size in cells.items())
    recall = sum(size * size / gold_sizes[g] for (g, _), size in cells.items())
    pairs = PairCounts(
        correct=sum(comb(size, 2) for size in cells.values()),
        gold=sum(comb(size, 2) for size in gold_sizes.values()),
        predicted=sum(comb(size, 2) for size in predicted_sizes.values()),
    )
    ari = _adjusted_rand([gold[item] for item in items], [predicted[item] for item in items])
    return PartitionScores(BCubed(precision / len(items), recall / len(items)), pairs, ari)


def score_clusters(
    gold: Mapping[str, str], predicted: Mapping[str, str], *, keep_errors: int = 20
) -> ClusterScores:
    """Score predicted cluster ids against gold event labels, over the gold items only.

    Gold items missing from ``predicted`` count as predicted singletons (and in
    ``missing``), so a system cannot gain by leaving hard items out; predicted items
    absent from the gold are ignored. Raises ``ValueError`` when ``gold`` is empty.
    """
    if not gold:
        raise ValueError("no gold items to score")
    # a missing item's own cluster key cannot collide with a predicted cluster id
    clusters: dict[str, tuple[bool, str]] = {
        item: (False, predicted[item]) if item in predicted else (True, item) for item in gold
    }
    by_label: dict[str, dict[tuple[bool, str], list[str]]] = defaultdict(lambda: defaultdict(list))
    by_cluster: dict[tuple[bool, str], dict[str, list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for item in sorted(gold):
        by_label[gold[item]][clusters[item]].append(item)
        by_cluster[clusters[item]][gold[item]].append(item)
    split = {
        label: sorted(groups.values(), key=lambda group: (-len(group), group))
        for label, groups in by_label.items()
        if len(groups) > 1
    }
    merged = {
        key[1]: dict(sorted(parts.items())) for key, parts in by_cluster.items() if len(parts) > 1
    }
    return ClusterScores(
        items=len(gold),
        gold_events=len(by_label),
        predicted_events=len(by_cluster),
        missing=sum(missing for missing, _ in clusters.values()),
        system=_partition_scores(gold, clusters),
        baseline=_partition_scores(gold, {item: item for item in gold}),
        split_gold=dict(sorted(split.items(), key=lambda e: _badness(*e))[:keep_errors]),
        merged=dict(
            sorted(merged.items(), key=lambda e: _badness(e[0], e[1].values()))[:keep_errors]
        ),
    )


def _badness(name: str, groups: Iterable[Sized]) -> tuple[int, int, str]:
    """Sort key of an error: most pieces first, then most items, then by name."""
    sizes = [len(group) for group in groups]
    return -len(sizes), -sum(sizes), name


# -- near-duplicate detection -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairOutcomes:
    """How the system judged gold pairs; ``missing`` pairs name an article it does not know."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    true_negatives: int = 0
    missing: int = 0

    def to_dict(self) -> dict[str, float | int]:
        duplicates = self.true_positives + self.false_negatives
        predicted = self.true_positives + self.false_positives
        scored = duplicates + self.false_positives + self.true_negatives
        agreed = self.true_positives + self.true_negatives
        return {
            "pairs": scored + self.missing,
            "scored": scored,
            "missing": self.missing,
            "duplicates": duplicates,
            "predicted": predicted,
            "correct": self.true_positives,
            **precision_recall_f1(self.true_positives, duplicates, predicted),
            "accuracy": round(agreed / scored, 4) if scored else 0.0,
        }


ErrorPair = tuple[str, str, str, str]  # a, b, kind, note


@dataclass(frozen=True, slots=True)
class DuplicateScores:
    """Outcomes overall and by gold ``kind``, with the first false positives and negatives."""

    overall: PairOutcomes
    per_kind: dict[str, PairOutcomes]
    false_positives: list[ErrorPair]
    false_negatives: list[ErrorPair]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.overall.to_dict(),
            "per_kind": {kind: self.per_kind[kind].to_dict() for kind in sorted(self.per_kind)},
        }


def score_duplicates(
    gold: Sequence[GoldPair],
    same_group: Callable[[str, str], bool | None],
    *,
    keep_errors: int = 20,
) -> DuplicateScores:
    """Score the system's duplicate groups on gold pairs.

    ``same_group(a, b)`` says whether the system put both articles in one group, or gives
    None when it does not know one of them: such pairs count as ``missing``, not as errors,
    so that a gold set larger than the analysed corpus still scores what it can.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: dict[str, list[ErrorPair]] = {"false_positives": [], "false_negatives": []}
    for pair in gold:
        kind = pair.kind or NO_KIND
        verdict = same_group(pair.a, pair.b)
        if verdict is None:
            outcome = "missing"
        elif verdict:
            outcome = "true_positives" if pair.duplicate else "false_positives"
        else:
            outcome = "false_negatives" if pair.duplicate else "true_negatives"
        counts[kind][outcome] += 1
        if outcome in errors and len(errors[outcome]) < keep_errors:
            errors[outcome].append((pair.a, pair.b, pair.kind, pair.note))
    overall: Counter[str] = sum(counts.values(), Counter())
    return DuplicateScores(
        overall=PairOutcomes(**overall),
        per_kind={kind: PairOutcomes(**outcomes) for kind, outcomes in counts.items()},
        false_positives=errors["false_positives"],
        false_negatives=errors["false_negatives"],
    )
