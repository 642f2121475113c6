"""Quality gate for the dates extractor on real data (../shared/data), against pinned floors.

(a) the ANT gold set in tests/data (labels only; sentences come from the ANT archive),
dev and held-out test halves; (b) the DATE spans of the Wojood sample, recognition
only; (c) the date and date-range cases of Recognizers-Text. Figures and how they
were measured: docs/quality.md. Floors sit a little under the measured values;
lower one only on purpose.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.evaluate.dates import read_jsonl_gold, read_recognizers, read_wojood, score_dates

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ANT = DATA / "ant-corpus-v2.1" / "antcorpus.multisource.data.tar.gz"
GOLD = Path(__file__).resolve().parents[1] / "data" / "dates-ant-gold.jsonl"
TODAY = date(2026, 11, 23)


def _needs(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not found (../shared is absent)")


@_needs(ANT)
@pytest.mark.parametrize(
    ("split", "min_overlap_f1", "min_value_accuracy"),
    [("dev", 0.94, 0.95), ("test", 0.89, 0.94)],
)
def test_quality_dates_ant_gold(
    split: str, min_overlap_f1: float, min_value_accuracy: float
) -> None:
    cases = read_jsonl_gold(GOLD, corpus=ANT, split=split)
    assert len(cases) >= 100
    scores = score_dates(cases, today=TODAY).to_dict()
    assert scores["gold"] >= 100
    assert scores["overlap"]["f1"] >= min_overlap_f1, scores
    assert scores["value_accuracy"] >= min_value_accuracy, scores


@_needs(DATA / "wojood-sample")
def test_quality_dates_wojood_recognition() -> None:
    cases = read_wojood(DATA / "wojood-sample" / "train.txt")
    cases += read_wojood(DATA / "wojood-sample" / "val.txt")
    scores = score_dates(cases, today=TODAY).to_dict()
    assert scores["gold"] >= 600
    assert scores["overlap"]["f1"] >= 0.89, scores  # target 0.85


@_needs(DATA / "recognizers-text-ar")
def test_quality_dates_recognizers_text() -> None:
    folder = DATA / "recognizers-text-ar" / "Specs" / "DateTime" / "Arabic"
    extract = score_dates(read_recognizers(folder, parsers=False), today=TODAY).to_dict()
    parse = score_dates(read_recognizers(folder, parsers=True), today=TODAY).to_dict()
    assert extract["overlap"]["f1"] >= 0.84, extract
    assert parse["overlap"]["f1"] >= 0.76, parse
    assert parse["value_accuracy"] >= 0.39, parse
