"""Scoring marsad against gold sets."""

from __future__ import annotations


def precision_recall_f1(correct: int, gold: int, predicted: int) -> dict[str, float]:
    """Precision, recall and F1 of ``correct`` matches, rounded to four places."""
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
