"""Event-clustering and near-duplicate scoring: gold readers, B-cubed, pairwise, ARI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.evaluate.events import (
    NO_KIND,
    GoldEvent,
    GoldPair,
    read_duplicate_gold,
    read_event_gold,
    score_clusters,
    score_duplicates,
)

# -- gold readers -------------------------------------------------------------------------


def _write(tmp_path: Path, lines: list[str], name: str = "gold.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_event_gold_keeps_split_and_ignores_other_fields(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            '{"id": "AAW_1", "event": "quake", "split": "dev", "title": "زلزال"}',
            "",
            '{"id": "AAW_2", "event": 7}',
        ],
    )
    assert read_event_gold(path) == {
        "AAW_1": GoldEvent("AAW_1", "quake", "dev"),
        "AAW_2": GoldEvent("AAW_2", "7", ""),
    }


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not JSON"),
        ('["AAW_2", "quake"]', "want a JSON object"),
        ('{"event": "quake"}', "'id'"),
        ('{"id": "AAW_2"}', "'event'"),
        ('{"id": "AAW_2", "event": true}', "'event'"),
        ('{"id": "AAW_2", "event": "quake", "split": 1}', "'split'"),
        ('{"id": "AAW_1", "event": "other"}', "given again (first at"),
    ],
)
def test_read_event_gold_names_file_and_line_of_a_bad_line(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = _write(tmp_path, ['{"id": "AAW_1", "event": "quake"}', line], name="events.jsonl")
    with pytest.raises(InputError) as caught:
        read_event_gold(path)
    assert caught.value.code == "BAD_RECORD"
    assert caught.value.source == f"{path}:2"
    assert "events.jsonl:2" in str(caught.value)
    assert reason in caught.value.reason


def test_read_duplicate_gold_reads_optional_fields(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            '{"a": "x1", "b": "x2", "duplicate": true, "kind": "near", "split": "test",'
            ' "note": "same wire story"}',
            '{"a": "x1", "b": "x3", "duplicate": false}',
        ],
    )
    assert read_duplicate_gold(path) == [
        GoldPair("x1", "x2", True, kind="near", split="test", note="same wire story"),
        GoldPair("x1", "x3", False),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{", "not JSON"),
        ('{"a": "x1", "duplicate": true}', "'b'"),
        ('{"a": "x3", "b": "x3", "duplicate": true}', "both 'x3'"),
        ('{"a": "x1", "b": "x3", "duplicate": 1}', "'duplicate'"),
        ('{"a": "x1", "b": "x3"}', "'duplicate'"),
        ('{"a": "x1", "b": "x3", "duplicate": true, "note": null}', "'note'"),
        ('{"a": "x2", "b": "x1", "duplicate": false}', "given again (first at"),
    ],
)
def test_read_duplicate_gold_names_file_and_line_of_a_bad_line(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = _write(tmp_path, ['{"a": "x1", "b": "x2", "duplicate": true}', "", line], "dups.jsonl")
    with pytest.raises(InputError) as caught:
        read_duplicate_gold(path)
    assert caught.value.source == f"{path}:3"
    assert "dups.jsonl:3" in str(caught.value)
    assert reason in caught.value.reason


# -- clustering ---------------------------------------------------------------------------


def test_score_clusters_hand_computed_with_missing_and_extra_items() -> None:
    gold = {"a": "E1", "b": "E1", "c": "E1", "d": "E2", "e": "E2"}
    # c is missing (a singleton of its own); x is not in the gold and is ignored
    predicted = {"a": "1", "b": "1", "d": "1", "e": "2", "x": "1"}
    scores = score_clusters(gold, predicted)
    # predicted partition of the gold items: {a, b, d} {e} {c}
    assert (scores.items, scores.gold_events, scores.predicted_events, scores.missing) == (
        5,
        2,
        3,
        1,
    )
    # B-cubed precision: a 2/3, b 2/3, d 1/3, e 1, c 1 → (11/3) / 5 = 11/15
    # B-cubed recall:    a 2/3, b 2/3, c 1/3, d 1/2, e 1/2 → (8/3) / 5 = 8/15
    # F1 = 2·(11/15)·(8/15) / (19/15) = 176/285
    bcubed = scores.system.bcubed
    assert bcubed.precision == pytest.approx(11 / 15)
    assert bcubed.recall == pytest.approx(8 / 15)
    assert bcubed.f1 == pytest.approx(176 / 285)
    # pairs: gold {ab, ac, bc, de} = 4; predicted {ab, ad, bd} = 3; both {ab} = 1
    # → P 1/3, R 1/4, F1 2·(1/12)/(7/12) = 2/7
    assert scores.to_dict()["pairwise"] == {
        "precision": 0.3333,
        "recall": 0.25,
        "f1": 0.2857,
        "correct": 1,
        "gold": 4,
        "predicted": 3,
    }
    # ARI: 10 pairs in all; index 1, expected 4·3/10 = 1.2, max (4+3)/2 = 3.5
    # → (1 − 1.2) / (3.5 − 1.2) = −2/23
    assert scores.system.ari == pytest.approx(-2 / 23)
    # singletons: precision 1; recall a, b, c 1/3 and d, e 1/2 → 2/5; F1 2·0.4/1.4 = 4/7;
    # no predicted pairs → pairwise precision 0 by convention, recall 0 of 4; ARI 0
    assert scores.to_dict()["baseline"] == {
        "bcubed": {"precision": 1.0, "recall": 0.4, "f1": 0.5714},
        "pairwise": {
            "precision": 0.0,
            "recall": 0.0,
            "f1": 0.0,
            "correct": 0,
            "gold": 4,
            "predicted": 0,
        },
        "ari": 0.0,
    }
    # both gold events are split in two; E1 first (more items); cluster 1 mixes them
    assert scores.split_gold == {"E1": [["a", "b"], ["c"]], "E2": [["d"], ["e"]]}
    assert scores.merged == {"1": {"E1": ["a", "b"], "E2": ["d"]}}


def test_score_clusters_bagga_baldwin_example() -> None:
    # Bagga & Baldwin (1998), fig. 3: gold {1–5} {6, 7} {8–12}; the response merges the
    # last two → precision (5·1 + 2·2/7 + 5·5/7) / 12 = 16/21 (their 76%), recall 1
    gold = {str(i): "A" if i <= 5 else "B" if i <= 7 else "C" for i in range(1, 13)}
    predicted = {str(i): "x" if i <= 5 else "y" for i in range(1, 13)}
    scores = score_clusters(gold, predicted)
    assert scores.system.bcubed.precision == pytest.approx(16 / 21)
    assert scores.system.bcubed.recall == 1.0
    # pairs: gold 10 + 1 + 10 = 21, predicted 10 + 21 = 31, all 21 gold pairs found;
    # ARI over 66 pairs: expected 21·31/66; (21 − 651/66) / (26 − 651/66) = 735/1065 = 49/71
    assert (scores.system.pairwise.correct, scores.system.pairwise.predicted) == (21, 31)
    assert scores.system.ari == pytest.approx(49 / 71)
    assert scores.split_gold == {}
    assert scores.merged == {"y": {"B": ["6", "7"], "C": ["10", "11", "12", "8", "9"]}}


def test_score_clusters_caps_and_orders_errors() -> None:
    # E3 lies in three clusters, E1 and E2 in two each (E2 has more items)
    gold = {"a": "E1", "b": "E1", "c": "E2", "d": "E2", "e": "E2", "f": "E3", "g": "E3"}
    gold["h"] = "E3"
    predicted = {"a": "1", "b": "2", "c": "3", "d": "3", "e": "4", "f": "5", "g": "6", "h": "7"}
    scores = score_clusters(gold, predicted, keep_errors=2)
    assert scores.split_gold == {
        "E3": [["f"], ["g"], ["h"]],
        "E2": [["c", "d"], ["e"]],
    }
    assert scores.merged == {}


def test_score_clusters_rejects_empty_gold() -> None:
    with pytest.raises(ValueError, match="no gold items"):
        score_clusters({}, {"a": "1"})


def test_score_clusters_missing_everything_is_the_baseline() -> None:
    gold = {"a": "E1", "b": "E1", "c": "E2"}
    scores = score_clusters(gold, {})
    assert scores.missing == 3
    assert scores.predicted_events == 3
    assert scores.system == scores.baseline
    assert scores.split_gold == {"E1": [["a"], ["b"]]}


def test_score_clusters_missing_item_named_like_a_cluster_stays_alone() -> None:
    # item "1" is missing; it must not join the predicted cluster that is also called "1"
    scores = score_clusters({"a": "E1", "1": "E1"}, {"a": "1"})
    assert (scores.missing, scores.predicted_events) == (1, 2)
    assert scores.split_gold == {"E1": [["1"], ["a"]]}


partitions = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3),
    st.sampled_from(["E1", "E2", "E3", "E4"]),
    min_size=1,
    max_size=12,
)


@given(partitions)
def test_perfect_prediction_scores_one(gold: dict[str, str]) -> None:
    scores = score_clusters(gold, {item: f"cluster-{label}" for item, label in gold.items()})
    result = scores.to_dict()
    assert result["bcubed"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["ari"] == 1.0
    pairs = scores.system.pairwise
    assert pairs.correct == pairs.gold == pairs.predicted
    if pairs.gold:  # with no gold pairs at all, pairwise is 0 of 0
        assert (result["pairwise"]["precision"], result["pairwise"]["recall"]) == (1.0, 1.0)
    assert (scores.split_gold, scores.merged, scores.missing) == ({}, {}, 0)
    assert scores.predicted_events == scores.gold_events


@given(partitions, st.lists(st.integers(0, 3), min_size=12, max_size=12))
def test_scores_are_invariant_under_relabelling(gold: dict[str, str], picks: list[int]) -> None:
    predicted = {item: str(pick) for item, pick in zip(sorted(gold), picks, strict=False)}
    renamed_gold = {item: f"event {label}" for item, label in gold.items()}
    renamed_predicted = {item: f"c{cluster}" for item, cluster in predicted.items()}
    first = score_clusters(gold, predicted)
    second = score_clusters(renamed_gold, renamed_predicted)
    assert first.to_dict() == second.to_dict()
    # swapping gold and prediction swaps B-cubed precision and recall
    swapped = score_clusters(predicted, gold).system.bcubed
    assert swapped.precision == pytest.approx(first.system.bcubed.recall)
    assert swapped.recall == pytest.approx(first.system.bcubed.precision)


@given(partitions)
def test_singletons_have_bcubed_precision_one(gold: dict[str, str]) -> None:
    scores = score_clusters(gold, {item: item for item in gold})
    assert scores.system.bcubed.precision == 1.0
    assert scores.system == scores.baseline
    # recall of an item is 1/|its gold event|, so the average is events / items
    assert scores.system.bcubed.recall == pytest.approx(scores.gold_events / scores.items)


# -- near duplicates ----------------------------------------------------------------------


GROUPS = {"a": 1, "b": 1, "c": 2, "g": 2, "d": 3, "e": 3, "f": 4}


def _same_group(first: str, second: str) -> bool | None:
    if first not in GROUPS or second not in GROUPS:
        return None
    return GROUPS[first] == GROUPS[second]


def test_score_duplicates_hand_computed() -> None:
    gold = [
        GoldPair("a", "b", True, kind="exact"),  # same group: true positive
        GoldPair("a", "c", True, kind="near", note="rewritten lead"),  # false negative
        GoldPair("d", "e", False, kind="same-topic", note="two quakes"),  # false positive
        GoldPair("d", "f", False, kind="same-topic"),  # true negative
        GoldPair("a", "z", True, kind="near"),  # z unknown: missing
        GoldPair("c", "g", True, kind="near"),  # true positive
        GoldPair("b", "f", False),  # no kind; true negative
    ]
    scores = score_duplicates(gold, _same_group)
    result = scores.to_dict()
    # scored 6: TP 2, FP 1, FN 1, TN 2 → P 2/3, R 2/3, F1 2/3, accuracy 4/6
    assert {key: value for key, value in result.items() if key != "per_kind"} == {
        "pairs": 7,
        "scored": 6,
        "missing": 1,
        "duplicates": 3,
        "predicted": 3,
        "correct": 2,
        "precision": 0.6667,
        "recall": 0.6667,
        "f1": 0.6667,
        "accuracy": 0.6667,
    }
    assert list(result["per_kind"]) == ["exact", "near", "same-topic", NO_KIND]
    # near: 3 pairs, 1 missing; of 2 scored duplicates 1 found → recall 1/2, accuracy 1/2
    near = result["per_kind"]["near"]
    assert (near["pairs"], near["scored"], near["missing"]) == (3, 2, 1)
    assert (near["recall"], near["accuracy"]) == (0.5, 0.5)
    # same-topic: no duplicates; one of two pairs wrongly grouped → accuracy 1/2
    same_topic = result["per_kind"]["same-topic"]
    assert (same_topic["duplicates"], same_topic["predicted"]) == (0, 1)
    assert (same_topic["precision"], same_topic["accuracy"]) == (0.0, 0.5)
    assert result["per_kind"][NO_KIND]["accuracy"] == 1.0
    assert scores.false_positives == [("d", "e", "same-topic", "two quakes")]
    assert scores.false_negatives == [("a", "c", "near", "rewritten lead")]
    json.dumps(result)  # JSON-able as it stands


def test_score_duplicates_caps_errors_and_handles_nothing_scored() -> None:
    gold = [GoldPair("a", other, False) for other in "bcdef"]
    scores = score_duplicates(gold, lambda first, second: True, keep_errors=2)
    assert scores.overall.false_positives == 5
    assert scores.false_positives == [("a", "b", "", ""), ("a", "c", "", "")]
    unknown = score_duplicates(gold, lambda first, second: None).to_dict()
    assert (unknown["missing"], unknown["scored"], unknown["accuracy"], unknown["f1"]) == (
        5,
        0,
        0.0,
        0.0,
    )
