"""Quality gate for near-duplicates and events on real data (ANT), against pinned floors.

The gold sets in tests/data (labels and DOCNOs only) were labelled by reading the articles
before the clusterer was tuned; thresholds were tuned on the dev halves, and the test halves
were scored once, at the end (docs/quality.md). Each test analyses exactly the gold articles
from the ANT archive into a fresh store, through the same path as ``marsad analyze --only``,
then scores the stored groups. Floors sit a little under the measured values.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.evaluate.events import read_duplicate_gold, read_event_gold
from marsad.grouping import score_stored_duplicates, score_stored_events
from marsad.jobs import analyze_paths, read_wanted_ids
from marsad.store.sqlite import Store

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ANT = DATA / "ant-corpus-v2.1" / "antcorpus.multisource.data.tar.gz"
GOLD = Path(__file__).resolve().parents[1] / "data"
CFG = Settings(period="2018..2018", today="2026-11-23")

pytestmark = pytest.mark.skipif(not ANT.exists(), reason=f"{ANT} not found (../shared is absent)")


def _store_of(gold: Path, folder: Path) -> Store:
    store = Store(folder / "gold.db")
    analyze_paths([str(ANT)], store, CFG, only=read_wanted_ids(gold))
    return store


@pytest.fixture(scope="module")
def event_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _store_of(GOLD / "events-ant-gold.jsonl", tmp_path_factory.mktemp("events"))


@pytest.fixture(scope="module")
def duplicate_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _store_of(GOLD / "duplicates-ant-gold.jsonl", tmp_path_factory.mktemp("duplicates"))


@pytest.mark.parametrize(("split", "floor"), [("dev", 0.90), ("test", 0.88)])
def test_quality_events_bcubed(event_store: Store, split: str, floor: float) -> None:
    gold = read_event_gold(GOLD / "events-ant-gold.jsonl")
    labels = {key: item.event for key, item in gold.items() if item.split == split}
    scores = score_stored_events(event_store, labels, "events-ant-gold.jsonl").to_dict()
    assert scores["missing"] == 0
    assert scores["bcubed"]["f1"] >= floor, scores
    # Better than calling every article its own event, and never by merging wholesale.
    assert scores["bcubed"]["f1"] >= scores["baseline"]["bcubed"]["f1"] + 0.02, scores
    # 0.95 until session 9, whose same-day-and-place bonus traded precision (test half
    # 0.959 -> 0.949) for recall (docs/quality.md)
    assert scores["bcubed"]["precision"] >= 0.94, scores


@pytest.mark.parametrize(
    ("split", "precision", "recall"), [("dev", 0.98, 0.95), ("test", 0.95, 0.92)]
)
def test_quality_duplicates(
    duplicate_store: Store, split: str, precision: float, recall: float
) -> None:
    pairs = [p for p in read_duplicate_gold(GOLD / "duplicates-ant-gold.jsonl") if p.split == split]
    scores = score_stored_duplicates(duplicate_store, pairs, "duplicates-ant-gold.jsonl").to_dict()
    assert scores["missing"] == 0
    assert scores["precision"] >= precision, scores
    assert scores["recall"] >= recall, scores
